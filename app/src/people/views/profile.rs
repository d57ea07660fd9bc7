use leptos::form::ActionForm;
use leptos::prelude::*;

use super::{Avatar, UploadForm, UploadStatus};
use crate::auth::server_fns::ChangePassword;
use crate::auth::UserContext;
use crate::forms::{FieldError, FormDone, FormError};
use crate::people::server_fns::UpdateProfile;
use crate::people::{AVATAR_PRESETS, UPLOAD_PREFIX};

#[component]
pub fn ProfilePage() -> impl IntoView {
    let user = UserContext::get();
    let profile = crate::forms::form_action::<UpdateProfile>();
    let password = crate::forms::form_action::<ChangePassword>();
    view! {
        <Suspense fallback=crate::forms::loading>
            {move || user.user().map(|me| {
                let (my_id, staff) = (me.actor.id, me.actor.role != crate::people::OrgRole::Learner);
                view! {
                <section class="panel">
                    <h1>"Your profile"</h1>
                    <ActionForm action=profile attr:class="stack">
                        <FormError value=profile.value() beside=&["first_name", "last_name"]/>
                        <FormDone value=profile.value() message="Saved. Reload to see it everywhere."/>
                        <label>"First name"<input name="form[first_name]" required value=me.first_name.clone()/></label><FieldError value=profile.value() field="first_name"/>
                        <label>"Last name"<input name="form[last_name]" required value=me.last_name.clone()/></label><FieldError value=profile.value() field="last_name"/>
                        <fieldset class="avatar-choice">
                            <legend>"Picture"</legend>
                            <label><input type="radio" name="form[avatar]" value="" checked=me.avatar.is_none()/>
                                <Avatar name=me.full_name() avatar=None/>"Initials"</label>
                            {me.avatar.clone().filter(|a| a.starts_with(UPLOAD_PREFIX)).map(|upload| view! {
                                <label><input type="radio" name="form[avatar]" value=upload.clone() checked=true/>
                                    <Avatar name=me.full_name() avatar=Some(upload)/>"Your picture"</label>
                            })}
                            {AVATAR_PRESETS.into_iter().map(|preset| view! {
                                <label><input type="radio" name="form[avatar]" value=preset checked=me.avatar.as_deref() == Some(preset)/>
                                    <Avatar name=preset.to_owned() avatar=Some(preset.to_owned())/>{preset}</label>
                            }).collect_view()}
                        </fieldset>
                        <label class="check"><input type="checkbox" name="form[email_notifications]" checked=me.email_notifications/>
                            "Email me about messages I have not read after a few minutes"</label>
                        <button type="submit">"Save profile"</button>
                    </ActionForm>
                </section>
                {staff.then(|| view! { <crate::conversations::DefaultSharingPanel owner=my_id/> })}
                <section class="panel">
                    <h2>"Upload a picture"</h2>
                    <UploadStatus/>
                    <UploadForm action="/profile/avatar"/>
                </section>
                <section class="panel">
                    <h2>"Change password"</h2>
                    <ActionForm action=password attr:class="stack">
                        <FormError value=password.value() beside=&["current", "new"]/>
                        <FormDone value=password.value() message="Password changed. Your other sessions were signed out."/>
                        <label>"Current password"<input type="password" name="change[current]" required autocomplete="current-password"/></label><FieldError value=password.value() field="current"/>
                        <label>"New password"<input type="password" name="change[new]" required minlength="10" autocomplete="new-password"/></label><FieldError value=password.value() field="new"/>
                        <button type="submit">"Change password"</button>
                    </ActionForm>
                </section>
            }})}
        </Suspense>
    }
}
