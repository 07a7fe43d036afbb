//! `/api/v1/events`: the extension's one live stream per browser, as server-sent events. `ready`
//! (the badges' fingerprint) and `tasks` (the caller's task list) at once; then `changed` when
//! what the organisation's badges say may have changed (an export landed, a webhook, a sync) and
//! `tasks` when the list does. Read from the database, so every replica's work shows on any
//! replica's stream. It ends when its session does (revoked, expired, member deactivated).

use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use shared::endpoints::LiveEvents;

use crate::AppState;
use crate::auth::Caller;
use crate::error::AppError;
use crate::routes::Routes;

/// How often the stream looks for a change: progress reaches an open popover well within 500 ms.
const EVERY: Duration = Duration::from_millis(250);

pub fn routes(routes: Routes) -> Routes {
    routes.at::<LiveEvents>().to(events)
}

/// What the stream last said.
struct Said {
    badges: String,
    tasks: String,
}

async fn now(state: &AppState, caller: &Caller) -> Result<Said, AppError> {
    let badges = state.store.badge_fingerprint(caller.org()).await?;
    let tasks = serde_json::to_string(&super::exports::tasks(state, caller).await?).unwrap_or_default();
    Ok(Said { badges, tasks })
}

async fn events(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let said = now(&state, &caller).await?;
    let first = VecDeque::from([
        Event::default().event("ready").data(&said.badges),
        Event::default().event("tasks").data(&said.tasks),
    ]);
    let stream =
        futures_util::stream::unfold((state, caller, said, first), |(state, caller, mut said, mut queue)| async move {
            loop {
                if let Some(event) = queue.pop_front() {
                    return Some((Ok(event), (state, caller, said, queue)));
                }
                tokio::time::sleep(EVERY).await;
                match state.store.session_live(&caller.session_id).await {
                    Ok(false) => return None,
                    Ok(true) => {}
                    // A database hiccup skips a beat; the stream carries on.
                    Err(_) => continue,
                }
                let Ok(fresh) = now(&state, &caller).await else { continue };
                if fresh.badges != said.badges {
                    queue.push_back(Event::default().event("changed").data(&fresh.badges));
                }
                if fresh.tasks != said.tasks {
                    queue.push_back(Event::default().event("tasks").data(&fresh.tasks));
                }
                said = fresh;
            }
        });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}
