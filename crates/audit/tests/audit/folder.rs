//! The audit over a log folder: a clean audit, an incremental one, and the attacks it must
//! name: a changed entry, a changed tile, a log that rolls back or forks after an audit, a
//! statement the core refuses, figures a node tampered with.

use std::path::Path;

use passage_audit::{AuditError, AuditMemory, FolderSource, NoReplay, audit};
use passage_log::testing::{MemoryLog, log_key};
use passage_log::{Policy, TILE_WIDTH, tile_at};

/// Writes the log's tiles, bundles and checkpoint at its size into `dir`, as `passage log`
/// lays them out.
fn write_folder(log: &MemoryLog, dir: &Path) {
    let size = log.appender.size();
    let note = log.note_at(size, &log_key());
    std::fs::create_dir_all(dir).expect("a folder");
    std::fs::write(dir.join("checkpoint"), note).expect("writing");
    for level in 0..4u8 {
        let mut index = 0;
        while let Some(tile) = tile_at(level, index, size) {
            let data = passage_log::TileReader::read_tile(&log.tiles, tile).expect("a tile");
            let path = dir.join(tile.path());
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
            std::fs::write(path, data).expect("writing");
            if level == 0 {
                let first = (index * u64::from(TILE_WIDTH)) as usize;
                let entries = &log.entries[first..first + usize::from(tile.width)];
                let bundle = passage_log::encode_bundle(entries.iter().map(Vec::as_slice));
                let bundle_path =
                    dir.join(passage_log::BundleId { index, width: tile.width }.path());
                std::fs::create_dir_all(bundle_path.parent().expect("a parent")).expect("a folder");
                std::fs::write(bundle_path, bundle).expect("writing");
            }
            index += 1;
        }
    }
}

async fn run(
    dir: &Path,
    memory: Option<&AuditMemory>,
) -> Result<passage_audit::AuditReport, AuditError<std::convert::Infallible>> {
    let policy = Policy::single_log(log_key().verifier_key());
    audit(&FolderSource::new(dir), &policy, memory, &mut NoReplay, &()).await
}

#[tokio::test]
async fn a_clean_log_audits_and_the_next_audit_reads_only_new_entries() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let dir = work.path().join("log");
    let memory = AuditMemory::new(&work.path().join("cache"));
    let mut log = MemoryLog::with_entries(70_000, 70_000, "honest");
    write_folder(&log, &dir);
    let report = run(&dir, Some(&memory)).await.expect("a clean audit");
    assert_eq!((report.from_size, report.size, report.entries_checked), (0, 70_000, 70_000));
    // Level 0: 274 tiles; level 1: one full and one partial; level 2: one partial.
    assert_eq!(report.tiles_checked, 274 + 2 + 1);

    for index in 70_000..70_300 {
        log.push(format!("entry-{index}").as_bytes());
    }
    write_folder(&log, &dir);
    let report = run(&dir, Some(&memory)).await.expect("an incremental audit");
    assert_eq!((report.from_size, report.size, report.entries_checked), (70_000, 70_300, 300));
}

#[tokio::test]
async fn attack_an_entry_changed_after_publication_is_named() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let dir = work.path().join("log");
    let log = MemoryLog::with_entries(1_000, 1_000, "honest");
    write_folder(&log, &dir);
    // Entry 300 is in bundle 1 (entries 256..512), position 44.
    let path = dir.join(passage_log::BundleId { index: 1, width: 256 }.path());
    let mut bundle = std::fs::read(&path).expect("reading");
    let entries = passage_log::parse_bundle(&bundle, 256).expect("a bundle");
    let offset: usize = entries[..44].iter().map(|entry| 2 + entry.len()).sum::<usize>() + 2;
    bundle[offset] ^= 1;
    std::fs::write(&path, bundle).expect("writing");
    let error = run(&dir, None).await.expect_err("the audit fails");
    assert_eq!(
        error.to_string(),
        "entry 300 does not match its hash in the level-0 tile tile/0/001"
    );
}

