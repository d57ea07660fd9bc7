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

#[cfg(feature = "hydrate")]
fn connect(version: LiveVersion) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Ok(source) = web_sys::EventSource::new("/events") else { return };
    let on_change = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| version.bump());
    let _ = source.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    // The stream lives as long as the page.
    on_change.forget();
    std::mem::forget(source);
}
