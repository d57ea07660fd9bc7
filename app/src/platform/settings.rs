//! Server settings: defaults overridden by `CONFER_*` environment variables.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use secrecy::SecretString;

#[derive(Debug, thiserror::Error)]
#[error("{name} is not valid: {reason}")]
pub struct SettingsError {
    name: &'static str,
    reason: String,
}

#[derive(Clone, Debug)]
pub struct Settings {
    /// Where the HTTP server listens (`CONFER_ADDR`).
    pub addr: SocketAddr,
    /// Data directory: the embedded database and stored files (`CONFER_DATA_DIR`).
    pub data_dir: PathBuf,
    /// An external PostgreSQL server (`DATABASE_URL`); without it Confer runs its own. It may
    /// hold a password, so it never prints.
    pub database_url: Option<SecretString>,
    /// Folder holding `initdb` and `pg_ctl` (`CONFER_PG_BIN`); searched for when unset.
    pub pg_bin: Option<PathBuf>,
    /// Mark session cookies `Secure` (`CONFER_SECURE_COOKIES`), for serving behind TLS.
    pub secure_cookies: bool,
    /// Fill an empty database with a demo organisation (`CONFER_DEMO`).
    pub seed_demo: bool,
    /// How long a notification email waits before it is sent (`CONFER_EMAIL_DELAY_SECS`).
    pub email_delay: Duration,
    /// The mail server for notification emails (`SMTP_URL`, e.g. `smtps://user:pass@host`);
    /// without one, emails are written as `.eml` files under `<data dir>/mail`.
    pub smtp_url: Option<SecretString>,
    /// The sender of notification emails (`CONFER_MAIL_FROM`).
    pub mail_from: lettre::message::Mailbox,
    /// The address people open Confer at, for links in emails (`CONFER_PUBLIC_URL`).
    pub public_url: String,
    /// Log lines as text or as JSON objects (`CONFER_LOG_FORMAT`: `text` or `json`).
    pub log_format: LogFormat,
}

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum LogFormat {
    Text,
    Json,
}

impl Settings {
    pub fn from_env() -> Result<Self, SettingsError> {
        Self::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, SettingsError> {
        let addr: SocketAddr = parse(&get, "CONFER_ADDR", "127.0.0.1:3000")?;
        Ok(Self {
            addr,
            data_dir: PathBuf::from(get("CONFER_DATA_DIR").unwrap_or_else(|| "data".into())),
            database_url: get("DATABASE_URL").map(SecretString::from),
            pg_bin: get("CONFER_PG_BIN").map(PathBuf::from),
            secure_cookies: parse(&get, "CONFER_SECURE_COOKIES", "false")?,
            seed_demo: parse(&get, "CONFER_DEMO", "true")?,
            email_delay: Duration::from_secs(parse(&get, "CONFER_EMAIL_DELAY_SECS", "120")?),
            smtp_url: get("SMTP_URL").map(SecretString::from),
            mail_from: parse(&get, "CONFER_MAIL_FROM", "Confer <confer@localhost>")?,
            public_url: get("CONFER_PUBLIC_URL").unwrap_or_else(|| format!("http://{addr}")),
            log_format: parse(&get, "CONFER_LOG_FORMAT", "text")?,
        })
    }

    pub fn email(&self) -> crate::notifications::EmailConfig {
        crate::notifications::EmailConfig { delay: self.email_delay, from: self.mail_from.clone(), base_url: self.public_url.clone() }
    }

    pub fn mailer(&self) -> Result<crate::notifications::Mailer, String> {
        use secrecy::ExposeSecret;
        crate::notifications::Mailer::new(self.smtp_url.as_ref().map(|url| url.expose_secret()), &self.data_dir.join("mail"))
    }
}

fn parse<T>(get: &impl Fn(&str) -> Option<String>, name: &'static str, default: &str) -> Result<T, SettingsError>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    let raw = get(name).unwrap_or_else(|| default.to_owned());
    raw.parse().map_err(|err: T::Err| SettingsError { name, reason: format!("{raw:?}: {err}") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply_when_nothing_is_set() {
        let settings = Settings::from_lookup(|_| None).unwrap();
        assert_eq!(settings.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(settings.data_dir, PathBuf::from("data"));
        assert!(settings.database_url.is_none());
        assert_eq!(settings.email_delay, Duration::from_secs(120));
        assert_eq!(settings.public_url, "http://127.0.0.1:3000");
        assert_eq!(settings.mail_from.email.to_string(), "confer@localhost");
    }

    #[test]
    fn variables_override_defaults() {
        let settings = Settings::from_lookup(|name| match name {
            "CONFER_ADDR" => Some("127.0.0.1:4100".into()),
            "CONFER_EMAIL_DELAY_SECS" => Some("0".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(settings.addr.port(), 4100);
        assert_eq!(settings.email_delay, Duration::ZERO);
    }

    #[test]
    fn secrets_never_print() {
        let settings = Settings::from_lookup(|name| match name {
            "DATABASE_URL" => Some("postgres://confer:db-secret@db.example/confer".into()),
            "SMTP_URL" => Some("smtps://mailer:smtp-secret@mail.example".into()),
            "CONFER_LOG_FORMAT" => Some("json".into()),
            _ => None,
        })
        .unwrap();
        let printed = format!("{settings:?}");
        assert!(!printed.contains("db-secret") && !printed.contains("smtp-secret"), "{printed}");
        assert_eq!(settings.log_format, LogFormat::Json);
    }

    #[test]
    fn a_bad_value_names_the_variable() {
        let err = Settings::from_lookup(|name| (name == "CONFER_ADDR").then(|| "nowhere".into())).unwrap_err();
        assert!(err.to_string().starts_with("CONFER_ADDR is not valid"), "{err}");
        let err = Settings::from_lookup(|name| (name == "CONFER_MAIL_FROM").then(|| "not an address".into())).unwrap_err();
        assert!(err.to_string().starts_with("CONFER_MAIL_FROM is not valid"), "{err}");
        let err = Settings::from_lookup(|name| (name == "CONFER_LOG_FORMAT").then(|| "xml".into())).unwrap_err();
        assert!(err.to_string().starts_with("CONFER_LOG_FORMAT is not valid"), "{err}");
    }
}
