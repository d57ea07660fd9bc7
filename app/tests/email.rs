use std::path::{Path, PathBuf};
use std::time::Duration;

use app::messages::service as messages;
use app::notifications::queries as outbox;
use app::notifications::{worker, EmailConfig, EmailOutcome, Mailer};
use sqlx::PgPool;

use crate::messaging::{direct, say};
use crate::support::world;

fn config(delay_secs: u64) -> EmailConfig {
    EmailConfig {
        delay: Duration::from_secs(delay_secs),
        from: "confer@confer.test".parse().unwrap(),
        base_url: "http://confer.test".into(),
    }
}

fn mail_dir() -> (Mailer, PathBuf) {
    let dir = tempfile::tempdir().unwrap().keep();
    (Mailer::new(None, &dir).unwrap(), dir)
}

/// The emails written so far, as text.
fn sent(dir: &Path) -> Vec<String> {
    let mut mails: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect();
    mails.sort();
    mails
}

async fn outcomes(pool: &PgPool) -> Vec<Option<String>> {
    sqlx::query_scalar("SELECT outcome::text FROM email_outbox ORDER BY created_at").fetch_all(pool).await.unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn an_unread_message_is_emailed_once_to_the_recipient_only(pool: PgPool) {
    let w = world(&pool).await;
    let (mailer, dir) = mail_dir();
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    say(&pool, &w.instructor, chat, "Your essay is marked").await;
    assert_eq!(worker::run_once(&pool, &mailer, &config(0)).await.unwrap(), 1);
    assert_eq!(worker::run_once(&pool, &mailer, &config(0)).await.unwrap(), 0, "nothing left to send");
    let mails = sent(&dir);
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert!(mail.contains("To: learner@acme.test"), "{mail}");
    assert!(mail.contains("Subject: New message from instructor acme.test"), "{mail}");
    assert!(mail.contains("> Your essay is marked"), "{mail}");
    assert!(mail.contains(&format!("http://confer.test/messages/{chat}")), "{mail}");
    assert_eq!(outcomes(&pool).await, vec![Some("sent".to_owned())]);
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn nothing_is_sent_before_the_delay_or_for_what_was_read_meanwhile(pool: PgPool) {
    let w = world(&pool).await;
    let (mailer, dir) = mail_dir();
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    let message = say(&pool, &w.instructor, chat, "See you at nine").await;
    assert_eq!(worker::run_once(&pool, &mailer, &config(3600)).await.unwrap(), 0, "still within the delay");
    assert_eq!(outcomes(&pool).await, vec![None]);
    messages::mark_read(&pool, &w.learner, chat, message.id).await.unwrap();
    worker::run_once(&pool, &mailer, &config(0)).await.unwrap();
    assert!(sent(&dir).is_empty());
    assert_eq!(outcomes(&pool).await, vec![Some("read".to_owned())]);
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_burst_of_messages_is_one_email_without_deleted_ones(pool: PgPool) {
    let w = world(&pool).await;
    let (mailer, dir) = mail_dir();
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    say(&pool, &w.instructor, chat, "First").await;
    let oops = say(&pool, &w.instructor, chat, "Wrong chat, sorry").await;
    say(&pool, &w.instructor, chat, "Second").await;
    say(&pool, &w.instructor, chat, "Third").await;
    messages::delete(&pool, &w.instructor, chat, oops.id).await.unwrap();
    worker::run_once(&pool, &mailer, &config(0)).await.unwrap();
    let mails = sent(&dir);
    assert_eq!(mails.len(), 1);
    assert!(mails[0].contains("Subject: 3 new messages from instructor acme.test"), "{}", mails[0]);
    assert!(mails[0].contains("> First") && mails[0].contains("> Third") && !mails[0].contains("Wrong chat"), "{}", mails[0]);
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn an_organisation_can_keep_message_text_out_of_email(pool: PgPool) {
    let w = world(&pool).await;
    let (mailer, dir) = mail_dir();
    sqlx::query("UPDATE organisations SET email_includes_text = false").execute(&pool).await.unwrap();
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    say(&pool, &w.instructor, chat, "Your test results are in").await;
    worker::run_once(&pool, &mailer, &config(0)).await.unwrap();
    let mails = sent(&dir);
    assert_eq!(mails.len(), 1);
    assert!(!mails[0].contains("test results"), "{}", mails[0]);
    assert!(mails[0].contains(&format!("http://confer.test/messages/{chat}")), "{}", mails[0]);
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_deactivated_recipient_gets_no_email(pool: PgPool) {
    let w = world(&pool).await;
    let (mailer, dir) = mail_dir();
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    say(&pool, &w.instructor, chat, "Are you still there?").await;
    app::people::service::set_active(&pool, &w.admin, w.learner.id, false).await.unwrap();
    worker::run_once(&pool, &mailer, &config(0)).await.unwrap();
    assert!(sent(&dir).is_empty());
    assert_eq!(outcomes(&pool).await, vec![Some("inactive".to_owned())]);
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn two_workers_at_once_send_each_email_once(pool: PgPool) {
    let w = world(&pool).await;
    let (mailer, dir) = mail_dir();
    for learner in [&w.learner, &w.north_learner, &w.staff, &w.dept_admin] {
        let chat = direct(&pool, &w.owner, learner).await;
        say(&pool, &w.owner, chat, "Welcome aboard").await;
    }
    let rounds = (0..2).map(|_| {
        let (pool, mailer) = (pool.clone(), mailer.clone());
        tokio::spawn(async move { worker::run_once(&pool, &mailer, &config(0)).await.unwrap() })
    });
    let finished: usize = futures::future::join_all(rounds).await.into_iter().map(Result::unwrap).sum();
    assert_eq!(finished, 4);
    assert_eq!(sent(&dir).len(), 4);
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_message_arriving_while_an_email_is_on_its_way_gets_its_own(pool: PgPool) {
    let w = world(&pool).await;
    let (mailer, dir) = mail_dir();
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    say(&pool, &w.instructor, chat, "First").await;
    let mut conn = pool.acquire().await.unwrap();
    let claimed = outbox::claim(&mut conn, 0.0, 10).await.unwrap();
    let Ok(draft) = outbox::draft(&mut conn, &claimed[0]).await.unwrap() else { panic!("a draft") };
    say(&pool, &w.instructor, chat, "Second, while the first email is sent").await;
    outbox::finish(&mut conn, &claimed[0], EmailOutcome::Sent, draft.covered_up_to()).await.unwrap();
    drop(conn);
    worker::run_once(&pool, &mailer, &config(0)).await.unwrap();
    let mails = sent(&dir);
    assert_eq!(mails.len(), 1, "the follow-up email");
    assert!(mails[0].contains("> Second"), "{}", mails[0]);
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn an_unreachable_mail_server_means_a_later_retry_not_a_lost_email(pool: PgPool) {
    let w = world(&pool).await;
    let unreachable = Mailer::new(Some("smtp://127.0.0.1:9"), Path::new("/nonexistent")).unwrap();
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    say(&pool, &w.instructor, chat, "Hello?").await;
    assert_eq!(worker::run_once(&pool, &unreachable, &config(0)).await.unwrap(), 0);
    let (attempts, error, done): (i32, Option<String>, bool) =
        sqlx::query_as("SELECT attempts, last_error, done_at IS NOT NULL FROM email_outbox").fetch_one(&pool).await.unwrap();
    assert_eq!((attempts, done), (1, false));
    assert!(error.is_some());
    let (mailer, dir) = mail_dir();
    assert_eq!(worker::run_once(&pool, &mailer, &config(0)).await.unwrap(), 0, "not before its retry time");
    sqlx::query("UPDATE email_outbox SET claimed_until = now() - interval '1 second'").execute(&pool).await.unwrap();
    assert_eq!(worker::run_once(&pool, &mailer, &config(0)).await.unwrap(), 1);
    assert_eq!(sent(&dir).len(), 1);
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_person_who_turned_emails_off_gets_none(pool: PgPool) {
    let w = world(&pool).await;
    let (mailer, dir) = mail_dir();
    let form = |emails: Option<&str>| app::people::ProfileForm {
        first_name: "Lee".into(),
        last_name: "Learner".into(),
        avatar: String::new(),
        email_notifications: emails.map(str::to_owned),
    };
    app::people::service::update_profile(&pool, &w.learner, form(None)).await.unwrap();
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    say(&pool, &w.instructor, chat, "Quiet please").await;
    worker::run_once(&pool, &mailer, &config(0)).await.unwrap();
    assert!(sent(&dir).is_empty());
    assert_eq!(outcomes(&pool).await, vec![Some("opted_out".to_owned())]);

    app::people::service::update_profile(&pool, &w.learner, form(Some("on"))).await.unwrap();
    say(&pool, &w.instructor, chat, "Loud again").await;
    worker::run_once(&pool, &mailer, &config(0)).await.unwrap();
    assert_eq!(sent(&dir).len(), 1, "turned back on");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_group_email_names_the_authors_as_the_group_shows_them_to_the_recipient(pool: PgPool) {
    let w = world(&pool).await;
    let (mailer, dir) = mail_dir();
    let group = crate::messaging::group_of(&pool, &w.staff, &[&w.learner, &w.north_learner]).await;
    let first_names = app::conversations::NewGroup {
        name: "Cohort 7".into(),
        naming: app::conversations::LearnerNaming::First,
        people_visible: true,
        style: app::conversations::GroupStyle::Feed,
        locked: false,
        avatar: String::new(),
    };
    app::conversations::service::update_group(&pool, &w.staff, group, first_names).await.unwrap();
    say(&pool, &w.north_learner, group, "Anyone up for a study session?").await;
    assert_eq!(worker::run_once(&pool, &mailer, &config(0)).await.unwrap(), 2, "one email each to the learner and the staff member");
    let mails = sent(&dir);
    let to = |who: &str| mails.iter().find(|m| m.contains(&format!("To: {who}"))).unwrap_or_else(|| panic!("{who}: {mails:?}"));
    assert!(to("learner@acme.test").contains("northlearner wrote:"), "a learner sees first names only: {}", to("learner@acme.test"));
    assert!(!to("learner@acme.test").contains("northlearner acme.test"));
    assert!(to("staff@acme.test").contains("northlearner acme.test wrote:"), "staff see full names: {}", to("staff@acme.test"));
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_mention_marks_the_message_and_its_email_for_the_person_named_and_nobody_else(pool: PgPool) {
    let w = world(&pool).await;
    let (mailer, dir) = mail_dir();
    let group = crate::messaging::group_of(&pool, &w.staff, &[&w.learner, &w.north_learner]).await;
    let naming = |people_visible: bool| app::conversations::NewGroup {
        name: "Cohort 7".into(),
        naming: app::conversations::LearnerNaming::First,
        people_visible,
        style: app::conversations::GroupStyle::Chat,
        locked: false,
        avatar: String::new(),
    };
    app::conversations::service::update_group(&pool, &w.staff, group, naming(true)).await.unwrap();
    // The learner sees first names only, and mentions by them; an address mentions nobody.
    let asked = say(&pool, &w.learner, group, "@northlearner can you check? cc staff@acme.test").await;
    let mentions_me = |viewer: app::auth::Actor, id: app::ids::MessageId| {
        let pool = pool.clone();
        async move { messages::page(&pool, &viewer, group, None).await.unwrap().messages.iter().any(|m| m.id == id && m.mentions_me) }
    };
    assert!(mentions_me(w.north_learner.clone(), asked.id).await, "marked for the person named");
    assert!(!mentions_me(w.staff.clone(), asked.id).await && !asked.mentions_me, "and for nobody else");

    assert_eq!(worker::run_once(&pool, &mailer, &config(0)).await.unwrap(), 2);
    let mails = sent(&dir);
    let to = |who: &str| mails.iter().find(|m| m.contains(&format!("To: {who}"))).unwrap_or_else(|| panic!("{who}: {mails:?}")).clone();
    let named = to("northlearner@acme.test");
    assert!(named.contains("Subject: learner mentioned you in Cohort 7") && named.contains("learner mentioned you:"), "{named}");
    let other = to("staff@acme.test");
    assert!(!other.contains("mentioned you") && other.contains("learner acme.test wrote:"), "{other}");

    // Where learners see no names, they mention nobody; staff, who see everyone, still do.
    app::conversations::service::update_group(&pool, &w.staff, group, naming(false)).await.unwrap();
    let hidden = say(&pool, &w.learner, group, "@northlearner hello?").await;
    assert!(!mentions_me(w.north_learner.clone(), hidden.id).await);
    let by_staff = say(&pool, &w.staff, group, "@northlearner acme.test see above").await;
    assert!(mentions_me(w.north_learner.clone(), by_staff.id).await);
    crate::support::assert_inbox_state_exact(&pool).await;
}

/// Each learner of the course gets an email about a new announcement, linking to the course;
/// its staff do not, nor someone who left the course before it went out.
#[sqlx::test(migrations = "../migrations")]
async fn each_learner_of_the_course_is_emailed_a_new_announcement(pool: PgPool) {
    let w = world(&pool).await;
    let (mailer, dir) = mail_dir();
    crate::support::enrol(&pool, w.course, &w.north_learner).await;
    app::announcements::service::post(&pool, &w.instructor, w.course, "Quiz moved to **Monday**").await.unwrap();
    app::courses::service::unenrol(&pool, &w.admin, w.course, w.north_learner.id).await.unwrap();
    assert_eq!(worker::run_once(&pool, &mailer, &config(0)).await.unwrap(), 2);
    let mails = sent(&dir);
    assert_eq!(mails.len(), 1, "the learner who left gets nothing");
    let mail = &mails[0];
    assert!(mail.contains("To: learner@acme.test"), "{mail}");
    assert!(mail.contains("Subject: New announcement in Algebra from instructor acme.test"), "{mail}");
    assert!(mail.contains("> Quiz moved to Monday"), "the text without Markdown: {mail}");
    assert!(mail.contains(&format!("http://confer.test/courses/{}", w.course)), "{mail}");
    let mut outcomes = outcomes(&pool).await;
    outcomes.sort();
    assert_eq!(outcomes, vec![Some("inactive".to_owned()), Some("sent".to_owned())]);
}

/// Each member hears of a chat as they set it: every message, mentions only, or nothing; a
/// mute holds back every message for its time, but not a mention.
#[sqlx::test(migrations = "../migrations")]
async fn each_member_hears_of_a_chat_as_they_set_it_and_a_mention_gets_through_a_mute(pool: PgPool) {
    use app::notifications::{service::set_level, NotifyLevel};
    let w = world(&pool).await;
    let (mailer, dir) = mail_dir();
    let group = crate::messaging::group_of(&pool, &w.staff, &[&w.learner, &w.north_learner]).await;
    let to = |who: &str| -> Vec<String> { sent(&dir).into_iter().filter(|m| m.contains(&format!("To: {who}"))).collect() };
    set_level(&pool, &w.learner, group, NotifyLevel::Nothing, 0).await.unwrap();
    set_level(&pool, &w.north_learner, group, NotifyLevel::Mentions, 0).await.unwrap();
    say(&pool, &w.staff, group, "Plain news").await;
    worker::run_once(&pool, &mailer, &config(0)).await.unwrap();
    assert!(sent(&dir).is_empty(), "nothing, and mentions only, hear nothing of a plain message");
    say(&pool, &w.staff, group, "@learner acme.test and @northlearner acme.test over to you").await;
    worker::run_once(&pool, &mailer, &config(0)).await.unwrap();
    assert!(to("learner@acme.test").is_empty(), "nothing means nothing, mentions too");
    let mentioned = to("northlearner@acme.test");
    assert_eq!(mentioned.len(), 1);
    assert!(mentioned[0].contains("over to you") && !mentioned[0].contains("Plain news"), "only the mention: {}", mentioned[0]);

    set_level(&pool, &w.learner, group, NotifyLevel::All, 8).await.unwrap();
    say(&pool, &w.staff, group, "Muted news").await;
    worker::run_once(&pool, &mailer, &config(0)).await.unwrap();
    assert!(to("learner@acme.test").is_empty(), "muted");
    say(&pool, &w.staff, group, "@learner acme.test urgent").await;
    worker::run_once(&pool, &mailer, &config(0)).await.unwrap();
    let urgent = to("learner@acme.test");
    assert_eq!(urgent.len(), 1, "a mention gets through the mute");
    assert!(urgent[0].contains("urgent") && !urgent[0].contains("Muted news"), "{}", urgent[0]);
    set_level(&pool, &w.learner, group, NotifyLevel::All, 0).await.unwrap();
    say(&pool, &w.staff, group, "Heard again").await;
    worker::run_once(&pool, &mailer, &config(0)).await.unwrap();
    assert!(to("learner@acme.test").iter().any(|mail| mail.contains("Heard again")), "unmuted");

    assert_eq!(set_level(&pool, &w.admin, group, NotifyLevel::Nothing, 0).await, Err(app::error::AppError::NotFound), "members only");
    assert_eq!(set_level(&pool, &w.learner, group, NotifyLevel::All, 5).await.unwrap_err().field(), Some("mute_hours"));
    let view = app::conversations::service::view(&pool, &w.north_learner, group).await.unwrap();
    assert_eq!((view.notifications.level, view.notifications.muted_until), (NotifyLevel::Mentions, None));
    crate::support::assert_inbox_state_exact(&pool).await;
}
