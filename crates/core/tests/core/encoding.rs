//! Laws of the canonical encoding: decoding what was encoded gives the value back;
//! any bytes that decode are the canonical encoding of what they decode to; arbitrary
//! bytes give a typed error, never a panic. Also a pinned encoding, so a change to the
//! wire format cannot pass unnoticed.

use passage_core::ids::{AmountMinor, CountryCode, Currency, HsCode, Ident, Mrn, UicWagonNumber};
use passage_core::signed::{Entry, SignedStatement};
use passage_core::statement::{
    Commitment, ContainerSize, ContestAnswer, ContestDecision, Declaration, EnquiryOutcome,
    Equipment, EquipmentId, Figure, FigureLine, GoodsItem, GuaranteeCover, HoldReason,
    IncidentKind, IncidentPlace, InspectionKind, InspectionOutcome, ObservationCategory,
    OfficerRole, PublicKey, Recorded, SealCondition, Statement, Timestamp, TrafficClass,
};
use passage_core::testing::{container_number, flat_wagon_number, key_for};
use proptest::prelude::*;

fn ident() -> impl Strategy<Value = Ident> {
    "[A-Za-z0-9][A-Za-z0-9._:/-]{0,31}".prop_map(|text| Ident::parse(&text).expect("valid"))
}

fn mrn() -> impl Strategy<Value = Mrn> {
    (2000u32..2100, 0u64..1_000_000_000_000).prop_map(|(year, serial)| {
        Mrn::allocate(year, CountryCode::parse("AM").expect("valid"), serial)
    })
}

fn bytes32() -> impl Strategy<Value = [u8; 32]> {
    any::<[u8; 32]>()
}

fn equipment_id() -> impl Strategy<Value = EquipmentId> {
    prop_oneof![
        (0u32..1_000_000).prop_map(|serial| EquipmentId::Container(container_number(serial))),
        (0u32..1_000_000).prop_map(|serial| EquipmentId::Wagon1520(flat_wagon_number(serial))),
        Just(EquipmentId::UicWagon(UicWagonNumber::parse("218124712173").expect("valid"))),
        ident().prop_map(EquipmentId::Truck),
        ident().prop_map(EquipmentId::Trailer),
    ]
}

fn equipment() -> impl Strategy<Value = Equipment> {
    (equipment_id(), prop::collection::vec(ident(), 0..3), 0u8..3).prop_map(|(id, seals, size)| {
        let container_size = matches!(id, EquipmentId::Container(_))
            .then(|| ContainerSize::from_tag(size).expect("valid tag"));
        Equipment { id, container_size, seals }
    })
}

fn goods_item() -> impl Strategy<Value = GoodsItem> {
    (
        any::<u16>(),
        prop::sample::select(vec!["2022:850440", "2028:94036010", "2017:300220"]),
        any::<u64>(),
        bytes32(),
        bytes32(),
    )
        .prop_map(|(equipment_index, hs, gross_mass_kg, description, value)| GoodsItem {
            equipment_index,
            hs_code: HsCode::parse(hs).expect("valid"),
            gross_mass_kg,
            origin: CountryCode::parse("CN").expect("valid"),
            description: Commitment(description),
            value: Commitment(value),
        })
}

fn declaration() -> impl Strategy<Value = Declaration> {
    (
        ident(),
        0u8..3,
        prop::collection::vec(equipment(), 0..4),
        prop::collection::vec(goods_item(), 0..4),
        any::<u32>(),
        bytes32(),
        prop::option::of(ident()),
    )
        .prop_map(|(route, class, equipment, goods, passenger_count, consignee, guarantee)| {
            Declaration {
                route,
                traffic_class: TrafficClass::from_tag(class).expect("valid tag"),
                equipment,
                goods,
                passenger_count,
                consignee: Commitment(consignee),
                particulars: None,
                guarantee,
            }
        })
}

