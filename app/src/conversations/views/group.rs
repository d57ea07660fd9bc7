//! Group chats' own pages: creating one, and its people and settings. Both are plain forms,
//! rendered on the server.

use leptos::either::EitherOf3;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};
use strum::VariantArray;

use super::new_message::ContactRow;
use crate::conversations::policy::{CONVERTS_TO_GROUP, ROSTER_PEOPLE};
use crate::conversations::server_fns::{
    load_conversation, people_to_add, AddToGroup, CreateGroup, LeaveGroup, RemoveFromGroup, UpdateGroup,
};
use crate::conversations::{Contact, ConversationKind, ConversationView, GroupStyle, LearnerNaming, Naming};
use crate::error::AppError;
use crate::forms::{error_view, form_action, loading, FieldError, FormDone, FormError};
use crate::ids::{ConversationId, UserId};
use crate::people::{Avatar, UploadForm, UploadStatus, AVATAR_PRESETS, UPLOAD_PREFIX};

/// The longest group name, as the form allows it.
const NAME_MAX: &str = "80";

/// `/messages/groups/new`: staff name a new group chat and say what learners see in it.
#[component]
pub fn NewGroupPage() -> impl IntoView {
    let create = ServerAction::<CreateGroup>::new();
    view! {
        <section class="panel">
            <h1>"New group chat"</h1>
            <p class="muted">"To reach everyone of one role in a course, open an "<a href="/messages/channels">"announcement channel"</a>" instead."</p>
            <ActionForm action=create attr:class="stack">
                <FormError value=create.value() beside=&["name", "avatar"]/>
                <label>"Name"<input name="input[name]" required maxlength=NAME_MAX/></label>
                <FieldError value=create.value() field="name"/>
                <StyleFields style=GroupStyle::Feed locked=false/>
                <NamingFields naming=Naming::default()/>
                <AvatarFields name=String::new() avatar=None/>
                <FieldError value=create.value() field="avatar"/>
                <p class="muted small">"You can add people, and upload a photo, once the group exists."</p>
                <button type="submit">"Create group"</button>
            </ActionForm>
        </section>
    }
}

/// The group's picture: its initials, its uploaded photo, or one of the provided pictures.
#[component]
fn AvatarFields(name: String, avatar: Option<String>) -> impl IntoView {
    view! {
        <fieldset class="avatar-choice">
            <legend>"Picture"</legend>
            <label class="check"><input type="radio" name="input[avatar]" value="" checked=avatar.is_none()/>
                <Avatar name=name.clone() avatar=None/>"Initials"</label>
            {avatar.clone().filter(|a| a.starts_with(UPLOAD_PREFIX)).map(|photo| view! {
                <label class="check"><input type="radio" name="input[avatar]" value=photo.clone() checked=true/>
                    <Avatar name=name.clone() avatar=Some(photo)/>"Its photo"</label>
            })}
            {AVATAR_PRESETS.into_iter().map(|preset| view! {
                <label class="check"><input type="radio" name="input[avatar]" value=preset checked=avatar.as_deref() == Some(preset)/>
                    <Avatar name=preset.to_owned() avatar=Some(preset.to_owned())/>{preset}</label>
            }).collect_view()}
        </fieldset>
    }
}

/// How the group shows its messages, and whether only its owner posts.
#[component]
fn StyleFields(style: GroupStyle, locked: bool) -> impl IntoView {
    view! {
        <fieldset class="stack">
            <legend>"Style"</legend>
            {GroupStyle::VARIANTS.iter().map(|&choice| {
                let value: &'static str = choice.into();
                view! {
                    <label class="check">
                        <input type="radio" name="input[style]" value=value checked=choice == style/>
                        {choice.label()}
                    </label>
                }
            }).collect_view()}
            <label class="check">
                <input type="checkbox" name="input[locked]" value="true" checked=locked/>
                "Locked: only the owner posts; everyone can still read"
            </label>
        </fieldset>
    }
}

/// What learners see of the other participants: the group's naming convention, and whether
/// they see names and photos at all.
#[component]
fn NamingFields(naming: Naming) -> impl IntoView {
    view! {
        <fieldset class="stack">
            <legend>"How learners see the other participants"</legend>
            {LearnerNaming::VARIANTS.iter().map(|&choice| {
                let value: &'static str = choice.into();
                view! {
                    <label class="check">
                        <input type="radio" name="input[naming]" value=value checked=choice == naming.naming/>
                        {choice.label()}
                    </label>
                }
            }).collect_view()}
            <label class="check">
                <input type="checkbox" name="input[people_visible]" value="true" checked=naming.people_visible/>
                "Learners see the other participants' names and photos"
            </label>
            <p class="muted small">"Staff always see full names and photos."</p>
        </fieldset>
    }
}

