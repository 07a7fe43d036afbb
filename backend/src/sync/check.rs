//! The duplicate check: up to 1,000 candidates with whatever keys their page showed, answered
//! from the local index and the export queue in a few batched queries (never one Lever call per
//! candidate). A candidate whose details are odd (too long, too many) is checked on what is
//! usable and says so; the rest of the page is unaffected.

use std::collections::HashMap;

use shared::api::{
    Candidate, CheckOutcome, CheckRequest, CheckResponse, CheckResult, ConnectionState, LeverProfile, MAX_CANDIDATES,
    MatchKind,
};
use shared::identity::{Email, LinkedInUrl, NameKey, Phone, fold};

use crate::AppState;
use crate::error::AppError;
use crate::store::StoreError;
use crate::store::exports::InFlight;
use crate::text::Text;

/// Longest text of any one field used for matching, and most keys of one kind per candidate:
/// past these a card's details are trimmed for matching and the card says so; its neighbours are
/// unaffected.
const MAX_FIELD: usize = 500;
const MAX_KEYS: usize = 20;
/// Most identity keys in one check (over every candidate).
const MAX_CHECK_KEYS: usize = 5_000;

/// Refuses a check too big to answer quickly (the only reason a whole check is refused).
fn validate(req: &CheckRequest) -> Result<(), AppError> {
    if req.candidates.len() > MAX_CANDIDATES {
        return Err(AppError::BadRequest(crate::text!(
            "error-check-too-many-candidates",
            max = MAX_CANDIDATES,
            count = req.candidates.len()
        )));
    }
    let keys: usize = req
        .candidates
        .iter()
        .map(|c| c.emails.len().min(MAX_KEYS) + c.phones.len().min(MAX_KEYS) + usize::from(c.linkedin.is_some()))
        .sum();
    if keys > MAX_CHECK_KEYS {
        return Err(AppError::BadRequest(crate::text!(
            "error-check-too-many-keys",
            max = MAX_CHECK_KEYS,
            count = keys
        )));
    }
    Ok(())
}

/// At most `max` characters of `text` (on a character boundary).
fn clip(text: &str, max: usize) -> &str {
    text.char_indices().nth(max).map_or(text, |(end, _)| &text[..end])
}

/// The candidate as the check uses them: over-long names and companies trimmed, over-long or
/// surplus keys left out, and what was done in words the recruiter can act on.
fn usable(c: &Candidate) -> (Candidate, Option<String>) {
    let mut problems: Vec<Text> = Vec::new();
    let mut keep = |list: &[String], what: Text| -> Vec<String> {
        let fit: Vec<String> = list.iter().filter(|v| v.len() <= MAX_FIELD).take(MAX_KEYS).cloned().collect();
        if fit.len() < list.len() {
            problems.push(what);
        }
        fit
    };
    let emails = keep(&c.emails, crate::text!("error-check-emails"));
    let phones = keep(&c.phones, crate::text!("error-check-phones"));
    let linkedin = c.linkedin.clone().filter(|l| l.len() <= MAX_FIELD);
    if c.linkedin.is_some() && linkedin.is_none() {
        problems.push(crate::text!("error-check-linkedin"));
    }
    if c.name.chars().count() > MAX_FIELD || c.company.as_ref().is_some_and(|co| co.chars().count() > MAX_FIELD) {
        problems.push(crate::text!("error-check-name-or-company"));
    }
    let trimmed = Candidate {
        ref_id: c.ref_id.clone(),
        name: clip(&c.name, MAX_FIELD).to_owned(),
        company: c.company.as_deref().map(|co| clip(co, MAX_FIELD).to_owned()),
        emails,
        phones,
        linkedin,
        ..Candidate::default()
    };
    // Said in the language of the check's caller (English for the export worker, which reads
    // only the outcome).
    let problem = (!problems.is_empty()).then(|| {
        let details: Vec<String> = problems.iter().map(Text::said).collect();
        crate::text!("error-check-trimmed", details = details.join(", ")).said()
    });
    (trimmed, problem)
}

/// A candidate's keys, strongest first: emails, LinkedIn, phones.
pub fn keys(c: &Candidate, region: &str) -> Vec<(MatchKind, String)> {
    let mut keys: Vec<(MatchKind, String)> = Vec::new();
    keys.extend(c.emails.iter().filter_map(|e| Email::parse(e).ok()).map(|e| (MatchKind::Email, e.to_string())));
    keys.extend(
        c.linkedin.iter().filter_map(|l| LinkedInUrl::parse(l).ok()).map(|l| (MatchKind::Linkedin, l.to_string())),
    );
    keys.extend(
        c.phones.iter().filter_map(|p| Phone::parse(p, region).ok()).map(|p| (MatchKind::Phone, p.to_string())),
    );
    keys
}

