//! The toolbar popup: is the bridge working, and what did it find on this tab.

use shared::messages::{ExtensionStatus, Request, Response};
use yew::prelude::*;

use super::BackendLine;
use crate::chrome;

#[function_component(Popup)]
pub fn popup() -> Html {
    let status = use_state(|| None::<Result<ExtensionStatus, String>>);
    {
        let status = status.clone();
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                let tab_id = chrome::active_tab_id().await;
                let answer = match chrome::send(&Request::Status { tab_id }).await {
                    Response::Status(s) => Ok(s),
                    Response::Failed { message } => Err(message),
                    other => Err(format!("unexpected answer: {other:?}")),
                };
                status.set(Some(answer));
            });
        });
    }
    let body = match &*status {
        None => html! { <p>{ "Checking…" }</p> },
        Some(Err(message)) => html! { <p class="bad" role="alert">{ message.clone() }</p> },
        Some(Ok(s)) => {
            let page = match &s.page {
                Some(scan) => format!("{}: {} candidates ({} locked)", scan.page.label(), scan.candidates, scan.locked),
                None => "This tab is not a ProvenBase candidate page.".to_owned(),
            };
            html! {
                <>
                    <BackendLine state={s.backend.clone()} />
                    <p data-testid="page-scan">{ page }</p>
                </>
            }
        }
    };
    html! {
        <main class="popup">
            <h1>{ "ProvenBase → Lever" }</h1>
            { body }
            <p><a href="options.html" target="_blank">{ "Options" }</a></p>
        </main>
    }
}
