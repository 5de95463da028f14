//! Guarantees, enquiries and remittance: engagement by the regime's rates, refusal when
//! over-engaged, release on discharge and cancellation, the enquiry after a missed time
//! limit ending in alternative proof or recovery, and remittance to a treasury; each
//! refusal changes nothing, and the log replays to the same state.

use passage_core::guarantee::GuaranteeEvent;
use passage_core::movement::MovementStatus;
use passage_core::statement::{EnquiryOutcome, GuaranteeCover, Statement};
use passage_core::testing::{self, Scenario, ident, test_commitment};
use passage_core::{Account, AmountMinor, Currency, Event, Mrn, State};

const ROAD: &str = "AM-TRANSIT-ROAD";
const CUSTOMS_ENTRY: &str = "customs@AM-MEGHRI-E";
const CUSTOMS_EXIT: &str = "customs@AM-AGARAK-X";
/// An 18-tonne truck of apples (HS 0808) engages the default rate of the shipped regime,
/// 200,000.00 AMD a tonne: 3,600,000.00 AMD.
const TRUCK_ENGAGEMENT: AmountMinor = AmountMinor(360_000_000);

fn amd() -> Currency {
    Currency::parse("AMD").expect("known")
}

fn guaranteed_truck(plate: &str, guarantee: &str) -> passage_core::statement::Declaration {
    let mut declaration = testing::truck(ROAD, plate, "2022:080810", 18_000);
    declaration.guarantee = Some(ident(guarantee));
    declaration
}

/// A scenario where BANK-A issued a comprehensive guarantee GRN-1 to ARAZ-TRUCKS.
fn with_guarantee(reference_amount: i64) -> Scenario {
    let mut scenario = Scenario::syunik();
    scenario.issue_guarantee(
        "AM",
        "BANK-A",
        "GRN-1",
        "ARAZ-TRUCKS",
        GuaranteeCover::Comprehensive,
        AmountMinor(reference_amount),
    );
    scenario
}

/// Submits and expects a refusal with `code` that changes nothing.
fn refused(scenario: &mut Scenario, signer: &str, statement: Statement, code: &str) -> String {
    let before = scenario.state.digest();
    let refusal = scenario.submit(signer, statement).expect_err("must be refused");
    assert_eq!(refusal.code(), code, "{refusal}");
    assert_eq!(scenario.state.digest(), before, "a refusal changes nothing");
    refusal.to_string()
}

fn engaged(state: &State, guarantee: &str) -> Vec<(Mrn, AmountMinor)> {
    let guarantee = state.guarantees().guarantee(&ident(guarantee)).expect("issued");
    guarantee.engagements.iter().map(|(mrn, amount)| (*mrn, *amount)).collect()
}

#[test]
fn a_declaration_engages_its_guarantee_by_the_regime_rates_and_discharge_releases_it() {
    let mut scenario = with_guarantee(1_000_000_000);
    let mrn = scenario.declare_accepted("ARAZ-TRUCKS", guaranteed_truck("10AB001", "GRN-1"));
    assert_eq!(engaged(&scenario.state, "GRN-1"), vec![(mrn, TRUCK_ENGAGEMENT)]);
    let guarantee = scenario.state.guarantees().guarantee(&ident("GRN-1")).expect("issued");
    assert_eq!(guarantee.remaining(), AmountMinor(1_000_000_000 - 360_000_000));
    let events = scenario.complete(mrn);
    assert!(
        events.contains(&Event::Guarantee(GuaranteeEvent::Released {
            mrn,
            guarantee: ident("GRN-1")
        }))
    );
    assert_eq!(engaged(&scenario.state, "GRN-1"), vec![]);
    assert!(scenario.state.guarantees().engagement(&mrn).is_none(), "a released engagement leaves");
    assert_eq!(scenario.replay().digest(), scenario.state.digest());
}

