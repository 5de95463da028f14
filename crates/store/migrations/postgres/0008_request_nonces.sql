-- The nonces of signed reads (see the SQLite migration of the same number).
CREATE TABLE request_nonces (
    reader        BYTEA  NOT NULL CHECK (length(reader) = 32),
    nonce         TEXT   NOT NULL,
    expires_at_ms BIGINT NOT NULL,
    PRIMARY KEY (reader, nonce)
);
CREATE INDEX request_nonces_expiry ON request_nonces (expires_at_ms);
