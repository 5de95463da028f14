//! The inspection draw: lanes wait for the parties' VRF proofs over the tree that ends with
//! the arrival; a `draw` statement resolves them only with every party's valid proof for
//! the right tree; and a sequencer that grinds orderings and ticks cannot steer them, where
//! it could steer the draw from the root before the arrival that the core used before.

use expect_test::{Expect, expect};
use passage_core::draw::{self, CheckedOutputs, DrawProofs, VrfKey, VrfProof, VrfSecretKey};
use passage_core::regime::Lane;
use passage_core::selection::{UnitFacts, lane_on_arrival};
use passage_core::statement::Recorded;
use passage_core::statement::{InspectionKind, InspectionOutcome, OfficerRole, Statement};
use passage_core::testing::{
    self, Scenario, ScenarioConfig, Signing, ident, officer_name, test_commitment,
};
use passage_core::{Event, Mrn, Refusal, SignedStatement, State, fold};
use proptest::prelude::*;

const ENTRY: &str = "AM-MEGHRI-E";
const SEQUENCER: &str = testing::SEQUENCER_KEY_NAME;

fn monitor() -> String {
    officer_name(OfficerRole::Monitor, ENTRY)
}

/// A scenario that resolves draws only when the test says so.
fn scenario() -> Scenario {
    let mut scenario = Scenario::syunik();
    scenario.auto_draw = false;
    scenario
}

fn truck(scenario: &mut Scenario, plate: &str) -> Mrn {
    let truck = testing::truck("AM-TRANSIT-ROAD", plate, "2022:080810", 18_000);
    scenario.declare_accepted("ARAZ-TRUCKS", truck)
}

/// Arrives at the entry post; returns the size of the tree its draw waits on.
fn arrive(scenario: &mut Scenario, mrn: Mrn) -> u64 {
    let events = scenario.submit_ok(&monitor(), Statement::Arrive { mrn, post: ident(ENTRY) });
    events
        .iter()
        .find_map(|event| match event {
            Event::DrawPending { tree_size, .. } => Some(*tree_size),
            _ => None,
        })
        .expect("an arrival at a controlled post under a drawing regime waits for its draw")
}

/// Renders each step as its events or its refusal; a refused step must change nothing.
fn check(scenario: &mut Scenario, steps: Vec<(&str, Statement)>, expect: Expect) {
    let mut lines = Vec::new();
    for (signer, statement) in steps {
        let before = scenario.state.digest();
        let kind = statement.kind();
        match scenario.submit(signer, statement) {
            Ok(events) => {
                let events: Vec<String> = events.iter().map(ToString::to_string).collect();
                lines.push(format!("{kind}: {}", events.join("; ")));
            }
            Err(refusal) => {
                assert_eq!(before, scenario.state.digest(), "a refusal changed the state");
                lines.push(format!("{kind} REFUSED ({}): {refusal}", refusal.code()));
            }
        }
    }
    expect.assert_eq(&(lines.join("\n") + "\n"));
}

fn draw(draws: Vec<DrawProofs>) -> (&'static str, Statement) {
    (SEQUENCER, Statement::Draw { draws })
}

