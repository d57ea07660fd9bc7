//! Messaging benchmark: `make bench` (needs DATABASE_URL, or runs on a throwaway cluster).
//!
//! Seeds 10,000 users and 1,000,000 messages, then reports send latency at 16 concurrent
//! senders, inbox and conversation-page server time against the same figures at 1,000
//! messages, search (`search.rs`) at both, the SQL statements one inbox request costs, and how long a message takes to
//! reach the event hub of a second server instance, and how long a broadcast to every learner
//! takes to commit. Sixteen concurrent senders into sixteen conversations, into one as one
//! member and into one as sixteen members, are measured both as service calls and over HTTP
//! (`http.rs`), with failed sends counted. Live delivery to 1,000 listeners over two
//! instances (with a post's latency in that 1,000-member group against a direct chat's, and the
//! time to its last receiver), the memory of 1,000 open streams and a broadcast's reach are in
//! `live.rs`.
//! Bounded: fixed counts and timeouts only.

mod feed;
mod http;
mod live;
mod search;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::auth::Actor;
use app::broadcast::{service::broadcast, BroadcastForm};
use app::conversations::service as conversations;
use app::ids::{ClientMessageId, ConversationId, CourseId, OrgId, UserId};
use app::messages::{service as messages, Outgoing};
use app::people::OrgRole;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, PgPool};
use tracing_subscriber::layer::SubscriberExt;

const USERS: i64 = 10_000;
const CONVERSATIONS: i64 = 5_000;
const SENDERS: usize = 16;
const SENDS_EACH: usize = 100;
const SAMPLES: usize = 400;
const WARM_UP: usize = 20;
const LIVE_SAMPLES: usize = 100;
const BROADCASTS: usize = 3;

/// Counts the statements sqlx runs (it logs each one under the `sqlx::query` target).
struct QueryCounter(Arc<AtomicUsize>);

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for QueryCounter {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }
}

