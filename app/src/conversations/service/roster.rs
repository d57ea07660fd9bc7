//! Course chats: a cohort chat for each course and a chat for each team, created with them
//! and holding exactly their people; and announcement channels, which hold everyone of one
//! course role. `sync_course_chats` and `sync_channels` (in the migrations) are the one
//! definition of who belongs; these functions run them inside the caller's transaction.

use sqlx::PgConnection;

use crate::conversations::queries;
use crate::error::AppError;
use crate::ids::{CourseId, UserId};
use crate::realtime::{notify, Notice};

/// Brings a course's chats in line with its enrolments and teams, for one person or for
/// everyone: missing chats are created, newcomers join with the history read, and whoever
/// left the course or team leaves the chat, their messages staying. Every inbox and open
/// chat concerned follows live.
pub async fn follow_course(conn: &mut PgConnection, course: CourseId, person: Option<UserId>) -> Result<(), AppError> {
    let mut changes = queries::sync_course_chats(conn, course, person).await?;
    changes.extend(queries::sync_channels(conn, None, Some(course), person).await?);
    let mut notices: Vec<Notice> =
        changes.iter().filter(|change| !change.joined).map(|c| Notice::changed_for(c.conversation, c.user)).collect();
    let mut changed: Vec<_> = changes.iter().map(|change| change.conversation).collect();
    changed.sort_unstable();
    changed.dedup();
    notices.extend(changed.into_iter().map(Notice::changed));
    notify(conn, &notices).await
}

/// Switches a course's chats on or off. Off, they stay readable but closed to posts and stop
/// following the course; on again, they open and catch up.
pub async fn set_course_chats(conn: &mut PgConnection, course: CourseId, on: bool) -> Result<(), AppError> {
    let chats = queries::close_course_chats(conn, course, !on).await?;
    notify(conn, &chats.into_iter().map(Notice::changed).collect::<Vec<_>>()).await?;
    if on {
        follow_course(conn, course, None).await?;
    }
    Ok(())
}
