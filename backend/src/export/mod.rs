//! Exports to Lever as durable tasks. A task and every candidate are stored before any call to
//! Lever; a worker claims candidates one at a time, renders the resume, and creates the
//! opportunity inside the account's rate budget. Lever has no idempotency key, so once a create
//! may have reached Lever (timeout, dropped connection, 5xx), the next attempt looks the
//! candidate up before creating again: never a duplicate opportunity.
//!
//! Long because one candidate's export is one story (claim, look up, create, note, finish) best read in one place.

pub mod resume;

use std::time::Duration;
use tracing::Instrument as _;

use serde_json::Value;
use shared::api::{Candidate, CheckOutcome, CheckRequest, DuplicatePolicy, ResumeField};

use crate::AppState;
use crate::lever::Error as LeverError;
use crate::lever::{PostError, tokens};
use crate::store::exports::{InLever, ItemRow, Outcome, TaskRow};
use crate::store::now_ms;

/// How often one candidate is tried before it is marked failed.
const MAX_ATTEMPTS: i64 = 6;
/// Lever's source and origin for everything we export.
pub const SOURCE: &str = "ProvenBase";

fn backoff(attempt: i64) -> Duration {
    let base = 250u64 * 2u64.pow(u32::try_from(attempt.clamp(0, 6)).unwrap_or(6));
    Duration::from_millis(base + rand::random::<u64>() % (base / 2 + 1))
}

/// Works the export queue for as long as the backend runs.
pub fn spawn_worker(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let stale_ms = i64::try_from(state.config.export_claim_timeout_secs.saturating_mul(1000)).unwrap_or(i64::MAX);
        loop {
            match state.store.claim_export_item(stale_ms).await {
                Ok(Some(item)) => {
                    // Everything logged while this candidate is exported says which one it is.
                    let span = tracing::info_span!("export", task = %item.task_id, item = %item.id);
                    match crate::unless_it_panics(process(&state, &item)).instrument(span).await {
                        Ok(()) => {}
                        // Paused until a Super Admin reconnects: the claim skips the organisation.
                        Err(LeverError::Disconnected(_)) => {
                            requeue(&state, &item).await.ok();
                        }
                        Err(e) if item.attempts + 1 >= MAX_ATTEMPTS => {
                            let reason =
                                crate::text!("reason-could-not-export", count = MAX_ATTEMPTS, why = e.to_string())
                                    .stored();
                            if let Err(e) = give_up(&state, &item, &reason).await {
                                tracing::error!(item = item.id, error = %e, "cannot record a failed export");
                            }
                        }
                        Err(e) => {
                            tracing::warn!(item = item.id, error = %e, "export attempt failed; will retry");
                            let reason = crate::text!("reason-retrying", why = e.to_string()).stored();
                            let retry = Outcome::Retry { reason: &reason, counted: true };
                            state.store.end_export_item(&item, &retry).await.ok();
                            tokio::time::sleep(backoff(item.attempts)).await;
                        }
                    }
                }
                Ok(None) => {
                    tokio::select! {
                        () = tokio::time::sleep(Duration::from_secs(1)) => {}
                        () = state.export_kick.notified() => {}
                    }
                }
                Err(e) => {
                    tracing::error!(error = %e, "cannot claim exports");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    })
}

/// Longest text of one candidate's field that an export takes.
const MAX_FIELD: usize = 2_000;

/// Why one candidate can't be exported, in words a recruiter can act on (no internal ids).
pub fn problem(c: &Candidate) -> Option<Problem> {
    let texts = [Some(&c.name), c.title.as_ref(), c.company.as_ref(), c.linkedin.as_ref(), c.location.as_ref()];
    let too_long = texts
        .into_iter()
        .flatten()
        .chain(&c.emails)
        .chain(&c.phones)
        .chain(&c.skills)
        .chain(&c.experience)
        .chain(&c.education)
        .any(|t| t.chars().count() > MAX_FIELD);
    if c.locked {
        Some(Problem::Locked)
    } else if c.name.trim().is_empty() {
        Some(Problem::NoName)
    } else if too_long {
        Some(Problem::TooLong)
    } else if c.emails.len() > 20 || c.phones.len() > 20 {
        Some(Problem::TooManyKeys)
    } else {
        None
    }
}

/// Why one candidate can't be exported as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Locked,
    NoName,
    TooLong,
    TooManyKeys,
}

