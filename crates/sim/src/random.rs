//! Seeded random streams and the distributions scenarios name.
//!
//! Each named source (the arrivals of one flow, the service at one desk, the tampering of
//! one class) draws from its own ChaCha8 stream. The key is the scenario seed and the
//! replication number; the stream number is a hash of the source's name. Two sources, or
//! two replications, therefore never share draws, and adding or changing one source leaves
//! every other source's draws exactly as they were.

use rand::{Rng, RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution as _, Exp1, LogNormal, Triangular, WeightedAliasIndex};
use serde::{Deserialize, Serialize};

/// Most values an empirical distribution may list; a scenario needs tens, not millions.
pub const EMPIRICAL_VALUES_MAX: usize = 10_000;

/// The source of every stream of one replication.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Streams {
    seed: u64,
    replication: u64,
}

impl Streams {
    /// The streams of replication `replication` under scenario seed `seed`.
    #[must_use]
    pub fn new(seed: u64, replication: u64) -> Self {
        Self { seed, replication }
    }

    /// The scenario seed.
    #[must_use]
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The replication number.
    #[must_use]
    pub fn replication(&self) -> u64 {
        self.replication
    }

    /// The stream of the source called `name`.
    #[must_use]
    pub fn stream(&self, name: &str) -> Stream {
        // The key binds seed and replication; a fixed tag keeps these keys apart from any
        // other use of the same seed.
        let mut key = [0u8; 32];
        key[..8].copy_from_slice(&self.seed.to_le_bytes());
        key[8..16].copy_from_slice(&self.replication.to_le_bytes());
        key[16..32].copy_from_slice(b"passage-sim/v1\0\0");
        let mut rng = ChaCha8Rng::from_seed(key);
        rng.set_stream(fnv1a_64(name.as_bytes()));
        Stream { rng }
    }
}

/// FNV-1a, 64-bit: a stable, documented hash, so a source's stream number never changes
/// between builds or platforms (unlike `std`'s hasher, whose algorithm is unspecified).
fn fnv1a_64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// One source's random numbers.
#[derive(Clone, Debug)]
pub struct Stream {
    rng: ChaCha8Rng,
}

impl Stream {
    /// A draw from `sampler`, in ticks.
    pub fn ticks(&mut self, sampler: &Sampler) -> u64 {
        sampler.sample(&mut self.rng)
    }

    /// True with probability `p` (clamped to 0..=1).
    pub fn chance(&mut self, p: f64) -> bool {
        if p <= 0.0 {
            return false;
        }
        if p >= 1.0 {
            return true;
        }
        self.rng.r#gen::<f64>() < p
    }

    /// A uniform draw in [0, 1).
    pub fn unit(&mut self) -> f64 {
        self.rng.r#gen::<f64>()
    }

    /// Raw bits, for callers that bring their own distribution.
    pub fn next_u64(&mut self) -> u64 {
        self.rng.next_u64()
    }
}

/// A distribution of durations, in the scenario's time unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Distribution {
    /// Exponential with the given mean (memoryless; Poisson arrivals).
    Exponential {
        /// Mean.
        mean: f64,
    },
    /// Always `value`.
    Deterministic {
        /// The value.
        value: f64,
    },
    /// Lognormal with the given mean and standard deviation of the duration itself.
    Lognormal {
        /// Mean.
        mean: f64,
        /// Standard deviation.
        sd: f64,
    },
    /// Triangular between `min` and `max`, peaking at `mode`.
    Triangular {
        /// Smallest value.
        min: f64,
        /// Most likely value.
        mode: f64,
        /// Largest value.
        max: f64,
    },
    /// Uniform between `min` and `max`.
    Uniform {
        /// Smallest value.
        min: f64,
        /// Largest value.
        max: f64,
    },
    /// One of `values`, with probabilities proportional to `weights` (equal if empty).
    Empirical {
        /// The values.
        values: Vec<f64>,
        /// Their weights; empty for equal weights.
        #[serde(default)]
        weights: Vec<f64>,
    },
}

/// Why a distribution cannot be used.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DistributionError {
    /// A parameter is negative, not finite, or zero where it must be positive.
    #[error("{parameter} must be a finite number {requirement}, got {value}")]
    BadParameter {
        /// The parameter's name.
        parameter: &'static str,
        /// What it must be.
        requirement: &'static str,
        /// What it was.
        value: f64,
    },
    /// The triangular parameters are out of order.
    #[error("a triangular distribution needs min <= mode <= max, got {min}, {mode}, {max}")]
    TriangularOrder {
        /// Smallest value.
        min: f64,
        /// Most likely value.
        mode: f64,
        /// Largest value.
        max: f64,
    },
    /// The uniform bounds are out of order.
    #[error("a uniform distribution needs min <= max, got {min} and {max}")]
    UniformOrder {
        /// Smallest value.
        min: f64,
        /// Largest value.
        max: f64,
    },
    /// The empirical values are empty, too many, or do not match their weights.
    #[error(
        "an empirical distribution needs 1 to {EMPIRICAL_VALUES_MAX} values and as many \
         weights (or none), not all zero; got {values} values and {weights} weights"
    )]
    EmpiricalShape {
        /// How many values.
        values: usize,
        /// How many weights.
        weights: usize,
    },
}

