//! The full task manager: every export task, each candidate's state (with a link to Lever once
//! exported, and a reason a person can act on when not), *Retry failed* and *Cancel*. Live: the
//! list arrives from the worker's event stream, and a task's candidates are fetched again only
//! when its counts change.

use shared::api::ExportState;
use shared::endpoints::{BackendCall, CancelExport, Endpoint, RetryExport};
use yew::prelude::*;

use crate::client;
use crate::hooks::{use_live_tasks, use_task_details};

/// The most tasks shown with their candidates.
const DETAILED: usize = 20;

fn state_label(s: ExportState) -> &'static str {
    match s {
        ExportState::Queued => "Queued",
        ExportState::Exporting => "Exporting",
        ExportState::Exported => "Exported",
        ExportState::Skipped => "Skipped (duplicate)",
        ExportState::Failed => "Failed",
        ExportState::Cancelled => "Cancelled",
    }
}

/// A button's action: call `endpoint` (the live list shows its effect).
fn act<E: Endpoint + Into<BackendCall> + Clone + 'static>(endpoint: E) -> Callback<MouseEvent> {
    Callback::from(move |_: MouseEvent| {
        let endpoint = endpoint.clone();
        wasm_bindgen_futures::spawn_local(async move {
            client::call(endpoint).await.ok();
        });
    })
}

#[function_component(TaskManager)]
pub fn task_manager() -> Html {
    let tasks = use_live_tasks();
    let listed: &[shared::api::ExportTask] = match &tasks {
        Some(Ok(list)) => list,
        _ => &[],
    };
    let details = use_task_details(listed, DETAILED);
    let body = match &tasks {
        None => html! { <p>{ "Loading export tasks…" }</p> },
        Some(Err(message)) => html! { <p class="bad" role="alert">{ message.clone() }</p> },
        Some(Ok(list)) if list.is_empty() => html! { <p>{ "No exports yet." }</p> },
        Some(Ok(list)) => html! {
            { for list.iter().take(DETAILED).map(|t| {
                let items = details.get(&t.id).map(|d| d.items.as_slice()).unwrap_or_default();
                let c = &t.counts;
                let total = c.queued + c.exporting + c.exported + c.skipped + c.failed + c.cancelled;
                let done = total - c.queued - c.exporting;
                html! {
                    <section class="task" data-testid="task" aria-label={t.name.clone()}>
                        <h2>{ t.name.clone() }</h2>
                        <p class="idle">{ format!("by {} · {} exported, {} skipped, {} failed, {} waiting", t.created_by, c.exported, c.skipped, c.failed, c.queued + c.exporting) }</p>
                        <progress max={total.to_string()} value={done.to_string()} aria-label="progress" />
                        if let Some(why) = &t.paused { <p class="bad" role="status" data-testid="paused">{ why.clone() }</p> }
                        if c.failed > 0 {
                            <button type="button" onclick={act(RetryExport { id: t.id.clone() })} data-testid="retry">{ "Retry failed" }</button>
                        }
                        if c.queued > 0 {
                            <button type="button" class="pbl-button secondary" onclick={act(CancelExport { id: t.id.clone() })} data-testid="cancel">{ "Cancel" }</button>
                        }
                        <table>
                            <thead><tr><th>{ "Candidate" }</th><th>{ "Status" }</th><th>{ "In Lever" }</th></tr></thead>
                            <tbody>
                                { for items.iter().map(|i| html! {
                                    <tr data-testid="task-item" data-state={format!("{:?}", i.state).to_lowercase()}>
                                        <td>{ i.name.clone() }</td>
                                        <td>{ state_label(i.state) }{ i.reason.as_ref().map(|r| format!(" — {r}")).unwrap_or_default() }</td>
                                        <td>{ match i.lever_url.as_deref().filter(|u| u.starts_with("http")) {
                                            Some(url) => html! { <a href={url.to_owned()} target="_blank" rel="noopener noreferrer">{ "Open in Lever" }</a> },
                                            None => html! {},
                                        } }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </section>
                }
            }) }
        },
    };
    html! {
        <main class="options">
            <h1>{ "Lever export tasks" }</h1>
            { body }
        </main>
    }
}
