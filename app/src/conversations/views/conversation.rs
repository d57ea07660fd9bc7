use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use strum::VariantArray;

use super::group::ParticipantList;
use super::live::{Live, OpenPane};
use crate::conversations::policy::ROSTER_PEOPLE;
use crate::conversations::server_fns::DeleteConversation;
use crate::conversations::{ConversationKind, ConversationView, GroupStyle};
use crate::ids::{ConversationId, MessageId, UserId};
use crate::messages::server_fns::{mark_read, watch};
use crate::messages::When;
use crate::messages::{Composer, Mentionable, MessageList, MessagePage, PaneActions};
use crate::notifications::server_fns::SetNotifications;
use crate::notifications::{NotifyLevel, NotifySetting, MUTE_HOURS};
use crate::people::Avatar;
use crate::realtime::LiveEvent;
use crate::wire::ServerProp;

/// One conversation: its header, its messages as they change live (a chat, or a group's
/// feed), and the composer, or the reason the viewer may not post, from what the server
/// rendered the page with. Opening it marked what it shows as read (on the
/// server, so without JavaScript too); a message that arrives while it is open counts as read
/// once the reader has seen it.
/// What the open pane needs of its conversation, taken from the header on the server: the
/// header itself is rendered there, so the browser decodes only this.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PaneFacts {
    pub me: UserId,
    pub feed: bool,
    pub can_pin: bool,
    /// Why the viewer may not post here, in place of the composer.
    pub cannot_post: Option<String>,
    /// The names the viewer may @mention, one a line.
    pub mentionable: String,
}

impl PaneFacts {
    pub fn of(header: &ConversationView) -> Self {
        let mentionable: Vec<&str> = header.members.iter().filter(|person| person.mentionable).map(|person| person.name.as_str()).collect();
        Self {
            me: header.me,
            feed: header.kind == ConversationKind::Group && header.style == GroupStyle::Feed,
            can_pin: header.can_pin,
            cannot_post: header.cannot_post.clone(),
            mentionable: mentionable.join("\n"),
        }
    }
}

#[island]
pub fn ConversationPane(
    id: ConversationId,
    #[prop(into)] facts: ServerProp<PaneFacts>,
    #[prop(into)] page: ServerProp<MessagePage>,
    context_title: Option<String>,
    context_url: Option<String>,
    /// The reader's own message whose text they edit (`?edit=`).
    editing: Option<MessageId>,
    /// Why their last edit of it was refused.
    edit_error: Option<String>,
) -> impl IntoView {
    let (ServerProp(facts), ServerProp(page)) = (facts, page);
    let live = Live::get();
    let actions = PaneActions::new(editing, edit_error);
    provide_context(actions);
    provide_context(Mentionable(facts.mentionable));
    let feed = facts.feed;
    let pane = OpenPane {
        conversation: id,
        me: facts.me,
        can_pin: facts.can_pin,
        page: RwSignal::new(page),
        list: NodeRef::new(),
        newest_on_top: feed,
        cannot_post: RwSignal::new(facts.cannot_post),
        new_below: RwSignal::new(false),
        newest: RwSignal::new(false),
        seen: RwSignal::new(None),
    };
    live.open(pane);
    on_cleanup(move || live.close(id));
    apply_own_actions(live, pane, actions);
    mark_read_when_seen(id, pane);
    watch_while_in_view(live, pane);
    // Follows the chat live: locking it takes the composer away and says why.
    // An older page is read, not written from: what is written goes after the newest. A memo,
    // so that the composer is drawn again only when that changes, not with each message.
    let older_page = Memo::new(move |_| pane.page.with(|p| p.newer));
    let composer = move || match (pane.cannot_post.get(), older_page.get()) {
        (Some(why), _) => EitherOf3::A(view! { <p class="muted cannot-post">{why}</p> }),
        (None, true) => EitherOf3::B(view! {
            <p class="muted cannot-post">"These are older messages. "<a href=format!("/messages/{id}")>"Go to the newest"</a>" to write."</p>
        }),
        (None, false) => {
            EitherOf3::C(view! { <Composer conversation=id context_title=context_title.clone() context_url=context_url.clone()/> })
        }
    };
    view! {
        {if feed {
            Either::Left(view! { {composer} <MessageList pane id feed/> })
        } else {
            Either::Right(view! { <MessageList pane id feed/> {composer} })
        }}
        <p class="visually-hidden" aria-live="polite">{move || live.announcement.get()}</p>
    }
}

/// A deletion shows at once; the event that follows changes nothing more.
fn apply_own_actions(live: Live, pane: OpenPane, actions: PaneActions) {
    Effect::new(move |_| {
        if let (Some(Ok(())), Some(input)) = (actions.delete.value().get(), actions.delete.input().get_untracked()) {
            live.show_own(&LiveEvent::Deleted { conversation: pane.conversation, message: input.message, inbox: None });
        }
    });
}

/// Tells the server whether this page shows the conversation's newest messages (in view, in a
/// tab in view), each time that changes: what arrives meanwhile is read on
/// delivery, with no request from the page.
fn watch_while_in_view(live: Live, pane: OpenPane) {
    let id = pane.conversation;
    Effect::new(move |_| {
        let watching = (live.visible.get() && pane.newest.get()).then_some(id);
        if let Some(stream) = live.stream.get() {
            leptos::task::spawn_local(async move {
                let _ = watch(stream, watching).await;
            });
        }
    });
    on_cleanup(move || {
        if let Some(stream) = live.stream.get_untracked() {
            leptos::task::spawn_local(async move {
                let _ = watch(stream, None).await;
            });
        }
    });
}

