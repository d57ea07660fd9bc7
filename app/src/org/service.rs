use sqlx::PgPool;

use super::model::{DmPolicy, Labels, OrgSettings, OrgSettingsForm};
use super::policy::can_administer_org;
use crate::auth::Actor;
use crate::error::AppError;

type SettingsRow = (String, String, String, String, bool, DmPolicy, bool);

pub async fn settings(pool: &PgPool, actor: &Actor) -> Result<OrgSettings, AppError> {
    can_administer_org(actor)?;
    let row: SettingsRow = sqlx::query_as(
        "SELECT name, label_learner, label_instructor, label_course, private_messaging, learner_dm_policy, email_includes_text
         FROM organisations WHERE id = $1",
    )
    .bind(actor.org_id)
    .fetch_one(pool)
    .await?;
    let (name, learner, instructor, course, private_messaging, learner_dm_policy, email_includes_text) = row;
    Ok(OrgSettings { name, labels: Labels { learner, instructor, course }, private_messaging, learner_dm_policy, email_includes_text })
}

#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn update_settings(pool: &PgPool, actor: &Actor, form: OrgSettingsForm) -> Result<OrgSettings, AppError> {
    can_administer_org(actor)?;
    let new = form.parse()?;
    sqlx::query(
        "UPDATE organisations SET name = $2, label_learner = $3, label_instructor = $4, label_course = $5,
                private_messaging = $6, learner_dm_policy = $7, email_includes_text = $8
         WHERE id = $1",
    )
    .bind(actor.org_id)
    .bind(&new.name)
    .bind(&new.labels.learner)
    .bind(&new.labels.instructor)
    .bind(&new.labels.course)
    .bind(new.private_messaging)
    .bind(new.learner_dm_policy)
    .bind(new.email_includes_text)
    .execute(pool)
    .await?;
    Ok(new)
}
