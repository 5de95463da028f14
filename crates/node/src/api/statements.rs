//! Statements in: `POST /v1/statements` and `POST /v1/statements/batch`. A submission's
//! steps, in the order that decides which refusal it gets: stateless checks (size, base64,
//! decoding), the signature on the verification pool, the signer's key known, the payloads
//! attached against the statement's commitments; then the sequencer's queue
//! (`sequence`, one path for one statement or a batch), and the payloads stored before
//! the answer.

use super::AppState;
use super::errors::{ApiError, ErrorBody};
use super::extract::JsonBody;
use crate::confidential::{self, AttachedPayload, CheckedPayload};
use crate::sequencer::{Ack, Decoded, Shared, Submission, SubmitError};
use axum::extract::State as AxumState;
use axum::routing::post;
use axum::{Json, Router};
use passage_core::signed::SignatureError;
use passage_core::statement::Recorded;
use passage_core::{Refusal, SignedStatement};
use passage_store::{PAYLOADS_PER_CALL_MAX, PayloadRow, Store};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};
use utoipa::ToSchema;

// The bodies and their checks that need nothing but the body, in a module of their own
// (the fuzz targets compile it alone); named here, where the handlers take them.
pub use super::bodies::{
    BatchStatement, STATEMENT_BYTES_MAX, STATEMENTS_PER_REQUEST_MAX, SubmitBatchRequest,
    SubmitRequest, SubmitWithPayloads,
};

/// The routes of submissions.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/statements", post(submit))
        .route("/v1/statements/batch", post(submit_batch))
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

/// Stateless checks before the signature: size, base64 and decoding
/// ([`super::bodies::decode_signed`]). The decoded statement and its id go on to the
/// sequencer with the envelope, so neither is computed again.
fn decode_statement(text: &str) -> Result<Decoded, ApiError> {
    let signed = super::bodies::decode_signed(text)?;
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

/// Hands `statements` to the sequencer and waits for each one's answer, in order: the one
/// path of a single submission and of a batch. Room for all of them is reserved in the
/// queue at once, so when the queue cannot take them all (at most
/// [`SEQUENCER_QUEUE_MAX`](crate::sequencer::SEQUENCER_QUEUE_MAX) statements wait) the
/// request is refused whole, 503 `unavailable` with `Retry-After`, and none is queued.
/// Each statement queued gets its own answer: its acknowledgement, the core's refusal, or
/// `unavailable` when it was not committed.
async fn sequence(
    state: &AppState,
    statements: Vec<Decoded>,
) -> Result<Vec<Result<Ack, ApiError>>, ApiError> {
    if statements.is_empty() {
        return Ok(Vec::new());
    }
    let permits = state.queue.try_reserve_many(statements.len()).map_err(|error| match error {
        mpsc::error::TrySendError::Full(()) => {
            ApiError::Unavailable("the sequencer's queue is full; retry shortly".into())
        }
        mpsc::error::TrySendError::Closed(()) => {
            ApiError::Unavailable("the sequencer is not running".into())
        }
    })?;
    let answers: Vec<_> = permits
        .zip(statements)
        .map(|(permit, statement)| {
            let (reply, answer) = oneshot::channel();
            permit.send(Submission { statement, reply });
            answer
        })
        .collect();
    let mut outcomes = Vec::with_capacity(answers.len());
    for answer in answers {
        outcomes.push(match answer.await {
            Ok(Ok(ack)) => Ok(ack),
            Ok(Err(SubmitError::Refused(refusal))) => Err(ApiError::Refused(refusal)),
            Ok(Err(refused @ SubmitError::NotTheConfiguredCharter { .. })) => {
                Err(ApiError::Forbidden {
                    code: "charter_not_configured",
                    message: refused.to_string(),
                })
            }
            Ok(Err(refused @ SubmitError::WitnessesNotInCharter(_))) => Err(ApiError::Forbidden {
                code: "charter_witnesses_not_configured",
                message: refused.to_string(),
            }),
            Ok(Err(SubmitError::Unavailable)) | Err(_) => {
                Err(ApiError::Unavailable("the statement was not committed; resubmit it".into()))
            }
        });
    }
    Ok(outcomes)
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
        (status = 403, description = "The signer's role may not do this (a core refusal such as `role_not_allowed`), or, on an empty node, the charter is not the one the node serves (`charter_not_configured`) or does not name the witnesses the node is configured with, or too few of them for its quorum (`charter_witnesses_not_configured`).", body = ErrorBody),
        (status = 413, description = "The body, statement or a payload is too large (`too_large`).", body = ErrorBody),
        (status = 422, description = "The core refused the statement, or a payload does not match its commitment (`payload_mismatch`, `unknown_payload_field`).", body = ErrorBody),
        (status = 503, description = "The node cannot take this now (`unavailable`; from a follower, `leader_unavailable`); retry after `Retry-After`. From a follower with no configured group, `group_not_configured` without `Retry-After`: it forwards writes to no leader address its configuration does not list, and the message names the address to add to `group_members`.", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn submit(
    AxumState(state): AxumState<AppState>,
    JsonBody(request): JsonBody<SubmitWithPayloads>,
) -> Result<Json<SubmitResponse>, ApiError> {
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
        || check_payloads(decoded.recorded(), &request.payloads),
    )
    .await?;
    let Some(outcome) = sequence(&state, vec![decoded]).await?.pop() else {
        return Err(ApiError::Internal("the sequencer's answer is missing".into()));
    };
    let ack = outcome?;
    store_payloads(&state, ack.index, payloads).await?;
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
        (status = 503, description = "The node cannot take this now (`unavailable`; from a follower, `leader_unavailable`); retry after `Retry-After`. From a follower with no configured group, `group_not_configured` without `Retry-After`: it forwards writes to no leader address its configuration does not list, and the message names the address to add to `group_members`.", body = ErrorBody),
        (status = 500, description = "Internal error; the cause is logged, not shown (`internal`).", body = ErrorBody),
    )
)]
async fn submit_batch(
    AxumState(state): AxumState<AppState>,
    JsonBody(request): JsonBody<SubmitBatchRequest>,
) -> Result<Json<SubmitBatchResponse>, ApiError> {
    // The body's reading kept at most one statement over the limit.
    if request.statements.len() > STATEMENTS_PER_REQUEST_MAX {
        return Err(ApiError::TooLarge(format!(
            "a batch holds at most {STATEMENTS_PER_REQUEST_MAX} statements, this one more"
        )));
    }
    // Decode each, check the signatures of those that decode side by side, then queue
    // every checked statement at once, so they share group commits. Each statement gets
    // its own outcome: a bad one (or one whose payloads do not open its commitments) is
    // refused alone.
    let decoded: Vec<Result<Decoded, ApiError>> =
        request.statements.iter().map(|item| decode_statement(item.statement())).collect();
    let mut checked: Vec<Result<Vec<CheckedPayload>, ApiError>> = Vec::with_capacity(decoded.len());
    let mut to_verify = Vec::new();
    for item in decoded {
        match item {
            Ok(signed) => {
                checked.push(Ok(Vec::new()));
                to_verify.push(signed);
            }
            Err(error) => checked.push(Err(error)),
        }
    }
    let (statements, signatures) = verify(&state, to_verify).await?;
    let known = known_signers(&state.shared, statements.iter().map(Decoded::signed));
    let mut verified = statements.into_iter().zip(signatures).zip(known);
    let mut to_sequence = Vec::with_capacity(checked.len());
    for (position, outcome) in checked.iter_mut().enumerate() {
        if outcome.is_err() {
            continue;
        }
        let Some(((statement, signature), known)) = verified.next() else {
            return Err(ApiError::Internal("the verification pool lost a statement".into()));
        };
        *outcome = check_statement(&state.shared, statement.signed(), signature, known, || {
            check_batch_payloads(
                position,
                statement.recorded(),
                request.statements[position].payloads(),
            )
        })
        .await;
        if outcome.is_ok() {
            to_sequence.push(statement);
        }
    }
    let mut answers = sequence(&state, to_sequence).await?.into_iter();
    let mut acknowledged = Vec::with_capacity(checked.len());
    for outcome in checked {
        acknowledged.push(match outcome {
            Ok(payloads) => match answers.next() {
                Some(Ok(ack)) => Ok((ack, payloads)),
                Some(Err(error)) => Err(error),
                None => {
                    return Err(ApiError::Internal("the sequencer's answer is missing".into()));
                }
            },
            Err(error) => Err(error),
        });
    }
    let results = store_batch_payloads(&state, acknowledged)
        .await
        .into_iter()
        .map(|outcome| match outcome {
            Ok(ack) => BatchItem::Accepted(ack.into()),
            Err(error) => BatchItem::Refused(error.body()),
        })
        .collect();
    Ok(Json(SubmitBatchResponse { results }))
}

