//! Shown over ProvenBase's Profile & Password page right after connecting: the success toast and
//! the auto-sync prompt. It tells the page when it is done, so the page removes it.

use yew::prelude::*;

use crate::ui::auto_sync::AutoSyncModal;
use crate::ui::toast::{Toast, ToastMessage};

/// How long the answer's toast stays before the overlay goes.
const LINGER_MS: u32 = 4_000;

fn done() {
    super::post_to_page(&shared::content::FrameMessage::OverlayClosed);
}

#[function_component(AutoSyncOverlay)]
pub fn auto_sync_overlay() -> Html {
    let toast = use_state(|| Some(ToastMessage::ok(t!("ui-connected"))));
    let asking = use_state(|| true);
    let on_done = {
        let (toast, asking) = (toast.clone(), asking.clone());
        Callback::from(move |answer: Option<Result<String, String>>| {
            asking.set(false);
            match answer {
                Some(Ok(text)) => toast.set(Some(ToastMessage::ok(text))),
                Some(Err(text)) => toast.set(Some(ToastMessage::bad(text))),
                None => {
                    done();
                    return;
                }
            }
            // Only the toast remains: the page shrinks our frame to it, so the page is usable again.
            super::post_to_page(&shared::content::FrameMessage::OverlayShrink);
            gloo::timers::callback::Timeout::new(LINGER_MS, done).forget();
        })
    };
    let close_toast = {
        let (toast, asking) = (toast.clone(), asking.clone());
        Callback::from(move |()| {
            toast.set(None);
            if !*asking {
                done();
            }
        })
    };
    html! {
        <>
            <style>{ crate::ui::STYLE }</style>
            if let Some(message) = &*toast { <Toast message={message.clone()} on_close={close_toast} /> }
            if *asking { <AutoSyncModal on_done={on_done} /> }
        </>
    }
}
