//! The deterministic simulation test: seeded scenarios run with the domain core in the
//! loop, every act applied as a statement, the core's invariants checked as it runs (the
//! adapter checks the ledger after every fee and payment and each unit's controls as it
//! leaves a controlled post), and the final state's digest compared across runs and
//! thread counts. Every failure names the seed and replication that replay it.

use passage_core::ledger::Account;
use passage_core::{Currency, Ident, MovementStatus, Refusal};
use passage_sim::core_loop::{self, CoreError, CoreOptions, CoreRun, CoreSetup, Fault};
use passage_sim::corridor::{CoreFigures, Detail, Refused};
use passage_sim::replicate;
use passage_sim::scenario::{Contests, Scenario};

/// A shipped scenario cut to `days` days without warm-up, so fees start at the first day.
fn shipped(name: &str, days: u32) -> Scenario {
    let path = format!("{}/../../scenarios/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("shipped scenario is readable");
    let mut file = Scenario::from_toml(&text).expect("shipped scenario is valid").file;
    file.scenario.days = days;
    file.scenario.warmup_days = 0;
    Scenario::from_file(file).expect("a shorter scenario is valid")
}

/// `scenario` with its `[contests]` replaced.
fn with_contests(scenario: Scenario, contests: Contests) -> Scenario {
    let mut file = scenario.file;
    file.contests = contests;
    Scenario::from_file(file).expect("valid contests")
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
        // Three days: units cross the corridor and are discharged in each (checked below).
        let scenario = shipped(name, 3);
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
            assert!(released > 0, "{replay}: no unit crossed the corridor");
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
    let scenario = shipped("10mt-host-customs-monitoring.toml", 2);
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

#[test]
fn a_regime_file_is_put_in_force_through_the_cores_governance() {
    use passage_core::state::ProposalStatus;
    use passage_sim::core_loop::{RegimeDocument, SCANNER_FIRST_REGIME};
    let scenario = shipped("10mt-scanner-first.toml", 2);
    let document = RegimeDocument { label: "scanner-first.toml", text: SCANNER_FIRST_REGIME };
    let setup = CoreSetup::with_regime(&scenario, document).expect("a valid regime file");
    assert_eq!(setup.regime_name(), "cargo, scanner-first remote inspection");
    // Proposed by one party and approved by the two others, as the charter's quorum asks.
    let genesis = setup.genesis();
    let proposals: Vec<_> = genesis.proposals().collect();
    assert_eq!(proposals.len(), 1);
    assert_eq!(proposals[0].status, ProposalStatus::InForce);
    assert_eq!(proposals[0].approvals.len(), genesis.charter().parties.len());
    assert_eq!(genesis.regime_entry(), proposals[0].entry);
    let CoreRun { report, state } = run(&scenario, &setup, 3, 0);
    assert_eq!(report.core.expect("core figures").regime, state.regime().name);
    assert_eq!(state.regime_entry(), proposals[0].entry, "no other regime came into force");
}

#[test]
fn a_bad_regime_file_is_refused_with_its_reason() {
    use passage_sim::core_loop::RegimeDocument;
    let scenario = shipped("10mt-host-customs-monitoring.toml", 2);
    let check = |text: &str, expect: &str| {
        let document = RegimeDocument { label: "bad.toml", text };
        let error = CoreSetup::with_regime(&scenario, document)
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default();
        assert!(error.starts_with("regime bad.toml: "), "{error}");
        assert!(error.contains(expect), "{error}");
    };
    check("[regime\nname = 1", "TOML");
    let unknown_post = passage_core::corridors::SYUNIK_REGIME_MONITORED
        .replace("controlled_posts = [\"AM-MEGHRI-E\"", "controlled_posts = [\"AM-KAPAN\"");
    check(&unknown_post, "AM-KAPAN");
    check(&"#".repeat(passage_core::statement::DOCUMENT_BYTES_MAX + 1), "at most");

    // A scenario naming a regime file must be given its text.
    let mut file = scenario.file.clone();
    file.regime.core = None;
    file.regime.file = Some("regimes/scanner-first.toml".into());
    let named = Scenario::from_file(file.clone()).expect("valid");
    let error = CoreSetup::new(&named).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("`regimes/scanner-first.toml` was not read"), "{error}");
    // And may not name both.
    file.regime.core = Some("monitored".into());
    let error = Scenario::from_file(file).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("either `core`"), "{error}");
}

