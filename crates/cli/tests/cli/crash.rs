//! Crash test of `passage serve` (quick: a few kill rounds of a second or two): under a
//! steady write load over HTTP, the node is killed with SIGKILL at random moments (seeded;
//! the seed is printed, `PASSAGE_CRASH_SEED` replays it) and restarted, with state
//! snapshots every few dozen entries so recovery starts from one. After every restart:
//!
//! - every acknowledged statement is in the log at its acknowledged index;
//! - the tree is consistent with every checkpoint published before (same root at its size);
//! - movements, accounts and statistics served by the node equal those recomputed by an
//!   audit that replays the whole log through the core.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_audit::{CoreReplay, HttpSource, Replay, ReplayError, audit};
use passage_core::statement::{OfficerRole, Recorded, Statement};
use passage_core::testing::{self, ScenarioConfig, ident, key_for, public_key_for};
use passage_core::{AmountMinor, Currency, Mrn, SignedStatement, Timestamp};
use passage_log::{Appender, Hash, Policy};
use passage_node::projection::{MovementView, status_code};
use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Kill rounds.
const ROUNDS: usize = 4;
/// Concurrent writers.
const WRITERS: usize = 3;
/// The load runs this long at most before a kill, in milliseconds.
const LOAD_MS_MAX: u64 = 2_000;
/// How long a restarted node may take to serve.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// splitmix64: a seeded stream for the kill times, so a failure replays with its seed.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

