//! Criterion benchmark: the M/M/c model (c = 4, lambda = 3.2, mu = 1.0) on the engine.
//!
//! The SimPy comparison lives in `bench/simpy/` and runs the `mmc` example; this bench
//! tracks the engine's own speed over time with a short measurement.

#![allow(missing_docs)] // criterion_group! generates undocumented functions.

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use passage_sim::Streams;
use passage_sim::queueing::{LineConfig, StationConfig, run_line};
use passage_sim::random::Distribution;

fn mmc(customers: u64) -> LineConfig {
    LineConfig {
        interarrival: Distribution::Exponential { mean: 1.0 / 3.2 },
        stations: vec![StationConfig {
            servers: 4,
            service: Distribution::Exponential { mean: 1.0 },
        }],
        customers,
        warmup_customers: 0,
        ticks_per_unit: 1e6,
    }
}

fn bench(c: &mut Criterion) {
    let customers = 100_000;
    let config = mmc(customers);
    let mut group = c.benchmark_group("mmc");
    group.throughput(Throughput::Elements(customers));
    group.measurement_time(Duration::from_secs(3));
    group.sample_size(10);
    group.bench_function("c4_rho0.8_100k_customers", |b| {
        b.iter(|| run_line(&config, &Streams::new(42, 0)).expect("valid model"));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
