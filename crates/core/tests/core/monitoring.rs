//! The monitors' own voice: observations, dissents, contests and their answers, the joint
//! commission's decisions and their effects, the mandate, the automatic incidents and the
//! daily report whose figures the core recomputes. Every refusal is performed and checked
//! to change nothing; the log replays to the same state and the snapshot keeps it.

use passage_core::monitoring::{AutomaticCause, MonitoringEvent};
use passage_core::statement::{
    ContestAnswer, ContestDecision, Figure, HoldReason, IncidentPlace, ObservationCategory,
    Statement, Timestamp,
};
use passage_core::testing::{self, Scenario, ScenarioConfig, ident, test_commitment};
use passage_core::{Account, AmountMinor, Event, Mrn, State};

const ROAD: &str = "AM-TRANSIT-ROAD";
const ENTRY_POST: &str = "AM-MEGHRI-E";
const CUSTOMS: &str = "customs@AM-MEGHRI-E";
const MONITOR: &str = "monitor@AM-MEGHRI-E";
const HOUR_MS: u64 = 3_600_000;

/// Submits and expects a refusal with `code` that changes nothing.
fn refused(scenario: &mut Scenario, signer: &str, statement: Statement, code: &str) -> String {
    // A millisecond on, so a statement alike in every byte to one in the log is another act.
    scenario.advance_ms(1);
    let before = scenario.state.digest();
    let refusal = scenario.submit(signer, statement).expect_err("must be refused");
    assert_eq!(refusal.code(), code, "{refusal}");
    assert_eq!(scenario.state.digest(), before, "a refusal changes nothing");
    refusal.to_string()
}

fn last_entry(scenario: &Scenario) -> u64 {
    scenario.state.next_entry_index() - 1
}

fn monitoring(events: &[Event]) -> Vec<MonitoringEvent> {
    events
        .iter()
        .filter_map(|event| match event {
            Event::Monitoring(event) => Some(event.clone()),
            _ => None,
        })
        .collect()
}

/// A truck at the entry post, held there by customs: its MRN and the hold's entry.
fn held_truck(scenario: &mut Scenario, plate: &str) -> (Mrn, u64) {
    let truck = testing::truck(ROAD, plate, "2022:080810", 18_000);
    let mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
    scenario.submit_ok(MONITOR, Statement::Arrive { mrn, post: ident(ENTRY_POST) });
    scenario.submit_ok(
        CUSTOMS,
        Statement::Hold { mrn, post: ident(ENTRY_POST), reason: HoldReason::Documents },
    );
    (mrn, last_entry(scenario))
}

/// A truck accepted by the host state's customs: its MRN and the acceptance's entry.
fn accepted_truck(scenario: &mut Scenario, plate: &str) -> (Mrn, u64) {
    let truck = testing::truck(ROAD, plate, "2022:080810", 18_000);
    let mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
    (mrn, last_entry(scenario))
}

fn contest(entry: u64, reason: &str) -> Statement {
    Statement::Contest { entry, reason: ident(reason) }
}

fn answer(contest: u64, answer: ContestAnswer) -> Statement {
    Statement::AnswerContest { contest, answer, reasons: test_commitment("reasons") }
}

fn observe(place: IncidentPlace) -> Statement {
    Statement::Observe {
        place,
        category: ObservationCategory::Queue,
        summary: "Forty trucks waiting at the gate since dawn".to_owned(),
        details: test_commitment("details"),
        attachments: vec![test_commitment("photograph")],
    }
}

fn figure(state: &State, day: u32, post: Option<&str>, figure: Figure, detail: u16) -> u64 {
    state
        .report_lines(day)
        .iter()
        .find(|line| line.post == post.map(ident) && line.figure == figure && line.detail == detail)
        .map_or(0, |line| line.value)
}

fn tick(scenario: &mut Scenario, hours: u64) -> Vec<Event> {
    scenario.advance_minutes(hours * 60);
    scenario.submit_ok("authority:AM", Statement::Tick)
}

