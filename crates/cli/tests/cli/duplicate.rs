//! The attack of an operator who can write the node's database: an entry appended behind
//! the sequencer's back, with its tiles and a checkpoint signed by the log's key (which
//! witnesses, seeing a consistent tree, would cosign). A copy of a genuine payment: the
//! store's duplicate check is the attacker's to skip (the row names another statement
//! hash); the core's rule is not: the node refuses to start on that log, naming the entry,
//! and `passage audit` of what the database serves fails, naming it too. A daily report
//! signed with the mission's key but one figure changed: the audit recomputes every
//! figure and names the entry and the figure.

use crate::common::{BINARY, charter_line, log_key, log_policy, save, serve_corridor, submit};
use passage_core::regime::Act;
use passage_core::signed::SignedStatement;
use passage_core::statement::{
    Figure, FigureLine, IncidentPlace, ObservationCategory, Recorded, Statement, Timestamp,
};
use passage_core::testing::{ident, key_for};
use passage_core::{AmountMinor, Currency};
use passage_log::{Appender, Checkpoint, SigningKey};
use passage_store::{AnyStore, AppendBatch, SqliteConfig, Store, StoreConfig};
use std::path::Path;
use std::process::Command;

/// Appends the entry `forge` makes (from the log's entries' bytes and the last entry's
/// time) to the SQLite log in `folder`, with its tiles and a checkpoint signed by the log's
/// key; returns its index and the whole log's tiles as a node on that database would serve
/// them, written to `served` with the checkpoint.
async fn append_behind_the_sequencer(
    folder: &Path,
    served: &Path,
    forge: impl FnOnce(&[Vec<u8>], passage_core::Timestamp) -> passage_core::Entry,
) -> u64 {
    let config = StoreConfig::Sqlite(SqliteConfig::new(folder.join("passage.db")));
    let store = AnyStore::open(config).await.expect("the database opens");
    store.acquire_leadership().await.expect("no node runs");
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
    store.release_leadership().await.expect("released");
    index
}

fn write(folder: &Path, path: &str, bytes: &[u8]) {
    let path = folder.join(path);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
    std::fs::write(path, bytes).expect("written");
}

#[test]
fn a_payment_copied_in_the_database_stops_the_node_and_fails_the_audit() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let folder = folder.path();
    let (node, local) = serve_corridor(folder);
    let officer = local.officer_for(Act::RecordPayment, "AM-MEGHRI-E");
    let payment = Statement::RecordPayment {
        carrier: ident("ARAZ-TRUCKS"),
        amount: AmountMinor(250_000),
        currency: Currency::parse("AMD").expect("known"),
        reference: ident("RCPT-2026-7"),
    };
    let file = save(folder, 900, &officer, payment).display().to_string();
    let out = submit(&node, &[file]);
    let genuine: u64 = out
        .split("entry ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|digits| digits.parse().ok())
        .unwrap_or_else(|| panic!("an acknowledgement names the entry: {out}"));
    node.kill();

    let served = folder.join("served");
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    // A second copy of the payment, sequenced a second after the last entry.
    let copy = runtime.block_on(append_behind_the_sequencer(folder, &served, |entries, last| {
        let mut copy = passage_core::Entry::decode(&entries[genuine as usize]).expect("decodes");
        copy.sequenced_at = passage_core::Timestamp(last.0 + 1_000);
        copy
    }));
    let refusal = format!(
        "entry {copy} does not replay: the same statement is already in the log at entry \
         {genuine}"
    );

    // The node does not start on a log the core refuses.
    let config = folder.join("restart.toml");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:0\"\nlog_key = {:?}\ndatabase = {:?}\n{}",
            log_key(folder).display().to_string(),
            folder.join("passage.db").display().to_string(),
            charter_line(),
        ),
    )
    .expect("written");
    let restart =
        Command::new(BINARY).args(["serve", "--config"]).arg(&config).output().expect("runs");
    let stderr = String::from_utf8_lossy(&restart.stderr);
    assert!(!restart.status.success(), "the node started on a forged log: {stderr}");
    assert!(stderr.contains(&refusal), "{stderr}");

    // The audit of what the database serves, checkpoint signed by the log's key and all,
    // fails on the copy.
    let audit = Command::new(BINARY)
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
    assert!(!audit.status.success(), "the audit passed a forged log: {said}");
    assert!(
        said.contains(&format!("entry {copy}")) && said.contains("already in the log at entry"),
        "{said}"
    );
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
    let forged = runtime.block_on(append_behind_the_sequencer(folder, &served, |_, last| {
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
