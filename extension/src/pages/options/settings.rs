//! The integration settings form: default stage and integration Lever admin (dropdowns filled
//! from Lever), Auto Full Profiles Sync with its days. Read-only, with the reason, for anyone
//! who is not a Super Admin.

use shared::api::{Action, AutoSync, LeverStage, LeverUser, Me, Role, Settings, SettingsUpdate, SyncStatus};
use shared::endpoints::{GetSettings, GetSync, ListStages, ListUsers, SaveSettings, SyncNow};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::Generation;
use crate::client;

#[derive(Debug, Clone, PartialEq)]
struct Loaded {
    settings: Settings,
    stages: Vec<LeverStage>,
    users: Vec<LeverUser>,
    sync: SyncStatus,
}

async fn load() -> Result<Loaded, String> {
    let settings = client::call(GetSettings).await.map_err(|e| e.message)?;
    let stages = client::call(ListStages).await.map_err(|e| e.message)?;
    let users = client::call(ListUsers).await.map_err(|e| e.message)?;
    let sync = client::call(GetSync).await.map_err(|e| e.message)?;
    Ok(Loaded { settings, stages, users, sync })
}

/// One line on the profile sync, for people.
fn describe_sync(s: &SyncStatus) -> String {
    if !s.enabled {
        return t!("options-sync-off");
    }
    let mut line = match s.last_success_at {
        Some(at) => {
            t!("options-sync-synced", count = s.profiles, days = s.days, ago = crate::pages::time::ago(at))
        }
        None => t!("options-sync-never", count = s.profiles, days = s.days),
    };
    if let Some(e) = &s.last_error {
        line = format!("{line} {}", t!("options-sync-failed", reason = e));
    }
    line
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub generation: Generation,
    pub me: Me,
    /// Where Lever's webhooks must be sent (shown to the Super Admin).
    pub backend_url: String,
}