#[test]
fn a_monitor_observes_at_a_post_and_on_a_segment_and_only_a_monitor_may() {
    let mut scenario = Scenario::syunik();
    let day = scenario.state.time().day();
    let events = scenario.submit_ok(MONITOR, observe(IncidentPlace::Post(ident(ENTRY_POST))));
    assert_eq!(
        monitoring(&events),
        vec![MonitoringEvent::Observed {
            post: Some(ident(ENTRY_POST)),
            category: ObservationCategory::Queue
        }]
    );
    let segment = IncidentPlace::Segment {
        from: ident("AM-AGARAK-X"),
        to: ident(ENTRY_POST),
        position_m: 12_000,
    };
    scenario.submit_ok(MONITOR, observe(segment));
    assert_eq!(figure(&scenario.state, day, Some(ENTRY_POST), Figure::Observations, 0), 1);
    assert_eq!(figure(&scenario.state, day, None, Figure::Observations, 0), 1);
    assert_eq!(scenario.state.monitors().totals().observations, 2);

    refused(
        &mut scenario,
        CUSTOMS,
        observe(IncidentPlace::Post(ident(ENTRY_POST))),
        "not_a_monitor",
    );
    refused(
        &mut scenario,
        MONITOR,
        observe(IncidentPlace::Post(ident("AM-AGARAK-X"))),
        "not_posted_here",
    );
    let nowhere = IncidentPlace::Segment {
        from: ident(ENTRY_POST),
        to: ident("AZ-NAKHCHIVAN"),
        position_m: 1,
    };
    refused(&mut scenario, MONITOR, observe(nowhere), "unknown_segment");
    let past = IncidentPlace::Segment {
        from: ident(ENTRY_POST),
        to: ident("AM-AGARAK-X"),
        position_m: 43_001,
    };
    refused(&mut scenario, MONITOR, observe(past), "position_past_segment");
    assert_eq!(scenario.replay().digest(), scenario.state.digest());
}

#[test]
fn a_monitor_dissents_from_an_act_instead_of_attesting_it() {
    let mut scenario = Scenario::syunik();
    let (mrn, hold) = held_truck(&mut scenario, "10AB001");
    let dissent = |entry| Statement::Dissent {
        mrn,
        entry,
        reason: "The documents were in order when I saw them".to_owned(),
    };
    let events = scenario.submit_ok(MONITOR, dissent(hold));
    assert_eq!(monitoring(&events), vec![MonitoringEvent::Dissented { mrn, entry: hold }]);
    refused(&mut scenario, CUSTOMS, dissent(hold), "not_a_monitor");
    // An entry that is not about the movement.
    refused(&mut scenario, MONITOR, dissent(1), "nothing_to_attest");
    // An attested act is attested, not dissented from.
    let arrival = scenario.state.movement(&mrn).expect("declared").history[2];
    scenario.submit_ok(MONITOR, Statement::Attest { mrn, entry: arrival });
    refused(&mut scenario, MONITOR, dissent(arrival), "nothing_to_attest");
    let day = scenario.state.time().day();
    assert_eq!(figure(&scenario.state, day, None, Figure::Dissents, 0), 1);
}

