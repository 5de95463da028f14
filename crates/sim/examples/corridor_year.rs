//! Times corridor-years: one replication of a scenario, then many on one thread and on
//! every core, with the model alone (acts go to no observer); `core_year` times the same
//! with the domain core in the loop.
//!
//! Usage: `cargo run --release -p passage-sim --example corridor_year -- SCENARIO [REPLICATIONS]`

use std::time::Instant;

use passage_sim::corridor::{Detail, Unobserved, run};
use passage_sim::replicate;
use passage_sim::scenario::Scenario;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: corridor_year SCENARIO [REPLICATIONS]")?;
    let replications: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(100);
    let scenario = Scenario::from_toml(&std::fs::read_to_string(&path)?)?;
    let seed = scenario.file.scenario.seed;

    let start = Instant::now();
    let report =
        run(&scenario, seed, 0, Detail::default(), Unobserved).map_err(|e| match e.source {})?;
    let wall = start.elapsed().as_secs_f64();
    let units: u64 = report.classes.iter().map(|c| c.released + c.held).sum();
    println!(
        "{path}: one replication: wall {wall:.3}s, {} events ({:.0} events/s), {units} units counted, {:.2} Mt/yr",
        report.events,
        report.events as f64 / wall,
        report.throughput_tonnes_per_year / 1e6
    );
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    for pool_threads in [1, threads] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(pool_threads).build()?;
        let start = Instant::now();
        let reports = pool.install(|| {
            replicate(replications, |r| {
                run(&scenario, seed, r, Detail::default(), Unobserved).map(|r| r.events)
            })
        });
        let wall = start.elapsed().as_secs_f64();
        let events: u64 = reports
            .into_iter()
            .map(|r| r.map_err(|e| match e.source {}))
            .sum::<Result<u64, _>>()?;
        println!(
            "{replications} replications on {pool_threads} thread(s): wall {wall:.2}s, {:.3}s per replication, {:.0} events/s",
            wall / replications as f64,
            events as f64 / wall
        );
    }
    Ok(())
}
