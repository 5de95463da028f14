//! The procedure at and between posts: reseals, the outcomes that end a hold (return,
//! seizure, partial release), incidents en route with their place and transhipments, and
//! the procedure's particulars in a declaration; each with the refusals of its bad inputs.

use passage_core::movement::MovementStatus;
use passage_core::outcome::ProcedureEnding;
use passage_core::regime::Act;
use passage_core::statement::{
    Equipment, EquipmentId, IncidentKind, IncidentPlace, InspectionKind, InspectionOutcome,
    OfficerRole, ProcedureParticulars, Recorded, SealCondition, SeizureScope, Statement, Timestamp,
    Transhipment, TransportDocument, TransportDocumentKind,
};
use passage_core::testing::{
    Scenario, ScenarioConfig, container_train, ident, officer_name, test_commitment, truck,
};
use passage_core::{Event, Mrn, Refusal, State};

const MEGHRI: &str = "AM-MEGHRI-E";
const AGARAK: &str = "AM-AGARAK-X";
const WEST: &str = "AM-TRANSIT-ROAD";
/// The way back from Agarak to Meghri, which the two-way test corridor adds to the shipped
/// one (the shipped corridor runs one way only).
const EAST: &str = passage_core::testing::SYUNIK_EASTBOUND_ROAD_ROUTE;
const CARRIER: &str = "ARAZ-TRUCKS";
const RAIL_CARRIER: &str = "CASPIAN-RAIL";

fn customs(post: &str) -> String {
    officer_name(OfficerRole::Customs, post)
}

fn monitor(post: &str) -> String {
    officer_name(OfficerRole::Monitor, post)
}

/// The shipped corridor run both ways by road; `release` replaces who may release.
fn two_way(release: Option<&str>) -> Scenario {
    let mut config = ScenarioConfig::syunik_two_way();
    if let Some(release) = release {
        let regime = config.regime.replace("release = [\"customs:AM\"]", release);
        config.regime = Box::leak(regime.into_boxed_str());
    }
    Scenario::new(&config)
}

fn status(scenario: &Scenario, mrn: Mrn) -> MovementStatus {
    scenario.state.movement(&mrn).expect("declared").status
}

fn arrive(scenario: &mut Scenario, mrn: Mrn, post: &str) {
    scenario.advance_minutes(30);
    scenario.submit_ok(&customs(post), Statement::Arrive { mrn, post: ident(post) });
}

fn seal_check(
    scenario: &mut Scenario,
    mrn: Mrn,
    post: &str,
    equipment: EquipmentId,
    condition: SealCondition,
    seals_found: &[&str],
) -> Result<Vec<Event>, Refusal> {
    let officer = scenario.officer_for(Act::SealCheck, post);
    scenario.submit(
        &officer,
        Statement::SealCheck {
            mrn,
            post: ident(post),
            equipment,
            condition,
            seals_found: seals_found.iter().map(|seal| ident(seal)).collect(),
        },
    )
}

fn inspect(scenario: &mut Scenario, mrn: Mrn, post: &str, equipment: EquipmentId) -> Vec<Event> {
    scenario.submit_ok(
        &customs(post),
        Statement::Inspection {
            mrn,
            post: ident(post),
            equipment,
            kind: InspectionKind::Physical,
            outcome: InspectionOutcome::MajorDiscrepancy,
            findings: test_commitment("opened: goods as declared, one seal cut"),
        },
    )
}

fn reseal(
    scenario: &mut Scenario,
    mrn: Mrn,
    post: &str,
    equipment: EquipmentId,
    seals: &[&str],
) -> Result<Vec<Event>, Refusal> {
    scenario.submit(
        &customs(post),
        Statement::Reseal {
            mrn,
            post: ident(post),
            equipment,
            seals: seals.iter().map(|seal| ident(seal)).collect(),
        },
    )
}

fn trailer(plate: &str) -> EquipmentId {
    EquipmentId::Trailer(ident(&format!("{plate}-T")))
}

