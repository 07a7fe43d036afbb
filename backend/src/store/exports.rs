//! Export tasks and items: stored before any call to Lever; items claimed one worker at a time.
//!
//! Long because the queue's claims, leases and outcomes must be read together to see they are atomic.

use shared::api::{
    Candidate, DuplicatePolicy, ExportCounts, ExportItem, ExportState, ExportTask, MatchKind, ResumeField, ResumeFormat,
};
use sqlx::any::AnyRow;
use sqlx::query;

use super::profiles::{KEYS_PER_QUERY, ProfileRow, kind_of, kind_str, placeholders, upsert_profile};
use super::{
    Result, Store, StoreError, enum_column, enum_text, int, json_column, new_id, now_ms, opt_int, opt_text, text,
};

pub fn state_str(s: ExportState) -> &'static str {
    match s {
        ExportState::Queued => "queued",
        ExportState::Exporting => "exporting",
        ExportState::Exported => "exported",
        ExportState::Skipped => "skipped",
        ExportState::Failed => "failed",
        ExportState::Cancelled => "cancelled",
    }
}

/// A stored state read back; anything else is an error, never a guess.
fn state_of(s: &str) -> Result<ExportState> {
    match s {
        "queued" => Ok(ExportState::Queued),
        "exporting" => Ok(ExportState::Exporting),
        "exported" => Ok(ExportState::Exported),
        "skipped" => Ok(ExportState::Skipped),
        "failed" => Ok(ExportState::Failed),
        "cancelled" => Ok(ExportState::Cancelled),
        other => Err(StoreError::Corrupt(format!("unknown export state {other:?}"))),
    }
}

/// A task's settings, as the worker needs them.
#[derive(Debug, Clone)]
pub struct TaskRow {
    pub id: String,
    pub organisation_id: String,
    pub member_id: String,
    pub created_by: String,
    pub name: String,
    pub stage_id: Option<String>,
    pub posting_id: Option<String>,
    pub format: ResumeFormat,
    pub fields: Vec<ResumeField>,
    pub duplicates: DuplicatePolicy,
    pub owner_id: Option<String>,
    pub stage_name: Option<String>,
    pub posting_name: Option<String>,
    /// Added to each exported opportunity as a Lever note.
    pub note: Option<String>,
    /// Where in ProvenBase the candidates were chosen (a Lever tag).
    pub origin: Option<String>,
}

/// One claimed item.
#[derive(Debug, Clone)]
pub struct ItemRow {
    pub id: String,
    pub task_id: String,
    pub candidate: Candidate,
    pub attempts: i64,
    /// A create may already have reached Lever at this time.
    pub sent_at: Option<i64>,
    /// This claim's token: a worker that took the item over after this one went silent holds
    /// another, and this one can then neither send nor finish.
    pub claim: String,
}

/// Why a candidate whose stored details can't be read failed.
pub fn unreadable() -> String {
    crate::text!("reason-unreadable").stored()
}

/// The Lever opportunity an export ended at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InLever<'a> {
    pub opportunity_id: &'a str,
    pub contact_id: &'a str,
    pub url: &'a str,
}

/// How one attempt at a candidate ended: a final state (with Lever's opportunity and why), or
/// back in the queue.
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'a> {
    /// Lever has a new opportunity for them (`note_failed`: the export's note could not be
    /// added). `indexed` puts it in the organisation's index.
    Exported { lever: InLever<'a>, indexed: Option<(&'a str, &'a ProfileRow)>, note_failed: Option<&'a str> },
    /// Already in Lever, left as it was (the recruiter asked to skip duplicates).
    Skipped { lever: InLever<'a>, reason: &'a str },
    /// Not exported, and why, for the recruiter.
    Failed { reason: &'a str },
    /// Back in the queue, not a failure: the organisation's exports are paused, or another
    /// export of the same person runs.
    Waiting { reason: Option<&'a str> },
    /// Back in the queue after an attempt that failed; `counted` when the attempt sent nothing
    /// (a sent one was counted when it went).
    Retry { reason: &'a str, counted: bool },
}

impl Outcome<'_> {
    pub fn state(&self) -> ExportState {
        match self {
            Self::Exported { .. } => ExportState::Exported,
            Self::Skipped { .. } => ExportState::Skipped,
            Self::Failed { .. } => ExportState::Failed,
            Self::Waiting { .. } | Self::Retry { .. } => ExportState::Queued,
        }
    }

    pub fn lever(&self) -> Option<InLever<'_>> {
        match self {
            Self::Exported { lever, .. } | Self::Skipped { lever, .. } => Some(*lever),
            _ => None,
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            Self::Exported { note_failed: reason, .. } | Self::Waiting { reason } => *reason,
            Self::Skipped { reason, .. } | Self::Failed { reason } | Self::Retry { reason, .. } => Some(reason),
        }
    }

    /// A final state: the candidate's export is over (and audited).
    pub fn is_final(&self) -> bool {
        self.state() != ExportState::Queued
    }
}

