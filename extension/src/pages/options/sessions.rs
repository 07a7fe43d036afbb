//! Signed-in sessions: Super Admins see everyone's and can end any; others see their own.

use shared::endpoints::{ListSessions, RevokeSession};
use yew::prelude::*;

use super::Generation;
use crate::client;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub generation: Generation,
}

#[function_component(SessionsSection)]
pub fn sessions_section(props: &Props) -> Html {
    let (sessions, reload) = crate::hooks::use_loaded(props.generation, || async {
        client::call(ListSessions).await.map_err(|e| e.message)
    });
    let revoke = |id: String| {
        let reload = reload.clone();
        Callback::from(move |_: MouseEvent| {
            let (id, reload) = (id.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                client::call(RevokeSession { id }).await.ok();
                reload.emit(());
            });
        })
    };
    let body = match &sessions {
        None => html! { <p>{ t!("options-sessions-loading") }</p> },
        Some(Err(message)) => html! { <p class="bad" role="alert">{ message.clone() }</p> },
        Some(Ok(list)) => html! {
            <ul class="sessions">
                { for list.iter().map(|s| html! {
                    <li data-testid="session">
                        { format!("{} ({})", s.person.name, crate::speech::word(s.role.word())) }
                        if s.current { { format!(" · {}", t!("options-sessions-this-browser")) } } else {
                            { " " }<button type="button" class="pbl-button secondary" onclick={revoke(s.id.clone())}>{ t!("options-sign-out") }</button>
                        }
                    </li>
                }) }
            </ul>
        },
    };
    html! {
        <section aria-labelledby="sessions-heading">
            <h3 id="sessions-heading">{ t!("options-sessions-heading") }</h3>
            { body }
        </section>
    }
}
