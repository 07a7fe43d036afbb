//! Drives a connect attempt from any page: asks the worker to open Lever's consent, then waits
//! for the worker to see how it ended.

use gloo::timers::future::TimeoutFuture;
use shared::api::ConnectOutcome;
use shared::messages::{ConnectProgress, Request, Response};

use crate::chrome;

/// How often to ask, and for how long (the Super Admin may take a while in Lever).
const POLL_MS: u32 = 400;
const GIVE_UP_AFTER_POLLS: u32 = 15 * 60 * 1000 / POLL_MS;

pub async fn connect() -> Result<ConnectOutcome, String> {
    let attempt = match chrome::send(&Request::StartConnect).await {
        Response::ConnectStarted { attempt } => attempt,
        Response::Failed { message } => return Err(message),
        other => return Err(format!("unexpected answer: {other:?}")),
    };
    for _ in 0..GIVE_UP_AFTER_POLLS {
        TimeoutFuture::new(POLL_MS).await;
        match chrome::send(&Request::ConnectProgress { attempt }).await {
            Response::Connect { progress: ConnectProgress::Pending } => {}
            Response::Connect { progress: ConnectProgress::Finished(outcome) } => return Ok(outcome),
            Response::Connect { progress: ConnectProgress::Unknown } => {
                return Err("The extension restarted while Lever was open. Click Connect again.".into());
            }
            Response::Failed { message } => return Err(message),
            other => return Err(format!("unexpected answer: {other:?}")),
        }
    }
    Err("Lever's consent was not completed in time. Click Connect again.".into())
}
