//! Default sharing: a staff member, or an owner or admin on their behalf, picks the
//! teammates with whom each of their new direct chats with a learner is shared.

use sqlx::PgPool;

use crate::auth::Actor;
use crate::conversations::model::DefaultSharing;
use crate::conversations::policy::can_set_default_sharing;
use crate::conversations::queries;
use crate::error::AppError;
use crate::ids::UserId;
use crate::people::OrgRole;

/// Whose new chats are shared with whom, for `owner`'s settings.
pub async fn default_sharing(pool: &PgPool, actor: &Actor, owner: UserId) -> Result<DefaultSharing, AppError> {
    let mut conn = pool.acquire().await?;
    let owner_is_staff = queries::role_of(&mut conn, actor.org_id, owner).await? != OrgRole::Learner;
    can_set_default_sharing(actor, owner, owner_is_staff)?;
    let teammates = queries::teammates(&mut conn, actor.org_id, owner).await?;
    let (shared, others) = teammates.into_iter().partition::<Vec<_>, _>(|(_, shared)| *shared);
    Ok(DefaultSharing {
        owner,
        shared_with: shared.into_iter().map(|(contact, _)| contact).collect(),
        others: others.into_iter().map(|(contact, _)| contact).collect(),
    })
}

/// Starts or stops sharing `owner`'s new direct chats with `teammate`, another active staff
/// member of the organisation. Chats that exist already stay as they are.
#[tracing::instrument(skip_all, fields(actor = %actor.id, owner = %owner))]
pub async fn set_default_share(pool: &PgPool, actor: &Actor, owner: UserId, teammate: UserId, shared: bool) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let owner_is_staff = queries::role_of(&mut tx, actor.org_id, owner).await? != OrgRole::Learner;
    can_set_default_sharing(actor, owner, owner_is_staff)?;
    if shared {
        let teammate_is_staff = match queries::role_of(&mut tx, actor.org_id, teammate).await {
            Ok(role) => role != OrgRole::Learner,
            Err(AppError::NotFound) => false,
            Err(err) => return Err(err),
        };
        if teammate == owner || !teammate_is_staff {
            return Err(AppError::validation("teammate", "Choose a team member to share with."));
        }
    }
    queries::set_default_share(&mut tx, actor.org_id, owner, teammate, shared).await?;
    Ok(tx.commit().await?)
}
