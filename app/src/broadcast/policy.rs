//! Who may broadcast to a course's learners. Pure: the service gathers the facts.

use crate::auth::Actor;
use crate::courses::CourseRole;
use crate::error::AppError;

/// The organisation's owner and admins, and the course's own instructors and mentors.
pub fn can_broadcast(actor: &Actor, my_course_role: Option<CourseRole>) -> Result<(), AppError> {
    crate::courses::policy::can_teach(actor, my_course_role)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::OrgRole;

    #[test]
    fn course_staff_and_org_admins_broadcast_nobody_else_does() {
        for (role, course_role, allowed) in [
            (OrgRole::Staff, Some(CourseRole::Instructor), true),
            (OrgRole::Staff, Some(CourseRole::Mentor), true),
            (OrgRole::Owner, None, true),
            (OrgRole::Admin, None, true),
            (OrgRole::Staff, None, false),
            (OrgRole::DepartmentAdmin, None, false),
            (OrgRole::Learner, Some(CourseRole::Learner), false),
            (OrgRole::Staff, Some(CourseRole::Learner), false),
        ] {
            assert_eq!(can_broadcast(&Actor::with_role(role), course_role).is_ok(), allowed, "{role:?} {course_role:?}");
        }
    }
}
