//! Candidate identity keys, computed the same way wherever they are needed: parsed newtypes, so
//! a key that exists is already canonical ("parse, don't validate"). Exact matches use an email,
//! a LinkedIn profile URL or a phone; a name with a company is only ever a *possible* match.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("not an email address: {0:?}")]
    Email(String),
    #[error("not a LinkedIn profile URL: {0:?}")]
    LinkedIn(String),
    #[error("not a phone number: {0:?}")]
    Phone(String),
    #[error("no name to match on")]
    Name,
}

/// An email as Lever canonicalizes it: trimmed and case-folded.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, IdentityError> {
        let trimmed = raw.trim();
        let trimmed = trimmed.strip_prefix("mailto:").unwrap_or(trimmed).trim();
        let email = trimmed.to_lowercase();
        let valid = match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
                    && !email.chars().any(char::is_whitespace)
            }
            None => false,
        };
        if valid { Ok(Self(email)) } else { Err(IdentityError::Email(raw.to_owned())) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A LinkedIn member profile, whatever subdomain, locale, scheme, query or trailing slash it was
/// written with: `linkedin.com/in/<slug>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LinkedInUrl(String);

impl LinkedInUrl {
    pub fn parse(raw: &str) -> Result<Self, IdentityError> {
        let err = || IdentityError::LinkedIn(raw.to_owned());
        let text = raw.trim();
        let without_scheme = text.split_once("://").map_or(text, |(_, rest)| rest);
        let (host, path) = without_scheme.split_once('/').ok_or_else(err)?;
        let host = host.to_lowercase();
        let host = host.split(':').next().unwrap_or_default();
        if !(host == "linkedin.com" || host.ends_with(".linkedin.com")) {
            return Err(err());
        }
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let mut segments = path.split('/').filter(|s| !s.is_empty());
        match segments.next() {
            Some(kind) if kind.eq_ignore_ascii_case("in") || kind.eq_ignore_ascii_case("pub") => {}
            _ => return Err(err()),
        }
        let slug = percent_decode(segments.next().ok_or_else(err)?).to_lowercase();
        let slug = slug.trim();
        if slug.is_empty() || slug.contains(char::is_whitespace) {
            return Err(err());
        }
        Ok(Self(format!("linkedin.com/in/{slug}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push(u8::try_from(hi * 16 + lo).unwrap_or(b'?'));
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

macro_rules! string_newtype {
    ($t:ty) => {
        impl TryFrom<String> for $t {
            type Error = IdentityError;
            fn try_from(raw: String) -> Result<Self, Self::Error> {
                Self::parse(&raw)
            }
        }

        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.0
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

string_newtype!(Email);
string_newtype!(LinkedInUrl);

#[cfg(feature = "identity")]
pub use folded::{NameKey, Phone, fold, known_region};

#[cfg(feature = "identity")]
mod folded {
    use std::fmt;

    use phonenumber::Mode;
    use serde::{Deserialize, Serialize};
    use unicode_normalization::{UnicodeNormalization as _, char::is_combining_mark};

    use super::IdentityError;

    /// A phone number in E.164 (`+353871234567`); numbers without a country code are read in
    /// `default_region` (an ISO country code such as `US`).
    #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub struct Phone(String);

    impl Phone {
        pub fn parse(raw: &str, default_region: &str) -> Result<Self, IdentityError> {
            let err = || IdentityError::Phone(raw.to_owned());
            let region = default_region.trim().to_uppercase().parse::<phonenumber::country::Id>().ok();
            let trimmed = raw.trim();
            // "00" is the international prefix almost everywhere outside North America.
            let international = trimmed.strip_prefix("00").map(|rest| format!("+{rest}"));
            let number = phonenumber::parse(region, international.as_deref().unwrap_or(trimmed)).map_err(|_| err())?;
            if !phonenumber::is_valid(&number) {
                return Err(err());
            }
            Ok(Self(number.format().mode(Mode::E164).to_string()))
        }

        pub fn as_str(&self) -> &str {
            &self.0
        }
    }

    impl fmt::Display for Phone {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0)
        }
    }

    /// Whether `code` is a country libphonenumber knows (`US`, `IE`, …).
    pub fn known_region(code: &str) -> bool {
        code.trim().to_uppercase().parse::<phonenumber::country::Id>().is_ok()
    }

    /// Case and accents folded, punctuation dropped, spaces collapsed: `Zoë Müller-Lüdenscheidt`
    /// → `zoe muller ludenscheidt`.
    pub fn fold(text: &str) -> String {
        let folded: String = text
            .nfkd()
            .filter(|c| !is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        folded.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// A folded person's name: half of a *possible* match (the other half is the company).
    #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub struct NameKey(String);

    impl NameKey {
        pub fn parse(name: &str) -> Result<Self, IdentityError> {
            let folded = fold(name);
            if folded.is_empty() { Err(IdentityError::Name) } else { Ok(Self(folded)) }
        }

        pub fn as_str(&self) -> &str {
            &self.0
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn emails_fold_case_and_whitespace() {
        assert_eq!(Email::parse("  Amelie.Dubois@Example.COM ").expect("valid").as_str(), "amelie.dubois@example.com");
        assert_eq!(Email::parse("mailto:a@b.co").expect("valid").as_str(), "a@b.co");
        for bad in ["", "nobody", "a@b", "@b.com", "a b@c.com", "a@b@c.com", "a@.com"] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn linkedin_urls_of_one_profile_agree() {
        let canonical = "linkedin.com/in/amelie-dubois";
        for variant in [
            "https://fr.linkedin.com/in/amelie-dubois/",
            "http://www.linkedin.com/in/Amelie-Dubois?trk=people-search",
            "linkedin.com/in/amelie-dubois/fr",
            "https://www.linkedin.com/in/amelie-dubois#experience",
            "https://LINKEDIN.COM/in/amelie%2Ddubois",
        ] {
            assert_eq!(LinkedInUrl::parse(variant).expect(variant).as_str(), canonical, "{variant}");
        }
        for bad in [
            "https://example.com/in/x",
            "https://www.linkedin.com/company/acme",
            "https://linkedin.com/in/",
            "linkedin",
        ] {
            assert!(LinkedInUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[cfg(feature = "identity")]
    #[test]
    fn phones_become_e164_in_the_default_region() {
        let e164 = |raw, region| Phone::parse(raw, region).map(|p| p.as_str().to_owned());
        assert_eq!(e164("+353 87 123 4567", "US").as_deref(), Ok("+353871234567"));
        assert_eq!(e164("087 123 4567", "IE").as_deref(), Ok("+353871234567"));
        assert_eq!(e164("00353 87 123 4567", "US").as_deref(), Ok("+353871234567"));
        assert_eq!(e164("(415) 555-0134", "US").as_deref(), Ok("+14155550134"));
        assert!(e164("12", "US").is_err());
        assert!(e164("call me", "US").is_err());
    }

    #[cfg(feature = "identity")]
    #[test]
    fn names_fold_accents_case_and_punctuation() {
        assert_eq!(NameKey::parse("Zoë Müller-Lüdenscheidt").expect("name").as_str(), "zoe muller ludenscheidt");
        assert_eq!(NameKey::parse("  SEÁN  O'Connor ").expect("name"), NameKey::parse("sean o connor").expect("name"));
        assert_eq!(NameKey::parse("王小明").expect("name").as_str(), "王小明");
        assert!(NameKey::parse(" -- ").is_err());
    }

    proptest! {
        #[test]
        fn normalizing_an_email_twice_changes_nothing(local in "[a-zA-Z0-9._%+-]{1,20}", domain in "[a-zA-Z0-9-]{1,15}", tld in "[a-zA-Z]{2,6}") {
            let once = Email::parse(&format!(" {local}@{domain}.{tld} ")).expect("valid");
            prop_assert_eq!(Email::parse(once.as_str()).expect("still valid"), once.clone());
            prop_assert_eq!(Email::parse(&once.as_str().to_uppercase()).expect("valid"), once);
        }

        #[test]
        fn equivalent_linkedin_urls_agree(slug in "[a-z0-9-]{3,30}", sub in "(www|fr|de|uk)?", scheme in "(https?://)?", tail in "(/|/de|\\?trk=x|/\\?a=b)?") {
            let host = if sub.is_empty() { "linkedin.com".to_owned() } else { format!("{sub}.linkedin.com") };
            let parsed = LinkedInUrl::parse(&format!("{scheme}{host}/in/{slug}{tail}")).expect("valid");
            prop_assert_eq!(parsed.as_str(), format!("linkedin.com/in/{slug}"));
            prop_assert_eq!(LinkedInUrl::parse(parsed.as_str()).expect("still valid"), parsed);
        }
    }

    #[cfg(feature = "identity")]
    proptest! {
        #[test]
        fn folding_a_name_twice_changes_nothing(name in "\\PC{1,40}") {
            if let Ok(once) = NameKey::parse(&name) {
                prop_assert_eq!(NameKey::parse(once.as_str()).expect("still a name"), once);
            }
        }

        #[test]
        fn a_phone_written_differently_agrees(national in "8[5-9][0-9]{7}") {
            let spaced = format!("+353 {} {} {}", &national[..2], &national[2..5], &national[5..]);
            let a = Phone::parse(&spaced, "US");
            let b = Phone::parse(&format!("0{national}"), "IE");
            prop_assert_eq!(a.clone(), b);
            if let Ok(p) = a {
                prop_assert_eq!(Phone::parse(p.as_str(), "FR").expect("E.164 reparses"), p);
            }
        }
    }
}