/// A new task as the route validated it.
#[derive(Debug, Clone)]
pub struct NewTask<'a> {
    pub organisation_id: &'a str,
    pub member_id: &'a str,
    pub created_by: &'a str,
    pub name: &'a str,
    pub stage_id: Option<&'a str>,
    pub posting_id: Option<&'a str>,
    pub format: ResumeFormat,
    pub fields: &'a [ResumeField],
    pub duplicates: DuplicatePolicy,
    pub owner_id: Option<&'a str>,
    pub stage_name: Option<&'a str>,
    pub posting_name: Option<&'a str>,
    pub note: Option<&'a str>,
    pub origin: Option<&'a str>,
    pub candidates: Vec<NewItem<'a>>,
}

/// One candidate of a new task, and the identity keys that make them a duplicate.
#[derive(Debug, Clone)]
pub struct NewItem<'a> {
    pub candidate: &'a Candidate,
    pub keys: Vec<(MatchKind, String)>,
    /// Why this candidate can't be exported: stored failed, with this reason, never sent.
    pub problem: Option<String>,
}

/// A candidate queued or being exported, found by one of their keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InFlight {
    pub kind: MatchKind,
    pub key: String,
    pub task_name: String,
    pub created_by: String,
}

/// One item as a task lists it. A candidate whose details can't be read is still listed (the
/// claim fails it with [`unreadable`]): one broken row never hides its task.
fn item(row: &AnyRow) -> Result<ExportItem> {
    let (ref_id, name) = match json_column::<Candidate>(row, "candidate") {
        Ok(c) => (c.ref_id, c.name),
        Err(_) => (String::new(), "(unreadable candidate)".to_owned()),
    };
    Ok(ExportItem {
        ref_id,
        name,
        state: state_of(&text(row, "state")?)?,
        lever_url: opt_text(row, "lever_url")?,
        reason: opt_text(row, "reason")?,
    })
}

