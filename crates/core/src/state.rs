//! The state machine: the charter, keys, carriers, regimes, movements and ledger, derived
//! by applying entries in order. `apply` validates first and mutates after, so a refused
//! statement changes nothing; deadlines are processed from the entry's time, so a replay
//! reaches the same verdicts.

use crate::charter::Charter;
use crate::corridor::{Corridor, PostIndex};
use crate::fast_map::FastMap;
use crate::ids::{AmountMinor, CountryCode, Currency, HsCode, Ident, Mrn};
use crate::ledger::{Account, Ledger, PostingKind};
use crate::movement::{Incident, Movement, MovementStatus, UnitControl, Visit};
use crate::outcome::{Event, Refusal};
use crate::regime::{Act, AssessOn, BASIS_POINTS, Checks, Lane, Regime};
use crate::selection::{UnitFacts, lane_on_arrival};
use crate::signed::SignedStatement;
use crate::statement::{
    ContainerSize, Declaration, EquipmentId, HoldReason, IncidentKind, InspectionKind,
    InspectionOutcome, OfficerRole, PublicKey, RECORDED_AHEAD_MS_MAX, RECORDED_BEHIND_MS_MAX,
    Recorded, SealCondition, Statement, Timestamp, TrafficClass,
};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Most kilograms in one goods item (10,000 tonnes): bounds the fee arithmetic.
pub const GROSS_MASS_KG_MAX: u64 = 10_000_000;

/// What the sequencer gives with each entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApplyContext {
    /// The entry's index in the log.
    pub entry_index: u64,
    /// The entry's time.
    pub time: Timestamp,
    /// Public randomness for selection: the log's root just before this entry.
    pub selection_seed: [u8; 32],
}

/// Who holds a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Holder {
    /// A party's authority key (from the charter).
    Authority {
        /// The party (index in the charter).
        party: usize,
    },
    /// An officer.
    Officer {
        /// The party (index in the charter).
        party: usize,
        /// The role.
        role: OfficerRole,
        /// The posts.
        posts: Vec<PostIndex>,
    },
    /// A carrier.
    Carrier {
        /// The carrier (index in [`State::carriers`]).
        carrier: usize,
    },
}

/// An enrolled key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyRecord {
    /// The key.
    pub key: PublicKey,
    /// Its holder.
    pub holder: Holder,
    /// The entry that enrolled it (0 for authority keys).
    pub since_entry: u64,
    /// The entry that revoked it.
    pub revoked_at_entry: Option<u64>,
}

/// A registered carrier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Carrier {
    /// Its identifier.
    pub id: Ident,
    /// Its public name.
    pub name: String,
    /// The party that registered it (index in the charter).
    pub party: usize,
    /// Its keys, in registration order.
    pub keys: Vec<PublicKey>,
}

/// Where a regime proposal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProposalStatus {
    /// Waiting for approvals.
    Pending,
    /// Approved by the quorum, not yet in force.
    Adopted,
    /// In force (or was, until a later one).
    InForce,
}

/// A regime proposal.
#[derive(Clone, Debug)]
pub struct Proposal {
    /// The proposal's entry.
    pub entry: u64,
    /// When it takes effect.
    pub effective_from: Timestamp,
    /// SHA-256 of the regime document's text.
    pub document_hash: [u8; 32],
    /// The regime.
    pub regime: Arc<Regime>,
    /// Parties (indexes) that approved, in order.
    pub approvals: Vec<usize>,
    /// Where it stands.
    pub status: ProposalStatus,
}

/// Per-post dwell statistics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Dwell {
    /// Departures counted.
    pub departures: u64,
    /// Total milliseconds between arrival and departure.
    pub total_ms: u64,
}

/// What to restore if a statement is refused after deadlines were processed.
#[derive(Default)]
struct Undo {
    overdue: Vec<(usize, Timestamp)>,
    regimes: Vec<(u64, Arc<Regime>, u64)>,
}

/// The whole state: a pure fold of the core over the log's entries.
#[derive(Clone, Debug)]
pub struct State {
    charter: Arc<Charter>,
    charter_document_hash: [u8; 32],
    next_entry_index: u64,
    time: Timestamp,
    regime: Arc<Regime>,
    regime_entry: u64,
    proposals: BTreeMap<u64, Proposal>,
    scheduled: BTreeSet<(Timestamp, u64)>,
    keys: Vec<KeyRecord>,
    key_index: FastMap<PublicKey, usize>,
    carriers: Vec<Carrier>,
    carrier_index: FastMap<Ident, usize>,
    movements: Vec<Movement>,
    movement_index: FastMap<Mrn, usize>,
    deadlines: BTreeSet<(Timestamp, usize)>,
    ledger: Ledger,
    dwell: Vec<Dwell>,
}

type Applied = Result<(), Refusal>;

impl State {
    /// Applies the charter as entry 0 and returns the state with its events.
    pub fn genesis(
        ctx: &ApplyContext,
        signed: &SignedStatement,
    ) -> Result<(State, Vec<Event>), Refusal> {
        if ctx.entry_index != 0 {
            return Err(Refusal::EntryOutOfSequence { expected: 0, found: ctx.entry_index });
        }
        let recorded = signed.decode_statement()?;
        let Statement::Charter { document } = &recorded.statement else {
            return Err(Refusal::GenesisMustBeCharter(recorded.statement.kind()));
        };
        let charter = Charter::from_toml(document).map_err(Refusal::InvalidCharter)?;
        if charter.authority_party(&signed.signer).is_none() {
            return Err(Refusal::CharterSignerNotAuthority(signed.signer));
        }
        let mut keys = Vec::new();
        let mut key_index = FastMap::default();
        for (party, record) in charter.parties.iter().enumerate() {
            for key in &record.authority_keys {
                key_index.insert(*key, keys.len());
                keys.push(KeyRecord {
                    key: *key,
                    holder: Holder::Authority { party },
                    since_entry: 0,
                    revoked_at_entry: None,
                });
            }
        }
        let regime = Arc::new(charter.regime.clone());
        let post_count = charter.corridor.posts.len();
        let state = State {
            charter_document_hash: crate::digest::sha256(document.as_bytes()),
            charter: Arc::new(charter),
            next_entry_index: 1,
            time: ctx.time,
            regime,
            regime_entry: 0,
            proposals: BTreeMap::new(),
            scheduled: BTreeSet::new(),
            keys,
            key_index,
            carriers: Vec::new(),
            carrier_index: FastMap::default(),
            movements: Vec::new(),
            movement_index: FastMap::default(),
            deadlines: BTreeSet::new(),
            ledger: Ledger::default(),
            dwell: vec![Dwell::default(); post_count],
        };
        Ok((state, vec![Event::CharterAdopted]))
    }

    /// Applies a log entry at `entry_index` with its selection seed (the log's root just
    /// before it): the auditor's and the node's replay step.
    pub fn apply_entry(
        &mut self,
        entry_index: u64,
        selection_seed: [u8; 32],
        entry: &crate::signed::Entry,
    ) -> Result<Vec<Event>, Refusal> {
        let ctx = ApplyContext { entry_index, time: entry.sequenced_at, selection_seed };
        self.apply_signed(&ctx, &entry.statement)
    }

    /// Decodes the signed statement and applies it (its signature was verified already).
    pub fn apply_signed(
        &mut self,
        ctx: &ApplyContext,
        signed: &SignedStatement,
    ) -> Result<Vec<Event>, Refusal> {
        let recorded = signed.decode_statement()?;
        self.apply(ctx, &signed.signer, &recorded)
    }

