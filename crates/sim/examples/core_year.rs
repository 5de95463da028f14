//! Times corridor-years with every act applied by the domain core: one replication of the
//! model alone and one with the core in the loop (the overhead ratio, in the same run),
//! then replications with the core on a one-thread and on a two-thread pool.
//!
//! Usage: `cargo run --release -p passage-sim --example core_year -- SCENARIO [REPLICATIONS] [DAYS] [THREADS]`
//! (DAYS shortens the scenario's horizon, for a quick look; 0 keeps it. THREADS is a
//! comma-separated list of pool sizes, `1,2` by default.)
//!
//! Each phase prints its wall time and the CPU time the process used (Linux: summed from
//! `/proc/self/task/*/schedstat`), so runs on a shared machine can be read by CPU time.

use std::time::Instant;

use passage_sim::core_loop::{self, CoreOptions, CoreSetup};
use passage_sim::corridor::{Detail, Unobserved, run};
use passage_sim::replicate;
use passage_sim::scenario::Scenario;

/// CPU seconds used by every thread of this process so far (0 where not on Linux).
fn cpu_seconds() -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0.0;
    };
    let nanoseconds: u64 = tasks
        .filter_map(Result::ok)
        .filter_map(|task| std::fs::read_to_string(task.path().join("schedstat")).ok())
        .filter_map(|text| text.split_whitespace().next().and_then(|n| n.parse::<u64>().ok()))
        .sum();
    nanoseconds as f64 / 1e9
}

/// Runs `f`, returning its value, wall seconds and CPU seconds.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let (cpu, start) = (cpu_seconds(), Instant::now());
    let value = f();
    (value, start.elapsed().as_secs_f64(), cpu_seconds() - cpu)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: core_year SCENARIO [REPLICATIONS] [DAYS] [THREADS]";
    let path = args.next().ok_or(usage)?;
    let replications: u64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(10);
    let days: u32 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(0);
    let threads: Vec<usize> = args
        .next()
        .unwrap_or_else(|| "1,2".into())
        .split(',')
        .map(str::parse)
        .collect::<Result<_, _>>()?;
    let mut scenario = Scenario::from_toml(&std::fs::read_to_string(&path)?)?;
    if days > 0 {
        let mut file = scenario.file.clone();
        file.scenario.days = days;
        file.scenario.warmup_days = file.scenario.warmup_days.min(days / 2);
        scenario = Scenario::from_file(file)?;
    }
    let seed = scenario.file.scenario.seed;
    let setup = CoreSetup::new(&scenario)?;
    println!("{path}: core regime `{}` ({})", setup.regime_key(), setup.regime_name());

    let (alone, alone_wall, alone_cpu) =
        timed(|| run(&scenario, seed, 0, Detail::default(), Unobserved));
    let alone = alone.map_err(|e| match e.source {})?;
    let (with_core, core_wall, core_cpu) = timed(|| {
        core_loop::run(&scenario, &setup, seed, 0, Detail::default(), CoreOptions::default())
    });
    let with_core = with_core?;
    let figures = with_core.report.core.clone().ok_or("the core's figures")?;
    let units: u64 = with_core.report.classes.iter().map(|c| c.released + c.held).sum();
    println!(
        "model alone: wall {alone_wall:.3}s, cpu {alone_cpu:.3}s, {} events, {:.2} Mt/yr",
        alone.events,
        alone.throughput_tonnes_per_year / 1e6
    );
    println!(
        "core in the loop: wall {core_wall:.3}s, cpu {core_cpu:.3}s, {} events, {} statements \
         ({:.0} statements per cpu second), {units} units counted, {} movements, {:.2} Mt/yr, \
         overdue {}, attestations {}",
        with_core.report.events,
        figures.statements,
        figures.statements as f64 / core_cpu,
        with_core.state.movements().len(),
        with_core.report.throughput_tonnes_per_year / 1e6,
        figures.overdue,
        figures.attestations,
    );
    println!(
        "overhead of the core: {:.1}x the model alone by cpu time ({:.1}x by wall time)",
        core_cpu / alone_cpu,
        core_wall / alone_wall
    );
    println!("fees ({}): {:?}", with_core.report.fees_currency, with_core.report.fees_minor);
    drop(with_core);

    if replications == 0 {
        return Ok(());
    }
    let mut first_wall = None;
    // Pools are kept to the end: the CPU time of a dropped pool's threads would leave the
    // per-thread sum.
    let mut pools = Vec::new();
    for &count in &threads {
        pools.push(rayon::ThreadPoolBuilder::new().num_threads(count).build()?);
        let pool = pools.last().ok_or("a pool")?;
        let (statements, wall, cpu) = timed(|| {
            pool.install(|| {
                replicate(replications, |r| {
                    core_loop::run(
                        &scenario,
                        &setup,
                        seed,
                        r,
                        Detail::default(),
                        CoreOptions::default(),
                    )
                    .map(|run| run.report.core.map_or(0, |core| core.statements))
                    .map_err(|refused| refused.to_string())
                })
            })
        });
        let statements: u64 = statements.into_iter().sum::<Result<u64, String>>()?;
        let speed_up = first_wall.map_or(String::new(), |first: f64| {
            format!(", {:.2}x the first pool's wall time", first / wall)
        });
        first_wall.get_or_insert(wall);
        println!(
            "{replications} replications with the core on {count} thread(s): wall {wall:.1}s \
             ({:.2}s per replication), cpu {cpu:.1}s ({:.2}s per replication), \
             {:.0} statements per wall second{speed_up}",
            wall / replications as f64,
            cpu / replications as f64,
            statements as f64 / wall,
        );
    }
    Ok(())
}
