//! Every word the product shows, in one Fluent catalogue: `shared/locales/<language>/*.ftl`
//! (`content.ftl` for what the extension draws in ProvenBase's pages, `extension.ftl` for its
//! worker, `pages.ftl` for its popup, export dialog and task pages, `options.ftl` for its options
//! page, `backend.ftl` for the API's error messages), read with `fluent-bundle`, with
//! CLDR plural rules. English is the reference; every other language has the same messages with
//! the same variables (a test holds them to it).

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

use crate::words::{Arg, Piece, Speech, Variant, Words};

/// A language's files, in this order (each message lives in one).
macro_rules! files {
    ($locale:literal) => {
        [
            include_str!(concat!("../locales/", $locale, "/content.ftl")),
            include_str!(concat!("../locales/", $locale, "/extension.ftl")),
            include_str!(concat!("../locales/", $locale, "/pages.ftl")),
            include_str!(concat!("../locales/", $locale, "/options.ftl")),
            include_str!(concat!("../locales/", $locale, "/backend.ftl")),
        ]
    };
}

/// The languages of the catalogue and their files, English first (the fallback). A `static`:
/// each use of a `const` would put its own copy of the files in the wasm (67 KB each).
static SOURCES: [(&str, [&str; 5]); 2] = [("en", files!("en")), ("fr", files!("fr"))];

/// Which of a language's files holds the content script's messages.
const CONTENT: usize = 0;

/// Each language's catalogue, parsed the first time it is asked for: a service worker woken for
/// a page parses the one language it speaks, not every one.
static CATALOGUES: [OnceLock<Catalogue>; SOURCES.len()] = [const { OnceLock::new() }; SOURCES.len()];

/// Language `index` of [`SOURCES`], parsed once (one loader for all: no copy of it per language).
fn catalogue(index: usize) -> &'static Catalogue {
    CATALOGUES[index].get_or_init(|| Catalogue::load(SOURCES[index].0, &SOURCES[index].1))
}

/// One language of the catalogue.
pub struct Catalogue {
    locale: &'static str,
    files: &'static [&'static str],
    /// Every file's messages, parsed the first time one is asked for (a worker woken to check a
    /// page speaks only with [`Self::words`]).
    bundle: OnceLock<FluentBundle<FluentResource>>,
    plurals: PluralRules,
    words: Words,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue").field("locale", &self.locale).finish_non_exhaustive()
    }
}

/// The catalogue for the first of `languages` (BCP 47 tags in order of preference, as
/// `navigator.languages` or `Accept-Language` give them) that it speaks; else English.
pub fn for_languages<'a>(languages: impl IntoIterator<Item = &'a str>) -> &'static Catalogue {
    let primary = |tag: &str| tag.split(['-', '_']).next().unwrap_or_default().trim().to_ascii_lowercase();
    languages
        .into_iter()
        .find_map(|tag| SOURCES.iter().position(|(locale, _)| *locale == primary(tag)))
        .map_or_else(english, catalogue)
}

/// The English catalogue: the reference, and what logs and tests read.
pub fn english() -> &'static Catalogue {
    catalogue(0)
}

/// The languages of an `Accept-Language` header, most preferred first.
pub fn accept_language(header: &str) -> Vec<&str> {
    let mut tags: Vec<(&str, f32)> = header
        .split(',')
        .filter_map(|part| {
            let mut bits = part.split(';');
            let tag = bits.next()?.trim();
            let q = bits.find_map(|b| b.trim().strip_prefix("q=")).and_then(|q| q.parse().ok()).unwrap_or(1.0);
            (!tag.is_empty() && tag != "*").then_some((tag, q))
        })
        .collect();
    tags.sort_by(|a, b| b.1.total_cmp(&a.1));
    tags.into_iter().map(|(tag, _)| tag).collect()
}

