//! The content script's words. Every text the extension shows comes from one Fluent catalogue
//! (`shared/locales`, read by [`crate::catalogue`]); the content script, which must stay small,
//! carries no catalogue: the worker sends it its own messages ([`Words`], the `content.ftl`
//! part of the catalogue in the browser's language) as plain patterns, and [`Speech`] renders
//! them. The patterns are the subset of Fluent those messages use — text, variables, and a choice
//! on a number's plural category or exact value — so rendering needs no parser and no plural
//! tables: the host names each number's CLDR category (the browser's `Intl.PluralRules`).
//! A test renders every message both ways, here and with `fluent-bundle`, and compares.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// One argument of a message: a whole number (plural choices look at its category: the product
/// counts people, days, seconds; no fractions, so the content script carries no float formatting)
/// or a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    Num(i64),
    Text(String),
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Self::Num(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
numbers!(u8, u16, u32, u64, usize, i32, i64);

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Self::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Self::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Self::Text(s.clone())
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Num(n) => write!(f, "{n}"),
            Self::Text(s) => f.write_str(s),
        }
    }
}

/// What separates the thousands of a number in `locale` (a BCP 47 tag; CLDR's group symbol):
/// French writes 1 000 with a narrow no-break space, English 1,000.
pub fn group_separator(locale: &str) -> char {
    match locale.split(['-', '_']).next() {
        Some("fr") => '\u{202F}',
        _ => ',',
    }
}

/// `n` as `locale` writes a count: its thousands grouped (`10,165` profiles, `1 000` candidats).
pub fn number(n: i64, locale: &str) -> String {
    grouped(n, group_separator(locale))
}

/// `n` with `separator` between each group of three digits.
pub fn grouped(n: i64, separator: char) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len_utf8() + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// A message's arguments by name: `args![count = n, page = label]`.
#[macro_export]
macro_rules! args {
    ($($name:ident = $value:expr),* $(,)?) => {
        &[$((stringify!($name), $crate::words::Arg::from($value))),*]
    };
}

/// A piece of a message's pattern.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Piece {
    Text(String),
    /// The argument of that name.
    Var(String),
    /// A choice on argument `on`: the first variant whose key is its exact value or its plural
    /// category, else the default one.
    Select {
        on: String,
        variants: Vec<Variant>,
        default: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    pub key: String,
    pub pattern: Vec<Piece>,
}

/// The content script's messages in one language, by id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Words {
    /// The language's BCP 47 tag (`en`, `fr`): the host's plural rules are that language's.
    pub locale: String,
    pub messages: HashMap<String, Vec<Piece>>,
}

/// A whole number's CLDR plural category (`zero`, `one`, `two`, `few`, `many`, `other`).
pub type Plurals = Box<dyn Fn(i64) -> &'static str>;

/// The name of a CLDR plural category as `&'static str` (`other` for anything unknown).
pub fn category(name: &str) -> &'static str {
    match name {
        "zero" => "zero",
        "one" => "one",
        "two" => "two",
        "few" => "few",
        "many" => "many",
        _ => "other",
    }
}

/// [`Words`] with the plural rules of their language: what the content script speaks with.
pub struct Speech {
    words: Words,
    plural: Plurals,
}

impl fmt::Debug for Speech {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Speech").field("locale", &self.words.locale).finish_non_exhaustive()
    }
}

impl Speech {
    pub fn new(words: Words, plural: Plurals) -> Self {
        Self { words, plural }
    }

    /// The language it speaks (a BCP 47 tag: `en`, `fr`).
    pub fn locale(&self) -> &str {
        &self.words.locale
    }

    /// Message `id` with `args`; a message nobody wrote shows its id (and a test fails).
    pub fn say(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let mut out = String::new();
        match self.words.messages.get(id) {
            Some(pattern) => self.write(pattern, args, &mut out),
            None => out.push_str(id),
        }
        out
    }

