mod avatar;
mod profile;
mod user_edit;
mod user_fields;
mod users;

pub use avatar::{Avatar, UploadForm, UploadStatus};
pub use profile::ProfilePage;
pub use user_edit::UserEditPage;
pub use users::UsersPage;
