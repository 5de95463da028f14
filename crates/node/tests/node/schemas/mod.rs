//! PostgreSQL schemas for the node's tests and benchmarks: each run makes its own, named
//! with a prefix and its creation time, drops it at the end, and drops at the start those
//! of its prefix left behind by runs killed more than an hour ago.

#![allow(dead_code)]

use std::time::{SystemTime, UNIX_EPOCH};

/// A schema of a prefix older than this is a leftover of a killed run: no test or
/// benchmark of the node runs for an hour.
pub const STALE_SCHEMA_SECONDS: u64 = 3_600;

fn unix_seconds() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |elapsed| elapsed.as_secs())
}

async fn admin(url: &str) -> tokio_postgres::Client {
    let (client, connection) =
        tokio_postgres::connect(url, tokio_postgres::NoTls).await.expect("PostgreSQL connects");
    tokio::spawn(connection);
    client
}

/// A schema owned by one test run.
pub struct TestSchema {
    url: String,
    /// The schema's name: `{prefix}{unix seconds}_{process}_{milliseconds}`.
    pub name: String,
}

impl TestSchema {
    /// Drops the stale schemas of `prefix` (lower-case letters, digits, `_`) and names a
    /// new one.
    pub async fn new(url: &str, prefix: &str) -> TestSchema {
        let client = admin(url).await;
        let rows = client
            .query("SELECT nspname::text FROM pg_namespace", &[])
            .await
            .expect("schemas listed");
        for row in rows {
            let name: String = row.get(0);
            let Some(rest) = name.strip_prefix(prefix) else { continue };
            let created = rest.split('_').next().and_then(|seconds| seconds.parse::<u64>().ok());
            if created.is_some_and(|created| created + STALE_SCHEMA_SECONDS < unix_seconds()) {
                // Another run may be dropping it too: a failure here is only reported.
                let sql = format!("DROP SCHEMA IF EXISTS {name} CASCADE");
                if let Err(error) = client.batch_execute(&sql).await {
                    eprintln!("stale schema {name} not dropped: {error}");
                }
            }
        }
        let millis = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.subsec_millis());
        let name = format!("{prefix}{}_{}_{millis}", unix_seconds(), std::process::id());
        TestSchema { url: url.to_owned(), name }
    }

    /// Drops the schema and everything in it.
    pub async fn drop_schema(self) {
        admin(&self.url)
            .await
            .batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name))
            .await
            .expect("schema dropped");
    }
}
