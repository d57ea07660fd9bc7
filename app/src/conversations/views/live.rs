use leptos::prelude::*;

/// Bumped whenever the server says something changed; every resource that shows
/// conversations depends on it and re-reads.
#[derive(Clone, Copy)]
pub struct LiveVersion(pub RwSignal<usize>);

impl LiveVersion {
    pub fn get() -> Self {
        expect_context()
    }

    pub fn track(&self) -> usize {
        self.0.get()
    }

    pub fn bump(&self) {
        self.0.update(|v| *v += 1);
    }
}

/// Opens the signed-in user's event stream once the page runs in the browser, and only when
/// someone is signed in. The browser reconnects by itself, sending `Last-Event-ID`, and the
/// server then asks for a re-read.
pub fn provide_live() -> LiveVersion {
    let version = LiveVersion(RwSignal::new(0));
    provide_context(version);
    let user = crate::auth::UserContext::get();
    Effect::new(move |connected: Option<bool>| {
        if connected == Some(true) {
            return true;
        }
        let signed_in = user.user().is_some();
        #[cfg(feature = "hydrate")]
        if signed_in {
            connect(version);
        }
        signed_in
    });
    version
}

/// How often, at most, a burst of events (a broadcast brings thousands to its sender) makes
/// the page re-read; the first event of a burst still re-reads at once.
#[cfg(feature = "hydrate")]
const SETTLE: std::time::Duration = std::time::Duration::from_millis(300);

#[cfg(feature = "hydrate")]
fn connect(version: LiveVersion) {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Ok(source) = web_sys::EventSource::new("/events") else { return };
    let (waiting, missed) = (Rc::new(Cell::new(false)), Rc::new(Cell::new(false)));
    let on_change = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| {
        if waiting.get() {
            missed.set(true);
        } else {
            version.bump();
            settle(version, waiting.clone(), missed.clone());
        }
    });
    let _ = source.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    // The stream lives as long as the page.
    on_change.forget();
    std::mem::forget(source);
}

/// Holds further re-reads back for [`SETTLE`], then makes one for everything that came meanwhile.
#[cfg(feature = "hydrate")]
fn settle(version: LiveVersion, waiting: std::rc::Rc<std::cell::Cell<bool>>, missed: std::rc::Rc<std::cell::Cell<bool>>) {
    waiting.set(true);
    set_timeout(
        move || {
            if missed.replace(false) {
                version.bump();
                settle(version, waiting, missed);
            } else {
                waiting.set(false);
            }
        },
        SETTLE,
    );
}
