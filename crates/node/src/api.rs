//! The HTTP API: statements in, entries with proofs, movements, accounts, corridor, regime,
//! statistics, health, and the log as c2sp.org/tlog-tiles.
//!
//! Every handler answers through [`ApiError`]: a 4xx says what was wrong and how to fix
//! it; a 5xx says nothing about the inside and logs the cause once.
//!
//! Each handler and body is annotated for the OpenAPI document (see [`crate::openapi`]),
//! served at `GET /v1/openapi.json`.

use crate::confidential::{
    AttachedPayload, CheckedPayload, NonceMemory, PayloadError, RequestError,
};
use crate::projection::MovementView;
use crate::sequencer::{Ack, Decoded, Shared, Submission, SubmitError};
use crate::verify::Verifier;
use axum::extract::{DefaultBodyLimit, Path, Query, State as AxumState};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::signed::SignatureError;
use passage_core::{Mrn, Refusal, SignedStatement};
use passage_log::{MemoryTiles, TilePath};
use passage_store::{
    AnyStore, BalanceQuery, MovementCursor, MovementFilter, MovementOrder, MovementQuery, Period,
    PostingCursor, PostingQuery, Store, StoreError,
};
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};
use utoipa::{IntoParams, ToSchema};

/// Largest request body: a batch of [`STATEMENTS_PER_REQUEST_MAX`] statements of about
/// 600 bytes (base64 of a 400-byte statement) with JSON framing fits in 1 MiB; a charter
/// (the largest statement, up to 64 KiB) fits too.
pub const BODY_BYTES_MAX: usize = 1024 * 1024;
/// Most statements in one batch request.
pub const STATEMENTS_PER_REQUEST_MAX: usize = 1_000;
/// Largest page of movements or postings.
pub const PAGE_SIZE_MAX: u32 = 500;
/// Page size when the request names none.
pub const PAGE_SIZE_DEFAULT: u32 = 50;
/// Most connections the node holds open at once (see [`crate::listener`]); more wait in
/// the kernel's backlog. Requests in flight are bounded by the same number.
pub const CONNECTIONS_MAX: usize = 1_024;
/// Largest signed statement: the log's entry limit (64 KiB) less the entry's own header.
pub const STATEMENT_BYTES_MAX: usize = 65_000;

/// What handlers share.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub store: Arc<AnyStore>,
    /// State and tree, shared with the sequencer.
    pub shared: Arc<Shared>,
    /// The sequencer's queue.
    pub queue: mpsc::Sender<Submission>,
    /// The signature verification pool.
    pub verifier: Arc<Verifier>,
    /// Nonces of recent signed reads (replay protection).
    pub nonces: Arc<NonceMemory>,
}

impl AppState {
    /// The handlers' state over a store, the sequencer's shared state, its queue and the
    /// signature verification pool.
    pub fn new(
        store: Arc<AnyStore>,
        shared: Arc<Shared>,
        queue: mpsc::Sender<Submission>,
        verifier: Arc<Verifier>,
    ) -> AppState {
        AppState { store, shared, queue, verifier, nonces: Arc::new(NonceMemory::default()) }
    }
}

/// Every way a request can fail.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is malformed (bad JSON, bad base64, bad identifier, bad query).
    #[error("{message}")]
    BadRequest {
        /// Machine-readable code.
        code: &'static str,
        /// What was wrong.
        message: String,
    },
    /// The statement's signature does not verify or its key is not enrolled.
    #[error("{message}")]
    Unauthenticated {
        /// Machine-readable code.
        code: &'static str,
        /// What was wrong.
        message: String,
    },
    /// The request is signed by a key whose role may not read this (403).
    #[error("{message}")]
    Forbidden {
        /// Machine-readable code.
        code: &'static str,
        /// What was wrong.
        message: String,
    },
    /// The request is well formed but does not fit (a payload that does not match its
    /// commitment); nothing changed (422).
    #[error("{message}")]
    Unprocessable {
        /// Machine-readable code.
        code: &'static str,
        /// What was wrong.
        message: String,
    },
    /// The core refused the statement; nothing changed.
    #[error(transparent)]
    Refused(Refusal),
    /// Nothing here by that name.
    #[error("{0}")]
    NotFound(String),
    /// The body or batch is too large.
    #[error("{0}")]
    TooLarge(String),
    /// The node cannot take writes now (sequencer busy or stopped, no charter yet).
    #[error("{0}")]
    Unavailable(String),
    /// Something inside failed; details are logged, not shown.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    pub(crate) fn bad(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::BadRequest { code, message: message.into() }
    }

    fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Unauthenticated { .. } => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden { .. } => StatusCode::FORBIDDEN,
            ApiError::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Refused(refusal) => refusal_status(refusal),
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest { code, .. }
            | ApiError::Unauthenticated { code, .. }
            | ApiError::Forbidden { code, .. }
            | ApiError::Unprocessable { code, .. } => code,
            ApiError::Refused(refusal) => refusal.code(),
            ApiError::NotFound(_) => "not_found",
            ApiError::TooLarge(_) => "too_large",
            ApiError::Unavailable(_) => "unavailable",
            ApiError::Internal(_) => "internal",
        }
    }

    /// The JSON body: `{"error": code, "message": text}`.
    pub fn body(&self) -> ErrorBody {
        ErrorBody { error: self.code().to_owned(), message: self.to_string() }
    }
}

