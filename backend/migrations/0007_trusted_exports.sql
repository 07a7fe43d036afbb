-- The identity keys (normalized email, LinkedIn URL, phone) of every export item, so that a
-- candidate queued or being exported counts as a duplicate in the check and the prompts, and
-- two exports of one person take turns (leases on these keys, across replicas).
CREATE TABLE export_item_keys (
    item_id         TEXT NOT NULL,
    organisation_id TEXT NOT NULL,
    kind            TEXT NOT NULL,
    key             TEXT NOT NULL,
    PRIMARY KEY (item_id, kind, key)
);
CREATE INDEX export_item_keys_by_key ON export_item_keys (organisation_id, key);

-- The badge event stream asks often whether an organisation's index or export queue changed.
CREATE INDEX lever_profiles_by_update ON lever_profiles (organisation_id, updated_at);
CREATE INDEX export_items_by_organisation ON export_items (organisation_id, state);

-- What recruiters ask of peers: a note on each exported opportunity, and tags saying where in
-- ProvenBase the candidates came from (a Super Admin may turn the tags off).
ALTER TABLE export_tasks ADD COLUMN note TEXT;
ALTER TABLE export_tasks ADD COLUMN origin TEXT;
ALTER TABLE settings ADD COLUMN tag_exports BIGINT NOT NULL DEFAULT 1;
