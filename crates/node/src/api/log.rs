//! The log: `GET /v1/entries/{index}` (an entry with its inclusion proof),
//! `GET /v1/entries/{index}/receipt` (an offline receipt, c2sp.org/tlog-proof), and the log
//! as c2sp.org/tlog-tiles: `GET /log/checkpoint` and `GET /log/tile/...`.
//!
//! A receipt holds the entry, its inclusion proof and the latest published checkpoint
//! (cosigned when the node has witnesses), which anyone can check later with the trust
//! policy alone (`passage receipt verify`). An entry not yet covered by a published
//! checkpoint gets 425 (`not_yet_covered`): the client retries after the next publication.

use super::AppState;
use super::errors::{ApiError, ErrorBody};
use super::extract::Path;
use crate::publisher::load_tiles;
use axum::extract::State as AxumState;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_log::{Receipt, TilePath};
use passage_store::Store;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The routes of the log.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/entries/{index}", get(entry))
        .route("/v1/entries/{index}/receipt", get(receipt))
        .route("/log/checkpoint", get(checkpoint))
        .route("/log/tile/{*path}", get(tile))
}

/// An entry index from the path; anything else is refused (400 `bad_index`).
pub(crate) fn parse_index(text: &str) -> Result<u64, ApiError> {
    text.parse().map_err(|_| ApiError::bad("bad_index", format!("`{text}` is not an entry index")))
}

/// An entry with its inclusion proof in the latest published checkpoint.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct EntryResponse {
    /// Index.
    pub index: u64,
    /// When sequenced.
    pub sequenced_at_ms: i64,
    /// The entry bytes (tlog-tiles entry), base64.
    pub entry: String,
    /// The statement in words: its kind.
    pub kind: String,
    /// The checkpoint the proof leads to, if one covers the entry yet.
    pub checkpoint: Option<String>,
    /// Inclusion proof hashes, base64, leaf sibling first.
    pub inclusion_proof: Vec<String>,
}

#[utoipa::path(
    get,
    path = "/v1/entries/{index}",
    tag = "log",
    params(("index" = u64, Path, description = "Entry index, from 0.")),
    responses(
        (status = 200, description = "The entry, with its inclusion proof once a published checkpoint covers it.", body = EntryResponse),
        (status = 400, description = "The index is not a number (`bad_index`).", body = ErrorBody),
        (status = 404, description = "The log has no such entry (`not_found`).", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn entry(
    AxumState(state): AxumState<AppState>,
    Path(index): Path<String>,
) -> Result<Json<EntryResponse>, ApiError> {
    let index = parse_index(&index)?;
    let stored = state
        .store
        .entry(index)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("the log has no entry {index}")))?;
    let decoded = passage_core::Entry::decode(&stored.bytes)
        .map_err(|error| ApiError::Internal(format!("stored entry {index}: {error}")))?;
    let kind = decoded
        .statement
        .decode_statement()
        .map(|recorded| recorded.statement.kind().to_string())
        .unwrap_or_default();
    let mut response = EntryResponse {
        index,
        sequenced_at_ms: stored.sequenced_at_ms,
        entry: BASE64.encode(&stored.bytes),
        kind,
        checkpoint: None,
        inclusion_proof: vec![],
    };
    if let Some(checkpoint) = state.store.latest_published_checkpoint().await?
        && index < checkpoint.tree_size
    {
        let tiles =
            load_tiles(&state.store, passage_log::inclusion_tiles(checkpoint.tree_size, index))
                .await?;
        let proof = passage_log::prove_inclusion(&tiles, checkpoint.tree_size, index)
            .map_err(|error| ApiError::Internal(format!("proof of {index}: {error}")))?;
        response.inclusion_proof = proof.iter().map(|hash| BASE64.encode(hash.0)).collect();
        response.checkpoint = Some(checkpoint.cosigned_note.unwrap_or(checkpoint.signed_note));
    }
    Ok(Json(response))
}

fn with_cache(mut response: Response, content_type: &'static str, cache: &'static str) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

