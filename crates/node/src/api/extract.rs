//! Extractors whose refusals are the API's JSON error body ([`ApiError`]), never the
//! framework's plain text: query strings ([`Query`]), path parameters ([`Path`]), JSON
//! bodies ([`JsonBody`]), and signed requests ([`SignedRequest`], the signed payload reads).

use super::errors::ApiError;
use super::{AppState, BODY_BYTES_MAX};
use crate::confidential::{self, RequestError, RequestSignature};
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, OriginalUri, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use passage_core::PublicKey;
use passage_store::{NonceAdmission, Store as _};
use serde::de::DeserializeOwned;

/// The query string, deserialized; a malformed one (`order=sideways`, `limit=ten`, a
/// missing parameter) is refused with 400 `invalid_query`.
#[derive(Clone, Debug)]
pub(crate) struct Query<T>(pub(crate) T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let axum::extract::Query(query) =
            axum::extract::Query::<T>::from_request_parts(parts, state)
                .await
                .map_err(|rejection| ApiError::bad("invalid_query", rejection.body_text()))?;
        Ok(Query(query))
    }
}

/// The path's parameters, deserialized; one that does not decode (a percent-escape that is
/// not UTF-8) is refused with 400 `invalid_path`. Handlers take parameters as text and
/// parse them themselves, so an index or MRN gets its own code (`bad_index`, `bad_mrn`).
#[derive(Clone, Debug)]
pub(crate) struct Path<T>(pub(crate) T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let axum::extract::Path(path) = axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map_err(|rejection| ApiError::bad("invalid_path", rejection.body_text()))?;
        Ok(Path(path))
    }
}

/// A JSON body, deserialized: one over [`BODY_BYTES_MAX`] is 413 `too_large`, one that
/// cannot be read 400 `unreadable_body`, one that is not the expected JSON 400
/// `malformed_json`. The content type is not checked: devices send what they send.
#[derive(Clone, Debug)]
pub(crate) struct JsonBody<T>(pub(crate) T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let body = body_bytes(request, state).await?;
        serde_json::from_slice(&body)
            .map(JsonBody)
            .map_err(|error| ApiError::bad("malformed_json", format!("request body: {error}")))
    }
}

/// The request's body, at most [`BODY_BYTES_MAX`] bytes.
async fn body_bytes<S: Send + Sync>(request: Request, state: &S) -> Result<Bytes, ApiError> {
    Bytes::from_request(request, state).await.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge(format!("a request body is at most {BODY_BYTES_MAX} bytes"))
        } else {
            ApiError::bad("unreadable_body", rejection.body_text())
        }
    })
}

/// A signed request (see [`crate::confidential`]): its headers read, its key enrolled and
/// not revoked, its Ed25519 signature checked over the method, path, query, time, nonce and
/// the body's hash and the log's origin, its time within the window and its nonce not seen
/// before by any node sharing the store. It reads the
/// body, so it is a handler's last argument, and it runs before the handler looks at
/// anything else: an unsigned caller learns nothing. The enrolment is checked first, so a
/// key anyone can make costs the node neither a signature check nor a place in the nonce
/// memory. Whether the key may read what it asks for is the handler's decision.
#[derive(Clone, Debug)]
pub(crate) struct SignedRequest {
    /// The reader's key, as its signature proved.
    pub(crate) key: PublicKey,
}

impl FromRequest<AppState> for SignedRequest {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        let signature = RequestSignature::from_headers(request.headers())?;
        state
            .shared
            .read_state(|core| confidential::enrolled_reader(core, &signature.key).map(|_| ()))
            .unwrap_or_else(|| Err(RequestError::UnknownKey(hex::encode(&signature.key.0[..4]))))?;
        let method = request.method().clone();
        // The path as the client sent it, even under a router that strips a prefix.
        let uri = match request.extensions().get::<OriginalUri>() {
            Some(OriginalUri(uri)) => uri.clone(),
            None => request.uri().clone(),
        };
        let origin = state.identity.as_ref().map(|identity| identity.log_key.name().to_owned());
        let origin = origin.ok_or_else(|| {
            ApiError::Unavailable("this node was not given its log's key: no signed reads".into())
        })?;
        let body = body_bytes(request, state).await?;
        let query = uri.query().unwrap_or_default();
        signature.verify(&origin, method.as_str(), uri.path(), query, &body)?;
        signature.check_fresh(crate::sequencer::now_ms())?;
        // Enrolled, signed for this log and fresh: only now is the nonce written, to the
        // store every node of the group shares.
        let now_ms = i64::try_from(crate::sequencer::now_ms()).unwrap_or(i64::MAX);
        let per_key = confidential::REQUEST_NONCES_PER_KEY_MAX;
        match state.store.admit_nonce(signature.stored_nonce(), now_ms, per_key).await? {
            NonceAdmission::Admitted => {}
            NonceAdmission::Replayed => return Err(RequestError::Replayed.into()),
            NonceAdmission::ReaderFull => return Err(RequestError::KeyBusy.into()),
        }
        Ok(SignedRequest { key: signature.key })
    }
}
