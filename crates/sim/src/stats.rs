//! Statistics: tallies, exact quantiles, time-weighted averages, and confidence intervals
//! across replications.
//!
//! Every accumulator adds its inputs in the order the run produces them, so the same run
//! gives the same floating-point result to the last bit.

use serde::Serialize;

use crate::engine::Time;

/// Count, mean, variance, minimum and maximum of a stream of observations (Welford's
/// update, which stays accurate where a running sum of squares would cancel).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Tally {
    count: u64,
    mean: f64,
    m2: f64,
    min: f64,
    max: f64,
}

impl Tally {
    /// Adds one observation.
    pub fn add(&mut self, x: f64) {
        self.count += 1;
        if self.count == 1 {
            self.min = x;
            self.max = x;
        } else {
            self.min = self.min.min(x);
            self.max = self.max.max(x);
        }
        // Precision loss only past 2^53 observations, far beyond any run.
        #[allow(clippy::cast_precision_loss)]
        let n = self.count as f64;
        let delta = x - self.mean;
        self.mean += delta / n;
        self.m2 += delta * (x - self.mean);
    }

    /// Observations so far.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Their mean; zero before the first.
    #[must_use]
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// Their sample variance; zero before the second.
    #[must_use]
    pub fn variance(&self) -> f64 {
        if self.count < 2 {
            return 0.0;
        }
        #[allow(clippy::cast_precision_loss)]
        let n = self.count as f64;
        self.m2 / (n - 1.0)
    }

    /// The smallest observation; zero before the first.
    #[must_use]
    pub fn min(&self) -> f64 {
        self.min
    }

    /// The largest observation; zero before the first.
    #[must_use]
    pub fn max(&self) -> f64 {
        self.max
    }
}

/// All observations of an integer quantity (ticks, counts), for exact quantiles.
#[derive(Clone, Debug, Default)]
pub struct Samples {
    values: Vec<u64>,
    sorted: bool,
}

impl Samples {
    /// Adds one observation.
    pub fn push(&mut self, value: u64) {
        self.values.push(value);
        self.sorted = false;
    }

    /// Observations so far.
    #[must_use]
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The nearest-rank `q`-quantile (`q` in 0..=1, clamped): the smallest observation that
    /// at least a share `q` of observations do not exceed. `None` when empty.
    pub fn quantile(&mut self, q: f64) -> Option<u64> {
        if self.values.is_empty() {
            return None;
        }
        if !self.sorted {
            self.values.sort_unstable();
            self.sorted = true;
        }
        let n = self.values.len();
        // Ranks fit in f64 exactly for any vector that fits in memory.
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss
        )]
        let rank = ((q.clamp(0.0, 1.0) * n as f64).ceil() as usize).clamp(1, n);
        Some(self.values[rank - 1])
    }

    /// The observations, in insertion order unless a quantile was asked for.
    #[must_use]
    pub fn values(&self) -> &[u64] {
        &self.values
    }
}

/// The time average of a piecewise-constant quantity (a queue length, busy servers).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TimeWeighted {
    start: Time,
    last: Time,
    value: f64,
    area: f64,
    max: f64,
}

impl TimeWeighted {
    /// Starts tracking at `now` with `value`.
    #[must_use]
    pub fn new(now: Time, value: f64) -> Self {
        Self { start: now, last: now, value, area: 0.0, max: value }
    }

    /// The quantity changes to `value` at `now`.
    pub fn set(&mut self, now: Time, value: f64) {
        self.advance(now);
        self.value = value;
        self.max = self.max.max(value);
    }

    fn advance(&mut self, now: Time) {
        assert!(now >= self.last, "time-weighted statistic updated in the past");
        #[allow(clippy::cast_precision_loss)]
        let dt = now.since(self.last) as f64;
        self.area += self.value * dt;
        self.last = now;
    }

    /// Forgets the history before `now` (the end of a warm-up), keeping the current value.
    pub fn reset(&mut self, now: Time) {
        *self = Self::new(now, self.value);
    }

    /// The current value.
    #[must_use]
    pub fn value(&self) -> f64 {
        self.value
    }

    /// The largest value seen since the start or the last reset.
    #[must_use]
    pub fn max(&self) -> f64 {
        self.max
    }