/// A westbound truck at Meghri whose trailer's seals do not match (red lane), opened by a
/// physical inspection.
fn opened_at_meghri(scenario: &mut Scenario, plate: &str) -> Mrn {
    let mrn = scenario.declare_accepted(CARRIER, truck(WEST, plate, "2022:080810", 18_000));
    arrive(scenario, mrn, MEGHRI);
    seal_check(scenario, mrn, MEGHRI, trailer(plate), SealCondition::Mismatch, &["CUT-1"])
        .expect("a mismatch is recorded");
    inspect(scenario, mrn, MEGHRI, trailer(plate));
    mrn
}

fn release_and_depart(scenario: &mut Scenario, mrn: Mrn, post: &str) {
    scenario.submit_ok(&customs(post), Statement::Release { mrn, post: ident(post) });
    scenario.submit_ok(&customs(post), Statement::Depart { mrn, post: ident(post) });
}

fn replays_to_the_live_state(scenario: &Scenario) {
    assert_eq!(scenario.replay().digest(), scenario.state.digest(), "replay gives the live state");
    let snapshot = scenario.state.encode_snapshot();
    let resumed = State::decode_snapshot(&snapshot).expect("the snapshot decodes");
    assert_eq!(resumed.digest(), scenario.state.digest(), "the snapshot gives the live state");
}

#[test]
fn a_resealed_unit_passes_its_next_seal_check_and_an_unrecorded_reseal_still_fails() {
    let mut scenario = Scenario::syunik();
    let mrn = opened_at_meghri(&mut scenario, "35AB123");
    let without_record = scenario.clone();

    let events = reseal(&mut scenario, mrn, MEGHRI, trailer("35AB123"), &["AM-C-0001"])
        .expect("customs reseal what they opened");
    assert!(events.contains(&Event::Resealed {
        mrn,
        equipment: trailer("35AB123"),
        seal_count: 1
    }));
    // The neutral mission attests the reseal as it attests an inspection.
    let reseal_entry = scenario.state.next_entry_index() - 1;
    scenario.submit_ok(&monitor(MEGHRI), Statement::Attest { mrn, entry: reseal_entry });
    release_and_depart(&mut scenario, mrn, MEGHRI);
    arrive(&mut scenario, mrn, AGARAK);
    let events = seal_check(
        &mut scenario,
        mrn,
        AGARAK,
        trailer("35AB123"),
        SealCondition::Intact,
        &["AM-C-0001"],
    )
    .expect("the seals now on the unit are the ones recorded");
    assert!(!events.iter().any(|event| matches!(event, Event::LaneRaised { .. })));
    let declared = &scenario.state.movement(&mrn).expect("declared").declaration.equipment[1];
    assert_eq!(declared.seals, vec![ident("AM-C-0001")]);
    replays_to_the_live_state(&scenario);

    // The same unit, its new seals never recorded: they differ from those on record, so
    // the exit check is a mismatch and the unit goes to the red lane.
    let mut scenario = without_record;
    release_and_depart(&mut scenario, mrn, MEGHRI);
    arrive(&mut scenario, mrn, AGARAK);
    let intact = seal_check(
        &mut scenario,
        mrn,
        AGARAK,
        trailer("35AB123"),
        SealCondition::Intact,
        &["AM-C-0001"],
    );
    assert_eq!(intact, Err(Refusal::SealsDiffer { equipment: trailer("35AB123") }));
    seal_check(
        &mut scenario,
        mrn,
        AGARAK,
        trailer("35AB123"),
        SealCondition::Mismatch,
        &["AM-C-0001"],
    )
    .expect("a mismatch is recorded");
    let visit = &scenario.state.movement(&mrn).expect("declared").visits[1];
    assert_eq!(visit.units[0].lane, passage_core::Lane::Red, "a mismatch goes to red");
}

