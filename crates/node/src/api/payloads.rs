//! Confidential payloads, in signed reads (`SignedRequest`) by the roles the regime names:
//! `GET /v1/entries/{index}/payloads` (one entry's) and `GET /v1/movements/{mrn}/payloads`
//! (every entry's of a movement, a page at a time). See [`crate::confidential`].

use super::AppState;
use super::errors::{ApiError, ErrorBody};
use super::extract::{Path, Query, SignedRequest};
use super::governance::no_charter;
use super::log::parse_index;
use super::movements::parse_mrn;
use super::paging::{Cursor, Paging};
use crate::confidential::{self, RevealedPayload};
use axum::extract::State as AxumState;
use axum::routing::get;
use axum::{Json, Router};
use passage_store::{MovementPayloadQuery, PayloadCursor, Store};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The routes of signed payload reads.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/entries/{index}/payloads", get(entry_payloads))
        .route("/v1/movements/{mrn}/payloads", get(movement_payloads))
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
/// them. The handlers read them with `SignedRequest`; this type only describes them.
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
        (status = 403, description = "The key's role may not read confidential data (`not_a_reader`). An observation's details and attachments and a signed report's narrative are the mission's: read by its monitors and its authority, and by the authorities of the parties the regime's `[confidential] mission_read` names, never by a carrier or another party's officer.", body = ErrorBody),
        (status = 404, description = "No such entry (`not_found`).", body = ErrorBody),
        (status = 503, description = "Too many signed reads in the window (`unavailable`).", body = ErrorBody),
        (status = 500, description = "Internal error (`internal`).", body = ErrorBody)
    )
)]
async fn entry_payloads(
    AxumState(state): AxumState<AppState>,
    index: Result<Path<String>, ApiError>,
    signed: SignedRequest,
) -> Result<Json<PayloadsResponse>, ApiError> {
    // The signature is checked before anything else: an unsigned caller learns nothing,
    // not even whether the entry exists.
    let Path(index) = index?;
    let index = parse_index(&index)?;
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
            confidential::may_read(core, &signed.key, &entry.statement.signer, &recorded.statement)
        })
        .ok_or_else(no_charter)??;
    if !allowed && confidential::is_the_mission_s(&recorded.statement) {
        return Err(ApiError::Forbidden {
            code: "not_a_reader",
            message: format!(
                "key {} may not read confidential data of entry {index}, the monitoring \
                 mission's own: its monitors and its authority may, and the authorities of \
                 the parties the regime's `[confidential] mission_read` names",
                hex::encode(&signed.key.0[..4])
            ),
        });
    }
    if !allowed {
        return Err(ApiError::Forbidden {
            code: "not_a_reader",
            message: format!(
                "key {} may not read confidential data of entry {index}: the regime's \
                 `[confidential] read` names the officers who may, and a carrier reads only \
                 its own movements'",
                hex::encode(&signed.key.0[..4])
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
    #[param(minimum = 1, maximum = 256)]
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
        ("mrn" = String, Path, description = "The movement's MRN.", pattern = "^[0-9]{2}[A-Z]{2}[0-9A-Z]{14}$"),
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
async fn movement_payloads(
    AxumState(state): AxumState<AppState>,
    mrn: Result<Path<String>, ApiError>,
    query: Result<Query<MovementPayloadsQuery>, ApiError>,
    signed: SignedRequest,
) -> Result<Json<MovementPayloadsResponse>, ApiError> {
    // The signature is checked before anything else, as for an entry's payloads.
    let (Path(mrn), Query(query)) = (mrn?, query?);
    let mrn = parse_mrn(&mrn)?;
    let limit = MOVEMENT_PAYLOADS_PAGING.limit(query.limit)?;
    let after = Cursor::after(query.after.as_deref())?
        .map(|cursor| PayloadCursor { entry_index: cursor.first, field: cursor.second });
    let allowed = state
        .shared
        .read_state(|core| confidential::may_read_movement(core, &signed.key, &mrn))
        .ok_or_else(no_charter)??
        .ok_or_else(|| ApiError::NotFound(format!("no movement {mrn}")))?;
    if !allowed {
        return Err(ApiError::Forbidden {
            code: "not_a_reader",
            message: format!(
                "key {} may not read confidential data of movement {mrn}: the regime's \
                 `[confidential] read` names the officers who may, and a carrier reads only \
                 its own movements'",
                hex::encode(&signed.key.0[..4])
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
    let next = next.map(|cursor| Cursor::new(cursor.entry_index, cursor.field).to_string());
    Ok(Json(MovementPayloadsResponse { mrn: reference, entries, next }))
}
