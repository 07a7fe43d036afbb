//! Where the backend is, and whether it answers.

use shared::messages::{ExtensionStatus, GetStatus, SetBackendUrl};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::Generation;
use crate::chrome;
use crate::pages::BackendLine;

pub async fn load_status() -> Result<ExtensionStatus, String> {
    chrome::ask(GetStatus { tab_id: None }).await
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub generation: Generation,
    pub on_change: Callback<()>,
}

#[function_component(BackendSection)]
pub fn backend_section(props: &Props) -> Html {
    let status = use_state(|| None::<Result<ExtensionStatus, String>>);
    let notice = use_state(|| None::<Result<String, String>>);
    let input = use_node_ref();
    {
        let status = status.clone();
        use_effect_with(props.generation, move |_| {
            wasm_bindgen_futures::spawn_local(async move { status.set(Some(load_status().await)) });
        });
    }
    let on_save = {
        let (notice, input, on_change) = (notice.clone(), input.clone(), props.on_change.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let url = input.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let (notice, on_change) = (notice.clone(), on_change.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match chrome::ask(SetBackendUrl { url }).await {
                    Ok(_) => {
                        notice.set(Some(Ok(t!("options-backend-saved"))));
                        on_change.emit(());
                    }
                    Err(message) => notice.set(Some(Err(message))),
                }
            });
        })
    };
    let (current_url, managed) = match &*status {
        Some(Ok(s)) => (s.backend_url.clone().unwrap_or_default(), s.backend_url_managed),
        _ => (String::new(), false),
    };
    html! {
        <section aria-labelledby="backend-heading">
            <h2 id="backend-heading">{ t!("options-backend-heading") }</h2>
            <form onsubmit={on_save} data-testid="backend-form">
                <label for="backend-url">{ t!("options-backend-url") }</label>
                <input id="backend-url" name="backend-url" type="url" ref={input} readonly={managed}
                    placeholder="https://lever-bridge.example.com" value={current_url} />
                if !managed { <button type="submit">{ t!("options-save") }</button> }
            </form>
            if managed { <p class="idle" data-testid="backend-managed">{ t!("options-backend-managed") }</p> }
            {
                match &*notice {
                    Some(Ok(text)) => html! { <p class="ok" role="status">{ text.clone() }</p> },
                    Some(Err(text)) => html! { <p class="bad" role="alert">{ text.clone() }</p> },
                    None => html! {},
                }
            }
            {
                match &*status {
                    None => html! { <p>{ t!("options-backend-checking") }</p> },
                    Some(Ok(s)) => html! { <BackendLine state={s.backend.clone()} /> },
                    Some(Err(message)) => html! { <p class="bad" role="alert">{ message.clone() }</p> },
                }
            }
        </section>
    }
}