/// How long reading settles before it is sent: a burst of messages costs one receipt.
const READ_SETTLE: std::time::Duration = std::time::Duration::from_millis(400);

/// Marks reading up to the newest message the reader has seen, once it has stopped moving
/// for [`READ_SETTLE`].
fn mark_read_when_seen(id: ConversationId, pane: OpenPane) {
    let waiting = StoredValue::new(false);
    Effect::new(move |_| {
        if pane.seen.get().is_none() || waiting.get_value() {
            return;
        }
        waiting.set_value(true);
        set_timeout(
            move || {
                waiting.set_value(false);
                if let Some(message) = pane.seen.get_untracked() {
                    leptos::task::spawn_local(async move {
                        let _ = mark_read(id, message).await;
                    });
                }
            },
            READ_SETTLE,
        );
    });
}

/// The chat's title as the viewer's inbox row has it now: a rename shows without a reload.
#[island]
fn LiveTitle(id: ConversationId, title: String) -> impl IntoView {
    let inbox = Live::get().inbox;
    move || {
        inbox.with(|shown| {
            let row = shown.as_ref().and_then(|answer| answer.as_ref().ok()).and_then(|inbox| inbox.entries.iter().find(|e| e.id == id));
            row.map_or_else(|| title.clone(), |row| row.title.clone())
        })
    }
}

/// The chat's title, its people and "Delete chat", rendered on the server beside the pane.
#[component]
pub fn Header(conversation: ConversationView) -> impl IntoView {
    view! {
        <header class="conversation-head">
            <a href="/messages" class="back" aria-label="Back to conversations">"←"</a>
            {(conversation.kind == ConversationKind::Group).then(|| view! {
                <Avatar name=conversation.title.clone() avatar=conversation.avatar.clone()/>
            })}
            <div>
                <h2><LiveTitle id=conversation.id title=conversation.title.clone()/></h2>
                {if matches!(conversation.kind, ConversationKind::Direct | ConversationKind::Shared) {
                    let id = conversation.id;
                    let (what, link) = match conversation.kind {
                        ConversationKind::Shared => ("Shared chat", "People"),
                        _ => ("Direct message", "Add people"),
                    };
                    Either::Left(view! {
                        <p class="muted small">{what}
                            {conversation.can_add_people.then(|| view! { " · " <a href=format!("/messages/{id}/people")>{link}</a> })}
                        </p>
                    })
                } else {
                    let id = conversation.id;
                    let more = match (conversation.can_manage, conversation.course_chat) {
                        (true, false) => Some("Add people and settings"),
                        (true, true) => Some("Settings"),
                        (false, false) => Some("People, or leave the group"),
                        // A course chat's people follow the course: nothing more to do.
                        (false, true) => None,
                    };
                    Either::Right(view! {
                        <details class="participants">
                            <summary class="muted small">{format!("Who is in this chat ({})", conversation.members.len())}</summary>
                            <ParticipantList group=conversation.clone()/>
                            {more.map(|label| view! { <a href=format!("/messages/{id}/people")>{label}</a> })}
                            {conversation.course_chat.then(|| view! {
                                <p class="muted small">{ROSTER_PEOPLE}</p>
                            })}
                        </details>
                    })
                }}
            </div>
            <NotifySettings id=conversation.id setting=conversation.notifications.clone()/>
            {conversation.can_delete.then(|| view! {
                <details class="danger-zone">
                    <summary>"Delete chat"</summary>
                    // A plain post: the server answers with the inbox, the chat gone from it.
                    <form action=DeleteConversation::url() method="post" class="stack">
                        <p>"Delete this chat? It leaves your inbox and its history is hidden from you. It comes back if someone writes again."</p>
                        <input type="hidden" name="id" value=conversation.id.to_string()/>
                        <button type="submit" class="danger">"Yes, delete chat"</button>
                    </form>
                </details>
            })}
        </header>
    }
}

/// How much the viewer hears of the chat, by email now: every message, mentions only, or
/// nothing, and a mute of every message for a while. A plain form.
#[component]
fn NotifySettings(id: ConversationId, setting: NotifySetting) -> impl IntoView {
    let summary = match (&setting.muted_until, setting.level) {
        (Some(_), NotifyLevel::All) => "Notifications: muted".to_owned(),
        (_, level) => format!("Notifications: {}", level.label().to_lowercase()),
    };
    view! {
        <details class="notify-settings">
            <summary class="muted small">{summary}</summary>
            <form action=SetNotifications::url() method="post" class="stack">
                <input type="hidden" name="conversation" value=id.to_string()/>
                <fieldset>
                    <legend>"Tell me about"</legend>
                    {NotifyLevel::VARIANTS.iter().map(|level| {
                        let value: &'static str = level.into();
                        view! { <label><input type="radio" name="level" value=value checked={*level == setting.level}/>{level.label()}</label> }
                    }).collect_view()}
                </fieldset>
                <label>"Mute every message"
                    <select name="mute_hours">
                        <option value="0">{if setting.muted_until.is_some() { "Unmute" } else { "Not muted" }}</option>
                        {MUTE_HOURS.iter().map(|(hours, label)| view! { <option value=hours.to_string()>{*label}</option> }).collect_view()}
                    </select>
                </label>
                {setting.muted_until.clone().map(|until| view! { <p class="muted small">"Muted until "<When at=until/>"; mentions still reach you."</p> })}
                <button type="submit" class="secondary">"Save"</button>
            </form>
        </details>
    }
}
