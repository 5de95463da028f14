//! The leadership fence across nodes on one database: a leader whose leadership was taken
//! over (its lock lost, a successor elected, which raises the epoch) commits nothing more,
//! answers what it had not committed with 503 and `Retry-After`, and goes back to
//! following; the new leader continues the same log, and writes sent to the old leader are
//! forwarded to it. On SQLite always, on PostgreSQL when `PASSAGE_TEST_POSTGRES_URL` is set.
//! A leader whose store stops writing gives the leadership up, and a follower takes over.

use crate::common::node::{
    accept, body_of, declaration, node_config, send_request, set_up_corridor, wait_for,
};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use passage_core::SignedStatement;
use passage_node::api::statements::SubmitResponse;
use passage_node::follower::{GroupConfig, GroupNode, Role};
use passage_node::sequencer::COMMIT_FAILURES_MAX;
use passage_store::faults::{FaultPoint, Faults, When};
use passage_store::{AnyStore, PostgresConfig, SqliteConfig, Store, StoreConfig};
use std::future::Future;
use std::time::Duration;

use crate::schemas;

/// Longest wait for an election or a step-down: the old leader checks its hold every
/// second, and PostgreSQL drops a terminated backend's lock at once.
const WAIT_MAX: Duration = Duration::from_secs(30);

/// Submits through the node's own handlers (no forwarding): what its sequencer answers,
/// with its `Retry-After`.
async fn submit_here(
    node: &GroupNode,
    statement: &SignedStatement,
) -> (StatusCode, Option<String>, serde_json::Value) {
    let request = Request::builder()
        .method("POST")
        .uri("/v1/statements")
        .header("content-type", "application/json")
        .body(Body::from(body_of(statement)))
        .expect("request");
    let (status, headers, json) = send_request(&node.app_state, request).await;
    let retry_after =
        headers.get(header::RETRY_AFTER).and_then(|value| value.to_str().ok()).map(str::to_owned);
    (status, retry_after, json)
}

/// Submits over HTTP to the node's address, through its forwarding.
async fn accept_over_http(node: &GroupNode, statement: &SignedStatement) -> SubmitResponse {
    let response = reqwest::Client::new()
        .post(format!("http://{}/v1/statements", node.address))
        .header("content-type", "application/json")
        .body(body_of(statement))
        .send()
        .await
        .expect("the node answers");
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    response.json().await.expect("a submit response")
}

fn group(store: StoreConfig) -> GroupConfig {
    GroupConfig {
        node: node_config(store),
        advertise: None,
        members: vec![],
        witnesses: passage_node::publisher::WitnessConfig::none(),
    }
}

/// The configurations of two nodes that name each other as their group, so that either
/// forwards writes to the other while it leads: each listens on a loopback port chosen
/// here (free when chosen: both are held until both are known, then released), since a
/// node's `members` must name the other's address before either starts.
fn group_of_two(first: StoreConfig, second: StoreConfig) -> (GroupConfig, GroupConfig) {
    let held = [(); 2].map(|()| std::net::TcpListener::bind("127.0.0.1:0").expect("a port"));
    let addresses = held.each_ref().map(|listener| listener.local_addr().expect("bound"));
    drop(held);
    let members: Vec<String> =
        addresses.iter().map(|address| format!("http://{address}")).collect();
    let config = |store, address| {
        let mut config = group(store);
        config.node.listen = address;
        config.members = members.clone();
        config
    };
    (config(first, addresses[0]), config(second, addresses[1]))
}

