//! The state snapshot at its boundaries: a state with every kind of content (regimes
//! pending, adopted and in force, officers, a revoked key, movements at every stage,
//! incidents, deadlines, fees, payments) survives encode and decode and behaves the same
//! afterwards; any truncated or altered snapshot is refused with a typed error.

use passage_core::state::SnapshotError;
use passage_core::statement::{IncidentKind, Statement, Timestamp};
use passage_core::testing::{self, Scenario, ident, test_commitment};
use passage_core::{AmountMinor, Currency, DecodeError, State};
use proptest::prelude::*;

/// A scenario whose state holds one of everything.
fn rich_scenario() -> Scenario {
    let mut scenario = Scenario::syunik();
    let effective_from = Timestamp(testing::DAY_START.0 + 4 * 3_600_000);
    let document = testing::SYUNIK_REGIME_NO_CHECKS.to_owned();
    // One regime adopted and scheduled, one left pending.
    scenario.submit_ok(
        "authority:AM",
        Statement::ProposeRegime { effective_from, document: document.clone() },
    );
    let adopted = scenario.state.next_entry_index() - 1;
    scenario.submit_ok("authority:AZ", Statement::ApproveRegime { proposal_entry: adopted });
    scenario.submit_ok("authority:MON", Statement::ApproveRegime { proposal_entry: adopted });
    scenario.submit_ok("authority:AZ", Statement::ProposeRegime { effective_from, document });
    let hs = ["2022:850440", "2022:940360"];
    let train = testing::container_train("AM-TRANSIT-RAIL", 5, 0, &hs);
    let done = scenario.declare_accepted("CASPIAN-RAIL", train);
    scenario.complete(done);
    let truck = testing::truck("AM-TRANSIT-ROAD", "10AB123", "2022:080810", 18_000);
    let at_post = scenario.declare_accepted("ARAZ-TRUCKS", truck);
    scenario.submit_ok(
        "monitor@AM-MEGHRI-E",
        Statement::Arrive { mrn: at_post, post: ident("AM-MEGHRI-E") },
    );
    scenario.submit_ok(
        "monitor@AM-MEGHRI-E",
        Statement::ReportIncident {
            mrn: at_post,
            kind: IncidentKind::Accident,
            details: test_commitment("a dent"),
        },
    );
    let other = testing::truck("AM-TRANSIT-ROAD", "20CD456", "2022:080810", 9_000);
    scenario.declare_accepted("ARAZ-TRUCKS", other);
    let declared = testing::truck("AM-TRANSIT-ROAD", "30EF789", "2022:080810", 1_000);
    scenario.declare("ARAZ-TRUCKS", declared);
    scenario.submit_ok(
        "customs@AM-MEGHRI-E",
        Statement::RecordPayment {
            carrier: ident("CASPIAN-RAIL"),
            amount: AmountMinor(1_000_000),
            currency: Currency::parse("AMD").expect("known"),
            reference: ident("RCPT-1"),
        },
    );
    scenario.submit_ok(
        "authority:MON",
        Statement::RevokeKey { key: testing::public_key_for("monitor@AM-AGARAK-X") },
    );
    scenario
}

#[test]
fn a_rich_state_round_trips_and_behaves_the_same() {
    let mut scenario = rich_scenario();
    let bytes = scenario.state.encode_snapshot();
    let decoded = State::decode_snapshot(&bytes).expect("decodes");
    assert_eq!(decoded.digest(), scenario.state.digest());
    assert_eq!(decoded.encode_snapshot(), bytes);
    assert_eq!(State::snapshot_digest(&bytes), Some(scenario.state.digest()));
    assert_eq!(decoded.proposals().count(), 2);
    // Time passes: the scheduled regime comes into force and the trucks become overdue,
    // in both states alike.
    let mut resumed = scenario.state.clone();
    resumed = State::decode_snapshot(&resumed.encode_snapshot()).expect("decodes");
    scenario.advance_minutes(7 * 24 * 60);
    scenario.submit_ok("monitor@AM-MEGHRI-E", Statement::Tick);
    let (entry, _) = scenario.entries().last().expect("the tick").clone();
    let index = scenario.state.next_entry_index() - 1;
    let events = resumed.apply_entry(index, &entry).expect("the tick applies");
    assert!(events.iter().any(|event| matches!(event, passage_core::Event::RegimeInForce { .. })));
    assert_eq!(resumed.digest(), scenario.state.digest());
    assert_eq!(resumed.regime().name, scenario.state.regime().name);
}

