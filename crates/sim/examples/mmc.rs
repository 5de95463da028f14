//! The M/M/c benchmark on our engine: c = 4, lambda = 3.2, mu = 1.0, FIFO, the same model
//! as the SimPy script in `bench/simpy/`. Prints one line per repetition and the median,
//! then times replications across threads.
//!
//! Usage: `cargo run --release -p passage-sim --example mmc -- [CUSTOMERS] [REPLICATIONS]`

use std::time::Instant;

use passage_sim::queueing::{LineConfig, StationConfig, run_line, theory};
use passage_sim::random::Distribution;
use passage_sim::{Streams, replicate};

const C: u32 = 4;
const LAMBDA: f64 = 3.2;
const MU: f64 = 1.0;

fn config(customers: u64) -> LineConfig {
    LineConfig {
        interarrival: Distribution::Exponential { mean: 1.0 / LAMBDA },
        stations: vec![StationConfig {
            servers: C,
            service: Distribution::Exponential { mean: 1.0 / MU },
        }],
        customers,
        warmup_customers: 0,
        // A microsecond of model time: rounding moves the mean wait by under 1e-6.
        ticks_per_unit: 1e6,
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let customers: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(1_000_000);
    let replications: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(8);
    let (p_wait, wq) = theory::erlang_c(C, LAMBDA, MU);
    println!(
        "passage-sim M/M/{C} lambda={LAMBDA} mu={MU} N={customers} (Erlang C: P(wait)={p_wait:.4}, Wq={wq:.4})"
    );
    let model = config(customers);
    let mut walls = Vec::new();
    for rep in 0..3u64 {
        let start = Instant::now();
        let report = run_line(&model, &Streams::new(42 + rep, 0))?;
        let wall = start.elapsed().as_secs_f64();
        let station = &report.stations[0];
        println!(
            "rep {rep}: wall {wall:.3}s, events {} -> {:.0} events/s, {:.0} customers/s; \
             mean Wq {:.4}, P(wait) {:.4}, mean W {:.4}",
            report.events,
            report.events as f64 / wall,
            customers as f64 / wall,
            station.mean_wait,
            station.waiting_probability,
            report.sojourn.mean()
        );
        walls.push(wall);
    }
    walls.sort_by(f64::total_cmp);
    let median = walls[1];
    println!(
        "median wall {median:.3}s -> {:.0} customers/s (one thread)",
        customers as f64 / median
    );

    // Replications: the same total work on one thread and on every core.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    for pool_threads in [1, threads] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(pool_threads).build()?;
        let start = Instant::now();
        let reports =
            pool.install(|| replicate(replications, |r| run_line(&model, &Streams::new(42, r))));
        let wall = start.elapsed().as_secs_f64();
        let waits: Vec<f64> = reports
            .into_iter()
            .map(|r| r.map(|r| r.stations[0].mean_wait))
            .collect::<Result<_, _>>()?;
        let estimate = passage_sim::Estimate::from_replications(&waits);
        println!(
            "replications {replications} on {pool_threads} thread(s): wall {wall:.3}s -> {:.0} customers/s; \
             Wq {:.4} ± {:.4}",
            (replications * customers) as f64 / wall,
            estimate.mean,
            estimate.half_width
        );
    }
    Ok(())
}
