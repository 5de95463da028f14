//! The attack of an operator who can write the node's database: a copy of a genuine
//! payment appended behind the sequencer's back, with its tiles and a checkpoint signed by
//! the log's key (which witnesses, seeing a consistent tree, would cosign). The store's
//! duplicate check is the attacker's to skip (the row names another statement hash); the
//! core's rule is not: the node refuses to start on that log, naming the entry, a node
//! following the log refuses the copy, naming it, and `passage audit` of what the database
//! serves fails, naming it too. On SQLite always; on PostgreSQL when
//! `PASSAGE_TEST_POSTGRES_URL` is set. And a daily report signed with the mission's key but
//! one figure changed: the audit recomputes every figure and names the entry and the figure.

use crate::common::{
    BINARY, charter_line, corridor_files, local_vrf_keys, log_key, log_policy, save, serve,
    serve_corridor, serve_with_log, submit,
};
use crate::followers::{SCHEMA_PREFIX, Schema, drop_stale_schemas, unix_seconds};
use passage_core::regime::Act;
use passage_core::signed::SignedStatement;
use passage_core::statement::{
    Figure, FigureLine, IncidentPlace, ObservationCategory, Recorded, Statement, Timestamp,
};
use passage_core::testing::{Scenario, ScenarioConfig, ident, key_for};
use passage_core::{AmountMinor, Currency};
use passage_log::{Appender, Checkpoint, SigningKey};
use passage_store::{AnyStore, AppendBatch, PostgresConfig, SqliteConfig, Store, StoreConfig};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Appends to the log `store` holds (its caller leads) a second copy of entry `genuine`'s
/// statement, sequenced a second after the last entry, with its tiles and a checkpoint
/// signed by the log's key in `folder`; returns the copy's index. The whole log's tiles, as
/// a node on that database would serve them, are written to `served` with the checkpoint.
async fn append_copy_behind_the_sequencer(
    store: &AnyStore,
    folder: &Path,
    genuine: u64,
    served: &Path,
) -> u64 {
    append_behind_the_sequencer(store, folder, served, copy_of(genuine)).await
}

/// A forge for [`append_behind_the_sequencer`]: a second copy of entry `genuine`,
/// sequenced a second after the last entry.
fn copy_of(
    genuine: u64,
) -> impl FnOnce(&[Vec<u8>], passage_core::Timestamp) -> passage_core::Entry {
    move |entries, last| {
        let mut copy = passage_core::Entry::decode(&entries[genuine as usize]).expect("decodes");
        copy.sequenced_at = passage_core::Timestamp(last.0 + 1_000);
        copy
    }
}

/// As [`append_behind_the_sequencer`], on the SQLite database in `folder`, whose node is
/// stopped: the forger takes the leadership for the write, as an operator would.
async fn append_to_a_stopped_sqlite_node(
    folder: &Path,
    served: &Path,
    forge: impl FnOnce(&[Vec<u8>], passage_core::Timestamp) -> passage_core::Entry,
) -> u64 {
    let config = StoreConfig::Sqlite(SqliteConfig::new(folder.join("passage.db")));
    let store = AnyStore::open(config).await.expect("the database opens");
    store.acquire_leadership().await.expect("no node runs");
    let index = append_behind_the_sequencer(&store, folder, served, forge).await;
    store.release_leadership().await.expect("released");
    index
}