impl Problem {
    /// The reason stored with the candidate's item (said in the reader's language when read).
    pub fn reason(self) -> String {
        self.text().stored()
    }

    /// The same, for an answer in the caller's language.
    pub fn text(self) -> crate::text::Text {
        match self {
            Self::Locked => crate::text!("error-export-locked"),
            Self::NoName => crate::text!("error-export-no-name"),
            Self::TooLong => crate::text!("error-export-too-long"),
            Self::TooManyKeys => crate::text!("error-export-too-many-keys"),
        }
    }
}

/// The opportunity a previous, unanswered create made, if it did.
async fn already_created(
    state: &AppState,
    org: &str,
    c: &Candidate,
    sent_at: i64,
) -> Result<Option<Value>, LeverError> {
    let since = (sent_at - 60_000).to_string();
    let mut query: Vec<(&str, &str)> = vec![("source", SOURCE), ("created_at_start", since.as_str())];
    if let Some(email) = c.emails.first() {
        query.push(("email", email.as_str()));
    }
    let found = tokens::get(state, org, "/opportunities", &query).await?;
    let matches = |o: &&Value| {
        !c.emails.is_empty()
            || (o["name"].as_str() == Some(c.name.as_str())
                && c.linkedin
                    .as_ref()
                    .is_none_or(|l| o["links"].as_array().is_some_and(|ls| ls.iter().any(|x| x == l))))
    };
    Ok(found["data"].as_array().and_then(|list| list.iter().find(matches)).cloned())
}

/// Ends an attempt at `item` as `outcome` says, and audits a final one.
async fn finish(state: &AppState, task: &TaskRow, item: &ItemRow, outcome: Outcome<'_>) -> Result<(), LeverError> {
    if !state.store.end_export_item(item, &outcome).await? {
        tracing::warn!(item = item.id, "another worker took this candidate over; its outcome stands");
        return Ok(());
    }
    if outcome.is_final() { audit(state, task, &item.candidate, &outcome).await } else { Ok(()) }
}

async fn audit(state: &AppState, task: &TaskRow, whom: &Candidate, outcome: &Outcome<'_>) -> Result<(), LeverError> {
    let end = crate::store::exports::state_str(outcome.state());
    state.metrics.export_ended(end);
    let detail = serde_json::json!({
        "task": task.id, "task_name": task.name, "by": task.created_by, "whom": whom.name,
        "job": task.posting_name, "job_id": task.posting_id, "stage": task.stage_name, "stage_id": task.stage_id,
        "outcome": end, "lever_url": outcome.lever().map(|l| l.url),
        "reason": outcome.reason().map(crate::text::english_stored),
    });
    state
        .store
        .audit(&task.organisation_id, Some(&task.member_id), shared::api::AuditAction::ExportCandidate, detail)
        .await?;
    Ok(())
}

/// Ends an item as exported, with its opportunity put in the index in the same transaction (so
/// the very next check says *In Lever*), and audits it.
async fn finish_exported(
    state: &AppState,
    task: &TaskRow,
    item: &ItemRow,
    opp: &Value,
    note_failed: Option<&str>,
) -> Result<(), LeverError> {
    let org = task.organisation_id.as_str();
    let names = match crate::sync::names(state, org).await {
        Ok(names) => names,
        // Lever's lists are out of reach: the task knows the stage it chose, which is enough.
        Err(_) => crate::sync::Names {
            stages: task.stage_id.iter().zip(&task.stage_name).map(|(i, n)| (i.clone(), n.clone())).collect(),
            owners: Default::default(),
        },
    };
    let Some(row) = crate::sync::profile_row(state, opp, &names) else {
        return Err(LeverError::Internal("Lever's answer to a create carries no opportunity id".into()));
    };
    let lever = InLever {
        opportunity_id: &row.profile.opportunity_id,
        contact_id: &row.profile.contact_id,
        url: &row.profile.url,
    };
    finish(state, task, item, Outcome::Exported { lever, indexed: Some((org, &row)), note_failed }).await
}

