//! `passage audit` on a folder holding a real log (a scenario's signed statements): the core
//! replay recomputes the state and prints it as a table, or as JSON with `--json`.

use std::path::Path;
use std::process::Command;

use passage_core::testing::{self, Scenario};
use passage_log::{Appender, Checkpoint, KeyType, SigningKey};

/// Writes `entries` as a log folder (tiles, bundles, signed checkpoint) and returns the
/// log's verifier key.
pub(crate) fn write_log(entries: &[Vec<u8>], dir: &Path) -> String {
    let key =
        SigningKey::from_seed("corridor.example/log", KeyType::Ed25519, [5; 32]).expect("a key");
    let mut appender = Appender::new();
    let batch = appender.append_batch(entries).expect("small entries");
    let files = batch.changes.tiles.into_iter().map(|tile| (tile.tile.path(), tile.data));
    let bundles = batch.changes.bundles.into_iter().map(|b| (b.bundle.path(), b.data));
    for (path, data) in files.chain(bundles) {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
        std::fs::write(path, data).expect("writing");
    }
    let checkpoint = Checkpoint {
        origin: key.name().into(),
        size: appender.size(),
        root: appender.root(),
        extensions: vec![],
    };
    std::fs::write(dir.join("checkpoint"), checkpoint.sign(&key).expect("signing"))
        .expect("writing");
    key.verifier_key().to_string()
}

/// Writes `scenario`'s log as a folder under `work`, audits it with `passage audit --json`
/// against a policy naming only the log's key, checks the audit passed, and returns its
/// JSON with the number of entries written.
pub(crate) fn audit_scenario_as_json(scenario: &Scenario, work: &Path) -> (serde_json::Value, u64) {
    let entries: Vec<Vec<u8>> =
        scenario.entries().iter().map(|(entry, _)| entry.encode()).collect();
    let log = work.join("log");
    let vkey = write_log(&entries, &log);
    let policy = work.join("policy");
    std::fs::write(&policy, format!("log {vkey}\nquorum none\n")).expect("writing");
    let output = Command::new(env!("CARGO_BIN_EXE_passage"))
        .env("PASSAGE_LANG", "en")
        .arg("audit")
        .arg(&log)
        .arg("--policy")
        .arg(&policy)
        .arg("--json")
        .output()
        .expect("running passage");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["ok"], true);
    (json, entries.len() as u64)
}

#[test]
fn the_audit_prints_the_state_the_core_recomputes() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let mut scenario = Scenario::syunik();
    let truck = testing::truck("AM-TRANSIT-ROAD", "10AB123", "2022:080810", 18_000);
    let mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
    scenario.complete(mrn);
    let entries: Vec<Vec<u8>> =
        scenario.entries().iter().map(|(entry, _)| entry.encode()).collect();
    let log = work.path().join("log");
    let vkey = write_log(&entries, &log);
    let policy = work.path().join("policy");
    std::fs::write(&policy, format!("log {vkey}\nquorum none\n")).expect("writing");

    let audit = |extra: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_passage"))
            .env("PASSAGE_LANG", "en")
            .arg("audit")
            .arg(&log)
            .arg("--policy")
            .arg(&policy)
            .args(extra)
            .output()
            .expect("running passage");
        assert!(
            output.status.success(),
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let table = audit(&[]);
    assert!(table.contains(&format!("entries replayed: {}", entries.len())), "{table}");
    assert!(table.contains("discharged"), "{table}");
    assert!(table.contains("carrier:ARAZ-TRUCKS"), "{table}");

    let json: serde_json::Value = serde_json::from_str(&audit(&["--json"])).expect("JSON");
    assert_eq!(json["ok"], true);
    assert_eq!(json["state"]["entries"], entries.len() as u64);
    let balances = json["state"]["balances"].as_array().expect("balances");
    let expected: Vec<(String, i64)> = scenario
        .state
        .ledger()
        .balances()
        .map(|((account, _), amount)| (account.to_string(), amount.0))
        .collect();
    let found: Vec<(String, i64)> = balances
        .iter()
        .map(|b| {
            (b["account"].as_str().unwrap_or("").to_owned(), b["amount"].as_i64().unwrap_or(0))
        })
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn a_westbound_train_overdue_and_unanswered_ends_in_recovery_that_the_audit_recomputes() {
    use passage_core::movement::MovementStatus;
    use passage_core::statement::{EnquiryOutcome, GuaranteeCover, Statement};
    use passage_core::testing::{ident, test_commitment};
    use passage_core::{AmountMinor, Currency};

    let work = tempfile::tempdir().expect("a temporary folder");
    let mut scenario = Scenario::syunik();
    // A bank enrolled by Armenia's authority secures CASPIAN-RAIL's movements.
    scenario.issue_guarantee(
        "AM",
        "ARARAT-BANK",
        "GRN-WEST-1",
        "CASPIAN-RAIL",
        GuaranteeCover::Comprehensive,
        AmountMinor(50_000_000_000),
    );
    // Westbound, Horadiz to Nakhchivan: three containers of machinery.
    let mut train = testing::container_train("HORADIZ-NAKHCHIVAN", 3, 700, &["2022:850440"]);
    train.guarantee = Some(ident("GRN-WEST-1"));
    let mrn = scenario.declare_accepted("CASPIAN-RAIL", train);
    let engaged = scenario.state.guarantees().engagement(&mrn).expect("engaged").amount;
    assert!(engaged.0 > 0, "the containers' goods engage the guarantee");
    // It leaves Horadiz and is never seen again: its 72 hours pass.
    scenario.advance_minutes(73 * 60);
    let customs = "customs@AM-MEGHRI-E";
    scenario.submit_ok(customs, Statement::Tick);
    scenario.submit_ok(customs, Statement::OpenEnquiry { mrn });
    // No answer in the 28 days the regime gives.
    scenario.advance_minutes(29 * 24 * 60);
    scenario.submit_ok(
        customs,
        Statement::CloseEnquiry {
            mrn,
            outcome: EnquiryOutcome::Recovery,
            resolution: test_commitment("no proof of exit"),
        },
    );
    let amd = Currency::parse("AMD").expect("known");
    let guarantor = passage_core::Account::Guarantor(ident("ARARAT-BANK"));
    assert_eq!(scenario.state.ledger().balance(&guarantor, amd), AmountMinor(-engaged.0));

    let (json, _) = audit_scenario_as_json(&scenario, work.path());
    let balances = json["state"]["balances"].as_array().expect("balances");
    let recovered = balances
        .iter()
        .find(|b| b["account"] == "guarantor:ARARAT-BANK")
        .expect("the guarantor's account is in the recomputed ledger");
    assert_eq!(recovered["amount"].as_i64(), Some(-engaged.0));
    let movements = json["state"]["movements"].as_array().expect("movements by status");
    let recovered = movements
        .iter()
        .find(|line| line[0] == MovementStatus::Recovered.as_str())
        .expect("the recovered status is counted");
    assert_eq!(recovered[1], 1, "{movements:?}");
}
