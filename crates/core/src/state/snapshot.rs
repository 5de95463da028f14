//! The state snapshot: a canonical, versioned encoding of everything the state holds, so a
//! node or an auditor resumes from it and replays only the entries after it. The layout is
//! documented byte for byte in `ENCODING.md` ("State snapshot").
//!
//! Decoding trusts nothing: the checksum catches any flipped or missing byte, every index
//! is checked against what it points into, the documents are parsed again, what the state
//! derives (indexes, balances, open incidents, scheduled regimes) is rebuilt rather than
//! read, and the rebuilt state must give the digest the snapshot recorded.

use super::*;
use crate::corridor::DocumentError;
use crate::encoding::{DecodeError, Reader, Writer};
use crate::ledger::Leg;
use crate::statement::{
    DOCUMENT_BYTES_MAX, decode_declaration_fields, decode_guarantee_field,
    encode_declaration_fields, encode_guarantee_field,
};

/// The bytes a snapshot starts with.
pub const SNAPSHOT_CONTEXT: &[u8] = b"passage state snapshot\n";
/// The snapshot version this implementation writes and reads.
pub const SNAPSHOT_VERSION: u8 = 6;
/// Most bytes in a snapshot (1 GiB). A state of a million movements takes a few hundred
/// bytes each, well under it; past it a snapshot is refused before anything is read.
pub const SNAPSHOT_BYTES_MAX: usize = 1 << 30;

const DIGEST_BYTES: usize = 32;
/// MRN serials have 12 digits.
const MRN_SERIAL_LIMIT: u64 = 1_000_000_000_000;
const CHECKSUM_BYTES: usize = 32;

/// Why bytes are not a state snapshot this core can resume from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SnapshotError {
    /// More bytes than [`SNAPSHOT_BYTES_MAX`].
    #[error("the snapshot takes {found} bytes; at most {SNAPSHOT_BYTES_MAX} are read")]
    TooLarge {
        /// Bytes found.
        found: usize,
    },
    /// The bytes do not start with [`SNAPSHOT_CONTEXT`].
    #[error("not a state snapshot (it does not start with the snapshot context)")]
    NotASnapshot,
    /// The SHA-256 at the end does not match the bytes before it: a byte was lost or changed.
    #[error("the snapshot's checksum does not match its bytes")]
    Checksum,
    /// The bytes do not follow the layout (truncated, unknown tag or version, ...).
    #[error("malformed snapshot: {0}")]
    Decode(#[from] DecodeError),
    /// The charter document does not parse.
    #[error("the snapshot's charter is invalid: {0}")]
    Charter(DocumentError),
    /// A proposal's regime document does not parse.
    #[error("the regime proposed at entry {entry} is invalid: {source}")]
    Regime {
        /// The proposal's entry.
        entry: u64,
        /// Why.
        source: DocumentError,
    },
    /// A value contradicts another (an index out of range, an entry from the future, ...).
    #[error("the snapshot is inconsistent at offset {offset}: {rule}")]
    Inconsistent {
        /// Where the value was read.
        offset: usize,
        /// The rule broken.
        rule: &'static str,
    },
    /// The decoded state's digest is not the one the snapshot recorded.
    #[error("the decoded state's digest differs from the digest the snapshot recorded")]
    DigestMismatch,
}

fn inconsistent(offset: usize, rule: &'static str) -> SnapshotError {
    SnapshotError::Inconsistent { offset, rule }
}

/// Fails with [`SnapshotError::Inconsistent`] unless `holds`.
fn check(holds: bool, offset: usize, rule: &'static str) -> Result<(), SnapshotError> {
    if holds { Ok(()) } else { Err(inconsistent(offset, rule)) }
}

/// A `u32` element count, refused if even `element_bytes_min` bytes per element would not
/// fit in what is left (so a corrupt count never reserves memory).
fn count32(
    reader: &mut Reader<'_>,
    what: &'static str,
    element_bytes_min: usize,
) -> Result<usize, DecodeError> {
    let offset = reader.offset();
    let count = reader.u32(what)? as usize;
    let max = reader.remaining() / element_bytes_min;
    if count > max {
        return Err(DecodeError::TooLong { what, found: count, max, offset });
    }
    Ok(count)
}

fn write_count32(writer: &mut Writer, count: usize) {
    let count = u32::try_from(count).expect("a state holds fewer than 2^32 of anything");
    writer.u32(count);
}

fn write_option_u64(writer: &mut Writer, value: Option<u64>) {
    match value {
        None => writer.u8(0),
        Some(value) => {
            writer.u8(1);
            writer.u64(value);
        }
    }
}

fn read_option_u64(
    reader: &mut Reader<'_>,
    what: &'static str,
) -> Result<Option<u64>, DecodeError> {
    Ok(if reader.bool(what)? { Some(reader.u64(what)?) } else { None })
}

fn read_option_time(
    reader: &mut Reader<'_>,
    what: &'static str,
) -> Result<Option<Timestamp>, DecodeError> {
    Ok(read_option_u64(reader, what)?.map(Timestamp))
}

/// A tag read through the enum's own `from_tag`.
fn read_tag<T>(
    reader: &mut Reader<'_>,
    what: &'static str,
    from_tag: impl FnOnce(u8) -> Option<T>,
) -> Result<T, DecodeError> {
    let offset = reader.offset();
    let tag = reader.u8(what)?;
    from_tag(tag).ok_or(DecodeError::UnknownTag { what, tag, offset })
}

fn write_option_tag(writer: &mut Writer, tag: Option<u8>) {
    match tag {
        None => writer.u8(0),
        Some(tag) => {
            writer.u8(1);
            writer.u8(tag);
        }
    }
}

fn read_option_tag<T>(
    reader: &mut Reader<'_>,
    what: &'static str,
    from_tag: impl FnOnce(u8) -> Option<T>,
) -> Result<Option<T>, DecodeError> {
    if reader.bool(what)? { Ok(Some(read_tag(reader, what, from_tag)?)) } else { Ok(None) }
}

fn lane_from_tag(tag: u8) -> Option<Lane> {
    match tag {
        0 => Some(Lane::Green),
        1 => Some(Lane::Yellow),
        2 => Some(Lane::Red),
        _ => None,
    }
}

fn status_tag(status: ProposalStatus) -> u8 {
    match status {
        ProposalStatus::Pending => 0,
        ProposalStatus::Adopted => 1,
        ProposalStatus::InForce => 2,
    }
}

fn status_from_tag(tag: u8) -> Option<ProposalStatus> {
    match tag {
        0 => Some(ProposalStatus::Pending),
        1 => Some(ProposalStatus::Adopted),
        2 => Some(ProposalStatus::InForce),
        _ => None,
    }
}

fn posting_kind_tag(kind: PostingKind) -> u8 {
    match kind {
        PostingKind::Fee => 0,
        PostingKind::Payment => 1,
        PostingKind::Refund => 2,
        PostingKind::Recovery => 3,
        PostingKind::Remittance => 4,
    }
}

fn posting_kind_from_tag(tag: u8) -> Option<PostingKind> {
    match tag {
        0 => Some(PostingKind::Fee),
        1 => Some(PostingKind::Payment),
        2 => Some(PostingKind::Refund),
        3 => Some(PostingKind::Recovery),
        4 => Some(PostingKind::Remittance),
        _ => None,
    }
}