#[test]
fn an_act_is_contested_by_another_party_and_answered_by_its_own() {
    let mut scenario = Scenario::syunik();
    let (mrn, hold) = held_truck(&mut scenario, "10AB002");
    // Customs of the host state do not contest their own party's act.
    let message = refused(&mut scenario, "authority:AM", contest(hold, "held_too_long"), "own_act");
    assert!(message.contains("AM"), "{message}");
    refused(&mut scenario, MONITOR, contest(hold, "bad_weather"), "unknown_reason");
    // The charter is no party's act; a carrier's declaration neither.
    refused(&mut scenario, MONITOR, contest(0, "other"), "not_contestable");
    let declaration = scenario.state.movement(&mrn).expect("declared").history[0];
    refused(&mut scenario, MONITOR, contest(declaration, "other"), "not_contestable");

    let events = scenario.submit_ok(MONITOR, contest(hold, "held_too_long"));
    let answer_by = scenario.state.time().plus_ms(72 * HOUR_MS);
    assert_eq!(
        monitoring(&events),
        vec![MonitoringEvent::Contested { contest: 1, entry: hold, party: ident("AM"), answer_by }]
    );
    refused(&mut scenario, MONITOR, contest(hold, "held_too_long"), "already_contested");
    // Another contester may contest the same act: the carrier, for its own movement.
    scenario.submit_ok("carrier:ARAZ-TRUCKS", contest(hold, "held_too_long"));
    let (_, acceptance) = accepted_truck(&mut scenario, "10AB003");
    refused(
        &mut scenario,
        "carrier:CASPIAN-RAIL",
        contest(acceptance, "other"),
        "not_your_movements_act",
    );

    // Only the act's party answers, once.
    refused(
        &mut scenario,
        "authority:AZ",
        answer(1, ContestAnswer::Rejected),
        "not_the_acts_party",
    );
    refused(&mut scenario, MONITOR, answer(1, ContestAnswer::Rejected), "not_the_acts_party");
    refused(&mut scenario, CUSTOMS, answer(9, ContestAnswer::Rejected), "no_such_contest");
    let events = scenario.submit_ok(CUSTOMS, answer(1, ContestAnswer::Rejected));
    assert_eq!(
        monitoring(&events),
        vec![MonitoringEvent::ContestAnswered {
            contest: 1,
            answer: ContestAnswer::Rejected,
            late: false
        }]
    );
    refused(&mut scenario, CUSTOMS, answer(1, ContestAnswer::Upheld), "contest_answered");
    // Upheld, the carrier's contest is settled and leaves the state; the rejected one
    // stays, for a referral.
    scenario.submit_ok("authority:AM", answer(2, ContestAnswer::Upheld));
    let open: Vec<u64> =
        scenario.state.monitors().contests().map(|contest| contest.number).collect();
    assert_eq!(open, vec![1]);
    let day = scenario.state.time().day();
    assert_eq!(figure(&scenario.state, day, None, Figure::ContestsOpened, 0), 2);
    assert_eq!(figure(&scenario.state, day, None, Figure::ContestsAnswered, 0), 2);
    assert_eq!(scenario.replay().digest(), scenario.state.digest());
}

#[test]
fn an_unanswered_contest_opens_one_automatic_incident_which_its_late_answer_closes() {
    let mut scenario = Scenario::syunik();
    let (_, acceptance) = accepted_truck(&mut scenario, "10AB004");
    scenario.submit_ok(MONITOR, contest(acceptance, "other"));
    let events = tick(&mut scenario, 71);
    assert!(monitoring(&events).is_empty(), "not yet due: {events:?}");
    let events = tick(&mut scenario, 2);
    let opened = MonitoringEvent::AutomaticIncidentOpened {
        number: 1,
        cause: AutomaticCause::ContestUnanswered { contest: 1 },
    };
    assert_eq!(monitoring(&events), vec![opened]);
    assert!(scenario.state.monitors().contest(1).expect("open").overdue);
    // Time goes on: still one incident.
    let events = tick(&mut scenario, 100);
    assert!(monitoring(&events).iter().all(|event| !matches!(
        event,
        MonitoringEvent::AutomaticIncidentOpened {
            cause: AutomaticCause::ContestUnanswered { .. },
            ..
        }
    )));
    assert_eq!(scenario.state.monitors().totals().contests_overdue, 1);
    let events = scenario.submit_ok(CUSTOMS, answer(1, ContestAnswer::Corrected));
    assert_eq!(
        monitoring(&events),
        vec![
            MonitoringEvent::ContestAnswered {
                contest: 1,
                answer: ContestAnswer::Corrected,
                late: true
            },
            MonitoringEvent::AutomaticIncidentClosed { number: 1 },
        ]
    );
    assert_eq!(scenario.state.monitors().contests().count(), 0);
    assert_eq!(scenario.replay().digest(), scenario.state.digest());
}

