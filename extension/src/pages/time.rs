//! Dates and times for people: a moment in full as the browser's locale writes it (`Intl`), how
//! long ago it was ("2 min ago", "yesterday", by `Intl` in the extension's language), and how long
//! something took (from the catalogue).

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

/// Options for an `Intl` formatter, as `(key, value)` pairs.
fn options(pairs: &[(&str, &str)]) -> Object {
    let options = Object::new();
    for (key, value) in pairs {
        Reflect::set(&options, &(*key).into(), &(*value).into()).ok();
    }
    options
}

/// `at` (ms since the epoch) in the browser's locale, date and time ("1 Dec 2026, 14:05").
pub fn when(at: i64) -> String {
    #[allow(clippy::cast_precision_loss, reason = "milliseconds since 1970 fit an f64 exactly until the year 287,396")]
    let date = Date::new(&JsValue::from_f64(at as f64));
    let format = Intl::DateTimeFormat::new(&Array::new(), &options(&[("dateStyle", "medium"), ("timeStyle", "short")]));
    format.format().call1(&JsValue::UNDEFINED, &date).ok().and_then(|s| s.as_string()).unwrap_or_default()
}

/// How long ago `at` was, in the language the extension speaks ("now", "2 min ago", "3 hr. ago",
/// "yesterday": the browser's `Intl.RelativeTimeFormat`); beyond a week, the date itself.
pub fn ago(at: i64) -> String {
    #[allow(clippy::cast_possible_truncation, reason = "a page's clock in ms fits an i64")]
    let seconds = (at - Date::now() as i64) / 1_000;
    let (value, unit) = match seconds.abs() {
        s if s < 45 => (seconds, "second"),
        s if s < 45 * 60 => (seconds / 60, "minute"),
        s if s < 22 * 3_600 => (seconds / 3_600, "hour"),
        s if s < 7 * 86_400 => (seconds / 86_400, "day"),
        _ => return when(at),
    };
    let language = Array::of1(&crate::speech::catalogue().locale().into());
    let format = Intl::RelativeTimeFormat::new(&language, &options(&[("numeric", "auto"), ("style", "short")]));
    #[allow(clippy::cast_precision_loss, reason = "a few thousand at most")]
    String::from(format.format(value as f64, unit))
}

/// How long from `from` to `to` ("42 s", "3 min", "1 h 5 min").
pub fn duration(from: i64, to: i64) -> String {
    let seconds = (to - from).max(0) / 1_000;
    match seconds {
        s if s < 60 => t!("time-seconds", seconds = s),
        s if s < 3_600 => t!("time-minutes", minutes = s / 60),
        s => t!("time-hours", hours = s / 3_600, minutes = (s % 3_600) / 60),
    }
}
