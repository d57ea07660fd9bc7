use sqlx::{PgConnection, PgPool};

use crate::auth::Actor;
use crate::conversations::model::{Contact, DirectTarget};
use crate::conversations::policy::can_start_direct;
use crate::conversations::queries::{self, NameCursor};
use crate::error::AppError;
use crate::ids::{ConversationId, CourseId, UserId};

/// How many people the new-message picker offers at most.
const CONTACTS_SHOWN: usize = 50;
/// How many name matches are checked against the policy at a time.
const CANDIDATES_PER_ROUND: i64 = 200;

/// Opens the direct chat with someone, creating it on first use, as the policy allows.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn start_direct(pool: &PgPool, actor: &Actor, input: DirectTarget) -> Result<ConversationId, AppError> {
    let mut tx = pool.begin().await?;
    let target = match (input.to, input.course, input.to_instructor) {
        (_, Some(course), true) => queries::course_instructor(&mut tx, actor.org_id, course, actor.id).await?,
        (Some(to), _, false) => to,
        _ => return Err(AppError::validation("to", "Choose someone to write to.")),
    };
    let reach = queries::reach(&mut tx, actor, target).await?;
    can_start_direct(actor, target == actor.id, &reach)?;
    let id = queries::find_or_create_direct(&mut tx, actor.org_id, actor.id, target).await?;
    tx.commit().await?;
    Ok(id)
}

/// Whether "Contact instructor" on a course page leads anywhere: the same target and the same
/// decision as [`start_direct`] with `to_instructor`.
pub async fn may_contact_instructor(conn: &mut PgConnection, actor: &Actor, course: CourseId) -> Result<bool, AppError> {
    let target = match queries::course_instructor(conn, actor.org_id, course, actor.id).await {
        Ok(target) => target,
        Err(AppError::NotFound) => return Ok(false),
        Err(err) => return Err(err),
    };
    let reach = queries::reach(conn, actor, target).await?;
    Ok(can_start_direct(actor, target == actor.id, &reach).is_ok())
}

/// The people the actor may start a chat with, by name: name matches in name order, checked
/// against the policy a round at a time until the picker is full or nobody is left, so that
/// someone allowed is never crowded out by many who are not.
pub async fn contacts(pool: &PgPool, actor: &Actor, query: &str) -> Result<Vec<Contact>, AppError> {
    let query: String = query.trim().chars().take(80).filter(|c| !matches!(c, '%' | '_' | '\\')).collect();
    let mut conn = pool.acquire().await?;
    let mut found = Vec::new();
    let mut after: Option<NameCursor> = None;
    loop {
        let round = queries::candidates(&mut conn, actor.org_id, actor.id, &query, after.as_ref(), CANDIDATES_PER_ROUND).await?;
        let exhausted = (round.len() as i64) < CANDIDATES_PER_ROUND;
        let ids: Vec<UserId> = round.iter().map(|c| c.contact.id).collect();
        let reaches = queries::reach_all(&mut conn, actor, &ids).await?;
        let reachable: Vec<UserId> =
            reaches.into_iter().filter(|(_, reach)| can_start_direct(actor, false, reach).is_ok()).map(|(id, _)| id).collect();
        for candidate in round {
            if found.len() == CONTACTS_SHOWN {
                return Ok(found);
            }
            if reachable.contains(&candidate.contact.id) {
                found.push(candidate.contact);
            }
            after = Some(candidate.cursor);
        }
        if exhausted || found.len() == CONTACTS_SHOWN {
            return Ok(found);
        }
    }
}

/// Those of `people` the actor may start a direct chat with, by the same rule as
/// [`start_direct`]: the roster's "Message" leads only where it works.
pub async fn reachable(conn: &mut PgConnection, actor: &Actor, people: &[UserId]) -> Result<Vec<UserId>, AppError> {
    let reaches = queries::reach_all(conn, actor, people).await?;
    Ok(reaches.into_iter().filter(|(id, reach)| can_start_direct(actor, *id == actor.id, reach).is_ok()).map(|(id, _)| id).collect())
}
