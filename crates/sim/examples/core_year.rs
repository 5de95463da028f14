//! Times corridor-years with every act applied by the domain core: one replication of the
//! model alone and one with the core in the loop (the overhead ratio, in the same run),
//! then many replications with the core on every core of the machine.
//!
//! Usage: `cargo run --release -p passage-sim --example core_year -- SCENARIO [REPLICATIONS] [DAYS]`
//! (DAYS shortens the scenario's horizon, for a quick look).

use std::time::Instant;

use passage_sim::core_loop::{self, CoreOptions, CoreSetup};
use passage_sim::corridor::{Detail, Unobserved, run};
use passage_sim::replicate;
use passage_sim::scenario::Scenario;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: core_year SCENARIO [REPLICATIONS] [DAYS]")?;
    let replications: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(10);
    let days: Option<u32> = args.next().map(|s| s.parse()).transpose()?;
    let mut scenario = Scenario::from_toml(&std::fs::read_to_string(&path)?)?;
    if let Some(days) = days {
        let mut file = scenario.file.clone();
        file.scenario.days = days;
        file.scenario.warmup_days = file.scenario.warmup_days.min(days / 2);
        scenario = Scenario::from_file(file)?;
    }
    let seed = scenario.file.scenario.seed;
    let setup = CoreSetup::new(&scenario)?;
    println!("{path}: core regime `{}` ({})", setup.regime_key(), setup.regime_name());

    let start = Instant::now();
    let alone =
        run(&scenario, seed, 0, Detail::default(), Unobserved).map_err(|e| match e.source {})?;
    let alone_wall = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let with_core =
        core_loop::run(&scenario, &setup, seed, 0, Detail::default(), CoreOptions::default())?;
    let core_wall = start.elapsed().as_secs_f64();
    let figures = with_core.report.core.clone().ok_or("the core's figures")?;
    let units: u64 = with_core.report.classes.iter().map(|c| c.released + c.held).sum();
    println!(
        "model alone: wall {alone_wall:.3}s, {} events, {:.2} Mt/yr",
        alone.events,
        alone.throughput_tonnes_per_year / 1e6
    );
    println!(
        "core in the loop: wall {core_wall:.3}s, {} events, {} statements ({:.0} statements/s), \
         {units} units counted, {} movements, {:.2} Mt/yr, overdue {}; overhead {:.1}x",
        with_core.report.events,
        figures.statements,
        figures.statements as f64 / core_wall,
        with_core.state.movements().len(),
        with_core.report.throughput_tonnes_per_year / 1e6,
        figures.overdue,
        core_wall / alone_wall,
    );
    println!("fees ({}): {:?}", with_core.report.fees_currency, with_core.report.fees_minor);
    drop(with_core);

    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
    let start = Instant::now();
    let statements = pool.install(|| {
        replicate(replications, |r| {
            core_loop::run(&scenario, &setup, seed, r, Detail::default(), CoreOptions::default())
                .map(|run| run.report.core.map_or(0, |core| core.statements))
                .map_err(|refused| refused.to_string())
        })
    });
    let wall = start.elapsed().as_secs_f64();
    let statements: u64 = statements.into_iter().sum::<Result<u64, String>>()?;
    println!(
        "{replications} replications with the core on {threads} thread(s): wall {wall:.1}s, \
         {:.2}s per replication, {:.0} statements/s",
        wall / replications as f64,
        statements as f64 / wall
    );
    Ok(())
}
