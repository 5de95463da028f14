//! Offline receipts: `GET /v1/entries/{index}/receipt` answers a c2sp.org/tlog-proof receipt
//! (the entry, its inclusion proof and the latest published checkpoint, cosigned when the
//! node has witnesses), which anyone can check later with the trust policy alone
//! (`passage receipt verify`).
//!
//! An entry not yet covered by a published checkpoint gets 425 (`not_yet_covered`): the
//! client retries after the next publication.

use crate::api::{AppState, ErrorBody};
use crate::publisher::load_tiles;
use axum::extract::{Path, State as AxumState};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use passage_log::Receipt;
use passage_store::{Store, StoreError};

/// The receipt routes, merged into [`crate::api::app`].
pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/entries/{index}/receipt", get(receipt))
}

/// Why a receipt is not given.
#[derive(Debug, thiserror::Error)]
pub enum ReceiptApiError {
    /// The index is not a number.
    #[error("`{0}` is not an entry index")]
    BadIndex(String),
    /// The log has no such entry.
    #[error("the log has no entry {0}")]
    NotFound(u64),
    /// The entry is in the log but no published checkpoint covers it yet.
    #[error(
        "entry {index} is not yet covered by a published checkpoint (the latest has size \
         {published_size}); retry after the next publication"
    )]
    NotYetCovered {
        /// The entry.
        index: u64,
        /// Size of the latest published checkpoint (0 if none).
        published_size: u64,
    },
    /// Something inside failed; details are logged, not shown.
    #[error("internal error")]
    Internal(String),
}

impl From<StoreError> for ReceiptApiError {
    fn from(error: StoreError) -> ReceiptApiError {
        ReceiptApiError::Internal(error.to_string())
    }
}

impl IntoResponse for ReceiptApiError {
    fn into_response(self) -> Response {
        let (status, code) = match &self {
            ReceiptApiError::BadIndex(_) => (StatusCode::BAD_REQUEST, "bad_index"),
            ReceiptApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            ReceiptApiError::NotYetCovered { .. } => (StatusCode::TOO_EARLY, "not_yet_covered"),
            ReceiptApiError::Internal(cause) => {
                tracing::error!(%cause, "receipt failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        };
        let body = ErrorBody { error: code.to_owned(), message: self.to_string() };
        (status, Json(body)).into_response()
    }
}

#[utoipa::path(
    get,
    path = "/v1/entries/{index}/receipt",
    tag = "log",
    params(("index" = u64, Path, description = "Entry index, from 0.")),
    responses(
        (status = 200, description = "An offline receipt (c2sp.org/tlog-proof): the entry, its inclusion proof and the latest published checkpoint, cosigned when the node has witnesses. `passage receipt verify` checks it with the trust policy alone.", body = String, content_type = "text/plain; charset=utf-8"),
        (status = 400, description = "The index is not a number (`bad_index`).", body = ErrorBody),
        (status = 404, description = "The log has no such entry (`not_found`).", body = ErrorBody),
        (status = 425, description = "No published checkpoint covers the entry yet (`not_yet_covered`); retry after the next publication.", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
pub(crate) async fn receipt(
    AxumState(state): AxumState<AppState>,
    Path(index): Path<String>,
) -> Result<Response, ReceiptApiError> {
    let index: u64 = index.parse().map_err(|_| ReceiptApiError::BadIndex(index))?;
    let entry = state.store.entry(index).await?.ok_or(ReceiptApiError::NotFound(index))?;
    let checkpoint = state.store.latest_published_checkpoint().await?;
    let published_size = checkpoint.as_ref().map_or(0, |row| row.tree_size);
    let Some(checkpoint) = checkpoint.filter(|row| index < row.tree_size) else {
        return Err(ReceiptApiError::NotYetCovered { index, published_size });
    };
    let tiles =
        load_tiles(&state.store, passage_log::inclusion_tiles(checkpoint.tree_size, index)).await?;
    let proof = passage_log::prove_inclusion(&tiles, checkpoint.tree_size, index)
        .map_err(|error| ReceiptApiError::Internal(format!("proof of {index}: {error}")))?;
    let receipt = Receipt {
        extra: Some(entry.bytes),
        index,
        proof,
        checkpoint: checkpoint.cosigned_note.unwrap_or(checkpoint.signed_note),
    };
    let mut response = receipt.to_text().into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    // A newer checkpoint gives a newer receipt: caches may keep it only briefly.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache, max-age=1"));
    Ok(response)
}
