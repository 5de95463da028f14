//! The figures a node publishes, at a cost that does not grow with the log's history.
//!
//! The sequencer keeps running totals (movements per status, open incidents, fees and
//! payments per currency), advanced at each batch from the movements the batch touched and
//! the ledger legs it posted, and hands readers a [`Committed`]: the tree head, a copy of the
//! state as committed (its persistent collections shared, so the copy costs O(1)) and those
//! totals. `GET /v1/statistics` and `GET /v1/accounts` read that copy: the queues and dwell
//! per post, the balances per account and the totals are all kept as entries apply, so an
//! answer costs the posts, currencies and accounts, never the history, and no reader takes
//! the state's lock.
//!
//! The publisher renders the same figures, with the core's state digest, for each
//! checkpoint it publishes ([`published_figures`]), and the store keeps them beside it, so
//! an auditor compares what the node said at the size it verified.

use crate::api::accounts::Balance;
use crate::api::statistics::Statistics;
use crate::projection::status_code;
use crate::sequencer::TreeHead;
use passage_core::digest::DigestCache;
use passage_core::ledger::PostingKind;
use passage_core::{Account, Currency, MovementStatus, Mrn, State};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

/// Totals the sequencer keeps as batches commit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Movements per status, indexed as [`MovementStatus::ALL`].
    pub movements: [u64; MovementStatus::ALL.len()],
    /// Incidents open.
    pub incidents_open: u64,
    /// Fees debited to carriers, per currency (minor units, positive).
    pub fees: BTreeMap<Currency, i64>,
    /// Payments credited to carriers, per currency (minor units).
    pub payments: BTreeMap<Currency, i64>,
}

impl Totals {
    /// The totals of `state`, by a walk over every movement and ledger leg: what recovery
    /// runs once, and what the running totals must always equal.
    pub fn of(state: Option<&State>) -> Totals {
        let mut totals = Totals::default();
        let Some(state) = state else { return totals };
        for movement in state.movements() {
            totals.count(movement, 1);
        }
        for leg in state.ledger().legs() {
            totals.post(leg);
        }
        totals
    }

    /// Advances the totals of `before` (the state at `first_index`, `None` before the
    /// charter) to `after`, which applied entries `first_index..` touching the movements
    /// `touched`: the cost of the batch, not of the history.
    pub fn advance(
        &mut self,
        before: Option<&State>,
        after: Option<&State>,
        first_index: u64,
        touched: &[Mrn],
    ) {
        let Some(after) = after else { return };
        let mut touched = touched.to_vec();
        touched.sort_unstable();
        touched.dedup();
        for mrn in &touched {
            if let Some(movement) = before.and_then(|state| state.movement(mrn)) {
                self.count(movement, -1);
            }
            if let Some(movement) = after.movement(mrn) {
                self.count(movement, 1);
            }
        }
        let legs = after.ledger().legs();
        let new_legs = legs.iter().rev().take_while(|leg| leg.entry_index >= first_index).count();
        for leg in &legs.skip(legs.len() - new_legs) {
            self.post(leg);
        }
    }

    fn count(&mut self, movement: &passage_core::Movement, sign: i64) {
        let add = |total: &mut u64, count: u64| {
            *total = if sign > 0 {
                *total + count
            } else {
                total.checked_sub(count).expect("a count never goes below zero")
            };
        };
        add(&mut self.movements[movement.status as usize], 1);
        add(&mut self.incidents_open, u64::from(movement.open_incidents));
    }

    fn post(&mut self, leg: &passage_core::ledger::Leg) {
        if !matches!(leg.account, Account::Carrier(_)) {
            return;
        }
        match leg.kind {
            // A fee debits the carrier's account.
            PostingKind::Fee => *self.fees.entry(leg.currency).or_default() -= leg.amount.0,
            PostingKind::Payment => *self.payments.entry(leg.currency).or_default() += leg.amount.0,
            PostingKind::Refund | PostingKind::Recovery | PostingKind::Remittance => {}
        }
    }
}

