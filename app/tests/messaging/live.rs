use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use futures::StreamExt;
use sqlx::PgPool;

use super::{direct, say};
use crate::support::{router, send, session_cookie, sign_in, world, PASSWORD};

/// An open stream, past its first event ("connected").
async fn open_stream(app: &axum::Router, cookie: &str, last_event_id: Option<&str>) -> axum::body::BodyDataStream {
    connect(app, cookie, last_event_id).await.0
}

/// An open stream and the id its first event gives it.
async fn connect(app: &axum::Router, cookie: &str, last_event_id: Option<&str>) -> (axum::body::BodyDataStream, String) {
    let mut request = Request::get("/events").header(header::COOKIE, cookie);
    if let Some(id) = last_event_id {
        request = request.header("last-event-id", id);
    }
    let response = send(app, request.body(Body::empty()).unwrap()).await;
    assert_eq!(response.status(), StatusCode::OK);
    let mut stream = response.into_body().into_data_stream();
    let connected = next_event(&mut stream).await;
    assert_eq!(connected["type"], "connected", "a stream opens with its id");
    let id = connected["stream"].as_str().expect("a stream id").to_owned();
    (stream, id)
}

/// The one event in a stream's text, as its fields with its kind as `type`. An event travels
/// named by its kind: `"resync"`, or `{"posted": {...}}`.
fn only_event(text: &str) -> serde_json::Value {
    let data: Vec<&str> = text.lines().filter_map(|line| line.strip_prefix("data: ")).collect();
    assert_eq!(data.len(), 1, "one event: {text:?}");
    match serde_json::from_str(data[0]).unwrap() {
        serde_json::Value::String(kind) => serde_json::json!({ "type": kind }),
        serde_json::Value::Object(named) if named.len() == 1 => {
            let (kind, mut fields) = named.into_iter().next().unwrap();
            fields["type"] = kind.into();
            fields
        }
        other => panic!("an event is named by its kind: {other}"),
    }
}

/// The next event on the stream, waiting up to five seconds.
async fn next_event(stream: &mut axum::body::BodyDataStream) -> serde_json::Value {
    only_event(&read_until(stream, "\n\n", Duration::from_secs(5)).await)
}

/// The next event that is not the `posted` of a message sent before the stream opened: its
/// notice may reach the hub after the stream did, and applying it again changes nothing.
async fn next_event_after_posts(stream: &mut axum::body::BodyDataStream) -> serde_json::Value {
    loop {
        let event = next_event(stream).await;
        if event["type"] != "posted" {
            return event;
        }
    }
}

async fn cookie_of(app: &axum::Router, email: &str) -> String {
    session_cookie(&sign_in(app, email, PASSWORD).await).expect("signed in")
}

/// Whether the stream ends within `wait`.
async fn ends_within(stream: &mut axum::body::BodyDataStream, wait: Duration) -> bool {
    tokio::time::timeout(wait, async { while stream.next().await.is_some() {} }).await.is_ok()
}

/// The text of the stream until `wanted` shows up, or whatever came within `wait`.
async fn read_until(stream: &mut axum::body::BodyDataStream, wanted: &str, wait: Duration) -> String {
    let mut text = String::new();
    let _ = tokio::time::timeout(wait, async {
        while let Some(Ok(chunk)) = stream.next().await {
            text.push_str(&String::from_utf8_lossy(&chunk));
            if text.contains(wanted) {
                break;
            }
        }
    })
    .await;
    text
}

