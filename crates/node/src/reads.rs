//! Read endpoints beyond the basic views: statistics per period, incidents, and the
//! confidential payloads behind an entry's commitments (signed reads, see
//! [`crate::confidential`]). Also the two steps a submission takes for its payloads.

use crate::api::{ApiError, AppState, ErrorBody, Paging, RawBody, parse_mrn};
use crate::confidential::{
    self, AttachedPayload, CheckedPayload, RequestSignature, RevealedPayload,
};
use crate::projection::IncidentView;
use crate::sequencer::Ack;
use axum::Json;
use axum::extract::{OriginalUri, Path, Query, State as AxumState};
use axum::http::{HeaderMap, Method};
use passage_core::state::{HOUR_MS, PeriodTotals};
use passage_core::statement::Recorded;
use passage_core::{Corridor, Currency};
use passage_store::{
    IncidentCursor, IncidentQuery, MovementPayloadQuery, PAYLOADS_PER_CALL_MAX, PayloadCursor,
    PayloadRow, Period, Store,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::num::NonZeroU64;
use utoipa::{IntoParams, ToSchema};

/// Most periods one statistics request covers: a year by day, or six weeks by hour.
pub const PERIODS_MAX: u64 = 1_000;

/// Checks the payloads attached to a submission against the statement's commitments.
pub(crate) fn check_payloads(
    recorded: &Recorded,
    attached: &[AttachedPayload],
) -> Result<Vec<CheckedPayload>, ApiError> {
    if attached.is_empty() {
        return Ok(Vec::new());
    }
    Ok(confidential::check_attached(&recorded.statement, attached)?)
}

/// Stores a submission's checked payloads once its entry is committed, before the answer:
/// a submitter who gets no answer resubmits, and the duplicate's answer stores them then.
pub(crate) async fn store_payloads(
    state: &AppState,
    entry_index: u64,
    payloads: Vec<CheckedPayload>,
) -> Result<(), ApiError> {
    if payloads.is_empty() {
        return Ok(());
    }
    let rows = payloads.into_iter().map(|payload| payload.row(entry_index)).collect();
    state.store.save_payloads(rows).await.map_err(|error| {
        tracing::error!(%error, entry_index, "payloads not stored");
        ApiError::Unavailable(format!(
            "the statement is at entry {entry_index} but its payloads were not stored; \
             resubmit it with them"
        ))
    })
}

/// Checks the payloads attached to the statement at `position` (from 0) of a batch; a
/// refusal names the position, as the batch's answer lists outcomes in order.
pub(crate) fn check_batch_payloads(
    position: usize,
    recorded: &Recorded,
    attached: &[AttachedPayload],
) -> Result<Vec<CheckedPayload>, ApiError> {
    check_payloads(recorded, attached).map_err(|error| {
        let at = |message: String| format!("batch statement {position}: {message}");
        match error {
            ApiError::BadRequest { code, message } => {
                ApiError::BadRequest { code, message: at(message) }
            }
            ApiError::Unprocessable { code, message } => {
                ApiError::Unprocessable { code, message: at(message) }
            }
            ApiError::TooLarge(message) => ApiError::TooLarge(at(message)),
            other => other,
        }
    })
}

/// Stores the checked payloads of a batch's acknowledged statements, several statements'
/// payloads per store call (at most [`PAYLOADS_PER_CALL_MAX`] rows, so a call holds whole
/// statements), before the answer. A statement whose payloads were not stored is answered
/// `unavailable`, as `POST /v1/statements` answers: its entry stands and a resubmission
/// with its payloads stores them.
pub(crate) async fn store_batch_payloads(
    state: &AppState,
    acknowledged: Vec<Result<(Ack, Vec<CheckedPayload>), ApiError>>,
) -> Vec<Result<Ack, ApiError>> {
    let mut outcomes = Vec::with_capacity(acknowledged.len());
    // Positions and rows of the statements gathered for the next store call.
    let mut call: (Vec<usize>, Vec<PayloadRow>) = (Vec::new(), Vec::new());
    for item in acknowledged {
        match item {
            Ok((ack, payloads)) => {
                if !payloads.is_empty() {
                    if call.1.len() + payloads.len() > PAYLOADS_PER_CALL_MAX {
                        save_batch_call(state, std::mem::take(&mut call), &mut outcomes).await;
                    }
                    call.0.push(outcomes.len());
                    call.1.extend(payloads.into_iter().map(|payload| payload.row(ack.index)));
                }
                outcomes.push(Ok(ack));
            }
            Err(error) => outcomes.push(Err(error)),
        }
    }
    save_batch_call(state, call, &mut outcomes).await;
    outcomes
}

async fn save_batch_call(
    state: &AppState,
    (positions, rows): (Vec<usize>, Vec<PayloadRow>),
    outcomes: &mut [Result<Ack, ApiError>],
) {
    if rows.is_empty() {
        return;
    }
    let Err(error) = state.store.save_payloads(rows).await else { return };
    tracing::error!(%error, statements = positions.len(), "payloads of a batch not stored");
    for position in positions {
        if let Some(Ok(ack)) = outcomes.get(position) {
            let entry_index = ack.index;
            outcomes[position] = Err(ApiError::Unavailable(format!(
                "batch statement {position} is at entry {entry_index} but its payloads were \
                 not stored; resubmit it with them"
            )));
        }
    }
}

/// The payloads behind an entry's commitments.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct PayloadsResponse {
    /// The entry.
    pub index: u64,
    /// The statement's commitments that have a stored payload, by field name. A commitment
    /// whose payload the submitter did not attach is absent.
    pub payloads: Vec<RevealedPayload>,
}

