-- Core state snapshots written outside the batches, in chunks of at most a mebibyte.
-- PostgreSQL writes all of a snapshot's chunks in one transaction of its own, beside the
-- batches; the chunked layout is SQLite's (which writes them over several transactions),
-- kept the same here so both backends read snapshots one way. Chunks without a
-- `snapshots` row pointing at them are never read, and are deleted by the next write.
CREATE TABLE snapshot_chunks (
    name        TEXT COLLATE "C" NOT NULL,
    tree_size   BIGINT  NOT NULL CHECK (tree_size >= 0),
    chunk_index INTEGER NOT NULL CHECK (chunk_index >= 0),
    bytes       BYTEA   NOT NULL,
    PRIMARY KEY (name, tree_size, chunk_index)
);
-- Stored out of line without compression: compressing tens of megabytes would take CPU
-- the server's batches need, to save disk space a snapshot does not need saved.
ALTER TABLE snapshot_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;

-- How many chunks hold the snapshot's state; 0 when `state` holds it whole (a snapshot
-- written with a batch, or before this migration).
ALTER TABLE snapshots ADD COLUMN chunk_count INTEGER NOT NULL DEFAULT 0 CHECK (chunk_count >= 0);
