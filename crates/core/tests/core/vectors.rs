//! Test vectors for other implementations of the statement encoding: at least one
//! statement of every kind, built from fixed keys and salts, with its canonical bytes, its
//! signer, its signature and its id, written as JSON to
//! `crates/node/terminal/test/vectors.json`, where the post terminal's JavaScript encoder
//! reproduces each byte for byte (`node --test crates/node/terminal/test/`).
//!
//! The file is compared with what the core gives now: a change to the wire format, or a
//! kind without a vector, fails here; `UPDATE_EXPECT=1` rewrites the file after a
//! deliberate change. Every field appears in the JSON the way the terminal's encoder takes
//! it (`crates/node/terminal/encoding.js` says how), and the JSON is written by one
//! exhaustive match over `Statement`, so a new kind does not compile until it has its JSON.

use passage_core::draw::{DrawProofs, VrfProof};
use passage_core::ids::{AmountMinor, Currency, HsCode, UicWagonNumber};
use passage_core::signed::SignedStatement;
use passage_core::statement::{
    Commitment, ContainerSize, ContestAnswer, ContestDecision, Declaration, EnquiryOutcome,
    Equipment, EquipmentId, Figure, FigureLine, GoodsItem, GuaranteeCover, HoldReason,
    IncidentKind, IncidentPlace, InspectionKind, InspectionOutcome, ObservationCategory,
    OfficerRole, ProcedureParticulars, PublicKey, Recorded, SealCondition, SeizureScope, Statement,
    StatementKind, Timestamp, TrafficClass, Transhipment, TransportDocument, TransportDocumentKind,
};
use passage_core::testing::{DAY_START, container_number, flat_wagon_number, ident, key_for};
use passage_core::{CountryCode, Mrn};
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};

/// One vector: a statement, who signs it, and the openings of its commitments.
struct Vector {
    name: &'static str,
    signer: &'static str,
    recorded: Recorded,
    openings: Vec<Opening>,
}

/// A commitment's opening, named as the node names the commitment.
struct Opening {
    field: String,
    salt: [u8; 32],
    payload: String,
}

/// Commits to payloads with salts derived from the vector's name and the field, so the
/// vectors are the same at every run (real salts are random).
struct Openings {
    vector: &'static str,
    openings: Vec<Opening>,
}

impl Openings {
    fn new(vector: &'static str) -> Openings {
        Openings { vector, openings: Vec::new() }
    }

    fn commit(&mut self, field: &str, payload: &str) -> Commitment {
        let salt: [u8; 32] =
            Sha256::digest(format!("passage vector salt\n{}\n{field}", self.vector)).into();
        self.openings.push(Opening { field: field.into(), salt, payload: payload.into() });
        Commitment::compute(&salt, payload.as_bytes())
    }
}

fn mrn() -> Mrn {
    Mrn::parse("26AM000000000042J4").expect("the worked example's MRN")
}

fn key(name: &str) -> PublicKey {
    PublicKey(key_for(name).verifying_key().to_bytes())
}

fn currency(code: &str) -> Currency {
    Currency::parse(code).expect("a known currency")
}

fn hs(code: &str) -> HsCode {
    HsCode::parse(code).expect("a valid HS code")
}

fn country(code: &str) -> CountryCode {
    CountryCode::parse(code).expect("a valid country")
}

/// Bytes that stand for a hash or proof: the encoding does not look inside.
fn filler<const N: usize>(seed: u8) -> [u8; N] {
    std::array::from_fn(|index| seed.wrapping_mul(31).wrapping_add(index as u8))
}

/// A 32-character identifier: the longest an `ident` may be.
const LONGEST_IDENT: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.:/9";

fn container_train(openings: &mut Openings) -> Declaration {
    let equipment = vec![
        Equipment {
            id: EquipmentId::Wagon1520(flat_wagon_number(1)),
            container_size: None,
            seals: vec![],
        },
        Equipment {
            id: EquipmentId::Container(container_number(10)),
            container_size: Some(ContainerSize::Feet40),
            seals: vec![ident("SL-0001"), ident("SL-0002")],
        },
        Equipment {
            id: EquipmentId::UicWagon(UicWagonNumber::parse("218124712173").expect("valid")),
            container_size: None,
            seals: vec![ident("S")],
        },
        Equipment {
            id: EquipmentId::Container(container_number(11)),
            container_size: Some(ContainerSize::Feet20),
            seals: vec![],
        },
        Equipment {
            id: EquipmentId::Container(container_number(12)),
            container_size: Some(ContainerSize::Feet45),
            seals: vec![ident(LONGEST_IDENT)],
        },
    ];
    let goods = [(1u16, "2022:850440", 20_000u64, "CN"), (3, "2017:30022000", 1, "KZ")]
        .into_iter()
        .enumerate()
        .map(|(index, (equipment_index, code, mass, origin))| GoodsItem {
            equipment_index,
            hs_code: hs(code),
            gross_mass_kg: mass,
            origin: country(origin),
            description: openings
                .commit(&format!("goods/{index}/description"), "Transformers, 40 units"),
            value: openings.commit(&format!("goods/{index}/value"), "120000 USD"),
        })
        .collect();
    Declaration {
        route: ident("AM-TRANSIT-RAIL"),
        traffic_class: TrafficClass::CargoRail,
        equipment,
        goods,
        passenger_count: 0,
        consignee: openings.commit("consignee", "Nakhchivan Trade LLC, Nakhchivan"),
        particulars: None,
        guarantee: None,
    }
}

