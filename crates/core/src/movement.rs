//! A movement's record as the core keeps it: status, visits to posts with each unit's
//! lane and controls, incidents, fee and history.

use crate::corridor::PostIndex;
use crate::ids::{AmountMinor, Currency, Ident, Mrn};
use crate::regime::Lane;
use crate::statement::{
    Declaration, EquipmentId, HoldReason, IncidentKind, InspectionKind, InspectionOutcome,
    SealCondition, Timestamp,
};

/// Where a movement is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MovementStatus {
    /// Declared, not yet accepted.
    Declared = 0,
    /// Accepted; its time limit runs; not yet at its first post.
    Accepted = 1,
    /// At a post of its itinerary (not the last).
    AtPost = 2,
    /// Between two posts.
    InTransit = 3,
    /// At the last post of its itinerary.
    AtDestination = 4,
    /// Discharged: finished.
    Discharged = 5,
    /// Cancelled: finished.
    Cancelled = 6,
    /// Declaration refused: finished.
    Refused = 7,
    /// Turned back at its first post: finished (a return from a later post goes back
    /// by a route, as a movement on its way).
    Returned = 8,
    /// Seized by customs: finished.
    Seized = 9,
    /// Not discharged in time and ended by an enquiry in recovery of the duties: finished.
    Recovered = 10,
}

impl MovementStatus {
    /// Every status.
    pub const ALL: [MovementStatus; 11] = [
        MovementStatus::Declared,
        MovementStatus::Accepted,
        MovementStatus::AtPost,
        MovementStatus::InTransit,
        MovementStatus::AtDestination,
        MovementStatus::Discharged,
        MovementStatus::Cancelled,
        MovementStatus::Refused,
        MovementStatus::Returned,
        MovementStatus::Seized,
        MovementStatus::Recovered,
    ];

    /// The words used in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            MovementStatus::Declared => "declared (not yet accepted)",
            MovementStatus::Accepted => "accepted (not yet at its first post)",
            MovementStatus::AtPost => "at a post",
            MovementStatus::InTransit => "in transit between posts",
            MovementStatus::AtDestination => "at its destination",
            MovementStatus::Discharged => "discharged",
            MovementStatus::Cancelled => "cancelled",
            MovementStatus::Refused => "refused",
            MovementStatus::Returned => "returned at its first post",
            MovementStatus::Seized => "seized",
            MovementStatus::Recovered => "ended in recovery",
        }
    }

    /// Whether the movement is on its way (accepted and not finished).
    pub fn is_active(self) -> bool {
        matches!(
            self,
            MovementStatus::Accepted
                | MovementStatus::AtPost
                | MovementStatus::InTransit
                | MovementStatus::AtDestination
        )
    }
}

/// One unit's controls during a visit to a controlled post.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnitControl {
    /// Index of the equipment in the declaration.
    pub equipment_index: u16,
    /// Its lane (raised if its seals fail).
    pub lane: Lane,
    /// The last seal check.
    pub seal: Option<SealCondition>,
    /// The heaviest inspection recorded, with its outcome.
    pub inspection: Option<(InspectionKind, InspectionOutcome)>,
}

/// A movement's stay at one post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visit {
    /// The post.
    pub post: PostIndex,
    /// Whether the regime controlled this post at arrival.
    pub controlled: bool,
    /// Arrival time.
    pub arrived_at: Timestamp,
    /// Arrival entry (the tree ending with it is what the draw is bound to).
    pub arrival_entry: u64,
    /// When released (cleared by a later hold).
    pub released_at: Option<Timestamp>,
    /// Current hold.
    pub held: Option<HoldReason>,
    /// Departure time.
    pub departed_at: Option<Timestamp>,
    /// Units under control (only at controlled posts).
    pub units: Vec<UnitControl>,
    /// While the units' random lanes wait for their draw: the size of the tree that ends
    /// with the arrival (its entry index plus one). Until then each unit's lane is what the
    /// rules and seal checks gave, and the post may neither inspect nor release.
    pub pending_draw: Option<u64>,
}