#[tokio::main]
async fn main() {
    let queries = Arc::new(AtomicUsize::new(0));
    let filter = tracing_subscriber::filter::Targets::new().with_target("sqlx::query", tracing::Level::TRACE);
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(QueryCounter(queries.clone())).with(filter))
        .expect("subscriber");

    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL: run `make bench`");
    let admin = PgPoolOptions::new().max_connections(1).connect(&url).await.expect("database");
    sqlx::query("DROP DATABASE IF EXISTS confer_bench WITH (FORCE)").execute(&admin).await.unwrap();
    sqlx::query("CREATE DATABASE confer_bench").execute(&admin).await.unwrap();
    let options: PgConnectOptions =
        url.parse::<PgConnectOptions>().unwrap().database("confer_bench").log_statements(tracing::log::LevelFilter::Trace);
    let pool = PgPoolOptions::new().max_connections(20).connect_with(options).await.unwrap();
    app::platform::database::migrate(&pool).await.unwrap();

    // A second instance: its own pool and its own hub, fed by LISTEN/NOTIFY only.
    let other_instance = app::realtime::Hub::new();
    other_instance.spawn_listener(
        PgPoolOptions::new()
            .max_connections(2)
            .connect_with(url.parse::<PgConnectOptions>().unwrap().database("confer_bench"))
            .await
            .unwrap(),
    );
    other_instance.listening().await;

    let world = seed_people(&pool).await;
    let sessions = Sessions::sign_in(&pool, &world).await;
    seed_messages(&pool, &world, 1_000).await;
    fill_busy_chat(&pool, &world).await;
    let small = measure(&pool, &world, &queries, &other_instance, &sessions).await;
    seed_messages(&pool, &world, 1_000_000 - 1_000).await;
    let large = measure(&pool, &world, &queries, &other_instance, &sessions).await;
    let this_instance = app::realtime::Hub::new();
    this_instance.spawn_listener(pool.clone());
    this_instance.listening().await;
    let (sender, direct) = (&world.senders[0].0, world.senders[0].1);
    let fanout = live::fan_out(&pool, world.org, (sender, direct), [&this_instance, &other_instance], &queries).await;
    let (rss_before, rss_after) = live::stream_memory(sessions.http.router(), &sessions.listeners).await;
    let broadcasts = broadcast_figures(&pool, &world, &other_instance).await;
    let feed = feed::feed_pages(&pool, &world.senders[0].0, &queries).await;

    println!("\nConfer messaging benchmark ({USERS} users, {CONVERSATIONS} direct chats)");
    println!("{:<34}{:>14}{:>14}{:>8}", "", "1,000 msgs", "1,000,000", "ratio");
    for (label, a, b) in [
        ("send p50 (16 concurrent senders)", small.send_p50, large.send_p50),
        ("send p99 (16 concurrent senders)", small.send_p99, large.send_p99),
        ("inbox, all read, median", small.inbox_read, large.inbox_read),
        ("inbox, nothing read, median", small.inbox, large.inbox),
        ("conversation page, median", small.page, large.page),
        ("to another instance's hub, p50", small.live_p50, large.live_p50),
        ("to another instance's hub, p99", small.live_p99, large.live_p99),
    ] {
        println!("{label:<34}{:>12.2}ms{:>12.2}ms{:>8.2}", ms(a), ms(b), b.as_secs_f64() / a.as_secs_f64());
    }
    for ((words, stands_for), (a, b)) in search::SEARCHES.iter().zip(small.searches.iter().zip(&large.searches)) {
        let label = format!("search {words:?} ({stands_for})");
        println!(
            "{label:<34}{:>12.2}ms{:>12.2}ms{:>8.2}   {} | {} shown",
            ms(a.0),
            ms(b.0),
            b.0.as_secs_f64() / a.0.as_secs_f64(),
            a.1,
            b.1
        );
    }
    println!("{:<34}{:>14}{:>14}", "SQL statements per inbox", small.inbox_queries, large.inbox_queries);
    println!("{:<34}{:>14}{:>14}", "  ... for a user with 1 chat", small.inbox_queries_one, large.inbox_queries_one);
    for (how, a, b) in [
        ("in process (service calls)", &small.service, &large.service),
        ("over HTTP (router, session, form post)", &small.http, &large.http),
    ] {
        println!("\n{SENDERS} concurrent senders x {SENDS_EACH} sends {how}: sends/s (errors), at 1,000 | 1,000,000 msgs");
        for (label, a, b) in [
            ("into 16 conversations", &a.spread, &b.spread),
            ("into one, as one member", &a.one_member, &b.one_member),
            ("into one, as 16 members", &a.many_members, &b.many_members),
        ] {
            println!("  {label:<32}{:>9.0} ({}){:>9.0} ({})", a.per_second, a.errors, b.per_second, b.errors);
        }
        for (label, bursts) in [("1,000", a), ("1,000,000", b)] {
            let base = bursts.spread.per_second;
            println!(
                "  one conversation / 16, at {label:<10}{:>6.2} (one member){:>6.2} (16 members)",
                bursts.one_member.per_second / base,
                bursts.many_members.per_second / base
            );
        }
    }
    println!("\nA group's feed page (50 posts with their replies):        100 posts   100,000 posts   ratio");
    println!(
        "  median                                         {:>8.2}ms  {:>12.2}ms  {:>6.2}",
        ms(feed.small),
        ms(feed.large),
        feed.large.as_secs_f64() / feed.small.as_secs_f64()
    );
    println!("  SQL statements                                 {:>10}  {:>14}", feed.statements_small, feed.statements_large);
    println!("\nBroadcast to {} learners, with 1,000,000 messages stored, until committed:", broadcasts.learners);
    println!("  a bare insert of as many messages (median of {BROADCASTS}) {:>10.0}ms", ms(broadcasts.bare));
    println!(
        "  first (creates every chat)      {:>10.0}ms  ratio to the bare insert {:>5.2}",
        ms(broadcasts.first),
        ratio(broadcasts.first, broadcasts.bare)
    );
    println!(
        "  again (median of {BROADCASTS})            {:>10.0}ms  ratio to the bare insert {:>5.2}",
        ms(broadcasts.again),
        ratio(broadcasts.again, broadcasts.bare)
    );
    println!("  from commit to the last learner's event on another instance {:>6.0}ms", ms(broadcasts.reach));
    println!("\nLive delivery, from a send's commit to each of 1,000 listeners' streams (half on each instance):");
    println!("  on the sender's instance    p50 {:>7.1}ms   p99 {:>7.1}ms", ms(fanout.here.0), ms(fanout.here.1));
    println!("  on the other instance       p50 {:>7.1}ms   p99 {:>7.1}ms", ms(fanout.there.0), ms(fanout.there.1));
    println!("  to the last of the 1,000    p50 {:>7.1}ms   p99 {:>7.1}ms", ms(fanout.last.0), ms(fanout.last.1));
    println!("A post's latency for its sender, until committed:        p50       p99   statements");
    for (label, (p50, p99), statements) in [
        ("  in a direct chat (2 members)", fanout.direct_post, fanout.statements.1),
        ("  in a group of 1,001 members", fanout.post, fanout.statements.0),
    ] {
        println!("{label:<52}{:>7.2}ms{:>8.2}ms{statements:>8}", ms(p50), ms(p99));
    }
    println!(
        "  ratio, group / direct                              {:>7.2}{:>10.2}",
        ratio(fanout.post.0, fanout.direct_post.0),
        ratio(fanout.post.1, fanout.direct_post.1)
    );
    println!(
        "Server memory with 1,000 event streams open over HTTP: {:.1} MiB more ({:.1} KiB a stream; {:.1} MiB resident)",
        (rss_after.saturating_sub(rss_before)) as f64 / 1024.0,
        (rss_after.saturating_sub(rss_before)) as f64 / 1000.0,
        rss_after as f64 / 1024.0
    );
    println!(
        "\nThe search statement's plan for {:?} with 1,000,000 messages:\n{}",
        search::SEARCHES[0].0,
        search::plan(&pool, &world.busy, search::SEARCHES[0].0).await
    );
    // Every figure above came from sends that all succeeded, into counters that stayed exact.
    let errors: usize = [&small, &large]
        .iter()
        .flat_map(|m| [&m.service, &m.http])
        .flat_map(|b| [b.spread.errors, b.one_member.errors, b.many_members.errors])
        .sum();
    let drift = app::inbox_state::repair(&mut pool.acquire().await.unwrap(), None).await.unwrap();
    println!(
        "
Failed sends in every burst: {errors}; stored counters and previews a recount corrected: {} and {}",
        drift.counters, drift.previews
    );
    assert_eq!(
        (errors, drift),
        (0, app::inbox_state::Drift::default()),
        "a busy conversation never fails a send, and the counters stay exact"
    );
    pool.close().await;
    sqlx::query("DROP DATABASE confer_bench WITH (FORCE)").execute(&admin).await.unwrap();
}

