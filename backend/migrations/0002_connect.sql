-- The Lever connection (tokens sealed with AES-256-GCM), settings, members, sessions, invites,
-- the short-lived OAuth state and handoff codes, and the audit trail. Portable SQL: runs on
-- SQLite and PostgreSQL; timestamps are milliseconds since the epoch, flags are 0/1.

CREATE TABLE lever_connections (
    organisation_id     TEXT PRIMARY KEY REFERENCES organisations(id),
    state               TEXT NOT NULL,
    connected_by        TEXT NOT NULL,
    connected_by_name   TEXT NOT NULL,
    connected_by_email  TEXT NOT NULL,
    access_token        TEXT,
    refresh_token       TEXT,
    access_expires_at   BIGINT,
    scopes              TEXT NOT NULL,
    connected_at        BIGINT NOT NULL,
    disconnected_at     BIGINT,
    disconnect_reason   TEXT
);

CREATE TABLE settings (
    organisation_id      TEXT PRIMARY KEY REFERENCES organisations(id),
    default_stage_id     TEXT,
    auto_sync_enabled    BIGINT NOT NULL,
    auto_sync_days       BIGINT NOT NULL,
    auto_sync_answered   BIGINT NOT NULL,
    integration_admin_id TEXT,
    updated_at           BIGINT NOT NULL
);

CREATE TABLE members (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    lever_user_id   TEXT NOT NULL,
    name            TEXT NOT NULL,
    email           TEXT NOT NULL,
    role            TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    UNIQUE (organisation_id, lever_user_id)
);

CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    member_id   TEXT NOT NULL REFERENCES members(id),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);

CREATE TABLE invites (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    code_hash       TEXT NOT NULL UNIQUE,
    lever_user_id   TEXT NOT NULL,
    name            TEXT NOT NULL,
    email           TEXT NOT NULL,
    created_by      TEXT NOT NULL REFERENCES members(id),
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    redeemed_at     BIGINT,
    revoked_at      BIGINT
);

CREATE TABLE oauth_states (
    state_hash TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);

CREATE TABLE handoffs (
    code_hash  TEXT PRIMARY KEY,
    member_id  TEXT NOT NULL REFERENCES members(id),
    expires_at BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    actor           TEXT,
    action          TEXT NOT NULL,
    detail          TEXT NOT NULL,
    at              BIGINT NOT NULL
);
CREATE INDEX audit_log_by_organisation ON audit_log (organisation_id, at);
