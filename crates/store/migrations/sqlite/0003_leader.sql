-- The API address of the node that sequences, written by it when elected, so that the
-- other nodes on the same database forward writes to it.
CREATE TABLE leader (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    api_url  TEXT    NOT NULL,
    since_ms INTEGER NOT NULL
);
