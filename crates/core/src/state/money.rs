//! Money: transit fees from the tariff, payments and refunds, posted to the ledger.

use super::*;

impl State {
    /// The movement's transit fee under the tariff in force, checked to fit the ledger.
    pub(super) fn assess_fee(&self, movement: &Movement) -> Result<AmountMinor, Refusal> {
        let amount =
            transit_fee(&self.regime, self.corridor(), movement).ok_or(Refusal::AmountOverflow)?;
        let legs = self.fee_legs(movement, amount);
        if !self.ledger.can_post(self.regime.tariff.currency, &legs) {
            return Err(Refusal::AmountOverflow);
        }
        Ok(amount)
    }

    pub(super) fn fee_legs(
        &self,
        movement: &Movement,
        amount: AmountMinor,
    ) -> Vec<(Account, AmountMinor)> {
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

    pub(super) fn post_fee(
        &mut self,
        ctx: &ApplyContext,
        index: usize,
        amount: AmountMinor,
        events: &mut Vec<Event>,
    ) {
        let currency = self.regime.tariff.currency;
        let legs = self.fee_legs(&self.movements[index], amount);
        self.ledger.post(ctx.entry_index, ctx.time, PostingKind::Fee, currency, &legs);
        self.count_fee(ctx.time, currency, amount);
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
    pub(super) fn record_money(
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
        if kind == PostingKind::Payment {
            self.count_payment(ctx.time, currency, amount);
        }
        events.push(if kind == PostingKind::Payment {
            Event::PaymentRecorded { carrier: *carrier, amount, currency }
        } else {
            Event::RefundRecorded { carrier: *carrier, amount, currency }
        });
        Ok(())
    }
}
