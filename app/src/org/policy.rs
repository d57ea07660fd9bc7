//! Who may run the organisation.

use crate::auth::Actor;
use crate::error::AppError;
use crate::people::OrgRole;

/// Organisation settings, courses, enrolments and teams: owners and admins.
pub fn can_administer_org(actor: &Actor) -> Result<(), AppError> {
    match actor.role {
        OrgRole::Owner | OrgRole::Admin => Ok(()),
        OrgRole::DepartmentAdmin | OrgRole::Staff | OrgRole::Learner => Err(AppError::Forbidden),
    }
}
