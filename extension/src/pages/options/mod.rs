//! The options page: the backend's URL, the Lever connection (Connect/Disconnect), the
//! integration settings, invites for recruiters, and *Join with an invite code*.

pub mod account;
pub mod adapters;
pub mod audit;
pub mod backend;
pub mod invites;
pub mod sessions;
pub mod settings;

use shared::messages::{Ping, Pong};
use yew::prelude::*;

use crate::chrome;

/// Bumped after anything that changes what the sections show, so they reload.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Generation(u32);

#[function_component(Options)]
pub fn options() -> Html {
    let worker = use_state(|| None::<String>);
    let generation = use_state(Generation::default);
    {
        let worker = worker.clone();
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                worker.set(Some(match chrome::ask(Ping {}).await {
                    Ok(Pong { version }) => t!("options-worker-ready", version = version),
                    Err(message) => t!("options-worker-silent", reason = message),
                }));
            });
        });
    }
    let changed = {
        let generation = generation.clone();
        Callback::from(move |()| generation.set(Generation(generation.0 + 1)))
    };
    html! {
        <main class="options">
            <style>{ crate::ui::STYLE }</style>
            <h1>{ t!("product-name") }</h1>
            <p data-testid="worker-state">{ (*worker).clone().unwrap_or_else(|| t!("options-worker-checking")) }</p>
            <backend::BackendSection generation={*generation} on_change={changed.clone()} />
            <account::AccountSection generation={*generation} on_change={changed} />
        </main>
    }
}