    /// Applies one statement signed by `signer` (signature already verified).
    pub fn apply(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        recorded: &Recorded,
    ) -> Result<Vec<Event>, Refusal> {
        let mut events = Vec::new();
        self.apply_into(ctx, signer, recorded, &mut events)?;
        Ok(events)
    }

    /// As [`State::apply`], appending events to `events` (so a caller can reuse one
    /// buffer). On refusal, `events` is left as it was.
    pub fn apply_into(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        recorded: &Recorded,
        events: &mut Vec<Event>,
    ) -> Result<(), Refusal> {
        if ctx.entry_index != self.next_entry_index {
            return Err(Refusal::EntryOutOfSequence {
                expected: self.next_entry_index,
                found: ctx.entry_index,
            });
        }
        if ctx.time < self.time {
            return Err(Refusal::TimeWentBackwards { last: self.time, found: ctx.time });
        }
        let recorded_at = recorded.recorded_at;
        if recorded_at.0 > ctx.time.0.saturating_add(RECORDED_AHEAD_MS_MAX) {
            return Err(Refusal::RecordedInFuture { recorded_at, sequenced_at: ctx.time });
        }
        if recorded_at.0.saturating_add(RECORDED_BEHIND_MS_MAX) < ctx.time.0 {
            return Err(Refusal::RecordedTooLongAgo { recorded_at, sequenced_at: ctx.time });
        }
        let start = events.len();
        let undo = self.advance_time(ctx, events);
        // Acts carry the time they were recorded; governance and deadlines run on the
        // sequenced time.
        let claim = ApplyContext { time: recorded_at, ..*ctx };
        match self.dispatch(ctx, &claim, signer, &recorded.statement, events) {
            Ok(()) => {
                self.next_entry_index += 1;
                self.time = ctx.time;
                Ok(())
            }
            Err(refusal) => {
                self.rollback(undo);
                events.truncate(start);
                Err(refusal)
            }
        }
    }

    /// Processes regimes taking effect and deadlines passing up to `ctx.time`.
    fn advance_time(&mut self, ctx: &ApplyContext, events: &mut Vec<Event>) -> Undo {
        let mut undo = Undo::default();
        while let Some(&(effective_from, entry)) = self.scheduled.first() {
            if effective_from > ctx.time {
                break;
            }
            self.scheduled.pop_first();
            let proposal = self.proposals.get_mut(&entry).expect("scheduled proposals exist");
            assert!(
                proposal.status == ProposalStatus::Adopted,
                "only adopted regimes are scheduled"
            );
            proposal.status = ProposalStatus::InForce;
            let previous = std::mem::replace(&mut self.regime, proposal.regime.clone());
            undo.regimes.push((entry, previous, self.regime_entry));
            self.regime_entry = entry;
            events.push(Event::RegimeInForce { proposal_entry: entry });
        }
        while let Some(&(deadline, index)) = self.deadlines.first() {
            if deadline > ctx.time {
                break;
            }
            self.deadlines.pop_first();
            let movement = &mut self.movements[index];
            assert!(!movement.overdue, "a movement passes its deadline once");
            movement.overdue = true;
            let number = movement.incidents.len() as u16 + 1;
            movement.incidents.push(Incident {
                number,
                kind: IncidentKind::Overdue,
                opened_at: deadline,
                opened_entry: ctx.entry_index,
                closed_entry: None,
            });
            movement.open_incidents += 1;
            events.push(Event::IncidentOpened {
                mrn: movement.mrn,
                number,
                kind: IncidentKind::Overdue,
            });
            undo.overdue.push((index, deadline));
        }
        undo
    }

    fn rollback(&mut self, undo: Undo) {
        for (index, deadline) in undo.overdue.into_iter().rev() {
            let movement = &mut self.movements[index];
            movement.overdue = false;
            movement.incidents.pop();
            movement.open_incidents -= 1;
            self.deadlines.insert((deadline, index));
        }
        for (entry, previous, previous_entry) in undo.regimes.into_iter().rev() {
            let proposal = self.proposals.get_mut(&entry).expect("scheduled proposals exist");
            proposal.status = ProposalStatus::Adopted;
            self.scheduled.insert((proposal.effective_from, entry));
            self.regime = previous;
            self.regime_entry = previous_entry;
        }
    }

    fn dispatch(
        &mut self,
        sequenced: &ApplyContext,
        ctx: &ApplyContext,
        signer: &PublicKey,
        statement: &Statement,
        events: &mut Vec<Event>,
    ) -> Applied {
        match statement {
            Statement::Charter { .. } => Err(Refusal::CharterAlreadyAdopted),
            Statement::ProposeRegime { effective_from, document } => {
                self.propose_regime(sequenced, signer, *effective_from, document, events)
            }
            Statement::ApproveRegime { proposal_entry } => {
                self.approve_regime(sequenced, signer, *proposal_entry, events)
            }
            Statement::EnrolOfficer { key, role, posts } => {
                self.enrol_officer(ctx, signer, key, *role, posts, events)
            }
            Statement::RevokeKey { key } => self.revoke_key(ctx, signer, key, events),
            Statement::AddAuthorityKey { key } => self.add_authority_key(ctx, signer, key, events),
            Statement::RegisterCarrier { carrier, name, key } => {
                self.register_carrier(ctx, signer, carrier, name, key, events)
            }
            Statement::Declare(declaration) => self.declare(ctx, signer, declaration, events),
            Statement::Amend { mrn, declaration } => {
                self.amend(ctx, signer, mrn, declaration, events)
            }
            Statement::Cancel { mrn, .. } => self.cancel(ctx, signer, mrn, events),
            Statement::Accept { mrn } => self.accept(ctx, signer, mrn, events),
            Statement::RefuseDeclaration { mrn, .. } => {
                self.refuse_declaration(ctx, signer, mrn, events)
            }
            Statement::Arrive { mrn, post } => self.arrive(ctx, signer, mrn, post, events),
            Statement::SealCheck { mrn, post, equipment, condition, seals_found } => {
                self.seal_check(ctx, signer, mrn, post, equipment, *condition, seals_found, events)
            }
            Statement::Inspection { mrn, post, equipment, kind, outcome, .. } => {
                self.inspect(ctx, signer, mrn, post, equipment, *kind, *outcome, events)
            }
            Statement::Release { mrn, post } => self.release(ctx, signer, mrn, post, events),
            Statement::Hold { mrn, post, reason } => {
                self.hold(ctx, signer, mrn, post, *reason, events)
            }
            Statement::Depart { mrn, post } => self.depart(ctx, signer, mrn, post, events),
            Statement::ReportIncident { mrn, kind, .. } => {
                self.report_incident(ctx, signer, mrn, *kind, events)
            }
            Statement::CloseIncident { mrn, incident, .. } => {
                self.close_incident(ctx, signer, mrn, *incident, events)
            }
            Statement::Discharge { mrn } => self.discharge(ctx, signer, mrn, events),
            Statement::RecordPayment { carrier, amount, currency, .. } => self.record_money(
                ctx,
                signer,
                carrier,
                *amount,
                *currency,
                PostingKind::Payment,
                events,
            ),
            Statement::RecordRefund { carrier, amount, currency, .. } => self.record_money(
                ctx,
                signer,
                carrier,
                *amount,
                *currency,
                PostingKind::Refund,
                events,
            ),
            Statement::Tick => self.key_record(signer).map(|_| ()),
            Statement::Attest { mrn, entry } => self.attest(ctx, signer, mrn, *entry, events),
        }
    }

