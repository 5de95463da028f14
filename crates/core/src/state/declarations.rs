//! Declarations: declare, amend, cancel, accept, refuse.

use super::*;

impl State {
    /// Checks a declaration against the corridor and regime; returns the route and units.
    pub(super) fn check_declaration(
        &self,
        declaration: &Declaration,
    ) -> Result<(usize, Vec<u16>), Refusal> {
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
        if let Some(particulars) = &declaration.particulars {
            Self::check_particulars(class, particulars)?;
        }
        Ok((route_index, units))
    }

    pub(super) fn declare(
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
        let carrier_id = self.carriers[carrier].id;
        let engagement = self.plan_engagement(&carrier_id, &mrn, declaration)?;
        self.movement_index.insert(mrn, self.movements.len());
        self.movements.push_back(Movement {
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
            detained: Vec::new(),
        });
        self.count_declared(ctx.time);
        // The engagement first: a declaration's events end with its MRN.
        self.engage(&mrn, engagement, events);
        events.push(Event::Declared { mrn });
        Ok(())
    }

    pub(super) fn owned_movement(
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

    pub(super) fn wrong_status(movement: &Movement, action: &'static str) -> Refusal {
        Refusal::WrongStatus { mrn: movement.mrn, status: movement.status.as_str(), action }
    }

    pub(super) fn amend(
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
        self.no_open_enquiry(mrn)?;
        let (route, units) = self.check_declaration(declaration)?;
        let carrier_id = self.movements[index].carrier;
        let engagement = self.plan_engagement(&carrier_id, mrn, declaration)?;
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
        self.engage(mrn, engagement, events);
        Ok(())
    }

    pub(super) fn cancel(
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
        self.no_open_enquiry(mrn)?;
        if let Some(deadline) = movement.deadline {
            self.deadlines.remove(&(deadline, index));
        }
        let movement = &mut self.movements[index];
        movement.status = MovementStatus::Cancelled;
        movement.history.push(ctx.entry_index);
        events.push(Event::Cancelled { mrn: *mrn });
        self.release_engagement(mrn, events);
        Ok(())
    }

    pub(super) fn accept(
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

    pub(super) fn refuse_declaration(
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
        self.release_engagement(mrn, events);
        Ok(())
    }
}
