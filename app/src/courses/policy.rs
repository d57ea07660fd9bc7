//! Who may see a course and contact its staff.

use super::model::CourseRole;
use crate::auth::Actor;
use crate::error::AppError;
use crate::org::DmPolicy;

/// Members see their course; owners and admins see every course of the organisation.
pub fn can_view_course(actor: &Actor, my_role: Option<CourseRole>) -> Result<(), AppError> {
    if my_role.is_some() || actor.role.is_org_admin() {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The policy in force for a course: its own override, else the organisation's.
pub fn effective_policy(org: DmPolicy, course: Option<DmPolicy>) -> DmPolicy {
    course.unwrap_or(org)
}

/// Whether a learner of the course may start a chat with its instructors and mentors.
pub fn learner_may_contact_staff(private_messaging: bool, policy: DmPolicy) -> bool {
    private_messaging && policy != DmPolicy::None
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

    #[test]
    fn contacting_staff_needs_private_messaging_and_a_policy_other_than_none() {
        for &policy in DmPolicy::VARIANTS {
            assert!(!learner_may_contact_staff(false, policy), "{policy:?} with messaging off");
            assert_eq!(learner_may_contact_staff(true, policy), policy != DmPolicy::None, "{policy:?}");
        }
        assert_eq!(effective_policy(DmPolicy::Anyone, Some(DmPolicy::None)), DmPolicy::None);
        assert_eq!(effective_policy(DmPolicy::Anyone, None), DmPolicy::Anyone);
    }
}