#[test]
fn time_limits_apply_eastbound_and_overdue_movements_become_incidents() {
    use passage_core::movement::Movement;
    use passage_core::statement::IncidentKind;
    use passage_sim::random::Distribution;
    // Ten hours on the road between the posts: past the monitored regime's eight hours for
    // trucks, both ways (trains have 24 hours and stay in time).
    let mut file = shipped("10mt-host-customs-monitoring.toml", 2).file;
    for segment in &mut file.segments {
        segment.travel.insert("truck".into(), Distribution::Deterministic { value: 600.0 });
    }
    let scenario = Scenario::from_file(file).expect("valid");
    let setup = CoreSetup::new(&scenario).expect("valid");
    let CoreRun { report, state } = run(&scenario, &setup, 5, 0);
    let overdue = |movement: &&Movement| {
        movement.incidents.iter().any(|incident| incident.kind == IncidentKind::Overdue)
    };
    let route = |movement: &Movement| state.corridor().routes[movement.route].id.to_string();
    let (east, west): (Vec<&Movement>, Vec<&Movement>) =
        state.movements().iter().filter(overdue).partition(|m| route(m).ends_with("-EB"));
    assert!(!east.is_empty() && !west.is_empty(), "{} east, {} west", east.len(), west.len());
    assert!(east.iter().chain(&west).all(|m| route(m).contains("ROAD")));
    let core = report.core.expect("core figures");
    assert_eq!(core.overdue as usize, east.len() + west.len());
}

#[test]
fn monitors_attest_inspections_and_releases() {
    let scenario = shipped("10mt-host-customs-monitoring.toml", 3);
    let setup = CoreSetup::new(&scenario).expect("valid");
    let CoreRun { report, state } = run(&scenario, &setup, 9, 0);
    let core = report.core.expect("core figures");
    let attested: usize = state.movements().iter().map(|m| m.attestations.len()).sum();
    assert_eq!(core.attestations as usize, attested);
    // One release at each of the two controlled posts for every unit that crossed both.
    let discharged = state.movements_with_status(MovementStatus::Discharged).count();
    assert!(attested >= 2 * discharged && discharged > 0, "{attested} {discharged}");

    // Under border guards alone no monitor attests.
    let scenario = shipped("10mt-no-checks.toml", 2);
    let setup = CoreSetup::new(&scenario).expect("valid");
    let attests = setup.genesis().regime().allows_role(
        passage_core::regime::Act::Attest,
        passage_core::statement::OfficerRole::Monitor,
    );
    let core = run(&scenario, &setup, 9, 0).report.core.expect("core figures");
    assert_eq!(attests, core.attestations > 0);
}

#[test]
fn holds_past_the_regime_s_threshold_are_counted_as_automatic_incidents_per_regime() {
    use passage_sim::core_loop::RegimeDocument;
    // No one contests: every automatic incident is a hold's.
    let scenario = with_contests(shipped("10mt-host-customs-monitoring.toml", 4), Contests::none());
    // A unit held after a finding stays held: every hold that began more than the
    // threshold before the end opens one automatic incident.
    let with_threshold = |hours: u32| {
        let text = format!(
            "{}\n[contests]\nreasons = [\"held_too_long\", \"other\"]\nanswer_hours = 72\n\
             hold_threshold_hours = {hours}\n",
            passage_core::corridors::SYUNIK_REGIME_MONITORED
        );
        let setup =
            CoreSetup::with_regime(&scenario, RegimeDocument { label: "r.toml", text: &text })
                .expect("valid");
        let CoreRun { report, state } = run(&scenario, &setup, 11, 0);
        let core = report.core.expect("core figures");
        let end = state.time();
        let past: Vec<_> = state
            .monitors()
            .holds()
            .filter(|(_, hold)| hold.since.plus_ms(u64::from(hours) * 3_600_000) <= end)
            .collect();
        (core, past.len() as u64, state.monitors().holds().count())
    };
    let (short, past_short, held) = with_threshold(1);
    assert!(held > 0, "the scenario holds units");
    assert_eq!(short.automatic_incidents, past_short, "one incident per hold past an hour");
    assert!(short.automatic_incidents > 0);
    assert_eq!(short.contests, 0, "no one contests");
    let (long, past_long, _) = with_threshold(2160);
    assert_eq!((long.automatic_incidents, past_long), (0, 0), "no hold lasts 90 days");
    // The summary across replications carries both counts for each regime.
    let setup = CoreSetup::new(&scenario).expect("valid");
    let reports: Vec<_> =
        replicate::replicate(2, |replication| run(&scenario, &setup, 11, replication).report);
    let summary = passage_sim::corridor::summarize(&scenario, &reports);
    assert!(summary.automatic_incidents.is_some() && summary.contests.is_some());
}

