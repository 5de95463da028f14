-- Passage store, version 2 (SQLite): confidential payloads and the incidents' post index.

-- The clear data behind a statement's commitments, attached by the submitter and checked
-- against the commitment before it is stored. `field` names the commitment within the
-- statement (`consignee`, `goods/0/description`, `findings`, ...). A payload never
-- changes once stored: the commitment binds it.
CREATE TABLE payloads (
    entry_index INTEGER NOT NULL,
    field       TEXT    NOT NULL,
    commitment  BLOB    NOT NULL CHECK (length(commitment) = 32),
    salt        BLOB    NOT NULL CHECK (length(salt) = 32),
    payload     BLOB    NOT NULL,
    PRIMARY KEY (entry_index, field)
) WITHOUT ROWID;

CREATE INDEX incidents_post ON incidents (post, opened_at_ms, incident_id);
