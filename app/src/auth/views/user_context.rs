use leptos::prelude::*;

use crate::auth::server_fns::load_current_user;
use crate::auth::CurrentUser;
use crate::error::AppError;

/// The signed-in user, loaded once per page on the server and shared by every component
/// under it. The browser never needs it: the islands learn what they need of the viewer from
/// their own data (the inbox, the open conversation's `me`), so no user is sent or decoded
/// there, and it takes no place among the resources the page hands over.
#[derive(Clone, Copy)]
pub struct UserContext(pub AsyncDerived<Result<Option<CurrentUser>, AppError>>);

impl UserContext {
    pub fn provide() -> Self {
        let context = Self(AsyncDerived::new(|| async {
            // Listing the routes renders the app once with no database: nobody signed in.
            #[cfg(feature = "ssr")]
            if use_context::<sqlx::PgPool>().is_none() {
                return Ok(None);
            }
            load_current_user().await
        }));
        provide_context(context);
        context
    }

    pub fn get() -> Self {
        expect_context()
    }

    /// The user once loaded; `None` while loading or when signed out.
    pub fn user(&self) -> Option<CurrentUser> {
        self.0.get().and_then(|result| result.ok().flatten())
    }

    /// The organisation's words for roles and courses; the usual ones until the user loads.
    pub fn labels(&self) -> crate::org::Labels {
        self.user().map(|u| u.labels).unwrap_or_default()
    }
}
