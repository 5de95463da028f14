//! What applying a statement produces: events when it is accepted, a typed refusal (with
//! a sentence a person can act on) when it is not.

use crate::corridor::DocumentError;
use crate::encoding::DecodeError;
use crate::guarantee::{GuaranteeEvent, GuaranteeRefusal};
use crate::ids::{AmountMinor, Currency, Ident, Mrn};
use crate::monitoring::{MonitoringEvent, MonitoringRefusal};
use crate::regime::{Act, Lane};
use crate::statement::{
    EquipmentId, HoldReason, IncidentKind, InspectionOutcome, OfficerRole, PublicKey,
    SealCondition, SeizureScope, StatementKind, Timestamp, TrafficClass,
};
use std::fmt;

/// Something that happened because a statement was applied (or time passed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// The charter is adopted; the corridor and first regime are in force.
    CharterAdopted,
    /// A regime was proposed.
    RegimeProposed {
        /// The proposal's entry.
        proposal_entry: u64,
    },
    /// A party approved a proposal.
    RegimeApproved {
        /// The proposal's entry.
        proposal_entry: u64,
        /// The approving party.
        party: Ident,
    },
    /// A proposal reached its quorum.
    RegimeAdopted {
        /// The proposal's entry.
        proposal_entry: u64,
        /// When it takes effect.
        effective_from: Timestamp,
    },
    /// A regime took effect.
    RegimeInForce {
        /// The proposal's entry.
        proposal_entry: u64,
    },
    /// An officer was enrolled.
    OfficerEnrolled {
        /// The key.
        key: PublicKey,
        /// The party.
        party: Ident,
        /// The role.
        role: OfficerRole,
    },
    /// A key was revoked.
    KeyRevoked {
        /// The key.
        key: PublicKey,
    },
    /// A party added an authority key.
    AuthorityKeyAdded {
        /// The key.
        key: PublicKey,
        /// The party.
        party: Ident,
    },
    /// A carrier key was registered.
    CarrierRegistered {
        /// The carrier.
        carrier: Ident,
        /// The key.
        key: PublicKey,
    },
    /// A movement was declared and given its MRN.
    Declared {
        /// The MRN allocated.
        mrn: Mrn,
    },
    /// A declaration was amended.
    Amended {
        /// The movement.
        mrn: Mrn,
    },
    /// A movement was cancelled.
    Cancelled {
        /// The movement.
        mrn: Mrn,
    },
    /// A declaration was accepted.
    Accepted {
        /// The movement.
        mrn: Mrn,
        /// Its deadline, if the regime sets a time limit.
        deadline: Option<Timestamp>,
    },
    /// A declaration was refused.
    DeclarationRefused {
        /// The movement.
        mrn: Mrn,
    },
    /// A movement arrived at a post.
    Arrived {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
    },
    /// A unit was assigned a lane at a controlled post.
    Selected {
        /// The movement.
        mrn: Mrn,
        /// The unit.
        equipment: EquipmentId,
        /// The lane.
        lane: Lane,
    },
    /// A movement's units at a controlled post wait for their draw: the parties' VRF
    /// outputs over the tree that ends with the arrival.
    DrawPending {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
        /// The size of the tree that ends with the arrival.
        tree_size: u64,
    },
    /// A movement's draw was resolved; a [`Event::Selected`] per unit follows.
    DrawResolved {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
        /// The size of the tree that ends with the arrival.
        tree_size: u64,
    },
    /// The movement reached the last post of its itinerary.
    ArrivedAtDestination {
        /// The movement.
        mrn: Mrn,
    },
    /// Seals were checked.
    SealChecked {
        /// The movement.
        mrn: Mrn,
        /// The unit.
        equipment: EquipmentId,
        /// The finding.
        condition: SealCondition,
    },
    /// A unit's lane was raised (its seals failed).
    LaneRaised {
        /// The movement.
        mrn: Mrn,
        /// The unit.
        equipment: EquipmentId,
        /// The new lane.
        lane: Lane,
    },
    /// An inspection result was recorded.
    Inspected {
        /// The movement.
        mrn: Mrn,
        /// The unit.
        equipment: EquipmentId,
        /// The outcome.
        outcome: InspectionOutcome,
    },
    /// Released at a post.
    Released {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
    },
    /// Held at a post.
    Held {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
        /// Why.
        reason: HoldReason,
    },
    /// Departed a post.
    Departed {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
    },
    /// An incident was opened.
    IncidentOpened {
        /// The movement.
        mrn: Mrn,
        /// Its number within the movement.
        number: u16,
        /// Its kind.
        kind: IncidentKind,
    },
    /// An incident was closed.
    IncidentClosed {
        /// The movement.
        mrn: Mrn,
        /// Its number.
        number: u16,
    },
    /// A transit fee was assessed and split.
    FeeAssessed {
        /// The movement.
        mrn: Mrn,
        /// The carrier.
        carrier: Ident,
        /// The amount.
        amount: AmountMinor,
        /// The currency.
        currency: Currency,
    },
    /// A movement was discharged.
    Discharged {
        /// The movement.
        mrn: Mrn,
    },
    /// A payment was recorded.
    PaymentRecorded {
        /// The carrier.
        carrier: Ident,
        /// The amount.
        amount: AmountMinor,
        /// The currency.
        currency: Currency,
    },
    /// A monitor attested an entry.
    Attested {
        /// The movement.
        mrn: Mrn,
        /// The entry attested.
        entry: u64,
    },
    /// A refund was recorded.
    RefundRecorded {
        /// The carrier.
        carrier: Ident,
        /// The amount.
        amount: AmountMinor,
        /// The currency.
        currency: Currency,
    },
    /// Customs affixed new seals to a unit.
    Resealed {
        /// The movement.
        mrn: Mrn,
        /// The unit.
        equipment: EquipmentId,
        /// How many seals it now carries.
        seal_count: usize,
    },
    /// A movement was turned back: by `route`, or at its first post (then it ended).
    Returned {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
        /// The way back, if it goes back through the corridor.
        route: Option<Ident>,
    },
    /// Customs seized a movement.
    Seized {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
        /// What was seized.
        scope: SeizureScope,
    },
    /// A movement was released but for detained units (a [`Event::Released`] follows).
    PartlyReleased {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
        /// The units detained.
        detained: Vec<EquipmentId>,
    },
    /// Goods moved from one unit to another en route.
    Transhipped {
        /// The movement.
        mrn: Mrn,
        /// The unit they left.
        from: EquipmentId,
        /// The unit they are now in.
        to: EquipmentId,
    },
    /// Something happened to a guarantee, an enquiry or a revenue account.
    Guarantee(GuaranteeEvent),
    /// Something happened to an observation, a contest, the mandate or a report.
    Monitoring(MonitoringEvent),
    /// The transit procedure ended other than by discharge. The guarantee engaged for the
    /// movement is settled on this event (by discharge, [`Event::Discharged`]).
    ProcedureEnded {
        /// The movement.
        mrn: Mrn,
        /// How it ended.
        ending: ProcedureEnding,
    },
}