#[test]
fn a_reseal_without_a_physical_inspection_or_with_a_bad_seal_list_is_refused() {
    let mut scenario = Scenario::syunik();
    let mrn = scenario.declare_accepted(CARRIER, truck(WEST, "35AB124", "2022:080810", 18_000));
    arrive(&mut scenario, mrn, MEGHRI);
    let before = scenario.state.digest();
    assert_eq!(
        reseal(&mut scenario, mrn, MEGHRI, trailer("35AB124"), &["AM-C-0002"]),
        Err(Refusal::ResealWithoutInspection {
            mrn,
            equipment: trailer("35AB124"),
            post: ident(MEGHRI)
        })
    );
    seal_check(
        &mut scenario,
        mrn,
        MEGHRI,
        trailer("35AB124"),
        SealCondition::Broken,
        &["SEAL-35AB124"],
    )
    .expect("a broken seal is recorded");
    inspect(&mut scenario, mrn, MEGHRI, trailer("35AB124"));
    let before_reseal = scenario.state.digest();
    assert_eq!(
        reseal(&mut scenario, mrn, MEGHRI, trailer("35AB124"), &[]),
        Err(Refusal::BadSealList { equipment: trailer("35AB124") })
    );
    assert_eq!(
        reseal(&mut scenario, mrn, MEGHRI, trailer("35AB124"), &["AM-C-1", "AM-C-1"]),
        Err(Refusal::BadSealList { equipment: trailer("35AB124") })
    );
    let elsewhere = scenario.submit(
        &customs(AGARAK),
        Statement::Reseal {
            mrn,
            post: ident(MEGHRI),
            equipment: trailer("35AB124"),
            seals: vec![ident("AM-C-1")],
        },
    );
    assert!(matches!(elsewhere, Err(Refusal::NotPostedHere { .. })));
    // A monitor may attest but not reseal under the monitored regime.
    let by_monitor = scenario.submit(
        &monitor(MEGHRI),
        Statement::Reseal {
            mrn,
            post: ident(MEGHRI),
            equipment: trailer("35AB124"),
            seals: vec![ident("AM-C-1")],
        },
    );
    assert!(matches!(by_monitor, Err(Refusal::RoleNotAllowed { .. })));
    assert_eq!(scenario.state.digest(), before_reseal, "a refused reseal changes nothing");
    assert_ne!(before, before_reseal);
}

#[test]
fn a_movement_turned_back_at_its_first_post_ends_there_without_a_fee() {
    let mut scenario = Scenario::syunik();
    let mrn = scenario.declare_accepted(CARRIER, truck(WEST, "35AB125", "2022:080810", 18_000));
    arrive(&mut scenario, mrn, MEGHRI);
    let turn_back = Statement::Return { mrn, post: ident(MEGHRI), route: None };
    assert_eq!(
        scenario.submit(&customs(MEGHRI), turn_back.clone()),
        Err(Refusal::NotHeldOrInspected { mrn, post: ident(MEGHRI), action: "turn it back" })
    );
    scenario.submit_ok(
        &customs(MEGHRI),
        Statement::Hold {
            mrn,
            post: ident(MEGHRI),
            reason: passage_core::statement::HoldReason::Documents,
        },
    );
    let by_route = scenario.submit(
        &customs(MEGHRI),
        Statement::Return { mrn, post: ident(MEGHRI), route: Some(ident(WEST)) },
    );
    assert!(matches!(by_route, Err(Refusal::ReturnRouteNotAllowed { .. })));
    let events = scenario.submit_ok(&customs(MEGHRI), turn_back);
    assert!(events.contains(&Event::ProcedureEnded { mrn, ending: ProcedureEnding::Returned }));
    assert_eq!(status(&scenario, mrn), MovementStatus::Returned);
    assert_eq!(scenario.state.movement(&mrn).expect("declared").fee, None);
    assert_eq!(scenario.state.movement_counts_at_posts().iter().sum::<u64>(), 0);
    // Its time limit no longer runs: a day later it has not gone overdue.
    scenario.advance_minutes(24 * 60);
    scenario.submit_ok(&customs(MEGHRI), Statement::Tick);
    assert_eq!(scenario.state.movement(&mrn).expect("declared").open_incidents, 0);
    let depart = scenario.submit(&customs(MEGHRI), Statement::Depart { mrn, post: ident(MEGHRI) });
    assert!(matches!(depart, Err(Refusal::WrongStatus { .. })));
    replays_to_the_live_state(&scenario);
}

