//! Course announcements: on the course page, newest first, posted by its staff, changed by
//! their author and the organisation's admins.

use app::announcements::service as announcements;
use app::error::AppError;
use sqlx::PgPool;

use crate::support::{snapshot, world};

#[sqlx::test(migrations = "../migrations")]
async fn staff_post_announcements_that_the_course_reads_newest_first_in_markdown(pool: PgPool) {
    let w = world(&pool).await;
    announcements::post(&pool, &w.instructor, w.course, "Welcome to **Algebra**").await.expect("its instructor posts");
    announcements::post(&pool, &w.admin, w.course, "The room has changed").await.expect("an admin posts");
    let seen = announcements::list(&pool, &w.learner, w.course).await.unwrap();
    let html: Vec<&str> = seen.iter().map(|a| a.html.as_str()).collect();
    assert_eq!(html, ["<p>The room has changed</p>\n", "<p>Welcome to <strong>Algebra</strong></p>\n"], "newest first");
    assert!(seen.iter().all(|a| a.editable.is_none()), "a learner changes nothing");
    let by_author = announcements::list(&pool, &w.instructor, w.course).await.unwrap();
    assert_eq!(by_author.iter().map(|a| a.editable.is_some()).collect::<Vec<_>>(), [false, true], "their own only");

    let before = snapshot(&pool).await;
    assert_eq!(announcements::post(&pool, &w.learner, w.course, "hi all").await, Err(AppError::Forbidden));
    assert_eq!(announcements::post(&pool, &w.staff, w.course, "not my course").await, Err(AppError::NotFound));
    assert_eq!(announcements::post(&pool, &w.outsider, w.course, "hello").await, Err(AppError::NotFound));
    assert_eq!(announcements::list(&pool, &w.outsider, w.course).await, Err(AppError::NotFound));
    assert_eq!(announcements::post(&pool, &w.instructor, w.course, "  ").await.unwrap_err().field(), Some("body"));
    assert_eq!(snapshot(&pool).await, before, "refusals write nothing");
}

#[sqlx::test(migrations = "../migrations")]
async fn its_author_and_admins_edit_and_delete_an_announcement_and_nobody_else(pool: PgPool) {
    let w = world(&pool).await;
    let id = announcements::post(&pool, &w.instructor, w.course, "Quiz on Friday").await.unwrap();
    assert_eq!(announcements::edit(&pool, &w.learner, id, "No quiz").await, Err(AppError::Forbidden));
    assert_eq!(announcements::delete(&pool, &w.learner, id).await, Err(AppError::Forbidden));
    assert_eq!(announcements::delete(&pool, &w.outsider, id).await, Err(AppError::NotFound));
    announcements::edit(&pool, &w.instructor, id, "Quiz on **Monday**").await.expect("its author");
    let shown = announcements::list(&pool, &w.learner, w.course).await.unwrap();
    assert_eq!((shown[0].html.as_str(), shown[0].edited), ("<p>Quiz on <strong>Monday</strong></p>\n", true));
    announcements::delete(&pool, &w.admin, id).await.expect("an admin");
    assert!(announcements::list(&pool, &w.learner, w.course).await.unwrap().is_empty());
}

#[sqlx::test(migrations = "../migrations")]
async fn an_archived_course_takes_no_new_announcements(pool: PgPool) {
    let w = world(&pool).await;
    app::courses::service::set_status(&pool, &w.admin, w.course, app::courses::CourseStatus::Archived).await.unwrap();
    assert!(matches!(announcements::post(&pool, &w.instructor, w.course, "Late news").await, Err(AppError::Conflict(_))));
}