fn check(parameter: &'static str, value: f64, positive: bool) -> Result<f64, DistributionError> {
    let ok = value.is_finite() && if positive { value > 0.0 } else { value >= 0.0 };
    if ok {
        Ok(value)
    } else {
        let requirement = if positive { "greater than zero" } else { "not below zero" };
        Err(DistributionError::BadParameter { parameter, requirement, value })
    }
}

/// A validated distribution scaled to ticks, ready to draw from.
#[derive(Clone, Debug)]
pub struct Sampler {
    kind: SamplerKind,
    mean_ticks: f64,
}

#[derive(Clone, Debug)]
enum SamplerKind {
    Exponential { mean_ticks: f64 },
    Deterministic { ticks: u64 },
    Lognormal(LogNormal<f64>),
    Triangular(Triangular<f64>),
    Uniform { min_ticks: f64, span_ticks: f64 },
    Empirical { index: Option<WeightedAliasIndex<f64>>, ticks: Vec<u64> },
}

/// Rounds a non-negative duration in ticks to an integer; the cast saturates, so absurd
/// values become the end of time rather than wrapping.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
fn to_ticks(x: f64) -> u64 {
    x.max(0.0).round() as u64
}

impl Sampler {
    /// Validates `distribution` and scales it by `ticks_per_unit` (for example 60,000 when
    /// the scenario speaks in minutes and ticks are milliseconds).
    pub fn new(
        distribution: &Distribution,
        ticks_per_unit: f64,
    ) -> Result<Self, DistributionError> {
        let scale = check("ticks per unit", ticks_per_unit, true)?;
        let (kind, mean) = match distribution {
            Distribution::Exponential { mean } => {
                let mean = check("mean", *mean, true)?;
                (SamplerKind::Exponential { mean_ticks: mean * scale }, mean)
            }
            Distribution::Deterministic { value } => {
                let value = check("value", *value, false)?;
                (SamplerKind::Deterministic { ticks: to_ticks(value * scale) }, value)
            }
            Distribution::Lognormal { mean, sd } => {
                let mean = check("mean", *mean, true)?;
                let sd = check("sd", *sd, false)?;
                // Moments of the duration to the parameters of its logarithm.
                let sigma2 = (1.0 + (sd / mean).powi(2)).ln();
                let mu = (mean * scale).ln() - sigma2 / 2.0;
                let lognormal = LogNormal::new(mu, sigma2.sqrt()).map_err(|_| {
                    DistributionError::BadParameter {
                        parameter: "sd",
                        requirement: "giving a valid lognormal",
                        value: sd,
                    }
                })?;
                (SamplerKind::Lognormal(lognormal), mean)
            }
            Distribution::Triangular { min, mode, max } => {
                let (min, mode, max) = (
                    check("min", *min, false)?,
                    check("mode", *mode, false)?,
                    check("max", *max, false)?,
                );
                if !(min <= mode && mode <= max) {
                    return Err(DistributionError::TriangularOrder { min, mode, max });
                }
                let kind = if min == max {
                    SamplerKind::Deterministic { ticks: to_ticks(min * scale) }
                } else {
                    let t = Triangular::new(min * scale, max * scale, mode * scale)
                        .map_err(|_| DistributionError::TriangularOrder { min, mode, max })?;
                    SamplerKind::Triangular(t)
                };
                (kind, (min + mode + max) / 3.0)
            }
            Distribution::Uniform { min, max } => {
                let (min, max) = (check("min", *min, false)?, check("max", *max, false)?);
                if min > max {
                    return Err(DistributionError::UniformOrder { min, max });
                }
                (
                    SamplerKind::Uniform {
                        min_ticks: min * scale,
                        span_ticks: (max - min) * scale,
                    },
                    (min + max) / 2.0,
                )
            }
            Distribution::Empirical { values, weights } => {
                let shape = || DistributionError::EmpiricalShape {
                    values: values.len(),
                    weights: weights.len(),
                };
                if values.is_empty()
                    || values.len() > EMPIRICAL_VALUES_MAX
                    || !(weights.is_empty() || weights.len() == values.len())
                {
                    return Err(shape());
                }
                for &v in values {
                    check("empirical value", v, false)?;
                }
                for &w in weights {
                    check("empirical weight", w, false)?;
                }
                let weights: Vec<f64> =
                    if weights.is_empty() { vec![1.0; values.len()] } else { weights.clone() };
                let total: f64 = weights.iter().sum();
                if total <= 0.0 {
                    return Err(shape());
                }
                let mean = values.iter().zip(&weights).map(|(v, w)| v * w).sum::<f64>() / total;
                let ticks = values.iter().map(|v| to_ticks(v * scale)).collect();
                let index = if values.len() == 1 {
                    None
                } else {
                    Some(WeightedAliasIndex::new(weights).map_err(|_| shape())?)
                };
                (SamplerKind::Empirical { index, ticks }, mean)
            }
        };
        Ok(Self { kind, mean_ticks: mean * scale })
    }

