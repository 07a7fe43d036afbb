//! The few `chrome.*` APIs we use, typed: messages go in and out as the `shared` enums, so a
//! content script, a page and the worker can't disagree on a field.

use serde::{Serialize, de::DeserializeOwned};
use shared::messages::Response;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = sendMessage, catch)]
    async fn runtime_send_message(message: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = get, catch)]
    async fn storage_local_get(keys: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = set, catch)]
    async fn storage_local_set(items: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = getURL)]
    pub fn runtime_url(path: &str) -> String;

    #[wasm_bindgen(js_namespace = ["chrome", "storage", "managed"], js_name = get, catch)]
    async fn storage_managed_get(keys: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "storage", "local"], js_name = remove, catch)]
    async fn storage_local_remove(keys: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = query, catch)]
    async fn tabs_query(query: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = create, catch)]
    async fn tabs_create(props: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = remove, catch)]
    async fn tabs_remove(id: i32) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = connect, catch)]
    fn runtime_connect(info: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = sendMessage, catch)]
    async fn tabs_send_message(tab: i32, message: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "runtime", "onMessage"], js_name = addListener)]
    fn on_message_add_listener(listener: &js_sys::Function);
}

/// This extension's id (`chrome.runtime.id`).
fn runtime_id() -> JsValue {
    let chrome = js_sys::Reflect::get(&js_sys::global(), &"chrome".into()).unwrap_or_default();
    let runtime = js_sys::Reflect::get(&chrome, &"runtime".into()).unwrap_or_default();
    js_sys::Reflect::get(&runtime, &"id".into()).unwrap_or_default()
}

/// This extension's id, as text.
pub fn extension_id() -> String {
    runtime_id().as_string().unwrap_or_default()
}

#[cfg(feature = "worker")]
/// `bytes` random bytes from the platform's CSPRNG (`crypto.getRandomValues`), in hex.
pub fn random_hex(bytes: u32) -> String {
    let array = js_sys::Uint8Array::new_with_length(bytes);
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).unwrap_or_default();
    let fill = js_sys::Reflect::get(&crypto, &"getRandomValues".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .expect("every extension context has crypto.getRandomValues");
    fill.call1(&crypto, &array).expect("getRandomValues fills a Uint8Array");
    array.to_vec().iter().map(|b| format!("{b:02x}")).collect()
}

/// Asks the content script of `tab` (the worker's side of [`PageRequest`](shared::messages::PageRequest)),
/// reading its answer as `T`.
pub async fn ask_tab<T: DeserializeOwned>(tab: i32, request: &shared::messages::PageRequest) -> Result<T, String> {
    let answer = tabs_send_message(tab, to_js(request)?).await.map_err(|e| describe(&e))?;
    read_answer(answer)
}

/// In a content script: answers the worker's [`PageRequest`]s with `handler`. Messages from
/// anyone but this extension's own worker and pages (another tab's content script relayed, a
/// page) are ignored.
/// Only requests of `kind` are read (as `T`, that variant's fields).
pub fn serve_page_requests<T, F, Fut>(kind: &'static str, handler: F)
where
    T: DeserializeOwned,
    F: Fn(T) -> Fut + 'static,
    Fut: std::future::Future<Output = Response> + 'static,
{
    let listener = Closure::<dyn Fn(JsValue, JsValue, js_sys::Function) -> JsValue>::new(
        move |message: JsValue, sender: JsValue, respond: js_sys::Function| {
            let ours = js_sys::Reflect::get(&sender, &"id".into()).ok().is_some_and(|id| id == runtime_id());
            let from_a_tab = js_sys::Reflect::get(&sender, &"tab".into()).ok().is_some_and(|t| !t.is_undefined());
            if !ours || from_a_tab || field_text(&message, "kind").as_deref() != Some(kind) {
                return JsValue::FALSE;
            }
            let Ok(request) = from_js::<T>(message) else { return JsValue::FALSE };
            let answer = handler(request);
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(value) = to_js(&answer.await) {
                    respond.call1(&JsValue::NULL, &value).ok();
                }
            });
            JsValue::TRUE // the answer comes asynchronously
        },
    );
    on_message_add_listener(listener.as_ref().unchecked_ref());
    listener.forget();
}

