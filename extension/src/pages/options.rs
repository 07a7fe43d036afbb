//! The options page: where the bridge's backend is, and whether it answers. Connecting to Lever
//! and the integration settings join it here.

use shared::messages::{ExtensionStatus, Request, Response};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::BackendLine;
use crate::chrome;

async fn load_status() -> Result<ExtensionStatus, String> {
    match chrome::send(&Request::Status { tab_id: None }).await {
        Response::Status(s) => Ok(s),
        Response::Failed { message } => Err(message),
        other => Err(format!("unexpected answer: {other:?}")),
    }
}

#[function_component(Options)]
pub fn options() -> Html {
    let worker = use_state(|| None::<String>);
    let status = use_state(|| None::<Result<ExtensionStatus, String>>);
    let notice = use_state(|| None::<Result<String, String>>);
    let input = use_node_ref();

    {
        let (worker, status) = (worker.clone(), status.clone());
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                worker.set(Some(match chrome::send(&Request::Ping).await {
                    Response::Pong { version } => format!("Background worker ready (version {version})"),
                    Response::Failed { message } => format!("Background worker not answering: {message}"),
                    other => format!("Background worker answered oddly: {other:?}"),
                }));
                status.set(Some(load_status().await));
            });
        });
    }

    let on_save = {
        let (status, notice, input) = (status.clone(), notice.clone(), input.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let url = input.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let (status, notice) = (status.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match chrome::send(&Request::SetBackendUrl { url }).await {
                    Response::Done => {
                        notice.set(Some(Ok("Saved.".into())));
                        status.set(Some(load_status().await));
                    }
                    Response::Failed { message } => notice.set(Some(Err(message))),
                    other => notice.set(Some(Err(format!("unexpected answer: {other:?}")))),
                }
            });
        })
    };

    let current_url = match &*status {
        Some(Ok(s)) => s.backend_url.clone().unwrap_or_default(),
        _ => String::new(),
    };
    html! {
        <main class="options">
            <h1>{ "ProvenBase → Lever" }</h1>
            <p data-testid="worker-state">{ (*worker).clone().unwrap_or_else(|| "Checking the background worker…".into()) }</p>
            <section aria-labelledby="backend-heading">
                <h2 id="backend-heading">{ "Backend" }</h2>
                <form onsubmit={on_save}>
                    <label for="backend-url">{ "Backend URL" }</label>
                    <input id="backend-url" name="backend-url" type="url" ref={input}
                        placeholder="https://lever-bridge.example.com" value={current_url} />
                    <button type="submit">{ "Save" }</button>
                </form>
                {
                    match &*notice {
                        Some(Ok(text)) => html! { <p class="ok" role="status">{ text.clone() }</p> },
                        Some(Err(text)) => html! { <p class="bad" role="alert">{ text.clone() }</p> },
                        None => html! {},
                    }
                }
                {
                    match &*status {
                        None => html! { <p>{ "Checking the backend…" }</p> },
                        Some(Ok(s)) => html! { <BackendLine state={s.backend.clone()} /> },
                        Some(Err(message)) => html! { <p class="bad" role="alert">{ message.clone() }</p> },
                    }
                }
            </section>
        </main>
    }
}
