//! Who may see a course and contact its staff.

use super::model::CourseRole;
use crate::auth::Actor;
use crate::error::AppError;

/// Members see their course; owners and admins see every course of the organisation.
pub fn can_view_course(actor: &Actor, my_role: Option<CourseRole>) -> Result<(), AppError> {
    if my_role.is_some() || actor.role.is_org_admin() {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use strum::VariantArray;

    use super::*;
    use crate::ids::{OrgId, UserId};
    use crate::people::OrgRole;

    #[test]
    fn only_members_and_org_admins_see_a_course() {
        for &role in OrgRole::VARIANTS {
            let actor = Actor { id: UserId::new(), org_id: OrgId::new(), role, department_id: None };
            let sees = can_view_course(&actor, None).is_ok();
            assert_eq!(sees, matches!(role, OrgRole::Owner | OrgRole::Admin), "{role:?}");
            assert!(can_view_course(&actor, Some(CourseRole::Learner)).is_ok());
        }
    }
}
