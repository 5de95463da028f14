//! The movement state machine's transitions and refusals, as transcripts: each step is
//! a signer and a statement, rendered as the events it caused or the refusal's message.
//! A refused step must leave the state's digest unchanged.

use expect_test::{Expect, expect};
use passage_core::statement::{
    HoldReason, IncidentKind, InspectionKind, InspectionOutcome, OfficerRole,
    RECORDED_BEHIND_MS_MAX, SealCondition, Statement, TrafficClass,
};
use passage_core::testing::{
    self, Scenario, ScenarioConfig, ident, officer_name, public_key_for, test_commitment,
};
use passage_core::{AmountMinor, Currency, Mrn, SignedStatement, Timestamp};

struct Transcript {
    scenario: Scenario,
    lines: Vec<String>,
}

impl Transcript {
    fn new(scenario: Scenario) -> Transcript {
        Transcript { scenario, lines: Vec::new() }
    }

    /// Each step is another act, a millisecond after the last: the same act twice at the
    /// same time would be one statement, which the log takes once.
    fn step(&mut self, signer: &str, statement: Statement) {
        self.scenario.now = self.scenario.now.plus_ms(1);
        let before = self.scenario.state.digest();
        let kind = statement.kind();
        match self.scenario.submit(signer, statement) {
            Ok(events) => {
                let events: Vec<String> = events.iter().map(ToString::to_string).collect();
                self.lines.push(format!("{kind} by {signer}: {}", events.join("; ")));
            }
            Err(refusal) => {
                assert_eq!(before, self.scenario.state.digest(), "a refusal changed the state");
                self.lines
                    .push(format!("{kind} by {signer} REFUSED ({}): {refusal}", refusal.code()));
            }
        }
    }

    fn check(self, expect: Expect) {
        expect.assert_eq(&(self.lines.join("\n") + "\n"));
    }
}

fn customs(post: &str) -> String {
    officer_name(OfficerRole::Customs, post)
}

fn monitor(post: &str) -> String {
    officer_name(OfficerRole::Monitor, post)
}

const ENTRY: &str = "AM-MEGHRI-E";
const EXIT: &str = "AM-AGARAK-X";

fn one_truck(scenario: &mut Scenario) -> Mrn {
    let truck = testing::truck("AM-TRANSIT-ROAD", "10AB123", "2022:080810", 18_000);
    scenario.declare_accepted("ARAZ-TRUCKS", truck)
}

