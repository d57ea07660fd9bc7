//! Course announcements: on the course page, newest first, posted by its staff, changed by
//! their author and the organisation's admins.

use std::time::Duration;

use app::announcements::{service as announcements, Announcement};
use app::error::AppError;
use app::ids::{AnnouncementId, CourseId};
use app::realtime::{Hub, LiveEvent, Subscription};
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

/// The next event of a stream, waiting up to five seconds.
async fn next(stream: &mut Subscription) -> LiveEvent {
    tokio::time::timeout(Duration::from_secs(5), stream.events.recv()).await.expect("an event in time").expect("an open stream")
}

/// The announcement an `announced` event carries, for the course it names.
fn announced(event: LiveEvent, course: CourseId) -> (AnnouncementId, Option<Announcement>) {
    match event {
        LiveEvent::Announced { course: about, id, announcement } if about == course => (id, announcement),
        other => panic!("an announcement of the course: {other:?}"),
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn whoever_sees_the_course_gets_each_change_live_as_they_may_see_it_and_nobody_else(pool: PgPool) {
    let w = world(&pool).await;
    let hub = Hub::new();
    hub.spawn_listener(pool.clone());
    tokio::time::timeout(Duration::from_secs(10), hub.listening()).await.expect("the event listener listens");
    let mut learner = hub.subscribe(w.learner.id, None);
    let mut author = hub.subscribe(w.instructor.id, None);
    let mut admin = hub.subscribe(w.admin.id, None);
    let mut not_enrolled = hub.subscribe(w.staff.id, None);

    let id = announcements::post(&pool, &w.instructor, w.course, "Quiz on **Friday**").await.unwrap();
    let (seen, shown) = announced(next(&mut learner).await, w.course);
    let shown = shown.expect("the announcement itself");
    assert_eq!((seen, shown.html.as_str(), shown.editable), (id, "<p>Quiz on <strong>Friday</strong></p>\n", None));
    let (_, by_author) = announced(next(&mut author).await, w.course);
    assert_eq!(by_author.unwrap().editable.as_deref(), Some("Quiz on **Friday**"), "its author may change it");
    let (_, by_admin) = announced(next(&mut admin).await, w.course);
    assert!(by_admin.unwrap().editable.is_some(), "an admin sees every course and may change it");

    announcements::edit(&pool, &w.instructor, id, "Quiz on Monday").await.unwrap();
    let (_, edited) = announced(next(&mut learner).await, w.course);
    let edited = edited.unwrap();
    assert_eq!((edited.html.as_str(), edited.edited), ("<p>Quiz on Monday</p>\n", true));
    announcements::delete(&pool, &w.admin, id).await.unwrap();
    assert_eq!(announced(next(&mut learner).await, w.course), (id, None), "a deletion says which one went");

    // Events arrive in commit order: once a later message reached the staff member who is not
    // in the course, anything about its announcements would have come before it.
    let sentinel = crate::messaging::direct(&pool, &w.admin, &w.staff).await;
    crate::messaging::say(&pool, &w.admin, sentinel, "for you").await;
    assert!(
        matches!(next(&mut not_enrolled).await, LiveEvent::Posted { conversation, .. } if conversation == sentinel),
        "someone outside the course hears nothing of its announcements"
    );
}
