//! Every admin operation, for every kind of actor: allowed, or refused with the exact error
//! and nothing written.

use app::auth::Actor;
use app::courses::{service as courses, CourseForm, CourseRole, CourseStatus};
use app::error::AppError;
use app::ids::{TeamId, UserId};
use app::org::{service as org, OrgSettingsForm};
use app::people::{service as people, UserForm};
use sqlx::PgPool;

use crate::support::{snapshot, world, World};

#[derive(Clone, Copy, Debug)]
enum Op {
    CreateUser,
    UpdateUser,
    Deactivate,
    Reactivate,
    Import,
    UpdateSettings,
    CreateCourse,
    UpdateCourse,
    Archive,
    Enrol,
    Unenrol,
    CreateTeam,
    AddTeamMember,
    CourseAdminView,
}

const USER_OPS: [Op; 5] = [Op::CreateUser, Op::UpdateUser, Op::Deactivate, Op::Reactivate, Op::Import];
const ORG_OPS: [Op; 8] =
    [Op::CreateCourse, Op::UpdateCourse, Op::Archive, Op::Enrol, Op::Unenrol, Op::CreateTeam, Op::AddTeamMember, Op::CourseAdminView];

fn user_form(email: &str, department: &str) -> UserForm {
    UserForm {
        email: email.into(),
        first_name: "New".into(),
        last_name: "Person".into(),
        role: "learner".into(),
        department: department.into(),
        password: "a long new password".into(),
    }
}

/// One operation of the grid, with everything its row names.
#[allow(clippy::too_many_arguments)]
async fn run(
    pool: &PgPool,
    w: &World,
    team: TeamId,
    op: Op,
    actor: &Actor,
    target: UserId,
    department: &str,
    n: usize,
) -> Result<(), AppError> {
    let unique = format!("{n}");
    match op {
        Op::CreateUser => people::create(pool, actor, user_form(&format!("new{unique}@acme.test"), department)).await.map(drop),
        Op::UpdateUser => people::update(pool, actor, target, user_form(&format!("renamed{unique}@acme.test"), department)).await.map(drop),
        Op::Deactivate => people::set_active(pool, actor, target, false).await.map(drop),
        Op::Reactivate => people::set_active(pool, actor, target, true).await.map(drop),
        Op::Import => {
            let csv = format!("email,first_name,last_name,role,department,password\nimp{unique}@acme.test,Im,Ported,learner,{department},a long new password\n");
            let report = people::import(pool, actor, &csv).await?;
            // A row the actor may not create is reported on its line, with the refusal's text.
            match report.errors.first() {
                None => Ok(()),
                Some(row) if row.message == AppError::Forbidden.to_string() => Err(AppError::Forbidden),
                Some(row) => Err(AppError::validation("csv", row.message.clone())),
            }
        }
        Op::UpdateSettings => org::update_settings(pool, actor, settings_form(&unique)).await.map(drop),
        Op::CreateCourse => courses::create(
            pool,
            actor,
            CourseForm { title: format!("Course {unique}"), learner_dm_policy: String::new(), course_chats: true },
        )
        .await
        .map(drop),
        Op::UpdateCourse => {
            courses::update(
                pool,
                actor,
                w.course,
                CourseForm { title: format!("Algebra {unique}"), learner_dm_policy: "anyone".into(), course_chats: true },
            )
            .await
        }
        Op::Archive => courses::set_status(pool, actor, w.course, CourseStatus::Archived).await,
        Op::Enrol => courses::enrol(pool, actor, w.course, w.north_learner.id, CourseRole::Learner).await,
        Op::Unenrol => courses::unenrol(pool, actor, w.course, w.north_learner.id).await,
        Op::CreateTeam => courses::create_team(pool, actor, w.course, &format!("Team {unique}")).await.map(drop),
        Op::AddTeamMember => courses::set_team_member(pool, actor, team, w.learner.id, true).await,
        Op::CourseAdminView => courses::admin_view(pool, actor, w.course).await.map(drop),
    }
}

