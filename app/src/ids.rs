//! Typed ids: a `UserId` can never be passed where a `CourseId` is expected.

macro_rules! id_type {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[cfg_attr(not(feature = "hydrate"), derive(serde::Deserialize))]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        #[serde(transparent)]
        pub struct $name(pub uuid::Uuid);

        #[cfg(feature = "hydrate")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(IdText).map(Self)
            }
        }

        impl $name {
            /// A new id, ordered by time. The browser makes only client ids, which need only
            /// be unique: there a random one keeps the clock-based generator out of the bundle.
            pub fn new() -> Self {
                #[cfg(feature = "hydrate")]
                return Self(uuid::Uuid::new_v4());
                #[cfg(not(feature = "hydrate"))]
                Self(uuid::Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::error::AppError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                uuid::Uuid::parse_str(s.trim()).map(Self).map_err(|_| crate::error::AppError::NotFound)
            }
        }
    )*};
}

/// Reads an id from its text in the browser, as `uuid` would from JSON, without describing what
/// was wrong with a bad one: ids come from the server, and a bad one is refused all the same.
#[cfg(feature = "hydrate")]
struct IdText;

#[cfg(feature = "hydrate")]
impl serde::de::Visitor<'_> for IdText {
    type Value = uuid::Uuid;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a UUID")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<uuid::Uuid, E> {
        uuid::Uuid::parse_str(text).map_err(|_| E::invalid_value(serde::de::Unexpected::Str(text), &self))
    }
}

id_type!(OrgId, DepartmentId, UserId, CourseId, TeamId, ConversationId, MessageId, ClientMessageId, StreamId, AnnouncementId);
