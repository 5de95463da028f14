//! Writes the fuzz corpus's seeds, `fuzz/corpus/<target>/seed-<what>`, from the project's
//! own fixtures: a statement of every kind, the entries of a day on the Syunik corridor,
//! checkpoints, notes, receipts, requests, policies and keys of a log kept in memory, the
//! shipped charters and regimes, and example declaration files.
//!
//! `cargo run -p passage-fuzz-targets --example write_seeds` (FUZZING.md says when).

use std::path::{Path, PathBuf};

use passage_core::statement::{
    ContainerSize, ContestAnswer, ContestDecision, Declaration, Equipment, EquipmentId, Figure,
    FigureLine, HoldReason, IncidentKind, IncidentPlace, InspectionKind, InspectionOutcome,
    ObservationCategory, OfficerRole, ProcedureParticulars, Recorded, SealCondition, SeizureScope,
    Transhipment, TransportDocument, TransportDocumentKind,
};
use passage_core::testing::{self, Scenario, ScenarioConfig};
use passage_core::{
    AmountMinor, Commitment, Currency, Mrn, PublicKey, SignedStatement, Statement, Timestamp,
};
use passage_fuzz_targets::bodies::{
    AttachedPayload, BatchStatement, SubmitBatchRequest, SubmitRequest, SubmitWithPayloads,
};
use passage_fuzz_targets::{log_key, witness_key};
use passage_log::testing::MemoryLog;
use passage_log::{
    AddCheckpointRequest, BundleId, Checkpoint, Receipt, TileId, TilePath, encode_bundle,
};

struct Seeds {
    root: PathBuf,
    written: usize,
}