fn truck(openings: &mut Openings) -> Declaration {
    Declaration {
        route: ident("AM-TRANSIT-ROAD"),
        traffic_class: TrafficClass::CargoRoad,
        equipment: vec![
            Equipment {
                id: EquipmentId::Truck(ident("10AB301")),
                container_size: None,
                seals: vec![],
            },
            Equipment {
                id: EquipmentId::Trailer(ident("10AB301-T")),
                container_size: None,
                seals: vec![ident("TIR-778812")],
            },
        ],
        goods: vec![GoodsItem {
            equipment_index: 1,
            hs_code: hs("2028:0808108000"),
            gross_mass_kg: u64::MAX,
            origin: country("AZ"),
            description: openings.commit("goods/0/description", "Apples, Գոլդեն"),
            value: openings.commit("goods/0/value", "9000 EUR"),
        }],
        passenger_count: u32::MAX,
        consignee: openings.commit("consignee", "Ağdam Meyvə MMC"),
        particulars: None,
        guarantee: None,
    }
}

fn particulars(openings: &mut Openings, driver: bool) -> ProcedureParticulars {
    ProcedureParticulars {
        holder: ident("AZ1234567890"),
        transport_documents: vec![
            TransportDocument { kind: TransportDocumentKind::Cmr, number: ident("CMR-2026-1") },
            TransportDocument { kind: TransportDocumentKind::Cim, number: ident("C") },
            TransportDocument { kind: TransportDocumentKind::Smgs, number: ident("SMGS/77") },
            TransportDocument { kind: TransportDocumentKind::CimSmgs, number: ident("CS.9") },
        ],
        driver: driver.then(|| openings.commit("driver", "Rəşad Məmmədov, licence AZ 0012345")),
    }
}

