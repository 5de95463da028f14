//! Durable persistence for the node: embedded SQLite by default, PostgreSQL for scale-out.
