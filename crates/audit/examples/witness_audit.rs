//! Benchmark of the witness and the audit, printing ratios to baselines measured in the same
//! run: audit throughput against raw SHA-256 and raw Ed25519 verification; add-checkpoint
//! latency on loopback; time from a signed checkpoint to three cosignatures on loopback.
//!
//! Also the full audit of a real scenario log (signed statements, realistic traffic): signature
//! checks and replay through the domain core, against raw Ed25519 verification.
//!
//! `cargo run --release -p passage-audit --example witness_audit -- [ENTRIES] [ROUNDS] [TRUCKS]`

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ed25519_dalek::Signer as _;
use passage_audit::{CoreReplay, NoReplay, Replay, SourceError, TileSource, audit};
use passage_log::{Appender, Checkpoint, KeyType, MemoryTiles, Policy, SigningKey};
use passage_witness::client::{ClientConfig, WitnessClient};
use passage_witness::server::{WitnessState, WitnessStore};

/// Entry size: a statement with a signature is a few hundred bytes.
const ENTRY_BYTES: usize = 200;

/// A log served from memory: the audit's work without disk or network.
struct MemorySource {
    files: HashMap<String, Vec<u8>>,
}

impl TileSource for MemorySource {
    async fn fetch(&self, path: &str) -> Result<Option<Vec<u8>>, SourceError> {
        Ok(self.files.get(path).cloned())
    }
}

/// A stand-in for the core's statement check: each entry ends in an Ed25519 signature over
/// the rest, verified here.
struct SignatureReplay {
    key: ed25519_dalek::VerifyingKey,
}

#[derive(Debug, thiserror::Error)]
#[error("bad signature")]
struct BadSignature;

impl Replay for SignatureReplay {
    type Error = BadSignature;
    fn apply(&mut self, _index: u64, entry: &[u8]) -> Result<(), BadSignature> {
        let (body, signature) = entry.split_at(entry.len() - 64);
        let signature =
            ed25519_dalek::Signature::from_slice(signature).map_err(|_| BadSignature)?;
        self.key.verify_strict(body, &signature).map_err(|_| BadSignature)
    }
}

fn entries(count: u64, key: &ed25519_dalek::SigningKey) -> Vec<Vec<u8>> {
    (0..count)
        .map(|index| {
            let mut body = format!("statement {index} ").into_bytes();
            body.resize(ENTRY_BYTES - 64, b'.');
            let signature = key.sign(&body);
            body.extend_from_slice(&signature.to_bytes());
            body
        })
        .collect()
}

/// A scenario log: the Syunik charter, officers and carriers, then `trucks` trucks each
/// declared, accepted, passed through every post and discharged. The regime selects nothing,
/// so no arrival waits for a draw: the baseline of [`drawing_scenario_entries`].
fn scenario_entries(trucks: u32) -> Vec<Vec<u8>> {
    use passage_core::testing::ScenarioConfig;
    let config =
        ScenarioConfig::syunik_with_regime(passage_core::corridors::SYUNIK_REGIME_NO_CHECKS);
    trucks_through(passage_core::testing::Scenario::new(&config), trucks)
}

/// As [`scenario_entries`], under the Syunik regime that draws lanes: each arrival at a
/// controlled post waits for the parties' VRF proofs, which a `draw` statement brings
/// (one per arrival here, as the scenario resolves each at once), so the audit checks
/// every party's proof of every draw.
fn drawing_scenario_entries(trucks: u32) -> Vec<Vec<u8>> {
    trucks_through(passage_core::testing::Scenario::syunik(), trucks)
}

fn trucks_through(mut scenario: passage_core::testing::Scenario, trucks: u32) -> Vec<Vec<u8>> {
    use passage_core::testing;
    for number in 0..trucks {
        scenario.advance_minutes(1);
        let plate = format!("{:02}AB{:03}", number / 1000, number % 1000);
        let truck = testing::truck("AM-TRANSIT-ROAD", &plate, "2022:080810", 18_000);
        let mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
        scenario.complete(mrn);
    }
    scenario.entries().iter().map(|(entry, _)| entry.encode()).collect()
}

