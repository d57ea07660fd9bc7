use sqlx::{Connection, PgConnection, PgPool};

use super::department_for;
use crate::auth::{password, Actor};
use crate::error::AppError;
use crate::people::csv_import;
use crate::people::model::{ImportReport, RowError};
use crate::people::policy::{can_list_users, can_manage_user, Managed};
use crate::people::queries::{self, NewUser};

/// Imports people and their enrolments from CSV: all rows, or none.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn import(pool: &PgPool, actor: &Actor, text: &str) -> Result<ImportReport, AppError> {
    can_list_users(actor)?;
    let rows = match csv_import::parse(text) {
        Ok(rows) => rows,
        Err(errors) => return Ok(ImportReport { created: 0, errors }),
    };
    let mut hashes = Vec::with_capacity(rows.len());
    for row in &rows {
        hashes.push(password::hash(row.password.expose().to_owned()).await?);
    }
    let mut tx = pool.begin().await?;
    let mut errors = Vec::new();
    for (row, hash) in rows.iter().zip(&hashes) {
        if let Err(err) = import_row(&mut tx, actor, row, hash).await {
            errors.push(RowError { line: row.line, message: err.to_string() });
        }
    }
    if !errors.is_empty() {
        tx.rollback().await?;
        return Ok(ImportReport { created: 0, errors });
    }
    tx.commit().await?;
    Ok(ImportReport { created: rows.len(), errors })
}

async fn import_row(tx: &mut PgConnection, actor: &Actor, row: &csv_import::ImportRow, hash: &str) -> Result<(), AppError> {
    // A savepoint per row (a transaction begun inside the import's), so one bad row does not
    // hide the errors of the rows after it.
    let mut savepoint = tx.begin().await?;
    let result = async {
        let department_id = department_for(&mut savepoint, actor, row.department.as_deref()).await?;
        can_manage_user(actor, Managed { role: row.role, department_id })?;
        let new = NewUser {
            email: &row.email,
            first_name: &row.first_name,
            last_name: &row.last_name,
            role: row.role,
            department_id,
            password_hash: hash,
        };
        let id = queries::insert(&mut savepoint, actor.org_id, &new).await?;
        for (title, role) in &row.courses {
            crate::courses::service::enrol_by_title(&mut savepoint, actor, title, id, *role).await?;
        }
        Ok(())
    }
    .await;
    match result {
        Ok(()) => savepoint.commit().await?,
        Err(_) => savepoint.rollback().await?,
    }
    result
}