#[test]
fn a_long_hold_opens_one_automatic_incident_however_often_it_is_held() {
    let mut scenario = Scenario::syunik();
    let (mrn, _) = held_truck(&mut scenario, "10AB005");
    scenario.advance_minutes(60);
    // Held again for another reason: the same hold goes on.
    scenario.submit_ok(
        CUSTOMS,
        Statement::Hold { mrn, post: ident(ENTRY_POST), reason: HoldReason::Inspection },
    );
    // A refusal once the threshold has passed opens nothing: time's effects are undone
    // with it.
    scenario.advance_minutes(24 * 60);
    refused(&mut scenario, MONITOR, contest(0, "other"), "not_contestable");
    assert_eq!(scenario.state.monitors().automatic_incidents().count(), 0);
    let events = scenario.submit_ok("authority:AM", Statement::Tick);
    let post = scenario.state.corridor().post_index(&ident(ENTRY_POST)).expect("a post");
    assert_eq!(
        monitoring(&events),
        vec![MonitoringEvent::AutomaticIncidentOpened {
            number: 1,
            cause: AutomaticCause::LongHold { mrn, post }
        }]
    );
    let events = tick(&mut scenario, 30);
    assert!(monitoring(&events).is_empty(), "one hold, one incident: {events:?}");
    assert_eq!(scenario.state.monitors().totals().automatic_incidents, 1);
    // The hold ends: its length is counted and its incident closed.
    let events = scenario.clear_post(mrn, ENTRY_POST);
    assert!(monitoring(&events).contains(&MonitoringEvent::AutomaticIncidentClosed { number: 1 }));
    assert_eq!(scenario.state.monitors().holds().count(), 0);
    let day = scenario.state.time().day();
    assert_eq!(figure(&scenario.state, day, Some(ENTRY_POST), Figure::HoldsEnded, 0), 1);
    let length = figure(&scenario.state, day, Some(ENTRY_POST), Figure::HoldLongestMs, 0);
    // From the first hold to the release: the hours passed, and the refusal's millisecond.
    assert_eq!(length, (1 + 24 + 30) * HOUR_MS + 1);
    assert_eq!(scenario.replay().digest(), scenario.state.digest());
}

#[test]
fn a_hold_ended_by_an_enquiry_s_recovery_is_no_longer_under_way() {
    let mut scenario = Scenario::syunik();
    scenario.issue_guarantee(
        "AM",
        "BANK-A",
        "GRN-1",
        "ARAZ-TRUCKS",
        passage_core::statement::GuaranteeCover::Comprehensive,
        AmountMinor(1_000_000_000),
    );
    let mut truck = testing::truck(ROAD, "10AB015", "2022:080810", 18_000);
    truck.guarantee = Some(ident("GRN-1"));
    let mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
    scenario.submit_ok(MONITOR, Statement::Arrive { mrn, post: ident(ENTRY_POST) });
    scenario.submit_ok(
        CUSTOMS,
        Statement::Hold { mrn, post: ident(ENTRY_POST), reason: HoldReason::Documents },
    );
    // Past the truck's time limit and the hold's threshold: the overdue incident and the
    // long hold's automatic incident open.
    let events = tick(&mut scenario, 30);
    assert!(scenario.state.movement(&mrn).expect("declared").overdue, "{events:?}");
    assert_eq!(scenario.state.monitors().automatic_incidents().count(), 1);
    // Customs close the overdue incident themselves, so the recovery closes none: only the
    // guarantee's events say that the movement's procedure ended.
    let overdue = scenario.state.movement(&mrn).expect("declared").incidents.len() as u16;
    scenario.submit_ok(
        CUSTOMS,
        Statement::CloseIncident { mrn, incident: overdue, resolution: test_commitment("seen") },
    );
    scenario.submit_ok(CUSTOMS, Statement::OpenEnquiry { mrn });
    scenario.advance_minutes(29 * 24 * 60);
    let events = scenario.submit_ok(
        CUSTOMS,
        Statement::CloseEnquiry {
            mrn,
            outcome: passage_core::statement::EnquiryOutcome::Recovery,
            resolution: test_commitment("no proof"),
        },
    );
    assert!(!events.iter().any(|event| matches!(event, Event::IncidentClosed { .. })));
    // The hold ended with the procedure: it is counted, and its incident closed.
    assert_eq!(scenario.state.monitors().holds().count(), 0, "the hold is still tracked");
    assert!(monitoring(&events).contains(&MonitoringEvent::AutomaticIncidentClosed { number: 1 }));
    let day = scenario.state.time().day();
    assert_eq!(figure(&scenario.state, day, Some(ENTRY_POST), Figure::HoldsEnded, 0), 1);
    assert_eq!(scenario.replay().digest(), scenario.state.digest());
}