#[test]
fn a_movement_returned_from_a_later_post_goes_back_by_an_allowed_route_and_is_discharged() {
    let mut scenario = two_way(None);
    let mrn = scenario.declare_accepted(CARRIER, truck(WEST, "35AB126", "2022:080810", 18_000));
    arrive(&mut scenario, mrn, MEGHRI);
    scenario.clear_post(mrn, MEGHRI);
    let fee = scenario.state.movement(&mrn).expect("declared").fee;
    assert!(fee.is_some(), "the fee is assessed at release in Meghri");
    arrive(&mut scenario, mrn, AGARAK);
    scenario.submit_ok(
        &customs(AGARAK),
        Statement::Hold {
            mrn,
            post: ident(AGARAK),
            reason: passage_core::statement::HoldReason::Security,
        },
    );
    let back = |route: Option<&str>| Statement::Return {
        mrn,
        post: ident(AGARAK),
        route: route.map(ident),
    };
    let before = scenario.state.digest();
    assert_eq!(
        scenario.submit(&customs(AGARAK), back(None)),
        Err(Refusal::ReturnRouteNeeded { mrn, post: ident(AGARAK) })
    );
    assert_eq!(
        scenario.submit(&customs(AGARAK), back(Some(WEST))),
        Err(Refusal::ReturnRouteNotAllowed {
            mrn,
            route: ident(WEST),
            reason: "it does not start at the post the movement is at"
        })
    );
    assert_eq!(
        scenario.submit(&customs(AGARAK), back(Some("NO-SUCH-ROUTE"))),
        Err(Refusal::UnknownRoute(ident("NO-SUCH-ROUTE")))
    );
    assert_eq!(scenario.state.digest(), before, "refused returns change nothing");
    let events = scenario.submit_ok(&customs(AGARAK), back(Some(EAST)));
    assert!(events.contains(&Event::Returned {
        mrn,
        post: ident(AGARAK),
        route: Some(ident(EAST))
    }));
    scenario.submit_ok(&customs(AGARAK), Statement::Depart { mrn, post: ident(AGARAK) });
    arrive(&mut scenario, mrn, MEGHRI);
    assert_eq!(status(&scenario, mrn), MovementStatus::AtDestination);
    scenario.clear_post(mrn, MEGHRI);
    scenario.submit_ok(&customs(MEGHRI), Statement::Discharge { mrn });
    assert_eq!(status(&scenario, mrn), MovementStatus::Discharged);
    assert_eq!(scenario.state.movement(&mrn).expect("declared").fee, fee, "one fee only");
    replays_to_the_live_state(&scenario);
}

#[test]
fn only_the_operating_state_seizes_and_a_seized_movement_ends() {
    // A regime that lets monitors release too: a seizure stays the operating state's act.
    let mut scenario = two_way(Some("release = [\"customs:AM\", \"monitor\"]"));
    let mrn = opened_at_meghri(&mut scenario, "35AB127");
    let seize = Statement::Seize { mrn, post: ident(MEGHRI), scope: SeizureScope::Goods };
    assert_eq!(
        scenario.submit(&monitor(MEGHRI), seize.clone()),
        Err(Refusal::NotThePostsOperator {
            key: passage_core::testing::public_key_for(&monitor(MEGHRI)),
            post: ident(MEGHRI),
            operator: ident("AM"),
            action: "seize it",
        })
    );
    let events = scenario.submit_ok(&customs(MEGHRI), seize);
    assert!(events.contains(&Event::ProcedureEnded {
        mrn,
        ending: ProcedureEnding::Seized(SeizureScope::Goods)
    }));
    assert_eq!(status(&scenario, mrn), MovementStatus::Seized);
    let again = scenario.submit(
        &customs(MEGHRI),
        Statement::Seize { mrn, post: ident(MEGHRI), scope: SeizureScope::GoodsAndEquipment },
    );
    assert!(matches!(again, Err(Refusal::WrongStatus { .. })));
    scenario.advance_minutes(24 * 60);
    scenario.submit_ok(&customs(MEGHRI), Statement::Tick);
    assert_eq!(scenario.state.movement(&mrn).expect("declared").open_incidents, 0);
    replays_to_the_live_state(&scenario);
}

