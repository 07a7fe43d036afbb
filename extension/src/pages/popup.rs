//! The toolbar popup: is the bridge working (backend, sign-in, Lever connection, profile sync),
//! what it found on this tab, the last export tasks, and the way to the options and the task
//! manager.

use shared::api::{ConnectionState, ConnectionStatus, ExportTask, Me, SyncStatus};
use shared::endpoints::{GetConnection, GetMe, GetSync, ListExports};
use shared::messages::{ExtensionStatus, GetStatus, OpenTaskManager};
use yew::prelude::*;

use super::BackendLine;
use super::time::{ago, when};
use crate::{chrome, client};

/// How many recent tasks the popup lists.
const RECENT: usize = 3;

/// What the popup knows once it has asked.
#[derive(Debug, Clone, PartialEq)]
struct Known {
    status: ExtensionStatus,
    /// Who is signed in, when someone is (and what they may see).
    me: Option<Me>,
    connection: Option<Result<ConnectionStatus, String>>,
    sync: Option<SyncStatus>,
    tasks: Vec<ExportTask>,
}

async fn load() -> Result<Known, String> {
    let tab_id = chrome::active_tab_id().await;
    let status = chrome::ask(GetStatus { tab_id }).await?;
    let mut known = Known { status, me: None, connection: None, sync: None, tasks: Vec::new() };
    if !known.status.signed_in {
        return Ok(known);
    }
    known.me = client::call(GetMe).await.ok();
    if known.me.is_some() {
        known.connection = Some(client::call(GetConnection).await.map_err(|e| e.message));
        known.sync = client::call(GetSync).await.ok();
        known.tasks = client::call(ListExports).await.map(|t| t.into_iter().take(RECENT).collect()).unwrap_or_default();
    }
    Ok(known)
}

fn account(k: &Known) -> Html {
    match (&k.me, &k.connection) {
        (None, _) => html! {
            <p class="idle" data-testid="sign-in-state">{ "Not signed in: connect Lever or join with an invite code in the options." }</p>
        },
        (Some(me), connection) => {
            let lever = match connection {
                Some(Ok(c)) if c.state == ConnectionState::Connected => html! {
                    <p class="ok" data-testid="lever-state">{ "Lever connected" }{ c.connected_as.as_ref().map(|p| format!(" by {}", p.name)).unwrap_or_default() }</p>
                },
                Some(Ok(c)) => html! {
                    <p class="bad" data-testid="lever-state">{ c.reason.clone().unwrap_or_else(|| "Lever is disconnected.".into()) }</p>
                },
                Some(Err(message)) => html! { <p class="bad" data-testid="lever-state">{ message.clone() }</p> },
                None => html! {},
            };
            html! {
                <>
                    <p data-testid="sign-in-state">{ format!("Signed in as {} ({})", me.person.name, me.role.label()) }</p>
                    { lever }
                </>
            }
        }
    }
}

fn sync(s: &SyncStatus) -> Html {
    let text = match (s.enabled, s.last_success_at) {
        (false, _) => "Auto Full Profiles Sync is off: badges can't show who is in Lever.".to_owned(),
        (true, None) => format!("Auto Full Profiles Sync is on ({} days); not synced yet.", s.days),
        (true, Some(at)) => format!(
            "{} Lever {} indexed; synced {}.",
            s.profiles,
            if s.profiles == 1 { "profile" } else { "profiles" },
            ago(at)
        ),
    };
    let class = if s.last_error.is_some() {
        "bad"
    } else if s.enabled {
        "ok"
    } else {
        "idle"
    };
    html! {
        <>
            <p class={class} data-testid="sync-state">{ text }</p>
            if let Some(error) = &s.last_error { <p class="bad">{ error.clone() }</p> }
        </>
    }
}

fn tasks(list: &[ExportTask]) -> Html {
    if list.is_empty() {
        return html! {};
    }
    html! {
        <>
            <h2>{ "Recent exports" }</h2>
            <ul class="popover-tasks" data-testid="recent-tasks">
                { for list.iter().map(|t| html! {
                    <li>
                        <b>{ t.name.clone() }</b>
                        <span class="idle" title={when(t.created_at)}>
                            { format!("{} · {} exported, {} failed, {} waiting", ago(t.created_at), t.counts.exported, t.counts.failed, t.counts.queued + t.counts.exporting) }
                        </span>
                    </li>
                }) }
            </ul>
        </>
    }
}

#[function_component(Popup)]
pub fn popup() -> Html {
    let known = use_state(|| None::<Result<Known, String>>);
    {
        let known = known.clone();
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move { known.set(Some(load().await)) });
        });
    }
    let open_tasks = Callback::from(|_: MouseEvent| {
        wasm_bindgen_futures::spawn_local(async {
            chrome::ask(OpenTaskManager {}).await.ok();
        });
    });
    let body = match &*known {
        None => html! { <p>{ "Checking…" }</p> },
        Some(Err(message)) => html! { <p class="bad" role="alert">{ message.clone() }</p> },
        Some(Ok(k)) => {
            let page = match &k.status.page {
                Some(scan) => scan.summary(&crate::speech::catalogue().speech()),
                None => "This tab is not a ProvenBase candidate page.".to_owned(),
            };
            html! {
                <>
                    <BackendLine state={k.status.backend.clone()} />
                    { account(k) }
                    if let Some(s) = &k.sync { { sync(s) } }
                    <p data-testid="page-scan">{ page }</p>
                    { tasks(&k.tasks) }
                </>
            }
        }
    };
    let signed_in = matches!(&*known, Some(Ok(k)) if k.me.is_some());
    html! {
        <main class="popup">
            <h1>{ "ProvenBase → Lever" }</h1>
            { body }
            <nav class="pbl-actions">
                if signed_in { <button type="button" class="secondary" onclick={open_tasks} data-testid="open-tasks">{ "Task manager" }</button> }
                <a href="options.html" target="_blank" data-testid="open-options">{ "Options" }</a>
            </nav>
        </main>
    }
}