impl Store {
    pub async fn create_export(&self, t: NewTask<'_>) -> Result<String> {
        let id = new_id();
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        query(
            "INSERT INTO export_tasks (id, organisation_id, member_id, created_by, name, stage_id, posting_id, format, fields, \
             duplicates, owner_id, created_at, stage_name, posting_name, note, origin) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        )
        .bind(&id)
        .bind(t.organisation_id)
        .bind(t.member_id)
        .bind(t.created_by)
        .bind(t.name)
        .bind(t.stage_id)
        .bind(t.posting_id)
        .bind(enum_text(t.format))
        .bind(serde_json::to_string(t.fields).unwrap_or_default())
        .bind(enum_text(t.duplicates))
        .bind(t.owner_id)
        .bind(now)
        .bind(t.stage_name)
        .bind(t.posting_name)
        .bind(t.note)
        .bind(t.origin)
        .execute(&mut *tx)
        .await?;
        for (position, new) in t.candidates.iter().enumerate() {
            let item = new_id();
            query(
                "INSERT INTO export_items (id, task_id, organisation_id, position, candidate, state, reason, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(&item)
            .bind(&id)
            .bind(t.organisation_id)
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(serde_json::to_string(new.candidate).map_err(|e| StoreError::Corrupt(e.to_string()))?)
            .bind(if new.problem.is_some() { "failed" } else { "queued" })
            .bind(new.problem.as_deref())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            for (kind, key) in &new.keys {
                query(
                    "INSERT INTO export_item_keys (item_id, organisation_id, kind, key) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(&item)
                .bind(t.organisation_id)
                .bind(kind_str(*kind))
                .bind(key)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Claims the next item to export (queued, or claimed more than `stale_ms` ago by a worker
    /// that went silent), or none. Organisations whose exports are paused (Lever disconnected,
    /// the integration admin unable to act) are left alone: no calls to Lever while they wait.
    pub async fn claim_export_item(&self, stale_ms: i64) -> Result<Option<ItemRow>> {
        let now = now_ms();
        for _ in 0..5 {
            let next = query(
                "SELECT id FROM export_items WHERE (state = 'queued' OR (state = 'exporting' AND claimed_at < $1)) \
                 AND organisation_id IN (SELECT c.organisation_id FROM lever_connections c \
                   JOIN settings s ON s.organisation_id = c.organisation_id \
                   WHERE c.state = 'connected' AND s.exports_blocked IS NULL) \
                 ORDER BY task_id, position LIMIT 1",
            )
            .bind(now - stale_ms)
            .fetch_optional(&self.pool)
            .await?;
            let Some(next) = next else { return Ok(None) };
            let id = text(&next, "id")?;
            // Only one worker's update matches: the state (or the stale claim) is part of the condition.
            let claim = new_id();
            let claimed = query(
                "UPDATE export_items SET state = 'exporting', claimed_at = $1, updated_at = $1, claimed_by = $4 \
                 WHERE id = $2 AND (state = 'queued' OR (state = 'exporting' AND claimed_at < $3)) \
                 RETURNING id, task_id, candidate, attempts, sent_at",
            )
            .bind(now)
            .bind(&id)
            .bind(now - stale_ms)
            .bind(&claim)
            .fetch_optional(&self.pool)
            .await?;
            let Some(row) = claimed else { continue };
            match json_column::<Candidate>(&row, "candidate") {
                Ok(candidate) => {
                    return Ok(Some(ItemRow {
                        id: text(&row, "id")?,
                        task_id: text(&row, "task_id")?,
                        candidate,
                        attempts: int(&row, "attempts")?,
                        sent_at: opt_int(&row, "sent_at")?,
                        claim,
                    }));
                }
                // Unreadable: that candidate fails, saying so, and the queue goes on.
                Err(e) => {
                    tracing::error!(item = id, error = %e, "an exported candidate's stored details are unreadable");
                    query("UPDATE export_items SET state = 'failed', reason = $1, updated_at = $2 WHERE id = $3")
                        .bind(unreadable())
                        .bind(now)
                        .bind(&id)
                        .execute(&self.pool)
                        .await?;
                }
            }
        }
        Ok(None)
    }

    pub async fn export_task_row(&self, id: &str) -> Result<Option<TaskRow>> {
        let row = query("SELECT * FROM export_tasks WHERE id = $1").bind(id).fetch_optional(&self.pool).await?;
        row.map(|r| {
            Ok(TaskRow {
                id: text(&r, "id")?,
                organisation_id: text(&r, "organisation_id")?,
                member_id: text(&r, "member_id")?,
                created_by: text(&r, "created_by")?,
                name: text(&r, "name")?,
                stage_id: opt_text(&r, "stage_id")?,
                posting_id: opt_text(&r, "posting_id")?,
                format: enum_column(&r, "format")?,
                fields: json_column(&r, "fields")?,
                duplicates: enum_column(&r, "duplicates")?,
                owner_id: opt_text(&r, "owner_id")?,
                stage_name: opt_text(&r, "stage_name")?,
                posting_name: opt_text(&r, "posting_name")?,
                note: opt_text(&r, "note")?,
                origin: opt_text(&r, "origin")?,
            })
        })
        .transpose()
    }

    /// Records that a create is about to be sent (so a retry looks before creating again), if
    /// the claim still holds the item; false when another worker took it over.
    pub async fn mark_export_sent(&self, item: &ItemRow, at: i64) -> Result<bool> {
        let done = query(
            "UPDATE export_items SET sent_at = COALESCE(sent_at, $1), attempts = attempts + 1, updated_at = $1, \
             claimed_at = $1 WHERE id = $2 AND claimed_by = $3 AND state = 'exporting'",
        )
        .bind(at)
        .bind(&item.id)
        .bind(&item.claim)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Ends a claimed item as `outcome` says, if the claim still holds it; false when another
    /// worker took it over (nothing written). An exported candidate's opportunity goes into the
    /// index in the same transaction: the next check says *In Lever*, on every replica, from the
    /// moment the outcome exists.
    pub async fn end_export_item(&self, item: &ItemRow, outcome: &Outcome<'_>) -> Result<bool> {
        let lever = outcome.lever();
        let mut tx = self.pool.begin().await?;
        let done = query(
            "UPDATE export_items SET state = $1, lever_opportunity_id = $2, lever_contact_id = $3, lever_url = $4, \
             reason = $5, updated_at = $6, attempts = attempts + $9 \
             WHERE id = $7 AND claimed_by = $8 AND state = 'exporting'",
        )
        .bind(state_str(outcome.state()))
        .bind(lever.map(|l| l.opportunity_id))
        .bind(lever.map(|l| l.contact_id))
        .bind(lever.map(|l| l.url))
        .bind(outcome.reason())
        .bind(now_ms())
        .bind(&item.id)
        .bind(&item.claim)
        .bind(i64::from(matches!(outcome, Outcome::Retry { counted: true, .. })))
        .execute(&mut *tx)
        .await?;
        let held = done.rows_affected() > 0;
        if let (true, Outcome::Exported { indexed: Some((org, row)), .. }) = (held, outcome) {
            upsert_profile(&mut tx, org, row).await?;
        }
        tx.commit().await?;
        Ok(held)
    }

    /// Candidates queued or being exported (in any task of `org`) with one of `keys`, other than
    /// `except` (an item asking about its own person).
    pub async fn in_flight_by_keys(&self, org: &str, keys: &[String], except: Option<&str>) -> Result<Vec<InFlight>> {
        let mut found = Vec::new();
        for batch in keys.chunks(KEYS_PER_QUERY) {
            let sql = format!(
                "SELECT k.kind, k.key, t.name, t.created_by FROM export_item_keys k \
                 JOIN export_items i ON i.id = k.item_id JOIN export_tasks t ON t.id = i.task_id \
                 WHERE k.organisation_id = $1 AND i.state IN ('queued', 'exporting') AND k.item_id <> $2 \
                 AND k.key IN ({})",
                placeholders(3, batch.len())
            );
            let mut q = query(&sql).bind(org).bind(except.unwrap_or(""));
            for key in batch {
                q = q.bind(key);
            }
            for row in q.fetch_all(&self.pool).await? {
                let Some(kind) = kind_of(&text(&row, "kind")?) else { continue };
                found.push(InFlight {
                    kind,
                    key: text(&row, "key")?,
                    task_name: text(&row, "name")?,
                    created_by: text(&row, "created_by")?,
                });
            }
        }
        Ok(found)
    }

    /// Tasks of an organisation (of one member, when given), newest first, without items; the
    /// counts come from one grouped query (the event stream asks for this twice a second).
    pub async fn export_tasks(&self, org: &str, member: Option<&str>) -> Result<Vec<ExportTask>> {
        let rows = query(
            "SELECT t.id, t.name, t.created_by, t.created_at, t.stage_name, t.posting_name, t.format, i.state, \
             COUNT(i.id) AS n, MAX(i.updated_at) AS changed \
             FROM export_tasks t LEFT JOIN export_items i ON i.task_id = t.id \
             WHERE t.id IN (SELECT id FROM export_tasks WHERE organisation_id = $1 AND ($2 = '' OR member_id = $2) \
                            ORDER BY created_at DESC LIMIT 50) \
             GROUP BY t.id, t.name, t.created_by, t.created_at, t.stage_name, t.posting_name, t.format, i.state \
             ORDER BY t.created_at DESC, t.id",
        )
        .bind(org)
        .bind(member.unwrap_or(""))
        .fetch_all(&self.pool)
        .await?;
        let mut tasks: Vec<ExportTask> = Vec::new();
        for r in rows {
            let id = text(&r, "id")?;
            if tasks.last().is_none_or(|t| t.id != id) {
                tasks.push(task(&r, id)?);
            }
            if let (Some(last), Some(state)) = (tasks.last_mut(), opt_text(&r, "state")?) {
                *slot(&mut last.counts, state_of(&state)?) += u32::try_from(int(&r, "n")?).unwrap_or(u32::MAX);
                last.last_change_at = last.last_change_at.max(opt_int(&r, "changed")?);
            }
        }
        Ok(tasks)
    }

    /// One task with its items, if it belongs to `org` (and to `member`, when given).
    pub async fn export_task(&self, org: &str, member: Option<&str>, id: &str) -> Result<Option<ExportTask>> {
        let row =
            query("SELECT * FROM export_tasks WHERE id = $1 AND organisation_id = $2 AND ($3 = '' OR member_id = $3)")
                .bind(id)
                .bind(org)
                .bind(member.unwrap_or(""))
                .fetch_optional(&self.pool)
                .await?;
        let Some(r) = row else { return Ok(None) };
        let items = self.export_items(id).await?;
        let mut task = task(&r, id.to_owned())?;
        let changed = query("SELECT MAX(updated_at) AS changed FROM export_items WHERE task_id = $1")
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
        task.last_change_at = opt_int(&changed, "changed")?;
        for i in &items {
            *slot(&mut task.counts, i.state) += 1;
        }
        task.items = items;
        Ok(Some(task))
    }

    async fn export_items(&self, task: &str) -> Result<Vec<ExportItem>> {
        let rows = query("SELECT * FROM export_items WHERE task_id = $1 ORDER BY position")
            .bind(task)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(item).collect()
    }

    /// Moves a task's items in `from` to `to` (cancel: queued → cancelled; retry: failed →
    /// queued, with a fresh count of attempts; `sent_at` stays, so a retry still looks in Lever
    /// before creating again).
    pub async fn move_export_items(&self, task: &str, from: ExportState, to: ExportState) -> Result<u64> {
        let done = query(
            "UPDATE export_items SET state = $1, reason = NULL, updated_at = $2, \
             attempts = CASE WHEN $1 = 'queued' THEN 0 ELSE attempts END WHERE task_id = $3 AND state = $4",
        )
        .bind(state_str(to))
        .bind(now_ms())
        .bind(task)
        .bind(state_str(from))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }
}

/// A task's row, without its counts or items (added by the caller).
fn task(row: &AnyRow, id: String) -> Result<ExportTask> {
    Ok(ExportTask {
        id,
        name: text(row, "name")?,
        created_by: text(row, "created_by")?,
        created_at: int(row, "created_at")?,
        counts: ExportCounts::default(),
        paused: None,
        items: Vec::new(),
        job: opt_text(row, "posting_name")?,
        stage: opt_text(row, "stage_name")?,
        format: enum_column(row, "format")?,
        last_change_at: None,
    })
}

/// The count a state adds to.
fn slot(c: &mut ExportCounts, state: ExportState) -> &mut u32 {
    match state {
        ExportState::Queued => &mut c.queued,
        ExportState::Exporting => &mut c.exporting,
        ExportState::Exported => &mut c.exported,
        ExportState::Skipped => &mut c.skipped,
        ExportState::Failed => &mut c.failed,
        ExportState::Cancelled => &mut c.cancelled,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_unknown_stored_state_is_an_error_not_queued() {
        assert!(super::state_of("paused").is_err());
        for state in ["queued", "exporting", "exported", "skipped", "failed", "cancelled"] {
            assert_eq!(super::state_str(super::state_of(state).expect("known")), state);
        }
    }
}
