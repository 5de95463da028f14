//! The discrete-event simulator that drives the domain core under a regime. Pure: seeded
//! randomness and virtual time, no IO.
//!
//! The engine is event-scheduling: a [`Model`] owns its entities (consignments, customers)
//! and [`Resource`]s (posts, bays, scanners, desks) and reacts to its own events, which the
//! [`EventQueue`] hands back in virtual-time order with ties broken by scheduling order.
//! Randomness comes only from [`Streams`]: one stream per named source, derived from the
//! scenario seed and the replication number, so the same inputs give the same output byte
//! for byte, and changing one source does not reshuffle the others.
//!
//! - [`engine`]: virtual time, the event queue and the run loop.
//! - [`resource`]: servers with capacity, priorities and time-weighted statistics.
//! - [`random`]: seeded streams and the service-time distributions scenarios name.
//! - [`stats`]: tallies, quantiles, time-weighted averages and confidence intervals.
//! - [`mod@replicate`]: independent replications in parallel, in a fixed order.
//! - [`queueing`]: a line of stations (M/M/c, M/D/1, tandems) and the queueing-theory
//!   formulas the validation tests and the benchmark compare against.
//! - [`scenario`] and [`corridor`]: the corridor's flow under a regime, from a scenario file.
//! - [`core_loop`]: the domain core in the loop, turning every act into statements;
//!   [`declarations`] builds the declarations it sends.
//! - [`search`]: the negotiator's workbench: a space of regimes searched for the Pareto
//!   frontier within noise, with common random numbers, confirmed with the core.

pub mod core_loop;
pub mod corridor;
pub mod declarations;
pub mod engine;
pub mod queueing;
pub mod random;
pub mod replicate;
pub mod resource;
pub mod scenario;
pub mod search;
pub mod stats;

pub use engine::{EventQueue, Model, RunOutcome, Simulation, Time};
pub use random::{Distribution, DistributionError, Sampler, Stream, Streams};
pub use replicate::replicate;
pub use resource::{Grant, Priority, Request, Resource};
pub use stats::{Estimate, Samples, Tally, TimeWeighted};
