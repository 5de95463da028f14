//! The cost of `GET /v1/statistics` and `GET /v1/accounts` against the log's length, before
//! and after the running totals, in the same run.
//!
//! For each size, builds a state of core-valid traffic (trucks declared, accepted, passed
//! through every post and discharged, fees assessed), and a SQLite store holding its ledger
//! postings as the sequencer projects them. Then times, the best of `RUNS` each:
//!
//! - statistics, before: the walk the handler did under the state's read lock (movements by
//!   status, every ledger leg for fees and payments, every movement for open incidents);
//!   after: [`Committed::statistics`], from the running totals;
//! - balances, before: the store's sum of every posting (`Store::balances` without a
//!   period, what the handler asked); after: [`Committed::balances`], from the balances the
//!   core's ledger keeps.
//!
//! `cargo bench -p passage-node --bench figures -- [entries ...]` (default 10,000 and
//! 100,000).

use passage_core::ledger::PostingKind;
use passage_core::testing::{self, Scenario, ScenarioConfig, Signing};
use passage_core::{Account, State};
use passage_node::figures::Committed;
use passage_node::sequencer::TreeHead;
use passage_store::{
    AnyStore, AppendBatch, BalanceQuery, Period, SqliteConfig, Store, StoreConfig,
};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Timed runs of each read; the best is reported.
const RUNS: usize = 20;
/// Entries per store batch while writing the postings.
const BUILD_BATCH: u64 = 4_096;

/// A state of `target` entries or a few more.
fn build(target: u64) -> State {
    let mut scenario = Scenario::new(&ScenarioConfig::syunik());
    scenario.signing = Signing::Skip;
    scenario.keep_entries = false;
    let mut truck = 0u64;
    while scenario.state.next_entry_index() < target {
        truck += 1;
        scenario.advance_minutes(1);
        let plate = format!("{:02}TR{:06}", truck / 1_000_000 % 100, truck % 1_000_000);
        let declaration = testing::truck("AM-TRANSIT-ROAD", &plate, "2022:080810", 18_000);
        let mrn = scenario.declare_accepted("ARAZ-TRUCKS", declaration);
        scenario.complete(mrn);
    }
    scenario.state
}

/// A store whose postings are the state's ledger legs, as the sequencer projects them.
async fn store_of(state: &State, path: &std::path::Path) -> AnyStore {
    let store = AnyStore::open(StoreConfig::Sqlite(SqliteConfig::new(path))).await.expect("opens");
    let size = state.next_entry_index();
    let legs = state.ledger().legs();
    let mut legs = legs.iter().peekable();
    let mut first = 0;
    while first < size {
        let end = (first + BUILD_BATCH).min(size);
        let mut batch = AppendBatch::default();
        for index in first..end {
            let mut sha = [0; 32];
            sha[..8].copy_from_slice(&index.to_be_bytes());
            batch.entries.push(passage_store::Entry {
                index,
                bytes: index.to_be_bytes().to_vec(),
                statement_sha256: sha,
                sequenced_at_ms: 0,
            });
        }
        let mut ordinals: BTreeMap<u64, u32> = BTreeMap::new();
        while let Some(leg) = legs.next_if(|leg| leg.entry_index < end) {
            let ordinal = ordinals.entry(leg.entry_index).or_default();
            batch.projections.postings.push(passage_store::PostingRow {
                entry_index: leg.entry_index,
                ordinal: *ordinal,
                account: leg.account.to_string(),
                currency: leg.currency.to_string(),
                amount_minor: leg.amount.0,
                at_ms: leg.time.0 as i64,
            });
            *ordinal += 1;
        }
        store.append_batch(batch).await.expect("appends");
        first = end;
    }
    store
}

/// What `GET /v1/statistics` computed before the running totals, under the read lock.
fn walked_statistics(state: &State) -> (BTreeMap<&'static str, u64>, i64, i64, u64) {
    let mut movements = BTreeMap::new();
    for (status, count) in state.status_counts() {
        movements.insert(status.as_str(), count as u64);
    }
    let (mut fees, mut payments) = (0i64, 0i64);
    for leg in state.ledger().legs() {
        match (leg.kind, leg.account) {
            (PostingKind::Fee, Account::Carrier(_)) => fees -= leg.amount.0,
            (PostingKind::Payment, Account::Carrier(_)) => payments += leg.amount.0,
            _ => {}
        }
    }
    let incidents = state.movements().iter().map(|m| u64::from(m.open_incidents)).sum();
    (movements, fees, payments, incidents)
}

fn best<T>(mut run: impl FnMut() -> T) -> Duration {
    (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            black_box(run());
            started.elapsed()
        })
        .min()
        .expect("runs")
}

async fn best_async<T, F: std::future::Future<Output = T>>(mut run: impl FnMut() -> F) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..RUNS {
        let started = Instant::now();
        black_box(run().await);
        best = best.min(started.elapsed());
    }
    best
}

fn micros(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e6
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let sizes: Vec<u64> =
        std::env::args().skip(1).filter_map(|argument| argument.parse().ok()).collect::<Vec<_>>();
    let sizes = if sizes.is_empty() { vec![10_000, 100_000] } else { sizes };
    println!(
        "{:>9} {:>10} | statistics: walk µs  totals µs  ratio | balances: SQL sum µs  ledger µs  ratio",
        "entries", "movements"
    );
    for size in sizes {
        let state = build(size);
        let folder = tempfile::tempdir().expect("a folder");
        let store = store_of(&state, &folder.path().join("passage.db")).await;
        let head = TreeHead { size: state.next_entry_index(), root: passage_log::Hash::default() };
        let committed = Committed::recovered(head, Some(state.clone()));
        // Both ways give the same figures.
        let walked = walked_statistics(&state);
        let statistics = committed.statistics();
        assert_eq!(statistics.movements.get("discharged"), walked.0.get("discharged"));
        assert_eq!(statistics.fees_minor.values().sum::<i64>(), walked.1);
        let summed = store
            .balances(BalanceQuery { account: None, period: Period::default() })
            .await
            .expect("sums");
        let kept = committed.balances(None);
        assert_eq!(summed.len(), kept.len());
        for (sum, balance) in summed.iter().zip(&kept) {
            assert_eq!((&sum.account, sum.amount_minor), (&balance.account, balance.amount_minor));
        }

        let walk = best(|| walked_statistics(&state));
        let totals = best(|| committed.statistics());
        let sql = best_async(|| {
            store.balances(BalanceQuery { account: None, period: Period::default() })
        })
        .await;
        let ledger = best(|| committed.balances(None));
        println!(
            "{:>9} {:>10} | {:>19.1} {:>10.1} {:>6.0} | {:>20.1} {:>10.1} {:>6.0}",
            state.next_entry_index(),
            state.movements().len(),
            micros(walk),
            micros(totals),
            micros(walk) / micros(totals),
            micros(sql),
            micros(ledger),
            micros(sql) / micros(ledger),
        );
    }
}