/// Runs the scenario on `store`; `cut_off` takes the first leader's lock away without its
/// sequencer being told (its lock's connection dies, or its lock file is released).
async fn deposed_leader_commits_nothing<F, Fut>(store: StoreConfig, cut_off: F)
where
    F: FnOnce(std::sync::Arc<AnyStore>) -> Fut,
    Fut: Future<Output = ()>,
{
    let (first_config, second_config) = group_of_two(store.clone(), store);
    let first = GroupNode::start(first_config).await.expect("the first node starts");
    assert_eq!(*first.role.borrow(), Role::Leader);
    set_up_corridor(&first.app_state, &[]).await;
    let first_epoch = first.app_state.store.leadership_epoch().expect("elected");

    let second = GroupNode::start(second_config).await.expect("the second node starts");
    assert_eq!(*second.role.borrow(), Role::Follower);
    cut_off(first.app_state.store.clone()).await;
    let mut second_role = second.role.clone();
    tokio::time::timeout(WAIT_MAX, second_role.wait_for(|role| *role == Role::Leader))
        .await
        .expect("the second node is elected")
        .expect("the second node runs");
    let second_epoch = second.app_state.store.leadership_epoch().expect("elected");
    assert!(second_epoch > first_epoch, "epoch {second_epoch} after {first_epoch}");
    let size = second.app_state.shared.tree.borrow().size;
    assert_eq!(size, 2);

    // The deposed leader's sequencer acknowledges nothing: whether its batch meets the
    // fence or it noticed the lost lock first, the answer is 503 with Retry-After.
    let late = declaration("10AB001");
    let (status, retry_after, json) = submit_here(&first, &late).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{json}");
    assert_eq!(json["error"], "unavailable");
    assert_eq!(retry_after.as_deref(), Some("2"));
    assert_eq!(second.app_state.store.tree_size().await.expect("size"), size);
    assert_eq!(second.app_state.store.find_statements(&[late.id()]).await.expect("read"), vec![]);
    let mut first_role = first.role.clone();
    tokio::time::timeout(WAIT_MAX, first_role.wait_for(|role| *role == Role::Follower))
        .await
        .expect("the first node steps down")
        .expect("the first node runs");

    // The new leader continues the same log; a write sent to the old leader is forwarded.
    let continued = accept(&second.app_state, &late).await;
    assert_eq!((continued.index, continued.duplicate), (size, false));
    let forwarded = accept_over_http(&first, &declaration("10AB002")).await;
    assert_eq!((forwarded.index, forwarded.duplicate), (size + 1, false));
    let entries = second.app_state.store.entries(0, 10).await.expect("entries");
    assert_eq!(entries.iter().map(|entry| entry.index).collect::<Vec<_>>(), vec![0, 1, 2, 3]);
    // The old leader follows the new one's log.
    let following = first.app_state.shared.tree.subscribe();
    wait_for("the old leader to follow", WAIT_MAX, || following.borrow().size == size + 2).await;
    assert_eq!(*following.borrow(), *second.app_state.shared.tree.borrow());

    second.stop().await;
    first.stop().await;
}

#[tokio::test]
async fn on_sqlite_a_deposed_leader_commits_nothing_and_the_next_continues_the_log() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let store = StoreConfig::Sqlite(SqliteConfig::new(folder.path().join("passage.db")));
    // The lock file released under the sequencer's feet, as if another process had
    // broken it: the sequencer was not told.
    deposed_leader_commits_nothing(store, |first| async move {
        first.release_leadership().await.expect("released");
    })
    .await;
}

#[tokio::test]
async fn on_postgres_a_deposed_leader_commits_nothing_and_the_next_continues_the_log() {
    let Ok(url) = std::env::var("PASSAGE_TEST_POSTGRES_URL") else {
        eprintln!("SKIPPED: PASSAGE_TEST_POSTGRES_URL is not set; the PostgreSQL test did not run");
        return;
    };
    let schema = schemas::TestSchema::new(&url, "node_leadership_").await;
    let mut config = PostgresConfig::new(url.clone());
    config.schema = schema.name.clone();
    // The connection holding the first leader's lock dies (a network cut): the server ends
    // it and the lock with it.
    deposed_leader_commits_nothing(StoreConfig::Postgres(config), |first| async move {
        let AnyStore::Postgres(first) = &*first else { unreachable!("a PostgreSQL store") };
        let key = first.leadership_lock_key() as u64;
        let (high, low) = ((key >> 32) as i64, (key & 0xffff_ffff) as i64);
        let (admin, connection) =
            tokio_postgres::connect(&url, tokio_postgres::NoTls).await.expect("connects");
        tokio::spawn(connection);
        let terminated: i64 = admin
            .query_one(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_locks
                 WHERE locktype = 'advisory' AND granted AND objsubid = 1
                   AND classid::bigint = $1 AND objid::bigint = $2
                   AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                &[&high, &low],
            )
            .await
            .expect("terminated")
            .get(0);
        assert_eq!(terminated, 1);
    })
    .await;
    schema.drop_schema().await;
}

