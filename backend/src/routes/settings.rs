//! The integration's settings: every member reads them; Super Admins change them, each value
//! checked against Lever, each change recorded in the audit trail.

use axum::{Json, extract::State};
use serde_json::json;
use shared::api::{AuditAction, AutoSync, MAX_AUDIT_RETENTION_DAYS, Role, Settings, SettingsUpdate};
use shared::endpoints::{GetSettings, SaveSettings};

use crate::AppState;
use crate::auth::Caller;
use crate::error::AppError;
use crate::lever::lists;
use crate::lever::{self, LeverApiError, tokens};
use crate::routes::{JsonBody, Reply, Routes};
use crate::store::now_ms;

pub fn routes(routes: Routes) -> Routes {
    routes.at::<GetSettings>().to(read).at::<SaveSettings>().to(update)
}

async fn current(state: &AppState, org: &str) -> Result<Settings, AppError> {
    state.store.settings(org).await?.ok_or_else(|| AppError::NotFound(crate::text!("error-connect-first")))
}

/// The settings as the caller reads them: why exports are paused, in their language.
fn said(mut settings: Settings) -> Settings {
    settings.exports_blocked = settings.exports_blocked.map(|why| crate::text::said_stored(&why));
    settings
}

async fn read(State(state): State<AppState>, caller: Caller) -> Reply<GetSettings> {
    Ok(Json(said(current(&state, caller.org()).await?)))
}

async fn update(State(state): State<AppState>, caller: Caller, body: JsonBody<SettingsUpdate>) -> Reply<SaveSettings> {
    let Json(change) = body?;
    let org = caller.org();
    let before = current(&state, org).await?;
    let mut after = before.clone();

    if let Some(stage) = change.default_stage_id {
        after.default_stage_id = if stage.is_empty() {
            None
        } else if lists::stages(&state, org).await?.iter().any(|s| s.id == stage) {
            Some(stage)
        } else {
            return Err(AppError::BadRequest(crate::text!("error-unknown-stage")));
        };
    }
    if let Some(sync) = change.auto_sync {
        if !(1..=AutoSync::MAX_DAYS).contains(&sync.days) {
            return Err(AppError::BadRequest(crate::text!(
                "error-auto-sync-days",
                max = AutoSync::MAX_DAYS,
                days = sync.days
            )));
        }
        after.auto_sync = sync;
        after.auto_sync_answered = true;
    }
    // Only a new choice is checked with Lever (the form sends the current one with every save).
    if let Some(admin) = change.integration_admin_id.filter(|a| before.integration_admin_id.as_ref() != Some(a)) {
        // Asked of Lever now, not from the cached list: someone deactivated a minute ago can't
        // become the user every export is created as.
        let not_active = || AppError::BadRequest(crate::text!("error-admin-not-active"));
        let user = match tokens::get(&state, org, &format!("/users/{admin}"), &[]).await {
            Ok(user) => user["data"].clone(),
            Err(lever::Error::Api(LeverApiError::NotFound(_))) => return Err(not_active()),
            Err(e) => return Err(e.into()),
        };
        let name: crate::text::Value = match user["name"].as_str() {
            Some(name) => name.into(),
            None => crate::text!("error-that-user").into(),
        };
        if !user["deactivatedAt"].is_null() {
            return Err(AppError::BadRequest(crate::text!("error-admin-deactivated", name = name)));
        }
        let role = user["accessRole"].as_str().and_then(Role::from_lever);
        if !matches!(role, Some(Role::SuperAdmin | Role::Admin | Role::TeamMember)) {
            return Err(AppError::BadRequest(crate::text!("error-admin-cannot-create", name = name)));
        }
        after.integration_admin_id = Some(admin);
        // A new integration admin mends what paused the exports (the sync re-checks them).
        after.exports_blocked = None;
    }
    if let Some(days) = change.audit_retention_days {
        if !(1..=MAX_AUDIT_RETENTION_DAYS).contains(&days) {
            return Err(AppError::BadRequest(crate::text!(
                "error-audit-retention",
                max = MAX_AUDIT_RETENTION_DAYS,
                days = days
            )));
        }
        after.audit_retention_days = days;
    }

    if let Some(tag) = change.tag_exports {
        after.tag_exports = tag;
    }

    if let Some(token) = change.webhook_token {
        crate::sync::webhooks::set_token(&state, org, &token).await?;
        after.webhook_configured = !token.trim().is_empty();
        state
            .store
            .audit(
                org,
                Some(&caller.member.id),
                AuditAction::WebhookTokenChanged,
                json!({"configured": after.webhook_configured, "by": caller.member.person.name}),
            )
            .await?;
    }
    if after != before {
        after.updated_at = now_ms();
        state.store.save_settings(org, &after).await?;
        state
            .store
            .audit(
                org,
                Some(&caller.member.id),
                AuditAction::SettingsChanged,
                json!({"before": before, "after": after, "by": caller.member.person.name}),
            )
            .await?;
    }
    if after.auto_sync != before.auto_sync {
        // After saving: the worker reads the settings it is woken for.
        state.sync_kick.notify_one();
    }
    if before.exports_blocked.is_some() && after.exports_blocked.is_none() {
        state.export_kick.notify_one();
    }
    Ok(Json(said(after)))
}
