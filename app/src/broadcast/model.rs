use serde::{Deserialize, Serialize};

use crate::ids::{ClientMessageId, CourseId, UserId};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BroadcastForm {
    pub course: CourseId,
    /// Chosen by the form: sending it again is the same broadcast, never a second one.
    pub client_id: ClientMessageId,
    pub body: String,
    /// The learners chosen on the roster; none means every learner of the course.
    #[serde(default)]
    pub to: Vec<UserId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BroadcastReport {
    pub recipients: i64,
}
