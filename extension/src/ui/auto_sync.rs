//! The auto-sync prompt shown right after connecting: how many days of Lever profiles to check
//! for duplicates; *Yes* turns Auto Full Profiles Sync on, *No* turns it off. Keyboard-usable:
//! focus starts in the days field, Enter answers Yes, Esc closes without answering.

use shared::api::{AutoSync, SettingsUpdate};
use shared::endpoints::SaveSettings;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::client;

#[derive(Properties, PartialEq)]
pub struct AutoSyncProps {
    /// Called with a sentence for the toast once answered, or `None` when dismissed.
    pub on_done: Callback<Option<Result<String, String>>>,
}

const DEFAULT_DAYS: u16 = 30;

#[function_component(AutoSyncModal)]
pub fn auto_sync_modal(props: &AutoSyncProps) -> Html {
    let days_ref = use_node_ref();
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    // Connecting again: the days answered last time, not the default.
    let offered = use_state(|| DEFAULT_DAYS);
    {
        let (days_ref, offered) = (days_ref.clone(), offered.clone());
        use_effect_with((), move |()| {
            if let Some(input) = days_ref.cast::<HtmlInputElement>() {
                input.focus().ok();
            }
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(settings) = client::call(shared::endpoints::GetSettings).await
                    && settings.auto_sync_answered
                {
                    offered.set(settings.auto_sync.days);
                }
            });
        });
    }
    let answer = {
        let (days_ref, error, busy, on_done) = (days_ref.clone(), error.clone(), busy.clone(), props.on_done.clone());
        Callback::from(move |enabled: bool| {
            let raw = days_ref.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let days = match raw.trim().parse::<u16>() {
                Ok(d) if (1..=AutoSync::MAX_DAYS).contains(&d) => d,
                _ if !enabled => DEFAULT_DAYS,
                _ => {
                    error.set(Some(t!("autosync-days-range", max = AutoSync::MAX_DAYS)));
                    return;
                }
            };
            let (error, busy, on_done) = (error.clone(), busy.clone(), on_done.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let update =
                    SettingsUpdate { auto_sync: Some(AutoSync { enabled, days }), ..SettingsUpdate::default() };
                match client::call(SaveSettings(update)).await {
                    Ok(_) => on_done.emit(Some(Ok(if enabled {
                        t!("autosync-on", days = days)
                    } else {
                        t!("autosync-off")
                    }))),
                    Err(e) => {
                        busy.set(false);
                        error.set(Some(e.message));
                    }
                }
            });
        })
    };
    let on_submit = {
        let answer = answer.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            answer.emit(true);
        })
    };
    let on_no = answer.reform(|_: MouseEvent| false);
    let on_key = {
        let on_done = props.on_done.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                on_done.emit(None);
            }
        })
    };
    html! {
        <div class="pbl-backdrop">
            <form class="pbl-dialog" role="dialog" aria-modal="true" aria-labelledby="pbl-autosync-title"
                  aria-describedby="pbl-autosync-text" data-testid="auto-sync-modal" onsubmit={on_submit} onkeydown={on_key}>
                <h2 id="pbl-autosync-title">{ t!("autosync-title") }</h2>
                <p id="pbl-autosync-text">{ t!("autosync-text") }</p>
                <label>{ t!("autosync-days") }
                    <input ref={days_ref} type="number" name="days" min="1" max="365" value={offered.to_string()} />
                </label>
                if let Some(e) = &*error { <p class="pbl-error" role="alert">{ e.clone() }</p> }
                <div class="pbl-actions">
                    <button type="button" class="secondary" onclick={on_no} disabled={*busy}>{ t!("autosync-no") }</button>
                    <button type="submit" disabled={*busy}>{ t!("autosync-yes") }</button>
                </div>
            </form>
        </div>
    }
}