#[utoipa::path(
    get,
    path = "/log/checkpoint",
    tag = "log",
    responses(
        (status = 200, description = "The latest published checkpoint (c2sp.org/tlog-checkpoint signed note, with the witnesses' cosignatures once collected).", body = String, content_type = "text/plain; charset=utf-8"),
        (status = 404, description = "No checkpoint is published yet (`not_found`).", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn checkpoint(AxumState(state): AxumState<AppState>) -> Result<Response, ApiError> {
    let row = state
        .store
        .latest_published_checkpoint()
        .await?
        .ok_or_else(|| ApiError::NotFound("no checkpoint is published yet".into()))?;
    let note = row.cosigned_note.unwrap_or(row.signed_note);
    // The checkpoint changes with every publication: caches may keep it only briefly.
    Ok(with_cache(note.into_response(), "text/plain; charset=utf-8", "no-cache, max-age=1"))
}

#[utoipa::path(
    get,
    path = "/log/tile/{path}",
    tag = "log",
    params(("path" = String, Path, description = "The rest of a c2sp.org/tlog-tiles path, in its one canonical spelling: `<L>/<N>[.p/<W>]` for a hash tile (level 0 to 63), `entries/<N>[.p/<W>]` for an entry bundle; the index `N` in groups of three digits, all but the last prefixed with `x`, without a leading `x000` group; a partial width `W` from 1 to 255. The pattern stops at six groups (indexes below 10^18).", pattern = "^(?:[0-9]|[1-5][0-9]|6[0-3]|entries)/(?:x(?:00[1-9]|0[1-9][0-9]|[1-9][0-9]{2})/(?:x[0-9]{3}/){0,4})?[0-9]{3}(?:\\.p/(?:[1-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5]))?$")),
    responses(
        (status = 200, description = "The tile's bytes; full tiles are immutable.", body = Vec<u8>, content_type = "application/octet-stream"),
        (status = 400, description = "Not a tile path (`bad_tile_path`).", body = ErrorBody),
        (status = 404, description = "No such tile yet (`not_found`).", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn tile(
    AxumState(state): AxumState<AppState>,
    Path(path): Path<String>,
) -> Result<Response, ApiError> {
    let parsed = TilePath::parse(&format!("tile/{path}"))
        .map_err(|error| ApiError::bad("bad_tile_path", error.to_string()))?;
    let (data, full) = match parsed {
        TilePath::Hashes(tile) => {
            (state.store.hash_tile(tile.level, tile.index, tile.width).await?, tile.is_full())
        }
        TilePath::Entries(bundle) => {
            (state.store.entry_bundle(bundle.index, bundle.width).await?, bundle.is_full())
        }
    };
    let data = data.ok_or_else(|| ApiError::NotFound(format!("no tile tile/{path} yet")))?;
    // Full tiles never change; a partial tile at a given width never changes either, but
    // it is superseded, so it is cached briefly.
    let cache = if full { "public, max-age=31536000, immutable" } else { "public, max-age=60" };
    Ok(with_cache(data.into_response(), "application/octet-stream", cache))
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
async fn receipt(
    AxumState(state): AxumState<AppState>,
    Path(index): Path<String>,
) -> Result<Response, ApiError> {
    let index = parse_index(&index)?;
    let entry = state
        .store
        .entry(index)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("the log has no entry {index}")))?;
    let checkpoint = state.store.latest_published_checkpoint().await?;
    let published_size = checkpoint.as_ref().map_or(0, |row| row.tree_size);
    let Some(checkpoint) = checkpoint.filter(|row| index < row.tree_size) else {
        return Err(ApiError::NotYetCovered(format!(
            "entry {index} is not yet covered by a published checkpoint (the latest has size \
             {published_size}); retry after the next publication"
        )));
    };
    let tiles =
        load_tiles(&state.store, passage_log::inclusion_tiles(checkpoint.tree_size, index)).await?;
    let proof = passage_log::prove_inclusion(&tiles, checkpoint.tree_size, index)
        .map_err(|error| ApiError::Internal(format!("proof of {index}: {error}")))?;
    let receipt = Receipt {
        extra: Some(entry.bytes),
        index,
        proof,
        checkpoint: checkpoint.cosigned_note.unwrap_or(checkpoint.signed_note),
    };
    // A newer checkpoint gives a newer receipt: caches may keep it only briefly.
    Ok(with_cache(
        receipt.to_text().into_response(),
        "text/plain; charset=utf-8",
        "no-cache, max-age=1",
    ))
}
