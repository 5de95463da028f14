-- Passage store, version 1 (PostgreSQL). Same tables and meaning as the SQLite schema.
-- Text keys use the "C" collation so keyset pagination orders exactly as SQLite does
-- (byte order), whatever the database's default collation.

CREATE TABLE log_head (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    tree_size    BIGINT  NOT NULL CHECK (tree_size >= 0),
    indexed_size BIGINT  NOT NULL CHECK (indexed_size BETWEEN 0 AND tree_size)
);
INSERT INTO log_head (id, tree_size, indexed_size) VALUES (1, 0, 0);

CREATE TABLE entries (
    entry_index      BIGINT PRIMARY KEY,
    statement_sha256 BYTEA  NOT NULL CHECK (length(statement_sha256) = 32),
    sequenced_at_ms  BIGINT NOT NULL,
    bytes            BYTEA  NOT NULL
);

CREATE TABLE statement_index (
    statement_sha256 BYTEA  PRIMARY KEY,
    entry_index      BIGINT NOT NULL
);

CREATE TABLE hash_tiles (
    level      INTEGER NOT NULL,
    tile_index BIGINT  NOT NULL,
    width      INTEGER NOT NULL CHECK (width BETWEEN 1 AND 256),
    hashes     BYTEA   NOT NULL,
    PRIMARY KEY (level, tile_index)
);

CREATE TABLE entry_bundles (
    bundle_index BIGINT  PRIMARY KEY,
    width        INTEGER NOT NULL CHECK (width BETWEEN 1 AND 256),
    bytes        BYTEA   NOT NULL
);

CREATE TABLE checkpoints (
    tree_size       BIGINT PRIMARY KEY,
    signed_note     TEXT   NOT NULL,
    cosigned_note   TEXT,
    published_at_ms BIGINT
);
CREATE INDEX checkpoints_published ON checkpoints (tree_size) WHERE published_at_ms IS NOT NULL;

CREATE TABLE movements (
    reference        TEXT COLLATE "C" PRIMARY KEY,
    status           TEXT COLLATE "C" NOT NULL,
    carrier          TEXT COLLATE "C" NOT NULL,
    declared_at_ms   BIGINT NOT NULL,
    current_post     TEXT COLLATE "C",
    last_entry_index BIGINT NOT NULL,
    snapshot         BYTEA  NOT NULL
);
CREATE INDEX movements_declared ON movements (declared_at_ms, reference);
CREATE INDEX movements_post ON movements (current_post, declared_at_ms, reference);
CREATE INDEX movements_status ON movements (status, declared_at_ms, reference);
CREATE INDEX movements_carrier ON movements (carrier, declared_at_ms, reference);

CREATE TABLE movement_history (
    reference   TEXT COLLATE "C" NOT NULL,
    entry_index BIGINT NOT NULL,
    PRIMARY KEY (reference, entry_index)
);

CREATE TABLE postings (
    entry_index  BIGINT  NOT NULL,
    ordinal      INTEGER NOT NULL,
    account      TEXT COLLATE "C" NOT NULL,
    currency     TEXT COLLATE "C" NOT NULL,
    amount_minor BIGINT  NOT NULL,
    at_ms        BIGINT  NOT NULL,
    PRIMARY KEY (entry_index, ordinal)
);
CREATE INDEX postings_account ON postings (account, entry_index, ordinal);
CREATE INDEX postings_account_time ON postings (account, at_ms) INCLUDE (currency, amount_minor);

CREATE TABLE incidents (
    incident_id        TEXT COLLATE "C" PRIMARY KEY,
    movement_reference TEXT COLLATE "C",
    post               TEXT COLLATE "C",
    kind               TEXT COLLATE "C" NOT NULL,
    status             TEXT COLLATE "C" NOT NULL,
    opened_at_ms       BIGINT NOT NULL,
    last_entry_index   BIGINT NOT NULL,
    snapshot           BYTEA  NOT NULL
);
CREATE INDEX incidents_opened ON incidents (opened_at_ms, incident_id);
CREATE INDEX incidents_movement ON incidents (movement_reference, opened_at_ms, incident_id);
CREATE INDEX incidents_status ON incidents (status, opened_at_ms, incident_id);

CREATE TABLE snapshots (
    name      TEXT COLLATE "C" PRIMARY KEY,
    tree_size BIGINT NOT NULL,
    digest    BYTEA  NOT NULL,
    state     BYTEA  NOT NULL
);
