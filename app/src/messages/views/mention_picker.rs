//! @mention autocomplete for the composer: typing `@` and the start of a name offers the
//! participants the writer may mention, by the names they see; picking one writes `@Name`.

use leptos::html::Textarea;
use leptos::prelude::*;

/// The names the viewer may @mention in the open conversation, as the server named them.
#[derive(Clone, Copy)]
pub struct Mentionable(pub StoredValue<Vec<String>>);

/// How many names the picker offers at once.
const OFFERED: usize = 5;

/// The mention being typed at the end of `before` (the text up to the caret): where its `@`
/// is, and what follows it. `None` when the caret is not in one.
pub fn typing_mention(before: &str) -> Option<(usize, &str)> {
    let at = before.rfind('@')?;
    let query = &before[at + 1..];
    // Any letter or digit before it makes it part of a word, such as an email address.
    let starts_word = !before[..at].chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric() || !(c.is_ascii() || c.is_whitespace()));
    (starts_word && !query.contains('\n') && query.chars().count() <= 40).then_some((at, query))
}

/// The names that begin with what was typed, or have a word that does.
pub fn offered(people: &[String], query: &str) -> Vec<String> {
    let query = query.to_lowercase();
    let fits =
        |name: &String| name.to_lowercase().split(' ').any(|word| word.starts_with(&query)) || name.to_lowercase().starts_with(&query);
    people.iter().filter(|name| fits(name)).take(OFFERED).cloned().collect()
}

/// Watches the textarea; returns the names on offer and how to take one.
pub fn mention_picker(area: NodeRef<Textarea>) -> (ReadSignal<Vec<String>>, impl Fn() + Copy, impl Fn(String) + Copy) {
    let (offer, set_offer) = signal(Vec::<String>::new());
    let people = use_context::<Mentionable>();
    let refresh = move || {
        let (Some(people), Some(area)) = (people, area.get_untracked()) else { return };
        let (text, caret) = (area.value(), caret(&area));
        let names = typing_mention(&text[..caret]).map(|(_, query)| people.0.with_value(|all| offered(all, query)));
        set_offer.set(names.unwrap_or_default());
    };
    let take = move |name: String| {
        let Some(area) = area.get_untracked() else { return };
        let (text, caret) = (area.value(), caret(&area));
        if let Some((at, _)) = typing_mention(&text[..caret]) {
            let written = format!("{}@{name} {}", &text[..at], &text[caret..]);
            area.set_value(&written);
            let end = (text[..at].encode_utf16().count() + name.encode_utf16().count() + 2) as u32;
            let _ = area.set_selection_range(end, end);
            let _ = area.focus();
        }
        set_offer.set(Vec::new());
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
        let people: Vec<String> = ["Ada Okafor", "Ben N.", "Élise Moreau"].into_iter().map(String::from).collect();
        assert_eq!(offered(&people, "ok"), ["Ada Okafor"]);
        assert_eq!(offered(&people, "élise m"), ["Élise Moreau"]);
        assert_eq!(offered(&people, "").len(), 3);
        assert!(offered(&people, "zed").is_empty());
    }
}

/// Text in lower case, for matching names as typed. It runs in the browser, whose own case
/// rules keep Unicode's tables out of the bundle.
pub fn folded(text: &str) -> String {
    #[cfg(feature = "hydrate")]
    return js_sys::JsString::from(text).to_lower_case().into();
    #[cfg(not(feature = "hydrate"))]
    text.to_lowercase()
}