#[test]
fn foreign_and_future_snapshots_are_refused() {
    let bytes = rich_scenario().state.encode_snapshot();
    assert_eq!(
        State::decode_snapshot(b"passage state v1\n and more bytes than a context").err(),
        Some(SnapshotError::NotASnapshot)
    );
    assert!(matches!(State::decode_snapshot(&[]), Err(SnapshotError::Decode(_))));
    let mut future = bytes.clone();
    let supported = passage_core::state::SNAPSHOT_VERSION;
    future[passage_core::state::SNAPSHOT_CONTEXT.len()] = supported + 1;
    assert_eq!(
        State::decode_snapshot(&future).err(),
        Some(SnapshotError::Decode(DecodeError::UnknownVersion {
            what: "snapshot",
            found: supported + 1,
            supported
        }))
    );
    let mut trailing = bytes;
    trailing.push(0);
    assert_eq!(State::decode_snapshot(&trailing).err(), Some(SnapshotError::Checksum));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_truncation_is_refused(cut in any::<prop::sample::Index>()) {
        let bytes = snapshot_bytes();
        let length = cut.index(bytes.len());
        prop_assert!(State::decode_snapshot(&bytes[..length]).is_err());
    }

    #[test]
    fn any_flipped_byte_is_refused(
        position in any::<prop::sample::Index>(),
        mask in 1u8..=255,
    ) {
        let mut bytes = snapshot_bytes().to_vec();
        let position = position.index(bytes.len());
        bytes[position] ^= mask;
        prop_assert!(State::decode_snapshot(&bytes).is_err());
    }

    #[test]
    fn resealed_corruption_never_panics_and_what_decodes_is_canonical(
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
    ) {
        // Corrupt the body and recompute the checksum, so the structural checks (indexes,
        // tags, documents, the digest) are what stands between the bytes and a state.
        let mut bytes = snapshot_bytes().to_vec();
        let body = bytes.len() - 32;
        let start = passage_core::state::SNAPSHOT_CONTEXT.len() + 1;
        for (position, value) in flips {
            bytes[start + position.index(body - start)] = value;
        }
        let checksum = passage_core::digest::sha256(&bytes[..body]);
        bytes[body..].copy_from_slice(&checksum);
        if let Ok(state) = State::decode_snapshot(&bytes) {
            prop_assert_eq!(state.encode_snapshot(), bytes);
        }
    }
}

fn snapshot_bytes() -> &'static [u8] {
    static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BYTES.get_or_init(|| rich_scenario().state.encode_snapshot())
}

#[test]
fn a_version_3_snapshot_is_refused_so_the_log_is_replayed() {
    // Version 3 had no recent statements (version 2 no hours either): its state would
    // take a copy of a statement already in the log, so it is not resumed, and a node
    // replays the log instead.
    let mut older = snapshot_bytes().to_vec();
    older[passage_core::state::SNAPSHOT_CONTEXT.len()] = 3;
    assert_eq!(
        State::decode_snapshot(&older).err(),
        Some(SnapshotError::Decode(DecodeError::UnknownVersion {
            what: "snapshot",
            found: 3,
            supported: passage_core::state::SNAPSHOT_VERSION
        }))
    );
    assert_eq!(State::snapshot_digest(&older), None);
}

