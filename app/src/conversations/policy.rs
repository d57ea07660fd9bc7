//! Who may start a direct chat with whom, create and manage a group chat, post in a
//! conversation, or delete a message.
//! Pure: the service gathers the facts, these functions decide, and the pages show a button
//! only where the same function, on the same facts, allows it.

use super::model::{ConversationKind, MemberRole, Membership};
use crate::auth::Actor;
use crate::courses::CourseRole;
use crate::error::AppError;
use crate::ids::UserId;
use crate::org::DmPolicy;
use crate::people::OrgRole;

/// A course both people are enrolled in.
#[derive(Clone, Copy, Debug)]
pub struct SharedCourse {
    /// The course's own policy; `None` when the organisation's applies.
    pub policy: Option<DmPolicy>,
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
    /// The own policies of every course the actor is enrolled in (`None`: the organisation's).
    pub own_courses: Vec<Option<DmPolicy>>,
}

impl Reach {
    /// The policy in force in a course: its own, else the organisation's.
    fn in_force(&self, course_policy: Option<DmPolicy>) -> DmPolicy {
        course_policy.unwrap_or(self.org_policy)
    }
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

/// Between people who share a course, the policy in force in one of those courses must allow
/// it: a course's own setting overrides the organisation's. Anyone else is reachable only
/// where "anyone in the organisation" is in force: the organisation's policy, or that of one
/// of the learner's courses.
fn learner_may_start(reach: &Reach) -> bool {
    if !reach.private_messaging {
        return false;
    }
    if !reach.shared_courses.is_empty() {
        return reach.shared_courses.iter().any(|course| match reach.in_force(course.policy) {
            DmPolicy::None => false,
            DmPolicy::AssignedStaff => course.target_role.is_staff(),
            DmPolicy::CourseMembers | DmPolicy::Anyone => true,
        });
    }
    reach.org_policy == DmPolicy::Anyone || reach.own_courses.iter().any(|&policy| reach.in_force(policy) == DmPolicy::Anyone)
}

/// Every member posts, except where only some may: in a locked conversation only its owner,
/// and in an announcement channel only its owner and staff.
pub fn can_post(role: OrgRole, membership: &Membership) -> Result<(), AppError> {
    let owner = membership.role == MemberRole::Owner;
    let allowed = match membership.kind {
        _ if membership.locked => owner,
        ConversationKind::Channel => owner || role != OrgRole::Learner,
        ConversationKind::Direct | ConversationKind::Shared | ConversationKind::Group => true,
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Why someone of `role` may not post here, in words for them (shown in place of the
/// composer); `None` when they may.
pub fn why_not_posting(role: OrgRole, membership: &Membership) -> Option<&'static str> {
    if can_post(role, membership).is_ok() {
        return None;
    }
    Some(match (membership.kind, membership.locked) {
        (_, true) if membership.roster.is_some() => "This course chat is closed. You can still read it.",
        (_, true) => "This chat is locked: only its owner posts. You can still read it.",
        (ConversationKind::Channel, false) => "Only staff post in this channel.",
        _ => "You cannot post here.",
    })
}

/// Staff and admins create group chats; learners do not.
pub fn can_create_group(actor: &Actor) -> Result<(), AppError> {
    if actor.role == OrgRole::Learner {
        Err(AppError::Forbidden)
    } else {
        Ok(())
    }
}

/// A group chat's people and settings are managed by its owner and by the organisation's
/// admins who are its members (the membership says they are one). A course chat has no owner:
/// the staff in it manage it.
pub fn can_manage_group(actor: &Actor, membership: &Membership) -> Result<(), AppError> {
    let course_staff = membership.roster.is_some() && actor.role != OrgRole::Learner;
    let manager = membership.role == MemberRole::Owner || actor.role.is_admin() || course_staff;
    if membership.kind == ConversationKind::Group && manager {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Managers add and remove a group's people, except in a course chat, whose people follow
/// the course's enrolments and teams; a shared chat's owner adds and removes teammates.
pub fn can_change_people(actor: &Actor, membership: &Membership) -> Result<(), AppError> {
    if membership.kind == ConversationKind::Shared {
        return match membership.role {
            MemberRole::Owner => Ok(()),
            MemberRole::Member => Err(AppError::Forbidden),
        };
    }
    can_manage_group(actor, membership)?;
    match membership.roster {
        Some(_) => Err(AppError::Conflict(ROSTER_PEOPLE.into())),
        None => Ok(()),
    }
}

/// Staff turn a direct chat into a group by adding someone, where the organisation's "group
/// chat" flag allows it; with the flag off a direct chat stays between its two people.
pub fn can_make_group(actor: &Actor, membership: &Membership, group_chats: bool) -> Result<(), AppError> {
    if membership.kind != ConversationKind::Direct || actor.role == OrgRole::Learner {
        return Err(AppError::Forbidden);
    }
    if !group_chats {
        return Err(AppError::Conflict(ONE_TO_ONE.into()));
    }
    Ok(())
}

/// Who adds people here: a group's managers (but nobody, in a course chat), a shared chat's
/// owner, or staff in a direct chat: sharing it with teammates when it is with a learner,
/// making it a group where the organisation's flag allows it.
pub fn can_add_people(actor: &Actor, membership: &Membership, group_chats: bool, with_learner: bool) -> Result<(), AppError> {
    match membership.kind {
        ConversationKind::Direct if with_learner && actor.role != OrgRole::Learner => Ok(()),
        ConversationKind::Direct => can_make_group(actor, membership, group_chats),
        _ => can_change_people(actor, membership),
    }
}

/// What adding someone makes of a conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Adding {
    /// One more member of a group.
    Member,
    /// A teammate shares a staff member's chat with a learner; it stays that chat.
    Share,
    /// The chat becomes a group, for good. From a shared chat only after a confirmation.
    Group { confirm: bool },
}

/// Who is added to what: whether the chat has a learner, and whether the newcomer is one.
#[derive(Clone, Copy, Debug)]
pub struct AddFacts {
    pub group_chats: bool,
    pub with_learner: bool,
    pub adding_learner: bool,
}

/// What adding someone does here, if the actor may. A direct chat with a learner is shared by
/// its staff member with teammates, and only by them, and a shared chat by its owner; a second
/// learner makes either a group, where the organisation allows groups.
pub fn what_adding_makes(actor: &Actor, membership: &Membership, facts: AddFacts) -> Result<Adding, AppError> {
    can_add_people(actor, membership, facts.group_chats, facts.with_learner)?;
    let sharing = facts.with_learner && !facts.adding_learner;
    Ok(match membership.kind {
        ConversationKind::Direct | ConversationKind::Shared if sharing => Adding::Share,
        ConversationKind::Direct | ConversationKind::Shared => {
            if !facts.group_chats {
                return Err(AppError::Conflict(ONE_TO_ONE.into()));
            }
            Adding::Group { confirm: membership.kind == ConversationKind::Shared }
        }
        ConversationKind::Group | ConversationKind::Channel => Adding::Member,
    })
}

/// Who may be removed: from a shared chat its teammates, never its learner.
pub fn can_remove_person(actor: &Actor, membership: &Membership, removing_learner: bool) -> Result<(), AppError> {
    can_change_people(actor, membership)?;
    if membership.kind == ConversationKind::Shared && removing_learner {
        return Err(AppError::Conflict("A shared chat is the learner's own: they stay in it.".into()));
    }
    Ok(())
}

/// Announcement channels are opened by the organisation's owner and admins, anywhere, and by a
/// course's instructors (its coordinators) for their course.
pub fn can_create_channel(actor: &Actor, course_role: Option<CourseRole>, org_wide: bool) -> Result<(), AppError> {
    let coordinator = !org_wide && course_role == Some(CourseRole::Instructor) && actor.role != OrgRole::Learner;
    if actor.role.is_org_admin() || coordinator {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A staff member picks who their new direct chats are shared with; the organisation's owner
/// and admins pick it for any staff member. Learners have no such setting.
pub fn can_set_default_sharing(actor: &Actor, owner: UserId, owner_is_staff: bool) -> Result<(), AppError> {
    let for_themselves = actor.id == owner && actor.role != OrgRole::Learner;
    if !for_themselves && !actor.role.is_org_admin() {
        return Err(AppError::Forbidden);
    }
    if !owner_is_staff {
        return Err(AppError::Conflict("Only staff members' chats are shared with team members.".into()));
    }
    Ok(())
}

/// What a shared chat's owner is told before a second learner makes it a group.
pub const CONVERTS_TO_GROUP: &str =
    "Adding another learner turns this shared chat into a group chat. This cannot be undone: a group never becomes a shared chat again.";

const ONE_TO_ONE: &str = "Group chats are switched off in this organisation: a direct chat stays between its two people.";

/// Why nobody adds, removes or leaves a course chat by hand; the pages say it too.
pub const ROSTER_PEOPLE: &str = "People join and leave a course chat with the course's enrolments and teams.";

/// A message is edited by its author only.
pub fn can_edit_message(is_author: bool) -> Result<(), AppError> {
    if is_author {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// "Delete chat" takes a conversation out of the member's own inbox until someone writes
/// again; an announcement channel stays, as its announcements are for everyone it names.
pub fn can_delete_chat(membership: &Membership) -> Result<(), AppError> {
    match membership.kind {
        ConversationKind::Channel => Err(AppError::Conflict("Announcement channels cannot be deleted.".into())),
        ConversationKind::Direct | ConversationKind::Shared | ConversationKind::Group => Ok(()),
    }
}

/// A member leaves a group on their own; its owner cannot, and nobody leaves a course chat.
pub fn can_leave_group(membership: &Membership) -> Result<(), AppError> {
    match (membership.kind, membership.role) {
        (ConversationKind::Group, _) if membership.roster.is_some() => Err(AppError::Conflict(ROSTER_PEOPLE.into())),
        (ConversationKind::Group, MemberRole::Member) => Ok(()),
        (ConversationKind::Group, MemberRole::Owner) => Err(AppError::Conflict("The owner of a group cannot leave it.".into())),
        _ => Err(AppError::Forbidden),
    }
}

/// Posts are pinned to a group's feed by its owner and by the staff in it.
pub fn can_pin(actor: &Actor, membership: &Membership) -> Result<(), AppError> {
    let allowed = membership.role == MemberRole::Owner || actor.role != OrgRole::Learner;
    if membership.kind == ConversationKind::Group && allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A message is deleted by its author, or by an admin of the organisation who is a member.
pub fn can_delete_message(actor: &Actor, is_author: bool) -> Result<(), AppError> {
    if may_delete_message(actor.role, is_author) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The rule behind [`can_delete_message`], for a viewer known by their role only (a live event's).
pub fn may_delete_message(role: OrgRole, is_author: bool) -> bool {
    is_author || role.is_admin()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversations::model::Roster;

    fn reach(target_role: OrgRole, org_policy: DmPolicy, shared: &[(Option<DmPolicy>, CourseRole)]) -> Reach {
        Reach {
            target_role,
            target_active: true,
            same_department: false,
            private_messaging: true,
            org_policy,
            shared_courses: shared.iter().map(|&(policy, target_role)| SharedCourse { policy, target_role }).collect(),
            own_courses: shared.iter().map(|&(policy, _)| policy).collect(),
        }
    }

    #[test]
    fn learners_start_chats_only_as_the_policy_allows() {
        use CourseRole::*;
        use DmPolicy::*;
        // (org policy, shared courses (course's own policy, target's role there), target org role, allowed)
        type Row = (DmPolicy, &'static [(Option<DmPolicy>, CourseRole)], OrgRole, bool);
        let grid: [Row; 15] = [
            (None, &[(Option::None, Instructor)], OrgRole::Staff, false),
            (AssignedStaff, &[(Option::None, Instructor)], OrgRole::Staff, true),
            (AssignedStaff, &[(Some(AssignedStaff), Instructor)], OrgRole::Staff, true),
            (AssignedStaff, &[(Some(AssignedStaff), Mentor)], OrgRole::Staff, true),
            (AssignedStaff, &[(Some(AssignedStaff), Learner)], OrgRole::Learner, false),
            (AssignedStaff, &[], OrgRole::Staff, false),
            (AssignedStaff, &[(Some(None), Instructor)], OrgRole::Staff, false),
            (None, &[(Some(AssignedStaff), Instructor)], OrgRole::Staff, true),
            (CourseMembers, &[(Option::None, Learner)], OrgRole::Learner, true),
            (CourseMembers, &[], OrgRole::Learner, false),
            (Anyone, &[], OrgRole::Learner, true),
            // The course's own "learners only reply" overrides the organisation's "anyone"
            // for the people met in that course.
            (Anyone, &[(Some(None), Learner)], OrgRole::Learner, false),
            (Anyone, &[(Some(None), Instructor)], OrgRole::Staff, false),
            (Anyone, &[(Some(None), Instructor), (Option::None, Instructor)], OrgRole::Staff, true),
            (AssignedStaff, &[(Some(Anyone), Learner)], OrgRole::Learner, true),
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
        let mut r = reach(OrgRole::Staff, DmPolicy::Anyone, &[(Some(DmPolicy::Anyone), CourseRole::Instructor)]);
        r.private_messaging = false;
        assert_eq!(can_start_direct(&Actor::with_role(OrgRole::Learner), false, &r), Err(AppError::Forbidden));
        assert!(can_start_direct(&Actor::with_role(OrgRole::Staff), false, &r).is_ok(), "staff are not limited by it");
    }

    #[test]
    fn admins_reach_anyone_staff_reach_their_learners() {
        let stranger = reach(OrgRole::Learner, DmPolicy::None, &[]);
        let taught = reach(OrgRole::Learner, DmPolicy::None, &[(Some(DmPolicy::None), CourseRole::Learner)]);
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
    fn a_course_set_to_anyone_reaches_people_outside_it() {
        let mut stranger = reach(OrgRole::Learner, DmPolicy::AssignedStaff, &[]);
        let learner = Actor::with_role(OrgRole::Learner);
        assert_eq!(can_start_direct(&learner, false, &stranger), Err(AppError::Forbidden));
        stranger.own_courses = vec![Some(DmPolicy::CourseMembers)];
        assert_eq!(can_start_direct(&learner, false, &stranger), Err(AppError::Forbidden), "course members stay inside the course");
        stranger.own_courses.push(Some(DmPolicy::Anyone));
        assert!(can_start_direct(&learner, false, &stranger).is_ok(), "anyone in the organisation");
    }

    fn membership(kind: ConversationKind, role: MemberRole, locked: bool) -> Membership {
        let style = super::super::model::GroupStyle::Chat;
        Membership {
            kind,
            role,
            locked,
            style,
            title: Option::None,
            cleared_at: Option::None,
            naming: Default::default(),
            roster: Option::None,
            avatar: Option::None,
        }
    }

    fn course_chat(roster: Roster) -> Membership {
        Membership { roster: Some(roster), ..membership(ConversationKind::Group, MemberRole::Member, false) }
    }

    #[test]
    fn every_chat_but_a_channel_can_be_deleted_from_ones_inbox() {
        use ConversationKind::*;
        for kind in [Direct, Shared, Group] {
            assert_eq!(can_delete_chat(&membership(kind, MemberRole::Member, false)), Ok(()), "{kind:?}");
        }
        assert!(matches!(can_delete_chat(&membership(Channel, MemberRole::Owner, false)), Err(AppError::Conflict(_))));
    }

    #[test]
    fn who_may_post() {
        use ConversationKind::*;
        use MemberRole::*;
        // (kind, the actor's org role, their role in the conversation, locked, allowed)
        let grid = [
            (Direct, OrgRole::Learner, Member, false, true),
            (Direct, OrgRole::Staff, Owner, false, true),
            (Shared, OrgRole::Learner, Member, false, true),
            (Group, OrgRole::Learner, Member, false, true),
            (Group, OrgRole::Learner, Member, true, false),
            (Group, OrgRole::Admin, Member, true, false),
            (Group, OrgRole::Staff, Owner, true, true),
            (Channel, OrgRole::Learner, Member, false, false),
            (Channel, OrgRole::Staff, Member, false, true),
            (Channel, OrgRole::Admin, Member, false, true),
            (Channel, OrgRole::Staff, Member, true, false),
            (Channel, OrgRole::Admin, Owner, true, true),
        ];
        for (kind, org_role, role, locked, allowed) in grid {
            let result = can_post(org_role, &membership(kind, role, locked));
            assert_eq!(result.is_ok(), allowed, "{kind:?} {org_role:?} {role:?} locked={locked}");
            assert_eq!(why_not_posting(org_role, &membership(kind, role, locked)).is_none(), allowed, "the composer's place says so");
            if !allowed {
                assert_eq!(result, Err(AppError::Forbidden));
            }
        }
    }

    #[test]
    fn those_who_may_not_post_are_told_why() {
        let locked = membership(ConversationKind::Group, MemberRole::Member, true);
        assert_eq!(why_not_posting(OrgRole::Learner, &locked), Some("This chat is locked: only its owner posts. You can still read it."));
        let closed = Membership { locked: true, ..course_chat(Roster::Cohort) };
        assert_eq!(why_not_posting(OrgRole::Learner, &closed), Some("This course chat is closed. You can still read it."));
        let channel = membership(ConversationKind::Channel, MemberRole::Member, false);
        assert_eq!(why_not_posting(OrgRole::Learner, &channel), Some("Only staff post in this channel."));
        assert_eq!(why_not_posting(OrgRole::Staff, &channel), None);
    }

    #[test]
    fn who_may_create_and_manage_groups() {
        assert_eq!(can_create_group(&Actor::with_role(OrgRole::Learner)), Err(AppError::Forbidden));
        for role in [OrgRole::Staff, OrgRole::DepartmentAdmin, OrgRole::Admin, OrgRole::Owner] {
            assert!(can_create_group(&Actor::with_role(role)).is_ok(), "{role:?}");
        }
        use ConversationKind::*;
        use MemberRole::*;
        // (kind, the actor's org role, their role in the conversation, allowed)
        let grid = [
            (Group, OrgRole::Staff, Owner, true),
            (Group, OrgRole::Learner, Owner, true),
            (Group, OrgRole::Admin, Member, true),
            (Group, OrgRole::DepartmentAdmin, Member, true),
            (Group, OrgRole::Staff, Member, false),
            (Group, OrgRole::Learner, Member, false),
            (Direct, OrgRole::Admin, Owner, false),
            (Channel, OrgRole::Staff, Owner, false),
        ];
        for (kind, org_role, role, allowed) in grid {
            let result = can_manage_group(&Actor::with_role(org_role), &membership(kind, role, false));
            assert_eq!(result.is_ok(), allowed, "{kind:?} {org_role:?} {role:?}");
        }
    }

    #[test]
    fn course_chats_are_managed_by_their_staff_and_follow_the_course() {
        for roster in [Roster::Cohort, Roster::Team] {
            let chat = course_chat(roster);
            for role in [OrgRole::Staff, OrgRole::DepartmentAdmin, OrgRole::Admin, OrgRole::Owner] {
                assert!(can_manage_group(&Actor::with_role(role), &chat).is_ok(), "{role:?} {roster:?}");
                assert_eq!(can_change_people(&Actor::with_role(role), &chat), Err(AppError::Conflict(ROSTER_PEOPLE.into())));
            }
            assert_eq!(can_manage_group(&Actor::with_role(OrgRole::Learner), &chat), Err(AppError::Forbidden));
            assert_eq!(can_change_people(&Actor::with_role(OrgRole::Learner), &chat), Err(AppError::Forbidden));
            assert_eq!(can_leave_group(&chat), Err(AppError::Conflict(ROSTER_PEOPLE.into())));
        }
        let group = membership(ConversationKind::Group, MemberRole::Owner, false);
        assert!(can_change_people(&Actor::with_role(OrgRole::Staff), &group).is_ok());
        let joined = membership(ConversationKind::Group, MemberRole::Member, false);
        assert_eq!(can_change_people(&Actor::with_role(OrgRole::Staff), &joined), Err(AppError::Forbidden));
    }

    #[test]
    fn staff_make_a_direct_chat_a_group_only_where_the_flag_allows() {
        let direct = membership(ConversationKind::Direct, MemberRole::Member, false);
        for role in [OrgRole::Staff, OrgRole::DepartmentAdmin, OrgRole::Admin, OrgRole::Owner] {
            assert!(can_make_group(&Actor::with_role(role), &direct, true).is_ok(), "{role:?}");
            assert_eq!(can_make_group(&Actor::with_role(role), &direct, false), Err(AppError::Conflict(ONE_TO_ONE.into())));
        }
        assert_eq!(can_make_group(&Actor::with_role(OrgRole::Learner), &direct, true), Err(AppError::Forbidden));
        let group = membership(ConversationKind::Group, MemberRole::Owner, false);
        assert_eq!(can_make_group(&Actor::with_role(OrgRole::Admin), &group, true), Err(AppError::Forbidden), "already one");
        // Adding people: the direct-chat rule for direct chats, a group's otherwise.
        let staff = Actor::with_role(OrgRole::Staff);
        assert!(can_add_people(&staff, &direct, true, false).is_ok());
        assert_eq!(can_add_people(&staff, &direct, false, false), Err(AppError::Conflict(ONE_TO_ONE.into())));
        assert!(can_add_people(&staff, &direct, false, true).is_ok(), "a chat with a learner is shared, flag or not");
        assert!(can_add_people(&staff, &group, false, false).is_ok(), "the flag is about direct chats only");
        assert_eq!(can_add_people(&staff, &course_chat(Roster::Cohort), true, false), Err(AppError::Conflict(ROSTER_PEOPLE.into())));
        assert_eq!(can_add_people(&Actor::with_role(OrgRole::Learner), &direct, true, true), Err(AppError::Forbidden));
    }

    #[test]
    fn a_chat_with_a_learner_is_shared_by_its_owner_and_a_second_learner_makes_it_a_group() {
        use Adding::*;
        let facts = |group_chats, with_learner, adding_learner| AddFacts { group_chats, with_learner, adding_learner };
        let (staff, learner) = (Actor::with_role(OrgRole::Staff), Actor::with_role(OrgRole::Learner));
        let direct = membership(ConversationKind::Direct, MemberRole::Owner, false);
        let shared_owner = membership(ConversationKind::Shared, MemberRole::Owner, false);
        let shared_teammate = membership(ConversationKind::Shared, MemberRole::Member, false);
        let grid: [(&Actor, &Membership, AddFacts, Result<Adding, AppError>); 9] = [
            (&staff, &direct, facts(false, true, false), Ok(Share)),
            (&staff, &direct, facts(true, true, true), Ok(Group { confirm: false })),
            (&staff, &direct, facts(false, true, true), Err(AppError::Conflict(ONE_TO_ONE.into()))),
            (&staff, &direct, facts(true, false, false), Ok(Group { confirm: false })),
            (&learner, &direct, facts(true, true, false), Err(AppError::Forbidden)),
            (&staff, &shared_owner, facts(false, true, false), Ok(Share)),
            (&staff, &shared_owner, facts(true, true, true), Ok(Group { confirm: true })),
            (&staff, &shared_teammate, facts(true, true, false), Err(AppError::Forbidden)),
            (&learner, &shared_teammate, facts(true, true, false), Err(AppError::Forbidden)),
        ];
        for (actor, membership, facts, expected) in grid {
            assert_eq!(what_adding_makes(actor, membership, facts), expected, "{:?} {:?} {facts:?}", actor.role, membership.kind);
        }
    }

    #[test]
    fn admins_open_channels_anywhere_and_instructors_for_their_course() {
        use CourseRole::*;
        type Row = (OrgRole, Option<CourseRole>, bool, bool);
        let grid: [Row; 9] = [
            (OrgRole::Owner, None, true, true),
            (OrgRole::Admin, None, false, true),
            (OrgRole::Staff, Some(Instructor), false, true),
            (OrgRole::Staff, Some(Instructor), true, false),
            (OrgRole::Staff, Some(Mentor), false, false),
            (OrgRole::Staff, None, false, false),
            (OrgRole::DepartmentAdmin, None, false, false),
            (OrgRole::Learner, Some(Instructor), false, false),
            (OrgRole::Learner, Some(Learner), false, false),
        ];
        for (role, in_course, org_wide, allowed) in grid {
            let result = can_create_channel(&Actor::with_role(role), in_course, org_wide);
            assert_eq!(result, if allowed { Ok(()) } else { Err(AppError::Forbidden) }, "{role:?} {in_course:?} org-wide={org_wide}");
        }
    }

    #[test]
    fn staff_set_their_own_default_sharing_and_owners_and_admins_anyones() {
        let (staff, other_staff) = (Actor::with_role(OrgRole::Staff), Actor::with_role(OrgRole::Staff));
        assert_eq!(can_set_default_sharing(&staff, staff.id, true), Ok(()));
        assert_eq!(can_set_default_sharing(&other_staff, staff.id, true), Err(AppError::Forbidden), "not someone else's");
        assert_eq!(can_set_default_sharing(&Actor::with_role(OrgRole::DepartmentAdmin), staff.id, true), Err(AppError::Forbidden));
        for admin in [OrgRole::Owner, OrgRole::Admin] {
            assert_eq!(can_set_default_sharing(&Actor::with_role(admin), staff.id, true), Ok(()), "{admin:?} on their behalf");
            assert!(
                matches!(can_set_default_sharing(&Actor::with_role(admin), staff.id, false), Err(AppError::Conflict(_))),
                "not a learner's"
            );
        }
        let learner = Actor::with_role(OrgRole::Learner);
        assert_eq!(can_set_default_sharing(&learner, learner.id, false), Err(AppError::Forbidden));
    }

    #[test]
    fn a_shared_chats_owner_removes_teammates_never_its_learner() {
        let staff = Actor::with_role(OrgRole::Staff);
        let owner = membership(ConversationKind::Shared, MemberRole::Owner, false);
        assert_eq!(can_remove_person(&staff, &owner, false), Ok(()));
        assert!(matches!(can_remove_person(&staff, &owner, true), Err(AppError::Conflict(_))));
        let teammate = membership(ConversationKind::Shared, MemberRole::Member, false);
        assert_eq!(can_remove_person(&staff, &teammate, false), Err(AppError::Forbidden), "only the owner");
        let direct = membership(ConversationKind::Direct, MemberRole::Owner, false);
        assert_eq!(can_remove_person(&staff, &direct, false), Err(AppError::Forbidden), "nobody leaves a direct chat");
    }

    #[test]
    fn who_may_leave() {
        assert!(can_leave_group(&membership(ConversationKind::Group, MemberRole::Member, false)).is_ok());
        assert!(matches!(can_leave_group(&membership(ConversationKind::Group, MemberRole::Owner, false)), Err(AppError::Conflict(_))));
        assert_eq!(can_leave_group(&membership(ConversationKind::Direct, MemberRole::Member, false)), Err(AppError::Forbidden));
    }

    #[test]
    fn who_may_edit_and_pin() {
        assert!(can_edit_message(true).is_ok());
        assert_eq!(can_edit_message(false), Err(AppError::Forbidden), "not theirs, whoever they are");
        use ConversationKind::*;
        use MemberRole::*;
        // (kind, the actor's org role, their role in the conversation, allowed)
        let grid = [
            (Group, OrgRole::Staff, Member, true),
            (Group, OrgRole::Admin, Member, true),
            (Group, OrgRole::Learner, Owner, true),
            (Group, OrgRole::Learner, Member, false),
            (Direct, OrgRole::Staff, Owner, false),
        ];
        for (kind, org_role, role, allowed) in grid {
            assert_eq!(
                can_pin(&Actor::with_role(org_role), &membership(kind, role, false)).is_ok(),
                allowed,
                "{kind:?} {org_role:?} {role:?}"
            );
        }
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
