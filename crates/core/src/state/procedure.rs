//! The transit procedure at and between posts beyond the plain passage: reseals after an
//! inspection, the outcomes that end a hold (return, seizure, partial release), incidents
//! en route with their place and transhipments, and the procedure's particulars in a
//! declaration (holder, transport documents, driver).

use super::*;
use crate::outcome::ProcedureEnding;
use crate::statement::{
    Equipment, IncidentPlace, ProcedureParticulars, SeizureScope, Transhipment,
    TransportDocumentKind,
};

impl State {
    /// The procedure's particulars fit the traffic class: CMR notes and a driver by road,
    /// CIM or SMGS notes and no driver by rail, no document twice.
    pub(super) fn check_particulars(
        class: TrafficClass,
        particulars: &ProcedureParticulars,
    ) -> Result<(), Refusal> {
        let invalid = |problem: &str| Err(Refusal::InvalidDeclaration(problem.to_owned()));
        for document in &particulars.transport_documents {
            let road = document.kind == TransportDocumentKind::Cmr;
            match class {
                TrafficClass::CargoRoad if !road => {
                    return invalid("goods by road travel on a CMR consignment note");
                }
                TrafficClass::CargoRail if road => {
                    return invalid("goods by rail travel on a CIM, SMGS or CIM/SMGS note");
                }
                _ => {}
            }
        }
        let mut documents = particulars.transport_documents.clone();
        documents.sort_unstable_by_key(|document| (document.kind, document.number));
        if documents.windows(2).any(|pair| pair[0] == pair[1]) {
            return invalid("a transport document is listed twice");
        }
        if particulars.driver.is_some() && class != TrafficClass::CargoRoad {
            return invalid("only a road movement names a driver");
        }
        Ok(())
    }

