-- The leadership epoch: every election raises it, and a leader's batch commits only while
-- it is still the epoch that leader was elected with. A sequencer cut off from its lock
-- (a network split, a stalled process) can then commit nothing once its successor is
-- elected, instead of writing until a batch happens to collide with the successor's.
CREATE TABLE leader_epoch (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    epoch BIGINT  NOT NULL CHECK (epoch >= 0)
);
INSERT INTO leader_epoch (id, epoch) VALUES (1, 0);

-- The root of the tree the core state snapshot was taken at. The sequencer encodes a
-- snapshot off its own task and writes it with a later batch, so recovery checks that the
-- stored tree at the snapshot's size has this root before trusting the snapshot.
-- NULL for a snapshot written before this migration (written with its own batch).
ALTER TABLE snapshots ADD COLUMN root BYTEA;
