//! Maps the core's state to the store's projection rows, and movements to their JSON view.
//!
//! The rows are written in the batch's transaction, so the projections always agree with
//! the log; the view is what `GET /v1/movements/{mrn}` answers.

use passage_core::movement::{Incident, Movement};
use passage_core::statement::{IncidentPlace, Statement, Timestamp};
use passage_core::{Event, MovementStatus, Mrn, State};
use passage_store::{
    IncidentRow, MovementHistoryRow, MovementRow, ObservationRow, PostingRow, Projections,
};
use serde::{Deserialize, Serialize};

/// A movement status as the API and the store name it (`at_post`, `in_transit`, ...).
pub fn status_code(status: MovementStatus) -> &'static str {
    match status {
        MovementStatus::Declared => "declared",
        MovementStatus::Accepted => "accepted",
        MovementStatus::AtPost => "at_post",
        MovementStatus::InTransit => "in_transit",
        MovementStatus::AtDestination => "at_destination",
        MovementStatus::Discharged => "discharged",
        MovementStatus::Cancelled => "cancelled",
        MovementStatus::Refused => "refused",
        MovementStatus::Returned => "returned",
        MovementStatus::Seized => "seized",
        MovementStatus::Recovered => "recovered",
    }
}

/// The movement an event concerns, if any.
pub fn event_movement(event: &Event) -> Option<Mrn> {
    Some(match event {
        Event::Declared { mrn }
        | Event::Amended { mrn }
        | Event::Cancelled { mrn }
        | Event::Accepted { mrn, .. }
        | Event::DeclarationRefused { mrn }
        | Event::Arrived { mrn, .. }
        | Event::DrawPending { mrn, .. }
        | Event::DrawResolved { mrn, .. }
        | Event::Selected { mrn, .. }
        | Event::ArrivedAtDestination { mrn }
        | Event::SealChecked { mrn, .. }
        | Event::LaneRaised { mrn, .. }
        | Event::Inspected { mrn, .. }
        | Event::Released { mrn, .. }
        | Event::Held { mrn, .. }
        | Event::Departed { mrn, .. }
        | Event::IncidentOpened { mrn, .. }
        | Event::IncidentClosed { mrn, .. }
        | Event::FeeAssessed { mrn, .. }
        | Event::Discharged { mrn }
        | Event::Attested { mrn, .. }
        | Event::Resealed { mrn, .. }
        | Event::Returned { mrn, .. }
        | Event::Seized { mrn, .. }
        | Event::PartlyReleased { mrn, .. }
        | Event::Transhipped { mrn, .. }
        | Event::ProcedureEnded { mrn, .. } => *mrn,
        Event::Guarantee(event) => return event.mrn(),
        _ => return None,
    })
}

/// The projection row of an accepted statement sequenced at `index` and `time`, if it is
/// a monitor's observation: observations are not the core's state (it keeps only their
/// counts), so the node keeps them, public fields only, for `GET /v1/observations`.
pub fn observation_row(
    index: u64,
    time: Timestamp,
    statement: &Statement,
) -> Option<ObservationRow> {
    let Statement::Observe { place, category, summary, attachments, .. } = statement else {
        return None;
    };
    let (post, segment_to, position_m) = match place {
        IncidentPlace::Post(post) => (post.to_string(), None, None),
        IncidentPlace::Segment { from, to, position_m } => {
            (from.to_string(), Some(to.to_string()), Some(i64::from(*position_m)))
        }
    };
    Some(ObservationRow {
        entry_index: index,
        observed_at_ms: time.0 as i64,
        post,
        segment_to,
        position_m,
        category: category.as_str().to_owned(),
        summary: summary.clone(),
        attachments: attachments.len() as u32,
    })
}

