-- Passage store, version 2 (PostgreSQL): confidential payloads and the incidents' post index.

-- The clear data behind a statement's commitments, attached by the submitter and checked
-- against the commitment before it is stored. `field` names the commitment within the
-- statement (`consignee`, `goods/0/description`, `findings`, ...). A payload never
-- changes once stored: the commitment binds it.
CREATE TABLE payloads (
    entry_index BIGINT NOT NULL,
    field       TEXT COLLATE "C" NOT NULL,
    commitment  BYTEA  NOT NULL CHECK (length(commitment) = 32),
    salt        BYTEA  NOT NULL CHECK (length(salt) = 32),
    payload     BYTEA  NOT NULL,
    PRIMARY KEY (entry_index, field)
);

CREATE INDEX incidents_post ON incidents (post, opened_at_ms, incident_id);
