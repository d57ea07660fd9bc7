use sqlx::PgPool;

use super::model::{BroadcastForm, BroadcastReport};
use super::{policy, queries};
use crate::auth::Actor;
use crate::courses::CourseStatus;
use crate::error::AppError;
use crate::messages::MessageBody;

/// Sends the message to every active learner of the course (or to those chosen on its
/// roster), each in their direct chat with the sender, in one transaction of set-based statements whatever the number of learners.
/// A retry under the same client id answers with the first one's report.
#[tracing::instrument(skip_all, fields(actor = %actor.id, course = %form.course))]
pub async fn broadcast(pool: &PgPool, actor: &Actor, form: BroadcastForm) -> Result<BroadcastReport, AppError> {
    let body = MessageBody::parse(&form.body)?;
    let mut tx = pool.begin().await?;
    let (status, my_role) = crate::courses::service::standing(&mut tx, actor, form.course).await?;
    policy::can_broadcast(actor, my_role)?;
    if status == CourseStatus::Archived {
        return Err(AppError::Conflict("This course is archived: its history stays readable, but nothing new is sent.".into()));
    }
    let Some(id) = queries::record(&mut tx, actor.org_id, form.course, actor.id, form.client_id).await? else {
        return Ok(BroadcastReport { recipients: queries::earlier(&mut tx, actor.id, form.client_id).await? });
    };
    let chats = queries::direct_chats(&mut tx, actor.org_id, form.course, actor.id, &form.to).await?;
    crate::messages::service::send_to_each(&mut tx, actor, &chats, &body).await?;
    let recipients = chats.len() as i64;
    queries::set_recipients(&mut tx, id, recipients).await?;
    tx.commit().await?;
    Ok(BroadcastReport { recipients })
}