    /// The post's and movement's indexes for an outcome decided at a post: the signer is
    /// an officer allowed to release there, of the party that operates the post, and the
    /// movement is at the post, held or with an inspection recorded at this visit.
    fn deciding_at_post(
        &self,
        signer: &PublicKey,
        mrn: &Mrn,
        post: &Ident,
        action: &'static str,
    ) -> Result<(PostIndex, usize), Refusal> {
        let (post_index, index) = self.officer_acting_at_post(signer, Act::Release, mrn, post)?;
        let operator = self.corridor().post(post_index).authority;
        let Holder::Officer { party, .. } = self.key_record(signer)?.holder else {
            return Err(Refusal::NotAnOfficer { key: *signer, act: Act::Release });
        };
        let party = self.charter.parties[party].id;
        if party != operator {
            return Err(Refusal::NotThePostsOperator {
                key: *signer,
                post: *post,
                operator,
                action,
            });
        }
        let visit = self.movements[index].visits.last().expect("at a post");
        // Until the draw, the visit's lanes are open: an outcome waits for them, as a
        // release does (and a pending draw always names a movement still at its post).
        if let Some(tree_size) = visit.pending_draw {
            return Err(Refusal::LanePending { mrn: *mrn, post: *post, tree_size });
        }
        let inspected = visit.units.iter().any(|unit| unit.inspection.is_some());
        if visit.held.is_none() && !inspected {
            return Err(Refusal::NotHeldOrInspected { mrn: *mrn, post: *post, action });
        }
        Ok((post_index, index))
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn reseal(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        post: &Ident,
        equipment: &EquipmentId,
        seals: &[Ident],
        events: &mut Vec<Event>,
    ) -> Applied {
        let (_, index) = self.officer_acting_at_post(signer, Act::Inspect, mrn, post)?;
        let mut sorted: Vec<&Ident> = seals.iter().collect();
        sorted.sort_unstable();
        if sorted.is_empty() || sorted.windows(2).any(|pair| pair[0] == pair[1]) {
            return Err(Refusal::BadSealList { equipment: *equipment });
        }
        let movement = &self.movements[index];
        let equipment_index = Self::equipment_index(movement, equipment)?;
        let visit = movement.visits.last().expect("at a post");
        let unit = visit
            .units
            .binary_search_by_key(&equipment_index, |unit| unit.equipment_index)
            .ok()
            .filter(|&unit| {
                visit.units[unit]
                    .inspection
                    .is_some_and(|(kind, _)| kind == InspectionKind::Physical)
            })
            .ok_or(Refusal::ResealWithoutInspection {
                mrn: *mrn,
                equipment: *equipment,
                post: *post,
            })?;
        let movement = &mut self.movements[index];
        // The declaration in force carries the seals now on the unit: later seal checks
        // compare against them. The seals first declared stay in the log.
        movement.declaration.equipment[usize::from(equipment_index)].seals = seals.to_vec();
        // Customs affixed them here and now, so at this visit they are intact.
        movement.visits.last_mut().expect("at a post").units[unit].seal =
            Some(SealCondition::Intact);
        movement.history.push(ctx.entry_index);
        events.push(Event::Resealed { mrn: *mrn, equipment: *equipment, seal_count: seals.len() });
        Ok(())
    }

    pub(super) fn return_movement(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        post: &Ident,
        route: Option<&Ident>,
        events: &mut Vec<Event>,
    ) -> Applied {
        let (post_index, index) = self.deciding_at_post(signer, mrn, post, "turn it back")?;
        // An enquiry about the movement is closed by the office of departure first: the
        // procedure must not end with one open (the guarantee's fate depends on it).
        self.no_open_enquiry(mrn)?;
        let movement = &self.movements[index];
        let at_first_post = movement.visits.len() == 1;
        let Some(route) = route else {
            if !at_first_post {
                return Err(Refusal::ReturnRouteNeeded { mrn: *mrn, post: *post });
            }
            // Turned back at the first post: it never entered the corridor, so the
            // procedure ends here and no fee is assessed for a passage not made.
            let movement = &mut self.movements[index];
            movement.status = MovementStatus::Returned;
            movement.history.push(ctx.entry_index);
            if let Some(deadline) = movement.deadline.filter(|_| !movement.overdue) {
                self.deadlines.remove(&(deadline, index));
            }
            self.count_leaving(post_index);
            events.push(Event::Returned { mrn: *mrn, post: *post, route: None });
            events.push(Event::ProcedureEnded { mrn: *mrn, ending: ProcedureEnding::Returned });
            self.release_engagement(mrn, events);
            return Ok(());
        };
        let not_allowed =
            |reason| Err(Refusal::ReturnRouteNotAllowed { mrn: *mrn, route: *route, reason });
        if at_first_post {
            return not_allowed("the movement is at its first post; it goes back with no route");
        }
        let route_index =
            self.corridor().route_index(route).ok_or(Refusal::UnknownRoute(*route))?;
        let way_back = &self.corridor().routes[route_index];
        let way_there = &self.corridor().routes[movement.route];
        if way_back.posts.first() != Some(&post_index) {
            return not_allowed("it does not start at the post the movement is at");
        }
        if way_back.posts.last() != way_there.posts.first() {
            return not_allowed("it does not end at the post the movement came in by");
        }
        if way_back.mode != way_there.mode {
            return not_allowed("it does not carry the movement's traffic");
        }
        let limit = self.regime.time_limit_ms(route_index, movement.declaration.traffic_class);
        let movement = &mut self.movements[index];
        // The way back has a time limit of its own, from the return.
        if let Some(deadline) = movement.deadline.filter(|_| !movement.overdue) {
            self.deadlines.remove(&(deadline, index));
        }
        let deadline = limit.map(|limit_ms| ctx.time.plus_ms(limit_ms));
        if let Some(deadline) = deadline {
            self.deadlines.insert((deadline, index));
        }
        let movement = &mut self.movements[index];
        if !movement.overdue {
            movement.deadline = deadline;
        }
        movement.route = route_index;
        movement.status = MovementStatus::AtPost;
        let visit = movement.visits.last_mut().expect("at a post");
        // The return lets it leave this post, back the way it came.
        visit.held = None;
        visit.released_at = Some(ctx.time);
        movement.history.push(ctx.entry_index);
        events.push(Event::Returned { mrn: *mrn, post: *post, route: Some(*route) });
        Ok(())
    }

    pub(super) fn seize(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        post: &Ident,
        scope: SeizureScope,
        events: &mut Vec<Event>,
    ) -> Applied {
        let (post_index, index) = self.deciding_at_post(signer, mrn, post, "seize it")?;
        // An enquiry about the movement is closed by the office of departure first: the
        // procedure must not end with one open (the guarantee's fate depends on it).
        self.no_open_enquiry(mrn)?;
        let movement = &mut self.movements[index];
        // A seizure ends the procedure here, with whatever fee was assessed already: the
        // carrier owes for the passage it made.
        movement.status = MovementStatus::Seized;
        movement.history.push(ctx.entry_index);
        if let Some(deadline) = movement.deadline.filter(|_| !movement.overdue) {
            self.deadlines.remove(&(deadline, index));
        }
        self.count_leaving(post_index);
        events.push(Event::Seized { mrn: *mrn, post: *post, scope });
        events.push(Event::ProcedureEnded { mrn: *mrn, ending: ProcedureEnding::Seized(scope) });
        self.release_engagement(mrn, events);
        Ok(())
    }

    pub(super) fn release_part(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        post: &Ident,
        detained: &[EquipmentId],
        events: &mut Vec<Event>,
    ) -> Applied {
        let (post_index, index) = self.deciding_at_post(signer, mrn, post, "release part of it")?;
        let movement = &self.movements[index];
        let mut detained_indexes = Vec::with_capacity(detained.len());
        for equipment in detained {
            detained_indexes.push(Self::equipment_index(movement, equipment)?);
        }
        detained_indexes.sort_unstable();
        let repeated = detained_indexes.windows(2).any(|pair| pair[0] == pair[1]);
        let kept_unit =
            movement.units.iter().any(|unit| detained_indexes.binary_search(unit).is_err());
        if detained_indexes.is_empty() || repeated || !kept_unit {
            return Err(Refusal::BadDetainedList { mrn: *mrn });
        }
        // The units that go on must have had their controls; the detained ones stay.
        let mut going_on = movement.clone();
        going_on
            .visits
            .last_mut()
            .expect("at a post")
            .units
            .retain(|unit| detained_indexes.binary_search(&unit.equipment_index).is_err());
        if let Some((equipment, missing)) = self.pending_control(&going_on) {
            return Err(Refusal::ControlsPending { mrn: *mrn, post: *post, equipment, missing });
        }
        // Units detained at an earlier partial release stay detained: the list grows.
        let mut all_detained = movement.detained.clone();
        all_detained.extend_from_slice(&detained_indexes);
        all_detained.sort_unstable();
        all_detained.dedup();
        going_on.detained = all_detained.clone();
        let fee = match self.regime.tariff.assess_on {
            AssessOn::Release(fee_post) if fee_post == post_index && movement.fee.is_none() => {
                Some(self.assess_fee(&going_on)?)
            }
            _ => None,
        };
        let movement = &mut self.movements[index];
        movement.units.retain(|unit| detained_indexes.binary_search(unit).is_err());
        movement.detained = all_detained;
        let visit = movement.visits.last_mut().expect("at a post");
        visit.released_at = Some(ctx.time);
        visit.held = None;
        movement.history.push(ctx.entry_index);
        events.push(Event::PartlyReleased { mrn: *mrn, post: *post, detained: detained.to_vec() });
        events.push(Event::Released { mrn: *mrn, post: *post });
        if let Some(fee) = fee {
            self.post_fee(ctx, index, fee, events);
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn record_incident(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        kind: IncidentKind,
        place: &IncidentPlace,
        transhipments: &[Transhipment],
        events: &mut Vec<Event>,
    ) -> Applied {
        if kind == IncidentKind::Overdue {
            return Err(Refusal::OverdueIsRaisedByTime);
        }
        if (kind == IncidentKind::Transshipment) == transhipments.is_empty() {
            return Err(Refusal::TranshipmentMismatch);
        }
        let index = self.movement_index(mrn)?;
        let movement = &self.movements[index];
        self.officer_on_itinerary(signer, Act::ReportIncident, movement)?;
        if !movement.status.is_active() {
            return Err(Self::wrong_status(movement, "have an incident recorded"));
        }
        let reported_post = self.incident_place(movement, place)?;
        let equipment = self.transhipped_equipment(movement, transhipments)?;
        let movement = &mut self.movements[index];
        if let Some(equipment) = equipment {
            movement.declaration.equipment = equipment;
            movement.equipment_by_id = crate::movement::equipment_by_id(&movement.declaration);
        }
        let number = movement.incidents.len() as u16 + 1;
        movement.incidents.push(Incident {
            number,
            kind,
            opened_at: ctx.time,
            opened_entry: ctx.entry_index,
            reported_post,
            closed_entry: None,
        });
        movement.open_incidents += 1;
        movement.history.push(ctx.entry_index);
        events.push(Event::IncidentOpened { mrn: *mrn, number, kind });
        for transhipment in transhipments {
            events.push(Event::Transhipped {
                mrn: *mrn,
                from: transhipment.from,
                to: transhipment.to.id,
            });
        }
        Ok(())
    }

    /// The post an incident is placed at (`None` on a segment), once the place is checked
    /// to be on the movement's route.
    fn incident_place(
        &self,
        movement: &Movement,
        place: &IncidentPlace,
    ) -> Result<Option<PostIndex>, Refusal> {
        let corridor = self.corridor();
        let route = &corridor.routes[movement.route];
        match place {
            IncidentPlace::Post(post) => {
                let post_index = self.post_index(post)?;
                if !route.posts.contains(&post_index) {
                    return Err(Refusal::IncidentOffRoute {
                        mrn: movement.mrn,
                        place: format!("post {post}"),
                    });
                }
                Ok(Some(post_index))
            }
            IncidentPlace::Segment { from, to, position_m } => {
                let (from_index, to_index) = (self.post_index(from)?, self.post_index(to)?);
                let segment = route
                    .segments
                    .iter()
                    .map(|&segment| &corridor.segments[segment])
                    .find(|segment| segment.from == from_index && segment.to == to_index)
                    .ok_or_else(|| Refusal::IncidentOffRoute {
                        mrn: movement.mrn,
                        place: format!("the segment from {from} to {to}"),
                    })?;
                if u64::from(*position_m) > segment.length_m {
                    return Err(Refusal::PositionPastSegment {
                        from: *from,
                        to: *to,
                        position_m: *position_m,
                        length_m: segment.length_m,
                    });
                }
                Ok(None)
            }
        }
    }

    /// The movement's equipment after the transhipments (`None` if there are none): each
    /// from a unit of the movement not detained, each to equipment of the same traffic,
    /// and no identifier twice in the result.
    fn transhipped_equipment(
        &self,
        movement: &Movement,
        transhipments: &[Transhipment],
    ) -> Result<Option<Vec<Equipment>>, Refusal> {
        if transhipments.is_empty() {
            return Ok(None);
        }
        let mut equipment = movement.declaration.equipment.clone();
        let mut moved = Vec::with_capacity(transhipments.len());
        for transhipment in transhipments {
            let bad = |reason| Refusal::BadTranshipment {
                mrn: movement.mrn,
                equipment: transhipment.from,
                reason,
            };
            let from = Self::equipment_index(movement, &transhipment.from)?;
            if moved.contains(&from) {
                return Err(bad("the unit is listed twice"));
            }
            moved.push(from);
            let road =
                |id: &EquipmentId| matches!(id, EquipmentId::Truck(_) | EquipmentId::Trailer(_));
            if road(&transhipment.from) != road(&transhipment.to.id) {
                return Err(bad("goods move to equipment of the same traffic (road or rail)"));
            }
            equipment[usize::from(from)] = transhipment.to.clone();
        }
        let mut ids: Vec<&EquipmentId> = equipment.iter().map(|unit| &unit.id).collect();
        ids.sort_unstable();
        if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(Refusal::BadTranshipment {
                mrn: movement.mrn,
                equipment: *pair[0],
                reason: "the movement would carry this unit twice",
            });
        }
        Ok(Some(equipment))
    }
}
