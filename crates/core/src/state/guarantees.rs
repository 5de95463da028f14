//! Guarantees, enquiries and remittance: enrol a guarantor, issue a guarantee, engage and
//! release it with a movement's declaration and end, open, answer and close an enquiry
//! into an overdue movement (discharge on alternative proof, or recovery), and remit
//! revenue to a party's treasury. Each rule validates first and mutates after.

use super::*;
use crate::guarantee::{
    Engagement, Enquiry, GUARANTORS_MAX, Guarantee, GuaranteeEvent, GuaranteeRefusal, Guarantor,
    KEYS_PER_GUARANTOR_MAX, engagement_for,
};
use crate::regime::GuaranteeRequirement;
use crate::statement::{Commitment, EnquiryOutcome, GuaranteeCover};

/// A guarantee as its statement issues it.
pub(super) struct Issue {
    pub guarantee: Ident,
    pub holder: Ident,
    pub cover: GuaranteeCover,
    pub reference_amount: AmountMinor,
    pub currency: Currency,
}

impl State {
    fn guarantor_of(&self, key: &PublicKey, action: &'static str) -> Result<usize, Refusal> {
        match self.key_record(key)?.holder {
            Holder::Guarantor { guarantor } => Ok(guarantor),
            _ => Err(GuaranteeRefusal::NotAGuarantor { key: *key, action }.into()),
        }
    }

    pub(super) fn enrol_guarantor(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        guarantor: &Ident,
        name: &str,
        key: &PublicKey,
        events: &mut Vec<Event>,
    ) -> Applied {
        let party = self.authority(signer, "enrol a guarantor")?;
        self.check_new_key(key)?;
        let book = &self.guarantees;
        let existing = book.guarantor_index.get(guarantor).copied();
        match existing {
            Some(index) => {
                let record = &book.guarantors[index];
                if record.party != party {
                    return Err(GuaranteeRefusal::GuarantorOfAnotherParty {
                        guarantor: *guarantor,
                        party: self.charter.parties[record.party].id,
                    }
                    .into());
                }
                if record.keys.len() >= KEYS_PER_GUARANTOR_MAX {
                    let max = KEYS_PER_GUARANTOR_MAX;
                    return Err(
                        GuaranteeRefusal::TooMany { what: "keys of a guarantor", max }.into()
                    );
                }
            }
            None if book.guarantors.len() >= GUARANTORS_MAX => {
                return Err(
                    GuaranteeRefusal::TooMany { what: "guarantors", max: GUARANTORS_MAX }.into()
                );
            }
            None => {}
        }
        let book = &mut self.guarantees;
        let index = match existing {
            Some(index) => index,
            None => {
                book.guarantor_index.insert(*guarantor, book.guarantors.len());
                book.guarantors.push_back(Guarantor {
                    id: *guarantor,
                    name: name.to_owned(),
                    party,
                    keys: Vec::new(),
                });
                book.guarantors.len() - 1
            }
        };
        book.guarantors[index].keys.push(*key);
        self.key_index.insert(*key, self.keys.len());
        self.keys.push_back(KeyRecord {
            key: *key,
            holder: Holder::Guarantor { guarantor: index },
            since_entry: ctx.entry_index,
            revoked_at_entry: None,
        });
        events.push(Event::Guarantee(GuaranteeEvent::GuarantorEnrolled {
            guarantor: *guarantor,
            key: *key,
        }));
        Ok(())
    }