struct Node {
    child: Child,
    base: String,
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(work: &Path) -> Node {
    let mut child = Command::new(env!("CARGO_BIN_EXE_passage"))
        .env("PASSAGE_LANG", "en")
        .args(["serve", "--listen", "127.0.0.1:0", "--checkpoint-interval-ms", "20"])
        .args(["--snapshot-interval-entries", "40"])
        .arg("--database")
        .arg(work.join("node.db"))
        .arg("--log-key")
        .arg(work.join("log.key"))
        .arg("--charter-sha256")
        .arg(hex::encode(ScenarioConfig::syunik().charter_sha256()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting passage serve");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut lines = BufReader::new(stdout).lines();
    let base = loop {
        let line = lines.next().expect("the node prints its address").expect("a line");
        if let Some(address) = line.strip_prefix("serving ") {
            break address.trim().to_owned();
        }
    };
    Node { child, base }
}

fn now() -> Timestamp {
    Timestamp(passage_node::sequencer::now_ms())
}

fn sign(signer: &str, statement: Statement) -> SignedStatement {
    SignedStatement::sign(&key_for(signer), &Recorded::new(now(), statement)).expect("encodes")
}

/// An acknowledged statement.
#[derive(Clone, Copy, Debug)]
struct Ack {
    index: u64,
    id: [u8; 32],
}

/// Submits one statement; `Ok(Some)` when acknowledged, `Ok(None)` when refused, `Err`
/// when the node did not answer (killed).
async fn submit(
    client: &reqwest::Client,
    base: &str,
    signed: &SignedStatement,
) -> Result<Option<(Ack, Vec<String>)>, reqwest::Error> {
    let body = serde_json::json!({ "statement": BASE64.encode(signed.encode()) });
    let response = client.post(format!("{base}/v1/statements")).json(&body).send().await?;
    if !response.status().is_success() {
        return Ok(None);
    }
    let answer: passage_node::api::statements::SubmitResponse = response.json().await?;
    Ok(Some((Ack { index: answer.index, id: signed.id() }, answer.events)))
}

/// One writer's load: truck declarations, their acceptance, and payments, until the node
/// stops answering.
async fn write_load(base: String, writer: usize, round: usize, acks: Arc<Mutex<Vec<Ack>>>) {
    let client = reqwest::Client::new();
    let amd = Currency::parse("AMD").expect("known");
    for number in 0u64.. {
        let plate = format!("{writer}{round}T{number:05}");
        let truck = testing::truck("AM-TRANSIT-ROAD", &plate, "2022:080810", 18_000);
        let declare = sign("carrier:ARAZ-TRUCKS", Statement::Declare(truck));
        let Ok(answer) = submit(&client, &base, &declare).await else { return };
        let Some((ack, events)) = answer else { continue };
        acks.lock().expect("not poisoned").push(ack);
        let mrn = events
            .iter()
            .flat_map(|event| event.split_whitespace())
            .find_map(|word| Mrn::parse(word).ok())
            .expect("a declaration names its MRN");
        let accept = sign("customs@AM-MEGHRI-E", Statement::Accept { mrn });
        match submit(&client, &base, &accept).await {
            Ok(Some((ack, _))) => acks.lock().expect("not poisoned").push(ack),
            Ok(None) => {}
            Err(_) => return,
        }
        if number % 4 == 0 {
            let payment = sign(
                "customs@AM-MEGHRI-E",
                Statement::RecordPayment {
                    carrier: ident("ARAZ-TRUCKS"),
                    amount: AmountMinor(1_000 + number as i64),
                    currency: amd,
                    reference: ident(&format!("R{writer}-{round}-{number}")),
                },
            );
            match submit(&client, &base, &payment).await {
                Ok(Some((ack, _))) => acks.lock().expect("not poisoned").push(ack),
                Ok(None) => {}
                Err(_) => return,
            }
        }
    }
}

/// Polls the published checkpoint until `stop`, keeping every (size, root) seen.
async fn watch_checkpoints(
    base: String,
    seen: Arc<Mutex<BTreeMap<u64, Hash>>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
) {
    let client = reqwest::Client::new();
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        if let Ok(response) = client.get(format!("{base}/log/checkpoint")).send().await
            && response.status().is_success()
            && let Ok(note) = response.text().await
        {
            let text = note.split("\n\n").next().unwrap_or_default();
            if let Ok(checkpoint) = passage_log::Checkpoint::parse(format!("{text}\n").as_bytes()) {
                let mut seen = seen.lock().expect("not poisoned");
                let previous = seen.insert(checkpoint.size, checkpoint.root);
                assert!(
                    previous.is_none_or(|root| root == checkpoint.root),
                    "two roots published for size {}",
                    checkpoint.size
                );
            }
        }
        tokio::time::sleep(Duration::from_millis(15)).await;
    }
}

/// The audit's replay step, keeping each entry and the root before it.
#[derive(Default)]
struct Recorder {
    core: CoreReplay,
    tree: Appender,
    entries: Vec<Vec<u8>>,
    roots: Vec<Hash>,
}

impl Replay for Recorder {
    type Error = ReplayError;
    fn apply(&mut self, index: u64, entry: &[u8]) -> Result<(), ReplayError> {
        self.core.apply(index, entry)?;
        self.roots.push(self.tree.root());
        self.tree.append(entry)?;
        self.entries.push(entry.to_vec());
        Ok(())
    }
}

async fn get_json<T: serde::de::DeserializeOwned>(client: &reqwest::Client, url: &str) -> T {
    let response = client.get(url).send().await.expect("the node answers");
    assert!(response.status().is_success(), "{url}: {}", response.status());
    response.json().await.expect("JSON")
}

/// Audits the whole log over HTTP and checks acknowledgements, checkpoints and projections.
async fn verify(
    base: &str,
    policy: &Policy,
    acks: &[Ack],
    checkpoints: &BTreeMap<u64, Hash>,
    round: usize,
) {
    let client = reqwest::Client::new();
    // Wait for a checkpoint covering the recovered log, so the audit reads all of it.
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        let statistics: passage_node::api::statistics::Statistics =
            get_json(&client, &format!("{base}/v1/statistics")).await;
        if statistics.checkpoint_size == statistics.entries {
            break;
        }
        assert!(Instant::now() < deadline, "round {round}: no checkpoint covers the log");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let source = HttpSource::new(&format!("{base}/log/"), Duration::from_secs(10)).expect("client");
    let mut recorder = Recorder::default();
    let report = audit(&source, policy, None, &mut recorder, &())
        .await
        .unwrap_or_else(|error| panic!("round {round}: the audit fails: {error}"));
    let size = report.size;
    for ack in acks {
        let entry = recorder
            .entries
            .get(ack.index as usize)
            .unwrap_or_else(|| panic!("round {round}: acknowledged entry {} is lost", ack.index));
        let entry = passage_core::Entry::decode(entry).expect("entries decode");
        assert_eq!(entry.statement.id(), ack.id, "round {round}: entry {} changed", ack.index);
    }
    for (&checkpoint_size, root) in checkpoints {
        assert!(checkpoint_size <= size, "round {round}: checkpoint {checkpoint_size} rolled back");
        let at = if checkpoint_size == size {
            recorder.tree.root()
        } else {
            recorder.roots[checkpoint_size as usize]
        };
        assert_eq!(at, *root, "round {round}: the tree forks from checkpoint {checkpoint_size}");
    }

    let state = recorder.core.state().expect("the charter is in");
    // Statistics (from the node's recovered state).
    let statistics: passage_node::api::statistics::Statistics =
        get_json(&client, &format!("{base}/v1/statistics")).await;
    assert_eq!(statistics.entries, size, "round {round}");
    let expected: BTreeMap<String, u64> = state
        .status_counts()
        .iter()
        .map(|(status, count)| (status_code(*status).to_owned(), *count as u64))
        .collect();
    assert_eq!(statistics.movements, expected, "round {round}: statistics");
    // Accounts (from the store's projections).
    let balances: Vec<passage_node::api::accounts::Balance> =
        get_json(&client, &format!("{base}/v1/accounts")).await;
    let served: BTreeMap<(String, String), i64> = balances
        .into_iter()
        .filter(|balance| balance.amount_minor != 0)
        .map(|balance| ((balance.account, balance.currency), balance.amount_minor))
        .collect();
    let replayed: BTreeMap<(String, String), i64> = state
        .ledger()
        .balances()
        .filter(|(_, amount)| amount.0 != 0)
        .map(|((account, currency), amount)| {
            ((account.to_string(), currency.to_string()), amount.0)
        })
        .collect();
    assert_eq!(served, replayed, "round {round}: accounts");
    // Movements (from the store's projections), every page.
    let mut served = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let mut url = format!("{base}/v1/movements?limit=500");
        if let Some(cursor) = &after {
            url.push_str(&format!("&after={cursor}"));
        }
        let page: passage_node::api::movements::MovementPage = get_json(&client, &url).await;
        served.extend(
            page.movements.into_iter().map(|view| serde_json::to_value(view).expect("JSON")),
        );
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    let mut replayed: Vec<serde_json::Value> = state
        .movements()
        .iter()
        .map(|movement| serde_json::to_value(MovementView::of(state, movement)).expect("JSON"))
        .collect();
    let key = |value: &serde_json::Value| value["mrn"].to_string();
    served.sort_by_key(key);
    replayed.sort_by_key(key);
    assert_eq!(served, replayed, "round {round}: movements");
}

#[test]
fn crash_kill_nine_under_load_loses_nothing_acknowledged() {
    let seed = std::env::var("PASSAGE_CRASH_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or_else(passage_node::sequencer::now_ms);
    println!("crash test seed {seed} (PASSAGE_CRASH_SEED={seed} replays the kill times)");
    let mut random = Seeded(seed);
    let work = tempfile::tempdir().expect("a temporary folder");
    let work = work.path();
    let log_key = passage_log::SigningKey::from_seed(
        "crash.passage/log",
        passage_log::KeyType::Ed25519,
        [3; 32],
    )
    .expect("key");
    std::fs::write(work.join("log.key"), format!("{}\n", log_key.to_skey())).expect("key file");
    let policy = Policy::single_log(log_key.verifier_key());
    let runtime = tokio::runtime::Runtime::new().expect("runtime");

    let acks = Arc::new(Mutex::new(Vec::new()));
    let checkpoints = Arc::new(Mutex::new(BTreeMap::new()));
    let mut node = serve(work);
    runtime.block_on(async {
        let client = reqwest::Client::new();
        let setup = [
            sign(
                "authority:AM",
                Statement::Charter { document: ScenarioConfig::syunik().charter_document() },
            ),
            sign(
                "authority:AM",
                Statement::EnrolOfficer {
                    key: public_key_for("customs@AM-MEGHRI-E"),
                    role: OfficerRole::Customs,
                    posts: vec![ident("AM-MEGHRI-E")],
                },
            ),
            sign(
                "authority:AM",
                Statement::RegisterCarrier {
                    carrier: ident("ARAZ-TRUCKS"),
                    name: "Araz Trucks Ltd".into(),
                    key: public_key_for("carrier:ARAZ-TRUCKS"),
                },
            ),
        ];
        for signed in &setup {
            let (ack, _) = submit(&client, &node.base, signed)
                .await
                .expect("the node answers")
                .expect("the setup is accepted");
            acks.lock().expect("not poisoned").push(ack);
        }
    });
    for round in 0..ROUNDS {
        let load_ms = 200 + random.next() % LOAD_MS_MAX;
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let before = acks.lock().expect("not poisoned").len();
        runtime.block_on(async {
            let watcher = tokio::spawn(watch_checkpoints(
                node.base.clone(),
                checkpoints.clone(),
                stop.clone(),
            ));
            let writers: Vec<_> = (0..WRITERS)
                .map(|writer| {
                    tokio::spawn(write_load(node.base.clone(), writer, round, acks.clone()))
                })
                .collect();
            tokio::time::sleep(Duration::from_millis(load_ms)).await;
            // SIGKILL while the writers are still writing.
            node.child.kill().expect("killing the node");
            node.child.wait().expect("the node is gone");
            for writer in writers {
                writer.await.expect("a writer");
            }
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            watcher.await.expect("the watcher");
        });
        let acknowledged = acks.lock().expect("not poisoned").len() - before;
        println!(
            "round {round}: killed after {load_ms} ms, {acknowledged} statements acknowledged"
        );
        node = serve(work);
        let acks = acks.lock().expect("not poisoned").clone();
        let checkpoints = checkpoints.lock().expect("not poisoned").clone();
        runtime.block_on(verify(&node.base, &policy, &acks, &checkpoints, round));
    }
    let total = acks.lock().expect("not poisoned").len();
    assert!(total > ROUNDS * 10, "the load acknowledged too little to test anything: {total}");
    drop(node);
}
