//! Export tasks, live: the list is asked for once, then arrives from the worker's one event stream
//! (a `pbl-tasks` port) at each change; a task's candidates are fetched again only when its
//! counts change. An open, idle page makes no requests.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use shared::api::ExportTask;
use shared::endpoints::{GetExport, ListExports};
use shared::messages::{LiveNews, TASKS_PORT};
use yew::prelude::*;

use crate::{chrome, client};

type Tasks = Option<Result<Vec<ExportTask>, String>>;

/// The caller's export tasks, newest first: `None` until first known.
#[hook]
pub fn use_live_tasks() -> Tasks {
    let tasks = use_state(|| None);
    {
        let tasks = tasks.clone();
        use_effect_with((), move |()| {
            let (first, heard) = (tasks.clone(), Rc::new(Cell::new(false)));
            let streamed = Rc::clone(&heard);
            wasm_bindgen_futures::spawn_local(async move {
                let listed = client::call(ListExports).await.map_err(|e| e.message);
                // The stream may have answered first: as fresh, and an error must not hide it.
                if listed.is_ok() || !streamed.get() {
                    first.set(Some(listed));
                }
            });
            let held: Held = Rc::new(RefCell::new(Some(None)));
            listen(tasks, heard, Rc::clone(&held));
            // Unmounted: close the port, and (emptying the slot) stop a pending reconnect.
            move || {
                if let Some(port) = held.borrow_mut().take().flatten() {
                    port.disconnect();
                }
            }
        });
    }
    (*tasks).clone()
}

/// The port being listened on: `None` once the page let go, `Some(None)` while (re)connecting.
type Held = Rc<RefCell<Option<Option<chrome::Port>>>>;

/// Listens on a `pbl-tasks` port (`heard` once a list came); again a second after the worker went
/// away, unless the page let go meanwhile.
fn listen(tasks: UseStateHandle<Tasks>, heard: Rc<Cell<bool>>, held: Held) {
    let on_message = {
        let (tasks, heard) = (tasks.clone(), Rc::clone(&heard));
        move |news: LiveNews| {
            if let LiveNews::Tasks { data } = news
                && let Ok(list) = serde_json::from_str(&data)
            {
                heard.set(true);
                tasks.set(Some(Ok(list)));
            }
        }
    };
    let on_close = {
        let held = Rc::clone(&held);
        move || {
            if held.borrow().is_some() {
                *held.borrow_mut() = Some(None);
                Timeout::new(1_000, move || listen(tasks, heard, held)).forget();
            }
        }
    };
    let port = chrome::connect(TASKS_PORT, on_message, on_close);
    let gone = held.borrow().is_none();
    match port {
        // The page let go while this reconnect waited.
        Some(port) if gone => port.disconnect(),
        port if !gone => *held.borrow_mut() = Some(port),
        _ => {}
    }
}

/// How far a task has got, as its summary says.
type Progress = (shared::api::ExportCounts, Option<String>);

fn progress(task: &ExportTask) -> Progress {
    (task.counts.clone(), task.paused.clone())
}

/// Tasks with their candidates, by id.
#[derive(Debug, Default, PartialEq)]
struct Details(HashMap<String, ExportTask>);

impl Reducible for Details {
    type Action = ExportTask;

    fn reduce(self: Rc<Self>, task: ExportTask) -> Rc<Self> {
        let mut all = self.0.clone();
        all.insert(task.id.clone(), task);
        Rc::new(Self(all))
    }
}

/// The first `limit` tasks of `list` with their candidates, each fetched when it first appears
/// and again when its counts or pause differ from the list's (not on a timer). One fetch per task
/// at a time; one that lands late is fetched again, since it no longer matches the list.
#[hook]
pub fn use_task_details(list: &[ExportTask], limit: usize) -> HashMap<String, ExportTask> {
    let details = use_reducer(Details::default);
    let fetching = use_mut_ref(std::collections::HashSet::<String>::new);
    let shown: Vec<ExportTask> = list.iter().take(limit).cloned().collect();
    // What the list says and what the details say, for each task where they differ: the effect
    // runs again when either changes (a detail that lands with nothing new stops it).
    let stale: Vec<(String, Progress, Option<Progress>)> = shown
        .iter()
        .filter_map(|t| {
            let known = details.0.get(&t.id).map(progress);
            (known.as_ref() != Some(&progress(t))).then(|| (t.id.clone(), progress(t), known))
        })
        .collect();
    {
        let details = details.clone();
        use_effect_with(stale, move |stale| {
            for (id, _, _) in stale {
                if !fetching.borrow_mut().insert(id.clone()) {
                    continue;
                }
                let (details, fetching, id) = (details.clone(), fetching.clone(), id.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let fetched = client::call(GetExport { id: id.clone() }).await;
                    fetching.borrow_mut().remove(&id);
                    if let Ok(task) = fetched {
                        details.dispatch(task);
                    }
                });
            }
        });
    }
    details.0.clone()
}
