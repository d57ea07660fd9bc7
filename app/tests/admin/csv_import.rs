use app::people::service as people;
use sqlx::PgPool;

use crate::support::{snapshot, world};

const HEADER: &str = "email,first_name,last_name,role,department,password,courses\n";

#[sqlx::test(migrations = "../migrations")]
async fn a_clean_file_creates_people_and_enrolments(pool: PgPool) {
    let w = world(&pool).await;
    let csv = format!(
        "{HEADER}ana@acme.test,Ana,Alves,learner,North,a long new password,Algebra:learner\nbo@acme.test,Bo,Berg,staff,,a long new password,Algebra:mentor\n"
    );
    let report = people::import(&pool, &w.admin, &csv).await.unwrap();
    assert_eq!((report.created, report.errors.len()), (2, 0));
    let roles: Vec<(String, String)> = sqlx::query_as(
        "SELECT u.email::text, e.role::text FROM enrolments e JOIN users u ON u.id = e.user_id
         WHERE u.email IN ('ana@acme.test', 'bo@acme.test') ORDER BY u.email",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(roles, vec![("ana@acme.test".into(), "learner".into()), ("bo@acme.test".into(), "mentor".into())]);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_file_with_bad_rows_changes_nothing_and_lists_every_bad_row(pool: PgPool) {
    let w = world(&pool).await;
    let before = snapshot(&pool).await;
    let csv = format!(
        "{HEADER}good@acme.test,Good,Row,learner,,a long new password,Algebra:learner\n\
         learner@acme.test,Taken,Email,learner,,a long new password,\n\
         other@acme.test,No,Course,learner,,a long new password,Chemistry:learner\n\
         fine@acme.test,Fine,Row,learner,,a long new password,\n"
    );
    let report = people::import(&pool, &w.admin, &csv).await.unwrap();
    assert_eq!(report.created, 0);
    assert_eq!(report.errors.iter().map(|e| e.line).collect::<Vec<_>>(), vec![3, 4]);
    assert!(report.errors[0].message.contains("already uses this email"), "{:?}", report.errors);
    assert!(report.errors[1].message.contains("Chemistry"), "{:?}", report.errors);
    assert_eq!(snapshot(&pool).await, before, "nothing half-imported");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_malformed_file_is_refused_before_anything_is_written(pool: PgPool) {
    let w = world(&pool).await;
    let before = snapshot(&pool).await;
    let report = people::import(&pool, &w.admin, "name,mail\nx,y\n").await.unwrap();
    assert_eq!(report.created, 0);
    assert!(report.errors[0].message.starts_with("Missing columns"), "{:?}", report.errors);
    assert_eq!(snapshot(&pool).await, before);
}
