use leptos::form::ActionForm;
use leptos::html::Textarea;
use leptos::prelude::*;

use super::server_fns::Broadcast;
use crate::auth::UserContext;
use crate::courses::RosterEntry;
use crate::forms::{renew_after_success, FieldError, FormError};
use crate::ids::{ClientMessageId, CourseId};
use crate::messages::MAX_CHARS;

/// On a course page, for its staff and the organisation's admins: one message to every
/// learner, each in their own chat with the sender. The form's client id makes a double
/// submit, with or without JavaScript, one broadcast.
#[component]
pub fn BroadcastPanel(course: CourseId, learners: Vec<RosterEntry>) -> impl IntoView {
    let action = crate::forms::form_action::<Broadcast>();
    let client_id = RwSignal::new(ClientMessageId::new());
    let body = NodeRef::<Textarea>::new();
    let learners_word = move || UserContext::get().labels().learner.to_lowercase();
    renew_after_success(action.version(), action.value(), client_id, body);
    view! {
        <section class="panel">
            <h2>{move || format!("Message every {}", learners_word())}</h2>
            <p class="muted">"Each one gets it in their own chat with you; their replies come back to you alone."</p>
            <ActionForm action=action attr:class="stack">
                <FormError value=action.value() beside=&["body"]/>
                {move || action.value().get().and_then(Result::ok).map(|report| view! {
                    <p class="form-done" role="status">{format!("Sent to {} {}s.", report.recipients, learners_word())}</p>
                })}
                <input type="hidden" name="form[course]" value=course.to_string()/>
                <input type="hidden" name="form[client_id]" value=move || client_id.get().to_string()/>
                <label>"Message"<textarea name="form[body]" rows="4" required maxlength=MAX_CHARS.to_string() node_ref=body></textarea></label><FieldError value=action.value() field="body"/>
                {(!learners.is_empty()).then(|| view! {
                    <details>
                        <summary>{move || format!("Only to some {}s", learners_word())}</summary>
                        <fieldset class="stack">
                            <legend class="muted small">"Tick those it is for; with none ticked, it goes to everyone."</legend>
                            {learners.into_iter().map(|learner| view! {
                                <label class="check"><input type="checkbox" name="form[to][]" value=learner.user_id.to_string()/>{learner.name}</label>
                            }).collect_view()}
                        </fieldset>
                    </details>
                })}
                <button type="submit">{move || format!("Send to every {}", learners_word())}</button>
            </ActionForm>
        </section>
    }
}
