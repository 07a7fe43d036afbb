//! What the API says to people, in their language: a [`Text`] names a message of the one Fluent
//! catalogue (`shared/locales/<language>/backend.ftl`) and its arguments, and is rendered late —
//! in English for logs ([`std::fmt::Display`]), in the caller's language for answers. The caller's
//! language comes from `Accept-Language`: [`speak`], a middleware around every route, runs the
//! request with its catalogue, and [`language`] reads it (English outside a request).
//!
//! What is stored for people to read later (why an export's candidate was skipped or failed) is
//! stored as a [`Text`] too ([`Text::stored`]), and said in the reader's language when read
//! ([`said_stored`]).

use std::borrow::Cow;

use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use shared::catalogue::{self, Catalogue};
use shared::words::Arg;

tokio::task_local! {
    /// The catalogue of the request being answered.
    static LANGUAGE: &'static Catalogue;
}

/// The language of the request being answered; English outside one (workers, logs).
pub fn language() -> &'static Catalogue {
    LANGUAGE.try_with(|c| *c).unwrap_or_else(|_| catalogue::english())
}

/// The middleware: the rest of the request runs in the language its `Accept-Language` prefers
/// among the catalogue's (English when it names none of them).
pub async fn speak(request: Request, next: Next) -> Response {
    let chosen = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or_else(catalogue::english, |h| catalogue::for_languages(catalogue::accept_language(h)));
    LANGUAGE.scope(chosen, next.run(request)).await
}

/// A message of the catalogue with its arguments, not yet in any language. Build it with
/// [`crate::text!`]: `text!("error-note-too-long", max = 2000)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Text {
    #[serde(rename = "message")]
    id: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    args: Vec<(Cow<'static, str>, Value)>,
}

/// One argument of a [`Text`]: a number or words (as the catalogue takes them), or another
/// message, rendered in the same language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Arg(Arg),
    Text(Text),
}

macro_rules! values {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Self {
                Self::Arg(Arg::from(v))
            }
        }
    )*};
}
values!(u8, u16, u32, u64, usize, i32, i64, &str, String, &String);

impl From<Text> for Value {
    fn from(t: Text) -> Self {
        Self::Text(t)
    }
}

/// A [`Text`]: the message's id, then its arguments by name (numbers, words or other texts).
#[macro_export]
macro_rules! text {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::text::Text::new($id, vec![$((stringify!($name), $crate::text::Value::from($value))),*])
    };
}

impl Text {
    pub fn new(id: &'static str, args: Vec<(&'static str, Value)>) -> Self {
        Self {
            id: Cow::Borrowed(id),
            args: args.into_iter().map(|(name, value)| (Cow::Borrowed(name), value)).collect(),
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// The text as stored for a later reader (JSON: the message and its arguments).
    pub fn stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| self.english())
    }

    /// What [`Self::stored`] wrote; `None` for anything else (rows stored before, others' words).
    pub fn from_stored(stored: &str) -> Option<Self> {
        stored.starts_with('{').then(|| serde_json::from_str(stored).ok()).flatten()
    }

    /// The message in `catalogue`'s language.
    pub fn render(&self, catalogue: &Catalogue) -> String {
        let args: Vec<(&str, Arg)> = self
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Value::Arg(arg) => arg.clone(),
                    Value::Text(text) => Arg::Text(text.render(catalogue)),
                };
                (name.as_ref(), value)
            })
            .collect();
        catalogue.text(&self.id, &args)
    }

    /// The message in the language of the request being answered.
    pub fn said(&self) -> String {
        self.render(language())
    }

    /// The message in English (logs, and what is stored).
    pub fn english(&self) -> String {
        self.render(catalogue::english())
    }
}

/// A stored text in the language of the request being answered. What is not a stored [`Text`]
/// (rows written before reasons were, and words from elsewhere) is said as it is.
pub fn said_stored(stored: &str) -> String {
    Text::from_stored(stored).map_or_else(|| stored.to_owned(), |text| text.said())
}

/// A stored text in English (the audit log's record).
pub fn english_stored(stored: &str) -> String {
    Text::from_stored(stored).map_or_else(|| stored.to_owned(), |text| text.english())
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_speaks_english_by_default_and_the_requests_language_inside_one() {
        let text = crate::text!("error-rate-limited", seconds = 1);
        assert_eq!(text.to_string(), "Too many requests: try again in 1 second.");
        assert_eq!(text.said(), text.english(), "outside a request: English");
        let french = catalogue::for_languages(["fr"]);
        let inside = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
            .block_on(LANGUAGE.scope(french, async { crate::text!("error-rate-limited", seconds = 2).said() }));
        assert_eq!(inside, "Trop de requêtes : réessayez dans 2 secondes.");
    }

    #[test]
    fn a_stored_text_is_said_in_the_readers_language_and_anything_else_as_it_is() {
        let stored = crate::text!("reason-lever-gave-up", count = 3, why = "HTTP 503").stored();
        assert!(stored.starts_with('{'), "{stored}");
        assert_eq!(
            english_stored(&stored),
            "Lever did not accept it after 3 tries (HTTP 503). Use Retry failed later."
        );
        let french = catalogue::for_languages(["fr"]);
        let inside = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
            .block_on(LANGUAGE.scope(french, async move { said_stored(&stored) }));
        assert_eq!(
            inside,
            "Lever ne l'a pas accepté après 3 essais (HTTP 503). Utilisez plus tard « Relancer les échecs »."
        );
        let nested = crate::text!("reason-already-in-lever", on = crate::text!("match-email")).stored();
        assert_eq!(english_stored(&nested), "Already in Lever (same email); skipped as asked.");
        assert_eq!(said_stored("An older English reason."), "An older English reason.");
        assert_eq!(said_stored("{not json"), "{not json");
    }

    #[test]
    fn a_text_inside_a_text_speaks_the_same_language() {
        let french = catalogue::for_languages(["fr"]);
        let text = crate::text!("error-export-none-can-go", why = crate::text!("error-export-locked"));
        assert!(text.english().starts_with("None of them can be exported: This candidate is locked"));
        assert!(text.render(french).contains("verrouillé"), "{}", text.render(french));
    }
}