#[sqlx::test(migrations = "../migrations")]
async fn a_message_sent_through_one_instance_reaches_a_stream_on_another(pool: PgPool) {
    let w = world(&pool).await;
    let (first, second) = (router(&pool).await, router(&pool).await);
    let learner = cookie_of(&second, "learner@acme.test").await;
    let outsider = cookie_of(&second, "staff@acme.test").await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let mut learner_stream = open_stream(&second, &learner, None).await;
    let mut outsider_stream = open_stream(&second, &outsider, None).await;

    drop(first);
    say(&pool, &w.instructor, chat, "live **news**!").await;
    let received = read_until(&mut learner_stream, "\n\n", Duration::from_secs(5)).await;
    let event = only_event(&received);
    assert_eq!(event["type"], "posted", "{received:?}");
    assert_eq!(event["conversation"], chat.to_string());
    let message = &event["message"];
    assert_eq!(message["html"], "<p>live <strong>news</strong>!</p>\n", "the message itself, rendered");
    assert_eq!(message["plain"], "live news!");
    assert_eq!(message["author_id"], w.instructor.id.to_string());
    assert_eq!(message["can_delete"], false, "the learner may not delete the instructor's message");
    assert_eq!((event["inbox"]["id"].as_str(), event["inbox"]["unread"].as_i64()), (Some(chat.to_string().as_str()), Some(1)));
    assert_eq!(event["inbox"]["preview"], "live news!", "previews are text, not Markdown");
    // A later message to the non-member: events arrive in commit order, so once it is there,
    // anything about the first chat would have come before it.
    let sentinel = direct(&pool, &w.admin, &w.staff).await;
    say(&pool, &w.admin, sentinel, "for you").await;
    let heard = read_until(&mut outsider_stream, &sentinel.to_string(), Duration::from_secs(5)).await;
    assert!(heard.contains(&sentinel.to_string()), "the sentinel arrived: {heard:?}");
    assert!(!heard.contains(&chat.to_string()), "a non-member's stream never hears of it: {heard:?}");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_reconnecting_client_is_told_to_re_read(pool: PgPool) {
    world(&pool).await;
    let app = router(&pool).await;
    let cookie = cookie_of(&app, "learner@acme.test").await;
    let mut stream = open_stream(&app, &cookie, Some("0190a0c0-0000-7000-8000-000000000000")).await;
    let received = read_until(&mut stream, "resync", Duration::from_secs(2)).await;
    assert_eq!(only_event(&received), serde_json::json!({ "type": "resync" }));
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn the_event_stream_needs_a_signed_in_user(pool: PgPool) {
    let app = router(&pool).await;
    let response = send(&app, Request::get("/events").body(Body::empty()).unwrap()).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_deactivated_member_can_no_longer_post(pool: PgPool) {
    let w = world(&pool).await;
    let app = router(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let cookie = cookie_of(&app, "learner@acme.test").await;
    app::people::service::set_active(&pool, &w.admin, w.learner.id, false).await.unwrap();
    let form = [
        ("input[conversation]", chat.to_string()),
        ("input[client_id]", app::ids::ClientMessageId::new().to_string()),
        ("input[body]", "still here?".to_owned()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = send(&app, crate::support::post_form("/api/send_message", &form, Some(&cookie))).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(super::message_count(&pool).await, 0);
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn closing_the_hub_ends_open_streams(pool: PgPool) {
    world(&pool).await;
    let hub = app::realtime::Hub::new();
    let app = crate::support::router_with_hub(&pool, hub.clone()).await;
    let cookie = cookie_of(&app, "learner@acme.test").await;
    let mut stream = open_stream(&app, &cookie, None).await;
    hub.close();
    assert!(ends_within(&mut stream, Duration::from_secs(2)).await, "the stream ended, so shutdown is not held up");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn an_admin_member_may_delete_what_others_wrote_and_is_told_so(pool: PgPool) {
    let w = world(&pool).await;
    let app = router(&pool).await;
    let admin = cookie_of(&app, "admin@acme.test").await;
    let chat = direct(&pool, &w.admin, &w.learner).await;
    let mut stream = open_stream(&app, &admin, None).await;
    say(&pool, &w.learner, chat, "hello admin").await;
    let event = next_event(&mut stream).await;
    assert_eq!((event["type"].as_str(), event["message"]["can_delete"].as_bool()), (Some("posted"), Some(true)));
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn reading_in_one_tab_reaches_the_other_tabs_with_the_count_cleared(pool: PgPool) {
    let w = world(&pool).await;
    let app = router(&pool).await;
    let learner = cookie_of(&app, "learner@acme.test").await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let sent = say(&pool, &w.instructor, chat, "read me").await;
    let mut other_tab = open_stream(&app, &learner, None).await;
    let mut instructor = open_stream(&app, &cookie_of(&app, "instructor@acme.test").await, None).await;
    app::messages::service::mark_read(&pool, &w.learner, chat, sent.id).await.unwrap();
    let event = next_event_after_posts(&mut other_tab).await;
    assert_eq!(event["type"], "read");
    assert_eq!(
        (event["reader"].as_str(), event["message"].as_str()),
        (Some(w.learner.id.to_string().as_str()), Some(sent.id.to_string().as_str()))
    );
    assert_eq!(event["inbox"]["unread"], 0);
    let receipt = next_event_after_posts(&mut instructor).await;
    assert_eq!(receipt["type"], "read", "the sender learns it was seen");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn deleting_a_chat_for_me_removes_it_from_my_other_tabs_only(pool: PgPool) {
    let w = world(&pool).await;
    let app = router(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    say(&pool, &w.instructor, chat, "hi").await;
    let mut mine = open_stream(&app, &cookie_of(&app, "learner@acme.test").await, None).await;
    let mut theirs = open_stream(&app, &cookie_of(&app, "instructor@acme.test").await, None).await;
    app::conversations::service::delete_for_me(&pool, &w.learner, chat).await.unwrap();
    let event = next_event(&mut mine).await;
    assert_eq!((event["type"].as_str(), &event["inbox"]), (Some("changed"), &serde_json::Value::Null));
    // The instructor hears nothing of it: a later message is the first thing they get.
    say(&pool, &w.learner, chat, "sentinel").await;
    let heard = next_event(&mut theirs).await;
    assert_eq!(heard["type"], "posted");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn locking_a_group_tells_each_open_page_whether_its_reader_still_posts(pool: PgPool) {
    let w = world(&pool).await;
    let app = router(&pool).await;
    let group = super::group_of(&pool, &w.staff, &[&w.learner]).await;
    let mut learner = open_stream(&app, &cookie_of(&app, "learner@acme.test").await, None).await;
    let mut owner = open_stream(&app, &cookie_of(&app, "staff@acme.test").await, None).await;
    let locked = app::conversations::NewGroup {
        name: "Cohort 7".into(),
        naming: app::conversations::LearnerNaming::Full,
        people_visible: true,
        style: app::conversations::GroupStyle::Chat,
        locked: true,
        avatar: String::new(),
    };
    app::conversations::service::update_group(&pool, &w.staff, group, locked.clone()).await.unwrap();
    let event = next_event(&mut learner).await;
    assert_eq!(event["type"], "changed");
    assert_eq!(event["cannot_post"], "This chat is locked: only its owner posts. You can still read it.");
    let event = next_event(&mut owner).await;
    assert_eq!((event["type"].as_str(), &event["cannot_post"]), (Some("changed"), &serde_json::Value::Null), "the owner still posts");
    app::conversations::service::update_group(&pool, &w.staff, group, app::conversations::NewGroup { locked: false, ..locked })
        .await
        .unwrap();
    assert_eq!(next_event(&mut learner).await["cannot_post"], serde_json::Value::Null, "unlocked, they post again");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn signing_out_closes_that_sessions_streams_and_no_other(pool: PgPool) {
    let w = world(&pool).await;
    let app = router(&pool).await;
    let leaving = cookie_of(&app, "learner@acme.test").await;
    let staying = cookie_of(&app, "learner@acme.test").await;
    let mut closing = open_stream(&app, &leaving, None).await;
    let mut open = open_stream(&app, &staying, None).await;
    send(&app, crate::support::post_form("/api/sign_out", &[], Some(&leaving))).await;
    assert!(ends_within(&mut closing, Duration::from_secs(5)).await, "the signed-out stream closed");
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    say(&pool, &w.instructor, chat, "still there?").await;
    assert_eq!(next_event(&mut open).await["type"], "posted", "the other session's stream stays open");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn deactivation_and_a_new_password_close_streams(pool: PgPool) {
    let w = world(&pool).await;
    let app = router(&pool).await;
    let learner = cookie_of(&app, "learner@acme.test").await;
    let mut stream = open_stream(&app, &learner, None).await;
    app::people::service::set_active(&pool, &w.admin, w.learner.id, false).await.unwrap();
    assert!(ends_within(&mut stream, Duration::from_secs(5)).await, "a deactivated user's stream closed");

    let other = cookie_of(&app, "instructor@acme.test").await;
    let this = cookie_of(&app, "instructor@acme.test").await;
    let mut elsewhere = open_stream(&app, &other, None).await;
    let change = [("change[current]", PASSWORD), ("change[new]", "an even longer password")];
    let response = send(&app, crate::support::post_form("/api/change_password", &change, Some(&this))).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(ends_within(&mut elsewhere, Duration::from_secs(5)).await, "the other session's stream closed");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn opening_one_stream_too_many_closes_the_oldest(pool: PgPool) {
    let w = world(&pool).await;
    let app = router(&pool).await;
    let cookie = cookie_of(&app, "learner@acme.test").await;
    let mut oldest = open_stream(&app, &cookie, None).await;
    let mut others = Vec::new();
    for _ in 0..app::realtime::STREAMS_PER_USER {
        others.push(open_stream(&app, &cookie, None).await);
    }
    assert!(ends_within(&mut oldest, Duration::from_secs(2)).await, "the oldest of {} closed", app::realtime::STREAMS_PER_USER + 1);
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    say(&pool, &w.instructor, chat, "still there?").await;
    assert_eq!(next_event(&mut others[0]).await["type"], "posted", "the next oldest stays open");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn what_arrives_in_a_watched_conversation_is_read_with_no_request_from_the_reader(pool: PgPool) {
    let w = world(&pool).await;
    let app = router(&pool).await;
    let learner = cookie_of(&app, "learner@acme.test").await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let (mut stream, id) = connect(&app, &learner, None).await;
    let (chat_id, watch) = (chat.to_string(), "/api/watch");
    let response = send(&app, crate::support::post_form(watch, &[("stream", &id), ("conversation", &chat_id)], Some(&learner))).await;
    assert_eq!(response.status(), StatusCode::OK);
    // Watching brings the reader's row as it is now: the page may predate its reading.
    let synced = next_event(&mut stream).await;
    assert_eq!((synced["type"].as_str(), synced["inbox"]["id"].as_str()), (Some("changed"), Some(chat_id.as_str())));

    let sent = say(&pool, &w.instructor, chat, "seen at once").await;
    assert_eq!(next_event(&mut stream).await["type"], "posted");
    let receipt = next_event(&mut stream).await;
    assert_eq!((receipt["type"].as_str(), receipt["message"].as_str()), (Some("read"), Some(sent.id.to_string().as_str())));
    assert_eq!(receipt["inbox"]["unread"], 0);
    assert_eq!(app::conversations::service::inbox(&pool, &w.learner).await.unwrap().total_unread, 0);

    // Scrolled up, or in a hidden tab: no longer watching, so the next one stays unread.
    let response = send(&app, crate::support::post_form(watch, &[("stream", &id)], Some(&learner))).await;
    assert_eq!(response.status(), StatusCode::OK);
    say(&pool, &w.instructor, chat, "later").await;
    assert_eq!(next_event(&mut stream).await["type"], "posted");
    let sentinel = direct(&pool, &w.admin, &w.learner).await;
    say(&pool, &w.admin, sentinel, "sentinel").await;
    assert_eq!(next_event(&mut stream).await["conversation"], sentinel.to_string(), "no receipt came before it");
    assert_eq!(app::conversations::service::inbox(&pool, &w.learner).await.unwrap().total_unread, 2);
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn nobody_watches_a_conversation_they_are_not_in_nor_through_someone_elses_stream(pool: PgPool) {
    let w = world(&pool).await;
    let app = router(&pool).await;
    let learner = cookie_of(&app, "learner@acme.test").await;
    let staff = cookie_of(&app, "staff@acme.test").await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let (mut stream, id) = connect(&app, &learner, None).await;
    let chat_id = chat.to_string();
    let outsider = send(&app, crate::support::post_form("/api/watch", &[("stream", &id), ("conversation", &chat_id)], Some(&staff))).await;
    assert_eq!(outsider.status(), StatusCode::NOT_FOUND, "not a member");
    // The instructor claims the learner's stream for a chat they are both in: nothing changes.
    let instructor = cookie_of(&app, "instructor@acme.test").await;
    let claimed =
        send(&app, crate::support::post_form("/api/watch", &[("stream", &id), ("conversation", &chat_id)], Some(&instructor))).await;
    assert_eq!(claimed.status(), StatusCode::OK);
    say(&pool, &w.instructor, chat, "still unread").await;
    assert_eq!(next_event(&mut stream).await["type"], "posted");
    let sentinel = direct(&pool, &w.admin, &w.learner).await;
    say(&pool, &w.admin, sentinel, "sentinel").await;
    assert_eq!(next_event(&mut stream).await["conversation"], sentinel.to_string());
    assert_eq!(app::conversations::service::inbox(&pool, &w.learner).await.unwrap().total_unread, 2);
    crate::support::assert_inbox_state_exact(&pool).await;
}

/// Sixteen members send at once into a group that eight of them watch: what reaches the
/// watchers is read as it arrives, in transactions that write several of the group's member
/// rows while the sends write them too. Every send succeeds, every watcher ends with nothing
/// unread, and every counter is exact.
#[sqlx::test(migrations = "../migrations")]
async fn sends_into_a_conversation_its_members_watch_all_succeed(pool: PgPool) {
    let w = world(&pool).await;
    let app = router(&pool).await;
    let mut members = Vec::new();
    for n in 0..15 {
        let role = app::people::OrgRole::Learner;
        members.push(crate::support::user(&pool, w.instructor.org_id, &format!("member{n}@acme.test"), role, None).await);
    }
    let others: Vec<&app::auth::Actor> = members.iter().collect();
    let group = super::conversation_of(&pool, "group", &w.instructor, &others, false).await;
    let (group_id, watchers) = (group.to_string(), &members[..8]);
    let mut streams = Vec::new();
    for (n, _) in watchers.iter().enumerate() {
        let cookie = cookie_of(&app, &format!("member{n}@acme.test")).await;
        let (mut stream, id) = connect(&app, &cookie, None).await;
        let watch = crate::support::post_form("/api/watch", &[("stream", &id), ("conversation", &group_id)], Some(&cookie));
        assert_eq!(send(&app, watch).await.status(), StatusCode::OK);
        assert_eq!(next_event(&mut stream).await["type"], "changed", "watching");
        streams.push(stream);
    }

    let senders = std::iter::once(w.instructor.clone()).chain(members.clone()).map(|actor| {
        let pool = pool.clone();
        tokio::spawn(async move {
            let mut failures = Vec::new();
            for n in 0..8 {
                let outgoing = super::outgoing(group, &format!("burst {n}"));
                if let Err(err) = app::messages::service::send(&pool, &actor, outgoing, None).await {
                    failures.push(err);
                }
            }
            failures
        })
    });
    let failures: Vec<app::error::AppError> = futures::future::join_all(senders).await.into_iter().flat_map(|r| r.unwrap()).collect();
    assert!(failures.is_empty(), "{failures:?}");

    // Each watcher's receipt of the last message is the sign that everything was read.
    for (watcher, stream) in watchers.iter().zip(&mut streams) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while app::conversations::service::inbox(&pool, watcher).await.unwrap().total_unread > 0 {
            assert!(tokio::time::Instant::now() < deadline, "everything delivered to a watcher is read");
            read_until(stream, "\"read\"", Duration::from_secs(1)).await;
        }
    }
    crate::support::assert_inbox_state_exact(&pool).await;
}

/// A teammate removed from a shared chat loses it at once, open stream included: the removal
/// reaches them, and what is said there afterwards does not.
#[sqlx::test(migrations = "../migrations")]
async fn a_teammate_removed_from_a_shared_chat_hears_nothing_more_from_it(pool: PgPool) {
    let w = world(&pool).await;
    let app = router(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    app::conversations::service::add_to_group(&pool, &w.instructor, chat, w.staff.id, false).await.unwrap();
    let cookie = cookie_of(&app, "staff@acme.test").await;
    let mut stream = open_stream(&app, &cookie, None).await;
    say(&pool, &w.learner, chat, "before").await;
    // The share's own notice may reach the hub after the stream opened: past it, the post.
    while next_event(&mut stream).await["type"] != "posted" {}

    app::conversations::service::remove_from_group(&pool, &w.instructor, chat, w.staff.id, false).await.unwrap();
    let removed = next_event_after_posts(&mut stream).await;
    assert_eq!((removed["type"].as_str(), &removed["inbox"]), (Some("changed"), &serde_json::Value::Null), "gone from their inbox");
    say(&pool, &w.learner, chat, "after").await;
    let sentinel = direct(&pool, &w.admin, &w.staff).await;
    say(&pool, &w.admin, sentinel, "sentinel").await;
    let next = next_event(&mut stream).await;
    assert_eq!(next["conversation"], sentinel.to_string(), "nothing from the shared chat came before it: {next}");
    crate::support::assert_inbox_state_exact(&pool).await;
}
