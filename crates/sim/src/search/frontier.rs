//! The Pareto frontier within noise: which candidates no other candidate dominates once
//! differences smaller than an objective's indifference, or not yet told apart from zero
//! by the replications, count as none.
//!
//! Candidates are compared in pairs on the differences of their figures replication by
//! replication. Every candidate's replication `r` uses the same random streams (common
//! random numbers), so these differences are paired and much less noisy than the figures.
//! For an objective with indifference `δ`, the 95% confidence interval `[lo, hi]` of the
//! mean improvement of `y` over `x` (positive when `y` is better) gives one verdict:
//!
//! - `Better`: `lo > δ`, `y` is better by more than `δ`, beyond noise;
//! - `Worse`: `hi < -δ`;
//! - `Same`: `-δ <= lo` and `hi <= δ`, any difference is within `δ`, beyond noise;
//! - `Unsure`: anything else (the interval straddles `δ` or `-δ`).
//!
//! `y` dominates `x` within noise when no objective is `Worse`, the sum of the mean
//! improvements in units of each objective's `δ` is above zero (`y` is better on
//! balance), and either some objective is `Better` or every one is `Same`. The frontier is
//! every candidate that no candidate dominates. The balance condition makes the relation
//! acyclic (around a cycle those sums would add up to zero), so the frontier is never
//! empty and every candidate left out is dominated by a chain that ends on the frontier;
//! the relation is not transitive (two steps within `δ` may add up to more), so the chain
//! may have more than one step.
//!
//! A pair is unsettled when no objective is `Worse` and some is `Unsure`: more
//! replications could change the verdict. The search adds replications to the candidates
//! of unsettled pairs that touch the frontier until they settle or the budget is spent.

use crate::stats::Estimate;

use super::space::{Direction, Objective};

/// The verdict on one objective for `y` against `x`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// `y` is better by more than the indifference, beyond noise.
    Better,
    /// `y` is worse by more than the indifference, beyond noise.
    Worse,
    /// They differ by no more than the indifference, beyond noise.
    Same,
    /// Not yet told apart.
    Unsure,
}

/// `y` against `x` on every objective.
#[derive(Clone, Debug, PartialEq)]
pub struct PairComparison {
    /// Per objective.
    pub verdicts: Vec<Verdict>,
    /// Whether `y` dominates `x` within noise.
    pub dominates: bool,
    /// Whether more replications could change that.
    pub unsettled: bool,
}

/// Compares `y` with `x`: `y[r][k]` is objective `k` in replication `r`; only the
/// replications both have are used (they share their random numbers).
#[must_use]
pub fn compare(objectives: &[Objective], y: &[Vec<f64>], x: &[Vec<f64>]) -> PairComparison {
    let common = y.len().min(x.len());
    let mut verdicts = Vec::with_capacity(objectives.len());
    let mut balance = 0.0;
    let mut differences = Vec::with_capacity(common);
    for (k, objective) in objectives.iter().enumerate() {
        differences.clear();
        differences.extend((0..common).map(|r| match objective.direction {
            Direction::Minimize => x[r][k] - y[r][k],
            Direction::Maximize => y[r][k] - x[r][k],
        }));
        let estimate = Estimate::from_replications(&differences);
        let delta = objective.indifference;
        balance += estimate.mean / delta;
        // With fewer than two replications there is no interval: nothing is settled.
        let (lo, hi) = if common < 2 {
            (f64::NEG_INFINITY, f64::INFINITY)
        } else {
            (estimate.mean - estimate.half_width, estimate.mean + estimate.half_width)
        };
        verdicts.push(if lo > delta {
            Verdict::Better
        } else if hi < -delta {
            Verdict::Worse
        } else if lo >= -delta && hi <= delta {
            Verdict::Same
        } else {
            Verdict::Unsure
        });
    }
    let worse = verdicts.contains(&Verdict::Worse);
    let better = verdicts.contains(&Verdict::Better);
    let all_same = verdicts.iter().all(|v| *v == Verdict::Same);
    let dominates = !worse && balance > 0.0 && (better || all_same);
    let unsettled = !worse && verdicts.contains(&Verdict::Unsure);
    PairComparison { verdicts, dominates, unsettled }
}