    fn write(&self, pattern: &[Piece], args: &[(&str, Arg)], out: &mut String) {
        let arg = |name: &str| args.iter().find(|(n, _)| *n == name).map(|(_, v)| v);
        for piece in pattern {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Var(name) => match arg(name) {
                    Some(Arg::Num(n)) => out.push_str(&number(*n, &self.words.locale)),
                    Some(Arg::Text(text)) => out.push_str(text),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                },
                Piece::Select { on, variants, default } => {
                    let chosen = match arg(on) {
                        Some(Arg::Num(n)) => {
                            let category = (self.plural)(*n);
                            variants
                                .iter()
                                .find(|v| v.key.parse::<i64>().is_ok_and(|k| k == *n))
                                .or_else(|| variants.iter().find(|v| v.key == category))
                        }
                        Some(Arg::Text(s)) => variants.iter().find(|v| v.key == *s),
                        None => None,
                    };
                    if let Some(variant) = chosen.or_else(|| variants.get(*default)) {
                        self.write(&variant.pattern, args, out);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english_plurals(n: i64) -> &'static str {
        if n == 1 { "one" } else { "other" }
    }

    fn speech(messages: &[(&str, Vec<Piece>)]) -> Speech {
        let messages = messages.iter().map(|(id, p)| ((*id).to_owned(), p.clone())).collect();
        Speech::new(Words { locale: "en".into(), messages }, Box::new(english_plurals))
    }

    fn text(s: &str) -> Piece {
        Piece::Text(s.into())
    }

    fn variant(key: &str, pattern: Vec<Piece>) -> Variant {
        Variant { key: key.into(), pattern }
    }

    #[test]
    fn a_choice_takes_the_exact_number_then_the_plural_category_then_the_default() {
        let count = Piece::Select {
            on: "count".into(),
            variants: vec![
                variant("0", vec![text("none")]),
                variant("one", vec![Piece::Var("count".into()), text(" item")]),
                variant("other", vec![Piece::Var("count".into()), text(" items")]),
            ],
            default: 2,
        };
        let say = speech(&[("items", vec![count])]);
        let said: Vec<String> =
            [0, 1, 2, 5].into_iter().map(|n| say.say("items", &[("count", Arg::from(n))])).collect();
        assert_eq!(said, ["none", "1 item", "2 items", "5 items"]);
        assert_eq!(say.say("items", &[]), "{count} items", "no argument: the default, the variable named");
    }

    #[test]
    fn a_choice_on_a_text_takes_the_variant_of_that_key() {
        let format = Piece::Select {
            on: "format".into(),
            variants: vec![variant("pdf", vec![text("a PDF")]), variant("other", vec![text("a file")])],
            default: 1,
        };
        let say = speech(&[("resume", vec![text("As "), format])]);
        assert_eq!(say.say("resume", crate::args![format = "pdf"]), "As a PDF");
        assert_eq!(say.say("resume", crate::args![format = "docx"]), "As a file");
        assert_eq!(say.say("missing-id", &[]), "missing-id", "a message nobody wrote shows its id");
    }

    #[test]
    fn counts_group_their_thousands_as_their_language_does() {
        assert_eq!(number(0, "en"), "0");
        assert_eq!(number(999, "en"), "999");
        assert_eq!(number(1000, "en"), "1,000");
        assert_eq!(number(10_165, "en"), "10,165");
        assert_eq!(number(1_234_567, "en"), "1,234,567");
        assert_eq!(number(-1000, "en"), "-1,000");
        assert_eq!(number(1000, "fr"), "1\u{202F}000");
        assert_eq!(number(100_000, "fr-CA"), "100\u{202F}000");
        assert_eq!(number(1000, "frr"), "1,000", "North Frisian is not French");
        assert_eq!(number(i64::MIN, "en"), "-9,223,372,036,854,775,808");
        let mut words = Words { locale: "fr".into(), ..Words::default() };
        words.messages.insert("n".into(), vec![Piece::Var("count".into()), text(" candidats")]);
        let fr = Speech::new(words, Box::new(english_plurals));
        assert_eq!(fr.say("n", &[("count", Arg::Num(2500))]), "2\u{202F}500 candidats");
    }

    #[test]
    fn the_browsers_plural_category_names_are_read_as_cldrs() {
        for name in ["zero", "one", "two", "few", "many", "other"] {
            assert_eq!(category(name), name);
        }
        assert_eq!(category("something else"), "other");
    }
}