    // ----- Signers -------------------------------------------------------------------

    fn key_record(&self, key: &PublicKey) -> Result<&KeyRecord, Refusal> {
        let record = self
            .key_index
            .get(key)
            .map(|&index| &self.keys[index])
            .ok_or(Refusal::UnknownSigner(*key))?;
        if let Some(revoked_at_entry) = record.revoked_at_entry {
            return Err(Refusal::RevokedKey { key: *key, revoked_at_entry });
        }
        Ok(record)
    }

    fn authority(&self, key: &PublicKey, action: &'static str) -> Result<usize, Refusal> {
        match self.key_record(key)?.holder {
            Holder::Authority { party } => Ok(party),
            _ => Err(Refusal::NotAnAuthority { key: *key, action }),
        }
    }

    fn carrier_of(&self, key: &PublicKey, action: &'static str) -> Result<usize, Refusal> {
        match self.key_record(key)?.holder {
            Holder::Carrier { carrier } => Ok(carrier),
            _ => Err(Refusal::NotACarrier { key: *key, action }),
        }
    }

    /// The officer's posts, once their role is allowed `act` by the regime in force.
    fn officer(&self, key: &PublicKey, act: Act) -> Result<&[PostIndex], Refusal> {
        match &self.key_record(key)?.holder {
            Holder::Officer { role, posts, .. } => {
                if self.regime.allows(act, *role) {
                    Ok(posts)
                } else {
                    Err(Refusal::RoleNotAllowed { key: *key, role: *role, act })
                }
            }
            _ => Err(Refusal::NotAnOfficer { key: *key, act }),
        }
    }

    fn officer_at(&self, key: &PublicKey, act: Act, post: PostIndex) -> Applied {
        if self.officer(key, act)?.contains(&post) {
            Ok(())
        } else {
            Err(Refusal::NotPostedHere { key: *key, post: self.corridor().post(post).id })
        }
    }

    fn officer_on_itinerary(&self, key: &PublicKey, act: Act, movement: &Movement) -> Applied {
        let posts = self.officer(key, act)?;
        let itinerary = &self.corridor().routes[movement.route].posts;
        if posts.iter().any(|post| itinerary.contains(post)) {
            Ok(())
        } else {
            Err(Refusal::NotOnItinerary { key: *key, mrn: movement.mrn })
        }
    }

    fn post_index(&self, post: &Ident) -> Result<PostIndex, Refusal> {
        self.corridor().post_index(post).ok_or(Refusal::UnknownPost(*post))
    }

    fn movement_index(&self, mrn: &Mrn) -> Result<usize, Refusal> {
        self.movement_index.get(mrn).copied().ok_or(Refusal::UnknownMovement(*mrn))
    }

    // ----- Governance ----------------------------------------------------------------

    fn propose_regime(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        effective_from: Timestamp,
        document: &str,
        events: &mut Vec<Event>,
    ) -> Applied {
        let party = self.authority(signer, "propose a regime")?;
        let party_ids: Vec<Ident> = self.charter.parties.iter().map(|party| party.id).collect();
        let regime = Regime::from_toml(document, &self.charter.corridor, &party_ids)
            .map_err(Refusal::InvalidRegime)?;
        self.proposals.insert(
            ctx.entry_index,
            Proposal {
                entry: ctx.entry_index,
                effective_from,
                document_hash: crate::digest::sha256(document.as_bytes()),
                regime: Arc::new(regime),
                approvals: vec![party],
                status: ProposalStatus::Pending,
            },
        );
        events.push(Event::RegimeProposed { proposal_entry: ctx.entry_index });
        events.push(Event::RegimeApproved {
            proposal_entry: ctx.entry_index,
            party: self.charter.parties[party].id,
        });
        self.adopt_if_quorum(ctx, ctx.entry_index, events);
        Ok(())
    }

    fn approve_regime(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        proposal_entry: u64,
        events: &mut Vec<Event>,
    ) -> Applied {
        let party = self.authority(signer, "approve a regime")?;
        let proposal = self
            .proposals
            .get(&proposal_entry)
            .filter(|proposal| proposal.status == ProposalStatus::Pending)
            .ok_or(Refusal::NoSuchProposal(proposal_entry))?;
        let party_id = self.charter.parties[party].id;
        if proposal.approvals.contains(&party) {
            return Err(Refusal::AlreadyApproved { proposal_entry, party: party_id });
        }
        let proposal = self.proposals.get_mut(&proposal_entry).expect("checked above");
        proposal.approvals.push(party);
        events.push(Event::RegimeApproved { proposal_entry, party: party_id });
        self.adopt_if_quorum(ctx, proposal_entry, events);
        Ok(())
    }

    fn adopt_if_quorum(
        &mut self,
        ctx: &ApplyContext,
        proposal_entry: u64,
        events: &mut Vec<Event>,
    ) {
        let quorum = &self.charter.quorum;
        let proposal = self.proposals.get_mut(&proposal_entry).expect("callers pass a proposal");
        let reached = proposal.approvals.len() >= quorum.threshold
            && quorum.required.iter().all(|party| proposal.approvals.contains(party));
        if !reached {
            return;
        }
        let effective_from = proposal.effective_from.max(ctx.time);
        proposal.effective_from = effective_from;
        events.push(Event::RegimeAdopted { proposal_entry, effective_from });
        if effective_from <= ctx.time {
            proposal.status = ProposalStatus::InForce;
            self.regime = proposal.regime.clone();
            self.regime_entry = proposal_entry;
            events.push(Event::RegimeInForce { proposal_entry });
        } else {
            proposal.status = ProposalStatus::Adopted;
            self.scheduled.insert((effective_from, proposal_entry));
        }
    }

    fn check_new_key(&self, key: &PublicKey) -> Applied {
        if self.key_index.contains_key(key) { Err(Refusal::KeyInUse(*key)) } else { Ok(()) }
    }

    fn enrol_officer(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        key: &PublicKey,
        role: OfficerRole,
        posts: &[Ident],
        events: &mut Vec<Event>,
    ) -> Applied {
        let party = self.authority(signer, "enrol an officer")?;
        let party_record = &self.charter.parties[party];
        if !party_record.roles.contains(&role) {
            return Err(Refusal::RoleNotForParty { party: party_record.id, role });
        }
        self.check_new_key(key)?;
        if posts.is_empty() {
            return Err(Refusal::BadPostList);
        }
        let mut indexes = Vec::with_capacity(posts.len());
        for post in posts {
            let index = self.post_index(post)?;
            if indexes.contains(&index) {
                return Err(Refusal::BadPostList);
            }
            let operator = self.corridor().post(index).authority;
            if role != OfficerRole::Monitor && operator != party_record.id {
                return Err(Refusal::PostOfAnotherParty {
                    post: *post,
                    operator,
                    party: party_record.id,
                    role,
                });
            }
            indexes.push(index);
        }
        let party_id = party_record.id;
        self.key_index.insert(*key, self.keys.len());
        self.keys.push(KeyRecord {
            key: *key,
            holder: Holder::Officer { party, role, posts: indexes },
            since_entry: ctx.entry_index,
            revoked_at_entry: None,
        });
        events.push(Event::OfficerEnrolled { key: *key, party: party_id, role });
        Ok(())
    }

