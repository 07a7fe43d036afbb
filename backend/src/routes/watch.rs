//! Server-sent event streams that follow a value read from the database (so every replica's
//! changes show): the value at once, then each time it changes, until the caller's session ends
//! (revoked, expired, or its member deactivated).

use std::convert::Infallible;
use std::future::Future;
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;

use crate::AppState;
use crate::auth::Caller;
use crate::error::AppError;

/// Names of the first event and of the later ones (`tasks`/`tasks`, `ready`/`changed`).
#[derive(Debug, Clone, Copy)]
pub struct Events {
    pub first: &'static str,
    pub change: &'static str,
    /// How often the value is read again.
    pub every: Duration,
}

/// The stream of `read`'s values for `caller`: its value now (an error refuses the stream), then
/// each change.
pub async fn watch<F, Fut>(
    state: AppState,
    caller: Caller,
    events: Events,
    read: F,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError>
where
    F: Fn(AppState, Caller) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, AppError>> + Send,
{
    let first = read(state.clone(), caller.clone()).await?;
    let start = (state, caller, first, true, read);
    let stream = futures_util::stream::unfold(start, move |(state, caller, last, fresh, read)| async move {
        if fresh {
            let event = Event::default().event(events.first).data(&last);
            return Some((Ok(event), (state, caller, last, false, read)));
        }
        loop {
            tokio::time::sleep(events.every).await;
            match state.store.session_live(&caller.session_id).await {
                Ok(false) => return None,
                Ok(true) => {}
                // A database hiccup skips a beat; the stream carries on.
                Err(_) => continue,
            }
            let Ok(now) = read(state.clone(), caller.clone()).await else { continue };
            if now != last {
                let event = Event::default().event(events.change).data(&now);
                return Some((Ok(event), (state, caller, now, false, read)));
            }
        }
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}
