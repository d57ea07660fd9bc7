use leptos::html::Ol;
use leptos::prelude::*;

#[cfg(feature = "hydrate")]
use crate::announcements::server_fns::load_announcements;
use crate::conversations::live_state::{apply_to_inbox, apply_to_page, merge_older, Applied};
use crate::conversations::server_fns::load_inbox;
use crate::conversations::Inbox;
use crate::error::AppError;
use crate::ids::{ConversationId, CourseId, MessageId, StreamId, UserId};
use crate::messages::server_fns::load_messages;
use crate::messages::MessagePage;
use crate::realtime::LiveEvent;

/// What a page shows of conversations, kept current by the user's event stream: the inbox
/// (one per page: the list and the header's badge) and the open conversation. The server
/// renders them and hands them over with the page; events change them in place, and only a
/// resync re-reads. Events that come during a resync wait, and are applied after it.
#[derive(Clone, Copy)]
pub struct Live {
    pub inbox: InboxState,
    open: StoredValue<Option<OpenPane>>,
    waiting: StoredValue<Vec<LiveEvent>>,
    resyncing: StoredValue<bool>,
    /// This page's event stream, once connected.
    pub stream: RwSignal<Option<StreamId>>,
    /// Whether the page is in view (not a hidden tab).
    pub visible: RwSignal<bool>,
    /// The latest message from someone else in the open conversation, said to screen readers.
    pub announcement: RwSignal<String>,
    /// The course whose announcements the page shows.
    course: StoredValue<Option<CourseId>>,
}

/// The viewer's inbox as the page shows it, `None` until it is there. On the server a resource,
/// which the page waits for and writes into itself; in the browser a signal that starts from
/// what the server wrote, so the bundle carries no async machinery for it.
#[cfg(feature = "ssr")]
pub type InboxState = Resource<Result<Inbox, AppError>>;
#[cfg(not(feature = "ssr"))]
pub type InboxState = RwSignal<Option<Result<Inbox, AppError>>>;

/// The open conversation as the stream needs it.
#[derive(Clone, Copy)]
pub struct OpenPane {
    pub conversation: ConversationId,
    pub me: UserId,
    /// Whether the reader may pin posts.
    pub can_pin: bool,
    pub page: RwSignal<MessagePage>,
    pub list: NodeRef<Ol>,
    /// A feed shows the newest post on top; a chat shows the newest message at the bottom.
    pub newest_on_top: bool,
    /// Why the reader may not post, as the last change to the chat said; `None` when they may.
    pub cannot_post: RwSignal<Option<String>>,
    /// Messages arrived while the reader was elsewhere in the list.
    pub new_below: RwSignal<bool>,
    /// Whether the newest messages are in view.
    pub newest: RwSignal<bool>,
    /// The newest message the reader has seen: reading is marked from it.
    pub seen: RwSignal<Option<MessageId>>,
}

impl Live {
    pub fn get() -> Self {
        expect_context()
    }

    pub fn open(&self, pane: OpenPane) {
        self.open.set_value(Some(pane));
    }

    /// Keeps the page's list of the course's announcements in step with them.
    pub fn show_course(&self, course: CourseId) {
        self.course.set_value(Some(course));
    }

    pub fn close(&self, conversation: ConversationId) {
        self.open.update_value(|open| {
            if open.is_some_and(|pane| pane.conversation == conversation) {
                *open = None;
            }
        });
    }

    /// Applies one event of the stream to what the page shows, now or after a resync.
    pub fn receive(&self, event: LiveEvent) {
        if let LiveEvent::Connected { stream } = event {
            self.stream.set(Some(stream));
            // Said on the page, for whoever waits on a live page: from now on nothing is missed.
            if let Some(body) = document().body() {
                let _ = body.set_attribute("data-live", "connected");
            }
        } else if event == LiveEvent::Resync {
            self.resync();
        } else if self.settled() {
            self.apply(&event);
        } else {
            self.waiting.update_value(|waiting| waiting.push(event));
        }
    }