/// Refusals about who may do what are 403; the rest say the statement does not fit the
/// state (422).
fn refusal_status(refusal: &Refusal) -> StatusCode {
    match refusal.code() {
        "unknown_signer" | "revoked_key" => StatusCode::UNAUTHORIZED,
        "not_an_authority"
        | "not_a_carrier"
        | "not_an_officer"
        | "role_not_allowed"
        | "not_posted_here"
        | "role_not_for_party"
        | "post_of_another_party"
        | "not_your_key"
        | "not_your_movement"
        | "charter_signer_not_authority" => StatusCode::FORBIDDEN,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        match error {
            StoreError::InvalidQuery(message) => ApiError::bad("invalid_query", message),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<PayloadError> for ApiError {
    fn from(error: PayloadError) -> ApiError {
        let message = error.to_string();
        match error {
            PayloadError::Mismatch(_) => {
                ApiError::Unprocessable { code: "payload_mismatch", message }
            }
            PayloadError::UnknownField(_) => {
                ApiError::Unprocessable { code: "unknown_payload_field", message }
            }
            PayloadError::DuplicateField(_) | PayloadError::Malformed { .. } => {
                ApiError::bad("malformed_payload", message)
            }
            PayloadError::TooLarge(_) | PayloadError::TooMany(_) => ApiError::TooLarge(message),
        }
    }
}

impl From<RequestError> for ApiError {
    fn from(error: RequestError) -> ApiError {
        let message = error.to_string();
        let code = match error {
            RequestError::Unsigned(_) => "unsigned",
            RequestError::BadSignature(_) => "bad_signature",
            RequestError::UnknownKey(_) => "unknown_signer",
            RequestError::Stale(_) => "stale_request",
            RequestError::Replayed => "replayed_request",
            RequestError::Busy => return ApiError::Unavailable(message),
        };
        ApiError::Unauthenticated { code, message }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(cause) = &self {
            tracing::error!(%cause, "request failed");
        }
        let mut response = (self.status(), Json(self.body())).into_response();
        if let ApiError::Unavailable(_) = &self {
            // A write not taken now (queue full, or this node stepped down as leader) can
            // be resubmitted once a leader sequences again.
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(crate::follower::RETRY_AFTER_SECONDS),
            );
        }
        response
    }
}

/// An error's JSON body. Every 4xx and 5xx answer carries one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    /// Machine-readable code. The API's own: `malformed_json`, `unreadable_body`,
    /// `bad_base64`, `malformed`, `malformed_payload`, `bad_index`, `bad_mrn`, `bad_cursor`,
    /// `bad_limit`, `bad_status`, `bad_period`, `bad_tile_path`, `invalid_query` (400);
    /// `bad_signature`,
    /// `unsigned`, `stale_request`, `replayed_request`, `unknown_signer`, `revoked_key`
    /// (401); `not_a_reader` (403); `not_found` (404); `too_large` (413);
    /// `payload_mismatch`, `unknown_payload_field` (422); `unavailable` (503); `internal`
    /// (500). A statement the core refuses carries the core's refusal code (403 for who may
    /// do what, such as `role_not_allowed`; 422 for the rest, such as `wrong_status`).
    #[schema(example = "wrong_status")]
    pub error: String,
    /// What was wrong, for a person.
    pub message: String,
}

/// A statement to submit: its canonical signed bytes ([`SignedStatement::encode`]), base64.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct SubmitRequest {
    /// Base64 (standard, padded) of the signed statement.
    pub statement: String,
}

/// The body of `POST /v1/statements`: a [`SubmitRequest`] with, optionally, the
/// confidential payloads behind the statement's commitments.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct SubmitWithPayloads {
    /// The statement.
    #[serde(flatten)]
    pub submission: SubmitRequest,
    /// Payloads opening the statement's commitments, each checked against its commitment
    /// before the statement is sequenced and stored before the answer. Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payloads: Vec<AttachedPayload>,
}

/// Several statements, sequenced in order.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct SubmitBatchRequest {
    /// Each statement: base64 of the signed statement, or an object
    /// `{"statement": base64, "payloads": [...]}` as `POST /v1/statements` takes.
    pub statements: Vec<BatchStatement>,
}

/// One statement of a batch: base64 text alone, or with the payloads that open its
/// commitments (checked and stored exactly as `POST /v1/statements` does).
#[derive(Clone, Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum BatchStatement {
    /// Base64 (standard, padded) of the signed statement.
    Bare(String),
    /// The statement with its payloads.
    WithPayloads(SubmitWithPayloads),
}

impl BatchStatement {
    /// The statement's base64 text.
    pub fn statement(&self) -> &str {
        match self {
            BatchStatement::Bare(text) => text,
            BatchStatement::WithPayloads(request) => &request.submission.statement,
        }
    }

    /// The payloads attached, if any.
    pub fn payloads(&self) -> &[AttachedPayload] {
        match self {
            BatchStatement::Bare(_) => &[],
            BatchStatement::WithPayloads(request) => &request.payloads,
        }
    }
}

impl From<SubmitWithPayloads> for BatchStatement {
    fn from(request: SubmitWithPayloads) -> BatchStatement {
        if request.payloads.is_empty() {
            BatchStatement::Bare(request.submission.statement)
        } else {
            BatchStatement::WithPayloads(request)
        }
    }
}