#[test]
fn the_joint_commission_decides_by_quorum_and_a_release_follows() {
    let mut scenario = Scenario::syunik();
    let (mrn, hold) = held_truck(&mut scenario, "10AB006");
    scenario.submit_ok(MONITOR, contest(hold, "held_too_long"));
    let release = Statement::DecideContest { contest: 1, decision: ContestDecision::Release };
    refused(&mut scenario, "authority:AZ", release.clone(), "not_referred");
    refused(
        &mut scenario,
        "authority:AZ",
        Statement::ReferContest { contest: 1 },
        "not_a_party_to_the_contest",
    );
    refused(
        &mut scenario,
        "carrier:ARAZ-TRUCKS",
        Statement::ReferContest { contest: 1 },
        "not_a_party_to_the_contest",
    );
    scenario.submit_ok("authority:MON", Statement::ReferContest { contest: 1 });
    refused(
        &mut scenario,
        "authority:AM",
        Statement::ReferContest { contest: 1 },
        "already_referred",
    );
    refused(&mut scenario, MONITOR, release.clone(), "not_an_authority");
    scenario.submit_ok("authority:MON", release.clone());
    refused(&mut scenario, "authority:MON", release.clone(), "already_voted");
    // A vote for another decision does not count toward this one.
    let stands = Statement::DecideContest { contest: 1, decision: ContestDecision::ActStands };
    scenario.submit_ok("authority:AM", stands);
    let events = scenario.submit_ok("authority:AZ", release);
    assert!(
        monitoring(&events)
            .iter()
            .all(|event| !matches!(event, MonitoringEvent::ContestDecided { .. }))
    );
    // The charter's quorum is every party, and a party votes once: two of three for a
    // release decide nothing. A second contest, where all three agree, does.
    assert_eq!(scenario.state.monitors().contest(1).expect("open").votes.len(), 3);

    scenario.advance_minutes(1);
    scenario.submit_ok("authority:AZ", contest(hold, "held_too_long"));
    scenario.submit_ok("authority:AZ", Statement::ReferContest { contest: 2 });
    let decide = Statement::DecideContest { contest: 2, decision: ContestDecision::Release };
    scenario.submit_ok("authority:AZ", decide.clone());
    scenario.submit_ok("authority:MON", decide.clone());
    let events = scenario.submit_ok("authority:AM", decide);
    let post = ident(ENTRY_POST);
    assert!(monitoring(&events).contains(&MonitoringEvent::ContestDecided {
        contest: 2,
        decision: ContestDecision::Release
    }));
    assert!(monitoring(&events).contains(&MonitoringEvent::ReleasedByDecision { mrn, post }));
    let visit = scenario.state.movement(&mrn).expect("declared").current_visit().cloned();
    assert!(visit.is_some_and(|visit| visit.held.is_none() && visit.released_at.is_some()));
    assert_eq!(scenario.state.monitors().holds().count(), 0, "the hold ended");
    assert_eq!(scenario.replay().digest(), scenario.state.digest());
}