#[test]
fn sensitive_goods_engage_their_heading_rate() {
    // Cigarettes (HS 2402) engage 10,000,000.00 AMD a tonne: two tonnes, 20,000,000.00.
    let mut scenario = with_guarantee(10_000_000_000);
    let mut declaration = testing::truck(ROAD, "10AB002", "2022:240220", 2_000);
    declaration.guarantee = Some(ident("GRN-1"));
    let mrn = scenario.declare("ARAZ-TRUCKS", declaration);
    assert_eq!(engaged(&scenario.state, "GRN-1"), vec![(mrn, AmountMinor(2_000_000_000))]);
}

#[test]
fn a_declaration_beyond_what_remains_is_refused_and_changes_nothing() {
    let mut scenario = with_guarantee(500_000_000);
    scenario.declare("ARAZ-TRUCKS", guaranteed_truck("10AB003", "GRN-1"));
    // 5,000,000.00 less 3,600,000.00 leaves 1,400,000.00: a second truck does not fit.
    let message = refused(
        &mut scenario,
        "carrier:ARAZ-TRUCKS",
        Statement::Declare(guaranteed_truck("10AB004", "GRN-1")),
        "guarantee_insufficient",
    );
    assert_eq!(
        message,
        "the goods engage 3600000.00 AMD, but guarantee GRN-1 has only 1400000.00 AMD left"
    );
}

#[test]
fn cancellation_and_refusal_release_and_amendment_re_engages() {
    let mut scenario = with_guarantee(500_000_000);
    let first = scenario.declare("ARAZ-TRUCKS", guaranteed_truck("10AB005", "GRN-1"));
    scenario.submit_ok("carrier:ARAZ-TRUCKS", Statement::Cancel { mrn: first, reason: ident("X") });
    assert_eq!(engaged(&scenario.state, "GRN-1"), vec![]);
    let second = scenario.declare("ARAZ-TRUCKS", guaranteed_truck("10AB006", "GRN-1"));
    // An amendment to a lighter load engages less; what the movement engaged counts as
    // available to it.
    let lighter = {
        let mut declaration = testing::truck(ROAD, "10AB006", "2022:080810", 10_000);
        declaration.guarantee = Some(ident("GRN-1"));
        declaration
    };
    scenario
        .submit_ok("carrier:ARAZ-TRUCKS", Statement::Amend { mrn: second, declaration: lighter });
    assert_eq!(engaged(&scenario.state, "GRN-1"), vec![(second, AmountMinor(200_000_000))]);
    scenario.submit_ok(
        CUSTOMS_ENTRY,
        Statement::RefuseDeclaration { mrn: second, reason: ident("DOCUMENTS") },
    );
    assert_eq!(engaged(&scenario.state, "GRN-1"), vec![]);
    assert_eq!(scenario.replay().digest(), scenario.state.digest());
}

#[test]
fn a_guarantee_is_named_only_by_its_holder_and_an_individual_one_secures_one_movement() {
    let mut scenario = with_guarantee(1_000_000_000);
    let mut rail = testing::truck(ROAD, "10AB007", "2022:080810", 18_000);
    rail.guarantee = Some(ident("GRN-1"));
    // CASPIAN-RAIL is not the holder of GRN-1 (the truck route is irrelevant to that).
    refused(&mut scenario, "carrier:CASPIAN-RAIL", Statement::Declare(rail), "not_your_guarantee");
    refused(
        &mut scenario,
        "carrier:ARAZ-TRUCKS",
        Statement::Declare(guaranteed_truck("10AB008", "GRN-NONE")),
        "unknown_guarantee",
    );
    scenario.issue_guarantee(
        "AM",
        "BANK-A",
        "IND-1",
        "ARAZ-TRUCKS",
        GuaranteeCover::Individual,
        AmountMinor(400_000_000),
    );
    let first = scenario.declare("ARAZ-TRUCKS", guaranteed_truck("10AB009", "IND-1"));
    scenario.submit_ok("carrier:ARAZ-TRUCKS", Statement::Cancel { mrn: first, reason: ident("X") });
    // Released, but an individual guarantee secured that movement: it serves no other.
    refused(
        &mut scenario,
        "carrier:ARAZ-TRUCKS",
        Statement::Declare(guaranteed_truck("10AB010", "IND-1")),
        "individual_guarantee_used",
    );
}

