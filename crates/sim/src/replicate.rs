//! Independent replications, run in parallel and returned in replication order.
//!
//! A replication's result depends only on its number (through [`crate::Streams`]), and the
//! results are collected by index, so the output is the same on one thread or many.

use rayon::prelude::*;

/// Most replications one call may run; a thousand is a large Monte Carlo study, so this is
/// room for sweeps without letting a typo allocate forever.
pub const REPLICATIONS_MAX: u64 = 1_000_000;

/// Runs `run(0..count)` on the current rayon pool and returns the results in order.
///
/// # Panics
///
/// If `count` exceeds [`REPLICATIONS_MAX`]; callers check outside input against it first.
pub fn replicate<R, F>(count: u64, run: F) -> Vec<R>
where
    R: Send,
    F: Fn(u64) -> R + Sync + Send,
{
    assert!(count <= REPLICATIONS_MAX, "{count} replications exceed {REPLICATIONS_MAX}");
    (0..count).into_par_iter().map(run).collect()
}