/// Adds the export's note to a new opportunity, inside the account's rate budget. A note is not
/// worth a second opportunity: a note that fails is reported on the candidate, never retried by
/// creating again, and is only sent again when Lever said it was busy (so it never arrived).
async fn add_note(state: &AppState, org: &str, opp: &Value, note: &str, perform_as: &str) -> Result<(), String> {
    let Some(id) = opp["id"].as_str() else {
        return Err(crate::text!("reason-note-no-opportunity").stored());
    };
    let path = format!("/opportunities/{id}/notes");
    let body = serde_json::json!({ "value": note });
    for attempt in 0..4 {
        let outcome = async {
            let token = tokens::access_token(state, org).await.map_err(|e| e.to_string())?;
            state.lever.budget.until_ready(org).await.map_err(|e| e.to_string())?;
            Ok::<_, String>(state.lever.api.post_json(&token, &path, &[("perform_as", perform_as)], &body).await)
        };
        match outcome.await? {
            Ok(_) => return Ok(()),
            Err(PostError::RateLimited) => tokio::time::sleep(backoff(attempt)).await,
            Err(e) => return Err(crate::text!("reason-note-failed", why = e.to_string()).stored()),
        }
    }
    Err(crate::text!("reason-note-busy").stored())
}

/// Marks an item failed after an error outside Lever's answers (and audits it like any other).
async fn give_up(state: &AppState, item: &ItemRow, reason: &str) -> Result<(), LeverError> {
    let task = state
        .store
        .export_task_row(&item.task_id)
        .await?
        .ok_or_else(|| LeverError::Internal("task vanished".into()))?;
    finish(state, &task, item, Outcome::Failed { reason }).await
}

/// Puts an item back in the queue without counting it as a failure (it waits for a pause to end).
async fn requeue(state: &AppState, item: &ItemRow) -> Result<(), LeverError> {
    state.store.end_export_item(item, &Outcome::Waiting { reason: None }).await?;
    Ok(())
}

fn form(
    task: &TaskRow,
    c: &Candidate,
    stage: Option<&str>,
    contact: Option<&str>,
    fields: &[ResumeField],
    tags: &[&str],
) -> reqwest::multipart::Form {
    use reqwest::multipart::{Form, Part};
    let (file, content_type, bytes) = resume::render(c, fields, task.format);
    let headline = match (&c.title, &c.company) {
        (Some(t), Some(co)) => format!("{t} at {co}"),
        (Some(t), None) => t.clone(),
        (None, Some(co)) => co.clone(),
        (None, None) => String::new(),
    };
    let mut form = Form::new().text("name", c.name.clone()).text("origin", "sourced").text("sources[]", SOURCE);
    if !headline.is_empty() {
        form = form.text("headline", headline);
    }
    if let Some(location) = &c.location {
        form = form.text("location", location.clone());
    }
    for email in &c.emails {
        form = form.text("emails[]", email.clone());
    }
    // Lever documents phones as objects: `phones[0][value]` (the type is not on the page).
    for (i, phone) in c.phones.iter().enumerate() {
        form = form.text(format!("phones[{i}][value]"), phone.clone());
    }
    if let Some(link) = &c.linkedin {
        form = form.text("links[]", link.clone());
    }
    for tag in tags {
        form = form.text("tags[]", (*tag).to_owned());
    }
    if let Some(stage) = stage {
        form = form.text("stage", stage.to_owned());
    }
    if let Some(posting) = &task.posting_id {
        form = form.text("postings[]", posting.clone());
    }
    if let Some(owner) = &task.owner_id {
        form = form.text("owner", owner.clone());
    }
    if let Some(contact) = contact {
        form = form.text("contact", contact.to_owned());
    }
    let part = Part::bytes(bytes).file_name(file).mime_str(content_type).unwrap_or_else(|_| Part::bytes(Vec::new()));
    form.part("resumeFile", part)
}

