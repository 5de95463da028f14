//! A line of stations: customers arrive from one source and visit each station in turn,
//! queueing for one of its servers. With one station this is M/M/c or M/D/1 (or any G/G/c);
//! with several, a tandem. The validation tests and the benchmark run on it, and
//! [`theory`] holds the formulas they are checked against.

use serde::Serialize;

use crate::engine::{EventQueue, Model, Simulation, Time};
use crate::random::{Distribution, DistributionError, Sampler, Stream, Streams};
use crate::resource::{Priority, Request, Resource};
use crate::stats::Tally;

/// Most stations in one line.
pub const STATIONS_MAX: usize = 64;

/// One station: identical servers with one FIFO queue.
#[derive(Clone, Debug, PartialEq)]
pub struct StationConfig {
    /// Number of servers.
    pub servers: u32,
    /// Service time per customer, in time units.
    pub service: Distribution,
}

/// A line of stations fed by one source.
#[derive(Clone, Debug, PartialEq)]
pub struct LineConfig {
    /// Time between arrivals, in time units.
    pub interarrival: Distribution,
    /// The stations, visited in order.
    pub stations: Vec<StationConfig>,
    /// Customers the source sends; the run ends when the last one leaves.
    pub customers: u64,
    /// Customers whose arrival ends the warm-up: statistics count from the warm-up's end.
    pub warmup_customers: u64,
    /// Ticks per time unit: the resolution of virtual time.
    pub ticks_per_unit: f64,
}

/// Why a line cannot run.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum LineError {
    /// A distribution is invalid.
    #[error("{what}: {source}")]
    Distribution {
        /// Which distribution.
        what: String,
        /// What is wrong with it.
        source: DistributionError,
    },
    /// The line has no station or too many.
    #[error("a line needs 1 to {STATIONS_MAX} stations, got {0}")]
    StationCount(usize),
    /// A station has no server.
    #[error("station {0} has no server")]
    NoServer(usize),
    /// The warm-up swallows every customer.
    #[error("the warm-up ({warmup}) must be shorter than the run ({customers} customers)")]
    WarmupTooLong {
        /// Warm-up customers.
        warmup: u64,
        /// All customers.
        customers: u64,
    },
}

/// One station's figures after the warm-up, in time units.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StationReport {
    /// Customers who began service.
    pub served: u64,
    /// Mean wait in queue.
    pub mean_wait: f64,
    /// Share of customers who had to wait.
    pub waiting_probability: f64,
    /// Time-average number waiting.
    pub mean_queue_length: f64,
    /// Time-average share of servers busy.
    pub utilisation: f64,
}

/// A line's figures after the warm-up, in time units.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineReport {
    /// Customers who left the last station (all of them, since the run ends when the
    /// source is done and the line has drained).
    pub departed: u64,
    /// Per station.
    pub stations: Vec<StationReport>,
    /// Time in the line, arrival to departure, of customers who arrived after the warm-up.
    pub sojourn: Tally,
    /// Virtual time at the end.
    pub end_time: f64,
    /// Events handled.
    pub events: u64,
}

#[derive(Clone, Copy)]
enum LineEvent {
    Arrival,
    ServiceDone { station: u32, customer: u32 },
}

#[derive(Clone, Copy)]
struct Customer {
    entered: Time,
    counted: bool,
}

struct Line {
    interarrival: Sampler,
    services: Vec<Sampler>,
    stations: Vec<Resource<u32>>,
    arrivals: Stream,
    service_streams: Vec<Stream>,
    customers: Vec<Customer>,
    free: Vec<u32>,
    to_send: u64,
    sent: u64,
    warmup: u64,
    departed: u64,
    sojourn: Tally,
    warmup_end: Time,
    ticks_per_unit: f64,
}

impl Line {
    fn enter(&mut self, station: usize, customer: u32, queue: &mut EventQueue<LineEvent>) {
        let now = queue.now();
        if self.stations[station].request(now, Priority::NORMAL, customer) == Request::Granted {
            self.start_service(station, customer, queue);
        }
    }

    fn start_service(&mut self, station: usize, customer: u32, queue: &mut EventQueue<LineEvent>) {
        let delay = self.service_streams[station].ticks(&self.services[station]);
        // Station indices are below STATIONS_MAX, so they fit in u32.
        #[allow(clippy::cast_possible_truncation)]
        queue.schedule_in(delay, LineEvent::ServiceDone { station: station as u32, customer });
    }
}

impl Model for Line {
    type Event = LineEvent;

