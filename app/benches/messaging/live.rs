//! Live delivery at scale: one message to 1,000 listeners split over two instances, the
//! memory that 1,000 open event streams hold, and how long a broadcast's events take to reach
//! every learner. Bounded: fixed counts, and every wait has a timeout.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use app::auth::Actor;
use app::ids::{ConversationId, MessageId, OrgId, UserId};
use app::messages::Outgoing;
use app::realtime::{Hub, LiveEvent};
use axum::body::Body;
use axum::http::{header, Request};
use sqlx::PgPool;
use tokio::sync::mpsc;
use tower::ServiceExt;

const LISTENERS: usize = 1_000;
const MESSAGES: usize = 40;
const WAIT: Duration = Duration::from_secs(30);

/// The time from a send's commit until each listener's stream had the message: p50 and p99 on
/// the sender's instance and on the other one; per post, until the last listener had it; what
/// a post costs the sender in the group and in a direct chat, in time and SQL statements.
pub struct Fanout {
    pub here: (Duration, Duration),
    pub there: (Duration, Duration),
    pub last: (Duration, Duration),
    pub post: (Duration, Duration),
    pub direct_post: (Duration, Duration),
    pub statements: (usize, usize),
}

/// Receipts of posted messages by every subscription: (instance, message, when).
fn listen(subscriptions: Vec<(usize, app::realtime::Subscription)>) -> mpsc::UnboundedReceiver<(usize, MessageId, Instant)> {
    let (receipts, heard) = mpsc::unbounded_channel();
    for (instance, mut subscription) in subscriptions {
        let receipts = receipts.clone();
        tokio::spawn(async move {
            while let Some(event) = subscription.events.recv().await {
                if let LiveEvent::Posted { message, .. } = event {
                    if receipts.send((instance, message.id, Instant::now())).is_err() {
                        return;
                    }
                }
            }
        });
    }
    heard
}

/// Waits for `count` receipts of `message`; returns each one's delay after `committed`, by instance.
async fn receipts_of(
    heard: &mut mpsc::UnboundedReceiver<(usize, MessageId, Instant)>,
    message: MessageId,
    count: usize,
    committed: Instant,
) -> [Vec<Duration>; 2] {
    let mut delays = [Vec::new(), Vec::new()];
    let all = tokio::time::timeout(WAIT, async {
        while delays[0].len() + delays[1].len() < count {
            let Some((instance, id, at)) = heard.recv().await else { break };
            if id == message {
                delays[instance].push(at.saturating_duration_since(committed));
            }
        }
    });
    all.await.expect("every listener heard the message in time");
    delays
}

/// A group of the first 1,000 learners and `sender`, each learner listening on one of the two
/// instances; the sender posts one message at a time, there and, for the baseline, in their
/// direct chat `direct`.
pub async fn fan_out(
    pool: &PgPool,
    org: OrgId,
    (sender, direct): (&Actor, ConversationId),
    instances: [&Hub; 2],
    queries: &AtomicUsize,
) -> Fanout {
    let learners: Vec<UserId> =
        sqlx::query_scalar("SELECT id FROM users WHERE org_id = $1 AND role = 'learner' AND id <> $2 ORDER BY id LIMIT $3")
            .bind(org)
            .bind(sender.id)
            .bind(LISTENERS as i64)
            .fetch_all(pool)
            .await
            .unwrap();
    let group = ConversationId::new();
    sqlx::query(
        "WITH made AS (INSERT INTO conversations (id, org_id, kind, owner_id, title) VALUES ($1, $2, 'group', $3, 'Cohort'))
         INSERT INTO conversation_members (org_id, conversation_id, user_id) SELECT $2, $1, unnest($4::uuid[]) UNION ALL SELECT $2, $1, $3",
    )
    .bind(group)
    .bind(org)
    .bind(sender.id)
    .bind(learners.iter().map(|id| id.0).collect::<Vec<_>>())
    .execute(pool)
    .await
    .unwrap();
    let subscriptions = learners.iter().enumerate().map(|(n, id)| (n % 2, instances[n % 2].subscribe(*id, None))).collect();
    let mut heard = listen(subscriptions);
    let (mut here, mut there, mut last, mut posts) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut statements = 0;
    for n in 0..MESSAGES {
        let input = Outgoing::new(group, format!("Cohort note {n}"));
        let (started, before) = (Instant::now(), queries.load(Ordering::Relaxed));
        let sent = app::messages::service::send(pool, sender, input, None).await.unwrap();
        let committed = Instant::now();
        posts.push(committed - started);
        statements = queries.load(Ordering::Relaxed) - before;
        let [a, b] = receipts_of(&mut heard, sent.id, learners.len(), committed).await;
        last.push(a.iter().chain(&b).copied().max().unwrap_or_default());
        here.extend(a);
        there.extend(b);
    }
    let (mut direct_posts, mut direct_statements) = (Vec::new(), 0);
    for n in 0..MESSAGES {
        let (started, before) = (Instant::now(), queries.load(Ordering::Relaxed));
        app::messages::service::send(pool, sender, Outgoing::new(direct, format!("Note {n}")), None).await.unwrap();
        direct_posts.push(started.elapsed());
        direct_statements = queries.load(Ordering::Relaxed) - before;
    }
    Fanout {
        here: spread(here),
        there: spread(there),
        last: spread(last),
        post: spread(posts),
        direct_post: spread(direct_posts),
        statements: (statements, direct_statements),
    }
}

/// From a broadcast's commit until the last of its learners, all listening on `instance`, had
/// its event: the learners must be subscribed before `broadcast` runs.
pub async fn broadcast_reach(learners: &[UserId], instance: &Hub, broadcast: impl std::future::Future<Output = ()>) -> Duration {
    let subscriptions = learners.iter().map(|id| (0, instance.subscribe(*id, None))).collect();
    let mut heard = listen(subscriptions);
    broadcast.await;
    let committed = Instant::now();
    let last = tokio::time::timeout(WAIT, async {
        let mut last = committed;
        for _ in 0..learners.len() {
            let Some((_, _, at)) = heard.recv().await else { break };
            last = last.max(at);
        }
        last
    });
    last.await.expect("every learner heard the broadcast in time").saturating_duration_since(committed)
}

/// The server's resident memory before and after 1,000 event streams open over HTTP, in KiB.
pub async fn stream_memory(router: &axum::Router, cookies: &[String]) -> (u64, u64) {
    let before = resident_kib();
    let mut open = Vec::with_capacity(LISTENERS);
    for n in 0..LISTENERS {
        let request = Request::get("/events").header(header::COOKIE, &cookies[n % cookies.len()]).body(Body::empty()).unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        assert!(response.status().is_success(), "stream {n} opened");
        open.push(response);
    }
    let after = resident_kib();
    drop(open);
    (before, after)
}

fn resident_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap_or_default();
    line.split_whitespace().nth(1).and_then(|kib| kib.parse().ok()).unwrap_or(0)
}

fn spread(mut delays: Vec<Duration>) -> (Duration, Duration) {
    delays.sort_unstable();
    (crate::percentile(&delays, 0.50), crate::percentile(&delays, 0.99))
}
