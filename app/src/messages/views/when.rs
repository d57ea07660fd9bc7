//! Times as people read them, in the viewer's time zone: "14:02", "Yesterday", "Mon 14:02",
//! "12 Nov", "12 Nov 2025". The browser knows its zone; the server learns it from the `tz`
//! cookie the browser sets, and uses UTC until then.

use leptos::prelude::*;
use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// The cookie that tells the server the browser's time zone (an IANA name).
pub const TZ_COOKIE: &str = "tz";

/// `<time>` with its instant for machines and its label for people.
#[component]
pub fn When(#[prop(into)] at: String) -> impl IntoView {
    let label = label_for(&at);
    view! { <time datetime=at>{label}</time> }
}

/// The label of an RFC 3339 instant for this viewer, now.
pub fn label_for(rfc3339: &str) -> String {
    let Ok(at) = OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339) else { return String::new() };
    let now = now();
    let (at, now) = (local(at), local(now));
    label(at, now.date())
}

/// A local time's label, seen on `today`.
pub fn label(at: PrimitiveDateTime, today: Date) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let clock = format!("{:02}:{:02}", at.hour(), at.minute());
    let days_ago = (today - at.date()).whole_days();
    let month = MONTHS[usize::from(u8::from(at.month())) - 1];
    match days_ago {
        ..=0 => clock,
        1 => "Yesterday".to_owned(),
        2..=6 => format!("{} {clock}", &at.weekday().to_string()[..3]),
        _ if at.year() == today.year() => format!("{} {month}", at.day()),
        _ => format!("{} {month} {}", at.day(), at.year()),
    }
}

fn local(at: OffsetDateTime) -> PrimitiveDateTime {
    let local = at.to_offset(offset_at(at));
    PrimitiveDateTime::new(local.date(), local.time())
}

#[cfg(feature = "hydrate")]
fn now() -> OffsetDateTime {
    let millis = js_sys::Date::now() as i128;
    OffsetDateTime::from_unix_timestamp_nanos(millis * 1_000_000).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

#[cfg(not(feature = "hydrate"))]
fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// The browser's offset from UTC at that instant, daylight saving included.
#[cfg(feature = "hydrate")]
fn offset_at(at: OffsetDateTime) -> UtcOffset {
    let millis = (at.unix_timestamp_nanos() / 1_000_000) as f64;
    let minutes_behind = js_sys::Date::new(&millis.into()).get_timezone_offset();
    UtcOffset::from_whole_seconds(-(minutes_behind as i32) * 60).unwrap_or(UtcOffset::UTC)
}

/// The viewer's offset at that instant, from the zone their browser named in the cookie.
#[cfg(not(feature = "hydrate"))]
fn offset_at(at: OffsetDateTime) -> UtcOffset {
    #[cfg(feature = "ssr")]
    if let Some(zone) = use_context::<ViewerZone>() {
        if let Ok(instant) = jiff::Timestamp::from_second(at.unix_timestamp()) {
            return UtcOffset::from_whole_seconds(zone.0.to_offset(instant).seconds()).unwrap_or(UtcOffset::UTC);
        }
    }
    let _ = at;
    UtcOffset::UTC
}

/// The time zone of the viewer of this request, on the server.
#[cfg(feature = "ssr")]
#[derive(Clone)]
pub struct ViewerZone(pub jiff::tz::TimeZone);

/// Reads the viewer's time zone from the request's `tz` cookie, for this page's labels.
#[cfg(feature = "ssr")]
pub fn provide_viewer_zone() {
    let Some(parts) = use_context::<http::request::Parts>() else { return };
    let zone = parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|cookie| cookie.trim().split_once('='))
        .find(|(name, _)| *name == TZ_COOKIE)
        .and_then(|(_, value)| jiff::tz::TimeZone::get(&value.replace("%2F", "/")).ok());
    if let Some(zone) = zone {
        provide_context(ViewerZone(zone));
    }
}

/// Tells the server the browser's time zone, for the pages it renders from now on.
#[cfg(feature = "hydrate")]
pub fn remember_zone() {
    use wasm_bindgen::JsCast;
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new()).resolved_options();
    let Some(zone) = js_sys::Reflect::get(&options, &"timeZone".into()).ok().and_then(|z| z.as_string()) else { return };
    if let Ok(document) = document().dyn_into::<web_sys::HtmlDocument>() {
        let _ = document.set_cookie(&format!("{TZ_COOKIE}={zone}; path=/; max-age=31536000; SameSite=Lax"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn labels_read_like_a_chat_app() {
        let today = datetime!(2026-11-23 18:00).date();
        assert_eq!(label(datetime!(2026-11-23 14:02), today), "14:02");
        assert_eq!(label(datetime!(2026-11-22 23:59), today), "Yesterday");
        assert_eq!(label(datetime!(2026-11-17 09:05), today), "Tue 09:05");
        assert_eq!(label(datetime!(2026-11-16 09:05), today), "16 Nov");
        assert_eq!(label(datetime!(2025-12-31 09:05), today), "31 Dec 2025");
        assert_eq!(label(datetime!(2026-11-24 01:00), today), "01:00", "a clock a little ahead still reads as today");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn local_times_follow_the_viewer_zone_with_daylight_saving() {
        let owner = Owner::new();
        owner.with(|| {
            assert_eq!(local(datetime!(2026-11-23 23:30 UTC)), datetime!(2026-11-23 23:30), "UTC until the browser says");
            provide_context(ViewerZone(jiff::tz::TimeZone::get("Europe/Berlin").unwrap()));
            assert_eq!(local(datetime!(2026-11-23 23:30 UTC)), datetime!(2026-11-24 00:30));
            assert_eq!(local(datetime!(2026-07-01 12:00 UTC)), datetime!(2026-07-01 14:00));
        });
        assert!(label_for("not a time").is_empty());
    }
}
