//! The *Lever* row our content script adds (in a frame) to ProvenBase's Profile & Password →
//! Integrations: Connect (or "Connected as …" and Disconnect). Once connected it asks the page
//! for the success toast and the auto-sync prompt over the whole page (`autosync.html`), as
//! Lever's help article describes ProvenBase's own integration.

use shared::api::ErrorCode;
use shared::api::{Action, ConnectionState, ConnectionStatus, Me};
use shared::endpoints::{GetConnection, GetMe};
use shared::messages::GetStatus;
use yew::prelude::*;

use crate::{chrome, client};

#[allow(clippy::large_enum_variant, reason = "one value per page; boxing buys nothing")]
#[derive(Debug, Clone, PartialEq)]
enum RowState {
    Loading,
    /// No session here: anyone may try Connect (only a Super Admin will succeed).
    SignedOut,
    SignedIn {
        me: Me,
        connection: ConnectionStatus,
    },
    Failed(String),
}

async fn load() -> RowState {
    let signed_in = chrome::ask(GetStatus { tab_id: None }).await.is_ok_and(|s| s.signed_in);
    if !signed_in {
        return RowState::SignedOut;
    }
    let me = match client::call(GetMe).await {
        Ok(me) => me,
        Err(e) if e.code == ErrorCode::Unauthenticated => return RowState::SignedOut,
        Err(e) => return RowState::Failed(e.message),
    };
    match client::call(GetConnection).await {
        Ok(connection) => RowState::SignedIn { me, connection },
        Err(e) => RowState::Failed(e.message),
    }
}

#[function_component(LeverRow)]
pub fn lever_row() -> Html {
    let state = use_state(|| RowState::Loading);
    let reload = {
        let state = state.clone();
        Callback::from(move |()| {
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move { state.set(load().await) });
        })
    };
    {
        let reload = reload.clone();
        use_effect_with((), move |()| reload.emit(()));
    }

    let on_connected = Callback::from(|()| super::post_to_page(&shared::content::FrameMessage::Connected));
    let controls = crate::hooks::use_lever_controls(reload, Some(on_connected));

    let connect_button = html! {
        <button type="button" class="pbl-button" onclick={controls.connect.clone()} disabled={controls.busy} data-testid="lever-connect">{ t!("row-connect") }</button>
    };
    let (status, action) = match &*state {
        RowState::Loading => (t!("row-checking"), html! {}),
        RowState::SignedOut => (t!("row-not-connected"), connect_button),
        RowState::Failed(message) => (message.clone(), connect_button),
        RowState::SignedIn { me, connection } => match (connection.state, &connection.connected_as) {
            (ConnectionState::Connected, Some(who)) => (
                // While Disconnect asks, the question takes the row's room.
                if controls.confirm_disconnect.is_some() {
                    String::new()
                } else {
                    t!("row-connected-as", name = &who.name)
                },
                if let Some(confirm) = controls.confirm_disconnect.clone() {
                    confirm
                } else if me.role.may(Action::Configure) {
                    html! { <button type="button" class="pbl-button secondary" onclick={controls.disconnect.clone()} disabled={controls.busy} data-testid="lever-disconnect">{ t!("row-disconnect") }</button> }
                } else {
                    html! {}
                },
            ),
            _ => (t!("row-disconnected", reason = connection.reason.clone().unwrap_or_default()), connect_button),
        },
    };
    html! {
        <>
            <style>{ ROW_STYLE }</style>
            <span class="pbl-row">
                <span class="pbl-name">{ t!("product-lever") }</span>
                <span class="pbl-state" data-testid="lever-state" role="status">{ status }</span>
                { action }
            </span>
            { controls.overlays }
        </>
    }
}

const ROW_STYLE: &str = "
body { margin: 0; font: 14px/1.5 system-ui, sans-serif; }
.pbl-row { display: flex; gap: 1rem; align-items: center; font: inherit; }
.pbl-name { font-weight: 600; }
.pbl-state { color: #374151; }
.pbl-confirm-detail { display: none; }
";