#[test]
fn a_partial_release_detains_units_charges_the_rest_and_refuses_acts_on_the_detained() {
    let mut scenario = Scenario::syunik();
    let train = container_train("AM-TRANSIT-RAIL", 2, 10, &["2022:080810"]);
    let containers: Vec<EquipmentId> = train
        .equipment
        .iter()
        .map(|unit| unit.id)
        .filter(|id| matches!(id, EquipmentId::Container(_)))
        .collect();
    let whole = scenario.declare_accepted(RAIL_CARRIER, train.clone());
    scenario.advance_minutes(1);
    let mrn = scenario.declare_accepted(RAIL_CARRIER, train);
    arrive(&mut scenario, whole, MEGHRI);
    scenario.clear_post(whole, MEGHRI);
    arrive(&mut scenario, mrn, MEGHRI);
    for (container, seals) in
        containers.iter().zip([["SL0000010A", "SL0000010B"], ["SL0000011A", "SL0000011B"]])
    {
        seal_check(&mut scenario, mrn, MEGHRI, *container, SealCondition::Intact, &seals)
            .expect("intact");
    }
    scenario.submit_ok(
        &customs(MEGHRI),
        Statement::Hold {
            mrn,
            post: ident(MEGHRI),
            reason: passage_core::statement::HoldReason::Inspection,
        },
    );
    let part =
        |detained: Vec<EquipmentId>| Statement::ReleasePart { mrn, post: ident(MEGHRI), detained };
    let before = scenario.state.digest();
    for detained in [vec![], containers.clone(), vec![containers[0], containers[0]]] {
        assert_eq!(
            scenario.submit(&customs(MEGHRI), part(detained)),
            Err(Refusal::BadDetainedList { mrn })
        );
    }
    let stranger = EquipmentId::Truck(ident("NOT-HERE"));
    assert_eq!(
        scenario.submit(&customs(MEGHRI), part(vec![stranger])),
        Err(Refusal::UnknownEquipment { mrn, equipment: stranger })
    );
    assert_eq!(scenario.state.digest(), before, "refused partial releases change nothing");
    // Lanes drawn for the released container must have had their controls.
    let lane = scenario.state.movement(&mrn).expect("declared").visits[0].units[1].lane;
    if lane != passage_core::Lane::Green {
        inspect(&mut scenario, mrn, MEGHRI, containers[1]);
    }
    let events = scenario.submit_ok(&customs(MEGHRI), part(vec![containers[0]]));
    assert!(events.contains(&Event::PartlyReleased {
        mrn,
        post: ident(MEGHRI),
        detained: vec![containers[0]]
    }));
    let fee_of = |scenario: &Scenario, mrn: Mrn| {
        scenario.state.movement(&mrn).expect("declared").fee.expect("assessed").0.0
    };
    assert!(
        fee_of(&scenario, mrn) < fee_of(&scenario, whole),
        "the detained container's goods are not charged"
    );
    scenario.submit_ok(&customs(MEGHRI), Statement::Depart { mrn, post: ident(MEGHRI) });
    arrive(&mut scenario, mrn, AGARAK);
    assert_eq!(
        seal_check(
            &mut scenario,
            mrn,
            AGARAK,
            containers[0],
            SealCondition::Intact,
            &["SL0000010A", "SL0000010B"]
        ),
        Err(Refusal::EquipmentDetained { mrn, equipment: containers[0] })
    );
    let units = &scenario.state.movement(&mrn).expect("declared").visits[1].units;
    assert_eq!(units.len(), 1, "only the released container is under control at Agarak");
    replays_to_the_live_state(&scenario);
}

fn incident(
    mrn: Mrn,
    kind: IncidentKind,
    place: IncidentPlace,
    transhipments: Vec<Transhipment>,
) -> Statement {
    Statement::RecordIncident {
        mrn,
        kind,
        place,
        transhipments,
        details: test_commitment("trailer axle broke 12 km past Meghri; goods moved"),
    }
}

