//! Invites, for Super Admins: make a one-time code for a Lever user, copy it, revoke it.

use shared::api::{Invite, InviteCreated, InviteRequest, InviteState, LeverUser, Role};
use shared::endpoints::{CreateInvite, ListInvites, ListUsers, RevokeInvite};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::Generation;
use crate::client;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub generation: Generation,
}

async fn load() -> Result<(Vec<Invite>, Vec<LeverUser>), String> {
    let invites = client::call(ListInvites).await.map_err(|e| e.message)?;
    let users = client::call(ListUsers).await.map_err(|e| e.message)?;
    Ok((invites, users))
}

#[function_component(InvitesSection)]
pub fn invites_section(props: &Props) -> Html {
    let (loaded, reload) = crate::hooks::use_loaded(props.generation, load);
    let created = use_state(|| None::<InviteCreated>);
    let error = use_state(|| None::<String>);
    let who = use_node_ref();
    let on_create = {
        let (who, created, error, reload) = (who.clone(), created.clone(), error.clone(), reload.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let lever_user_id = who.cast::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            if lever_user_id.is_empty() {
                error.set(Some(t!("options-invite-choose")));
                return;
            }
            let (created, error, reload) = (created.clone(), error.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match client::call(CreateInvite(InviteRequest { lever_user_id })).await {
                    Ok(invite) => {
                        error.set(None);
                        created.set(Some(invite));
                        reload.emit(());
                    }
                    Err(e) => error.set(Some(e.message)),
                }
            });
        })
    };
    let on_copy = {
        let created = created.clone();
        Callback::from(move |_: MouseEvent| {
            if let (Some(c), Some(window)) = (&*created, web_sys::window()) {
                let _ = window.navigator().clipboard().write_text(&c.code);
            }
        })
    };
    let revoke = |id: String| {
        let (error, reload) = (error.clone(), reload.clone());
        Callback::from(move |_: MouseEvent| {
            let (id, error, reload) = (id.clone(), error.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = client::call(RevokeInvite { id }).await {
                    error.set(Some(e.message));
                }
                reload.emit(());
            });
        })
    };
    let body = match &loaded {
        None => html! { <p>{ t!("options-invites-loading") }</p> },
        Some(Err(message)) => html! { <p class="bad" role="alert">{ message.clone() }</p> },
        Some(Ok((invites, users))) => {
            let people = users.iter().filter(|u| u.role.is_some_and(|r| r != Role::Interviewer)).map(|u| {
                html! { <option value={u.id.clone()}>{ format!("{} ({})", u.name, u.email) }</option> }
            });
            let rows = invites.iter().map(|i| {
                let state = match i.state {
                    InviteState::Open => t!("options-invite-open"),
                    InviteState::Redeemed => t!("options-invite-used"),
                    InviteState::Revoked => t!("options-invite-revoked"),
                    InviteState::Expired => t!("options-invite-expired"),
                };
                html! {
                    <li data-testid="invite">
                        { format!("{} · {state}", i.person.name) }
                        if i.state == InviteState::Open {
                            { " " }<button type="button" class="pbl-button secondary" onclick={revoke(i.id.clone())}>{ t!("options-invite-revoke") }</button>
                        }
                    </li>
                }
            });
            html! {
                <>
                    <form onsubmit={on_create} data-testid="invite-form">
                        <label for="invite-who">{ t!("options-invite-who") }</label>
                        <select id="invite-who" ref={who} aria-required="true">
                            <option value="" disabled=true selected=true>{ t!("options-choose-lever-user") }</option>
                            { for people }
                        </select>
                        <button type="submit">{ t!("options-invite-create") }</button>
                    </form>
                    if let Some(c) = &*created {
                        <p>{ t!("options-invite-code-for", name = &c.invite.person.name) }{ " " }
                            <output data-testid="invite-code">{ c.code.clone() }</output>{ " " }
                            <button type="button" class="pbl-button secondary" onclick={on_copy}>{ t!("options-invite-copy") }</button></p>
                    }
                    <ul class="invites">{ for rows }</ul>
                </>
            }
        }
    };
    html! {
        <section aria-labelledby="invites-heading">
            <h3 id="invites-heading">{ t!("options-invites-heading") }</h3>
            { body }
            if let Some(e) = &*error { <p class="bad" role="alert" data-testid="invite-error">{ e.clone() }</p> }
        </section>
    }
}
