use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use futures::StreamExt;
use sqlx::PgPool;

use super::{direct, say};
use crate::support::{router, send, session_cookie, sign_in, world, PASSWORD};

async fn open_stream(app: &axum::Router, cookie: &str, last_event_id: Option<&str>) -> axum::body::BodyDataStream {
    let mut request = Request::get("/events").header(header::COOKIE, cookie);
    if let Some(id) = last_event_id {
        request = request.header("last-event-id", id);
    }
    let response = send(app, request.body(Body::empty()).unwrap()).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.into_body().into_data_stream()
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
    let learner = session_cookie(&sign_in(&second, "learner@acme.test", PASSWORD).await).unwrap();
    let outsider = session_cookie(&sign_in(&second, "staff@acme.test", PASSWORD).await).unwrap();
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let mut learner_stream = open_stream(&second, &learner, None).await;
    let mut outsider_stream = open_stream(&second, &outsider, None).await;

    drop(first);
    say(&pool, &w.instructor, chat, "live!").await;
    let received = read_until(&mut learner_stream, &chat.to_string(), Duration::from_secs(5)).await;
    assert!(received.contains("event: change") && received.contains(&chat.to_string()) && received.contains("\"message\""), "{received:?}");
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
    let cookie = session_cookie(&sign_in(&app, "learner@acme.test", PASSWORD).await).unwrap();
    let mut stream = open_stream(&app, &cookie, Some("0190a0c0-0000-7000-8000-000000000000")).await;
    let received = read_until(&mut stream, "resync", Duration::from_secs(2)).await;
    assert!(received.contains("\"resync\""), "{received:?}");
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
    let cookie = session_cookie(&sign_in(&app, "learner@acme.test", PASSWORD).await).unwrap();
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
    let cookie = session_cookie(&sign_in(&app, "learner@acme.test", PASSWORD).await).unwrap();
    let mut stream = open_stream(&app, &cookie, None).await;
    hub.close();
    let ended = tokio::time::timeout(Duration::from_secs(2), async { while stream.next().await.is_some() {} }).await;
    assert!(ended.is_ok(), "the stream ended, so shutdown is not held up");
    crate::support::assert_inbox_state_exact(&pool).await;
}
