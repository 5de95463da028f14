//! Every way a request fails: [`ApiError`], one explicit status per variant, its JSON body
//! [`ErrorBody`], and the status of each class of the core's refusals.

use super::bodies::StatementTextError;
use crate::confidential::{PayloadError, RequestError};
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use passage_core::{Refusal, RefusalClass};
use passage_store::StoreError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a 503 answers in `Retry-After`: about the time the database takes to notice a dead
/// connection and elect the next leader. A full queue gets the same answer.
pub const RETRY_AFTER_SECONDS: u64 = 2;

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
    /// The core refused the statement; nothing changed. Its status is its class's
    /// ([`refusal_status`]).
    #[error(transparent)]
    Refused(Refusal),
    /// Nothing here by that name.
    #[error("{0}")]
    NotFound(String),
    /// The node keeps no published figures for the size asked for (404 `no_figures`).
    #[error("{0}")]
    NoFigures(String),
    /// The path exists but not with this method (405).
    #[error("{0}")]
    MethodNotAllowed(String),
    /// The body or batch is too large.
    #[error("{0}")]
    TooLarge(String),
    /// The entry is in the log but no published checkpoint covers it yet (425); retry
    /// after the next publication.
    #[error("{0}")]
    NotYetCovered(String),
    /// The node cannot take this now (the sequencer's queue is full, the sequencer stopped,
    /// a statement was not committed); retry after `Retry-After`.
    #[error("{0}")]
    Unavailable(String),
    /// Something inside failed; details are logged, not shown.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    /// A malformed request (400) with its code.
    pub(crate) fn bad(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::BadRequest { code, message: message.into() }
    }

    /// The status of the answer.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Unauthenticated { .. } => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden { .. } => StatusCode::FORBIDDEN,
            ApiError::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Refused(refusal) => refusal_status(refusal.class()),
            ApiError::NotFound(_) | ApiError::NoFigures(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::NotYetCovered(_) => StatusCode::TOO_EARLY,
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
            ApiError::NoFigures(_) => "no_figures",
            ApiError::MethodNotAllowed(_) => "method_not_allowed",
            ApiError::TooLarge(_) => "too_large",
            ApiError::NotYetCovered(_) => "not_yet_covered",
            ApiError::Unavailable(_) => "unavailable",
            ApiError::Internal(_) => "internal",
        }
    }

    /// The JSON body: `{"error": code, "message": text}`.
    pub fn body(&self) -> ErrorBody {
        ErrorBody { error: self.code().to_owned(), message: self.to_string() }
    }
}

