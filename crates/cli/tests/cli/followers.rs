//! End-to-end: two `passage serve` nodes on one PostgreSQL schema. The first leads; the
//! second follows: it serves reads and forwards writes to the leader. When the leader is
//! killed, the follower takes over and accepts writes itself.
//!
//! Runs when `PASSAGE_TEST_POSTGRES_URL` names a server; the schema is dropped at the end,
//! and schemas this test left behind more than an hour ago are dropped at the start.

use crate::common::{
    TRUCK_DECLARATION, charter_line, corridor_files, key_file, log_key, ok, passage, serve, submit,
};
use passage_core::regime::Act;
use passage_core::testing::{Scenario, ScenarioConfig, ident};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub(crate) const SCHEMA_PREFIX: &str = "cli_followers_";
/// A schema of this test older than this is a leftover of a run that was killed.
const STALE_SCHEMA_SECONDS: u64 = 3_600;
/// Longest wait for the follower to take over: the server notices the killed leader's
/// connection closing at once, so this is generous.
const TAKE_OVER_TIMEOUT: Duration = Duration::from_secs(60);

pub(crate) fn unix_seconds() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_secs()
}

async fn admin(url: &str) -> tokio_postgres::Client {
    let (client, connection) =
        tokio_postgres::connect(url, tokio_postgres::NoTls).await.expect("connects");
    tokio::spawn(connection);
    client
}

/// Drops this test's schemas created more than [`STALE_SCHEMA_SECONDS`] ago (the creation
/// time is in the name), leaving those of runs still going.
pub(crate) async fn drop_stale_schemas(url: &str) {
    let client = admin(url).await;
    let rows =
        client.query("SELECT nspname::text FROM pg_namespace", &[]).await.expect("schemas listed");
    for row in rows {
        let name: String = row.get(0);
        let Some(rest) = name.strip_prefix(SCHEMA_PREFIX) else { continue };
        let created = rest.split('_').next().and_then(|seconds| seconds.parse::<u64>().ok());
        if created.is_some_and(|created| created + STALE_SCHEMA_SECONDS < unix_seconds()) {
            // Another run may be dropping it too: a failure here is only reported.
            let sql = format!("DROP SCHEMA IF EXISTS {name} CASCADE");
            if let Err(error) = client.batch_execute(&sql).await {
                eprintln!("stale schema {name} not dropped: {error}");
            }
        }
    }
}

/// Drops the schema when the test ends, passed or failed.
pub(crate) struct Schema {
    pub(crate) url: String,
    pub(crate) name: String,
}

impl Drop for Schema {
    fn drop(&mut self) {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        runtime.block_on(async {
            admin(&self.url)
                .await
                .batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name))
                .await
                .expect("schema dropped");
        });
    }
}

#[test]
fn a_follower_reads_forwards_writes_and_takes_over() {
    let Ok(url) = std::env::var("PASSAGE_TEST_POSTGRES_URL") else {
        eprintln!(
            "SKIPPED: PASSAGE_TEST_POSTGRES_URL is not set; the test of followers on \
             PostgreSQL did not run"
        );
        return;
    };
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(drop_stale_schemas(&url));
    let schema = Schema {
        url: url.clone(),
        name: format!("{SCHEMA_PREFIX}{}_{}", unix_seconds(), std::process::id()),
    };
    let folder = tempfile::tempdir().expect("temporary folder");
    let folder = folder.path();
    let key = log_key(folder);
    // Each node on a loopback port chosen here (free when chosen: both are held until both
    // are known), so that each names both in `group_members`, as a follower forwards
    // writes only to a configured member.
    let held = [(); 2].map(|()| std::net::TcpListener::bind("127.0.0.1:0").expect("a port"));
    let addresses = held.each_ref().map(|listener| listener.local_addr().expect("bound"));
    drop(held);
    let config = |listen: std::net::SocketAddr| {
        format!(
            "listen = \"{listen}\"\nlog_key = {:?}\npostgres_url = {url:?}\n\
             postgres_schema = {:?}\npostgres_pool_size = 2\ncheckpoint_interval_ms = 50\n\
             group_members = [\"http://{}\", \"http://{}\"]\n{}",
            key.display().to_string(),
            schema.name,
            addresses[0],
            addresses[1],
            charter_line(),
        )
    };
    let leader = serve(folder, "leader", &config(addresses[0]));
    let follower = serve(folder, "follower", &config(addresses[1]));
    follower.wait_for_line("following", Duration::from_secs(10));

    // Writes through the follower land in the leader's log.
    let scenario = ScenarioConfig::syunik();
    let local = Scenario::charter_only(&scenario);
    let files = corridor_files(folder, &scenario, &local);
    let out = submit(&follower, &files);
    assert!(out.lines().next().is_some_and(|line| line.contains("entry 0")), "{out}");
    let declaration = folder.join("truck.toml");
    std::fs::write(&declaration, TRUCK_DECLARATION).expect("declaration written");
    let declaration = declaration.display().to_string();
    let carrier = key_file(folder, "carrier:ARAZ-TRUCKS");
    let declared: serde_json::Value = serde_json::from_str(&ok(
        &follower,
        &["declare", "--file", &declaration, "--key", &carrier, "--json"],
    ))
    .expect("json");
    let mrn = declared["mrn"].as_str().expect("an MRN").to_owned();

    // Reads on the follower: the movement from the store, at once; the corridor from the
    // state it follows, within a few of its polls.
    let shown = ok(&follower, &["movement", &mrn]);
    assert!(shown.starts_with(&format!("{mrn}  declared")), "{shown}");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let output = passage(&follower, &["account"]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let corridor = runtime.block_on(async {
            reqwest::get(format!("{}/v1/corridor", follower.base)).await.map(|r| r.status())
        });
        if corridor.is_ok_and(|status| status.is_success()) {
            break;
        }
        assert!(Instant::now() < deadline, "the follower never caught up with the charter");
        std::thread::sleep(Duration::from_millis(50));
    }

    // The leader dies; the follower takes over and accepts writes itself.
    leader.kill();
    let corridor = local.state.corridor();
    let route = corridor.route_index(&ident("AM-TRANSIT-ROAD")).expect("route");
    let acceptor = corridor.routes[route]
        .posts
        .iter()
        .find_map(|&post| local.try_officer_for(Act::Accept, corridor.post(post).id.as_str()))
        .expect("an officer may accept");
    let acceptor = key_file(folder, &acceptor);
    let saved = folder.join("accept.json").display().to_string();
    ok(&follower, &["record", "--key", &acceptor, "--out", &saved, "accept", &mrn]);
    let deadline = Instant::now() + TAKE_OVER_TIMEOUT;
    loop {
        let output = passage(&follower, &["submit", &saved]);
        if output.status.success() {
            break;
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("leader_unavailable"), "{stderr}");
        assert!(Instant::now() < deadline, "the follower never took over: {stderr}");
        std::thread::sleep(Duration::from_millis(100));
    }
    follower.wait_for_line("leading", Duration::from_secs(10));
    let shown = ok(&follower, &["movement", &mrn]);
    assert!(shown.starts_with(&format!("{mrn}  accepted")), "{shown}");
    drop(follower);
    drop(schema);
}
