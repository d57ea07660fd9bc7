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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::OrgRole;

    #[test]
    fn owners_and_admins_run_the_organisation_and_nobody_else() {
        let grid = [
            (OrgRole::Owner, true),
            (OrgRole::Admin, true),
            (OrgRole::DepartmentAdmin, false),
            (OrgRole::Staff, false),
            (OrgRole::Learner, false),
        ];
        for (role, allowed) in grid {
            let result = can_administer_org(&Actor::with_role(role));
            assert_eq!(result, if allowed { Ok(()) } else { Err(AppError::Forbidden) }, "{role:?}");
        }
    }
}