/// An incident on a movement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Incident {
    /// Its number within the movement, from 1.
    pub number: u16,
    /// What happened.
    pub kind: IncidentKind,
    /// When it happened (for overdue: the deadline).
    pub opened_at: Timestamp,
    /// The entry that opened it.
    pub opened_entry: u64,
    /// The post the movement was at when the incident was opened (reported, or raised by
    /// time); `None` while it was between posts. Kept as opened: the movement's current
    /// post moves on, this does not.
    pub reported_post: Option<PostIndex>,
    /// The entry that closed it.
    pub closed_entry: Option<u64>,
}

/// One transit of goods through the corridor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Movement {
    /// Its reference.
    pub mrn: Mrn,
    /// The carrier.
    pub carrier: Ident,
    /// The declaration in force (after amendments).
    pub declaration: Declaration,
    /// Index of the route in the corridor.
    pub route: usize,
    /// Where it is.
    pub status: MovementStatus,
    /// When declared.
    pub declared_at: Timestamp,
    /// When accepted.
    pub accepted_at: Option<Timestamp>,
    /// Its deadline to reach the destination.
    pub deadline: Option<Timestamp>,
    /// Whether it passed its deadline before reaching the destination.
    pub overdue: bool,
    /// Visits, in itinerary order.
    pub visits: Vec<Visit>,
    /// Incidents, by number.
    pub incidents: Vec<Incident>,
    /// Incidents still open.
    pub open_incidents: u16,
    /// The fee assessed.
    pub fee: Option<(AmountMinor, Currency)>,
    /// Entries that concern it, in order.
    pub history: Vec<u64>,
    /// Attestations: (entry attested, entry attesting), in order.
    pub attestations: Vec<(u64, u64)>,
    /// Indexes of the equipment that carries goods: the units selection applies to.
    pub units: Vec<u16>,
    /// Equipment identifiers with their index, sorted, to find a unit quickly (derived
    /// from the declaration).
    pub(crate) equipment_by_id: Vec<(EquipmentId, u16)>,
    /// Indexes of the equipment detained at a partial release, sorted: no longer part of
    /// the movement's units, nor of the fee assessed after.
    pub detained: Vec<u16>,
}

/// The declaration's equipment identifiers with their index, sorted by identifier.
pub(crate) fn equipment_by_id(declaration: &Declaration) -> Vec<(EquipmentId, u16)> {
    let mut sorted: Vec<(EquipmentId, u16)> = declaration
        .equipment
        .iter()
        .enumerate()
        .map(|(index, equipment)| (equipment.id, index as u16))
        .collect();
    sorted.sort_unstable();
    sorted
}

impl Movement {
    /// The index in the declaration of the equipment with this identifier.
    pub fn equipment_index(&self, id: &EquipmentId) -> Option<u16> {
        self.equipment_by_id
            .binary_search_by(|(candidate, _)| candidate.cmp(id))
            .ok()
            .map(|position| self.equipment_by_id[position].1)
    }

    /// The current visit, while at a post or at destination.
    pub fn current_visit(&self) -> Option<&Visit> {
        match self.status {
            MovementStatus::AtPost | MovementStatus::AtDestination => self.visits.last(),
            _ => None,
        }
    }

    /// The total gross mass in kilograms.
    pub fn gross_mass_kg(&self) -> u64 {
        self.declaration.goods.iter().map(|item| item.gross_mass_kg).sum()
    }

    /// The gross mass in kilograms of the goods not detained.
    pub fn gross_mass_kg_kept(&self) -> u64 {
        self.declaration
            .goods
            .iter()
            .filter(|item| self.detained.binary_search(&item.equipment_index).is_err())
            .map(|item| item.gross_mass_kg)
            .sum()
    }

    /// Whether the equipment at this index was detained at a partial release.
    pub fn is_detained(&self, equipment_index: u16) -> bool {
        self.detained.binary_search(&equipment_index).is_ok()
    }
}