/// The status of a refusal of the core, by its class: who is not enrolled is 401, who may
/// not do this is 403, and a statement that is malformed or does not fit the state is 422.
/// A new class does not compile until it is given a status here.
pub fn refusal_status(class: RefusalClass) -> StatusCode {
    match class {
        RefusalClass::Unauthenticated => StatusCode::UNAUTHORIZED,
        RefusalClass::Forbidden => StatusCode::FORBIDDEN,
        // The handlers' own decoding refuses a statement that does not decode (400
        // `malformed`); what the core finds malformed decoded, so it is 422.
        RefusalClass::Malformed | RefusalClass::DoesNotFit => StatusCode::UNPROCESSABLE_ENTITY,
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

impl From<StatementTextError> for ApiError {
    fn from(error: StatementTextError) -> ApiError {
        let message = error.to_string();
        match error {
            StatementTextError::TooLarge => ApiError::TooLarge(message),
            StatementTextError::NotBase64(_) => ApiError::bad("bad_base64", message),
            StatementTextError::Malformed(_) => ApiError::bad("malformed", message),
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
            RequestError::KeyBusy => return ApiError::Unavailable(message),
        };
        ApiError::Unauthenticated { code, message }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // Logged here, once, inside the request's span (see `api::trace_layer`); the body
        // says only `internal error`.
        if let ApiError::Internal(cause) = &self {
            tracing::error!(%cause, "request failed");
        }
        let mut response = (self.status(), Json(self.body())).into_response();
        if let ApiError::Unavailable(_) = &self {
            // A write not taken now (queue full, or this node stepped down as leader) can
            // be resubmitted once a leader sequences again.
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
        }
        response
    }
}

/// An error's JSON body. Every 4xx and 5xx answer carries one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    /// Machine-readable code. The API's own: `malformed_json`, `unreadable_body`,
    /// `bad_base64`, `malformed`, `malformed_payload`, `bad_index`, `bad_mrn`, `bad_cursor`,
    /// `bad_limit`, `bad_status`, `bad_period`, `bad_tile_path`, `invalid_query`,
    /// `invalid_path` (400);
    /// `bad_signature`,
    /// `unsigned`, `stale_request`, `replayed_request`, `unknown_signer`, `revoked_key`
    /// (401); `not_a_reader` (403); `not_found` (404); `method_not_allowed` (405); `too_large` (413);
    /// `payload_mismatch`, `unknown_payload_field` (422); `not_yet_covered` (425);
    /// `unavailable` (503); `internal` (500). A statement the core refuses carries the
    /// core's refusal code (401 for a signer not enrolled; 403 for who may do what, such
    /// as `role_not_allowed`; 422 for the rest, such as `wrong_status`).
    #[schema(example = "wrong_status")]
    pub error: String,
    /// What was wrong, for a person.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use passage_core::statement::OfficerRole;
    use passage_core::{Ident, Mrn, PublicKey};

    /// The status each refusal had when statuses were chosen by its code: the codes that
    /// were 401 and 403, and 422 for every other.
    fn status_by_code(code: &str) -> StatusCode {
        match code {
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

    fn check(refusal: Refusal, expect: (&str, StatusCode)) {
        let error = ApiError::Refused(refusal);
        let got = (error.body().error, error.status());
        assert_eq!((got.0.as_str(), got.1), expect);
        assert_eq!(got.1, status_by_code(expect.0), "{} keeps its status", expect.0);
    }

    #[test]
    fn each_refusal_answers_the_status_of_its_class() {
        let key = PublicKey([1; 32]);
        let party = Ident::parse("AM").expect("an identifier");
        let post = Ident::parse("AM-MEGHRI-E").expect("an identifier");
        let mrn = Mrn::parse("26AM000000000042J4").expect("an MRN");
        let act = passage_core::regime::Act::Arrive;
        let forbidden = StatusCode::FORBIDDEN;
        let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
        check(Refusal::UnknownSigner(key), ("unknown_signer", StatusCode::UNAUTHORIZED));
        check(
            Refusal::RevokedKey { key, revoked_at_entry: 3 },
            ("revoked_key", StatusCode::UNAUTHORIZED),
        );
        check(Refusal::NotAnAuthority { key, action: "enrol" }, ("not_an_authority", forbidden));
        check(Refusal::NotACarrier { key, action: "declare" }, ("not_a_carrier", forbidden));
        check(Refusal::NotAnOfficer { key, act }, ("not_an_officer", forbidden));
        check(
            Refusal::RoleNotAllowed { key, role: OfficerRole::Monitor, party, act },
            ("role_not_allowed", forbidden),
        );
        check(Refusal::NotPostedHere { key, post }, ("not_posted_here", forbidden));
        check(
            Refusal::RoleNotForParty { party, role: OfficerRole::Customs },
            ("role_not_for_party", forbidden),
        );
        check(
            Refusal::PostOfAnotherParty {
                post,
                operator: party,
                party,
                role: OfficerRole::Customs,
            },
            ("post_of_another_party", forbidden),
        );
        check(Refusal::NotYourKey { key, party }, ("not_your_key", forbidden));
        check(
            Refusal::NotYourMovement { mrn, owner: party, action: "amend" },
            ("not_your_movement", forbidden),
        );
        check(Refusal::CharterSignerNotAuthority(key), ("charter_signer_not_authority", forbidden));
        check(Refusal::NotOnItinerary { key, mrn }, ("not_on_itinerary", unprocessable));
        check(Refusal::UnknownPost(post), ("unknown_post", unprocessable));
        check(
            Refusal::WrongStatus { mrn, status: "declared", action: "depart" },
            ("wrong_status", unprocessable),
        );
        check(Refusal::BadPostList, ("bad_post_list", unprocessable));
        check(
            Refusal::InvalidDeclaration("no goods".into()),
            ("invalid_declaration", unprocessable),
        );
        check(Refusal::CharterAlreadyAdopted, ("charter_already_adopted", unprocessable));
        check(Refusal::AmountOverflow, ("amount_overflow", unprocessable));
    }
}
