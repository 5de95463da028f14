//! Incidents: `GET /v1/incidents`, open and closed, filtered by post, status, movement and
//! period, a page at a time, read from the store's projection.

use super::AppState;
use super::errors::{ApiError, ErrorBody};
use super::extract::Query;
use super::movements::parse_mrn;
use super::paging::{Cursor, Paging};
use crate::projection::IncidentView;
use axum::extract::State as AxumState;
use axum::routing::get;
use axum::{Json, Router};
use passage_store::{IncidentCursor, IncidentQuery, Period, Store};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The routes of incidents.
pub(crate) fn router() -> Router<AppState> {
    Router::new().route("/v1/incidents", get(incidents))
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
    #[param(pattern = "^(?:open|closed)$")]
    pub status: Option<String>,
    /// Only incidents of this movement (MRN).
    #[param(pattern = "^[0-9]{2}[A-Z]{2}[0-9A-Z]{14}$")]
    pub movement: Option<String>,
    /// Opened at or after (ms).
    pub from: Option<i64>,
    /// Opened before (ms).
    pub until: Option<i64>,
    /// The `next` cursor of the previous page.
    pub after: Option<String>,
    /// Page size, 1 to `PAGE_SIZE_MAX` (500).
    #[param(minimum = 1, maximum = 500)]
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
async fn incidents(
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
    let after = Cursor::after(search.after.as_deref())?
        .map(|cursor| IncidentCursor { opened_at_ms: cursor.first, id: cursor.second });
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
    let next = page.next.map(|cursor| Cursor::new(cursor.opened_at_ms, cursor.id).to_string());
    Ok(Json(IncidentPage { incidents, next }))
}
