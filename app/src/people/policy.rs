//! Who may manage whom. Pure functions: the service loads, these decide.

use super::model::OrgRole;
use crate::auth::Actor;
use crate::error::AppError;
use crate::ids::DepartmentId;

/// The part of a user that decides who may manage them.
#[derive(Clone, Copy, Debug)]
pub struct Managed {
    pub role: OrgRole,
    pub department_id: Option<DepartmentId>,
}

/// Whether the actor sees the admin pages for people at all.
pub fn can_list_users(actor: &Actor) -> Result<(), AppError> {
    if actor.role.is_admin() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Owners manage everyone; admins everyone but owners; department admins the staff and
/// learners of their own department.
pub fn can_manage_user(actor: &Actor, target: Managed) -> Result<(), AppError> {
    let allowed = match actor.role {
        OrgRole::Owner => true,
        OrgRole::Admin => target.role != OrgRole::Owner,
        OrgRole::DepartmentAdmin => {
            in_own_department(actor, target.department_id) && matches!(target.role, OrgRole::Staff | OrgRole::Learner)
        }
        OrgRole::Staff | OrgRole::Learner => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub fn in_own_department(actor: &Actor, department: Option<DepartmentId>) -> bool {
    actor.department_id.is_some() && actor.department_id == department
}

#[cfg(test)]
mod tests {
    use strum::VariantArray;

    use super::*;
    use crate::ids::{OrgId, UserId};

    fn actor(role: OrgRole, department_id: Option<DepartmentId>) -> Actor {
        Actor { id: UserId::new(), org_id: OrgId::new(), role, department_id }
    }

    #[test]
    fn who_manages_whom() {
        let sales = Some(DepartmentId::new());
        let support = Some(DepartmentId::new());
        use OrgRole::*;
        // (actor role, actor department, target role, target department, allowed)
        let grid = [
            (Owner, None, Owner, None, true),
            (Owner, None, Admin, None, true),
            (Admin, None, Owner, None, false),
            (Admin, None, Admin, None, true),
            (Admin, None, Learner, support, true),
            (DepartmentAdmin, sales, Learner, sales, true),
            (DepartmentAdmin, sales, Staff, sales, true),
            (DepartmentAdmin, sales, Learner, support, false),
            (DepartmentAdmin, sales, Learner, None, false),
            (DepartmentAdmin, sales, DepartmentAdmin, sales, false),
            (DepartmentAdmin, sales, Admin, sales, false),
            (DepartmentAdmin, None, Learner, None, false),
            (Staff, sales, Learner, sales, false),
            (Learner, sales, Learner, sales, false),
        ];
        for (role, dept, target_role, target_dept, allowed) in grid {
            let result = can_manage_user(&actor(role, dept), Managed { role: target_role, department_id: target_dept });
            assert_eq!(result.is_ok(), allowed, "{role:?} managing {target_role:?}");
            if !allowed {
                assert_eq!(result.unwrap_err(), AppError::Forbidden);
            }
        }
    }

    #[test]
    fn only_admins_list_users() {
        for &role in OrgRole::VARIANTS {
            assert_eq!(can_list_users(&actor(role, Some(DepartmentId::new()))).is_ok(), role.is_admin(), "{role:?}");
        }
    }
}