#[tokio::test]
async fn attack_an_entry_and_its_tile_changed_together_are_caught_by_the_tree() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let dir = work.path().join("log");
    let log = MemoryLog::with_entries(70_000, 70_000, "honest");
    write_folder(&log, &dir);
    // Rewrite entry 5 and its level-0 hash consistently: only the level-1 tile betrays it.
    let mut forged = MemoryLog::new();
    for (index, entry) in log.entries.iter().enumerate() {
        forged.push(if index == 5 { b"forged" } else { entry });
    }
    let bundle = passage_log::BundleId { index: 0, width: 256 };
    let first_entries: Vec<&[u8]> = forged.entries[..256].iter().map(Vec::as_slice).collect();
    std::fs::write(dir.join(bundle.path()), passage_log::encode_bundle(first_entries))
        .expect("writing");
    let tile = passage_log::TileId { level: 0, index: 0, width: 256 };
    let data = passage_log::TileReader::read_tile(&forged.tiles, tile).expect("a tile");
    std::fs::write(dir.join(tile.path()), data).expect("writing");
    let error = run(&dir, None).await.expect_err("the audit fails");
    assert_eq!(
        error.to_string(),
        "tile/1/000 differs from the tree recomputed from entries 0..65536"
    );
}

#[tokio::test]
async fn attack_a_log_that_forks_or_rolls_back_after_an_audit_is_refused() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let memory = AuditMemory::new(&work.path().join("cache"));
    let dir = work.path().join("log");
    write_folder(&MemoryLog::with_entries(600, 600, "honest"), &dir);
    run(&dir, Some(&memory)).await.expect("a clean audit");

    // The log now serves a fork sharing the first 500 entries, grown to 700.
    let fork_dir = work.path().join("fork");
    write_folder(&MemoryLog::with_entries(700, 500, "fork"), &fork_dir);
    let error = run(&fork_dir, Some(&memory)).await.expect_err("a fork");
    assert!(matches!(error, AuditError::Fork { size: 700, audited: 600 }), "{error}");

    // Or an older checkpoint.
    let old_dir = work.path().join("old");
    write_folder(&MemoryLog::with_entries(400, 400, "honest"), &old_dir);
    let error = run(&old_dir, Some(&memory)).await.expect_err("a rollback");
    assert!(matches!(error, AuditError::Rollback { size: 400, audited: 600 }), "{error}");
}

/// A replay that keeps no state across audits and refuses one entry by content.
struct Refuse(&'static [u8], u64);

#[derive(Debug, thiserror::Error)]
#[error("refused by the replay")]
struct Refused;

impl passage_audit::Replay for Refuse {
    type Error = Refused;
    fn apply(&mut self, _index: u64, entry: &[u8]) -> Result<(), Refused> {
        self.1 += 1;
        if entry == self.0 { Err(Refused) } else { Ok(()) }
    }
}

#[tokio::test]
async fn a_replay_sees_every_entry_and_its_refusal_names_the_entry() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let memory = AuditMemory::new(&work.path().join("cache"));
    let dir = work.path().join("log");
    let policy = Policy::single_log(log_key().verifier_key());
    let mut log = MemoryLog::with_entries(600, 600, "honest");
    write_folder(&log, &dir);
    let mut replay = Refuse(b"none", 0);
    audit(&FolderSource::new(&dir), &policy, Some(&memory), &mut replay, &()).await.expect("clean");
    assert_eq!(replay.1, 600);

    // A replay that cannot resume reads everything again, after the consistency check.
    log.push(b"revoked officer's statement");
    write_folder(&log, &dir);
    let mut replay = Refuse(b"revoked officer's statement", 0);
    let error = audit(&FolderSource::new(&dir), &policy, Some(&memory), &mut replay, &())
        .await
        .expect_err("the replay refuses entry 600");
    assert_eq!(error.to_string(), "entry 600: refused by the replay");
    assert_eq!(replay.1, 601);

    let fork_dir = work.path().join("fork");
    write_folder(&MemoryLog::with_entries(700, 500, "fork"), &fork_dir);
    let mut replay = Refuse(b"none", 0);
    let error = audit(&FolderSource::new(&fork_dir), &policy, Some(&memory), &mut replay, &())
        .await
        .expect_err("a fork");
    assert!(matches!(error, AuditError::Fork { size: 700, audited: 600 }), "{error}");
    assert_eq!(replay.1, 0, "nothing is replayed from a fork");
}