fn settings_form(unique: &str) -> OrgSettingsForm {
    OrgSettingsForm {
        name: format!("Renamed {unique}"),
        label_learner: "Client".into(),
        label_instructor: "Practitioner".into(),
        label_course: "Program".into(),
        private_messaging: Some("on".into()),
        learner_dm_policy: "anyone".into(),
        email_includes_text: None,
        group_chats: Some("on".into()),
    }
}

async fn check(pool: &PgPool, w: &World, team: TeamId, cases: &[(&str, &Actor, UserId, &str, Option<AppError>)], ops: &[Op]) {
    let mut n = 0;
    for op in ops {
        for (label, actor, target, department, expected) in cases {
            n += 1;
            let before = snapshot(pool).await;
            let result = run(pool, w, team, *op, actor, *target, department, n).await;
            match expected {
                None => assert!(result.is_ok(), "{op:?} by {label} should be allowed, got {result:?}"),
                Some(err) => {
                    assert_eq!(result.as_ref().err(), Some(err), "{op:?} by {label}");
                    assert_eq!(snapshot(pool).await, before, "{op:?} by {label} was refused but wrote something");
                }
            }
        }
    }
}

async fn team(pool: &PgPool, w: &World) -> TeamId {
    courses::create_team(pool, &w.owner, w.course, "Grid team").await.unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn user_administration_by_role(pool: PgPool) {
    let w = world(&pool).await;
    let team = team(&pool, &w).await;
    let (inside, outside) = (w.north_learner.id, w.learner.id);
    let cases = [
        ("owner", &w.owner, inside, "North", None),
        ("admin", &w.admin, inside, "North", None),
        ("department admin, own department", &w.dept_admin, inside, "North", None),
        ("department admin, other department", &w.dept_admin, outside, "South", Some(AppError::Forbidden)),
        ("staff", &w.staff, inside, "North", Some(AppError::Forbidden)),
        ("learner", &w.learner, inside, "North", Some(AppError::Forbidden)),
    ];
    check(&pool, &w, team, &cases, &USER_OPS).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn another_organisation_finds_none_of_our_people(pool: PgPool) {
    let w = world(&pool).await;
    let team = team(&pool, &w).await;
    let cases = [("owner of another organisation", &w.outsider, w.north_learner.id, "", Some(AppError::NotFound))];
    check(&pool, &w, team, &cases, &[Op::UpdateUser, Op::Deactivate, Op::Reactivate]).await;
    check(
        &pool,
        &w,
        team,
        &cases,
        &[Op::UpdateCourse, Op::Archive, Op::Enrol, Op::Unenrol, Op::CreateTeam, Op::AddTeamMember, Op::CourseAdminView],
    )
    .await;
}

#[sqlx::test(migrations = "../migrations")]
async fn organisation_administration_by_role(pool: PgPool) {
    let w = world(&pool).await;
    let team = team(&pool, &w).await;
    let target = w.north_learner.id;
    let cases = [
        ("owner", &w.owner, target, "", None),
        ("admin", &w.admin, target, "", None),
        ("department admin", &w.dept_admin, target, "", Some(AppError::Forbidden)),
        ("staff", &w.staff, target, "", Some(AppError::Forbidden)),
        ("instructor", &w.instructor, target, "", Some(AppError::Forbidden)),
        ("learner", &w.learner, target, "", Some(AppError::Forbidden)),
    ];
    check(&pool, &w, team, &cases, &ORG_OPS).await;
    check(&pool, &w, team, &cases, &[Op::UpdateSettings]).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn settings_of_another_organisation_are_out_of_reach(pool: PgPool) {
    let w = world(&pool).await;
    org::update_settings(&pool, &w.outsider, settings_form("by outsider")).await.unwrap();
    let ours = org::settings(&pool, &w.owner).await.unwrap();
    assert_eq!(ours.name, "Acme", "changing their own settings left ours alone");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_people_list_is_scoped_by_role(pool: PgPool) {
    let w = world(&pool).await;
    let count = |actor: Actor| {
        let pool = pool.clone();
        async move { people::list(&pool, &actor).await.map(|list| list.len()) }
    };
    assert_eq!(count(w.owner.clone()).await, Ok(7));
    assert_eq!(count(w.admin.clone()).await, Ok(7));
    assert_eq!(count(w.dept_admin.clone()).await, Ok(2), "own department only");
    assert_eq!(count(w.staff.clone()).await, Err(AppError::Forbidden));
    assert_eq!(count(w.learner.clone()).await, Err(AppError::Forbidden));
    assert_eq!(count(w.outsider.clone()).await, Ok(1), "their own organisation only");
}

#[sqlx::test(migrations = "../migrations")]
async fn admins_cannot_touch_the_owner_nor_make_owners(pool: PgPool) {
    let w = world(&pool).await;
    let before = snapshot(&pool).await;
    assert_eq!(people::set_active(&pool, &w.admin, w.owner.id, false).await.err(), Some(AppError::Forbidden));
    let promote = UserForm { role: "owner".into(), ..user_form("northlearner@acme.test", "North") };
    assert_eq!(people::update(&pool, &w.admin, w.north_learner.id, promote).await.err(), Some(AppError::Forbidden));
    let promote = UserForm { role: "admin".into(), ..user_form("northlearner@acme.test", "North") };
    assert_eq!(people::update(&pool, &w.dept_admin, w.north_learner.id, promote).await.err(), Some(AppError::Forbidden));
    assert_eq!(snapshot(&pool).await, before);
}

#[sqlx::test(migrations = "../migrations")]
async fn nobody_deactivates_themselves(pool: PgPool) {
    let w = world(&pool).await;
    let err = people::set_active(&pool, &w.owner, w.owner.id, false).await.unwrap_err();
    assert!(matches!(err, AppError::Conflict(_)), "{err:?}");
}

#[sqlx::test(migrations = "../migrations")]
async fn archiving_a_course_keeps_its_members_and_teams(pool: PgPool) {
    let w = world(&pool).await;
    let team = team(&pool, &w).await;
    courses::set_team_member(&pool, &w.owner, team, w.learner.id, true).await.unwrap();
    courses::set_status(&pool, &w.owner, w.course, CourseStatus::Archived).await.unwrap();
    let view = courses::admin_view(&pool, &w.owner, w.course).await.unwrap();
    assert_eq!(view.course.status, CourseStatus::Archived);
    assert_eq!(view.members.len(), 2);
    assert_eq!(view.teams[0].members.len(), 1);
    let learner_view = courses::view(&pool, &w.learner, w.course).await.unwrap();
    assert_eq!(learner_view.staff.len(), 1, "the learner still sees the course and its instructor");
}

#[sqlx::test(migrations = "../migrations")]
async fn only_members_and_org_admins_see_a_course(pool: PgPool) {
    let w = world(&pool).await;
    assert!(courses::view(&pool, &w.learner, w.course).await.is_ok());
    assert!(courses::view(&pool, &w.admin, w.course).await.is_ok());
    assert_eq!(courses::view(&pool, &w.north_learner, w.course).await.err(), Some(AppError::NotFound));
    assert_eq!(courses::view(&pool, &w.staff, w.course).await.err(), Some(AppError::NotFound));
    assert_eq!(courses::view(&pool, &w.outsider, w.course).await.err(), Some(AppError::NotFound));
}

#[sqlx::test(migrations = "../migrations")]
async fn only_enrolled_people_join_teams(pool: PgPool) {
    let w = world(&pool).await;
    let team = team(&pool, &w).await;
    let before = snapshot(&pool).await;
    let err = courses::set_team_member(&pool, &w.owner, team, w.north_learner.id, true).await.unwrap_err();
    assert_eq!(err.field(), Some("user"));
    assert_eq!(snapshot(&pool).await, before);
    courses::set_team_member(&pool, &w.owner, team, w.learner.id, true).await.unwrap();
    courses::set_team_member(&pool, &w.owner, team, w.learner.id, true).await.expect("adding twice is harmless");
}