/// How a transit procedure ended other than by discharge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProcedureEnding {
    /// Turned back at its first post.
    Returned,
    /// Seized.
    Seized(SeizureScope),
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::CharterAdopted => write!(f, "charter adopted"),
            Event::RegimeProposed { proposal_entry } => {
                write!(f, "regime proposed at entry {proposal_entry}")
            }
            Event::RegimeApproved { proposal_entry, party } => {
                write!(f, "regime of entry {proposal_entry} approved by {party}")
            }
            Event::RegimeAdopted { proposal_entry, effective_from } => {
                write!(
                    f,
                    "regime of entry {proposal_entry} adopted, in force from {effective_from}"
                )
            }
            Event::RegimeInForce { proposal_entry } => {
                write!(f, "regime of entry {proposal_entry} in force")
            }
            Event::OfficerEnrolled { key, party, role } => {
                write!(f, "{key} enrolled as {role} of {party}")
            }
            Event::KeyRevoked { key } => write!(f, "{key} revoked"),
            Event::AuthorityKeyAdded { key, party } => {
                write!(f, "{key} added as an authority key of {party}")
            }
            Event::CarrierRegistered { carrier, key } => {
                write!(f, "{key} registered for carrier {carrier}")
            }
            Event::Declared { mrn } => write!(f, "{mrn} declared"),
            Event::Amended { mrn } => write!(f, "{mrn} amended"),
            Event::Cancelled { mrn } => write!(f, "{mrn} cancelled"),
            Event::Accepted { mrn, deadline: Some(deadline) } => {
                write!(f, "{mrn} accepted, due by {deadline}")
            }
            Event::Accepted { mrn, deadline: None } => write!(f, "{mrn} accepted"),
            Event::DeclarationRefused { mrn } => write!(f, "{mrn} refused"),
            Event::Arrived { mrn, post } => write!(f, "{mrn} arrived at {post}"),
            Event::Selected { mrn, equipment, lane } => {
                write!(f, "{mrn} {equipment}: {} lane", lane.as_str())
            }
            Event::DrawPending { mrn, post, tree_size } => {
                write!(f, "{mrn} at {post}: lanes pending the draw on tree size {tree_size}")
            }
            Event::DrawResolved { mrn, post, tree_size } => {
                write!(f, "{mrn} at {post}: lanes drawn on tree size {tree_size}")
            }
            Event::ArrivedAtDestination { mrn } => write!(f, "{mrn} arrived at destination"),
            Event::SealChecked { mrn, equipment, condition } => {
                write!(f, "{mrn} {equipment}: seals {condition}")
            }
            Event::LaneRaised { mrn, equipment, lane } => {
                write!(f, "{mrn} {equipment}: raised to {} lane", lane.as_str())
            }
            Event::Inspected { mrn, equipment, outcome } => {
                write!(f, "{mrn} {equipment}: inspected, {outcome}")
            }
            Event::Released { mrn, post } => write!(f, "{mrn} released at {post}"),
            Event::Held { mrn, post, reason } => write!(f, "{mrn} held at {post} ({reason})"),
            Event::Departed { mrn, post } => write!(f, "{mrn} departed {post}"),
            Event::IncidentOpened { mrn, number, kind } => {
                write!(f, "{mrn} incident {number} opened: {kind}")
            }
            Event::IncidentClosed { mrn, number } => write!(f, "{mrn} incident {number} closed"),
            Event::FeeAssessed { mrn, carrier, amount, currency } => {
                write!(f, "{mrn} fee {} assessed to {carrier}", amount.display(*currency))
            }
            Event::Discharged { mrn } => write!(f, "{mrn} discharged"),
            Event::PaymentRecorded { carrier, amount, currency } => {
                write!(f, "payment of {} from {carrier}", amount.display(*currency))
            }
            Event::Attested { mrn, entry } => write!(f, "{mrn} entry {entry} attested"),
            Event::RefundRecorded { carrier, amount, currency } => {
                write!(f, "refund of {} to {carrier}", amount.display(*currency))
            }
            Event::Resealed { mrn, equipment, seal_count } => {
                write!(f, "{mrn} {equipment}: resealed with {seal_count} seal(s)")
            }
            Event::Returned { mrn, post, route: Some(route) } => {
                write!(f, "{mrn} turned back at {post} by route {route}")
            }
            Event::Returned { mrn, post, route: None } => {
                write!(f, "{mrn} turned back at {post}, its first post")
            }
            Event::Seized { mrn, post, scope } => write!(f, "{mrn} seized at {post} ({scope})"),
            Event::PartlyReleased { mrn, post, detained } => {
                write!(f, "{mrn} released at {post} but for {} detained unit(s)", detained.len())
            }
            Event::Transhipped { mrn, from, to } => {
                write!(f, "{mrn} goods transhipped from {from} to {to}")
            }
            Event::ProcedureEnded { mrn, ending: ProcedureEnding::Returned } => {
                write!(f, "{mrn} procedure ended: returned")
            }
            Event::ProcedureEnded { mrn, ending: ProcedureEnding::Seized(scope) } => {
                write!(f, "{mrn} procedure ended: seized ({scope})")
            }
            Event::Guarantee(event) => fmt::Display::fmt(event, f),
            Event::Monitoring(event) => fmt::Display::fmt(event, f),
        }
    }
}