/// The bytes of the guarantee section of a state with no guarantor, guarantee or
/// enquiry: four empty `list32` counts and three `u64` totals.
pub(crate) const EMPTY_GUARANTEE_SECTION_BYTES: usize = 4 * 4 + 3 * 8;

/// Where the recent statements start in a snapshot of `state`: before the tree, the
/// pending draws, the (empty) guarantee section, the procedure records (none in the
/// scenarios here: their count only) and the monitoring section, which ends just before
/// the checksum.
fn recent_statements_offset(state: &State, bytes: &[u8]) -> usize {
    assert_eq!(state.guarantees().guarantors().len(), 0, "the offsets assume no guarantees");
    let tree = 2 + 32 * state.tree().hashes().len();
    let draws = 4 + 52 * state.draws_pending().len();
    let procedure = 4;
    bytes.len()
        - 32
        - state.monitors().snapshot_section_bytes()
        - procedure
        - EMPTY_GUARANTEE_SECTION_BYTES
        - draws
        - tree
        - (4 + 48 * state.recent_statement_count())
}

/// Where the movements at posts start in a snapshot of `state`: before the hours, which
/// end just before the recent statements.
fn movements_at_posts_offset(state: &State, bytes: &[u8]) -> usize {
    let hours: usize = state
        .hour_totals()
        .map(|(_, totals)| {
            24 + 2
                + totals.dwell.len() * 26
                + 2
                + totals.fees.len() * 11
                + 2
                + totals.payments.len() * 11
        })
        .sum();
    let posts = state.corridor().posts.len();
    recent_statements_offset(state, bytes) - hours - 4 - (2 + 8 * posts)
}

#[test]
fn recent_statements_that_break_the_window_are_refused_and_the_digest_covers_them() {
    let state = rich_scenario().state;
    let bytes = state.encode_snapshot();
    let recent = recent_statements_offset(&state, &bytes);
    let count = state.recent_statement_count();
    assert!(count > 2, "the scenario's statements are all within the week");
    assert_eq!(bytes[recent..recent + 4], (count as u32).to_be_bytes(), "the layout as documented");
    let first = recent + 4;
    let second = first + 48;
    // The first two swapped: out of order.
    let result = resealed(&bytes, |body| {
        let (head, tail) = body.split_at_mut(second);
        head[first..].swap_with_slice(&mut tail[..48]);
    });
    assert_eq!(broken_rule(result), "recent statements are in order");
    // An entry of 0 (the charter's, never kept), or past the log.
    for entry in [0u64, state.next_entry_index()] {
        let result = resealed(&bytes, |body| {
            body[first + 40..first + 48].copy_from_slice(&entry.to_be_bytes());
        });
        assert_eq!(broken_rule(result), "a recent statement's entry is in the log", "{entry}");
    }
    // Recorded so long before the state's time that no copy could be sequenced: expired.
    let result = resealed(&bytes, |body| body[first..first + 8].copy_from_slice(&[0; 8]));
    assert_eq!(broken_rule(result), "a recent statement is within the window");
    // Another id, in order and consistent: the digest the snapshot recorded tells.
    let last = recent + 4 + 48 * (count - 1);
    let result = resealed(&bytes, |body| body[last + 39] ^= 1);
    assert_eq!(
        broken_rule(result),
        "other: the decoded state's digest differs from the digest the snapshot recorded"
    );
}

/// The snapshot with `change` applied to its body and the checksum recomputed, decoded.
fn resealed(bytes: &[u8], change: impl FnOnce(&mut [u8])) -> Result<State, SnapshotError> {
    let mut bytes = bytes.to_vec();
    let body = bytes.len() - 32;
    change(&mut bytes[..body]);
    let checksum = passage_core::digest::sha256(&bytes[..body]);
    bytes[body..].copy_from_slice(&checksum);
    State::decode_snapshot(&bytes)
}