/// A scenario whose entries are the log's bytes: the core's tree and so its draws are the
/// auditor's.
fn root_seeded_scenario() -> passage_core::testing::Scenario {
    use passage_core::testing::{Scenario, ScenarioConfig};
    Scenario::new(&ScenarioConfig::syunik())
}

/// Three more trucks declared, accepted, passed through every post and discharged.
fn more_traffic(scenario: &mut passage_core::testing::Scenario, series: u32) {
    use passage_core::testing;
    for (number, mass) in [(1u32, 18_000u64), (2, 22_500), (3, 9_000)] {
        let plate = format!("{series}0AB12{number}");
        let truck = testing::truck("AM-TRANSIT-ROAD", &plate, "2022:080810", mass);
        let mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
        scenario.complete(mrn);
    }
}

fn encoded(scenario: &passage_core::testing::Scenario) -> Vec<Vec<u8>> {
    scenario.entries().iter().map(|(entry, _)| entry.encode()).collect()
}

/// A scenario's log with realistic traffic: officers and carriers enrolled, trucks declared,
/// accepted, passed through every post and discharged, a payment, and a monitor's key revoked.
/// Selection is seeded with the log's real roots, as an auditor recomputes them.
fn scenario_log() -> (passage_core::testing::Scenario, Vec<Vec<u8>>) {
    use passage_core::statement::Statement;
    use passage_core::testing;
    let mut scenario = root_seeded_scenario();
    for (number, mass) in [(1u32, 18_000u64), (2, 22_500), (3, 9_000)] {
        let truck =
            testing::truck("AM-TRANSIT-ROAD", &format!("10AB12{number}"), "2022:080810", mass);
        let mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
        scenario.complete(mrn);
    }
    scenario.advance_minutes(10);
    let truck = testing::truck("AM-TRANSIT-ROAD", "10AB999", "2022:080810", 12_000);
    scenario.declare_accepted("ARAZ-TRUCKS", truck);
    let monitor = testing::public_key_for("monitor@AM-MEGHRI-E");
    scenario.submit_ok("authority:MON", Statement::RevokeKey { key: monitor });
    let entries = scenario.entries().iter().map(|(entry, _)| entry.encode()).collect();
    (scenario, entries)
}

fn log_of(entries: &[Vec<u8>]) -> MemoryLog {
    let mut log = MemoryLog::new();
    for entry in entries {
        log.push(entry);
    }
    log
}

async fn replay_folder(
    dir: &Path,
) -> Result<passage_audit::CoreReplay, AuditError<passage_audit::ReplayError>> {
    let policy = Policy::single_log(log_key().verifier_key());
    let mut replay = passage_audit::CoreReplay::new();
    audit(&FolderSource::new(dir), &policy, None, &mut replay, &()).await?;
    Ok(replay)
}

#[tokio::test]
async fn a_scenario_log_replays_through_the_core_to_the_same_ledger() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let (scenario, entries) = scenario_log();
    write_folder(&log_of(&entries), work.path());
    let replay = replay_folder(work.path()).await.expect("a clean audit");
    let state = replay.state().expect("the charter was read");
    let balances = |ledger: &passage_core::Ledger| {
        ledger.balances().map(|(key, amount)| (*key, *amount)).collect::<Vec<_>>()
    };
    assert!(!balances(scenario.state.ledger()).is_empty(), "the scenario charged fees");
    assert_eq!(balances(state.ledger()), balances(scenario.state.ledger()));
    assert_eq!(state.status_counts(), scenario.state.status_counts());
    let summary = replay.summary().expect("a state");
    assert_eq!(summary.entries, entries.len() as u64);
    assert!(summary.fees.iter().all(|(_, amount)| *amount > 0));
}