/// A long-lived port to the worker.
pub struct Port(JsValue);

impl Port {
    /// Closes the port (its listeners stay, silent, as long as the page).
    pub fn disconnect(&self) {
        let close = js_sys::Reflect::get(&self.0, &"disconnect".into()).ok();
        if let Some(close) = close.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
            close.call0(&self.0).ok();
        }
    }
}

/// Opens a long-lived port named `name` to the worker: `on_message` gets each message it can read
/// as a `T`; `on_close` runs once when the worker goes away (it may be restarted: connect again).
pub fn connect<T: DeserializeOwned + 'static>(
    name: &str,
    on_message: impl FnMut(T) + 'static,
    on_close: impl FnOnce() + 'static,
) -> Option<Port> {
    let info = js_sys::Object::new();
    js_sys::Reflect::set(&info, &"name".into(), &name.into()).ok()?;
    let port = runtime_connect(&info).ok()?;
    let mut on_message = on_message;
    let message = Closure::<dyn FnMut(JsValue)>::new(move |m: JsValue| {
        if let Ok(message) = from_js::<T>(m) {
            on_message(message);
        }
    });
    let close = Closure::once(on_close);
    let listen = |event: &str, listener: &JsValue| -> Option<()> {
        let target = js_sys::Reflect::get(&port, &event.into()).ok()?;
        let add: js_sys::Function = js_sys::Reflect::get(&target, &"addListener".into()).ok()?.dyn_into().ok()?;
        add.call1(&target, listener).ok().map(drop)
    };
    let wired = listen("onMessage", message.as_ref()).is_some() && listen("onDisconnect", close.as_ref()).is_some();
    // The listeners live as long as the port does, which is as long as the page.
    message.forget();
    close.forget();
    wired.then_some(Port(port))
}

// Messages cross between wasm and JS as JSON text: one string each way, (de)serialised by
// serde_json in wasm and the browser's native JSON in JS. Building or reading a JS object field
// by field through wasm-bindgen costs a call per field: 1,000 badges took ~100 ms that way.

/// Plain JSON-shaped JS values (objects, not `Map`s), as `chrome.runtime` expects.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, String> {
    let text = serde_json::to_string(value).map_err(|e| e.to_string())?;
    js_sys::JSON::parse(&text).map_err(|e| describe(&e))
}

pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    if value.is_undefined() {
        return Err("no value".into());
    }
    let text = js_sys::JSON::stringify(&value).map_err(|e| describe(&e))?;
    serde_json::from_str(&String::from(text)).map_err(|e| e.to_string())
}

