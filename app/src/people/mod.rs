//! People of an organisation: users, their roles and departments, CSV import, profiles.

#[cfg(feature = "ssr")]
pub mod avatar_upload;
#[cfg(feature = "ssr")]
pub mod csv_import;
mod model;
pub mod policy;
pub mod server_fns;
mod views;

pub use model::{
    full_name, DepartmentView, ImportReport, OrgRole, ProfileForm, RowError, UserForm, UserView, AVATAR_PRESETS, UPLOAD_PREFIX,
};
pub use views::{Avatar, ProfilePage, UploadForm, UploadStatus, UserEditPage, UsersPage};

#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod service;
