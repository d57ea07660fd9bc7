use serde::{Deserialize, Serialize};

use crate::ids::{ConversationId, MessageId};

/// The most results a search shows: the newest matches.
pub const RESULTS: usize = 30;
/// The longest query taken.
pub const QUERY_MAX: usize = 200;

/// A piece of a message's text in a result: a matched word or the text around it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fragment {
    pub text: String,
    pub matched: bool,
}

/// One message found, as the searcher may see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub conversation: ConversationId,
    /// The conversation as the searcher's inbox names it.
    pub title: String,
    pub message: MessageId,
    /// As the conversation's naming rules let the searcher see it.
    pub author_name: String,
    pub created_at: String,
    /// The best passage of the text, with the matched words marked.
    pub excerpt: Vec<Fragment>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// Whether older matches were left out.
    pub more: bool,
}

/// Where a hit opens: its conversation, loaded around it.
pub fn hit_href(hit: &SearchHit) -> String {
    format!("/messages/{}?at={}#m-{}", hit.conversation, hit.message, hit.message)
}

/// The marks the database puts around matched words, which no message text holds: the server
/// takes control characters out of what people write.
#[cfg(feature = "ssr")]
pub const MARK_START: char = '\u{1}';
#[cfg(feature = "ssr")]
pub const MARK_END: char = '\u{2}';

/// A marked excerpt, split into its matched words and the text between them.
#[cfg(feature = "ssr")]
pub fn fragments(marked: &str) -> Vec<Fragment> {
    let mut fragments = Vec::new();
    let mut matched = false;
    for (i, piece) in marked.split([MARK_START, MARK_END]).enumerate() {
        if i > 0 {
            matched = !matched;
        }
        if !piece.is_empty() {
            fragments.push(Fragment { text: piece.to_owned(), matched });
        }
    }
    fragments
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn frag(text: &str, matched: bool) -> Fragment {
        Fragment { text: text.into(), matched }
    }

    #[test]
    fn an_excerpt_splits_into_its_matched_words_and_the_text_between() {
        assert_eq!(
            fragments("the \u{1}portfolio\u{2} is due on \u{1}Friday\u{2}"),
            vec![frag("the ", false), frag("portfolio", true), frag(" is due on ", false), frag("Friday", true)]
        );
        assert_eq!(fragments("\u{1}Quiz\u{2}"), vec![frag("Quiz", true)]);
        assert_eq!(fragments("<b>nothing</b> matched"), vec![frag("<b>nothing</b> matched", false)], "text stays text");
        assert!(fragments("").is_empty());
    }
}