/// The rows a batch changed: the movements it touched (with their new history lines and
/// incidents) and the ledger postings of its entries (from `first_index` on).
pub fn project(state: &State, first_index: u64, touched: &[Mrn]) -> Projections {
    let mut touched = touched.to_vec();
    touched.sort_unstable();
    touched.dedup();
    let mut projections = Projections::default();
    for mrn in &touched {
        let Some(movement) = state.movement(mrn) else { continue };
        let reference = mrn.to_string();
        projections.movements.push(movement_row(state, movement));
        for &entry_index in movement.history.iter().filter(|&&index| index >= first_index) {
            projections.movement_history.push(MovementHistoryRow {
                reference: reference.clone(),
                entry_index,
                status: status_code(movement.status).to_owned(),
            });
        }
        for incident in &movement.incidents {
            let changed = incident.opened_entry >= first_index
                || incident.closed_entry.is_some_and(|closed| closed >= first_index);
            if changed {
                projections.incidents.push(incident_row(state, movement, incident));
            }
        }
    }
    let legs = state.ledger().legs();
    let new_legs = legs.iter().rev().take_while(|leg| leg.entry_index >= first_index).count();
    let mut ordinal = 0u32;
    let mut previous_entry = None;
    // The new legs (a persistent vector's tail shares its nodes: no copy).
    let new = legs.skip(legs.len() - new_legs);
    for leg in &new {
        if previous_entry != Some(leg.entry_index) {
            ordinal = 0;
            previous_entry = Some(leg.entry_index);
        }
        projections.postings.push(PostingRow {
            entry_index: leg.entry_index,
            ordinal,
            account: leg.account.to_string(),
            currency: leg.currency.to_string(),
            amount_minor: leg.amount.0,
            at_ms: leg.time.0 as i64,
        });
        ordinal += 1;
    }
    projections
}

fn movement_row(state: &State, movement: &Movement) -> MovementRow {
    let view = MovementView::of(state, movement);
    MovementRow {
        reference: movement.mrn.to_string(),
        status: status_code(movement.status).to_owned(),
        carrier: movement.carrier.to_string(),
        declared_at_ms: movement.declared_at.0 as i64,
        current_post: view.current_post.clone(),
        last_entry_index: movement.history.last().copied().unwrap_or_default(),
        snapshot: serde_json::to_vec(&view).unwrap_or_default(),
    }
}

fn incident_row(state: &State, movement: &Movement, incident: &Incident) -> IncidentRow {
    let view = IncidentView::of(state, incident);
    IncidentRow {
        id: format!("{}/{}", movement.mrn, incident.number),
        movement_reference: Some(movement.mrn.to_string()),
        // The post of the last change, which the incidents search filters on when asked
        // (`last_change_post`).
        post: movement
            .current_visit()
            .map(|visit| state.corridor().post(visit.post).id.to_string()),
        // The post it was reported at, which the search filters on by default.
        reported_post: view.reported_post.clone(),
        kind: incident.kind.to_string(),
        status: if incident.closed_entry.is_some() { "closed" } else { "open" }.to_owned(),
        opened_at_ms: incident.opened_at.0 as i64,
        last_entry_index: incident.closed_entry.unwrap_or(incident.opened_entry),
        snapshot: serde_json::to_vec(&view).unwrap_or_default(),
    }
}

