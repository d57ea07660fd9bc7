//! Where emails go: an SMTP server when `SMTP_URL` is set, otherwise `.eml` files in the data
//! directory, so a machine without a mail server still shows what would have been sent.

use std::path::{Path, PathBuf};

use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

impl Mailer {
    /// `smtp_url` as lettre reads it, e.g. `smtps://user:pass@mail.example.com` or
    /// `smtp://localhost:25`; without one, files under `mail_dir`.
    pub fn new(smtp_url: Option<&str>, mail_dir: &Path) -> Result<Self, String> {
        match smtp_url {
            Some(url) => {
                Ok(Self::Smtp(AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|err| format!("SMTP_URL: {err}"))?.build()))
            }
            None => {
                std::fs::create_dir_all(mail_dir).map_err(|err| format!("{}: {err}", mail_dir.display()))?;
                Ok(Self::Files(mail_dir.to_owned()))
            }
        }
    }

    pub async fn deliver(&self, message: Message) -> Result<(), String> {
        match self {
            Self::Smtp(transport) => transport.send(message).await.map(drop).map_err(|err| err.to_string()),
            Self::Files(dir) => AsyncFileTransport::<Tokio1Executor>::new(dir).send(message).await.map(drop).map_err(|err| err.to_string()),
        }
    }
}
