//! Movements: `GET /v1/movements` (a search, a page at a time, oldest or newest first),
//! `GET /v1/movements/{mrn}` (one movement with the entries that touched it), and
//! `GET /v1/movements/statuses?at=` (every movement's status as of a published
//! checkpoint, for auditors), read from the store's projections.

use super::AppState;
use super::errors::{ApiError, ErrorBody};
use super::extract::{Path, Query};
use super::paging::{Cursor, Paging};
use crate::projection::MovementView;
use axum::extract::State as AxumState;
use axum::routing::get;
use axum::{Json, Router};
use passage_core::Mrn;
use passage_store::{
    MovementCursor, MovementFilter, MovementOrder, MovementQuery, MovementStatusQuery, Period,
    Store,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The routes of movements.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/movements", get(search_movements))
        .route("/v1/movements/statuses", get(movement_statuses))
        .route("/v1/movements/{mrn}", get(movement))
}

/// An MRN from a path or query; anything else is refused (400 `bad_mrn`).
pub(crate) fn parse_mrn(text: &str) -> Result<Mrn, ApiError> {
    Mrn::parse(text).map_err(|error| ApiError::bad("bad_mrn", format!("`{text}`: {error}")))
}

/// A movement with the entries that touched it.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct MovementResponse {
    /// The movement.
    pub movement: MovementView,
    /// Indexes of the entries that touched it, ascending.
    pub history: Vec<u64>,
}

#[utoipa::path(
    get,
    path = "/v1/movements/{mrn}",
    tag = "movements",
    params(("mrn" = String, Path, description = "Movement reference number: 18 characters, the last a check character (ISO 6346) the pattern cannot express.", pattern = "^[0-9]{2}[A-Z]{2}[0-9A-Z]{14}$")),
    responses(
        (status = 200, description = "The movement's public view and the entries that touched it.", body = MovementResponse),
        (status = 400, description = "Not a valid MRN (`bad_mrn`).", body = ErrorBody),
        (status = 404, description = "No such movement (`not_found`).", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn movement(
    AxumState(state): AxumState<AppState>,
    Path(reference): Path<String>,
) -> Result<Json<MovementResponse>, ApiError> {
    let mrn = parse_mrn(&reference)?;
    let row = state
        .store
        .movement(&mrn.to_string())
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no movement {mrn}")))?;
    let movement: MovementView = serde_json::from_slice(&row.snapshot)
        .map_err(|error| ApiError::Internal(format!("movement view {mrn}: {error}")))?;
    let history = state.store.movement_history(&row.reference).await?;
    Ok(Json(MovementResponse { movement, history }))
}

/// Filters and page of `GET /v1/movements`.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MovementSearch {
    /// Post the movement is at.
    pub post: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Carrier.
    pub carrier: Option<String>,
    /// Declared at or after (ms).
    pub from: Option<i64>,
    /// Declared before (ms).
    pub until: Option<i64>,
    /// `oldest` (the default) or `newest`: which declarations come first.
    pub order: Option<MovementSearchOrder>,
    /// The `next` cursor of the previous page (of a search in the same order).
    pub after: Option<String>,
    /// Page size, 1 to [`PAGE_SIZE_MAX`] (500).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
}

/// The order of `GET /v1/movements`: by declaration time, then MRN.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MovementSearchOrder {
    /// Earliest declared first.
    #[default]
    Oldest,
    /// Latest declared first.
    Newest,
}

/// A page of movements.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct MovementPage {
    /// Movements in declaration order, oldest or newest first as asked.
    pub movements: Vec<MovementView>,
    /// Cursor for the next page (`after=`), if there is one; always sent, `null` on the
    /// last page.
    #[schema(required = true)]
    pub next: Option<String>,
}