/// The headers of a signed read, as the OpenAPI document of each signed-read route lists
/// them. The handlers read them with [`RequestSignature::from_headers`]; this type only
/// describes them.
#[derive(Clone, Debug, IntoParams)]
#[into_params(parameter_in = Header, rename_all = "kebab-case")]
pub struct SignedReadHeaders {
    /// The reader's enrolled Ed25519 public key, 64 hex digits.
    pub passage_key: String,
    /// The request's time, ms since 1970; within 5 minutes of the node's clock.
    pub passage_timestamp: u64,
    /// 16 to 64 characters of `[A-Za-z0-9_-]`, fresh for each request.
    pub passage_nonce: String,
    /// Base64 Ed25519 signature of the request, its query included (see the API documentation).
    pub passage_signature: String,
}

/// `GET /v1/entries/{index}/payloads`: a signed read by a role the regime names.
#[utoipa::path(
    get,
    path = "/v1/entries/{index}/payloads",
    tag = "confidential",
    params(
        ("index" = u64, Path, description = "Entry index."),
        SignedReadHeaders
    ),
    responses(
        (status = 200, description = "The stored payloads, each with its commitment and salt so the reader can check it.", body = PayloadsResponse),
        (status = 400, description = "The index is not a number (`bad_index`).", body = ErrorBody),
        (status = 401, description = "Unsigned, bad signature, stale or replayed request, or a key not enrolled (`unsigned`, `bad_signature`, `stale_request`, `replayed_request`, `unknown_signer`).", body = ErrorBody),
        (status = 403, description = "The key's role may not read confidential data (`not_a_reader`).", body = ErrorBody),
        (status = 404, description = "No such entry (`not_found`).", body = ErrorBody),
        (status = 503, description = "Too many signed reads in the window (`unavailable`).", body = ErrorBody),
        (status = 500, description = "Internal error (`internal`).", body = ErrorBody)
    )
)]
pub async fn entry_payloads(
    AxumState(state): AxumState<AppState>,
    Path(index): Path<String>,
    method: Method,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: RawBody,
) -> Result<Json<PayloadsResponse>, ApiError> {
    // Authenticate before anything else: an unsigned caller learns nothing, not even
    // whether the entry exists.
    let signature = RequestSignature::from_headers(&headers)?;
    let body = body.map_err(|rejection| ApiError::bad("unreadable_body", rejection.body_text()))?;
    signature.verify(method.as_str(), uri.path(), uri.query().unwrap_or_default(), &body)?;
    state.nonces.admit(&signature, crate::sequencer::now_ms())?;
    let index: u64 = index
        .parse()
        .map_err(|_| ApiError::bad("bad_index", format!("`{index}` is not an entry index")))?;
    let stored = state
        .store
        .entry(index)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("the log has no entry {index}")))?;
    let entry = passage_core::Entry::decode(&stored.bytes)
        .map_err(|error| ApiError::Internal(format!("stored entry {index}: {error}")))?;
    let recorded = entry
        .statement
        .decode_statement()
        .map_err(|error| ApiError::Internal(format!("stored entry {index}: {error}")))?;
    let allowed = state
        .shared
        .read_state(|core| {
            confidential::may_read(
                core,
                &signature.key,
                &entry.statement.signer,
                &recorded.statement,
            )
        })
        .ok_or_else(|| ApiError::NotFound("the log holds no charter yet".into()))??;
    if !allowed {
        return Err(ApiError::Forbidden {
            code: "not_a_reader",
            message: format!(
                "key {} may not read confidential data of entry {index}: the regime's \
                 `[confidential] read` names the officers who may, and a carrier reads only \
                 its own movements'",
                hex::encode(&signature.key.0[..4])
            ),
        });
    }
    let payloads = state.store.payloads(index).await?.into_iter().map(Into::into).collect();
    Ok(Json(PayloadsResponse { index, payloads }))
}

