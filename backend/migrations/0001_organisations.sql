-- One organisation per connected Lever account.
CREATE TABLE organisations (
    id              TEXT PRIMARY KEY,
    lever_account_id TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    created_at      BIGINT NOT NULL
);
