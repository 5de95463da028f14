-- Figures bound to checkpoints. The node publishes, for each checkpoint it publishes, the
-- core's state digest and its figures (statistics and balances) at that checkpoint's size,
-- so that an auditor compares them with what it recomputes at the size it verified, not
-- with a node that has moved on. `figures` is the node's JSON; the store does not read it.
-- The node keeps the newest rows only (see `CHECKPOINT_FIGURES_KEPT`), so the table stays
-- the same size however long the log.
CREATE TABLE checkpoint_figures (
    tree_size    INTEGER PRIMARY KEY CHECK (tree_size > 0),
    state_digest BLOB    NOT NULL CHECK (length(state_digest) = 32),
    figures      TEXT    NOT NULL
);

-- A movement's status at the end of the batch that wrote each line of its history, so that
-- its status as of a batch boundary (every checkpoint is one) is the status on its last line
-- below that size. Lines written before this migration have none, except each movement's
-- last line, which takes the movement's status now: a size published after this migration
-- never needs an older one.
ALTER TABLE movement_history ADD COLUMN status TEXT;
UPDATE movement_history SET status = (
    SELECT movements.status FROM movements
    WHERE movements.reference = movement_history.reference
      AND movements.last_entry_index = movement_history.entry_index);
-- The movements changed at or after a size: the few an as-of read looks up in the history.
CREATE INDEX movements_last_entry ON movements (last_entry_index);
