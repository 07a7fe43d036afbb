//! Drives a connect attempt from any page: asks the worker to open Lever's consent, then waits
//! for the worker to see how it ended.

use gloo::timers::future::TimeoutFuture;
use shared::api::ConnectOutcome;
use shared::messages::{ConnectLever, ConnectProgress, ConnectReply, GetConnectProgress};

use crate::chrome;

/// How often to ask, and for how long (the Super Admin may take a while in Lever).
const POLL_MS: u32 = 400;
const GIVE_UP_AFTER_POLLS: u32 = 15 * 60 * 1000 / POLL_MS;

pub async fn connect() -> Result<ConnectOutcome, String> {
    let attempt = chrome::ask(ConnectLever {}).await?.attempt;
    for _ in 0..GIVE_UP_AFTER_POLLS {
        TimeoutFuture::new(POLL_MS).await;
        match chrome::ask(GetConnectProgress { attempt }).await? {
            ConnectReply { progress: ConnectProgress::Pending } => {}
            ConnectReply { progress: ConnectProgress::Finished(outcome) } => return Ok(outcome),
            ConnectReply { progress: ConnectProgress::Unknown } => {
                return Err(t!("ui-connect-restarted"));
            }
        }
    }
    Err(t!("ui-connect-timeout"))
}
