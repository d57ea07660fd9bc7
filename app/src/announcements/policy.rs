//! Who posts, edits and deletes a course's announcements. Pure: the service gathers the facts.

use crate::auth::Actor;
use crate::courses::CourseRole;
use crate::error::AppError;

/// A course's instructors and mentors, and the organisation's owner and admins, post.
pub fn can_announce(actor: &Actor, my_course_role: Option<CourseRole>) -> Result<(), AppError> {
    crate::courses::policy::can_teach(actor, my_course_role)
}

/// An announcement is edited and deleted by its author and by the organisation's admins.
pub fn can_change_announcement(actor: &Actor, is_author: bool) -> Result<(), AppError> {
    if is_author || actor.role.is_org_admin() {
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
    fn course_staff_and_admins_announce_and_learners_do_not() {
        let grid = [
            (OrgRole::Staff, Some(CourseRole::Instructor), true),
            (OrgRole::Staff, Some(CourseRole::Mentor), true),
            (OrgRole::Admin, None, true),
            (OrgRole::Owner, None, true),
            (OrgRole::Staff, None, false),
            (OrgRole::Learner, Some(CourseRole::Learner), false),
        ];
        for (role, course_role, allowed) in grid {
            let result = can_announce(&Actor::with_role(role), course_role);
            assert_eq!(result, if allowed { Ok(()) } else { Err(AppError::Forbidden) }, "{role:?} {course_role:?}");
        }
    }

    #[test]
    fn authors_and_admins_change_an_announcement() {
        assert_eq!(can_change_announcement(&Actor::with_role(OrgRole::Staff), true), Ok(()));
        assert_eq!(can_change_announcement(&Actor::with_role(OrgRole::Staff), false), Err(AppError::Forbidden));
        assert_eq!(can_change_announcement(&Actor::with_role(OrgRole::Admin), false), Ok(()));
        assert_eq!(can_change_announcement(&Actor::with_role(OrgRole::Learner), false), Err(AppError::Forbidden));
    }
}