/// The frontier of a set of candidates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frontier {
    /// The candidates no other dominates, in index order.
    pub members: Vec<usize>,
    /// For each candidate, the first (by index) that dominates it; `None` on the frontier
    /// and for candidates without figures.
    pub dominated_by: Vec<Option<usize>>,
    /// Unsettled pairs `(y, x)` where `x` or `y` is on the frontier.
    pub unsettled: Vec<(usize, usize)>,
}

/// The frontier of `samples`: for each candidate its figures per replication and
/// objective, or `None` for a candidate left out (refused, failed).
#[must_use]
pub fn frontier(objectives: &[Objective], samples: &[Option<Vec<Vec<f64>>>]) -> Frontier {
    let n = samples.len();
    let mut dominated_by = vec![None; n];
    let mut pairs = Vec::new();
    for x in 0..n {
        let Some(xs) = &samples[x] else { continue };
        for (y, ys) in samples.iter().enumerate() {
            let Some(ys) = ys else { continue };
            if y == x {
                continue;
            }
            let comparison = compare(objectives, ys, xs);
            if comparison.dominates && dominated_by[x].is_none() {
                dominated_by[x] = Some(y);
            }
            if comparison.unsettled {
                pairs.push((y, x));
            }
        }
    }
    let members: Vec<usize> =
        (0..n).filter(|&i| samples[i].is_some() && dominated_by[i].is_none()).collect();
    let on_frontier = |i: usize| dominated_by[i].is_none();
    let unsettled = pairs.into_iter().filter(|&(y, x)| on_frontier(x) || on_frontier(y)).collect();
    Frontier { members, dominated_by, unsettled }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn objectives(deltas: &[f64]) -> Vec<Objective> {
        deltas
            .iter()
            .enumerate()
            .map(|(k, &indifference)| Objective {
                metric: format!("m{k}"),
                direction: if k % 2 == 0 { Direction::Minimize } else { Direction::Maximize },
                indifference,
            })
            .collect()
    }

    fn check(y: &[[f64; 2]], x: &[[f64; 2]], expect: &str) {
        let rows = |v: &[[f64; 2]]| v.iter().map(|r| r.to_vec()).collect::<Vec<_>>();
        let c = compare(&objectives(&[1.0, 1.0]), &rows(y), &rows(x));
        let got = format!("{:?} dominates={} unsettled={}", c.verdicts, c.dominates, c.unsettled);
        assert_eq!(got, expect);
    }

    #[test]
    fn verdicts_follow_the_interval_and_the_indifference() {
        // Objective 0 is minimised, objective 1 maximised; indifference 1 on both.
        check(
            &[[1.0, 5.0], [1.0, 5.0]],
            &[[3.0, 5.0], [3.0, 5.0]],
            "[Better, Same] dominates=true unsettled=false",
        );
        check(
            &[[1.0, 5.0], [1.0, 5.0]],
            &[[1.5, 5.2], [1.5, 5.2]],
            "[Same, Same] dominates=true unsettled=false",
        );
        check(
            &[[1.5, 5.2], [1.5, 5.2]],
            &[[1.0, 5.0], [1.0, 5.0]],
            "[Same, Same] dominates=false unsettled=false",
        );
        check(
            &[[1.0, 1.0], [1.0, 1.0]],
            &[[3.0, 5.0], [3.0, 5.0]],
            "[Better, Worse] dominates=false unsettled=false",
        );
        // A noisy difference of 2 on objective 0: the interval straddles the indifference.
        check(
            &[[1.0, 5.0], [1.0, 5.0], [1.0, 5.0]],
            &[[5.0, 5.0], [1.0, 5.0], [3.0, 5.0]],
            "[Unsure, Same] dominates=false unsettled=true",
        );
        check(&[[1.0, 5.0]], &[[3.0, 5.0]], "[Unsure, Unsure] dominates=false unsettled=true");
    }

    /// Figures per candidate, replication and objective, with per-candidate offsets so
    /// that some differences are real and some are noise.
    /// Indifferences, then per candidate its figures (or `None`).
    type Sampled = (Vec<f64>, Vec<Option<Vec<Vec<f64>>>>);

    fn samples_strategy() -> impl Strategy<Value = Sampled> {
        (1usize..4, 1usize..10, 2usize..5).prop_flat_map(|(objectives, candidates, reps)| {
            (
                proptest::collection::vec(0.1f64..2.0, objectives),
                proptest::collection::vec(
                    proptest::option::weighted(
                        0.9,
                        (
                            proptest::collection::vec(-5.0f64..5.0, objectives),
                            proptest::collection::vec(
                                proptest::collection::vec(-1.0f64..1.0, objectives),
                                reps,
                            ),
                        )
                            .prop_map(|(centre, noise)| {
                                noise
                                    .into_iter()
                                    .map(|row| {
                                        row.iter().zip(&centre).map(|(n, c)| c + n).collect()
                                    })
                                    .collect()
                            }),
                    ),
                    candidates,
                ),
            )
        })
    }

    proptest! {
        #[test]
        fn no_member_is_dominated_and_every_other_is_dominated_through_members(
            (deltas, samples) in samples_strategy()
        ) {
            let objectives = objectives(&deltas);
            let result = frontier(&objectives, &samples);
            let evaluated: Vec<usize> = (0..samples.len()).filter(|&i| samples[i].is_some()).collect();
            let dominates = |y: usize, x: usize| {
                compare(&objectives, samples[y].as_ref().expect("evaluated"), samples[x].as_ref().expect("evaluated")).dominates
            };
            // No member is dominated within noise by any candidate.
            for &m in &result.members {
                for &y in &evaluated {
                    prop_assert!(y == m || !dominates(y, m), "{y} dominates member {m}");
                }
            }
            // Every other evaluated candidate is dominated, and following dominators
            // reaches a member (the relation is acyclic).
            for &x in &evaluated {
                if result.members.contains(&x) {
                    continue;
                }
                let mut current = x;
                let mut steps = 0;
                while let Some(next) = result.dominated_by[current] {
                    prop_assert!(dominates(next, current));
                    current = next;
                    steps += 1;
                    prop_assert!(steps <= samples.len(), "a cycle of dominance from {x}");
                }
                prop_assert!(result.members.contains(&current));
            }
            if !evaluated.is_empty() {
                prop_assert!(!result.members.is_empty());
            }
        }

        #[test]
        fn without_noise_and_with_a_tiny_indifference_the_frontier_is_pareto_on_means(
            points in proptest::collection::vec(proptest::collection::vec(0u8..6, 2), 1..12)
        ) {
            // Integer figures, identical in both replications: every interval is a point.
            let objectives = objectives(&[0.001, 0.001]);
            let samples: Vec<Option<Vec<Vec<f64>>>> = points
                .iter()
                .map(|p| {
                    let row: Vec<f64> = p.iter().map(|&v| f64::from(v)).collect();
                    Some(vec![row.clone(), row])
                })
                .collect();
            let result = frontier(&objectives, &samples);
            // Objective 0 minimised, objective 1 maximised.
            let pareto_dominates = |y: &Vec<u8>, x: &Vec<u8>| {
                y[0] <= x[0] && y[1] >= x[1] && (y[0] < x[0] || y[1] > x[1])
            };
            for (i, x) in points.iter().enumerate() {
                let dominated = points.iter().any(|y| pareto_dominates(y, x));
                // Twins of a Pareto-optimal point are all the same within noise, so none
                // dominates another: they stay or go together.
                let earlier_twin = points[..i].iter().any(|y| y == x);
                let later_twin = points[i + 1..].iter().any(|y| y == x);
                let member = result.members.contains(&i);
                if dominated {
                    prop_assert!(!member, "{i} is Pareto-dominated but on the frontier");
                } else if !earlier_twin && !later_twin {
                    prop_assert!(member, "{i} is Pareto-optimal but left out");
                }
            }
        }
    }
}