impl Catalogue {
    fn load(locale: &'static str, files: &'static [&'static str]) -> Self {
        let id = Self::id(locale);
        let content = FluentResource::try_new(files[CONTENT].to_owned())
            .unwrap_or_else(|(_, errors)| panic!("locales/{locale}/content.ftl: {errors:?}"));
        let words = Words { locale: locale.to_owned(), messages: patterns(&content) };
        let plurals = PluralRules::create(id, PluralRuleType::CARDINAL).expect("CLDR has plural rules for it");
        Self { locale, files, bundle: OnceLock::new(), plurals, words }
    }

    fn id(locale: &str) -> LanguageIdentifier {
        locale.parse().expect("the catalogue's languages are BCP 47 tags")
    }

    /// Every file of the language in one `fluent-bundle`.
    fn bundle(&self) -> &FluentBundle<FluentResource> {
        self.bundle.get_or_init(|| {
            let locale = self.locale;
            let mut bundle = FluentBundle::new_concurrent(vec![Self::id(locale)]);
            // No Unicode isolation marks around arguments: both languages read left to right,
            // and the marks would end up in page text and in tests' comparisons.
            bundle.set_use_isolating(false);
            // Counts with their thousands grouped, as the content script's `Speech` writes them.
            bundle.set_formatter(Some(match crate::words::group_separator(locale) {
                '\u{202F}' => grouped::<_, '\u{202F}'>,
                _ => grouped::<_, ','>,
            }));
            for source in self.files {
                let resource = FluentResource::try_new((*source).to_owned())
                    .unwrap_or_else(|(_, errors)| panic!("locales/{locale}: {errors:?}"));
                bundle.add_resource(resource).unwrap_or_else(|errors| panic!("locales/{locale}: {errors:?}"));
            }
            bundle
        })
    }

    pub fn locale(&self) -> &'static str {
        self.locale
    }

