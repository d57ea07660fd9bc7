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

/// Who teaches a course: its instructors and mentors, and the organisation's owner and admins.
/// They see its roster, broadcast to its learners and post its announcements.
pub fn can_teach(actor: &Actor, my_role: Option<CourseRole>) -> Result<(), AppError> {
    let course_staff = my_role.is_some_and(CourseRole::is_staff);
    if course_staff || actor.role.is_org_admin() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A course's roster (everyone enrolled, with "Message") is for those who teach it.
pub fn can_see_roster(actor: &Actor, my_role: Option<CourseRole>) -> Result<(), AppError> {
    can_teach(actor, my_role)
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
    fn the_roster_is_for_the_courses_staff_and_the_organisations_admins() {
        let actor = |role| Actor { id: UserId::new(), org_id: OrgId::new(), role, department_id: None };
        assert!(can_see_roster(&actor(OrgRole::Staff), Some(CourseRole::Instructor)).is_ok());
        assert!(can_see_roster(&actor(OrgRole::Staff), Some(CourseRole::Mentor)).is_ok());
        assert!(can_see_roster(&actor(OrgRole::Admin), None).is_ok());
        assert_eq!(can_see_roster(&actor(OrgRole::Learner), Some(CourseRole::Learner)), Err(AppError::Forbidden));
        assert_eq!(can_see_roster(&actor(OrgRole::Staff), None), Err(AppError::Forbidden));
    }
}