#[tokio::test]
async fn a_leader_whose_store_keeps_failing_gives_up_and_a_follower_takes_writes() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let sqlite = StoreConfig::Sqlite(SqliteConfig::new(folder.path().join("passage.db")));
    let faults = Faults::new();
    let faulty = StoreConfig::Faulty { inner: Box::new(sqlite.clone()), faults: faults.clone() };
    let (first_config, second_config) = group_of_two(faulty, sqlite);
    let first = GroupNode::start(first_config).await.expect("the first node starts");
    assert_eq!(*first.role.borrow(), Role::Leader);
    set_up_corridor(&first.app_state, &[]).await;
    let second = GroupNode::start(second_config).await.expect("the second node starts");
    assert_eq!(*second.role.borrow(), Role::Follower);

    // The first leader's store stops writing (its disk is full, say); it still reads.
    faults.fail_every(FaultPoint::AppendBatch, Some(When::BeforePersisting));
    for plate in 0..COMMIT_FAILURES_MAX {
        let (status, _, json) = submit_here(&first, &declaration(&format!("10FA{plate:03}"))).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{json}");
    }
    assert_eq!(faults.injected(FaultPoint::AppendBatch), u64::from(COMMIT_FAILURES_MAX));
    let mut second_role = second.role.clone();
    tokio::time::timeout(WAIT_MAX, second_role.wait_for(|role| *role == Role::Leader))
        .await
        .expect("the follower is elected once the failing leader gives up")
        .expect("the second node runs");
    assert_eq!(*first.role.borrow(), Role::Follower, "the failing node no longer leads");

    // Writes go on: sent to the new leader, and sent to the old one, which forwards them.
    let direct = accept(&second.app_state, &declaration("10AB001")).await;
    assert_eq!((direct.index, direct.duplicate), (2, false));
    let forwarded = accept_over_http(&first, &declaration("10AB002")).await;
    assert_eq!((forwarded.index, forwarded.duplicate), (3, false));
    assert_eq!(faults.injected(FaultPoint::AppendBatch), u64::from(COMMIT_FAILURES_MAX));
    assert_eq!(second.app_state.store.tree_size().await.expect("size"), 4);

    second.stop().await;
    first.stop().await;
}

/// A TCP proxy in front of PostgreSQL that can turn into a dead host: once cut it forwards
/// nothing more in either direction, and closes nothing (new connections are accepted and
/// left silent), so only timeouts can tell.
struct BlackHoleProxy {
    address: std::net::SocketAddr,
    /// Set: nothing more goes from the server to the client.
    answers_cut: tokio::sync::watch::Sender<bool>,
    /// Set: nothing more goes from the client to the server (nor the other way).
    cut: tokio::sync::watch::Sender<bool>,
    /// Set: the next transaction a client begins is cut inside.
    cut_in_transaction: tokio::sync::watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

/// How long the requests a client pipelines after its `BEGIN` still reach the server once
/// the answers are cut, so that the transaction takes its locks.
const IN_TRANSACTION_GRACE: Duration = Duration::from_millis(300);

impl BlackHoleProxy {
    async fn start(upstream: std::net::SocketAddr) -> BlackHoleProxy {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("binds");
        let address = listener.local_addr().expect("bound");
        let (answers_cut, _) = tokio::sync::watch::channel(false);
        let (cut, _) = tokio::sync::watch::channel(false);
        let (cut_in_transaction, _) = tokio::sync::watch::channel(false);
        let flags = (answers_cut.clone(), cut.clone(), cut_in_transaction.clone());
        let task = tokio::spawn(async move {
            let mut held = tokio::task::JoinSet::new();
            loop {
                let Ok((client, _)) = listener.accept().await else { return };
                let (answers_cut, cut, cut_in_transaction) = flags.clone();
                held.spawn(async move {
                    if *cut.borrow() {
                        // A dead host: the connection stays open and silent.
                        std::future::pending::<()>().await;
                    }
                    let Ok(server) = tokio::net::TcpStream::connect(upstream).await else {
                        return;
                    };
                    let (client_read, client_write) = client.into_split();
                    let (server_read, server_write) = server.into_split();
                    let requests = Pipe {
                        cut: cut.subscribe(),
                        begin: Some(BeginCut {
                            armed: cut_in_transaction,
                            answers_cut: answers_cut.clone(),
                            cut: cut.clone(),
                        }),
                    };
                    let answers = Pipe { cut: answers_cut.subscribe(), begin: None };
                    tokio::join!(
                        requests.copy(client_read, server_write),
                        answers.copy(server_read, client_write),
                    );
                });
            }
        });
        BlackHoleProxy { address, answers_cut, cut, cut_in_transaction, task }
    }

