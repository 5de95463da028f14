-- The monitors' observations, newest first by entry: what `GET /v1/observations` pages
-- through. Written in the batch's transaction, like the other projections; the details and
-- attachments stay in `payloads`.
CREATE TABLE observations (
    entry_index    INTEGER PRIMARY KEY,
    observed_at_ms INTEGER NOT NULL,
    post           TEXT    NOT NULL,
    segment_to     TEXT,
    position_m     INTEGER,
    category       TEXT    NOT NULL,
    summary        TEXT    NOT NULL,
    attachments    INTEGER NOT NULL
);
