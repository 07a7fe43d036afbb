-- Org-wide operation: one Lever rate budget per account shared by every replica (GCRA: the
-- theoretical arrival time of the next request, in ms), exports paused while the integration
-- Lever admin can't act, members deactivated by the sync, and the audit log's retention.

CREATE TABLE rate_budgets (
    organisation_id TEXT PRIMARY KEY,
    tat             BIGINT NOT NULL
);

ALTER TABLE settings ADD COLUMN exports_blocked TEXT;
ALTER TABLE settings ADD COLUMN audit_retention_days BIGINT NOT NULL DEFAULT 365;
ALTER TABLE members ADD COLUMN deactivated_at BIGINT;
-- Which claim holds an export item: only its holder may send the create or finish the item.
ALTER TABLE export_items ADD COLUMN claimed_by TEXT;
-- The job and stage names as they were when the task was made (the audit log names them).
ALTER TABLE export_tasks ADD COLUMN stage_name TEXT;
ALTER TABLE export_tasks ADD COLUMN posting_name TEXT;

-- One replica at a time runs an organisation's profile sync pass.
CREATE TABLE leases (
    name   TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until  BIGINT NOT NULL
);
