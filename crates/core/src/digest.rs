//! The state digest: SHA-256 over a canonical rendering of everything the state holds,
//! in a fixed order (vectors in their order, maps in key order), with the primitives of
//! the statement encoding. Two replays of the same entries give the same digest, however
//! the entries were batched.
//!
//! Two parts grow with the log's history, and are committed so that a digest taken at
//! every checkpoint costs what changed since the last one, not the whole history:
//! - the movements, in blocks of [`MOVEMENT_BLOCK`]: the digest takes each block's SHA-256,
//!   and a [`DigestCache`] keeps those of the blocks no entry changed since it was filled;
//! - the ledger's legs, as a chain the ledger extends as it posts ([`chain_leg`]).
//!
//! The digest is the same with a cache or without one ([`State::digest`] starts from an
//! empty cache).

use crate::encoding::Writer;
use crate::ledger::{Account, Ledger, PostingKind};
use crate::movement::Movement;
use crate::state::MOVEMENT_BLOCK;
use crate::state::{
    Carrier, Dwell, Holder, KeyRecord, PeriodTotals, Proposal, ProposalStatus, State,
};
use crate::statement::{
    Timestamp, encode_declaration_fields, encode_guarantee_field, encode_particulars,
};
use imbl::Vector;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// The context string that starts the digest.
pub const DIGEST_CONTEXT: &[u8] = b"passage state v7\n";

/// SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// The parts of the state that the digest covers.
pub(crate) struct Parts<'a> {
    pub charter_document_hash: &'a [u8; 32],
    pub next_entry_index: u64,
    pub time: Timestamp,
    pub regime_entry: u64,
    pub proposals: &'a BTreeMap<u64, Proposal>,
    pub scheduled: &'a BTreeSet<(Timestamp, u64)>,
    pub keys: &'a Vector<KeyRecord>,
    pub carriers: &'a Vector<Carrier>,
    pub movements: &'a crate::state::Movements,
    pub ledger: &'a Ledger,
    pub dwell: &'a [Dwell],
    pub hours: &'a imbl::OrdMap<u64, PeriodTotals>,
    pub at_post: &'a [u64],
    pub recent: &'a crate::state::RecentStatements,
    pub tree: &'a crate::draw::TreeEdge,
    pub draws_pending: &'a imbl::OrdMap<u64, crate::draw::PendingDraw>,
    pub guarantees: &'a crate::guarantee::GuaranteeBook,
    pub monitors: &'a crate::monitoring::MonitorBook,
}

fn option_u64(writer: &mut Writer, value: Option<u64>) {
    match value {
        None => writer.u8(0),
        Some(value) => {
            writer.u8(1);
            writer.u64(value);
        }
    }
}

fn account(writer: &mut Writer, account: &Account) {
    match account {
        Account::Carrier(id) => {
            writer.u8(0);
            writer.ident(id);
        }
        Account::Revenue(id) => {
            writer.u8(1);
            writer.ident(id);
        }
        Account::Receipts => writer.u8(2),
        Account::Guarantor(id) => {
            writer.u8(3);
            writer.ident(id);
        }
        Account::Treasury(id) => {
            writer.u8(4);
            writer.ident(id);
        }
    }
}

/// The block hashes of the movements as of a state of the log, for the next digest of a
/// later state of the same log: blocks that no entry changed since are not hashed again.
///
/// A cache belongs to one log as one process folded it: give it only states that follow
/// from the one it was last used with (a state recovered from the store after a lost
/// commit may hold other entries at the same indices; start a new cache for it). A cache
/// used with an earlier state than its own starts again by itself.
#[derive(Clone, Debug, Default)]
pub struct DigestCache {
    /// The state's `next_entry_index` when the cache was last used.
    as_of: u64,
    /// SHA-256 of each block of movements, as of then.
    blocks: Vec<[u8; 32]>,
}

impl DigestCache {
    /// An empty cache: the next digest hashes every block.
    pub fn new() -> DigestCache {
        DigestCache::default()
    }
}

/// Extends the chain `chain` of the ledger's legs with `leg`: SHA-256 of the chain so far
/// and the leg's bytes. The chain of no legs is 32 zero bytes.
pub(crate) fn chain_leg(chain: &mut [u8; 32], leg: &crate::ledger::Leg) {
    let mut writer = Writer::with_capacity(96);
    writer.fixed(chain);
    writer.u64(leg.entry_index);
    writer.u64(leg.time.0);
    writer.u8(match leg.kind {
        PostingKind::Fee => 0,
        PostingKind::Payment => 1,
        PostingKind::Refund => 2,
        PostingKind::Recovery => 3,
        PostingKind::Remittance => 4,
    });
    account(&mut writer, &leg.account);
    writer.fixed(leg.currency.as_bytes());
    writer.i64(leg.amount.0);
    *chain = sha256(writer.as_bytes());
}

