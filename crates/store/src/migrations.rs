//! Versioned schema migrations, embedded in the binary and applied at open.
//!
//! Each backend has its own list (the SQL dialects differ), kept in step: migration `n`
//! means the same schema change in both. A database records the versions it has applied in
//! `schema_migrations`; opening applies the missing ones in order inside transactions
//! (SQLite: one per migration; PostgreSQL: all in one, under an advisory lock so nodes
//! starting together apply each once), and refuses a database newer than this build.

/// One schema change.
#[derive(Debug)]
pub(crate) struct Migration {
    /// Version, dense from 1.
    pub(crate) version: i64,
    /// Short name, recorded beside the version.
    pub(crate) name: &'static str,
    /// The SQL, one or more statements.
    pub(crate) sql: &'static str,
}

/// The SQLite migrations, oldest first.
pub(crate) const SQLITE: &[Migration] = &[
    Migration {
        version: 1,
        name: "initial",
        sql: include_str!("../migrations/sqlite/0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "payloads",
        sql: include_str!("../migrations/sqlite/0002_payloads.sql"),
    },
    Migration {
        version: 3,
        name: "leader",
        sql: include_str!("../migrations/sqlite/0003_leader.sql"),
    },
    Migration {
        version: 4,
        name: "sequencer_fence",
        sql: include_str!("../migrations/sqlite/0004_sequencer_fence.sql"),
    },
    Migration {
        version: 5,
        name: "snapshot_chunks",
        sql: include_str!("../migrations/sqlite/0005_snapshot_chunks.sql"),
    },
    Migration {
        version: 6,
        name: "incident_reported_post",
        sql: include_str!("../migrations/sqlite/0006_incident_reported_post.sql"),
    },
    Migration {
        version: 7,
        name: "checkpoint_figures",
        sql: include_str!("../migrations/sqlite/0007_checkpoint_figures.sql"),
    },
    Migration {
        version: 8,
        name: "request_nonces",
        sql: include_str!("../migrations/sqlite/0008_request_nonces.sql"),
    },
    Migration {
        version: 9,
        name: "observations",
        sql: include_str!("../migrations/sqlite/0009_observations.sql"),
    },
];

/// The PostgreSQL migrations, oldest first.
pub(crate) const POSTGRES: &[Migration] = &[
    Migration {
        version: 1,
        name: "initial",
        sql: include_str!("../migrations/postgres/0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "payloads",
        sql: include_str!("../migrations/postgres/0002_payloads.sql"),
    },
    Migration {
        version: 3,
        name: "leader",
        sql: include_str!("../migrations/postgres/0003_leader.sql"),
    },
    Migration {
        version: 4,
        name: "sequencer_fence",
        sql: include_str!("../migrations/postgres/0004_sequencer_fence.sql"),
    },
    Migration {
        version: 5,
        name: "snapshot_chunks",
        sql: include_str!("../migrations/postgres/0005_snapshot_chunks.sql"),
    },
    Migration {
        version: 6,
        name: "incident_reported_post",
        sql: include_str!("../migrations/postgres/0006_incident_reported_post.sql"),
    },
    Migration {
        version: 7,
        name: "checkpoint_figures",
        sql: include_str!("../migrations/postgres/0007_checkpoint_figures.sql"),
    },
    Migration {
        version: 8,
        name: "request_nonces",
        sql: include_str!("../migrations/postgres/0008_request_nonces.sql"),
    },
    Migration {
        version: 9,
        name: "observations",
        sql: include_str!("../migrations/postgres/0009_observations.sql"),
    },
];

/// The newest version a list knows.
pub(crate) fn latest(migrations: &[Migration]) -> i64 {
    migrations.last().map_or(0, |migration| migration.version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_dense_and_both_backends_agree() {
        for list in [SQLITE, POSTGRES] {
            for (position, migration) in list.iter().enumerate() {
                assert_eq!(migration.version, position as i64 + 1);
            }
        }
        let names = |list: &[Migration]| list.iter().map(|m| m.name).collect::<Vec<_>>();
        assert_eq!(names(SQLITE), names(POSTGRES));
    }
}
