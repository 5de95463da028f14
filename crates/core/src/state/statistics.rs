//! Statistics kept as entries apply: totals per hour (movements declared, arrivals at the
//! destination, departures and dwell per post, fees and payments per currency) and the
//! number of movements now at each post. A reader sums the hours a period covers, or reads
//! a post's count, instead of folding the whole history on every request.
//!
//! Each figure is counted at the time the act carries (the time it was recorded, as the
//! movement's and the ledger's own times are), so the hours agree with a fold over the
//! movements and the ledger legs.

use super::*;
use std::num::NonZeroU64;

/// Milliseconds in an hour: the grain of the per-hour totals. A day is 24 of them and a
/// week 168, so every period the node offers is a whole number of hours.
pub const HOUR_MS: u64 = 3_600_000;

/// Departures from one post over an hour or a period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DwellTotals {
    /// Departures counted.
    pub departures: u64,
    /// Total milliseconds between arrival and departure.
    pub total_ms: u64,
    /// Longest time between arrival and departure, in milliseconds.
    pub max_ms: u64,
}

impl DwellTotals {
    fn add(&mut self, other: &DwellTotals) {
        self.departures += other.departures;
        self.total_ms = self.total_ms.saturating_add(other.total_ms);
        self.max_ms = self.max_ms.max(other.max_ms);
    }
}

/// What happened over an hour or a run of hours. Only what happened is kept: a post with
/// no departure and a currency with no fee or payment have no line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeriodTotals {
    /// Movements declared.
    pub declared: u64,
    /// Arrivals at the last post of the movement's route.
    pub arrived_at_destination: u64,
    /// Departures and dwell, by post index.
    pub dwell: BTreeMap<PostIndex, DwellTotals>,
    /// Fees assessed, by currency, in minor units (what the carriers' accounts were
    /// debited).
    pub fees: BTreeMap<Currency, i64>,
    /// Payments recorded, by currency, in minor units (what the carriers' accounts were
    /// credited; refunds are not counted).
    pub payments: BTreeMap<Currency, i64>,
}

impl PeriodTotals {
    /// Adds another hour's or period's totals to these.
    pub fn add(&mut self, other: &PeriodTotals) {
        self.declared += other.declared;
        self.arrived_at_destination += other.arrived_at_destination;
        for (post, dwell) in &other.dwell {
            self.dwell.entry(*post).or_default().add(dwell);
        }
        for (currency, amount) in &other.fees {
            let total = self.fees.entry(*currency).or_default();
            *total = total.saturating_add(*amount);
        }
        for (currency, amount) in &other.payments {
            let total = self.payments.entry(*currency).or_default();
            *total = total.saturating_add(*amount);
        }
    }
}

/// The hour (counted from 1970) that a time falls in.
fn hour_of(time: Timestamp) -> u64 {
    time.0 / HOUR_MS
}

impl State {
    fn hour_mut(&mut self, time: Timestamp) -> &mut PeriodTotals {
        self.hours.entry(hour_of(time)).or_default()
    }

    pub(super) fn count_declared(&mut self, time: Timestamp) {
        self.hour_mut(time).declared += 1;
    }

    /// A movement arrived at `post` (its destination or not): it is now at that post.
    pub(super) fn count_arrival(&mut self, time: Timestamp, post: PostIndex, destination: bool) {
        self.at_post[usize::from(post)] += 1;
        if destination {
            self.hour_mut(time).arrived_at_destination += 1;
        }
    }

    /// A movement left `post` after `dwell_ms` there.
    pub(super) fn count_departure(&mut self, time: Timestamp, post: PostIndex, dwell_ms: u64) {
        self.count_leaving(post);
        let one = DwellTotals { departures: 1, total_ms: dwell_ms, max_ms: dwell_ms };
        self.hour_mut(time).dwell.entry(post).or_default().add(&one);
    }

    /// A movement is no longer at `post` (it departed, or was discharged there).
    pub(super) fn count_leaving(&mut self, post: PostIndex) {
        let count = &mut self.at_post[usize::from(post)];
        assert!(*count > 0, "a movement leaves only a post it is at");
        *count -= 1;
    }

    /// A fee of `amount` was posted (a zero fee posts nothing, and counts nothing).
    pub(super) fn count_fee(&mut self, time: Timestamp, currency: Currency, amount: AmountMinor) {
        if amount.0 != 0 {
            let total = self.hour_mut(time).fees.entry(currency).or_default();
            *total = total.saturating_add(amount.0);
        }
    }

    /// A payment of `amount` was posted.
    pub(super) fn count_payment(
        &mut self,
        time: Timestamp,
        currency: Currency,
        amount: AmountMinor,
    ) {
        let total = self.hour_mut(time).payments.entry(currency).or_default();
        *total = total.saturating_add(amount.0);
    }

    /// The totals of every hour in which something was counted, by hour since 1970
    /// (the hour's start is `hour * HOUR_MS`), in time order.
    pub fn hour_totals(&self) -> impl Iterator<Item = (u64, &PeriodTotals)> {
        self.hours.iter().map(|(hour, totals)| (*hour, totals))
    }

    /// The totals of `periods` consecutive periods of `hours_per_period` hours each, the
    /// first starting at hour `first_hour` (since 1970). Costs the number of periods plus
    /// the hours with something counted in them, whatever the history's length.
    pub fn totals_by_period(
        &self,
        first_hour: u64,
        hours_per_period: NonZeroU64,
        periods: usize,
    ) -> Vec<PeriodTotals> {
        let mut totals = vec![PeriodTotals::default(); periods];
        let span = hours_per_period.get().saturating_mul(periods as u64);
        let end = first_hour.saturating_add(span);
        for (hour, figures) in self.hours.range(first_hour..end) {
            let index = (hour - first_hour) / hours_per_period.get();
            totals[index as usize].add(figures);
        }
        totals
    }

    /// How many movements are now at each post (index as in the corridor), their
    /// destination included: the queue at each post, kept as movements arrive and leave.
    pub fn movement_counts_at_posts(&self) -> &[u64] {
        &self.at_post
    }
}
