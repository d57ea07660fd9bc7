//! Group chats: who creates and manages them, and what learners see of the other people in
//! them, on every surface.

use app::conversations::{service as conversations, ConversationKind, GroupStyle, InboxSection, LearnerNaming, NewGroup};
use app::error::AppError;
use app::messages::service as messages;
use sqlx::PgPool;

use super::{group_of, say};
use crate::support::{assert_inbox_state_exact, snapshot, world};

fn named(name: &str) -> NewGroup {
    NewGroup {
        name: name.into(),
        naming: LearnerNaming::Full,
        people_visible: true,
        style: GroupStyle::Chat,
        locked: false,
        avatar: String::new(),
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_create_course_chats_and_learners_cannot(pool: PgPool) {
    let w = world(&pool).await;
    let group = conversations::create_group(&pool, &w.staff, named("  Cohort 7 ")).await.expect("created");
    let view = conversations::view(&pool, &w.staff, group).await.unwrap();
    assert_eq!((view.title.as_str(), view.can_manage, view.members.len()), ("Cohort 7", true, 1), "an empty group is fine");
    assert!(view.members[0].owner);
    let before = snapshot(&pool).await;
    assert_eq!(conversations::create_group(&pool, &w.learner, named("Ours")).await, Err(AppError::Forbidden));
    let refused = conversations::create_group(&pool, &w.staff, named("two\nlines")).await.unwrap_err();
    assert_eq!(refused.field(), Some("name"), "a name with a line break is refused beside its field");
    assert_eq!(snapshot(&pool).await, before, "nothing was written");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn the_owner_and_admins_who_are_members_add_people_and_nobody_else(pool: PgPool) {
    let w = world(&pool).await;
    let group = group_of(&pool, &w.staff, &[&w.learner]).await;
    let inbox = conversations::inbox(&pool, &w.learner).await.unwrap();
    let row = inbox.entries.iter().find(|e| e.id == group).expect("the learner finds the group in their inbox");
    assert_eq!((row.kind.section(), row.title.as_str()), (InboxSection::Groups, "Cohort 7"));

    let learner_adds = conversations::add_to_group(&pool, &w.learner, group, w.north_learner.id, false).await;
    assert_eq!(learner_adds, Err(AppError::Forbidden), "a member who does not own it");
    let admin_outside = conversations::add_to_group(&pool, &w.admin, group, w.north_learner.id, false).await;
    assert_eq!(admin_outside, Err(AppError::NotFound), "an admin who is not a member finds nothing");
    let outsider = conversations::add_to_group(&pool, &w.staff, group, w.outsider.id, false).await;
    assert_eq!(outsider, Err(AppError::NotFound), "someone of another organisation");

    conversations::add_to_group(&pool, &w.staff, group, w.admin.id, false).await.expect("the owner adds");
    conversations::add_to_group(&pool, &w.admin, group, w.north_learner.id, false).await.expect("an admin who is a member adds");
    conversations::add_to_group(&pool, &w.admin, group, w.north_learner.id, false).await.expect("adding twice changes nothing");
    let view = conversations::view(&pool, &w.learner, group).await.unwrap();
    assert_eq!(view.members.len(), 4);
    assert!(!view.can_manage, "the learner is not offered managing it");

    let renamed = NewGroup { name: "Cohort 7b".into(), ..named("") };
    assert_eq!(conversations::update_group(&pool, &w.learner, group, renamed.clone()).await, Err(AppError::Forbidden));
    conversations::update_group(&pool, &w.staff, group, renamed).await.expect("the owner renames it");
    assert_eq!(conversations::view(&pool, &w.learner, group).await.unwrap().title, "Cohort 7b");

    let found = conversations::people_to_add(&pool, &w.staff, group, "instructor").await.unwrap();
    assert_eq!(found.iter().map(|c| c.id).collect::<Vec<_>>(), [w.instructor.id]);
    assert_eq!(conversations::people_to_add(&pool, &w.learner, group, "").await, Err(AppError::Forbidden));
    assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn learners_see_the_others_as_the_group_names_them_and_staff_see_full_names(pool: PgPool) {
    let w = world(&pool).await;
    let group = group_of(&pool, &w.staff, &[&w.learner, &w.north_learner]).await;
    let first_initial = NewGroup {
        name: "Cohort 7".into(),
        naming: LearnerNaming::FirstInitial,
        people_visible: true,
        style: GroupStyle::Chat,
        locked: false,
        avatar: String::new(),
    };
    conversations::update_group(&pool, &w.staff, group, first_initial).await.unwrap();
    sqlx::query("UPDATE users SET avatar = 'preset:owl' WHERE id = $1").bind(w.north_learner.id).execute(&pool).await.unwrap();
    let hello = say(&pool, &w.north_learner, group, "Hello all").await;
    messages::mark_read(&pool, &w.learner, group, hello.id).await.unwrap();
    let reply = say(&pool, &w.learner, group, "Hi").await;
    messages::mark_read(&pool, &w.north_learner, group, reply.id).await.unwrap();

    // (viewer, what they see of north_learner, whether they see the photo)
    let surfaces = |naming_name: &'static str, photo: bool| [(&w.learner, naming_name, photo), (&w.staff, "northlearner acme.test", true)];
    for (viewer, name, photo) in surfaces("northlearner a.", true) {
        let page = messages::page(&pool, viewer, group, None).await.unwrap();
        let author = page.messages.iter().find(|m| m.id == hello.id).unwrap();
        assert_eq!((author.author_name.as_str(), author.author_avatar.is_some()), (name, photo), "message author, {:?}", viewer.role);
        let view = conversations::view(&pool, viewer, group).await.unwrap();
        let member = view.members.iter().find(|m| m.id == w.north_learner.id).unwrap();
        assert_eq!((member.name.as_str(), member.avatar.is_some()), (name, photo), "participants, {:?}", viewer.role);
    }
    let seen = messages::seen_by(&pool, &w.learner, group, reply.id).await.unwrap();
    assert_eq!(seen.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["northlearner a."], "read receipts");
    let own = messages::page(&pool, &w.learner, group, None).await.unwrap();
    assert_eq!(own.messages.iter().find(|m| m.id == reply.id).unwrap().author_name, "learner acme.test", "one's own name is whole");

    let hidden = NewGroup {
        name: "Cohort 7".into(),
        naming: LearnerNaming::FirstInitial,
        people_visible: false,
        style: GroupStyle::Chat,
        locked: false,
        avatar: String::new(),
    };
    conversations::update_group(&pool, &w.staff, group, hidden).await.unwrap();
    for (viewer, name, photo) in surfaces("Participant", false) {
        let page = messages::page(&pool, viewer, group, None).await.unwrap();
        let author = page.messages.iter().find(|m| m.id == hello.id).unwrap();
        assert_eq!((author.author_name.as_str(), author.author_avatar.is_some()), (name, photo), "hidden, {:?}", viewer.role);
    }
    assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn the_owner_removes_people_keeping_or_deleting_their_messages_and_leaving_deletes_yours(pool: PgPool) {
    let w = world(&pool).await;
    let group = group_of(&pool, &w.staff, &[&w.learner, &w.north_learner]).await;
    let question = say(&pool, &w.learner, group, "A question").await;
    let theirs = say(&pool, &w.north_learner, group, "Their post").await;
    let shown = |viewer: &app::auth::Actor| {
        let (pool, viewer) = (pool.clone(), viewer.clone());
        async move { messages::page(&pool, &viewer, group, None).await.unwrap().messages }
    };

    let refused = conversations::remove_from_group(&pool, &w.learner, group, w.north_learner.id, false).await;
    assert_eq!(refused, Err(AppError::Forbidden), "a member who does not manage it");
    conversations::remove_from_group(&pool, &w.staff, group, w.north_learner.id, false).await.expect("removed, messages kept");
    let kept = shown(&w.learner).await.into_iter().find(|m| m.id == theirs.id).expect("kept");
    assert_eq!((kept.author_name.as_str(), kept.author_avatar), ("Former participant", None));
    assert_eq!(conversations::view(&pool, &w.north_learner, group).await, Err(AppError::NotFound), "access ends at once");
    assert!(!conversations::inbox(&pool, &w.north_learner).await.unwrap().entries.iter().any(|e| e.id == group));

    conversations::add_to_group(&pool, &w.staff, group, w.north_learner.id, false).await.unwrap();
    let answer = app::messages::Outgoing { reply_to: Some(question.id), ..app::messages::Outgoing::new(group, "An answer") };
    messages::send(&pool, &w.north_learner, answer, None).await.unwrap();
    conversations::remove_from_group(&pool, &w.staff, group, w.north_learner.id, true).await.expect("removed with messages");
    let left: Vec<_> = shown(&w.staff).await.into_iter().map(|m| m.id).collect();
    assert_eq!(left, [question.id], "everything they wrote is gone");

    let owner_leaves = conversations::leave_group(&pool, &w.staff, group).await;
    assert!(matches!(owner_leaves, Err(AppError::Conflict(_))), "the owner stays: {owner_leaves:?}");
    let reply = app::messages::Outgoing { reply_to: Some(question.id), ..app::messages::Outgoing::new(group, "Noted") };
    messages::send(&pool, &w.staff, reply, None).await.unwrap();
    conversations::leave_group(&pool, &w.learner, group).await.expect("a member leaves");
    assert!(shown(&w.staff).await.is_empty(), "their posts and the threads under them are deleted");
    assert_eq!(conversations::view(&pool, &w.learner, group).await, Err(AppError::NotFound));
    assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_make_a_direct_chat_a_group_only_where_the_organisation_allows_it(pool: PgPool) {
    let w = world(&pool).await;
    let chat = super::direct(&pool, &w.instructor, &w.learner).await;
    say(&pool, &w.learner, chat, "A question").await;
    let flag = |on: bool| {
        let pool = pool.clone();
        let org = w.instructor.org_id;
        async move { sqlx::query("UPDATE organisations SET group_chats = $2 WHERE id = $1").bind(org).bind(on).execute(&pool).await.unwrap() }
    };

    let between_staff = super::direct(&pool, &w.instructor, &w.staff).await;
    flag(false).await;
    let before = snapshot(&pool).await;
    let off = "Group chats are switched off in this organisation: a direct chat stays between its two people.";
    assert_eq!(
        conversations::add_to_group(&pool, &w.instructor, chat, w.north_learner.id, false).await,
        Err(AppError::Conflict(off.into()))
    );
    assert!(!conversations::view(&pool, &w.instructor, between_staff).await.unwrap().can_add_people, "no way offered to add anyone");
    assert!(conversations::view(&pool, &w.instructor, chat).await.unwrap().can_add_people, "a chat with a learner is still shared");
    assert_eq!(snapshot(&pool).await, before, "nothing was written");

    flag(true).await;
    assert_eq!(conversations::add_to_group(&pool, &w.learner, chat, w.north_learner.id, false).await, Err(AppError::Forbidden));
    assert!(!conversations::view(&pool, &w.learner, chat).await.unwrap().can_add_people);
    assert!(conversations::view(&pool, &w.instructor, chat).await.unwrap().can_add_people);
    assert_eq!(
        conversations::add_to_group(&pool, &w.admin, chat, w.north_learner.id, false).await,
        Err(AppError::NotFound),
        "not a member"
    );
    conversations::add_to_group(&pool, &w.instructor, chat, w.north_learner.id, false).await.expect("staff add a third person");

    let view = conversations::view(&pool, &w.north_learner, chat).await.unwrap();
    assert_eq!((view.kind, view.members.len()), (ConversationKind::Group, 3), "it is a group now");
    assert!(view.members.iter().any(|m| m.owner && m.id == w.instructor.id), "owned by whoever made it one");
    let row = conversations::inbox(&pool, &w.north_learner).await.unwrap().entries.into_iter().find(|e| e.id == chat).unwrap();
    assert_eq!((row.kind.section(), row.unread), (InboxSection::Groups, 0), "among the groups, its history read");
    let again = super::direct(&pool, &w.instructor, &w.learner).await;
    assert_ne!(again, chat, "the pair's next direct chat is a new one");
    assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn the_participants_list_calls_learners_by_the_organisations_word(pool: PgPool) {
    use axum::body::Body;
    use axum::http::{header, Request};
    let w = world(&pool).await;
    let group = group_of(&pool, &w.staff, &[&w.learner]).await;
    sqlx::query("UPDATE organisations SET label_learner = 'Client' WHERE id = $1").bind(w.staff.org_id).execute(&pool).await.unwrap();
    let app = crate::support::router(&pool).await;
    let cookie = crate::support::session_cookie(&crate::support::sign_in(&app, "staff@acme.test", crate::support::PASSWORD).await).unwrap();
    let request = Request::get(format!("/messages/{group}/people")).header(header::COOKIE, &cookie).body(Body::empty()).unwrap();
    let html = crate::support::body_text(crate::support::send(&app, request).await).await;
    assert!(html.contains("<span class=\"muted\">Client"), "{html}");
    assert!(!html.contains(">Learner<"), "{html}");
    crate::support::assert_inbox_state_exact(&pool).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_group_shows_its_picture_or_its_initials_and_takes_only_the_provided_ones(pool: PgPool) {
    let w = world(&pool).await;
    let owl = NewGroup { avatar: "owl".into(), ..named("Night study") };
    let group = conversations::create_group(&pool, &w.staff, owl).await.unwrap();
    conversations::add_to_group(&pool, &w.staff, group, w.learner.id, false).await.unwrap();
    let row = |viewer: app::auth::Actor| {
        let pool = pool.clone();
        async move { conversations::inbox(&pool, &viewer).await.unwrap().entries.into_iter().find(|e| e.id == group).unwrap().avatar }
    };
    assert_eq!(row(w.learner.clone()).await.as_deref(), Some("owl"), "the inbox shows the group's picture");
    assert_eq!(conversations::view(&pool, &w.learner, group).await.unwrap().avatar.as_deref(), Some("owl"));

    let before = snapshot(&pool).await;
    let refused =
        conversations::update_group(&pool, &w.staff, group, NewGroup { avatar: "upload:someone-else.png".into(), ..named("Night study") })
            .await;
    assert_eq!(refused.unwrap_err().field(), Some("avatar"));
    assert_eq!(snapshot(&pool).await, before, "nothing was written");
    conversations::update_group(&pool, &w.staff, group, named("Night study")).await.unwrap();
    assert_eq!(row(w.learner.clone()).await, None, "back to its initials");
    crate::support::assert_inbox_state_exact(&pool).await;
}
