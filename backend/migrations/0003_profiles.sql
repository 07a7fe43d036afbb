-- The local index of the organisation's Lever profiles (one row per opportunity) and the
-- identity keys that point at them, for duplicate checks that never call Lever; the sync's
-- progress; webhook deliveries already seen (replay protection).

CREATE TABLE lever_profiles (
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    opportunity_id  TEXT NOT NULL,
    contact_id      TEXT NOT NULL,
    name            TEXT NOT NULL,
    headline        TEXT NOT NULL,
    name_key        TEXT NOT NULL,
    headline_key    TEXT NOT NULL,
    stage_id        TEXT,
    stage_name      TEXT,
    archived        BIGINT NOT NULL,
    owner_id        TEXT,
    owner_name      TEXT,
    updated_at      BIGINT NOT NULL,
    url             TEXT NOT NULL,
    PRIMARY KEY (organisation_id, opportunity_id)
);
CREATE INDEX lever_profiles_by_name ON lever_profiles (organisation_id, name_key);

CREATE TABLE profile_keys (
    organisation_id TEXT NOT NULL,
    kind            TEXT NOT NULL,
    key             TEXT NOT NULL,
    opportunity_id  TEXT NOT NULL,
    PRIMARY KEY (organisation_id, kind, key, opportunity_id)
);
CREATE INDEX profile_keys_by_opportunity ON profile_keys (organisation_id, opportunity_id);

CREATE TABLE sync_state (
    organisation_id TEXT PRIMARY KEY REFERENCES organisations(id),
    window_days     BIGINT,
    cursor          BIGINT,
    resume_offset   TEXT,
    pass_started_at BIGINT,
    last_run_at     BIGINT,
    last_success_at BIGINT,
    last_error      TEXT,
    profiles_seen   BIGINT NOT NULL DEFAULT 0
);

ALTER TABLE settings ADD COLUMN webhook_token TEXT;

CREATE TABLE webhook_deliveries (
    token_hash TEXT PRIMARY KEY,
    received_at BIGINT NOT NULL
);
