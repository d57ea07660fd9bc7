//! @mention autocomplete for the composer: typing `@` and the start of a name offers the
//! participants the writer may mention, by the names they see; picking one writes `@Name`.

use leptos::html::Textarea;
use leptos::prelude::*;

/// The names the viewer may @mention in the open conversation, as the server named them, one
/// a line: plain text keeps the picker's state to types the bundle already has.
#[derive(Clone)]
pub struct Mentionable(pub String);

/// How many names the picker offers at once.
const OFFERED: usize = 5;

/// The mention being typed at the end of `before` (the text up to the caret): where its `@`
/// is, and what follows it. `None` when the caret is not in one.
pub fn typing_mention(before: &str) -> Option<(usize, &str)> {
    let at = before.rfind('@')?;
    let query = before.get(at + 1..)?;
    // A letter or digit before it makes it part of a word, such as an email address.
    let starts_word =
        !before.get(..at)?.chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric() || !(c.is_ascii() || c.is_whitespace()));
    (starts_word && !query.contains('\n') && query.len() <= 80).then_some((at, query))
}

/// The names (one a line) that begin with what was typed, or have a word that does; one a line.
pub fn offered(people: &str, query: &str) -> String {
    let query = folded(query);
    let fits = |name: &&str| {
        let name = folded(name);
        name.starts_with(&query) || name.split(' ').any(|word| word.starts_with(&query))
    };
    people.lines().filter(fits).take(OFFERED).collect::<Vec<_>>().join("\n")
}

/// Watches the textarea; returns the names on offer (one a line) and how to take one.
pub fn mention_picker(area: NodeRef<Textarea>) -> (ReadSignal<String>, impl Fn() + Copy, impl Fn(String) + Copy) {
    let (offer, set_offer) = signal(String::new());
    let people = StoredValue::new(use_context::<Mentionable>().map(|people| people.0).unwrap_or_default());
    let refresh = move || {
        let Some(area) = area.get_untracked() else { return };
        let (text, caret) = (area.value(), caret(&area));
        let names = text.get(..caret).and_then(typing_mention).map(|(_, query)| people.with_value(|all| offered(all, query)));
        set_offer.set(names.unwrap_or_default());
    };
    let take = move |name: String| {
        let Some(area) = area.get_untracked() else { return };
        let (text, caret) = (area.value(), caret(&area));
        if let Some((at, _)) = text.get(..caret).and_then(typing_mention) {
            let (head, tail) = (text.get(..at).unwrap_or_default(), text.get(caret..).unwrap_or_default());
            area.set_value(&[head, "@", &name, " ", tail].concat());
            let end = (head.encode_utf16().count() + name.encode_utf16().count() + 2) as u32;
            let _ = area.set_selection_range(end, end);
            let _ = area.focus();
        }
        set_offer.set(String::new());
    };
    (offer, refresh, take)
}

/// The caret's place in the textarea's text, in bytes (the browser counts UTF-16 units).
fn caret(area: &web_sys::HtmlTextAreaElement) -> usize {
    let text = area.value();
    let units = area.selection_start().ok().flatten().map_or(usize::MAX, |units| units as usize);
    let mut counted = 0;
    text.char_indices()
        .find(|(_, c)| {
            counted += c.len_utf16();
            counted > units
        })
        .map_or(text.len(), |(at, _)| at)
}

/// Text in lower case, for matching names as typed. It runs in the browser, whose own case
/// rules keep Unicode's tables out of the bundle.
pub fn folded(text: &str) -> String {
    #[cfg(feature = "hydrate")]
    return js_sys::JsString::from(text).to_lower_case().into();
    #[cfg(not(feature = "hydrate"))]
    text.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mention_is_typed_after_an_at_sign_that_starts_a_word() {
        assert_eq!(typing_mention("Hi @Ad"), Some((3, "Ad")));
        assert_eq!(typing_mention("@"), Some((0, "")));
        assert_eq!(typing_mention("(@ada o"), Some((1, "ada o")));
        assert_eq!(typing_mention("mail ada@exa"), None, "an email address");
        assert_eq!(typing_mention("@Ada\nnext line"), None);
        assert_eq!(typing_mention("no mention"), None);
    }

    #[test]
    fn names_are_offered_by_the_start_of_any_word() {
        let people = "Ada Okafor\nBen N.\nÉlise Moreau";
        assert_eq!(offered(people, "ok"), "Ada Okafor");
        assert_eq!(offered(people, "élise m"), "Élise Moreau");
        assert_eq!(offered(people, ""), people);
        assert!(offered(people, "zed").is_empty());
    }
}
