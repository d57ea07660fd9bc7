//! The outbox worker: claims due rows in a short transaction, sends outside it, and records
//! each outcome, so a slow mail server never holds up sending messages.

use std::time::Duration;

use lettre::message::Mailbox;
use sqlx::PgPool;

use super::queries::{self as outbox, NoEmail};
use super::{EmailOutcome, Mailer};
use crate::error::AppError;

const BATCH: i64 = 20;
const ATTEMPTS: i32 = 5;
const IDLE: Duration = Duration::from_secs(2);

#[derive(Clone)]
pub struct EmailConfig {
    /// How long a message may stay unread before its email goes out.
    pub delay: Duration,
    pub from: Mailbox,
    /// Where links in emails point, e.g. `https://confer.example.org`.
    pub base_url: String,
}

/// Sends every due email once; returns how many rows it finished.
pub async fn run_once(pool: &PgPool, mailer: &Mailer, config: &EmailConfig) -> Result<usize, AppError> {
    let claimed = outbox::claim(&mut *pool.acquire().await?, config.delay.as_secs_f64(), BATCH).await?;
    let mut finished = 0;
    for row in &claimed {
        let draft = outbox::draft(&mut *pool.acquire().await?, row).await?;
        let (outcome, covered) = match draft {
            Err(NoEmail::Inactive) => (EmailOutcome::Inactive, None),
            Err(NoEmail::OptedOut) => (EmailOutcome::OptedOut, None),
            Ok(draft) if draft.unread.is_empty() => (EmailOutcome::Read, None),
            Ok(draft) => match draft.to_message(&config.from, &config.base_url) {
                Err(err) => {
                    tracing::warn!(outbox = %row.id, error = %err, "notification email could not be built");
                    (EmailOutcome::Failed, None)
                }
                Ok(message) => match mailer.deliver(message).await {
                    Ok(()) => (EmailOutcome::Sent, draft.covered_up_to()),
                    Err(err) if row.attempts < ATTEMPTS => {
                        tracing::warn!(outbox = %row.id, attempt = row.attempts, error = %err, "notification email not delivered; will retry");
                        outbox::retry_later(&mut *pool.acquire().await?, row, &err).await?;
                        continue;
                    }
                    Err(err) => {
                        tracing::error!(outbox = %row.id, error = %err, "notification email given up");
                        (EmailOutcome::Failed, None)
                    }
                },
            },
        };
        let mut tx = pool.begin().await?;
        outbox::finish(&mut tx, row, outcome, covered).await?;
        tx.commit().await?;
        finished += 1;
    }
    Ok(finished)
}

/// Runs the worker until the pool closes.
pub fn spawn(pool: PgPool, mailer: Mailer, config: EmailConfig) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        while !pool.is_closed() {
            match run_once(&pool, &mailer, &config).await {
                Ok(n) if n > 0 => continue,
                Ok(_) => {}
                Err(err) if pool.is_closed() => {
                    tracing::debug!(error = %err, "email worker stopping");
                    break;
                }
                Err(err) => tracing::warn!(error = %err, "email worker failed a round"),
            }
            tokio::time::sleep(IDLE).await;
        }
    })
}
