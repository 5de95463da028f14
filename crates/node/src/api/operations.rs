//! Operations: `GET /healthz` (the process answers), `GET /readyz` (the sequencer runs and
//! the store answers), `GET /v1/openapi.json` (the API's description, see
//! [`crate::openapi`]), and the JSON 404 of a path no route serves.

use super::AppState;
use super::errors::{ApiError, ErrorBody};
use axum::extract::State as AxumState;
use axum::http::{Method, Uri};
use axum::routing::get;
use axum::{Json, Router};
use passage_store::Store;

/// The routes of operations.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(health))
        .route("/readyz", get(ready))
        .route("/v1/openapi.json", get(openapi))
}

/// `GET /v1/openapi.json`.
#[utoipa::path(
    get,
    path = "/v1/openapi.json",
    tag = "operations",
    operation_id = "serve",
    responses((status = 200, description = "This document (OpenAPI 3.1).", content_type = "application/json"))
)]
pub(crate) async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(crate::openapi::document())
}

/// The answer to a path no route serves: 404 `not_found`, as JSON like every other error.
pub(crate) async fn no_such_route(uri: Uri) -> ApiError {
    ApiError::NotFound(format!("no route serves {}; see /v1/openapi.json", uri.path()))
}

/// The answer to a method a route does not take: 405 `method_not_allowed`, as JSON.
pub(crate) async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::MethodNotAllowed(format!(
        "{} does not take {method}; see /v1/openapi.json",
        uri.path()
    ))
}

#[utoipa::path(
    get,
    path = "/healthz",
    tag = "operations",
    responses((status = 200, description = "The process answers.", body = String, content_type = "text/plain"))
)]
async fn health() -> &'static str {
    "ok\n"
}

#[utoipa::path(
    get,
    path = "/readyz",
    tag = "operations",
    responses(
        (status = 200, description = "The sequencer runs and the store answers.", body = String, content_type = "text/plain"),
        (status = 503, description = "The node cannot take this now (`unavailable`); retry.", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn ready(AxumState(state): AxumState<AppState>) -> Result<&'static str, ApiError> {
    if state.queue.is_closed() {
        return Err(ApiError::Unavailable("the sequencer is not running".into()));
    }
    state.store.tree_size().await?;
    Ok("ready\n")
}