/// SHA-256 of the movements of block `block`, each as [`movement_bytes`] writes it.
fn block_hash(movements: &crate::state::Movements, block: usize) -> [u8; 32] {
    let mut hasher = Sha256::new();
    let mut writer = Writer::with_capacity(4096);
    let end = ((block + 1) * MOVEMENT_BLOCK).min(movements.len());
    for index in block * MOVEMENT_BLOCK..end {
        movement_bytes(&mut writer, &movements[index]);
        hasher.update(writer.as_bytes());
        writer.clear();
    }
    hasher.finalize().into()
}

pub(crate) fn state_digest(state: &State, cache: &mut DigestCache) -> [u8; 32] {
    let parts = state.digest_parts();
    let mut hasher = Sha256::new();
    let mut writer = Writer::with_capacity(4096);
    let flush = |hasher: &mut Sha256, writer: &mut Writer| {
        hasher.update(writer.as_bytes());
        writer.clear();
    };
    writer.fixed(DIGEST_CONTEXT);
    writer.fixed(parts.charter_document_hash);
    writer.u64(parts.next_entry_index);
    writer.u64(parts.time.0);
    writer.u64(parts.regime_entry);

    writer.u64(parts.proposals.len() as u64);
    for proposal in parts.proposals.values() {
        writer.u64(proposal.entry);
        writer.u64(proposal.effective_from.0);
        writer.fixed(&proposal.document_hash);
        writer.u64(proposal.approvals.len() as u64);
        for party in &proposal.approvals {
            writer.u64(*party as u64);
        }
        writer.u8(match proposal.status {
            ProposalStatus::Pending => 0,
            ProposalStatus::Adopted => 1,
            ProposalStatus::InForce => 2,
        });
    }
    writer.u64(parts.scheduled.len() as u64);
    for (time, entry) in parts.scheduled {
        writer.u64(time.0);
        writer.u64(*entry);
    }

    writer.u64(parts.keys.len() as u64);
    for record in parts.keys {
        writer.fixed(&record.key.0);
        match &record.holder {
            Holder::Authority { party } => {
                writer.u8(0);
                writer.u64(*party as u64);
            }
            Holder::Officer { party, role, posts } => {
                writer.u8(1);
                writer.u64(*party as u64);
                writer.u8(role.tag());
                writer.u64(posts.len() as u64);
                for post in posts {
                    writer.u16(*post);
                }
            }
            Holder::Carrier { carrier } => {
                writer.u8(2);
                writer.u64(*carrier as u64);
            }
            Holder::Guarantor { guarantor } => {
                writer.u8(3);
                writer.u64(*guarantor as u64);
            }
        }
        writer.u64(record.since_entry);
        option_u64(&mut writer, record.revoked_at_entry);
    }
    flush(&mut hasher, &mut writer);

    writer.u64(parts.carriers.len() as u64);
    for carrier in parts.carriers {
        writer.ident(&carrier.id);
        writer.u64(carrier.name.len() as u64);
        writer.fixed(carrier.name.as_bytes());
        writer.u64(carrier.party as u64);
        writer.u64(carrier.keys.len() as u64);
        for key in &carrier.keys {
            writer.fixed(&key.0);
        }
    }

    // The movements by blocks: the count, then each block's SHA-256.
    writer.u64(parts.movements.len() as u64);
    flush(&mut hasher, &mut writer);
    if cache.as_of > parts.next_entry_index {
        *cache = DigestCache::default();
    }
    let blocks = parts.movements.len().div_ceil(MOVEMENT_BLOCK);
    cache.blocks.truncate(blocks);
    for block in 0..blocks {
        if block >= cache.blocks.len() {
            cache.blocks.push(block_hash(parts.movements, block));
        } else if parts.movements.block_changed_at(block) >= cache.as_of {
            cache.blocks[block] = block_hash(parts.movements, block);
        }
        hasher.update(cache.blocks[block]);
    }
    cache.as_of = parts.next_entry_index;

    // The legs: their count and their chain.
    writer.u64(parts.ledger.legs().len() as u64);
    writer.fixed(parts.ledger.legs_chain());
    for ((balance_account, currency), amount) in parts.ledger.balances() {
        account(&mut writer, balance_account);
        writer.fixed(currency.as_bytes());
        writer.i64(amount.0);
        if writer.as_bytes().len() > 4000 {
            flush(&mut hasher, &mut writer);
        }
    }
    writer.u64(parts.dwell.len() as u64);
    for dwell in parts.dwell {
        writer.u64(dwell.departures);
        writer.u64(dwell.total_ms);
    }
    writer.u64(parts.at_post.len() as u64);
    for count in parts.at_post {
        writer.u64(*count);
    }
    writer.u64(parts.hours.len() as u64);
    for (hour, totals) in parts.hours {
        writer.u64(*hour);
        writer.u64(totals.declared);
        writer.u64(totals.arrived_at_destination);
        writer.u64(totals.dwell.len() as u64);
        for (post, dwell) in &totals.dwell {
            writer.u16(*post);
            writer.u64(dwell.departures);
            writer.u64(dwell.total_ms);
            writer.u64(dwell.max_ms);
        }
        for amounts in [&totals.fees, &totals.payments] {
            writer.u64(amounts.len() as u64);
            for (currency, amount) in amounts {
                writer.fixed(currency.as_bytes());
                writer.i64(*amount);
            }
        }
        if writer.as_bytes().len() > 4000 {
            flush(&mut hasher, &mut writer);
        }
    }
    writer.u64(parts.recent.len() as u64);
    for (recorded_at, id, entry) in parts.recent.iter() {
        writer.u64(recorded_at.0);
        writer.fixed(id);
        writer.u64(entry);
        if writer.as_bytes().len() > 4000 {
            flush(&mut hasher, &mut writer);
        }
    }
    // Version 4: the tree's right edge and the pending draws.
    writer.u64(parts.tree.size());
    for hash in parts.tree.hashes() {
        writer.fixed(hash);
    }
    writer.u64(parts.draws_pending.len() as u64);
    for (size, draw) in parts.draws_pending {
        writer.u64(*size);
        writer.fixed(&draw.root);
        writer.u64(draw.movement as u64);
        writer.u32(draw.random_red_ppm);
        writer.u32(draw.random_yellow_ppm);
        if writer.as_bytes().len() > 4000 {
            flush(&mut hasher, &mut writer);
        }
    }
    // Version 5: guarantors, guarantees, live engagements, open enquiries, in the layout
    // of the snapshot's guarantee section.
    flush(&mut hasher, &mut writer);
    parts.guarantees.encode(&mut writer);
    // Version 6: the monitoring section, in the layout of the snapshot's.
    flush(&mut hasher, &mut writer);
    parts.monitors.encode(&mut writer);
    flush(&mut hasher, &mut writer);
    hasher.finalize().into()
}