// A hand-written visitor rather than `#[serde(untagged)]` on the way in: untagged
// deserialization buffers every item before trying each variant, and the bare string is
// the ingest path's common case.
impl<'de> Deserialize<'de> for BatchStatement {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = BatchStatement;

            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                formatter.write_str(
                    "a statement in base64, or an object with `statement` and `payloads`",
                )
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<BatchStatement, E> {
                Ok(BatchStatement::Bare(text.to_owned()))
            }

            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<BatchStatement, E> {
                Ok(BatchStatement::Bare(text))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<BatchStatement, A::Error> {
                let request = SubmitWithPayloads::deserialize(
                    serde::de::value::MapAccessDeserializer::new(map),
                )?;
                Ok(BatchStatement::WithPayloads(request))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The answer to an accepted statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SubmitResponse {
    /// The entry holding it.
    pub index: u64,
    /// Whether it was already in the log.
    pub duplicate: bool,
    /// What it did, in words.
    pub events: Vec<String>,
}

/// One statement's outcome in a batch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum BatchItem {
    /// Accepted.
    Accepted(SubmitResponse),
    /// Refused.
    Refused(ErrorBody),
}

/// The answer to a batch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SubmitBatchResponse {
    /// One outcome per statement, in order.
    pub results: Vec<BatchItem>,
}

impl From<Ack> for SubmitResponse {
    fn from(ack: Ack) -> SubmitResponse {
        SubmitResponse { index: ack.index, duplicate: ack.duplicate, events: ack.events }
    }
}

/// The router.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/v1/statements", post(submit))
        .route("/v1/statements/batch", post(submit_batch))
        .route("/v1/entries/{index}", get(entry))
        .route("/v1/movements", get(search_movements))
        .route("/v1/movements/{mrn}", get(movement))
        .route("/v1/accounts", get(balances))
        .route("/v1/accounts/{account}/statement", get(statement_of_account))
        .route("/v1/corridor", get(corridor))
        .route("/v1/regime", get(regime))
        .route("/v1/regimes/proposals", get(regime_proposals))
        .route("/v1/statistics", get(statistics))
        .route("/v1/statistics/periods", get(crate::reads::statistics_per_period))
        .route("/v1/incidents", get(crate::reads::incidents))
        .route("/v1/entries/{index}/payloads", get(crate::reads::entry_payloads))
        .route("/v1/movements/{mrn}/payloads", get(crate::reads::movement_payloads))
        .route("/v1/openapi.json", get(crate::openapi::serve))
        .route("/healthz", get(health))
        .route("/readyz", get(ready))
        .route("/log/checkpoint", get(checkpoint))
        .route("/log/tile/{*path}", get(tile))
        .merge(crate::receipts::routes())
        .merge(crate::dashboard::router())
        .layer(DefaultBodyLimit::max(BODY_BYTES_MAX))
        .with_state(state)
}

/// Stateless checks before the signature: size, base64 and decoding. The decoded statement
/// and its id go on to the sequencer with the envelope, so neither is computed again.
fn decode_statement(text: &str) -> Result<Decoded, ApiError> {
    if text.len() > STATEMENT_BYTES_MAX.div_ceil(3) * 4 {
        return Err(ApiError::TooLarge(format!(
            "a statement is at most {STATEMENT_BYTES_MAX} bytes"
        )));
    }
    let bytes = BASE64.decode(text).map_err(|error| {
        ApiError::bad("bad_base64", format!("statement is not base64: {error}"))
    })?;
    let signed = SignedStatement::decode(&bytes).map_err(|error| {
        ApiError::bad("malformed", format!("statement does not decode: {error}"))
    })?;
    Decoded::new(signed)
        .map_err(|error| ApiError::bad("malformed", format!("statement does not decode: {error}")))
}

/// Stateless checks after decoding: the signature (already checked on the verification
/// pool, its result given here) and the signer's key known (`known`, from
/// [`known_signers`]).
fn check_signed(
    signed: &SignedStatement,
    signature: Result<(), SignatureError>,
    known: Option<bool>,
) -> Result<(), ApiError> {
    signature.map_err(|error| ApiError::Unauthenticated {
        code: "bad_signature",
        message: format!("signature does not verify: {error}"),
    })?;
    if known == Some(false) {
        return Err(ApiError::Refused(Refusal::UnknownSigner(signed.signer)));
    }
    Ok(())
}

/// Whether the state knows each statement's signer, looked up under one read of the state
/// for the whole request. This is only an early answer: the core refuses an unknown signer
/// with the same refusal when it applies the statement. So while the sequencer holds the
/// state to apply a batch, the handler does not wait for it (a blocked read would hold an
/// async thread for the whole batch) and leaves the check to the core (`None`), as it does
/// before the charter.
fn known_signers<'a>(
    shared: &Shared,
    signers: impl ExactSizeIterator<Item = &'a SignedStatement>,
) -> Vec<Option<bool>> {
    let guard = match shared.state.try_read() {
        Ok(guard) => Some(guard),
        Err(std::sync::TryLockError::Poisoned(poisoned)) => Some(poisoned.into_inner()),
        Err(std::sync::TryLockError::WouldBlock) => None,
    };
    match guard.as_ref().and_then(|guard| guard.as_ref()) {
        Some(core) => signers.map(|signed| Some(core.key(&signed.signer).is_some())).collect(),
        None => vec![None; signers.len()],
    }
}

/// The checks of a statement after decoding, in the order that decides which refusal it
/// gets: the signature, the signer's key known, then its payloads (`check_payloads`). When
/// the key check was left to the core (`known` is `None`: the state's lock was busy) and
/// the payloads are refused, the key is looked up after all, waiting for the lock on a
/// blocking thread, so that an unknown signer gets `unknown_signer`, not the payloads'
/// refusal, whether or not the lock was busy. Only a refused statement waits.
async fn check_statement(
    shared: &Arc<Shared>,
    signed: &SignedStatement,
    signature: Result<(), SignatureError>,
    known: Option<bool>,
    check_payloads: impl FnOnce() -> Result<Vec<CheckedPayload>, ApiError>,
) -> Result<Vec<CheckedPayload>, ApiError> {
    check_signed(signed, signature, known)?;
    let refusal = match check_payloads() {
        Ok(payloads) => return Ok(payloads),
        Err(refusal) => refusal,
    };
    if known.is_none() {
        let shared = shared.clone();
        let signer = signed.signer;
        let known = tokio::task::spawn_blocking(move || {
            shared.read_state(|core| core.key(&signer).is_some())
        })
        .await
        .map_err(|error| ApiError::Internal(format!("the signer's key check failed: {error}")))?;
        check_signed(signed, Ok(()), known)?;
    }
    Err(refusal)
}

