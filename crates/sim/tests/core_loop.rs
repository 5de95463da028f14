//! The deterministic simulation test: seeded scenarios run with the domain core in the
//! loop, every act applied as a statement, the core's invariants checked as it runs (the
//! adapter checks the ledger after every fee and payment and each unit's controls as it
//! leaves a controlled post), and the final state's digest compared across runs and
//! thread counts. Every failure names the seed and replication that replay it.

use passage_core::ledger::Account;
use passage_core::{Currency, Ident, MovementStatus, Refusal};
use passage_sim::core_loop::{self, CoreError, CoreOptions, CoreRun, CoreSetup, Fault};
use passage_sim::corridor::{Detail, Refused};
use passage_sim::replicate;
use passage_sim::scenario::Scenario;

/// A shipped scenario cut to `days` days without warm-up, so fees start at the first day.
fn shipped(name: &str, days: u32) -> Scenario {
    let path = format!("{}/../../scenarios/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("shipped scenario is readable");
    let mut file = Scenario::from_toml(&text).expect("shipped scenario is valid").file;
    file.scenario.days = days;
    file.scenario.warmup_days = 0;
    Scenario::from_file(file).expect("a shorter scenario is valid")
}

fn run(scenario: &Scenario, setup: &CoreSetup, seed: u64, replication: u64) -> CoreRun {
    core_loop::run(
        scenario,
        setup,
        seed,
        replication,
        Detail::default(),
        CoreOptions { digest: true },
    )
    .unwrap_or_else(|refused| panic!("{refused}"))
}

const REGIMES: [(&str, &str); 5] = [
    ("10mt-no-checks.toml", "cargo, no checks"),
    ("10mt-host-customs-monitoring.toml", "cargo, monitored, risk-based selection"),
    ("10mt-scanner-first.toml", "cargo, scanner-first remote inspection"),
    ("10mt-full-checks.toml", "cargo, joint checks"),
    ("5mt-host-customs-monitoring.toml", "cargo, monitored, risk-based selection"),
];

#[test]
fn every_shipped_regime_runs_through_the_core() {
    for (name, regime) in REGIMES {
        let scenario = shipped(name, 6);
        let setup = CoreSetup::new(&scenario).expect("shipped scenarios name a core regime");
        assert_eq!(setup.regime_name(), regime, "{name}");
        for seed in [1, 2] {
            let replay = format!("{name}, seed {seed}, replication 0");
            let CoreRun { report, state } = run(&scenario, &setup, seed, 0);
            let core = report.core.as_ref().expect("core figures");
            assert_eq!(core.regime, regime, "{replay}");
            assert_eq!(state.next_entry_index() - setup_entries(&setup), core.statements);

            // Money is conserved, and every fee was paid at once.
            let currency = state.regime().tariff.currency;
            assert_eq!(state.ledger().total(currency), 0, "{replay}");
            for carrier in ["CASPIAN-RAIL", "ARAZ-TRUCKS"] {
                let account = Account::Carrier(Ident::parse(carrier).expect("valid"));
                assert_eq!(state.ledger().balance(&account, currency).0, 0, "{replay}");
            }

            // The report's fees per party are the ledger's revenue balances.
            let revenue: std::collections::BTreeMap<String, u64> = state
                .ledger()
                .balances()
                .filter_map(|((account, c), amount)| match account {
                    Account::Revenue(name) if *c == currency => {
                        Some((name.to_string(), u64::try_from(amount.0).expect("revenue")))
                    }
                    _ => None,
                })
                .collect();
            assert_eq!(report.fees_minor, revenue, "{replay}");
            assert_eq!(report.fees_currency, currency.to_string());

            // Every unit that left the corridor was discharged, and paid where charged.
            let released: u64 = report.classes.iter().map(|c| c.released).sum();
            let discharged = state.movements_with_status(MovementStatus::Discharged).count();
            assert_eq!(released as usize, discharged, "{replay}");
            let tariff_charges = state.regime().tariff.per_truck.0 > 0;
            assert_eq!(tariff_charges, !revenue.is_empty(), "{replay}");
        }
    }
}

/// Entries before the simulation's first statement: the charter, enrolments, carriers.
fn setup_entries(setup: &CoreSetup) -> u64 {
    setup.genesis().next_entry_index()
}

#[test]
fn the_same_seed_gives_the_same_state_whatever_the_thread_count() {
    let scenario = shipped("10mt-host-customs-monitoring.toml", 4);
    let setup = CoreSetup::new(&scenario).expect("valid");
    let seed = 2026;
    let digests = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
        pool.install(|| {
            replicate(4, |replication| {
                let report = run(&scenario, &setup, seed, replication).report;
                (report.core.and_then(|core| core.digest).expect("digest asked for"), report.events)
            })
        })
    };
    let one = digests(1);
    let two = digests(2);
    assert_eq!(one, two, "seed {seed}: the digests depend on the thread count");
    assert_eq!(one, digests(2), "seed {seed}: two runs differ");
    // Replications are independent: their states differ.
    assert_ne!(one[0].0, one[1].0, "seed {seed}: replications 0 and 1 gave one state");
}

