//! The extension pages' own hooks: data loaded on demand, the live task list, the Lever controls.

mod lever_controls;
mod tasks;

use yew::prelude::*;

pub use lever_controls::{LeverControls, use_lever_controls};
pub use tasks::{use_live_tasks, use_task_details};

/// Data loaded at first and whenever `generation` changes, and again when `reload` is emitted
/// (after the caller changed something).
#[hook]
pub fn use_loaded<G, T, F, Fut>(generation: G, load: F) -> (Option<Result<T, String>>, Callback<()>)
where
    G: PartialEq + 'static,
    T: Clone + 'static,
    F: Fn() -> Fut + 'static,
    Fut: std::future::Future<Output = Result<T, String>> + 'static,
{
    let value = use_state(|| None::<Result<T, String>>);
    let reload = {
        let (value, load) = (value.clone(), std::rc::Rc::new(load));
        Callback::from(move |()| {
            let (value, load) = (value.clone(), std::rc::Rc::clone(&load));
            wasm_bindgen_futures::spawn_local(async move { value.set(Some(load().await)) });
        })
    };
    {
        let reload = reload.clone();
        use_effect_with(generation, move |_| reload.emit(()));
    }
    ((*value).clone(), reload)
}