/// Checks the signatures of decoded statements on the verification pool, side by side.
async fn verify(
    state: &AppState,
    statements: Vec<Decoded>,
) -> Result<(Vec<Decoded>, Vec<Result<(), SignatureError>>), ApiError> {
    state.verifier.verify(statements).await.map_err(|error| ApiError::Internal(error.to_string()))
}

async fn sequence(state: &AppState, statement: Decoded) -> Result<Ack, ApiError> {
    let (reply, answer) = oneshot::channel();
    state.queue.try_send(Submission { statement, reply }).map_err(|error| match error {
        mpsc::error::TrySendError::Full(_) => {
            ApiError::Unavailable("the sequencer's queue is full; retry shortly".into())
        }
        mpsc::error::TrySendError::Closed(_) => {
            ApiError::Unavailable("the sequencer is not running".into())
        }
    })?;
    match answer.await {
        Ok(Ok(ack)) => Ok(ack),
        Ok(Err(SubmitError::Refused(refusal))) => Err(ApiError::Refused(refusal)),
        Ok(Err(SubmitError::Unavailable)) | Err(_) => {
            Err(ApiError::Unavailable("the statement was not committed; resubmit it".into()))
        }
    }
}

/// A request body as raw bytes; the limit's refusal speaks the API's JSON.
pub(crate) type RawBody = Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>;

pub(crate) fn json_body<T: serde::de::DeserializeOwned>(body: RawBody) -> Result<T, ApiError> {
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge(format!("a request body is at most {BODY_BYTES_MAX} bytes"))
        } else {
            ApiError::bad("unreadable_body", rejection.body_text())
        }
    })?;
    serde_json::from_slice(&body)
        .map_err(|error| ApiError::bad("malformed_json", format!("request body: {error}")))
}