    /// Applies the events that waited, if what they change is there now.
    pub fn catch_up(&self) {
        if self.settled() {
            for event in self.waiting.try_update_value(std::mem::take).unwrap_or_default() {
                self.apply(&event);
            }
        }
    }

    /// Whether the inbox is there and no re-read is under way: a resource is only written then
    /// (a write cancels a load in flight).
    fn settled(&self) -> bool {
        !self.resyncing.get_value() && self.inbox.with_untracked(Option::is_some)
    }

    /// Re-reads what is shown, then applies what came meanwhile.
    fn resync(&self) {
        if self.resyncing.get_value() {
            return;
        }
        self.resyncing.set_value(true);
        let live = *self;
        leptos::task::spawn_local(async move {
            let inbox = load_inbox().await;
            live.inbox.update(|shown| *shown = Some(inbox));
            if let Some(pane) = live.open.get_value() {
                if let Ok(page) = load_messages(pane.conversation, None).await {
                    pane.page.set(page);
                }
            }
            #[cfg(feature = "hydrate")]
            if let Some(course) = live.course.get_value() {
                if let Ok(announcements) = load_announcements(course).await {
                    crate::announcements::reset_list(&announcements);
                }
            }
            live.resyncing.set_value(false);
            live.catch_up();
        });
    }

    /// Shows the answer to the reader's own action (their message sent, deleted) in the open
    /// conversation at once; the inbox follows with the event that comes after it.
    pub fn show_own(&self, event: &LiveEvent) {
        if self.settled() {
            self.apply_to_pane(event);
        }
    }

    fn apply(&self, event: &LiveEvent) {
        if let LiveEvent::Announced { course, id, announcement } = event {
            #[cfg(feature = "hydrate")]
            if self.course.get_value() == Some(*course) {
                crate::announcements::apply_to_list(*id, announcement.as_ref());
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (course, id, announcement);
            return;
        }
        self.inbox.update(|inbox| {
            if let Some(Ok(inbox)) = inbox {
                apply_to_inbox(inbox, event);
            }
        });
        self.apply_to_pane(event);
    }

    fn apply_to_pane(&self, event: &LiveEvent) {
        let Some(pane) = self.open.get_value().filter(|pane| Some(pane.conversation) == event.conversation()) else { return };
        if let LiveEvent::Changed { cannot_post, .. } = event {
            if pane.cannot_post.with_untracked(|shown| shown != cannot_post) {
                pane.cannot_post.set(cannot_post.clone());
            }
            return;
        }
        let me = pane.me();
        let was_at_newest = pane.at_newest();
        let mut applied = Applied::Nothing;
        pane.page.update(|page| applied = apply_to_page(page, me, event));
        if let Applied::Arrived { from_me } = applied {
            if let (false, LiveEvent::Posted { message, .. }) = (from_me, event) {
                self.announcement.set(format!("{}: {}", message.author_name, message.plain));
            }
            if was_at_newest || from_me {
                // In a watched conversation the server has read it already.
                let watched = self.visible.get_untracked() && pane.newest.get_untracked();
                pane.follow(me, !watched);
            } else {
                pane.new_below.set(true);
            }
        }
    }
}

impl OpenPane {
    /// The viewer, as the conversation was loaded for them.
    pub fn me(&self) -> UserId {
        self.me
    }

    /// Whether the reader is at the newest message (the list's top in a feed, its end in a
    /// chat, is in view); never on a page of older messages.
    pub fn at_newest(&self) -> bool {
        if self.page.with_untracked(|page| page.newer) {
            return false;
        }
        self.list.get_untracked().is_none_or(|list| match self.newest_on_top {
            true => list.scroll_top() < 48,
            false => list.scroll_height() - list.scroll_top() - list.client_height() < 48,
        })
    }

    /// Scrolls to the newest message once it is drawn, and, with `mark`, counts it as seen.
    pub fn follow(&self, me: UserId, mark: bool) {
        let pane = *self;
        request_animation_frame(move || {
            if let Some(list) = pane.list.get_untracked() {
                list.set_scroll_top(if pane.newest_on_top { 0 } else { list.scroll_height() });
            }
            pane.new_below.set(false);
            pane.set_newest(true);
            if mark {
                pane.mark_seen(me);
            }
        });
    }