/// The monitors' statements (kinds 40 to 47).
fn monitors_statement() -> impl Strategy<Value = Statement> {
    let figure_line = (prop::option::of(ident()), 0u8..17, any::<u16>(), any::<u64>()).prop_map(
        |(post, figure, detail, value)| FigureLine {
            post,
            figure: Figure::from_tag(figure).expect("tag"),
            detail,
            value,
        },
    );
    let decision = prop_oneof![
        Just(ContestDecision::ActStands),
        Just(ContestDecision::ContestUpheld),
        any::<i64>()
            .prop_map(|amount| ContestDecision::FeeCorrected { amount: AmountMinor(amount) }),
        Just(ContestDecision::Release),
    ];
    prop_oneof![
        (
            ident(),
            ident(),
            any::<u32>(),
            0u8..7,
            ".{0,40}",
            bytes32(),
            prop::collection::vec(bytes32(), 0..3)
        )
            .prop_map(|(from, to, position_m, category, summary, details, attachments)| {
                Statement::Observe {
                    place: if position_m % 2 == 0 {
                        IncidentPlace::Post(from)
                    } else {
                        IncidentPlace::Segment { from, to, position_m }
                    },
                    category: ObservationCategory::from_tag(category).expect("tag"),
                    summary,
                    details: Commitment(details),
                    attachments: attachments.into_iter().map(Commitment).collect(),
                }
            }),
        (mrn(), any::<u64>(), ".{0,40}").prop_map(|(mrn, entry, reason)| Statement::Dissent {
            mrn,
            entry,
            reason
        }),
        (any::<u64>(), ident()).prop_map(|(entry, reason)| Statement::Contest { entry, reason }),
        (any::<u64>(), 0u8..3, bytes32()).prop_map(|(contest, answer, reasons)| {
            Statement::AnswerContest {
                contest,
                answer: ContestAnswer::from_tag(answer).expect("tag"),
                reasons: Commitment(reasons),
            }
        }),
        any::<u64>().prop_map(|contest| Statement::ReferContest { contest }),
        (any::<u64>(), decision)
            .prop_map(|(contest, decision)| Statement::DecideContest { contest, decision }),
        prop::option::of(any::<u64>())
            .prop_map(|ends| Statement::ChangeMandate { ends: ends.map(Timestamp) }),
        (any::<u32>(), prop::collection::vec(figure_line, 0..4), bytes32()).prop_map(
            |(day, figures, narrative)| Statement::SignReport {
                day,
                figures,
                narrative: Commitment(narrative),
            }
        ),
    ]
}

fn statement() -> impl Strategy<Value = Statement> {
    prop_oneof![1 => monitors_statement(), 4 => other_statement()]
}

