//! The state machine: the charter, keys, carriers, regimes, movements and ledger, derived
//! by applying entries in order. `apply` validates first and mutates after, so a refused
//! statement changes nothing; deadlines are processed from the entry's time, so a replay
//! reaches the same verdicts.

use crate::charter::Charter;
use crate::corridor::{Corridor, PostIndex};
use crate::draw::{CheckedOutputs, PendingDraw, TreeEdge};
use crate::fast_map::SharedMap;
use crate::guarantee::GuaranteeBook;
use crate::ids::{AmountMinor, CountryCode, Currency, HsCode, Ident, Mrn};
use crate::ledger::{Account, Ledger, PostingKind};
use crate::monitoring::MonitorBook;
use crate::movement::{Incident, Movement, MovementStatus, UnitControl, Visit};
use crate::outcome::{Event, Refusal};
use crate::regime::{Act, AssessOn, BASIS_POINTS, Checks, Lane, Regime};
use crate::selection::{UnitFacts, lane_by_rule, lane_drawn};
use crate::signed::SignedStatement;
use crate::statement::{
    ContainerSize, Declaration, EquipmentId, HoldReason, IncidentKind, InspectionKind,
    InspectionOutcome, OfficerRole, PublicKey, RECORDED_AHEAD_MS_MAX, Recorded, SealCondition,
    Statement, Timestamp, TrafficClass,
};
use imbl::{OrdSet, Vector};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Most kilograms in one goods item (10,000 tonnes): bounds the fee arithmetic.
pub const GROSS_MASS_KG_MAX: u64 = 10_000_000;

/// What the sequencer gives with each entry.
#[derive(Clone, Copy, Debug)]
pub struct ApplyContext {
    /// The entry's index in the log.
    pub entry_index: u64,
    /// The entry's time.
    pub time: Timestamp,
    /// The entry's RFC 6962 leaf hash (SHA-256 of `0x00` and the entry's bytes): the core
    /// appends it to the tree it keeps ([`State::tree`]), whose root with an arrival is
    /// what the draw for that arrival is bound to. [`crate::fold`] computes it from the
    /// entry itself; a simulation that keeps no log may give any stand-in.
    pub leaf_hash: [u8; 32],
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
    /// A guarantor (a bank or an insurer).
    Guarantor {
        /// The guarantor (index in the guarantee book's guarantors).
        guarantor: usize,
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
    /// The regime document's text (kept for the state snapshot).
    pub document: Arc<str>,
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
///
/// The large parts (keys, carriers, movements, their indexes, the deadlines and the ledger)
/// are persistent collections: `clone` shares them and costs O(1), and the first change to
/// a shared part copies only the nodes it touches. So the sequencer hands a copy to the
/// snapshot encoder without stopping. The small parts (proposals, scheduled regimes,
/// per-post dwell) stay plain: a few entries each, copied in no time.
#[derive(Clone, Debug)]
pub struct State {
    charter: Arc<Charter>,
    charter_document: Arc<str>,
    charter_document_hash: [u8; 32],
    next_entry_index: u64,
    time: Timestamp,
    regime: Arc<Regime>,
    regime_entry: u64,
    proposals: BTreeMap<u64, Proposal>,
    scheduled: BTreeSet<(Timestamp, u64)>,
    keys: Vector<KeyRecord>,
    key_index: SharedMap<PublicKey, usize>,
    carriers: Vector<Carrier>,
    carrier_index: SharedMap<Ident, usize>,
    movements: Movements,
    movement_index: SharedMap<Mrn, usize>,
    deadlines: OrdSet<(Timestamp, usize)>,
    ledger: Ledger,
    dwell: Vec<Dwell>,
    /// Totals per hour since 1970 (see [`statistics`]).
    hours: imbl::OrdMap<u64, PeriodTotals>,
    /// Movements now at each post, by post index.
    at_post: Vec<u64>,
    /// The statements recorded recently enough to be offered again (see [`recent`]).
    recent: RecentStatements,
    /// The log's tree as folded so far: its right edge.
    tree: TreeEdge,
    /// Arrivals whose lanes wait for their draw, by the size of the tree that ends with
    /// the arrival (its entry index plus one).
    draws_pending: imbl::OrdMap<u64, PendingDraw>,
    /// Guarantors, guarantees, live engagements and open enquiries (see [`guarantees`]).
    guarantees: GuaranteeBook,
    /// The mandate, contests, holds under way, automatic incidents and the days'
    /// running figures (see [`monitors`]).
    monitors: MonitorBook,
}

type Applied = Result<(), Refusal>;

mod declarations;
mod draws;
mod governance;
mod guarantees;
mod money;
mod monitors;
mod movements;
mod posts;
mod procedure;
mod recent;
mod snapshot;
mod statistics;

pub use movements::MOVEMENT_BLOCK;
pub(crate) use movements::Movements;
pub(crate) use recent::RecentStatements;
pub use recent::StatementId;
pub use snapshot::{SNAPSHOT_BYTES_MAX, SNAPSHOT_CONTEXT, SNAPSHOT_VERSION, SnapshotError};
pub use statistics::{DwellTotals, HOUR_MS, PeriodTotals};

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
        State::genesis_decoded(ctx, &signed.signer, &recorded)
    }