/// The log as last committed, for readers: the tree head, the state at that size (`None`
/// before the charter) and its running totals.
#[derive(Clone, Debug)]
pub struct Committed {
    /// The tree the state folds.
    pub head: TreeHead,
    /// The state after `head.size` entries.
    pub state: Option<State>,
    /// Its totals.
    pub totals: Totals,
    /// Which fold of the log this state comes from: every state recovered from the store
    /// starts a new one ([`Committed::recovered`]), and each commit keeps its
    /// predecessor's. A digest cache serves only states of its own lineage.
    pub lineage: u64,
}

/// Lineages handed out so far in this process.
static LINEAGES: AtomicU64 = AtomicU64::new(1);

impl Committed {
    /// `state` at `head`, with its totals walked once: a new lineage.
    pub fn recovered(head: TreeHead, state: Option<State>) -> Committed {
        let totals = Totals::of(state.as_ref());
        let lineage = LINEAGES.fetch_add(1, Ordering::Relaxed);
        Committed { head, state, totals, lineage }
    }

    /// The statistics at this size (the state digest left out: it walks the whole state,
    /// and is given for published checkpoints only).
    pub fn statistics(&self) -> Statistics {
        let mut statistics = Statistics {
            entries: self.head.size,
            tree_size: self.head.size,
            ..Statistics::default()
        };
        let Some(state) = &self.state else { return statistics };
        for (status, count) in MovementStatus::ALL.iter().zip(self.totals.movements) {
            statistics.movements.insert(status_code(*status).to_owned(), count);
        }
        let amounts = |amounts: &BTreeMap<Currency, i64>| {
            amounts.iter().map(|(currency, amount)| (currency.to_string(), *amount)).collect()
        };
        statistics.fees_minor = amounts(&self.totals.fees);
        statistics.payments_minor = amounts(&self.totals.payments);
        statistics.incidents_open = self.totals.incidents_open;
        let posts = &state.corridor().posts;
        // The core counts the movements at each post as they arrive and leave.
        for (post, count) in posts.iter().zip(state.movement_counts_at_posts()) {
            if *count > 0 {
                statistics.movements_at_post.insert(post.id.to_string(), *count);
            }
        }
        for (post, dwell) in posts.iter().zip(state.dwell()) {
            if dwell.departures > 0 {
                statistics.dwell_seconds_mean.insert(
                    post.id.to_string(),
                    dwell.total_ms as f64 / dwell.departures as f64 / 1_000.0,
                );
            }
        }
        statistics
    }

    /// The balances at this size, per account and currency (kept by the core's ledger as
    /// it posts), those of `account` only when one is named.
    pub fn balances(&self, account: Option<&str>) -> Vec<Balance> {
        let Some(state) = &self.state else { return Vec::new() };
        let mut balances: Vec<Balance> = state
            .ledger()
            .balances()
            .map(|((holder, currency), amount)| Balance {
                account: holder.to_string(),
                currency: currency.to_string(),
                amount_minor: amount.0,
            })
            .filter(|balance| account.is_none_or(|account| balance.account == account))
            .collect();
        // In the order the store's sums come in: by account, then currency, as text.
        balances.sort_by(|a, b| (&a.account, &a.currency).cmp(&(&b.account, &b.currency)));
        balances
    }
}

/// What the node publishes about its state at a checkpoint's size, stored beside the
/// checkpoint (`passage_store::CheckpointFigures`) and served by `GET /v1/statistics?at=`
/// and `GET /v1/accounts?at=`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PublishedFigures {
    /// The statistics at that size.
    pub statistics: Statistics,
    /// The balances at that size.
    pub balances: Vec<Balance>,
}

/// The state digest's cache of movement blocks, for the states of one lineage
/// ([`Committed::lineage`]): the publisher's, kept from one checkpoint to the next so that
/// each digest hashes again only the blocks changed since the last.
#[derive(Debug, Default)]
pub struct LineageDigestCache {
    lineage: u64,
    cache: DigestCache,
}