struct World {
    org: OrgId,
    /// A staff member in 50 conversations: the one whose inbox and pages are measured.
    busy: Actor,
    busy_chat: ConversationId,
    /// A user in exactly one conversation.
    quiet: Actor,
    /// Sixteen staff members, each with a direct chat of their own.
    senders: Vec<(Actor, ConversationId)>,
    /// A group chat of the sixteen senders.
    group: ConversationId,
}

fn actor(org: OrgId, id: UserId) -> Actor {
    Actor { id, org_id: org, role: OrgRole::Staff, department_id: None }
}

async fn seed_people(pool: &PgPool) -> World {
    let org = OrgId::new();
    sqlx::query("INSERT INTO organisations (id, name) VALUES ($1, 'Bench')").bind(org).execute(pool).await.unwrap();
    sqlx::query(
        "INSERT INTO users (id, org_id, email, first_name, last_name, role, password_hash)
         SELECT gen_random_uuid(), $1, 'user' || n || '@bench.test', 'User', 'Number ' || n, CASE WHEN n <= 100 THEN 'staff' ELSE 'learner' END::org_role, 'x'
         FROM generate_series(1, $2) AS n",
    )
    .bind(org)
    .bind(USERS)
    .execute(pool)
    .await
    .unwrap();
    // Chat n pairs user (n mod 100), a staff member, with learner 101 + n.
    sqlx::query(
        "WITH numbered AS (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users),
              pairs AS (SELECT gen_random_uuid() AS chat, s.id AS a, l.id AS b
                        FROM generate_series(0, $2 - 1) AS k(i)
                        JOIN numbered s ON s.n = 1 + (k.i % 100) JOIN numbered l ON l.n = 101 + k.i),
              made AS (INSERT INTO conversations (id, org_id, kind, owner_id, direct_key)
                       SELECT chat, $1, 'direct', a, direct_key(a, b) FROM pairs)
         INSERT INTO conversation_members (org_id, conversation_id, user_id)
         SELECT $1, chat, a FROM pairs UNION ALL SELECT $1, chat, b FROM pairs",
    )
    .bind(org)
    .bind(CONVERSATIONS)
    .execute(pool)
    .await
    .unwrap();
    let staff: Vec<UserId> = sqlx::query_scalar("SELECT owner_id FROM conversations GROUP BY owner_id ORDER BY owner_id LIMIT $1")
        .bind(SENDERS as i64 + 1)
        .fetch_all(pool)
        .await
        .unwrap();
    let busy = actor(org, staff[0]);
    let busy_chat = first_chat(pool, busy.id).await;
    let quiet_id: UserId = sqlx::query_scalar("SELECT user_id FROM conversation_members GROUP BY user_id HAVING count(*) = 1 LIMIT 1")
        .fetch_one(pool)
        .await
        .unwrap();
    let mut senders = Vec::new();
    for id in &staff[1..] {
        senders.push((actor(org, *id), first_chat(pool, *id).await));
    }
    let group = ConversationId::new();
    sqlx::query(
        "WITH made AS (INSERT INTO conversations (id, org_id, kind, owner_id, title) VALUES ($1, $2, 'group', $3[1], 'Staff room'))
         INSERT INTO conversation_members (org_id, conversation_id, user_id) SELECT $2, $1, unnest($3::uuid[])",
    )
    .bind(group)
    .bind(org)
    .bind(staff[1..].iter().map(|id| id.0).collect::<Vec<_>>())
    .execute(pool)
    .await
    .unwrap();
    World { org, busy, busy_chat, quiet: actor(org, quiet_id), senders, group }
}

