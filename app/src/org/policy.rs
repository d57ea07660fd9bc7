//! Who may run the organisation.

use crate::auth::Actor;
use crate::error::AppError;

/// Organisation settings, courses, enrolments and teams: owners and admins.
pub fn can_administer_org(actor: &Actor) -> Result<(), AppError> {
    if actor.role.is_org_admin() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
