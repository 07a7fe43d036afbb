//! Auto Full Profiles Sync: copies the organisation's Lever opportunities updated within the
//! configured days into the local index, then keeps up incrementally (updated-since with an
//! overlap, deletions removed), inside the account's rate budget. A pass records Lever's page
//! token as it goes, so a restart resumes where it stopped.

pub mod check;
pub mod people;
pub mod webhooks;

use std::collections::HashMap;
use std::time::Duration;

use serde_json::Value;
use shared::api::{LeverProfile, MatchKind, SyncStatus};
use shared::identity::{Email, LinkedInUrl, NameKey, Phone, fold};

use crate::AppState;
use crate::lever::Error as LeverError;
use crate::lever::lists;
use crate::lever::tokens;
use crate::store::{ProfileRow, SyncState, now_ms};

/// Incremental passes look back this far before the last pass's start, so an update that raced
/// the previous pass is not missed.
const OVERLAP_MS: i64 = 5 * 60_000;
const DAY_MS: i64 = 86_400_000;

/// Stage and user names by id, stored with each index row (the check never calls Lever).
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub stages: HashMap<String, String>,
    pub owners: HashMap<String, String>,
}

/// Turns one Lever opportunity (JSON) into an index row.
pub fn profile_row(state: &AppState, opp: &Value, names: &Names) -> Option<ProfileRow> {
    let phone_region = state.config.default_phone_region.as_str();
    let id = opp["id"].as_str()?.to_owned();
    let name = opp["name"].as_str().unwrap_or_default().to_owned();
    let headline = opp["headline"].as_str().unwrap_or_default().to_owned();
    let stage_id = opp["stage"].as_str().or_else(|| opp["stage"]["id"].as_str()).map(str::to_owned);
    let owner_id = opp["owner"].as_str().or_else(|| opp["owner"]["id"].as_str()).map(str::to_owned);
    let strings = |field: &str| -> Vec<String> {
        opp[field]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
            .unwrap_or_default()
    };
    let mut keys: Vec<(MatchKind, String)> = Vec::new();
    keys.extend(
        strings("emails").iter().filter_map(|e| Email::parse(e).ok()).map(|e| (MatchKind::Email, e.to_string())),
    );
    keys.extend(
        strings("links")
            .iter()
            .filter_map(|l| LinkedInUrl::parse(l).ok())
            .map(|l| (MatchKind::Linkedin, l.to_string())),
    );
    let phones = opp["phones"].as_array().cloned().unwrap_or_default();
    keys.extend(
        phones
            .iter()
            .filter_map(|p| p["value"].as_str())
            .filter_map(|p| Phone::parse(p, phone_region).ok())
            .map(|p| (MatchKind::Phone, p.to_string())),
    );
    keys.sort();
    keys.dedup();
    Some(ProfileRow {
        profile: LeverProfile {
            contact_id: opp["contact"]
                .as_str()
                .or_else(|| opp["contact"]["id"].as_str())
                .unwrap_or_default()
                .to_owned(),
            stage_name: stage_id.as_ref().and_then(|s| names.stages.get(s).cloned()),
            archived: !opp["archivedAt"].is_null() || !opp["archived"].is_null(),
            owner_name: owner_id.as_ref().and_then(|o| names.owners.get(o).cloned()),
            // `updatedAt` is "Timestamp or null" (old records): then when it was created.
            updated_at: opp["updatedAt"].as_i64().or_else(|| opp["createdAt"].as_i64()).unwrap_or_default(),
            url: state.lever.profile_url(opp),
            opportunity_id: id,
            name: name.clone(),
        },
        name_key: NameKey::parse(&name).map(|n| n.as_str().to_owned()).unwrap_or_default(),
        headline_key: fold(&headline),
        headline,
        stage_id,
        owner_id,
        keys,
    })
}

/// Stage and user names, to store alongside ids (the check never calls Lever).
pub async fn names(state: &AppState, org: &str) -> Result<Names, LeverError> {
    let stages = lists::stages(state, org).await?.into_iter().map(|s| (s.id, s.text)).collect();
    let owners = lists::users(state, org).await?.into_iter().map(|u| (u.id, u.name)).collect();
    Ok(Names { stages, owners })
}

pub async fn status(state: &AppState, org: &str) -> Result<SyncStatus, LeverError> {
    let settings = state.store.settings(org).await?;
    let sync = state.store.sync_state(org).await?;
    Ok(SyncStatus {
        enabled: settings.as_ref().is_some_and(|s| s.auto_sync.enabled),
        days: settings.map_or(0, |s| s.auto_sync.days),
        last_run_at: sync.last_run_at,
        last_success_at: sync.last_success_at,
        // Stored as a message: said in the reader's language.
        last_error: sync.last_error.as_deref().map(crate::text::said_stored),
        profiles: state.store.profile_count(org).await?,
    })
}