/// How long a worker waits for another export of the same person (another task, another replica)
/// before putting its own back in the queue.
const PERSON_WAIT: Duration = Duration::from_secs(20);

/// The leases that make exports of one person take turns, across tasks and replicas: one per
/// identity key, held by the item's claim until its outcome (and the index) is written.
async fn take_person(state: &AppState, org: &str, item: &ItemRow, keys: &[String]) -> Result<bool, LeverError> {
    let ttl = i64::try_from(state.config.export_claim_timeout_secs.saturating_mul(1000)).unwrap_or(i64::MAX);
    let started = std::time::Instant::now();
    'again: loop {
        for (i, key) in keys.iter().enumerate() {
            if !state.store.take_lease(&format!("person:{org}:{key}"), &item.claim, ttl).await? {
                release_person(state, org, item, &keys[..i]).await;
                if started.elapsed() > PERSON_WAIT {
                    return Ok(false);
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue 'again;
            }
        }
        return Ok(true);
    }
}

async fn release_person(state: &AppState, org: &str, item: &ItemRow, keys: &[String]) {
    for key in keys {
        if let Err(e) = state.store.release_lease(&format!("person:{org}:{key}"), &item.claim).await {
            tracing::warn!(item = item.id, error = %e, "cannot release a person's lease; it expires by itself");
        }
    }
}

/// One attempt at one candidate, while no other export of the same person runs.
async fn process(state: &AppState, item: &ItemRow) -> Result<(), LeverError> {
    let task = state
        .store
        .export_task_row(&item.task_id)
        .await?
        .ok_or_else(|| LeverError::Internal("task vanished".into()))?;
    let org = task.organisation_id.as_str();
    let candidate = &item.candidate;
    let mut keys: Vec<String> =
        crate::sync::check::keys(candidate, &state.config.default_phone_region).into_iter().map(|(_, k)| k).collect();
    keys.sort();
    keys.dedup();
    if !take_person(state, org, item, &keys).await? {
        let reason = crate::text!("reason-waiting-for-same-person").stored();
        state.store.end_export_item(item, &Outcome::Waiting { reason: Some(&reason) }).await?;
        return Ok(());
    }
    let outcome = attempt(state, &task, item).await;
    release_person(state, org, item, &keys).await;
    outcome
}