#[test]
fn a_corrected_fee_is_posted_as_the_difference() {
    let mut scenario = Scenario::syunik();
    let truck = testing::truck(ROAD, "10AB007", "2022:080810", 18_000);
    let mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
    scenario.pass_post(mrn, ENTRY_POST);
    let movement = scenario.state.movement(&mrn).expect("declared");
    let (fee, currency) = movement.fee.expect("assessed at release");
    let release = *movement
        .history
        .iter()
        .rev()
        .find(|entry| {
            scenario
                .state
                .monitors()
                .contestable_act(**entry)
                .is_some_and(|act| act.kind == passage_core::statement::StatementKind::Release)
        })
        .expect("the release is contestable");
    scenario.submit_ok("carrier:ARAZ-TRUCKS", contest(release, "fee_wrong"));
    scenario.submit_ok(CUSTOMS, answer(1, ContestAnswer::Rejected));
    scenario.submit_ok("carrier:ARAZ-TRUCKS", Statement::ReferContest { contest: 1 });
    // The movement left the post: there is nothing to release.
    refused(
        &mut scenario,
        "authority:AM",
        Statement::DecideContest { contest: 1, decision: ContestDecision::Release },
        "not_held",
    );
    let negative = ContestDecision::FeeCorrected { amount: AmountMinor(-1) };
    refused(
        &mut scenario,
        "authority:AM",
        Statement::DecideContest { contest: 1, decision: negative },
        "negative_fee",
    );
    let corrected = AmountMinor(fee.0 - 1_000_000);
    let decide = Statement::DecideContest {
        contest: 1,
        decision: ContestDecision::FeeCorrected { amount: corrected },
    };
    let before = scenario.state.ledger().balance(&Account::Carrier(ident("ARAZ-TRUCKS")), currency);
    for party in ["AM", "AZ"] {
        scenario.submit_ok(&format!("authority:{party}"), decide.clone());
    }
    let events = scenario.submit_ok("authority:MON", decide);
    assert!(monitoring(&events).contains(&MonitoringEvent::FeeCorrected {
        mrn,
        previous: fee,
        amount: corrected,
        currency
    }));
    let after = scenario.state.ledger().balance(&Account::Carrier(ident("ARAZ-TRUCKS")), currency);
    assert_eq!(after.0 - before.0, 1_000_000, "the carrier is credited the difference");
    assert_eq!(scenario.state.movement(&mrn).expect("declared").fee, Some((corrected, currency)));
    assert_eq!(scenario.state.ledger().total(currency), 0, "the ledger sums to zero");
    assert_eq!(scenario.replay().digest(), scenario.state.digest());
}

#[test]
fn a_fee_correction_needs_a_fee() {
    let mut scenario = Scenario::syunik();
    let (_, hold) = held_truck(&mut scenario, "10AB008");
    scenario.submit_ok(MONITOR, contest(hold, "fee_wrong"));
    scenario.submit_ok("authority:MON", Statement::ReferContest { contest: 1 });
    let decision = ContestDecision::FeeCorrected { amount: AmountMinor(1) };
    refused(
        &mut scenario,
        "authority:AZ",
        Statement::DecideContest { contest: 1, decision },
        "no_fee_to_correct",
    );
}

const MANDATE_ONE_DAY: &str = "starts = \"2026-11-26\"\nends = \"2026-11-27\"";

#[test]
fn after_the_mandate_the_mission_s_keys_are_refused_until_the_parties_extend_it() {
    let config = ScenarioConfig { mandate: Some(MANDATE_ONE_DAY), ..ScenarioConfig::syunik() };
    let mut scenario = Scenario::new(&config);
    let (_, hold) = held_truck(&mut scenario, "10AB009");
    scenario.advance_minutes(24 * 60);
    let message = refused(&mut scenario, MONITOR, contest(hold, "held_too_long"), "mandate_ended");
    assert!(message.contains("2026-11-27T00:00Z"), "{message}");
    refused(
        &mut scenario,
        "authority:MON",
        Statement::ReferContest { contest: 1 },
        "mandate_ended",
    );
    // Other parties' keys act as before.
    scenario.submit_ok("authority:AZ", contest(hold, "held_too_long"));
    let ends = Timestamp::parse_utc("2027-11-27").expect("a date");
    let extend = Statement::ChangeMandate { ends: Some(ends) };
    let early = Statement::ChangeMandate { ends: Timestamp::parse_utc("2026-11-25") };
    refused(&mut scenario, "authority:AM", early, "end_before_start");
    refused(&mut scenario, MONITOR, extend.clone(), "not_an_authority");
    scenario.submit_ok("authority:AM", extend.clone());
    scenario.submit_ok("authority:AZ", extend.clone());
    assert_eq!(scenario.state.mandate().ends, Timestamp::parse_utc("2026-11-27"));
    // The mission votes on its own mandate, and the quorum extends it.
    let events = scenario.submit_ok("authority:MON", extend);
    assert!(monitoring(&events).contains(&MonitoringEvent::MandateChanged { ends: Some(ends) }));
    scenario.submit_ok(MONITOR, contest(hold, "held_too_long"));
    assert_eq!(scenario.replay().digest(), scenario.state.digest());
}

