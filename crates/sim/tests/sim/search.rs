//! The search for regimes: on M/M/c queues, whose frontier Erlang's formula gives, the
//! search returns exactly that frontier; on the corridor, every regime it reports passes
//! the core and round-trips through the core's regime parser.

use passage_core::corridors::{SYUNIK_CORRIDOR, SYUNIK_REGIME_MONITORED};
use passage_core::{Corridor, Ident, Regime};
use passage_sim::core_loop::{self, CoreOptions, CoreSetup, RegimeDocument};
use passage_sim::corridor::Detail;
use passage_sim::queueing::{LineConfig, StationConfig, run_line, theory};
use passage_sim::random::Distribution;
use passage_sim::scenario::Scenario;
use passage_sim::search::candidates::generate;
use passage_sim::search::corridor::{BaseTexts, CorridorSearch, run};
use passage_sim::search::space::Space;
use passage_sim::search::{Budget, Evaluator, Figures, search};
use passage_sim::{Streams, search::Evaluation};

const LAMBDA: f64 = 3.2;
const WAGE: f64 = 1.0;
/// The smallest drop in mean wait worth a server, in time units.
const WAIT_INDIFFERENCE: f64 = 0.02;

/// Posts as M/M/c queues: arrivals at rate 3.2, service at rate 1 per server, the
/// candidate is the number of servers; objectives are the mean wait in queue and the
/// staff cost (servers times a wage).
fn mmc_space() -> Space {
    Space::from_toml(&format!(
        r#"
[search]
name = "mmc"
seed = 11
candidates = 10
replications = 2
replications_max = 40
[[parameter]]
path = "servers"
range = {{ min = 1, max = 10, step = 1 }}
[[objective]]
metric = "mean_wait"
direction = "minimize"
indifference = {WAIT_INDIFFERENCE}
[[objective]]
metric = "staff_cost"
direction = "minimize"
indifference = 0.5
"#
    ))
    .expect("a valid space")
}

struct MmcQueues {
    servers: Vec<u32>,
}

impl Evaluator for MmcQueues {
    type Error = String;

    fn evaluate(&self, candidate: usize, replication: u64) -> Result<Figures, String> {
        let servers = self.servers[candidate];
        if f64::from(servers) <= LAMBDA {
            return Err(format!("{servers} servers cannot keep up with {LAMBDA} arrivals"));
        }
        let config = LineConfig {
            interarrival: Distribution::Exponential { mean: 1.0 / LAMBDA },
            stations: vec![StationConfig {
                servers,
                service: Distribution::Exponential { mean: 1.0 },
            }],
            customers: 20_000,
            warmup_customers: 2_000,
            ticks_per_unit: 10_000.0,
        };
        let report =
            run_line(&config, &Streams::new(11, replication)).map_err(|e| e.to_string())?;
        Ok(Figures::from([
            ("mean_wait".to_string(), report.stations[0].mean_wait),
            ("staff_cost".to_string(), f64::from(servers) * WAGE),
        ]))
    }
}

#[test]
fn the_search_finds_the_analytic_frontier_of_mmc_queues() {
    let space = mmc_space();
    let (_, candidates) = generate(&space);
    let servers: Vec<u32> = candidates
        .iter()
        .map(|c| u32::try_from(c.values[0].as_integer().expect("whole servers")).expect("small"))
        .collect();
    // Analytically: the fewest stable servers, then each extra server while it lowers the
    // mean wait by more than the indifference (Erlang C). The gaps stay well away from
    // the indifference, so noise cannot decide the answer.
    let wait = |c: u32| theory::erlang_c(c, LAMBDA, 1.0).1;
    let stable: Vec<u32> = (1..=10).filter(|&c| f64::from(c) > LAMBDA).collect();
    let mut expected = vec![stable[0]];
    for pair in stable.windows(2) {
        let gap = wait(pair[0]) - wait(pair[1]);
        assert!((gap - WAIT_INDIFFERENCE).abs() > 0.3 * WAIT_INDIFFERENCE, "gap {gap} too close");
        if gap > WAIT_INDIFFERENCE {
            expected.push(pair[1]);
        }
    }
    assert_eq!(expected, vec![4, 5, 6, 7]);

    let budget = Budget {
        replications: space.file.search.replications,
        replications_max: space.file.search.replications_max,
        replications_total_max: space.replications_total_max,
    };
    let evaluator = MmcQueues { servers: servers.clone() };
    let outcome = search(&space.file.objectives, candidates.len(), budget, &evaluator, &|| {})
        .expect("the search runs");
    let found: Vec<u32> = outcome.frontier.members.iter().map(|&m| servers[m]).collect();
    assert_eq!(found, expected, "unsettled pairs: {:?}", outcome.frontier.unsettled);
    assert!(outcome.frontier.unsettled.is_empty(), "{:?}", outcome.frontier.unsettled);
    // The unstable candidates are left out with their reason.
    for (candidate, evaluation) in outcome.evaluations.iter().enumerate() {
        match evaluation {
            Evaluation::Failed(reason) => {
                assert!(f64::from(servers[candidate]) <= LAMBDA, "{reason}");
                assert!(reason.contains("cannot keep up"), "{reason}");
            }
            Evaluation::Evaluated(_) => assert!(f64::from(servers[candidate]) > LAMBDA),
        }
    }
    // Refinement added replications where comparisons were close, within the budget.
    assert!(outcome.rounds > 0, "{} replications", outcome.replications_run);
    assert!(outcome.replications_run <= budget.replications_total_max);
}