#[test]
fn only_a_guarantor_issues_and_only_an_authority_enrols_a_guarantor() {
    let mut scenario = with_guarantee(1_000_000_000);
    let issue = |guarantee: &str, amount: i64| Statement::IssueGuarantee {
        guarantee: ident(guarantee),
        holder: ident("ARAZ-TRUCKS"),
        cover: GuaranteeCover::Comprehensive,
        reference_amount: AmountMinor(amount),
        currency: Currency::parse("AMD").expect("known"),
    };
    refused(&mut scenario, "carrier:ARAZ-TRUCKS", issue("GRN-2", 1), "not_a_guarantor");
    refused(&mut scenario, "guarantor:BANK-A", issue("GRN-1", 1), "guarantee_exists");
    refused(&mut scenario, "guarantor:BANK-A", issue("GRN-2", 0), "amount_not_positive");
    let mut in_euros = issue("GRN-2", 1);
    if let Statement::IssueGuarantee { currency, .. } = &mut in_euros {
        *currency = Currency::parse("EUR").expect("known");
    }
    refused(&mut scenario, "guarantor:BANK-A", in_euros, "wrong_currency");
    let enrol = Statement::EnrolGuarantor {
        guarantor: ident("BANK-B"),
        name: "BANK-B".into(),
        key: testing::public_key_for("guarantor:BANK-B"),
    };
    refused(&mut scenario, CUSTOMS_ENTRY, enrol, "not_an_authority");
    // BANK-A was enrolled by AM: AZ may not add keys to it.
    let rekey = Statement::EnrolGuarantor {
        guarantor: ident("BANK-A"),
        name: "BANK-A Bank".into(),
        key: testing::public_key_for("guarantor:BANK-A-2"),
    };
    refused(&mut scenario, "authority:AZ", rekey, "guarantor_of_another_party");
}

/// Declares and accepts a guaranteed truck, then lets its 8-hour time limit pass.
fn overdue_truck(scenario: &mut Scenario, plate: &str) -> Mrn {
    let mrn = scenario.declare_accepted("ARAZ-TRUCKS", guaranteed_truck(plate, "GRN-1"));
    scenario.advance_minutes(9 * 60);
    scenario.submit_ok(CUSTOMS_ENTRY, Statement::Tick);
    assert!(scenario.state.movement(&mrn).expect("declared").overdue);
    mrn
}

#[test]
fn an_unanswered_enquiry_ends_in_recovery_from_the_guarantee() {
    let mut scenario = with_guarantee(1_000_000_000);
    let on_time = scenario.declare_accepted("ARAZ-TRUCKS", guaranteed_truck("10AB011", "GRN-1"));
    refused(&mut scenario, CUSTOMS_ENTRY, Statement::OpenEnquiry { mrn: on_time }, "not_overdue");
    let mrn = overdue_truck(&mut scenario, "10AB012");
    refused(
        &mut scenario,
        "monitor@AM-MEGHRI-E",
        Statement::OpenEnquiry { mrn },
        "role_not_allowed",
    );
    scenario.submit_ok(CUSTOMS_ENTRY, Statement::OpenEnquiry { mrn });
    scenario.advance_ms(1);
    refused(&mut scenario, CUSTOMS_ENTRY, Statement::OpenEnquiry { mrn }, "enquiry_open");
    let recovery = Statement::CloseEnquiry {
        mrn,
        outcome: EnquiryOutcome::Recovery,
        resolution: test_commitment("no proof"),
    };
    // No answer yet, and 28 days to give one: recovery waits.
    refused(&mut scenario, CUSTOMS_ENTRY, recovery.clone(), "answer_period_running");
    scenario.advance_minutes(29 * 24 * 60);
    let late = Statement::AnswerEnquiry { mrn, evidence: test_commitment("too late") };
    refused(&mut scenario, "carrier:ARAZ-TRUCKS", late, "answer_period_over");
    let events = scenario.submit_ok(CUSTOMS_ENTRY, recovery);
    assert!(events.contains(&Event::Guarantee(GuaranteeEvent::Recovered {
        mrn,
        guarantee: Some(ident("GRN-1")),
        amount: TRUCK_ENGAGEMENT,
        currency: amd(),
    })));
    let state = &scenario.state;
    let movement = state.movement(&mrn).expect("declared");
    assert_eq!(movement.status, MovementStatus::Recovered);
    assert_eq!(movement.open_incidents, 0, "the enquiry settles the overdue incident");
    // The guarantor paid, the revenue accounts received it by the split (95 % / 5 %).
    let ledger = state.ledger();
    assert_eq!(
        ledger.balance(&Account::Guarantor(ident("BANK-A")), amd()),
        AmountMinor(-360_000_000)
    );
    assert_eq!(
        ledger.balance(&Account::Revenue(ident("AM-TREASURY")), amd()),
        AmountMinor(342_000_000)
    );
    assert_eq!(
        ledger.balance(&Account::Revenue(ident("MONITORING-MISSION")), amd()),
        AmountMinor(18_000_000)
    );
    assert_eq!(ledger.total(amd()), 0);
    let guarantee = state.guarantees().guarantee(&ident("GRN-1")).expect("issued");
    assert_eq!(guarantee.called, TRUCK_ENGAGEMENT);
    assert_eq!(guarantee.engagements.len(), 1, "the on-time truck still engages it");
    assert_eq!(guarantee.remaining(), AmountMinor(1_000_000_000 - 2 * 360_000_000));
    assert!(state.guarantees().enquiry(&mrn).is_none(), "a closed enquiry leaves the state");
    assert_eq!(state.guarantees().totals().recoveries, 1);
    // Replay and the snapshot reach the same state.
    assert_eq!(scenario.replay().digest(), scenario.state.digest());
    let decoded = State::decode_snapshot(&scenario.state.encode_snapshot()).expect("decodes");
    assert_eq!(decoded.digest(), scenario.state.digest());
}