async fn first_chat(pool: &PgPool, user: UserId) -> ConversationId {
    sqlx::query_scalar("SELECT conversation_id FROM conversation_members WHERE user_id = $1 ORDER BY conversation_id LIMIT 1")
        .bind(user)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Gives the measured chat a full page of history even in the small run, so both runs read
/// the same number of rows.
async fn fill_busy_chat(pool: &PgPool, world: &World) {
    sqlx::query(
        "INSERT INTO messages (id, org_id, conversation_id, author_id, client_id, body, body_html, created_at)
         SELECT gen_random_uuid(), $1, $2, $3, gen_random_uuid(), 'Filler ' || g, '<p>Filler ' || g || '</p>', now() - make_interval(secs => g)
         FROM generate_series(1, 60) AS g",
    )
    .bind(world.org)
    .bind(world.busy_chat)
    .bind(world.busy.id)
    .execute(pool)
    .await
    .unwrap();
}

/// Moves every read pointer of `user` to the newest message, or clears them, with the
/// unread counters to match.
async fn set_all_read(pool: &PgPool, user: UserId, read: bool) {
    sqlx::query(
        "UPDATE conversation_members m SET read_position = CASE WHEN $2 THEN c.last_message_at END, last_read_at = now()
         FROM conversations c WHERE c.id = m.conversation_id AND m.user_id = $1",
    )
    .bind(user)
    .bind(read)
    .execute(pool)
    .await
    .unwrap();
    app::inbox_state::repair(&mut pool.acquire().await.unwrap(), None).await.unwrap();
}

/// Adds `count` messages spread over every chat, both members writing in turn, in set-based
/// statements; every member's unread counter is then recounted.
async fn seed_messages(pool: &PgPool, world: &World, count: i64) {
    let started = Instant::now();
    sqlx::query(
        "WITH chats AS (SELECT c.id, c.owner_id, other.user_id AS other_id, row_number() OVER (ORDER BY c.id) - 1 AS n
                        FROM conversations c JOIN conversation_members other ON other.conversation_id = c.id AND other.user_id <> c.owner_id
                        WHERE c.kind = 'direct')
         INSERT INTO messages (id, org_id, conversation_id, author_id, client_id, body, body_html, plain, created_at)
         SELECT gen_random_uuid(), $1, chats.id, CASE WHEN g % 2 = 0 THEN chats.owner_id ELSE chats.other_id END,
                gen_random_uuid(), text, '<p>' || text || '</p>', text,
                now() - make_interval(secs => ($2 - g)::double precision / 10)
         FROM generate_series(1, $2) AS g JOIN chats ON chats.n = g % $3,
              LATERAL (SELECT 'Message ' || g || ' about ' || ($4::text[])[g % 10 + 1]
                              || CASE WHEN g % 50000 = 0 THEN ' zeppelin' ELSE '' END AS text) words",
    )
    .bind(world.org)
    .bind(count)
    .bind(CONVERSATIONS)
    .bind(search::TOPICS)
    .execute(pool)
    .await
    .unwrap();
    // Seeding writes messages only; the stored counters and previews come from the repair.
    app::inbox_state::repair(&mut pool.acquire().await.unwrap(), None).await.unwrap();
    // Settles what a bulk insert leaves behind (hint bits, visibility map, statistics, dirty
    // pages), so neither autovacuum nor a checkpoint runs in the middle of a measurement.
    sqlx::query("VACUUM ANALYZE").execute(pool).await.unwrap();
    sqlx::query("CHECKPOINT").execute(pool).await.unwrap();
    eprintln!("seeded {count} messages in {:.1}s", started.elapsed().as_secs_f64());
}