    fn revoke_key(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        key: &PublicKey,
        events: &mut Vec<Event>,
    ) -> Applied {
        let party = self.authority(signer, "revoke a key")?;
        let index = *self.key_index.get(key).ok_or(Refusal::NothingToRevoke(*key))?;
        let record = &self.keys[index];
        if record.revoked_at_entry.is_some() {
            return Err(Refusal::NothingToRevoke(*key));
        }
        let owner = match record.holder {
            Holder::Officer { party, .. } | Holder::Authority { party } => party,
            Holder::Carrier { carrier } => self.carriers[carrier].party,
        };
        if owner != party {
            return Err(Refusal::NotYourKey { key: *key, party: self.charter.parties[party].id });
        }
        if matches!(record.holder, Holder::Authority { .. }) {
            let others = self.keys.iter().filter(|other| {
                other.key != *key
                    && other.revoked_at_entry.is_none()
                    && other.holder == Holder::Authority { party }
            });
            if others.count() == 0 {
                return Err(Refusal::LastAuthorityKey {
                    key: *key,
                    party: self.charter.parties[party].id,
                });
            }
        }
        self.keys[index].revoked_at_entry = Some(ctx.entry_index);
        events.push(Event::KeyRevoked { key: *key });
        Ok(())
    }

    fn add_authority_key(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        key: &PublicKey,
        events: &mut Vec<Event>,
    ) -> Applied {
        let party = self.authority(signer, "add an authority key")?;
        self.check_new_key(key)?;
        self.key_index.insert(*key, self.keys.len());
        self.keys.push(KeyRecord {
            key: *key,
            holder: Holder::Authority { party },
            since_entry: ctx.entry_index,
            revoked_at_entry: None,
        });
        events.push(Event::AuthorityKeyAdded { key: *key, party: self.charter.parties[party].id });
        Ok(())
    }

    fn register_carrier(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        carrier: &Ident,
        name: &str,
        key: &PublicKey,
        events: &mut Vec<Event>,
    ) -> Applied {
        let party = self.authority(signer, "register a carrier")?;
        self.check_new_key(key)?;
        let index = match self.carrier_index.get(carrier) {
            Some(&index) => {
                let existing = &self.carriers[index];
                if existing.party != party || existing.name != name {
                    return Err(Refusal::CarrierMismatch {
                        carrier: *carrier,
                        party: self.charter.parties[existing.party].id,
                        name: existing.name.clone(),
                    });
                }
                index
            }
            None => {
                self.carrier_index.insert(*carrier, self.carriers.len());
                self.carriers.push(Carrier {
                    id: *carrier,
                    name: name.to_owned(),
                    party,
                    keys: Vec::new(),
                });
                self.carriers.len() - 1
            }
        };
        self.carriers[index].keys.push(*key);
        self.key_index.insert(*key, self.keys.len());
        self.keys.push(KeyRecord {
            key: *key,
            holder: Holder::Carrier { carrier: index },
            since_entry: ctx.entry_index,
            revoked_at_entry: None,
        });
        events.push(Event::CarrierRegistered { carrier: *carrier, key: *key });
        Ok(())
    }

    // ----- Declarations --------------------------------------------------------------

