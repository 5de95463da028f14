-- Core state snapshots written outside the batches, in chunks. SQLite has one writer, so
-- a snapshot of tens of megabytes written in one transaction would hold every batch behind
-- it; the node writes it as chunks of at most a mebibyte, each in its own short
-- transaction between batches, and a last transaction points `snapshots` at the chunks.
-- Until then recovery reads the previous snapshot: chunks without a `snapshots` row
-- pointing at them (a crash part-way) are never read, and are deleted by the next write.
CREATE TABLE snapshot_chunks (
    name        TEXT    NOT NULL,
    tree_size   INTEGER NOT NULL CHECK (tree_size >= 0),
    chunk_index INTEGER NOT NULL CHECK (chunk_index >= 0),
    bytes       BLOB    NOT NULL,
    PRIMARY KEY (name, tree_size, chunk_index)
);

-- How many chunks hold the snapshot's state; 0 when `state` holds it whole (a snapshot
-- written with a batch, or before this migration).
ALTER TABLE snapshots ADD COLUMN chunk_count INTEGER NOT NULL DEFAULT 0 CHECK (chunk_count >= 0);