/// The monitored regime with a `[contests]` section: `answer_hours` to answer, and no hold
/// long enough to open an incident, so every automatic incident is an unanswered contest's.
fn contest_regime(answer_hours: u32) -> String {
    format!(
        "{}\n[contests]\nreasons = [\"held_too_long\", \"wrong_lane\", \"other\"]\n\
         answer_hours = {answer_hours}\nhold_threshold_hours = 2160\n",
        passage_core::corridors::SYUNIK_REGIME_MONITORED
    )
}

fn core_figures(scenario: &Scenario, regime: Option<&str>, seed: u64) -> (CoreFigures, CoreRun) {
    use passage_sim::core_loop::RegimeDocument;
    let setup = match regime {
        Some(text) => {
            CoreSetup::with_regime(scenario, RegimeDocument { label: "contests.toml", text })
        }
        None => CoreSetup::new(scenario),
    }
    .expect("valid");
    let run = run(scenario, &setup, seed, 0);
    (run.report.core.clone().expect("core figures"), run)
}

#[test]
fn with_no_share_contested_no_contest_opens_and_with_the_defaults_some_do_and_are_answered() {
    for name in ["10mt-host-customs-monitoring.toml", "10mt-full-checks.toml"] {
        let scenario = shipped(name, 4);
        let quiet = with_contests(scenario.clone(), Contests::none());
        let (core, CoreRun { state, .. }) = core_figures(&quiet, None, 5);
        assert_eq!(core.contests, 0, "{name}");
        assert_eq!(state.monitors().totals().contests_opened, 0, "{name}");
        // The defaults contest some acts, which the core opens and the parties answer.
        let (core, CoreRun { state, .. }) = core_figures(&scenario, None, 5);
        let totals = state.monitors().totals();
        assert!(core.contests > 0, "{name}: {core:?}");
        assert_eq!(
            (core.contests, core.contests_answered, core.contests_overdue, core.contests_decided),
            (
                totals.contests_opened,
                totals.contests_answered,
                totals.contests_overdue,
                totals.contests_decided
            ),
            "{name}"
        );
        assert!(core.contests_answered > 0, "{name}: {core:?}");
    }
}

#[test]
fn every_rejected_contest_referred_is_decided_by_the_joint_commission() {
    let scenario = shipped("10mt-host-customs-monitoring.toml", 4);
    let all_referred = Contests {
        red_lane_share: 0.3,
        upheld_share: 0.0,
        referred_share: 1.0,
        ..Contests::default()
    };
    let (core, _) = core_figures(&with_contests(scenario.clone(), all_referred.clone()), None, 7);
    assert!(core.contests_answered > 0, "{core:?}");
    // Each answer rejects, the contester refers at once, every party votes one decision.
    assert_eq!(core.contests_decided, core.contests_answered, "{core:?}");
    let none_referred = Contests { referred_share: 0.0, ..all_referred };
    let (core, _) = core_figures(&with_contests(scenario, none_referred), None, 7);
    assert!(core.contests_answered > 0 && core.contests_decided == 0, "{core:?}");
}