    /// Message `id` with `args` (`args![count = 2]`). A message nobody wrote shows its id.
    pub fn text(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let bundle = self.bundle();
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Num(n) => fluent.set(*name, FluentValue::from(*n)),
                Arg::Text(s) => fluent.set(*name, FluentValue::from(s.as_str())),
            }
        }
        let mut errors = Vec::new();
        bundle.format_pattern(pattern, Some(&fluent), &mut errors).into_owned()
    }

    /// The content script's messages, for the worker to send it.
    pub fn words(&self) -> &Words {
        &self.words
    }

    /// The CLDR plural category of `n` in this language.
    pub fn plural(&self, n: i64) -> &'static str {
        match self.plurals.select(n) {
            Ok(PluralCategory::ZERO) => "zero",
            Ok(PluralCategory::ONE) => "one",
            Ok(PluralCategory::TWO) => "two",
            Ok(PluralCategory::FEW) => "few",
            Ok(PluralCategory::MANY) => "many",
            _ => "other",
        }
    }

    /// The content script's words with this language's plural rules (the worker's brains speak
    /// with it; the content script builds its own from [`Self::words`] and the browser's rules).
    pub fn speech(&'static self) -> Speech {
        Speech::new(self.words.clone(), Box::new(|n| self.plural(n)))
    }

    /// Every message id of this language, with the names of its variables.
    pub fn messages(&self) -> Vec<(String, Vec<String>)> {
        SOURCES
            .iter()
            .find(|(locale, _)| *locale == self.locale)
            .into_iter()
            .flat_map(|(_, files)| files.iter())
            .flat_map(|source| {
                let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(r, _)| r);
                let terms = terms(&resource);
                resource
                    .entries()
                    .filter_map(|entry| match entry {
                        ast::Entry::Message(m) => {
                            let mut vars = Vec::new();
                            if let Some(value) = &m.value {
                                variables(value, &terms, &mut vars);
                            }
                            vars.sort();
                            vars.dedup();
                            Some((m.id.name.to_owned(), vars))
                        }
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

type Terms<'s> = Vec<(&'s str, &'s ast::Pattern<&'s str>)>;

fn terms<'s>(resource: &'s FluentResource) -> Terms<'s> {
    resource
        .entries()
        .filter_map(|entry| match entry {
            ast::Entry::Term(t) => Some((t.id.name, &t.value)),
            _ => None,
        })
        .collect()
}

/// The messages of `resource` as [`Piece`]s, with terms inlined. (Message references are not
/// used: `fluent-bundle` resolves them without the caller's arguments.)
fn patterns(resource: &FluentResource) -> std::collections::HashMap<String, Vec<Piece>> {
    let terms = terms(resource);
    fn convert<'s>(
        pattern: &'s ast::Pattern<&'s str>,
        find: &dyn Fn(&str) -> Option<&'s ast::Pattern<&'s str>>,
    ) -> Vec<Piece> {
        let mut out = Vec::new();
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => push_text(&mut out, value),
                ast::PatternElement::Placeable { expression } => expression_pieces(expression, find, &mut out),
            }
        }
        out
    }
    fn expression_pieces<'s>(
        expression: &'s ast::Expression<&'s str>,
        find: &dyn Fn(&str) -> Option<&'s ast::Pattern<&'s str>>,
        out: &mut Vec<Piece>,
    ) {
        match expression {
            ast::Expression::Select { selector: ast::InlineExpression::VariableReference { id }, variants } => {
                out.push(Piece::Select {
                    on: id.name.to_owned(),
                    default: variants.iter().position(|v| v.default).unwrap_or_default(),
                    variants: variants
                        .iter()
                        .map(|v| Variant {
                            key: match &v.key {
                                ast::VariantKey::Identifier { name } => (*name).to_owned(),
                                ast::VariantKey::NumberLiteral { value } => (*value).to_owned(),
                            },
                            pattern: convert(&v.value, find),
                        })
                        .collect(),
                });
            }
            ast::Expression::Inline(inline) => match inline {
                ast::InlineExpression::VariableReference { id } => out.push(Piece::Var(id.name.to_owned())),
                ast::InlineExpression::StringLiteral { value } | ast::InlineExpression::NumberLiteral { value } => {
                    push_text(out, value);
                }
                ast::InlineExpression::TermReference { id, attribute: None, arguments: None } => {
                    if let Some(p) = find(id.name) {
                        out.extend(convert(p, find));
                    }
                }
                ast::InlineExpression::Placeable { expression } => expression_pieces(expression, find, out),
                other => panic!("content.ftl uses only text, variables, terms and choices, not {other:?}"),
            },
            ast::Expression::Select { .. } => panic!("content.ftl chooses only on a variable"),
        }
    }
    let find = |name: &str| lookup(name, &terms);
    resource
        .entries()
        .filter_map(|entry| match entry {
            ast::Entry::Message(m) => m.value.as_ref().map(|v| (m.id.name.to_owned(), convert(v, &find))),
            _ => None,
        })
        .collect()
}

fn lookup<'s>(name: &str, list: &[(&'s str, &'s ast::Pattern<&'s str>)]) -> Option<&'s ast::Pattern<&'s str>> {
    list.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)
}

fn push_text(out: &mut Vec<Piece>, text: &str) {
    if let Some(Piece::Text(last)) = out.last_mut() {
        last.push_str(text);
    } else {
        out.push(Piece::Text(text.to_owned()));
    }
}

/// A whole number with `SEPARATOR` between its groups of three digits (`fluent-bundle` writes
/// no separator); anything else as `fluent-bundle` writes it.
fn grouped<M, const SEPARATOR: char>(value: &FluentValue, _: &M) -> Option<String> {
    let FluentValue::Number(n) = value else { return None };
    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss, reason = "kept only when exact")]
    let whole = n.value as i64;
    #[allow(clippy::float_cmp, clippy::cast_precision_loss, reason = "whether the cast above was exact")]
    (whole as f64 == n.value).then(|| crate::words::grouped(whole, SEPARATOR))
}

