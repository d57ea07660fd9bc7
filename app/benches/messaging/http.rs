//! Sends as a browser's form posts them: the whole request path, from the session cookie to
//! the answer, served by the real router in this process.

use std::time::Instant;

use app::ids::{ClientMessageId, ConversationId};
use axum::body::Body;
use axum::http::{header, Request};
use axum::Router;
use sqlx::PgPool;
use tower::ServiceExt;

use crate::Burst;

const PASSWORD: &str = "a long benchmark password";

pub struct Http {
    router: Router,
}

impl Http {
    /// The router, and a password that these people sign in with.
    pub async fn start(pool: &PgPool, senders: &[app::ids::UserId]) -> Self {
        let hash = app::auth::password::hash(PASSWORD.to_owned()).await.unwrap();
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = ANY($2)")
            .bind(hash)
            .bind(senders.iter().map(|id| id.0).collect::<Vec<_>>())
            .execute(pool)
            .await
            .unwrap();
        let data_dir = tempfile::tempdir().unwrap().keep();
        Self { router: app::platform::router::local(pool, &data_dir, app::realtime::Hub::new()).await.unwrap() }
    }

    pub fn router(&self) -> &Router {
        &self.router
    }

    /// A new session of the person with this address: its cookie.
    pub async fn sign_in(&self, email: &str) -> String {
        let response = self.post("/api/sign_in", &[("form[email]", email), ("form[password]", PASSWORD)], None).await;
        let cookie =
            response.headers().get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).find(|v| v.starts_with("confer"));
        cookie.and_then(|v| v.split(';').next()).expect("signed in").to_owned()
    }

    async fn post(&self, path: &str, form: &[(&str, &str)], cookie: Option<&str>) -> axum::response::Response {
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
        let mut request = Request::post(path)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.router.clone().oneshot(request.body(Body::from(body)).unwrap()).await.unwrap()
    }

    /// Every (session, conversation) pair sends `sends` messages, all pairs at once; answers
    /// other than success are counted as errors, not retried.
    pub async fn burst(&self, jobs: Vec<(String, ConversationId)>, sends: usize) -> Burst {
        let started = Instant::now();
        let tasks = jobs.into_iter().map(|(cookie, conversation)| {
            let router = Http { router: self.router.clone() };
            tokio::spawn(async move {
                let (mut times, mut errors) = (Vec::with_capacity(sends), 0);
                for n in 0..sends {
                    let (conversation, client_id) = (conversation.to_string(), ClientMessageId::new().to_string());
                    let body = format!("over http {n}");
                    let form = [("input[conversation]", conversation.as_str()), ("input[client_id]", &client_id), ("input[body]", &body)];
                    let sent = Instant::now();
                    let status = router.post("/api/send_message", &form, Some(&cookie)).await.status();
                    if status.is_success() || status.is_redirection() {
                        times.push(sent.elapsed());
                    } else {
                        errors += 1;
                    }
                }
                (times, errors)
            })
        });
        Burst::collect(started, futures::future::join_all(tasks).await.into_iter().map(|r| r.unwrap()).collect())
    }
}
