//! The negotiator's workbench: search a space of regimes for the ones worth discussing,
//! the Pareto frontier over the objectives a space file names.
//!
//! A search has four steps.
//!
//! 1. Candidates ([`candidates`]): a full grid where the space is a few lists and fits the
//!    screening budget, else a Latin hypercube (or random sample) of that many points,
//!    deterministic from the space's seed.
//! 2. Screening: every candidate runs `search.replications` replications. Replication `r`
//!    of every candidate uses the random streams of `(seed, r)`, and streams are keyed by
//!    the source's name, so two candidates see the same arrivals, the same irregular units
//!    and the same service draws wherever their settings allow (common random numbers):
//!    the differences between them are the regimes', not the dice's.
//! 3. Refinement: the frontier within noise ([`frontier`]) compares candidates in pairs on
//!    their per-replication differences; a difference counts only when its 95% interval
//!    clears the objective's indifference. Candidates of pairs still unsettled that touch
//!    the frontier get more replications (as many again as at screening), up to
//!    `search.replications_max` each and `search.replications_total_max` in all; then the
//!    frontier is taken again. A point is on the frontier only if no candidate beats it by
//!    more than the indifference beyond noise; the outcome says how many pairs were still
//!    unsettled when the budget ran out.
//! 4. Confirmation ([`corridor`]): with the corridor, every frontier point is run with the
//!    core in the loop over the same replications, a regime the core refuses is reported
//!    and dropped, and the frontier is taken again on the core's figures.
//!
//! The engine ([`search`]) knows nothing of corridors: it asks an [`Evaluator`] for a
//! candidate's figures in one replication, so the tests run it on M/M/c queues whose
//! frontier is known from Erlang's formula.

pub mod candidates;
pub mod corridor;
pub mod frontier;
pub mod space;

use std::collections::BTreeMap;

use rayon::prelude::*;

use self::frontier::Frontier;
use self::space::Objective;

/// A candidate's figures in one replication, by name.
pub type Figures = BTreeMap<String, f64>;

/// Evaluates candidates: the figures of candidate `candidate` in replication
/// `replication`, which must draw its randomness from `Streams::new(seed, replication)`
/// for common random numbers.
pub trait Evaluator: Sync {
    /// Why a candidate cannot be evaluated (unstable, refused by the core, invalid).
    type Error: std::fmt::Display + Send;

    /// The figures of one replication.
    fn evaluate(&self, candidate: usize, replication: u64) -> Result<Figures, Self::Error>;
}

/// The replication budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Replications every candidate gets at screening.
    pub replications: u64,
    /// Most replications for one candidate.
    pub replications_max: u64,
    /// Most replications in all.
    pub replications_total_max: u64,
}

/// One candidate after the search.
#[derive(Clone, Debug, PartialEq)]
pub enum Evaluation {
    /// Its figures, one map per replication `0..n`.
    Evaluated(Vec<Figures>),
    /// Why it was left out (the first failing replication's reason).
    Failed(String),
}

impl Evaluation {
    /// The figures, if evaluated.
    #[must_use]
    pub fn figures(&self) -> Option<&[Figures]> {
        match self {
            Evaluation::Evaluated(figures) => Some(figures),
            Evaluation::Failed(_) => None,
        }
    }
}

/// What a search found.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Per candidate.
    pub evaluations: Vec<Evaluation>,
    /// The frontier within noise.
    pub frontier: Frontier,
    /// Replications run in all.
    pub replications_run: u64,
    /// Refinement rounds after screening.
    pub rounds: u32,
}

/// Why a search could not run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    /// An objective names a figure the evaluator does not give.
    #[error("objective `{metric}` is not a figure of this search; known figures: {known}")]
    UnknownMetric {
        /// The objective's figure.
        metric: String,
        /// The figures there are.
        known: String,
    },
    /// A figure is not a number (an empty class's transit time, say).
    #[error("candidate {candidate}, replication {replication}: `{metric}` is not a number")]
    NotANumber {
        /// The candidate.
        candidate: usize,
        /// The replication.
        replication: u64,
        /// The figure.
        metric: String,
    },
}

