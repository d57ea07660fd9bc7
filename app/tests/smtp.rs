//! Notification emails through a real SMTP server on loopback: aiosmtpd, which
//! `.ci/install-tools --browser` installs, keeping what it receives in a maildir.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use app::notifications::{worker, EmailConfig, Mailer};
use sqlx::PgPool;

use crate::messaging::say;
use crate::support::world;

/// The mail server, listening on 127.0.0.1 until dropped.
struct SmtpServer {
    child: Child,
    maildir: PathBuf,
}

impl SmtpServer {
    fn start(port: u16, maildir: PathBuf) -> Self {
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 runs aiosmtpd: install it with `.ci/install-tools --browser`");
        let server = Self { child, maildir };
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "aiosmtpd listens within 15 s (is it installed? `python3 -m pip install aiosmtpd`)"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    /// Every email received so far, as its raw text.
    fn received(&self) -> Vec<String> {
        match std::fs::read_dir(self.maildir.join("new")) {
            Ok(entries) => entries.map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap()).collect(),
            Err(_) => Vec::new(),
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn config() -> EmailConfig {
    EmailConfig { delay: Duration::ZERO, from: "confer@confer.test".parse().unwrap(), base_url: "http://confer.test".into() }
}

/// Makes every email waiting for a retry due now.
async fn due_now(pool: &PgPool) {
    sqlx::query("UPDATE email_outbox SET claimed_until = now() - interval '1 second' WHERE done_at IS NULL").execute(pool).await.unwrap();
}

#[sqlx::test(migrations = "../migrations")]
async fn a_mail_server_that_was_down_gets_each_burst_as_one_email_once_it_is_up(pool: PgPool) {
    let w = world(&pool).await;
    let group = crate::messaging::group_of(&pool, &w.staff, &[&w.learner, &w.north_learner]).await;
    let first_names = app::conversations::NewGroup {
        name: "Pottery club".into(),
        naming: app::conversations::LearnerNaming::First,
        people_visible: true,
        style: app::conversations::GroupStyle::Chat,
        locked: false,
        avatar: String::new(),
    };
    app::conversations::service::update_group(&pool, &w.staff, group, first_names).await.unwrap();
    say(&pool, &w.north_learner, group, "The kiln is **hot** today").await;
    say(&pool, &w.north_learner, group, "Bring:\n\n- gloves\n- an _apron_").await;

    let port = free_port();
    let mailer = Mailer::new(Some(&format!("smtp://127.0.0.1:{port}")), std::path::Path::new("/nonexistent")).unwrap();
    assert_eq!(worker::run_once(&pool, &mailer, &config()).await.unwrap(), 0, "the server is down: nothing is finished");
    let waiting: i64 =
        sqlx::query_scalar("SELECT count(*) FROM email_outbox WHERE done_at IS NULL AND attempts = 1").fetch_one(&pool).await.unwrap();
    assert_eq!(waiting, 2, "both emails wait for a retry");

    let maildir = tempfile::tempdir().unwrap();
    let server = SmtpServer::start(port, maildir.path().join("mail"));
    due_now(&pool).await;
    assert_eq!(worker::run_once(&pool, &mailer, &config()).await.unwrap(), 2);
    due_now(&pool).await;
    assert_eq!(worker::run_once(&pool, &mailer, &config()).await.unwrap(), 0, "nothing is left to send");
    let received = server.received();
    assert_eq!(received.len(), 2, "one email for the burst to each of the learner and the staff member");
    let to_learner = received.iter().find(|mail| mail.contains("To: learner@acme.test")).expect("the learner's email");
    let text = to_learner.replace("=\r\n", "").replace("\r\n", "\n");
    for expected in [
        "Subject: 2 new messages in Pottery club from northlearner",
        "northlearner wrote:\n> The kiln is hot today",
        "> Bring:\n> gloves\n> an apron",
        "http://confer.test/messages/",
        "http://confer.test/profile",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    let body = text.split_once("\n\n").map_or("", |(_, body)| body);
    assert!(!body.contains("**") && !body.contains('_') && !body.contains("- gloves"), "no Markdown syntax: {body}");
    assert!(!text.contains("northlearner acme.test"), "the group shows learners by first name");
    crate::support::assert_inbox_state_exact(&pool).await;
}