#[utoipa::path(
    post,
    path = "/v1/statements",
    tag = "statements",
    request_body = SubmitWithPayloads,
    responses(
        (status = 200, description = "Sequenced and durably stored (or already in the log: `duplicate`).", body = SubmitResponse),
        (status = 400, description = "Malformed JSON, base64, statement or payload.", body = ErrorBody),
        (status = 401, description = "The signature does not verify, or the signer is not enrolled (`bad_signature`, `unknown_signer`, `revoked_key`).", body = ErrorBody),
        (status = 403, description = "The signer's role may not do this (a core refusal such as `role_not_allowed`).", body = ErrorBody),
        (status = 413, description = "The body, statement or a payload is too large (`too_large`).", body = ErrorBody),
        (status = 422, description = "The core refused the statement, or a payload does not match its commitment (`payload_mismatch`, `unknown_payload_field`).", body = ErrorBody),
        (status = 503, description = "The node cannot take this now (`unavailable`); retry.", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn submit(
    AxumState(state): AxumState<AppState>,
    body: RawBody,
) -> Result<Json<SubmitResponse>, ApiError> {
    let request: SubmitWithPayloads = json_body(body)?;
    let decoded = decode_statement(&request.submission.statement)?;
    let (mut statements, mut signatures) = verify(&state, vec![decoded]).await?;
    let (Some(decoded), Some(signature)) = (statements.pop(), signatures.pop()) else {
        return Err(ApiError::Internal("the verification pool lost a statement".into()));
    };
    let known = known_signers(&state.shared, std::iter::once(decoded.signed()));
    let payloads = check_statement(
        &state.shared,
        decoded.signed(),
        signature,
        known.first().copied().flatten(),
        || crate::reads::check_payloads(decoded.recorded(), &request.payloads),
    )
    .await?;
    let ack = sequence(&state, decoded).await?;
    crate::reads::store_payloads(&state, ack.index, payloads).await?;
    Ok(Json(ack.into()))
}

#[utoipa::path(
    post,
    path = "/v1/statements/batch",
    tag = "statements",
    request_body = SubmitBatchRequest,
    responses(
        (status = 200, description = "One outcome per statement, in order: an acceptance or an error body.", body = SubmitBatchResponse),
        (status = 400, description = "Malformed JSON.", body = ErrorBody),
        (status = 413, description = "More than `STATEMENTS_PER_REQUEST_MAX` statements, or the body is too large (`too_large`).", body = ErrorBody),
        (status = 503, description = "The node cannot take this now (`unavailable`); retry.", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn submit_batch(
    AxumState(state): AxumState<AppState>,
    body: RawBody,
) -> Result<Json<SubmitBatchResponse>, ApiError> {
    let request: SubmitBatchRequest = json_body(body)?;
    if request.statements.len() > STATEMENTS_PER_REQUEST_MAX {
        return Err(ApiError::TooLarge(format!(
            "a batch holds at most {STATEMENTS_PER_REQUEST_MAX} statements, this one {}",
            request.statements.len()
        )));
    }
    // Decode each, check the signatures of those that decode side by side, then queue
    // every checked statement before collecting, so they share group commits. Each
    // statement gets its own outcome: a bad one (or one whose payloads do not open its
    // commitments) is refused alone.
    let decoded: Vec<Result<Decoded, ApiError>> =
        request.statements.iter().map(|item| decode_statement(item.statement())).collect();
    let mut outcomes = Vec::with_capacity(decoded.len());
    let mut to_verify = Vec::new();
    for item in decoded {
        match item {
            Ok(signed) => {
                outcomes.push(None);
                to_verify.push(signed);
            }
            Err(error) => outcomes.push(Some(error)),
        }
    }
    let (statements, signatures) = verify(&state, to_verify).await?;
    let known = known_signers(&state.shared, statements.iter().map(Decoded::signed));
    let mut verified = statements.into_iter().zip(signatures).zip(known);
    let mut pending = Vec::with_capacity(outcomes.len());
    for (position, outcome) in outcomes.into_iter().enumerate() {
        if let Some(error) = outcome {
            pending.push(Err(error));
            continue;
        }
        let Some(((statement, signature), known)) = verified.next() else {
            return Err(ApiError::Internal("the verification pool lost a statement".into()));
        };
        let checked = check_statement(&state.shared, statement.signed(), signature, known, || {
            crate::reads::check_batch_payloads(
                position,
                statement.recorded(),
                request.statements[position].payloads(),
            )
        })
        .await;
        pending.push(match checked {
            Ok(payloads) => {
                let (reply, answer) = oneshot::channel();
                match state.queue.send(Submission { statement, reply }).await {
                    Ok(()) => Ok((answer, payloads)),
                    Err(_) => Err(ApiError::Unavailable("the sequencer is not running".into())),
                }
            }
            Err(error) => Err(error),
        });
    }
    let mut acknowledged = Vec::with_capacity(pending.len());
    for item in pending {
        acknowledged.push(match item {
            Ok((answer, payloads)) => match answer.await {
                Ok(Ok(ack)) => Ok((ack, payloads)),
                Ok(Err(SubmitError::Refused(refusal))) => Err(ApiError::Refused(refusal)),
                _ => Err(ApiError::Unavailable("not committed; resubmit".into())),
            },
            Err(error) => Err(error),
        });
    }
    let results = crate::reads::store_batch_payloads(&state, acknowledged)
        .await
        .into_iter()
        .map(|outcome| match outcome {
            Ok(ack) => BatchItem::Accepted(ack.into()),
            Err(error) => BatchItem::Refused(error.body()),
        })
        .collect();
    Ok(Json(SubmitBatchResponse { results }))
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
    let index: u64 = index
        .parse()
        .map_err(|_| ApiError::bad("bad_index", format!("`{index}` is not an entry index")))?;
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
        let mut tiles = MemoryTiles::new();
        for tile in passage_log::inclusion_tiles(checkpoint.tree_size, index) {
            if let Some(data) = state.store.hash_tile(tile.level, tile.index, tile.width).await? {
                tiles.insert(tile, data);
            }
        }
        let proof = passage_log::prove_inclusion(&tiles, checkpoint.tree_size, index)
            .map_err(|error| ApiError::Internal(format!("proof of {index}: {error}")))?;
        response.inclusion_proof = proof.iter().map(|hash| BASE64.encode(hash.0)).collect();
        response.checkpoint = Some(checkpoint.cosigned_note.unwrap_or(checkpoint.signed_note));
    }
    Ok(Json(response))
}

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
    params(("mrn" = String, Path, description = "Movement reference number (18 characters).")),
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
    /// Page size, at most [`PAGE_SIZE_MAX`].
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
    /// Cursor for the next page (`after=`), if there is one.
    pub next: Option<String>,
}

/// How a list endpoint pages, and the refusals its query gets: a malformed parameter
/// (`invalid_query`), a `limit` outside 1 to the list's largest page (`bad_limit`), an
/// `after` that is not a cursor from `next` (`bad_cursor`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Paging {
    /// Page size when the request names none.
    pub(crate) default: u32,
    /// Largest page a request may ask for: the list's `*_PAGE_MAX`.
    pub(crate) max: u32,
}

impl Paging {
    /// Searches of the store's projections: movements, postings, incidents.
    pub(crate) const SEARCH: Paging = Paging { default: PAGE_SIZE_DEFAULT, max: PAGE_SIZE_MAX };

    /// The request's query. A malformed parameter (`order=sideways`, `limit=ten`) is the
    /// API's typed refusal, not the framework's plain-text one.
    pub(crate) fn from_query<T>(
        query: Result<Query<T>, axum::extract::rejection::QueryRejection>,
    ) -> Result<T, ApiError> {
        let Query(query) =
            query.map_err(|rejection| ApiError::bad("invalid_query", rejection.body_text()))?;
        Ok(query)
    }

    /// The page size asked for, or the default.
    pub(crate) fn limit(self, limit: Option<u32>) -> Result<u32, ApiError> {
        match limit.unwrap_or(self.default) {
            limit if (1..=self.max).contains(&limit) => Ok(limit),
            other => {
                Err(ApiError::bad("bad_limit", format!("limit is 1 to {}, not {other}", self.max)))
            }
        }
    }

    /// The two parts of a cursor as `next` writes it, `<first>.<second>` (the second may
    /// hold dots: a reference, a field name).
    pub(crate) fn cursor<First: FromStr, Second: FromStr>(
        after: &str,
    ) -> Result<(First, Second), ApiError> {
        after
            .split_once('.')
            .and_then(|(first, second)| Some((first.parse().ok()?, second.parse().ok()?)))
            .ok_or_else(|| ApiError::bad("bad_cursor", "`after` is a cursor from `next`"))
    }
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
    search: Result<Query<MovementSearch>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<MovementPage>, ApiError> {
    let search = Paging::from_query(search)?;
    let after = match &search.after {
        None => None,
        Some(cursor) => {
            let (declared_at_ms, reference) = Paging::cursor(cursor)?;
            Some(MovementCursor { declared_at_ms, reference })
        }
    };
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
    let next = page.next.map(|cursor| format!("{}.{}", cursor.declared_at_ms, cursor.reference));
    Ok(Json(MovementPage { movements, next }))
}

/// Period and account filter of `GET /v1/accounts`.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccountQuery {
    /// Account (`carrier:ARAZ-TRUCKS`, `revenue:AM`, `receipts`); all when absent.
    pub account: Option<String>,
    /// From (ms).
    pub from: Option<i64>,
    /// Until (ms).
    pub until: Option<i64>,
    /// Postings after this cursor (`entry.ordinal`), for statements of account.
    pub after: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
}

/// One balance.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct Balance {
    /// Account.
    pub account: String,
    /// Currency.
    pub currency: String,
    /// Amount in minor units (positive: owed to the corridor by a carrier).
    pub amount_minor: i64,
}

