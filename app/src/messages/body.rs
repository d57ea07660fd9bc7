//! A message's text: checked once, rendered from Markdown to clean HTML on the server.

use crate::error::AppError;

pub const MAX_CHARS: usize = 10_000;

/// Text a person wrote: not blank, at most [`MAX_CHARS`] characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageBody(String);

impl MessageBody {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let text = raw.trim_end();
        if text.trim().is_empty() {
            return Err(AppError::validation("body", "Write something first."));
        }
        let chars = text.chars().count();
        if chars > MAX_CHARS {
            return Err(AppError::validation("body", format!("A message can be at most {MAX_CHARS} characters ({chars} now).")));
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The Markdown rendered to HTML and cleaned. HTML typed into a message is shown as the
    /// text it is; an image is a link to it, so that no reader's browser fetches anything by
    /// opening the message; the cleaner then removes anything unsafe that Markdown itself could
    /// make (`javascript:` links, and any image left), and links open safely in a new tab.
    #[cfg(feature = "ssr")]
    pub fn to_html(&self) -> String {
        use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};
        let mut options = Options::empty();
        options.insert(Options::ENABLE_STRIKETHROUGH);
        let events = Parser::new_ext(&self.0, options).map(|event| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => Event::Start(Tag::Link { link_type, dest_url, title, id }),
            Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
            other => other,
        });
        let mut raw = String::new();
        html::push_html(&mut raw, events);
        ammonia::Builder::default()
            .rm_tags(["img"])
            .link_rel(Some("noopener noreferrer nofollow"))
            .set_tag_attribute_value("a", "target", "_blank")
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .clean(&raw)
            .to_string()
    }
}

impl MessageBody {
    /// The text as people read it, without Markdown syntax, on one line: what previews,
    /// search and announcements to screen readers show.
    #[cfg(feature = "ssr")]
    pub fn to_plain(&self) -> String {
        text_of(&self.0).split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Markdown as people read it, line by line, without its syntax: what emails quote. Control
/// characters mean nothing to a reader, and search marks its matches with them: they go.
#[cfg(feature = "ssr")]
pub fn text_of(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(words) | Event::Code(words) | Event::Html(words) | Event::InlineHtml(words) => text.push_str(&words),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => text.push('\n'),
            _ => {}
        }
    }
    text.retain(|c| !c.is_control() || c.is_whitespace());
    let lines: Vec<&str> = text.lines().map(str::trim_end).filter(|line| !line.trim().is_empty()).collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_and_oversized_bodies_are_refused() {
        for blank in ["", "   ", "\n\t\n"] {
            assert_eq!(MessageBody::parse(blank).unwrap_err().field(), Some("body"));
        }
        assert!(MessageBody::parse(&"x".repeat(MAX_CHARS)).is_ok());
        assert!(MessageBody::parse(&"é".repeat(MAX_CHARS + 1)).is_err());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn markdown_renders_the_usual_things() {
        let html = MessageBody::parse("**bold** _it_ `code`\n\n- one\n- two\n\n[site](https://example.org)").unwrap().to_html();
        for part in ["<strong>bold</strong>", "<em>it</em>", "<code>code</code>", "<li>one</li>", "href=\"https://example.org\""] {
            assert!(html.contains(part), "{part} in {html}");
        }
        assert!(html.contains("rel=\"noopener noreferrer nofollow\""), "{html}");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn scripts_and_handlers_never_survive() {
        let attacks = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<svg onload=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
        ];
        for attack in attacks {
            let html = MessageBody::parse(attack).unwrap().to_html().to_lowercase();
            for bad in ["<script", "<img", "<svg", "<iframe", "<a href=\"javascript"] {
                assert!(!html.contains(bad), "{attack:?} rendered {html:?}");
            }
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn an_image_is_a_link_to_it_and_never_loads() {
        let html = MessageBody::parse("See ![the chart](/api/avatar/x.png \"Q3\") and ![](https://img.example/a.gif)").unwrap().to_html();
        assert!(!html.to_lowercase().contains("<img"), "{html}");
        assert!(html.contains(r#"<a href="/api/avatar/x.png" title="Q3""#) && html.contains(">the chart</a>"), "{html}");
        assert!(html.contains(r#"<a href="https://img.example/a.gif""#), "{html}");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn typed_html_is_shown_as_text() {
        let html = MessageBody::parse("<script>alert(1)</script> and <b>bold?</b>").unwrap().to_html();
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
        assert!(html.contains("&lt;b&gt;bold?&lt;/b&gt;"), "{html}");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn text_keeps_its_lines_and_drops_markdown_syntax() {
        assert_eq!(
            text_of("Hi **Irene**,\nsee _this_:\n\n- one\n- two\n\n```\nlet x = 1;\n```"),
            "Hi Irene,\nsee this:\none\ntwo\nlet x = 1;"
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn plain_text_has_no_control_characters() {
        assert_eq!(MessageBody::parse("bell\u{7} and \u{1}marks\u{2}\ttoo").unwrap().to_plain(), "bell and marks too");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn plain_text_drops_markdown_syntax_but_keeps_what_was_typed() {
        let plain = |raw: &str| MessageBody::parse(raw).unwrap().to_plain();
        assert_eq!(plain("Hi **Irene**, see _this_"), "Hi Irene, see this");
        assert_eq!(plain("- one\n- two\n\nThen `code` and [a link](https://x.example)"), "one two Then code and a link");
        assert_eq!(plain("2 < 3 & <b>bold</b>"), "2 < 3 & <b>bold</b>");
    }
}