struct Figures {
    send_p50: Duration,
    send_p99: Duration,
    inbox: Duration,
    inbox_read: Duration,
    page: Duration,
    inbox_queries: usize,
    inbox_queries_one: usize,
    live_p50: Duration,
    live_p99: Duration,
    service: Bursts,
    http: Bursts,
    searches: Vec<(Duration, usize)>,
}

/// Sixteen concurrent senders into sixteen conversations, into one as one member, and into
/// one as sixteen members.
struct Bursts {
    spread: Burst,
    one_member: Burst,
    many_members: Burst,
}

/// Signed-in sessions for the sends over HTTP: one per sender, and sixteen of the first; and
/// one each of a hundred learners, for event streams.
struct Sessions {
    http: http::Http,
    listeners: Vec<String>,
    spread: Vec<(String, ConversationId)>,
    one_member: Vec<(String, ConversationId)>,
    many_members: Vec<(String, ConversationId)>,
}

impl Sessions {
    async fn sign_in(pool: &PgPool, world: &World) -> Self {
        let ids: Vec<UserId> = world.senders.iter().map(|(sender, _)| sender.id).collect();
        let learners: Vec<(UserId, String)> =
            sqlx::query_as("SELECT id, email::text FROM users WHERE role = 'learner' ORDER BY id LIMIT 100").fetch_all(pool).await.unwrap();
        let everyone: Vec<UserId> = ids.iter().copied().chain(learners.iter().map(|(id, _)| *id)).collect();
        let http = http::Http::start(pool, &everyone).await;
        let mut listeners = Vec::new();
        for (_, email) in &learners {
            listeners.push(http.sign_in(email).await);
        }
        let mut spread = Vec::new();
        for (sender, chat) in &world.senders {
            let email: String =
                sqlx::query_scalar("SELECT email::text FROM users WHERE id = $1").bind(sender.id).fetch_one(pool).await.unwrap();
            spread.push((http.sign_in(&email).await, *chat));
        }
        let first_email: String =
            sqlx::query_scalar("SELECT email::text FROM users WHERE id = $1").bind(ids[0]).fetch_one(pool).await.unwrap();
        let mut one_member = Vec::new();
        for _ in 0..SENDERS {
            one_member.push((http.sign_in(&first_email).await, world.senders[0].1));
        }
        let many_members = spread.iter().map(|(cookie, _)| (cookie.clone(), world.group)).collect();
        Self { http, listeners, spread, one_member, many_members }
    }
}

