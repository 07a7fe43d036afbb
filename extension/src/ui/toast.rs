//! A short message at the top of the screen, announced to screen readers.

use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct ToastMessage {
    pub text: String,
    pub ok: bool,
}

impl ToastMessage {
    pub fn ok(text: impl Into<String>) -> Self {
        Self { text: text.into(), ok: true }
    }

    pub fn bad(text: impl Into<String>) -> Self {
        Self { text: text.into(), ok: false }
    }
}

#[derive(Properties, PartialEq)]
pub struct ToastProps {
    pub message: ToastMessage,
    pub on_close: Callback<()>,
}

/// Success toasts leave by themselves after a few seconds; errors stay until closed.
#[function_component(Toast)]
pub fn toast(props: &ToastProps) -> Html {
    {
        let (ok, on_close) = (props.message.ok, props.on_close.clone());
        use_effect_with(props.message.clone(), move |_| {
            let timer = ok.then(|| gloo::timers::callback::Timeout::new(6_000, move || on_close.emit(())));
            move || drop(timer)
        });
    }
    let close = props.on_close.reform(|_: MouseEvent| ());
    let (class, role) = if props.message.ok { ("pbl-toast ok", "status") } else { ("pbl-toast bad", "alert") };
    html! {
        <div class={class} role={role} aria-live="polite" data-testid="toast">
            <span class="pbl-toast-text">{ props.message.text.clone() }</span>
            <button type="button" aria-label={t!("ui-dismiss")} onclick={close}>{ "×" }</button>
        </div>
    }
}