/// Every vector, at least one per kind; several where a kind has optional parts or lists.
fn vectors() -> Vec<Vector> {
    let mut vectors = Vec::new();
    let mut time = DAY_START.0;
    let mut add =
        |name: &'static str, signer: &'static str, build: &dyn Fn(&mut Openings) -> Statement| {
            let mut openings = Openings::new(name);
            let statement = build(&mut openings);
            time += 61_001;
            vectors.push(Vector {
                name,
                signer,
                recorded: Recorded::new(Timestamp(time), statement),
                openings: openings.openings,
            });
        };
    add("charter", "authority:AM", &|_| Statement::Charter {
        document: "[corridor]\nname = \"Սյունիք — Syunik\"\n".into(),
    });
    add("propose_regime", "authority:AZ", &|_| Statement::ProposeRegime {
        effective_from: Timestamp(u64::MAX),
        document: String::new(),
    });
    add("approve_regime", "authority:MON", &|_| Statement::ApproveRegime { proposal_entry: 7 });
    add("enrol_officer", "authority:AM", &|_| Statement::EnrolOfficer {
        key: key("customs:AM-MEGHRI-E"),
        role: OfficerRole::Customs,
        posts: vec![ident("AM-MEGHRI-E")],
    });
    add("enrol_officer-64-posts", "authority:MON", &|_| Statement::EnrolOfficer {
        key: key("monitor:everywhere"),
        role: OfficerRole::Monitor,
        posts: (0..64).map(|index| ident(&format!("POST-{index:02}"))).collect(),
    });
    add("enrol_officer-no-posts", "authority:AM", &|_| Statement::EnrolOfficer {
        key: key("border_guard:nowhere"),
        role: OfficerRole::BorderGuard,
        posts: vec![],
    });
    add("revoke_key", "authority:AM", &|_| Statement::RevokeKey {
        key: key("customs:AM-MEGHRI-E"),
    });
    add("register_carrier", "authority:AZ", &|_| Statement::RegisterCarrier {
        carrier: ident("ARAZ-TRUCKS"),
        name: "Araz Trucks — Araz Yük Daşımaları".into(),
        key: key("carrier:ARAZ-TRUCKS"),
    });
    add("declare-container-train", "carrier:CASPIAN-RAIL", &|openings| {
        Statement::Declare(container_train(openings))
    });
    add("declare-truck", "carrier:ARAZ-TRUCKS", &|openings| Statement::Declare(truck(openings)));
    add("declare-with-particulars", "carrier:ARAZ-TRUCKS", &|openings| {
        let mut declaration = truck(openings);
        declaration.particulars = Some(particulars(openings, true));
        Statement::Declare(declaration)
    });
    add("declare-with-guarantee", "carrier:ARAZ-TRUCKS", &|openings| {
        let mut declaration = truck(openings);
        declaration.guarantee = Some(ident("GRN-26AM-0001"));
        Statement::Declare(declaration)
    });
    add("declare-with-particulars-and-guarantee", "carrier:ARAZ-TRUCKS", &|openings| {
        let mut declaration = truck(openings);
        declaration.particulars = Some(ProcedureParticulars {
            transport_documents: vec![],
            ..particulars(openings, false)
        });
        declaration.guarantee = Some(ident("G"));
        Statement::Declare(declaration)
    });
    add("declare-empty", "carrier:ARAZ-TRUCKS", &|openings| {
        Statement::Declare(Declaration {
            route: ident("R"),
            traffic_class: TrafficClass::Passengers,
            equipment: vec![],
            goods: vec![],
            passenger_count: 41,
            consignee: openings.commit("consignee", ""),
            particulars: None,
            guarantee: None,
        })
    });
    add("amend", "carrier:CASPIAN-RAIL", &|openings| {
        let mut declaration = container_train(openings);
        declaration.particulars = Some(particulars(openings, false));
        declaration.guarantee = Some(ident("GRN-26AM-0002"));
        Statement::Amend { mrn: mrn(), declaration }
    });
    add("cancel", "carrier:ARAZ-TRUCKS", &|_| Statement::Cancel {
        mrn: mrn(),
        reason: ident("trip_called_off"),
    });
    add("accept", "customs:AM-MEGHRI-E", &|_| Statement::Accept { mrn: mrn() });
    add("refuse_declaration", "customs:AM-MEGHRI-E", &|_| Statement::RefuseDeclaration {
        mrn: mrn(),
        reason: ident("hs_code_wrong"),
    });
    add("arrive", "monitor:AM-MEGHRI-E", &|_| Statement::Arrive {
        mrn: mrn(),
        post: ident("AM-MEGHRI-E"),
    });
    add("seal_check", "monitor:AM-MEGHRI-E", &|_| Statement::SealCheck {
        mrn: mrn(),
        post: ident("AM-MEGHRI-E"),
        equipment: EquipmentId::Container(container_number(10)),
        condition: SealCondition::Intact,
        seals_found: vec![ident("SL-0001"), ident("SL-0002")],
    });
    add("seal_check-99-seals", "monitor:AM-MEGHRI-E", &|_| Statement::SealCheck {
        mrn: mrn(),
        post: ident("AM-MEGHRI-E"),
        equipment: EquipmentId::Trailer(ident("10AB301-T")),
        condition: SealCondition::Mismatch,
        seals_found: (0..99).map(|index| ident(&format!("SEAL-{index:02}"))).collect(),
    });
    add("seal_check-broken-none-found", "customs:AM-MEGHRI-E", &|_| Statement::SealCheck {
        mrn: mrn(),
        post: ident("AM-MEGHRI-E"),
        equipment: EquipmentId::Wagon1520(flat_wagon_number(1)),
        condition: SealCondition::Broken,
        seals_found: vec![],
    });
    add("inspection", "customs:AM-MEGHRI-E", &|openings| Statement::Inspection {
        mrn: mrn(),
        post: ident("AM-MEGHRI-E"),
        equipment: EquipmentId::UicWagon(UicWagonNumber::parse("218124712173").expect("valid")),
        kind: InspectionKind::Physical,
        outcome: InspectionOutcome::MinorDiscrepancy,
        findings: openings.commit("findings", "Опечатка в накладной: 41 место вместо 40"),
    });
    add("release", "customs:AM-MEGHRI-E", &|_| Statement::Release {
        mrn: mrn(),
        post: ident("AM-MEGHRI-E"),
    });
    add("hold", "customs:AM-MEGHRI-E", &|_| Statement::Hold {
        mrn: mrn(),
        post: ident("AM-MEGHRI-E"),
        reason: HoldReason::Other,
    });
    add("depart", "border_guard:AM-MEGHRI-E", &|_| Statement::Depart {
        mrn: mrn(),
        post: ident("AM-MEGHRI-E"),
    });
    add("report_incident", "monitor:AM-MEGHRI-E", &|openings| Statement::ReportIncident {
        mrn: mrn(),
        kind: IncidentKind::ImminentDanger,
        details: openings.commit("details", "Smoke from the second trailer"),
    });
    add("close_incident", "customs:AM-MEGHRI-E", &|openings| Statement::CloseIncident {
        mrn: mrn(),
        incident: u16::MAX,
        resolution: openings.commit("resolution", "Fire put out; goods intact"),
    });
    add("discharge", "customs:AM-AGARAK-X", &|_| Statement::Discharge { mrn: mrn() });
    add("record_payment", "customs:AM-MEGHRI-E", &|_| Statement::RecordPayment {
        carrier: ident("ARAZ-TRUCKS"),
        amount: AmountMinor(125_050),
        currency: currency("AMD"),
        reference: ident("PAY-0001"),
    });
    add("record_refund", "customs:AM-MEGHRI-E", &|_| Statement::RecordRefund {
        carrier: ident("ARAZ-TRUCKS"),
        amount: AmountMinor(i64::MIN),
        currency: currency("USD"),
        reference: ident("REF-0001"),
    });
    add("record_payment-largest", "customs:AM-MEGHRI-E", &|_| Statement::RecordPayment {
        carrier: ident("C"),
        amount: AmountMinor(i64::MAX),
        currency: currency("AZN"),
        reference: ident(LONGEST_IDENT),
    });
    add("tick", "sequencer", &|_| Statement::Tick);
    add("attest", "monitor:AM-MEGHRI-E", &|_| Statement::Attest { mrn: mrn(), entry: u64::MAX });
    add("add_authority_key", "authority:AM", &|_| Statement::AddAuthorityKey {
        key: key("authority:AM:2027"),
    });
    add("draw", "sequencer", &|_| Statement::Draw {
        draws: vec![
            DrawProofs {
                size: 43,
                root: filler(1),
                proofs: vec![VrfProof(filler(2)), VrfProof(filler(3)), VrfProof(filler(4))],
            },
            DrawProofs { size: u64::MAX, root: filler(5), proofs: vec![] },
        ],
    });
    add("enrol_guarantor", "authority:AM", &|_| Statement::EnrolGuarantor {
        guarantor: ident("ARDSHINBANK"),
        name: "Ardshinbank CJSC — Արդշինբանկ".into(),
        key: key("guarantor:ARDSHINBANK"),
    });
    add("issue_guarantee", "guarantor:ARDSHINBANK", &|_| Statement::IssueGuarantee {
        guarantee: ident("GRN-26AM-0001"),
        holder: ident("ARAZ-TRUCKS"),
        cover: GuaranteeCover::Individual,
        reference_amount: AmountMinor(100_000_000),
        currency: currency("EUR"),
    });
    add("open_enquiry", "customs:AM-MEGHRI-E", &|_| Statement::OpenEnquiry { mrn: mrn() });
    add("answer_enquiry", "carrier:ARAZ-TRUCKS", &|openings| Statement::AnswerEnquiry {
        mrn: mrn(),
        evidence: openings.commit("evidence", "Exit stamp of Ordubad, 2026-11-27"),
    });
    add("close_enquiry", "customs:AM-MEGHRI-E", &|openings| Statement::CloseEnquiry {
        mrn: mrn(),
        outcome: EnquiryOutcome::Recovery,
        resolution: openings.commit("resolution", "No proof of exit within 28 days"),
    });
    add("remit", "authority:AM", &|_| Statement::Remit {
        account: ident("AM-TREASURY-FEES"),
        amount: AmountMinor(5_000_000),
        currency: currency("AMD"),
        reference: ident("TRF-2026-11-30"),
    });
    add("reseal", "customs:AM-MEGHRI-E", &|_| Statement::Reseal {
        mrn: mrn(),
        post: ident("AM-MEGHRI-E"),
        equipment: EquipmentId::Container(container_number(10)),
        seals: vec![ident("AM-C-000771")],
    });
    add("return-at-first-post", "customs:AM-MEGHRI-E", &|_| Statement::Return {
        mrn: mrn(),
        post: ident("AM-MEGHRI-E"),
        route: None,
    });
    add("return-by-route", "customs:AM-AGARAK-X", &|_| Statement::Return {
        mrn: mrn(),
        post: ident("AM-AGARAK-X"),
        route: Some(ident("AM-BACK-ROAD")),
    });
    add("seize", "customs:AM-MEGHRI-E", &|_| Statement::Seize {
        mrn: mrn(),
        post: ident("AM-MEGHRI-E"),
        scope: SeizureScope::GoodsAndEquipment,
    });
    add("release_part", "customs:AM-MEGHRI-E", &|_| Statement::ReleasePart {
        mrn: mrn(),
        post: ident("AM-MEGHRI-E"),
        detained: vec![
            EquipmentId::Container(container_number(11)),
            EquipmentId::Truck(ident("10AB301")),
        ],
    });
    add("record_incident-on-a-segment", "customs:AM-AGARAK-X", &|openings| {
        Statement::RecordIncident {
            mrn: mrn(),
            kind: IncidentKind::Transshipment,
            place: IncidentPlace::Segment {
                from: ident("AM-MEGHRI-E"),
                to: ident("AM-AGARAK-X"),
                position_m: u32::MAX,
            },
            transhipments: vec![
                Transhipment {
                    from: EquipmentId::Container(container_number(10)),
                    to: Equipment {
                        id: EquipmentId::Container(container_number(13)),
                        container_size: Some(ContainerSize::Feet40),
                        seals: vec![ident("AM-C-000772"), ident("AM-C-000773")],
                    },
                },
                Transhipment {
                    from: EquipmentId::Trailer(ident("10AB301-T")),
                    to: Equipment {
                        id: EquipmentId::Trailer(ident("20CD999-T")),
                        container_size: None,
                        seals: vec![],
                    },
                },
            ],
            details: openings.commit("details", "Axle broke 3 km before Agarak"),
        }
    });
    add("record_incident-at-a-post", "monitor:AM-MEGHRI-E", &|openings| {
        Statement::RecordIncident {
            mrn: mrn(),
            kind: IncidentKind::Deviation,
            place: IncidentPlace::Post(ident("AM-MEGHRI-E")),
            transhipments: vec![],
            details: openings.commit("details", ""),
        }
    });
    add("observe-at-a-post", "monitor:AM-MEGHRI-E", &|openings| Statement::Observe {
        place: IncidentPlace::Post(ident("AM-MEGHRI-E")),
        category: ObservationCategory::Queue,
        summary: "Հերթ՝ 12 բեռնատար / Növbə: 12 yük maşını / Очередь: 12 грузовиков".to_owned(),
        details: openings.commit("details", "Gate 2 closed 09:10-10:40"),
        attachments: vec![
            openings.commit("attachments/0", "photograph"),
            openings.commit("attachments/1", "document"),
        ],
    });
    add("observe-on-a-segment", "monitor:AM-MEGHRI-E", &|openings| Statement::Observe {
        place: IncidentPlace::Segment {
            from: ident("AM-MEGHRI-E"),
            to: ident("AM-AGARAK-X"),
            position_m: 2_500,
        },
        category: ObservationCategory::Other,
        summary: String::new(),
        details: openings.commit("details", ""),
        attachments: vec![],
    });
    add("dissent", "monitor:AM-MEGHRI-E", &|_| Statement::Dissent {
        mrn: mrn(),
        entry: u64::MAX,
        reason: "The seal was not checked in my presence".to_owned(),
    });
    add("contest", "customs:AZ-NAKH-X", &|_| Statement::Contest {
        entry: 4_242,
        reason: ident("held_too_long"),
    });
    add("answer_contest", "customs:AM-MEGHRI-E", &|openings| Statement::AnswerContest {
        contest: 7,
        answer: ContestAnswer::Rejected,
        reasons: openings.commit("reasons", "The documents were incomplete"),
    });
    add("refer_contest", "authority:AZ", &|_| Statement::ReferContest { contest: u64::MAX });
    add("decide_contest-fee-corrected", "authority:AM", &|_| Statement::DecideContest {
        contest: 7,
        decision: ContestDecision::FeeCorrected { amount: AmountMinor(1_250_000) },
    });
    add("decide_contest-release", "authority:MON", &|_| Statement::DecideContest {
        contest: 8,
        decision: ContestDecision::Release,
    });
    add("change_mandate-with-an-end", "authority:AM", &|_| Statement::ChangeMandate {
        ends: Some(passage_core::Timestamp(DAY_START.0 + 365 * 86_400_000)),
    });
    add("change_mandate-without-an-end", "authority:AZ", &|_| Statement::ChangeMandate {
        ends: None,
    });
    add("sign_report", "authority:MON", &|openings| Statement::SignReport {
        day: 20_600,
        figures: vec![
            FigureLine {
                post: Some(ident("AM-MEGHRI-E")),
                figure: Figure::Arrivals,
                detail: 1,
                value: 37,
            },
            FigureLine {
                post: Some(ident("AM-MEGHRI-E")),
                figure: Figure::HoldLongestMs,
                detail: 0,
                value: u64::MAX,
            },
            FigureLine { post: None, figure: Figure::ContestsOverdue, detail: 0, value: 2 },
        ],
        narrative: openings.commit("narrative", "A quiet day at Meghri."),
    });
    vectors
}

