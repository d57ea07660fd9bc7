//! Times as people read them, in the viewer's time zone: "14:02", "Yesterday", "Mon 14:02",
//! "12 Nov", "12 Nov 2025". The browser knows its zone; the server learns it from the `tz`
//! cookie the browser sets, and uses UTC until then. Both read the instant the same way and
//! differ only in where the zone's offset comes from, so the browser needs no date library.

use leptos::prelude::*;

/// The cookie that tells the server the browser's time zone (an IANA name).
pub const TZ_COOKIE: &str = "tz";

/// `<time>` with its instant for machines and its label for people.
#[component]
pub fn When(#[prop(into)] at: String) -> impl IntoView {
    let label = label_for(&at);
    view! { <time datetime=at>{label}</time> }
}

/// The label of an instant, as the server writes them (`2026-11-23T14:02:00.000000Z`), for
/// this viewer, now; empty for anything else.
pub fn label_for(rfc3339: &str) -> String {
    let Some(at) = epoch_seconds(rfc3339) else { return String::new() };
    let now = now();
    label(local(at), local(now))
}

/// A moment as the viewer's calendar and clock read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    /// Days since 1 January 1970.
    days: i64,
    year: i64,
    month: usize,
    day: i64,
    hour: i64,
    minute: i64,
}

/// A local time's label, seen on the day of `now`.
pub fn label(at: Civil, now: Civil) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let clock = format!("{:02}:{:02}", at.hour, at.minute);
    let month = MONTHS[at.month - 1];
    match now.days - at.days {
        ..=0 => clock,
        1 => "Yesterday".to_owned(),
        2..=6 => format!("{} {clock}", WEEKDAYS[at.days.rem_euclid(7) as usize]),
        _ if at.year == now.year => format!("{} {month}", at.day),
        _ => format!("{} {month} {}", at.day, at.year),
    }
}

/// Seconds since the epoch of a UTC instant in RFC 3339, to the second.
fn epoch_seconds(rfc3339: &str) -> Option<i64> {
    let bytes = rfc3339.as_bytes();
    let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if !rfc3339.ends_with('Z') || separators.iter().any(|&(at, byte)| bytes.get(at) != Some(&byte)) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| rfc3339.get(range)?.parse::<i64>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// The viewer's calendar and clock at `seconds` after the epoch.
fn local(seconds: i64) -> Civil {
    let shifted = seconds + offset_at(seconds);
    let (days, time) = (shifted.div_euclid(86_400), shifted.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    Civil { days, year, month: month as usize, day, hour: time / 3_600, minute: time % 3_600 / 60 }
}

/// Days since 1 January 1970 of a date in the proleptic Gregorian calendar.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date (year, month, day) `days` after 1 January 1970.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
    (year_of_era + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(feature = "hydrate")]
fn now() -> i64 {
    (js_sys::Date::now() / 1_000.0) as i64
}

#[cfg(not(feature = "hydrate"))]
fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |since| since.as_secs() as i64)
}

/// The browser's offset from UTC at that instant, in seconds, daylight saving included.
#[cfg(feature = "hydrate")]
fn offset_at(seconds: i64) -> i64 {
    let minutes_behind = js_sys::Date::new(&((seconds * 1_000) as f64).into()).get_timezone_offset();
    -(minutes_behind as i64) * 60
}

/// The viewer's offset at that instant, in seconds, from the zone their browser named in the
/// cookie; none (UTC) until it has.
#[cfg(not(feature = "hydrate"))]
fn offset_at(seconds: i64) -> i64 {
    #[cfg(feature = "ssr")]
    if let (Some(zone), Ok(instant)) = (use_context::<ViewerZone>(), jiff::Timestamp::from_second(seconds)) {
        return i64::from(zone.0.to_offset(instant).seconds());
    }
    let _ = seconds;
    0
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

    /// The calendar and clock of a UTC instant, as a viewer in UTC reads it.
    fn utc(rfc3339: &str) -> Civil {
        local(epoch_seconds(rfc3339).expect("an instant"))
    }

    #[test]
    fn labels_read_like_a_chat_app() {
        let now = utc("2026-11-23T18:00:00Z");
        assert_eq!(label(utc("2026-11-23T14:02:00.000000Z"), now), "14:02");
        assert_eq!(label(utc("2026-11-22T23:59:59Z"), now), "Yesterday");
        assert_eq!(label(utc("2026-11-17T09:05:00Z"), now), "Tue 09:05");
        assert_eq!(label(utc("2026-11-16T09:05:00Z"), now), "16 Nov");
        assert_eq!(label(utc("2025-12-31T09:05:00Z"), now), "31 Dec 2025");
        assert_eq!(label(utc("2026-11-24T01:00:00Z"), now), "01:00", "a clock a little ahead still reads as today");
        assert_eq!(label(utc("2024-02-29T12:00:00Z"), utc("2024-03-01T08:00:00Z")), "Yesterday", "across a leap day");
    }

    #[test]
    fn instants_are_read_to_the_second_and_anything_else_is_refused() {
        assert_eq!(epoch_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(epoch_seconds("2026-11-23T14:02:05.123456Z"), Some(1_795_442_525));
        assert_eq!(epoch_seconds("1969-12-31T23:59:59Z"), Some(-1));
        for bad in ["not a time", "", "2026-11-23 14:02:05Z", "2026-13-01T00:00:00Z", "2026-11-23T14:02:05+01:00", "2026-11-2é"] {
            assert_eq!(epoch_seconds(bad), None, "{bad}");
            assert!(label_for(bad).is_empty(), "{bad}");
        }
        for days in [-800_000, -1, 0, 59, 20_000, 2_932_896] {
            let (year, month, day) = civil_from_days(days);
            assert_eq!(days_from_civil(year, month, day), days);
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn local_times_follow_the_viewer_zone_with_daylight_saving() {
        let owner = Owner::new();
        owner.with(|| {
            assert_eq!((utc("2026-11-23T23:30:00Z").day, utc("2026-11-23T23:30:00Z").hour), (23, 23), "UTC until the browser says");
            provide_context(ViewerZone(jiff::tz::TimeZone::get("Europe/Berlin").unwrap()));
            let winter = utc("2026-11-23T23:30:00Z");
            assert_eq!((winter.month, winter.day, winter.hour, winter.minute), (11, 24, 0, 30));
            assert_eq!(utc("2026-07-01T12:00:00Z").hour, 14);
        });
    }
}