    /// The distribution's mean, in ticks (before rounding).
    #[must_use]
    pub fn mean_ticks(&self) -> f64 {
        self.mean_ticks
    }

    fn sample<R: Rng>(&self, rng: &mut R) -> u64 {
        match &self.kind {
            SamplerKind::Exponential { mean_ticks } => {
                let x: f64 = Exp1.sample(rng);
                to_ticks(x * mean_ticks)
            }
            SamplerKind::Deterministic { ticks } => *ticks,
            SamplerKind::Lognormal(d) => to_ticks(d.sample(rng)),
            SamplerKind::Triangular(d) => to_ticks(d.sample(rng)),
            SamplerKind::Uniform { min_ticks, span_ticks } => {
                to_ticks(min_ticks + span_ticks * rng.r#gen::<f64>())
            }
            SamplerKind::Empirical { index, ticks } => match index {
                Some(index) => ticks[index.sample(rng)],
                None => ticks[0],
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mean_of(distribution: Distribution, draws: u32) -> f64 {
        let sampler = Sampler::new(&distribution, 1000.0).expect("valid distribution");
        let mut stream = Streams::new(7, 0).stream("test");
        let total: u64 = (0..draws).map(|_| stream.ticks(&sampler)).sum();
        #[allow(clippy::cast_precision_loss)]
        let mean = total as f64 / f64::from(draws) / 1000.0;
        mean
    }

    #[test]
    fn sample_means_match_the_distribution_means() {
        let cases = [
            (Distribution::Exponential { mean: 2.0 }, 2.0),
            (Distribution::Deterministic { value: 1.5 }, 1.5),
            (Distribution::Lognormal { mean: 3.0, sd: 1.0 }, 3.0),
            (Distribution::Triangular { min: 1.0, mode: 2.0, max: 6.0 }, 3.0),
            (Distribution::Uniform { min: 1.0, max: 3.0 }, 2.0),
            (Distribution::Empirical { values: vec![1.0, 5.0], weights: vec![3.0, 1.0] }, 2.0),
        ];
        for (distribution, expected) in cases {
            let got = mean_of(distribution.clone(), 200_000);
            assert!((got - expected).abs() < 0.02 * expected, "{distribution:?}: mean {got}");
            let sampler = Sampler::new(&distribution, 1000.0).expect("valid");
            assert!((sampler.mean_ticks() - expected * 1000.0).abs() < 1e-9);
        }
    }

    #[test]
    fn bad_parameters_are_refused_with_reasons() {
        let cases = [
            (
                Distribution::Exponential { mean: 0.0 },
                "mean must be a finite number greater than zero, got 0",
            ),
            (
                Distribution::Triangular { min: 2.0, mode: 1.0, max: 3.0 },
                "a triangular distribution needs min <= mode <= max, got 2, 1, 3",
            ),
            (
                Distribution::Empirical { values: vec![1.0], weights: vec![1.0, 2.0] },
                "an empirical distribution needs 1 to 10000 values and as many weights (or none), \
                 not all zero; got 1 values and 2 weights",
            ),
            (
                Distribution::Lognormal { mean: 1.0, sd: f64::NAN },
                "sd must be a finite number not below zero, got NaN",
            ),
        ];
        for (distribution, message) in cases {
            let err = Sampler::new(&distribution, 1.0).expect_err("must be refused");
            assert_eq!(err.to_string(), message);
        }
    }

    #[test]
    fn streams_differ_by_name_and_replication_and_repeat_exactly() {
        let draw = |seed, rep, name: &str| {
            let mut s = Streams::new(seed, rep).stream(name);
            (0..4).map(|_| s.next_u64()).collect::<Vec<_>>()
        };
        assert_eq!(draw(1, 0, "a"), draw(1, 0, "a"));
        assert_ne!(draw(1, 0, "a"), draw(1, 0, "b"));
        assert_ne!(draw(1, 0, "a"), draw(1, 1, "a"));
        assert_ne!(draw(1, 0, "a"), draw(2, 0, "a"));
    }
}