#[test]
fn an_answered_enquiry_ends_in_discharge_on_alternative_proof() {
    let mut scenario = with_guarantee(1_000_000_000);
    let mrn = overdue_truck(&mut scenario, "10AB013");
    let answer = Statement::AnswerEnquiry { mrn, evidence: test_commitment("exit stamp") };
    refused(&mut scenario, "carrier:ARAZ-TRUCKS", answer.clone(), "no_enquiry");
    let proof = Statement::CloseEnquiry {
        mrn,
        outcome: EnquiryOutcome::AlternativeProof,
        resolution: test_commitment("exit confirmed"),
    };
    refused(&mut scenario, CUSTOMS_ENTRY, proof.clone(), "no_enquiry");
    scenario.submit_ok(CUSTOMS_ENTRY, Statement::OpenEnquiry { mrn });
    refused(&mut scenario, CUSTOMS_ENTRY, proof.clone(), "no_evidence");
    refused(&mut scenario, "carrier:CASPIAN-RAIL", answer.clone(), "not_holder_or_office");
    scenario.submit_ok("carrier:ARAZ-TRUCKS", answer.clone());
    scenario.advance_ms(1);
    refused(&mut scenario, CUSTOMS_EXIT, answer, "already_answered");
    let events = scenario.submit_ok(CUSTOMS_ENTRY, proof);
    assert!(events.contains(&Event::Discharged { mrn }));
    let movement = scenario.state.movement(&mrn).expect("declared");
    assert_eq!(movement.status, MovementStatus::Discharged);
    assert_eq!(movement.open_incidents, 0);
    assert_eq!(engaged(&scenario.state, "GRN-1"), vec![]);
    assert_eq!(scenario.state.guarantees().guarantee(&ident("GRN-1")).expect("issued").called.0, 0);
    assert_eq!(scenario.replay().digest(), scenario.state.digest());
}