/// Of several profiles for one person, the one a recruiter most needs to see: active first,
/// then the most recently updated.
fn best(profiles: &[&LeverProfile]) -> Option<LeverProfile> {
    profiles.iter().min_by_key(|p| (p.archived, -p.updated_at)).map(|p| (*p).clone())
}

/// The API's check: with sync off, says so instead of guessing.
pub async fn check(state: &AppState, org: &str, req: CheckRequest) -> Result<CheckResponse, AppError> {
    validate(&req)?;
    match state.store.connection(org).await? {
        Some(c) if c.state == ConnectionState::Connected => {}
        c => {
            let why = match c.and_then(|c| c.reason) {
                Some(stored) => crate::lever::why_disconnected(&stored),
                None => crate::text!("error-lever-not-connected"),
            };
            return Err(AppError::LeverDisconnected(why));
        }
    }
    let sync = super::status(state, org).await?;
    if !sync.enabled {
        return Ok(CheckResponse { sync, results: Vec::new() });
    }
    Ok(CheckResponse { results: lookup(state, org, &req).await?, sync })
}

/// Each candidate's match: in the local index (exact, then possible), or queued or being
/// exported in a task. One candidate's odd details never fail the others.
pub async fn lookup(state: &AppState, org: &str, req: &CheckRequest) -> Result<Vec<CheckResult>, StoreError> {
    lookup_for(state, org, req, None).await
}

/// [`lookup`] for the export worker, which must not count its own item as in flight.
pub async fn lookup_for(
    state: &AppState,
    org: &str,
    req: &CheckRequest,
    item: Option<&str>,
) -> Result<Vec<CheckResult>, StoreError> {
    let region = state.config.default_phone_region.as_str();
    let usable: Vec<(Candidate, Option<String>)> = req.candidates.iter().map(usable).collect();
    let candidate_keys: Vec<Vec<(MatchKind, String)>> = usable.iter().map(|(c, _)| keys(c, region)).collect();
    let mut all_keys: Vec<String> = candidate_keys.iter().flatten().map(|(_, k)| k.clone()).collect();
    all_keys.sort();
    all_keys.dedup();
    let mut by_key: HashMap<(MatchKind, String), Vec<LeverProfile>> = HashMap::new();
    for (kind, key, profile) in state.store.profiles_by_keys(org, &all_keys).await? {
        by_key.entry((kind, key)).or_default().push(profile);
    }
    let mut in_flight: HashMap<(MatchKind, String), InFlight> = HashMap::new();
    for f in state.store.in_flight_by_keys(org, &all_keys, item).await? {
        in_flight.entry((f.kind, f.key.clone())).or_insert(f);
    }

    let mut results: Vec<CheckResult> = Vec::with_capacity(req.candidates.len());
    let mut unmatched: Vec<(usize, String, String)> = Vec::new();
    for (i, ((c, problem), keys)) in usable.into_iter().zip(&candidate_keys).enumerate() {
        let exact = keys.iter().find_map(|k| {
            let hits: Vec<&LeverProfile> = by_key.get(k)?.iter().collect();
            best(&hits).map(|p| (k.0, p))
        });
        let exporting = keys.iter().find_map(|k| in_flight.get(k));
        let outcome = match (exact, exporting) {
            (Some((on, profile)), _) => CheckOutcome::Exact { on, profile },
            (None, Some(f)) => {
                CheckOutcome::Exporting { on: f.kind, task: f.task_name.clone(), by: f.created_by.clone() }
            }
            (None, None) => {
                let company = c.company.as_deref().map(fold).unwrap_or_default();
                if let (Ok(name), false) = (NameKey::parse(&c.name), company.is_empty()) {
                    unmatched.push((i, name.as_str().to_owned(), company));
                }
                CheckOutcome::None
            }
        };
        results.push(CheckResult { ref_id: c.ref_id, outcome, problem });
    }

    if !unmatched.is_empty() {
        let mut names: Vec<String> = unmatched.iter().map(|(_, n, _)| n.clone()).collect();
        names.sort();
        names.dedup();
        let by_name = state.store.profiles_by_names(org, &names).await?;
        for (i, name, company) in unmatched {
            let hits: Vec<&LeverProfile> = by_name
                .iter()
                .filter(|(n, headline, _)| *n == name && headline.contains(company.as_str()))
                .map(|(_, _, p)| p)
                .collect();
            if let Some(profile) = best(&hits) {
                results[i].outcome = CheckOutcome::Possible { on: MatchKind::NameCompany, profile };
            }
        }
    }
    Ok(results)
}