    /// Checks a declaration against the corridor and regime; returns the route and units.
    fn check_declaration(&self, declaration: &Declaration) -> Result<(usize, Vec<u16>), Refusal> {
        let invalid = |problem: String| Err(Refusal::InvalidDeclaration(problem));
        let route_index = self
            .corridor()
            .route_index(&declaration.route)
            .ok_or(Refusal::UnknownRoute(declaration.route))?;
        let route = &self.corridor().routes[route_index];
        let class = declaration.traffic_class;
        if !self.regime.traffic_classes.contains(&class) {
            return Err(Refusal::TrafficClassNotAllowed {
                class,
                regime: self.regime.name.clone(),
            });
        }
        if !route.mode.carries(class) {
            return Err(Refusal::ModeMismatch {
                route: route.id,
                mode: route.mode.as_str(),
                class,
            });
        }
        if class != TrafficClass::Passengers {
            if declaration.equipment.is_empty() || declaration.goods.is_empty() {
                return invalid("a cargo movement declares its equipment and goods".into());
            }
            if declaration.passenger_count != 0 {
                return invalid("a cargo movement carries no passengers".into());
            }
        }
        let mut ids: Vec<&EquipmentId> = declaration.equipment.iter().map(|e| &e.id).collect();
        ids.sort_unstable();
        if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
            return invalid(format!("{} is declared twice", pair[0]));
        }
        for equipment in &declaration.equipment {
            let road = matches!(equipment.id, EquipmentId::Truck(_) | EquipmentId::Trailer(_));
            let wagon =
                matches!(equipment.id, EquipmentId::UicWagon(_) | EquipmentId::Wagon1520(_));
            if (class == TrafficClass::CargoRail && road)
                || (class == TrafficClass::CargoRoad && wagon)
            {
                return invalid(format!("{} cannot travel as {class}", equipment.id));
            }
        }
        let mut units: Vec<u16> = Vec::with_capacity(declaration.goods.len());
        for (number, item) in declaration.goods.iter().enumerate() {
            if usize::from(item.equipment_index) >= declaration.equipment.len() {
                return invalid(format!(
                    "goods item {} names equipment {}, but only {} are declared",
                    number + 1,
                    item.equipment_index + 1,
                    declaration.equipment.len()
                ));
            }
            if item.gross_mass_kg == 0 || item.gross_mass_kg > GROSS_MASS_KG_MAX {
                return invalid(format!(
                    "goods item {} has gross mass {} kg; it must be from 1 to {GROSS_MASS_KG_MAX}",
                    number + 1,
                    item.gross_mass_kg
                ));
            }
            units.push(item.equipment_index);
        }
        units.sort_unstable();
        units.dedup();
        Ok((route_index, units))
    }

    fn declare(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        declaration: &Declaration,
        events: &mut Vec<Event>,
    ) -> Applied {
        let carrier = self.carrier_of(signer, "declare a movement")?;
        let (route, units) = self.check_declaration(declaration)?;
        let (year, _, _) = ctx.time.civil_date();
        let mrn = Mrn::allocate(year as u32, self.charter.mrn_country, ctx.entry_index);
        assert!(!self.movement_index.contains_key(&mrn), "MRNs come from unique entry indexes");
        self.movement_index.insert(mrn, self.movements.len());
        self.movements.push(Movement {
            mrn,
            carrier: self.carriers[carrier].id,
            declaration: declaration.clone(),
            route,
            status: MovementStatus::Declared,
            declared_at: ctx.time,
            accepted_at: None,
            deadline: None,
            overdue: false,
            visits: Vec::new(),
            incidents: Vec::new(),
            open_incidents: 0,
            fee: None,
            history: vec![ctx.entry_index],
            attestations: Vec::new(),
            units,
            equipment_by_id: crate::movement::equipment_by_id(declaration),
        });
        events.push(Event::Declared { mrn });
        Ok(())
    }

    fn owned_movement(
        &self,
        signer: &PublicKey,
        mrn: &Mrn,
        action: &'static str,
    ) -> Result<usize, Refusal> {
        let carrier = self.carrier_of(signer, action)?;
        let index = self.movement_index(mrn)?;
        let owner = self.movements[index].carrier;
        if owner != self.carriers[carrier].id {
            return Err(Refusal::NotYourMovement { mrn: *mrn, owner, action });
        }
        Ok(index)
    }

    fn wrong_status(movement: &Movement, action: &'static str) -> Refusal {
        Refusal::WrongStatus { mrn: movement.mrn, status: movement.status.as_str(), action }
    }

    fn amend(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        declaration: &Declaration,
        events: &mut Vec<Event>,
    ) -> Applied {
        let index = self.owned_movement(signer, mrn, "amend it")?;
        let movement = &self.movements[index];
        if !matches!(movement.status, MovementStatus::Declared | MovementStatus::Accepted) {
            return Err(Self::wrong_status(movement, "be amended"));
        }
        let (route, units) = self.check_declaration(declaration)?;
        // An amended declaration goes back to customs for acceptance, as in NCTS (IE013
        // then IE004); its time limit starts again then.
        if let Some(deadline) = self.movements[index].deadline {
            self.deadlines.remove(&(deadline, index));
        }
        let movement = &mut self.movements[index];
        movement.declaration = declaration.clone();
        movement.equipment_by_id = crate::movement::equipment_by_id(declaration);
        movement.route = route;
        movement.units = units;
        movement.status = MovementStatus::Declared;
        movement.accepted_at = None;
        movement.deadline = None;
        movement.history.push(ctx.entry_index);
        events.push(Event::Amended { mrn: *mrn });
        Ok(())
    }

    fn cancel(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        events: &mut Vec<Event>,
    ) -> Applied {
        let index = match self.key_record(signer)?.holder {
            Holder::Carrier { .. } => self.owned_movement(signer, mrn, "cancel it")?,
            _ => {
                let index = self.movement_index(mrn)?;
                self.officer_on_itinerary(signer, Act::Cancel, &self.movements[index])?;
                index
            }
        };
        let movement = &self.movements[index];
        if !matches!(movement.status, MovementStatus::Declared | MovementStatus::Accepted) {
            return Err(Self::wrong_status(movement, "be cancelled"));
        }
        if let Some(deadline) = movement.deadline {
            self.deadlines.remove(&(deadline, index));
        }
        let movement = &mut self.movements[index];
        movement.status = MovementStatus::Cancelled;
        movement.history.push(ctx.entry_index);
        events.push(Event::Cancelled { mrn: *mrn });
        Ok(())
    }

    fn accept(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        events: &mut Vec<Event>,
    ) -> Applied {
        let index = self.movement_index(mrn)?;
        let movement = &self.movements[index];
        self.officer_on_itinerary(signer, Act::Accept, movement)?;
        if movement.status != MovementStatus::Declared {
            return Err(Self::wrong_status(movement, "be accepted"));
        }
        let limit = self.regime.time_limit_ms(movement.route, movement.declaration.traffic_class);
        let deadline = limit.map(|limit| ctx.time.plus_ms(limit));
        if let Some(deadline) = deadline {
            self.deadlines.insert((deadline, index));
        }
        let movement = &mut self.movements[index];
        movement.status = MovementStatus::Accepted;
        movement.accepted_at = Some(ctx.time);
        movement.deadline = deadline;
        // A fresh time limit (after an amendment) starts a fresh count; an overdue
        // incident raised under the old one stays on record.
        movement.overdue = false;
        movement.history.push(ctx.entry_index);
        events.push(Event::Accepted { mrn: *mrn, deadline });
        Ok(())
    }

    fn refuse_declaration(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        events: &mut Vec<Event>,
    ) -> Applied {
        let index = self.movement_index(mrn)?;
        let movement = &self.movements[index];
        self.officer_on_itinerary(signer, Act::RefuseDeclaration, movement)?;
        if movement.status != MovementStatus::Declared {
            return Err(Self::wrong_status(movement, "be refused"));
        }
        let movement = &mut self.movements[index];
        movement.status = MovementStatus::Refused;
        movement.history.push(ctx.entry_index);
        events.push(Event::DeclarationRefused { mrn: *mrn });
        Ok(())
    }

    // ----- At the posts --------------------------------------------------------------

    fn arrive(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        post: &Ident,
        events: &mut Vec<Event>,
    ) -> Applied {
        let post_index = self.post_index(post)?;
        self.officer_at(signer, Act::Arrive, post_index)?;
        let index = self.movement_index(mrn)?;
        let movement = &self.movements[index];
        let next = match movement.status {
            MovementStatus::Accepted => 0,
            MovementStatus::InTransit => movement.visits.len(),
            _ => return Err(Self::wrong_status(movement, "arrive at a post")),
        };
        let route = &self.corridor().routes[movement.route];
        if !route.posts.contains(&post_index) {
            return Err(Refusal::OffItinerary { mrn: *mrn, post: *post, route: route.id });
        }
        let expected = route.posts[next];
        if expected != post_index {
            return Err(Refusal::OutOfOrder {
                mrn: *mrn,
                post: *post,
                expected: self.corridor().post(expected).id,
            });
        }
        let at_destination = next + 1 == route.posts.len();
        let controlled = self.regime.is_controlled(post_index);
        let mut units = Vec::new();
        if controlled {
            units.reserve_exact(movement.units.len());
            // Goods grouped by the unit carrying them, so each unit's facts are a slice.
            let mut by_unit: Vec<(u16, HsCode, CountryCode)> = movement
                .declaration
                .goods
                .iter()
                .map(|item| (item.equipment_index, item.hs_code, item.origin))
                .collect();
            by_unit.sort_unstable_by_key(|(equipment_index, _, _)| *equipment_index);
            let mut goods: Vec<(HsCode, CountryCode)> = Vec::new();
            let mut rest = by_unit.as_slice();
            for &equipment_index in &movement.units {
                let count =
                    rest.iter().take_while(|(index, _, _)| *index == equipment_index).count();
                goods.clear();
                goods.extend(rest[..count].iter().map(|(_, hs_code, origin)| (*hs_code, *origin)));
                rest = &rest[count..];
                let equipment = &movement.declaration.equipment[usize::from(equipment_index)].id;
                let lane = lane_on_arrival(
                    &self.regime,
                    &UnitFacts {
                        seed: &ctx.selection_seed,
                        mrn,
                        post,
                        equipment,
                        carrier: &movement.carrier,
                        goods: &goods,
                    },
                );
                units.push(UnitControl { equipment_index, lane, seal: None, inspection: None });
            }
        }
        events.push(Event::Arrived { mrn: *mrn, post: *post });
        for unit in &units {
            events.push(Event::Selected {
                mrn: *mrn,
                equipment: movement.declaration.equipment[usize::from(unit.equipment_index)].id,
                lane: unit.lane,
            });
        }
        let mut reached_in_time = None;
        let mut cleared = None;
        if at_destination {
            events.push(Event::ArrivedAtDestination { mrn: *mrn });
            reached_in_time = movement.deadline.filter(|_| !movement.overdue);
            // An arrival recorded offline before the deadline but sequenced after it:
            // the overdue incident raised meanwhile was right on what was known, and is
            // closed now that the record shows the movement arrived in time.
            if movement.overdue && movement.deadline.is_some_and(|deadline| ctx.time <= deadline) {
                cleared = movement
                    .incidents
                    .iter()
                    .rev()
                    .find(|incident| {
                        incident.kind == IncidentKind::Overdue && incident.closed_entry.is_none()
                    })
                    .map(|incident| incident.number);
                if let Some(number) = cleared {
                    events.push(Event::IncidentClosed { mrn: *mrn, number });
                }
            }
        }
        if let Some(deadline) = reached_in_time {
            self.deadlines.remove(&(deadline, index));
        }
        let movement = &mut self.movements[index];
        if let Some(number) = cleared {
            movement.incidents[usize::from(number) - 1].closed_entry = Some(ctx.entry_index);
            movement.open_incidents -= 1;
            movement.overdue = false;
        }
        movement.visits.push(Visit {
            post: post_index,
            controlled,
            arrived_at: ctx.time,
            arrival_entry: ctx.entry_index,
            released_at: None,
            held: None,
            departed_at: None,
            units,
        });
        movement.status =
            if at_destination { MovementStatus::AtDestination } else { MovementStatus::AtPost };
        movement.history.push(ctx.entry_index);
        Ok(())
    }

    /// The movement's index, once it is checked to be at `post` now.
    fn at_post(&self, mrn: &Mrn, post: &Ident, post_index: PostIndex) -> Result<usize, Refusal> {
        let index = self.movement_index(mrn)?;
        let movement = &self.movements[index];
        match movement.current_visit() {
            Some(visit) if visit.post == post_index => Ok(index),
            Some(_) => Err(Refusal::NotAtPost { mrn: *mrn, post: *post }),
            None if movement.status.is_active() || movement.status == MovementStatus::Declared => {
                Err(Refusal::NotAtPost { mrn: *mrn, post: *post })
            }
            None => Err(Self::wrong_status(movement, "be recorded at a post")),
        }
    }

    fn equipment_index(movement: &Movement, equipment: &EquipmentId) -> Result<u16, Refusal> {
        movement
            .equipment_index(equipment)
            .ok_or(Refusal::UnknownEquipment { mrn: movement.mrn, equipment: *equipment })
    }

    #[allow(clippy::too_many_arguments)]
    fn seal_check(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        post: &Ident,
        equipment: &EquipmentId,
        condition: SealCondition,
        seals_found: &[Ident],
        events: &mut Vec<Event>,
    ) -> Applied {
        let post_index = self.post_index(post)?;
        self.officer_at(signer, Act::SealCheck, post_index)?;
        let index = self.at_post(mrn, post, post_index)?;
        let movement = &self.movements[index];
        let equipment_index = Self::equipment_index(movement, equipment)?;
        let declared = &movement.declaration.equipment[usize::from(equipment_index)].seals;
        let same = declared.len() == seals_found.len()
            && declared.iter().all(|seal| seals_found.contains(seal));
        match (condition, same) {
            (SealCondition::Intact, false) => {
                return Err(Refusal::SealsDiffer { equipment: *equipment });
            }
            (SealCondition::Mismatch, true) => {
                return Err(Refusal::SealsMatch { equipment: *equipment });
            }
            _ => {}
        }
        let failure_lane = self.regime.selection.seal_failure_lane;
        let movement = &mut self.movements[index];
        movement.history.push(ctx.entry_index);
        events.push(Event::SealChecked { mrn: *mrn, equipment: *equipment, condition });
        let visit = movement.visits.last_mut().expect("at a post");
        // Units are sorted by equipment index (they come from the sorted `units`).
        let found = visit.units.binary_search_by_key(&equipment_index, |unit| unit.equipment_index);
        if let Ok(unit) = found.map(|position| &mut visit.units[position]) {
            unit.seal = Some(condition);
            if condition != SealCondition::Intact && unit.lane < failure_lane {
                unit.lane = failure_lane;
                // A failed seal after release reopens the controls.
                visit.released_at = None;
                events.push(Event::LaneRaised {
                    mrn: *mrn,
                    equipment: *equipment,
                    lane: failure_lane,
                });
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn inspect(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        post: &Ident,
        equipment: &EquipmentId,
        kind: InspectionKind,
        outcome: InspectionOutcome,
        events: &mut Vec<Event>,
    ) -> Applied {
        let post_index = self.post_index(post)?;
        self.officer_at(signer, Act::Inspect, post_index)?;
        let index = self.at_post(mrn, post, post_index)?;
        let movement = &self.movements[index];
        let visit = movement.visits.last().expect("at a post");
        if !visit.controlled {
            return Err(Refusal::NotControlled(*post));
        }
        let equipment_index = Self::equipment_index(movement, equipment)?;
        let unit =
            visit.units.binary_search_by_key(&equipment_index, |unit| unit.equipment_index).ok();
        let lane = unit.map_or(Lane::Green, |unit| visit.units[unit].lane);
        // No person picks whom to inspect: only units the rules or the draw selected.
        let Some(unit) = unit.filter(|_| lane != Lane::Green) else {
            return Err(Refusal::NotSelected {
                mrn: *mrn,
                equipment: *equipment,
                post: *post,
                lane,
                wanted: kind.as_str(),
            });
        };
        let movement = &mut self.movements[index];
        let unit = &mut movement.visits.last_mut().expect("at a post").units[unit];
        if unit.inspection.is_none_or(|(previous, _)| kind >= previous) {
            unit.inspection = Some((kind, outcome));
        }
        movement.history.push(ctx.entry_index);
        events.push(Event::Inspected { mrn: *mrn, equipment: *equipment, outcome });
        Ok(())
    }

    /// What still stops a release at the current visit, if anything.
    fn pending_control(&self, movement: &Movement) -> Option<(EquipmentId, &'static str)> {
        let visit = movement.visits.last()?;
        let seals_needed = self.regime.checks != Checks::None;
        for unit in &visit.units {
            let equipment = &movement.declaration.equipment[usize::from(unit.equipment_index)];
            if seals_needed && !equipment.seals.is_empty() && unit.seal.is_none() {
                return Some((equipment.id, "a seal check"));
            }
            let inspected = unit.inspection.map(|(kind, _)| kind);
            match unit.lane {
                Lane::Red if inspected != Some(InspectionKind::Physical) => {
                    return Some((equipment.id, "a physical inspection (red lane)"));
                }
                Lane::Yellow if inspected.is_none() => {
                    return Some((equipment.id, "a documents check (yellow lane)"));
                }
                _ => {}
            }
        }
        None
    }

    fn release(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        post: &Ident,
        events: &mut Vec<Event>,
    ) -> Applied {
        let post_index = self.post_index(post)?;
        self.officer_at(signer, Act::Release, post_index)?;
        let index = self.at_post(mrn, post, post_index)?;
        let movement = &self.movements[index];
        let visit = movement.visits.last().expect("at a post");
        if !visit.controlled {
            return Err(Refusal::NotControlled(*post));
        }
        if visit.released_at.is_some() && visit.held.is_none() {
            return Err(Refusal::WrongStatus {
                mrn: *mrn,
                status: "already released at this post",
                action: "be released again",
            });
        }
        if let Some((equipment, missing)) = self.pending_control(movement) {
            return Err(Refusal::ControlsPending { mrn: *mrn, post: *post, equipment, missing });
        }
        let fee = match self.regime.tariff.assess_on {
            AssessOn::Release(fee_post) if fee_post == post_index && movement.fee.is_none() => {
                Some(self.assess_fee(movement)?)
            }
            _ => None,
        };
        let movement = &mut self.movements[index];
        let visit = movement.visits.last_mut().expect("at a post");
        visit.released_at = Some(ctx.time);
        visit.held = None;
        movement.history.push(ctx.entry_index);
        events.push(Event::Released { mrn: *mrn, post: *post });
        if let Some(fee) = fee {
            self.post_fee(ctx, index, fee, events);
        }
        Ok(())
    }

    fn hold(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        post: &Ident,
        reason: HoldReason,
        events: &mut Vec<Event>,
    ) -> Applied {
        let post_index = self.post_index(post)?;
        self.officer_at(signer, Act::Hold, post_index)?;
        let index = self.at_post(mrn, post, post_index)?;
        if !self.movements[index].visits.last().expect("at a post").controlled {
            return Err(Refusal::NotControlled(*post));
        }
        let movement = &mut self.movements[index];
        let visit = movement.visits.last_mut().expect("at a post");
        visit.held = Some(reason);
        visit.released_at = None;
        movement.history.push(ctx.entry_index);
        events.push(Event::Held { mrn: *mrn, post: *post, reason });
        Ok(())
    }

    fn depart(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        post: &Ident,
        events: &mut Vec<Event>,
    ) -> Applied {
        let post_index = self.post_index(post)?;
        self.officer_at(signer, Act::Depart, post_index)?;
        let index = self.at_post(mrn, post, post_index)?;
        let movement = &self.movements[index];
        if movement.status == MovementStatus::AtDestination {
            return Err(Refusal::AtDestination { mrn: *mrn, post: *post });
        }
        let visit = movement.visits.last().expect("at a post");
        if visit.controlled && (visit.released_at.is_none() || visit.held.is_some()) {
            return Err(Refusal::NotReleased { mrn: *mrn, post: *post, action: "depart" });
        }
        let dwell_ms = ctx.time.0.saturating_sub(visit.arrived_at.0);
        let dwell = &mut self.dwell[usize::from(post_index)];
        dwell.departures += 1;
        dwell.total_ms = dwell.total_ms.saturating_add(dwell_ms);
        let movement = &mut self.movements[index];
        movement.visits.last_mut().expect("at a post").departed_at = Some(ctx.time);
        movement.status = MovementStatus::InTransit;
        movement.history.push(ctx.entry_index);
        events.push(Event::Departed { mrn: *mrn, post: *post });
        Ok(())
    }

    fn report_incident(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        kind: IncidentKind,
        events: &mut Vec<Event>,
    ) -> Applied {
        if kind == IncidentKind::Overdue {
            return Err(Refusal::OverdueIsRaisedByTime);
        }
        let index = self.movement_index(mrn)?;
        let movement = &self.movements[index];
        self.officer_on_itinerary(signer, Act::ReportIncident, movement)?;
        if !movement.status.is_active() {
            return Err(Self::wrong_status(movement, "have an incident reported"));
        }
        let movement = &mut self.movements[index];
        let number = movement.incidents.len() as u16 + 1;
        movement.incidents.push(Incident {
            number,
            kind,
            opened_at: ctx.time,
            opened_entry: ctx.entry_index,
            closed_entry: None,
        });
        movement.open_incidents += 1;
        movement.history.push(ctx.entry_index);
        events.push(Event::IncidentOpened { mrn: *mrn, number, kind });
        Ok(())
    }

    fn close_incident(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        number: u16,
        events: &mut Vec<Event>,
    ) -> Applied {
        let index = self.movement_index(mrn)?;
        let movement = &self.movements[index];
        self.officer_on_itinerary(signer, Act::CloseIncident, movement)?;
        let open = number >= 1
            && movement
                .incidents
                .get(usize::from(number) - 1)
                .is_some_and(|incident| incident.closed_entry.is_none());
        if !open {
            return Err(Refusal::NoSuchIncident { mrn: *mrn, number });
        }
        let movement = &mut self.movements[index];
        movement.incidents[usize::from(number) - 1].closed_entry = Some(ctx.entry_index);
        movement.open_incidents -= 1;
        movement.history.push(ctx.entry_index);
        events.push(Event::IncidentClosed { mrn: *mrn, number });
        Ok(())
    }

    fn discharge(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        events: &mut Vec<Event>,
    ) -> Applied {
        let index = self.movement_index(mrn)?;
        let movement = &self.movements[index];
        self.officer_on_itinerary(signer, Act::Discharge, movement)?;
        if movement.status != MovementStatus::AtDestination {
            return Err(Self::wrong_status(movement, "be discharged"));
        }
        let visit = movement.visits.last().expect("at destination");
        if visit.controlled && (visit.released_at.is_none() || visit.held.is_some()) {
            return Err(Refusal::NotReleased {
                mrn: *mrn,
                post: self.corridor().post(visit.post).id,
                action: "be discharged",
            });
        }
        if movement.open_incidents > 0 {
            return Err(Refusal::OpenIncidents { mrn: *mrn, count: movement.open_incidents });
        }
        let fee = match self.regime.tariff.assess_on {
            AssessOn::Discharge if movement.fee.is_none() => Some(self.assess_fee(movement)?),
            _ => None,
        };
        let movement = &mut self.movements[index];
        movement.status = MovementStatus::Discharged;
        movement.history.push(ctx.entry_index);
        events.push(Event::Discharged { mrn: *mrn });
        if let Some(fee) = fee {
            self.post_fee(ctx, index, fee, events);
        }
        Ok(())
    }

    fn attest(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        entry: u64,
        events: &mut Vec<Event>,
    ) -> Applied {
        let index = self.movement_index(mrn)?;
        let movement = &self.movements[index];
        self.officer_on_itinerary(signer, Act::Attest, movement)?;
        let about_movement = movement.history.binary_search(&entry).is_ok();
        let attested = movement.attestations.iter().any(|(attested, _)| *attested == entry);
        if !about_movement || attested {
            return Err(Refusal::NothingToAttest { mrn: *mrn, entry });
        }
        let movement = &mut self.movements[index];
        movement.attestations.push((entry, ctx.entry_index));
        movement.history.push(ctx.entry_index);
        events.push(Event::Attested { mrn: *mrn, entry });
        Ok(())
    }

    // ----- Money ---------------------------------------------------------------------

    /// The movement's transit fee under the tariff in force, checked to fit the ledger.
    fn assess_fee(&self, movement: &Movement) -> Result<AmountMinor, Refusal> {
        let amount =
            transit_fee(&self.regime, self.corridor(), movement).ok_or(Refusal::AmountOverflow)?;
        let legs = self.fee_legs(movement, amount);
        if !self.ledger.can_post(self.regime.tariff.currency, &legs) {
            return Err(Refusal::AmountOverflow);
        }
        Ok(amount)
    }

    fn fee_legs(&self, movement: &Movement, amount: AmountMinor) -> Vec<(Account, AmountMinor)> {
        let split = &self.regime.tariff.split;
        let mut legs = Vec::with_capacity(split.len() + 1);
        legs.push((Account::Carrier(movement.carrier), AmountMinor(-amount.0)));
        let mut rest = amount.0;
        for (account, points) in split.iter().skip(1) {
            let share =
                (i128::from(amount.0) * i128::from(*points) / i128::from(BASIS_POINTS)) as i64;
            rest -= share;
            legs.push((Account::Revenue(*account), AmountMinor(share)));
        }
        // Rounding remainders go to the first account of the split.
        legs.insert(1, (Account::Revenue(split[0].0), AmountMinor(rest)));
        legs
    }

    fn post_fee(
        &mut self,
        ctx: &ApplyContext,
        index: usize,
        amount: AmountMinor,
        events: &mut Vec<Event>,
    ) {
        let currency = self.regime.tariff.currency;
        let legs = self.fee_legs(&self.movements[index], amount);
        self.ledger.post(ctx.entry_index, ctx.time, PostingKind::Fee, currency, &legs);
        let movement = &mut self.movements[index];
        movement.fee = Some((amount, currency));
        events.push(Event::FeeAssessed {
            mrn: movement.mrn,
            carrier: movement.carrier,
            amount,
            currency,
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn record_money(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        carrier: &Ident,
        amount: AmountMinor,
        currency: Currency,
        kind: PostingKind,
        events: &mut Vec<Event>,
    ) -> Applied {
        self.officer(signer, Act::RecordPayment)?;
        if !self.carrier_index.contains_key(carrier) {
            return Err(Refusal::UnknownCarrier(*carrier));
        }
        if amount.0 <= 0 {
            return Err(Refusal::AmountNotPositive(amount));
        }
        let expected = self.regime.tariff.currency;
        if currency != expected {
            return Err(Refusal::WrongCurrency { expected, found: currency });
        }
        let signed = if kind == PostingKind::Payment { amount.0 } else { -amount.0 };
        let legs = [
            (Account::Carrier(*carrier), AmountMinor(signed)),
            (Account::Receipts, AmountMinor(-signed)),
        ];
        if !self.ledger.can_post(currency, &legs) {
            return Err(Refusal::AmountOverflow);
        }
        self.ledger.post(ctx.entry_index, ctx.time, kind, currency, &legs);
        events.push(if kind == PostingKind::Payment {
            Event::PaymentRecorded { carrier: *carrier, amount, currency }
        } else {
            Event::RefundRecorded { carrier: *carrier, amount, currency }
        });
        Ok(())
    }

    // ----- Reading -------------------------------------------------------------------

    /// The charter.
    pub fn charter(&self) -> &Charter {
        &self.charter
    }

    /// SHA-256 of the charter document's text.
    pub fn charter_document_hash(&self) -> &[u8; 32] {
        &self.charter_document_hash
    }

    /// The corridor.
    pub fn corridor(&self) -> &Corridor {
        &self.charter.corridor
    }

    /// The regime in force.
    pub fn regime(&self) -> &Regime {
        &self.regime
    }

    /// The entry that put the regime in force (0: the charter's).
    pub fn regime_entry(&self) -> u64 {
        self.regime_entry
    }

    /// Regime proposals, by entry.
    pub fn proposals(&self) -> impl Iterator<Item = &Proposal> {
        self.proposals.values()
    }

    /// The index the next entry must have.
    pub fn next_entry_index(&self) -> u64 {
        self.next_entry_index
    }

    /// The last entry's time.
    pub fn time(&self) -> Timestamp {
        self.time
    }

    /// Every enrolled key, in enrolment order (authority keys first).
    pub fn keys(&self) -> &[KeyRecord] {
        &self.keys
    }

    /// The record of one key.
    pub fn key(&self, key: &PublicKey) -> Option<&KeyRecord> {
        self.key_index.get(key).map(|&index| &self.keys[index])
    }

    /// Registered carriers.
    pub fn carriers(&self) -> &[Carrier] {
        &self.carriers
    }

    /// Every movement, in declaration order.
    pub fn movements(&self) -> &[Movement] {
        &self.movements
    }

    /// One movement.
    pub fn movement(&self, mrn: &Mrn) -> Option<&Movement> {
        self.movement_index.get(mrn).map(|&index| &self.movements[index])
    }

    /// Movements now at `post` (or at it as their destination).
    pub fn movements_at_post(&self, post: PostIndex) -> impl Iterator<Item = &Movement> {
        self.movements.iter().filter(move |movement| {
            movement.current_visit().is_some_and(|visit| visit.post == post)
        })
    }

    /// Movements with a status.
    pub fn movements_with_status(&self, status: MovementStatus) -> impl Iterator<Item = &Movement> {
        self.movements.iter().filter(move |movement| movement.status == status)
    }

    /// A carrier's movements.
    pub fn movements_of_carrier<'a>(
        &'a self,
        carrier: &'a Ident,
    ) -> impl Iterator<Item = &'a Movement> + 'a {
        self.movements.iter().filter(move |movement| movement.carrier == *carrier)
    }

    /// Movements declared in `[from, to)`.
    pub fn movements_declared_between(
        &self,
        from: Timestamp,
        to: Timestamp,
    ) -> impl Iterator<Item = &Movement> {
        self.movements
            .iter()
            .filter(move |movement| movement.declared_at >= from && movement.declared_at < to)
    }

    /// How many movements have each status.
    pub fn status_counts(&self) -> [(MovementStatus, usize); 8] {
        let mut counts = MovementStatus::ALL.map(|status| (status, 0));
        for movement in &self.movements {
            counts[movement.status as usize].1 += 1;
        }
        counts
    }

    /// Dwell statistics per post (index as in the corridor).
    pub fn dwell(&self) -> &[Dwell] {
        &self.dwell
    }

    /// The ledger.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    pub(crate) fn digest_parts(&self) -> crate::digest::Parts<'_> {
        crate::digest::Parts {
            charter_document_hash: &self.charter_document_hash,
            next_entry_index: self.next_entry_index,
            time: self.time,
            regime_entry: self.regime_entry,
            proposals: &self.proposals,
            scheduled: &self.scheduled,
            keys: &self.keys,
            carriers: &self.carriers,
            movements: &self.movements,
            ledger: &self.ledger,
            dwell: &self.dwell,
        }
    }

    /// The canonical hash of the whole state (see [`crate::digest`]): equal states give
    /// equal digests, whatever batches they were applied in.
    pub fn digest(&self) -> [u8; 32] {
        crate::digest::state_digest(self)
    }
}

/// The transit fee for a movement under a regime: per unit, per tonne (pro rata by
/// kilogram), per tonne-kilometre, per passenger; each term rounded half up to a minor
/// unit. `None` if it does not fit in an `i64`.
pub fn transit_fee(
    regime: &Regime,
    corridor: &Corridor,
    movement: &Movement,
) -> Option<AmountMinor> {
    let tariff = &regime.tariff;
    let mut total: i128 = 0;
    for equipment in &movement.declaration.equipment {
        let rate = match (equipment.id, equipment.container_size) {
            (EquipmentId::Container(_), Some(ContainerSize::Feet20)) => tariff.per_container_20ft,
            (EquipmentId::Container(_), Some(ContainerSize::Feet40)) => tariff.per_container_40ft,
            (EquipmentId::Container(_), _) => tariff.per_container_45ft,
            (EquipmentId::UicWagon(_) | EquipmentId::Wagon1520(_), _) => tariff.per_wagon,
            (EquipmentId::Truck(_), _) => tariff.per_truck,
            (EquipmentId::Trailer(_), _) => AmountMinor::ZERO,
        };
        total += i128::from(rate.0);
    }
    let round = |numerator: i128, denominator: i128| (numerator + denominator / 2) / denominator;
    let mass_kg = i128::from(movement.gross_mass_kg());
    total += round(i128::from(tariff.per_tonne.0) * mass_kg, 1000);
    let route = &corridor.routes[movement.route];
    let length_m = i128::from(corridor.route_length_m(route, tariff.territory.as_ref()));
    total += round(i128::from(tariff.per_tonne_km.0) * mass_kg * length_m, 1_000_000);
    total += i128::from(tariff.per_passenger.0) * i128::from(movement.declaration.passenger_count);
    i64::try_from(total).ok().map(AmountMinor)
}
