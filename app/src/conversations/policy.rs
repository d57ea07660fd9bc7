//! Who may start a direct chat with whom, and who may delete a message. Pure: the service gathers the
//! facts, these functions decide.

use crate::auth::Actor;
use crate::courses::CourseRole;
use crate::error::AppError;
use crate::org::DmPolicy;
use crate::people::OrgRole;

/// A course both people are enrolled in, with the policy in force there.
#[derive(Clone, Copy, Debug)]
pub struct SharedCourse {
    pub policy: DmPolicy,
    pub target_role: CourseRole,
}

/// What decides whether the actor may reach the target.
#[derive(Clone, Debug)]
pub struct Reach {
    pub target_role: OrgRole,
    pub target_active: bool,
    pub same_department: bool,
    pub private_messaging: bool,
    pub org_policy: DmPolicy,
    pub shared_courses: Vec<SharedCourse>,
}

pub fn can_start_direct(actor: &Actor, target_is_actor: bool, reach: &Reach) -> Result<(), AppError> {
    if target_is_actor {
        return Err(AppError::validation("to", "You cannot start a chat with yourself."));
    }
    if !reach.target_active {
        return Err(AppError::Conflict("This person's account is deactivated.".into()));
    }
    let allowed = match actor.role {
        OrgRole::Owner | OrgRole::Admin => true,
        OrgRole::DepartmentAdmin => reach.same_department || reach.target_role != OrgRole::Learner,
        OrgRole::Staff => reach.target_role != OrgRole::Learner || !reach.shared_courses.is_empty(),
        OrgRole::Learner => learner_may_start(reach),
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn learner_may_start(reach: &Reach) -> bool {
    if !reach.private_messaging {
        return false;
    }
    reach.org_policy == DmPolicy::Anyone
        || reach.shared_courses.iter().any(|course| match course.policy {
            DmPolicy::None => false,
            DmPolicy::AssignedStaff => course.target_role.is_staff(),
            DmPolicy::CourseMembers | DmPolicy::Anyone => true,
        })
}

/// A message is deleted by its author, or by an admin of the organisation who is a member.
pub fn can_delete_message(actor: &Actor, is_author: bool) -> Result<(), AppError> {
    if is_author || matches!(actor.role, OrgRole::Owner | OrgRole::Admin | OrgRole::DepartmentAdmin) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reach(target_role: OrgRole, org_policy: DmPolicy, shared: &[(DmPolicy, CourseRole)]) -> Reach {
        Reach {
            target_role,
            target_active: true,
            same_department: false,
            private_messaging: true,
            org_policy,
            shared_courses: shared.iter().map(|&(policy, target_role)| SharedCourse { policy, target_role }).collect(),
        }
    }

    #[test]
    fn learners_start_chats_only_as_the_policy_allows() {
        use CourseRole::*;
        use DmPolicy::*;
        // (org policy, shared courses (course policy, target's role there), target org role, allowed)
        let grid: [(DmPolicy, &[(DmPolicy, CourseRole)], OrgRole, bool); 11] = [
            (None, &[(None, Instructor)], OrgRole::Staff, false),
            (AssignedStaff, &[(AssignedStaff, Instructor)], OrgRole::Staff, true),
            (AssignedStaff, &[(AssignedStaff, Mentor)], OrgRole::Staff, true),
            (AssignedStaff, &[(AssignedStaff, Learner)], OrgRole::Learner, false),
            (AssignedStaff, &[], OrgRole::Staff, false),
            (AssignedStaff, &[(None, Instructor)], OrgRole::Staff, false),
            (None, &[(AssignedStaff, Instructor)], OrgRole::Staff, true),
            (CourseMembers, &[(CourseMembers, Learner)], OrgRole::Learner, true),
            (CourseMembers, &[], OrgRole::Learner, false),
            (Anyone, &[], OrgRole::Learner, true),
            (Anyone, &[(None, Learner)], OrgRole::Learner, true),
        ];
        for (org_policy, shared, target_role, allowed) in grid {
            let result = can_start_direct(&Actor::with_role(OrgRole::Learner), false, &reach(target_role, org_policy, shared));
            assert_eq!(result.is_ok(), allowed, "{org_policy:?} {shared:?} -> {target_role:?}");
            if !allowed {
                assert_eq!(result.unwrap_err(), AppError::Forbidden);
            }
        }
    }

    #[test]
    fn with_private_messaging_off_learners_start_nothing() {
        let mut r = reach(OrgRole::Staff, DmPolicy::Anyone, &[(DmPolicy::Anyone, CourseRole::Instructor)]);
        r.private_messaging = false;
        assert_eq!(can_start_direct(&Actor::with_role(OrgRole::Learner), false, &r), Err(AppError::Forbidden));
        assert!(can_start_direct(&Actor::with_role(OrgRole::Staff), false, &r).is_ok(), "staff are not limited by it");
    }

    #[test]
    fn admins_reach_anyone_staff_reach_their_learners() {
        let stranger = reach(OrgRole::Learner, DmPolicy::None, &[]);
        let taught = reach(OrgRole::Learner, DmPolicy::None, &[(DmPolicy::None, CourseRole::Learner)]);
        assert!(can_start_direct(&Actor::with_role(OrgRole::Owner), false, &stranger).is_ok());
        assert!(can_start_direct(&Actor::with_role(OrgRole::Admin), false, &stranger).is_ok());
        assert_eq!(can_start_direct(&Actor::with_role(OrgRole::DepartmentAdmin), false, &stranger), Err(AppError::Forbidden));
        let mut own = stranger.clone();
        own.same_department = true;
        assert!(can_start_direct(&Actor::with_role(OrgRole::DepartmentAdmin), false, &own).is_ok());
        assert_eq!(can_start_direct(&Actor::with_role(OrgRole::Staff), false, &stranger), Err(AppError::Forbidden));
        assert!(can_start_direct(&Actor::with_role(OrgRole::Staff), false, &taught).is_ok());
    }

    #[test]
    fn nobody_chats_with_themselves_or_the_deactivated() {
        let r = reach(OrgRole::Staff, DmPolicy::Anyone, &[]);
        assert_eq!(can_start_direct(&Actor::with_role(OrgRole::Owner), true, &r).unwrap_err().field(), Some("to"));
        let mut gone = r;
        gone.target_active = false;
        assert!(matches!(can_start_direct(&Actor::with_role(OrgRole::Owner), false, &gone), Err(AppError::Conflict(_))));
    }

    #[test]
    fn deleting_messages() {
        assert!(can_delete_message(&Actor::with_role(OrgRole::Learner), true).is_ok());
        assert_eq!(can_delete_message(&Actor::with_role(OrgRole::Learner), false), Err(AppError::Forbidden));
        assert_eq!(can_delete_message(&Actor::with_role(OrgRole::Staff), false), Err(AppError::Forbidden));
        for admin in [OrgRole::Owner, OrgRole::Admin, OrgRole::DepartmentAdmin] {
            assert!(can_delete_message(&Actor::with_role(admin), false).is_ok(), "{admin:?}");
        }
    }
}
