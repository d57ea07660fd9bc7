use app::conversations::{service as conversations, GroupStyle, LearnerNaming, NewGroup};
use app::error::AppError;
use app::people::{service as people, ProfileForm};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use sqlx::PgPool;

use crate::support::{location, router, send, session_cookie, sign_in, upload_to, world, PASSWORD};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR fake but well-started png";

async fn stored_avatar(pool: &PgPool, email: &str) -> Option<String> {
    sqlx::query_scalar("SELECT avatar FROM users WHERE email = $1").bind(email).fetch_one(pool).await.unwrap()
}

fn upload(bytes: &[u8], cookie: Option<&str>) -> Request<Body> {
    upload_to("/profile/avatar", bytes, cookie)
}

#[sqlx::test(migrations = "../migrations")]
async fn an_uploaded_picture_becomes_the_avatar_and_is_served_safely(pool: PgPool) {
    world(&pool).await;
    let app = router(&pool).await;
    let cookie = session_cookie(&sign_in(&app, "learner@acme.test", PASSWORD).await).unwrap();
    let response = send(&app, upload(PNG, Some(&cookie))).await;
    assert!(response.status().is_redirection());
    assert_eq!(location(&response), "/profile?avatar=saved");
    let avatar = stored_avatar(&pool, "learner@acme.test").await.expect("avatar set");
    let name = avatar.strip_prefix("upload:").expect("an upload");

    let colleague = session_cookie(&sign_in(&app, "staff@acme.test", PASSWORD).await).unwrap();
    let get = Request::get(format!("/avatars/uploads/{name}")).header(header::COOKIE, &colleague).body(Body::empty()).unwrap();
    let served = send(&app, get).await;
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers().get(header::CONTENT_TYPE).unwrap(), "image/png");
    assert_eq!(served.headers().get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
    assert_eq!(served.headers().get(header::CONTENT_DISPOSITION).unwrap(), "attachment");
    assert_eq!(&axum::body::to_bytes(served.into_body(), usize::MAX).await.unwrap()[..], PNG);

    let outsider = session_cookie(&sign_in(&app, "owner@other.test", PASSWORD).await).unwrap();
    let get = Request::get(format!("/avatars/uploads/{name}")).header(header::COOKIE, &outsider).body(Body::empty()).unwrap();
    assert_eq!(send(&app, get).await.status(), StatusCode::NOT_FOUND, "another organisation");
    let get = Request::get(format!("/avatars/uploads/{name}")).body(Body::empty()).unwrap();
    assert_eq!(send(&app, get).await.status(), StatusCode::UNAUTHORIZED);
}

#[sqlx::test(migrations = "../migrations")]
async fn anything_but_a_picture_is_refused_and_nothing_changes(pool: PgPool) {
    world(&pool).await;
    let app = router(&pool).await;
    let cookie = session_cookie(&sign_in(&app, "learner@acme.test", PASSWORD).await).unwrap();
    for bad in [&b"<svg onload=alert(1)></svg>"[..], b"", &vec![0x89; 3 * 1024 * 1024][..]] {
        let response = send(&app, upload(bad, Some(&cookie))).await;
        assert!(location(&response).contains("avatar_error="), "{} bytes: {}", bad.len(), location(&response));
    }
    assert_eq!(stored_avatar(&pool, "learner@acme.test").await, None);
    assert_eq!(send(&app, upload(PNG, None)).await.status(), StatusCode::UNAUTHORIZED);
}

#[sqlx::test(migrations = "../migrations")]
async fn nobody_claims_someone_elses_uploaded_picture(pool: PgPool) {
    let w = world(&pool).await;
    sqlx::query("UPDATE users SET avatar = 'upload:theirs.png' WHERE id = $1").bind(w.staff.id).execute(&pool).await.unwrap();
    let form = |avatar: &str| ProfileForm {
        first_name: "Lee".into(),
        last_name: "Learner".into(),
        avatar: avatar.into(),
        email_notifications: Some("on".into()),
    };
    let err = people::update_profile(&pool, &w.learner, form("upload:theirs.png")).await.unwrap_err();
    assert_eq!(err, AppError::validation("avatar", "Choose one of the offered pictures."));
    people::update_profile(&pool, &w.learner, form("owl")).await.unwrap();
    assert_eq!(stored_avatar(&pool, "learner@acme.test").await.as_deref(), Some("owl"));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_groups_managers_upload_its_photo_which_its_organisation_sees(pool: PgPool) {
    let w = world(&pool).await;
    let group = crate::messaging::group_of(&pool, &w.staff, &[&w.learner]).await;
    let app = router(&pool).await;
    let path = format!("/messages/{group}/photo");
    let learner = session_cookie(&sign_in(&app, "learner@acme.test", PASSWORD).await).unwrap();
    let outsider = session_cookie(&sign_in(&app, "owner@other.test", PASSWORD).await).unwrap();
    let before = crate::support::snapshot(&pool).await;
    assert_eq!(send(&app, upload_to(&path, PNG, Some(&learner))).await.status(), StatusCode::FORBIDDEN, "a member who does not manage it");
    assert_eq!(send(&app, upload_to(&path, PNG, Some(&outsider))).await.status(), StatusCode::NOT_FOUND, "another organisation");
    assert_eq!(send(&app, upload_to(&path, PNG, None)).await.status(), StatusCode::UNAUTHORIZED);
    let staff = session_cookie(&sign_in(&app, "staff@acme.test", PASSWORD).await).unwrap();
    let refused = send(&app, upload_to(&path, b"<svg onload=alert(1)>", Some(&staff))).await;
    assert!(location(&refused).starts_with(&format!("/messages/{group}/people?avatar_error=")), "{}", location(&refused));
    assert_eq!(crate::support::snapshot(&pool).await, before, "nothing was written");

    let saved = send(&app, upload_to(&path, PNG, Some(&staff))).await;
    assert_eq!(location(&saved), format!("/messages/{group}/people?avatar=saved"));
    let photo = conversations::view(&pool, &w.learner, group).await.unwrap().avatar.expect("the group shows its photo");
    let name = photo.strip_prefix("upload:").expect("an upload");
    let get = Request::get(format!("/avatars/uploads/{name}")).header(header::COOKIE, &learner).body(Body::empty()).unwrap();
    assert_eq!(send(&app, get).await.status(), StatusCode::OK);
    let get = Request::get(format!("/avatars/uploads/{name}")).header(header::COOKIE, &outsider).body(Body::empty()).unwrap();
    assert_eq!(send(&app, get).await.status(), StatusCode::NOT_FOUND, "another organisation");

    // Saving the settings keeps the photo, or swaps it for a provided picture.
    let settings = |avatar: &str| NewGroup {
        name: "Cohort 7".into(),
        naming: LearnerNaming::Full,
        people_visible: true,
        style: GroupStyle::Chat,
        locked: false,
        avatar: avatar.into(),
    };
    conversations::update_group(&pool, &w.staff, group, settings(&photo)).await.expect("kept");
    assert_eq!(conversations::view(&pool, &w.staff, group).await.unwrap().avatar.as_deref(), Some(photo.as_str()));
    conversations::update_group(&pool, &w.staff, group, settings("owl")).await.unwrap();
    let err = conversations::update_group(&pool, &w.staff, group, settings(&photo)).await.unwrap_err();
    assert_eq!(err.field(), Some("avatar"), "a photo it no longer has is not taken back by name");
}
