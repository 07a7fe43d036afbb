//! The full task manager: every export task with when and by whom it started, its job, stage and
//! resume format, its counts and how long it took, in a coloured state; each candidate's state
//! (with a link to Lever once exported, and a reason a person can act on when not), filtered by
//! state; *Retry failed* and *Cancel*. Live: the list arrives from the worker's event stream, and a
//! task's candidates are fetched again only when its counts change.

use shared::api::{ExportItem, ExportState, ExportTask, ResumeFormat, TaskState};
use shared::endpoints::{BackendCall, CancelExport, Endpoint, RetryExport};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::time::{ago, duration, when};
use crate::client;
use crate::hooks::{use_live_tasks, use_task_details};

/// The most tasks shown with their candidates.
const DETAILED: usize = 20;

/// The candidates a filter keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    All,
    Waiting,
    Only(ExportState),
}

impl Filter {
    /// Each filter's value in the list, its message, and itself.
    const CHOICES: [(&'static str, &'static str, Filter); 6] = [
        ("all", "tasks-filter-all", Filter::All),
        ("waiting", "tasks-filter-waiting", Filter::Waiting),
        ("exported", "tasks-filter-exported", Filter::Only(ExportState::Exported)),
        ("skipped", "tasks-filter-skipped", Filter::Only(ExportState::Skipped)),
        ("failed", "tasks-filter-failed", Filter::Only(ExportState::Failed)),
        ("cancelled", "tasks-filter-cancelled", Filter::Only(ExportState::Cancelled)),
    ];

    fn keeps(self, item: &ExportItem) -> bool {
        match self {
            Self::All => true,
            Self::Waiting => matches!(item.state, ExportState::Queued | ExportState::Exporting),
            Self::Only(state) => item.state == state,
        }
    }
}

/// A candidate's state, as its chip says it.
fn state_label(s: ExportState) -> String {
    let word = match s {
        ExportState::Queued => "tasks-item-queued",
        ExportState::Exporting => "tasks-item-exporting",
        ExportState::Exported => "tasks-item-exported",
        ExportState::Skipped => "tasks-item-skipped",
        ExportState::Failed => "tasks-item-failed",
        ExportState::Cancelled => "tasks-item-cancelled",
    };
    crate::speech::catalogue().text(word, &[])
}

fn state_class(s: ExportState) -> &'static str {
    match s {
        ExportState::Queued | ExportState::Exporting => "waiting",
        ExportState::Exported => "done",
        ExportState::Skipped => "skipped",
        ExportState::Failed => "failed",
        ExportState::Cancelled => "cancelled",
    }
}

