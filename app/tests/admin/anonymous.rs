use axum::http::StatusCode;
use sqlx::PgPool;

use crate::support::{post_form, router, send};

/// Every server function that reads or changes organisation data, called with no session.
const ENDPOINTS: [&str; 31] = [
    "inbox", "conversation", "start_direct", "contacts", "delete_conversation", "messages", "send_message", "mark_read",
    "seen_by", "delete_message",
    "list_users", "list_departments", "get_user", "create_user", "update_user", "set_user_active", "import_users",
    "update_profile", "change_password", "get_org_settings", "update_org_settings", "list_courses", "get_course",
    "get_course_admin", "create_course", "update_course", "set_course_status", "enrol", "unenrol", "create_team",
    "set_team_member",
];

#[sqlx::test(migrations = "../migrations")]
async fn every_server_function_refuses_anonymous_callers(pool: PgPool) {
    let app = router(&pool).await;
    for endpoint in ENDPOINTS {
        let response = send(&app, post_form(&format!("/api/{endpoint}"), &[], None)).await;
        let status = response.status();
        // No arguments at all: either "sign in first" or, if the arguments are read first, a
        // validation error; never anything that ran.
        assert!(
            status == StatusCode::UNAUTHORIZED || status == StatusCode::UNPROCESSABLE_ENTITY,
            "{endpoint} answered {status}"
        );
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn an_anonymous_caller_with_valid_arguments_must_sign_in(pool: PgPool) {
    let app = router(&pool).await;
    let response = send(&app, post_form("/api/list_users", &[], None)).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let response = send(&app, post_form("/api/create_course", &[("form[title]", "Hacked"), ("form[learner_dm_policy]", "")], None)).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM courses").fetch_one(&pool).await.unwrap();
    assert_eq!(count, 0);
}