#[test]
fn a_higher_share_of_contests_missed_opens_more_automatic_incidents() {
    let scenario = shipped("10mt-host-customs-monitoring.toml", 4);
    let regime = contest_regime(6);
    let incidents = |answered_in_time_share: f64| {
        let contests =
            Contests { red_lane_share: 0.3, answered_in_time_share, ..Contests::default() };
        let scenario = with_contests(scenario.clone(), contests);
        let (mut opened, mut overdue, mut contests) = (0, 0, 0);
        for seed in [3, 4] {
            let (core, _) = core_figures(&scenario, Some(&regime), seed);
            // No hold lasts the threshold: each incident is a contest's, past its deadline.
            assert_eq!(core.automatic_incidents, core.contests_overdue, "{core:?}");
            (opened, overdue, contests) = (
                opened + core.automatic_incidents,
                overdue + core.contests_overdue,
                contests + core.contests,
            );
        }
        assert!(contests > 10, "{contests} contests");
        (opened, overdue)
    };
    let (all_in_time, _) = incidents(1.0);
    let (half, _) = incidents(0.5);
    let (none_in_time, _) = incidents(0.0);
    assert_eq!(all_in_time, 0);
    assert!(half > 0 && none_in_time > half, "{half} then {none_in_time}");
}

#[test]
fn the_contest_counts_are_in_each_regime_s_summary() {
    for name in ["10mt-host-customs-monitoring.toml", "10mt-full-checks.toml"] {
        let scenario = with_contests(
            shipped(name, 3),
            Contests { red_lane_share: 0.3, answered_in_time_share: 0.5, ..Contests::default() },
        );
        let setup = CoreSetup::new(&scenario).expect("valid");
        let reports: Vec<_> =
            replicate::replicate(2, |replication| run(&scenario, &setup, 13, replication).report);
        let summary = passage_sim::corridor::summarize(&scenario, &reports);
        let json = serde_json::to_value(&summary).expect("a summary is JSON");
        assert_eq!(json["regime"], setup.regime_name());
        for (field, count) in [
            ("contests", (|core: &CoreFigures| core.contests) as fn(&CoreFigures) -> u64),
            ("contests_answered", |core| core.contests_answered),
            ("contests_overdue", |core| core.contests_overdue),
            ("contests_decided", |core| core.contests_decided),
            ("automatic_incidents", |core| core.automatic_incidents),
        ] {
            let counts: Vec<u64> =
                reports.iter().map(|report| count(report.core.as_ref().expect("core"))).collect();
            let mean = counts.iter().sum::<u64>() as f64 / counts.len() as f64;
            assert_eq!(json[field]["mean"].as_f64(), Some(mean), "{name} {field}: {json}");
        }
        assert!(json["contests"]["mean"].as_f64() > Some(0.0), "{name}");
    }
}

#[test]
fn a_reason_the_regime_does_not_list_is_refused_before_the_run() {
    use passage_sim::core_loop::{CoreSetupError, RegimeDocument};
    let scenario = shipped("10mt-host-customs-monitoring.toml", 1);
    let text = format!(
        "{}\n[contests]\nreasons = [\"held_too_long\"]\nanswer_hours = 72\n\
         hold_threshold_hours = 24\n",
        passage_core::corridors::SYUNIK_REGIME_MONITORED
    );
    let document = RegimeDocument { label: "r.toml", text: &text };
    let error = CoreSetup::with_regime(&scenario, document).expect_err("wrong_lane is not listed");
    assert!(matches!(error, CoreSetupError::UnknownContestReason { field: "red_lane_reason", .. }));
    assert!(error.to_string().contains("`wrong_lane`"), "{error}");
    // With no red-lane inspection contested, the reason is not needed.
    let quiet = with_contests(scenario, Contests { red_lane_share: 0.0, ..Contests::default() });
    CoreSetup::with_regime(&quiet, document).expect("no reason needed");
    // A share outside 0 to 1 is refused with the scenario.
    let mut file = quiet.file;
    file.contests.answered_in_time_share = 1.5;
    let error = Scenario::from_file(file).expect_err("not a share");
    assert!(error.to_string().contains("contests.answered_in_time_share"), "{error}");
}

#[test]
fn every_shipped_scenario_states_the_default_contests_so_a_sweep_can_set_them() {
    let folder = format!("{}/../../scenarios", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .expect("the scenarios folder")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    names.sort();
    assert!(names.len() >= 6, "{names:?}");
    for name in names {
        let text = std::fs::read_to_string(format!("{folder}/{name}")).expect("readable");
        assert!(text.contains("\n[contests]\n"), "{name} names its [contests]");
        assert_eq!(shipped(&name, 1).file.contests, Contests::default(), "{name}");
    }
}
