//! The extension's language: the browser's (`navigator.languages`, the same in pages and in the
//! service worker), spoken from the one catalogue (`shared/locales`). The worker and the pages
//! read the catalogue itself ([`catalogue`], [`t!`](crate::t)); the content script carries none:
//! the worker sends it its words, and the browser's `Intl.PluralRules` chooses their plurals
//! ([`content_speech`]).

/// The languages the browser prefers, first first.
pub fn languages() -> Vec<String> {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).unwrap_or_default();
    let list = js_sys::Reflect::get(&navigator, &"languages".into()).unwrap_or_default();
    let mut tags: Vec<String> = if js_sys::Array::is_array(&list) {
        js_sys::Array::from(&list).iter().filter_map(|t| t.as_string()).collect()
    } else {
        Vec::new()
    };
    if tags.is_empty()
        && let Some(one) = js_sys::Reflect::get(&navigator, &"language".into()).ok().and_then(|l| l.as_string())
    {
        tags.push(one);
    }
    tags
}

/// The catalogue in the browser's language.
#[cfg(any(feature = "worker", feature = "app"))]
pub fn catalogue() -> &'static shared::catalogue::Catalogue {
    thread_local! {
        static CHOSEN: &'static shared::catalogue::Catalogue =
            shared::catalogue::for_languages(languages().iter().map(String::as_str));
    }
    CHOSEN.with(|c| *c)
}

/// Message `id` (without variables) in the browser's language: `word(role.word())`.
#[cfg(any(feature = "worker", feature = "app"))]
pub fn word(id: &str) -> String {
    catalogue().text(id, &[])
}

/// Message `id` of the catalogue in the browser's language: `t!("bar-hide")`,
/// `t!("bar-summary", count = n, page = label)`.
#[macro_export]
macro_rules! t {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::speech::catalogue().text($id, shared::args![$($name = $value),*])
    };
}

/// The content script's words with the browser's plural rules for their language.
#[cfg(feature = "content")]
pub fn content_speech(words: shared::words::Words) -> shared::words::Speech {
    let locales = js_sys::Array::of1(&words.locale.as_str().into());
    let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
    #[allow(clippy::cast_precision_loss, reason = "counts of people on a page")]
    shared::words::Speech::new(words, Box::new(move |n| shared::words::category(&String::from(rules.select(n as f64)))))
}
