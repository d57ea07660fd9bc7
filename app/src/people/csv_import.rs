//! Reading a user CSV: every row checked, every problem reported with its line.

use super::model::{OrgRole, RowError};
use crate::courses::CourseRole;

pub const COLUMNS: [&str; 7] = ["email", "first_name", "last_name", "role", "department", "password", "courses"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRow {
    pub line: usize,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub role: OrgRole,
    pub department: Option<String>,
    pub password: crate::auth::Password,
    /// (course title, role in it)
    pub courses: Vec<(String, CourseRole)>,
}

/// Parses the whole file; any error means nothing of it may be imported.
pub fn parse(text: &str) -> Result<Vec<ImportRow>, Vec<RowError>> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(true).from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.to_ascii_lowercase()).collect::<Vec<_>>(),
        Err(err) => return Err(vec![RowError { line: 1, message: format!("The header line could not be read: {err}") }]),
    };
    let missing: Vec<&str> =
        COLUMNS.iter().copied().filter(|c| *c != "department" && *c != "courses" && !headers.iter().any(|h| h == c)).collect();
    if !missing.is_empty() {
        return Err(vec![RowError { line: 1, message: format!("Missing columns: {}", missing.join(", ")) }]);
    }
    let column = |record: &csv::StringRecord, name: &str| {
        headers.iter().position(|h| h == name).and_then(|i| record.get(i)).unwrap_or("").to_owned()
    };
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    let mut seen = std::collections::HashSet::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record = match record {
            Ok(r) => r,
            Err(err) => {
                errors.push(RowError { line, message: format!("Unreadable line: {err}") });
                continue;
            }
        };
        match parse_row(line, &|name| column(&record, name)) {
            Ok(row) if !seen.insert(row.email.clone()) => {
                errors.push(RowError { line, message: format!("{} appears twice in the file.", row.email) })
            }
            Ok(row) => rows.push(row),
            Err(message) => errors.push(RowError { line, message }),
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(RowError { line: 1, message: "The file has no rows.".into() });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

fn parse_row(line: usize, get: &dyn Fn(&str) -> String) -> Result<ImportRow, String> {
    let email = get("email").to_lowercase();
    if !super::model::looks_like_email(&email) {
        return Err(format!("\"{email}\" is not an email address."));
    }
    let (first_name, last_name) = (get("first_name"), get("last_name"));
    if first_name.is_empty() || last_name.is_empty() {
        return Err("First and last name are required.".into());
    }
    let role = OrgRole::parse(&get("role")).ok_or_else(|| format!("Unknown role \"{}\".", get("role")))?;
    let password = crate::auth::Password::new(get("password"));
    crate::auth::NewPassword::parse("password", password.expose().to_owned()).map_err(|e| e.to_string())?;
    let department = Some(get("department")).filter(|d| !d.is_empty());
    let courses = get("courses")
        .split(';')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|entry| {
            let (title, role) = entry.rsplit_once(':').unwrap_or((entry, "learner"));
            role.trim()
                .parse::<CourseRole>()
                .map(|r| (title.trim().to_owned(), r))
                .map_err(|_| format!("Unknown course role \"{role}\" in \"{entry}\"."))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ImportRow { line, email, first_name, last_name, role, department, password, courses })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "email,first_name,last_name,role,department,password,courses\n";

    #[test]
    fn good_rows_parse_with_their_courses() {
        let text = format!("{HEADER}ada@example.org,Ada,Lovelace,learner,,long password 1,Algebra:learner;Physics:mentor\n");
        let rows = parse(&text).unwrap();
        assert_eq!(rows[0].courses, vec![("Algebra".into(), CourseRole::Learner), ("Physics".into(), CourseRole::Mentor)]);
        assert_eq!(rows[0].line, 2);
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line() {
        let text = format!(
            "{HEADER}ok@example.org,Ok,Row,learner,,long password 1,\nnot-an-email,A,B,learner,,long password 1,\nx@example.org,X,Y,wizard,,long password 1,\nok@example.org,Ok,Again,learner,,long password 1,\n"
        );
        let errors = parse(&text).unwrap_err();
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), vec![3, 4, 5]);
        assert!(errors[1].message.contains("wizard"));
        assert!(errors[2].message.contains("twice"));
    }

    #[test]
    fn missing_columns_are_named() {
        let errors = parse("email,first_name\na@b.org,A\n").unwrap_err();
        assert!(errors[0].message.contains("last_name") && errors[0].message.contains("password"), "{errors:?}");
    }
}