fn other_statement() -> impl Strategy<Value = Statement> {
    let key = || bytes32().prop_map(PublicKey);
    prop_oneof![
        ".{0,40}".prop_map(|document| Statement::Charter { document }),
        (any::<u64>(), ".{0,40}").prop_map(|(time, document)| Statement::ProposeRegime {
            effective_from: Timestamp(time),
            document
        }),
        any::<u64>().prop_map(|proposal_entry| Statement::ApproveRegime { proposal_entry }),
        (key(), 0u8..3, prop::collection::vec(ident(), 0..4)).prop_map(|(key, role, posts)| {
            Statement::EnrolOfficer { key, role: OfficerRole::from_tag(role).expect("tag"), posts }
        }),
        key().prop_map(|key| Statement::RevokeKey { key }),
        key().prop_map(|key| Statement::AddAuthorityKey { key }),
        (ident(), ".{0,20}", key()).prop_map(|(carrier, name, key)| Statement::RegisterCarrier {
            carrier,
            name,
            key
        }),
        declaration().prop_map(Statement::Declare),
        (mrn(), declaration()).prop_map(|(mrn, declaration)| Statement::Amend { mrn, declaration }),
        (mrn(), ident()).prop_map(|(mrn, reason)| Statement::Cancel { mrn, reason }),
        mrn().prop_map(|mrn| Statement::Accept { mrn }),
        (mrn(), ident()).prop_map(|(mrn, reason)| Statement::RefuseDeclaration { mrn, reason }),
        (mrn(), ident()).prop_map(|(mrn, post)| Statement::Arrive { mrn, post }),
        (mrn(), ident(), equipment_id(), 0u8..3, prop::collection::vec(ident(), 0..3)).prop_map(
            |(mrn, post, equipment, condition, seals_found)| Statement::SealCheck {
                mrn,
                post,
                equipment,
                condition: SealCondition::from_tag(condition).expect("tag"),
                seals_found
            }
        ),
        (mrn(), ident(), equipment_id(), 0u8..2, 0u8..3, bytes32()).prop_map(
            |(mrn, post, equipment, kind, outcome, findings)| Statement::Inspection {
                mrn,
                post,
                equipment,
                kind: InspectionKind::from_tag(kind).expect("tag"),
                outcome: InspectionOutcome::from_tag(outcome).expect("tag"),
                findings: Commitment(findings)
            }
        ),
        (mrn(), ident()).prop_map(|(mrn, post)| Statement::Release { mrn, post }),
        (mrn(), ident(), 0u8..5).prop_map(|(mrn, post, reason)| Statement::Hold {
            mrn,
            post,
            reason: HoldReason::from_tag(reason).expect("tag")
        }),
        (mrn(), ident()).prop_map(|(mrn, post)| Statement::Depart { mrn, post }),
        (mrn(), 0u8..7, bytes32()).prop_map(|(mrn, kind, details)| Statement::ReportIncident {
            mrn,
            kind: IncidentKind::from_tag(kind).expect("tag"),
            details: Commitment(details)
        }),
        (mrn(), any::<u16>(), bytes32()).prop_map(|(mrn, incident, resolution)| {
            Statement::CloseIncident { mrn, incident, resolution: Commitment(resolution) }
        }),
        mrn().prop_map(|mrn| Statement::Discharge { mrn }),
        (ident(), any::<i64>(), ident()).prop_map(|(carrier, amount, reference)| {
            Statement::RecordPayment {
                carrier,
                amount: AmountMinor(amount),
                currency: Currency::parse("AMD").expect("known"),
                reference,
            }
        }),
        (ident(), any::<i64>(), ident()).prop_map(|(carrier, amount, reference)| {
            Statement::RecordRefund {
                carrier,
                amount: AmountMinor(amount),
                currency: Currency::parse("GEL").expect("known"),
                reference,
            }
        }),
        Just(Statement::Tick),
        (mrn(), any::<u64>()).prop_map(|(mrn, entry)| Statement::Attest { mrn, entry }),
        (ident(), ".{0,20}", key()).prop_map(|(guarantor, name, key)| {
            Statement::EnrolGuarantor { guarantor, name, key }
        }),
        (ident(), ident(), 0u8..2, any::<i64>()).prop_map(|(guarantee, holder, cover, amount)| {
            Statement::IssueGuarantee {
                guarantee,
                holder,
                cover: GuaranteeCover::from_tag(cover).expect("tag"),
                reference_amount: AmountMinor(amount),
                currency: Currency::parse("AMD").expect("known"),
            }
        }),
        mrn().prop_map(|mrn| Statement::OpenEnquiry { mrn }),
        (mrn(), bytes32()).prop_map(|(mrn, evidence)| Statement::AnswerEnquiry {
            mrn,
            evidence: Commitment(evidence)
        }),
        (mrn(), 0u8..2, bytes32()).prop_map(|(mrn, outcome, resolution)| {
            Statement::CloseEnquiry {
                mrn,
                outcome: EnquiryOutcome::from_tag(outcome).expect("tag"),
                resolution: Commitment(resolution),
            }
        }),
        (ident(), any::<i64>(), ident()).prop_map(|(account, amount, reference)| {
            Statement::Remit {
                account,
                amount: AmountMinor(amount),
                currency: Currency::parse("AMD").expect("known"),
                reference,
            }
        }),
        prop::collection::vec(
            (any::<u64>(), bytes32(), prop::collection::vec(bytes32(), 0..4)),
            1..4
        )
        .prop_map(|draws| Statement::Draw {
            draws: draws
                .into_iter()
                .map(|(size, root, halves)| passage_core::draw::DrawProofs {
                    size,
                    root,
                    proofs: halves
                        .into_iter()
                        .map(|half| {
                            let mut proof = [0u8; 80];
                            proof[..32].copy_from_slice(&half);
                            proof[48..].copy_from_slice(&half);
                            passage_core::draw::VrfProof(proof)
                        })
                        .collect(),
                })
                .collect(),
        }),
    ]
}

