//! The corridor model on the shipped scenarios and on small hand-made ones: validation
//! errors, acts in a well-formed order, conservation of units and money, reproducibility.

use passage_sim::Time;
use passage_sim::corridor::{Act, Detail, LifecycleCheck, Observer, Unobserved, run, summarize};
use passage_sim::scenario::Scenario;

fn shipped(name: &str) -> Scenario {
    let path = format!("{}/../../scenarios/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("shipped scenario is readable");
    Scenario::from_toml(&text).expect("shipped scenario is valid")
}

/// A small scenario: one class, one flow each way, two posts with one check each.
fn small(extra: &str) -> String {
    format!(
        r#"
[scenario]
name = "small"
days = 20
warmup_days = 2
[regime]
name = "test"
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
[[flow]]
class = "truck"
origin = "west"
units_per_day = 30
direction = "backward"
[[post]]
name = "east"
[[post.resource]]
name = "desk"
capacity = 1
[[post.check]]
name = "seal"
kind = "seal"
by = "monitor"
resource = "desk"
select = {{ mode = "all" }}
service.truck = {{ kind = "exponential", mean = 10 }}
detects_tampered = 0.9
false_alarm = 0.02
[[post.resource]]
name = "bay"
capacity = 1
[[post.check]]
name = "open"
kind = "physical"
by = "host"
resource = "bay"
select = {{ mode = "random_or_flagged", share = 0.1 }}
service.truck = {{ kind = "triangular", min = 20, mode = 30, max = 60 }}
detects_tampered = 0.95
detects_contraband = 0.95
[[post]]
name = "west"
[[segment]]
from = "east"
to = "west"
travel.truck = {{ kind = "deterministic", value = 60 }}
[tariff]
currency = "USD"
per_tonne_minor = 600
per_unit_minor = 1
split = {{ host = 6667, operator = 3333 }}
{extra}
"#
    )
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Broken(String);

#[test]
fn acts_are_well_formed_and_units_and_money_are_conserved() {
    let scenario = Scenario::from_toml(&small("")).expect("valid");
    let mut lifecycle = LifecycleCheck::default();
    let mut counts = Counts::default();
    let report =
        run(&scenario, 3, 0, Detail::default(), &mut lifecycle).expect("no act out of order");
    run(&scenario, 3, 0, Detail::default(), &mut counts).expect("never refused");
    assert_eq!(report.unfinished, 0);
    assert_eq!(counts.declared, counts.assessed + counts.held);
    let released: u64 = report.classes.iter().map(|c| c.released).sum();
    let held: u64 = report.classes.iter().map(|c| c.held).sum();
    // Counted units are a subset of all the observer saw (the warm-up is not counted).
    assert!(released + held <= counts.declared && released > 1000, "{released} {held}");
    assert!(report.caught > 0 && report.caught <= report.irregular);
    // Every minor unit of every fee reaches a party: 20 t at 600 plus 1 per unit.
    let fees: u64 = report.fees_minor.values().sum();
    assert_eq!(fees, released * 12_001);
}

#[test]
fn the_lifecycle_check_refuses_acts_out_of_order() {
    let mut check = LifecycleCheck::default();
    let t = Time(1);
    assert!(check.observe(t, &Act::Declared { unit: 0, flow: 0 }).is_ok());
    assert!(check.observe(t, &Act::Arrived { unit: 0, post: 1 }).is_ok());
    let err =
        check.observe(t, &Act::Departed { unit: 0, post: 1 }).expect_err("departs unreleased");
    assert_eq!(
        err.to_string(),
        "unit 0: Departed { unit: 0, post: 1 } cannot follow Some(Arrived { unit: 0, post: 1 })"
    );
    assert!(check.observe(t, &Act::Held { unit: 0, post: 1 }).is_err(), "held without a finding");
    assert!(check.observe(t, &Act::Arrived { unit: 3, post: 0 }).is_err(), "arrives undeclared");
}

struct RefuseHolds;

impl Observer for RefuseHolds {
    type Error = Broken;
    fn observe(&mut self, _: Time, act: &Act) -> Result<(), Broken> {
        match act {
            Act::Held { .. } => Err(Broken("holds are refused".into())),
            _ => Ok(()),
        }
    }
}

#[test]
fn a_refusal_stops_the_run_and_names_the_seed() {
    let scenario = Scenario::from_toml(&small("")).expect("valid");
    let err = run(&scenario, 77, 4, Detail::default(), RefuseHolds).expect_err("a hold happens");
    assert_eq!((err.seed, err.replication), (77, 4));
    let message = err.to_string();
    assert!(
        message.contains("replay with --seed 77") && message.contains("holds are refused"),
        "{message}"
    );
}

#[test]
fn same_seed_same_report_and_series() {
    let scenario = Scenario::from_toml(&small("")).expect("valid");
    let detail = Detail { series: true };
    let a = run(&scenario, 5, 1, detail, Unobserved).expect("runs");
    let b = run(&scenario, 5, 1, detail, Unobserved).expect("runs");
    assert_eq!(a, b);
    assert_eq!(a.queue_by_hour.len(), 20 * 24);
    let c = run(&scenario, 5, 2, detail, Unobserved).expect("runs");
    assert_ne!(a, c);
}

#[test]
fn invalid_scenarios_are_refused_with_a_reason() {
    fn check(edit: impl Fn(String) -> String, expect: &str) {
        let err = Scenario::from_toml(&edit(small(""))).expect_err("must be refused");
        assert_eq!(err.to_string(), expect);
    }
    check(
        |s| s.replace("resource = \"bay\"", "resource = \"bays\""),
        "post `east` check `open`: unknown resource `bays`",
    );
    check(
        |s| {
            s.replace(
                "service.truck = { kind = \"exponential\", mean = 10 }",
                "service.lorry = { kind = \"exponential\", mean = 10 }",
            )
        },
        "post `east` check `seal`.service: unknown class `lorry`",
    );
    check(
        |s| s.replace("mean = 10", "mean = -1"),
        "post `east` check `seal`.service.truck: mean must be a finite number greater than zero, got -1",
    );
    check(
        |s| s.replace("host = 6667", "host = 6000"),
        "tariff.split: shares are basis points and must sum to 10000, got 9333",
    );
    check(
        |s| s.replace("share = 0.1", "share = 1.5"),
        "post `east` check `open`.select.share: a share must lie between 0 and 1, got 1.5",
    );
    check(
        |s| s.replace("warmup_days = 2", "warmup_days = 20"),
        "scenario.warmup_days: must be shorter than scenario.days",
    );
    check(
        |s| s.replace("kind = \"physical\"", "kind = \"x-ray\""),
        "the scenario does not parse: TOML parse error at line 43, column 8\n   |\n43 | kind = \"x-ray\"\n   |        ^^^^^^^\n\
         unknown variant `x-ray`, expected one of `document`, `seal`, `scan`, `physical`\n",
    );
}

#[test]
fn shipped_scenarios_are_valid_and_differ_as_their_regimes_say() {
    let mut shortened = Vec::new();
    for name in [
        "10mt-no-checks.toml",
        "10mt-host-customs-monitoring.toml",
        "10mt-full-checks.toml",
        "10mt-scanner-first.toml",
    ] {
        let mut scenario = shipped(name);
        // A month keeps the test quick; the regimes' order shows already.
        scenario.file.scenario.days = 30;
        let scenario = Scenario::from_file(scenario.file).expect("still valid");
        let reports: Vec<_> = (0..2)
            .map(|r| run(&scenario, 1, r, Detail::default(), Unobserved).expect("runs"))
            .collect();
        shortened.push(summarize(&scenario, &reports));
    }
    for name in ["5mt-host-customs-monitoring.toml", "15mt-host-customs-monitoring.toml"] {
        shipped(name);
    }
    let truck_p50: Vec<f64> =
        shortened.iter().map(|s| s.classes[0].transit_p50_hours.mean).collect();
    let caught: Vec<f64> = shortened.iter().map(|s| s.caught_share.mean).collect();
    // No checks: travel only (about an hour), nothing caught; full checks: slowest, most caught.
    assert!(truck_p50[0] < 1.5 && caught[0] == 0.0, "{truck_p50:?} {caught:?}");
    assert!(truck_p50[2] > truck_p50[1] && truck_p50[2] > truck_p50[3], "{truck_p50:?}");
    assert!(caught[2] > caught[1] && caught[2] > 0.9, "{caught:?}");
    for s in &shortened {
        assert_eq!(s.unfinished.mean, 0.0, "{} left units unfinished", s.regime);
    }
}

#[derive(Default)]
struct Counts {
    declared: u64,
    assessed: u64,
    held: u64,
}

impl Observer for Counts {
    type Error = std::convert::Infallible;
    fn observe(&mut self, _: Time, act: &Act) -> Result<(), Self::Error> {
        match act {
            Act::Declared { .. } => self.declared += 1,
            Act::FeeAssessed { .. } => self.assessed += 1,
            Act::Held { .. } => self.held += 1,
            _ => {}
        }
        Ok(())
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Every declared unit leaves, released with a fee or held; no minor unit of any fee
    /// is lost in the split; whatever the seed, capacities and shares.
    #[test]
    fn units_and_fees_are_conserved(
        seed in proptest::prelude::any::<u64>(),
        desks in 1u32..4,
        share in 0.0f64..1.0,
        tampered in 0.0f64..0.5,
        host_bp in 1u32..10_000,
    ) {
        let text = small("")
            .replace("capacity = 1\n[[post.check]]\nname = \"seal\"", &format!("capacity = {desks}\n[[post.check]]\nname = \"seal\""))
            .replace("share = 0.1", &format!("share = {share}"))
            .replace("tampered_share = 0.05", &format!("tampered_share = {tampered}"))
            .replace("host = 6667, operator = 3333", &format!("host = {host_bp}, operator = {}", 10_000 - host_bp))
            .replace("days = 20", "days = 6");
        let scenario = Scenario::from_toml(&text).expect("valid");
        let mut counts = Counts::default();
        let report = run(&scenario, seed, 0, Detail::default(), &mut counts).expect("never refused");
        proptest::prop_assert_eq!(report.unfinished, 0);
        proptest::prop_assert_eq!(counts.declared, counts.assessed + counts.held);
        let released: u64 = report.classes.iter().map(|c| c.released).sum();
        proptest::prop_assert_eq!(report.fees_minor.values().sum::<u64>(), released * 12_001);
        proptest::prop_assert!(report.caught <= report.irregular);
    }
}

#[test]
fn adding_a_flow_leaves_the_other_flows_arrivals_alone() {
    // Streams are per source: a new flow in front changes nothing for the existing ones.
    struct Declarations(Vec<(Time, usize)>);
    impl Observer for Declarations {
        type Error = std::convert::Infallible;
        fn observe(&mut self, at: Time, act: &Act) -> Result<(), Self::Error> {
            if let Act::Declared { flow, .. } = act {
                self.0.push((at, *flow));
            }
            Ok(())
        }
    }
    let declared = |text: &str| {
        let scenario = Scenario::from_toml(text).expect("valid");
        let mut seen = Declarations(Vec::new());
        run(&scenario, 8, 0, Detail::default(), &mut seen).expect("runs");
        seen.0
    };
    let base = small("");
    let extra = base.replacen(
        "[[flow]]",
        "[[flow]]\nclass = \"truck\"\norigin = \"north\"\nunits_per_day = 5\n[[flow]]",
        1,
    );
    let before = declared(&base);
    // In the longer file the new flow is number 0 and the old ones move up by one.
    let after: Vec<_> = declared(&extra)
        .into_iter()
        .filter(|&(_, flow)| flow > 0)
        .map(|(at, flow)| (at, flow - 1))
        .collect();
    assert!(before.len() > 1000);
    assert_eq!(before, after);
}

#[test]
fn a_flow_profile_confines_its_arrivals_to_its_hours() {
    // The first flow arrives only from 06:00 to 08:00, at twice the weight at 07:00.
    let mut hours = vec!["0"; 24];
    hours[6] = "1";
    hours[7] = "2";
    let text = small("").replacen(
        "units_per_day = 40",
        &format!("units_per_day = 40\ndaily_profile = [{}]", hours.join(", ")),
        1,
    );
    struct Hours(Vec<u64>);
    impl Observer for Hours {
        type Error = std::convert::Infallible;
        fn observe(&mut self, at: Time, act: &Act) -> Result<(), Self::Error> {
            if let Act::Declared { flow: 0, .. } = act {
                self.0.push(at.0 / 3_600_000 % 24);
            }
            Ok(())
        }
    }
    let scenario = Scenario::from_toml(&text).expect("valid");
    let mut seen = Hours(Vec::new());
    run(&scenario, 2, 0, Detail::default(), &mut seen).expect("runs");
    let at_six = seen.0.iter().filter(|&&h| h == 6).count();
    let at_seven = seen.0.iter().filter(|&&h| h == 7).count();
    assert_eq!(at_six + at_seven, seen.0.len(), "arrivals outside 06:00-08:00");
    // 40 a day over 20 days: about 800, a third at six and two thirds at seven.
    assert!((700..900).contains(&seen.0.len()) && at_seven > at_six * 3 / 2, "{at_six} {at_seven}");
}

#[test]
fn an_observer_can_take_over_selection() {
    // The core's adapter decides selection from the regime; here nobody is ever selected,
    // so nothing is checked and nothing caught, whatever the scenario's own rule says.
    struct SelectNobody;
    impl Observer for SelectNobody {
        type Error = std::convert::Infallible;
        fn observe(&mut self, _: Time, _: &Act) -> Result<(), Self::Error> {
            Ok(())
        }
        fn select(&mut self, _: u64, _: usize, _: usize) -> Option<bool> {
            Some(false)
        }
    }
    let scenario = Scenario::from_toml(&small("")).expect("valid");
    let report = run(&scenario, 3, 0, Detail::default(), SelectNobody).expect("runs");
    assert!(report.irregular > 0);
    assert_eq!((report.caught, report.physical_inspections), (0, 0));
    assert!(report.resources.iter().all(|r| r.served == 0));
    let default = run(&scenario, 3, 0, Detail::default(), Unobserved).expect("runs");
    assert!(default.caught > 0);
}