fn write_account(writer: &mut Writer, account: &Account) {
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

fn read_account(reader: &mut Reader<'_>) -> Result<Account, DecodeError> {
    Ok(match reader.tag("account", 5)? {
        0 => Account::Carrier(reader.ident("carrier account")?),
        1 => Account::Revenue(reader.ident("revenue account")?),
        2 => Account::Receipts,
        3 => Account::Guarantor(reader.ident("guarantor account")?),
        _ => Account::Treasury(reader.ident("treasury account")?),
    })
}

/// A party index as a `u16`, checked against the charter when read.
fn write_index16(writer: &mut Writer, index: usize) {
    let index = u16::try_from(index).expect("charter parties and routes number under 65,536");
    writer.u16(index);
}

impl State {
    /// The state's canonical snapshot (see `ENCODING.md`, "State snapshot"): what
    /// [`State::decode_snapshot`] turns back into a state that behaves exactly like this
    /// one for every further entry. Equal states give equal bytes.
    pub fn encode_snapshot(&self) -> Vec<u8> {
        let mut writer = Writer::with_capacity(4096 + self.movements.len() * 512);
        writer.fixed(SNAPSHOT_CONTEXT);
        writer.u8(SNAPSHOT_VERSION);
        writer.fixed(&self.digest());
        writer.u64(self.next_entry_index);
        writer.u64(self.time.0);
        writer.bytes16(self.charter_document.as_bytes());
        writer.u64(self.regime_entry);

        write_count32(&mut writer, self.proposals.len());
        for proposal in self.proposals.values() {
            writer.u64(proposal.entry);
            writer.u64(proposal.effective_from.0);
            writer.u8(status_tag(proposal.status));
            writer.count(proposal.approvals.len());
            for party in &proposal.approvals {
                write_index16(&mut writer, *party);
            }
            writer.bytes16(proposal.document.as_bytes());
        }

        write_count32(&mut writer, self.carriers.len());
        for carrier in &self.carriers {
            writer.ident(&carrier.id);
            writer.bytes16(carrier.name.as_bytes());
            write_index16(&mut writer, carrier.party);
        }

        write_count32(&mut writer, self.keys.len());
        for record in &self.keys {
            writer.fixed(&record.key.0);
            match &record.holder {
                Holder::Authority { party } => {
                    writer.u8(0);
                    write_index16(&mut writer, *party);
                }
                Holder::Officer { party, role, posts } => {
                    writer.u8(1);
                    write_index16(&mut writer, *party);
                    writer.u8(role.tag());
                    writer.count(posts.len());
                    for post in posts {
                        writer.u16(*post);
                    }
                }
                Holder::Carrier { carrier } => {
                    writer.u8(2);
                    write_count32(&mut writer, *carrier);
                }
                Holder::Guarantor { guarantor } => {
                    writer.u8(3);
                    write_count32(&mut writer, *guarantor);
                }
            }
            writer.u64(record.since_entry);
            write_option_u64(&mut writer, record.revoked_at_entry);
        }

        write_count32(&mut writer, self.movements.len());
        for movement in &self.movements {
            encode_movement(&mut writer, movement);
        }

        write_count32(&mut writer, self.deadlines.len());
        for (deadline, index) in &self.deadlines {
            writer.u64(deadline.0);
            write_count32(&mut writer, *index);
        }

        let legs = self.ledger.legs();
        write_count32(&mut writer, legs.len());
        for leg in legs {
            writer.u64(leg.entry_index);
            writer.u64(leg.time.0);
            writer.u8(posting_kind_tag(leg.kind));
            write_account(&mut writer, &leg.account);
            writer.fixed(leg.currency.as_bytes());
            writer.i64(leg.amount.0);
        }

        writer.count(self.dwell.len());
        for dwell in &self.dwell {
            writer.u64(dwell.departures);
            writer.u64(dwell.total_ms);
        }

        writer.count(self.at_post.len());
        for count in &self.at_post {
            writer.u64(*count);
        }
        write_count32(&mut writer, self.hours.len());
        for (hour, totals) in &self.hours {
            writer.u64(*hour);
            writer.u64(totals.declared);
            writer.u64(totals.arrived_at_destination);
            writer.count(totals.dwell.len());
            for (post, dwell) in &totals.dwell {
                writer.u16(*post);
                writer.u64(dwell.departures);
                writer.u64(dwell.total_ms);
                writer.u64(dwell.max_ms);
            }
            for amounts in [&totals.fees, &totals.payments] {
                writer.count(amounts.len());
                for (currency, amount) in amounts {
                    writer.fixed(currency.as_bytes());
                    writer.i64(*amount);
                }
            }
        }
        self.recent.encode(&mut writer);
        encode_draws(&mut writer, self);
        self.guarantees.encode(&mut writer);
        encode_procedure(&mut writer, self);
        self.monitors.encode(&mut writer);
        let checksum = crate::digest::sha256(writer.as_bytes());
        writer.fixed(&checksum);
        writer.into_bytes()
    }

    /// The digest a snapshot recorded (that of the state it encodes), read from its
    /// header without decoding the rest; `None` if the bytes are not a snapshot.
    pub fn snapshot_digest(bytes: &[u8]) -> Option<[u8; 32]> {
        let rest = bytes.strip_prefix(SNAPSHOT_CONTEXT)?;
        let (&version, rest) = rest.split_first()?;
        let digest = rest.get(..DIGEST_BYTES)?;
        (version == SNAPSHOT_VERSION).then(|| digest.try_into().expect("32 bytes"))
    }

    /// The state a snapshot encodes. Any byte string gives a state or a typed error, never
    /// a panic: a truncated or altered snapshot is refused.
    pub fn decode_snapshot(bytes: &[u8]) -> Result<State, SnapshotError> {
        if bytes.len() > SNAPSHOT_BYTES_MAX {
            return Err(SnapshotError::TooLarge { found: bytes.len() });
        }
        let mut reader = Reader::new(bytes);
        let context = reader.take("snapshot context", SNAPSHOT_CONTEXT.len())?;
        if context != SNAPSHOT_CONTEXT {
            return Err(SnapshotError::NotASnapshot);
        }
        let version = reader.u8("snapshot version")?;
        if version != SNAPSHOT_VERSION {
            return Err(DecodeError::UnknownVersion {
                what: "snapshot",
                found: version,
                supported: SNAPSHOT_VERSION,
            }
            .into());
        }
        let body_end = bytes
            .len()
            .checked_sub(CHECKSUM_BYTES)
            .filter(|end| *end >= reader.offset() + DIGEST_BYTES)
            .ok_or(DecodeError::Truncated { what: "snapshot", offset: bytes.len() })?;
        let (body, checksum) = bytes.split_at(body_end);
        if crate::digest::sha256(body) != checksum {
            return Err(SnapshotError::Checksum);
        }
        let mut reader = Reader::new(body);
        reader.take("snapshot context", SNAPSHOT_CONTEXT.len() + 1)?;
        let state = decode_body(&mut reader)?;
        reader.finish("snapshot")?;
        Ok(state)
    }
}

fn encode_movement(writer: &mut Writer, movement: &Movement) {
    writer.fixed(movement.mrn.as_bytes());
    writer.ident(&movement.carrier);
    encode_declaration_fields(writer, &movement.declaration);
    encode_guarantee_field(writer, movement.declaration.guarantee.as_ref());
    write_index16(writer, movement.route);
    writer.u8(movement.status as u8);
    writer.u64(movement.declared_at.0);
    write_option_u64(writer, movement.accepted_at.map(|time| time.0));
    write_option_u64(writer, movement.deadline.map(|time| time.0));
    writer.u8(u8::from(movement.overdue));
    write_count32(writer, movement.visits.len());
    for visit in &movement.visits {
        writer.u16(visit.post);
        writer.u8(u8::from(visit.controlled));
        writer.u64(visit.arrived_at.0);
        writer.u64(visit.arrival_entry);
        write_option_u64(writer, visit.released_at.map(|time| time.0));
        write_option_tag(writer, visit.held.map(HoldReason::tag));
        write_option_u64(writer, visit.departed_at.map(|time| time.0));
        writer.count(visit.units.len());
        for unit in &visit.units {
            writer.u16(unit.equipment_index);
            writer.u8(unit.lane as u8);
            write_option_tag(writer, unit.seal.map(SealCondition::tag));
            match unit.inspection {
                None => writer.u8(0),
                Some((kind, outcome)) => {
                    writer.u8(1);
                    writer.u8(kind.tag());
                    writer.u8(outcome.tag());
                }
            }
        }
        write_option_u64(writer, visit.pending_draw);
    }
    writer.count(movement.incidents.len());
    for incident in &movement.incidents {
        writer.u8(incident.kind.tag());
        writer.u64(incident.opened_at.0);
        writer.u64(incident.opened_entry);
        match incident.reported_post {
            None => writer.u8(0),
            Some(post) => {
                writer.u8(1);
                writer.u16(post);
            }
        }
        write_option_u64(writer, incident.closed_entry);
    }
    match movement.fee {
        None => writer.u8(0),
        Some((amount, currency)) => {
            writer.u8(1);
            writer.i64(amount.0);
            writer.fixed(currency.as_bytes());
        }
    }
    write_count32(writer, movement.history.len());
    for entry in &movement.history {
        writer.u64(*entry);
    }
    write_count32(writer, movement.attestations.len());
    for (attested, attesting) in &movement.attestations {
        writer.u64(*attested);
        writer.u64(*attesting);
    }
}

/// What the decoder checks indexes against.
struct Bounds {
    next_entry_index: u64,
    parties: usize,
    posts: usize,
    routes: usize,
}

impl Bounds {
    fn entry(&self, entry: u64, offset: usize) -> Result<u64, SnapshotError> {
        check(entry < self.next_entry_index, offset, "an entry index is not yet in the log")?;
        Ok(entry)
    }

    fn party(&self, reader: &mut Reader<'_>) -> Result<usize, SnapshotError> {
        let offset = reader.offset();
        let party = usize::from(reader.u16("party")?);
        check(party < self.parties, offset, "a party index is past the charter's parties")?;
        Ok(party)
    }

    fn post(&self, reader: &mut Reader<'_>) -> Result<PostIndex, SnapshotError> {
        let offset = reader.offset();
        let post = reader.u16("post")?;
        check(usize::from(post) < self.posts, offset, "a post index is past the corridor's")?;
        Ok(post)
    }
}

fn decode_body(reader: &mut Reader<'_>) -> Result<State, SnapshotError> {
    let digest: [u8; 32] = reader.array("digest")?;
    let next_entry_index = reader.u64("next entry index")?;
    check(next_entry_index >= 1, reader.offset(), "a state holds at least the charter")?;
    let time = Timestamp(reader.u64("time")?);
    let charter_document = reader.text16("charter document", DOCUMENT_BYTES_MAX)?;
    let charter = Charter::from_toml(charter_document).map_err(SnapshotError::Charter)?;
    let bounds = Bounds {
        next_entry_index,
        parties: charter.parties.len(),
        posts: charter.corridor.posts.len(),
        routes: charter.corridor.routes.len(),
    };
    let party_ids: Vec<Ident> = charter.parties.iter().map(|party| party.id).collect();

    let offset = reader.offset();
    let regime_entry = reader.u64("regime entry")?;
    let count = count32(reader, "proposals", 21)?;
    let mut proposals = BTreeMap::new();
    let mut scheduled = BTreeSet::new();
    let mut previous_entry = None;
    for _ in 0..count {
        let offset = reader.offset();
        let entry = bounds.entry(reader.u64("proposal entry")?, offset)?;
        check(entry > 0, offset, "a proposal is not the charter")?;
        check(previous_entry < Some(entry), offset, "proposals are in entry order")?;
        previous_entry = Some(entry);
        let effective_from = Timestamp(reader.u64("effective from")?);
        let status = read_tag(reader, "proposal status", status_from_tag)?;
        let approval_count = reader.count("approvals", bounds.parties)?;
        let mut approvals = Vec::with_capacity(approval_count);
        for _ in 0..approval_count {
            let offset = reader.offset();
            let party = bounds.party(reader)?;
            check(!approvals.contains(&party), offset, "a party approves once")?;
            approvals.push(party);
        }
        let document = reader.text16("regime document", DOCUMENT_BYTES_MAX)?;
        let regime = Regime::from_toml(document, &charter.corridor, &party_ids)
            .map_err(|source| SnapshotError::Regime { entry, source })?;
        if status == ProposalStatus::Adopted {
            scheduled.insert((effective_from, entry));
        }
        proposals.insert(
            entry,
            Proposal {
                entry,
                effective_from,
                document_hash: crate::digest::sha256(document.as_bytes()),
                document: Arc::from(document),
                regime: Arc::new(regime),
                approvals,
                status,
            },
        );
    }
    let regime = if regime_entry == 0 {
        Arc::new(charter.regime.clone())
    } else {
        let proposal = proposals
            .get(&regime_entry)
            .filter(|proposal| proposal.status == ProposalStatus::InForce)
            .ok_or_else(|| {
                inconsistent(offset, "the regime in force is not a proposal in force")
            })?;
        proposal.regime.clone()
    };

    let count = count32(reader, "carriers", 5)?;
    let mut carriers = Vec::with_capacity(count);
    let mut carrier_index = SharedMap::default();
    for _ in 0..count {
        let offset = reader.offset();
        let id = reader.ident("carrier")?;
        let name = reader.text16("carrier name", crate::statement::CARRIER_NAME_BYTES_MAX)?;
        let party = bounds.party(reader)?;
        let fresh = carrier_index.insert(id, carriers.len()).is_none();
        check(fresh, offset, "a carrier is registered once")?;
        carriers.push(Carrier { id, name: name.to_owned(), party, keys: Vec::new() });
    }

    let mut guarantor_keys = Vec::new();
    let count = count32(reader, "keys", 44)?;
    let mut keys = Vec::with_capacity(count);
    let mut key_index = SharedMap::default();
    for _ in 0..count {
        let offset = reader.offset();
        let key = PublicKey(reader.array("key")?);
        let holder = match reader.tag("key holder", 4)? {
            0 => Holder::Authority { party: bounds.party(reader)? },
            1 => {
                let party = bounds.party(reader)?;
                let role = read_tag(reader, "officer role", OfficerRole::from_tag)?;
                let post_count =
                    reader.count("officer posts", crate::statement::POSTS_PER_OFFICER_MAX)?;
                let mut posts = Vec::with_capacity(post_count);
                for _ in 0..post_count {
                    posts.push(bounds.post(reader)?);
                }
                Holder::Officer { party, role, posts }
            }
            3 => {
                // Checked against the guarantors once their section is read.
                let guarantor = reader.u32("guarantor index")? as usize;
                guarantor_keys.push((key, guarantor, offset));
                Holder::Guarantor { guarantor }
            }
            _ => {
                let carrier_offset = reader.offset();
                let carrier = reader.u32("carrier index")? as usize;
                let Some(record) = carriers.get_mut(carrier) else {
                    return Err(inconsistent(carrier_offset, "a key's carrier is not registered"));
                };
                record.keys.push(key);
                Holder::Carrier { carrier }
            }
        };
        let since_offset = reader.offset();
        let since_entry = reader.u64("since entry")?;
        if since_entry != 0 {
            bounds.entry(since_entry, since_offset)?;
        }
        let revoked_at_entry = read_option_u64(reader, "revoked at entry")?;
        if let Some(revoked) = revoked_at_entry {
            bounds.entry(revoked, since_offset)?;
        }
        let fresh = key_index.insert(key, keys.len()).is_none();
        check(fresh, offset, "a key is enrolled once")?;
        keys.push(KeyRecord { key, holder, since_entry, revoked_at_entry });
    }

    let count = count32(reader, "movements", 64)?;
    let mut movements = Vec::with_capacity(count);
    let mut movement_index = SharedMap::default();
    for _ in 0..count {
        let offset = reader.offset();
        let movement = decode_movement(reader, &bounds, &charter)?;
        let fresh = movement_index.insert(movement.mrn, movements.len()).is_none();
        check(fresh, offset, "a movement is declared once")?;
        movements.push(movement);
    }

    let count = count32(reader, "deadlines", 12)?;
    let mut deadlines = OrdSet::new();
    let mut previous = None;
    for _ in 0..count {
        let offset = reader.offset();
        let deadline = Timestamp(reader.u64("deadline")?);
        let index = reader.u32("deadline movement")? as usize;
        check(previous < Some((deadline, index)), offset, "deadlines are in order")?;
        previous = Some((deadline, index));
        let pending = movements.get(index).is_some_and(|movement: &Movement| {
            !movement.overdue && movement.deadline == Some(deadline)
        });
        check(pending, offset, "a deadline names a movement that awaits it")?;
        deadlines.insert((deadline, index));
    }

    let count = count32(reader, "ledger legs", 29)?;
    let mut legs = Vec::with_capacity(count);
    let legs_offset = reader.offset();
    for _ in 0..count {
        let offset = reader.offset();
        let entry_index = bounds.entry(reader.u64("leg entry")?, offset)?;
        legs.push(Leg {
            entry_index,
            time: Timestamp(reader.u64("leg time")?),
            kind: read_tag(reader, "posting kind", posting_kind_from_tag)?,
            account: read_account(reader)?,
            currency: reader.currency("leg currency")?,
            amount: AmountMinor(reader.i64("leg amount")?),
        });
    }
    let ledger = Ledger::from_legs(Vector::from(legs))
        .ok_or_else(|| inconsistent(legs_offset, "ledger legs are non-zero and balances fit"))?;

    let offset = reader.offset();
    let count = reader.count("dwell", bounds.posts)?;
    check(count == bounds.posts, offset, "dwell statistics cover every post")?;
    let mut dwell = Vec::with_capacity(count);
    for _ in 0..count {
        dwell.push(Dwell {
            departures: reader.u64("departures")?,
            total_ms: reader.u64("dwell total")?,
        });
    }

    let at_post = decode_at_post(reader, &bounds, &movements)?;
    let hours = decode_hours(reader, &bounds, &movements, &dwell)?;
    let recent = RecentStatements::decode(reader, next_entry_index, time)?;
    let (tree, draws_pending) = decode_draws(reader, next_entry_index, &movements)?;
    let guarantees = decode_guarantees(reader, &bounds, &movement_index, &carrier_index)?;
    for (key, guarantor, offset) in guarantor_keys {
        let listed =
            guarantees.guarantors.get(guarantor).is_some_and(|record| record.keys.contains(&key));
        check(listed, offset, "a guarantor's key is listed by its guarantor")?;
    }
    decode_procedure(reader, &mut movements)?;
    let monitors = decode_monitors(reader, &bounds, &movement_index, &carrier_index, time)?;

    let state = State {
        charter_document_hash: crate::digest::sha256(charter_document.as_bytes()),
        charter_document: Arc::from(charter_document),
        charter: Arc::new(charter),
        next_entry_index,
        time,
        regime,
        regime_entry,
        proposals,
        scheduled,
        keys: Vector::from(keys),
        key_index,
        carriers: Vector::from(carriers),
        carrier_index,
        movements: Movements::restored(Vector::from(movements), next_entry_index - 1),
        movement_index,
        deadlines,
        ledger,
        dwell,
        hours,
        at_post,
        recent,
        tree,
        draws_pending,
        guarantees,
        monitors,
    };
    if state.digest() != digest {
        return Err(SnapshotError::DigestMismatch);
    }
    Ok(state)
}

/// The movements now at each post, checked against the movements' own statuses and
/// visits (a count the statuses do not give is refused).
fn decode_at_post(
    reader: &mut Reader<'_>,
    bounds: &Bounds,
    movements: &[Movement],
) -> Result<Vec<u64>, SnapshotError> {
    let offset = reader.offset();
    let count = reader.count("movements at posts", bounds.posts)?;
    check(count == bounds.posts, offset, "movement counts cover every post")?;
    let mut at_post = Vec::with_capacity(count);
    for _ in 0..count {
        at_post.push(reader.u64("movements at a post")?);
    }
    let mut expected = vec![0u64; bounds.posts];
    for movement in movements {
        if let Some(visit) = movement.current_visit() {
            expected[usize::from(visit.post)] += 1;
        }
    }
    check(
        at_post == expected,
        offset,
        "the movements at each post are those whose visit is current",
    )?;
    Ok(at_post)
}

/// The totals per hour: hours in increasing order, none empty, posts and currencies in
/// increasing order, every count and amount positive; and what they add up to must agree
/// with the movements (one declaration each) and the dwell per post.
fn decode_hours(
    reader: &mut Reader<'_>,
    bounds: &Bounds,
    movements: &[Movement],
    dwell: &[Dwell],
) -> Result<imbl::OrdMap<u64, PeriodTotals>, SnapshotError> {
    let hours_offset = reader.offset();
    let count = count32(reader, "hours", 28)?;
    let mut hours = imbl::OrdMap::new();
    let mut previous = None;
    let mut declared: u64 = 0;
    let mut departures = vec![0u64; bounds.posts];
    let mut dwell_ms = vec![0u64; bounds.posts];
    for _ in 0..count {
        let offset = reader.offset();
        let hour = reader.u64("hour")?;
        check(previous < Some(hour), offset, "hours are in increasing order")?;
        previous = Some(hour);
        let mut totals = PeriodTotals {
            declared: reader.u64("declared in the hour")?,
            arrived_at_destination: reader.u64("arrived at destination in the hour")?,
            ..PeriodTotals::default()
        };
        declared = declared.saturating_add(totals.declared);
        let lines = reader.count("dwell in the hour", bounds.posts)?;
        for _ in 0..lines {
            let line_offset = reader.offset();
            let post = bounds.post(reader)?;
            let line = DwellTotals {
                departures: reader.u64("departures in the hour")?,
                total_ms: reader.u64("dwell total in the hour")?,
                max_ms: reader.u64("longest dwell in the hour")?,
            };
            let last = totals.dwell.last_key_value().map(|(post, _)| *post);
            check(last < Some(post), line_offset, "an hour's posts are in increasing order")?;
            check(line.departures > 0, line_offset, "an hour's dwell line counts a departure")?;
            check(
                line.max_ms <= line.total_ms,
                line_offset,
                "the longest dwell is within the total",
            )?;
            departures[usize::from(post)] += line.departures;
            let total = &mut dwell_ms[usize::from(post)];
            *total = total.saturating_add(line.total_ms);
            totals.dwell.insert(post, line);
        }
        for amounts in [&mut totals.fees, &mut totals.payments] {
            let lines = reader.count("amounts in the hour", 64)?;
            for _ in 0..lines {
                let line_offset = reader.offset();
                let currency = reader.currency("currency in the hour")?;
                let amount = reader.i64("amount in the hour")?;
                let last = amounts.last_key_value().map(|(currency, _)| *currency);
                check(last < Some(currency), line_offset, "an hour's currencies are in order")?;
                check(amount > 0, line_offset, "an hour's amounts are positive")?;
                amounts.insert(currency, amount);
            }
        }
        let empty = totals.declared == 0
            && totals.arrived_at_destination == 0
            && totals.dwell.is_empty()
            && totals.fees.is_empty()
            && totals.payments.is_empty();
        check(!empty, offset, "an hour holds something")?;
        hours.insert(hour, totals);
    }
    check(
        declared == movements.len() as u64,
        hours_offset,
        "the hours count every movement's declaration once",
    )?;
    let agree = dwell.iter().zip(departures.iter().zip(&dwell_ms)).all(
        |(dwell, (departures, total_ms))| {
            dwell.departures == *departures && dwell.total_ms == *total_ms
        },
    );
    check(agree, hours_offset, "the hours' departures and dwell add up to each post's")?;
    Ok(hours)
}

fn decode_movement(
    reader: &mut Reader<'_>,
    bounds: &Bounds,
    charter: &Charter,
) -> Result<Movement, SnapshotError> {
    let offset = reader.offset();
    let mrn = reader.mrn("MRN")?;
    let carrier = reader.ident("movement carrier")?;
    let mut declaration = decode_declaration_fields(reader)?;
    declaration.guarantee = decode_guarantee_field(reader)?;
    let route_offset = reader.offset();
    let route = usize::from(reader.u16("route")?);
    check(route < bounds.routes, route_offset, "a route index is past the corridor's")?;
    let status = read_tag(reader, "movement status", |tag| {
        MovementStatus::ALL.get(usize::from(tag)).copied()
    })?;
    let declared_at = Timestamp(reader.u64("declared at")?);
    let accepted_at = read_option_time(reader, "accepted at")?;
    let deadline = read_option_time(reader, "deadline")?;
    let overdue = reader.bool("overdue")?;

    let equipment_count = declaration.equipment.len();
    let goods_fit =
        declaration.goods.iter().all(|item| usize::from(item.equipment_index) < equipment_count);
    check(goods_fit, route_offset, "every goods item names declared equipment")?;
    let count = count32(reader, "visits", 24)?;
    let mut visits = Vec::with_capacity(count);
    for _ in 0..count {
        let post = bounds.post(reader)?;
        let controlled = reader.bool("controlled")?;
        let arrived_at = Timestamp(reader.u64("arrived at")?);
        let entry_offset = reader.offset();
        let arrival_entry = bounds.entry(reader.u64("arrival entry")?, entry_offset)?;
        let released_at = read_option_time(reader, "released at")?;
        let held = read_option_tag(reader, "hold reason", HoldReason::from_tag)?;
        let departed_at = read_option_time(reader, "departed at")?;
        let unit_count = reader.count("unit controls", equipment_count)?;
        let mut units = Vec::with_capacity(unit_count);
        for _ in 0..unit_count {
            let unit_offset = reader.offset();
            let equipment_index = reader.u16("equipment index")?;
            check(
                usize::from(equipment_index) < equipment_count,
                unit_offset,
                "a unit names declared equipment",
            )?;
            let previous = units.last().map(|unit: &UnitControl| unit.equipment_index);
            check(previous < Some(equipment_index), unit_offset, "units are in equipment order")?;
            let lane = read_tag(reader, "lane", lane_from_tag)?;
            let seal = read_option_tag(reader, "seal condition", SealCondition::from_tag)?;
            let inspection = if reader.bool("inspection")? {
                let kind = read_tag(reader, "inspection kind", InspectionKind::from_tag)?;
                let outcome = read_tag(reader, "inspection outcome", InspectionOutcome::from_tag)?;
                Some((kind, outcome))
            } else {
                None
            };
            units.push(UnitControl { equipment_index, lane, seal, inspection });
        }
        let draw_offset = reader.offset();
        let pending_draw = read_option_u64(reader, "pending draw")?;
        check(
            pending_draw.is_none_or(|size| size == arrival_entry + 1),
            draw_offset,
            "a pending draw is on the tree that ends with the arrival",
        )?;
        visits.push(Visit {
            post,
            controlled,
            arrived_at,
            arrival_entry,
            released_at,
            held,
            departed_at,
            units,
            pending_draw,
        });
    }
    let pending_before_last =
        visits.iter().rev().skip(1).any(|visit: &Visit| visit.pending_draw.is_some());
    check(!pending_before_last, offset, "only the current visit waits for a draw")?;
    let at_post = matches!(status, MovementStatus::AtPost | MovementStatus::AtDestination);
    check(!at_post || !visits.is_empty(), offset, "a movement at a post has visited it")?;

    let count = reader.count("incidents", usize::from(u16::MAX))?;
    let mut incidents = Vec::with_capacity(count);
    let mut open_incidents: u16 = 0;
    for number in 1..=count {
        let kind = read_tag(reader, "incident kind", IncidentKind::from_tag)?;
        let opened_at = Timestamp(reader.u64("opened at")?);
        let entry_offset = reader.offset();
        let opened_entry = bounds.entry(reader.u64("opened entry")?, entry_offset)?;
        let reported_post =
            if reader.bool("reported post")? { Some(bounds.post(reader)?) } else { None };
        let closed_entry = read_option_u64(reader, "closed entry")?;
        match closed_entry {
            Some(closed) => {
                bounds.entry(closed, entry_offset)?;
            }
            None => open_incidents += 1,
        }
        incidents.push(Incident {
            number: number as u16,
            kind,
            opened_at,
            opened_entry,
            reported_post,
            closed_entry,
        });
    }
    let fee = if reader.bool("fee")? {
        Some((AmountMinor(reader.i64("fee amount")?), reader.currency("fee currency")?))
    } else {
        None
    };
    let count = count32(reader, "history", 8)?;
    let mut history = Vec::with_capacity(count);
    for _ in 0..count {
        let entry_offset = reader.offset();
        history.push(bounds.entry(reader.u64("history entry")?, entry_offset)?);
    }
    let count = count32(reader, "attestations", 16)?;
    let mut attestations = Vec::with_capacity(count);
    for _ in 0..count {
        let entry_offset = reader.offset();
        let attested = bounds.entry(reader.u64("attested entry")?, entry_offset)?;
        let attesting = bounds.entry(reader.u64("attesting entry")?, entry_offset)?;
        attestations.push((attested, attesting));
    }
    // The MRN is the one the declaring entry allocated, so no later declaration collides.
    let declared_entry = history.first().copied().filter(|entry| *entry < MRN_SERIAL_LIMIT);
    let (year, _, _) = declared_at.civil_date();
    let allocated = declared_entry
        .map(|entry| Mrn::allocate(year as u32, charter.mrn_country, entry))
        .filter(|allocated| *allocated == mrn);
    check(allocated.is_some(), offset, "the MRN is the one its declaring entry allocated")?;
    let mut units: Vec<u16> = declaration.goods.iter().map(|item| item.equipment_index).collect();
    units.sort_unstable();
    units.dedup();
    let equipment_by_id = crate::movement::equipment_by_id(&declaration);
    Ok(Movement {
        mrn,
        carrier,
        declaration,
        route,
        status,
        declared_at,
        accepted_at,
        deadline,
        overdue,
        visits,
        incidents,
        open_incidents,
        fee,
        history,
        attestations,
        units,
        equipment_by_id,
        detained: Vec::new(),
    })
}

/// Version 5's last fields: the movements with procedure particulars or detained units,
/// in movement order (see `ENCODING.md`).
fn encode_procedure(writer: &mut Writer, state: &State) {
    let with_procedure: Vec<(usize, &Movement)> = state
        .movements
        .iter()
        .enumerate()
        .filter(|(_, movement)| {
            movement.declaration.particulars.is_some() || !movement.detained.is_empty()
        })
        .collect();
    write_count32(writer, with_procedure.len());
    for (index, movement) in with_procedure {
        write_count32(writer, index);
        match &movement.declaration.particulars {
            None => writer.u8(0),
            Some(particulars) => {
                writer.u8(1);
                crate::statement::encode_particulars(writer, particulars);
            }
        }
        writer.count(movement.detained.len());
        for equipment_index in &movement.detained {
            writer.u16(*equipment_index);
        }
    }
}

fn decode_procedure(
    reader: &mut Reader<'_>,
    movements: &mut [Movement],
) -> Result<(), SnapshotError> {
    let count = count32(reader, "movements with procedure", 8)?;
    let mut previous = None;
    for _ in 0..count {
        let offset = reader.offset();
        let index = reader.u32("movement index")? as usize;
        check(index < movements.len(), offset, "a movement index is past the movements")?;
        check(previous < Some(index), offset, "procedure records are in movement order")?;
        previous = Some(index);
        let movement = &mut movements[index];
        if reader.bool("particulars present")? {
            movement.declaration.particulars = Some(crate::statement::decode_particulars(reader)?);
        }
        let detained_count =
            reader.count("detained units", movement.declaration.equipment.len())?;
        let mut detained = Vec::with_capacity(detained_count);
        for _ in 0..detained_count {
            let unit_offset = reader.offset();
            let equipment_index = reader.u16("detained unit")?;
            check(
                usize::from(equipment_index) < movement.declaration.equipment.len(),
                unit_offset,
                "a detained unit names declared equipment",
            )?;
            check(
                detained.last() < Some(&equipment_index),
                unit_offset,
                "detained units are in equipment order",
            )?;
            detained.push(equipment_index);
        }
        check(
            movement.declaration.particulars.is_some() || !detained.is_empty(),
            offset,
            "a procedure record holds particulars or detained units",
        )?;
        movement.units.retain(|unit| detained.binary_search(unit).is_err());
        movement.detained = detained;
    }
    Ok(())
}

/// Version 4's last fields: the tree's right edge (one hash per set bit of the next entry
/// index) and the pending draws, in increasing tree size.
fn encode_draws(writer: &mut Writer, state: &State) {
    writer.count(state.tree.hashes().len());
    for hash in state.tree.hashes() {
        writer.fixed(hash);
    }
    write_count32(writer, state.draws_pending.len());
    for (size, draw) in &state.draws_pending {
        writer.u64(*size);
        writer.fixed(&draw.root);
        write_count32(writer, draw.movement);
        writer.u32(draw.random_red_ppm);
        writer.u32(draw.random_yellow_ppm);
    }
}

/// The tree's right edge and the pending draws, each checked against the movements: a
/// pending draw names a movement whose current visit waits for it, and every visit that
/// waits has its draw.
fn decode_draws(
    reader: &mut Reader<'_>,
    next_entry_index: u64,
    movements: &[Movement],
) -> Result<(crate::draw::TreeEdge, imbl::OrdMap<u64, crate::draw::PendingDraw>), SnapshotError> {
    let offset = reader.offset();
    let count = reader.count("tree hashes", 64)?;
    let mut hashes = Vec::with_capacity(count);
    for _ in 0..count {
        hashes.push(reader.array("tree hash")?);
    }
    let tree = crate::draw::TreeEdge::from_parts(next_entry_index, hashes)
        .ok_or_else(|| inconsistent(offset, "the tree has one hash per set bit of its size"))?;
    let count = count32(reader, "pending draws", 52)?;
    let mut draws_pending = imbl::OrdMap::new();
    let mut previous = None;
    for _ in 0..count {
        let offset = reader.offset();
        let size = reader.u64("pending draw size")?;
        check(previous < Some(size), offset, "pending draws are in increasing tree size")?;
        previous = Some(size);
        let root = reader.array("pending draw root")?;
        let movement = reader.u32("pending draw movement")? as usize;
        let waits = movements.get(movement).is_some_and(|movement| {
            movement.current_visit().is_some_and(|visit| visit.pending_draw == Some(size))
        });
        check(waits, offset, "a pending draw names a movement whose visit waits for it")?;
        let draw = crate::draw::PendingDraw {
            root,
            movement,
            random_red_ppm: reader.u32("random red rate")?,
            random_yellow_ppm: reader.u32("random yellow rate")?,
        };
        check(
            draw.random_red_ppm.saturating_add(draw.random_yellow_ppm) <= crate::regime::PPM,
            offset,
            "the rates are at most a million parts per million",
        )?;
        draws_pending.insert(size, draw);
    }
    let waiting = movements
        .iter()
        .filter(|movement| movement.visits.last().is_some_and(|visit| visit.pending_draw.is_some()))
        .count();
    check(waiting == draws_pending.len(), offset, "every visit that waits has its pending draw")?;
    Ok((tree, draws_pending))
}

/// The guarantee section (see `GuaranteeBook::encode`): guarantors, guarantees, live
/// engagements, open enquiries and totals. A guarantee's engagements and engaged sum are
/// rebuilt from the engagements, and must leave it within its reference amount.
fn decode_guarantees(
    reader: &mut Reader<'_>,
    bounds: &Bounds,
    movement_index: &SharedMap<Mrn, usize>,
    carrier_index: &SharedMap<Ident, usize>,
) -> Result<GuaranteeBook, SnapshotError> {
    use crate::guarantee::{Engagement, Enquiry, Guarantee, Guarantor, KEYS_PER_GUARANTOR_MAX};
    use crate::statement::{Commitment, GUARANTOR_NAME_BYTES_MAX, GuaranteeCover};
    let mut book = GuaranteeBook::default();
    let count = count32(reader, "guarantors", 6)?;
    for _ in 0..count {
        let offset = reader.offset();
        let id = reader.ident("guarantor")?;
        let name = reader.text16("guarantor name", GUARANTOR_NAME_BYTES_MAX)?.to_owned();
        let party = bounds.party(reader)?;
        let key_count = reader.count("guarantor keys", KEYS_PER_GUARANTOR_MAX)?;
        let mut keys = Vec::with_capacity(key_count);
        for _ in 0..key_count {
            keys.push(PublicKey(reader.array("guarantor key")?));
        }
        let fresh = book.guarantor_index.insert(id, book.guarantors.len()).is_none();
        check(fresh, offset, "a guarantor is enrolled once")?;
        book.guarantors.push_back(Guarantor { id, name, party, keys });
    }
    let count = count32(reader, "guarantees", 40)?;
    let mut previous = None;
    for _ in 0..count {
        let offset = reader.offset();
        let id = reader.ident("guarantee")?;
        check(previous < Some(id), offset, "guarantees are in reference order")?;
        previous = Some(id);
        let guarantor = reader.ident("guarantee's guarantor")?;
        let holder = reader.ident("guarantee's holder")?;
        let cover = read_tag(reader, "guarantee cover", GuaranteeCover::from_tag)?;
        let reference_amount = AmountMinor(reader.i64("reference amount")?);
        let currency = reader.currency("guarantee currency")?;
        let issued_entry = bounds.entry(reader.u64("issued entry")?, offset)?;
        let called = AmountMinor(reader.i64("called")?);
        let secured_movement = if reader.bool("secured movement")? {
            Some(reader.mrn("secured movement")?)
        } else {
            None
        };
        check(
            book.guarantor_index.contains_key(&guarantor),
            offset,
            "a guarantee's guarantor is enrolled",
        )?;
        check(carrier_index.contains_key(&holder), offset, "a guarantee's holder is a carrier")?;
        check(reference_amount.0 > 0, offset, "a reference amount is positive")?;
        check(
            (0..=reference_amount.0).contains(&called.0),
            offset,
            "a call fits the reference amount",
        )?;
        check(
            secured_movement.is_none_or(|mrn| movement_index.contains_key(&mrn))
                && (cover == GuaranteeCover::Individual || secured_movement.is_none()),
            offset,
            "only an individual guarantee secures a movement, a declared one",
        )?;
        book.guarantees.insert(
            id,
            Guarantee {
                id,
                guarantor,
                holder,
                cover,
                reference_amount,
                currency,
                issued_entry,
                engagements: imbl::OrdMap::new(),
                engaged: AmountMinor::ZERO,
                called,
                secured_movement,
            },
        );
    }
    let count = count32(reader, "engagements", 28)?;
    let mut previous = None;
    for _ in 0..count {
        let offset = reader.offset();
        let mrn = reader.mrn("engaging movement")?;
        check(previous < Some(mrn), offset, "engagements are in MRN order")?;
        previous = Some(mrn);
        let guarantee = reader.ident("engaged guarantee")?;
        let amount = AmountMinor(reader.i64("engaged amount")?);
        check(movement_index.contains_key(&mrn), offset, "an engagement's movement is declared")?;
        check(amount.0 >= 0, offset, "an engaged amount is not negative")?;
        let Some(record) = book.guarantees.get_mut(&guarantee) else {
            return Err(inconsistent(offset, "an engagement names an issued guarantee"));
        };
        record.engagements.insert(mrn, amount);
        record.engaged = AmountMinor(record.engaged.0.saturating_add(amount.0));
        check(record.remaining().0 >= 0, offset, "a guarantee is never over-engaged")?;
        book.engagements.insert(mrn, Engagement { guarantee, amount });
    }
    let count = count32(reader, "enquiries", 43)?;
    let mut previous = None;
    for _ in 0..count {
        let offset = reader.offset();
        let mrn = reader.mrn("enquiry movement")?;
        check(previous < Some(mrn), offset, "enquiries are in MRN order")?;
        previous = Some(mrn);
        check(movement_index.contains_key(&mrn), offset, "an enquiry's movement is declared")?;
        let opened_entry = bounds.entry(reader.u64("enquiry opened entry")?, offset)?;
        let opened_at = Timestamp(reader.u64("enquiry opened at")?);
        let answer_by = Timestamp(reader.u64("enquiry answer by")?);
        let answer = if reader.bool("enquiry answer")? {
            let entry = bounds.entry(reader.u64("answer entry")?, offset)?;
            Some((entry, Commitment(reader.array("answer evidence")?)))
        } else {
            None
        };
        book.enquiries.insert(mrn, Enquiry { opened_entry, opened_at, answer_by, answer });
    }
    book.totals.enquiries_opened = reader.u64("enquiries opened")?;
    book.totals.discharged_on_alternative_proof = reader.u64("discharged on alternative proof")?;
    book.totals.recoveries = reader.u64("recoveries")?;
    Ok(book)
}

/// The monitoring section (version 6; see `MonitorBook::encode`): the mandate's end and
/// the votes on it, the contestable acts, open contests, holds under way, open automatic
/// incidents, the days' figures, the signed days and the totals. The deadline queues are
/// rebuilt from the contests and holds.
fn decode_monitors(
    reader: &mut Reader<'_>,
    bounds: &Bounds,
    movement_index: &SharedMap<Mrn, usize>,
    carrier_index: &SharedMap<Ident, usize>,
    time: Timestamp,
) -> Result<crate::monitoring::MonitorBook, SnapshotError> {
    use crate::monitoring::{
        ActRecord, AutomaticCause, AutomaticIncident, CORRIDOR_WIDE, Contest, Contester,
        HoldUnderWay, MonitorBook,
    };
    use crate::statement::{ContestAnswer, ContestDecision, Figure, StatementKind};
    let mut book = MonitorBook {
        mandate_ends: read_option_time(reader, "mandate end")?,
        ..MonitorBook::default()
    };
    let vote_count = reader.count("mandate votes", bounds.parties)?;
    for _ in 0..vote_count {
        let offset = reader.offset();
        let party = bounds.party(reader)?;
        let ends = read_option_time(reader, "mandate vote")?;
        check(
            book.mandate_votes.iter().all(|(voter, _)| *voter != party),
            offset,
            "a party votes once on the mandate",
        )?;
        book.mandate_votes.push((party, ends));
    }
    let read_act = |reader: &mut Reader<'_>| -> Result<ActRecord, SnapshotError> {
        let sequenced_at = Timestamp(reader.u64("act time")?);
        let party = bounds.party(reader)?;
        let kind = read_tag(reader, "act kind", StatementKind::from_tag)?;
        let offset = reader.offset();
        let mrn = if reader.bool("act movement present")? {
            Some(reader.mrn("act movement")?)
        } else {
            None
        };
        check(
            mrn.is_none_or(|mrn| movement_index.contains_key(&mrn)),
            offset,
            "an act's movement is declared",
        )?;
        Ok(ActRecord { sequenced_at, party, kind, mrn })
    };
    let count = count32(reader, "contestable acts", 20)?;
    let mut previous = None;
    for _ in 0..count {
        let offset = reader.offset();
        let entry = bounds.entry(reader.u64("act entry")?, offset)?;
        check(previous < Some(entry), offset, "acts are in entry order")?;
        previous = Some(entry);
        let act = read_act(reader)?;
        check(act.sequenced_at <= time, offset, "an act is not later than the state")?;
        book.acts.insert(entry, act);
    }
    let count = count32(reader, "contests", 60)?;
    let mut previous = None;
    for _ in 0..count {
        let offset = reader.offset();
        let number = reader.u64("contest number")?;
        check(previous < Some(number) && number > 0, offset, "contests are in number order")?;
        previous = Some(number);
        let entry = bounds.entry(reader.u64("contested entry")?, offset)?;
        let act = read_act(reader)?;
        let contester = match reader.tag("contester", 2)? {
            0 => Contester::Party(bounds.party(reader)?),
            _ => {
                let carrier = reader.ident("contesting carrier")?;
                check(
                    carrier_index.contains_key(&carrier),
                    offset,
                    "a contesting carrier is registered",
                )?;
                Contester::Carrier(carrier)
            }
        };
        let reason = reader.ident("contest reason")?;
        let opened_entry = bounds.entry(reader.u64("contest entry")?, offset)?;
        let opened_at = Timestamp(reader.u64("contest opened at")?);
        let answer_by = Timestamp(reader.u64("contest answer by")?);
        let answer = if reader.bool("contest answer present")? {
            let answer = read_tag(reader, "contest answer", ContestAnswer::from_tag)?;
            let entry = bounds.entry(reader.u64("answer entry")?, offset)?;
            Some((answer, entry, Timestamp(reader.u64("answered at")?)))
        } else {
            None
        };
        let overdue = reader.bool("contest overdue")?;
        let referred_entry = read_option_u64(reader, "referral entry")?;
        if let Some(referred) = referred_entry {
            bounds.entry(referred, offset)?;
        }
        let vote_count = reader.count("contest votes", bounds.parties)?;
        let mut votes: Vec<(usize, ContestDecision)> = Vec::with_capacity(vote_count);
        for _ in 0..vote_count {
            let vote_offset = reader.offset();
            let party = bounds.party(reader)?;
            check(
                votes.iter().all(|(voter, _)| *voter != party),
                vote_offset,
                "a party votes once",
            )?;
            let decision = match reader.tag("contest decision", 4)? {
                0 => ContestDecision::ActStands,
                1 => ContestDecision::ContestUpheld,
                2 => ContestDecision::FeeCorrected { amount: AmountMinor(reader.i64("fee")?) },
                _ => ContestDecision::Release,
            };
            votes.push((party, decision));
        }
        check(
            votes.is_empty() || referred_entry.is_some(),
            offset,
            "only a referred contest has votes",
        )?;
        check(
            matches!(answer, None | Some((ContestAnswer::Rejected, _, _))),
            offset,
            "an open contest is unanswered or rejected",
        )?;
        let contest = Contest {
            number,
            entry,
            act,
            contester,
            reason,
            opened_entry,
            opened_at,
            answer_by,
            answer,
            overdue,
            referred_entry,
            votes,
        };
        if let Some(deadline) = contest.pending_deadline() {
            book.contest_deadlines.insert((deadline, number));
        }
        check(
            book.open_contest_of(contest.entry, contest.contester).is_none(),
            offset,
            "one open contest per act and contester",
        )?;
        book.insert_contest(contest);
    }
    let count = count32(reader, "holds", 37)?;
    let mut previous = None;
    for _ in 0..count {
        let offset = reader.offset();
        let mrn = reader.mrn("held movement")?;
        check(previous < Some(mrn), offset, "holds are in MRN order")?;
        check(movement_index.contains_key(&mrn), offset, "a held movement is declared")?;
        previous = Some(mrn);
        let post = bounds.post(reader)?;
        let since = Timestamp(reader.u64("hold since")?);
        let until = Timestamp(reader.u64("hold until")?);
        let incident = read_option_u64(reader, "hold incident")?;
        if incident.is_none() {
            book.hold_deadlines.insert((until, mrn));
        }
        book.holds.insert(mrn, HoldUnderWay { post, since, until, incident });
    }
    let count = count32(reader, "automatic incidents", 26)?;
    let mut previous = None;
    for _ in 0..count {
        let offset = reader.offset();
        let number = reader.u64("automatic incident")?;
        check(previous < Some(number) && number > 0, offset, "automatic incidents are in order")?;
        previous = Some(number);
        let cause = match reader.tag("automatic incident cause", 2)? {
            0 => AutomaticCause::ContestUnanswered { contest: reader.u64("contest")? },
            _ => {
                let mrn = reader.mrn("held movement")?;
                AutomaticCause::LongHold { mrn, post: bounds.post(reader)? }
            }
        };
        let opened_at = Timestamp(reader.u64("incident opened at")?);
        let opened_entry = bounds.entry(reader.u64("incident entry")?, offset)?;
        if let AutomaticCause::ContestUnanswered { contest } = cause {
            check(
                book.automatic_of_contest(contest).is_none(),
                offset,
                "one automatic incident per contest",
            )?;
        }
        book.insert_automatic(AutomaticIncident { number, cause, opened_at, opened_entry });
    }
    let count = count32(reader, "days", 8)?;
    let mut previous = None;
    for _ in 0..count {
        let offset = reader.offset();
        let day = reader.u32("day")?;
        check(previous < Some(day), offset, "days are in order")?;
        previous = Some(day);
        let lines = count32(reader, "day figures", 13)?;
        check(lines > 0, offset, "a day kept has figures")?;
        let mut figures = imbl::OrdMap::new();
        let mut previous_key = None;
        for _ in 0..lines {
            let offset = reader.offset();
            let place = reader.u16("figure place")?;
            check(
                place == CORRIDOR_WIDE || usize::from(place) < bounds.posts,
                offset,
                "a figure's place is a post or the corridor",
            )?;
            let figure = read_tag(reader, "figure", Figure::from_tag)?;
            let detail = reader.u16("figure detail")?;
            let value = reader.u64("figure value")?;
            let key = (place, figure, detail);
            check(previous_key < Some(key), offset, "a day's figures are in order")?;
            check(value > 0, offset, "a figure kept is not zero")?;
            previous_key = Some(key);
            figures.insert(key, value);
        }
        book.days.insert(day, figures);
    }
    let count = count32(reader, "signed reports", 12)?;
    let mut previous = None;
    for _ in 0..count {
        let offset = reader.offset();
        let day = reader.u32("signed day")?;
        check(previous < Some(day), offset, "signed days are in order")?;
        check(!book.days.contains_key(&day), offset, "a signed day keeps no figures")?;
        previous = Some(day);
        let entry = bounds.entry(reader.u64("report entry")?, offset)?;
        book.signed_reports.insert(day, entry);
    }
    let totals = &mut book.totals;
    for count in [
        &mut totals.observations,
        &mut totals.dissents,
        &mut totals.contests_opened,
        &mut totals.contests_answered,
        &mut totals.contests_overdue,
        &mut totals.contests_decided,
        &mut totals.automatic_incidents,
        &mut totals.reports_signed,
    ] {
        *count = reader.u64("monitoring total")?;
    }
    let offset = reader.offset();
    check(
        book.contests.keys().all(|number| *number <= book.totals.contests_opened)
            && book.automatic.keys().all(|number| *number <= book.totals.automatic_incidents),
        offset,
        "numbers are within the totals",
    )?;
    Ok(book)
}