    fn handle(&mut self, event: LineEvent, queue: &mut EventQueue<LineEvent>) {
        let now = queue.now();
        match event {
            LineEvent::Arrival => {
                if self.sent == self.warmup {
                    self.warmup_end = now;
                    for station in &mut self.stations {
                        station.reset_statistics(now);
                    }
                }
                let record = Customer { entered: now, counted: self.sent >= self.warmup };
                self.sent += 1;
                let id = if let Some(id) = self.free.pop() {
                    self.customers[id as usize] = record;
                    id
                } else {
                    let id = u32::try_from(self.customers.len())
                        .expect("fewer than 2^32 customers in the line at once");
                    self.customers.push(record);
                    id
                };
                if self.sent < self.to_send {
                    let gap = self.arrivals.ticks(&self.interarrival);
                    queue.schedule_in(gap, LineEvent::Arrival);
                }
                self.enter(0, id, queue);
            }
            LineEvent::ServiceDone { station, customer } => {
                let station = station as usize;
                if let Some(grant) = self.stations[station].release(now) {
                    self.start_service(station, grant.token, queue);
                }
                if station + 1 < self.stations.len() {
                    self.enter(station + 1, customer, queue);
                } else {
                    let record = self.customers[customer as usize];
                    if record.counted {
                        #[allow(clippy::cast_precision_loss)]
                        self.sojourn.add(now.since(record.entered) as f64 / self.ticks_per_unit);
                    }
                    self.departed += 1;
                    self.free.push(customer);
                }
            }
        }
    }
}

/// Runs `config` with the streams `streams` (`arrivals` and `service/N` for station N).
pub fn run_line(config: &LineConfig, streams: &Streams) -> Result<LineReport, LineError> {
    if config.stations.is_empty() || config.stations.len() > STATIONS_MAX {
        return Err(LineError::StationCount(config.stations.len()));
    }
    if config.warmup_customers >= config.customers {
        return Err(LineError::WarmupTooLong {
            warmup: config.warmup_customers,
            customers: config.customers,
        });
    }
    let scale = config.ticks_per_unit;
    let interarrival = Sampler::new(&config.interarrival, scale)
        .map_err(|source| LineError::Distribution { what: "interarrival time".into(), source })?;
    let mut services = Vec::with_capacity(config.stations.len());
    for (i, station) in config.stations.iter().enumerate() {
        if station.servers == 0 {
            return Err(LineError::NoServer(i));
        }
        services.push(Sampler::new(&station.service, scale).map_err(|source| {
            LineError::Distribution { what: format!("service time at station {i}"), source }
        })?);
    }
    let line = Line {
        interarrival,
        services,
        stations: config.stations.iter().map(|s| Resource::new(Time::ZERO, s.servers)).collect(),
        arrivals: streams.stream("arrivals"),
        service_streams: (0..config.stations.len())
            .map(|i| streams.stream(&format!("service/{i}")))
            .collect(),
        customers: Vec::new(),
        free: Vec::new(),
        to_send: config.customers,
        sent: 0,
        warmup: config.warmup_customers,
        departed: 0,
        sojourn: Tally::default(),
        warmup_end: Time::ZERO,
        ticks_per_unit: scale,
    };
    let mut sim = Simulation::new(line);
    // The first customer arrives after one interarrival time, as in the SimPy model.
    let first = sim.model.arrivals.ticks(&sim.model.interarrival);
    sim.queue.schedule_in(first, LineEvent::Arrival);
    sim.run();
    let end = sim.queue.now();
    let line = &sim.model;
    let stations = line
        .stations
        .iter()
        .zip(&config.stations)
        .map(|(r, c)| {
            let waits = r.waits();
            #[allow(clippy::cast_precision_loss)]
            let waiting_probability =
                if waits.count() == 0 { 0.0 } else { r.delayed() as f64 / waits.count() as f64 };
            StationReport {
                served: waits.count(),
                mean_wait: waits.mean() / scale,
                waiting_probability,
                mean_queue_length: r.mean_queue_length(end),
                utilisation: r.mean_busy(end) / f64::from(c.servers),
            }
        })
        .collect();
    #[allow(clippy::cast_precision_loss)]
    let end_time = end.0 as f64 / scale;
    Ok(LineReport {
        departed: line.departed,
        stations,
        sojourn: line.sojourn,
        end_time,
        events: sim.queue.processed(),
    })
}

/// Queueing-theory results for steady state.
pub mod theory {
    /// Erlang C for M/M/c: the probability that an arrival waits, and the mean wait in
    /// queue, for arrival rate `lambda`, service rate `mu` per server and `c` servers.
    /// Requires `lambda < c * mu`.
    #[must_use]
    pub fn erlang_c(c: u32, lambda: f64, mu: f64) -> (f64, f64) {
        let a = lambda / mu;
        let rho = a / f64::from(c);
        assert!(rho < 1.0, "M/M/c is stable only below full load");
        // Sum a^k / k! for k < c, built term by term to avoid factorials.
        let mut term = 1.0;
        let mut sum = 0.0;
        for k in 0..c {
            sum += term;
            term *= a / f64::from(k + 1);
        }
        // `term` is now a^c / c!.
        let top = term / (1.0 - rho);
        let p_wait = top / (sum + top);
        (p_wait, p_wait / (f64::from(c) * mu - lambda))
    }

    /// Pollaczek-Khinchine for M/G/1: the mean wait in queue for arrival rate `lambda` and
    /// service time with mean `mean` and variance `variance`. Requires `lambda * mean < 1`.
    #[must_use]
    pub fn pollaczek_khinchine_wait(lambda: f64, mean: f64, variance: f64) -> f64 {
        let rho = lambda * mean;
        assert!(rho < 1.0, "M/G/1 is stable only below full load");
        lambda * (variance + mean * mean) / (2.0 * (1.0 - rho))
    }
}
