//! The fold every party must agree on: the log's entries, in order, through the core. Entry 0
//! is the charter ([`State::genesis`]); every later entry is applied to the state the
//! entries before it gave ([`State::apply`]), with the entry's index, the time the sequencer
//! gave it, and its leaf hash in the log's tree.
//!
//! The sequencer, the node's recovery, a follower, the auditor and the tests all go
//! through [`apply_entry`] (an entry as the log holds it) or [`apply_decoded`] (a statement
//! its caller decoded already, as the node's sequencer holds it), so none of them writes
//! the step from genesis to apply by hand and all reach the same state, or the same
//! [`Refusal`] for the same entry.
//!
//! ```text
//! None,        entry 0 (a charter)  --genesis--> Some(state)
//! Some(state), entry n (anything)   --apply----> Some(state')   (n = state.next_entry_index())
//! otherwise                         --refused--> unchanged
//! ```
//!
//! The core keeps the log's tree itself: the fold hashes each entry's bytes into its leaf
//! hash and the state appends it, so the root an arrival's draw is bound to is the core's
//! own, never one its caller claims.
//!
//! The fold checks no signature: the node verifies each statement before it reaches the
//! sequencer, and an auditor checks every entry's signature before it folds it.

use crate::draw::CheckedOutputs;
use crate::outcome::{Event, Refusal};
use crate::signed::{Entry, SignedStatement};
use crate::state::{ApplyContext, State};
use crate::statement::{Recorded, Timestamp};

/// Folds the log entry `entry` at `index` into `state` (none before the charter), with the
/// time the sequencer gave it: genesis for the charter at entry 0, apply for every later
/// entry. Returns the entry's events; on a refusal `state` is left as it was.
pub fn apply_entry(
    state: &mut Option<State>,
    index: u64,
    entry: &Entry,
) -> Result<Vec<Event>, Refusal> {
    let recorded = entry.statement.decode_statement()?;
    apply_decoded(state, index, entry.sequenced_at, &entry.statement, &recorded)
}

/// As [`apply_entry`], for a statement its caller decoded already: `recorded` is what
/// `signed` carries (as [`SignedStatement::decode_statement`] gives it), to be sequenced at
/// `index` with the time `time`. The node's sequencer decodes each statement once, in the
/// handler that checks it, and applies it here with its own clock's time.
pub fn apply_decoded(
    state: &mut Option<State>,
    index: u64,
    time: Timestamp,
    signed: &SignedStatement,
    recorded: &Recorded,
) -> Result<Vec<Event>, Refusal> {
    apply_checked(state, index, time, signed, recorded, &CheckedOutputs::none())
}

/// As [`apply_decoded`], with VRF outputs whose proofs its caller checked already
/// ([`CheckedOutputs`]; see [`State::apply_checked`]): the same state, events and refusals,
/// without checking those proofs again on the fold's one thread.
pub fn apply_checked(
    state: &mut Option<State>,
    index: u64,
    time: Timestamp,
    signed: &SignedStatement,
    recorded: &Recorded,
    checked: &CheckedOutputs,
) -> Result<Vec<Event>, Refusal> {
    apply_hashed(state, index, time, signed, &signed.id(), recorded, checked)
        .map(|(events, _)| events)
}

/// As [`apply_checked`], for a caller that holds the statement's id already (`id` is
/// [`SignedStatement::id`] of `signed`, as the node's handler computed it when it decoded
/// the statement), returning with the events the entry's leaf hash, which the fold
/// computes for the core's tree: the node's sequencer appends the entry to the log's tree
/// with it, so neither the id nor the leaf is hashed twice.
pub fn apply_hashed(
    state: &mut Option<State>,
    index: u64,
    time: Timestamp,
    signed: &SignedStatement,
    id: &crate::state::StatementId,
    recorded: &Recorded,
    checked: &CheckedOutputs,
) -> Result<(Vec<Event>, [u8; 32]), Refusal> {
    let leaf_hash = crate::signed::entry_leaf_hash(time, signed);
    let ctx = ApplyContext { entry_index: index, time, leaf_hash };
    let events = match state {
        None => {
            let (genesis, events) = State::genesis_decoded(&ctx, &signed.signer, recorded)?;
            *state = Some(genesis);
            events
        }
        Some(state) => {
            let mut events = Vec::new();
            state.apply_checked(&ctx, id, &signed.signer, recorded, checked, &mut events)?;
            events
        }
    };
    Ok((events, leaf_hash))
}