#[test]
fn selection_comes_from_the_cores_lanes() {
    let scenario = shipped("10mt-host-customs-monitoring.toml", 10);
    let setup = CoreSetup::new(&scenario).expect("valid");
    let seed = 11;
    let CoreRun { report, state } = run(&scenario, &setup, seed, 0);
    // The monitored regime draws 2% red and 3% yellow per unit at each controlled post;
    // seal failures add a few reds. Counted over every unit the core selected.
    let [green, yellow, red] = state
        .lane_counts()
        .iter()
        .fold([0u64; 3], |sum, lanes| [sum[0] + lanes[0], sum[1] + lanes[1], sum[2] + lanes[2]]);
    let total = (green + yellow + red) as f64;
    let (red_share, yellow_share) = (red as f64 / total, yellow as f64 / total);
    assert!((0.015..0.04).contains(&red_share), "seed {seed}: red share {red_share}");
    assert!((0.022..0.038).contains(&yellow_share), "seed {seed}: yellow share {yellow_share}");
    assert!(report.physical_inspections > 0, "seed {seed}");

    // Under no checks the core gives no lanes and charges nothing.
    let scenario = shipped("10mt-no-checks.toml", 3);
    let setup = CoreSetup::new(&scenario).expect("valid");
    let CoreRun { report, state } = run(&scenario, &setup, seed, 0);
    assert!(state.lane_counts().iter().all(|lanes| *lanes == [0, 0, 0]), "seed {seed}");
    assert!(report.fees_minor.is_empty(), "seed {seed}");
    assert_eq!(state.ledger().total(Currency::parse("AMD").expect("valid")), 0);
}

#[test]
fn a_refusal_by_the_core_stops_the_run_and_names_its_seed() {
    let scenario = shipped("10mt-host-customs-monitoring.toml", 2);
    let setup = CoreSetup::new(&scenario).expect("valid").with_fault(Fault::SkipSealChecks);
    let result = core_loop::run(&scenario, &setup, 7, 3, Detail::default(), CoreOptions::default());
    let Err(Refused { seed, replication, source, .. }) = &result else {
        panic!("a run that skips seal checks must be refused");
    };
    assert_eq!((*seed, *replication), (7, 3));
    let CoreError::Refused { refusal, .. } = source else {
        panic!("expected the core's refusal, got {source}");
    };
    assert!(matches!(refusal.as_ref(), Refusal::ControlsPending { .. }), "{refusal}");
    let message = result.err().map(|refused| refused.to_string()).unwrap_or_default();
    assert!(message.contains("replication 3 (replay with --seed 7)"), "{message}");
    assert!(message.contains("seal check"), "{message}");
}

#[test]
fn a_scenario_without_a_core_regime_is_refused_with_a_clear_error() {
    let mut file = shipped("10mt-no-checks.toml", 2).file;
    file.regime.core = None;
    let scenario = Scenario::from_file(file.clone()).expect("valid");
    let error = CoreSetup::new(&scenario).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("add `core = \"monitored\"`"), "{error}");
    file.regime.core = Some("open-border".into());
    file.posts[0].id = Some("AM-MEGHRI-E".into());
    let scenario = Scenario::from_file(file.clone()).expect("valid");
    let error = CoreSetup::new(&scenario).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.starts_with("unknown core regime `open-border`; known: monitored"), "{error}");
    file.regime.core = Some("monitored".into());
    file.posts[0].id = Some("AM-KAPAN".into());
    let scenario = Scenario::from_file(file).expect("valid");
    let error = CoreSetup::new(&scenario).err().map(|e| e.to_string()).unwrap_or_default();
    assert_eq!(error, "post `east`: the corridor has no post `AM-KAPAN`");

    // The monitored regime can send a unit to the red lane at either post; a scenario whose
    // exit post has no scan or opening would be refused at the first red release.
    let mut file = shipped("10mt-host-customs-monitoring.toml", 2).file;
    file.posts[1].checks.retain(|check| check.name != "exit-inspection");
    let scenario = Scenario::from_file(file).expect("valid");
    let error = CoreSetup::new(&scenario).err().map(|e| e.to_string()).unwrap_or_default();
    assert_eq!(
        error,
        "post `west` (train at its last post): the regime can call for a physical examination \
         (red lane), but no check there makes it; add a scan or physical check"
    );
}