/// An entry a compromised node could sequence: a validly signed statement by the scenario's
/// revoked monitor.
fn by_the_revoked_monitor(scenario: &mut passage_core::testing::Scenario) -> Vec<u8> {
    use passage_core::statement::{Recorded, Statement};
    let key = scenario.key("monitor@AM-MEGHRI-E");
    let recorded = Recorded::new(scenario.now, Statement::Tick);
    let signed = passage_core::SignedStatement::sign(&key, &recorded).expect("encodes");
    passage_core::Entry { sequenced_at: scenario.now, statement: signed }.encode()
}

/// Whether the audit failed on entry `index` because the core refused a revoked key.
fn refused_as_revoked(error: &AuditError<passage_audit::ReplayError>, index: u64) -> bool {
    matches!(
        error,
        AuditError::Replay {
            index: at,
            source: passage_audit::ReplayError::Refused(
                passage_core::Refusal::RevokedKey { .. }
            ),
        } if *at == index
    )
}

#[tokio::test]
async fn attack_a_statement_by_a_revoked_officer_fails_the_audit_naming_the_entry() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let (mut scenario, mut entries) = scenario_log();
    // A compromised node sequences a validly signed statement by the revoked monitor, then
    // tiles and signs the checkpoint as if all were well.
    entries.push(by_the_revoked_monitor(&mut scenario));
    write_folder(&log_of(&entries), work.path());
    let index = entries.len() as u64 - 1;
    let Err(error) = replay_folder(work.path()).await else { panic!("the audit must fail") };
    assert!(refused_as_revoked(&error, index), "{error}");
    assert!(error.to_string().starts_with(&format!("entry {index}: the core refuses it: ")));
}

#[tokio::test]
async fn attack_a_forged_signature_fails_the_audit_naming_the_entry() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let (_, mut entries) = scenario_log();
    let mut entry = passage_core::Entry::decode(&entries[20]).expect("an entry");
    entry.statement.signature[10] ^= 1;
    entries[20] = entry.encode();
    write_folder(&log_of(&entries), work.path());
    let Err(error) = replay_folder(work.path()).await else { panic!("the audit must fail") };
    assert!(
        matches!(
            &error,
            AuditError::Replay { index: 20, source: passage_audit::ReplayError::Signature(_) }
        ),
        "{error}"
    );
    assert!(error.to_string().starts_with("entry 20: bad signature: "), "{error}");
}

#[tokio::test]
async fn the_first_bad_entry_of_a_bundle_is_named_whichever_check_it_fails() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let (mut scenario, mut entries) = scenario_log();
    // A statement by the revoked monitor, then one with a forged signature, in one bundle:
    // signatures are checked together before the core applies them, yet the audit names
    // the earlier entry, as it would checking one entry at a time.
    entries.push(by_the_revoked_monitor(&mut scenario));
    let mut forged = passage_core::Entry::decode(&entries[20]).expect("an entry");
    forged.statement.signature[10] ^= 1;
    entries.push(forged.encode());
    let refused = entries.len() as u64 - 2;
    assert_eq!(refused / 256, (refused + 1) / 256, "both in one bundle");
    write_folder(&log_of(&entries), work.path());
    let Err(error) = replay_folder(work.path()).await else { panic!("the audit must fail") };
    assert!(refused_as_revoked(&error, refused), "{error}");
}