/// One sync pass for the organisation: its profiles when Auto Full Profiles Sync is on (full the
/// first time or after the window changed, incremental after), then its people. Runs one at a
/// time per organisation.
pub async fn run(state: &AppState, org: &str) -> Result<SyncStatus, LeverError> {
    let lock = state.sync_lock(org);
    let Ok(_one_pass) = lock.try_lock() else {
        // A pass is already running (the worker, or another "sync now"): its result is ours.
        drop(lock.lock().await);
        return status(state, org).await;
    };
    // Across replicas: one pass at a time per organisation (a replica that dies mid-pass leaves
    // the lease to expire; the next pass resumes from the stored page token).
    let lease = format!("sync:{org}");
    let holder = crate::store::new_id();
    if !state.store.take_lease(&lease, &holder, SYNC_LEASE_MS).await? {
        tracing::debug!(organisation = org, "another replica is syncing this organisation");
        return status(state, org).await;
    }
    let outcome = pass_and_people(state, org).await;
    state.store.release_lease(&lease, &holder).await?;
    outcome?;
    status(state, org).await
}

/// How long one replica may hold an organisation's sync before another may take over.
const SYNC_LEASE_MS: i64 = 15 * 60_000;

/// The profile pass, then the people pass even when the profile pass failed (a role change or a
/// deactivation in Lever must not wait for the index to sync); the first error is the pass's.
async fn pass_and_people(state: &AppState, org: &str) -> Result<(), LeverError> {
    let Some(settings) = state.store.settings(org).await? else { return Ok(()) };
    let profiles = if settings.auto_sync.enabled {
        profiles(state, org, i64::from(settings.auto_sync.days)).await
    } else {
        Ok(())
    };
    if let Err(e) = &profiles {
        tracing::warn!(organisation = org, error = %e, "the profile pass failed; following Lever's people anyway");
    }
    let people = people::follow_lever(state, org).await;
    profiles.and(people)
}

/// The profile index's part of a pass.
async fn profiles(state: &AppState, org: &str, days: i64) -> Result<(), LeverError> {
    let mut sync = state.store.sync_state(org).await?;
    if sync.window_days != Some(days) {
        // A new window: start over, so the index holds exactly what the window says.
        state.store.clear_profiles(org).await?;
        sync = SyncState { window_days: Some(days), ..SyncState::default() };
    }
    let outcome = pass(state, org, &mut sync, days).await;
    sync.last_run_at = Some(now_ms());
    match &outcome {
        Ok(()) => {
            sync.last_success_at = sync.last_run_at;
            sync.last_error = None;
        }
        Err(e) => sync.last_error = Some(e.text().stored()),
    }
    state.store.save_sync_state(org, &sync).await?;
    outcome
}

async fn pass(state: &AppState, org: &str, sync: &mut SyncState, days: i64) -> Result<(), LeverError> {
    let started = sync.pass_started_at.filter(|_| sync.resume_offset.is_some()).unwrap_or_else(now_ms);
    sync.pass_started_at = Some(started);
    let since = match sync.cursor {
        Some(cursor) => cursor - OVERLAP_MS,
        None => started - days * DAY_MS,
    };
    let names = names(state, org).await?;
    let since_text = since.to_string();
    let query = [("updated_at_start", since_text.as_str())];
    // Pipelined: the next page is fetched while this one is written, so the pass keeps pace
    // with Lever's rate bound. A page counts as done (the resume point moves past it) once written.
    let mut page = tokens::page(state, org, "/opportunities", &query, sync.resume_offset.as_deref()).await?;
    loop {
        let (items, next) = page;
        let rows: Vec<ProfileRow> = items.iter().filter_map(|o| profile_row(state, o, &names)).collect();
        let write = async {
            state.store.upsert_profiles(org, &rows).await?;
            sync.resume_offset.clone_from(&next);
            state.store.save_sync_state(org, sync).await
        };
        let Some(offset) = next.as_deref() else {
            write.await?;
            break;
        };
        let (written, fetched) = tokio::join!(write, tokens::page(state, org, "/opportunities", &query, Some(offset)));
        written?;
        page = fetched?;
    }
    if let Some(cursor) = sync.cursor {
        let deleted_since = (cursor - OVERLAP_MS).to_string();
        let query = [("deleted_at_start", deleted_since.as_str())];
        let mut offset: Option<String> = None;
        loop {
            let (items, next) = tokens::page(state, org, "/opportunities/deleted", &query, offset.as_deref()).await?;
            let gone: Vec<String> = items.iter().filter_map(|d| d["id"].as_str().map(str::to_owned)).collect();
            state.store.delete_profiles(org, &gone).await?;
            match next {
                Some(next) => offset = Some(next),
                None => break,
            }
        }
    }
    sync.cursor = Some(started);
    sync.resume_offset = None;
    sync.pass_started_at = None;
    Ok(())
}

/// Syncs every connected organisation (its people always, its profiles when Auto Full Profiles
/// Sync is on) every `sync_interval_secs` and at once when kicked, and sweeps the audit log.
pub fn spawn_worker(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let interval = Duration::from_secs(state.config.sync_interval_secs.max(1));
        loop {
            match state.store.organisations_to_sync().await {
                Ok(orgs) => {
                    for org in orgs {
                        if let Err(e) = crate::unless_it_panics(run(&state, &org)).await {
                            tracing::warn!(organisation = org, error = %e, "profile sync failed");
                        }
                    }
                }
                Err(e) => tracing::error!(error = %e, "cannot list organisations to sync"),
            }
            match state.store.purge_audit().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(entries = n, "audit entries past their retention dropped"),
                Err(e) => tracing::warn!(error = %e, "cannot sweep the audit log"),
            }
            tokio::select! {
                () = tokio::time::sleep(interval) => {}
                () = state.sync_kick.notified() => {}
            }
        }
    })
}
