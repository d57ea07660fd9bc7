mod course;
mod course_admin;
mod courses_admin;
mod my_courses;

pub use course::CoursePage;
pub use course_admin::CourseAdminPage;
pub use courses_admin::CoursesAdminPage;
pub use my_courses::{my_courses_resource, MyCourses};

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::ids::CourseId;

/// The course id in the address, if it is one.
fn course_id_param() -> impl Fn() -> Option<CourseId> + Copy {
    let params = use_params_map();
    move || params.read().get("id").and_then(|raw| raw.parse().ok())
}