/// Why a statement was refused. A refused statement changes nothing.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The statement's bytes do not decode.
    #[error("the statement is malformed: {0}")]
    Malformed(#[from] DecodeError),
    /// The entry index is not the next one.
    #[error("entry {found} was given, but the next entry is {expected}")]
    EntryOutOfSequence {
        /// The next index.
        expected: u64,
        /// The index given.
        found: u64,
    },
    /// Time went backwards.
    #[error("the entry's time {found} is before the previous entry's time {last}")]
    TimeWentBackwards {
        /// The last entry's time.
        last: Timestamp,
        /// The time given.
        found: Timestamp,
    },
    /// The act is dated too far ahead of its sequencing.
    #[error(
        "the statement is dated {recorded_at}, after its sequencing at {sequenced_at} by more than the 5 minutes of clock skew allowed; check the device's clock"
    )]
    RecordedInFuture {
        /// The recorded time.
        recorded_at: Timestamp,
        /// The sequenced time.
        sequenced_at: Timestamp,
    },
    /// The act is dated too long before its sequencing.
    #[error(
        "the statement is dated {recorded_at}, more than 7 days before its sequencing at {sequenced_at}; record the act again with the right date"
    )]
    RecordedTooLongAgo {
        /// The recorded time.
        recorded_at: Timestamp,
        /// The sequenced time.
        sequenced_at: Timestamp,
    },
    /// The same statement (the same signer and bytes, whatever the signature) is already
    /// in the log: an act is recorded once.
    #[error("the same statement is already in the log at entry {entry}; an act is recorded once")]
    DuplicateStatement {
        /// The entry that holds the statement.
        entry: u64,
    },
    /// Entry 0 must be a charter.
    #[error("the first entry must be the charter, not a {0} statement")]
    GenesisMustBeCharter(StatementKind),
    /// A charter after entry 0.
    #[error("the charter is entry 0; a charter cannot be adopted again")]
    CharterAlreadyAdopted,
    /// The charter document is invalid.
    #[error("the charter is invalid: {0}")]
    InvalidCharter(DocumentError),
    /// The charter is not signed by one of its own authority keys.
    #[error("the charter must be signed by one of its parties' authority keys, not {0}")]
    CharterSignerNotAuthority(PublicKey),
    /// A proposed regime is invalid.
    #[error("the proposed regime is invalid: {0}")]
    InvalidRegime(DocumentError),
    /// The signer is not known.
    #[error("{0} is not enrolled; an authority must enrol or register it first")]
    UnknownSigner(PublicKey),
    /// The signer's key was revoked.
    #[error("{key} was revoked at entry {revoked_at_entry}; it signs nothing after that")]
    RevokedKey {
        /// The key.
        key: PublicKey,
        /// When it was revoked.
        revoked_at_entry: u64,
    },
    /// The statement needs an authority key.
    #[error("only a party's authority key may {action}; {key} is not one")]
    NotAnAuthority {
        /// The signer.
        key: PublicKey,
        /// What was attempted.
        action: &'static str,
    },
    /// The statement needs a carrier key.
    #[error("only a registered carrier may {action}; {key} is not a carrier's key")]
    NotACarrier {
        /// The signer.
        key: PublicKey,
        /// What was attempted.
        action: &'static str,
    },
    /// The statement needs an officer key.
    #[error("only an enrolled officer may {}; {key} is not an officer's key", .act.description())]
    NotAnOfficer {
        /// The signer.
        key: PublicKey,
        /// The act.
        act: Act,
    },
    /// The regime does not let this role do this act.
    #[error("the regime in force does not let a {} of {party} {}; {key} is one", .role.noun(), .act.description())]
    RoleNotAllowed {
        /// The signer.
        key: PublicKey,
        /// The signer's role.
        role: OfficerRole,
        /// The signer's party.
        party: Ident,
        /// The act.
        act: Act,
    },
    /// The officer is not enrolled at this post.
    #[error("{key} is not enrolled at post {post}")]
    NotPostedHere {
        /// The signer.
        key: PublicKey,
        /// The post.
        post: Ident,
    },
    /// The officer is enrolled at no post of the movement's itinerary.
    #[error("{key} is not enrolled at any post on the itinerary of {mrn}")]
    NotOnItinerary {
        /// The signer.
        key: PublicKey,
        /// The movement.
        mrn: Mrn,
    },
    /// A party may not enrol this role.
    #[error("the charter does not let party {party} enrol a {}", .role.noun())]
    RoleNotForParty {
        /// The party.
        party: Ident,
        /// The role.
        role: OfficerRole,
    },
    /// A customs officer or border guard at a post another party operates.
    #[error("post {post} is operated by {operator}; party {party} cannot enrol a {} there", .role.noun())]
    PostOfAnotherParty {
        /// The post.
        post: Ident,
        /// Its operator.
        operator: Ident,
        /// The enrolling party.
        party: Ident,
        /// The role.
        role: OfficerRole,
    },
    /// A post not in the corridor.
    #[error("post {0} is not in the corridor")]
    UnknownPost(Ident),
    /// A post listed twice, or no post.
    #[error("an officer is enrolled at 1 to 64 distinct posts")]
    BadPostList,
    /// The key is already in use.
    #[error("{0} is already enrolled or registered")]
    KeyInUse(PublicKey),
    /// The key to revoke is not one this party may revoke.
    #[error(
        "{key} is not an authority, officer or carrier key of party {party}; only its own party revokes it"
    )]
    NotYourKey {
        /// The key.
        key: PublicKey,
        /// The signer's party.
        party: Ident,
    },
    /// Revoking the party's last authority key would leave it unable to act.
    #[error("{key} is the last authority key of party {party}; add another before revoking it")]
    LastAuthorityKey {
        /// The key.
        key: PublicKey,
        /// The party.
        party: Ident,
    },
    /// Unknown or already revoked key.
    #[error("{0} is not enrolled or was already revoked")]
    NothingToRevoke(PublicKey),
    /// A carrier registered by another party, or under another name.
    #[error(
        "carrier {carrier} was registered by {party} as `{name}`; only that party adds its keys, under that name"
    )]
    CarrierMismatch {
        /// The carrier.
        carrier: Ident,
        /// The registering party.
        party: Ident,
        /// Its name.
        name: String,
    },
    /// The carrier is unknown.
    #[error("carrier {0} is not registered")]
    UnknownCarrier(Ident),
    /// The route is unknown.
    #[error("route {0} is not in the corridor")]
    UnknownRoute(Ident),
    /// The regime's phase excludes this class.
    #[error("the regime in force ({regime}) does not allow {class} traffic")]
    TrafficClassNotAllowed {
        /// The class.
        class: TrafficClass,
        /// The regime's name.
        regime: String,
    },
    /// The route's mode does not carry this class.
    #[error("route {route} is a {mode} route; it does not carry {class} traffic")]
    ModeMismatch {
        /// The route.
        route: Ident,
        /// Its mode.
        mode: &'static str,
        /// The class.
        class: TrafficClass,
    },
    /// A declaration that breaks a rule.
    #[error("the declaration is invalid: {0}")]
    InvalidDeclaration(String),
    /// The movement is unknown.
    #[error("movement {0} is not declared")]
    UnknownMovement(Mrn),
    /// Another carrier's movement.
    #[error("movement {mrn} belongs to carrier {owner}; only its carrier may {action}")]
    NotYourMovement {
        /// The movement.
        mrn: Mrn,
        /// Its carrier.
        owner: Ident,
        /// What was attempted.
        action: &'static str,
    },
    /// The movement's status does not allow the act.
    #[error("movement {mrn} is {status}; it cannot {action}")]
    WrongStatus {
        /// The movement.
        mrn: Mrn,
        /// Its status.
        status: &'static str,
        /// What was attempted.
        action: &'static str,
    },
    /// The post is not on the movement's itinerary.
    #[error("post {post} is not on the itinerary of movement {mrn} (route {route})")]
    OffItinerary {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
        /// The route.
        route: Ident,
    },
    /// The post is on the itinerary but not next.
    #[error("movement {mrn} must arrive at {expected} next, not at {post}")]
    OutOfOrder {
        /// The movement.
        mrn: Mrn,
        /// The post given.
        post: Ident,
        /// The next post.
        expected: Ident,
    },
    /// The movement is not at this post.
    #[error("movement {mrn} is not at post {post}")]
    NotAtPost {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
    },
    /// The equipment is not in the declaration.
    #[error("{equipment} is not declared in movement {mrn}")]
    UnknownEquipment {
        /// The movement.
        mrn: Mrn,
        /// The equipment.
        equipment: EquipmentId,
    },
    /// No controls at this post.
    #[error(
        "post {0} is not a controlled post in the regime in force; nothing is selected or released there"
    )]
    NotControlled(Ident),
    /// The unit was not selected for this control.
    #[error("{equipment} of {mrn} is in the {} lane at {post}; it was not selected for a {wanted} inspection", .lane.as_str())]
    NotSelected {
        /// The movement.
        mrn: Mrn,
        /// The unit.
        equipment: EquipmentId,
        /// The post.
        post: Ident,
        /// Its lane.
        lane: Lane,
        /// The inspection attempted.
        wanted: &'static str,
    },
    /// Seals found differ from the declaration but were called intact.
    #[error("the seals found on {equipment} are not those declared; record a mismatch")]
    SealsDiffer {
        /// The unit.
        equipment: EquipmentId,
    },
    /// Seals found are the declared ones but were called a mismatch.
    #[error("the seals found on {equipment} are those declared; record intact or broken")]
    SealsMatch {
        /// The unit.
        equipment: EquipmentId,
    },
    /// Controls still pending before release.
    #[error("movement {mrn} cannot be released at {post}: {equipment} still needs {missing}")]
    ControlsPending {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
        /// The unit.
        equipment: EquipmentId,
        /// What is missing.
        missing: &'static str,
    },
    /// Departure or discharge without release.
    #[error("movement {mrn} has not been released at post {post}; it cannot {action}")]
    NotReleased {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
        /// What was attempted (depart, be discharged).
        action: &'static str,
    },
    /// Departure from the destination.
    #[error("post {post} is the destination of movement {mrn}; discharge it instead of departing")]
    AtDestination {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
    },
    /// Discharge with open incidents.
    #[error("movement {mrn} has {count} open incident(s); close them before discharge")]
    OpenIncidents {
        /// The movement.
        mrn: Mrn,
        /// How many.
        count: u16,
    },
    /// Overdue incidents come from the core.
    #[error("overdue incidents are raised by the time limit, not reported")]
    OverdueIsRaisedByTime,
    /// The incident is unknown or closed.
    #[error("movement {mrn} has no open incident {number}")]
    NoSuchIncident {
        /// The movement.
        mrn: Mrn,
        /// The number.
        number: u16,
    },
    /// The proposal is unknown or not pending.
    #[error("entry {0} is not a pending regime proposal")]
    NoSuchProposal(u64),
    /// The party already approved.
    #[error("party {party} already approved the regime of entry {proposal_entry}")]
    AlreadyApproved {
        /// The proposal.
        proposal_entry: u64,
        /// The party.
        party: Ident,
    },
    /// An amount that is zero or negative.
    #[error("the amount must be positive, not {}", .0.0)]
    AmountNotPositive(AmountMinor),
    /// The currency is not the tariff's.
    #[error("the regime's tariff is in {expected}; this amount is in {found}")]
    WrongCurrency {
        /// The tariff's.
        expected: Currency,
        /// Given.
        found: Currency,
    },
    /// The entry is not one about this movement, or is attested already.
    #[error("entry {entry} is not an unattested act on movement {mrn}; nothing to attest")]
    NothingToAttest {
        /// The movement.
        mrn: Mrn,
        /// The entry.
        entry: u64,
    },
    /// An amount too large for the ledger.
    #[error("the amount would overflow an account balance")]
    AmountOverflow,
    /// The units' lanes wait for their draw.
    #[error(
        "the lanes of movement {mrn} at {post} are pending the draw on tree size {tree_size}; inspect or release once the parties' draw is in the log"
    )]
    LanePending {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
        /// The size of the tree that ends with the arrival.
        tree_size: u64,
    },
    /// No arrival waits for a draw on this tree.
    #[error(
        "no lanes are pending on tree size {tree_size}: they were drawn already, or that entry is not an arrival that draws"
    )]
    DrawNotPending {
        /// The tree size given.
        tree_size: u64,
    },
    /// A draw statement lists a tree twice.
    #[error("the draw on tree size {tree_size} is listed twice")]
    DrawListedTwice {
        /// The tree size.
        tree_size: u64,
    },
    /// The root is not that of the tree ending with the arrival.
    #[error(
        "the root given for tree size {tree_size} is not the log's: a draw is bound to the tree that ends with the arrival"
    )]
    DrawRootMismatch {
        /// The tree size.
        tree_size: u64,
    },
    /// Not one proof per party with a VRF key.
    #[error(
        "the draw on tree size {tree_size} carries {found} VRF proofs; the charter names {expected} parties with a VRF key, and each gives one, in charter order"
    )]
    DrawProofCount {
        /// The tree size.
        tree_size: u64,
        /// The parties with a VRF key.
        expected: usize,
        /// The proofs given.
        found: usize,
    },
    /// A reseal of a unit not opened for a physical inspection at this visit.
    #[error(
        "{equipment} of {mrn} had no physical inspection at {post}; customs reseal only a unit they opened"
    )]
    ResealWithoutInspection {
        /// The movement.
        mrn: Mrn,
        /// The unit.
        equipment: EquipmentId,
        /// The post.
        post: Ident,
    },
    /// A reseal with no seals, or with one twice.
    #[error("a reseal of {equipment} lists 1 to 99 distinct seals")]
    BadSealList {
        /// The unit.
        equipment: EquipmentId,
    },
    /// An outcome for a movement neither held nor inspected at the post.
    #[error("movement {mrn} is neither held nor inspected at {post}; it cannot {action}")]
    NotHeldOrInspected {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
        /// What was attempted.
        action: &'static str,
    },
    /// An outcome decided by an officer of a party that does not operate the post.
    #[error("post {post} is operated by {operator}; only its officers may {action}, not {key}")]
    NotThePostsOperator {
        /// The signer.
        key: PublicKey,
        /// The post.
        post: Ident,
        /// The party operating it.
        operator: Ident,
        /// What was attempted.
        action: &'static str,
    },
    /// A return from a later post names no way back.
    #[error(
        "movement {mrn} is past its first post; a return from {post} names the route it goes back by"
    )]
    ReturnRouteNeeded {
        /// The movement.
        mrn: Mrn,
        /// The post.
        post: Ident,
    },
    /// A return by a route that does not lead back from here.
    #[error("movement {mrn} cannot go back by route {route}: {reason}")]
    ReturnRouteNotAllowed {
        /// The movement.
        mrn: Mrn,
        /// The route.
        route: Ident,
        /// Why.
        reason: &'static str,
    },
    /// An act on a unit detained at a partial release.
    #[error("{equipment} of {mrn} was detained; it is no longer part of the movement")]
    EquipmentDetained {
        /// The movement.
        mrn: Mrn,
        /// The unit.
        equipment: EquipmentId,
    },
    /// A partial release that detains nothing, lists a unit twice, or detains every unit.
    #[error(
        "a partial release of {mrn} detains some of its units, each once, and lets at least one go on (to stop them all, seize or return it)"
    )]
    BadDetainedList {
        /// The movement.
        mrn: Mrn,
    },
    /// An incident placed off the movement's route.
    #[error("movement {mrn} does not pass {place}; the incident is placed on its route")]
    IncidentOffRoute {
        /// The movement.
        mrn: Mrn,
        /// The post or segment named.
        place: String,
    },
    /// A position past the segment's end.
    #[error(
        "the segment from {from} to {to} is {length_m} m long; position {position_m} m is past it"
    )]
    PositionPastSegment {
        /// The segment's start.
        from: Ident,
        /// Its end.
        to: Ident,
        /// The position given.
        position_m: u32,
        /// Its length.
        length_m: u64,
    },
    /// Transhipments given with an incident that is not one, or none with one that is.
    #[error(
        "a transshipment incident lists the units the goods moved to, and only a transshipment does"
    )]
    TranshipmentMismatch,
    /// A transhipment that does not fit the movement's equipment.
    #[error("the transhipment from {equipment} of {mrn} is not possible: {reason}")]
    BadTranshipment {
        /// The movement.
        mrn: Mrn,
        /// The unit named.
        equipment: EquipmentId,
        /// Why.
        reason: &'static str,
    },
    /// A proof does not verify under its party's VRF key.
    #[error(
        "the VRF proof of party {party} for tree size {tree_size} does not verify under the key its charter names"
    )]
    DrawProofInvalid {
        /// The tree size.
        tree_size: u64,
        /// The party.
        party: Ident,
    },
    /// A statement about a guarantee, an enquiry or a remittance does not hold.
    #[error(transparent)]
    Guarantee(#[from] GuaranteeRefusal),
    /// A statement of the monitors' voice, or a mission key's statement, does not hold.
    #[error(transparent)]
    Monitoring(#[from] MonitoringRefusal),
}

/// What kind of refusal a [`Refusal`] is, for adapters that answer it (an HTTP status, an
/// exit code) without listing every refusal: a new refusal must be given its class here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefusalClass {
    /// The statement, or a document or list in it, breaks a rule of its own, whatever the
    /// state: it must be written again.
    Malformed,
    /// The signer is not enrolled, or its key was revoked.
    Unauthenticated,
    /// The signer is known but may not do this: its role, party, post or ownership.
    Forbidden,
    /// The statement is well formed and its signer may act, but it does not fit the state:
    /// a movement's status, an unknown identifier, an act out of order or out of time.
    DoesNotFit,
}

