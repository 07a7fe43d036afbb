-- Export tasks and their candidates, stored before any call to Lever. An item is claimed by
-- one worker at a time; `sent_at` marks that a create may have reached Lever, so a retry looks
-- the candidate up before creating again.

CREATE TABLE export_tasks (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    member_id       TEXT NOT NULL REFERENCES members(id),
    created_by      TEXT NOT NULL,
    name            TEXT NOT NULL,
    stage_id        TEXT,
    posting_id      TEXT,
    format          TEXT NOT NULL,
    fields          TEXT NOT NULL,
    duplicates      TEXT NOT NULL,
    owner_id        TEXT,
    created_at      BIGINT NOT NULL
);
CREATE INDEX export_tasks_by_organisation ON export_tasks (organisation_id, created_at);

CREATE TABLE export_items (
    id                   TEXT PRIMARY KEY,
    task_id              TEXT NOT NULL REFERENCES export_tasks(id),
    organisation_id      TEXT NOT NULL,
    position             BIGINT NOT NULL,
    candidate            TEXT NOT NULL,
    state                TEXT NOT NULL,
    attempts             BIGINT NOT NULL DEFAULT 0,
    sent_at              BIGINT,
    claimed_at           BIGINT,
    lever_opportunity_id TEXT,
    lever_contact_id     TEXT,
    lever_url            TEXT,
    reason               TEXT,
    updated_at           BIGINT NOT NULL
);
CREATE INDEX export_items_by_state ON export_items (state, organisation_id);
CREATE INDEX export_items_by_task ON export_items (task_id, position);
