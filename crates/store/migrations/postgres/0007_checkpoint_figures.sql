-- Figures bound to checkpoints (see the SQLite migration of the same number).
CREATE TABLE checkpoint_figures (
    tree_size    BIGINT PRIMARY KEY CHECK (tree_size > 0),
    state_digest BYTEA  NOT NULL CHECK (length(state_digest) = 32),
    figures      TEXT   NOT NULL
);

ALTER TABLE movement_history ADD COLUMN status TEXT;
UPDATE movement_history SET status = movements.status FROM movements
    WHERE movements.reference = movement_history.reference
      AND movements.last_entry_index = movement_history.entry_index;
CREATE INDEX movements_last_entry ON movements (last_entry_index);