    /// The host dies now.
    fn cut_now(&self) {
        self.answers_cut.send_replace(true);
        self.cut.send_replace(true);
    }
}

impl Drop for BlackHoleProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Cuts the proxy inside the first transaction begun once `armed` is set: the answers at
/// once, so the client never learns how its statements went, and the requests
/// [`IN_TRANSACTION_GRACE`] later, so the server has run what was pipelined after `BEGIN`.
struct BeginCut {
    armed: tokio::sync::watch::Sender<bool>,
    answers_cut: tokio::sync::watch::Sender<bool>,
    cut: tokio::sync::watch::Sender<bool>,
}

/// One direction of a proxied connection.
struct Pipe {
    /// Set: the pipe stops reading and writing, and holds both ends, silent.
    cut: tokio::sync::watch::Receiver<bool>,
    begin: Option<BeginCut>,
}

impl Pipe {
    async fn copy(
        mut self,
        mut from: tokio::net::tcp::OwnedReadHalf,
        mut to: tokio::net::tcp::OwnedWriteHalf,
    ) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut buffer = vec![0u8; 16 * 1024];
        loop {
            let read = tokio::select! {
                _ = self.cut.wait_for(|cut| *cut) => None,
                read = from.read(&mut buffer) => Some(read),
            };
            let Some(read) = read else {
                std::future::pending::<()>().await;
                return;
            };
            let count = match read {
                Ok(0) | Err(_) => return,
                Ok(count) => count,
            };
            if *self.cut.borrow() {
                std::future::pending::<()>().await;
            }
            if to.write_all(&buffer[..count]).await.is_err() {
                return;
            }
            if let Some(begin) = &self.begin {
                // A simple query `BEGIN` is a `Q` message whose text ends in a NUL.
                let begins = buffer[..count].windows(6).any(|window| window == b"BEGIN\0");
                if begins && begin.armed.send_replace(false) {
                    begin.answers_cut.send_replace(true);
                    let cut = begin.cut.clone();
                    tokio::spawn(async move {
                        tokio::time::sleep(IN_TRANSACTION_GRACE).await;
                        cut.send_replace(true);
                    });
                }
            }
        }
    }
}

/// Longest failover after the leader's database host goes dead: the lease
/// (`LEADERSHIP_LEASE_MS`, 5 s) for the follower's election, or the server's
/// `IDLE_IN_TRANSACTION_TIMEOUT_MS` (5 s) for a transaction the leader was cut off inside,
/// three unanswered leadership checks (about 3 × 2 s) for the cut-off leader to step down,
/// with room for a slow machine.
const FAILOVER_WAIT_MAX: Duration = Duration::from_secs(30);

/// Where the cut-off leader's database host dies.
#[derive(Clone, Copy, Debug)]
enum CutOff {
    /// Between its transactions.
    Idle,
    /// Inside a transaction: the server has run its `BEGIN` and what followed (the
    /// leadership fence's row lock, the head's compare-and-set), and waits for the rest.
    InsideATransaction,
}

#[tokio::test]
async fn on_postgres_a_leader_cut_off_from_the_database_is_replaced_within_seconds() {
    leader_cut_off_from_the_database(CutOff::Idle).await;
}

#[tokio::test]
async fn attack_on_postgres_a_leader_cut_off_inside_a_transaction_leaves_no_lock_behind() {
    leader_cut_off_from_the_database(CutOff::InsideATransaction).await;
}

