//! How one viewer sees the other people of a conversation. Staff see everyone's full name and
//! photo; learners see what the conversation's [`Naming`] allows. Every place that shows a
//! person in a conversation (message authors, the participants, "Seen by", live events) asks
//! here, so the rule has one home.

use super::model::{LearnerNaming, Naming};
use crate::ids::UserId;
use crate::people::{full_name, OrgRole};

/// What a viewer shows for a person they may not see.
pub const HIDDEN_NAME: &str = "Participant";

/// Who is looking.
#[derive(Clone, Copy, Debug)]
pub struct Viewer {
    pub id: UserId,
    pub role: OrgRole,
}

impl Viewer {
    /// Whether the viewer sees `person` in full: staff see everyone, everyone sees themselves.
    fn sees_fully(&self, person: UserId) -> bool {
        self.role != OrgRole::Learner || person == self.id
    }
}

impl Naming {
    /// The name `viewer` sees for `person`.
    pub fn name(&self, viewer: Viewer, person: UserId, first: &str, last: &str) -> String {
        if viewer.sees_fully(person) {
            return full_name(first, last);
        }
        if !self.people_visible {
            return HIDDEN_NAME.to_owned();
        }
        match (self.naming, last.chars().next()) {
            (LearnerNaming::Full, _) => full_name(first, last),
            (LearnerNaming::FirstInitial, Some(initial)) => format!("{first} {initial}."),
            (LearnerNaming::FirstInitial, None) | (LearnerNaming::First, _) => first.to_owned(),
        }
    }

    /// Whether `person` is nameless to `viewer`, who then cannot mention them either.
    pub fn hides(&self, viewer: Viewer, person: UserId) -> bool {
        !self.people_visible && !viewer.sees_fully(person)
    }

    /// The photo `viewer` sees for `person`: none where people are hidden from them.
    pub fn photo(&self, viewer: Viewer, person: UserId, avatar: Option<String>) -> Option<String> {
        avatar.filter(|_| !self.hides(viewer, person))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learners_see_names_as_the_group_says_and_staff_see_them_in_full() {
        let (learner, staff, other) = (UserId::new(), UserId::new(), UserId::new());
        let as_learner = Viewer { id: learner, role: OrgRole::Learner };
        let as_staff = Viewer { id: staff, role: OrgRole::Staff };
        let photo = || Some("upload:a.png".to_owned());
        for (naming, people_visible, learner_sees) in [
            (LearnerNaming::Full, true, "Ada Okafor"),
            (LearnerNaming::FirstInitial, true, "Ada O."),
            (LearnerNaming::First, true, "Ada"),
            (LearnerNaming::Full, false, HIDDEN_NAME),
            (LearnerNaming::First, false, HIDDEN_NAME),
        ] {
            let group = Naming { naming, people_visible };
            assert_eq!(group.name(as_learner, other, "Ada", "Okafor"), learner_sees, "{group:?}");
            assert_eq!(group.name(as_staff, other, "Ada", "Okafor"), "Ada Okafor", "staff always see full names: {group:?}");
            assert_eq!(group.name(as_learner, learner, "Lee", "Chan"), "Lee Chan", "one's own name is whole: {group:?}");
            assert_eq!(group.photo(as_learner, other, photo()).is_some(), people_visible, "{group:?}");
            assert!(group.photo(as_staff, other, photo()).is_some(), "staff always see photos: {group:?}");
            assert!(group.photo(as_learner, learner, photo()).is_some(), "{group:?}");
        }
        let no_last_name = Naming { naming: LearnerNaming::FirstInitial, people_visible: true };
        assert_eq!(no_last_name.name(as_learner, other, "Cher", ""), "Cher");
        assert_eq!(no_last_name.name(as_learner, other, "Émile", "Ørsted"), "Émile Ø.", "the initial is a whole letter");
    }
}
