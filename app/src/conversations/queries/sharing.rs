//! Default sharing: the teammates with whom each new direct chat of a staff member's is
//! shared from the start.

use sqlx::PgConnection;

use crate::conversations::model::Contact;
use crate::error::AppError;
use crate::ids::{OrgId, UserId};
use crate::people::OrgRole;

/// The organisation's active staff but `owner`, in name order, each saying whether `owner`'s
/// new direct chats are shared with them.
pub async fn teammates(conn: &mut PgConnection, org: OrgId, owner: UserId) -> Result<Vec<(Contact, bool)>, AppError> {
    let rows = sqlx::query!(
        r#"SELECT u.id AS "id: UserId", full_name(u.first_name, u.last_name) AS "name!", u.avatar, u.role AS "role: OrgRole",
                  EXISTS (SELECT 1 FROM default_shares s WHERE s.owner_id = $2 AND s.teammate_id = u.id) AS "shared!"
           FROM users u WHERE u.org_id = $1 AND u.id <> $2 AND u.active AND u.role <> 'learner'
           ORDER BY u.last_name, u.first_name, u.id"#,
        org as OrgId,
        owner as UserId,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (Contact { id: r.id, name: r.name, avatar: r.avatar, detail: r.role.label().into(), learner: false }, r.shared))
        .collect())
}

/// Shares `owner`'s new direct chats with `teammate` from now on, or stops.
pub async fn set_default_share(conn: &mut PgConnection, org: OrgId, owner: UserId, teammate: UserId, shared: bool) -> Result<(), AppError> {
    if shared {
        sqlx::query!(
            "INSERT INTO default_shares (org_id, owner_id, teammate_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            org as OrgId,
            owner as UserId,
            teammate as UserId
        )
        .execute(conn)
        .await?;
    } else {
        sqlx::query!("DELETE FROM default_shares WHERE owner_id = $1 AND teammate_id = $2", owner as UserId, teammate as UserId)
            .execute(conn)
            .await?;
    }
    Ok(())
}