/// A small corridor under the core's monitored regime: trucks only, a few days.
const SCENARIO: &str = r#"
[scenario]
name = "tiny"
seed = 5
days = 6
warmup_days = 1
[regime]
name = "tiny"
core = "monitored"
[[class]]
name = "truck"
mode = "road"
tonnes_per_unit = 20
containers_per_unit = 1
tampered_share = 0.05
contraband_share = 0.05
[[flow]]
class = "truck"
origin = "east"
units_per_day = 40
[[post]]
name = "east"
id = "AM-MEGHRI-E"
[[post.resource]]
name = "desk"
capacity = 2
[[post.resource]]
name = "bay"
capacity = 1
[[post.check]]
name = "seals"
kind = "seal"
by = "monitor"
resource = "desk"
select = { mode = "all" }
service.truck = { kind = "deterministic", value = 3 }
detects_tampered = 0.9
[[post.check]]
name = "papers"
kind = "document"
by = "host"
resource = "desk"
select = { mode = "random", share = 0.1 }
service.truck = { kind = "deterministic", value = 5 }
[[post.check]]
name = "open"
kind = "physical"
by = "host"
resource = "bay"
select = { mode = "flagged" }
service.truck = { kind = "exponential", mean = 40 }
detects_tampered = 0.9
detects_contraband = 0.9
[[post]]
name = "west"
id = "AM-AGARAK-X"
[[post.resource]]
name = "desk"
capacity = 2
[[post.resource]]
name = "bay"
capacity = 1
[[post.check]]
name = "seals"
kind = "seal"
by = "monitor"
resource = "desk"
select = { mode = "all" }
service.truck = { kind = "deterministic", value = 3 }
detects_tampered = 0.9
[[post.check]]
name = "papers"
kind = "document"
by = "host"
resource = "desk"
select = { mode = "random", share = 0.1 }
service.truck = { kind = "deterministic", value = 5 }
[[post.check]]
name = "open"
kind = "physical"
by = "host"
resource = "bay"
select = { mode = "flagged" }
service.truck = { kind = "exponential", mean = 40 }
detects_tampered = 0.9
detects_contraband = 0.9
[[segment]]
from = "east"
to = "west"
travel.truck = { kind = "deterministic", value = 60 }
[tariff]
currency = "USD"
per_tonne_minor = 600
split = { host = 10000 }
"#;

fn corridor_space(screening: &str, red: &str) -> Space {
    Space::from_toml(&format!(
        r#"
[search]
name = "tiny"
seed = 3
candidates = 8
replications = 2
replications_max = 4
screening = "{screening}"
[base]
scenario = "tiny.toml"
core = "monitored"
[[parameter]]
document = "scenario"
path = "post.east.resource.bay.capacity"
values = [1, 2]
[[parameter]]
document = "regime"
path = "selection.random_red_ppm"
values = {red}
[[objective]]
metric = "transit_mean_hours.truck"
direction = "minimize"
indifference = 0.05
[[objective]]
metric = "caught_share"
direction = "maximize"
indifference = 0.02
[[objective]]
metric = "staff_cost_per_year.host"
direction = "minimize"
indifference = 1000
[[party]]
key = "host"
name = "host state"
revenue_accounts = ["AM-TREASURY", "host"]
staffs = ["host"]
[[party]]
key = "monitor"
name = "monitoring mission"
revenue_accounts = ["MONITORING-MISSION"]
staffs = ["monitor"]
[assumptions]
currency = "USD"
exchange = {{ AMD = {{ value = 0.0026, source = "assumption: about 390 AMD to the dollar" }} }}
truck_hour_value = {{ value = 40, source = "assumption" }}
wage_per_staff_hour = {{ host = {{ value = 5, source = "assumption" }}, monitor = {{ value = 30, source = "assumption" }} }}
"#
    ))
    .expect("a valid space")
}