async fn leader_cut_off_from_the_database(cut_off: CutOff) {
    let Ok(url) = std::env::var("PASSAGE_TEST_POSTGRES_URL") else {
        eprintln!("SKIPPED: PASSAGE_TEST_POSTGRES_URL is not set; the PostgreSQL test did not run");
        return;
    };
    let schema = schemas::TestSchema::new(&url, "node_black_hole_").await;
    let parsed: tokio_postgres::Config = url.parse().expect("a PostgreSQL URL");
    let host = match parsed.get_hosts().first() {
        Some(tokio_postgres::config::Host::Tcp(host)) => host.clone(),
        _ => panic!("the test needs PASSAGE_TEST_POSTGRES_URL over TCP"),
    };
    let port = parsed.get_ports().first().copied().unwrap_or(5432);
    let upstream = tokio::net::lookup_host((host.as_str(), port))
        .await
        .expect("resolves")
        .next()
        .expect("an address");
    let proxy = BlackHoleProxy::start(upstream).await;
    let user = parsed.get_user().unwrap_or("postgres");
    let database = parsed.get_dbname().unwrap_or("postgres");
    let mut through_proxy =
        PostgresConfig::new(format!("postgres://{user}@{}/{database}", proxy.address));
    through_proxy.schema = schema.name.clone();
    let mut direct = PostgresConfig::new(url.clone());
    direct.schema = schema.name.clone();

    let first = GroupNode::start(group(StoreConfig::Postgres(through_proxy)))
        .await
        .expect("the first node starts");
    assert_eq!(*first.role.borrow(), Role::Leader);
    set_up_corridor(&first.app_state, &[]).await;
    let second =
        GroupNode::start(group(StoreConfig::Postgres(direct))).await.expect("the second starts");
    assert_eq!(*second.role.borrow(), Role::Follower);

    // The first node's database host goes dead: nothing arrives, nothing is refused.
    let cut_at = tokio::time::Instant::now();
    let in_flight = match cut_off {
        CutOff::Idle => {
            proxy.cut_now();
            None
        }
        CutOff::InsideATransaction => {
            proxy.cut_in_transaction.send_replace(true);
            let app_state = first.app_state.clone();
            let statement = declaration("10AB009");
            let in_flight = tokio::spawn(async move {
                let request = Request::builder()
                    .method("POST")
                    .uri("/v1/statements")
                    .header("content-type", "application/json")
                    .body(Body::from(body_of(&statement)))
                    .expect("request");
                send_request(&app_state, request).await.0
            });
            let mut cut = proxy.cut.subscribe();
            tokio::time::timeout(FAILOVER_WAIT_MAX, cut.wait_for(|cut| *cut))
                .await
                .expect("the leader begins a transaction")
                .expect("the proxy runs");
            Some(in_flight)
        }
    };
    let mut second_role = second.role.clone();
    tokio::time::timeout(FAILOVER_WAIT_MAX, second_role.wait_for(|role| *role == Role::Leader))
        .await
        .expect("the follower is elected within the bound")
        .expect("the second node runs");
    let mut first_role = first.role.clone();
    tokio::time::timeout(FAILOVER_WAIT_MAX, first_role.wait_for(|role| *role == Role::Follower))
        .await
        .expect("the cut-off node stops claiming to lead within the bound")
        .expect("the first node runs");
    eprintln!("{cut_off:?}: failover took {:?}", cut_at.elapsed());
    let written =
        tokio::time::timeout(FAILOVER_WAIT_MAX, accept(&second.app_state, &declaration("10AB001")))
            .await
            .expect("the new leader commits within the bound: no lock of the old one holds it");
    assert_eq!((written.index, written.duplicate), (2, false));
    if let Some(in_flight) = in_flight {
        // The cut-off leader acknowledged nothing it did not commit.
        let status = tokio::time::timeout(FAILOVER_WAIT_MAX, in_flight)
            .await
            .expect("the cut-off leader answers its writer within the bound")
            .expect("the request task ends");
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    }

    second.stop().await;
    first.stop().await;
    // The server may still hold the cut-off node's sessions: closing the proxy's
    // connections ends them, so the schema can be dropped.
    drop(proxy);
    schema.drop_schema().await;
}

