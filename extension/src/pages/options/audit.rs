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
    let or = |key: &str, default: &str| text(d, key).unwrap_or_else(|| default.to_owned());
    match e.action {
        AuditAction::LeverConnected => "Connected Lever".into(),
        AuditAction::LeverDisconnected => "Disconnected Lever".into(),
        AuditAction::LeverRevoked => "Lever access was revoked".into(),
        AuditAction::SettingsChanged => "Changed the integration settings".into(),
        AuditAction::WebhookTokenChanged => "Changed the webhook signature token".into(),
        AuditAction::AdaptersChanged => "Changed the page adapters".into(),
        AuditAction::InviteCreated => format!("Invited {}", or("for", "someone")),
        AuditAction::InviteRevoked => "Revoked an invite".into(),
        AuditAction::InviteRedeemed => format!("Joined ({})", or("role", "member")),
        AuditAction::MemberRoleChanged => format!("{} is now a {} in Lever", or("whom", "someone"), or("to", "?")),
        AuditAction::MemberDeactivated => format!("{} was deactivated in Lever; sessions ended", or("whom", "someone")),
        AuditAction::ExportCreated => format!(
            "Started the export task \"{}\" ({})",
            or("name", ""),
            shared::prompt::candidates(d["candidates"].as_u64().unwrap_or_default() as usize)
        ),
        AuditAction::ExportCandidate => format!(
            "Export of {}: {}{}{}",
            or("whom", "a candidate"),
            or("outcome", "?"),
            text(d, "job").map(|j| format!(" · job {j}")).unwrap_or_default(),
            text(d, "stage").map(|s| format!(" · stage {s}")).unwrap_or_default(),
        ),
        AuditAction::ExportsPaused => format!("Exports paused: {}", or("reason", "")),
        AuditAction::ExportsResumed => "Exports resumed".into(),
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
                notice.set(Some(Err(format!("Enter a number of days from 1 to {MAX_AUDIT_RETENTION_DAYS}."))));
                return;
            };
            let (reload, notice) = (reload.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let update = SettingsUpdate { audit_retention_days: Some(days), ..SettingsUpdate::default() };
                match client::call(SaveSettings(update)).await {
                    Ok(_) => notice.set(Some(Ok(format!("The audit log now keeps {days} days.")))),
                    Err(e) => notice.set(Some(Err(e.message))),
                }
                reload.emit(());
            });
        })
    };
    let body = match &loaded {
        None => html! { <p>{ "Loading the audit log…" }</p> },
        Some(Err(message)) => html! { <p class="bad" role="alert">{ message.clone() }</p> },
        Some(Ok((entries, settings))) => html! {
            <>
                <form onsubmit={on_retention} data-testid="retention-form">
                    <label for="audit-retention">{ "Keep entries for (days)" }</label>
                    <input id="audit-retention" type="number" min="1" max={MAX_AUDIT_RETENTION_DAYS.to_string()} ref={days_ref}
                        value={settings.audit_retention_days.to_string()} />
                    <button type="submit">{ "Save" }</button>
                </form>
                <table data-testid="audit-log">
                    <thead><tr><th>{ "When" }</th><th>{ "Who" }</th><th>{ "What" }</th></tr></thead>
                    <tbody>
                        { for entries.iter().map(|e| html! {
                            <tr data-testid="audit-entry" data-action={e.action.as_str()}>
                                <td>{ when(e.at) }</td>
                                <td>{ e.actor.clone().unwrap_or_else(|| "Lever".into()) }</td>
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
            <h3 id="audit-heading">{ "Audit log" }</h3>
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