#[test]
fn every_frontier_regime_passes_the_core_and_round_trips_through_its_parser() {
    let space = corridor_space("core", "[0, 200000, 900000]");
    let search_run =
        CorridorSearch::new(space, BaseTexts { scenario: SCENARIO, regime: None }).expect("setup");
    assert_eq!(search_run.candidates.len(), 6);
    let report = run(&search_run, &|| {}).expect("the search runs");
    assert!(!report.frontier.is_empty());
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    let corridor = Corridor::from_toml(SYUNIK_CORRIDOR).expect("the core's corridor");
    let scenario = Scenario::from_toml(SCENARIO).expect("valid");
    let base = CoreSetup::new(&scenario).expect("the base runs under the core");
    let parties: Vec<Ident> = base.genesis().charter().parties.iter().map(|p| p.id).collect();
    for point in &report.frontier {
        // The file as written parses as the core's regime for the corridor.
        Regime::from_toml(&point.regime_text, &corridor, &parties).unwrap_or_else(|e| {
            panic!("candidate {}: {e}\n{}", point.candidate, point.regime_text)
        });
        // And the core, put under it through its governance, applies every act of a run.
        let setup = CoreSetup::with_regime(
            &scenario,
            RegimeDocument { label: "frontier", text: &point.regime_text },
        )
        .expect("the core puts the regime in force");
        core_loop::run(&scenario, &setup, 3, 0, Detail::default(), CoreOptions::default())
            .expect("the core applies every act");
        // Figures are the core's, per party side by side.
        for figure in [
            "revenue_per_year.host",
            "staff_cost_per_year.monitor",
            "waiting_cost_per_year.carriers",
        ] {
            assert!(point.figures.contains_key(figure), "{figure} missing");
        }
    }
    // More red draws catch more: a frontier with several detection levels.
    let caught: Vec<f64> = report.frontier.iter().map(|p| p.figures["caught_share"].mean).collect();
    assert!(caught.iter().any(|&c| c > 0.5), "{caught:?}");
}

#[test]
fn a_regime_the_core_refuses_is_reported_and_never_on_the_frontier() {
    // A red share above one million parts per million is not a regime the core accepts.
    let space = corridor_space("core", "[0, 2000000]");
    let search_run =
        CorridorSearch::new(space, BaseTexts { scenario: SCENARIO, regime: None }).expect("setup");
    let report = run(&search_run, &|| {}).expect("the search runs");
    assert_eq!(report.refused.len(), 2, "{:?}", report.refused);
    for left in &report.refused {
        assert!(left.reason.contains("the core refuses it"), "{}", left.reason);
        assert!(report.frontier.iter().all(|p| p.candidate != left.candidate));
    }
    assert!(!report.frontier.is_empty());
    // The monitored regime file the space starts from stays the core's.
    assert!(SYUNIK_REGIME_MONITORED.contains("random_red_ppm = 20000"));
}

#[test]
fn the_shipped_default_space_is_valid_and_the_core_accepts_every_candidate() {
    let folder = format!("{}/../../scenarios", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(format!("{folder}/search/default.toml")).expect("shipped");
    let space = Space::from_toml(&text).expect("the default space is valid");
    let base = space.file.base.clone().expect("a base");
    let scenario = std::fs::read_to_string(format!("{folder}/search/{}", base.scenario))
        .expect("the base scenario is shipped");
    let search_run =
        CorridorSearch::new(space, BaseTexts { scenario: &scenario, regime: None }).expect("setup");
    // A Latin hypercube over lists may draw a combination twice; it is kept once.
    assert!((40..=48).contains(&search_run.candidates.len()));
    for (candidate, prepared) in search_run.prepared.iter().enumerate() {
        let prepared = prepared.as_ref().unwrap_or_else(|e| panic!("candidate {candidate}: {e}"));
        if let Err(error) = &prepared.setup {
            panic!("candidate {candidate}: {error}");
        }
        assert_eq!(prepared.scenario.file.scenario.days, 21);
    }
}