/// `/messages/:id/people`: who is in a group chat, and, for its owner and admins, adding
/// people and changing its settings.
#[component]
pub fn GroupPeoplePage() -> impl IntoView {
    let id = use_params_map().read_untracked().get("id").and_then(|raw| raw.parse::<ConversationId>().ok());
    let search = use_query_map().read_untracked().get("q").unwrap_or_default();
    // The group and, for a search, its matches, in one resource: the page waits for both.
    let query = search.clone();
    let loaded = Resource::new(
        || (),
        move |_| {
            let query = query.clone();
            async move {
                let group = load_conversation(id.ok_or(AppError::NotFound)?).await?;
                let found = match group.can_add_people && !query.trim().is_empty() {
                    true => people_to_add(group.id, query).await,
                    false => Ok(Vec::new()),
                };
                Ok::<_, AppError>((group, found))
            }
        },
    );
    view! {
        <section class="panel">
            <Suspense fallback=loading>
                {move || {
                    let search = search.clone();
                    Suspend::new(async move {
                        match loaded.await {
                            Ok((group, found)) => view! { <GroupPeople group search found/> }.into_any(),
                            Err(err) => error_view(err),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn GroupPeople(group: ConversationView, search: String, found: Result<Vec<Contact>, AppError>) -> impl IntoView {
    let id = group.id;
    let update = form_action::<UpdateGroup>();
    let removes_people = group.can_add_people && matches!(group.kind, ConversationKind::Group | ConversationKind::Shared);
    view! {
        <p><a href=format!("/messages/{id}")>"← Back to the chat"</a></p>
        <h1>{group.title.clone()}</h1>
        <h2>"People"</h2>
        <ParticipantList group=group.clone()/>
        {group.course_chat.then(|| view! {
            <p class="muted">{ROSTER_PEOPLE}</p>
        })}
        {removes_people.then(|| view! { <RemovePeople group=group.clone()/> })}
        {group.can_leave.then(|| view! { <LeaveForm id/> })}
        {(group.kind == ConversationKind::Direct && group.can_add_people).then(|| view! {
            <p class="muted">"Adding a team member shares this chat with them. Adding anyone else makes it a group, for good."</p>
        })}
        {(group.kind == ConversationKind::Shared && group.can_add_people).then(|| view! {
            <p class="muted">"Adding a team member shares this chat with them too. " {CONVERTS_TO_GROUP}</p>
        })}
        {group.can_add_people.then(|| view! {
            <h2>"Add people"</h2>
            <AddPeople id search found members=group.members.iter().map(|m| m.id).collect() shared=group.kind == ConversationKind::Shared/>
        })}
        {group.can_manage.then(|| view! {
            <h2>"Settings"</h2>
            <ActionForm action=update attr:class="stack">
                <FormError value=update.value() beside=&["name", "avatar"]/>
                <input type="hidden" name="id" value=id.to_string()/>
                <label>"Name"<input name="input[name]" required maxlength=NAME_MAX value=group.title.clone()/></label>
                <FieldError value=update.value() field="name"/>
                <StyleFields style=group.style locked=group.locked/>
                <NamingFields naming=group.naming/>
                <AvatarFields name=group.title.clone() avatar=group.avatar.clone()/>
                <FieldError value=update.value() field="avatar"/>
                <button type="submit">"Save"</button>
                <FormDone value=update.value() message="Saved."/>
            </ActionForm>
            <h3>"Upload a photo"</h3>
            <UploadStatus/>
            <UploadForm action=format!("/messages/{id}/photo")/>
        })}
    }
}

/// For the group's managers: removing someone, keeping or deleting what they wrote.
#[component]
fn RemovePeople(group: ConversationView) -> impl IntoView {
    let id = group.id;
    // A shared chat's learner stays in it: only the teammates it is shared with leave.
    let shared = group.kind == ConversationKind::Shared;
    let removable: Vec<_> = group.members.into_iter().filter(|m| !m.owner && m.id != group.me && (m.staff || !shared)).collect();
    (!removable.is_empty()).then(|| view! {
        <details class="stack">
            <summary>"Remove someone"</summary>
            <ul class="people">
                {removable.into_iter().map(|person| view! {
                    <li class="person">
                        <span>{person.name.clone()}</span>
                        <form action=RemoveFromGroup::url() method="post" class="inline">
                            <input type="hidden" name="id" value=id.to_string()/>
                            <input type="hidden" name="person" value=person.id.to_string()/>
                            <button type="submit" class="secondary" aria-label=format!("Remove {} and keep their messages", person.name)>"Remove, keep their messages"</button>
                        </form>
                        <form action=RemoveFromGroup::url() method="post" class="inline">
                            <input type="hidden" name="id" value=id.to_string()/>
                            <input type="hidden" name="person" value=person.id.to_string()/>
                            <input type="hidden" name="delete_messages" value="true"/>
                            <button type="submit" class="danger" aria-label=format!("Remove {} and delete their messages", person.name)>"Remove, delete their messages"</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
            <p class="muted small">"Kept messages show with no name or photo."</p>
        </details>
    })
}

/// Leaving, for a member who does not own the group, with what it costs said first.
#[component]
fn LeaveForm(id: ConversationId) -> impl IntoView {
    view! {
        <details class="danger-zone">
            <summary>"Leave this group"</summary>
            <form action=LeaveGroup::url() method="post" class="stack">
                <p>"Leave this group? Everything you wrote in it, and the threads you started, will be deleted for everyone. This cannot be undone."</p>
                <input type="hidden" name="id" value=id.to_string()/>
                <button type="submit" class="danger">"Yes, leave and delete my messages"</button>
            </form>
        </details>
    }
}

/// The participants with their part in the chat, as the viewer may see them.
#[component]
pub fn ParticipantList(group: ConversationView) -> impl IntoView {
    let learner = crate::auth::UserContext::get().labels().learner;
    view! {
        <ul class="people">
            {group.members.into_iter().map(|person| view! {
                <li class="person">
                    <Avatar name=person.name.clone() avatar=person.avatar.clone()/>
                    <span>{person.name.clone()}{(person.id == group.me).then_some(" (you)")}</span>
                    <span class="muted">{person.role(&learner).to_owned()}{(!person.active).then_some(", deactivated")}</span>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// A name search over the organisation, and its matches, each with "Add".
#[component]
fn AddPeople(
    id: ConversationId,
    search: String,
    found: Result<Vec<Contact>, AppError>,
    members: Vec<UserId>,
    shared: bool,
) -> impl IntoView {
    let add = ServerAction::<AddToGroup>::new();
    view! {
        <form method="get" action=format!("/messages/{id}/people") class="row">
            <label>"Find a person"<input type="search" name="q" value=search/></label>
            <button type="submit" class="secondary">"Search"</button>
        </form>
        <FormError value=add.value()/>
        {match found {
            Err(err) => error_view(err),
            Ok(people) => view! {
                <ul class="people">
                    {people.into_iter().map(|person| {
                        let member = members.contains(&person.id);
                        view! {
                        <ContactRow contact=person.clone()>
                            {if member {
                                EitherOf3::A(view! { <span class="muted">{if shared { "In the chat" } else { "In the group" }}</span> })
                            } else if shared && person.learner {
                                // A second learner makes the shared chat a group: said, then confirmed.
                                EitherOf3::B(view! {
                                    <details class="inline">
                                        <summary>{format!("Add {}…", person.name)}</summary>
                                        <form action=AddToGroup::url() method="post" class="stack">
                                            <p>{CONVERTS_TO_GROUP}</p>
                                            <input type="hidden" name="id" value=id.to_string()/>
                                            <input type="hidden" name="person" value=person.id.to_string()/>
                                            <input type="hidden" name="convert" value="true"/>
                                            <button type="submit" class="danger">{format!("Make it a group and add {}", person.name)}</button>
                                        </form>
                                    </details>
                                })
                            } else {
                                EitherOf3::C(view! {
                                    <ActionForm action=add attr:class="inline">
                                        <input type="hidden" name="id" value=id.to_string()/>
                                        <input type="hidden" name="person" value=person.id.to_string()/>
                                        <button type="submit" class="secondary" aria-label=format!("Add {}", person.name)>"Add"</button>
                                    </ActionForm>
                                })
                            }}
                        </ContactRow>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}