/// The objectives' values of each evaluated candidate, per replication.
pub fn objective_samples(
    objectives: &[Objective],
    evaluations: &[Evaluation],
) -> Result<Vec<Option<Vec<Vec<f64>>>>, SearchError> {
    evaluations
        .iter()
        .enumerate()
        .map(|(candidate, evaluation)| {
            let Some(figures) = evaluation.figures() else { return Ok(None) };
            figures
                .iter()
                .zip(0u64..)
                .map(|(figures, replication)| {
                    objectives
                        .iter()
                        .map(|objective| {
                            let value = *figures.get(&objective.metric).ok_or_else(|| {
                                SearchError::UnknownMetric {
                                    metric: objective.metric.clone(),
                                    known: figures.keys().cloned().collect::<Vec<_>>().join(", "),
                                }
                            })?;
                            if value.is_finite() {
                                Ok(value)
                            } else {
                                Err(SearchError::NotANumber {
                                    candidate,
                                    replication,
                                    metric: objective.metric.clone(),
                                })
                            }
                        })
                        .collect()
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some)
        })
        .collect()
}

/// Runs replications `from..to` of each `(candidate, from, to)` in parallel and adds them
/// to `evaluations`, in order; a candidate that fails is left out from then on.
fn run_batch<E: Evaluator>(
    evaluator: &E,
    evaluations: &mut [Evaluation],
    batch: &[(usize, u64, u64)],
    progress: &(dyn Fn() + Sync),
) -> u64 {
    let jobs: Vec<(usize, u64)> = batch
        .iter()
        .flat_map(|&(candidate, from, to)| (from..to).map(move |r| (candidate, r)))
        .collect();
    let results: Vec<Result<Figures, String>> = jobs
        .par_iter()
        .map(|&(candidate, replication)| {
            let result = evaluator.evaluate(candidate, replication).map_err(|e| e.to_string());
            progress();
            result
        })
        .collect();
    for (&(candidate, replication), result) in jobs.iter().zip(results) {
        let evaluation = &mut evaluations[candidate];
        match (evaluation, result) {
            (Evaluation::Evaluated(figures), Ok(new)) => figures.push(new),
            (evaluation @ Evaluation::Evaluated(_), Err(reason)) => {
                *evaluation = Evaluation::Failed(format!("replication {replication}: {reason}"));
            }
            (Evaluation::Failed(_), _) => {}
        }
    }
    jobs.len() as u64
}

/// Searches `candidate_count` candidates: screening, then refinement near the frontier
/// until every comparison that touches it settles or the budget is spent. `progress` is
/// called after each replication.
pub fn search<E: Evaluator>(
    objectives: &[Objective],
    candidate_count: usize,
    budget: Budget,
    evaluator: &E,
    progress: &(dyn Fn() + Sync),
) -> Result<Outcome, SearchError> {
    let mut evaluations = vec![Evaluation::Evaluated(Vec::new()); candidate_count];
    let screening: Vec<(usize, u64, u64)> =
        (0..candidate_count).map(|c| (c, 0, budget.replications)).collect();
    let mut replications_run = run_batch(evaluator, &mut evaluations, &screening, progress);
    let mut rounds = 0;
    loop {
        let samples = objective_samples(objectives, &evaluations)?;
        let frontier = frontier::frontier(objectives, &samples);
        // Each unsettled pair asks for both its candidates to reach the same count, one
        // step past the fewer they share, so their paired comparison gains replications.
        let count = |c: usize| evaluations[c].figures().map(|f| f.len() as u64);
        let mut targets: BTreeMap<usize, u64> = BTreeMap::new();
        for &(y, x) in &frontier.unsettled {
            let (Some(cy), Some(cx)) = (count(y), count(x)) else { continue };
            let target = (cy.min(cx) + budget.replications).min(budget.replications_max);
            for candidate in [y, x] {
                let entry = targets.entry(candidate).or_insert(0);
                *entry = (*entry).max(target);
            }
        }
        let mut batch = Vec::new();
        let mut left = budget.replications_total_max.saturating_sub(replications_run);
        for (candidate, target) in targets {
            let Some(have) = count(candidate) else { continue };
            let more = target.saturating_sub(have).min(left);
            if more > 0 {
                batch.push((candidate, have, have + more));
                left -= more;
            }
        }
        if batch.is_empty() {
            return Ok(Outcome { evaluations, frontier, replications_run, rounds });
        }
        replications_run += run_batch(evaluator, &mut evaluations, &batch, progress);
        rounds += 1;
    }
}