    pub fn set_newest(&self, newest: bool) {
        if self.newest.get_untracked() != newest {
            self.newest.set(newest);
        }
    }

    /// Follows the reader's scrolling: at the newest messages, everything shown is seen.
    pub fn on_scroll(&self) {
        let newest = self.at_newest();
        self.set_newest(newest);
        if newest {
            self.mark_seen(self.me());
        }
    }

    /// Loads the page before `before` into what is shown.
    pub fn load_older(&self, before: MessageId) {
        let pane = *self;
        leptos::task::spawn_local(async move {
            if let Ok(earlier) = load_messages(pane.conversation, Some(before)).await {
                pane.page.update(|page| merge_older(page, earlier));
            }
        });
    }

    /// The reader has seen everything shown: called at the newest messages.
    pub fn mark_seen(&self, me: UserId) {
        self.new_below.set(false);
        let last = self.page.with_untracked(|page| page.last_from_others(me));
        if last.is_some() && last != self.seen.get_untracked() {
            self.seen.set(last);
        }
    }
}

/// Provides the page's [`Live`] and, in the browser of a signed-in user (one who has an
/// inbox), opens their event stream. The browser reconnects by itself, sending
/// `Last-Event-ID`, and the server then asks for a resync.
pub fn provide_live() -> Live {
    #[cfg(feature = "ssr")]
    let inbox = Resource::new(|| (), |_| load_inbox());
    #[cfg(not(feature = "ssr"))]
    let inbox = written_inbox();
    let live = Live {
        inbox,
        open: StoredValue::new(None),
        waiting: StoredValue::new(Vec::new()),
        resyncing: StoredValue::new(false),
        stream: RwSignal::new(None),
        visible: RwSignal::new(true),
        announcement: RwSignal::new(String::new()),
        course: StoredValue::new(None),
    };
    provide_context(live);
    Effect::new(move |_| {
        if inbox.with(Option::is_some) {
            live.catch_up();
        }
    });
    Effect::new(move |connected: Option<bool>| {
        if connected == Some(true) {
            return true;
        }
        let signed_in = inbox.with(|inbox| matches!(inbox, Some(Ok(_))));
        #[cfg(feature = "hydrate")]
        if signed_in {
            connect(live);
            follow_visibility(live);
        }
        signed_in
    });
    live
}

/// The inbox the server wrote into the page for the resource of [`provide_live`], read back as
/// that resource would read it: the page's first resource, JSON. Without it (not written, or
/// unreadable) it loads, as the resource would.
#[cfg(not(feature = "ssr"))]
fn written_inbox() -> InboxState {
    let written = Owner::current_shared_context().and_then(|context| {
        let id = context.next_id();
        context.read_data(&id)
    });
    let inbox = RwSignal::new(written.and_then(|json| serde_json::from_str(&json).ok()));
    if inbox.with_untracked(Option::is_none) {
        leptos::task::spawn_local(async move { inbox.set(Some(load_inbox().await)) });
    }
    inbox
}

/// Keeps [`Live::visible`] in step with whether the tab is shown.
#[cfg(feature = "hydrate")]
fn follow_visibility(live: Live) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    live.visible.set(!document().hidden());
    let on_change = Closure::<dyn FnMut()>::new(move || live.visible.set(!document().hidden()));
    let _ = document().add_event_listener_with_callback("visibilitychange", on_change.as_ref().unchecked_ref());
    on_change.forget();
}

#[cfg(feature = "hydrate")]
fn connect(live: Live) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Ok(source) = web_sys::EventSource::new("/events") else { return };
    let on_change = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |message: web_sys::MessageEvent| {
        let Some(data) = message.data().as_string() else { return };
        match serde_json::from_str::<LiveEvent>(&data) {
            Ok(event) => live.receive(event),
            Err(_) => live.receive(LiveEvent::Resync),
        }
    });
    let _ = source.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    // The stream lives as long as the page.
    on_change.forget();
    std::mem::forget(source);
}
