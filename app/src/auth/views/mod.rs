mod sign_in;
mod sign_out;
mod user_context;

pub use sign_in::SignInForm;
pub use sign_out::SignOutButton;
pub use user_context::UserContext;
