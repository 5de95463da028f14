//! The procedure end to end: an eastbound truck whose seals fail at its entry post is
//! opened, resealed by customs (the monitor attests), released, passes its exit check on
//! the new seals and is discharged; `passage audit` recomputes the same state from the log.
//! The shipped corridor runs one way only, so the truck travels on the shipped corridor
//! with an eastbound road route added (`ScenarioConfig::syunik_two_way`).

use passage_core::movement::MovementStatus;
use passage_core::regime::Act;
use passage_core::statement::{
    EquipmentId, InspectionKind, InspectionOutcome, OfficerRole, SealCondition, Statement,
};
use passage_core::testing::{
    self, SYUNIK_EASTBOUND_ROAD_ROUTE, Scenario, ScenarioConfig, ident, officer_name,
    test_commitment,
};
use passage_core::{Event, Lane};

use crate::audit_replay::audit_scenario_as_json;

const AGARAK: &str = "AM-AGARAK-X";
const MEGHRI: &str = "AM-MEGHRI-E";

#[test]
fn an_eastbound_truck_inspected_resealed_and_released_is_recomputed_by_the_audit() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let mut scenario = Scenario::new(&ScenarioConfig::syunik_two_way());
    let customs = |post: &str| officer_name(OfficerRole::Customs, post);
    let declaration = testing::truck(SYUNIK_EASTBOUND_ROAD_ROUTE, "70EA001", "2022:080810", 16_500);
    let trailer = EquipmentId::Trailer(ident("70EA001-T"));
    let mrn = scenario.declare_accepted("ARAZ-TRUCKS", declaration);

    // Entry at Agarak: the seals found are not those declared, so the trailer goes red.
    scenario.advance_minutes(20);
    scenario.submit_ok(&customs(AGARAK), Statement::Arrive { mrn, post: ident(AGARAK) });
    let checker = scenario.officer_for(Act::SealCheck, AGARAK);
    scenario.submit_ok(
        &checker,
        Statement::SealCheck {
            mrn,
            post: ident(AGARAK),
            equipment: trailer,
            condition: SealCondition::Mismatch,
            seals_found: vec![ident("UNKNOWN-77")],
        },
    );
    let visit = &scenario.state.movement(&mrn).expect("declared").visits[0];
    assert_eq!(visit.units[0].lane, Lane::Red, "a seal mismatch sends the trailer to red");
    scenario.submit_ok(
        &customs(AGARAK),
        Statement::Inspection {
            mrn,
            post: ident(AGARAK),
            equipment: trailer,
            kind: InspectionKind::Physical,
            outcome: InspectionOutcome::Conform,
            findings: test_commitment("opened: apples as declared"),
        },
    );
    scenario.submit_ok(
        &customs(AGARAK),
        Statement::Reseal {
            mrn,
            post: ident(AGARAK),
            equipment: trailer,
            seals: vec![ident("AM-C-7001"), ident("AM-C-7002")],
        },
    );
    let reseal_entry = scenario.state.next_entry_index() - 1;
    scenario.submit_ok(
        &officer_name(OfficerRole::Monitor, AGARAK),
        Statement::Attest { mrn, entry: reseal_entry },
    );
    scenario.submit_ok(&customs(AGARAK), Statement::Release { mrn, post: ident(AGARAK) });
    scenario.submit_ok(&customs(AGARAK), Statement::Depart { mrn, post: ident(AGARAK) });

    // Exit check at Meghri on the seals customs affixed: intact, no lane raised.
    scenario.advance_minutes(50);
    scenario.submit_ok(&customs(MEGHRI), Statement::Arrive { mrn, post: ident(MEGHRI) });
    let events = scenario.clear_post(mrn, MEGHRI);
    assert!(events.contains(&Event::SealChecked {
        mrn,
        equipment: trailer,
        condition: SealCondition::Intact
    }));
    assert!(!events.iter().any(|event| matches!(event, Event::LaneRaised { .. })));
    scenario.submit_ok(&customs(MEGHRI), Statement::Discharge { mrn });
    assert_eq!(scenario.state.movement(&mrn).expect("declared").status, MovementStatus::Discharged);

    let (json, entry_count) = audit_scenario_as_json(&scenario, work.path());
    assert_eq!(json["state"]["entries"], entry_count);
    assert_eq!(json["state"]["digest"], hex::encode(scenario.state.digest()));
}
