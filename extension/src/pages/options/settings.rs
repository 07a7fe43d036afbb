//! The integration settings form: default stage and integration Lever admin (dropdowns filled
//! from Lever), Auto Full Profiles Sync with its days. Read-only, with the reason, for anyone
//! who is not a Super Admin.

use shared::api::{Action, AutoSync, LeverStage, LeverUser, Me, Role, Settings, SettingsUpdate};
use shared::messages::BackendCall;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::Generation;
use crate::client;

#[derive(Debug, Clone, PartialEq)]
struct Loaded {
    settings: Settings,
    stages: Vec<LeverStage>,
    users: Vec<LeverUser>,
}

async fn load() -> Result<Loaded, String> {
    let settings = client::call::<Settings>(BackendCall::Settings).await.map_err(|e| e.message)?;
    let stages = client::call::<Vec<LeverStage>>(BackendCall::Stages).await.map_err(|e| e.message)?;
    let users = client::call::<Vec<LeverUser>>(BackendCall::Users).await.map_err(|e| e.message)?;
    Ok(Loaded { settings, stages, users })
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub generation: Generation,
    pub me: Me,
}

#[function_component(SettingsSection)]
pub fn settings_section(props: &Props) -> Html {
    let loaded = use_state(|| None::<Result<Loaded, String>>);
    let notice = use_state(|| None::<Result<String, String>>);
    let (stage_ref, admin_ref, sync_ref, days_ref) = (use_node_ref(), use_node_ref(), use_node_ref(), use_node_ref());
    {
        let loaded = loaded.clone();
        use_effect_with(props.generation, move |_| {
            wasm_bindgen_futures::spawn_local(async move { loaded.set(Some(load().await)) });
        });
    }
    let editable = props.me.role.may(Action::Configure);
    let on_save = {
        let (loaded, notice) = (loaded.clone(), notice.clone());
        let refs = (stage_ref.clone(), admin_ref.clone(), sync_ref.clone(), days_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let stage = refs.0.cast::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            let admin = refs.1.cast::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            let enabled = refs.2.cast::<HtmlInputElement>().is_some_and(|i| i.checked());
            let days = refs.3.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let Ok(days) = days.trim().parse::<u16>() else {
                notice.set(Some(Err(format!("Enter a number of days from 1 to {}.", AutoSync::MAX_DAYS))));
                return;
            };
            let update = SettingsUpdate {
                default_stage_id: Some(stage),
                auto_sync: Some(AutoSync { enabled, days }),
                integration_admin_id: (!admin.is_empty()).then_some(admin),
            };
            let (loaded, notice) = (loaded.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match client::call::<Settings>(BackendCall::SaveSettings { update }).await {
                    Ok(_) => {
                        notice.set(Some(Ok("Settings saved.".into())));
                        loaded.set(Some(load().await));
                    }
                    Err(e) => notice.set(Some(Err(e.message))),
                }
            });
        })
    };
    let form = match &*loaded {
        None => html! { <p>{ "Loading settings…" }</p> },
        Some(Err(message)) => {
            html! { <p class="bad" role="alert" data-testid="settings-error">{ message.clone() }</p> }
        }
        Some(Ok(l)) => {
            let s = &l.settings;
            let stage_options = l.stages.iter().map(|st| {
                html! { <option value={st.id.clone()} selected={s.default_stage_id.as_deref() == Some(st.id.as_str())}>{ st.text.clone() }</option> }
            });
            let admins = l.users.iter().filter(|u| matches!(u.role, Some(Role::SuperAdmin | Role::Admin | Role::TeamMember))).map(|u| {
                html! { <option value={u.id.clone()} selected={s.integration_admin_id.as_deref() == Some(u.id.as_str())}>{ format!("{} ({})", u.name, u.email) }</option> }
            });
            html! {
                <form onsubmit={on_save} data-testid="settings-form" class="settings">
                    <fieldset disabled={!editable}>
                        <label for="default-stage">{ "Default stage" }</label>
                        <select id="default-stage" ref={stage_ref}>
                            <option value="" selected={s.default_stage_id.is_none()}>{ "Lever's default (New lead)" }</option>
                            { for stage_options }
                        </select>
                        <label for="integration-admin">{ "Integration Lever admin" }</label>
                        <select id="integration-admin" ref={admin_ref}>{ for admins }</select>
                        <label><input id="auto-sync" type="checkbox" ref={sync_ref} checked={s.auto_sync.enabled} />
                            { " Auto Full Profiles Sync" }</label>
                        <label for="auto-sync-days">{ "Days to check for duplicates" }</label>
                        <input id="auto-sync-days" type="number" min="1" max="365" ref={days_ref} value={s.auto_sync.days.to_string()} />
                        <button type="submit">{ "Save settings" }</button>
                    </fieldset>
                </form>
            }
        }
    };
    html! {
        <section aria-labelledby="settings-heading">
            <h3 id="settings-heading">{ "Integration settings" }</h3>
            if !editable {
                <p class="idle" data-testid="read-only-reason">{ format!(
                    "Read-only: only Lever Super Admins can change these settings; your Lever role is {}.",
                    props.me.role.label()
                ) }</p>
            }
            { form }
            {
                match &*notice {
                    Some(Ok(text)) => html! { <p class="ok" role="status" data-testid="settings-notice">{ text.clone() }</p> },
                    Some(Err(text)) => html! { <p class="bad" role="alert" data-testid="settings-notice">{ text.clone() }</p> },
                    None => html! {},
                }
            }
        </section>
    }
}
