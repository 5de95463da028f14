-- Passage store, version 1 (SQLite). Every table is written only by `append_batch` and the
-- checkpoint calls; see the crate documentation for what each column means.

-- One row: the number of entries in the log. `append_batch` moves it with a compare-and-set,
-- which is what refuses a batch that does not start at the current size.
-- `indexed_size` is the watermark of `statement_index`.
CREATE TABLE log_head (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    tree_size    INTEGER NOT NULL CHECK (tree_size >= 0),
    indexed_size INTEGER NOT NULL CHECK (indexed_size BETWEEN 0 AND tree_size)
);
INSERT INTO log_head (id, tree_size, indexed_size) VALUES (1, 0, 0);

CREATE TABLE entries (
    entry_index      INTEGER PRIMARY KEY,
    statement_sha256 BLOB    NOT NULL CHECK (length(statement_sha256) = 32),
    sequenced_at_ms  INTEGER NOT NULL,
    bytes            BLOB    NOT NULL
);

-- The statement hashes of the entries below `log_head.indexed_size`, merged in sorted
-- bulk; the newer ones are read from `entries` (see the crate's `statements` module).
CREATE TABLE statement_index (
    statement_sha256 BLOB    PRIMARY KEY,
    entry_index      INTEGER NOT NULL
) WITHOUT ROWID;

-- The widest version of each tile: a partial tile is a prefix of every wider one, so the
-- narrower versions a checkpoint needs are served by cutting this one.
CREATE TABLE hash_tiles (
    level      INTEGER NOT NULL,
    tile_index INTEGER NOT NULL,
    width      INTEGER NOT NULL CHECK (width BETWEEN 1 AND 256),
    hashes     BLOB    NOT NULL,
    PRIMARY KEY (level, tile_index)
) WITHOUT ROWID;

CREATE TABLE entry_bundles (
    bundle_index INTEGER PRIMARY KEY,
    width        INTEGER NOT NULL CHECK (width BETWEEN 1 AND 256),
    bytes        BLOB    NOT NULL
);

CREATE TABLE checkpoints (
    tree_size       INTEGER PRIMARY KEY,
    signed_note     TEXT    NOT NULL,
    cosigned_note   TEXT,
    published_at_ms INTEGER
);
CREATE INDEX checkpoints_published ON checkpoints (tree_size) WHERE published_at_ms IS NOT NULL;

CREATE TABLE movements (
    reference        TEXT    PRIMARY KEY,
    status           TEXT    NOT NULL,
    carrier          TEXT    NOT NULL,
    declared_at_ms   INTEGER NOT NULL,
    current_post     TEXT,
    last_entry_index INTEGER NOT NULL,
    snapshot         BLOB    NOT NULL
);
CREATE INDEX movements_declared ON movements (declared_at_ms, reference);
CREATE INDEX movements_post ON movements (current_post, declared_at_ms, reference);
CREATE INDEX movements_status ON movements (status, declared_at_ms, reference);
CREATE INDEX movements_carrier ON movements (carrier, declared_at_ms, reference);

CREATE TABLE movement_history (
    reference   TEXT    NOT NULL,
    entry_index INTEGER NOT NULL,
    PRIMARY KEY (reference, entry_index)
) WITHOUT ROWID;

CREATE TABLE postings (
    entry_index  INTEGER NOT NULL,
    ordinal      INTEGER NOT NULL,
    account      TEXT    NOT NULL,
    currency     TEXT    NOT NULL,
    amount_minor INTEGER NOT NULL,
    at_ms        INTEGER NOT NULL,
    PRIMARY KEY (entry_index, ordinal)
) WITHOUT ROWID;
CREATE INDEX postings_account ON postings (account, entry_index, ordinal);
CREATE INDEX postings_account_time ON postings (account, at_ms, currency, amount_minor);

CREATE TABLE incidents (
    incident_id        TEXT    PRIMARY KEY,
    movement_reference TEXT,
    post               TEXT,
    kind               TEXT    NOT NULL,
    status             TEXT    NOT NULL,
    opened_at_ms       INTEGER NOT NULL,
    last_entry_index   INTEGER NOT NULL,
    snapshot           BLOB    NOT NULL
);
CREATE INDEX incidents_opened ON incidents (opened_at_ms, incident_id);
CREATE INDEX incidents_movement ON incidents (movement_reference, opened_at_ms, incident_id);
CREATE INDEX incidents_status ON incidents (status, opened_at_ms, incident_id);

-- Key-value table for the core's serialized state, so a restart replays only the tail.
CREATE TABLE snapshots (
    name      TEXT    PRIMARY KEY,
    tree_size INTEGER NOT NULL,
    digest    BLOB    NOT NULL,
    state     BLOB    NOT NULL
);
