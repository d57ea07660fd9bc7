//! What the schema itself refuses, whatever the code does: rows that point into another
//! organisation, a direct key on anything but a direct chat, a last message of another chat.

use sqlx::PgPool;

use crate::messaging::{direct, group_of, say};
use crate::support::world;

/// The SQLSTATE a statement failed with.
async fn refused(pool: &PgPool, sql: &str, binds: &[uuid::Uuid]) -> String {
    let query = binds.iter().fold(sqlx::query(sql), |query, id| query.bind(id));
    let err = query.execute(pool).await.expect_err("the schema refuses it");
    err.as_database_error().and_then(|e| e.code()).map(|c| c.into_owned()).unwrap_or_default()
}

/// An id as the database stores it.
fn uuid(id: impl ToString) -> uuid::Uuid {
    id.to_string().parse().expect("an id")
}

const FOREIGN_KEY: &str = "23503";
const CHECK: &str = "23514";

#[sqlx::test(migrations = "../migrations")]
async fn nothing_points_into_another_organisation(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let (chat, outsider, their_org) = (uuid(chat), uuid(w.outsider.id), uuid(w.outsider.org_id));
    let member = "INSERT INTO conversation_members (org_id, conversation_id, user_id) VALUES ($1, $2, $3)";
    assert_eq!(refused(&pool, member, &[their_org, chat, outsider]).await, FOREIGN_KEY, "a member of another organisation's chat");
    let message = "INSERT INTO messages (id, org_id, conversation_id, author_id, client_id, body, body_html)
                   VALUES (gen_random_uuid(), $1, $2, $3, gen_random_uuid(), 'x', 'x')";
    assert_eq!(refused(&pool, message, &[their_org, chat, outsider]).await, FOREIGN_KEY, "a message into another organisation's chat");
    let ours = uuid(w.instructor.org_id);
    assert_eq!(refused(&pool, message, &[ours, chat, outsider]).await, FOREIGN_KEY, "a message by someone of another organisation");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_conversation_has_a_direct_key_exactly_when_it_is_direct(pool: PgPool) {
    let w = world(&pool).await;
    let chat = uuid(direct(&pool, &w.instructor, &w.learner).await);
    let group = uuid(group_of(&pool, &w.instructor, &[&w.learner]).await);
    assert_eq!(refused(&pool, "UPDATE conversations SET direct_key = NULL WHERE id = $1", &[chat]).await, CHECK);
    assert_eq!(refused(&pool, "UPDATE conversations SET direct_key = 'a:b' WHERE id = $1", &[group]).await, CHECK);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_conversations_last_message_is_one_of_its_own(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let group = group_of(&pool, &w.instructor, &[&w.learner]).await;
    let elsewhere = uuid(say(&pool, &w.instructor, group, "in the group").await.id);
    let sql = "UPDATE conversations SET last_message_id = $2 WHERE id = $1";
    assert_eq!(refused(&pool, sql, &[uuid(chat), elsewhere]).await, FOREIGN_KEY);
}
