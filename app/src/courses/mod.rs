//! Courses, their enrolments (learner, mentor, instructor) and teams.

mod model;
pub mod policy;
pub mod server_fns;
mod views;

pub use model::{
    CourseAdminView, CourseForm, CourseRole, CourseSettings, CourseStatus, CourseSummary, CourseView, Member, RosterEntry, TeamView,
};
pub use views::{my_courses_resource, CourseAdminPage, CoursePage, CoursesAdminPage, MyCourses};

#[cfg(feature = "ssr")]
pub(crate) mod queries;
#[cfg(feature = "ssr")]
pub mod service;
