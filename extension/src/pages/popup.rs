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
            <p class="idle" data-testid="sign-in-state">{ t!("popup-signed-out") }</p>
        },
        (Some(me), connection) => {
            let lever = match connection {
                Some(Ok(c)) if c.state == ConnectionState::Connected => html! {
                    <p class="ok" data-testid="lever-state">{ match &c.connected_as {
                        Some(p) => t!("popup-lever-connected-by", name = &p.name),
                        None => t!("popup-lever-connected"),
                    } }</p>
                },
                Some(Ok(c)) => html! {
                    <p class="bad" data-testid="lever-state">{ c.reason.clone().unwrap_or_else(|| t!("popup-lever-disconnected")) }</p>
                },
                Some(Err(message)) => html! { <p class="bad" data-testid="lever-state">{ message.clone() }</p> },
                None => html! {},
            };
            let role = crate::speech::catalogue().text(me.role.word(), &[]);
            html! {
                <>
                    <p data-testid="sign-in-state">{ t!("popup-signed-in", name = &me.person.name, role = role) }</p>
                    { lever }
                </>
            }
        }
    }
}

fn sync(s: &SyncStatus) -> Html {
    let text = match (s.enabled, s.last_success_at) {
        (false, _) => t!("popup-sync-off"),
        (true, None) => t!("popup-sync-not-yet", days = s.days),
        (true, Some(at)) => t!("popup-sync-done", count = s.profiles, ago = ago(at)),
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
            <h2>{ t!("popup-recent") }</h2>
            <ul class="popover-tasks" data-testid="recent-tasks">
                { for list.iter().map(|t| html! {
                    <li>
                        <b>{ t.name.clone() }</b>
                        <span class="idle" title={when(t.created_at)}>
                            { t!("popup-task-counts", ago = ago(t.created_at), exported = t.counts.exported, failed = t.counts.failed, left = t.counts.queued + t.counts.exporting) }
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
        None => html! { <p>{ t!("popup-checking") }</p> },
        Some(Err(message)) => html! { <p class="bad" role="alert">{ message.clone() }</p> },
        Some(Ok(k)) => {
            let page = match &k.status.page {
                Some(scan) => scan.summary(&crate::speech::catalogue().speech()),
                None => t!("popup-not-a-page"),
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
            <h1>{ t!("product-name") }</h1>
            { body }
            <nav class="pbl-actions">
                if signed_in { <button type="button" class="secondary" onclick={open_tasks} data-testid="open-tasks">{ t!("popup-task-manager") }</button> }
                <a href="options.html" target="_blank" data-testid="open-options">{ t!("popup-options") }</a>
            </nav>
        </main>
    }
}