/// One attempt at one candidate (the caller holds the person's leases).
async fn attempt(state: &AppState, task: &TaskRow, item: &ItemRow) -> Result<(), LeverError> {
    let (org, candidate) = (task.organisation_id.as_str(), &item.candidate);
    let settings = state
        .store
        .settings(org)
        .await?
        .ok_or_else(|| LeverError::Disconnected(crate::text!("error-lever-not-connected")))?;
    // Checked again here: *Retry failed* re-queues candidates refused when the task was made.
    if let Some(why) = problem(candidate) {
        return finish(state, task, item, Outcome::Failed { reason: &why.reason() }).await;
    }
    let Some(perform_as) = settings.integration_admin_id.clone() else {
        let reason = crate::text!("reason-no-integration-admin").stored();
        return finish(state, task, item, Outcome::Failed { reason: &reason }).await;
    };

    if let Some(sent_at) = item.sent_at
        && let Some(opp) = already_created(state, org, candidate, sent_at).await?
    {
        tracing::info!(item = item.id, "an earlier unanswered create had worked; not creating again");
        return finish_exported(state, task, item, &opp, None).await;
    }

    let mut contact = None;
    // The index holds what the sync copied and everything exported through us (recorded with
    // each outcome), so a person exported a moment ago by any task is found here.
    let request = CheckRequest { candidates: vec![candidate.contacts()] };
    let matches = crate::sync::check::lookup_for(state, org, &request, Some(&item.id)).await?;
    if let Some(CheckOutcome::Exact { on, profile }) = matches.first().map(|r| &r.outcome) {
        if task.duplicates == DuplicatePolicy::AddOpportunity {
            contact = Some(profile.contact_id.clone());
        } else {
            let reason =
                crate::text!("reason-already-in-lever", on = crate::text::Text::new(on.word(), vec![])).stored();
            let lever =
                InLever { opportunity_id: &profile.opportunity_id, contact_id: &profile.contact_id, url: &profile.url };
            return finish(state, task, item, Outcome::Skipped { lever, reason: &reason }).await;
        }
    }

    let stage = task.stage_id.as_deref().or(settings.default_stage_id.as_deref());
    let tags: Vec<&str> =
        if settings.tag_exports { std::iter::once(SOURCE).chain(task.origin.as_deref()).collect() } else { Vec::new() };
    let body = form(task, candidate, stage, contact.as_deref(), &task.fields, &tags);
    let token = tokens::access_token(state, org).await?;
    state.lever.budget.until_ready(org).await?;
    if !state.store.mark_export_sent(item, now_ms()).await? {
        tracing::warn!(item = item.id, "another worker took this candidate over; not sending");
        return Ok(());
    }
    let attempt = item.attempts + 1;
    match state.lever.api.post_multipart(&token, "/opportunities", &[("perform_as", perform_as.as_str())], body).await {
        Ok(created) => {
            let opp = &created["data"];
            let note = match &task.note {
                Some(note) => add_note(state, org, opp, note, &perform_as).await.err(),
                None => None,
            };
            finish_exported(state, task, item, opp, note.as_deref()).await
        }
        Err(PostError::Refused(why)) if why.contains("perform_as") => {
            // The integration admin can't act any more: the sync's check pauses the exports with
            // what to change, and this candidate waits with the others.
            crate::sync::people::follow_lever(state, org).await?;
            if state.store.settings(org).await?.is_some_and(|s| s.exports_blocked.is_some()) {
                return requeue(state, item).await;
            }
            let reason = crate::text!("reason-lever-refused", why = why.as_str()).stored();
            finish(state, task, item, Outcome::Failed { reason: &reason }).await
        }
        Err(PostError::Refused(why)) => {
            let reason = crate::text!("reason-lever-refused", why = why.as_str()).stored();
            finish(state, task, item, Outcome::Failed { reason: &reason }).await
        }
        Err(PostError::Unauthorized) => {
            // Revoked: every export of the organisation pauses (the worker claims nothing for it
            // while disconnected, so no retry storm) and resumes once a Super Admin reconnects.
            tokens::mark_revoked(state, org).await?;
            requeue(state, item).await
        }
        Err(e @ (PostError::RateLimited | PostError::Ambiguous(_))) if attempt >= MAX_ATTEMPTS => {
            let reason = crate::text!("reason-lever-gave-up", count = attempt, why = e.to_string()).stored();
            finish(state, task, item, Outcome::Failed { reason: &reason }).await
        }
        Err(e) => {
            tracing::info!(item = item.id, error = %e, attempt, "export will be retried");
            tokio::time::sleep(backoff(attempt)).await;
            let reason = crate::text!("reason-retrying", why = e.to_string()).stored();
            let retry = Outcome::Retry { reason: &reason, counted: false };
            state.store.end_export_item(item, &retry).await?;
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Problem;

    /// What is stored reads back as the catalogue's English (and so in any language).
    #[test]
    fn a_problems_stored_reason_reads_back_as_its_text() {
        for problem in [Problem::Locked, Problem::NoName, Problem::TooLong, Problem::TooManyKeys] {
            assert_eq!(crate::text::english_stored(&problem.reason()), problem.text().english());
        }
    }
}
