use sqlx::PgConnection;

use super::EventKind;
use crate::error::AppError;
use crate::ids::ConversationId;

/// Tells every instance, once this transaction commits, that these conversations changed; ids
/// only, the database stays the source of truth.
pub async fn notify(conn: &mut PgConnection, conversations: &[ConversationId], kind: EventKind) -> Result<(), AppError> {
    let kind: &str = kind.into();
    sqlx::query!(
        "SELECT pg_notify('confer_events', json_build_object('conversation', c, 'kind', $2::text)::text) FROM unnest($1::uuid[]) AS c",
        conversations as &[ConversationId],
        kind,
    )
    .execute(conn)
    .await?;
    Ok(())
}