/// Checks the payloads attached to a submission against the statement's commitments.
fn check_payloads(
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
async fn store_payloads(
    state: &AppState,
    entry_index: u64,
    payloads: Vec<CheckedPayload>,
) -> Result<(), ApiError> {
    if payloads.is_empty() {
        return Ok(());
    }
    let rows = payloads
        .into_iter()
        .map(|payload| confidential::payload_row(payload, entry_index))
        .collect();
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
fn check_batch_payloads(
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
async fn store_batch_payloads(
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
                    call.1.extend(
                        payloads
                            .into_iter()
                            .map(|payload| confidential::payload_row(payload, ack.index)),
                    );
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sequencer::TreeHead;
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD as BASE64;
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
            check_payloads(&recorded, &attached)
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

    #[test]
    fn attack_a_batch_of_a_million_tiny_items_keeps_one_over_the_limit_and_decodes_none_past_it() {
        // The largest body the node reads holds some 350,000 items `"",`: each would be
        // an allocation and a statement to refuse. Reading stops keeping them at one over
        // the limit, and the items past it are stepped over.
        let count = (crate::api::BODY_BYTES_MAX - 32) / 3;
        let body = format!(r#"{{"statements":[{}""]}}"#, r#""","#.repeat(count - 1));
        assert!(body.len() <= crate::api::BODY_BYTES_MAX, "a body the node reads");
        let request: SubmitBatchRequest = serde_json::from_str(&body).expect("reads");
        assert_eq!(request.statements.len(), STATEMENTS_PER_REQUEST_MAX + 1);
        // What follows the list is still read and checked: a broken tail is malformed.
        let broken = format!(r#"{{"statements":[{}""]"#, r#""","#.repeat(count - 1));
        assert!(serde_json::from_str::<SubmitBatchRequest>(&broken).is_err());
        // A batch at the limit is kept whole.
        let full =
            format!(r#"{{"statements":[{}""]}}"#, r#""","#.repeat(STATEMENTS_PER_REQUEST_MAX - 1));
        let request: SubmitBatchRequest = serde_json::from_str(&full).expect("reads");
        assert_eq!(request.statements.len(), STATEMENTS_PER_REQUEST_MAX);
    }
}