fn source_for(entries: &[Vec<u8>], log_key: &SigningKey) -> MemorySource {
    let mut appender = Appender::new();
    let mut files = HashMap::new();
    for chunk in entries.chunks(passage_log::BATCH_ENTRIES_MAX) {
        let batch = appender.append_batch(chunk).expect("small entries");
        for tile in batch.changes.tiles {
            files.insert(tile.tile.path(), tile.data);
        }
        for bundle in batch.changes.bundles {
            files.insert(bundle.bundle.path(), bundle.data);
        }
    }
    let checkpoint = Checkpoint {
        origin: log_key.name().into(),
        size: appender.size(),
        root: appender.root(),
        extensions: vec![],
    };
    files.insert("checkpoint".into(), checkpoint.sign(log_key).expect("signing").into_bytes());
    MemorySource { files }
}

fn percentile(samples: &mut [Duration], fraction: f64) -> Duration {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * fraction).round() as usize;
    samples[index]
}

fn rate(count: u64, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64()
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let count: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let signer = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
    let log_key =
        SigningKey::from_seed("bench.example/log", KeyType::Ed25519, [1; 32]).expect("key");

    println!("## audit of {count} entries of {ENTRY_BYTES} bytes (in memory)");
    let entries = entries(count, &signer);
    let start = Instant::now();
    let mut sink = 0u8;
    for entry in &entries {
        sink ^= passage_log::leaf_hash(entry).0[0];
    }
    let sha = rate(count, start.elapsed());
    let sample = count.min(100_000);
    let verifying = signer.verifying_key();
    let start = Instant::now();
    for entry in &entries[..sample as usize] {
        let (body, signature) = entry.split_at(entry.len() - 64);
        let signature = ed25519_dalek::Signature::from_slice(signature).expect("64 bytes");
        sink ^= u8::from(verifying.verify_strict(body, &signature).is_ok());
    }
    let ed = rate(sample, start.elapsed());
    println!("raw SHA-256 leaf hash: {sha:.0} entries/s (sink {sink})");
    println!("raw Ed25519 verify: {ed:.0} signatures/s");

    let source = source_for(&entries, &log_key);
    let policy = Policy::single_log(log_key.verifier_key());
    let start = Instant::now();
    let report = audit(&source, &policy, None, &mut NoReplay, &()).await.expect("a clean audit");
    let log_only = rate(report.entries_checked, start.elapsed());
    println!(
        "audit, log only: {log_only:.0} entries/s ({:.2}x raw SHA-256), {:.2} s",
        log_only / sha,
        start.elapsed().as_secs_f64()
    );
    let start = Instant::now();
    let mut replay = SignatureReplay { key: verifying };
    let report = audit(&source, &policy, None, &mut replay, &()).await.expect("a clean audit");
    let signed = rate(report.entries_checked, start.elapsed());
    println!(
        "audit with one Ed25519 check per entry: {signed:.0} entries/s ({:.2}x raw Ed25519), {:.2} s",
        signed / ed,
        start.elapsed().as_secs_f64()
    );
    drop(source);
    drop(entries);

    let trucks: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_500);
    let statements = scenario_entries(trucks);
    let count = statements.len() as u64;
    println!(
        "## audit with the core replay: a scenario log of {count} statements ({trucks} trucks)"
    );
    let source = source_for(&statements, &log_key);
    let start = Instant::now();
    let report =
        audit(&source, &policy, None, &mut CoreReplay::new(), &()).await.expect("a clean audit");
    let core = rate(report.entries_checked, start.elapsed());
    println!(
        "audit with signature checks and core replay: {core:.0} entries/s ({:.2}x raw Ed25519), {:.2} s",
        core / ed,
        start.elapsed().as_secs_f64()
    );
    drop(source);

    let statements = drawing_scenario_entries(trucks);
    let count = statements.len() as u64;
    let draws = statements
        .iter()
        .filter(|bytes| {
            let entry = passage_core::Entry::decode(bytes).expect("an entry");
            let recorded = entry.statement.decode_statement().expect("a statement");
            matches!(recorded.statement, passage_core::Statement::Draw { .. })
        })
        .count();
    println!(
        "## audit with the core replay, under the regime that draws: {count} statements \
         ({trucks} trucks, {draws} draws)"
    );
    let source = source_for(&statements, &log_key);
    let start = Instant::now();
    let report =
        audit(&source, &policy, None, &mut CoreReplay::new(), &()).await.expect("a clean audit");
    let drawing = rate(report.entries_checked, start.elapsed());
    println!(
        "audit with signature checks, core replay and VRF proofs: {drawing:.0} entries/s \
         ({:.2}x raw Ed25519, {:.2}x the regime without draws), {:.2} s",
        drawing / ed,
        drawing / core,
        start.elapsed().as_secs_f64()
    );
    drop(source);

    println!("## witnesses on loopback ({rounds} checkpoints)");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut policy_text = format!("log {}\n", log_key.verifier_key());
    let clock: passage_witness::server::Clock = Arc::new(|| 1_700_000_000);
    for number in 1..=3u8 {
        let key = SigningKey::from_seed(
            &format!("w{number}.example/w"),
            KeyType::CosignatureV1,
            [10 + number; 32],
        )
        .expect("key");
        policy_text.push_str(&format!("witness w{number} {}", key.verifier_key()));
        let store = WitnessStore::open(
            &dir.path().join(format!("w{number}.db")),
            &dir.path().join(format!("w{number}.guard")),
        )
        .expect("a store");
        let state = WitnessState::new(key, vec![log_key.verifier_key()], store, clock.clone())
            .expect("a witness");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
        policy_text.push_str(&format!(" http://{}\n", listener.local_addr().expect("an address")));
        tokio::spawn(
            async move { axum::serve(listener, passage_witness::server::app(state)).await },
        );
    }
    policy_text.push_str("group all3 all w1 w2 w3\nquorum all3\n");
    let policy = Policy::parse(policy_text.as_bytes()).expect("a policy");
    let client = WitnessClient::new(ClientConfig::default()).expect("a client");
    let mut appender = Appender::new();
    let mut tiles = MemoryTiles::new();
    let mut single = Vec::new();
    let mut three = Vec::new();
    let http = reqwest::Client::new();
    let first_url = policy.witnesses()[0].url.clone().expect("a URL");
    for round in 0..rounds {
        appender.append(format!("statement {round}").as_bytes()).expect("append");
        tiles.apply(&appender.take_changes());
        let checkpoint = Checkpoint {
            origin: log_key.name().into(),
            size: appender.size(),
            root: appender.root(),
            extensions: vec![],
        };
        let note = checkpoint.sign(&log_key).expect("signing");
        let start = Instant::now();
        let report = client.cosign(&policy, &note, &tiles).await.expect("cosigning");
        three.push(start.elapsed());
        assert!(report.quorum.is_ok(), "{:?}", report.witnesses);
        // One more add-checkpoint to witness 1 alone: the same checkpoint again (a no-op
        // success), which measures one request's full path including the fsync.
        let body = passage_log::AddCheckpointRequest {
            old_size: checkpoint.size,
            proof: vec![],
            checkpoint: note,
        }
        .to_text();
        let start = Instant::now();
        let response = http
            .post(format!("{first_url}/add-checkpoint"))
            .body(body)
            .send()
            .await
            .expect("a response");
        assert_eq!(response.status(), 200);
        let _ = response.bytes().await;
        single.push(start.elapsed());
    }
    println!(
        "add-checkpoint, one witness: p50 {:.2} ms, p99 {:.2} ms",
        percentile(&mut single, 0.5).as_secs_f64() * 1e3,
        percentile(&mut single, 0.99).as_secs_f64() * 1e3
    );
    println!(
        "signed checkpoint to three cosignatures: p50 {:.2} ms, p99 {:.2} ms",
        percentile(&mut three, 0.5).as_secs_f64() * 1e3,
        percentile(&mut three, 0.99).as_secs_f64() * 1e3
    );
}
