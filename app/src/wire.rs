//! How server functions answer: JSON, read in the browser from text, the same way the page's
//! hydration data and island props are read. One reader means one deserializer per type in
//! the bundle instead of two.

use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// JSON answers, decoded from a string.
pub struct JsonText;

/// The output encoding of every server function: `#[server(output = Answer)]`.
pub type Answer = Post<JsonText>;

impl ContentType for JsonText {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonText {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonText {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonText {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(serde::de::Error::custom)?;
        serde_json::from_str(text)
    }
}

/// An island prop that only the server writes (into the page) and the browser only reads: the
/// browser serializes island props too, but never uses them, so there it writes nothing, and
/// the bundle carries no serializer for the prop's type.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(transparent)]
pub struct ServerProp<T>(pub T);

impl<T> From<T> for ServerProp<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}

#[cfg(feature = "ssr")]
impl<T: Serialize> Serialize for ServerProp<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

#[cfg(not(feature = "ssr"))]
impl<T> Serialize for ServerProp<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}
