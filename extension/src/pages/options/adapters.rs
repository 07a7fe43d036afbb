//! Page adapters, for Super Admins: which are in use, replacing them for the organisation when
//! ProvenBase changes its pages, and the pages where the extension found no candidates.

use shared::adapter::AdapterSet;
use shared::api::{AdapterConfig, EmptyPageSeen};
use shared::endpoints::{GetAdapters, ListAdapterReports, SaveAdapters};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::Generation;
use crate::client;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub generation: Generation,
}

type Loaded = Result<(AdapterConfig, Vec<EmptyPageSeen>), String>;

async fn load() -> Loaded {
    let config = client::call(GetAdapters).await.map_err(|e| e.message)?;
    let reports = client::call(ListAdapterReports).await.map_err(|e| e.message)?;
    Ok((config, reports))
}

#[function_component(AdaptersSection)]
pub fn adapters_section(props: &Props) -> Html {
    let (loaded, reload) = crate::hooks::use_loaded(props.generation, load);
    let notice = use_state(|| None::<Result<String, String>>);
    let editor = use_node_ref();
    let save = {
        let (notice, reload) = (notice.clone(), reload.clone());
        move |config: Option<AdapterSet>, done: String| {
            let (notice, reload) = (notice.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match client::call(SaveAdapters(AdapterConfig { config })).await {
                    Ok(_) => notice.set(Some(Ok(done))),
                    Err(e) => notice.set(Some(Err(e.message))),
                }
                reload.emit(());
            });
        }
    };
    let on_save = {
        let (editor, notice) = (editor.clone(), notice.clone());
        let save = save.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = editor.cast::<HtmlTextAreaElement>().map(|t| t.value()).unwrap_or_default();
            match AdapterSet::parse(&text) {
                Ok(set) => save(Some(set), t!("options-adapters-saved")),
                Err(err) => notice.set(Some(Err(t!("options-adapters-invalid", reason = err.0.to_string())))),
            }
        })
    };
    let on_reset = Callback::from(move |_: MouseEvent| save(None, t!("options-adapters-reset")));
    let body = match &loaded {
        None => html! { <p>{ t!("options-adapters-loading") }</p> },
        Some(Err(message)) => html! { <p class="bad" role="alert">{ message.clone() }</p> },
        Some(Ok((config, reports))) => {
            let (state, current) = match &config.config {
                Some(set) => (t!("options-adapters-custom", version = set.version.to_string()), set.clone()),
                None => {
                    let built_in = AdapterSet::built_in();
                    (t!("options-adapters-built-in", version = built_in.version.to_string()), built_in)
                }
            };
            let json = serde_json::to_string_pretty(&current).unwrap_or_default();
            html! {
                <>
                    <p data-testid="adapters-state">{ state }</p>
                    <form onsubmit={on_save} data-testid="adapters-form">
                        <label for="adapter-json">{ t!("options-adapters-json") }</label>
                        <textarea id="adapter-json" ref={editor} rows="12" cols="80" spellcheck="false" value={json} />
                        <button type="submit">{ t!("options-adapters-save") }</button>
                        if config.config.is_some() {
                            { " " }<button type="button" class="pbl-button secondary" onclick={on_reset}>{ t!("options-adapters-use-built-in") }</button>
                        }
                    </form>
                    <h4>{ t!("options-adapters-empty-heading") }</h4>
                    if reports.is_empty() { <p class="idle">{ t!("options-adapters-none-reported") }</p> }
                    <ul>
                        { for reports.iter().map(|r| html! {
                            <li data-testid="empty-page">{ t!("options-adapters-empty-page", page = crate::speech::word(r.page.word()), path = &r.path, version = r.adapter_version.to_string(), who = &r.reported_by) }</li>
                        }) }
                    </ul>
                </>
            }
        }
    };
    html! {
        <section aria-labelledby="adapters-heading">
            <h3 id="adapters-heading">{ t!("options-adapters-heading") }</h3>
            { body }
            {
                match &*notice {
                    Some(Ok(text)) => html! { <p class="ok" role="status" data-testid="adapters-notice">{ text.clone() }</p> },
                    Some(Err(text)) => html! { <p class="bad" role="alert" data-testid="adapters-notice">{ text.clone() }</p> },
                    None => html! {},
                }
            }
        </section>
    }
}
