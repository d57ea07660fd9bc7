//! Every server function and HTTP route, found by itself from the server functions' registry
//! and the router's route list, tried as anonymous, as a user of another organisation, as a
//! non-member and as a member, with the answer each must get. A new endpoint without an entry
//! fails the test until someone decides who may call it.

use app::ids::{ClientMessageId, ConversationId, MessageId, TeamId};
use axum::body::Body;
use axum::http::{header, Request};
use axum::Router;
use sqlx::PgPool;

use crate::messaging::{direct, say};

use crate::support::{post_form, router, send, session_cookie, sign_in, world, World, PASSWORD};

/// Who is asked, besides anonymous and the owner of another organisation.
#[derive(Clone, Copy)]
enum Who {
    Owner,
    Admin,
    Staff,
    Instructor,
    Learner,
    NorthLearner,
}

/// One endpoint: its arguments, the non-member and the member, and the statuses expected for
/// anonymous, another organisation, the non-member and the member.
struct Case {
    args: Vec<(&'static str, String)>,
    non_member: Who,
    member: Who,
    expect: [u16; 4],
}

const ANYONE_SIGNED_IN: [u16; 4] = [401, 200, 200, 200];
const ORG_ADMINS: [u16; 4] = [401, 404, 403, 200];

struct Fixture {
    w: World,
    chat: ConversationId,
    team: TeamId,
    /// A group chat of the staff member's, with the learner in it.
    group: ConversationId,
    /// A post of the staff member's in the group.
    group_post: MessageId,
    /// An announcement of the instructor's on the course.
    announcement: app::ids::AnnouncementId,
}

impl Fixture {
    /// A message of the instructor's in the chat, new for each case that may delete one.
    async fn message(&self, pool: &PgPool) -> MessageId {
        say(pool, &self.w.instructor, self.chat, "for the authorization table").await.id
    }
}

fn unique() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..12].to_owned()
}