#[test]
fn before_the_mandate_starts_the_mission_s_keys_are_refused() {
    let config = ScenarioConfig {
        mandate: Some("starts = \"2026-11-26T07:00Z\""),
        ..ScenarioConfig::syunik()
    };
    // The scenario enrols the monitors at 06:00, before the start: the mission's
    // authority is refused.
    let document = config.charter_document();
    assert!(passage_core::Charter::from_toml(&document).is_ok());
    let mut scenario = Scenario::charter_only(&config);
    let key = testing::public_key_for(MONITOR);
    let enrol = Statement::EnrolOfficer {
        key,
        role: passage_core::statement::OfficerRole::Monitor,
        posts: vec![ident(ENTRY_POST)],
    };
    refused(&mut scenario, "authority:MON", enrol.clone(), "mandate_not_started");
    scenario.advance_minutes(60);
    scenario.submit_ok("authority:MON", enrol);
}

#[test]
fn a_mandate_section_is_checked() {
    for (section, problem) in [
        ("starts = \"2026-02-30\"", "is not a date"),
        ("ends = \"yesterday\"", "is not a date"),
        ("starts = \"2026-11-26\"\nends = \"2026-11-26\"", "is not after"),
    ] {
        let config = ScenarioConfig { mandate: Some(section), ..ScenarioConfig::syunik() };
        let error = passage_core::Charter::from_toml(&config.charter_document())
            .expect_err("an invalid mandate");
        assert!(error.to_string().contains(problem), "{section}: {error}");
    }
}

/// A day with traffic: a truck passes the entry post, another is held there, a monitor
/// observes and contests. Returns the day.
fn a_day_of_traffic(scenario: &mut Scenario) -> u32 {
    let day = scenario.state.time().day();
    let truck = testing::truck(ROAD, "10AB010", "2022:080810", 18_000);
    let mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
    scenario.pass_post(mrn, ENTRY_POST);
    let (_, hold) = held_truck(scenario, "10AB011");
    scenario.submit_ok(MONITOR, observe(IncidentPlace::Post(ident(ENTRY_POST))));
    scenario.submit_ok(MONITOR, contest(hold, "held_too_long"));
    day
}

#[test]
fn the_mission_signs_a_report_whose_figures_are_the_log_s() {
    let mut scenario = Scenario::syunik();
    let day = a_day_of_traffic(&mut scenario);
    let figures = scenario.state.report_lines(day);
    assert_eq!(figure(&scenario.state, day, Some(ENTRY_POST), Figure::Arrivals, 1), 2);
    assert_eq!(figure(&scenario.state, day, Some(ENTRY_POST), Figure::Departures, 0), 1);
    assert_eq!(figure(&scenario.state, day, Some(ENTRY_POST), Figure::HoldsStarted, 0), 1);
    let sign = |figures: Vec<_>| Statement::SignReport {
        day,
        figures,
        narrative: test_commitment("A quiet day at Meghri."),
    };
    refused(&mut scenario, "authority:MON", sign(figures.clone()), "day_not_over");
    scenario.advance_minutes(24 * 60);
    refused(&mut scenario, "authority:AM", sign(figures.clone()), "not_the_mission");
    refused(&mut scenario, MONITOR, sign(figures.clone()), "not_an_authority");
    // One figure changed: refused, naming it.
    let mut changed = figures.clone();
    let departures = changed
        .iter()
        .position(|line| line.figure == Figure::Departures)
        .expect("a departure was counted");
    changed[departures].value += 1;
    let message = refused(&mut scenario, "authority:MON", sign(changed), "figure_differs");
    assert!(message.contains("AM-MEGHRI-E departures"), "{message}");
    assert!(message.contains("says AM-MEGHRI-E departures is 2; the log gives 1"), "{message}");
    // A line left out, and the lines in another order, are named too.
    let mut missing = figures.clone();
    missing.remove(0);
    let message = refused(&mut scenario, "authority:MON", sign(missing), "figure_differs");
    assert!(message.contains("arrivals (route AM-TRANSIT-ROAD)"), "{message}");
    let mut reversed = figures.clone();
    reversed.reverse();
    let message = refused(&mut scenario, "authority:MON", sign(reversed), "figure_differs");
    assert!(message.contains("the order of the lines"), "{message}");
    let unknown = vec![passage_core::statement::FigureLine {
        post: Some(ident("NOWHERE")),
        figure: Figure::Arrivals,
        detail: 0,
        value: 1,
    }];
    refused(&mut scenario, "authority:MON", sign(unknown), "unknown_report_post");

    let events = scenario.submit_ok("authority:MON", sign(figures.clone()));
    // The held truck's day-long hold opens its incident as time reaches this entry.
    assert!(monitoring(&events).contains(&MonitoringEvent::ReportSigned { day }));
    assert_eq!(scenario.state.monitors().signed_report(day), Some(last_entry(&scenario)));
    assert!(scenario.state.monitors().day_figures(day).is_none(), "signed figures leave the state");
    scenario.advance_minutes(1);
    refused(&mut scenario, "authority:MON", sign(figures), "report_already_signed");
    assert_eq!(scenario.replay().digest(), scenario.state.digest());
}