impl Seeds {
    fn write(&mut self, target: &str, what: &str, data: impl AsRef<[u8]>) {
        let folder = self.root.join(target);
        std::fs::create_dir_all(&folder).expect("the corpus folder can be made");
        std::fs::write(folder.join(format!("seed-{what}")), data).expect("a seed is written");
        self.written += 1;
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    let mut seeds = Seeds { root, written: 0 };
    statements(&mut seeds);
    log_texts(&mut seeds);
    documents(&mut seeds);
    request_bodies(&mut seeds);
    println!("wrote {} seeds under {}", seeds.written, seeds.root.display());
}

/// One statement of every kind, then the entries of a day on the corridor.
fn statements(seeds: &mut Seeds) {
    let mrn = first_mrn();
    let key = testing::public_key_for("seed officer");
    let post = testing::ident("AM-MEGHRI-E");
    let container = testing::container_number(10);
    let commitment = testing::test_commitment("seed");
    let mut truck = testing::truck("AM-TRANSIT-ROAD", "10AB123", "2022:080810", 18_000);
    truck.equipment.push(Equipment {
        id: EquipmentId::Container(container),
        container_size: Some(ContainerSize::Feet45),
        seals: vec![testing::ident("SL1")],
    });
    let train = testing::container_train("AM-TRANSIT-RAIL", 3, 1, &["2022:847130", "2017:720851"]);
    let usd = Currency::parse("USD").expect("a known currency");
    let all: Vec<(&str, Statement)> = vec![
        ("charter", Statement::Charter { document: ScenarioConfig::syunik().charter_document() }),
        (
            "propose_regime",
            Statement::ProposeRegime {
                effective_from: testing::DAY_START,
                document: passage_core::corridors::SYUNIK_REGIME_JOINT.to_owned(),
            },
        ),
        ("approve_regime", Statement::ApproveRegime { proposal_entry: 7 }),
        (
            "enrol_officer",
            Statement::EnrolOfficer {
                key,
                role: OfficerRole::Monitor,
                posts: vec![post, testing::ident("AM-AGARAK-X")],
            },
        ),
        ("revoke_key", Statement::RevokeKey { key }),
        (
            "register_carrier",
            Statement::RegisterCarrier {
                carrier: testing::ident("ARAZ-TRUCKS"),
                name: "Araz Trucks LLC".into(),
                key,
            },
        ),
        ("declare_truck", Statement::Declare(truck.clone())),
        ("declare_train", Statement::Declare(train)),
        ("amend", Statement::Amend { mrn, declaration: passengers() }),
        ("cancel", Statement::Cancel { mrn, reason: testing::ident("withdrawn") }),
        ("accept", Statement::Accept { mrn }),
        ("refuse", Statement::RefuseDeclaration { mrn, reason: testing::ident("documents") }),
        ("arrive", Statement::Arrive { mrn, post }),
        (
            "seal_check",
            Statement::SealCheck {
                mrn,
                post,
                equipment: EquipmentId::Container(container),
                condition: SealCondition::Mismatch,
                seals_found: vec![testing::ident("SL1"), testing::ident("SL9")],
            },
        ),
        (
            "inspection",
            Statement::Inspection {
                mrn,
                post,
                equipment: EquipmentId::Wagon1520(testing::flat_wagon_number(3)),
                kind: InspectionKind::Physical,
                outcome: InspectionOutcome::MinorDiscrepancy,
                findings: commitment,
            },
        ),
        ("release", Statement::Release { mrn, post }),
        ("hold", Statement::Hold { mrn, post, reason: HoldReason::Security }),
        ("depart", Statement::Depart { mrn, post }),
        (
            "report_incident",
            Statement::ReportIncident { mrn, kind: IncidentKind::SealBroken, details: commitment },
        ),
        ("close_incident", Statement::CloseIncident { mrn, incident: 1, resolution: commitment }),
        ("discharge", Statement::Discharge { mrn }),
        (
            "record_payment",
            Statement::RecordPayment {
                carrier: testing::ident("ARAZ-TRUCKS"),
                amount: AmountMinor(125_050),
                currency: usd,
                reference: testing::ident("PAY-1"),
            },
        ),
        (
            "record_refund",
            Statement::RecordRefund {
                carrier: testing::ident("ARAZ-TRUCKS"),
                amount: AmountMinor(50),
                currency: usd,
                reference: testing::ident("REF-1"),
            },
        ),
        ("tick", Statement::Tick),
        ("attest", Statement::Attest { mrn, entry: 12 }),
        ("add_authority_key", Statement::AddAuthorityKey { key: PublicKey([9; 32]) }),
        (
            "declare_with_particulars",
            Statement::Declare(Declaration {
                particulars: Some(ProcedureParticulars {
                    holder: testing::ident("AM00012345"),
                    transport_documents: vec![TransportDocument {
                        kind: TransportDocumentKind::Cmr,
                        number: testing::ident("CMR-2026-0042"),
                    }],
                    driver: Some(commitment),
                }),
                ..truck.clone()
            }),
        ),
        (
            "reseal",
            Statement::Reseal {
                mrn,
                post,
                equipment: EquipmentId::Container(container),
                seals: vec![testing::ident("AM-C-0001")],
            },
        ),
        ("return", Statement::Return { mrn, post, route: Some(testing::ident("AM-TRANSIT-ROAD")) }),
        ("seize", Statement::Seize { mrn, post, scope: SeizureScope::GoodsAndEquipment }),
        (
            "release_part",
            Statement::ReleasePart { mrn, post, detained: vec![EquipmentId::Container(container)] },
        ),
        (
            "record_incident",
            Statement::RecordIncident {
                mrn,
                kind: IncidentKind::Transshipment,
                place: IncidentPlace::Segment {
                    from: post,
                    to: testing::ident("AM-AGARAK-X"),
                    position_m: 12_000,
                },
                transhipments: vec![Transhipment {
                    from: EquipmentId::Container(container),
                    to: Equipment {
                        id: EquipmentId::Container(testing::container_number(77)),
                        container_size: Some(ContainerSize::Feet20),
                        seals: vec![testing::ident("AM-C-0002")],
                    },
                }],
                details: commitment,
            },
        ),
        (
            "enrol_guarantor",
            Statement::EnrolGuarantor {
                guarantor: testing::ident("ARARAT-BANK"),
                name: "Ararat Bank".into(),
                key,
            },
        ),
        (
            "issue_guarantee",
            Statement::IssueGuarantee {
                guarantee: testing::ident("GRN-1"),
                holder: testing::ident("ARAZ-TRUCKS"),
                cover: passage_core::statement::GuaranteeCover::Comprehensive,
                reference_amount: AmountMinor(5_000_000_000),
                currency: usd,
            },
        ),
        ("open_enquiry", Statement::OpenEnquiry { mrn }),
        ("answer_enquiry", Statement::AnswerEnquiry { mrn, evidence: commitment }),
        (
            "close_enquiry",
            Statement::CloseEnquiry {
                mrn,
                outcome: passage_core::statement::EnquiryOutcome::Recovery,
                resolution: commitment,
            },
        ),
        (
            "remit",
            Statement::Remit {
                account: testing::ident("AM-TREASURY"),
                amount: AmountMinor(125_050),
                currency: usd,
                reference: testing::ident("TRANSFER-1"),
            },
        ),
        (
            "observe",
            Statement::Observe {
                place: IncidentPlace::Segment {
                    from: post,
                    to: testing::ident("AM-AGARAK-X"),
                    position_m: 12_500,
                },
                category: ObservationCategory::RoadCondition,
                summary: "Rockfall narrows the road to one lane".into(),
                details: commitment,
                attachments: vec![commitment, testing::test_commitment("photograph")],
            },
        ),
        (
            "dissent",
            Statement::Dissent { mrn, entry: 12, reason: "The seal I saw was intact".into() },
        ),
        ("contest", Statement::Contest { entry: 12, reason: testing::ident("held_too_long") }),
        (
            "answer_contest",
            Statement::AnswerContest {
                contest: 1,
                answer: ContestAnswer::Rejected,
                reasons: commitment,
            },
        ),
        ("refer_contest", Statement::ReferContest { contest: 1 }),
        (
            "decide_contest",
            Statement::DecideContest {
                contest: 1,
                decision: ContestDecision::FeeCorrected { amount: AmountMinor(2_500_000) },
            },
        ),
        ("change_mandate", Statement::ChangeMandate { ends: Some(Timestamp(1_827_208_800_000)) }),
        (
            "sign_report",
            Statement::SignReport {
                day: 20_783,
                figures: vec![
                    FigureLine { post: Some(post), figure: Figure::Arrivals, detail: 1, value: 14 },
                    FigureLine { post: None, figure: Figure::ContestsOpened, detail: 0, value: 2 },
                ],
                narrative: commitment,
            },
        ),
    ];
    for (what, statement) in all {
        let bytes = Recorded::new(Timestamp(1_795_672_800_123), statement)
            .encode()
            .expect("a seed statement is within its limits");
        seeds.write("statement", what, bytes);
    }

    // A day on the corridor: real entries, signed, of the kinds a movement goes through.
    let mut scenario = Scenario::syunik();
    let truck_mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
    scenario.complete(truck_mrn);
    let train = testing::container_train("AM-TRANSIT-RAIL", 2, 20, &["2022:847130"]);
    let train_mrn = scenario.declare_accepted("CASPIAN-RAIL", train);
    scenario.complete(train_mrn);
    let entries: Vec<Vec<u8>> =
        scenario.entries().iter().map(|(entry, _)| entry.encode()).collect();
    let mut kinds_seen = std::collections::BTreeSet::new();
    for (index, (entry, _)) in scenario.entries().iter().enumerate() {
        let kind = entry.statement.decode_statement().expect("a valid entry").statement.kind();
        if kinds_seen.insert(kind.as_str()) {
            seeds.write("entry", &format!("{index}-{}", kind.as_str()), entry.encode());
            seeds.write(
                "entry",
                &format!("{index}-{}-envelope", kind.as_str()),
                entry.statement.encode(),
            );
        }
    }
    for width in [1usize, 5, 256] {
        let chosen: Vec<&[u8]> = entries.iter().cycle().take(width).map(Vec::as_slice).collect();
        let mut data = vec![(width % 256) as u8];
        data.extend(encode_bundle(chosen));
        seeds.write("bundle", &format!("width-{width}"), data);
    }
}

fn first_mrn() -> Mrn {
    // The MRN the scenario allocates first: a valid check character whatever the rules.
    let mut scenario = Scenario::syunik();
    scenario.declare("ARAZ-TRUCKS", testing::truck("AM-TRANSIT-ROAD", "10AB123", "2022:080810", 1))
}

fn passengers() -> Declaration {
    Declaration {
        route: testing::ident("AM-TRANSIT-ROAD"),
        traffic_class: passage_core::statement::TrafficClass::Passengers,
        equipment: vec![Equipment {
            id: EquipmentId::Truck(testing::ident("BUS-42")),
            container_size: None,
            seals: vec![],
        }],
        goods: vec![],
        passenger_count: 40,
        consignee: testing::test_commitment(""),
        particulars: None,
        guarantee: None,
    }
}

/// Checkpoints, notes, receipts, witness requests, tile paths, policies and keys of a log
/// kept in memory, signed by the keys the targets know.
fn log_texts(seeds: &mut Seeds) {
    let log = MemoryLog::with_entries(300, 300, "entry");
    let signer = log_key();
    let witness = witness_key();
    let note = log.note_at(300, &signer);
    let cosigned = passage_log::add_cosignature(&note, &witness, 1_795_672_800)
        .expect("the note is well formed");
    seeds.write("note", "signed", &note);
    seeds.write("note", "cosigned", &cosigned);
    seeds.write("note", "size-1", log.note_at(1, &signer));

    let text = |size: u64, extensions: Vec<String>| {
        Checkpoint { origin: signer.name().into(), size, root: log.root_at(size), extensions }
            .to_text()
    };
    seeds.write("checkpoint", "size-300", text(300, vec![]));
    seeds.write("checkpoint", "size-0", text(0, vec![]));
    seeds.write("checkpoint", "extension", text(7, vec!["extension line".into()]));

    for (index, extra) in [(0u64, None), (257, Some(b"extra data".to_vec()))] {
        let proof = passage_log::prove_inclusion(&log.tiles, 300, index).expect("a proof");
        let receipt = Receipt { extra, index, proof, checkpoint: cosigned.clone() };
        seeds.write("receipt", &format!("index-{index}"), receipt.to_text());
    }

    for old_size in [0u64, 1, 256] {
        let request = AddCheckpointRequest {
            old_size,
            proof: if old_size == 0 { vec![] } else { log.proof(old_size, 300) },
            checkpoint: note.clone(),
        };
        seeds.write("witness_request", &format!("old-{old_size}"), request.to_text());
    }

    let paths = [
        TilePath::Hashes(TileId { level: 0, index: 0, width: 256 }),
        TilePath::Hashes(TileId { level: 1, index: 1_234_067, width: 8 }),
        TilePath::Entries(BundleId { index: 1, width: 44 }),
        TilePath::Entries(BundleId { index: 1_000_000, width: 256 }),
    ];
    for (number, path) in paths.iter().enumerate() {
        seeds.write("tile_path", &number.to_string(), path.path());
    }

    let vkey = signer.verifier_key().to_string();
    let wkey = witness.verifier_key().to_string();
    seeds.write("key", "log-vkey", &vkey);
    seeds.write("key", "witness-vkey", &wkey);
    seeds.write("key", "log-skey", signer.to_skey());
    seeds.write("key", "witness-skey", witness.to_skey());
    seeds.write("key", "hash", log.root_at(3).to_base64());
    seeds.write("policy", "single-log", format!("log {vkey}\nquorum none\n"));
    seeds.write(
        "policy",
        "witnesses",
        format!(
            "# the corridor's log and its witnesses\nlog {vkey} https://log.example/\n\
             witness am {wkey} https://witness.example/am\n\
             group parties any am\ngroup all-of 1 parties am\nquorum all-of\n"
        ),
    );

    for (what, text) in [
        ("mrn", first_mrn().to_string()),
        ("container", testing::container_number(10).to_string()),
        ("wagon-1520", testing::flat_wagon_number(3).to_string()),
        ("uic-wagon", "318054540014".to_owned()),
        ("country", "AM".to_owned()),
        ("currency", "AZN".to_owned()),
        ("hs-code", "2022:8471.30".to_owned()),
        ("ident", "AM-MEGHRI-E".to_owned()),
    ] {
        seeds.write("identifiers", what, text);
    }
}

/// The shipped charters, regimes and example declaration files.
fn documents(seeds: &mut Seeds) {
    use passage_core::corridors::*;
    seeds.write("charter", "syunik", ScenarioConfig::syunik().charter_document());
    seeds.write("charter", "georgia", ScenarioConfig::georgia_example().charter_document());
    for (what, regime) in [
        ("monitored", SYUNIK_REGIME_MONITORED),
        ("no-checks", SYUNIK_REGIME_NO_CHECKS),
        ("joint", SYUNIK_REGIME_JOINT),
        ("border-guards", SYUNIK_REGIME_BORDER_GUARDS),
        ("scanner-first", include_str!("../../../scenarios/regimes/scanner-first.toml")),
    ] {
        seeds.write("regime", what, regime);
    }
    seeds.write(
        "declaration",
        "container-train.toml",
        r#"route = "AM-TRANSIT-RAIL"
traffic_class = "cargo_rail"
consignee = "Nakhchivan Trade LLC"

[[equipment]]
kind = "wagon_1520"
id = "52345675"

[[equipment]]
kind = "container"
id = "PSGU0000010"
size = "40ft"
seals = ["SL1", "SL2"]

[[goods]]
equipment = "PSGU0000010"
hs_code = "2022:847130"
gross_mass_kg = 20000
origin = "CN"
description = "laptops"
value = "120000 USD"
"#,
    );
    seeds.write(
        "declaration",
        "truck.json",
        r#"{"route": "AM-TRANSIT-ROAD", "traffic_class": "cargo_road", "passengers": 0,
 "equipment": [{"kind": "truck", "id": "10AB123"},
               {"kind": "trailer", "id": "10AB123-T", "seals": ["SEAL-1"]},
               {"kind": "uic_wagon", "id": "318054540014"}],
 "goods": [{"equipment": "10AB123-T", "hs_code": "2022:080810", "gross_mass_kg": 18000,
            "origin": "KZ", "description": "apples", "value": "9000 USD"}]}
"#,
    );
}

