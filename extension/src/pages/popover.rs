//! The task manager popover, shown above the bar on ProvenBase pages: recent export tasks with
//! their progress (live, from the worker's event stream: nothing is polled), and *Show All* for
//! the full task manager.

use shared::messages::OpenTaskManager;
use yew::prelude::*;

use crate::chrome;
use crate::hooks::use_live_tasks;

#[function_component(TaskPopover)]
pub fn task_popover() -> Html {
    let tasks = use_live_tasks();
    let show_all = Callback::from(|_: MouseEvent| {
        wasm_bindgen_futures::spawn_local(async {
            chrome::ask(OpenTaskManager {}).await.ok();
        });
    });
    let list = match &tasks {
        None => html! { <p>{ t!("popover-loading") }</p> },
        Some(Err(message)) => html! { <p class="bad">{ message.clone() }</p> },
        Some(Ok(list)) if list.is_empty() => html! { <p>{ t!("popover-empty") }</p> },
        Some(Ok(list)) => html! {
            <ul class="popover-tasks">
                { for list.iter().take(5).map(|t| {
                    let c = &t.counts;
                    let done = c.exported + c.skipped + c.failed + c.cancelled;
                    let total = done + c.queued + c.exporting;
                    html! {
                        <li data-testid="task">
                            <b>{ t.name.clone() }</b>
                            if let Some(why) = &t.paused { <p class="bad" role="status" data-testid="paused">{ why.clone() }</p> }
                            <progress max={total.to_string()} value={done.to_string()} aria-label={t!("popover-progress", name = &t.name)} />
                            <span class="idle">{ t!("popover-counts", exported = c.exported, skipped = c.skipped, failed = c.failed, left = c.queued + c.exporting) }</span>
                        </li>
                    }
                }) }
            </ul>
        },
    };
    let title = t!("popover-title");
    html! {
        <main class="popover" aria-label={title.clone()}>
            <h1>{ title }</h1>
            { list }
            <button type="button" onclick={show_all} data-testid="show-all">{ t!("popover-show-all") }</button>
        </main>
    }
}