/// The variables `pattern` reads, terms' included.
fn variables<'s>(pattern: &'s ast::Pattern<&'s str>, terms: &Terms<'s>, out: &mut Vec<String>) {
    fn inline<'s>(e: &'s ast::InlineExpression<&'s str>, terms: &Terms<'s>, out: &mut Vec<String>) {
        match e {
            ast::InlineExpression::VariableReference { id } => out.push(id.name.to_owned()),
            ast::InlineExpression::TermReference { id, .. } => {
                if let Some((_, p)) = terms.iter().find(|(n, _)| *n == id.name) {
                    variables(p, terms, out);
                }
            }
            ast::InlineExpression::Placeable { expression } => expr(expression, terms, out),
            _ => {}
        }
    }
    fn expr<'s>(e: &'s ast::Expression<&'s str>, terms: &Terms<'s>, out: &mut Vec<String>) {
        match e {
            ast::Expression::Inline(i) => inline(i, terms, out),
            ast::Expression::Select { selector, variants } => {
                inline(selector, terms, out);
                for v in variants {
                    variables(&v.value, terms, out);
                }
            }
        }
    }
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expr(expression, terms, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::Arg;

    /// Arguments for every variable of a message: `counts` for the numbers, a sample otherwise.
    fn sample(vars: &[String], n: u32) -> Vec<(&str, Arg)> {
        vars.iter()
            .map(|v| {
                let value = match v.as_str() {
                    "count" | "exact" | "possible" | "locked" | "days" | "done" | "total" | "failed" | "skipped"
                    | "seconds" | "minutes" | "hours" | "max" | "size" | "n" | "exported" | "left" | "remaining"
                    | "limit" => Arg::from(n),
                    _ => Arg::from(format!("<{v}>")),
                };
                (v.as_str(), value)
            })
            .collect()
    }

    #[test]
    fn every_language_has_every_message_with_the_same_variables() {
        let english = english().messages();
        assert!(english.len() > 300, "every file is read: {} messages", english.len());
        for id in ["bar-summary", "worker-backend-busy", "dialog-next", "options-save", "error-rate-limited"] {
            assert!(english.iter().any(|(e, vars)| e == id && vars.len() <= 2), "{id}");
        }
        assert_eq!(
            english.iter().find(|(id, _)| id == "bar-summary-locked").map(|(_, v)| v.as_slice()),
            Some(&["count".to_owned(), "locked".to_owned(), "page".to_owned()][..])
        );
        for catalogue in (0..SOURCES.len()).map(catalogue).skip(1) {
            let theirs = catalogue.messages();
            for (id, vars) in &english {
                let found = theirs.iter().find(|(t, _)| t == id);
                assert!(found.is_some(), "{} lacks {id}", catalogue.locale);
                assert_eq!(&found.unwrap().1, vars, "{}'s {id} reads other variables", catalogue.locale);
            }
            for (id, _) in &theirs {
                assert!(english.iter().any(|(e, _)| e == id), "{} has {id}, which English lacks", catalogue.locale);
            }
        }
    }

    /// "1 candidates", "1 of 3 are", "All 2 are": every message rendered with 0, 1, 2 and 5.
    #[test]
    fn every_message_reads_right_with_zero_one_two_and_five() {
        let singular_plural = [
            "candidates",
            "tasks",
            "profiles",
            "days",
            "seconds",
            "minutes",
            "hours",
            "invites",
            "people",
            "exports",
            "items",
            "opportunities",
            "fields",
            "sessions",
            "postings",
            "records",
            "events",
            "are",
        ];
        for (id, vars) in english().messages() {
            for n in [0, 1, 2, 5] {
                let text = english().text(&id, &sample(&vars, n));
                assert!(!text.contains('{') || text.contains("{ "), "{id} left a placeholder: {text}");
                let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
                for pair in words.windows(2) {
                    assert!(
                        !(pair[0] == "1" && singular_plural.contains(&pair[1])),
                        "{id} with {n}: \"{text}\" says 1 {}",
                        pair[1]
                    );
                }
                assert!(!text.contains("All 2 "), "{id} with {n}: {text}");
                assert!(!text.contains("All 1 ") && !text.contains("All 0 "), "{id} with {n}: {text}");
            }
        }
    }

    #[test]
    fn fluent_groups_whole_numbers_only() {
        assert_eq!(grouped::<(), ','>(&FluentValue::from(1234), &()), Some("1,234".to_owned()));
        assert_eq!(grouped::<(), ','>(&FluentValue::from(1234.5), &()), None, "a fraction as Fluent writes it");
        assert_eq!(grouped::<(), ','>(&FluentValue::from("1234"), &()), None, "a text stays as it is");
    }

    #[test]
    fn french_speaks_french_with_its_own_plural_rules() {
        let fr = for_languages(["fr-CA", "en"]);
        assert_eq!(fr.locale(), "fr");
        assert_eq!(fr.text("bar-summary", crate::args![count = 0, page = "Projects"]), "0 candidat sur Projects");
        assert_eq!(fr.text("bar-summary", crate::args![count = 2, page = "Projects"]), "2 candidats sur Projects");
        assert_eq!(
            english().text("bar-summary", crate::args![count = 0, page = "Projects"]),
            "0 candidates on Projects"
        );
        assert_eq!(
            fr.text("bar-summary", crate::args![count = 1000, page = "Projects"]),
            "1\u{202F}000 candidats sur Projects",
            "a count's thousands are grouped as French groups them"
        );
        assert_eq!(
            english().text("bar-summary", crate::args![count = 10_165, page = "Projects"]),
            "10,165 candidates on Projects"
        );
        assert_eq!(for_languages(["de-DE", "pt"]).locale(), "en", "what it doesn't speak falls back to English");
        assert_eq!(accept_language("de;q=0.5, fr-FR, en;q=0.8"), ["fr-FR", "en", "de"]);
        assert_eq!(accept_language("*, fr;q=0.5,, "), ["fr"], "no wildcard, no empty tag");
        assert_eq!((fr.plural(0), fr.plural(1), fr.plural(2)), ("one", "one", "other"), "CLDR's French");
        assert_eq!((english().plural(0), english().plural(1)), ("other", "one"));
        assert_eq!(fr.words().locale, "fr", "the content script's plural rules are its words' language's");
    }

    /// What every other language translates: a message equal to English's is listed here.
    const SAME_IN_EVERY_LANGUAGE: &[&str] = &[
        "page-projects",
        "page-sourcing-lab",
        "page-candidate-lake",
        "page-profile-settings",
        "product-name",
        "product-lever",
    ];

    #[test]
    fn every_other_language_translates_every_message() {
        for catalogue in (0..SOURCES.len()).map(catalogue).skip(1) {
            for (id, vars) in english().messages() {
                let ours = english().text(&id, &sample(&vars, 5));
                let theirs = catalogue.text(&id, &sample(&vars, 5));
                if !SAME_IN_EVERY_LANGUAGE.contains(&id.as_str()) {
                    assert_ne!(ours, theirs, "{}'s {id} is English", catalogue.locale);
                }
            }
        }
    }

    /// The content script renders its messages without `fluent-bundle`: the same text.
    #[test]
    fn the_content_scripts_words_read_as_fluent_reads_them() {
        for catalogue in (0..SOURCES.len()).map(catalogue) {
            let speech = catalogue.speech();
            assert!(!catalogue.words().messages.is_empty());
            for (id, vars) in
                catalogue.messages().into_iter().filter(|(id, _)| catalogue.words().messages.contains_key(id))
            {
                for n in [0, 1, 2, 5, 21, 1000, 10_165] {
                    let args = sample(&vars, n);
                    assert_eq!(
                        speech.say(&id, &args),
                        catalogue.text(&id, &args),
                        "{} {id} with {n}",
                        catalogue.locale
                    );
                }
            }
        }
    }
}
