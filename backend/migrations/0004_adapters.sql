-- Page adapters set by a Super Admin (a ProvenBase redesign fixed without a new extension), and
-- reports of pages where the adapter found no candidates.

CREATE TABLE adapter_overrides (
    organisation_id TEXT PRIMARY KEY REFERENCES organisations(id),
    config          TEXT NOT NULL,
    updated_at      BIGINT NOT NULL
);

CREATE TABLE adapter_reports (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    page            TEXT NOT NULL,
    path            TEXT NOT NULL,
    adapter_version BIGINT NOT NULL,
    reported_by     TEXT NOT NULL,
    reported_at     BIGINT NOT NULL
);
CREATE INDEX adapter_reports_by_organisation ON adapter_reports (organisation_id, reported_at);
