//! The search box beside the inbox and the results page: plain links and a plain form, so
//! both work without JavaScript.

use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::model::{hit_href, QUERY_MAX, RESULTS};
use super::server_fns::search_messages;
use super::{SearchHit, SearchResults};
use crate::forms::{error_view, loading};
use crate::messages::When;

/// A search of every conversation the viewer can read, to `/messages/search`.
#[component]
pub fn SearchBox(#[prop(optional)] value: String) -> impl IntoView {
    view! {
        <form action="/messages/search" method="get" role="search" class="search-form">
            <input type="search" name="q" value=value placeholder="Search messages" aria-label="Search messages"
                required maxlength=QUERY_MAX.to_string()/>
            <button type="submit" class="secondary">"Search"</button>
        </form>
    }
}

/// `/messages/search?q=`: the newest messages that match, each opening its conversation
/// around it.
#[component]
pub fn SearchPage() -> impl IntoView {
    let q = use_query_map().read_untracked().get("q").unwrap_or_default();
    let results = Resource::new(
        {
            let q = q.clone();
            move || q.clone()
        },
        |q| async move {
            match q.trim().is_empty() {
                true => None,
                false => Some(search_messages(q).await),
            }
        },
    );
    view! {
        <section class="panel search">
            <h1>"Search messages"</h1>
            <SearchBox value=q.clone()/>
            <Suspense fallback=loading>
                {move || {
                    let q = q.clone();
                    Suspend::new(async move {
                        match results.await {
                            None => EitherOf3::A(view! { <p class="muted">"Find words in every conversation you are in."</p> }),
                            Some(Ok(results)) => EitherOf3::B(view! { <Results results q/> }),
                            Some(Err(err)) => EitherOf3::C(error_view(err)),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn Results(results: SearchResults, q: String) -> impl IntoView {
    if results.hits.is_empty() {
        return view! { <p class="muted">{format!("No messages match \u{201c}{q}\u{201d}.")}</p> }.into_any();
    }
    view! {
        <ol class="search-results" aria-label="Results">
            {results.hits.into_iter().map(|hit| view! { <Hit hit/> }).collect_view()}
        </ol>
        {results.more.then(|| view! { <p class="muted small">{format!("The {RESULTS} newest matches. Add words to narrow them.")}</p> })}
    }
    .into_any()
}

#[component]
fn Hit(hit: SearchHit) -> impl IntoView {
    let href = hit_href(&hit);
    view! {
        <li>
            <a class="search-hit" href=href>
                <span class="search-title">{hit.title}</span>
                <span class="muted small">" · "{hit.author_name}" · "<When at=hit.created_at/></span>
                <p class="search-excerpt">
                    {hit.excerpt.into_iter().map(|fragment| match fragment.matched {
                        true => view! { <mark>{fragment.text}</mark> }.into_any(),
                        false => fragment.text.into_any(),
                    }).collect_view()}
                </p>
            </a>
        </li>
    }
}