#[test]
fn a_day_s_figures_are_forgotten_after_sixty_two_days() {
    let mut scenario = Scenario::syunik();
    let day = a_day_of_traffic(&mut scenario);
    let figures = scenario.state.report_lines(day);
    scenario.advance_minutes(63 * 24 * 60);
    scenario.submit_ok("authority:AM", Statement::Tick);
    assert!(scenario.state.monitors().day_figures(day).is_none());
    let sign = Statement::SignReport { day, figures, narrative: test_commitment("late") };
    refused(&mut scenario, "authority:MON", sign, "day_forgotten");
    // The acts of that day can no longer be contested either.
    assert!(scenario.state.monitors().contests().all(|contest| contest.overdue));
}

#[test]
fn the_monitoring_state_survives_a_snapshot_and_behaves_the_same() {
    let mut scenario = Scenario::syunik();
    a_day_of_traffic(&mut scenario);
    scenario.submit_ok("authority:AM", Statement::ChangeMandate { ends: None });
    let bytes = scenario.state.encode_snapshot();
    let mut decoded = State::decode_snapshot(&bytes).expect("decodes");
    assert_eq!(decoded.digest(), scenario.state.digest());
    assert_eq!(decoded.encode_snapshot(), bytes);
    // A long time later, the contest's and the hold's incidents open in both alike.
    let events = tick(&mut scenario, 80);
    assert_eq!(
        monitoring(&events)
            .iter()
            .filter(|event| matches!(event, MonitoringEvent::AutomaticIncidentOpened { .. }))
            .count(),
        2
    );
    let (entry, _) = scenario.entries().last().expect("the tick").clone();
    decoded.apply_entry(last_entry(&scenario), &entry).expect("the tick applies");
    assert_eq!(decoded.digest(), scenario.state.digest());
}

#[test]
fn a_decoded_snapshot_finds_an_open_contest_and_its_incident_through_its_indexes() {
    let mut scenario = Scenario::syunik();
    a_day_of_traffic(&mut scenario);
    let hold = scenario.state.monitors().contest(1).expect("the day's contest").entry;
    // Past the contest's deadline: its automatic incident is open (the hold's too).
    tick(&mut scenario, 80);
    let incident = scenario
        .state
        .monitors()
        .automatic_incidents()
        .find(|incident| incident.cause == AutomaticCause::ContestUnanswered { contest: 1 })
        .expect("the contest's incident")
        .number;
    let bytes = scenario.state.encode_snapshot();
    let mut decoded = State::decode_snapshot(&bytes).expect("decodes");
    // The decoded state answers from the indexes it rebuilt, not from the live state's:
    // the same contester's second contest of the act is refused, naming the open one.
    let mut replayed = scenario.clone();
    replayed.state = decoded.clone();
    let message =
        refused(&mut replayed, MONITOR, contest(hold, "held_too_long"), "already_contested");
    assert!(message.contains("contest 1 of entry"), "{message}");
    // The late answer closes the contest's incident in the decoded state as in the live one.
    let events = scenario.submit_ok(CUSTOMS, answer(1, ContestAnswer::Rejected));
    assert!(
        monitoring(&events)
            .contains(&MonitoringEvent::AutomaticIncidentClosed { number: incident }),
        "{events:?}"
    );
    let (entry, _) = scenario.entries().last().expect("the answer").clone();
    let applied = decoded.apply_entry(last_entry(&scenario), &entry).expect("the answer applies");
    assert_eq!(monitoring(&applied), monitoring(&events));
    assert_eq!(decoded.digest(), scenario.state.digest());
}
