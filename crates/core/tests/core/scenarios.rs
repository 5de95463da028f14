//! Scenario tests: the day on the corridor from DESIGN.md, driven through signed
//! statements, with readable renderings of what happened.

use expect_test::{Expect, expect};
use passage_core::testing::{self, Scenario, ScenarioConfig};
use passage_core::{Event, Lane, State};

/// Lanes per visit, counted: the selection a day's report shows.
fn lanes(state: &State, mrn: &passage_core::Mrn) -> String {
    let movement = state.movement(mrn).expect("declared");
    let mut out = Vec::new();
    for visit in &movement.visits {
        let count = |lane: Lane| visit.units.iter().filter(|unit| unit.lane == lane).count();
        out.push(format!(
            "{}: green {} yellow {} red {}",
            state.corridor().post(visit.post).id,
            count(Lane::Green),
            count(Lane::Yellow),
            count(Lane::Red)
        ));
    }
    out.join("; ")
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

/// Moves the scenario's clock to a time of the day (hours, minutes UTC).
fn at(scenario: &mut Scenario, hour: u64, minute: u64) {
    let target = testing::DAY_START.0 - 6 * 3_600_000 + (hour * 60 + minute) * testing::MINUTE_MS;
    assert!(target >= scenario.now.0, "the day runs forward");
    scenario.now = passage_core::Timestamp(target);
}

#[test]
fn a_day_on_the_corridor() {
    use passage_core::statement::{InspectionKind, InspectionOutcome, SealCondition, Statement};
    let mut scenario = Scenario::syunik();
    let mut story = Vec::new();
    let keep = |events: Vec<Event>, story: &mut Vec<String>| {
        story.extend(
            events
                .iter()
                .filter(|event| {
                    !matches!(
                        event,
                        Event::SealChecked { .. } | Event::Selected { lane: Lane::Green, .. }
                    )
                })
                .map(ToString::to_string),
        );
    };
    let entry = testing::ident("AM-MEGHRI-E");

    at(&mut scenario, 6, 10);
    let train = testing::container_train("AM-TRANSIT-RAIL", 55, 1, &["2022:850440", "2022:940360"]);
    let train_mrn = scenario.declare("CASPIAN-RAIL", train.clone());
    at(&mut scenario, 7, 0);
    keep(
        scenario.submit_ok("customs@AM-MEGHRI-E", Statement::Accept { mrn: train_mrn }),
        &mut story,
    );

    at(&mut scenario, 9, 0);
    let truck = testing::truck("AM-TRANSIT-ROAD", "10AB123", "2022:080810", 18_000);
    let truck_mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
    at(&mut scenario, 10, 0);
    keep(scenario.pass_post(truck_mrn, "AM-MEGHRI-E"), &mut story);

    // 14:32 the train arrives; the monitor checks 110 seals; two containers' seals do not
    // match the declaration.
    at(&mut scenario, 14, 32);
    keep(
        scenario
            .submit_ok("monitor@AM-MEGHRI-E", Statement::Arrive { mrn: train_mrn, post: entry }),
        &mut story,
    );
    for (number, equipment) in train.equipment.iter().filter(|e| !e.seals.is_empty()).enumerate() {
        let mismatch = number == 17 || number == 41;
        let statement = Statement::SealCheck {
            mrn: train_mrn,
            post: entry,
            equipment: equipment.id,
            condition: if mismatch { SealCondition::Mismatch } else { SealCondition::Intact },
            seals_found: if mismatch {
                vec![testing::ident("SL9999999X")]
            } else {
                equipment.seals.clone()
            },
        };
        keep(scenario.submit_ok("monitor@AM-MEGHRI-E", statement), &mut story);
    }
    // Customs scan and open the selected containers; the monitor attests each result.
    at(&mut scenario, 14, 40);
    let visit = scenario.state.movement(&train_mrn).expect("declared").visits[0].clone();
    for (number, unit) in visit.units.iter().filter(|unit| unit.lane != Lane::Green).enumerate() {
        let outcome = if number == 0 {
            InspectionOutcome::MinorDiscrepancy
        } else {
            InspectionOutcome::Conform
        };
        let statement = Statement::Inspection {
            mrn: train_mrn,
            post: entry,
            equipment: train.equipment[usize::from(unit.equipment_index)].id,
            kind: InspectionKind::Physical,
            outcome,
            findings: testing::test_commitment("scanned and opened"),
        };
        keep(scenario.submit_ok("customs@AM-MEGHRI-E", statement), &mut story);
        let inspected = scenario.state.next_entry_index() - 1;
        keep(
            scenario.submit_ok(
                "monitor@AM-MEGHRI-E",
                Statement::Attest { mrn: train_mrn, entry: inspected },
            ),
            &mut story,
        );
    }
    at(&mut scenario, 15, 30);
    keep(
        scenario
            .submit_ok("customs@AM-MEGHRI-E", Statement::Release { mrn: train_mrn, post: entry }),
        &mut story,
    );
    at(&mut scenario, 15, 55);
    keep(
        scenario
            .submit_ok("monitor@AM-MEGHRI-E", Statement::Depart { mrn: train_mrn, post: entry }),
        &mut story,
    );
    at(&mut scenario, 16, 50);
    keep(scenario.pass_post(train_mrn, "AM-AGARAK-X"), &mut story);
    keep(
        scenario.submit_ok("customs@AM-AGARAK-X", Statement::Discharge { mrn: train_mrn }),
        &mut story,
    );

    // 17:00 the truck has not reached its exit post within its 8 hours.
    at(&mut scenario, 17, 0);
    keep(scenario.submit_ok("monitor@AM-AGARAK-X", Statement::Tick), &mut story);
    at(&mut scenario, 17, 30);
    let amd = passage_core::Currency::parse("AMD").expect("known");
    keep(
        scenario.submit_ok(
            "customs@AM-MEGHRI-E",
            Statement::RecordPayment {
                carrier: testing::ident("CASPIAN-RAIL"),
                amount: passage_core::AmountMinor(225_500_000),
                currency: amd,
                reference: testing::ident("RCPT-2026-0001"),
            },
        ),
        &mut story,
    );

    let state = &scenario.state;
    let counts: Vec<String> = state
        .status_counts()
        .iter()
        .filter(|(_, count)| *count > 0)
        .map(|(status, count)| format!("{}: {count}", status.as_str()))
        .collect();
    let dwell: Vec<String> = state
        .dwell()
        .iter()
        .zip(&state.corridor().posts)
        .filter(|(dwell, _)| dwell.departures > 0)
        .map(|(dwell, post)| {
            format!(
                "{}: {} departures, {} min",
                post.id,
                dwell.departures,
                dwell.total_ms / testing::MINUTE_MS
            )
        })
        .collect();
    let day = (testing::DAY_START, testing::DAY_START.plus_ms(24 * 3_600_000));
    story.push(format!("lanes: {}", lanes(state, &train_mrn)));
    story.push(format!("movements: {}", counts.join(", ")));
    story.push(format!("dwell: {}", dwell.join("; ")));
    story.push(format!(
        "fees today: {}",
        state.ledger().fees_between(amd, day.0, day.1).display(amd)
    ));
    check(
        story.join("\n") + "\n" + &balances(state),
        expect![[r#"
            26AM000000000024J3 accepted, due by 2026-11-27T07:00Z
            26AM000000000026J1 arrived at AM-MEGHRI-E
            26AM000000000026J1 at AM-MEGHRI-E: lanes pending the draw on tree size 29
            26AM000000000026J1 at AM-MEGHRI-E: lanes drawn on tree size 29
            26AM000000000026J1 released at AM-MEGHRI-E
            26AM000000000026J1 fee 30900.00 AMD assessed to ARAZ-TRUCKS
            26AM000000000026J1 departed AM-MEGHRI-E
            26AM000000000024J3 arrived at AM-MEGHRI-E
            26AM000000000024J3 at AM-MEGHRI-E: lanes pending the draw on tree size 34
            26AM000000000024J3 at AM-MEGHRI-E: lanes drawn on tree size 34
            26AM000000000024J3 container PSGU0000323: yellow lane
            26AM000000000024J3 container PSGU0000391: yellow lane
            26AM000000000024J3 container PSGU0000473: red lane
            26AM000000000024J3 container PSGU0000534: red lane
            26AM000000000024J3 container PSGU0000180: raised to red lane
            26AM000000000024J3 container PSGU0000426: raised to red lane
            26AM000000000024J3 container PSGU0000180: inspected, minor_discrepancy
            26AM000000000024J3 entry 90 attested
            26AM000000000024J3 container PSGU0000323: inspected, conform
            26AM000000000024J3 entry 92 attested
            26AM000000000024J3 container PSGU0000391: inspected, conform
            26AM000000000024J3 entry 94 attested
            26AM000000000024J3 container PSGU0000426: inspected, conform
            26AM000000000024J3 entry 96 attested
            26AM000000000024J3 container PSGU0000473: inspected, conform
            26AM000000000024J3 entry 98 attested
            26AM000000000024J3 container PSGU0000534: inspected, conform
            26AM000000000024J3 entry 100 attested
            26AM000000000024J3 released at AM-MEGHRI-E
            26AM000000000024J3 fee 2255000.00 AMD assessed to CASPIAN-RAIL
            26AM000000000024J3 departed AM-MEGHRI-E
            26AM000000000024J3 arrived at AM-AGARAK-X
            26AM000000000024J3 at AM-AGARAK-X: lanes pending the draw on tree size 105
            26AM000000000024J3 arrived at destination
            26AM000000000024J3 at AM-AGARAK-X: lanes drawn on tree size 105
            26AM000000000024J3 container PSGU0000318: yellow lane
            26AM000000000024J3 container PSGU0000339: red lane
            26AM000000000024J3 container PSGU0000350: yellow lane
            26AM000000000024J3 container PSGU0000318: inspected, conform
            26AM000000000024J3 entry 161 attested
            26AM000000000024J3 container PSGU0000339: inspected, conform
            26AM000000000024J3 entry 163 attested
            26AM000000000024J3 container PSGU0000350: inspected, conform
            26AM000000000024J3 entry 165 attested
            26AM000000000024J3 released at AM-AGARAK-X
            26AM000000000024J3 discharged
            26AM000000000026J1 incident 1 opened: overdue
            payment of 2255000.00 AMD from CASPIAN-RAIL
            lanes: AM-MEGHRI-E: green 49 yellow 2 red 4; AM-AGARAK-X: green 52 yellow 2 red 1
            movements: in transit between posts: 1, discharged: 1
            dwell: AM-MEGHRI-E: 2 departures, 83 min
            fees today: 2285900.00 AMD
            carrier:ARAZ-TRUCKS: -30900.00 AMD
            carrier:CASPIAN-RAIL: 0.00 AMD
            revenue:AM-TREASURY: 2171605.00 AMD
            revenue:MONITORING-MISSION: 114295.00 AMD
            receipts: -2255000.00 AMD
        "#]],
    );
    assert_eq!(scenario.replay().digest(), scenario.state.digest());
}

#[test]
fn the_arrangements_negotiators_compare() {
    // The same traffic under each shipped regime: who acts, what is selected, what it
    // yields. The simulator compares them at scale; here each must run end to end.
    let regimes = [
        testing::SYUNIK_REGIME_MONITORED,
        testing::SYUNIK_REGIME_JOINT,
        testing::SYUNIK_REGIME_BORDER_GUARDS,
        testing::SYUNIK_REGIME_NO_CHECKS,
    ];
    let mut report = String::new();
    for regime in regimes {
        let mut scenario = Scenario::new(&ScenarioConfig::syunik_with_regime(regime));
        // Simulations skip signatures; the log still replays.
        scenario.signing = testing::Signing::Skip;
        let before = scenario.state.next_entry_index();
        for number in 0..4 {
            let train =
                testing::container_train("AM-TRANSIT-RAIL", 10, number * 10, &["2022:850440"]);
            let mrn = scenario.declare_accepted("CASPIAN-RAIL", train);
            scenario.complete(mrn);
            let truck =
                testing::truck("AM-TRANSIT-ROAD", &format!("TR{number}"), "2022:080810", 15_000);
            let mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
            scenario.complete(mrn);
        }
        let state = &scenario.state;
        let amd = passage_core::Currency::parse("AMD").expect("known");
        let mut lanes = [0u64; 3];
        for per_post in state.lane_counts() {
            for (total, count) in lanes.iter_mut().zip(per_post) {
                *total += count;
            }
        }
        let all_time = (passage_core::Timestamp(0), passage_core::Timestamp(u64::MAX));
        report.push_str(&format!(
            "{}: {} statements, lanes green {} yellow {} red {}, fees {}\n",
            state.regime().name,
            state.next_entry_index() - before,
            lanes[0],
            lanes[1],
            lanes[2],
            state.ledger().fees_between(amd, all_time.0, all_time.1).display(amd),
        ));
        assert_eq!(scenario.replay().digest(), state.digest());
    }
    expect![[r#"
        cargo, monitored, risk-based selection: 182 statements, lanes green 81 yellow 4 red 3, fees 1763000.00 AMD
        cargo, joint checks: 344 statements, lanes green 0 yellow 80 red 8, fees 1720000.00 AMD
        cargo, host-state border guards only: 173 statements, lanes green 83 yellow 0 red 5, fees 1720000.00 AMD
        cargo, no checks: 136 statements, lanes green 0 yellow 0 red 0, fees 0.00 AMD
    "#]].assert_eq(&report);
}

#[test]
fn the_whole_line_from_horadiz_to_nakhchivan() {
    let mut scenario = Scenario::syunik();
    let train = testing::container_train("HORADIZ-NAKHCHIVAN", 5, 700, &["2022:850440"]);
    let mrn = scenario.declare_accepted("CASPIAN-RAIL", train);
    let events = scenario.complete(mrn);
    let posts: Vec<String> = events
        .iter()
        .filter_map(|event| match event {
            Event::Arrived { post, .. } => Some(format!("{post}")),
            Event::Released { post, .. } => Some(format!("(released at {post})")),
            Event::FeeAssessed { amount, currency, .. } => {
                Some(format!("(fee {})", amount.display(*currency)))
            }
            Event::Discharged { .. } => Some("discharged".to_owned()),
            _ => None,
        })
        .collect();
    let visits = scenario.state.movement(&mrn).expect("declared").visits.len();
    expect![[r#"
        AZ-HORADIZ > AZ-AGHBAND-X > AM-MEGHRI-E > (released at AM-MEGHRI-E) > (fee 205000.00 AMD) > AM-AGARAK-X > (released at AM-AGARAK-X) > AZ-ORDUBAD-E > AZ-JULFA > AZ-NAKHCHIVAN > discharged
        visits 7
    "#]].assert_eq(&format!("{}\nvisits {visits}\n", posts.join(" > ")));
    assert_eq!(scenario.replay().digest(), scenario.state.digest());
}

#[test]
fn an_incident_keeps_the_post_it_was_reported_at() {
    use passage_core::regime::Act;
    use passage_core::statement::{IncidentKind, Statement};
    let mut scenario = Scenario::syunik();
    let truck = testing::truck("AM-TRANSIT-ROAD", "10AB160", "2022:080810", 18_000);
    let mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
    let post = |name: &str| scenario_post(&scenario, name);
    let (entry, exit) = (post("AM-MEGHRI-E"), post("AM-AGARAK-X"));
    let arrive = scenario.officer_for(Act::Arrive, "AM-MEGHRI-E");
    scenario.submit_ok(&arrive, Statement::Arrive { mrn, post: testing::ident("AM-MEGHRI-E") });
    let report = Statement::ReportIncident {
        mrn,
        kind: IncidentKind::SealBroken,
        details: testing::test_commitment("seal cut on the trailer"),
    };
    let reporter = scenario.officer_for(Act::ReportIncident, "AM-MEGHRI-E");
    scenario.submit_ok(&reporter, report);
    let reported = |scenario: &Scenario| {
        let movement = scenario.state.movement(&mrn).expect("declared");
        let visit = movement.current_visit().map(|visit| visit.post);
        (movement.incidents[0].reported_post, visit)
    };
    assert_eq!(reported(&scenario), (Some(entry), Some(entry)));
    // The movement moves on and the incident is closed at the exit; the incident still
    // names the entry post, in the live state, in a replay and through a snapshot.
    scenario.clear_post(mrn, "AM-MEGHRI-E");
    assert_eq!(reported(&scenario), (Some(entry), None));
    scenario.pass_post(mrn, "AM-AGARAK-X");
    let closer = scenario.officer_for(Act::CloseIncident, "AM-AGARAK-X");
    let close = Statement::CloseIncident {
        mrn,
        incident: 1,
        resolution: testing::test_commitment("resealed"),
    };
    scenario.submit_ok(&closer, close);
    assert_eq!(reported(&scenario), (Some(entry), Some(exit)));
    let replayed = scenario.replay();
    assert_eq!(replayed.movement(&mrn), scenario.state.movement(&mrn));
    let decoded = State::decode_snapshot(&scenario.state.encode_snapshot()).expect("decodes");
    assert_eq!(decoded.movement(&mrn), scenario.state.movement(&mrn));
    // An incident raised while between posts names none.
    let other = testing::truck("AM-TRANSIT-ROAD", "10AB161", "2022:080810", 18_000);
    let other = scenario.declare_accepted("ARAZ-TRUCKS", other);
    scenario.pass_post(other, "AM-MEGHRI-E");
    let report = Statement::ReportIncident {
        mrn: other,
        kind: IncidentKind::Accident,
        details: testing::test_commitment("a tyre burst"),
    };
    scenario.submit_ok(&reporter, report);
    let movement = scenario.state.movement(&other).expect("declared");
    assert_eq!(movement.incidents[0].reported_post, None);
}

fn scenario_post(scenario: &Scenario, name: &str) -> passage_core::corridor::PostIndex {
    let corridor = scenario.state.corridor();
    corridor.post_index(&testing::ident(name)).expect("a post of the corridor")
}