impl Refusal {
    /// The refusal's class. An exhaustive match: a new refusal does not compile until it
    /// is given one.
    pub fn class(&self) -> RefusalClass {
        use RefusalClass::{DoesNotFit, Forbidden, Malformed, Unauthenticated};
        match self {
            Refusal::Malformed(..)
            | Refusal::InvalidCharter(..)
            | Refusal::InvalidRegime(..)
            | Refusal::InvalidDeclaration(..)
            | Refusal::BadPostList
            | Refusal::DrawListedTwice { .. }
            | Refusal::AmountNotPositive(..)
            | Refusal::OverdueIsRaisedByTime
            | Refusal::BadSealList { .. }
            | Refusal::TranshipmentMismatch => Malformed,
            Refusal::UnknownSigner(..) | Refusal::RevokedKey { .. } => Unauthenticated,
            Refusal::CharterSignerNotAuthority(..)
            | Refusal::NotAnAuthority { .. }
            | Refusal::NotACarrier { .. }
            | Refusal::NotAnOfficer { .. }
            | Refusal::RoleNotAllowed { .. }
            | Refusal::NotPostedHere { .. }
            | Refusal::RoleNotForParty { .. }
            | Refusal::PostOfAnotherParty { .. }
            | Refusal::NotYourKey { .. }
            | Refusal::NotYourMovement { .. }
            | Refusal::DrawProofInvalid { .. }
            | Refusal::NotThePostsOperator { .. } => Forbidden,
            Refusal::EntryOutOfSequence { .. }
            | Refusal::TimeWentBackwards { .. }
            | Refusal::RecordedInFuture { .. }
            | Refusal::RecordedTooLongAgo { .. }
            | Refusal::DuplicateStatement { .. }
            | Refusal::GenesisMustBeCharter(..)
            | Refusal::CharterAlreadyAdopted
            | Refusal::NotOnItinerary { .. }
            | Refusal::UnknownPost(..)
            | Refusal::KeyInUse(..)
            | Refusal::LastAuthorityKey { .. }
            | Refusal::NothingToRevoke(..)
            | Refusal::CarrierMismatch { .. }
            | Refusal::UnknownCarrier(..)
            | Refusal::UnknownRoute(..)
            | Refusal::TrafficClassNotAllowed { .. }
            | Refusal::ModeMismatch { .. }
            | Refusal::UnknownMovement(..)
            | Refusal::WrongStatus { .. }
            | Refusal::OffItinerary { .. }
            | Refusal::OutOfOrder { .. }
            | Refusal::NotAtPost { .. }
            | Refusal::UnknownEquipment { .. }
            | Refusal::NotControlled(..)
            | Refusal::NotSelected { .. }
            | Refusal::SealsDiffer { .. }
            | Refusal::SealsMatch { .. }
            | Refusal::ControlsPending { .. }
            | Refusal::NotReleased { .. }
            | Refusal::AtDestination { .. }
            | Refusal::OpenIncidents { .. }
            | Refusal::NoSuchIncident { .. }
            | Refusal::NoSuchProposal(..)
            | Refusal::AlreadyApproved { .. }
            | Refusal::WrongCurrency { .. }
            | Refusal::NothingToAttest { .. }
            | Refusal::AmountOverflow
            | Refusal::LanePending { .. }
            | Refusal::DrawNotPending { .. }
            | Refusal::DrawRootMismatch { .. }
            | Refusal::DrawProofCount { .. }
            | Refusal::ResealWithoutInspection { .. }
            | Refusal::NotHeldOrInspected { .. }
            | Refusal::ReturnRouteNeeded { .. }
            | Refusal::ReturnRouteNotAllowed { .. }
            | Refusal::EquipmentDetained { .. }
            | Refusal::BadDetainedList { .. }
            | Refusal::IncidentOffRoute { .. }
            | Refusal::PositionPastSegment { .. }
            | Refusal::BadTranshipment { .. } => DoesNotFit,
            Refusal::Guarantee(refusal) => refusal.class(),
            Refusal::Monitoring(refusal) => refusal.class(),
        }
    }