#[test]
fn a_draw_resolves_pending_lanes_only_with_every_partys_proof_for_the_right_tree() {
    let mut scenario = scenario();
    let mrn = truck(&mut scenario, "10AB123");
    let size = arrive(&mut scenario, mrn);
    let good = scenario.draw_proofs(size);
    let mut wrong_root = good.clone();
    wrong_root.root[0] ^= 1;
    let mut missing = good.clone();
    missing.proofs.pop();
    let mut swapped = good.clone();
    swapped.proofs.swap(0, 1);
    let mut forged = good.clone();
    forged.proofs[2] = VrfProof([7; 80]);
    let not_pending = DrawProofs { size: size - 1, ..good.clone() };
    let release = Statement::Release { mrn, post: ident(ENTRY) };
    let inspect = Statement::Inspection {
        mrn,
        post: ident(ENTRY),
        equipment: passage_core::statement::EquipmentId::Truck(ident("10AB123")),
        kind: InspectionKind::Physical,
        outcome: InspectionOutcome::Conform,
        findings: test_commitment("nothing"),
    };
    let customs = officer_name(OfficerRole::Customs, ENTRY);
    check(
        &mut scenario,
        vec![
            (customs.as_str(), release.clone()),
            (customs.as_str(), inspect),
            draw(vec![wrong_root]),
            draw(vec![missing]),
            draw(vec![swapped]),
            draw(vec![forged]),
            draw(vec![not_pending]),
            draw(vec![good.clone(), good.clone()]),
            draw(vec![good.clone()]),
            draw(vec![good]),
        ],
        expect![[r#"
            release REFUSED (lane_pending): the lanes of movement 26AM000000000024J3 at AM-MEGHRI-E are pending the draw on tree size 27; inspect or release once the parties' draw is in the log
            inspection REFUSED (lane_pending): the lanes of movement 26AM000000000024J3 at AM-MEGHRI-E are pending the draw on tree size 27; inspect or release once the parties' draw is in the log
            draw REFUSED (draw_root_mismatch): the root given for tree size 27 is not the log's: a draw is bound to the tree that ends with the arrival
            draw REFUSED (draw_proof_count): the draw on tree size 27 carries 2 VRF proofs; the charter names 3 parties with a VRF key, and each gives one, in charter order
            draw REFUSED (draw_proof_invalid): the VRF proof of party AM for tree size 27 does not verify under the key its charter names
            draw REFUSED (draw_proof_invalid): the VRF proof of party MON for tree size 27 does not verify under the key its charter names
            draw REFUSED (draw_not_pending): no lanes are pending on tree size 26: they were drawn already, or that entry is not an arrival that draws
            draw REFUSED (draw_listed_twice): the draw on tree size 27 is listed twice
            draw: 26AM000000000024J3 at AM-MEGHRI-E: lanes drawn on tree size 27; 26AM000000000024J3 trailer 10AB123-T: red lane
            draw REFUSED (duplicate_statement): the same statement is already in the log at entry 27; an act is recorded once
        "#]],
    );
    assert!(scenario.state.draws_pending().is_empty());
    assert_eq!(scenario.replay().digest(), scenario.state.digest(), "the draws replay");
}

/// Outputs checked ahead of the fold (by the node's drawer, or an auditor on every core)
/// change no verdict and no state: only a proof that verifies is kept, under its own key and
/// tree, so proofs each checked for their own key are still refused swapped, and a good
/// draw gives the same events and state with its outputs checked ahead as without.
#[test]
fn vrf_outputs_checked_ahead_change_no_verdict_and_no_state() {
    let mut scenario = scenario();
    let mrn = truck(&mut scenario, "10AB123");
    let size = arrive(&mut scenario, mrn);
    let good = scenario.draw_proofs(size);
    let keys: Vec<VrfKey> = scenario.state.charter().vrf_keys().map(|(_, key)| key).collect();
    let mut checked = CheckedOutputs::none();
    assert!(!checked.check(keys[0], size, &good.root, &VrfProof([7; 80])), "a forgery is not kept");
    assert!(!checked.check(keys[0], size, &good.root, &good.proofs[1]), "nor another's proof");
    for (key, proof) in keys.iter().zip(&good.proofs) {
        assert!(checked.check(*key, size, &good.root, proof));
    }
    assert_eq!(checked.len(), keys.len());

    let sequencer = scenario.key(SEQUENCER);
    let now = scenario.now;
    let apply = |state: &State, draw: DrawProofs, checked: &CheckedOutputs| {
        let recorded = Recorded::new(now, Statement::Draw { draws: vec![draw] });
        let signed = SignedStatement::sign(&sequencer, &recorded).expect("encodes");
        let mut state = Some(state.clone());
        let index = state.as_ref().expect("a state").next_entry_index();
        let outcome = fold::apply_checked(&mut state, index, now, &signed, &recorded, checked);
        (outcome, state.expect("a state").digest())
    };
    let mut swapped = good.clone();
    swapped.proofs.swap(0, 1);
    let (outcome, digest) = apply(&scenario.state, swapped.clone(), &checked);
    assert!(matches!(outcome, Err(Refusal::DrawProofInvalid { .. })), "{outcome:?}");
    assert_eq!(digest, scenario.state.digest(), "a refusal changes nothing");
    assert_eq!(
        apply(&scenario.state, swapped, &CheckedOutputs::none()).0.map(|_| ()),
        outcome.map(|_| ()),
        "the same refusal without outputs checked ahead"
    );
    let ahead = apply(&scenario.state, good.clone(), &checked);
    let alone = apply(&scenario.state, good, &CheckedOutputs::none());
    assert_eq!(ahead.0, alone.0);
    assert!(ahead.0.is_ok());
    assert_eq!(ahead.1, alone.1);
    assert_ne!(ahead.1, scenario.state.digest(), "the draw resolved the lanes");
}

/// A state with a pending draw survives its snapshot: the resumed state resolves the draw
/// exactly as the live one (what a node's restart relies on), and a snapshot whose pending
/// draw names a movement that does not wait for it is refused.
#[test]
fn a_pending_draw_survives_the_snapshot() {
    let mut scenario = scenario();
    let mrn = truck(&mut scenario, "10AB126");
    let size = arrive(&mut scenario, mrn);
    let bytes = scenario.state.encode_snapshot();
    let mut resumed = passage_core::State::decode_snapshot(&bytes).expect("decodes");
    assert_eq!(resumed.digest(), scenario.state.digest());
    assert_eq!(resumed.draws_pending().len(), 1);
    scenario.resolve_draws();
    let (entry, _) = scenario.entries().last().expect("the draw").clone();
    resumed.apply_entry(size, &entry).expect("the draw applies after a restart");
    assert_eq!(resumed.digest(), scenario.state.digest());
    // The pending draw's movement index is 4 bytes before its rates (8), before the empty
    // guarantee section, the procedure records' count (4, none here), the monitoring
    // section and the checksum.
    let monitoring = scenario.state.monitors().snapshot_section_bytes();
    let mut bytes = bytes;
    let body = bytes.len() - 32;
    let movement = body - 4 - crate::snapshot::EMPTY_GUARANTEE_SECTION_BYTES - 8 - 4 - monitoring;
    bytes[movement + 3] ^= 1;
    let checksum = passage_core::digest::sha256(&bytes[..body]);
    bytes[body..].copy_from_slice(&checksum);
    let refusal =
        passage_core::State::decode_snapshot(&bytes).map(|_| ()).map_err(|e| e.to_string());
    assert!(
        refusal.as_ref().is_err_and(|message| message.contains("a pending draw names a movement")),
        "{refusal:?}"
    );
}

#[test]
fn a_regime_that_draws_needs_a_party_with_a_vrf_key() {
    let document = ScenarioConfig::syunik().charter_document();
    let without_keys: String =
        document.lines().filter(|line| !line.starts_with("vrf_key")).collect::<Vec<_>>().join("\n");
    let refusal = passage_core::Charter::from_toml(&without_keys).map(|_| ());
    expect![[r#"
        Err(
            Invalid {
                document: "regime",
                subject: "checks",
                problem: "a regime that draws lanes needs a charter in which at least one party names a vrf_key",
            },
        )
    "#]]
    .assert_debug_eq(&refusal);
    let bad_key = document.replacen("vrf_key = \"", "vrf_key = \"ff", 1);
    let refusal = passage_core::Charter::from_toml(&bad_key).map(|_| ()).map_err(|e| e.to_string());
    assert!(refusal.is_err_and(|message| message.contains("is not 64 hex digits")));
}

/// The lanes drawn from a draw statement are what anyone recomputes from the statement's
/// proofs and the charter's keys; a regime change between the arrival and the draw does
/// not change the odds the arrival got.
#[test]
fn a_drawn_lane_is_recomputed_from_public_data() {
    let mut scenario = scenario();
    let mrn = truck(&mut scenario, "10AB124");
    let size = arrive(&mut scenario, mrn);
    let proofs = scenario.draw_proofs(size);
    let outputs: Vec<[u8; 64]> = scenario
        .state
        .charter()
        .vrf_keys()
        .zip(&proofs.proofs)
        .map(|((_, key), proof)| key.verify(size, &proofs.root, proof).expect("verifies"))
        .collect();
    let seed = passage_core::draw::draw_seed(size, &proofs.root, &outputs);
    scenario.submit_ok(SEQUENCER, Statement::Draw { draws: vec![proofs] });
    let movement = scenario.state.movement(&mrn).expect("declared");
    let equipment = movement.declaration.equipment[0].id;
    let goods = [(movement.declaration.goods[0].hs_code, movement.declaration.goods[0].origin)];
    let facts = UnitFacts {
        mrn: &mrn,
        post: &ident(ENTRY),
        equipment: &equipment,
        carrier: &movement.carrier,
        goods: &goods,
    };
    let visit = movement.visits.last().expect("arrived");
    assert_eq!(visit.pending_draw, None);
    assert_eq!(visit.units[0].lane, lane_on_arrival(scenario.state.regime(), &seed, &facts));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any flipped byte in any party's proof is refused, and changes nothing.
    #[test]
    fn any_flipped_byte_in_a_proof_is_refused(party in 0usize..3, byte in 0usize..80, bit in 0u8..8) {
        let mut scenario = scenario();
        let mrn = truck(&mut scenario, "10AB125");
        let size = arrive(&mut scenario, mrn);
        let mut proofs = scenario.draw_proofs(size);
        proofs.proofs[party].0[byte] ^= 1 << bit;
        let before = scenario.state.digest();
        let refusal = scenario.submit(SEQUENCER, Statement::Draw { draws: vec![proofs] });
        prop_assert_eq!(refusal.map_err(|refusal| refusal.code()), Err("draw_proof_invalid"));
        prop_assert_eq!(before, scenario.state.digest());
    }
}

/// What a malicious sequencer can try for the arrival of a unit it wants sent to the red
/// lane (or spared it): append 0 to `CANDIDATES - 1` ticks before the arrival (any enrolled
/// key may sign a tick, and the sequencer orders the batch), look at what each ordering
/// gives, and keep the one it likes.
const CANDIDATES: usize = 32;
/// Independent trials, one unit each.
const TRIALS: usize = 150;

/// A unit's lane under the rule the core used before the draw: the seed was the log's root
/// just before the arrival entry, which the sequencer knows for every ordering it tries.
/// Kept here only as the thing attacked.
fn lane_by_the_old_seed(scenario: &Scenario, mrn: Mrn) -> Lane {
    let movement = scenario.state.movement(&mrn).expect("declared");
    let equipment = movement.declaration.equipment[0].id;
    let goods = [(movement.declaration.goods[0].hs_code, movement.declaration.goods[0].origin)];
    let facts = UnitFacts {
        mrn: &mrn,
        post: &ident(ENTRY),
        equipment: &equipment,
        carrier: &movement.carrier,
        goods: &goods,
    };
    let root_before_arrival = scenario.state.tree().root();
    lane_on_arrival(scenario.state.regime(), &root_before_arrival, &facts)
}

/// The grinding attack, played against both rules on the same traffic. For each trial the
/// sequencer forks the log for every candidate ordering: under the old rule it reads the
/// lane off the root; under the draw it sees the lanes pending (the parties' witnesses give
/// their outputs only for a tree they cosigned, which fixes the ordering) and knows only
/// its own party's output, so its choice cannot depend on the lane. Either way it commits
/// to the ordering it prefers, and the lane that ordering gets is counted.
#[test]
fn a_sequencer_grinding_orderings_and_ticks_steers_the_old_seed_but_not_the_draw() {
    let mut scenario = scenario();
    scenario.signing = Signing::Skip;
    scenario.keep_entries = false;
    let ticker = officer_name(OfficerRole::Customs, ENTRY);
    let (mut red_by_old_seed, mut red_by_draw, mut decided_at_arrival) = (0, 0, 0);
    for trial in 0..TRIALS {
        let mrn = truck(&mut scenario, &format!("AT{trial:05}"));
        let mut old_choice = None;
        let mut draw_choice = None;
        let mut fork = scenario.clone();
        for ticks in 0..CANDIDATES {
            if ticks > 0 {
                // A tick a millisecond after the last: the same tick twice is one act.
                fork.advance_ms(1);
                fork.submit_ok(&ticker, Statement::Tick);
            }
            // The old rule: the lane is known before the arrival is appended.
            if old_choice.is_none() && lane_by_the_old_seed(&fork, mrn) == Lane::Red {
                old_choice = Some(ticks);
            }
            // The draw: what the sequencer can see of the arrival's lanes.
            let mut probe = fork.clone();
            let events = probe.submit_ok(&monitor(), Statement::Arrive { mrn, post: ident(ENTRY) });
            let pending = events.iter().any(|event| matches!(event, Event::DrawPending { .. }));
            if !pending {
                decided_at_arrival += 1;
                let red = events
                    .iter()
                    .any(|event| matches!(event, Event::Selected { lane: Lane::Red, .. }));
                if red && draw_choice.is_none() {
                    draw_choice = Some(ticks);
                }
            }
        }
        // Under the old rule the sequencer commits the ordering that gives red, if any.
        if old_choice.is_some() {
            red_by_old_seed += 1;
        }
        // Under the draw it commits its best guess (the last ordering when it learned
        // nothing), then the parties draw.
        let ticks = draw_choice.unwrap_or(CANDIDATES - 1);
        for _ in 0..ticks {
            scenario.advance_ms(1);
            scenario.submit_ok(&ticker, Statement::Tick);
        }
        arrive(&mut scenario, mrn);
        let events = scenario.resolve_draws();
        if events.iter().any(|event| matches!(event, Event::Selected { lane: Lane::Red, .. })) {
            red_by_draw += 1;
        }
        // Clear the post so the next trial starts from a quiet log again.
        scenario.clear_post(mrn, ENTRY);
    }
    // Chance: 2 % red under the monitored regime, so about 3 of 150. The old seed gives
    // the sequencer 32 tries: 1 - 0.98^32, about 48 %, so about 72 of 150.
    println!(
        "red by the old seed: {red_by_old_seed}/{TRIALS}; red by the draw: {red_by_draw}/{TRIALS}"
    );
    assert_eq!(decided_at_arrival, 0, "no ordering lets the sequencer see a lane at arrival");
    assert!(red_by_old_seed >= TRIALS * 30 / 100, "the old seed is steerable: {red_by_old_seed}");
    assert!(red_by_draw <= TRIALS * 8 / 100, "the draw is not steered: {red_by_draw}");
    assert!(scenario.state.draws_pending().is_empty(), "every draw was resolved");
}

// The VRF check the core makes (variable time, see `passage_core::draw::vrf_verify`) against
// the `vrf-r255` crate's constant-time one: the same verdict and output for every key,
// input and proof.

/// The test vector of c2sp.org/vrf-r255 (public key, alpha, proof, beta).
#[test]
fn the_vrf_check_reproduces_the_suites_test_vector() {
    let key: [u8; 32] =
        hex_array("54136cd90d99fbd1d4e855d9556efea87ba0337f2a6ce22028d0f5726fcb854e");
    let alpha = hex::decode("633273702e6f72672f7672662d72323535").expect("hex");
    let proof: [u8; 80] = hex_array(
        "0a97d961262fb549b4175c5117860f42ae44a123f93c476c439eddd1c0cff9265c805525233e2284dbed45e593b8eea31d5ca9734d72bcbba9738d5237f955f3b2422351149d1312503b6441a47c940c",
    );
    let beta: [u8; 64] = hex_array(
        "dd653f0879b48c3ef69e13551239bec4cbcc1c18fe8894de2e9e1c790e18273603bf1c6c25d7a797aeff3c43fd32b974d3fcbd4bcce916007097922a3ea3a794",
    );
    assert_eq!(draw::vrf_verify(&key, &alpha, &proof), Some(beta));
    let mut other = alpha.clone();
    other[0] ^= 1;
    assert_eq!(draw::vrf_verify(&key, &other, &proof), None);
}

fn hex_array<const N: usize>(text: &str) -> [u8; N] {
    hex::decode(text).expect("hex").try_into().expect("the length")
}

/// What `vrf-r255` says of the same key, input and proof.
fn by_the_crate(key: &[u8; 32], input: &[u8], proof: &[u8; 80]) -> Option<[u8; 64]> {
    let key = vrf_r255::PublicKey::from_bytes(*key)?;
    let proof = vrf_r255::Proof::from_bytes(*proof)?;
    Option::from(key.verify(input, &proof))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_vrf_check_agrees_with_the_crate_on_valid_and_altered_proofs(
        seed in any::<[u8; 32]>(),
        size in 1u64..u64::MAX,
        root in any::<[u8; 32]>(),
        flip in 0usize..(80 * 8),
        key_flip in 0usize..(32 * 8),
    ) {
        let secret = VrfSecretKey::from_seed(seed);
        let key = secret.public_key();
        let proof = secret.prove(size, &root);
        let input = passage_core::draw::vrf_input(size, &root);
        let honest = draw::vrf_verify(&key.0, &input, &proof.0);
        prop_assert!(honest.is_some());
        prop_assert_eq!(honest, by_the_crate(&key.0, &input, &proof.0));
        prop_assert_eq!(key.verify(size, &root, &proof), honest);

        let mut altered = proof.0;
        altered[flip / 8] ^= 1 << (flip % 8);
        let verdict = draw::vrf_verify(&key.0, &input, &altered);
        prop_assert_eq!(verdict, None);
        prop_assert_eq!(verdict, by_the_crate(&key.0, &input, &altered));

        let mut other_key = key.0;
        other_key[key_flip / 8] ^= 1 << (key_flip % 8);
        let verdict = draw::vrf_verify(&other_key, &input, &proof.0);
        prop_assert_eq!(verdict, None);
        prop_assert_eq!(verdict, by_the_crate(&other_key, &input, &proof.0));
    }

    #[test]
    fn the_vrf_check_agrees_with_the_crate_on_arbitrary_bytes(
        key in any::<[u8; 32]>(),
        input in proptest::collection::vec(any::<u8>(), 0..80),
        proof in proptest::collection::vec(any::<u8>(), 80),
    ) {
        let proof: [u8; 80] = proof.try_into().expect("80 bytes");
        prop_assert_eq!(draw::vrf_verify(&key, &input, &proof), by_the_crate(&key, &input, &proof));
    }
}

#[test]
fn the_vrf_check_refuses_the_identity_key_and_a_scalar_past_the_group_order() {
    let secret = VrfSecretKey::from_seed([7; 32]);
    let key = secret.public_key();
    let root = [3; 32];
    let proof = secret.prove(9, &root);
    let input = passage_core::draw::vrf_input(9, &root);
    // The identity (all zero bytes) is a valid ristretto255 encoding, but not a key.
    assert_eq!(draw::vrf_verify(&[0; 32], &input, &proof.0), None);
    assert_eq!(by_the_crate(&[0; 32], &input, &proof.0), None);
    // s + ℓ is the same scalar, but not canonically encoded: refused by both.
    let order: [u8; 32] =
        hex_array("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
    let mut altered = proof.0;
    let mut carry = 0u16;
    for (byte, add) in altered[48..].iter_mut().zip(order) {
        let sum = u16::from(*byte) + u16::from(add) + carry;
        *byte = sum as u8;
        carry = sum >> 8;
    }
    // s < ℓ < 2^253, so s + ℓ < 2^254 fits in the 32 bytes.
    assert_eq!(carry, 0);
    assert_ne!(altered, proof.0);
    assert_eq!(draw::vrf_verify(&key.0, &input, &altered), None);
    assert_eq!(by_the_crate(&key.0, &input, &altered), None);
}