#[utoipa::path(
    get,
    path = "/v1/accounts",
    tag = "accounts",
    params(AccountQuery),
    responses(
        (status = 200, description = "Balances per account and currency over the period.", body = Vec<Balance>),
        (status = 400, description = "A bad query (`invalid_query`), such as too many balance lines.", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn balances(
    AxumState(state): AxumState<AppState>,
    Query(query): Query<AccountQuery>,
) -> Result<Json<Vec<Balance>>, ApiError> {
    let rows = state
        .store
        .balances(BalanceQuery {
            account: query.account,
            period: Period { from_ms: query.from, until_ms: query.until },
        })
        .await?;
    Ok(Json(
        rows.into_iter()
            .map(|row| Balance {
                account: row.account,
                currency: row.currency,
                amount_minor: row.amount_minor,
            })
            .collect(),
    ))
}

/// One line of a statement of account.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct Posting {
    /// Entry that posted it.
    pub entry_index: u64,
    /// Position within the entry.
    pub ordinal: u32,
    /// Currency.
    pub currency: String,
    /// Amount in minor units.
    pub amount_minor: i64,
    /// When (ms).
    pub at_ms: i64,
}

/// A page of a statement of account.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct StatementOfAccount {
    /// Account.
    pub account: String,
    /// Postings in log order.
    pub postings: Vec<Posting>,
    /// Cursor for the next page.
    pub next: Option<String>,
}

#[utoipa::path(
    get,
    path = "/v1/accounts/{account}/statement",
    tag = "accounts",
    params(("account" = String, Path, description = "Account (`carrier:ARAZ-TRUCKS`, `revenue:AM`, `receipts`)."), AccountQuery),
    responses(
        (status = 200, description = "A page of the account's postings in log order.", body = StatementOfAccount),
        (status = 400, description = "A bad cursor or limit (`bad_cursor`, `bad_limit`).", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn statement_of_account(
    AxumState(state): AxumState<AppState>,
    Path(account): Path<String>,
    Query(query): Query<AccountQuery>,
) -> Result<Json<StatementOfAccount>, ApiError> {
    let after = match &query.after {
        None => None,
        Some(cursor) => {
            let (entry_index, ordinal) = Paging::cursor(cursor)?;
            Some(PostingCursor { entry_index, ordinal })
        }
    };
    let page = state
        .store
        .postings(PostingQuery {
            account: account.clone(),
            period: Period { from_ms: query.from, until_ms: query.until },
            after,
            limit: Paging::SEARCH.limit(query.limit)?,
        })
        .await?;
    Ok(Json(StatementOfAccount {
        account,
        postings: page
            .items
            .into_iter()
            .map(|row| Posting {
                entry_index: row.entry_index,
                ordinal: row.ordinal,
                currency: row.currency,
                amount_minor: row.amount_minor,
                at_ms: row.at_ms,
            })
            .collect(),
        next: page.next.map(|cursor| format!("{}.{}", cursor.entry_index, cursor.ordinal)),
    }))
}

fn no_charter() -> ApiError {
    ApiError::NotFound("the log holds no charter yet".into())
}

/// The corridor in force.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct CorridorResponse {
    /// Name.
    pub name: String,
    /// Posts: identifier, name, operating party.
    pub posts: Vec<PostView>,
    /// Routes: identifier and posts in order.
    pub routes: Vec<RouteView>,
}

/// A post.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct PostView {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// Operating party.
    pub authority: String,
}

/// A route.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct RouteView {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// Post identifiers in order.
    pub posts: Vec<String>,
}

#[utoipa::path(
    get,
    path = "/v1/corridor",
    tag = "rules",
    responses(
        (status = 200, description = "The corridor in force.", body = CorridorResponse),
        (status = 404, description = "The log holds no charter yet (`not_found`).", body = ErrorBody),
    )
)]
async fn corridor(
    AxumState(state): AxumState<AppState>,
) -> Result<Json<CorridorResponse>, ApiError> {
    state
        .shared
        .read_state(|core| {
            let corridor = core.corridor();
            CorridorResponse {
                name: corridor.name.clone(),
                posts: corridor
                    .posts
                    .iter()
                    .map(|post| PostView {
                        id: post.id.to_string(),
                        name: post.name.clone(),
                        authority: post.authority.to_string(),
                    })
                    .collect(),
                routes: corridor
                    .routes
                    .iter()
                    .map(|route| RouteView {
                        id: route.id.to_string(),
                        name: route.name.clone(),
                        posts: route
                            .posts
                            .iter()
                            .map(|&post| corridor.post(post).id.to_string())
                            .collect(),
                    })
                    .collect(),
            }
        })
        .map(Json)
        .ok_or_else(no_charter)
}

/// The regime in force.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct RegimeResponse {
    /// Name.
    pub name: String,
    /// The entry that put it in force.
    pub since_entry: u64,
    /// Traffic classes allowed.
    pub traffic_classes: Vec<String>,
    /// Posts where the regime controls movements.
    pub controlled_posts: Vec<String>,
}

