//! Announcement channels: opened with one click for everyone of a course role, followed by
//! enrolments, read by learners, posted to by staff.

use app::conversations::{service as conversations, ConversationKind};
use app::courses::CourseRole;
use app::error::AppError;
use app::messages::service as messages;
use app::people::OrgRole;
use sqlx::PgPool;

use super::{outgoing, say};
use crate::support::{assert_inbox_state_exact, snapshot, user, world};

async fn members(pool: &PgPool, id: app::ids::ConversationId) -> Vec<app::ids::UserId> {
    sqlx::query_scalar("SELECT user_id FROM conversation_members WHERE conversation_id = $1 ORDER BY user_id")
        .bind(id)
        .fetch_all(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_course_channel_holds_its_learners_as_they_enrol_and_leave_and_only_staff_post(pool: PgPool) {
    let w = world(&pool).await;
    let channel = conversations::create_channel(&pool, &w.admin, Some(w.course), CourseRole::Learner).await.expect("created");
    let mut expected = vec![w.admin.id, w.learner.id];
    expected.sort();
    assert_eq!(members(&pool, channel).await, expected, "its owner and the course's learners, not its instructor");
    assert_eq!(
        conversations::create_channel(&pool, &w.admin, Some(w.course), CourseRole::Learner).await,
        Ok(channel),
        "one channel per course and role"
    );

    app::courses::service::enrol(&pool, &w.admin, w.course, w.north_learner.id, CourseRole::Learner).await.unwrap();
    assert!(members(&pool, channel).await.contains(&w.north_learner.id), "a new learner joins");
    let before = snapshot(&pool).await;
    assert_eq!(messages::send(&pool, &w.learner, outgoing(channel, "hello?"), None).await.unwrap_err(), AppError::Forbidden);
    assert_eq!(snapshot(&pool).await, before, "a learner's post writes nothing");
    let view = conversations::view(&pool, &w.learner, channel).await.unwrap();
    assert_eq!((view.kind, view.cannot_post.as_deref()), (ConversationKind::Channel, Some("Only staff post in this channel.")));
    assert!(!view.can_delete, "a channel stays in the inbox");

    say(&pool, &w.admin, channel, "The course starts on **Monday**").await;
    for learner in [&w.learner, &w.north_learner] {
        let row = conversations::inbox(&pool, learner).await.unwrap().entries.into_iter().find(|e| e.id == channel).unwrap();
        assert_eq!((row.unread, row.preview.as_deref()), (1, Some("The course starts on Monday")));
    }
    app::courses::service::unenrol(&pool, &w.admin, w.course, w.north_learner.id).await.unwrap();
    assert!(!members(&pool, channel).await.contains(&w.north_learner.id), "who leaves the course leaves the channel");
    assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn admins_open_channels_anywhere_instructors_for_their_course_and_learners_nowhere(pool: PgPool) {
    let w = world(&pool).await;
    let before = snapshot(&pool).await;
    for (actor, course) in [(&w.learner, Some(w.course)), (&w.staff, Some(w.course)), (&w.instructor, None), (&w.dept_admin, None)] {
        let refused = conversations::create_channel(&pool, actor, course, CourseRole::Learner).await;
        assert_eq!(refused, Err(AppError::Forbidden), "{:?} {course:?}", actor.role);
    }
    assert_eq!(conversations::create_channel(&pool, &w.outsider, Some(w.course), CourseRole::Learner).await, Err(AppError::NotFound));
    assert_eq!(snapshot(&pool).await, before, "refusals write nothing");
    assert_eq!(conversations::channel_choices(&pool, &w.learner).await, Err(AppError::Forbidden));

    let mentors =
        conversations::create_channel(&pool, &w.instructor, Some(w.course), CourseRole::Instructor).await.expect("its instructor");
    assert_eq!(members(&pool, mentors).await, vec![w.instructor.id]);
    let choices = conversations::channel_choices(&pool, &w.instructor).await.unwrap();
    assert_eq!(choices.len(), 3, "the three roles of the one course they teach");
    assert_eq!(choices.iter().filter(|c| c.existing == Some(mentors)).count(), 1);

    let other_course =
        app::courses::service::create(&pool, &w.admin, app::courses::CourseForm { title: "Geometry".into(), ..Default::default() })
            .await
            .unwrap();
    let far = user(&pool, w.admin.org_id, "far@acme.test", OrgRole::Learner, None).await;
    app::courses::service::enrol(&pool, &w.admin, other_course, far.id, CourseRole::Learner).await.unwrap();
    let everyone = conversations::create_channel(&pool, &w.owner, None, CourseRole::Learner).await.expect("the organisation's");
    let mut expected = vec![w.owner.id, w.learner.id, far.id];
    expected.sort();
    assert_eq!(members(&pool, everyone).await, expected, "every course's learners");
    app::courses::service::enrol(&pool, &w.admin, other_course, w.north_learner.id, CourseRole::Learner).await.unwrap();
    assert!(members(&pool, everyone).await.contains(&w.north_learner.id), "a learner's first enrolment joins them");
    app::courses::service::unenrol(&pool, &w.admin, other_course, far.id).await.unwrap();
    assert!(!members(&pool, everyone).await.contains(&far.id), "their last unenrolment takes them out");
    let admin_choices = conversations::channel_choices(&pool, &w.admin).await.unwrap();
    assert_eq!(admin_choices.len(), 9, "the organisation's and both courses', three roles each");
    assert_eq!(admin_choices[0].course, None, "the organisation's first");
    assert_inbox_state_exact(&pool).await;
}