fn place_json(place: &IncidentPlace) -> Value {
    match place {
        IncidentPlace::Post(post) => json!({ "kind": "post", "post": post.to_string() }),
        IncidentPlace::Segment { from, to, position_m } => json!({
            "kind": "segment",
            "from": from.to_string(),
            "to": to.to_string(),
            "position_m": position_m,
        }),
    }
}

fn hex(bytes: &[u8]) -> String {
    hex::encode(bytes)
}

fn equipment_id_json(id: &EquipmentId) -> Value {
    let (kind, text) = match id {
        EquipmentId::Container(number) => ("container", number.to_string()),
        EquipmentId::UicWagon(number) => ("uic_wagon", number.to_string()),
        EquipmentId::Wagon1520(number) => ("wagon_1520", number.to_string()),
        EquipmentId::Truck(plate) => ("truck", plate.to_string()),
        EquipmentId::Trailer(plate) => ("trailer", plate.to_string()),
    };
    json!({ "kind": kind, "id": text })
}

fn equipment_json(equipment: &Equipment) -> Value {
    json!({
        "id": equipment_id_json(&equipment.id),
        "container_size": equipment.container_size.map(|size| size.as_str()),
        "seals": equipment.seals.iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
}

fn declaration_json(declaration: &Declaration) -> Value {
    json!({
        "route": declaration.route.to_string(),
        "traffic_class": declaration.traffic_class.as_str(),
        "equipment": declaration.equipment.iter().map(equipment_json).collect::<Vec<_>>(),
        "goods": declaration.goods.iter().map(|item| json!({
            "equipment_index": item.equipment_index,
            "hs_code": item.hs_code.to_string(),
            "gross_mass_kg": item.gross_mass_kg.to_string(),
            "origin": item.origin.to_string(),
            "description": hex(&item.description.0),
            "value": hex(&item.value.0),
        })).collect::<Vec<_>>(),
        "passenger_count": declaration.passenger_count,
        "consignee": hex(&declaration.consignee.0),
        "particulars": declaration.particulars.as_ref().map(|particulars| json!({
            "holder": particulars.holder.to_string(),
            "transport_documents": particulars.transport_documents.iter().map(|document| json!({
                "kind": document.kind.as_str(),
                "number": document.number.to_string(),
            })).collect::<Vec<_>>(),
            "driver": particulars.driver.map(|driver| hex(&driver.0)),
        })),
        "guarantee": declaration.guarantee.map(|guarantee| guarantee.to_string()),
    })
}

/// The statement's fields as the terminal's encoder takes them: identifiers, MRNs,
/// currencies and enum words as strings, keys and commitments as hex, 64-bit numbers as
/// decimal strings (JSON numbers lose precision past 2^53), smaller numbers as numbers.
fn fields_json(statement: &Statement) -> Value {
    let mrn = |mrn: &Mrn| mrn.to_string();
    match statement {
        Statement::Charter { document } => json!({ "document": document }),
        Statement::ProposeRegime { effective_from, document } => {
            json!({ "effective_from": effective_from.0.to_string(), "document": document })
        }
        Statement::ApproveRegime { proposal_entry } => {
            json!({ "proposal_entry": proposal_entry.to_string() })
        }
        Statement::EnrolOfficer { key, role, posts } => json!({
            "key": hex(&key.0),
            "role": role.as_str(),
            "posts": posts.iter().map(ToString::to_string).collect::<Vec<_>>(),
        }),
        Statement::RevokeKey { key } | Statement::AddAuthorityKey { key } => {
            json!({ "key": hex(&key.0) })
        }
        Statement::RegisterCarrier { carrier, name, key } => {
            json!({ "carrier": carrier.to_string(), "name": name, "key": hex(&key.0) })
        }
        Statement::Declare(declaration) => json!({ "declaration": declaration_json(declaration) }),
        Statement::Amend { mrn: movement, declaration } => {
            json!({ "mrn": mrn(movement), "declaration": declaration_json(declaration) })
        }
        Statement::Cancel { mrn: movement, reason }
        | Statement::RefuseDeclaration { mrn: movement, reason } => {
            json!({ "mrn": mrn(movement), "reason": reason.to_string() })
        }
        Statement::Accept { mrn: movement }
        | Statement::Discharge { mrn: movement }
        | Statement::OpenEnquiry { mrn: movement } => json!({ "mrn": mrn(movement) }),
        Statement::Arrive { mrn: movement, post }
        | Statement::Release { mrn: movement, post }
        | Statement::Depart { mrn: movement, post } => {
            json!({ "mrn": mrn(movement), "post": post.to_string() })
        }
        Statement::SealCheck { mrn: movement, post, equipment, condition, seals_found } => json!({
            "mrn": mrn(movement),
            "post": post.to_string(),
            "equipment": equipment_id_json(equipment),
            "condition": condition.as_str(),
            "seals_found": seals_found.iter().map(ToString::to_string).collect::<Vec<_>>(),
        }),
        Statement::Inspection { mrn: movement, post, equipment, kind, outcome, findings } => {
            json!({
                "mrn": mrn(movement),
                "post": post.to_string(),
                "equipment": equipment_id_json(equipment),
                "kind": kind.as_str(),
                "outcome": outcome.as_str(),
                "findings": hex(&findings.0),
            })
        }
        Statement::Hold { mrn: movement, post, reason } => {
            json!({ "mrn": mrn(movement), "post": post.to_string(), "reason": reason.as_str() })
        }
        Statement::ReportIncident { mrn: movement, kind, details } => {
            json!({ "mrn": mrn(movement), "kind": kind.as_str(), "details": hex(&details.0) })
        }
        Statement::CloseIncident { mrn: movement, incident, resolution } => json!({
            "mrn": mrn(movement),
            "incident": incident,
            "resolution": hex(&resolution.0),
        }),
        Statement::RecordPayment { carrier, amount, currency, reference }
        | Statement::RecordRefund { carrier, amount, currency, reference } => json!({
            "carrier": carrier.to_string(),
            "amount": amount.0.to_string(),
            "currency": currency.to_string(),
            "reference": reference.to_string(),
        }),
        Statement::Tick => json!({}),
        Statement::Attest { mrn: movement, entry } => {
            json!({ "mrn": mrn(movement), "entry": entry.to_string() })
        }
        Statement::Draw { draws } => json!({
            "draws": draws.iter().map(|draw| json!({
                "size": draw.size.to_string(),
                "root": hex(&draw.root),
                "proofs": draw.proofs.iter().map(|proof| hex(&proof.0)).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        }),
        Statement::EnrolGuarantor { guarantor, name, key } => {
            json!({ "guarantor": guarantor.to_string(), "name": name, "key": hex(&key.0) })
        }
        Statement::IssueGuarantee { guarantee, holder, cover, reference_amount, currency } => {
            json!({
                "guarantee": guarantee.to_string(),
                "holder": holder.to_string(),
                "cover": cover.as_str(),
                "reference_amount": reference_amount.0.to_string(),
                "currency": currency.to_string(),
            })
        }
        Statement::AnswerEnquiry { mrn: movement, evidence } => {
            json!({ "mrn": mrn(movement), "evidence": hex(&evidence.0) })
        }
        Statement::CloseEnquiry { mrn: movement, outcome, resolution } => json!({
            "mrn": mrn(movement),
            "outcome": outcome.as_str(),
            "resolution": hex(&resolution.0),
        }),
        Statement::Remit { account, amount, currency, reference } => json!({
            "account": account.to_string(),
            "amount": amount.0.to_string(),
            "currency": currency.to_string(),
            "reference": reference.to_string(),
        }),
        Statement::Reseal { mrn: movement, post, equipment, seals } => json!({
            "mrn": mrn(movement),
            "post": post.to_string(),
            "equipment": equipment_id_json(equipment),
            "seals": seals.iter().map(ToString::to_string).collect::<Vec<_>>(),
        }),
        Statement::Return { mrn: movement, post, route } => json!({
            "mrn": mrn(movement),
            "post": post.to_string(),
            "route": route.map(|route| route.to_string()),
        }),
        Statement::Seize { mrn: movement, post, scope } => {
            json!({ "mrn": mrn(movement), "post": post.to_string(), "scope": scope.as_str() })
        }
        Statement::ReleasePart { mrn: movement, post, detained } => json!({
            "mrn": mrn(movement),
            "post": post.to_string(),
            "detained": detained.iter().map(equipment_id_json).collect::<Vec<_>>(),
        }),
        Statement::RecordIncident { mrn: movement, kind, place, transhipments, details } => {
            json!({
                "mrn": mrn(movement),
                "kind": kind.as_str(),
                "place": place_json(place),
                "transhipments": transhipments.iter().map(|transhipment| json!({
                    "from": equipment_id_json(&transhipment.from),
                    "to": equipment_json(&transhipment.to),
                })).collect::<Vec<_>>(),
                "details": hex(&details.0),
            })
        }
        Statement::Observe { place, category, summary, details, attachments } => json!({
            "place": place_json(place),
            "category": category.as_str(),
            "summary": summary,
            "details": hex(&details.0),
            "attachments": attachments.iter().map(|attachment| hex(&attachment.0)).collect::<Vec<_>>(),
        }),
        Statement::Dissent { mrn: movement, entry, reason } => {
            json!({ "mrn": mrn(movement), "entry": entry.to_string(), "reason": reason })
        }
        Statement::Contest { entry, reason } => {
            json!({ "entry": entry.to_string(), "reason": reason.to_string() })
        }
        Statement::AnswerContest { contest, answer, reasons } => json!({
            "contest": contest.to_string(),
            "answer": answer.as_str(),
            "reasons": hex(&reasons.0),
        }),
        Statement::ReferContest { contest } => json!({ "contest": contest.to_string() }),
        Statement::DecideContest { contest, decision } => {
            let decision = match decision {
                ContestDecision::FeeCorrected { amount } => {
                    json!({ "kind": decision.as_str(), "amount": amount.0.to_string() })
                }
                _ => json!({ "kind": decision.as_str() }),
            };
            json!({ "contest": contest.to_string(), "decision": decision })
        }
        Statement::ChangeMandate { ends } => {
            json!({ "ends": ends.map(|ends| ends.0.to_string()) })
        }
        Statement::SignReport { day, figures, narrative } => json!({
            "day": day,
            "figures": figures.iter().map(|line| json!({
                "post": line.post.map(|post| post.to_string()),
                "figure": line.figure.as_str(),
                "detail": line.detail,
                "value": line.value.to_string(),
            })).collect::<Vec<_>>(),
            "narrative": hex(&narrative.0),
        }),
    }
}

/// The whole file: the contexts, the commitments, then the vectors.
fn vectors_json() -> String {
    let mut out = Vec::new();
    for vector in vectors() {
        let signing_key = key_for(vector.signer);
        let signed = SignedStatement::sign(&signing_key, &vector.recorded).expect("encodes");
        signed.verify_signature().expect("the core verifies what it signed");
        assert_eq!(
            signed.decode_statement().expect("decodes"),
            vector.recorded,
            "{}: the bytes decode to the statement",
            vector.name
        );
        let openings: Vec<Value> = vector
            .openings
            .iter()
            .map(|opening| {
                json!({
                    "field": opening.field,
                    "salt": hex(&opening.salt),
                    "payload": opening.payload,
                    "commitment": hex(
                        &Commitment::compute(&opening.salt, opening.payload.as_bytes()).0
                    ),
                })
            })
            .collect();
        out.push(json!({
            "name": vector.name,
            "kind": vector.recorded.statement.kind().as_str(),
            "tag": vector.recorded.statement.kind().tag(),
            "recorded_at": vector.recorded.recorded_at.0.to_string(),
            "fields": fields_json(&vector.recorded.statement),
            "openings": openings,
            "seed": hex(&signing_key.to_bytes()),
            "public_key": hex(&signed.signer.0),
            "statement": hex(&signed.statement),
            "signature": hex(&signed.signature),
            "id": hex(&signed.id()),
        }));
    }
    let file = json!({
        "about": "Passage statement encoding v1 test vectors, written by the core's test \
                  crates/core/tests/core/vectors.rs (UPDATE_EXPECT=1 rewrites them); see \
                  crates/core/ENCODING.md",
        "statement_version": passage_core::statement::STATEMENT_VERSION,
        "signature_context": hex(passage_core::signed::SIGNATURE_CONTEXT),
        "commitment_context": hex(passage_core::signed::COMMITMENT_CONTEXT),
        "vectors": out,
    });
    serde_json::to_string_pretty(&file).expect("JSON") + "\n"
}

#[test]
fn every_kind_has_a_vector() {
    let kinds: std::collections::BTreeSet<StatementKind> =
        vectors().iter().map(|vector| vector.recorded.statement.kind()).collect();
    let missing: Vec<&str> = StatementKind::ALL
        .iter()
        .filter(|kind| !kinds.contains(kind))
        .map(|kind| kind.as_str())
        .collect();
    assert!(missing.is_empty(), "statement kinds without a test vector: {missing:?}");
    let mut names: Vec<&str> = vectors().iter().map(|vector| vector.name).collect();
    names.sort_unstable();
    let count = names.len();
    names.dedup();
    assert_eq!(names.len(), count, "two vectors share a name");
}

#[test]
fn the_committed_vectors_are_the_cores() {
    expect_test::expect_file!["../../../node/terminal/test/vectors.json"]
        .assert_eq(&vectors_json());
}