#[tokio::test]
async fn an_incremental_core_audit_resumes_from_its_saved_state_and_agrees_with_a_full_one() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let folder = work.path().join("log");
    let memory = AuditMemory::new(&work.path().join("cache"));
    let policy = Policy::single_log(log_key().verifier_key());
    let mut scenario = root_seeded_scenario();
    more_traffic(&mut scenario, 1);
    let first = encoded(&scenario);
    write_folder(&log_of(&first), &folder);
    let mut replay = passage_audit::CoreReplay::new();
    let report = audit(&FolderSource::new(&folder), &policy, Some(&memory), &mut replay, &())
        .await
        .expect("a clean audit");
    assert_eq!((report.from_size, report.entries_checked), (0, first.len() as u64));

    more_traffic(&mut scenario, 2);
    let all = encoded(&scenario);
    write_folder(&log_of(&all), &folder);
    let mut incremental = passage_audit::CoreReplay::new();
    let report = audit(&FolderSource::new(&folder), &policy, Some(&memory), &mut incremental, &())
        .await
        .expect("a clean incremental audit");
    // Only the new entries went through the core.
    assert_eq!(report.from_size, first.len() as u64);
    assert_eq!(report.entries_checked, (all.len() - first.len()) as u64);
    let full = replay_folder(&folder).await.expect("a clean full audit");
    let summary = incremental.summary().expect("a state");
    assert_eq!(summary, full.summary().expect("a state"));
    assert_eq!(summary.digest, hex::encode(scenario.state.digest()));

    // A saved state that does not match the remembered tree is ignored: the next audit
    // replays from entry 0 and still agrees.
    more_traffic(&mut scenario, 3);
    let all = encoded(&scenario);
    write_folder(&log_of(&all), &folder);
    let state_file = std::fs::read_dir(work.path().join("cache/audited"))
        .expect("the memory folder")
        .map(|entry| entry.expect("an entry").path())
        .find(|path| path.extension().is_some_and(|extension| extension == "state"))
        .expect("the saved core state");
    let mut bytes = std::fs::read(&state_file).expect("reading");
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&state_file, bytes).expect("writing");
    let mut fallback = passage_audit::CoreReplay::new();
    let report = audit(&FolderSource::new(&folder), &policy, Some(&memory), &mut fallback, &())
        .await
        .expect("a clean audit despite the damaged state");
    assert_eq!(report.from_size, 0);
    assert_eq!(fallback.state().map(|state| state.digest()), Some(scenario.state.digest()));
}

/// The figures a node that tells the truth publishes about `state` at `size`
/// (`GET /v1/statistics?at=`, `/v1/accounts?at=`, `/v1/movements/statuses?at=`), built
/// here from the state itself.
fn truthful_figures(state: &passage_core::State, size: u64) -> passage_audit::compare::NodeFigures {
    use passage_audit::compare::status_name;
    use passage_core::ledger::PostingKind;
    let mut statistics = passage_audit::compare::NodeStatistics {
        entries: size,
        tree_size: size,
        checkpoint_size: size,
        state_digest: Some(hex::encode(state.digest())),
        ..Default::default()
    };
    for (status, count) in state.status_counts() {
        statistics.movements.insert(status_name(status).to_owned(), count as u64);
    }
    for leg in state.ledger().legs() {
        let currency = leg.currency.to_string();
        match (leg.kind, leg.account) {
            (PostingKind::Fee, passage_core::Account::Carrier(_)) => {
                *statistics.fees_minor.entry(currency).or_default() -= leg.amount.0;
            }
            (PostingKind::Payment, passage_core::Account::Carrier(_)) => {
                *statistics.payments_minor.entry(currency).or_default() += leg.amount.0;
            }
            _ => {}
        }
    }
    for (post, count) in state.corridor().posts.iter().zip(state.movement_counts_at_posts()) {
        if *count > 0 {
            statistics.movements_at_post.insert(post.id.to_string(), *count);
        }
    }
    let balances = state
        .ledger()
        .balances()
        .map(|((account, currency), amount)| passage_audit::compare::NodeBalance {
            account: account.to_string(),
            currency: currency.to_string(),
            amount_minor: amount.0,
        })
        .collect();
    let movements = state
        .movements()
        .iter()
        .map(|movement| passage_audit::compare::NodeMovement {
            mrn: movement.mrn.to_string(),
            status: status_name(movement.status).to_owned(),
            last_entry_index: movement.history.last().copied().unwrap_or_default(),
            changed_since: None,
        })
        .collect();
    passage_audit::compare::NodeFigures {
        statistics,
        balances,
        balances_tree_size: Some(size),
        movements,
        movements_tree_sizes: vec![size],
        entries_now: size,
    }
}