#[test]
fn incidents_en_route_are_placed_on_the_route_and_a_transhipment_moves_goods_and_seals() {
    let mut scenario = Scenario::syunik();
    let mrn = scenario.declare_accepted(CARRIER, truck(WEST, "35AB128", "2022:080810", 18_000));
    arrive(&mut scenario, mrn, MEGHRI);
    scenario.clear_post(mrn, MEGHRI);
    let on_segment =
        |position_m| IncidentPlace::Segment { from: ident(MEGHRI), to: ident(AGARAK), position_m };
    let new_trailer = Equipment {
        id: EquipmentId::Trailer(ident("35XY999-T")),
        container_size: None,
        seals: vec![ident("AM-C-0009")],
    };
    let moved = vec![Transhipment { from: trailer("35AB128"), to: new_trailer.clone() }];
    let officer = customs(MEGHRI);
    let before = scenario.state.digest();
    let refused = [
        (
            incident(mrn, IncidentKind::Accident, on_segment(44_001), vec![]),
            Refusal::PositionPastSegment {
                from: ident(MEGHRI),
                to: ident(AGARAK),
                position_m: 44_001,
                length_m: 44_000,
            },
        ),
        (
            incident(
                mrn,
                IncidentKind::Accident,
                IncidentPlace::Segment { from: ident(AGARAK), to: ident(MEGHRI), position_m: 10 },
                vec![],
            ),
            Refusal::IncidentOffRoute {
                mrn,
                place: format!("the segment from {AGARAK} to {MEGHRI}"),
            },
        ),
        (
            incident(mrn, IncidentKind::Accident, IncidentPlace::Post(ident("AZ-JULFA")), vec![]),
            Refusal::IncidentOffRoute { mrn, place: "post AZ-JULFA".to_owned() },
        ),
        (
            incident(mrn, IncidentKind::Transshipment, on_segment(12_000), vec![]),
            Refusal::TranshipmentMismatch,
        ),
        (
            incident(mrn, IncidentKind::Accident, on_segment(12_000), moved.clone()),
            Refusal::TranshipmentMismatch,
        ),
        (
            incident(mrn, IncidentKind::Overdue, on_segment(12_000), vec![]),
            Refusal::OverdueIsRaisedByTime,
        ),
        (
            incident(
                mrn,
                IncidentKind::Transshipment,
                on_segment(12_000),
                vec![Transhipment {
                    from: trailer("35AB128"),
                    to: Equipment {
                        id: EquipmentId::Truck(ident("35AB128")),
                        ..new_trailer.clone()
                    },
                }],
            ),
            Refusal::BadTranshipment {
                mrn,
                equipment: EquipmentId::Truck(ident("35AB128")),
                reason: "the movement would carry this unit twice",
            },
        ),
    ];
    for (statement, refusal) in refused {
        assert_eq!(scenario.submit(&officer, statement), Err(refusal));
    }
    assert_eq!(scenario.state.digest(), before, "refused incidents change nothing");

    let events = scenario
        .submit_ok(&officer, incident(mrn, IncidentKind::Transshipment, on_segment(12_000), moved));
    assert!(events.contains(&Event::Transhipped {
        mrn,
        from: trailer("35AB128"),
        to: new_trailer.id
    }));
    arrive(&mut scenario, mrn, AGARAK);
    seal_check(&mut scenario, mrn, AGARAK, new_trailer.id, SealCondition::Intact, &["AM-C-0009"])
        .expect("the new trailer's seals are on record");
    assert!(matches!(
        seal_check(
            &mut scenario,
            mrn,
            AGARAK,
            trailer("35AB128"),
            SealCondition::Intact,
            &["SEAL-35AB128"]
        ),
        Err(Refusal::UnknownEquipment { .. })
    ));
    scenario.advance_minutes(1);
    scenario.clear_post(mrn, AGARAK);
    // Nothing is discharged with an open incident.
    let discharge = scenario.submit(&customs(AGARAK), Statement::Discharge { mrn });
    assert_eq!(discharge, Err(Refusal::OpenIncidents { mrn, count: 1 }));
    let incident_entry = scenario.state.movement(&mrn).expect("declared").incidents[0].opened_entry;
    assert_eq!(
        scenario.state.movement(&mrn).expect("declared").incidents[0].reported_post,
        None,
        "an incident on a segment is at no post"
    );
    assert!(incident_entry > 0);
    replays_to_the_live_state(&scenario);
}

fn particulars(documents: &[(TransportDocumentKind, &str)], driver: bool) -> ProcedureParticulars {
    ProcedureParticulars {
        holder: ident("AM00012345"),
        transport_documents: documents
            .iter()
            .map(|(kind, number)| TransportDocument { kind: *kind, number: ident(number) })
            .collect(),
        driver: driver.then(|| test_commitment("driver: A. Petrosyan, licence AM123456")),
    }
}