#[function_component(SettingsSection)]
pub fn settings_section(props: &Props) -> Html {
    let (loaded, reload) = crate::hooks::use_loaded(props.generation, load);
    let notice = use_state(|| None::<Notice>);
    let (stage_ref, admin_ref, sync_ref, days_ref) = (use_node_ref(), use_node_ref(), use_node_ref(), use_node_ref());
    let webhook_ref = use_node_ref();
    let tag_ref = use_node_ref();
    let editable = props.me.role.may(Action::Configure);
    let on_save = {
        let (reload, notice) = (reload.clone(), notice.clone());
        let refs = (stage_ref.clone(), admin_ref.clone(), sync_ref.clone(), days_ref.clone(), tag_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let stage = refs.0.cast::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            let admin = refs.1.cast::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            let enabled = refs.2.cast::<HtmlInputElement>().is_some_and(|i| i.checked());
            let days = refs.3.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let Ok(days) = days.trim().parse::<u16>() else {
                let why = t!("options-days-range", max = AutoSync::MAX_DAYS);
                notice.set(Some((Source::Save, Err(why))));
                return;
            };
            let tag_exports = refs.4.cast::<HtmlInputElement>().map(|i| i.checked());
            let update = SettingsUpdate {
                default_stage_id: Some(stage),
                auto_sync: Some(AutoSync { enabled, days }),
                integration_admin_id: (!admin.is_empty()).then_some(admin),
                webhook_token: None,
                audit_retention_days: None,
                tag_exports,
            };
            let (reload, notice) = (reload.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match client::call(SaveSettings(update)).await {
                    Ok(_) => {
                        notice.set(Some((Source::Save, Ok(t!("options-settings-saved")))));
                        reload.emit(());
                    }
                    Err(e) => notice.set(Some((Source::Save, Err(e.message)))),
                }
            });
        })
    };
    let form = match &loaded {
        None => html! { <p>{ t!("options-settings-loading") }</p> },
        Some(Err(message)) => {
            html! { <p class="bad" role="alert" data-testid="settings-error">{ message.clone() }</p> }
        }
        Some(Ok(l)) => {
            let s = &l.settings;
            let stage_options = l.stages.iter().map(|st| {
                html! { <option value={st.id.clone()} selected={s.default_stage_id.as_deref() == Some(st.id.as_str())}>{ st.text.clone() }</option> }
            });
            let can_admin =
                |u: &&shared::api::LeverUser| matches!(u.role, Some(Role::SuperAdmin | Role::Admin | Role::TeamMember));
            // No one chosen, or the one chosen can't act any more (deactivated): say so, don't
            // silently offer whoever the browser lists first.
            let admin_known =
                l.users.iter().filter(can_admin).any(|u| s.integration_admin_id.as_deref() == Some(u.id.as_str()));
            let admins = l.users.iter().filter(can_admin).map(|u| {
                html! { <option value={u.id.clone()} selected={s.integration_admin_id.as_deref() == Some(u.id.as_str())}>{ format!("{} ({})", u.name, u.email) }</option> }
            });
            html! {
                <form onsubmit={on_save} data-testid="settings-form" class="settings">
                    if let Some(why) = &s.exports_blocked { <p class="bad" role="alert" data-testid="exports-blocked">{ why.clone() }</p> }
                    <fieldset disabled={!editable}>
                        <label for="default-stage">{ t!("options-default-stage") }</label>
                        <select id="default-stage" ref={stage_ref}>
                            <option value="" selected={s.default_stage_id.is_none()}>{ t!("options-default-stage-lever") }</option>
                            { for stage_options }
                        </select>
                        <label for="integration-admin">{ t!("options-integration-admin") }</label>
                        <select id="integration-admin" ref={admin_ref}>
                            <option value="" disabled=true selected={!admin_known}>{ t!("options-choose-lever-user") }</option>
                            { for admins }
                        </select>
                        <label><input id="auto-sync" type="checkbox" ref={sync_ref} checked={s.auto_sync.enabled} />
                            { " " }{ t!("options-auto-sync") }</label>
                        <label for="auto-sync-days">{ t!("options-auto-sync-days") }</label>
                        <input id="auto-sync-days" type="number" min="1" max="365" ref={days_ref} value={s.auto_sync.days.to_string()} />
                        <label><input id="tag-exports" type="checkbox" ref={tag_ref} checked={s.tag_exports} />
                            { " " }{ t!("options-tag-exports") }</label>
                        <button type="submit">{ t!("options-save-settings") }</button>
                        { notice_after(&notice, Source::Save) }
                    </fieldset>
                </form>
            }
        }
    };
    let on_sync_now = {
        let (reload, notice) = (reload.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            let (reload, notice) = (reload.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match client::call(SyncNow).await {
                    Ok(_) => notice.set(Some((Source::SyncNow, Ok(t!("options-sync-done"))))),
                    Err(e) => notice.set(Some((Source::SyncNow, Err(e.message)))),
                }
                reload.emit(());
            });
        })
    };

    let on_webhook = {
        let (reload, notice, webhook_ref) = (reload.clone(), notice.clone(), webhook_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let token = webhook_ref.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let (reload, notice) = (reload.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let update = SettingsUpdate { webhook_token: Some(token), ..SettingsUpdate::default() };
                match client::call(SaveSettings(update)).await {
                    Ok(_) => notice.set(Some((Source::Webhook, Ok(t!("options-webhook-saved"))))),
                    Err(e) => notice.set(Some((Source::Webhook, Err(e.message)))),
                }
                reload.emit(());
            });
        })
    };
    let sync_block = match &loaded {
        Some(Ok(l)) => html! {
            <>
                <p data-testid="sync-status">{ describe_sync(&l.sync) }</p>
                if editable && l.sync.enabled {
                    <button type="button" class="pbl-button secondary" onclick={on_sync_now} data-testid="sync-now">{ t!("options-sync-now") }</button>
                }
                { notice_after(&notice, Source::SyncNow) }
                if editable {
                    <form onsubmit={on_webhook} data-testid="webhook-form">
                        <p>{ t!("options-webhook-help", url = format!("{}/api/v1/lever/webhooks/{}", props.backend_url, props.me.organisation_id)) }</p>
                        <label for="webhook-token">{ if l.settings.webhook_configured { t!("options-webhook-token-set") } else { t!("options-webhook-token") } }</label>
                        <input id="webhook-token" ref={webhook_ref} type="password" autocomplete="off" />
                        <button type="submit">{ t!("options-webhook-save") }</button>
                        { notice_after(&notice, Source::Webhook) }
                    </form>
                }
            </>
        },
        _ => html! {},
    };
    html! {
        <section aria-labelledby="settings-heading">
            <h3 id="settings-heading">{ t!("options-settings-heading") }</h3>
            if !editable {
                <p class="idle" data-testid="read-only-reason">{ t!("options-settings-read-only", role = crate::speech::word(props.me.role.word())) }</p>
            }
            { form }
            { sync_block }
        </section>
    }
}

/// Which button a notice answers: it shows right after that button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Save,
    SyncNow,
    Webhook,
}

type Notice = (Source, Result<String, String>);

fn notice_after(notice: &Option<Notice>, source: Source) -> Html {
    match notice {
        Some((from, Ok(text))) if *from == source => {
            html! { <p class="ok notice" role="status" data-testid="settings-notice">{ text.clone() }</p> }
        }
        Some((from, Err(text))) if *from == source => {
            html! { <p class="bad notice" role="alert" data-testid="settings-notice">{ text.clone() }</p> }
        }
        _ => html! {},
    }
}