/// Most payload rows on one page of `GET /v1/movements/{mrn}/payloads`: a declaration of
/// 110 goods lines opens 221 commitments, so one page holds it whole.
pub const MOVEMENT_PAYLOADS_PAGE_MAX: u32 = 256;
/// Page size of `GET /v1/movements/{mrn}/payloads` when the request names none.
pub const MOVEMENT_PAYLOADS_PAGE_DEFAULT: u32 = 64;
/// The page sizes of `GET /v1/movements/{mrn}/payloads`.
const MOVEMENT_PAYLOADS_PAGING: Paging =
    Paging { default: MOVEMENT_PAYLOADS_PAGE_DEFAULT, max: MOVEMENT_PAYLOADS_PAGE_MAX };
/// Payload bytes after which a page of a movement's payloads ends early (its `next` cursor
/// continues after the last row given). Payloads are names and short texts, so a page
/// rarely reaches it; a page always holds at least one row, so one payload of
/// `PAYLOAD_BYTES_MAX` (1 MiB) still gets through.
pub const MOVEMENT_PAYLOADS_PAGE_BYTES_MAX: usize = 4 * 1024 * 1024;

/// Page of `GET /v1/movements/{mrn}/payloads`.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MovementPayloadsQuery {
    /// The `next` cursor of the previous page.
    pub after: Option<String>,
    /// Most payloads on the page, 1 to `MOVEMENT_PAYLOADS_PAGE_MAX` (256); 64 by default.
    pub limit: Option<u32>,
}

/// A page of the payloads behind a movement's commitments, entry by entry.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct MovementPayloadsResponse {
    /// The movement.
    pub mrn: String,
    /// Entries of the movement with stored payloads, ascending; an entry's payloads may
    /// continue on the next page.
    pub entries: Vec<PayloadsResponse>,
    /// Cursor for the next page (`after=`), if there is one.
    pub next: Option<String>,
}