#[tokio::test]
async fn a_follower_forwards_nothing_to_a_leader_address_outside_its_group() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let store = StoreConfig::Sqlite(SqliteConfig::new(folder.path().join("passage.db")));
    let first = GroupNode::start(group(store.clone())).await.expect("the first node starts");
    set_up_corridor(&first.app_state, &[]).await;
    let members = vec![format!("http://{}/", first.address)];
    let second = GroupNode::start(GroupConfig { members, ..group(store) })
        .await
        .expect("the second node starts");
    assert_eq!(*second.role.borrow(), Role::Follower);
    // The group's own leader is forwarded to (a trailing `/` in the list is no matter).
    let forwarded = accept_over_http(&second, &declaration("10AB001")).await;
    assert_eq!((forwarded.index, forwarded.duplicate), (2, false));

    // Whoever can write the database names a server of theirs as the leader.
    let foreign = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("binds");
    let foreign_url = format!("http://{}", foreign.local_addr().expect("bound"));
    second.app_state.store.advertise_leader(&foreign_url).await.expect("written");
    let response = reqwest::Client::new()
        .post(format!("http://{}/v1/statements", second.address))
        .header("content-type", "application/json")
        .body(body_of(&declaration("10AB002")))
        .send()
        .await
        .expect("the follower answers");
    assert_eq!(response.status(), reqwest::StatusCode::SERVICE_UNAVAILABLE);
    assert!(response.headers().get("passage-leader").is_none(), "the foreign address is not named");
    let json: serde_json::Value = response.json().await.expect("a JSON error");
    assert_eq!(json["error"], "leader_unavailable", "{json}");
    // The follower answered without sending anything there: not even a connection came.
    let connected = tokio::time::timeout(Duration::from_millis(0), foreign.accept()).await.is_ok();
    assert!(!connected, "the follower connected to the foreign address");
    assert_eq!(second.app_state.store.tree_size().await.expect("size"), 3);

    second.stop().await;
    first.stop().await;
}

#[tokio::test]
async fn attack_a_follower_with_no_configured_group_forwards_nothing_to_the_leader_the_store_names()
{
    let folder = tempfile::tempdir().expect("temporary folder");
    let store = StoreConfig::Sqlite(SqliteConfig::new(folder.path().join("passage.db")));
    let first = GroupNode::start(group(store.clone())).await.expect("the first node starts");
    set_up_corridor(&first.app_state, &[]).await;
    // A second node on the same database, started without `group_members`.
    let second = GroupNode::start(group(store)).await.expect("the second node starts");
    assert_eq!(*second.role.borrow(), Role::Follower);
    let size = second.app_state.store.tree_size().await.expect("size");

    // Whoever can write the database names a server of theirs as the leader.
    let foreign = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("binds");
    let foreign_url = format!("http://{}", foreign.local_addr().expect("bound"));
    second.app_state.store.advertise_leader(&foreign_url).await.expect("written");
    for path in ["/v1/statements", "/v1/statements/batch"] {
        let single = body_of(&declaration("10AB002"));
        let body = if path.ends_with("batch") {
            let item: serde_json::Value = serde_json::from_str(&single).expect("JSON");
            serde_json::json!({ "statements": [item] }).to_string()
        } else {
            single
        };
        let response = reqwest::Client::new()
            .post(format!("http://{}{path}", second.address))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("the follower answers");
        assert_eq!(response.status(), reqwest::StatusCode::SERVICE_UNAVAILABLE, "{path}");
        let headers = response.headers();
        assert!(headers.get("passage-leader").is_none(), "the unchecked address is not a header");
        assert!(headers.get("retry-after").is_none(), "only the operator can end this refusal");
        let json: serde_json::Value = response.json().await.expect("a JSON error");
        assert_eq!(json["error"], "group_not_configured", "{json}");
        // The refusal names the address to check and the setting to add it to.
        let message = json["message"].as_str().expect("a message");
        assert!(message.contains(&foreign_url), "{message}");
        assert!(message.contains("group_members"), "{message}");
    }
    // Nothing went there: not even a connection came, and nothing was written.
    let connected = tokio::time::timeout(Duration::from_millis(0), foreign.accept()).await.is_ok();
    assert!(!connected, "the follower connected to the address the store names");
    assert_eq!(second.app_state.store.tree_size().await.expect("size"), size);

    second.stop().await;
    first.stop().await;
}
