//! Validation against queueing theory, flow conservation and reproducibility.
//!
//! Each theory test runs independent replications and checks that the analytic value lies
//! inside the 95% confidence interval of the replication means. The seeds are fixed, so
//! each test is deterministic; a wrong engine moves the estimate far outside the interval.

use expect_test::expect;
use passage_sim::queueing::{LineConfig, LineReport, StationConfig, run_line, theory};
use passage_sim::random::Distribution;
use passage_sim::{Estimate, Streams, replicate};
use proptest::prelude::*;

fn line(
    interarrival_mean: f64,
    stations: &[(u32, Distribution)],
    customers: u64,
    warmup: u64,
) -> LineConfig {
    LineConfig {
        interarrival: Distribution::Exponential { mean: interarrival_mean },
        stations: stations
            .iter()
            .map(|(servers, service)| StationConfig { servers: *servers, service: service.clone() })
            .collect(),
        customers,
        warmup_customers: warmup,
        ticks_per_unit: 1e6,
    }
}

fn replications(config: &LineConfig, count: u64, seed: u64) -> Vec<LineReport> {
    replicate(count, |r| run_line(config, &Streams::new(seed, r)).expect("valid line"))
}

fn estimate(reports: &[LineReport], figure: impl Fn(&LineReport) -> f64) -> Estimate {
    Estimate::from_replications(&reports.iter().map(figure).collect::<Vec<_>>())
}

#[test]
fn mmc_matches_erlang_c() {
    let (c, lambda, mu) = (4, 3.2, 1.0);
    let config =
        line(1.0 / lambda, &[(c, Distribution::Exponential { mean: 1.0 / mu })], 60_000, 5_000);
    let reports = replications(&config, 12, 1);
    let (p_wait, wq) = theory::erlang_c(c, lambda, mu);
    assert!((p_wait - 0.5964).abs() < 1e-4 && (wq - 0.7455).abs() < 1e-4, "Erlang C itself");
    let got_p = estimate(&reports, |r| r.stations[0].waiting_probability);
    let got_wq = estimate(&reports, |r| r.stations[0].mean_wait);
    assert!(got_p.covers(p_wait), "P(wait) {got_p:?} vs Erlang C {p_wait}");
    assert!(got_wq.covers(wq), "Wq {got_wq:?} vs Erlang C {wq}");
    // The intervals must be tight enough to mean something.
    assert!(got_p.half_width < 0.01 && got_wq.half_width < 0.05, "{got_p:?} {got_wq:?}");
    let utilisation = estimate(&reports, |r| r.stations[0].utilisation);
    assert!(utilisation.covers(lambda / (f64::from(c) * mu)), "utilisation {utilisation:?}");
}

#[test]
fn md1_matches_pollaczek_khinchine() {
    let lambda = 0.8;
    let config =
        line(1.0 / lambda, &[(1, Distribution::Deterministic { value: 1.0 })], 60_000, 5_000);
    let reports = replications(&config, 12, 2);
    let wq = theory::pollaczek_khinchine_wait(lambda, 1.0, 0.0);
    assert!((wq - 2.0).abs() < 1e-12);
    let got = estimate(&reports, |r| r.stations[0].mean_wait);
    assert!(got.covers(wq), "Wq {got:?} vs P-K {wq}");
    assert!(got.half_width < 0.15, "{got:?}");
    // Little's law on the queue: Lq = lambda * Wq.
    let lq = estimate(&reports, |r| r.stations[0].mean_queue_length);
    assert!(lq.covers(lambda * wq), "Lq {lq:?} vs {}", lambda * wq);
}