    pub(super) fn issue_guarantee(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        issue: &Issue,
        events: &mut Vec<Event>,
    ) -> Applied {
        let guarantor = self.guarantor_of(signer, "issue a guarantee")?;
        if !self.carrier_index.contains_key(&issue.holder) {
            return Err(Refusal::UnknownCarrier(issue.holder));
        }
        if self.guarantees.guarantees.contains_key(&issue.guarantee) {
            return Err(GuaranteeRefusal::GuaranteeExists(issue.guarantee).into());
        }
        if issue.reference_amount.0 <= 0 {
            return Err(Refusal::AmountNotPositive(issue.reference_amount));
        }
        let expected = self.regime.tariff.currency;
        if issue.currency != expected {
            return Err(Refusal::WrongCurrency { expected, found: issue.currency });
        }
        let guarantor_id = self.guarantees.guarantors[guarantor].id;
        self.guarantees.guarantees.insert(
            issue.guarantee,
            Guarantee {
                id: issue.guarantee,
                guarantor: guarantor_id,
                holder: issue.holder,
                cover: issue.cover,
                reference_amount: issue.reference_amount,
                currency: issue.currency,
                issued_entry: ctx.entry_index,
                engagements: imbl::OrdMap::new(),
                engaged: AmountMinor::ZERO,
                called: AmountMinor::ZERO,
                secured_movement: None,
            },
        );
        events.push(Event::Guarantee(GuaranteeEvent::Issued {
            guarantee: issue.guarantee,
            holder: issue.holder,
        }));
        Ok(())
    }

    /// What `declaration`, declared or amended by `carrier` as movement `mrn`, engages,
    /// checked against the guarantee it names: `None` if it names none and the regime
    /// allows that. What the movement engages already of the same guarantee counts as
    /// available, since an amendment releases it.
    pub(super) fn plan_engagement(
        &self,
        carrier: &Ident,
        mrn: &Mrn,
        declaration: &Declaration,
    ) -> Result<Option<Engagement>, Refusal> {
        let Some(id) = declaration.guarantee else {
            return match self.regime.guarantee.requirement {
                GuaranteeRequirement::Required => Err(GuaranteeRefusal::GuaranteeRequired.into()),
                GuaranteeRequirement::Optional => Ok(None),
            };
        };
        let guarantee =
            self.guarantees.guarantees.get(&id).ok_or(GuaranteeRefusal::UnknownGuarantee(id))?;
        if guarantee.holder != *carrier {
            return Err(GuaranteeRefusal::NotYourGuarantee {
                guarantee: id,
                holder: guarantee.holder,
                carrier: *carrier,
            }
            .into());
        }
        if let Some(secured) = guarantee.secured_movement
            && secured != *mrn
        {
            return Err(
                GuaranteeRefusal::IndividualGuaranteeUsed { guarantee: id, mrn: secured }.into()
            );
        }
        let amount =
            engagement_for(&self.regime.guarantee, declaration).ok_or(Refusal::AmountOverflow)?;
        let already = guarantee.engagements.get(mrn).map_or(0, |amount| amount.0);
        let remaining = AmountMinor(guarantee.remaining().0 + already);
        if amount > remaining {
            return Err(GuaranteeRefusal::Insufficient {
                guarantee: id,
                engagement: amount,
                remaining,
                currency: guarantee.currency,
            }
            .into());
        }
        Ok(Some(Engagement { guarantee: id, amount }))
    }

    /// Releases what `mrn` engages, if anything: its guarantee may be engaged again.
    pub(super) fn release_engagement(&mut self, mrn: &Mrn, events: &mut Vec<Event>) {
        let Some(engagement) = self.guarantees.engagements.remove(mrn) else {
            return;
        };
        let guarantee = self
            .guarantees
            .guarantees
            .get_mut(&engagement.guarantee)
            .expect("an engagement names an issued guarantee");
        let removed = guarantee.engagements.remove(mrn);
        assert_eq!(removed, Some(engagement.amount), "a guarantee lists what engages it");
        guarantee.engaged = AmountMinor(guarantee.engaged.0 - engagement.amount.0);
        assert!(guarantee.engaged.0 >= 0, "a guarantee's engaged sum never goes negative");
        events.push(Event::Guarantee(GuaranteeEvent::Released {
            mrn: *mrn,
            guarantee: engagement.guarantee,
        }));
    }