#[utoipa::path(
    get,
    path = "/v1/regime",
    tag = "rules",
    responses(
        (status = 200, description = "The regime in force.", body = RegimeResponse),
        (status = 404, description = "The log holds no charter yet (`not_found`).", body = ErrorBody),
    )
)]
async fn regime(AxumState(state): AxumState<AppState>) -> Result<Json<RegimeResponse>, ApiError> {
    state
        .shared
        .read_state(|core| {
            let regime = core.regime();
            RegimeResponse {
                name: regime.name.clone(),
                since_entry: core.regime_entry(),
                traffic_classes: regime.traffic_classes.iter().map(ToString::to_string).collect(),
                controlled_posts: regime
                    .controlled_posts
                    .iter()
                    .map(|&post| core.corridor().post(post).id.to_string())
                    .collect(),
            }
        })
        .map(Json)
        .ok_or_else(no_charter)
}

/// Most regime proposals on one page of `GET /v1/regimes/proposals`. Each proposal is an
/// entry signed by an authority, so a corridor has a handful a year; a page of 100 holds
/// decades of them.
pub const PROPOSALS_PAGE_MAX: u32 = 100;
/// Page size of `GET /v1/regimes/proposals` when the request names none.
pub const PROPOSALS_PAGE_DEFAULT: u32 = 20;
/// The page sizes of `GET /v1/regimes/proposals`.
const PROPOSALS_PAGING: Paging =
    Paging { default: PROPOSALS_PAGE_DEFAULT, max: PROPOSALS_PAGE_MAX };

/// Filters and page of `GET /v1/regimes/proposals`.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProposalSearch {
    /// `pending`, `adopted` or `in_force`.
    pub status: Option<String>,
    /// The `next` cursor of the previous page: proposals after this entry.
    pub after: Option<u64>,
    /// Page size, 1 to `PROPOSALS_PAGE_MAX` (100); 20 by default.
    pub limit: Option<u32>,
}

/// One regime proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ProposalItem {
    /// The proposal's entry.
    pub entry: u64,
    /// The regime's name.
    pub name: String,
    /// When it takes effect once adopted (ms since 1970): the later of the time proposed
    /// and the adopting approval's time once adopted; 0 for "on adoption" while pending.
    pub effective_from_ms: u64,
    /// SHA-256 of the regime document's text, 64 hex digits (`passage regime show ENTRY`
    /// prints the document).
    pub document_sha256: String,
    /// Parties that approved, in order (the proposer's party first).
    pub approvals: Vec<String>,
    /// `pending` (waiting for approvals), `adopted` (approved by the quorum, not yet in
    /// force) or `in_force` (in force, or was until a later regime).
    pub status: String,
    /// Whether it is the regime in force now.
    pub current: bool,
}

/// A page of regime proposals.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct ProposalPage {
    /// Proposals in entry order.
    pub proposals: Vec<ProposalItem>,
    /// Cursor for the next page (`after=`), if there is one.
    pub next: Option<u64>,
}

fn proposal_status_code(status: passage_core::state::ProposalStatus) -> &'static str {
    use passage_core::state::ProposalStatus;
    match status {
        ProposalStatus::Pending => "pending",
        ProposalStatus::Adopted => "adopted",
        ProposalStatus::InForce => "in_force",
    }
}

#[utoipa::path(
    get,
    path = "/v1/regimes/proposals",
    tag = "rules",
    params(ProposalSearch),
    responses(
        (status = 200, description = "A page of regime proposals, pending, adopted and in force, in entry order.", body = ProposalPage),
        (status = 400, description = "A bad status or limit (`bad_status`, `bad_limit`, `invalid_query`).", body = ErrorBody),
        (status = 404, description = "The log holds no charter yet (`not_found`).", body = ErrorBody),
    )
)]
async fn regime_proposals(
    AxumState(state): AxumState<AppState>,
    query: Result<Query<ProposalSearch>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ProposalPage>, ApiError> {
    let search = Paging::from_query(query)?;
    if let Some(status) = &search.status
        && !["pending", "adopted", "in_force"].contains(&status.as_str())
    {
        return Err(ApiError::bad(
            "bad_status",
            format!("status is `pending`, `adopted` or `in_force`, not `{status}`"),
        ));
    }
    let limit = PROPOSALS_PAGING.limit(search.limit)? as usize;
    state
        .shared
        .read_state(|core| {
            let parties = &core.charter().parties;
            let mut proposals: Vec<ProposalItem> = core
                .proposals()
                .filter(|proposal| search.after.is_none_or(|after| proposal.entry > after))
                .filter(|proposal| {
                    let code = proposal_status_code(proposal.status);
                    search.status.as_deref().is_none_or(|status| status == code)
                })
                .take(limit + 1)
                .map(|proposal| ProposalItem {
                    entry: proposal.entry,
                    name: proposal.regime.name.clone(),
                    effective_from_ms: proposal.effective_from.0,
                    document_sha256: hex::encode(proposal.document_hash),
                    approvals: proposal
                        .approvals
                        .iter()
                        .map(|&party| parties[party].id.to_string())
                        .collect(),
                    status: proposal_status_code(proposal.status).to_owned(),
                    current: proposal.status == passage_core::state::ProposalStatus::InForce
                        && proposal.entry == core.regime_entry(),
                })
                .collect();
            let next = (proposals.len() > limit).then(|| {
                proposals.truncate(limit);
                proposals.last().map(|proposal| proposal.entry)
            });
            ProposalPage { proposals, next: next.flatten() }
        })
        .map(Json)
        .ok_or_else(no_charter)
}

/// Figures derived from the log.
#[derive(Clone, Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct Statistics {
    /// Entries in the log.
    pub entries: u64,
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
    /// post has to clear. Posts with none are left out.
    #[serde(default)]
    pub movements_at_post: std::collections::BTreeMap<String, u64>,
}

