use leptos::form::ActionForm;
use leptos::prelude::*;
use strum::VariantArray;

use crate::admin::AdminNav;
use crate::forms::{error_view, loading, FieldError, FormDone, FormError};
use crate::org::server_fns::{get_org_settings, UpdateOrgSettings};
use crate::org::{DmPolicy, OrgSettings};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let update = crate::forms::form_action::<UpdateOrgSettings>();
    let settings = Resource::new(move || update.version().get(), |_| get_org_settings());
    view! {
        <AdminNav/>
        <section class="panel">
            <h1>"Organisation settings"</h1>
            <Suspense fallback=loading>
                {move || settings.get().map(|result| match result {
                    Err(err) => error_view(err),
                    Ok(settings) => view! { <SettingsForm settings update/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn SettingsForm(settings: OrgSettings, update: ServerAction<UpdateOrgSettings>) -> impl IntoView {
    view! {
        <ActionForm action=update attr:class="stack">
            <FormError value=update.value() beside=&["name", "label_learner", "label_instructor", "label_course"]/>
            <FormDone value=update.value() message="Saved."/>
            <label>"Organisation name"<input name="form[name]" required value=settings.name/></label><FieldError value=update.value() field="name"/>
            <fieldset>
                <legend>"Words shown to people"</legend>
                <label>"Learner"<input name="form[label_learner]" required value=settings.labels.learner/></label><FieldError value=update.value() field="label_learner"/>
                <label>"Instructor"<input name="form[label_instructor]" required value=settings.labels.instructor/></label><FieldError value=update.value() field="label_instructor"/>
                <label>"Course"<input name="form[label_course]" required value=settings.labels.course/></label><FieldError value=update.value() field="label_course"/>
            </fieldset>
            <fieldset>
                <legend>"Messaging"</legend>
                <label class="check"><input type="checkbox" name="form[private_messaging]" checked=settings.private_messaging/>
                    "Private messaging: learners may write to their instructors"</label>
                <label>"Learner direct messages"
                    <select name="form[learner_dm_policy]">
                        {DmPolicy::VARIANTS.iter().map(|&p| {
                            let name: &'static str = p.into();
                            view! { <option value=name selected=p == settings.learner_dm_policy>{p.label()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="check"><input type="checkbox" name="form[email_includes_text]" checked=settings.email_includes_text/>
                    "Notification emails include the message text"</label>
                <label class="check"><input type="checkbox" name="form[group_chats]" checked=settings.group_chats/>
                    "Group chats: staff may add people to a direct chat, which makes it a group"</label>
            </fieldset>
            <button type="submit">"Save settings"</button>
        </ActionForm>
    }
}
