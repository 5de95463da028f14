//! The state digest's cost as the number of movements grows: taken from nothing (every
//! block hashed) against taken through the cache a publisher keeps between checkpoints,
//! after a checkpoint's worth of changes to movements spread over the history (arrivals of
//! old movements, one each), in the same run.
//!
//! The traffic comes at a steady rate, a declaration and its acceptance every
//! [`MS_PER_MOVEMENT`] (about 14,000 entries a day, five million a year: the simulator's
//! corridor-year), so the parts of the state kept for a window of time (the statements that
//! may still be offered again, a week; the acts that may still be contested, 30 days) fill
//! up and stay full, as they do in a log years long; movements never arrive, so each
//! passes its deadline and changes again a day after its declaration.
//!
//! Run: `cargo bench -p passage-core --bench digest -- [movements...]` (default 10000
//! 100000 300000). The figures go to BENCHMARKS.md.

use passage_core::digest::DigestCache;
use passage_core::regime::Act;
use passage_core::statement::Statement;
use passage_core::testing::{self, Scenario};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Movements changed between two checkpoints.
const CHANGED: usize = 20;
/// Log time between two declarations: two entries each, about 14,000 entries a day.
const MS_PER_MOVEMENT: u64 = 12_343;
/// Timings per figure; the best is reported.
const ROUNDS: usize = 7;

fn best(mut run: impl FnMut() -> Duration) -> Duration {
    (0..ROUNDS).map(|_| run()).min().expect("rounds")
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter(|argument| !argument.starts_with('-'))
        .map(|argument| argument.parse().expect("a number of movements"))
        .collect();
    let sizes = if sizes.is_empty() { vec![10_000, 100_000, 300_000] } else { sizes };
    let mut scenario = Scenario::syunik();
    let mut mrns = Vec::new();
    println!(
        "| movements | entries | days | from nothing | through the cache, {CHANGED} changed | ratio |"
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    for size in sizes {
        while mrns.len() < size {
            let serial = mrns.len();
            let plate = format!("{:02}BD{:05}", serial / 100_000 % 100, serial % 100_000);
            let truck = testing::truck("AM-TRANSIT-ROAD", &plate, "2022:080810", 18_000);
            mrns.push(scenario.declare_accepted("ARAZ-TRUCKS", truck));
            scenario.advance_ms(MS_PER_MOVEMENT);
        }
        let mut cache = DigestCache::new();
        scenario.state.digest_with(&mut cache);
        // A checkpoint's changes: arrivals of movements spread over the whole history.
        let officer = scenario.officer_for(Act::Arrive, "AM-MEGHRI-E");
        let post = testing::ident("AM-MEGHRI-E");
        let mut changed = 0;
        let mut index = 7;
        while changed < CHANGED {
            index = (index * 7_919 + 13) % mrns.len();
            let mrn = mrns[index];
            let at_post =
                scenario.state.movement(&mrn).is_some_and(|movement| !movement.visits.is_empty());
            if !at_post {
                scenario.submit_ok(&officer, Statement::Arrive { mrn, post });
                changed += 1;
            }
        }
        scenario.resolve_draws();
        let state = &scenario.state;
        let whole = best(|| {
            let started = Instant::now();
            black_box(state.digest());
            started.elapsed()
        });
        let cached = best(|| {
            let mut copy = cache.clone();
            let started = Instant::now();
            black_box(state.digest_with(&mut copy));
            started.elapsed()
        });
        assert_eq!(state.digest_with(&mut cache.clone()), state.digest(), "the same digest");
        println!(
            "| {} | {} | {:.1} | {:.3} ms | {:.3} ms | {:.1} |",
            state.movements().len(),
            state.next_entry_index(),
            (mrns.len() as u64 * MS_PER_MOVEMENT) as f64 / 86_400_000.0,
            whole.as_secs_f64() * 1e3,
            cached.as_secs_f64() * 1e3,
            whole.as_secs_f64() / cached.as_secs_f64()
        );
    }
}