/// `GET /v1/movements/{mrn}/payloads`: every stored payload of a movement's entries, in a
/// signed read by a role the regime names or by the movement's carrier.
#[utoipa::path(
    get,
    path = "/v1/movements/{mrn}/payloads",
    tag = "confidential",
    params(
        ("mrn" = String, Path, description = "The movement's MRN."),
        MovementPayloadsQuery,
        SignedReadHeaders
    ),
    responses(
        (status = 200, description = "A page of the movement's stored payloads in entry and field order, each with its commitment and salt so the reader can check it against the entry.", body = MovementPayloadsResponse),
        (status = 400, description = "A bad MRN, cursor or limit (`bad_mrn`, `bad_cursor`, `bad_limit`).", body = ErrorBody),
        (status = 401, description = "Unsigned, bad signature, stale or replayed request, or a key not enrolled (`unsigned`, `bad_signature`, `stale_request`, `replayed_request`, `unknown_signer`).", body = ErrorBody),
        (status = 403, description = "The key's role may not read this movement's confidential data (`not_a_reader`).", body = ErrorBody),
        (status = 404, description = "No such movement (`not_found`).", body = ErrorBody),
        (status = 503, description = "Too many signed reads in the window (`unavailable`).", body = ErrorBody),
        (status = 500, description = "Internal error (`internal`).", body = ErrorBody)
    )
)]
pub async fn movement_payloads(
    AxumState(state): AxumState<AppState>,
    Path(mrn): Path<String>,
    query: Result<Query<MovementPayloadsQuery>, axum::extract::rejection::QueryRejection>,
    method: Method,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: RawBody,
) -> Result<Json<MovementPayloadsResponse>, ApiError> {
    // Authenticate before anything else, as for an entry's payloads.
    let signature = RequestSignature::from_headers(&headers)?;
    let body = body.map_err(|rejection| ApiError::bad("unreadable_body", rejection.body_text()))?;
    signature.verify(method.as_str(), uri.path(), uri.query().unwrap_or_default(), &body)?;
    state.nonces.admit(&signature, crate::sequencer::now_ms())?;
    let query = Paging::from_query(query)?;
    let mrn = parse_mrn(&mrn)?;
    let limit = MOVEMENT_PAYLOADS_PAGING.limit(query.limit)?;
    let after = match &query.after {
        None => None,
        Some(cursor) => {
            let (entry_index, field) = Paging::cursor(cursor)?;
            Some(PayloadCursor { entry_index, field })
        }
    };
    let allowed = state
        .shared
        .read_state(|core| confidential::may_read_movement(core, &signature.key, &mrn))
        .ok_or_else(|| ApiError::NotFound("the log holds no charter yet".into()))??
        .ok_or_else(|| ApiError::NotFound(format!("no movement {mrn}")))?;
    if !allowed {
        return Err(ApiError::Forbidden {
            code: "not_a_reader",
            message: format!(
                "key {} may not read confidential data of movement {mrn}: the regime's \
                 `[confidential] read` names the officers who may, and a carrier reads only \
                 its own movements'",
                hex::encode(&signature.key.0[..4])
            ),
        });
    }
    let reference = mrn.to_string();
    let page = state
        .store
        .movement_payloads(MovementPayloadQuery { reference: reference.clone(), after, limit })
        .await?;
    // End the page early past the byte budget, keeping at least one row.
    let mut rows = page.items;
    let mut next = page.next;
    let mut bytes = 0;
    if let Some(cut) = rows.iter().position(|row| {
        bytes += row.payload.len();
        bytes > MOVEMENT_PAYLOADS_PAGE_BYTES_MAX
    }) {
        let kept = cut.max(1);
        if kept < rows.len() {
            rows.truncate(kept);
            next = rows.last().map(|row| PayloadCursor {
                entry_index: row.entry_index,
                field: row.field.clone(),
            });
        }
    }
    let mut entries: Vec<PayloadsResponse> = Vec::new();
    for row in rows {
        match entries.last_mut() {
            Some(entry) if entry.index == row.entry_index => entry.payloads.push(row.into()),
            _ => entries
                .push(PayloadsResponse { index: row.entry_index, payloads: vec![row.into()] }),
        }
    }
    let next = next.map(|cursor| format!("{}.{}", cursor.entry_index, cursor.field));
    Ok(Json(MovementPayloadsResponse { mrn: reference, entries, next }))
}

/// Filters and page of `GET /v1/incidents`.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IncidentSearch {
    /// Post the movement was at when the incident was reported (or raised by time): each
    /// item's `reported_post`.
    pub post: Option<String>,
    /// Post the movement was at when the incident last changed (opened or closed): each
    /// item's `post`.
    pub last_change_post: Option<String>,
    /// `open` or `closed`.
    pub status: Option<String>,
    /// Only incidents of this movement (MRN).
    pub movement: Option<String>,
    /// Opened at or after (ms).
    pub from: Option<i64>,
    /// Opened before (ms).
    pub until: Option<i64>,
    /// The `next` cursor of the previous page.
    pub after: Option<String>,
    /// Page size, 1 to `PAGE_SIZE_MAX` (500).
    pub limit: Option<u32>,
}

/// One incident.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct IncidentItem {
    /// Identifier: the movement's MRN and the incident's number (`<MRN>/1`).
    pub id: String,
    /// The movement.
    pub movement: Option<String>,
    /// The post the movement was at when the incident last changed (opened or closed).
    pub post: Option<String>,
    /// The post the movement was at when the incident was reported (or raised by time);
    /// null when it was between posts.
    pub reported_post: Option<String>,
    /// Kind (`overdue`, `seal_mismatch`, ...).
    pub kind: String,
    /// `open` or `closed`.
    pub status: String,
    /// When opened (ms).
    pub opened_at_ms: i64,
    /// Entry that opened it.
    pub opened_entry: u64,
    /// Entry that closed it.
    pub closed_entry: Option<u64>,
}

