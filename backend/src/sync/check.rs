//! The duplicate check: up to 1,000 candidates with whatever keys their page showed, answered
//! from the local index in two queries (never one Lever call per candidate).

use std::collections::HashMap;

use shared::api::{
    CheckCandidate, CheckOutcome, CheckRequest, CheckResponse, CheckResult, ConnectionState, LeverProfile,
    MAX_CHECK_CANDIDATES, MatchKind,
};
use shared::identity::{Email, LinkedInUrl, NameKey, Phone, fold};

use crate::AppState;
use crate::error::AppError;

/// Longest text accepted in any one field, and most keys of one kind per candidate.
const MAX_FIELD: usize = 500;
const MAX_KEYS: usize = 20;

fn validate(req: &CheckRequest) -> Result<(), AppError> {
    if req.candidates.len() > MAX_CHECK_CANDIDATES {
        return Err(AppError::BadRequest(format!(
            "One check takes at most {MAX_CHECK_CANDIDATES} candidates, not {}.",
            req.candidates.len()
        )));
    }
    for c in &req.candidates {
        let long = [Some(&c.ref_id), Some(&c.name), c.company.as_ref(), c.linkedin.as_ref()]
            .into_iter()
            .flatten()
            .chain(c.emails.iter())
            .chain(c.phones.iter())
            .any(|f| f.len() > MAX_FIELD);
        if long || c.emails.len() > MAX_KEYS || c.phones.len() > MAX_KEYS {
            return Err(AppError::BadRequest(format!("Candidate {:?} has a field that is too long.", c.ref_id)));
        }
    }
    Ok(())
}

/// A candidate's keys, strongest first: emails, LinkedIn, phones.
fn keys(c: &CheckCandidate, region: &str) -> Vec<(MatchKind, String)> {
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
            let why = c.and_then(|c| c.reason).unwrap_or_else(|| "Lever is not connected.".into());
            return Err(AppError::LeverDisconnected(why));
        }
    }
    let sync = super::status(state, org).await?;
    if !sync.enabled {
        return Ok(CheckResponse { sync, results: Vec::new() });
    }
    Ok(CheckResponse { results: lookup(state, org, &req).await?, sync })
}

/// Each candidate's match in the local index (the caller knows sync is on).
pub async fn lookup(state: &AppState, org: &str, req: &CheckRequest) -> Result<Vec<CheckResult>, AppError> {
    let region = state.config.default_phone_region.as_str();
    let candidate_keys: Vec<Vec<(MatchKind, String)>> = req.candidates.iter().map(|c| keys(c, region)).collect();
    let mut all_keys: Vec<String> = candidate_keys.iter().flatten().map(|(_, k)| k.clone()).collect();
    all_keys.sort();
    all_keys.dedup();
    let mut by_key: HashMap<(MatchKind, String), Vec<LeverProfile>> = HashMap::new();
    for (kind, key, profile) in state.store.profiles_by_keys(org, &all_keys).await? {
        by_key.entry((kind, key)).or_default().push(profile);
    }

    let mut results: Vec<CheckResult> = Vec::with_capacity(req.candidates.len());
    let mut unmatched: Vec<(usize, String, String)> = Vec::new();
    for (i, (c, keys)) in req.candidates.iter().zip(&candidate_keys).enumerate() {
        let exact = keys.iter().find_map(|k| {
            let hits: Vec<&LeverProfile> = by_key.get(k)?.iter().collect();
            best(&hits).map(|p| (k.0, p))
        });
        let outcome = match exact {
            Some((on, profile)) => CheckOutcome::Exact { on, profile },
            None => {
                let company = c.company.as_deref().map(fold).unwrap_or_default();
                if let (Ok(name), false) = (NameKey::parse(&c.name), company.is_empty()) {
                    unmatched.push((i, name.as_str().to_owned(), company));
                }
                CheckOutcome::None
            }
        };
        results.push(CheckResult { ref_id: c.ref_id.clone(), outcome });
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