#[test]
fn tandem_of_mm1_matches_jackson() {
    // Two M/M/1 stations at load 0.5: each adds 1 / (mu - lambda) = 2 to the sojourn.
    let service = Distribution::Exponential { mean: 1.0 };
    let config = line(2.0, &[(1, service.clone()), (1, service)], 40_000, 2_000);
    let reports = replications(&config, 12, 3);
    let sojourn = estimate(&reports, |r| r.sojourn.mean());
    assert!(sojourn.covers(4.0), "sojourn {sojourn:?} vs 4");
    for r in &reports {
        assert_eq!(r.departed, 40_000);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Every customer who enters a tandem leaves it, and every station serves each one once.
    #[test]
    fn tandem_conserves_flow(
        seed in any::<u64>(),
        customers in 1u64..2_000,
        stations in proptest::collection::vec((1u32..4, 0u8..3, 0.1f64..3.0), 1..5),
    ) {
        let stations: Vec<(u32, Distribution)> = stations
            .into_iter()
            .map(|(servers, kind, mean)| {
                let service = match kind {
                    0 => Distribution::Exponential { mean },
                    1 => Distribution::Deterministic { value: mean },
                    _ => Distribution::Uniform { min: 0.0, max: 2.0 * mean },
                };
                (servers, service)
            })
            .collect();
        let config = line(1.0, &stations, customers, 0);
        let report = run_line(&config, &Streams::new(seed, 0)).expect("valid line");
        prop_assert_eq!(report.departed, customers);
        prop_assert_eq!(report.sojourn.count(), customers);
        for station in &report.stations {
            prop_assert_eq!(station.served, customers);
            prop_assert!(station.mean_wait >= 0.0);
            prop_assert!(station.utilisation <= 1.0 + 1e-9);
        }
        // Arrival, then one service end per station, per customer.
        prop_assert_eq!(report.events, customers * (1 + stations.len() as u64));
    }
}

fn json(report: &LineReport) -> String {
    serde_json::to_string(report).expect("reports serialize")
}

#[test]
fn same_seed_gives_byte_identical_output() {
    let config = line(0.5, &[(2, Distribution::Lognormal { mean: 0.8, sd: 0.5 })], 1_000, 100);
    let a = json(&run_line(&config, &Streams::new(9, 0)).expect("valid"));
    let b = json(&run_line(&config, &Streams::new(9, 0)).expect("valid"));
    assert_eq!(a, b);
    // Pinned, so a change to the engine, the streams or the distributions shows up here.
    expect![[r#"{"departed":1000,"stations":[{"served":900,"mean_wait":1.6907766344444448,"waiting_probability":0.7366666666666667,"mean_queue_length":3.4430134226863913,"utilisation":0.8092951383805319}],"sojourn":{"count":900,"mean":2.4847694655555563,"m2":5142.275843517551,"min":0.151537,"max":11.970415},"end_time":498.76739,"events":2000}"#]]
    .assert_eq(&a);
}

#[test]
fn output_does_not_depend_on_thread_count() {
    let config = line(0.5, &[(2, Distribution::Exponential { mean: 0.8 })], 5_000, 0);
    let on = |threads| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
        pool.install(|| replications(&config, 6, 5)).iter().map(json).collect::<Vec<_>>()
    };
    assert_eq!(on(1), on(2));
}

#[test]
fn replications_are_independent() {
    // Paired draws of two replications' arrival streams are uncorrelated: the sample
    // correlation of n independent pairs has standard deviation about 1 / sqrt(n).
    let n = 20_000;
    let mut a = Streams::new(11, 0).stream("arrivals");
    let mut b = Streams::new(11, 1).stream("arrivals");
    let xs: Vec<f64> = (0..n).map(|_| a.unit()).collect();
    let ys: Vec<f64> = (0..n).map(|_| b.unit()).collect();
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (mx, my) = (mean(&xs), mean(&ys));
    let cov: f64 = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let sx: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum::<f64>().sqrt();
    let sy: f64 = ys.iter().map(|y| (y - my).powi(2)).sum::<f64>().sqrt();
    let r = cov / (sx * sy);
    assert!(r.abs() < 4.0 / (n as f64).sqrt(), "correlation {r}");
    // And whole replications differ.
    let config = line(0.5, &[(2, Distribution::Exponential { mean: 0.8 })], 2_000, 0);
    let reports = replications(&config, 2, 11);
    assert_ne!(json(&reports[0]), json(&reports[1]));
}

#[test]
fn changing_one_source_leaves_the_others_alone() {
    // Station 1's service distribution changes; the arrivals and station 0 draw from their
    // own streams, and nothing downstream blocks station 0, so its figures stay identical.
    let first = (2, Distribution::Exponential { mean: 0.8 });
    let a = line(0.5, &[first.clone(), (1, Distribution::Exponential { mean: 0.3 })], 3_000, 0);
    let b = line(
        0.5,
        &[first, (3, Distribution::Triangular { min: 0.1, mode: 0.5, max: 2.0 })],
        3_000,
        0,
    );
    let ra = run_line(&a, &Streams::new(4, 0)).expect("valid");
    let rb = run_line(&b, &Streams::new(4, 0)).expect("valid");
    // Time averages run to the end of the run, which station 1 moves; the waits do not.
    let (sa, sb) = (&ra.stations[0], &rb.stations[0]);
    assert_eq!(
        (sa.served, sa.mean_wait, sa.waiting_probability),
        (sb.served, sb.mean_wait, sb.waiting_probability)
    );
    assert_ne!(ra.stations[1].mean_wait, rb.stations[1].mean_wait);
}
