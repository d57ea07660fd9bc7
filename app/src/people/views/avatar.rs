use leptos::prelude::*;

use crate::people::AVATAR_PRESETS;

/// A person's picture: a chosen preset, or their initials. `hidden` shows a blank face,
/// for names and photos a group keeps private.
#[component]
pub fn Avatar(name: String, avatar: Option<String>, #[prop(optional)] hidden: bool) -> impl IntoView {
    let preset = avatar.filter(|a| AVATAR_PRESETS.contains(&a.as_str()));
    if hidden {
        return view! { <span class="avatar blank" aria-hidden="true"></span> }.into_any();
    }
    match preset {
        Some(preset) => view! { <img class="avatar" src=format!("/avatars/{preset}.svg") alt=name/> }.into_any(),
        None => {
            let initials: String = name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect();
            view! { <span class="avatar initials" aria-hidden="true">{initials}</span> }.into_any()
        }
    }
}