#[test]
fn the_procedures_particulars_fit_the_traffic_and_old_declarations_keep_their_bytes() {
    let mut scenario = Scenario::syunik();
    let plain = truck(WEST, "35AB129", "2022:080810", 18_000);
    let with = passage_core::statement::Declaration {
        particulars: Some(particulars(&[(TransportDocumentKind::Cmr, "CMR-2026-0042")], true)),
        ..plain.clone()
    };
    // A declaration without particulars encodes exactly as before they existed: its
    // last bytes are the consignee's commitment.
    let bytes =
        Recorded::new(Timestamp(1), Statement::Declare(plain.clone())).encode().expect("encodes");
    assert_eq!(bytes[bytes.len() - 32..], plain.consignee.0);
    let mut zero_marker = bytes.clone();
    zero_marker.push(0);
    assert!(matches!(
        Recorded::decode(&zero_marker),
        Err(passage_core::DecodeError::NotCanonical { .. })
    ));
    let recorded = Recorded::new(Timestamp(1), Statement::Declare(with.clone()));
    let decoded = Recorded::decode(&recorded.encode().expect("encodes")).expect("decodes");
    assert_eq!(decoded, recorded);

    let mrn = scenario.declare_accepted(CARRIER, with);
    let movement = scenario.state.movement(&mrn).expect("declared");
    assert_eq!(
        movement.declaration.particulars.as_ref().expect("kept").holder,
        ident("AM00012345")
    );

    let rail = container_train("AM-TRANSIT-RAIL", 1, 20, &["2022:080810"]);
    let bad: [(passage_core::statement::Declaration, &str); 4] = [
        (
            passage_core::statement::Declaration {
                particulars: Some(particulars(&[(TransportDocumentKind::Cmr, "CMR-1")], false)),
                ..rail.clone()
            },
            "goods by rail travel on a CIM, SMGS or CIM/SMGS note",
        ),
        (
            passage_core::statement::Declaration {
                particulars: Some(particulars(&[(TransportDocumentKind::Smgs, "SMGS-1")], true)),
                ..rail.clone()
            },
            "only a road movement names a driver",
        ),
        (
            passage_core::statement::Declaration {
                particulars: Some(particulars(&[(TransportDocumentKind::Cim, "CIM-1")], false)),
                ..plain.clone()
            },
            "goods by road travel on a CMR consignment note",
        ),
        (
            passage_core::statement::Declaration {
                particulars: Some(particulars(
                    &[(TransportDocumentKind::Cmr, "CMR-1"), (TransportDocumentKind::Cmr, "CMR-1")],
                    true,
                )),
                ..plain
            },
            "a transport document is listed twice",
        ),
    ];
    let before = scenario.state.digest();
    for (declaration, problem) in bad {
        let carrier = if declaration.route == ident(WEST) { CARRIER } else { RAIL_CARRIER };
        assert_eq!(
            scenario.submit(&format!("carrier:{carrier}"), Statement::Declare(declaration)),
            Err(Refusal::InvalidDeclaration(problem.to_owned()))
        );
    }
    assert_eq!(scenario.state.digest(), before);
    let rail_ok = passage_core::statement::Declaration {
        particulars: Some(particulars(&[(TransportDocumentKind::CimSmgs, "CIMSMGS-7")], false)),
        ..rail
    };
    scenario.declare_accepted(RAIL_CARRIER, rail_ok);
    replays_to_the_live_state(&scenario);
}

#[test]
fn outcomes_for_a_movement_not_at_the_post_are_refused() {
    let mut scenario = Scenario::syunik();
    let mrn = scenario.declare(CARRIER, truck(WEST, "35AB130", "2022:080810", 18_000));
    let post = ident(MEGHRI);
    let statements = [
        Statement::Reseal { mrn, post, equipment: trailer("35AB130"), seals: vec![ident("S")] },
        Statement::Return { mrn, post, route: None },
        Statement::Seize { mrn, post, scope: SeizureScope::Equipment },
        Statement::ReleasePart { mrn, post, detained: vec![trailer("35AB130")] },
    ];
    let before = scenario.state.digest();
    for statement in statements {
        assert_eq!(
            scenario.submit(&customs(MEGHRI), statement),
            Err(Refusal::NotAtPost { mrn, post })
        );
    }
    assert_eq!(scenario.state.digest(), before);
}