    /// Records a planned engagement (after releasing the movement's previous one).
    pub(super) fn engage(
        &mut self,
        mrn: &Mrn,
        engagement: Option<Engagement>,
        events: &mut Vec<Event>,
    ) {
        self.release_engagement(mrn, events);
        let Some(engagement) = engagement else {
            return;
        };
        let guarantee = self
            .guarantees
            .guarantees
            .get_mut(&engagement.guarantee)
            .expect("a planned engagement names an issued guarantee");
        guarantee.engagements.insert(*mrn, engagement.amount);
        guarantee.engaged = AmountMinor(guarantee.engaged.0 + engagement.amount.0);
        if guarantee.cover == GuaranteeCover::Individual {
            guarantee.secured_movement = Some(*mrn);
        }
        assert!(
            guarantee.remaining().0 >= 0,
            "a guarantee is never engaged beyond its reference amount"
        );
        let currency = guarantee.currency;
        self.guarantees.engagements.insert(*mrn, engagement);
        events.push(Event::Guarantee(GuaranteeEvent::Engaged {
            mrn: *mrn,
            guarantee: engagement.guarantee,
            amount: engagement.amount,
            currency,
        }));
    }

    /// Refuses to end `mrn` while an enquiry into it is open.
    pub(super) fn no_open_enquiry(&self, mrn: &Mrn) -> Applied {
        if self.guarantees.enquiries.contains_key(mrn) {
            return Err(GuaranteeRefusal::EnquiryOpen(*mrn).into());
        }
        Ok(())
    }

    pub(super) fn open_enquiry(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        events: &mut Vec<Event>,
    ) -> Applied {
        let index = self.movement_index(mrn)?;
        let movement = &self.movements[index];
        // The office of departure (NCTS) is the customs office that accepted the
        // declaration: the officers the regime lets accept, on the itinerary.
        self.officer_on_itinerary(signer, Act::Accept, movement)?;
        if !movement.status.is_active() {
            return Err(Self::wrong_status(movement, "be enquired about"));
        }
        if !movement.overdue {
            return Err(GuaranteeRefusal::NotOverdue(*mrn).into());
        }
        self.no_open_enquiry(mrn)?;
        let answer_by = ctx.time.plus_ms(self.regime.guarantee.enquiry_answer_ms);
        self.guarantees.enquiries.insert(
            *mrn,
            Enquiry { opened_entry: ctx.entry_index, opened_at: ctx.time, answer_by, answer: None },
        );
        self.guarantees.totals.enquiries_opened += 1;
        self.movements[index].history.push(ctx.entry_index);
        events.push(Event::Guarantee(GuaranteeEvent::EnquiryOpened { mrn: *mrn, answer_by }));
        Ok(())
    }

    pub(super) fn answer_enquiry(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        evidence: &Commitment,
        events: &mut Vec<Event>,
    ) -> Applied {
        let index = self.movement_index(mrn)?;
        let movement = &self.movements[index];
        match self.key_record(signer)?.holder {
            Holder::Carrier { carrier } if self.carriers[carrier].id == movement.carrier => {}
            Holder::Officer { .. } => {
                self.officer_on_itinerary(signer, Act::Discharge, movement)?
            }
            _ => return Err(GuaranteeRefusal::NotHolderOrOffice { key: *signer, mrn: *mrn }.into()),
        }
        let enquiry =
            self.guarantees.enquiries.get(mrn).ok_or(GuaranteeRefusal::NoEnquiry(*mrn))?;
        if enquiry.answer.is_some() {
            return Err(GuaranteeRefusal::AlreadyAnswered(*mrn).into());
        }
        if ctx.time > enquiry.answer_by {
            return Err(GuaranteeRefusal::AnswerPeriodOver {
                mrn: *mrn,
                answer_by: enquiry.answer_by,
            }
            .into());
        }
        let enquiry = self.guarantees.enquiries.get_mut(mrn).expect("checked above");
        enquiry.answer = Some((ctx.entry_index, *evidence));
        self.movements[index].history.push(ctx.entry_index);
        events.push(Event::Guarantee(GuaranteeEvent::EnquiryAnswered { mrn: *mrn }));
        Ok(())
    }