fn recorded() -> impl Strategy<Value = Recorded> {
    (statement(), any::<u64>())
        .prop_map(|(statement, time)| Recorded::new(Timestamp(time), statement))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn decode_inverts_encode(recorded in recorded()) {
        let bytes = recorded.encode().expect("small statements encode");
        prop_assert_eq!(Recorded::decode(&bytes), Ok(recorded));
    }

    #[test]
    fn every_decodable_byte_string_is_canonical(recorded in recorded(), flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)) {
        // Start from a valid encoding and corrupt a few bytes: whatever still decodes must
        // re-encode to exactly the same bytes.
        let mut bytes = recorded.encode().expect("small statements encode");
        for (index, value) in flips {
            let position = index.index(bytes.len());
            bytes[position] = value;
        }
        if let Ok(decoded) = Recorded::decode(&bytes) {
            prop_assert_eq!(decoded.encode().expect("decoded statements encode"), bytes);
        }
    }

    #[test]
    fn arbitrary_bytes_give_typed_errors(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = Recorded::decode(&bytes);
        let _ = SignedStatement::decode(&bytes);
        let _ = Entry::decode(&bytes);
    }

    #[test]
    fn entries_round_trip(recorded in recorded(), time in any::<u64>()) {
        let signed = SignedStatement::sign(&key_for("encoding test"), &recorded).expect("encodes");
        prop_assert_eq!(signed.verify_signature(), Ok(()));
        prop_assert_eq!(signed.decode_statement(), Ok(recorded));
        let entry = Entry { sequenced_at: Timestamp(time), statement: signed };
        let bytes = entry.encode();
        prop_assert_eq!(Entry::decode(&bytes), Ok(entry));
    }
}

#[test]
fn the_wire_format_is_pinned() {
    let mrn = Mrn::parse("26AM000000000042J4").expect("valid");
    let statement = Statement::Arrive { mrn, post: Ident::parse("AM-MEGHRI-E").expect("valid") };
    // 2026-11-26T14:32Z, recorded on the tablet.
    let statement = Recorded::new(Timestamp(1_795_710_720_000), statement);
    let bytes = statement.encode().expect("encodes");
    expect_test::expect![
        "010b000001a218b318003236414d3030303030303030303034324a340b414d2d4d45474852492d45"
    ]
    .assert_eq(&hex::encode(&bytes));
    // Sequenced at 14:40Z, when the tablet synced.
    let entry = Entry {
        sequenced_at: Timestamp(1_795_711_200_000),
        statement: SignedStatement::sign(&key_for("pinned"), &statement).expect("encodes"),
    };
    expect_test::expect!["01000001a218ba6b0001a28ea715ced941587b8a4564b99e38d922e183f39b0962b03cfa225261ce8364dd1b7397ab0373ac29a29af18038dca1bb085dccb778d39d36c04988f4ff0a4d81ecf8aa53e767211020e3f1c3e89c7d06be9daae23ca107b8ec4db29651040e0028010b000001a218b318003236414d3030303030303030303034324a340b414d2d4d45474852492d45"].assert_eq(&hex::encode(entry.encode()));
}

/// The draw's bytes, pinned (ENCODING.md, "Selection draw"): a party's VRF key from a fixed
/// scalar, its proof and output over the tree of 12 entries with a fixed root, and the
/// seed the outputs of the three test parties give.
#[test]
fn the_draw_is_pinned() {
    use passage_core::draw::{VrfSecretKey, draw_seed, vrf_input};
    let root = [0x11; 32];
    assert_eq!(
        hex::encode(vrf_input(12, &root)),
        "706173736167652064726177207631 0a 000000000000000c 1111111111111111111111111111111111111111111111111111111111111111"
            .replace(' ', "")
    );
    let secret = VrfSecretKey::from_seed([0x22; 32]);
    let proof = secret.prove(12, &root);
    let output = secret.public_key().verify(12, &root, &proof).expect("verifies");
    let outputs: Vec<[u8; 64]> = ["AM", "AZ", "MON"]
        .iter()
        .map(|party| {
            let key = passage_core::testing::vrf_key_for(party);
            key.public_key().verify(12, &root, &key.prove(12, &root)).expect("verifies")
        })
        .collect();
    expect_test::expect![[r#"
        vrf key 363bd158068fabdb91f06f38c93eed0fe180eb06446c594babc9a146465dc862
        proof 224d614da2f2c12de4c08c7df753bf93976fa3c5dd7b0ba438dbddad11508d4c5a638eac707e2333a612bbf2f8c92ddaef4f9714cbe8578f4b198d27615b4d7a95db3d7b07431a3f92e47e77377e7003
        output 4f075a2d0c453a8f80bf0802678a04ce4dc007dc8c17cd1f43202ea58ce70c98c64fbb3867e858a60e60313f8270bac9e65605172a210fa84ad13f209cd60077
        seed a169d7fdac7a9bb086bd1f4d955dd0e9d1dd855f42a441ec737c44e8a1b0c7a2
    "#]]
    .assert_eq(&format!(
        "vrf key {}\nproof {}\noutput {}\nseed {}\n",
        hex::encode(secret.public_key().0),
        hex::encode(proof.0),
        hex::encode(output),
        hex::encode(draw_seed(12, &root, &outputs)),
    ));
}