/// The node's request bodies and the files `passage submit` sends: a declaration with the
/// payloads of its consignee and goods, one without, and a batch holding both.
fn request_bodies(seeds: &mut Seeds) {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD as BASE64;
    let opened = [
        ("consignee", [3u8; 32], "Nakhchivan Trade LLC"),
        ("goods/0/description", [4u8; 32], "apples"),
        ("goods/0/value", [5u8; 32], "9000 USD"),
    ];
    let mut truck = testing::truck("AM-TRANSIT-ROAD", "10AB123", "2022:080810", 18_000);
    let commitment =
        |(_, salt, payload): (&str, [u8; 32], &str)| Commitment::compute(&salt, payload.as_bytes());
    truck.consignee = commitment(opened[0]);
    truck.goods[0].description = commitment(opened[1]);
    truck.goods[0].value = commitment(opened[2]);
    let sign = |statement: Statement| {
        let recorded = Recorded::new(Timestamp(1_795_672_800_123), statement);
        let signed = SignedStatement::sign(&testing::key_for("carrier:ARAZ-TRUCKS"), &recorded)
            .expect("a seed statement is within its limits");
        SubmitRequest { statement: BASE64.encode(signed.encode()) }
    };
    let with_payloads = SubmitWithPayloads {
        submission: sign(Statement::Declare(truck)),
        payloads: opened
            .iter()
            .map(|(field, salt, payload)| AttachedPayload {
                field: (*field).to_owned(),
                salt: BASE64.encode(salt),
                payload: BASE64.encode(payload),
            })
            .collect(),
    };
    let bare =
        SubmitWithPayloads { submission: sign(Statement::Declare(passengers())), payloads: vec![] };
    seeds.write("request_body", "declaration-with-payloads", json(&with_payloads));
    seeds.write("request_body", "declaration", json(&bare));
    let batch = SubmitBatchRequest {
        statements: vec![
            BatchStatement::from(bare.clone()),
            BatchStatement::from(with_payloads.clone()),
        ],
    };
    seeds.write("request_body", "batch", json(&batch));
    // As `--out` writes them: the body and a line break.
    seeds.write("saved_statement", "declaration-with-payloads", json(&with_payloads) + "\n");
    seeds.write("saved_statement", "declaration", json(&bare) + "\n");
}

/// A seed body's JSON, as the CLI and a device write it.
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("a seed body serializes")
}