/// A comparison's differences in English, as logs and `--json` give them.
fn sentences(comparison: &passage_audit::compare::Comparison) -> Vec<String> {
    comparison.differences.iter().map(ToString::to_string).collect()
}

#[test]
fn attack_a_tampered_count_of_movements_at_a_post_is_named() {
    use passage_audit::compare::{Answer, Difference, KeyedFigure};
    use passage_core::statement::Statement;
    use passage_core::testing;
    let mut scenario = root_seeded_scenario();
    more_traffic(&mut scenario, 1);
    // Two trucks wait at the entry post.
    for plate in ["10AB301", "10AB302"] {
        let truck = testing::truck("AM-TRANSIT-ROAD", plate, "2022:080810", 12_000);
        let mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
        let post = testing::ident("AM-MEGHRI-E");
        scenario.submit_ok("monitor@AM-MEGHRI-E", Statement::Arrive { mrn, post });
    }
    let state = scenario.replay();
    let size = scenario.entries().len() as u64;
    let truthful = truthful_figures(&state, size);
    assert_eq!(truthful.statistics.movements_at_post.get("AM-MEGHRI-E"), Some(&2));
    let comparison = passage_audit::compare::compare(&state, size, &truthful);
    assert_eq!(comparison.differences, []);

    // A queue shortened at one post and one invented at another: both are named.
    let mut tampered = truthful.clone();
    tampered.statistics.movements_at_post.insert("AM-MEGHRI-E".into(), 1);
    tampered.statistics.movements_at_post.insert("AM-AGARAK-X".into(), 3);
    let comparison = passage_audit::compare::compare(&state, size, &tampered);
    // Typed, with the values on each side, for a reader to word in its language.
    assert_eq!(
        comparison.differences[0],
        Difference::Figure {
            figure: KeyedFigure::MovementsAtPost("AM-AGARAK-X".into()),
            node: 3,
            log: 0
        }
    );
    assert_eq!(
        sentences(&comparison),
        [
            "movements at post AM-AGARAK-X: the node says 3, the log gives 0",
            "movements at post AM-MEGHRI-E: the node says 1, the log gives 2",
        ]
    );
    assert!(!comparison.equal());

    // Figures for another size than the audited one, and another state digest: named.
    let mut moved_on = truthful.clone();
    moved_on.statistics.tree_size = size + 5;
    moved_on.balances_tree_size = None;
    moved_on.statistics.state_digest = Some("00".repeat(32));
    let comparison = passage_audit::compare::compare(&state, size, &moved_on);
    let digest = hex::encode(state.digest());
    assert_eq!(
        comparison.differences[1],
        Difference::Size { answer: Answer::Balances, node: None, audited: size }
    );
    assert_eq!(
        sentences(&comparison),
        [
            format!(
                "statistics: the node answers for size {}, the audit asked for size {size}",
                size + 5
            ),
            format!("balances: the node answers for no size, the audit asked for size {size}"),
            format!("state digest: the node says {}, the log gives {digest}", "00".repeat(32)),
        ]
    );

    // A row whose last change is pushed beyond the node's log to escape the comparison at
    // the audited size, and a last change moved within it: both named.
    let mut bumped = truthful.clone();
    bumped.movements[0].changed_since = Some(size + 100);
    bumped.movements[1].last_entry_index += 1;
    let (first, second) = (bumped.movements[0].mrn.clone(), bumped.movements[1].clone());
    let comparison = passage_audit::compare::compare(&state, size, &bumped);
    // In JSON, as `passage audit --json` prints them, each is its English sentence.
    let json = serde_json::to_value(&comparison).expect("JSON");
    assert_eq!(json["differences"][0], serde_json::json!(sentences(&comparison)[0]));
    assert_eq!(
        sentences(&comparison),
        [
            format!(
                "movement {first}: the node says entry {} changed it, beyond its log of {size} \
                 entries",
                size + 100
            ),
            format!(
                "movement {}: the node says entry {} changed it last, the log gives entry {}",
                second.mrn,
                second.last_entry_index,
                second.last_entry_index - 1
            ),
        ]
    );
}

