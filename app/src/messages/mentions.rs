//! @mentions: which participants a message names, by the names its author sees them by.

/// The people among `people` (an id and the name the author sees) whom `body` names as
/// `@Name`: the `@` starts the text or follows a character that cannot end a word (so an
/// email address mentions nobody), and the name ends the text or is followed by one that
/// cannot continue it. Letter case does not matter, and the longest name wins: "@Ada Okafor"
/// is Ada Okafor, not someone called Ada. Each person once, in the order first named.
pub fn mentioned<T: Copy + PartialEq>(body: &str, people: &[(T, String)]) -> Vec<T> {
    let mut by_length: Vec<&(T, String)> = people.iter().filter(|(_, name)| !name.trim().is_empty()).collect();
    by_length.sort_by_key(|(_, name)| std::cmp::Reverse(name.len()));
    let mut found = Vec::new();
    for (at, _) in body.match_indices('@') {
        if body[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let after = &body[at + 1..];
        let named = by_length.iter().find(|(_, name)| {
            let head = after.get(..name.len());
            let next = after.get(name.len()..).and_then(|rest| rest.chars().next());
            head.is_some_and(|head| head.to_lowercase() == name.to_lowercase()) && !next.is_some_and(char::is_alphanumeric)
        });
        if let Some((id, _)) = named {
            if !found.contains(id) {
                found.push(*id);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::mentioned;

    fn people() -> Vec<(u8, String)> {
        [(1, "Ada"), (2, "Ada Okafor"), (3, "Ben N."), (4, "Élise")].into_iter().map(|(id, name)| (id, name.to_owned())).collect()
    }

    #[test]
    fn names_after_an_at_sign_are_mentions_and_the_longest_name_wins() {
        let people = people();
        assert_eq!(mentioned("@Ada Okafor, see this", &people), [2]);
        assert_eq!(mentioned("@ada, and @BEN N. too", &people), [1, 3]);
        assert_eq!(mentioned("Thanks (@Élise)!", &people), [4]);
        assert_eq!(mentioned("@Ada @Ada again", &people), [1], "each person once");
        assert_eq!(mentioned("@Ada Okafor and @Ada", &people), [2, 1]);
    }

    #[test]
    fn text_that_only_looks_like_a_mention_is_not_one() {
        let people = people();
        for body in ["ada@example.org", "@Adam, hello", "@ Ada", "no mention here", "@", "@Ben", "trailing @"] {
            assert!(mentioned(body, &people).is_empty(), "{body:?}");
        }
        assert!(mentioned("@Participant", &[(9, String::new())]).is_empty(), "nameless people are never named");
    }
}