fn task_class(s: TaskState) -> &'static str {
    match s {
        TaskState::Waiting | TaskState::Running => "waiting",
        TaskState::Paused => "paused",
        TaskState::Done => "done",
        TaskState::DoneWithFailures => "failed",
        TaskState::Cancelled => "cancelled",
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

/// "by Sam Super · 2 min ago · Backend Engineer · New lead · PDF · took 42 s".
fn facts(t: &ExportTask) -> String {
    let mut facts = vec![t!("tasks-by", name = &t.created_by), ago(t.created_at)];
    facts.extend(t.job.clone());
    facts.extend(t.stage.clone());
    facts.push(if t.format == ResumeFormat::Docx { "DOCX" } else { "PDF" }.to_owned());
    if let (TaskState::Done | TaskState::DoneWithFailures | TaskState::Cancelled, Some(end)) =
        (t.state(), t.last_change_at)
    {
        facts.push(t!("tasks-took", duration = duration(t.created_at, end)));
    }
    facts.join(" · ")
}

fn task(t: &ExportTask, items: &[ExportItem], filter: Filter) -> Html {
    let c = &t.counts;
    let total = c.queued + c.exporting + c.exported + c.skipped + c.failed + c.cancelled;
    let done = total - c.queued - c.exporting;
    let state = t.state();
    let shown: Vec<&ExportItem> = items.iter().filter(|i| filter.keeps(i)).collect();
    html! {
        <section class="task" data-testid="task" aria-label={t.name.clone()}>
            <h2>{ t.name.clone() }{ " " }<span class={classes!("chip", task_class(state))} data-testid="task-state">{ crate::speech::catalogue().text(state.word(), &[]) }</span></h2>
            <p class="facts" title={when(t.created_at)} data-testid="task-facts">{ facts(t) }</p>
            <p class="idle" data-testid="task-counts">
                { t!("tasks-counts", exported = c.exported, skipped = c.skipped, failed = c.failed, left = c.queued + c.exporting) }
                { if c.cancelled > 0 { t!("tasks-counts-cancelled", count = c.cancelled) } else { String::new() } }
            </p>
            <progress max={total.to_string()} value={done.to_string()} aria-label={t!("tasks-progress", name = &t.name)} />
            if let Some(why) = &t.paused { <p class="bad" role="status" data-testid="paused">{ why.clone() }</p> }
            <div class="pbl-actions">
                if c.failed > 0 {
                    <button type="button" onclick={act(RetryExport { id: t.id.clone() })} data-testid="retry">{ t!("tasks-retry") }</button>
                }
                if c.queued > 0 {
                    <button type="button" class="secondary" onclick={act(CancelExport { id: t.id.clone() })} data-testid="cancel">{ t!("tasks-cancel-waiting") }</button>
                }
            </div>
            if !shown.is_empty() {
                <table>
                    <thead><tr>
                        <th>{ t!("tasks-candidate") }</th><th>{ t!("tasks-state") }</th><th>{ t!("tasks-why") }</th><th>{ t!("tasks-in-lever") }</th>
                    </tr></thead>
                    <tbody>
                        { for shown.iter().map(|i| html! {
                            <tr data-testid="task-item" data-state={format!("{:?}", i.state).to_lowercase()}>
                                <td>{ i.name.clone() }</td>
                                <td><span class={classes!("chip", state_class(i.state))}>{ state_label(i.state) }</span></td>
                                <td>{ i.reason.clone().unwrap_or_default() }</td>
                                <td>{ match i.lever_url.as_deref().filter(|u| u.starts_with("http")) {
                                    Some(url) => html! { <a href={url.to_owned()} target="_blank" rel="noopener noreferrer">{ t!("tasks-open-in-lever") }</a> },
                                    None => html! {},
                                } }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}

#[function_component(TaskManager)]
pub fn task_manager() -> Html {
    let tasks = use_live_tasks();
    let listed: &[ExportTask] = match &tasks {
        Some(Ok(list)) => list,
        _ => &[],
    };
    let details = use_task_details(listed, DETAILED);
    let filter = use_state(|| Filter::All);
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<HtmlSelectElement>() {
                let chosen = Filter::CHOICES.iter().find(|(value, _, _)| *value == select.value());
                filter.set(chosen.map_or(Filter::All, |(_, _, f)| *f));
            }
        })
    };
    let body = match &tasks {
        None => html! { <p>{ t!("tasks-loading") }</p> },
        Some(Err(message)) => html! { <p class="bad" role="alert">{ message.clone() }</p> },
        Some(Ok(list)) if list.is_empty() => html! { <p>{ t!("tasks-empty") }</p> },
        Some(Ok(list)) => html! {
            { for list.iter().take(DETAILED).map(|t| {
                let items = details.get(&t.id).map(|d| d.items.as_slice()).unwrap_or_default();
                task(t, items, *filter)
            }) }
        },
    };
    html! {
        <main class="options">
            <h1>{ t!("tasks-title") }</h1>
            <label for="pbl-task-filter">{ t!("tasks-show") }{ " " }</label>
            <select id="pbl-task-filter" onchange={on_filter} data-testid="task-filter">
                { for Filter::CHOICES.iter().map(|(value, word, f)| html! {
                    <option value={*value} selected={*f == *filter}>{ crate::speech::catalogue().text(word, &[]) }</option>
                }) }
            </select>
            { body }
        </main>
    }
}