#[tokio::test]
async fn the_audit_recomputes_every_draw_from_the_log() {
    use passage_core::corridors::SYUNIK_REGIME_JOINT;
    use passage_core::statement::Statement;
    use passage_core::testing::{self, Scenario, ScenarioConfig};
    // The joint regime draws every unit's lane at its controlled posts (10 % red, 90 %
    // yellow), so every arrival there waits for the parties' draw.
    let config = ScenarioConfig::syunik_with_regime(SYUNIK_REGIME_JOINT);
    let mut scenario = Scenario::new(&config);
    for number in 0..20u32 {
        let plate = format!("20AB{number:03}");
        let truck = testing::truck("AM-TRANSIT-ROAD", &plate, "2022:080810", 18_000);
        let mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
        scenario.complete(mrn);
    }
    let entries = encoded(&scenario);
    let draws = scenario
        .entries()
        .iter()
        .filter(|(entry, _)| {
            let recorded = entry.statement.decode_statement().expect("decodes");
            matches!(recorded.statement, Statement::Draw { .. })
        })
        .count();
    assert_eq!(draws, 40, "one draw per truck at each of its two controlled posts");
    let work = tempfile::tempdir().expect("a temporary folder");
    write_folder(&log_of(&entries), work.path());
    let replay = replay_folder(work.path()).await.expect("a clean audit");
    assert_eq!(replay.state().expect("the charter was read").digest(), scenario.state.digest());
}

/// The audit checks a bundle's VRF proofs on every core before it applies the bundle: a
/// `draw` entry whose proofs are each a party's valid proof, but given in the wrong order
/// (so each pairs with another party's key), is still refused, named by its index.
#[tokio::test]
async fn a_draw_whose_valid_proofs_are_swapped_is_refused_by_the_audit() {
    use passage_core::statement::{Recorded, Statement};
    use passage_core::{Entry, Refusal, SignedStatement};
    let work = tempfile::tempdir().expect("a temporary folder");
    let folder = work.path().join("log");
    let (mut scenario, mut entries) = scenario_log();
    let (index, mut draws, recorded_at, sequenced_at) = entries
        .iter()
        .enumerate()
        .find_map(|(index, bytes)| {
            let entry = Entry::decode(bytes).expect("an entry");
            let recorded = entry.statement.decode_statement().expect("a statement");
            match recorded.statement {
                Statement::Draw { draws } => {
                    Some((index, draws, recorded.recorded_at, entry.sequenced_at))
                }
                _ => None,
            }
        })
        .expect("the scenario's regime draws lanes");
    draws[0].proofs.swap(0, 1);
    let recorded = Recorded::new(recorded_at, Statement::Draw { draws });
    let signer = scenario.key(passage_core::testing::SEQUENCER_KEY_NAME);
    let statement = SignedStatement::sign(&signer, &recorded).expect("encodes");
    entries[index] = Entry { sequenced_at, statement }.encode();
    write_folder(&log_of(&entries), &folder);
    let error = replay_folder(&folder).await.err().expect("the audit refuses the log");
    assert!(
        matches!(
            &error,
            AuditError::Replay {
                index: at,
                source: passage_audit::ReplayError::Refused(Refusal::DrawProofInvalid { .. }),
            } if *at == index as u64
        ),
        "{error}"
    );
}
