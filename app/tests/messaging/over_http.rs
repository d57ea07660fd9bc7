use axum::http::StatusCode;
use sqlx::PgPool;

use super::{direct, message_count};
use crate::support::{body_text, post_form, router, send, session_cookie, sign_in, snapshot, world, PASSWORD};

#[sqlx::test(migrations = "../migrations")]
async fn ids_that_are_not_ids_get_a_clear_error_and_write_nothing(pool: PgPool) {
    let w = world(&pool).await;
    let app = router(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await.to_string();
    let cookie = session_cookie(&sign_in(&app, "learner@acme.test", PASSWORD).await).unwrap();
    let before = snapshot(&pool).await;
    let client_id = app::ids::ClientMessageId::new().to_string();
    let attempts: [(&str, Vec<(&str, &str)>); 4] = [
        ("/api/send_message", vec![("input[conversation]", "42"), ("input[client_id]", &client_id), ("input[body]", "hello")]),
        (
            "/api/send_message",
            vec![("input[conversation]", &chat), ("input[client_id]", "'; DROP TABLE messages; --"), ("input[body]", "hello")],
        ),
        ("/api/messages", vec![("conversation", "../../etc/passwd")]),
        ("/api/mark_read", vec![("conversation", &chat), ("message", "")]),
    ];
    for (path, form) in attempts {
        let response = send(&app, post_form(path, &form, Some(&cookie))).await;
        let status = response.status();
        let body = body_text(response).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path} {form:?}: {body}");
        assert!(body.contains("could not be read"), "{path}: {body}");
    }
    assert_eq!(message_count(&pool).await, 0);
    assert_eq!(snapshot(&pool).await, before, "nothing was written");
    crate::support::assert_inbox_state_exact(&pool).await;
}