impl LineageDigestCache {
    /// The digest of `committed`'s state, through the cache when it holds that lineage,
    /// else through a new one.
    pub fn digest(&mut self, committed: &Committed) -> [u8; 32] {
        if self.lineage != committed.lineage {
            *self = LineageDigestCache { lineage: committed.lineage, cache: DigestCache::new() };
        }
        committed.state.as_ref().map_or([0; 32], |state| state.digest_with(&mut self.cache))
    }
}

/// The figures of `committed` with the core's state digest, for the store. The digest
/// hashes again the blocks of movements changed since `cache` was last used, so the
/// publisher runs this on a blocking thread, on its own copy.
pub fn published_figures(
    committed: &Committed,
    cache: &mut LineageDigestCache,
) -> passage_store::CheckpointFigures {
    let state_digest = cache.digest(committed);
    let mut statistics = committed.statistics();
    statistics.state_digest = Some(hex::encode(state_digest));
    let figures = PublishedFigures { statistics, balances: committed.balances(None) };
    passage_store::CheckpointFigures {
        tree_size: committed.head.size,
        state_digest: state_digest.to_vec(),
        figures: serde_json::to_string(&figures).expect("figures serialise"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use passage_core::regime::Act;
    use passage_core::statement::{IncidentKind, Statement};
    use passage_core::testing::{self, Scenario};

    /// Advances totals over the entries `scenario` applied since `before` and checks them
    /// against a walk of the whole state.
    fn check_advance(totals: &mut Totals, before: &State, scenario: &Scenario, touched: &[Mrn]) {
        let first_index = before.next_entry_index();
        totals.advance(Some(before), Some(&scenario.state), first_index, touched);
        assert_eq!(*totals, Totals::of(Some(&scenario.state)));
    }

    #[test]
    fn running_totals_equal_a_walk_of_the_state_after_every_batch() {
        let mut scenario = Scenario::syunik();
        let mut totals = Totals::of(Some(&scenario.state));
        let before = scenario.state.clone();
        let truck = testing::truck("AM-TRANSIT-ROAD", "10AB170", "2022:080810", 18_000);
        let mrn = scenario.declare_accepted("ARAZ-TRUCKS", truck);
        let second = testing::truck("AM-TRANSIT-ROAD", "10AB171", "2022:080810", 12_000);
        let other = scenario.declare_accepted("ARAZ-TRUCKS", second);
        check_advance(&mut totals, &before, &scenario, &[mrn, other]);

        let before = scenario.state.clone();
        let arrive = scenario.officer_for(Act::Arrive, "AM-MEGHRI-E");
        scenario.submit_ok(&arrive, Statement::Arrive { mrn, post: testing::ident("AM-MEGHRI-E") });
        let reporter = scenario.officer_for(Act::ReportIncident, "AM-MEGHRI-E");
        let details = testing::test_commitment("seal cut on the trailer");
        let report = Statement::ReportIncident { mrn, kind: IncidentKind::SealBroken, details };
        scenario.submit_ok(&reporter, report);
        check_advance(&mut totals, &before, &scenario, &[mrn]);
        assert_eq!(totals.incidents_open, 1);

        let before = scenario.state.clone();
        scenario.clear_post(mrn, "AM-MEGHRI-E");
        scenario.pass_post(mrn, "AM-AGARAK-X");
        let closer = scenario.officer_for(Act::CloseIncident, "AM-AGARAK-X");
        let resolution = testing::test_commitment("resealed");
        scenario.submit_ok(&closer, Statement::CloseIncident { mrn, incident: 1, resolution });
        check_advance(&mut totals, &before, &scenario, &[mrn]);
        assert_eq!(totals.incidents_open, 0);
        assert_eq!(totals.movements.iter().sum::<u64>(), 2, "two movements declared");
    }
}