    /// As [`State::genesis`], for a statement its caller decoded already (`recorded`,
    /// signed by `signer`): the fold's way in ([`crate::fold`]).
    pub(crate) fn genesis_decoded(
        ctx: &ApplyContext,
        signer: &PublicKey,
        recorded: &Recorded,
    ) -> Result<(State, Vec<Event>), Refusal> {
        if ctx.entry_index != 0 {
            return Err(Refusal::EntryOutOfSequence { expected: 0, found: ctx.entry_index });
        }
        let Statement::Charter { document } = &recorded.statement else {
            return Err(Refusal::GenesisMustBeCharter(recorded.statement.kind()));
        };
        let charter = Charter::from_toml(document).map_err(Refusal::InvalidCharter)?;
        if charter.authority_party(signer).is_none() {
            return Err(Refusal::CharterSignerNotAuthority(*signer));
        }
        let mut keys = Vector::new();
        let mut key_index = SharedMap::default();
        for (party, record) in charter.parties.iter().enumerate() {
            for key in &record.authority_keys {
                key_index.insert(*key, keys.len());
                keys.push_back(KeyRecord {
                    key: *key,
                    holder: Holder::Authority { party },
                    since_entry: 0,
                    revoked_at_entry: None,
                });
            }
        }
        let regime = Arc::new(charter.regime.clone());
        let charter_mandate_ends = charter.mandate.ends;
        let post_count = charter.corridor.posts.len();
        let mut tree = TreeEdge::default();
        tree.push(ctx.leaf_hash);
        let state = State {
            charter_document_hash: crate::digest::sha256(document.as_bytes()),
            charter_document: Arc::from(document.as_str()),
            charter: Arc::new(charter),
            next_entry_index: 1,
            time: ctx.time,
            regime,
            regime_entry: 0,
            proposals: BTreeMap::new(),
            scheduled: BTreeSet::new(),
            keys,
            key_index,
            carriers: Vector::new(),
            carrier_index: SharedMap::default(),
            movements: Movements::default(),
            movement_index: SharedMap::default(),
            deadlines: OrdSet::new(),
            ledger: Ledger::default(),
            dwell: vec![Dwell::default(); post_count],
            hours: imbl::OrdMap::new(),
            at_post: vec![0; post_count],
            // The charter's own id is not kept: any charter after entry 0 is refused.
            recent: RecentStatements::default(),
            tree,
            draws_pending: imbl::OrdMap::new(),
            guarantees: GuaranteeBook::default(),
            monitors: MonitorBook { mandate_ends: charter_mandate_ends, ..MonitorBook::default() },
        };
        Ok((state, vec![Event::CharterAdopted]))
    }

    /// Applies a log entry at `entry_index` (its leaf hash computed from its bytes): the
    /// auditor's and the node's replay step.
    pub fn apply_entry(
        &mut self,
        entry_index: u64,
        entry: &crate::signed::Entry,
    ) -> Result<Vec<Event>, Refusal> {
        let leaf_hash = crate::signed::entry_leaf_hash(entry.sequenced_at, &entry.statement);
        let ctx = ApplyContext { entry_index, time: entry.sequenced_at, leaf_hash };
        self.apply_signed(&ctx, &entry.statement)
    }

