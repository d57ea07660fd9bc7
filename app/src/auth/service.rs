use sqlx::PgPool;
use tower_sessions::Session;

use super::model::{Actor, CurrentUser, NewPassword, PasswordChange, SignInDetails};
use super::session::{self, SessionUser};
use super::throttle::{self, Keys};
use super::{password, queries};
use crate::error::AppError;

#[tracing::instrument(skip_all)]
pub async fn sign_in(pool: &PgPool, session: &Session, form: SignInDetails, address: &str) -> Result<CurrentUser, AppError> {
    let email = form.email.trim().to_lowercase();
    if email.is_empty() {
        return Err(AppError::validation("email", "Enter your email address."));
    }
    let keys = Keys { account: &email, address };
    throttle::check(pool, &keys).await?;
    let account = queries::credentials(pool, &email).await?;
    let verified = password::verify(form.password.into_inner(), account.as_ref().map(|a| a.password_hash.clone())).await;
    let Some(account) = account.filter(|_| verified) else {
        throttle::record_failure(pool, &keys).await?;
        return Err(wrong_credentials());
    };
    if !account.active {
        return Err(AppError::validation("email", "This account is deactivated. Ask your administrator."));
    }
    throttle::forget_account(pool, &email).await?;
    session::begin(session, SessionUser { user_id: account.id, epoch: account.session_epoch }).await?;
    queries::current_user(pool, account.id, account.session_epoch).await?.ok_or_else(|| AppError::internal("a signed-in account vanished"))
}

fn wrong_credentials() -> AppError {
    AppError::validation("password", "Email or password is incorrect.")
}

/// Changes the password and ends every other session of the user; this one stays signed in.
#[tracing::instrument(skip_all, fields(user = %actor.id))]
pub async fn change_password(pool: &PgPool, session: &Session, actor: &Actor, change: PasswordChange) -> Result<(), AppError> {
    let new = NewPassword::parse("new", change.new.into_inner())?;
    let stored = queries::password_hash(pool, actor.id).await?;
    if !password::verify(change.current.into_inner(), Some(stored)).await {
        return Err(AppError::validation("current", "That is not your current password."));
    }
    let hash = password::hash(new.expose().to_owned()).await?;
    let epoch = queries::set_password(pool, actor.id, &hash).await?;
    session::begin(session, SessionUser { user_id: actor.id, epoch }).await?;
    sessions_ended(pool, actor.id).await
}

/// Ends this session; its user's open streams that it signed in close.
pub async fn sign_out(pool: &PgPool, session: &Session) -> Result<(), AppError> {
    let user = session::user_of(pool, session).await?;
    session::end(session).await?;
    match user {
        Some(user) => sessions_ended(pool, user.actor.id).await,
        None => Ok(()),
    }
}

/// Tells every instance that some of `user`'s sessions ended, so that their streams close.
pub async fn sessions_ended(pool: &PgPool, user: crate::ids::UserId) -> Result<(), AppError> {
    crate::realtime::notify(&mut *pool.acquire().await?, &[crate::realtime::Notice::sessions_ended(user)]).await
}