async fn measure(pool: &PgPool, world: &World, queries: &AtomicUsize, other_instance: &app::realtime::Hub, sessions: &Sessions) -> Figures {
    let busy = &world.busy;
    set_all_read(pool, busy.id, true).await;
    let inbox_read = timed(|| async move {
        conversations::inbox(pool, busy).await.unwrap();
    })
    .await;
    set_all_read(pool, busy.id, false).await;
    let inbox = timed(|| async move {
        conversations::inbox(pool, busy).await.unwrap();
    })
    .await;
    let page = timed(|| async move {
        messages::page(pool, busy, world.busy_chat, None).await.unwrap();
    })
    .await;
    let before = queries.load(Ordering::Relaxed);
    conversations::inbox(pool, &world.busy).await.unwrap();
    let inbox_queries = queries.load(Ordering::Relaxed) - before;
    let before = queries.load(Ordering::Relaxed);
    conversations::inbox(pool, &world.quiet).await.unwrap();
    let inbox_queries_one = queries.load(Ordering::Relaxed) - before;

    // Unmeasured: warms the caches, so that the first measured burst is not the only cold one.
    send_burst(pool, world.senders.clone()).await;
    let (first, chat) = world.senders[0].clone();
    let service = Bursts {
        spread: send_burst(pool, world.senders.clone()).await,
        one_member: send_burst(pool, vec![(first, chat); SENDERS]).await,
        many_members: send_burst(pool, world.senders.iter().map(|(sender, _)| (sender.clone(), world.group)).collect()).await,
    };
    let http = Bursts {
        spread: sessions.http.burst(sessions.spread.clone(), SENDS_EACH).await,
        one_member: sessions.http.burst(sessions.one_member.clone(), SENDS_EACH).await,
        many_members: sessions.http.burst(sessions.many_members.clone(), SENDS_EACH).await,
    };
    let mut sends = service.spread.times.clone();
    sends.sort();
    let mut live = live_delivery(pool, world, other_instance).await;
    live.sort();
    Figures {
        send_p50: percentile(&sends, 0.50),
        send_p99: percentile(&sends, 0.99),
        inbox,
        inbox_read,
        page,
        inbox_queries,
        inbox_queries_one,
        live_p50: percentile(&live, 0.50),
        live_p99: percentile(&live, 0.99),
        service,
        http,
        searches: search::searches(pool, busy).await,
    }
}

/// What a burst of concurrent sends achieved.
#[derive(Clone)]
struct Burst {
    times: Vec<Duration>,
    per_second: f64,
    errors: usize,
}

/// Every (sender, conversation) pair sends `SENDS_EACH` messages, all pairs at once; failed
/// sends are counted, not retried.
async fn send_burst(pool: &PgPool, jobs: Vec<(Actor, ConversationId)>) -> Burst {
    let started = Instant::now();
    let tasks = jobs.into_iter().map(|(sender, chat)| {
        let pool = pool.clone();
        tokio::spawn(async move {
            let mut times = Vec::with_capacity(SENDS_EACH);
            let mut errors = 0;
            for n in 0..SENDS_EACH {
                let input = Outgoing::new(chat, format!("bench {n}"));
                let sent = Instant::now();
                match messages::send(&pool, &sender, input, None).await {
                    Ok(_) => times.push(sent.elapsed()),
                    Err(_) => errors += 1,
                }
            }
            (times, errors)
        })
    });
    Burst::collect(started, futures::future::join_all(tasks).await.into_iter().map(|r| r.unwrap()).collect())
}

impl Burst {
    /// The figures of a burst that started at `started`, from each sender's times and errors.
    fn collect(started: Instant, results: Vec<(Vec<Duration>, usize)>) -> Self {
        let elapsed = started.elapsed().as_secs_f64();
        let errors = results.iter().map(|(_, e)| e).sum();
        let times: Vec<Duration> = results.into_iter().flat_map(|(t, _)| t).collect();
        Burst { per_second: times.len() as f64 / elapsed, times, errors }
    }
}

/// From the start of a send on this instance until a stream of a member on the other instance
/// has the message itself, rendered for them, one message at a time.
async fn live_delivery(pool: &PgPool, world: &World, other_instance: &app::realtime::Hub) -> Vec<Duration> {
    // Let the hub work through the events of the concurrent sends first.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut stream = other_instance.subscribe(world.busy.id, None);
    let mut times = Vec::with_capacity(LIVE_SAMPLES);
    for n in 0..LIVE_SAMPLES {
        let input = Outgoing::new(world.busy_chat, format!("live {n}"));
        let started = Instant::now();
        messages::send(pool, &world.busy, input, None).await.unwrap();
        let arrived = tokio::time::timeout(Duration::from_secs(5), async {
            loop {
                match stream.events.recv().await {
                    Some(app::realtime::LiveEvent::Posted { conversation, .. }) if conversation == world.busy_chat => break,
                    Some(_) => {}
                    None => panic!("the stream closed"),
                }
            }
        });
        arrived.await.expect("the event reached the other instance within 5 s");
        times.push(started.elapsed());
    }
    times
}