/// A movement's public view: identifiers, status, visits with lanes, incidents and fee.
/// Commitments (consignee, values, descriptions) stay out: they are confidential.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MovementView {
    /// MRN.
    pub mrn: String,
    /// Carrier.
    pub carrier: String,
    /// Route.
    pub route: String,
    /// Traffic class.
    pub traffic_class: String,
    /// Status (`declared`, `accepted`, `at_post`, ...).
    pub status: String,
    /// When declared (ms since the epoch).
    pub declared_at_ms: u64,
    /// Deadline to reach the destination, once accepted.
    pub deadline_ms: Option<u64>,
    /// Whether it is overdue.
    pub overdue: bool,
    /// The post it is at, if any.
    pub current_post: Option<String>,
    /// Gross mass.
    pub gross_mass_kg: u64,
    /// Equipment identifiers, in declaration order.
    pub equipment: Vec<String>,
    /// Visits at posts, in order.
    pub visits: Vec<VisitView>,
    /// Incidents.
    pub incidents: Vec<IncidentView>,
    /// Fee assessed, as text with its currency.
    pub fee: Option<String>,
    /// Fee assessed in minor units.
    pub fee_minor: Option<i64>,
    /// Currency of the fee.
    pub fee_currency: Option<String>,
    /// The holder of the transit procedure (EORI or TIN), when declared.
    #[serde(default)]
    pub holder: Option<String>,
    /// Transport documents, as `KIND:NUMBER` (`cmr`, `cim`, `smgs`, `cim_smgs`).
    #[serde(default)]
    pub transport_documents: Vec<String>,
    /// Equipment detained at a partial release, no longer part of the movement.
    #[serde(default)]
    pub detained: Vec<String>,
}

/// One visit at a post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct VisitView {
    /// Post.
    pub post: String,
    /// Whether the regime controls this post.
    pub controlled: bool,
    /// Arrival time.
    pub arrived_at_ms: u64,
    /// Release time.
    pub released_at_ms: Option<u64>,
    /// Departure time.
    pub departed_at_ms: Option<u64>,
    /// While the units' lanes wait for the parties' draw: the size of the tree that ends
    /// with the arrival (the lanes then read `pending`).
    #[serde(default)]
    pub pending_draw: Option<u64>,
    /// Units under control with their lane.
    pub units: Vec<UnitView>,
}

/// One unit's control at a post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct UnitView {
    /// Equipment identifier.
    pub equipment: String,
    /// `green`, `yellow` or `red`; `pending` while the draw is awaited.
    pub lane: String,
    /// Seal condition found, if checked.
    pub seal: Option<String>,
    /// Inspection outcome, if inspected.
    pub inspection: Option<String>,
}

/// One incident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct IncidentView {
    /// Number within the movement.
    pub number: u16,
    /// Kind.
    pub kind: String,
    /// When opened.
    pub opened_at_ms: u64,
    /// Entry that opened it.
    pub opened_entry: u64,
    /// The post the movement was at when it was reported (or raised by time), if any.
    #[serde(default)]
    pub reported_post: Option<String>,
    /// Entry that closed it.
    pub closed_entry: Option<u64>,
}

impl IncidentView {
    /// The view of `incident` in `state`.
    pub fn of(state: &State, incident: &Incident) -> IncidentView {
        IncidentView {
            number: incident.number,
            kind: incident.kind.to_string(),
            opened_at_ms: incident.opened_at.0,
            opened_entry: incident.opened_entry,
            reported_post: incident
                .reported_post
                .map(|post| state.corridor().post(post).id.to_string()),
            closed_entry: incident.closed_entry,
        }
    }
}