#[utoipa::path(
    get,
    path = "/v1/movements",
    tag = "movements",
    params(MovementSearch),
    responses(
        (status = 200, description = "A page of movements in declaration order (`order=newest`: latest first).", body = MovementPage),
        (status = 400, description = "A bad cursor, limit, order or filter (`bad_cursor`, `bad_limit`, `invalid_query`).", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn search_movements(
    AxumState(state): AxumState<AppState>,
    Query(search): Query<MovementSearch>,
) -> Result<Json<MovementPage>, ApiError> {
    let after = Cursor::after(search.after.as_deref())?
        .map(|cursor| MovementCursor { declared_at_ms: cursor.first, reference: cursor.second });
    let query = MovementQuery {
        filter: MovementFilter {
            post: search.post,
            status: search.status,
            carrier: search.carrier,
            declared: Period { from_ms: search.from, until_ms: search.until },
        },
        order: match search.order.unwrap_or_default() {
            MovementSearchOrder::Oldest => MovementOrder::OldestFirst,
            MovementSearchOrder::Newest => MovementOrder::NewestFirst,
        },
        after,
        limit: Paging::SEARCH.limit(search.limit)?,
    };
    let page = state.store.search_movements(query).await?;
    let movements = page
        .items
        .iter()
        .map(|row| serde_json::from_slice(&row.snapshot))
        .collect::<Result<Vec<MovementView>, _>>()
        .map_err(|error| ApiError::Internal(format!("movement view: {error}")))?;
    let next =
        page.next.map(|cursor| Cursor::new(cursor.declared_at_ms, cursor.reference).to_string());
    Ok(Json(MovementPage { movements, next }))
}

/// The size and page of `GET /v1/movements/statuses`.
#[derive(Clone, Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MovementStatusSearch {
    /// The size of a published checkpoint whose figures the node keeps.
    pub at: u64,
    /// The `next` cursor of the previous page (an MRN).
    #[param(pattern = "^[0-9]{2}[A-Z]{2}[0-9A-Z]{14}$")]
    pub after: Option<String>,
    /// Page size, 1 to [`PAGE_SIZE_MAX`] (500).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u32>,
}

/// A movement's status as of a checkpoint.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct MovementStatusLine {
    /// MRN.
    pub mrn: String,
    /// Its status at the checkpoint's size.
    pub status: String,
    /// The last entry below that size that changed it.
    pub last_entry_index: u64,
    /// The entry of its latest change, when that is at or after `tree_size` (its status
    /// then is read from its history); absent when it has not changed since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_since: Option<u64>,
}

/// A page of movements as of a checkpoint.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct MovementStatusPage {
    /// The tree size the statuses reflect.
    pub tree_size: u64,
    /// Movements declared below it, in MRN order. A page may hold fewer than `limit`
    /// (movements declared later are passed over); follow `next` to the end.
    pub movements: Vec<MovementStatusLine>,
    /// Cursor for the next page (`after=`), if there is one.
    pub next: Option<String>,
}

/// `GET /v1/movements/statuses?at=`: every movement's status at a published checkpoint's
/// size, from the status each history line records (see `passage_store::MovementStatusRow`):
/// what an auditor compares with its replay at the size it verified, while the node goes on
/// sequencing.
#[utoipa::path(
    get,
    path = "/v1/movements/statuses",
    tag = "movements",
    params(MovementStatusSearch),
    responses(
        (status = 200, description = "A page of movements with their status at the checkpoint `at`, in MRN order.", body = MovementStatusPage),
        (status = 400, description = "A bad size, cursor or limit (`invalid_query`, `bad_mrn`, `bad_limit`).", body = ErrorBody),
        (status = 404, description = "No figures published for the size `at` (`no_figures`).", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn movement_statuses(
    AxumState(state): AxumState<AppState>,
    Query(search): Query<MovementStatusSearch>,
) -> Result<Json<MovementStatusPage>, ApiError> {
    let limit = Paging::SEARCH.limit(search.limit)?;
    let after = search.after.as_deref().map(parse_mrn).transpose()?.map(|mrn| mrn.to_string());
    // Only a published checkpoint's size is a batch boundary the statuses are exact at.
    if state.store.checkpoint_figures(search.at).await?.is_none() {
        return Err(super::statistics::no_figures(&state, search.at).await);
    }
    let page =
        state.store.movement_statuses(MovementStatusQuery { at: search.at, after, limit }).await?;
    Ok(Json(MovementStatusPage {
        tree_size: search.at,
        movements: page
            .items
            .into_iter()
            .map(|row| MovementStatusLine {
                mrn: row.reference,
                status: row.status,
                last_entry_index: row.last_entry_index,
                changed_since: row.changed_since,
            })
            .collect(),
        next: page.next,
    }))
}