#[utoipa::path(
    get,
    path = "/v1/statistics",
    tag = "statistics",
    responses(
        (status = 200, description = "Figures over the whole log.", body = Statistics),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn statistics(AxumState(state): AxumState<AppState>) -> Result<Json<Statistics>, ApiError> {
    let checkpoint_size =
        state.store.latest_published_checkpoint().await?.map_or(0, |row| row.tree_size);
    let entries = state.shared.tree.borrow().size;
    let mut statistics = state
        .shared
        .read_state(|core| {
            let mut statistics = Statistics::default();
            for (status, count) in core.status_counts() {
                statistics
                    .movements
                    .insert(crate::projection::status_code(status).to_owned(), count as u64);
            }
            for leg in core.ledger().legs() {
                let currency = leg.currency.to_string();
                match (leg.kind, leg.account) {
                    (passage_core::ledger::PostingKind::Fee, passage_core::Account::Carrier(_)) => {
                        // A fee debits the carrier's account.
                        *statistics.fees_minor.entry(currency).or_default() -= leg.amount.0;
                    }
                    (
                        passage_core::ledger::PostingKind::Payment,
                        passage_core::Account::Carrier(_),
                    ) => {
                        *statistics.payments_minor.entry(currency).or_default() += leg.amount.0;
                    }
                    _ => {}
                }
            }
            for movement in core.movements() {
                statistics.incidents_open += u64::from(movement.open_incidents);
            }
            // The core counts the movements at each post as they arrive and leave.
            for (post, count) in core.corridor().posts.iter().zip(core.movement_counts_at_posts()) {
                if *count > 0 {
                    statistics.movements_at_post.insert(post.id.to_string(), *count);
                }
            }
            for (post, dwell) in core.corridor().posts.iter().zip(core.dwell()) {
                if dwell.departures > 0 {
                    statistics.dwell_seconds_mean.insert(
                        post.id.to_string(),
                        dwell.total_ms as f64 / dwell.departures as f64 / 1_000.0,
                    );
                }
            }
            statistics
        })
        .unwrap_or_default();
    statistics.entries = entries;
    statistics.checkpoint_size = checkpoint_size;
    Ok(Json(statistics))
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
    params(("path" = String, Path, description = "The rest of a c2sp.org/tlog-tiles path: `<L>/<N>[.p/<W>]` for a hash tile, `entries/<N>[.p/<W>]` for an entry bundle.")),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sequencer::TreeHead;
    use passage_core::Timestamp;
    use passage_core::statement::{Recorded, Statement};
    use passage_core::testing::{self, Scenario, ScenarioConfig, key_for};

    /// A declaration signed by `signer` and a consignee payload that does not open its
    /// commitment.
    fn declaration_with_a_wrong_payload(signer: &str) -> (SignedStatement, Vec<AttachedPayload>) {
        let truck = testing::truck("AM-TRANSIT-ROAD", "10AB130", "2022:080810", 18_000);
        let recorded = Recorded::new(Timestamp(1_700_000_000_000), Statement::Declare(truck));
        let signed = SignedStatement::sign(&key_for(signer), &recorded).expect("encodes");
        let payload = "consignee: someone else";
        let salt = [7u8; 32];
        let wrong = AttachedPayload {
            field: "consignee".into(),
            salt: BASE64.encode(salt),
            payload: BASE64.encode(payload),
        };
        (signed, vec![wrong])
    }

    /// The refusal's code after the checks of `signer`'s declaration, with the key check
    /// run (`Lock::Free`) or left to the core because the state's lock was busy.
    async fn refusal(shared: &Arc<Shared>, signer: &str, lock: Lock) -> String {
        let (signed, attached) = declaration_with_a_wrong_payload(signer);
        let recorded = signed.decode_statement().expect("decodes");
        let known = match lock {
            Lock::Free => known_signers(shared, std::iter::once(&signed)),
            Lock::Busy => {
                let guard = shared.state.write().expect("the lock");
                let known = known_signers(shared, std::iter::once(&signed));
                drop(guard);
                known
            }
        };
        let expected_known = match lock {
            Lock::Free => Some(signer.starts_with("authority:")),
            Lock::Busy => None,
        };
        assert_eq!(known, [expected_known], "the key check ran only when the lock was free");
        let outcome = check_statement(shared, &signed, Ok(()), known[0], || {
            crate::reads::check_payloads(&recorded, &attached)
        })
        .await;
        match outcome {
            Ok(_) => "accepted".into(),
            Err(error) => error.body().error,
        }
    }

    #[derive(Clone, Copy, Debug)]
    enum Lock {
        Free,
        Busy,
    }

    #[tokio::test]
    async fn refused_payloads_of_an_unknown_signer_get_unknown_signer_whether_the_lock_was_busy_or_not()
     {
        let scenario = Scenario::charter_only(&ScenarioConfig::syunik());
        let (tree, _) =
            tokio::sync::watch::channel(TreeHead { size: 1, root: passage_log::Hash::default() });
        let shared = Arc::new(Shared::new(Some(scenario.state), tree));
        for (signer, expected) in
            [("carrier:NOBODY", "unknown_signer"), ("authority:AM", "payload_mismatch")]
        {
            for lock in [Lock::Free, Lock::Busy] {
                let got = refusal(&shared, signer, lock).await;
                assert_eq!(got, expected, "{signer}, lock {lock:?}");
            }
        }
    }
}
