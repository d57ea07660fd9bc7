use leptos::prelude::*;

use super::model::Announcement;
use crate::error::AppError;
use crate::ids::{AnnouncementId, CourseId};

#[cfg(feature = "ssr")]
use crate::auth::{require_user, session::pool};

#[server(endpoint = "announcements", output = crate::wire::Answer)]
pub async fn load_announcements(course: CourseId) -> Result<Vec<Announcement>, AppError> {
    let actor = require_user().await?;
    super::service::list(&pool()?, &actor, course).await
}

#[server(endpoint = "post_announcement", output = crate::wire::Answer)]
pub async fn post_announcement(course: CourseId, body: String) -> Result<AnnouncementId, AppError> {
    let actor = require_user().await?;
    super::service::post(&pool()?, &actor, course, &body).await
}

#[server(endpoint = "edit_announcement", output = crate::wire::Answer)]
pub async fn edit_announcement(id: AnnouncementId, body: String) -> Result<(), AppError> {
    let actor = require_user().await?;
    super::service::edit(&pool()?, &actor, id, &body).await
}

#[server(endpoint = "delete_announcement", output = crate::wire::Answer)]
pub async fn delete_announcement(id: AnnouncementId) -> Result<(), AppError> {
    let actor = require_user().await?;
    super::service::delete(&pool()?, &actor, id).await
}
