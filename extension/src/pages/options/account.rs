//! Who this extension is signed in as, the Lever connection, and what each role may do here.

use shared::api::ErrorCode;
use shared::api::{Action, ConnectionState, ConnectionStatus, Me};
use shared::endpoints::{GetConnection, GetMe};
use shared::messages::{SignOut, UseInvite};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::Generation;
use super::adapters::AdaptersSection;
use super::backend::load_status;
use super::invites::InvitesSection;
use super::sessions::SessionsSection;
use super::settings::SettingsSection;
use crate::{chrome, client};

#[allow(clippy::large_enum_variant, reason = "one value per page; boxing buys nothing")]
#[derive(Debug, Clone, PartialEq)]
enum Account {
    Loading,
    NoBackend,
    SignedOut,
    SignedIn {
        me: Me,
        connection: ConnectionStatus,
        backend_url: String,
    },
    /// Signed in, but Lever's role no longer allows using the integration.
    Refused(String),
    Failed(String),
}

async fn load() -> Account {
    let backend_url = match load_status().await {
        Ok(s) if !s.signed_in && s.backend_url.is_some() => return Account::SignedOut,
        Ok(s) => match s.backend_url {
            Some(url) => url,
            None => return Account::NoBackend,
        },
        Err(e) => return Account::Failed(e),
    };
    let me = match client::call(GetMe).await {
        Ok(me) => me,
        Err(e) if e.code == ErrorCode::Unauthenticated => return Account::SignedOut,
        Err(e) if e.code == ErrorCode::Forbidden => return Account::Refused(e.message),
        Err(e) => return Account::Failed(e.message),
    };
    match client::call(GetConnection).await {
        Ok(connection) => Account::SignedIn { me, connection, backend_url },
        Err(e) => Account::Failed(e.message),
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub generation: Generation,
    pub on_change: Callback<()>,
}

#[function_component(AccountSection)]
pub fn account_section(props: &Props) -> Html {
    let account = use_state(|| Account::Loading);
    {
        let account = account.clone();
        use_effect_with(props.generation, move |_| {
            wasm_bindgen_futures::spawn_local(async move { account.set(load().await) });
        });
    }
    let controls = crate::hooks::use_lever_controls(props.on_change.clone(), None);
    let on_sign_out = {
        let on_change = props.on_change.clone();
        Callback::from(move |_: MouseEvent| {
            let on_change = on_change.clone();
            wasm_bindgen_futures::spawn_local(async move {
                chrome::ask(SignOut {}).await.ok();
                on_change.emit(());
            });
        })
    };
    let connect = html! {
        <button type="button" class="pbl-button" onclick={controls.connect.clone()} disabled={controls.busy} data-testid="connect">{ t!("options-connect") }</button>
    };
    let body = match &*account {
        Account::Loading => html! { <p>{ t!("options-loading") }</p> },
        Account::NoBackend => html! { <p class="idle">{ t!("options-no-backend") }</p> },
        Account::Failed(message) => html! { <p class="bad" role="alert">{ message.clone() }</p> },
        Account::Refused(message) => html! {
            <p class="bad" role="alert" data-testid="account-refused">{ message.clone() }
                { " " }<button type="button" class="pbl-button secondary" onclick={on_sign_out.clone()}>{ t!("options-sign-out") }</button></p>
        },
        Account::SignedOut => html! {
            <>
                <p data-testid="connection-state">{ t!("options-not-signed-in") }</p>
                <p>{ t!("options-connect-hint") }{ " " }{ connect }</p>
                <JoinForm on_change={props.on_change.clone()} />
            </>
        },
        Account::SignedIn { me, connection, backend_url } => {
            let configure = me.role.may(Action::Configure);
            let state_line = match (connection.state, &connection.connected_as) {
                (ConnectionState::Connected, Some(who)) => t!("options-connected-as", name = &who.name),
                _ => t!("options-disconnected", reason = connection.reason.clone().unwrap_or_default()),
            };
            let connected = connection.state == ConnectionState::Connected;
            html! {
                <>
                    <p data-testid="signed-in-as">{ t!("options-signed-in-as", name = &me.person.name, role = crate::speech::word(me.role.word())) }
                        { " " }<button type="button" class="pbl-button secondary" onclick={on_sign_out}>{ t!("options-sign-out") }</button></p>
                    <p data-testid="connection-state">{ state_line }</p>
                    if configure && connected {
                        if let Some(confirm) = controls.confirm_disconnect.clone() { { confirm } } else {
                            <button type="button" class="pbl-button danger" onclick={controls.disconnect.clone()} disabled={controls.busy} data-testid="disconnect">{ t!("options-disconnect") }</button>
                        }
                    }
                    if configure && !connected { { connect } }
                    if connected {
                        <SettingsSection generation={props.generation} me={me.clone()} backend_url={backend_url.clone()} />
                        if configure {
                            <InvitesSection generation={props.generation} />
                            <AdaptersSection generation={props.generation} />
                        }
                    }
                    if configure {
                        <super::audit::AuditSection generation={props.generation} />
                    }
                    <SessionsSection generation={props.generation} />
                </>
            }
        }
    };
    html! {
        <section aria-labelledby="lever-heading">
            <h2 id="lever-heading">{ t!("product-lever") }</h2>
            { body }
            { controls.overlays }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct JoinProps {
    on_change: Callback<()>,
}

/// For recruiters: redeem the code a Super Admin made for them.
#[function_component(JoinForm)]
fn join_form(props: &JoinProps) -> Html {
    let input = use_node_ref();
    let error = use_state(|| None::<String>);
    let on_submit = {
        let (input, error, on_change) = (input.clone(), error.clone(), props.on_change.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let code = input.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            if code.trim().is_empty() {
                error.set(Some(t!("options-join-code-missing")));
                return;
            }
            let (error, on_change) = (error.clone(), on_change.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match chrome::ask(UseInvite { code }).await {
                    Ok(_) => on_change.emit(()),
                    Err(message) => error.set(Some(message)),
                }
            });
        })
    };
    html! {
        <form onsubmit={on_submit} data-testid="join-form" aria-labelledby="join-heading">
            <h3 id="join-heading">{ t!("options-join-heading") }</h3>
            <label for="invite-code">{ t!("options-join-code") }</label>
            <input id="invite-code" ref={input} autocomplete="off" placeholder="PBL-XXXX-XXXX-XXXX" />
            <button type="submit">{ t!("options-join") }</button>
            if let Some(e) = &*error { <p class="bad" role="alert">{ e.clone() }</p> }
        </form>
    }
}