/// Appends the entry `forge` makes (from the log's entries' bytes and the last entry's
/// time) to the log `store` holds (its caller leads), as
/// [`append_copy_behind_the_sequencer`] appends its copy; returns its index.
async fn append_behind_the_sequencer(
    store: &AnyStore,
    folder: &Path,
    served: &Path,
    forge: impl FnOnce(&[Vec<u8>], passage_core::Timestamp) -> passage_core::Entry,
) -> u64 {
    let size = store.tree_size().await.expect("a size");
    let stored = store.entries(0, size as u32).await.expect("the entries");
    let mut appender = Appender::new();
    for entry in &stored {
        appender.append(&entry.bytes).expect("an entry");
    }
    appender.take_changes();
    let last = stored.last().expect("entries");
    let genuine: Vec<Vec<u8>> = stored.iter().map(|entry| entry.bytes.clone()).collect();
    let copy = forge(&genuine, passage_core::Timestamp(last.sequenced_at_ms as u64));
    let bytes = copy.encode();
    let index = appender.append(&bytes).expect("the copy");
    let changes = appender.take_changes();
    let key_text = std::fs::read_to_string(log_key(folder)).expect("the log key");
    let key = SigningKey::parse(key_text.trim()).expect("a log key");
    let checkpoint = Checkpoint {
        origin: key.name().into(),
        size: appender.size(),
        root: appender.root(),
        extensions: vec![],
    };
    let signed_note = checkpoint.sign(&key).expect("signs");
    let batch = AppendBatch {
        entries: vec![passage_store::Entry {
            index,
            bytes,
            // The row lies about the statement's hash, so the store's own check passes.
            statement_sha256: [0xee; 32],
            sequenced_at_ms: copy.sequenced_at.0 as i64,
        }],
        hash_tiles: changes
            .tiles
            .into_iter()
            .map(|tile| passage_store::HashTile {
                level: tile.tile.level,
                index: tile.tile.index,
                width: tile.tile.width,
                hashes: tile.data,
            })
            .collect(),
        entry_bundles: changes
            .bundles
            .into_iter()
            .map(|bundle| passage_store::EntryBundle {
                index: bundle.bundle.index,
                width: bundle.bundle.width,
                bytes: bundle.data,
            })
            .collect(),
        checkpoint: Some(passage_store::NewCheckpoint {
            tree_size: appender.size(),
            signed_note: signed_note.clone(),
        }),
        ..AppendBatch::default()
    };
    store.append_batch(batch).await.expect("the database takes the copy");

    // What a node on this database serves: every tile of the tree, read back from it.
    let mut whole = Appender::new();
    let mut entries: Vec<Vec<u8>> = stored.into_iter().map(|entry| entry.bytes).collect();
    entries.push(copy.encode());
    let every = whole.append_batch(&entries).expect("small entries").changes;
    for tile in every.tiles {
        let id = tile.tile;
        let hashes = store
            .hash_tile(id.level, id.index, id.width)
            .await
            .expect("reads")
            .expect("the database holds the tile");
        write(served, &id.path(), &hashes);
    }
    for bundle in every.bundles {
        let id = bundle.bundle;
        let bytes = store
            .entry_bundle(id.index, id.width)
            .await
            .expect("reads")
            .expect("the database holds the bundle");
        write(served, &id.path(), &bytes);
    }
    write(served, "checkpoint", signed_note.as_bytes());
    index
}

fn write(folder: &Path, path: &str, bytes: &[u8]) {
    let path = folder.join(path);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
    std::fs::write(path, bytes).expect("written");
}

/// Submits a genuine payment to `node` (set up with `local`'s corridor); its entry.
fn pay(node: &crate::common::Served, folder: &Path, local: &Scenario) -> u64 {
    let officer = local.officer_for(Act::RecordPayment, "AM-MEGHRI-E");
    let payment = Statement::RecordPayment {
        carrier: ident("ARAZ-TRUCKS"),
        amount: AmountMinor(250_000),
        currency: Currency::parse("AMD").expect("known"),
        reference: ident("RCPT-2026-7"),
    };
    let file = save(folder, 900, &officer, payment).display().to_string();
    let out = submit(node, &[file]);
    out.split("entry ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|digits| digits.parse().ok())
        .unwrap_or_else(|| panic!("an acknowledgement names the entry: {out}"))
}

/// What the core says of the copy at `copy` of the statement at `genuine`.
fn refusal(copy: u64, genuine: u64) -> String {
    format!(
        "entry {copy} does not replay: the same statement is already in the log at entry \
         {genuine}"
    )
}

#[test]
fn a_payment_copied_in_the_database_stops_the_node_and_fails_the_audit() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let folder = folder.path();
    let (node, local) = serve_corridor(folder);
    let genuine = pay(&node, folder, &local);
    node.kill();

    let served = folder.join("served");
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let copy = runtime.block_on(append_to_a_stopped_sqlite_node(folder, &served, copy_of(genuine)));
    let database = format!("database = {:?}\n", folder.join("passage.db").display().to_string());
    refused_at_start_and_by_the_audit(folder, &database, &served, copy, genuine);
}

/// The node does not start on the forged log (the `store_line` of its configuration names
/// the database), and the audit of what the database serves fails on the copy.
fn refused_at_start_and_by_the_audit(
    folder: &Path,
    store_line: &str,
    served: &Path,
    copy: u64,
    genuine: u64,
) {
    let refusal = refusal(copy, genuine);
    let config = folder.join("restart.toml");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:0\"\nlog_key = {:?}\n{store_line}{}",
            log_key(folder).display().to_string(),
            charter_line(),
        ),
    )
    .expect("written");
    let restart = Command::new(BINARY)
        .env("PASSAGE_LANG", "en")
        .args(["serve", "--config"])
        .arg(&config)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&restart.stderr);
    assert!(!restart.status.success(), "the node started on a forged log: {stderr}");
    assert!(stderr.contains(&refusal), "{stderr}");

    // The audit of what the database serves, checkpoint signed by the log's key and all,
    // fails on the copy.
    let audit = Command::new(BINARY)
        .env("PASSAGE_LANG", "en")
        .arg("audit")
        .arg(served)
        .arg("--policy")
        .arg(log_policy(folder))
        .output()
        .expect("runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&audit.stdout),
        String::from_utf8_lossy(&audit.stderr)
    );
    assert!(!audit.status.success(), "the audit passed a forged log: {said}");
    assert!(
        said.contains(&format!("entry {copy}")) && said.contains("already in the log at entry"),
        "{said}"
    );
}

