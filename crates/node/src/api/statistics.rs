//! Statistics: figures over the whole log (`GET /v1/statistics`: from the running totals of
//! the log as last committed, or as published with a checkpoint, `?at=`; see
//! [`crate::figures`]) and per period (`GET /v1/statistics/periods`: the core's totals per
//! hour, summed per period under the state's read lock, so a request costs the periods
//! asked for, not the log).

use super::AppState;
use super::errors::{ApiError, ErrorBody};
use super::extract::Query;
use super::governance::no_charter;
use axum::extract::State as AxumState;
use axum::routing::get;
use axum::{Json, Router};
use passage_core::state::{HOUR_MS, PeriodTotals};
use passage_core::{Corridor, Currency};
use passage_store::Store;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::num::NonZeroU64;
use utoipa::{IntoParams, ToSchema};

/// Most periods one statistics request covers: a year by day, or six weeks by hour.
pub const PERIODS_MAX: u64 = 1_000;

/// Which figures `GET /v1/statistics` and `GET /v1/accounts` answer.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AtQuery {
    /// The size of a published checkpoint: the figures the node published with it (the
    /// newest `CHECKPOINT_FIGURES_KEPT` checkpoints' are kept). Without it, the log as last
    /// committed.
    pub at: Option<u64>,
}

/// The figures published with the checkpoint of size `at` (404 `no_figures` if the node
/// keeps none for that size).
pub(crate) async fn published_figures(
    state: &AppState,
    at: u64,
) -> Result<crate::figures::PublishedFigures, ApiError> {
    let Some(row) = state.store.checkpoint_figures(at).await? else {
        return Err(no_figures(state, at).await);
    };
    serde_json::from_str(&row.figures)
        .map_err(|error| ApiError::Internal(format!("figures of size {at}: {error}")))
}

/// Why there are no figures for the size `at` (404 `no_figures`), naming the latest size.
pub(crate) async fn no_figures(state: &AppState, at: u64) -> ApiError {
    let latest = match state.store.latest_published_checkpoint().await {
        Ok(latest) => latest.map_or(0, |row| row.tree_size),
        Err(error) => return error.into(),
    };
    ApiError::NoFigures(format!(
        "no figures published for size {at}: ask for the size of a published checkpoint (the \
         latest is {latest}; the newest {} are kept)",
        passage_store::CHECKPOINT_FIGURES_KEPT
    ))
}

/// The routes of statistics.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/statistics", get(statistics))
        .route("/v1/statistics/periods", get(statistics_per_period))
}

/// Figures derived from the log, at the size `tree_size` says.
#[derive(Clone, Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct Statistics {
    /// Entries in the log when these figures were taken (equal to `tree_size`).
    pub entries: u64,
    /// The tree size the figures reflect: the log as last committed, or the checkpoint
    /// asked for with `at`.
    #[serde(default)]
    pub tree_size: u64,
    /// The core's state digest at `tree_size` (hex), given with the figures of a published
    /// checkpoint (`at`): an auditor's replay must reach the same.
    #[serde(default)]
    pub state_digest: Option<String>,
    /// Size of the latest published checkpoint.
    pub checkpoint_size: u64,
    /// Movements per status.
    pub movements: std::collections::BTreeMap<String, u64>,
    /// Fees assessed per currency, in minor units.
    pub fees_minor: std::collections::BTreeMap<String, i64>,
    /// Payments recorded per currency, in minor units.
    pub payments_minor: std::collections::BTreeMap<String, i64>,
    /// Open incidents.
    pub incidents_open: u64,
    /// Mean dwell per post (arrival to departure), in seconds.
    pub dwell_seconds_mean: std::collections::BTreeMap<String, f64>,
    /// Movements at each post now (arrived, not yet departed or discharged): the queue a
    /// post has to clear. Posts with none are left out. Always sent; a reader of an older
    /// node takes its absence as none.
    #[serde(default)]
    #[schema(required = true)]
    pub movements_at_post: std::collections::BTreeMap<String, u64>,
}

#[utoipa::path(
    get,
    path = "/v1/statistics",
    tag = "statistics",
    params(AtQuery),
    responses(
        (status = 200, description = "Figures over the whole log at `tree_size`: as last committed, or as published with the checkpoint `at` (with the core's state digest).", body = Statistics),
        (status = 400, description = "A bad query (`invalid_query`).", body = ErrorBody),
        (status = 404, description = "No figures published for the size `at` (`no_figures`).", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn statistics(
    AxumState(state): AxumState<AppState>,
    Query(query): Query<AtQuery>,
) -> Result<Json<Statistics>, ApiError> {
    let checkpoint_size =
        state.store.latest_published_checkpoint().await?.map_or(0, |row| row.tree_size);
    let mut statistics = match query.at {
        Some(at) => published_figures(&state, at).await?.statistics,
        // Running totals and per-post counts: no walk of the history, no lock held.
        None => state.shared.committed().statistics(),
    };
    statistics.checkpoint_size = checkpoint_size;
    Ok(Json(statistics))
}

/// The length of each period in a statistics request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// One hour.
    Hour,
    /// One day (UTC).
    Day,
    /// Seven days, from `from`.
    Week,
}

impl Granularity {
    fn ms(self) -> u64 {
        match self {
            Granularity::Hour => 3_600_000,
            Granularity::Day => 86_400_000,
            Granularity::Week => 7 * 86_400_000,
        }
    }
}

/// Range and granularity of `GET /v1/statistics/periods`.
#[derive(Clone, Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// Start of the first period (ms since 1970), a multiple of the granularity (so of an
    /// hour, whatever the granularity).
    #[param(multiple_of = 3600000)]
    pub from: u64,
    /// End of the last period (ms, exclusive), a multiple of the granularity after `from`,
    /// at most `PERIODS_MAX` (1,000) periods after it.
    #[param(multiple_of = 3600000)]
    pub to: u64,
    /// `hour`, `day` or `week`.
    pub granularity: Granularity,
}

