//! Webhook deliveries as Lever sends them: a JSON POST whose body carries `token`, `triggeredAt`
//! and `signature = hex(HMAC-SHA256(signatureToken, token + triggeredAt))`, retried five times.

use std::time::Duration;

use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::Sim;

pub fn signature(signature_token: &str, token: &str, triggered_at: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(signature_token.as_bytes()).expect("HMAC takes any key length");
    mac.update(format!("{token}{triggered_at}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

pub fn stage_changed(sim: &Sim, account: &str, opportunity: &str, from: &str, to: &str) {
    let data = opportunity_data(sim, account, opportunity, json!({"fromStageId": from, "toStageId": to}));
    deliver(sim, account, "candidateStageChange", data);
}

pub fn archive_changed(sim: &Sim, account: &str, opportunity: &str, archived: bool) {
    let at = sim.world().now_ms();
    let extra = if archived {
        json!({"toArchived": {"archivedAt": at, "reason": "archive-reason-hired-elsewhere"}, "fromArchived": null})
    } else {
        json!({"toArchived": null, "fromArchived": {}})
    };
    let data = opportunity_data(sim, account, opportunity, extra);
    deliver(sim, account, "candidateArchiveChange", data);
}

pub fn deleted(sim: &Sim, account: &str, opportunity: &str, contact: &str) {
    let data = json!({"opportunityId": opportunity, "candidateId": opportunity, "contactId": contact});
    deliver(sim, account, "candidateDeleted", data);
}

fn opportunity_data(sim: &Sim, account: &str, opportunity: &str, extra: Value) -> Value {
    let contact = sim.world().account(account).and_then(|a| a.opportunity(opportunity)).map(|o| o.contact.clone());
    let mut data = json!({"opportunityId": opportunity, "candidateId": opportunity, "contactId": contact});
    if let (Some(data), Value::Object(extra)) = (data.as_object_mut(), extra) {
        data.extend(extra);
    }
    data
}

/// Sends `event` to every webhook of `account` that listens for it, in the background.
pub fn deliver(sim: &Sim, account: &str, event: &str, data: Value) {
    let (hooks, triggered_at) = {
        let world = sim.world();
        let hooks: Vec<_> = world
            .webhooks
            .iter()
            .filter(|h| h.account == account && h.events.iter().any(|e| e == event))
            .cloned()
            .collect();
        (hooks, world.now_ms())
    };
    for hook in hooks {
        let token = crate::oauth::random_token(36);
        let body = json!({
            "id": crate::world::new_id(), "triggeredAt": triggered_at, "event": event, "data": data,
            "signature": signature(&hook.signature_token, &token, triggered_at), "token": token,
        });
        let sim = sim.clone();
        let event = event.to_owned();
        tokio::spawn(async move {
            let mut status = None;
            for attempt in 0..6u32 {
                if attempt > 0 {
                    tokio::time::sleep(Duration::from_millis(100 * 2u64.pow(attempt))).await;
                }
                let sent = sim.http.post(&hook.url).header("User-Agent", "Lever-Webhooks").json(&body).send().await;
                status = sent.ok().map(|r| r.status().as_u16());
                if status.is_some_and(|s| (200..300).contains(&s)) {
                    break;
                }
            }
            sim.world().deliveries.push(json!({"event": event, "url": hook.url, "status": status}));
        });
    }
}