    /// A stable code for the refusal (its variant in snake case), for adapters that map
    /// refusals to API errors.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Malformed(..) => "malformed",
            Refusal::EntryOutOfSequence { .. } => "entry_out_of_sequence",
            Refusal::TimeWentBackwards { .. } => "time_went_backwards",
            Refusal::RecordedInFuture { .. } => "recorded_in_future",
            Refusal::RecordedTooLongAgo { .. } => "recorded_too_long_ago",
            Refusal::DuplicateStatement { .. } => "duplicate_statement",
            Refusal::GenesisMustBeCharter(..) => "genesis_must_be_charter",
            Refusal::CharterAlreadyAdopted => "charter_already_adopted",
            Refusal::InvalidCharter(..) => "invalid_charter",
            Refusal::CharterSignerNotAuthority(..) => "charter_signer_not_authority",
            Refusal::InvalidRegime(..) => "invalid_regime",
            Refusal::UnknownSigner(..) => "unknown_signer",
            Refusal::RevokedKey { .. } => "revoked_key",
            Refusal::NotAnAuthority { .. } => "not_an_authority",
            Refusal::NotACarrier { .. } => "not_a_carrier",
            Refusal::NotAnOfficer { .. } => "not_an_officer",
            Refusal::RoleNotAllowed { .. } => "role_not_allowed",
            Refusal::NotPostedHere { .. } => "not_posted_here",
            Refusal::NotOnItinerary { .. } => "not_on_itinerary",
            Refusal::RoleNotForParty { .. } => "role_not_for_party",
            Refusal::PostOfAnotherParty { .. } => "post_of_another_party",
            Refusal::UnknownPost(..) => "unknown_post",
            Refusal::BadPostList => "bad_post_list",
            Refusal::KeyInUse(..) => "key_in_use",
            Refusal::NotYourKey { .. } => "not_your_key",
            Refusal::LastAuthorityKey { .. } => "last_authority_key",
            Refusal::NothingToRevoke(..) => "nothing_to_revoke",
            Refusal::CarrierMismatch { .. } => "carrier_mismatch",
            Refusal::UnknownCarrier(..) => "unknown_carrier",
            Refusal::UnknownRoute(..) => "unknown_route",
            Refusal::TrafficClassNotAllowed { .. } => "traffic_class_not_allowed",
            Refusal::ModeMismatch { .. } => "mode_mismatch",
            Refusal::InvalidDeclaration(..) => "invalid_declaration",
            Refusal::UnknownMovement(..) => "unknown_movement",
            Refusal::NotYourMovement { .. } => "not_your_movement",
            Refusal::WrongStatus { .. } => "wrong_status",
            Refusal::OffItinerary { .. } => "off_itinerary",
            Refusal::OutOfOrder { .. } => "out_of_order",
            Refusal::NotAtPost { .. } => "not_at_post",
            Refusal::UnknownEquipment { .. } => "unknown_equipment",
            Refusal::NotControlled(..) => "not_controlled",
            Refusal::NotSelected { .. } => "not_selected",
            Refusal::SealsDiffer { .. } => "seals_differ",
            Refusal::SealsMatch { .. } => "seals_match",
            Refusal::ControlsPending { .. } => "controls_pending",
            Refusal::NotReleased { .. } => "not_released",
            Refusal::AtDestination { .. } => "at_destination",
            Refusal::OpenIncidents { .. } => "open_incidents",
            Refusal::OverdueIsRaisedByTime => "overdue_is_raised_by_time",
            Refusal::NoSuchIncident { .. } => "no_such_incident",
            Refusal::NoSuchProposal(..) => "no_such_proposal",
            Refusal::AlreadyApproved { .. } => "already_approved",
            Refusal::AmountNotPositive(..) => "amount_not_positive",
            Refusal::WrongCurrency { .. } => "wrong_currency",
            Refusal::NothingToAttest { .. } => "nothing_to_attest",
            Refusal::AmountOverflow => "amount_overflow",
            Refusal::LanePending { .. } => "lane_pending",
            Refusal::DrawNotPending { .. } => "draw_not_pending",
            Refusal::DrawListedTwice { .. } => "draw_listed_twice",
            Refusal::DrawRootMismatch { .. } => "draw_root_mismatch",
            Refusal::DrawProofCount { .. } => "draw_proof_count",
            Refusal::DrawProofInvalid { .. } => "draw_proof_invalid",
            Refusal::ResealWithoutInspection { .. } => "reseal_without_inspection",
            Refusal::BadSealList { .. } => "bad_seal_list",
            Refusal::NotHeldOrInspected { .. } => "not_held_or_inspected",
            Refusal::NotThePostsOperator { .. } => "not_the_posts_operator",
            Refusal::ReturnRouteNeeded { .. } => "return_route_needed",
            Refusal::ReturnRouteNotAllowed { .. } => "return_route_not_allowed",
            Refusal::EquipmentDetained { .. } => "equipment_detained",
            Refusal::BadDetainedList { .. } => "bad_detained_list",
            Refusal::IncidentOffRoute { .. } => "incident_off_route",
            Refusal::PositionPastSegment { .. } => "position_past_segment",
            Refusal::TranshipmentMismatch => "transhipment_mismatch",
            Refusal::BadTranshipment { .. } => "bad_transhipment",
            Refusal::Guarantee(refusal) => refusal.code(),
            Refusal::Monitoring(refusal) => refusal.code(),
        }
    }
}