#[test]
fn an_outcome_waits_for_the_draw_so_a_pending_draw_always_names_a_movement_at_its_post() {
    let mut scenario = Scenario::syunik();
    scenario.auto_draw = false;
    let mrn = scenario.declare_accepted(CARRIER, truck(WEST, "35AB131", "2022:080810", 18_000));
    arrive(&mut scenario, mrn, MEGHRI);
    let tree_size = *scenario.state.draws_pending().keys().next().expect("a draw pending");
    scenario.submit_ok(
        &customs(MEGHRI),
        Statement::Hold {
            mrn,
            post: ident(MEGHRI),
            reason: passage_core::statement::HoldReason::Security,
        },
    );
    let pending = Refusal::LanePending { mrn, post: ident(MEGHRI), tree_size };
    for statement in [
        Statement::Seize { mrn, post: ident(MEGHRI), scope: SeizureScope::Goods },
        Statement::Return { mrn, post: ident(MEGHRI), route: None },
        Statement::ReleasePart { mrn, post: ident(MEGHRI), detained: vec![trailer("35AB131")] },
    ] {
        assert_eq!(scenario.submit(&customs(MEGHRI), statement), Err(pending.clone()));
    }
    scenario.resolve_draws();
    scenario.submit_ok(
        &customs(MEGHRI),
        Statement::Seize { mrn, post: ident(MEGHRI), scope: SeizureScope::Goods },
    );
    replays_to_the_live_state(&scenario);
}

/// Holds the train at `post`, checks the seals of `containers`, inspects those not in the
/// green lane, and releases it in part, detaining `detained`.
fn release_in_part_at(
    scenario: &mut Scenario,
    mrn: Mrn,
    post: &str,
    containers: &[(EquipmentId, Vec<String>)],
    detained: EquipmentId,
) {
    arrive(scenario, mrn, post);
    for (container, seals) in containers {
        let seals: Vec<&str> = seals.iter().map(String::as_str).collect();
        seal_check(scenario, mrn, post, *container, SealCondition::Intact, &seals).expect("intact");
    }
    let hold = passage_core::statement::HoldReason::Inspection;
    scenario.submit_ok(&customs(post), Statement::Hold { mrn, post: ident(post), reason: hold });
    let visit =
        scenario.state.movement(&mrn).expect("declared").visits.last().expect("at a post").clone();
    let movement = scenario.state.movement(&mrn).expect("declared").clone();
    for unit in visit.units.iter().filter(|unit| unit.lane != passage_core::Lane::Green) {
        let equipment = movement.declaration.equipment[usize::from(unit.equipment_index)].id;
        if equipment != detained {
            inspect(scenario, mrn, post, equipment);
        }
    }
    let part = Statement::ReleasePart { mrn, post: ident(post), detained: vec![detained] };
    scenario.submit_ok(&customs(post), part);
}

#[test]
fn units_detained_at_two_posts_both_stay_detained() {
    let mut scenario = Scenario::syunik();
    let train = container_train("AM-TRANSIT-RAIL", 3, 10, &["2022:080810"]);
    let containers: Vec<(EquipmentId, Vec<String>)> = train
        .equipment
        .iter()
        .filter(|unit| matches!(unit.id, EquipmentId::Container(_)))
        .map(|unit| (unit.id, unit.seals.iter().map(ToString::to_string).collect()))
        .collect();
    let index_of = |id: EquipmentId| {
        train.equipment.iter().position(|unit| unit.id == id).expect("declared") as u16
    };
    let mrn = scenario.declare_accepted(RAIL_CARRIER, train.clone());
    release_in_part_at(&mut scenario, mrn, MEGHRI, &containers, containers[0].0);
    scenario.submit_ok(&customs(MEGHRI), Statement::Depart { mrn, post: ident(MEGHRI) });
    release_in_part_at(&mut scenario, mrn, AGARAK, &containers[1..], containers[1].0);
    let movement = scenario.state.movement(&mrn).expect("declared");
    assert_eq!(
        movement.detained,
        vec![index_of(containers[0].0), index_of(containers[1].0)],
        "the unit detained at the first post is still detained after the second"
    );
    assert_eq!(movement.units, vec![index_of(containers[2].0)], "one unit goes on");
    replays_to_the_live_state(&scenario);
}