/// The median time of `run`, after a few unmeasured runs that warm the caches.
async fn timed<F: std::future::Future<Output = ()>>(mut run: impl FnMut() -> F) -> Duration {
    for _ in 0..WARM_UP {
        run().await;
    }
    let mut samples = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        let started = Instant::now();
        run().await;
        samples.push(started.elapsed());
    }
    median(samples)
}

struct Broadcasts {
    learners: usize,
    /// The first broadcast, which creates every direct chat.
    first: Duration,
    /// The median of the later ones, into the existing chats.
    again: Duration,
    /// The median of as many messages inserted into those chats by one bare statement, with
    /// nothing else written: the floor a broadcast is measured against.
    bare: Duration,
    /// From one more broadcast's commit until the last learner's stream had it.
    reach: Duration,
}

/// A course holding every learner, taught by a new staff member in no chat yet, who then
/// broadcasts to it: once creating every direct chat, then again into the existing chats, each
/// time after a bare insert of as many messages into them (deleted again, untimed) ...
/// ... and, with every learner listening on `other_instance`, from one more broadcast's commit
/// until the last learner's stream had it.
async fn broadcast_figures(pool: &PgPool, world: &World, other_instance: &app::realtime::Hub) -> Broadcasts {
    let teacher = UserId::new();
    let course = CourseId::new();
    sqlx::query(
        "WITH t AS (INSERT INTO users (id, org_id, email, first_name, last_name, role, password_hash)
                    VALUES ($2, $1, 'teacher@bench.test', 'Tess', 'Teacher', 'staff', 'x')),
              c AS (INSERT INTO courses (id, org_id, title) VALUES ($3, $1, 'Everyone'))
         INSERT INTO enrolments (org_id, course_id, user_id, role)
         SELECT $1, $3, id, 'learner'::course_role FROM users WHERE org_id = $1 AND role = 'learner'
         UNION ALL SELECT $1, $3, $2, 'instructor'::course_role",
    )
    .bind(world.org)
    .bind(teacher)
    .bind(course)
    .execute(pool)
    .await
    .unwrap();
    let sender = &actor(world.org, teacher);
    let send = move || async move {
        let form = BroadcastForm {
            course,
            client_id: ClientMessageId::new(),
            body: "Reminder: the assignment is due on Friday.".into(),
            to: Vec::new(),
        };
        let started = Instant::now();
        let report = broadcast(pool, sender, form).await.unwrap();
        (report.recipients as usize, started.elapsed())
    };
    let (learners, first) = send().await;
    let (mut again, mut bare) = (Vec::with_capacity(BROADCASTS), Vec::with_capacity(BROADCASTS));
    for _ in 0..BROADCASTS {
        bare.push(bare_insert(pool, world.org, teacher, learners).await);
        again.push(send().await.1);
    }
    let enrolled: Vec<UserId> = sqlx::query_scalar("SELECT user_id FROM enrolments WHERE course_id = $1 AND role = 'learner'")
        .bind(course)
        .fetch_all(pool)
        .await
        .unwrap();
    let reach = live::broadcast_reach(&enrolled, other_instance, async {
        send().await;
    })
    .await;
    Broadcasts { learners, first, again: median(again), bare: median(bare), reach }
}

/// How long one statement takes to insert a message into each of the sender's chats, until
/// committed; the messages are then deleted, so that the stored counters stay exact.
async fn bare_insert(pool: &PgPool, org: OrgId, sender: UserId, expected: usize) -> Duration {
    let started = Instant::now();
    let ids: Vec<uuid::Uuid> = sqlx::query_scalar(
        "INSERT INTO messages (id, org_id, conversation_id, author_id, client_id, body, body_html, plain)
         SELECT gen_random_uuid(), $1, c.id, $2, gen_random_uuid(), 'Bare', '<p>Bare</p>', 'Bare'
         FROM conversations c WHERE c.org_id = $1 AND c.owner_id = $2
         RETURNING id",
    )
    .bind(org)
    .bind(sender)
    .fetch_all(pool)
    .await
    .unwrap();
    let took = started.elapsed();
    assert_eq!(ids.len(), expected, "one message in each of the sender's chats");
    sqlx::query("DELETE FROM messages WHERE id = ANY($1)").bind(&ids).execute(pool).await.unwrap();
    took
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    percentile(&samples, 0.5)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