fn movement_bytes(writer: &mut Writer, movement: &Movement) {
    writer.fixed(movement.mrn.as_bytes());
    writer.ident(&movement.carrier);
    encode_declaration_fields(writer, &movement.declaration);
    encode_guarantee_field(writer, movement.declaration.guarantee.as_ref());
    writer.u64(movement.route as u64);
    writer.u8(movement.status as u8);
    writer.u64(movement.declared_at.0);
    option_u64(writer, movement.accepted_at.map(|time| time.0));
    option_u64(writer, movement.deadline.map(|time| time.0));
    writer.u8(u8::from(movement.overdue));
    writer.u64(movement.visits.len() as u64);
    for visit in &movement.visits {
        writer.u16(visit.post);
        writer.u8(u8::from(visit.controlled));
        writer.u64(visit.arrived_at.0);
        writer.u64(visit.arrival_entry);
        option_u64(writer, visit.released_at.map(|time| time.0));
        option_u64(writer, visit.held.map(|reason| u64::from(reason.tag())));
        option_u64(writer, visit.departed_at.map(|time| time.0));
        writer.u64(visit.units.len() as u64);
        for unit in &visit.units {
            writer.u16(unit.equipment_index);
            writer.u8(unit.lane as u8);
            option_u64(writer, unit.seal.map(|seal| u64::from(seal.tag())));
            option_u64(
                writer,
                unit.inspection
                    .map(|(kind, outcome)| u64::from(kind.tag()) << 8 | u64::from(outcome.tag())),
            );
        }
        option_u64(writer, visit.pending_draw);
    }
    writer.u64(movement.incidents.len() as u64);
    for incident in &movement.incidents {
        writer.u16(incident.number);
        writer.u8(incident.kind.tag());
        writer.u64(incident.opened_at.0);
        writer.u64(incident.opened_entry);
        option_u64(writer, incident.reported_post.map(u64::from));
        option_u64(writer, incident.closed_entry);
    }
    writer.u16(movement.open_incidents);
    match movement.fee {
        None => writer.u8(0),
        Some((amount, currency)) => {
            writer.u8(1);
            writer.i64(amount.0);
            writer.fixed(currency.as_bytes());
        }
    }
    writer.u64(movement.history.len() as u64);
    for entry in &movement.history {
        writer.u64(*entry);
    }
    writer.u64(movement.attestations.len() as u64);
    for (attested, attesting) in &movement.attestations {
        writer.u64(*attested);
        writer.u64(*attesting);
    }
    writer.u64(movement.units.len() as u64);
    for unit in &movement.units {
        writer.u16(*unit);
    }
    // The procedure's part: the particulars and the detained units.
    match &movement.declaration.particulars {
        None => writer.u8(0),
        Some(particulars) => {
            writer.u8(1);
            encode_particulars(writer, particulars);
        }
    }
    writer.u64(movement.detained.len() as u64);
    for equipment_index in &movement.detained {
        writer.u16(*equipment_index);
    }
}
