use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let (shown, set_shown) = signal(false);
    view! {
        <main class="landing">
            <h1>"Confer"</h1>
            <p>"Messaging for the people you teach and care for."</p>
            <button type="button" on:click=move |_| set_shown.update(|s| *s = !*s)>
                {move || if shown.get() { "Hide details" } else { "Show details" }}
            </button>
            <Show when=move || shown.get()>
                <p class="details">"Direct messages, group chats and announcements, inside your organisation."</p>
            </Show>
        </main>
    }
}
