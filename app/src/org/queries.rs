use sqlx::PgPool;

use super::model::{DmPolicy, Labels, OrgSettings};
use crate::error::AppError;
use crate::ids::OrgId;

struct SettingsRow {
    name: String,
    label_learner: String,
    label_instructor: String,
    label_course: String,
    private_messaging: bool,
    learner_dm_policy: DmPolicy,
    email_includes_text: bool,
    group_chats: bool,
}

pub async fn settings(conn: impl sqlx::PgExecutor<'_>, org: OrgId) -> Result<OrgSettings, AppError> {
    let row = sqlx::query_as!(
        SettingsRow,
        r#"SELECT name, label_learner, label_instructor, label_course, private_messaging,
                  learner_dm_policy AS "learner_dm_policy: DmPolicy", email_includes_text, group_chats
         FROM organisations WHERE id = $1"#,
        org as OrgId,
    )
    .fetch_one(conn)
    .await?;
    Ok(OrgSettings {
        name: row.name,
        labels: Labels { learner: row.label_learner, instructor: row.label_instructor, course: row.label_course },
        private_messaging: row.private_messaging,
        learner_dm_policy: row.learner_dm_policy,
        email_includes_text: row.email_includes_text,
        group_chats: row.group_chats,
    })
}

pub async fn update_settings(pool: &PgPool, org: OrgId, settings: &OrgSettings) -> Result<(), AppError> {
    sqlx::query!(
        "UPDATE organisations SET name = $2, label_learner = $3, label_instructor = $4, label_course = $5,
                private_messaging = $6, learner_dm_policy = $7, email_includes_text = $8, group_chats = $9
         WHERE id = $1",
        org as OrgId,
        settings.name,
        settings.labels.learner,
        settings.labels.instructor,
        settings.labels.course,
        settings.private_messaging,
        settings.learner_dm_policy as DmPolicy,
        settings.email_includes_text,
        settings.group_chats,
    )
    .execute(pool)
    .await?;
    Ok(())
}
