//! Scenario tests: the day on the corridor from DESIGN.md, driven through signed
//! statements, with readable renderings of what happened.

use expect_test::{Expect, expect};
use passage_core::testing::{self, Scenario, ScenarioConfig};
use passage_core::{Event, Lane, State};

fn lanes(events: &[Event]) -> String {
    let count = |lane: Lane| {
        events
            .iter()
            .filter(|event| matches!(event, Event::Selected { lane: l, .. } if *l == lane))
            .count()
    };
    format!("green {} yellow {} red {}", count(Lane::Green), count(Lane::Yellow), count(Lane::Red))
}

fn balances(state: &State) -> String {
    let mut out = String::new();
    for ((account, currency), amount) in state.ledger().balances() {
        out.push_str(&format!("{account}: {}\n", amount.display(*currency)));
    }
    out
}

fn check(actual: String, expect: Expect) {
    expect.assert_eq(&actual);
}

#[test]
fn shipped_corridors_load() {
    let render = |config: ScenarioConfig| {
        let scenario = Scenario::new(&config);
        format!(
            "{}keys {}, carriers {}\n",
            scenario.state.corridor().render(),
            scenario.state.keys().len(),
            scenario.state.carriers().len()
        )
    };
    check(
        render(ScenarioConfig::syunik()),
        expect![[r#"
            Syunik transit corridor (Horadiz - Meghri/Agarak - Nakhchivan)
            route AM-TRANSIT-RAIL (rail, 43.0 km): AM-MEGHRI-E > AM-AGARAK-X
            route AM-TRANSIT-ROAD (road, 44.0 km): AM-MEGHRI-E > AM-AGARAK-X
            route HORADIZ-NAKHCHIVAN (rail, 248.4 km): AZ-HORADIZ > AZ-AGHBAND-X > AM-MEGHRI-E > AM-AGARAK-X > AZ-ORDUBAD-E > AZ-JULFA > AZ-NAKHCHIVAN
            route AGHBAND-NAKHCHIVAN-ROAD (road, 141.0 km): AZ-AGHBAND-X > AM-MEGHRI-E > AM-AGARAK-X > AZ-ORDUBAD-E > AZ-NAKHCHIVAN
            keys 26, carriers 2
        "#]],
    );
    check(
        render(ScenarioConfig::georgia_example()),
        expect![[r#"
            Example: Red Bridge - Tbilisi - Sarpi (Georgia)
            route REDBRIDGE-SARPI (road, 445.0 km): GE-REDBRIDGE-E > GE-TBILISI > GE-SARPI-X
            route GARDABANI-BATUMI (rail, 400.0 km): GE-GARDABANI > GE-TBILISI > GE-BATUMI
            keys 20, carriers 2
        "#]],
    );
}

#[test]
fn a_day_on_the_corridor() {
    let mut scenario = Scenario::syunik();
    let train = testing::container_train("AM-TRANSIT-RAIL", 55, 1, &["2022:850440", "2022:940360"]);
    let mrn = scenario.declare_accepted("CASPIAN-RAIL", train);
    scenario.advance_minutes(60);
    let events = scenario.complete(mrn);
    let fees: Vec<String> = events
        .iter()
        .filter(|event| matches!(event, Event::FeeAssessed { .. } | Event::Discharged { .. }))
        .map(ToString::to_string)
        .collect();
    check(
        format!("{}\n{}\n{}", lanes(&events), fees.join("\n"), balances(&scenario.state)),
        expect![[r#"
            green 99 yellow 4 red 7
            26AM000000000024J3 fee 2255000.00 AMD assessed to CASPIAN-RAIL
            26AM000000000024J3 discharged
            carrier:CASPIAN-RAIL: -2255000.00 AMD
            revenue:AM-TREASURY: 2142250.00 AMD
            revenue:MONITORING-MISSION: 112750.00 AMD
        "#]],
    );
    assert_eq!(scenario.replay().digest(), scenario.state.digest());
}