fn broken_rule(result: Result<State, SnapshotError>) -> String {
    match result {
        Ok(_) => "decoded".to_owned(),
        Err(SnapshotError::Inconsistent { rule, .. }) => rule.to_owned(),
        Err(other) => format!("other: {other}"),
    }
}

#[test]
fn movements_at_posts_and_hours_that_disagree_with_the_movements_are_refused() {
    let state = rich_scenario().state;
    let bytes = state.encode_snapshot();
    let at_posts = movements_at_posts_offset(&state, &bytes);
    let entry_post = state.corridor().post_index(&ident("AM-MEGHRI-E")).expect("a post");
    assert_eq!(state.movement_counts_at_posts()[usize::from(entry_post)], 1);
    let count_at = at_posts + 2 + 8 * usize::from(entry_post);
    assert_eq!(bytes[count_at..count_at + 8], 1u64.to_be_bytes(), "the layout as documented");
    // One movement more or fewer at the entry post than the movements say.
    for count in [0u64, 2] {
        let result = resealed(&bytes, |body| {
            body[count_at..count_at + 8].copy_from_slice(&count.to_be_bytes());
        });
        assert_eq!(
            broken_rule(result),
            "the movements at each post are those whose visit is current",
            "{count}"
        );
    }
    // The first hour's declarations, one more than the movements.
    let hours_at = at_posts + 2 + 8 * state.corridor().posts.len();
    let declared_at = hours_at + 4 + 8;
    let declared = u64::from_be_bytes(bytes[declared_at..declared_at + 8].try_into().expect("8"));
    let (_, first) = state.hour_totals().next().expect("an hour");
    assert_eq!(declared, first.declared, "the layout as documented");
    let result = resealed(&bytes, |body| {
        body[declared_at..declared_at + 8].copy_from_slice(&(declared + 1).to_be_bytes());
    });
    assert_eq!(broken_rule(result), "the hours count every movement's declaration once");
    // The first hour moved ahead of the second: out of order.
    assert!(state.hour_totals().count() > 1, "the scenario spans hours");
    let result = resealed(&bytes, |body| {
        body[hours_at + 4..hours_at + 12].copy_from_slice(&u64::MAX.to_be_bytes());
    });
    assert_eq!(broken_rule(result), "hours are in increasing order");
}

/// The snapshot of the rich state, pinned: the encoding is a wire format, so neither the
/// containers the state keeps its parts in nor anything else but a new snapshot version
/// may change these bytes.
#[test]
fn the_rich_state_snapshot_is_pinned() {
    let bytes = snapshot_bytes();
    let rendering = format!(
        "{} bytes, sha256 {}",
        bytes.len(),
        hex::encode(passage_core::digest::sha256(bytes))
    );
    expect_test::expect![
        "23256 bytes, sha256 391ced4d2e5820e51d823dcd6fbcf304504a2d4e721324dd5e71e6b9da0f5b0d"
    ]
    .assert_eq(&rendering);
}

/// A copy of the state (what the sequencer hands to the snapshot encoder) shares the
/// state's parts, and keeps exactly what it copied while the state goes on.
#[test]
fn a_copy_keeps_its_state_while_the_original_goes_on() {
    let mut scenario = rich_scenario();
    let copy = scenario.state.clone();
    let (digest, bytes) = (copy.digest(), copy.encode_snapshot());
    let truck = testing::truck("AM-TRANSIT-ROAD", "40GH012", "2022:080810", 12_000);
    let mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
    scenario
        .submit_ok("monitor@AM-MEGHRI-E", Statement::Arrive { mrn, post: ident("AM-MEGHRI-E") });
    scenario.advance_minutes(7 * 24 * 60);
    scenario.submit_ok("monitor@AM-MEGHRI-E", Statement::Tick);
    assert_ne!(scenario.state.digest(), digest, "the original moved on");
    assert_eq!(copy.digest(), digest);
    assert_eq!(copy.encode_snapshot(), bytes);
    assert_eq!(State::decode_snapshot(&bytes).expect("decodes").digest(), digest);
}