    /// Decodes the signed statement and applies it (its signature was verified already).
    pub fn apply_signed(
        &mut self,
        ctx: &ApplyContext,
        signed: &SignedStatement,
    ) -> Result<Vec<Event>, Refusal> {
        let recorded = signed.decode_statement()?;
        self.apply(ctx, &signed.id(), &signed.signer, &recorded)
    }

    /// Applies one statement signed by `signer` (signature already verified), whose id
    /// ([`SignedStatement::id`] of the envelope that carries it) is `id`.
    pub fn apply(
        &mut self,
        ctx: &ApplyContext,
        id: &StatementId,
        signer: &PublicKey,
        recorded: &Recorded,
    ) -> Result<Vec<Event>, Refusal> {
        let mut events = Vec::new();
        self.apply_into(ctx, id, signer, recorded, &mut events)?;
        Ok(events)
    }

    /// As [`State::apply`], appending events to `events` (so a caller can reuse one
    /// buffer). On refusal, `events` is left as it was.
    ///
    /// `id` must be the statement's id: the core refuses a statement whose id it holds
    /// already ([`Refusal::DuplicateStatement`]), and cannot recompute it from `recorded`
    /// without encoding it again. A caller that holds only the decoded statement gets it
    /// from [`Recorded::id`].
    pub fn apply_into(
        &mut self,
        ctx: &ApplyContext,
        id: &StatementId,
        signer: &PublicKey,
        recorded: &Recorded,
        events: &mut Vec<Event>,
    ) -> Result<(), Refusal> {
        self.apply_checked(ctx, id, signer, recorded, &CheckedOutputs::none(), events)
    }