#[test]
fn nothing_is_discharged_or_cancelled_with_an_open_enquiry() {
    let mut scenario = with_guarantee(1_000_000_000);
    let mrn = scenario.declare_accepted("ARAZ-TRUCKS", guaranteed_truck("10AB014", "GRN-1"));
    scenario.advance_minutes(9 * 60);
    scenario.submit_ok(CUSTOMS_ENTRY, Statement::Tick);
    scenario.submit_ok(CUSTOMS_ENTRY, Statement::OpenEnquiry { mrn });
    refused(
        &mut scenario,
        CUSTOMS_ENTRY,
        Statement::Cancel { mrn, reason: ident("X") },
        "enquiry_open",
    );
    // The truck turns up after all: it passes both posts, and customs close the overdue
    // incident; the enquiry still stands in the way of a discharge.
    scenario.pass_post(mrn, "AM-MEGHRI-E");
    scenario.pass_post(mrn, "AM-AGARAK-X");
    let resolution = test_commitment("late but intact");
    scenario.submit_ok(CUSTOMS_EXIT, Statement::CloseIncident { mrn, incident: 1, resolution });
    refused(&mut scenario, CUSTOMS_EXIT, Statement::Discharge { mrn }, "enquiry_open");
}

#[test]
fn a_regime_that_requires_guarantees_refuses_an_unsecured_declaration() {
    let regime = passage_core::corridors::SYUNIK_REGIME_MONITORED
        .replace("requirement = \"optional\"", "requirement = \"required\"");
    let regime: &'static str = Box::leak(regime.into_boxed_str());
    let mut scenario = Scenario::new(&testing::ScenarioConfig::syunik_with_regime(regime));
    let unsecured = testing::truck(ROAD, "10AB015", "2022:080810", 18_000);
    refused(
        &mut scenario,
        "carrier:ARAZ-TRUCKS",
        Statement::Declare(unsecured),
        "guarantee_required",
    );
}

#[test]
fn an_unsecured_movement_is_recovered_from_its_holder() {
    let mut scenario = Scenario::syunik();
    let mrn = scenario
        .declare_accepted("ARAZ-TRUCKS", testing::truck(ROAD, "10AB016", "2022:080810", 18_000));
    scenario.advance_minutes(9 * 60);
    scenario.submit_ok(CUSTOMS_ENTRY, Statement::Tick);
    scenario.submit_ok(CUSTOMS_ENTRY, Statement::OpenEnquiry { mrn });
    scenario.advance_minutes(29 * 24 * 60);
    scenario.submit_ok(
        CUSTOMS_ENTRY,
        Statement::CloseEnquiry {
            mrn,
            outcome: EnquiryOutcome::Recovery,
            resolution: test_commitment("none"),
        },
    );
    let balance = scenario.state.ledger().balance(&Account::Carrier(ident("ARAZ-TRUCKS")), amd());
    assert_eq!(balance, AmountMinor(-360_000_000));
}

#[test]
fn revenue_is_remitted_to_its_party_treasury_and_never_beyond_the_balance() {
    let mut scenario = Scenario::syunik();
    let mrn = scenario
        .declare_accepted("ARAZ-TRUCKS", testing::truck(ROAD, "10AB017", "2022:080810", 18_000));
    scenario.complete(mrn);
    let revenue = Account::Revenue(ident("AM-TREASURY"));
    let balance = scenario.state.ledger().balance(&revenue, amd());
    assert!(balance.0 > 0, "the truck's fee went to the revenue accounts");
    let remit = |account: &str, amount: i64| Statement::Remit {
        account: ident(account),
        amount: AmountMinor(amount),
        currency: Currency::parse("AMD").expect("known"),
        reference: ident("TRANSFER-1"),
    };
    refused(&mut scenario, "authority:AM", remit("AM-TREASURY", balance.0 + 1), "beyond_balance");
    refused(&mut scenario, "authority:AZ", remit("AM-TREASURY", 1), "treasury_of_another_party");
    refused(&mut scenario, "authority:AM", remit("RECEIPTS", 1), "no_treasury");
    refused(&mut scenario, CUSTOMS_ENTRY, remit("AM-TREASURY", 1), "not_an_authority");
    refused(&mut scenario, "authority:AM", remit("AM-TREASURY", 0), "amount_not_positive");
    scenario.submit_ok("authority:AM", remit("AM-TREASURY", balance.0));
    let ledger = scenario.state.ledger();
    assert_eq!(ledger.balance(&revenue, amd()), AmountMinor::ZERO);
    assert_eq!(ledger.balance(&Account::Treasury(ident("AM")), amd()), balance);
    assert_eq!(ledger.total(amd()), 0);
    assert_eq!(scenario.replay().digest(), scenario.state.digest());
}