#[test]
fn an_arrival_off_the_route_says_so_whoever_records_it() {
    // The monitor of the route's first post records an arrival at a post of another route,
    // where it is not enrolled: the refusal names the route, not the enrolment.
    let mut transcript = Transcript::new(Scenario::syunik());
    let mrn = one_truck(&mut transcript.scenario);
    transcript.step(&monitor(ENTRY), Statement::Arrive { mrn, post: ident("AZ-JULFA") });
    transcript.step(&customs(ENTRY), Statement::Arrive { mrn, post: ident("AZ-ORDUBAD-E") });
    transcript.check(expect![[r#"
        arrive by monitor@AM-MEGHRI-E REFUSED (off_itinerary): post AZ-JULFA is not on the itinerary of movement 26AM000000000024J3 (route AM-TRANSIT-ROAD)
        arrive by customs@AM-MEGHRI-E REFUSED (off_itinerary): post AZ-ORDUBAD-E is not on the itinerary of movement 26AM000000000024J3 (route AM-TRANSIT-ROAD)
    "#]]);
}

#[test]
fn departing_arriving_and_discharging_out_of_turn() {
    let mut transcript = Transcript::new(Scenario::syunik());
    let mrn = one_truck(&mut transcript.scenario);
    let post = ident(ENTRY);
    transcript.step(&monitor("AZ-JULFA"), Statement::Arrive { mrn, post: ident("AZ-JULFA") });
    transcript.step(&monitor(EXIT), Statement::Arrive { mrn, post: ident(EXIT) });
    transcript.step(&monitor(ENTRY), Statement::Depart { mrn, post });
    transcript.step(&monitor(ENTRY), Statement::Arrive { mrn, post });
    transcript.step(&monitor(ENTRY), Statement::Arrive { mrn, post });
    transcript.step(&monitor(ENTRY), Statement::Depart { mrn, post });
    transcript.step(&monitor(ENTRY), Statement::Release { mrn, post });
    transcript.step(&customs(ENTRY), Statement::Release { mrn, post });
    transcript.step(
        &monitor(ENTRY),
        Statement::SealCheck {
            mrn,
            post,
            equipment: passage_core::statement::EquipmentId::Trailer(ident("10AB123-T")),
            condition: SealCondition::Intact,
            seals_found: vec![ident("SEAL-OTHER")],
        },
    );
    transcript.step(
        &monitor(ENTRY),
        Statement::SealCheck {
            mrn,
            post,
            equipment: passage_core::statement::EquipmentId::Trailer(ident("10AB123-T")),
            condition: SealCondition::Mismatch,
            seals_found: vec![ident("SEAL-OTHER")],
        },
    );
    transcript.step(
        &customs(ENTRY),
        Statement::Inspection {
            mrn,
            post,
            equipment: passage_core::statement::EquipmentId::Truck(ident("10AB123")),
            kind: InspectionKind::Physical,
            outcome: InspectionOutcome::Conform,
            findings: test_commitment("nothing"),
        },
    );
    transcript.step(&customs(ENTRY), Statement::Release { mrn, post });
    transcript.step(
        &customs(ENTRY),
        Statement::Inspection {
            mrn,
            post,
            equipment: passage_core::statement::EquipmentId::Trailer(ident("10AB123-T")),
            kind: InspectionKind::Physical,
            outcome: InspectionOutcome::MinorDiscrepancy,
            findings: test_commitment("seal numbers miswritten on the declaration"),
        },
    );
    transcript.step(&customs(ENTRY), Statement::Hold { mrn, post, reason: HoldReason::Documents });
    transcript.step(&monitor(ENTRY), Statement::Depart { mrn, post });
    transcript.step(&customs(ENTRY), Statement::Release { mrn, post });
    transcript.step(&monitor(ENTRY), Statement::Depart { mrn, post });
    transcript.step(
        &monitor(EXIT),
        Statement::ReportIncident {
            mrn,
            kind: IncidentKind::Deviation,
            details: test_commitment("detour"),
        },
    );
    transcript.step(&monitor(EXIT), Statement::Arrive { mrn, post: ident(EXIT) });
    transcript.step(&customs(EXIT), Statement::Discharge { mrn });
    transcript.step(
        &customs(EXIT),
        Statement::CloseIncident { mrn, incident: 1, resolution: test_commitment("road closed") },
    );
    transcript.step(&customs(EXIT), Statement::Discharge { mrn });
    transcript.step(&monitor(EXIT), Statement::Depart { mrn, post: ident(EXIT) });
    transcript.check(expect![[r#"
        arrive by monitor@AZ-JULFA REFUSED (off_itinerary): post AZ-JULFA is not on the itinerary of movement 26AM000000000024J3 (route AM-TRANSIT-ROAD)
        arrive by monitor@AM-AGARAK-X REFUSED (out_of_order): movement 26AM000000000024J3 must arrive at AM-MEGHRI-E next, not at AM-AGARAK-X
        depart by monitor@AM-MEGHRI-E REFUSED (not_at_post): movement 26AM000000000024J3 is not at post AM-MEGHRI-E
        arrive by monitor@AM-MEGHRI-E: 26AM000000000024J3 arrived at AM-MEGHRI-E; 26AM000000000024J3 at AM-MEGHRI-E: lanes pending the draw on tree size 27; 26AM000000000024J3 at AM-MEGHRI-E: lanes drawn on tree size 27; 26AM000000000024J3 trailer 10AB123-T: green lane
        arrive by monitor@AM-MEGHRI-E REFUSED (wrong_status): movement 26AM000000000024J3 is at a post; it cannot arrive at a post
        depart by monitor@AM-MEGHRI-E REFUSED (not_released): movement 26AM000000000024J3 has not been released at post AM-MEGHRI-E; it cannot depart
        release by monitor@AM-MEGHRI-E REFUSED (role_not_allowed): the regime in force does not let a monitor of MON release a movement; key c9a95f91 is one
        release by customs@AM-MEGHRI-E REFUSED (controls_pending): movement 26AM000000000024J3 cannot be released at AM-MEGHRI-E: trailer 10AB123-T still needs a seal check
        seal_check by monitor@AM-MEGHRI-E REFUSED (seals_differ): the seals found on trailer 10AB123-T are not those declared; record a mismatch
        seal_check by monitor@AM-MEGHRI-E: 26AM000000000024J3 trailer 10AB123-T: seals mismatch; 26AM000000000024J3 trailer 10AB123-T: raised to red lane
        inspection by customs@AM-MEGHRI-E REFUSED (not_selected): truck 10AB123 of 26AM000000000024J3 is in the green lane at AM-MEGHRI-E; it was not selected for a physical inspection
        release by customs@AM-MEGHRI-E REFUSED (controls_pending): movement 26AM000000000024J3 cannot be released at AM-MEGHRI-E: trailer 10AB123-T still needs a physical inspection (red lane)
        inspection by customs@AM-MEGHRI-E: 26AM000000000024J3 trailer 10AB123-T: inspected, minor_discrepancy
        hold by customs@AM-MEGHRI-E: 26AM000000000024J3 held at AM-MEGHRI-E (documents)
        depart by monitor@AM-MEGHRI-E REFUSED (not_released): movement 26AM000000000024J3 has not been released at post AM-MEGHRI-E; it cannot depart
        release by customs@AM-MEGHRI-E: 26AM000000000024J3 released at AM-MEGHRI-E; 26AM000000000024J3 fee 30900.00 AMD assessed to ARAZ-TRUCKS
        depart by monitor@AM-MEGHRI-E: 26AM000000000024J3 departed AM-MEGHRI-E
        report_incident by monitor@AM-AGARAK-X: 26AM000000000024J3 incident 1 opened: deviation
        arrive by monitor@AM-AGARAK-X: 26AM000000000024J3 arrived at AM-AGARAK-X; 26AM000000000024J3 at AM-AGARAK-X: lanes pending the draw on tree size 35; 26AM000000000024J3 arrived at destination; 26AM000000000024J3 at AM-AGARAK-X: lanes drawn on tree size 35; 26AM000000000024J3 trailer 10AB123-T: green lane
        discharge by customs@AM-AGARAK-X REFUSED (not_released): movement 26AM000000000024J3 has not been released at post AM-AGARAK-X; it cannot be discharged
        close_incident by customs@AM-AGARAK-X: 26AM000000000024J3 incident 1 closed
        discharge by customs@AM-AGARAK-X REFUSED (not_released): movement 26AM000000000024J3 has not been released at post AM-AGARAK-X; it cannot be discharged
        depart by monitor@AM-AGARAK-X REFUSED (at_destination): post AM-AGARAK-X is the destination of movement 26AM000000000024J3; discharge it instead of departing
    "#]]);
}

#[test]
fn signers_roles_parties_and_revocation() {
    let mut transcript = Transcript::new(Scenario::syunik());
    let mrn = one_truck(&mut transcript.scenario);
    let post = ident(ENTRY);
    let officer = public_key_for("customs@AZ-OUTSIDER");
    transcript.step("nobody", Statement::Arrive { mrn, post });
    transcript.step(
        "authority:AZ",
        Statement::EnrolOfficer { key: officer, role: OfficerRole::Customs, posts: vec![post] },
    );
    transcript.step(
        "authority:MON",
        Statement::EnrolOfficer { key: officer, role: OfficerRole::Customs, posts: vec![post] },
    );
    transcript.step(
        &monitor(ENTRY),
        Statement::EnrolOfficer { key: officer, role: OfficerRole::Monitor, posts: vec![post] },
    );
    transcript
        .step("carrier:CASPIAN-RAIL", Statement::Cancel { mrn, reason: ident("CHANGED-PLANS") });
    transcript.step(&customs(EXIT), Statement::Arrive { mrn, post });
    transcript.step("authority:AZ", Statement::RevokeKey { key: public_key_for(&monitor(ENTRY)) });
    transcript.step("authority:MON", Statement::RevokeKey { key: public_key_for(&monitor(ENTRY)) });
    transcript.step(&monitor(ENTRY), Statement::Arrive { mrn, post });
    transcript.step(
        "authority:MON",
        Statement::EnrolOfficer {
            key: public_key_for("monitor-2@AM-MEGHRI-E"),
            role: OfficerRole::Monitor,
            posts: vec![post],
        },
    );
    transcript.step("monitor-2@AM-MEGHRI-E", Statement::Arrive { mrn, post });
    let arrival = transcript.scenario.state.next_entry_index() - 1;
    transcript.step(&customs(ENTRY), Statement::Attest { mrn, entry: arrival });
    transcript.step(&monitor(EXIT), Statement::Attest { mrn, entry: 3 });
    transcript.step(&monitor(EXIT), Statement::Attest { mrn, entry: arrival });
    transcript.step(&monitor(EXIT), Statement::Attest { mrn, entry: arrival });
    transcript
        .step("carrier:ARAZ-TRUCKS", Statement::Cancel { mrn, reason: ident("CHANGED-PLANS") });
    // The whole line starts in Azerbaijan, but only the host state's customs accept.
    let train = testing::container_train("HORADIZ-NAKHCHIVAN", 2, 500, &["2022:850440"]);
    let mrn = transcript.scenario.declare("CASPIAN-RAIL", train);
    transcript.step("customs@AZ-HORADIZ", Statement::Accept { mrn });
    transcript.step(&customs(ENTRY), Statement::Accept { mrn });
    transcript.check(expect![[r#"
        arrive by nobody REFUSED (unknown_signer): key 002d3f00 is not enrolled; an authority must enrol or register it first
        enrol_officer by authority:AZ REFUSED (post_of_another_party): post AM-MEGHRI-E is operated by AM; party AZ cannot enrol a customs officer there
        enrol_officer by authority:MON REFUSED (role_not_for_party): the charter does not let party MON enrol a customs officer
        enrol_officer by monitor@AM-MEGHRI-E REFUSED (not_an_authority): only a party's authority key may enrol an officer; key c9a95f91 is not one
        cancel by carrier:CASPIAN-RAIL REFUSED (not_your_movement): movement 26AM000000000024J3 belongs to carrier ARAZ-TRUCKS; only its carrier may cancel it
        arrive by customs@AM-AGARAK-X REFUSED (not_posted_here): key be28d1dd is not enrolled at post AM-MEGHRI-E
        revoke_key by authority:AZ REFUSED (not_your_key): key c9a95f91 is not an authority, officer or carrier key of party AZ; only its own party revokes it
        revoke_key by authority:MON: key c9a95f91 revoked
        arrive by monitor@AM-MEGHRI-E REFUSED (revoked_key): key c9a95f91 was revoked at entry 26; it signs nothing after that
        enrol_officer by authority:MON: key 2ad99483 enrolled as monitor of MON
        arrive by monitor-2@AM-MEGHRI-E: 26AM000000000024J3 arrived at AM-MEGHRI-E; 26AM000000000024J3 at AM-MEGHRI-E: lanes pending the draw on tree size 29; 26AM000000000024J3 at AM-MEGHRI-E: lanes drawn on tree size 29; 26AM000000000024J3 trailer 10AB123-T: green lane
        attest by customs@AM-MEGHRI-E REFUSED (role_not_allowed): the regime in force does not let a customs officer of AM attest an act; key 9cacca31 is one
        attest by monitor@AM-AGARAK-X REFUSED (nothing_to_attest): entry 3 is not an unattested act on movement 26AM000000000024J3; nothing to attest
        attest by monitor@AM-AGARAK-X: 26AM000000000024J3 entry 29 attested
        attest by monitor@AM-AGARAK-X REFUSED (nothing_to_attest): entry 29 is not an unattested act on movement 26AM000000000024J3; nothing to attest
        cancel by carrier:ARAZ-TRUCKS REFUSED (wrong_status): movement 26AM000000000024J3 is at a post; it cannot be cancelled
        accept by customs@AZ-HORADIZ REFUSED (role_not_allowed): the regime in force does not let a customs officer of AZ accept a declaration; key de15b85a is one
        accept by customs@AM-MEGHRI-E: 26AM000000000031J0 accepted, due by 2026-11-29T06:00Z
    "#]]);
}

#[test]
fn declarations_amendments_and_cancellation() {
    let mut transcript = Transcript::new(Scenario::syunik());
    let mut passengers = testing::truck("AM-TRANSIT-ROAD", "10AB124", "2022:080810", 9_000);
    passengers.traffic_class = TrafficClass::Passengers;
    transcript.step("carrier:ARAZ-TRUCKS", Statement::Declare(passengers));
    let on_rail = testing::truck("AM-TRANSIT-RAIL", "10AB125", "2022:080810", 9_000);
    transcript.step("carrier:ARAZ-TRUCKS", Statement::Declare(on_rail));
    let mut heavy = testing::truck("AM-TRANSIT-ROAD", "10AB126", "2022:080810", 9_000);
    heavy.goods[0].gross_mass_kg = 20_000_000;
    transcript.step("carrier:ARAZ-TRUCKS", Statement::Declare(heavy));
    let mut unknown_route = testing::truck("AM-TRANSIT-ROAD", "10AB127", "2022:080810", 9_000);
    unknown_route.route = ident("NOWHERE");
    transcript.step("carrier:ARAZ-TRUCKS", Statement::Declare(unknown_route));
    let truck = testing::truck("AM-TRANSIT-ROAD", "10AB128", "2022:080810", 9_000);
    let mrn = transcript.scenario.declare("ARAZ-TRUCKS", truck.clone());
    transcript.step(&customs(ENTRY), Statement::Accept { mrn });
    transcript.step("carrier:CASPIAN-RAIL", Statement::Amend { mrn, declaration: truck.clone() });
    transcript.step("carrier:ARAZ-TRUCKS", Statement::Amend { mrn, declaration: truck.clone() });
    transcript.step(&monitor(ENTRY), Statement::Arrive { mrn, post: ident(ENTRY) });
    transcript.step(&customs(ENTRY), Statement::Accept { mrn });
    transcript.step("carrier:ARAZ-TRUCKS", Statement::Cancel { mrn, reason: ident("SOLD") });
    transcript.step(&monitor(ENTRY), Statement::Arrive { mrn, post: ident(ENTRY) });
    transcript.step(&customs(ENTRY), Statement::Accept { mrn });
    transcript.step("carrier:ARAZ-TRUCKS", Statement::Amend { mrn, declaration: truck });
    transcript.check(expect![[r#"
        declare by carrier:ARAZ-TRUCKS REFUSED (traffic_class_not_allowed): the regime in force (cargo, monitored, risk-based selection) does not allow passengers traffic
        declare by carrier:ARAZ-TRUCKS REFUSED (mode_mismatch): route AM-TRANSIT-RAIL is a rail route; it does not carry cargo_road traffic
        declare by carrier:ARAZ-TRUCKS REFUSED (invalid_declaration): the declaration is invalid: goods item 1 has gross mass 20000000 kg; it must be from 1 to 10000000
        declare by carrier:ARAZ-TRUCKS REFUSED (unknown_route): route NOWHERE is not in the corridor
        accept by customs@AM-MEGHRI-E: 26AM000000000024J3 accepted, due by 2026-11-26T14:00Z
        amend by carrier:CASPIAN-RAIL REFUSED (not_your_movement): movement 26AM000000000024J3 belongs to carrier ARAZ-TRUCKS; only its carrier may amend it
        amend by carrier:ARAZ-TRUCKS: 26AM000000000024J3 amended
        arrive by monitor@AM-MEGHRI-E REFUSED (wrong_status): movement 26AM000000000024J3 is declared (not yet accepted); it cannot arrive at a post
        accept by customs@AM-MEGHRI-E: 26AM000000000024J3 accepted, due by 2026-11-26T14:00Z
        cancel by carrier:ARAZ-TRUCKS: 26AM000000000024J3 cancelled
        arrive by monitor@AM-MEGHRI-E REFUSED (wrong_status): movement 26AM000000000024J3 is cancelled; it cannot arrive at a post
        accept by customs@AM-MEGHRI-E REFUSED (wrong_status): movement 26AM000000000024J3 is cancelled; it cannot be accepted
        amend by carrier:ARAZ-TRUCKS REFUSED (wrong_status): movement 26AM000000000024J3 is cancelled; it cannot be amended
    "#]]);
}

#[test]
fn an_overdue_truck_opens_an_incident_both_states_see() {
    let mut transcript = Transcript::new(Scenario::syunik());
    let mrn = one_truck(&mut transcript.scenario);
    transcript.scenario.advance_minutes(60);
    transcript.scenario.pass_post(mrn, ENTRY);
    transcript.scenario.advance_minutes(8 * 60);
    // Refused after the deadline passed: the overdue incident it processed first is
    // rolled back with it, and opened again by the next accepted entry.
    transcript.step("stranger", Statement::Tick);
    transcript.step(&monitor(EXIT), Statement::Tick);
    transcript.step(&monitor(EXIT), Statement::Arrive { mrn, post: ident(EXIT) });
    transcript.step(
        &monitor(EXIT),
        Statement::ReportIncident {
            mrn,
            kind: IncidentKind::Overdue,
            details: test_commitment("late"),
        },
    );
    transcript.step(
        &monitor(EXIT),
        Statement::SealCheck {
            mrn,
            post: ident(EXIT),
            equipment: passage_core::statement::EquipmentId::Trailer(ident("10AB123-T")),
            condition: SealCondition::Intact,
            seals_found: vec![ident("SEAL-10AB123")],
        },
    );
    transcript.step(&customs(EXIT), Statement::Release { mrn, post: ident(EXIT) });
    transcript.step(&customs(EXIT), Statement::Discharge { mrn });
    transcript.step(
        &customs(EXIT),
        Statement::CloseIncident { mrn, incident: 1, resolution: test_commitment("late, no loss") },
    );
    transcript.step(&customs(EXIT), Statement::Discharge { mrn });
    let movement = transcript.scenario.state.movement(&mrn).expect("declared");
    transcript.lines.push(format!(
        "overdue {}, incident opened at {}",
        movement.overdue, movement.incidents[0].opened_at
    ));
    transcript.check(expect![[r#"
        tick by stranger REFUSED (unknown_signer): key 72f835b9 is not enrolled; an authority must enrol or register it first
        tick by monitor@AM-AGARAK-X: 26AM000000000024J3 incident 1 opened: overdue
        arrive by monitor@AM-AGARAK-X: 26AM000000000024J3 arrived at AM-AGARAK-X; 26AM000000000024J3 at AM-AGARAK-X: lanes pending the draw on tree size 33; 26AM000000000024J3 arrived at destination; 26AM000000000024J3 at AM-AGARAK-X: lanes drawn on tree size 33; 26AM000000000024J3 trailer 10AB123-T: green lane
        report_incident by monitor@AM-AGARAK-X REFUSED (overdue_is_raised_by_time): overdue incidents are raised by the time limit, not reported
        seal_check by monitor@AM-AGARAK-X: 26AM000000000024J3 trailer 10AB123-T: seals intact
        release by customs@AM-AGARAK-X: 26AM000000000024J3 released at AM-AGARAK-X
        discharge by customs@AM-AGARAK-X REFUSED (open_incidents): movement 26AM000000000024J3 has 1 open incident(s); close them before discharge
        close_incident by customs@AM-AGARAK-X: 26AM000000000024J3 incident 1 closed
        discharge by customs@AM-AGARAK-X: 26AM000000000024J3 discharged
        overdue true, incident opened at 2026-11-26T14:00Z
    "#]]);
}

#[test]
fn regime_changes_need_the_quorum() {
    let mut transcript = Transcript::new(Scenario::syunik());
    let effective_from = Timestamp(testing::DAY_START.0 + 2 * 3_600_000);
    let document = testing::SYUNIK_REGIME_NO_CHECKS.to_owned();
    transcript.step(
        &customs(ENTRY),
        Statement::ProposeRegime { effective_from, document: document.clone() },
    );
    transcript.step(
        "authority:AM",
        Statement::ProposeRegime {
            effective_from,
            document: "[regime]\nname = \"broken\"\n".to_owned(),
        },
    );
    transcript.step("authority:AM", Statement::ProposeRegime { effective_from, document });
    let proposal = transcript.scenario.state.next_entry_index() - 1;
    transcript.step("authority:AM", Statement::ApproveRegime { proposal_entry: proposal });
    transcript.step("authority:AZ", Statement::ApproveRegime { proposal_entry: proposal });
    transcript.lines.push(format!("in force: {}", transcript.scenario.state.regime().name));
    transcript.step("authority:MON", Statement::ApproveRegime { proposal_entry: proposal });
    transcript.lines.push(format!("in force: {}", transcript.scenario.state.regime().name));
    transcript.scenario.advance_minutes(120);
    transcript.step("stranger", Statement::Tick);
    transcript.lines.push(format!("in force: {}", transcript.scenario.state.regime().name));
    transcript.step(&monitor(ENTRY), Statement::Tick);
    transcript.lines.push(format!("in force: {}", transcript.scenario.state.regime().name));
    transcript.check(expect![[r#"
        propose_regime by customs@AM-MEGHRI-E REFUSED (not_an_authority): only a party's authority key may propose a regime; key 9cacca31 is not one
        propose_regime by authority:AM REFUSED (invalid_regime): the proposed regime is invalid: regime: TOML parse error at line 1, column 1
          |
        1 | [regime]
          | ^^^^^^^^
        missing field `traffic_classes`

        propose_regime by authority:AM: regime proposed at entry 24; regime of entry 24 approved by AM
        approve_regime by authority:AM REFUSED (already_approved): party AM already approved the regime of entry 24
        approve_regime by authority:AZ: regime of entry 24 approved by AZ
        in force: cargo, monitored, risk-based selection
        approve_regime by authority:MON: regime of entry 24 approved by MON; regime of entry 24 adopted, in force from 2026-11-26T08:00Z
        in force: cargo, monitored, risk-based selection
        tick by stranger REFUSED (unknown_signer): key 72f835b9 is not enrolled; an authority must enrol or register it first
        in force: cargo, monitored, risk-based selection
        tick by monitor@AM-MEGHRI-E: regime of entry 24 in force
        in force: cargo, no checks
    "#]]);
}

#[test]
fn the_example_corridor_runs_the_same_machine() {
    let mut scenario = Scenario::new(&ScenarioConfig::georgia_example());
    let truck = testing::truck("REDBRIDGE-SARPI", "GE-123-AB", "2022:080810", 20_000);
    let mrn = scenario.declare_accepted("SILK-ROAD-HAULAGE", truck);
    let events = scenario.complete(mrn);
    let lines: Vec<String> = events
        .iter()
        .filter(|event| {
            !matches!(
                event,
                passage_core::Event::SealChecked { .. } | passage_core::Event::Inspected { .. }
            )
        })
        .map(ToString::to_string)
        .collect();
    expect![[r#"
        26GE000000000018J5 arrived at GE-REDBRIDGE-E
        26GE000000000018J5 at GE-REDBRIDGE-E: lanes pending the draw on tree size 21
        26GE000000000018J5 at GE-REDBRIDGE-E: lanes drawn on tree size 21
        26GE000000000018J5 trailer GE-123-AB-T: green lane
        26GE000000000018J5 released at GE-REDBRIDGE-E
        26GE000000000018J5 departed GE-REDBRIDGE-E
        26GE000000000018J5 arrived at GE-TBILISI
        26GE000000000018J5 departed GE-TBILISI
        26GE000000000018J5 arrived at GE-SARPI-X
        26GE000000000018J5 at GE-SARPI-X: lanes pending the draw on tree size 29
        26GE000000000018J5 arrived at destination
        26GE000000000018J5 at GE-SARPI-X: lanes drawn on tree size 29
        26GE000000000018J5 trailer GE-123-AB-T: green lane
        26GE000000000018J5 released at GE-SARPI-X
        26GE000000000018J5 discharged
        26GE000000000018J5 fee 228.00 GEL assessed to SILK-ROAD-HAULAGE
    "#]]
    .assert_eq(&(lines.join("\n") + "\n"));
}

#[test]
fn offline_acts_keep_their_recorded_time() {
    let mut transcript = Transcript::new(Scenario::syunik());
    let mrn = one_truck(&mut transcript.scenario);
    transcript.scenario.advance_minutes(8 * 60);
    let now = transcript.scenario.now;
    let post = ident(ENTRY);
    let offline = |minutes_ago: i64, statement: Statement, transcript: &mut Transcript| {
        let recorded_at = Timestamp((now.0 as i64 - minutes_ago * 60_000) as u64);
        let before = transcript.scenario.state.digest();
        let line =
            match transcript.scenario.submit_recorded(&monitor(ENTRY), recorded_at, statement) {
                Ok(events) => events.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
                Err(refusal) => {
                    assert_eq!(before, transcript.scenario.state.digest());
                    format!("REFUSED ({}): {refusal}", refusal.code())
                }
            };
        transcript.lines.push(format!("recorded {minutes_ago} min before sequencing: {line}"));
    };
    offline(-10, Statement::Arrive { mrn, post }, &mut transcript);
    offline(8 * 24 * 60, Statement::Arrive { mrn, post }, &mut transcript);
    offline(8, Statement::Arrive { mrn, post }, &mut transcript);
    let trailer = passage_core::statement::EquipmentId::Trailer(ident("10AB123-T"));
    let seals_found = vec![ident("SEAL-10AB123")];
    let check = Statement::SealCheck {
        mrn,
        post,
        equipment: trailer,
        condition: SealCondition::Intact,
        seals_found,
    };
    offline(7, check, &mut transcript);
    transcript.step(&customs(ENTRY), Statement::Release { mrn, post });
    offline(5, Statement::Depart { mrn, post }, &mut transcript);
    let exit = ident(EXIT);
    let at_exit = |minutes_ago: u64, statement: Statement, transcript: &mut Transcript| {
        let recorded_at = Timestamp(now.0 - minutes_ago * 60_000);
        let events = transcript
            .scenario
            .submit_recorded(&monitor(EXIT), recorded_at, statement)
            .expect("accepted");
        let events: Vec<String> = events.iter().map(ToString::to_string).collect();
        transcript
            .lines
            .push(format!("at the exit, recorded {minutes_ago} min before: {}", events.join("; ")));
    };
    at_exit(1, Statement::Arrive { mrn, post: exit }, &mut transcript);
    let movement = transcript.scenario.state.movement(&mrn).expect("declared");
    transcript.lines.push(format!(
        "arrived at {} and {}, sequenced at {}; overdue {}, open incidents {}",
        movement.visits[0].arrived_at,
        movement.visits[1].arrived_at,
        now,
        movement.overdue,
        movement.open_incidents
    ));
    transcript.check(expect![[r#"
        recorded -10 min before sequencing: REFUSED (recorded_in_future): the statement is dated 2026-11-26T14:10Z, after its sequencing at 2026-11-26T14:00Z by more than the 5 minutes of clock skew allowed; check the device's clock
        recorded 11520 min before sequencing: REFUSED (recorded_too_long_ago): the statement is dated 2026-11-18T14:00Z, more than 7 days before its sequencing at 2026-11-26T14:00Z; record the act again with the right date
        recorded 8 min before sequencing: 26AM000000000024J3 incident 1 opened: overdue; 26AM000000000024J3 arrived at AM-MEGHRI-E; 26AM000000000024J3 at AM-MEGHRI-E: lanes pending the draw on tree size 27; 26AM000000000024J3 at AM-MEGHRI-E: lanes drawn on tree size 27; 26AM000000000024J3 trailer 10AB123-T: green lane
        recorded 7 min before sequencing: 26AM000000000024J3 trailer 10AB123-T: seals intact
        release by customs@AM-MEGHRI-E: 26AM000000000024J3 released at AM-MEGHRI-E; 26AM000000000024J3 fee 30900.00 AMD assessed to ARAZ-TRUCKS
        recorded 5 min before sequencing: 26AM000000000024J3 departed AM-MEGHRI-E
        at the exit, recorded 1 min before: 26AM000000000024J3 arrived at AM-AGARAK-X; 26AM000000000024J3 at AM-AGARAK-X: lanes pending the draw on tree size 32; 26AM000000000024J3 arrived at destination; 26AM000000000024J3 incident 1 closed; 26AM000000000024J3 at AM-AGARAK-X: lanes drawn on tree size 32; 26AM000000000024J3 trailer 10AB123-T: green lane
        arrived at 2026-11-26T13:52Z and 2026-11-26T13:59Z, sequenced at 2026-11-26T14:00Z; overdue false, open incidents 0
    "#]]);
}

#[test]
fn registry_money_and_proposals() {
    let mut transcript = Transcript::new(Scenario::syunik());
    let amd = Currency::parse("AMD").expect("known");
    let gel = Currency::parse("GEL").expect("known");
    let carrier = ident("CASPIAN-RAIL");
    let reference = ident("RCPT-7");
    let new_key = public_key_for("carrier:CASPIAN-RAIL-2");
    transcript.step(
        "authority:AZ",
        Statement::RegisterCarrier { carrier, name: "CASPIAN-RAIL Ltd".to_owned(), key: new_key },
    );
    transcript.step(
        "authority:AM",
        Statement::RegisterCarrier { carrier, name: "Caspian Rail".to_owned(), key: new_key },
    );
    transcript.step(
        "authority:AM",
        Statement::RegisterCarrier {
            carrier,
            name: "CASPIAN-RAIL Ltd".to_owned(),
            key: public_key_for(&monitor(ENTRY)),
        },
    );
    transcript.step(
        "authority:AM",
        Statement::RegisterCarrier { carrier, name: "CASPIAN-RAIL Ltd".to_owned(), key: new_key },
    );
    transcript.step(
        "authority:MON",
        Statement::EnrolOfficer {
            key: public_key_for("monitor@nowhere"),
            role: OfficerRole::Monitor,
            posts: vec![ident("NOWHERE")],
        },
    );
    transcript.step(
        "authority:MON",
        Statement::EnrolOfficer {
            key: public_key_for("monitor@twice"),
            role: OfficerRole::Monitor,
            posts: vec![ident(ENTRY), ident(ENTRY)],
        },
    );
    transcript.step("authority:AM", Statement::RevokeKey { key: public_key_for("authority:AZ") });
    transcript.step("authority:AM", Statement::RevokeKey { key: public_key_for("authority:AM") });
    let rotated = public_key_for("authority-2:AM");
    transcript.step("authority:AM", Statement::AddAuthorityKey { key: rotated });
    transcript.step("authority-2:AM", Statement::RevokeKey { key: public_key_for("authority:AM") });
    transcript.step("authority:AM", Statement::Tick);
    transcript.step("authority-2:AM", Statement::RevokeKey { key: rotated });
    transcript.step("authority:AM", Statement::RevokeKey { key: public_key_for("never-enrolled") });
    let pay = |amount: i64, currency: Currency, carrier: &str| Statement::RecordPayment {
        carrier: ident(carrier),
        amount: AmountMinor(amount),
        currency,
        reference,
    };
    transcript.step(&customs(ENTRY), pay(0, amd, "CASPIAN-RAIL"));
    transcript.step(&customs(ENTRY), pay(100, gel, "CASPIAN-RAIL"));
    transcript.step(&customs(ENTRY), pay(100, amd, "UNKNOWN-CARRIER"));
    transcript.step(&monitor(ENTRY), pay(100, amd, "CASPIAN-RAIL"));
    transcript.step(&customs(ENTRY), pay(i64::MAX, amd, "CASPIAN-RAIL"));
    transcript.step(&customs(ENTRY), pay(1, amd, "CASPIAN-RAIL"));
    transcript.step(
        &customs(ENTRY),
        Statement::RecordRefund { carrier, amount: AmountMinor(1), currency: amd, reference },
    );
    transcript.step("authority:AZ", Statement::ApproveRegime { proposal_entry: 5 });
    transcript.step("authority:AZ", Statement::Charter { document: String::new() });
    let mrn = one_truck(&mut transcript.scenario);
    transcript.scenario.pass_post(mrn, ENTRY);
    transcript.step(&monitor("AZ-JULFA"), Statement::Tick);
    transcript.step(&customs(EXIT), Statement::Release { mrn, post: ident(EXIT) });
    transcript.step(&monitor(EXIT), Statement::Arrive { mrn, post: ident(EXIT) });
    transcript.step(&customs(EXIT), Statement::Release { mrn, post: ident(EXIT) });
    transcript.step(&customs(EXIT), Statement::Release { mrn, post: ident(EXIT) });
    let balances: Vec<String> = transcript
        .scenario
        .state
        .ledger()
        .balances()
        .map(|((account, currency), amount)| format!("{account} {}", amount.display(*currency)))
        .collect();
    transcript.lines.push(balances.join(", "));
    transcript.check(expect![[r#"
        register_carrier by authority:AZ REFUSED (carrier_mismatch): carrier CASPIAN-RAIL was registered by AM as `CASPIAN-RAIL Ltd`; only that party adds its keys, under that name
        register_carrier by authority:AM REFUSED (carrier_mismatch): carrier CASPIAN-RAIL was registered by AM as `CASPIAN-RAIL Ltd`; only that party adds its keys, under that name
        register_carrier by authority:AM REFUSED (key_in_use): key c9a95f91 is already enrolled or registered
        register_carrier by authority:AM: key c2f536a0 registered for carrier CASPIAN-RAIL
        enrol_officer by authority:MON REFUSED (unknown_post): post NOWHERE is not in the corridor
        enrol_officer by authority:MON REFUSED (bad_post_list): an officer is enrolled at 1 to 64 distinct posts
        revoke_key by authority:AM REFUSED (not_your_key): key a60b4e23 is not an authority, officer or carrier key of party AM; only its own party revokes it
        revoke_key by authority:AM REFUSED (last_authority_key): key cc8f857c is the last authority key of party AM; add another before revoking it
        add_authority_key by authority:AM: key 388e2487 added as an authority key of AM
        revoke_key by authority-2:AM: key cc8f857c revoked
        tick by authority:AM REFUSED (revoked_key): key cc8f857c was revoked at entry 26; it signs nothing after that
        revoke_key by authority-2:AM REFUSED (last_authority_key): key 388e2487 is the last authority key of party AM; add another before revoking it
        revoke_key by authority:AM REFUSED (revoked_key): key cc8f857c was revoked at entry 26; it signs nothing after that
        record_payment by customs@AM-MEGHRI-E REFUSED (amount_not_positive): the amount must be positive, not 0
        record_payment by customs@AM-MEGHRI-E REFUSED (wrong_currency): the regime's tariff is in AMD; this amount is in GEL
        record_payment by customs@AM-MEGHRI-E REFUSED (unknown_carrier): carrier UNKNOWN-CARRIER is not registered
        record_payment by monitor@AM-MEGHRI-E REFUSED (role_not_allowed): the regime in force does not let a monitor of MON record a payment or refund; key c9a95f91 is one
        record_payment by customs@AM-MEGHRI-E: payment of 92233720368547758.07 AMD from CASPIAN-RAIL
        record_payment by customs@AM-MEGHRI-E REFUSED (amount_overflow): the amount would overflow an account balance
        record_refund by customs@AM-MEGHRI-E: refund of 0.01 AMD to CASPIAN-RAIL
        approve_regime by authority:AZ REFUSED (no_such_proposal): entry 5 is not a pending regime proposal
        charter by authority:AZ REFUSED (charter_already_adopted): the charter is entry 0; a charter cannot be adopted again
        tick by monitor@AZ-JULFA: 
        release by customs@AM-AGARAK-X REFUSED (not_at_post): movement 26AM000000000029J9 is not at post AM-AGARAK-X
        arrive by monitor@AM-AGARAK-X: 26AM000000000029J9 arrived at AM-AGARAK-X; 26AM000000000029J9 at AM-AGARAK-X: lanes pending the draw on tree size 38; 26AM000000000029J9 arrived at destination; 26AM000000000029J9 at AM-AGARAK-X: lanes drawn on tree size 38; 26AM000000000029J9 trailer 10AB123-T: green lane
        release by customs@AM-AGARAK-X REFUSED (controls_pending): movement 26AM000000000029J9 cannot be released at AM-AGARAK-X: trailer 10AB123-T still needs a seal check
        release by customs@AM-AGARAK-X REFUSED (controls_pending): movement 26AM000000000029J9 cannot be released at AM-AGARAK-X: trailer 10AB123-T still needs a seal check
        carrier:ARAZ-TRUCKS -30900.00 AMD, carrier:CASPIAN-RAIL 92233720368547758.06 AMD, revenue:AM-TREASURY 29355.00 AMD, revenue:MONITORING-MISSION 1545.00 AMD, receipts -92233720368547758.06 AMD
    "#]]);
}

/// The fold every party runs over the log ([`passage_core::fold`]): the charter only at
/// entry 0 and nothing before it. Each step is an entry at an index, rendered as its events
/// or the refusal; a refused entry leaves the fold where it was.
#[test]
fn the_fold_takes_one_charter_first_and_refuses_an_entry_before_it_or_a_second_one() {
    use passage_core::statement::Recorded;
    use passage_core::{Entry, SignedStatement, State, fold};
    let scenario = Scenario::charter_only(&ScenarioConfig::syunik());
    let charter = scenario.entries()[0].0.clone();
    let time = charter.sequenced_at;
    let by_authority = |statement: Statement| {
        let recorded = Recorded::new(time, statement);
        let signed = SignedStatement::sign(&testing::key_for("authority:AM"), &recorded)
            .expect("a small statement");
        Entry { sequenced_at: time, statement: signed }
    };
    let tick = by_authority(Statement::Tick);
    let document = ScenarioConfig::syunik().charter_document();
    let second_charter = by_authority(Statement::Charter { document });

    let mut state: Option<State> = None;
    let mut lines = Vec::new();
    for (index, entry, name) in [
        (0, &tick, "tick"),
        (1, &charter, "charter"),
        (0, &charter, "charter"),
        (1, &second_charter, "charter"),
        (1, &tick, "tick"),
    ] {
        let before = state.as_ref().map(State::digest);
        match fold::apply_entry(&mut state, index, entry) {
            Ok(events) => {
                let events: Vec<String> = events.iter().map(ToString::to_string).collect();
                lines.push(format!("{name} at {index}: {}", events.join("; ")));
            }
            Err(refusal) => {
                assert_eq!(state.as_ref().map(State::digest), before, "a refusal changed the fold");
                lines.push(format!("{name} at {index} REFUSED ({}): {refusal}", refusal.code()));
            }
        }
    }
    expect![[r#"
        tick at 0 REFUSED (genesis_must_be_charter): the first entry must be the charter, not a tick statement
        charter at 1 REFUSED (entry_out_of_sequence): entry 1 was given, but the next entry is 0
        charter at 0: charter adopted
        charter at 1 REFUSED (charter_already_adopted): the charter is entry 0; a charter cannot be adopted again
        tick at 1: 
    "#]]
    .assert_eq(&(lines.join("\n") + "\n"));
}

#[test]
fn a_statement_already_in_the_log_is_refused_while_it_could_be_sequenced() {
    let mut transcript = Transcript::new(Scenario::syunik());
    let payment = Statement::RecordPayment {
        carrier: ident("CASPIAN-RAIL"),
        amount: AmountMinor(50_000),
        currency: Currency::parse("AMD").expect("known"),
        reference: ident("RCPT-7"),
    };
    transcript.step(&customs(ENTRY), payment.clone());
    let (genuine, _) = transcript.scenario.entries().last().expect("accepted").clone();
    let recorded_at = genuine.sequenced_at;
    let copy = |transcript: &mut Transcript, what: &str, signed: SignedStatement| {
        let before = transcript.scenario.state.digest();
        let line = match transcript.scenario.submit_signed(signed) {
            Ok(events) => events.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
            Err(refusal) => {
                assert_eq!(
                    before,
                    transcript.scenario.state.digest(),
                    "a refusal changed the state"
                );
                format!("REFUSED ({}): {refusal}", refusal.code())
            }
        };
        let kept = transcript.scenario.state.recent_statement_count();
        transcript.lines.push(format!("{what}: {line} [ids kept: {kept}]"));
    };
    copy(&mut transcript, "the same signed payment again", genuine.statement.clone());
    // Another signature on the same bytes is the same statement, not a second act.
    let resigned = SignedStatement { signature: [7; 64], ..genuine.statement.clone() };
    copy(&mut transcript, "the same payment, signature changed", resigned);
    // The same act recorded a millisecond later is another statement.
    let later = recorded_at.plus_ms(1);
    let result = transcript.scenario.submit_recorded(&customs(ENTRY), later, payment);
    transcript.lines.push(format!("recorded 1 ms later: accepted {}", result.is_ok()));
    // Up to the last millisecond at which it could be sequenced, it is refused as a copy;
    // after, as recorded too long ago, and its id is gone from the state.
    let tick = |transcript: &mut Transcript| {
        let ticked = transcript.scenario.submit(&customs(ENTRY), Statement::Tick);
        transcript.lines.push(format!(
            "a tick at {}: accepted {}",
            transcript.scenario.now.0,
            ticked.is_ok()
        ));
    };
    transcript.scenario.now = recorded_at.plus_ms(RECORDED_BEHIND_MS_MAX);
    copy(&mut transcript, "7 days later", genuine.statement.clone());
    tick(&mut transcript);
    copy(&mut transcript, "7 days later, after a tick then", genuine.statement.clone());
    transcript.scenario.now = transcript.scenario.now.plus_ms(1);
    copy(&mut transcript, "7 days and 1 ms later", genuine.statement.clone());
    tick(&mut transcript);
    copy(&mut transcript, "then after a tick", genuine.statement);
    transcript.lines.push(format!("payment recorded at {}", recorded_at.0));
    transcript.check(expect![[r#"
        record_payment by customs@AM-MEGHRI-E: payment of 500.00 AMD from CASPIAN-RAIL
        the same signed payment again: REFUSED (duplicate_statement): the same statement is already in the log at entry 24; an act is recorded once [ids kept: 24]
        the same payment, signature changed: REFUSED (duplicate_statement): the same statement is already in the log at entry 24; an act is recorded once [ids kept: 24]
        recorded 1 ms later: accepted true
        7 days later: REFUSED (duplicate_statement): the same statement is already in the log at entry 24; an act is recorded once [ids kept: 25]
        a tick at 1796277600001: accepted true
        7 days later, after a tick then: REFUSED (duplicate_statement): the same statement is already in the log at entry 24; an act is recorded once [ids kept: 3]
        7 days and 1 ms later: REFUSED (recorded_too_long_ago): the statement is dated 2026-11-26T06:00Z, more than 7 days before its sequencing at 2026-12-03T06:00Z; record the act again with the right date [ids kept: 3]
        a tick at 1796277600002: accepted true
        then after a tick: REFUSED (recorded_too_long_ago): the statement is dated 2026-11-26T06:00Z, more than 7 days before its sequencing at 2026-12-03T06:00Z; record the act again with the right date [ids kept: 3]
        payment recorded at 1795672800001
    "#]]);
}
