//! Page adapters: how to find candidates on each ProvenBase page and read their details, as data.
//!
//! ProvenBase's markup is not ours and will change. Keeping the selectors in a versioned config
//! (built in here; a Super Admin may override them for the organisation from the options page,
//! `PUT /api/v1/adapters`) means a redesign is fixed by shipping a new config, not a new extension.

use serde::{Deserialize, Serialize};

/// The ProvenBase screens the extension works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    Projects,
    SourcingLab,
    CandidateLake,
    ProfileSettings,
}

impl PageKind {
    /// The page's name as ProvenBase's menu shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Projects => "Projects",
            Self::SourcingLab => "Sourcing Lab",
            Self::CandidateLake => "Candidate Lake",
            Self::ProfileSettings => "Profile & Password",
        }
    }

    /// The catalogue's message for the page's name.
    pub fn word(self) -> &'static str {
        match self {
            Self::Projects => "page-projects",
            Self::SourcingLab => "page-sourcing-lab",
            Self::CandidateLake => "page-candidate-lake",
            Self::ProfileSettings => "page-profile-settings",
        }
    }
}

/// Where one field of a candidate is read from, relative to the candidate's element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FieldSelector {
    /// A CSS selector matched inside the candidate element.
    pub selector: String,
    /// Read this attribute instead of the element's text (e.g. `href`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attr: Option<String>,
}

/// The selectors for every candidate field a page may show. Missing selectors read as absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CandidateSelectors {
    pub name: Option<FieldSelector>,
    pub title: Option<FieldSelector>,
    pub company: Option<FieldSelector>,
    /// Matches each email element; every match is one email.
    pub emails: Option<FieldSelector>,
    pub phones: Option<FieldSelector>,
    pub linkedin: Option<FieldSelector>,
    pub location: Option<FieldSelector>,
    pub skills: Option<FieldSelector>,
    /// Present inside a candidate element only when the candidate is locked.
    pub locked: Option<String>,
    /// The candidate's selection checkbox.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub select: Option<String>,
    /// The link to the candidate's ProvenBase profile page (read with `attr: href`), where what
    /// the card leaves out (experience, education) is read when a recruiter wants it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<FieldSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<FieldSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experience: Option<FieldSelector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<FieldSelector>,
}

/// How to read one ProvenBase page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PageAdapter {
    pub page: PageKind,
    /// The page is this adapter's when its URL path contains any of these.
    pub path_contains: Vec<String>,
    /// Matches each candidate card or row. Empty for pages without candidates.
    pub candidate: String,
    #[serde(default)]
    pub fields: CandidateSelectors,
    /// On the settings page: the list of ATS integrations our Lever row joins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrations: Option<String>,
    /// The element naming what the page shows (a project's title): exports are tagged with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// Elements whose open shadow root or same-origin frame document also holds cards (a page
    /// built from web components, results in an embedded frame); searched up to
    /// [`PageAdapter::WITHIN_DEPTH`] levels deep.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<String>,
}

impl PageAdapter {
    /// How many shadow roots or frames deep `within` descends.
    pub const WITHIN_DEPTH: usize = 3;

    /// Whether this page is expected to list candidates (so finding none is worth reporting).
    pub fn lists_candidates(&self) -> bool {
        !self.candidate.is_empty()
    }

    /// Where exported candidates came from, as Lever's tag shows it: the text of the page's
    /// `context` element (a project's title), spaces collapsed and at most 100 characters, or
    /// else the page's name.
    pub fn origin(&self, context_text: Option<&str>) -> String {
        let text: String = context_text.unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() { self.page.label().to_owned() } else { text.chars().take(100).collect() }
    }
}

/// A versioned set of adapters, one per page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AdapterSet {
    pub version: u32,
    pub pages: Vec<PageAdapter>,
    /// How to read a candidate's profile page (its `experience` and `education`), fetched with the
    /// recruiter's own ProvenBase session when the export needs them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_page: Option<Box<CandidateSelectors>>,
}

#[derive(Debug, thiserror::Error)]
#[error("adapter config is not valid: {0}")]
pub struct AdapterConfigError(#[from] pub serde_json::Error);

impl AdapterSet {
    /// The adapters built into this release of the extension.
    pub fn built_in() -> Self {
        Self::parse(include_str!("adapters.json")).expect("the built-in adapter config parses")
    }

    pub fn parse(json: &str) -> Result<Self, AdapterConfigError> {
        Ok(serde_json::from_str(json)?)
    }

    /// The adapter for a URL path, if the path belongs to a known page.
    pub fn for_path(&self, path: &str) -> Option<&PageAdapter> {
        self.pages.iter().find(|a| a.path_contains.iter().any(|p| path.contains(p.as_str())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_adapters_cover_every_page() {
        let set = AdapterSet::built_in();
        for page in [PageKind::Projects, PageKind::SourcingLab, PageKind::CandidateLake, PageKind::ProfileSettings] {
            assert!(set.pages.iter().any(|a| a.page == page), "no adapter for {page:?}");
        }
    }

    #[test]
    fn adapters_are_chosen_by_url_path() {
        let set = AdapterSet::built_in();
        let page = |p: &str| set.for_path(p).map(|a| a.page);
        assert_eq!(page("/app/projects/42"), Some(PageKind::Projects));
        assert_eq!(page("/app/sourcing-lab"), Some(PageKind::SourcingLab));
        assert_eq!(page("/app/candidate-lake"), Some(PageKind::CandidateLake));
        assert_eq!(page("/app/profile"), Some(PageKind::ProfileSettings));
        assert_eq!(page("/pricing"), None);
    }

    #[test]
    fn a_malformed_override_is_refused_with_a_reason() {
        let err = AdapterSet::parse(r#"{"version": 2}"#).unwrap_err();
        assert!(err.to_string().contains("pages"), "{err}");
    }

    #[test]
    fn exports_are_tagged_with_the_project_title_or_else_the_page_name() {
        let set = AdapterSet::built_in();
        let projects = set.for_path("/app/projects/q3").expect("projects");
        assert_eq!(projects.origin(Some("  Project:\n  Q3 Backend   Hiring ")), "Project: Q3 Backend Hiring");
        assert_eq!(projects.origin(Some("   ")), "Projects");
        assert_eq!(projects.origin(None), "Projects");
        assert_eq!(projects.origin(Some(&"x".repeat(300))).len(), 100);
    }
}