    /// As [`State::apply_into`], with VRF outputs whose proofs were checked already
    /// ([`CheckedOutputs`]): a `draw` statement's proofs found there are not checked again.
    /// The state and the refusals are those [`State::apply_into`] gives.
    pub fn apply_checked(
        &mut self,
        ctx: &ApplyContext,
        id: &StatementId,
        signer: &PublicKey,
        recorded: &Recorded,
        checked: &CheckedOutputs,
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
        if recent::expired(recorded_at, ctx.time) {
            return Err(Refusal::RecordedTooLongAgo { recorded_at, sequenced_at: ctx.time });
        }
        // Only now: a statement recorded too long ago may have left the window, and is
        // refused above whether or not it is in the log (see [`recent`]).
        if let Some(entry) = self.recent.entry_of(recorded_at, id) {
            return Err(Refusal::DuplicateStatement { entry });
        }
        let start = events.len();
        self.movements.begin(ctx.entry_index);
        // A persistent copy (O(1)): what time and the statement do to the monitoring book
        // is undone by putting it back.
        let monitors = self.monitors.clone();
        let undo = self.advance_time(ctx, events);
        // Acts carry the time they were recorded; governance and deadlines run on the
        // sequenced time.
        let claim = ApplyContext { time: recorded_at, ..*ctx };
        let kind = recorded.statement.kind();
        let applied = self.check_mandate(ctx, signer, kind).and_then(|()| {
            self.dispatch(ctx, &claim, signer, &recorded.statement, checked, events)
        });
        match applied {
            Ok(()) => {
                self.after_statement(ctx, signer, &recorded.statement, events, start);
                assert_eq!(self.tree.size(), self.next_entry_index, "the tree holds every entry");
                self.tree.push(ctx.leaf_hash);
                self.next_entry_index += 1;
                self.time = ctx.time;
                // Expiry follows the time of accepted entries only: a refused entry's
                // time is not the log's, and a later entry may come before it.
                self.recent.insert(*id, recorded_at, ctx.entry_index);
                self.recent.expire(ctx.time);
                Ok(())
            }
            Err(refusal) => {
                self.rollback(undo);
                self.monitors = monitors;
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
        while let Some(&(deadline, index)) = self.deadlines.get_min() {
            if deadline > ctx.time {
                break;
            }
            self.deadlines.remove_min();
            let movement = &mut self.movements[index];
            assert!(!movement.overdue, "a movement passes its deadline once");
            movement.overdue = true;
            let number = movement.incidents.len() as u16 + 1;
            let reported_post = movement.current_visit().map(|visit| visit.post);
            movement.incidents.push(Incident {
                number,
                kind: IncidentKind::Overdue,
                opened_at: deadline,
                opened_entry: ctx.entry_index,
                reported_post,
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
        self.advance_monitoring(ctx, events);
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
        checked: &CheckedOutputs,
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
            Statement::Draw { draws } => self.resolve_draws(sequenced, draws, checked, events),
            Statement::Attest { mrn, entry } => self.attest(ctx, signer, mrn, *entry, events),
            Statement::Reseal { mrn, post, equipment, seals } => {
                self.reseal(ctx, signer, mrn, post, equipment, seals, events)
            }
            Statement::Return { mrn, post, route } => {
                self.return_movement(ctx, signer, mrn, post, route.as_ref(), events)
            }
            Statement::Seize { mrn, post, scope } => {
                self.seize(ctx, signer, mrn, post, *scope, events)
            }
            Statement::ReleasePart { mrn, post, detained } => {
                self.release_part(ctx, signer, mrn, post, detained, events)
            }
            Statement::RecordIncident { mrn, kind, place, transhipments, .. } => {
                self.record_incident(ctx, signer, mrn, *kind, place, transhipments, events)
            }
            Statement::EnrolGuarantor { guarantor, name, key } => {
                self.enrol_guarantor(ctx, signer, guarantor, name, key, events)
            }
            Statement::IssueGuarantee { guarantee, holder, cover, reference_amount, currency } => {
                let issue = guarantees::Issue {
                    guarantee: *guarantee,
                    holder: *holder,
                    cover: *cover,
                    reference_amount: *reference_amount,
                    currency: *currency,
                };
                self.issue_guarantee(ctx, signer, &issue, events)
            }
            Statement::OpenEnquiry { mrn } => self.open_enquiry(ctx, signer, mrn, events),
            Statement::AnswerEnquiry { mrn, evidence } => {
                self.answer_enquiry(ctx, signer, mrn, evidence, events)
            }
            Statement::CloseEnquiry { mrn, outcome, .. } => {
                self.close_enquiry(ctx, signer, mrn, *outcome, events)
            }
            Statement::Remit { account, amount, currency, .. } => {
                self.remit(ctx, signer, account, *amount, *currency, events)
            }
            Statement::Observe { place, category, .. } => {
                self.observe(sequenced, signer, place, *category, events)
            }
            Statement::Dissent { mrn, entry, .. } => {
                self.dissent(sequenced, signer, mrn, *entry, events)
            }
            Statement::Contest { entry, reason } => {
                self.contest(sequenced, signer, *entry, reason, events)
            }
            Statement::AnswerContest { contest, answer, .. } => {
                self.answer_contest(sequenced, signer, *contest, *answer, events)
            }
            Statement::ReferContest { contest } => {
                self.refer_contest(sequenced, signer, *contest, events)
            }
            Statement::DecideContest { contest, decision } => {
                self.decide_contest(sequenced, signer, *contest, *decision, events)
            }
            Statement::ChangeMandate { ends } => self.change_mandate(signer, *ends, events),
            Statement::SignReport { day, figures, .. } => {
                self.sign_report(sequenced, signer, *day, figures, events)
            }
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
            Holder::Officer { role, posts, party } => {
                let party = self.charter.parties[*party].id;
                if self.regime.allows(act, *role, &party) {
                    Ok(posts)
                } else {
                    Err(Refusal::RoleNotAllowed { key: *key, role: *role, party, act })
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

    /// How many statement ids the state keeps to refuse a second copy of a statement:
    /// those recorded within [`crate::statement::RECORDED_BEHIND_MS_MAX`] of the log's
    /// time (see `state/recent.rs`), never the whole history.
    pub fn recent_statement_count(&self) -> usize {
        self.recent.len()
    }

    /// Every enrolled key, in enrolment order (authority keys first).
    pub fn keys(&self) -> &Vector<KeyRecord> {
        &self.keys
    }

    /// The record of one key.
    pub fn key(&self, key: &PublicKey) -> Option<&KeyRecord> {
        self.key_index.get(key).map(|&index| &self.keys[index])
    }

    /// Registered carriers.
    pub fn carriers(&self) -> &Vector<Carrier> {
        &self.carriers
    }

    /// Every movement, in declaration order.
    pub fn movements(&self) -> &Vector<Movement> {
        self.movements.as_vector()
    }

    /// One movement.
    pub fn movement(&self, mrn: &Mrn) -> Option<&Movement> {
        self.movement_index.get(mrn).map(|&index| &self.movements[index])
    }

    /// Movements now at `post` (or at it as their destination), found by a walk over every
    /// movement; [`State::movement_counts_at_posts`] has their number without one.
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
    pub fn status_counts(&self) -> [(MovementStatus, usize); MovementStatus::ALL.len()] {
        let mut counts = MovementStatus::ALL.map(|status| (status, 0));
        for movement in &self.movements {
            counts[movement.status as usize].1 += 1;
        }
        counts
    }

    /// Units per lane (green, yellow, red) at each post (index as in the corridor), over
    /// all visits: what the public compares with the regime's rates to see that selection
    /// is neither lax nor a pretext.
    pub fn lane_counts(&self) -> Vec<[u64; 3]> {
        let mut counts = vec![[0u64; 3]; self.corridor().posts.len()];
        for movement in &self.movements {
            // A visit whose draw is pending has no lanes yet: it is counted when drawn.
            for visit in movement.visits.iter().filter(|visit| visit.pending_draw.is_none()) {
                for unit in &visit.units {
                    counts[usize::from(visit.post)][unit.lane as usize] += 1;
                }
            }
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

    /// Guarantors, guarantees, live engagements and open enquiries.
    pub fn guarantees(&self) -> &GuaranteeBook {
        &self.guarantees
    }

    /// The mandate, contests, holds under way, automatic incidents and the days' running
    /// figures.
    pub fn monitors(&self) -> &MonitorBook {
        &self.monitors
    }

    /// The log's tree as folded so far (its size is [`State::next_entry_index`]).
    pub fn tree(&self) -> &TreeEdge {
        &self.tree
    }

    /// Arrivals whose lanes wait for their draw, by the size of the tree that ends with
    /// the arrival. A party that withholds its VRF proof leaves them here, for all to see.
    pub fn draws_pending(&self) -> &imbl::OrdMap<u64, PendingDraw> {
        &self.draws_pending
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
            hours: &self.hours,
            at_post: &self.at_post,
            recent: &self.recent,
            tree: &self.tree,
            draws_pending: &self.draws_pending,
            guarantees: &self.guarantees,
            monitors: &self.monitors,
        }
    }

    /// The canonical hash of the whole state (see [`crate::digest`]): equal states give
    /// equal digests, whatever batches they were applied in.
    pub fn digest(&self) -> [u8; 32] {
        crate::digest::state_digest(self, &mut crate::digest::DigestCache::new())
    }

    /// The same digest as [`State::digest`], hashing again only the blocks of movements
    /// changed since `cache` was last used (see [`crate::digest::DigestCache`]): what a
    /// publisher that takes the digest at every checkpoint calls.
    pub fn digest_with(&self, cache: &mut crate::digest::DigestCache) -> [u8; 32] {
        crate::digest::state_digest(self, cache)
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
    // Detained units and their goods left the movement at a partial release: the fee
    // assessed after it is on what went on.
    let kept = |equipment_index: usize| {
        u16::try_from(equipment_index)
            .map_or(true, |index| movement.detained.binary_search(&index).is_err())
    };
    for equipment in movement
        .declaration
        .equipment
        .iter()
        .enumerate()
        .filter(|(index, _)| kept(*index))
        .map(|(_, equipment)| equipment)
    {
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
    let mass_kg = i128::from(movement.gross_mass_kg_kept());
    total += round(i128::from(tariff.per_tonne.0) * mass_kg, 1000);
    let route = &corridor.routes[movement.route];
    let length_m = i128::from(corridor.route_length_m(route, tariff.territory.as_ref()));
    total += round(i128::from(tariff.per_tonne_km.0) * mass_kg * length_m, 1_000_000);
    total += i128::from(tariff.per_passenger.0) * i128::from(movement.declaration.passenger_count);
    i64::try_from(total).ok().map(AmountMinor)
}