    pub(super) fn close_enquiry(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        mrn: &Mrn,
        outcome: EnquiryOutcome,
        events: &mut Vec<Event>,
    ) -> Applied {
        let index = self.movement_index(mrn)?;
        let movement = &self.movements[index];
        self.officer_on_itinerary(signer, Act::Accept, movement)?;
        let enquiry =
            *self.guarantees.enquiries.get(mrn).ok_or(GuaranteeRefusal::NoEnquiry(*mrn))?;
        // The enquiry settles the missed time limit: its overdue incidents close with it.
        // Any other open incident must be closed first, as for a discharge.
        let overdue_open = movement
            .incidents
            .iter()
            .filter(|incident| {
                incident.kind == IncidentKind::Overdue && incident.closed_entry.is_none()
            })
            .count() as u16;
        let other_open = movement.open_incidents - overdue_open;
        let mut fee = None;
        let mut recovery = None;
        match outcome {
            EnquiryOutcome::AlternativeProof => {
                if enquiry.answer.is_none() {
                    return Err(GuaranteeRefusal::NoEvidence(*mrn).into());
                }
                if other_open > 0 {
                    return Err(Refusal::OpenIncidents { mrn: *mrn, count: other_open });
                }
                if let AssessOn::Discharge = self.regime.tariff.assess_on
                    && movement.fee.is_none()
                {
                    fee = Some(self.assess_fee(movement)?);
                }
            }
            EnquiryOutcome::Recovery => {
                if enquiry.answer.is_none() && ctx.time <= enquiry.answer_by {
                    return Err(GuaranteeRefusal::AnswerPeriodRunning {
                        mrn: *mrn,
                        answer_by: enquiry.answer_by,
                    }
                    .into());
                }
                recovery = Some(self.plan_recovery(index)?);
            }
        }
        // Validated: from here on nothing is refused.
        self.guarantees.enquiries.remove(mrn);
        let post = self.movements[index].current_visit().map(|visit| visit.post);
        if let Some(post) = post {
            self.count_leaving(post);
        }
        let movement = &mut self.movements[index];
        for incident in &mut movement.incidents {
            if incident.kind == IncidentKind::Overdue && incident.closed_entry.is_none() {
                incident.closed_entry = Some(ctx.entry_index);
                movement.open_incidents -= 1;
                events.push(Event::IncidentClosed { mrn: *mrn, number: incident.number });
            }
        }
        movement.history.push(ctx.entry_index);
        movement.status = match outcome {
            EnquiryOutcome::AlternativeProof => MovementStatus::Discharged,
            EnquiryOutcome::Recovery => MovementStatus::Recovered,
        };
        events.push(Event::Guarantee(GuaranteeEvent::EnquiryClosed { mrn: *mrn, outcome }));
        match outcome {
            EnquiryOutcome::AlternativeProof => {
                self.guarantees.totals.discharged_on_alternative_proof += 1;
                events.push(Event::Discharged { mrn: *mrn });
                self.release_engagement(mrn, events);
                if let Some(fee) = fee {
                    self.post_fee(ctx, index, fee, events);
                }
            }
            EnquiryOutcome::Recovery => {
                self.guarantees.totals.recoveries += 1;
                let (guarantee, amount, currency, legs) = recovery.expect("planned above");
                self.release_engagement(mrn, events);
                if let Some(id) = guarantee {
                    let record =
                        self.guarantees.guarantees.get_mut(&id).expect("an engaged guarantee");
                    record.called = AmountMinor(record.called.0 + amount.0);
                    assert!(record.remaining().0 >= 0, "a call never exceeds the reference amount");
                }
                if amount.0 != 0 {
                    self.ledger.post(
                        ctx.entry_index,
                        ctx.time,
                        PostingKind::Recovery,
                        currency,
                        &legs,
                    );
                }
                events.push(Event::Guarantee(GuaranteeEvent::Recovered {
                    mrn: *mrn,
                    guarantee,
                    amount,
                    currency,
                }));
            }
        }
        Ok(())
    }