impl MovementView {
    /// The view of `movement` in `state`.
    pub fn of(state: &State, movement: &Movement) -> MovementView {
        let corridor = state.corridor();
        let equipment: Vec<String> =
            movement.declaration.equipment.iter().map(|item| item.id.to_string()).collect();
        let visits = movement
            .visits
            .iter()
            .map(|visit| VisitView {
                post: corridor.post(visit.post).id.to_string(),
                controlled: visit.controlled,
                arrived_at_ms: visit.arrived_at.0,
                released_at_ms: visit.released_at.map(|time| time.0),
                departed_at_ms: visit.departed_at.map(|time| time.0),
                pending_draw: visit.pending_draw,
                units: visit
                    .units
                    .iter()
                    .map(|unit| UnitView {
                        equipment: equipment
                            .get(usize::from(unit.equipment_index))
                            .cloned()
                            .unwrap_or_default(),
                        lane: if visit.pending_draw.is_some() {
                            "pending".to_owned()
                        } else {
                            unit.lane.as_str().to_owned()
                        },
                        seal: unit.seal.map(|seal| seal.to_string()),
                        inspection: unit.inspection.map(|(_, outcome)| outcome.to_string()),
                    })
                    .collect(),
            })
            .collect();
        let particulars = movement.declaration.particulars.as_ref();
        MovementView {
            mrn: movement.mrn.to_string(),
            carrier: movement.carrier.to_string(),
            route: corridor.routes[movement.route].id.to_string(),
            traffic_class: movement.declaration.traffic_class.to_string(),
            status: status_code(movement.status).to_owned(),
            declared_at_ms: movement.declared_at.0,
            deadline_ms: movement.deadline.map(|time| time.0),
            overdue: movement.overdue,
            current_post: movement
                .current_visit()
                .map(|visit| corridor.post(visit.post).id.to_string()),
            gross_mass_kg: movement.gross_mass_kg(),
            equipment,
            visits,
            incidents: movement
                .incidents
                .iter()
                .map(|incident| IncidentView::of(state, incident))
                .collect(),
            fee: movement.fee.map(|(amount, currency)| amount.display(currency)),
            fee_minor: movement.fee.map(|(amount, _)| amount.0),
            fee_currency: movement.fee.map(|(_, currency)| currency.to_string()),
            holder: particulars.map(|particulars| particulars.holder.to_string()),
            transport_documents: particulars
                .map(|particulars| {
                    particulars
                        .transport_documents
                        .iter()
                        .map(|document| format!("{}:{}", document.kind, document.number))
                        .collect()
                })
                .unwrap_or_default(),
            detained: movement
                .detained
                .iter()
                .map(|&index| movement.declaration.equipment[usize::from(index)].id.to_string())
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use passage_core::regime::Act;
    use passage_core::statement::{IncidentKind, Statement};
    use passage_core::testing::{self, Scenario};

    /// The incident row of `mrn`'s first incident, projected from the whole state.
    fn incident_line(scenario: &Scenario, mrn: Mrn) -> String {
        let projections = project(&scenario.state, 0, &[mrn]);
        let row = projections.incidents.last().expect("an incident row");
        let view: IncidentView = serde_json::from_slice(&row.snapshot).expect("a view");
        format!(
            "{} post {} reported at {} closed {}",
            row.status,
            row.post.as_deref().unwrap_or("-"),
            view.reported_post.as_deref().unwrap_or("-"),
            view.closed_entry.is_some(),
        )
    }

    #[test]
    fn an_incident_row_keeps_the_post_it_was_reported_at_beside_the_last_one() {
        let mut scenario = Scenario::syunik();
        let truck = testing::truck("AM-TRANSIT-ROAD", "10AB170", "2022:080810", 18_000);
        let mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
        let entry = testing::ident("AM-MEGHRI-E");
        let arrive = scenario.officer_for(Act::Arrive, "AM-MEGHRI-E");
        scenario.submit_ok(&arrive, Statement::Arrive { mrn, post: entry });
        let reporter = scenario.officer_for(Act::ReportIncident, "AM-MEGHRI-E");
        let details = testing::test_commitment("seal cut on the trailer");
        let report = Statement::ReportIncident { mrn, kind: IncidentKind::SealBroken, details };
        scenario.submit_ok(&reporter, report);
        assert_eq!(
            incident_line(&scenario, mrn),
            "open post AM-MEGHRI-E reported at AM-MEGHRI-E closed false"
        );
        scenario.clear_post(mrn, "AM-MEGHRI-E");
        scenario.pass_post(mrn, "AM-AGARAK-X");
        let closer = scenario.officer_for(Act::CloseIncident, "AM-AGARAK-X");
        let resolution = testing::test_commitment("resealed");
        scenario.submit_ok(&closer, Statement::CloseIncident { mrn, incident: 1, resolution });
        assert_eq!(
            incident_line(&scenario, mrn),
            "closed post AM-AGARAK-X reported at AM-MEGHRI-E closed true"
        );
    }
}
