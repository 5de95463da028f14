-- The monitors' observations (see the SQLite migration of the same number).
CREATE TABLE observations (
    entry_index    BIGINT PRIMARY KEY,
    observed_at_ms BIGINT  NOT NULL,
    post           TEXT    COLLATE "C" NOT NULL,
    segment_to     TEXT    COLLATE "C",
    position_m     BIGINT,
    category       TEXT    NOT NULL,
    summary        TEXT    NOT NULL,
    attachments    INTEGER NOT NULL
);