    /// The time average from the start (or last reset) to `now`; the current value if no
    /// time has passed.
    #[must_use]
    pub fn mean(&self, now: Time) -> f64 {
        let mut copy = *self;
        copy.advance(now);
        let span = now.since(self.start);
        if span == 0 {
            return self.value;
        }
        #[allow(clippy::cast_precision_loss)]
        let span = span as f64;
        copy.area / span
    }
}

/// A mean across independent replications with the half-width of its 95% confidence
/// interval (Student's t).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Estimate {
    /// The mean of the replications' values.
    pub mean: f64,
    /// Half the width of the 95% confidence interval; zero with fewer than two values.
    pub half_width: f64,
    /// How many replications.
    pub count: usize,
}

impl Estimate {
    /// The estimate from one value per replication.
    #[must_use]
    pub fn from_replications(values: &[f64]) -> Self {
        let mut tally = Tally::default();
        for &v in values {
            tally.add(v);
        }
        let count = values.len();
        if count < 2 {
            return Self { mean: tally.mean(), half_width: 0.0, count };
        }
        #[allow(clippy::cast_precision_loss)]
        let n = count as f64;
        let half_width = student_t_975(count - 1) * (tally.variance() / n).sqrt();
        Self { mean: tally.mean(), half_width, count }
    }

    /// Whether `value` lies inside the confidence interval.
    #[must_use]
    pub fn covers(&self, value: f64) -> bool {
        (value - self.mean).abs() <= self.half_width
    }
}

/// The 97.5% quantile of Student's t with `df` degrees of freedom, i.e. the factor of a
/// two-sided 95% interval. Tabulated to 30 (the standard table, three decimals); beyond,
/// the Cornish-Fisher expansion around the normal quantile, within 0.001 of the exact value.
#[must_use]
pub fn student_t_975(df: usize) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    assert!(df >= 1, "Student's t needs at least one degree of freedom");
    if df <= TABLE.len() {
        return TABLE[df - 1];
    }
    let z: f64 = 1.959_963_985;
    #[allow(clippy::cast_precision_loss)]
    let v = df as f64;
    z + (z.powi(3) + z) / (4.0 * v)
        + (5.0 * z.powi(5) + 16.0 * z.powi(3) + 3.0 * z) / (96.0 * v * v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tally_matches_the_textbook_formulas() {
        let mut t = Tally::default();
        for x in [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0] {
            t.add(x);
        }
        assert_eq!(t.count(), 8);
        assert!((t.mean() - 5.0).abs() < 1e-12);
        assert!((t.variance() - 32.0 / 7.0).abs() < 1e-12);
        assert_eq!((t.min(), t.max()), (2.0, 9.0));
    }

    #[test]
    fn nearest_rank_quantiles() {
        let mut s = Samples::default();
        for v in [15, 20, 35, 40, 50] {
            s.push(v);
        }
        let got: Vec<_> = [0.0, 0.05, 0.3, 0.4, 0.5, 1.0].iter().map(|&q| s.quantile(q)).collect();
        assert_eq!(got, vec![Some(15), Some(15), Some(20), Some(20), Some(35), Some(50)]);
        assert_eq!(Samples::default().quantile(0.5), None);
    }

    #[test]
    fn time_weighted_mean_weights_by_duration() {
        let mut q = TimeWeighted::new(Time(0), 0.0);
        q.set(Time(10), 2.0);
        q.set(Time(20), 1.0);
        // 0 for 10 ticks, 2 for 10 ticks, 1 for 20 ticks: 40 / 40.
        assert!((q.mean(Time(40)) - 1.0).abs() < 1e-12);
        assert_eq!(q.max(), 2.0);
        q.reset(Time(40));
        assert!((q.mean(Time(50)) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn student_t_joins_its_table_smoothly() {
        assert!((student_t_975(31) - 2.040).abs() < 0.001);
        assert!((student_t_975(60) - 2.000).abs() < 0.001);
        assert!((student_t_975(120) - 1.980).abs() < 0.001);
    }

    #[test]
    fn estimate_interval() {
        let e = Estimate::from_replications(&[1.0, 2.0, 3.0]);
        assert!((e.mean - 2.0).abs() < 1e-12);
        // sd 1, n 3, t(2) 4.303: 4.303 / sqrt(3).
        assert!((e.half_width - 4.303 / 3f64.sqrt()).abs() < 1e-9);
        assert!(e.covers(4.4) && !e.covers(4.5));
    }
}