/// The table: every server function by its endpoint name. `None` makes the test fail.
async fn case(endpoint: &str, fx: &Fixture, pool: &PgPool) -> Option<Case> {
    let w = &fx.w;
    let (chat, course, learner) = (fx.chat.to_string(), w.course.to_string(), w.learner.id.to_string());
    let in_chat = |extra: Vec<(&'static str, String)>| [vec![("conversation", chat.clone())], extra].concat();
    use Who::*;
    Some(match endpoint {
        // Public: signing in and out, and asking who one is.
        "current_user" | "sign_out" => Case { args: vec![], non_member: Learner, member: Learner, expect: [200; 4] },
        "sign_in" => Case {
            args: vec![("form[email]", "nobody@acme.test".into()), ("form[password]", "wrong password".into())],
            non_member: Learner,
            member: Learner,
            // Refused beside the password field, whoever asks.
            expect: [422; 4],
        },
        // One's own things.
        "inbox" | "list_courses" => Case { args: vec![], non_member: Staff, member: Learner, expect: ANYONE_SIGNED_IN },
        "contacts" => Case { args: vec![("query", String::new())], non_member: Staff, member: Learner, expect: ANYONE_SIGNED_IN },
        "update_profile" => Case {
            args: vec![("form[first_name]", "Same".into()), ("form[last_name]", "Person".into()), ("form[avatar]", String::new())],
            non_member: Staff,
            member: Learner,
            expect: ANYONE_SIGNED_IN,
        },
        "change_password" => Case {
            args: vec![("change[current]", "not the password".into()), ("change[new]", "a new long password".into())],
            non_member: Staff,
            member: Learner,
            expect: [401, 422, 422, 422],
        },
        // A direct chat: the learner may write to their instructor, not to a stranger.
        "start_direct" => Case {
            args: vec![("input[to]", w.instructor.id.to_string())],
            non_member: NorthLearner,
            member: Learner,
            expect: [401, 404, 403, 200],
        },
        // A conversation: members only; anyone else finds nothing.
        "conversation" | "delete_conversation" => {
            Case { args: vec![("id", chat.clone())], non_member: Admin, member: Learner, expect: [401, 404, 404, 200] }
        }
        "messages" => Case { args: in_chat(vec![]), non_member: Admin, member: Learner, expect: [401, 404, 404, 200] },
        "messages_at" => Case {
            args: in_chat(vec![("at", fx.message(pool).await.to_string())]),
            non_member: Admin,
            member: Learner,
            expect: [401, 404, 404, 200],
        },
        // Notifications: each member sets their own.
        "set_notifications" => Case {
            args: in_chat(vec![("level", "mentions".into()), ("mute_hours", "8".into())]),
            non_member: Admin,
            member: Learner,
            expect: [401, 404, 404, 200],
        },
        // Search: anyone signed in, over what they can read (messaging/search.rs shows what).
        "search" => Case { args: vec![("q", "hello".into())], non_member: Staff, member: Learner, expect: ANYONE_SIGNED_IN },
        // Watching a conversation from an event stream: members only.
        "watch" => Case {
            args: in_chat(vec![("stream", app::ids::StreamId::new().to_string())]),
            non_member: Admin,
            member: Learner,
            expect: [401, 404, 404, 200],
        },
        "send_message" => Case {
            args: vec![
                ("input[conversation]", chat.clone()),
                ("input[client_id]", ClientMessageId::new().to_string()),
                ("input[body]", "hello".into()),
            ],
            non_member: Admin,
            member: Learner,
            expect: [401, 404, 404, 200],
        },
        "mark_read" | "seen_by" => Case {
            args: in_chat(vec![("message", fx.message(pool).await.to_string())]),
            non_member: Admin,
            member: Learner,
            expect: [401, 404, 404, 200],
        },
        "delete_message" => Case {
            args: in_chat(vec![("message", fx.message(pool).await.to_string())]),
            non_member: Admin,
            member: Instructor,
            expect: [401, 404, 404, 200],
        },
        // Group chats: staff create them; their owner manages them; others find nothing.
        "create_group" => {
            Case { args: vec![("input[name]", "Group {unique}".into())], non_member: Learner, member: Staff, expect: [401, 200, 403, 200] }
        }
        // A course's announcements: read by its members, posted by its staff.
        "announcements" => {
            Case { args: vec![("course", w.course.to_string())], non_member: Staff, member: Learner, expect: [401, 404, 404, 200] }
        }
        "post_announcement" => Case {
            args: vec![("course", w.course.to_string()), ("body", "Week 2 begins".into())],
            non_member: Staff,
            member: Instructor,
            expect: [401, 404, 404, 200],
        },
        // Its author and the organisation's admins change it; a learner of the course may not.
        "edit_announcement" => Case {
            args: vec![("id", fx.announcement.to_string()), ("body", "Week 2 begins on Tuesday".into())],
            non_member: Learner,
            member: Instructor,
            expect: [401, 404, 403, 200],
        },
        // Its own announcement: the table runs in name order, and editing comes later.
        "delete_announcement" => Case {
            args: vec![("id", app::announcements::service::post(pool, &w.instructor, w.course, "Gone soon").await.unwrap().to_string())],
            non_member: Learner,
            member: Admin,
            expect: [401, 404, 403, 200],
        },
        // Staff see where they may open channels; learners have none.
        "channel_choices" => Case { args: vec![], non_member: Learner, member: Staff, expect: [401, 200, 403, 200] },
        // A course's instructors open its channels; other staff do not; another organisation's
        // owner finds no such course.
        "create_channel" => Case {
            args: vec![("course", w.course.to_string()), ("role", "learner".into())],
            non_member: Staff,
            member: Instructor,
            expect: [401, 404, 403, 200],
        },
        // A staff member's own setting; another staff member's is not theirs to read or change.
        "default_sharing" => {
            Case { args: vec![("owner", w.staff.id.to_string())], non_member: Instructor, member: Staff, expect: [401, 404, 403, 200] }
        }
        "set_default_share" => Case {
            args: vec![("owner", w.staff.id.to_string()), ("teammate", w.instructor.id.to_string()), ("shared", "true".into())],
            non_member: Instructor,
            member: Staff,
            expect: [401, 404, 403, 200],
        },
        "update_group" => Case {
            args: vec![("id", fx.group.to_string()), ("input[name]", "Renamed".into())],
            non_member: Admin,
            member: Staff,
            expect: [401, 404, 404, 200],
        },
        "add_to_group" => Case {
            args: vec![("id", fx.group.to_string()), ("person", w.instructor.id.to_string())],
            non_member: Admin,
            member: Staff,
            expect: [401, 404, 404, 200],
        },
        // After "add_to_group" (the table runs in name order), which made the instructor a member.
        "remove_from_group" => Case {
            args: vec![("id", fx.group.to_string()), ("person", w.instructor.id.to_string())],
            non_member: Admin,
            member: Staff,
            expect: [401, 404, 404, 200],
        },
        "leave_group" => {
            Case { args: vec![("id", fx.group.to_string())], non_member: Admin, member: Learner, expect: [401, 404, 404, 200] }
        }
        "people_to_add" => Case {
            args: vec![("id", fx.group.to_string()), ("query", String::new())],
            non_member: Admin,
            member: Staff,
            expect: [401, 404, 404, 200],
        },
        "edit_message" => Case {
            args: in_chat(vec![("message", fx.message(pool).await.to_string()), ("body", "edited".into())]),
            non_member: Admin,
            member: Instructor,
            expect: [401, 404, 404, 200],
        },
        "pin_message" => Case {
            args: vec![("conversation", fx.group.to_string()), ("message", fx.group_post.to_string()), ("pinned", "true".into())],
            non_member: Admin,
            member: Staff,
            expect: [401, 404, 404, 200],
        },
        // A course: its members and the organisation's admins see it.
        "get_course" => {
            Case { args: vec![("id", course.clone())], non_member: NorthLearner, member: Learner, expect: [401, 404, 404, 200] }
        }
        "broadcast" => Case {
            args: vec![
                ("form[course]", course.clone()),
                ("form[client_id]", ClientMessageId::new().to_string()),
                ("form[body]", "Reminder".into()),
            ],
            non_member: Staff,
            member: Instructor,
            expect: [401, 404, 404, 200],
        },
        // Running the organisation: its owners and admins.
        "get_org_settings" => Case { args: vec![], non_member: Learner, member: Owner, expect: [401, 200, 403, 200] },
        "update_org_settings" => Case {
            args: vec![
                ("form[name]", "Acme".into()),
                ("form[label_learner]", "Learner".into()),
                ("form[label_instructor]", "Instructor".into()),
                ("form[label_course]", "Course".into()),
                ("form[learner_dm_policy]", "assigned_staff".into()),
                ("form[private_messaging]", "on".into()),
            ],
            non_member: Learner,
            member: Owner,
            expect: [401, 200, 403, 200],
        },
        "list_users" | "list_departments" => Case { args: vec![], non_member: Learner, member: Admin, expect: [401, 200, 403, 200] },
        "get_user" => Case { args: vec![("id", learner.clone())], non_member: Learner, member: Admin, expect: ORG_ADMINS },
        "create_user" => Case {
            args: vec![
                ("form[email]", "{unique}@acme.test".into()),
                ("form[first_name]", "New".into()),
                ("form[last_name]", "Person".into()),
                ("form[role]", "learner".into()),
                ("form[password]", "a long enough password".into()),
            ],
            non_member: Learner,
            member: Admin,
            expect: [401, 200, 403, 200],
        },
        "update_user" => Case {
            args: vec![
                ("id", learner.clone()),
                ("form[email]", "learner@acme.test".into()),
                ("form[first_name]", "learner".into()),
                ("form[last_name]", "acme.test".into()),
                ("form[role]", "learner".into()),
            ],
            non_member: Learner,
            member: Admin,
            expect: ORG_ADMINS,
        },
        "set_user_active" => {
            Case { args: vec![("id", learner.clone()), ("active", "true".into())], non_member: Learner, member: Admin, expect: ORG_ADMINS }
        }
        "import_users" => Case {
            args: vec![("csv", "email,first_name,last_name,role\n{unique}@acme.test,Im,Port,learner".into())],
            non_member: Learner,
            member: Admin,
            expect: [401, 200, 403, 200],
        },
        "create_course" => Case {
            args: vec![("form[title]", "Course {unique}".into()), ("form[learner_dm_policy]", String::new())],
            non_member: Learner,
            member: Admin,
            expect: [401, 200, 403, 200],
        },
        "get_course_admin" => Case { args: vec![("id", course.clone())], non_member: Learner, member: Admin, expect: ORG_ADMINS },
        "update_course" => Case {
            args: vec![("id", course.clone()), ("form[title]", "Algebra".into()), ("form[learner_dm_policy]", String::new())],
            non_member: Learner,
            member: Admin,
            expect: ORG_ADMINS,
        },
        "set_course_status" => {
            Case { args: vec![("id", course.clone()), ("status", "active".into())], non_member: Learner, member: Admin, expect: ORG_ADMINS }
        }
        "enrol" => Case {
            args: vec![("course", course.clone()), ("user", w.dept_admin.id.to_string()), ("role", "learner".into())],
            non_member: Learner,
            member: Admin,
            expect: ORG_ADMINS,
        },
        "unenrol" => Case {
            args: vec![("course", course.clone()), ("user", w.dept_admin.id.to_string())],
            non_member: Learner,
            member: Admin,
            expect: ORG_ADMINS,
        },
        "create_team" => Case {
            args: vec![("course", course.clone()), ("name", "Team {unique}".into())],
            non_member: Learner,
            member: Admin,
            expect: ORG_ADMINS,
        },
        "set_team_member" => Case {
            args: vec![("team", fx.team.to_string()), ("user", learner.clone()), ("member", "true".into())],
            non_member: Learner,
            member: Admin,
            expect: ORG_ADMINS,
        },
        _ => return None,
    })
}

struct Sessions {
    other_org: String,
    by_who: Vec<(u8, String)>,
}

impl Sessions {
    fn of(&self, who: Who) -> &str {
        &self.by_who.iter().find(|(w, _)| *w == who as u8).expect("signed in").1
    }
}

async fn cookie(app: &Router, email: &str) -> String {
    session_cookie(&sign_in(app, email, PASSWORD).await).expect("signed in")
}

async fn fixture(pool: &PgPool) -> Fixture {
    let w = world(pool).await;
    let chat = direct(pool, &w.instructor, &w.learner).await;
    say(pool, &w.instructor, chat, "Welcome").await;
    let team = app::courses::service::create_team(pool, &w.admin, w.course, "Blue").await.expect("team");
    let group = crate::messaging::group_of(pool, &w.staff, &[&w.learner]).await;
    let group_post = say(pool, &w.staff, group, "Pin me").await.id;
    let announcement = app::announcements::service::post(pool, &w.instructor, w.course, "Welcome").await.expect("announced");
    Fixture { w, chat, team, group, group_post, announcement }
}

#[sqlx::test(migrations = "../migrations")]
async fn every_server_function_answers_each_kind_of_caller_as_its_entry_says(pool: PgPool) {
    let fx = fixture(&pool).await;
    let app = router(&pool).await;
    let mut by_who = Vec::new();
    for (who, email) in [
        (Who::Owner, "owner@acme.test"),
        (Who::Admin, "admin@acme.test"),
        (Who::Staff, "staff@acme.test"),
        (Who::Instructor, "instructor@acme.test"),
        (Who::Learner, "learner@acme.test"),
        (Who::NorthLearner, "northlearner@acme.test"),
    ] {
        by_who.push((who as u8, cookie(&app, email).await));
    }
    let sessions = Sessions { other_org: cookie(&app, "owner@other.test").await, by_who };
    let mut endpoints: Vec<&str> = leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path).collect();
    // Signing out ends the session it is called with, so it goes last.
    endpoints.sort_by_key(|path| (path.ends_with("/sign_out"), *path));
    assert!(endpoints.len() > 30, "the registry lists the server functions: {endpoints:?}");
    let mut wrong = Vec::new();
    for path in endpoints {
        let endpoint = path.trim_start_matches("/api/");
        let Some(case) = case(endpoint, &fx, &pool).await else {
            wrong.push(format!("{path}: no entry in the authorization table"));
            continue;
        };
        let callers = [None, Some(sessions.other_org.as_str()), Some(sessions.of(case.non_member)), Some(sessions.of(case.member))];
        for (caller, (cookie, expected)) in
            ["anonymous", "another organisation", "non-member", "member"].iter().zip(callers.into_iter().zip(case.expect))
        {
            // "{unique}" gives every call a name or address of its own.
            let values: Vec<String> = case.args.iter().map(|(_, v)| v.replace("{unique}", &unique())).collect();
            let args: Vec<(&str, &str)> = case.args.iter().zip(&values).map(|((k, _), v)| (*k, v.as_str())).collect();
            let status = send(&app, post_form(path, &args, cookie)).await.status().as_u16();
            // A redirect after success (sign-out, delete chat, start chat) counts as success.
            let status = if (300..400).contains(&status) { 200 } else { status };
            if status != expected {
                wrong.push(format!("{path} as {caller}: {status}, expected {expected}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[sqlx::test(migrations = "../migrations")]
async fn every_http_route_answers_each_kind_of_caller_as_its_entry_says(pool: PgPool) {
    let fx = fixture(&pool).await;
    let app = router(&pool).await;
    let member = cookie(&app, "learner@acme.test").await;
    let other_org = cookie(&app, "owner@other.test").await;
    let staff = cookie(&app, "staff@acme.test").await;
    // A picture the instructor uploaded, stored where the route serves it from.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR fake but well-started png";
    let instructor = cookie(&app, "instructor@acme.test").await;
    send(&app, crate::support::upload_to("/profile/avatar", png, Some(&instructor))).await;
    let stored: String =
        sqlx::query_scalar("SELECT avatar FROM users WHERE id = $1").bind(fx.w.instructor.id).fetch_one(&pool).await.unwrap();
    let avatar = stored.strip_prefix("upload:").expect("an uploaded picture").to_owned();
    let mut wrong = Vec::new();
    for (path, _) in app::platform::router::http_routes() {
        // (method, address, [anonymous, another organisation, non-member, member])
        let (method, address, expect): (&str, String, [u16; 4]) = match path {
            "/healthz" => ("GET", path.into(), [200; 4]),
            "/events" => ("GET", path.into(), [401, 200, 200, 200]),
            // An empty upload: refused before anything is stored, back to the profile page.
            "/profile/avatar" => ("POST", path.into(), [401, 303, 303, 303]),
            // Pictures of one's own organisation, to anyone in it; another's get "not found".
            "/avatars/uploads/{name}" => ("GET", format!("/avatars/uploads/{avatar}"), [401, 404, 200, 200]),
            // A group's managers only, refused before the upload is read; a direct chat has none.
            "/messages/{id}/photo" => ("POST", format!("/messages/{}/photo", fx.chat), [401, 404, 404, 403]),
            other => {
                wrong.push(format!("{other}: no entry in the authorization table"));
                continue;
            }
        };
        for (caller, (cookie, expected)) in ["anonymous", "another organisation", "non-member", "member"]
            .iter()
            .zip([None, Some(other_org.as_str()), Some(staff.as_str()), Some(member.as_str())].into_iter().zip(expect))
        {
            let mut request = Request::builder()
                .method(method)
                .uri(&address)
                .header(header::HOST, "127.0.0.1:3000")
                .header(header::ORIGIN, "http://127.0.0.1:3000");
            if method == "POST" {
                request = request.header(header::CONTENT_TYPE, "multipart/form-data; boundary=x");
            }
            if let Some(cookie) = cookie {
                request = request.header(header::COOKIE, cookie);
            }
            let body = if method == "POST" { Body::from("--x--\r\n") } else { Body::empty() };
            let response = send(&app, request.body(body).unwrap()).await;
            if response.status().as_u16() != expected {
                wrong.push(format!("{path} as {caller}: {}, expected {expected}", response.status()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