impl PeriodQuery {
    /// How many periods the range holds: `from` before `to`, both multiples of the
    /// granularity, at most [`PERIODS_MAX`] periods apart (else 400 `bad_period`).
    pub fn period_count(&self) -> Result<u64, ApiError> {
        let step = self.granularity.ms();
        if self.to <= self.from || !self.from.is_multiple_of(step) || !self.to.is_multiple_of(step)
        {
            return Err(ApiError::bad(
                "bad_period",
                format!("`from` < `to`, both multiples of {step} ms (one {:?})", self.granularity),
            ));
        }
        let count = (self.to - self.from) / step;
        if count > PERIODS_MAX {
            return Err(ApiError::bad(
                "bad_period",
                format!("{count} periods asked for; at most {PERIODS_MAX}: widen the granularity"),
            ));
        }
        Ok(count)
    }
}

/// Dwell at one post over one period: visits that departed in the period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DwellFigures {
    /// Departures from the post in the period.
    pub departures: u64,
    /// Mean time from arrival to departure, in seconds.
    pub seconds_mean: f64,
    /// Longest time from arrival to departure, in seconds.
    pub seconds_max: f64,
}

/// Figures of one period `[from_ms, until_ms)`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PeriodFigures {
    /// Start (ms, inclusive).
    pub from_ms: u64,
    /// End (ms, exclusive).
    pub until_ms: u64,
    /// Movements declared.
    pub declared: u64,
    /// Movements that reached their destination post.
    pub arrived_at_destination: u64,
    /// Dwell per post, by post identifier (posts with a departure only).
    pub dwell: BTreeMap<String, DwellFigures>,
    /// Fees assessed per currency, in minor units.
    pub fees_minor: BTreeMap<String, i64>,
    /// Payments recorded per currency, in minor units.
    pub payments_minor: BTreeMap<String, i64>,
}

/// Statistics per period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PeriodStatistics {
    /// The granularity asked for.
    pub granularity: Granularity,
    /// One line per period, in time order, empty periods included.
    pub periods: Vec<PeriodFigures>,
}

/// One period's line, from the core's totals over its hours.
fn period_figures(
    corridor: &Corridor,
    from: u64,
    step: u64,
    index: usize,
    totals: PeriodTotals,
) -> PeriodFigures {
    let from_ms = from + index as u64 * step;
    let amounts = |amounts: BTreeMap<Currency, i64>| {
        amounts.into_iter().map(|(currency, amount)| (currency.to_string(), amount)).collect()
    };
    PeriodFigures {
        from_ms,
        until_ms: from_ms + step,
        declared: totals.declared,
        arrived_at_destination: totals.arrived_at_destination,
        dwell: totals
            .dwell
            .into_iter()
            .map(|(post, dwell)| {
                let figures = DwellFigures {
                    departures: dwell.departures,
                    seconds_mean: dwell.total_ms as f64 / 1_000.0 / dwell.departures as f64,
                    seconds_max: dwell.max_ms as f64 / 1_000.0,
                };
                (corridor.post(post).id.to_string(), figures)
            })
            .collect(),
        fees_minor: amounts(totals.fees),
        payments_minor: amounts(totals.payments),
    }
}

/// `GET /v1/statistics/periods`: throughput, dwell per post and fees per period, summed
/// from the core's totals per hour (so a request costs its periods, not the history).
#[utoipa::path(
    get,
    path = "/v1/statistics/periods",
    tag = "statistics",
    params(PeriodQuery),
    responses(
        (status = 200, description = "One line per period.", body = PeriodStatistics),
        (status = 400, description = "A missing or bad parameter, a range not aligned to the granularity, or more than `PERIODS_MAX` (1,000) periods (`bad_period`, `invalid_query`).", body = ErrorBody),
        (status = 404, description = "The log holds no charter yet (`not_found`).", body = ErrorBody)
    )
)]
async fn statistics_per_period(
    AxumState(state): AxumState<AppState>,
    Query(query): Query<PeriodQuery>,
) -> Result<Json<PeriodStatistics>, ApiError> {
    let step = query.granularity.ms();
    let count = query.period_count()?;
    // Every granularity is a whole number of hours, and `from` is a multiple of it.
    let hours_per_period = NonZeroU64::new(step / HOUR_MS).expect("granularities are whole hours");
    let periods = state
        .shared
        .read_state(|core| {
            let corridor = core.corridor();
            core.totals_by_period(query.from / HOUR_MS, hours_per_period, count as usize)
                .into_iter()
                .enumerate()
                .map(|(index, totals)| period_figures(corridor, query.from, step, index, totals))
                .collect::<Vec<_>>()
        })
        .ok_or_else(no_charter)?;
    Ok(Json(PeriodStatistics { granularity: query.granularity, periods }))
}