fn describe(err: &JsValue) -> String {
    err.as_string()
        .or_else(|| js_sys::Reflect::get(err, &"message".into()).ok()?.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Asks the background worker and reads its answer as the request's own
/// [`Ask::Answer`](shared::messages::Ask) (a [`Response::Failed`] is its message). Reading
/// only that type keeps the code for every other answer out of the content script.
pub async fn ask<A: shared::messages::Ask>(request: A) -> Result<A::Answer, String> {
    let answer = runtime_send_message(to_js(&request.into())?).await.map_err(|e| describe(&e))?;
    read_answer(answer)
}

/// The answer to a request of type `A` sent before the wasm started (by `static/loader.js`,
/// whose message is `pending`).
pub async fn answer_to<A: shared::messages::Ask>(pending: js_sys::Promise) -> Result<A::Answer, String> {
    let answer = wasm_bindgen_futures::JsFuture::from(pending).await.map_err(|e| describe(&e))?;
    read_answer(answer)
}

/// Tells the background worker something, whatever it answers (reading no answer keeps its
/// code out of the content script).
pub async fn tell(request: impl Into<shared::messages::Request>) {
    if let Ok(message) = to_js(&request.into()) {
        runtime_send_message(message).await.ok();
    }
}

/// A [`Response`] as the answer the asker expects, or the message of a [`Response::Failed`].
fn read_answer<T: DeserializeOwned>(answer: JsValue) -> Result<T, String> {
    if answer.is_undefined() {
        return Err("no answer came".to_owned());
    }
    if field_text(&answer, "kind").as_deref() == Some("failed") {
        return Err(field_text(&answer, "message").unwrap_or_default());
    }
    from_js(answer)
}

fn field_text(value: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(value, &key.into()).ok()?.as_string()
}

/// Reads one key of `chrome.storage.local`.
pub async fn local_get<T: DeserializeOwned>(key: &str) -> Result<Option<T>, String> {
    let [value] = local_get_each([key]).await?;
    Ok(value)
}

/// Reads `N` keys of `chrome.storage.local` in one call: each one's value, if it has one.
pub async fn local_get_each<T: DeserializeOwned, const N: usize>(keys: [&str; N]) -> Result<[Option<T>; N], String> {
    let asked: js_sys::Array = keys.iter().map(|k| JsValue::from_str(k)).collect();
    let all = storage_local_get(asked.into()).await.map_err(|e| describe(&e))?;
    let mut values = [(); N].map(|()| None);
    for (key, slot) in keys.iter().zip(values.iter_mut()) {
        let value = js_sys::Reflect::get(&all, &JsValue::from_str(key)).map_err(|e| describe(&e))?;
        if !(value.is_undefined() || value.is_null()) {
            *slot = Some(from_js(value)?);
        }
    }
    Ok(values)
}

/// Reads one key an IT admin set through enterprise policy (`storage.managed_schema`).
pub async fn managed_get<T: DeserializeOwned>(key: &str) -> Option<T> {
    let all = storage_managed_get(JsValue::from_str(key)).await.ok()?;
    let value = js_sys::Reflect::get(&all, &JsValue::from_str(key)).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    from_js(value).ok()
}

pub async fn local_set<T: Serialize>(key: &str, value: &T) -> Result<(), String> {
    let items = js_sys::Object::new();
    js_sys::Reflect::set(&items, &JsValue::from_str(key), &to_js(value)?).map_err(|e| describe(&e))?;
    storage_local_set(items.into()).await.map_err(|e| describe(&e))?;
    Ok(())
}

pub async fn local_remove(key: &str) -> Result<(), String> {
    storage_local_remove(JsValue::from_str(key)).await.map_err(|e| describe(&e))?;
    Ok(())
}

/// Opens `url` in a new, focused tab; its id.
pub async fn open_tab(url: &str) -> Result<i32, String> {
    let props = js_sys::Object::new();
    js_sys::Reflect::set(&props, &"url".into(), &JsValue::from_str(url)).map_err(|e| describe(&e))?;
    let tab = tabs_create(props.into()).await.map_err(|e| describe(&e))?;
    let id = js_sys::Reflect::get(&tab, &"id".into()).ok().and_then(|v| v.as_f64()).ok_or("the new tab has no id")?;
    #[allow(clippy::cast_possible_truncation)]
    Ok(id as i32)
}

pub async fn close_tab(id: i32) {
    tabs_remove(id).await.ok();
}

/// The id of the active tab in the current window (the popup's page).
pub async fn active_tab_id() -> Option<i32> {
    let query = js_sys::Object::new();
    js_sys::Reflect::set(&query, &"active".into(), &JsValue::TRUE).ok()?;
    js_sys::Reflect::set(&query, &"currentWindow".into(), &JsValue::TRUE).ok()?;
    let tabs: js_sys::Array = tabs_query(query.into()).await.ok()?.dyn_into().ok()?;
    let id = js_sys::Reflect::get(&tabs.get(0), &"id".into()).ok()?.as_f64()?;
    #[allow(clippy::cast_possible_truncation)]
    Some(id as i32)
}
