//! A course's roster: everyone enrolled, for its staff and the organisation's admins, each
//! with "Message" where the viewer may write to them; and the broadcast to a selection of it.

use axum::http::StatusCode;
use sqlx::PgPool;

use crate::support::{post_form, router, send, session_cookie, sign_in, world, PASSWORD};

#[sqlx::test(migrations = "../migrations")]
async fn staff_see_the_roster_with_message_where_they_may_write_and_learners_do_not(pool: PgPool) {
    let w = world(&pool).await;
    let seen = app::courses::service::view(&pool, &w.instructor, w.course).await.unwrap();
    let roster: Vec<(&str, bool)> = seen.roster.iter().map(|entry| (entry.name.as_str(), entry.can_message)).collect();
    assert_eq!(roster, [("instructor acme.test", false), ("learner acme.test", true)], "not themselves");
    let by_admin = app::courses::service::view(&pool, &w.admin, w.course).await.unwrap();
    assert_eq!(by_admin.roster.len(), 2, "the organisation's admins see it too");

    let by_learner = app::courses::service::view(&pool, &w.learner, w.course).await.unwrap();
    assert!(by_learner.roster.is_empty(), "a learner sees no roster");
    assert_eq!(by_learner.staff.len(), 1, "but sees the staff");
    let answer = serde_json::to_string(&by_learner).unwrap();
    assert!(!answer.contains("@acme.test"), "no email address reaches a learner: {answer}");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_broadcast_form_sends_to_the_learners_ticked_on_it(pool: PgPool) {
    let w = world(&pool).await;
    crate::support::enrol(&pool, w.course, &w.north_learner).await;
    let app = router(&pool).await;
    let cookie = session_cookie(&sign_in(&app, "instructor@acme.test", PASSWORD).await).unwrap();
    let (course, client, only) = (w.course.to_string(), app::ids::ClientMessageId::new().to_string(), w.north_learner.id.to_string());
    let form = [("form[course]", course.as_str()), ("form[client_id]", &client), ("form[body]", "Just you"), ("form[to][]", &only)];
    let response = send(&app, post_form("/api/broadcast", &form, Some(&cookie))).await;
    assert_eq!(response.status(), StatusCode::OK, "{}", crate::support::body_text(response).await);
    assert_eq!(app::conversations::service::inbox(&pool, &w.north_learner).await.unwrap().total_unread, 1);
    assert!(app::conversations::service::inbox(&pool, &w.learner).await.unwrap().entries.is_empty(), "not ticked");
    crate::support::assert_inbox_state_exact(&pool).await;
}
