//! At the posts: arrival and selection, seal checks, inspections, release, hold,
//! departure, incidents, discharge and attestation.

use super::*;
use crate::draw::PendingDraw;

impl State {
    pub(super) fn arrive(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        post: &Ident,
        events: &mut Vec<Event>,
    ) -> Applied {
        let post_index = self.post_index(post)?;
        // A post off the movement's route is the mistake to report, before whether the
        // officer may record there: an officer at the right post never is at a wrong one.
        if let Ok(index) = self.movement_index(mrn) {
            let route = &self.corridor().routes[self.movements[index].route];
            if !route.posts.contains(&post_index) {
                return Err(Refusal::OffItinerary { mrn: *mrn, post: *post, route: route.id });
            }
        }
        self.officer_at(signer, Act::Arrive, post_index)?;
        let index = self.movement_index(mrn)?;
        let movement = &self.movements[index];
        let route = &self.corridor().routes[movement.route];
        // The next post is the one after the last visited on the route in force: after a
        // return, the route back starts at the post where the movement was turned back.
        let next = match movement.status {
            MovementStatus::Accepted => 0,
            MovementStatus::InTransit => movement
                .visits
                .last()
                .and_then(|last| route.posts.iter().position(|post| *post == last.post))
                .map_or(movement.visits.len(), |position| position + 1),
            _ => return Err(Self::wrong_status(movement, "arrive at a post")),
        };
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
        // Under a regime that draws, the units' random lanes wait for the parties' VRF
        // outputs over the tree that ends with this arrival (see `crate::draw`).
        let draws =
            controlled && self.regime.checks == Checks::Selected && !movement.units.is_empty();
        let pending_draw = draws.then(|| {
            let size = ctx.entry_index + 1;
            let draw = PendingDraw {
                root: self.tree.root_with(ctx.leaf_hash),
                movement: index,
                random_red_ppm: self.regime.selection.random_red_ppm,
                random_yellow_ppm: self.regime.selection.random_yellow_ppm,
            };
            (size, draw)
        });
        if controlled {
            units.reserve_exact(movement.units.len());
            // Goods grouped by the unit carrying them, so each unit's facts are a slice.
            // Goods on units detained at a partial release stay out: they are not units.
            let mut by_unit: Vec<(u16, HsCode, CountryCode)> = movement
                .declaration
                .goods
                .iter()
                .filter(|item| !movement.is_detained(item.equipment_index))
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
                let lane = lane_by_rule(
                    &self.regime,
                    &UnitFacts { mrn, post, equipment, carrier: &movement.carrier, goods: &goods },
                );
                units.push(UnitControl { equipment_index, lane, seal: None, inspection: None });
            }
        }
        events.push(Event::Arrived { mrn: *mrn, post: *post });
        if let Some((tree_size, _)) = pending_draw {
            events.push(Event::DrawPending { mrn: *mrn, post: *post, tree_size });
        } else {
            for unit in &units {
                events.push(Event::Selected {
                    mrn: *mrn,
                    equipment: movement.declaration.equipment[usize::from(unit.equipment_index)].id,
                    lane: unit.lane,
                });
            }
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
            pending_draw: pending_draw.map(|(size, _)| size),
        });
        if let Some((size, draw)) = pending_draw {
            self.draws_pending.insert(size, draw);
        }
        movement.status =
            if at_destination { MovementStatus::AtDestination } else { MovementStatus::AtPost };
        movement.history.push(ctx.entry_index);
        self.count_arrival(ctx.time, post_index, at_destination);
        Ok(())
    }

    /// The post's index and the movement's index for an officer's act at a post: the post
    /// must exist, the signer must be an officer allowed `act` there, and the movement must
    /// be at that post now (checked in that order, so the refusal names the first fault).
    pub(super) fn officer_acting_at_post(
        &self,
        signer: &PublicKey,
        act: Act,
        mrn: &Mrn,
        post: &Ident,
    ) -> Result<(PostIndex, usize), Refusal> {
        let post_index = self.post_index(post)?;
        self.officer_at(signer, act, post_index)?;
        let index = self.at_post(mrn, post, post_index)?;
        Ok((post_index, index))
    }

    /// The movement's index, once it is checked to be at `post` now.
    pub(super) fn at_post(
        &self,
        mrn: &Mrn,
        post: &Ident,
        post_index: PostIndex,
    ) -> Result<usize, Refusal> {
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

    pub(super) fn equipment_index(
        movement: &Movement,
        equipment: &EquipmentId,
    ) -> Result<u16, Refusal> {
        let index = movement
            .equipment_index(equipment)
            .ok_or(Refusal::UnknownEquipment { mrn: movement.mrn, equipment: *equipment })?;
        if movement.is_detained(index) {
            return Err(Refusal::EquipmentDetained { mrn: movement.mrn, equipment: *equipment });
        }
        Ok(index)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn seal_check(
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
        let (_, index) = self.officer_acting_at_post(signer, Act::SealCheck, mrn, post)?;
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
    pub(super) fn inspect(
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
        let (_, index) = self.officer_acting_at_post(signer, Act::Inspect, mrn, post)?;
        let movement = &self.movements[index];
        let visit = movement.visits.last().expect("at a post");
        if !visit.controlled {
            return Err(Refusal::NotControlled(*post));
        }
        let equipment_index = Self::equipment_index(movement, equipment)?;
        if let Some(tree_size) = visit.pending_draw {
            return Err(Refusal::LanePending { mrn: *mrn, post: *post, tree_size });
        }
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
    pub(super) fn pending_control(
        &self,
        movement: &Movement,
    ) -> Option<(EquipmentId, &'static str)> {
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

    pub(super) fn release(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        post: &Ident,
        events: &mut Vec<Event>,
    ) -> Applied {
        let (post_index, index) = self.officer_acting_at_post(signer, Act::Release, mrn, post)?;
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
        if let Some(tree_size) = visit.pending_draw {
            return Err(Refusal::LanePending { mrn: *mrn, post: *post, tree_size });
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

    pub(super) fn hold(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        post: &Ident,
        reason: HoldReason,
        events: &mut Vec<Event>,
    ) -> Applied {
        let (_, index) = self.officer_acting_at_post(signer, Act::Hold, mrn, post)?;
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

    pub(super) fn depart(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        post: &Ident,
        events: &mut Vec<Event>,
    ) -> Applied {
        let (post_index, index) = self.officer_acting_at_post(signer, Act::Depart, mrn, post)?;
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
        self.count_departure(ctx.time, post_index, dwell_ms);
        events.push(Event::Departed { mrn: *mrn, post: *post });
        Ok(())
    }

    pub(super) fn report_incident(
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
        let reported_post = movement.current_visit().map(|visit| visit.post);
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
        Ok(())
    }

    pub(super) fn close_incident(
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

    pub(super) fn discharge(
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
        self.no_open_enquiry(mrn)?;
        let fee = match self.regime.tariff.assess_on {
            AssessOn::Discharge if movement.fee.is_none() => Some(self.assess_fee(movement)?),
            _ => None,
        };
        let post = visit.post;
        let movement = &mut self.movements[index];
        movement.status = MovementStatus::Discharged;
        movement.history.push(ctx.entry_index);
        self.count_leaving(post);
        events.push(Event::Discharged { mrn: *mrn });
        self.release_engagement(mrn, events);
        if let Some(fee) = fee {
            self.post_fee(ctx, index, fee, events);
        }
        Ok(())
    }

    pub(super) fn attest(
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
}
