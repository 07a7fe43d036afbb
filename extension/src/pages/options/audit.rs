//! The audit log, for Super Admins: who connected, disconnected, changed a setting, invited
//! someone or exported whom (to which job and stage), and when; with its retention setting.

use serde_json::Value;
use shared::api::{AuditAction, AuditEntry, MAX_AUDIT_RETENTION_DAYS, Settings, SettingsUpdate};
use shared::endpoints::{GetSettings, ListAudit, SaveSettings};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::Generation;
use crate::client;

async fn load() -> Result<(Vec<AuditEntry>, Settings), String> {
    let entries = client::call(ListAudit).await.map_err(|e| e.message)?;
    let settings = client::call(GetSettings).await.map_err(|e| e.message)?;
    Ok((entries, settings))
}

use crate::pages::time::when;

fn text(v: &Value, key: &str) -> Option<String> {
    v[key].as_str().map(str::to_owned)
}

/// One entry in words.
fn describe(e: &AuditEntry) -> String {
    let d = &e.detail;
    let or = |key: &str, default: String| text(d, key).unwrap_or(default);
    let someone = || t!("options-audit-someone");
    match e.action {
        AuditAction::LeverConnected => t!("options-audit-lever-connected"),
        AuditAction::LeverDisconnected => t!("options-audit-lever-disconnected"),
        AuditAction::LeverRevoked => t!("options-audit-lever-revoked"),
        AuditAction::SettingsChanged => t!("options-audit-settings-changed"),
        AuditAction::WebhookTokenChanged => t!("options-audit-webhook-token-changed"),
        AuditAction::AdaptersChanged => t!("options-audit-adapters-changed"),
        AuditAction::InviteCreated => t!("options-audit-invite-created", whom = or("for", someone())),
        AuditAction::InviteRevoked => t!("options-audit-invite-revoked"),
        AuditAction::InviteRedeemed => {
            t!("options-audit-invite-redeemed", role = or("role", t!("options-audit-member")))
        }
        AuditAction::MemberRoleChanged => {
            t!("options-audit-member-role-changed", whom = or("whom", someone()), role = or("to", "?".into()))
        }
        AuditAction::MemberDeactivated => t!("options-audit-member-deactivated", whom = or("whom", someone())),
        AuditAction::ExportCreated => t!(
            "options-audit-export-created",
            name = or("name", String::new()),
            count = d["candidates"].as_u64().unwrap_or_default()
        ),
        AuditAction::ExportCandidate => {
            let mut line = t!(
                "options-audit-export-candidate",
                whom = or("whom", t!("options-audit-a-candidate")),
                outcome = or("outcome", "?".into())
            );
            if let Some(job) = text(d, "job") {
                line = format!("{line} · {}", t!("options-audit-export-job", job = job));
            }
            if let Some(stage) = text(d, "stage") {
                line = format!("{line} · {}", t!("options-audit-export-stage", stage = stage));
            }
            line
        }
        AuditAction::ExportsPaused => t!("options-audit-exports-paused", reason = or("reason", String::new())),
        AuditAction::ExportsResumed => t!("options-audit-exports-resumed"),
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub generation: Generation,
}

#[function_component(AuditSection)]
pub fn audit_section(props: &Props) -> Html {
    let (loaded, reload) = crate::hooks::use_loaded(props.generation, load);
    let notice = use_state(|| None::<Result<String, String>>);
    let days_ref = use_node_ref();
    let on_retention = {
        let (reload, notice, days_ref) = (reload.clone(), notice.clone(), days_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let days = days_ref.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let Ok(days) = days.trim().parse::<u16>() else {
                notice.set(Some(Err(t!("options-days-range", max = MAX_AUDIT_RETENTION_DAYS))));
                return;
            };
            let (reload, notice) = (reload.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let update = SettingsUpdate { audit_retention_days: Some(days), ..SettingsUpdate::default() };
                match client::call(SaveSettings(update)).await {
                    Ok(_) => notice.set(Some(Ok(t!("options-audit-kept", days = days)))),
                    Err(e) => notice.set(Some(Err(e.message))),
                }
                reload.emit(());
            });
        })
    };
    let body = match &loaded {
        None => html! { <p>{ t!("options-audit-loading") }</p> },
        Some(Err(message)) => html! { <p class="bad" role="alert">{ message.clone() }</p> },
        Some(Ok((entries, settings))) => html! {
            <>
                <form onsubmit={on_retention} data-testid="retention-form">
                    <label for="audit-retention">{ t!("options-audit-retention") }</label>
                    <input id="audit-retention" type="number" min="1" max={MAX_AUDIT_RETENTION_DAYS.to_string()} ref={days_ref}
                        value={settings.audit_retention_days.to_string()} />
                    <button type="submit">{ t!("options-save") }</button>
                </form>
                <table data-testid="audit-log">
                    <thead><tr><th>{ t!("options-audit-when") }</th><th>{ t!("options-audit-who") }</th><th>{ t!("options-audit-what") }</th></tr></thead>
                    <tbody>
                        { for entries.iter().map(|e| html! {
                            <tr data-testid="audit-entry" data-action={e.action.as_str()}>
                                <td>{ when(e.at) }</td>
                                <td>{ e.actor.clone().unwrap_or_else(|| t!("product-lever")) }</td>
                                <td>{ describe(e) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </>
        },
    };
    html! {
        <section aria-labelledby="audit-heading">
            <h3 id="audit-heading">{ t!("options-audit-heading") }</h3>
            { body }
            {
                match &*notice {
                    Some(Ok(text)) => html! { <p class="ok" role="status" data-testid="audit-notice">{ text.clone() }</p> },
                    Some(Err(text)) => html! { <p class="bad" role="alert" data-testid="audit-notice">{ text.clone() }</p> },
                    None => html! {},
                }
            }
        </section>
    }
}
