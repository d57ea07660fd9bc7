//! Shared chats: a staff member shares their chat with a learner with teammates, who read
//! and reply; a second learner makes it a group; default sharing shares each new chat.

use app::conversations::{service as conversations, ConversationKind, DirectTarget};
use app::error::AppError;
use app::messages::service as messages;
use sqlx::PgPool;

use super::{direct, say};
use crate::support::{assert_inbox_state_exact, snapshot, world};

async fn kind_of(pool: &PgPool, id: app::ids::ConversationId) -> ConversationKind {
    sqlx::query_scalar("SELECT kind FROM conversations WHERE id = $1").bind(id).fetch_one(pool).await.unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_teammate_the_owner_shares_with_reads_and_replies_and_the_title_says_so(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    say(&pool, &w.learner, chat, "I am stuck on question 3").await;
    let staff_contacts = |pool: PgPool, staff: app::auth::Actor| async move {
        conversations::contacts(&pool, &staff, "").await.unwrap().into_iter().map(|c| c.id).collect::<Vec<_>>()
    };
    assert!(!staff_contacts(pool.clone(), w.staff.clone()).await.contains(&w.learner.id));

    conversations::add_to_group(&pool, &w.instructor, chat, w.staff.id, false).await.expect("the owner shares");
    assert_eq!(kind_of(&pool, chat).await, ConversationKind::Shared);
    let page = messages::page(&pool, &w.staff, chat, None).await.expect("the teammate reads it");
    assert_eq!(page.messages.len(), 1);
    say(&pool, &w.staff, chat, "Let me help with that").await;
    let learner_page = messages::page(&pool, &w.learner, chat, None).await.unwrap();
    assert_eq!(learner_page.messages.len(), 2, "the learner sees the teammate's reply");

    let row = conversations::inbox(&pool, &w.instructor).await.unwrap().entries.into_iter().find(|e| e.id == chat).unwrap();
    assert_eq!((row.kind, row.title.as_str()), (ConversationKind::Shared, "learner acme.test +1 more"));
    let header = conversations::view(&pool, &w.instructor, chat).await.unwrap();
    assert_eq!(header.title, "learner acme.test +1 more", "the header says what the inbox says");
    assert!(!staff_contacts(pool.clone(), w.staff.clone()).await.contains(&w.learner.id), "sharing adds nobody to contacts");

    let again = conversations::start_direct(&pool, &w.instructor, DirectTarget { to: Some(w.learner.id), ..Default::default() });
    assert_eq!(again.await.unwrap(), chat, "the pair's next message still finds it");
    assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn only_the_owner_shares_and_removes_and_a_removed_teammate_loses_access(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    conversations::add_to_group(&pool, &w.instructor, chat, w.staff.id, false).await.unwrap();
    let before = snapshot(&pool).await;
    assert_eq!(conversations::add_to_group(&pool, &w.staff, chat, w.admin.id, false).await, Err(AppError::Forbidden), "a teammate");
    assert_eq!(conversations::add_to_group(&pool, &w.learner, chat, w.admin.id, false).await, Err(AppError::Forbidden), "the learner");
    let removing_owner = conversations::remove_from_group(&pool, &w.staff, chat, w.instructor.id, false).await;
    assert_eq!(removing_owner, Err(AppError::Forbidden));
    let removing_learner = conversations::remove_from_group(&pool, &w.instructor, chat, w.learner.id, false).await;
    assert!(matches!(removing_learner, Err(AppError::Conflict(_))), "{removing_learner:?}");
    assert_eq!(snapshot(&pool).await, before, "refusals write nothing");

    conversations::remove_from_group(&pool, &w.instructor, chat, w.staff.id, false).await.expect("the owner removes");
    assert_eq!(messages::page(&pool, &w.staff, chat, None).await.unwrap_err(), AppError::NotFound);
    let sent = messages::send(&pool, &w.staff, super::outgoing(chat, "still here?"), None).await;
    assert_eq!(sent.unwrap_err(), AppError::NotFound);
    assert!(conversations::inbox(&pool, &w.staff).await.unwrap().entries.iter().all(|e| e.id != chat));
    assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_second_learner_makes_a_shared_chat_a_group_after_a_confirmation_and_it_never_goes_back(pool: PgPool) {
    let w = world(&pool).await;
    let chat = direct(&pool, &w.instructor, &w.learner).await;
    conversations::add_to_group(&pool, &w.instructor, chat, w.staff.id, false).await.unwrap();
    let before = snapshot(&pool).await;
    let unconfirmed = conversations::add_to_group(&pool, &w.instructor, chat, w.north_learner.id, false).await;
    assert_eq!(unconfirmed, Err(AppError::Conflict(app::conversations::policy::CONVERTS_TO_GROUP.into())));
    assert_eq!(snapshot(&pool).await, before, "nothing changes before it is confirmed");

    conversations::add_to_group(&pool, &w.instructor, chat, w.north_learner.id, true).await.expect("confirmed");
    assert_eq!(kind_of(&pool, chat).await, ConversationKind::Group);
    let header = conversations::view(&pool, &w.instructor, chat).await.unwrap();
    assert_eq!(header.title, "learner acme.test (Group)");
    assert!(header.can_manage, "the owner manages the group");
    conversations::add_to_group(&pool, &w.instructor, chat, w.admin.id, false).await.unwrap();
    assert_eq!(kind_of(&pool, chat).await, ConversationKind::Group, "a group never converts back");
    let fresh = direct(&pool, &w.instructor, &w.learner).await;
    assert_ne!(fresh, chat, "the pair's next direct chat is a new one");
    assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn default_sharing_shares_each_new_chat_and_is_set_by_the_person_or_an_admin(pool: PgPool) {
    let w = world(&pool).await;
    conversations::set_default_share(&pool, &w.instructor, w.instructor.id, w.staff.id, true).await.expect("their own");
    let before = snapshot(&pool).await;
    let by_peer = conversations::set_default_share(&pool, &w.staff, w.instructor.id, w.admin.id, true).await;
    assert_eq!(by_peer, Err(AppError::Forbidden));
    let by_learner = conversations::set_default_share(&pool, &w.learner, w.instructor.id, w.admin.id, true).await;
    assert_eq!(by_learner, Err(AppError::Forbidden));
    let with_learner = conversations::set_default_share(&pool, &w.instructor, w.instructor.id, w.learner.id, true).await;
    assert_eq!(with_learner.unwrap_err().field(), Some("teammate"), "only with staff");
    assert_eq!(snapshot(&pool).await, before);
    conversations::set_default_share(&pool, &w.admin, w.instructor.id, w.dept_admin.id, true).await.expect("an admin, on their behalf");
    let settings = conversations::default_sharing(&pool, &w.admin, w.instructor.id).await.unwrap();
    let names: Vec<&str> = settings.shared_with.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");

    let chat = direct(&pool, &w.learner, &w.instructor).await;
    assert_eq!(kind_of(&pool, chat).await, ConversationKind::Shared, "a new chat with a learner is shared from the start");
    assert!(messages::page(&pool, &w.staff, chat, None).await.is_ok());
    assert!(messages::page(&pool, &w.dept_admin, chat, None).await.is_ok());
    let header = conversations::view(&pool, &w.staff, chat).await.unwrap();
    assert!(!header.can_add_people, "the owner is the instructor");
    let between_staff = direct(&pool, &w.instructor, &w.admin).await;
    assert_eq!(kind_of(&pool, between_staff).await, ConversationKind::Direct, "only chats with a learner");
    assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_broadcast_shares_the_chats_it_starts_as_default_sharing_says(pool: PgPool) {
    let w = world(&pool).await;
    conversations::set_default_share(&pool, &w.instructor, w.instructor.id, w.staff.id, true).await.unwrap();
    let form = app::broadcast::BroadcastForm {
        course: w.course,
        client_id: app::ids::ClientMessageId::new(),
        body: "Week 2 starts Monday".into(),
        to: Vec::new(),
    };
    app::broadcast::service::broadcast(&pool, &w.instructor, form).await.unwrap();
    let row = conversations::inbox(&pool, &w.staff).await.unwrap().entries;
    assert_eq!(row.len(), 1, "the teammate is in the new chat");
    assert_eq!((row[0].kind, row[0].unread), (ConversationKind::Shared, 1));
    assert_inbox_state_exact(&pool).await;
}
