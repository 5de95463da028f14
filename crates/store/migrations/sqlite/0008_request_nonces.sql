-- The nonces of signed reads, kept where every node of a group sees them, so a request is
-- taken once: after a restart, and on any node of the group, its replay is refused. A row
-- is kept until its request's timestamp leaves the node's window (`expires_at_ms`), then
-- deleted by the next admission; each reader holds a bounded number at a time.
CREATE TABLE request_nonces (
    reader        BLOB    NOT NULL CHECK (length(reader) = 32),
    nonce         TEXT    NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    PRIMARY KEY (reader, nonce)
) WITHOUT ROWID;
CREATE INDEX request_nonces_expiry ON request_nonces (expires_at_ms);