    /// Who pays the recovery and the legs that move it: the guarantee the movement
    /// engages, for the engaged amount; or, for an unsecured movement, its holder, for
    /// what its goods would engage under the regime in force. The revenue accounts share
    /// it as they share fees.
    #[allow(clippy::type_complexity)]
    fn plan_recovery(
        &self,
        index: usize,
    ) -> Result<(Option<Ident>, AmountMinor, Currency, Vec<(Account, AmountMinor)>), Refusal> {
        let movement = &self.movements[index];
        let (guarantee, debtor, amount, currency) =
            match self.guarantees.engagements.get(&movement.mrn) {
                Some(engagement) => {
                    let record = &self.guarantees.guarantees[&engagement.guarantee];
                    (
                        Some(engagement.guarantee),
                        Account::Guarantor(record.guarantor),
                        engagement.amount,
                        record.currency,
                    )
                }
                None => {
                    let amount = engagement_for(&self.regime.guarantee, &movement.declaration)
                        .ok_or(Refusal::AmountOverflow)?;
                    (None, Account::Carrier(movement.carrier), amount, self.regime.tariff.currency)
                }
            };
        let legs = self.split_legs(debtor, amount);
        if !self.ledger.can_post(currency, &legs) {
            return Err(Refusal::AmountOverflow);
        }
        Ok((guarantee, amount, currency, legs))
    }

    /// `debtor` pays `amount`, shared between the revenue accounts by the tariff's split
    /// (rounding remainders to the first account), as [`State::fee_legs`] does.
    fn split_legs(&self, debtor: Account, amount: AmountMinor) -> Vec<(Account, AmountMinor)> {
        let split = &self.regime.tariff.split;
        let mut legs = Vec::with_capacity(split.len() + 1);
        legs.push((debtor, AmountMinor(-amount.0)));
        let mut rest = amount.0;
        for (account, points) in split.iter().skip(1) {
            let share =
                (i128::from(amount.0) * i128::from(*points) / i128::from(BASIS_POINTS)) as i64;
            rest -= share;
            legs.push((Account::Revenue(*account), AmountMinor(share)));
        }
        legs.insert(1, (Account::Revenue(split[0].0), AmountMinor(rest)));
        legs
    }

    pub(super) fn remit(
        &mut self,
        ctx: &ApplyContext,
        signer: &PublicKey,
        account: &Ident,
        amount: AmountMinor,
        currency: Currency,
        events: &mut Vec<Event>,
    ) -> Applied {
        let party = self.authority(signer, "remit revenue")?;
        let treasury = *self
            .regime
            .tariff
            .treasuries
            .get(account)
            .ok_or(GuaranteeRefusal::NoTreasury(*account))?;
        if treasury != self.charter.parties[party].id {
            return Err(GuaranteeRefusal::TreasuryOfAnotherParty {
                account: *account,
                party: treasury,
            }
            .into());
        }
        if amount.0 <= 0 {
            return Err(Refusal::AmountNotPositive(amount));
        }
        let balance = self.ledger.balance(&Account::Revenue(*account), currency);
        if amount > balance {
            return Err(GuaranteeRefusal::BeyondBalance {
                account: *account,
                balance,
                amount,
                currency,
            }
            .into());
        }
        let legs = [
            (Account::Revenue(*account), AmountMinor(-amount.0)),
            (Account::Treasury(treasury), amount),
        ];
        if !self.ledger.can_post(currency, &legs) {
            return Err(Refusal::AmountOverflow);
        }
        self.ledger.post(ctx.entry_index, ctx.time, PostingKind::Remittance, currency, &legs);
        events.push(Event::Guarantee(GuaranteeEvent::Remitted {
            account: *account,
            party: treasury,
            amount,
            currency,
        }));
        Ok(())
    }
}
