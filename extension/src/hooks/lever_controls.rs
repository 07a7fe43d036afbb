//! The connect, disconnect and auto-sync controls that the Lever row on ProvenBase's Profile &
//! Password page and the options page both offer.

use shared::api::ConnectOutcome;
use shared::endpoints::Disconnect;
use yew::prelude::*;

use crate::ui::auto_sync::AutoSyncModal;
use crate::ui::connect;
use crate::ui::toast::{Toast, ToastMessage};

/// The connect, disconnect and auto-sync controls that both the Lever row on ProvenBase's
/// Profile & Password page and the options page offer.
pub struct LeverControls {
    pub connect: yew::Callback<web_sys::MouseEvent>,
    pub disconnect: yew::Callback<web_sys::MouseEvent>,
    /// A connect or disconnect is under way.
    pub busy: bool,
    /// The toast and the auto-sync prompt, to render wherever the controls are.
    pub overlays: yew::Html,
    /// While Disconnect waits for its confirmation: the question and its two answers, to show
    /// in place of the Disconnect button.
    pub confirm_disconnect: Option<yew::Html>,
}

/// `on_change` runs after anything that changes what the caller shows. With `on_connected`, a
/// successful connect is handed to it (to prompt elsewhere) instead of prompting here.
#[yew::hook]
pub fn use_lever_controls(on_change: yew::Callback<()>, on_connected: Option<yew::Callback<()>>) -> LeverControls {
    let toast = use_state(|| None::<ToastMessage>);
    let asking_auto_sync = use_state(|| false);
    let confirming_disconnect = use_state(|| false);
    let busy = use_state(|| false);
    let connect = {
        let (toast, asking, busy, on_change) =
            (toast.clone(), asking_auto_sync.clone(), busy.clone(), on_change.clone());
        Callback::from(move |_: MouseEvent| {
            let (toast, asking, busy, on_change) = (toast.clone(), asking.clone(), busy.clone(), on_change.clone());
            let on_connected = on_connected.clone();
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match connect::connect().await {
                    Ok(ConnectOutcome::Connected) => match on_connected {
                        Some(elsewhere) => elsewhere.emit(()),
                        None => {
                            toast.set(Some(ToastMessage::ok(t!("ui-connected"))));
                            asking.set(true);
                        }
                    },
                    Ok(other) => toast.set(Some(ToastMessage::bad(crate::speech::word(other.word())))),
                    Err(message) => toast.set(Some(ToastMessage::bad(message))),
                }
                busy.set(false);
                on_change.emit(());
            });
        })
    };
    // Disconnecting stops every recruiter's exports and badges: it asks first.
    let disconnect = {
        let confirming = confirming_disconnect.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let keep_connected = {
        let confirming = confirming_disconnect.clone();
        Callback::from(move |_: MouseEvent| confirming.set(false))
    };
    let disconnect_now = {
        let (toast, busy, on_change, confirming) =
            (toast.clone(), busy.clone(), on_change.clone(), confirming_disconnect.clone());
        Callback::from(move |_: MouseEvent| {
            let (toast, busy, on_change) = (toast.clone(), busy.clone(), on_change.clone());
            confirming.set(false);
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match crate::client::call(Disconnect).await {
                    Ok(_) => toast.set(Some(ToastMessage::ok(t!("ui-disconnected")))),
                    Err(e) => toast.set(Some(ToastMessage::bad(e.message))),
                }
                busy.set(false);
                on_change.emit(());
            });
        })
    };
    let auto_sync_done = {
        let (toast, asking) = (toast.clone(), asking_auto_sync.clone());
        Callback::from(move |answer: Option<Result<String, String>>| {
            asking.set(false);
            match answer {
                Some(Ok(text)) => toast.set(Some(ToastMessage::ok(text))),
                Some(Err(text)) => toast.set(Some(ToastMessage::bad(text))),
                None => {}
            }
            on_change.emit(());
        })
    };
    let close_toast = {
        let toast = toast.clone();
        Callback::from(move |()| toast.set(None))
    };
    let overlays = html! {
        <>
            if let Some(message) = &*toast { <Toast message={message.clone()} on_close={close_toast} /> }
            if *asking_auto_sync { <AutoSyncModal on_done={auto_sync_done} /> }
        </>
    };
    // Inline, where the Disconnect button was (the Lever row's frame is one line high).
    let confirm_disconnect = (*confirming_disconnect).then(|| {
        let detail = t!("ui-disconnect-detail");
        html! {
            <span class="pbl-confirm" role="alertdialog" aria-labelledby="pbl-disconnect-question"
                  aria-describedby="pbl-disconnect-detail" data-testid="confirm-disconnect">
                <span id="pbl-disconnect-question" title={detail.clone()}>{ t!("ui-disconnect-question") }</span>
                <span id="pbl-disconnect-detail" class="pbl-confirm-detail">{ detail }</span>
                <button type="button" class="pbl-button secondary" onclick={keep_connected}>{ t!("ui-cancel") }</button>
                <button type="button" class="pbl-button danger" onclick={disconnect_now} data-testid="confirm-disconnect-yes">{ t!("ui-disconnect") }</button>
            </span>
        }
    });
    LeverControls { connect, disconnect, busy: *busy, overlays, confirm_disconnect }
}