/// A page of incidents.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct IncidentPage {
    /// Incidents in the order they were opened.
    pub incidents: Vec<IncidentItem>,
    /// Cursor for the next page (`after=`), if there is one.
    pub next: Option<String>,
}

fn period(from: Option<i64>, until: Option<i64>) -> Result<Period, ApiError> {
    if let (Some(from), Some(until)) = (from, until)
        && from > until
    {
        return Err(ApiError::bad(
            "bad_period",
            format!("`from` ({from}) is after `until` ({until})"),
        ));
    }
    Ok(Period { from_ms: from, until_ms: until })
}

/// `GET /v1/incidents`.
#[utoipa::path(
    get,
    path = "/v1/incidents",
    tag = "incidents",
    params(IncidentSearch),
    responses(
        (status = 200, description = "A page of incidents, open and closed, in the order they were opened.", body = IncidentPage),
        (status = 400, description = "A bad filter, period, cursor or limit (`bad_status`, `bad_mrn`, `bad_period`, `bad_cursor`, `bad_limit`).", body = ErrorBody),
        (status = 500, description = "Internal error (`internal`).", body = ErrorBody)
    )
)]
pub async fn incidents(
    AxumState(state): AxumState<AppState>,
    Query(search): Query<IncidentSearch>,
) -> Result<Json<IncidentPage>, ApiError> {
    if let Some(status) = &search.status
        && status != "open"
        && status != "closed"
    {
        return Err(ApiError::bad(
            "bad_status",
            format!("status is `open` or `closed`, not `{status}`"),
        ));
    }
    let movement = match &search.movement {
        Some(text) => Some(parse_mrn(text)?.to_string()),
        None => None,
    };
    let after = match &search.after {
        None => None,
        Some(cursor) => {
            let (opened_at_ms, id) = Paging::cursor(cursor)?;
            Some(IncidentCursor { opened_at_ms, id })
        }
    };
    let query = IncidentQuery {
        movement_reference: movement,
        status: search.status,
        post: search.last_change_post,
        reported_post: search.post,
        opened: period(search.from, search.until)?,
        after,
        limit: Paging::SEARCH.limit(search.limit)?,
    };
    let page = state.store.search_incidents(query).await?;
    let incidents = page
        .items
        .into_iter()
        .map(|row| {
            let view: IncidentView = serde_json::from_slice(&row.snapshot).map_err(|error| {
                ApiError::Internal(format!("incident view {}: {error}", row.id))
            })?;
            Ok(IncidentItem {
                id: row.id,
                movement: row.movement_reference,
                post: row.post,
                // The column `?post=` filters on, so an item shows what it matched.
                reported_post: row.reported_post,
                kind: row.kind,
                status: row.status,
                opened_at_ms: row.opened_at_ms,
                opened_entry: view.opened_entry,
                closed_entry: view.closed_entry,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let next = page.next.map(|cursor| format!("{}.{}", cursor.opened_at_ms, cursor.id));
    Ok(Json(IncidentPage { incidents, next }))
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
    /// Start of the first period (ms since 1970), a multiple of the granularity.
    pub from: u64,
    /// End of the last period (ms, exclusive), a multiple of the granularity after `from`.
    pub to: u64,
    /// `hour`, `day` or `week`.
    pub granularity: Granularity,
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
pub async fn statistics_per_period(
    AxumState(state): AxumState<AppState>,
    query: Result<Query<PeriodQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<PeriodStatistics>, ApiError> {
    let Query(query) =
        query.map_err(|rejection| ApiError::bad("invalid_query", rejection.body_text()))?;
    let step = query.granularity.ms();
    if query.to <= query.from || query.from % step != 0 || query.to % step != 0 {
        return Err(ApiError::bad(
            "bad_period",
            format!("`from` < `to`, both multiples of {step} ms (one {:?})", query.granularity),
        ));
    }
    let count = (query.to - query.from) / step;
    if count > PERIODS_MAX {
        return Err(ApiError::bad(
            "bad_period",
            format!("{count} periods asked for; at most {PERIODS_MAX}: widen the granularity"),
        ));
    }
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
        .ok_or_else(|| ApiError::NotFound("the log holds no charter yet".into()))?;
    Ok(Json(PeriodStatistics { granularity: query.granularity, periods }))
}
