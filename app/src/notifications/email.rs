//! The notification email itself: plain text, the unread messages (unless the organisation
//! keeps message text out of email) and a link back to the conversation; or a course's new
//! announcement and a link to the course.

use lettre::message::{header::ContentType, Mailbox};
use lettre::Message;
use time::OffsetDateTime;

use crate::ids::{ConversationId, CourseId};

/// What an email is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum About {
    Conversation(ConversationId),
    /// A new announcement on a course's page.
    Announcement(CourseId),
}

/// One unread message as the email shows it.
pub struct Unread {
    pub author: String,
    pub body: String,
    pub at: OffsetDateTime,
    /// Whether it @mentions the recipient.
    pub mentions_you: bool,
}

/// Everything one email says, oldest message first.
pub struct Draft {
    pub to: String,
    pub first_name: String,
    pub org_name: String,
    pub include_text: bool,
    /// The conversation's own title (direct chats have none), or the course's.
    pub title: Option<String>,
    pub about: About,
    pub unread: Vec<Unread>,
}

impl Draft {
    /// The newest message the email covers.
    pub fn covered_up_to(&self) -> Option<OffsetDateTime> {
        self.unread.last().map(|m| m.at)
    }

    fn authors(&self) -> String {
        let mut names: Vec<&str> = Vec::new();
        for message in &self.unread {
            if !names.contains(&message.author.as_str()) {
                names.push(&message.author);
            }
        }
        names.join(", ")
    }

    pub fn subject(&self) -> String {
        let mentioners: Vec<&str> = self.unread.iter().filter(|m| m.mentions_you).map(|m| m.author.as_str()).collect();
        if let Some(first) = mentioners.first() {
            let place = self.title.as_deref().map(|title| format!(" in {title}")).unwrap_or_default();
            return format!("{first} mentioned you{place}");
        }
        let what = match (self.about, self.unread.len()) {
            (About::Announcement(_), _) => "New announcement".to_owned(),
            (_, 1) => "New message".to_owned(),
            (_, n) => format!("{n} new messages"),
        };
        match &self.title {
            Some(title) => format!("{what} in {title} from {}", self.authors()),
            None => format!("{what} from {}", self.authors()),
        }
    }

    pub fn text(&self, base_url: &str) -> String {
        let mut text = format!("Hello {},\n\n", self.first_name);
        if self.include_text {
            for message in &self.unread {
                let verb = if message.mentions_you { "mentioned you" } else { "wrote" };
                text.push_str(&format!("{} {verb}:\n", message.author));
                for line in message.body.lines() {
                    text.push_str(&format!("> {line}\n"));
                }
                text.push('\n');
            }
        } else {
            text.push_str(&format!("{} is waiting for you in Confer.\n\n", self.subject()));
        }
        let base = base_url.trim_end_matches('/');
        let why = match self.about {
            About::Conversation(id) => {
                text.push_str(&format!("Open the conversation:\n{base}/messages/{id}\n\n"));
                "a message to you was still\nunread a little while after it arrived"
            }
            About::Announcement(course) => {
                text.push_str(&format!("Open the course:\n{base}/courses/{course}\n\n"));
                "an announcement was posted\nin a course you take"
            }
        };
        text.push_str(&format!("-- \n{} on Confer\n", self.org_name));
        text.push_str(&format!("You get this email because {why}.\n"));
        text.push_str(&format!("Choose which emails you get:\n{base}/profile\n"));
        text
    }

    pub fn to_message(&self, from: &Mailbox, base_url: &str) -> Result<Message, String> {
        let to: Mailbox = self.to.parse().map_err(|err| format!("recipient address {:?}: {err}", self.to))?;
        let from = Mailbox::new(Some(format!("{} (Confer)", self.org_name)), from.email.clone());
        Message::builder()
            .from(from)
            .to(to)
            .subject(self.subject())
            .header(ContentType::TEXT_PLAIN)
            .body(self.text(base_url))
            .map_err(|err| err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(include_text: bool, bodies: &[(&str, &str)]) -> Draft {
        Draft {
            to: "learner@example.test".into(),
            first_name: "Ada".into(),
            org_name: "Northwind".into(),
            include_text,
            title: None,
            about: About::Conversation(ConversationId::new()),
            unread: bodies
                .iter()
                .map(|(author, body)| Unread {
                    author: (*author).into(),
                    body: (*body).into(),
                    at: OffsetDateTime::now_utc(),
                    mentions_you: body.contains("@Ada"),
                })
                .collect(),
        }
    }

    #[test]
    fn the_subject_names_the_senders_once_each() {
        assert_eq!(draft(true, &[("Bo Chen", "hi")]).subject(), "New message from Bo Chen");
        let many = draft(true, &[("Bo Chen", "a"), ("Cy Diaz", "b"), ("Bo Chen", "c")]);
        assert_eq!(many.subject(), "3 new messages from Bo Chen, Cy Diaz");
        let mut group = draft(true, &[("Bo Chen", "a")]);
        group.title = Some("Cohort 4".into());
        assert_eq!(group.subject(), "New message in Cohort 4 from Bo Chen");
    }

    #[test]
    fn a_mention_of_the_recipient_says_so_first() {
        let mut group = draft(true, &[("Bo Chen", "morning"), ("Cy Diaz", "@Ada can you check?")]);
        group.title = Some("Cohort 4".into());
        assert_eq!(group.subject(), "Cy Diaz mentioned you in Cohort 4");
        let text = group.text("http://confer.test");
        assert!(text.contains("Bo Chen wrote:\n> morning\n") && text.contains("Cy Diaz mentioned you:\n> @Ada can you check?\n"), "{text}");
    }

    #[test]
    fn the_text_is_quoted_and_linked_unless_the_organisation_keeps_it_out() {
        let with = draft(true, &[("Bo Chen", "Line one\nLine two")]);
        let text = with.text("http://confer.test/");
        assert!(text.contains("Bo Chen wrote:\n> Line one\n> Line two\n"), "{text}");
        let About::Conversation(id) = with.about else { unreachable!() };
        assert!(text.contains(&format!("http://confer.test/messages/{id}")), "{text}");
        let without = draft(false, &[("Bo Chen", "a secret diagnosis")]);
        let text = without.text("http://confer.test");
        assert!(!text.contains("secret"), "{text}");
        assert!(text.contains("New message from Bo Chen"), "{text}");
    }

    #[test]
    fn an_announcement_says_so_and_links_to_its_course() {
        let course = CourseId::new();
        let mut announced = draft(true, &[("Irene Ibarra", "The studio is closed on Friday")]);
        (announced.title, announced.about) = (Some("Foundations of Design".into()), About::Announcement(course));
        assert_eq!(announced.subject(), "New announcement in Foundations of Design from Irene Ibarra");
        let text = announced.text("http://confer.test");
        assert!(text.contains("> The studio is closed on Friday\n"), "{text}");
        assert!(text.contains(&format!("http://confer.test/courses/{course}")) && text.contains("an announcement was posted"), "{text}");
    }

    #[test]
    fn a_bad_recipient_address_is_an_error_not_a_panic() {
        let mut bad = draft(true, &[("Bo Chen", "hi")]);
        bad.to = "not an address".into();
        let from: Mailbox = "confer@localhost".parse().unwrap();
        assert!(bad.to_message(&from, "http://x").is_err());
        bad.to = "ok@example.test".into();
        assert!(bad.to_message(&from, "http://x").is_ok());
    }
}