#[test]
fn postgres_a_payment_copied_in_the_database_is_refused_by_a_follower_at_start_and_by_the_audit() {
    let Ok(url) = std::env::var("PASSAGE_TEST_POSTGRES_URL") else {
        // To the process's stderr, which the harness does not capture: a skip must be seen.
        let message = "SKIPPED postgres_a_payment_copied_in_the_database_... (PostgreSQL): \
                       PASSAGE_TEST_POSTGRES_URL is not set\n";
        std::io::Write::write_all(&mut std::io::stderr(), message.as_bytes()).expect("said");
        return;
    };
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(drop_stale_schemas(&url));
    let schema = Schema {
        url: url.clone(),
        name: format!("{SCHEMA_PREFIX}{}_{}_duplicate", unix_seconds(), std::process::id()),
    };
    let folder = tempfile::tempdir().expect("temporary folder");
    let folder = folder.path();
    let store_lines = format!("postgres_url = {url:?}\npostgres_schema = {:?}\n", schema.name);
    let config = format!(
        "listen = \"127.0.0.1:0\"\nlog_key = {:?}\n{store_lines}postgres_pool_size = 2\n\
         checkpoint_interval_ms = 50\n{}{}",
        log_key(folder).display().to_string(),
        charter_line(),
        local_vrf_keys(folder),
    );
    let node = serve(folder, "leader", &config);
    let scenario = ScenarioConfig::syunik();
    let local = Scenario::charter_only(&scenario);
    let out = submit(&node, &corridor_files(folder, &scenario, &local));
    assert!(out.lines().next().is_some_and(|line| line.contains("entry 0")), "{out}");
    let genuine = pay(&node, folder, &local);
    node.kill();

    // The attacker takes the leadership, so that a node started now follows the log, which
    // it recovers as it was; then writes the copy behind it.
    let served = folder.join("served");
    let postgres = PostgresConfig { schema: schema.name.clone(), ..PostgresConfig::new(&url) };
    let store = runtime
        .block_on(AnyStore::open(StoreConfig::Postgres(postgres)))
        .expect("the database opens");
    runtime.block_on(store.acquire_leadership()).expect("the killed node's lock is gone");
    let (follower, log) = serve_with_log(folder, "follower", &config);
    let copy = runtime.block_on(append_copy_behind_the_sequencer(&store, folder, genuine, &served));

    // The follower replays what the database now holds and refuses the copy, naming it.
    let refusal = refusal(copy, genuine);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = log.recv_timeout(left).unwrap_or_else(|error| {
            panic!("the follower did not refuse the copy ({error}); expected `{refusal}`")
        });
        if line.contains(&refusal) {
            break;
        }
    }
    follower.kill();
    runtime.block_on(store.release_leadership()).expect("released");
    drop(store);

    refused_at_start_and_by_the_audit(folder, &store_lines, &served, copy, genuine);
}

#[test]
fn a_signed_report_with_a_changed_figure_in_the_database_fails_the_audit() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let folder = folder.path();
    let (node, _local) = serve_corridor(folder);
    // A monitor observes at the entry post: the day's one observation there.
    let observe = Statement::Observe {
        place: IncidentPlace::Post(ident("AM-MEGHRI-E")),
        category: ObservationCategory::Queue,
        summary: "Twelve trucks queue at the gate".to_owned(),
        details: passage_core::testing::test_commitment("details"),
        attachments: vec![],
    };
    let file = save(folder, 900, "monitor@AM-MEGHRI-E", observe).display().to_string();
    submit(&node, &[file]);
    node.kill();

    // The mission's key signs the day's report saying two observations, and the entry is
    // written into the database as if sequenced the next day.
    let served = folder.join("served");
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let forged = runtime.block_on(append_to_a_stopped_sqlite_node(folder, &served, |_, last| {
        let day = last.day();
        let figures = vec![FigureLine {
            post: Some(ident("AM-MEGHRI-E")),
            figure: Figure::Observations,
            detail: 0,
            value: 2,
        }];
        let report = Statement::SignReport {
            day,
            figures,
            narrative: passage_core::testing::test_commitment("A busy day at Meghri."),
        };
        let sequenced_at = Timestamp::start_of_day(day + 1).plus_ms(3_600_000);
        let recorded = Recorded::new(sequenced_at, report);
        let signed = SignedStatement::sign(&key_for("authority:MON"), &recorded).expect("signs");
        passage_core::Entry { sequenced_at, statement: signed }
    }));

    let audit = Command::new(BINARY)
        .env("PASSAGE_LANG", "en")
        .arg("audit")
        .arg(&served)
        .arg("--policy")
        .arg(log_policy(folder))
        .output()
        .expect("runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&audit.stdout),
        String::from_utf8_lossy(&audit.stderr)
    );
    assert!(!audit.status.success(), "the audit passed a forged report: {said}");
    assert!(said.contains(&format!("entry {forged}")), "{said}");
    assert!(
        said.contains("says AM-MEGHRI-E observations is 2; the log gives 1"),
        "the audit names the figure: {said}"
    );
}
