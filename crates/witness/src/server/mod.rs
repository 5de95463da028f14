//! The witness server: c2sp.org/tlog-witness `add-checkpoint`, the monitoring endpoint for
//! the latest cosigned checkpoint, and the evidence of refused forks.
//!
//! Routes (the submission and monitoring prefixes are both the server's root; a reverse
//! proxy can mount it anywhere):
//! - `POST /add-checkpoint`: the spec's statuses: 404 unknown origin, 403 not signed by a
//!   known log key, 400 malformed or `old` beyond the size, 409 stale `old` (body `<size>\n`,
//!   `Content-Type: text/x.tlog.size`), 422 inconsistent, 429 past
//!   [`ADD_CHECKPOINT_PER_LOG_PER_SECOND_MAX`] requests of one log in a second (with
//!   `Retry-After: 1`), 200 with the cosignature line.
//! - `GET /<lowercase hex SHA-256(origin)>/checkpoint`: the latest cosigned checkpoint.
//! - `POST /draw`: this witness's VRF proof over a tree that is a prefix of the latest
//!   checkpoint it cosigned for the log (`passage_log::DrawRequest`): 404 unknown origin or no
//!   VRF key configured, 400 malformed, 409 with the latest size when the request's latest
//!   size is not the witness's or the tree is not yet within it, 422 not a prefix, 200 with
//!   the proof in base64.
//! - `GET /evidence?after=<cursor>&limit=<n>`: what the log signed and cannot deny, as
//!   JSON: a checkpoint of a size this witness cosigned (the latest, or one of the
//!   [`COSIGNED_KEPT_PER_LOG_MAX`] before it) with another root, kept once each, at most
//!   [`EVIDENCE_PER_LOG_MAX`] per log; and rollbacks of the witness's own database. A
//!   consistency proof that does not verify is refused and not recorded: the proof is the
//!   sender's, and anyone can send a genuine checkpoint with a bad one. One page of at most
//!   `limit` records ([`EVIDENCE_PAGE_MAX`], the default) as `{"evidence": [...], "next"}`,
//!   real forks first (see [`WitnessStore`]); `next`, when not null, is the `after` of the next
//!   page. A malformed query is 400.

mod store;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use passage_log::{
    AddCheckpointRequest, SigningKey, VerifierKey, WITNESS_REQUEST_BYTES_MAX, WitnessRefusal,
    add_cosignature, check_add_checkpoint,
};

pub use store::{
    COSIGNED_KEPT_PER_LOG_MAX, EVIDENCE_PAGE_MAX, EVIDENCE_PER_LOG_MAX, Evidence, EvidenceCursor,
    EvidenceKind, EvidencePage, GUARD_BYTES_MAX, Latest, StoreError, WitnessStore,
    origin_sha256_hex,
};

/// Largest `add-checkpoint` body the server reads (the tlog-witness request limit).
pub const ADD_CHECKPOINT_BODY_BYTES_MAX: usize = WITNESS_REQUEST_BYTES_MAX;
/// The content type of a 409 body.
pub const CONTENT_TYPE_TLOG_SIZE: &str = "text/x.tlog.size";
/// Most `add-checkpoint` requests one log's origin may make in one second of the witness's
/// clock. A node signs a checkpoint at most every 10 ms and may answer a conflict with a
/// second request: 200 a second; past this, 429 with `Retry-After: 1`, so nobody can keep
/// the witness's disk busy with requests it must read and refuse.
pub const ADD_CHECKPOINT_PER_LOG_PER_SECOND_MAX: u32 = 250;

/// Seconds since the Unix epoch; injected so tests control the cosignature time.
pub type Clock = Arc<dyn Fn() -> u64 + Send + Sync>;

/// The system clock as a [`Clock`].
pub fn system_clock() -> Clock {
    Arc::new(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_secs())
            .unwrap_or(0)
    })
}

/// What the witness server shares between requests.
#[derive(Clone)]
pub struct WitnessState {
    inner: Arc<Inner>,
}

struct Inner {
    key: SigningKey,
    logs: HashMap<String, Vec<VerifierKey>>,
    store: Mutex<WitnessStore>,
    clock: Clock,
    /// Per known origin: the clock's second and the requests made in it.
    requests: Mutex<HashMap<String, (u64, u32)>>,
    /// The party's VRF key, when this witness gives the party's contribution to the draw.
    vrf_key: std::sync::OnceLock<vrf_r255::SecretKey>,
}

/// Why the witness could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum WitnessSetupError {
    /// The cosigning key is not a `cosignature/v1` (0x04) key.
    #[error("a witness key has signature type 0x04 (cosignature/v1)")]
    KeyType,
    /// A log key is not an Ed25519 (0x01) key.
    #[error("log key {0} is not an Ed25519 (0x01) key")]
    LogKeyType(String),
    /// The VRF key is not a canonical ristretto255 scalar other than zero.
    #[error(
        "the VRF key is not a ristretto255 secret scalar (32 bytes, little-endian, below the group order, not zero)"
    )]
    VrfKey,
    /// A VRF key was set already.
    #[error("this witness has a VRF key already")]
    VrfKeySet,
}

impl WitnessState {
    /// A witness cosigning with `key` for the logs whose keys are given (several keys may
    /// share an origin during a key rotation), keeping state in `store`.
    pub fn new(
        key: SigningKey,
        log_keys: Vec<VerifierKey>,
        store: WitnessStore,
        clock: Clock,
    ) -> Result<WitnessState, WitnessSetupError> {
        if key.verifier_key().key_type() != passage_log::KeyType::CosignatureV1 {
            return Err(WitnessSetupError::KeyType);
        }
        let mut logs: HashMap<String, Vec<VerifierKey>> = HashMap::new();
        for log_key in log_keys {
            if log_key.key_type() != passage_log::KeyType::Ed25519 {
                return Err(WitnessSetupError::LogKeyType(log_key.to_string()));
            }
            logs.entry(log_key.name().to_owned()).or_default().push(log_key);
        }
        let inner = Inner {
            key,
            logs,
            store: Mutex::new(store),
            clock,
            requests: Mutex::new(HashMap::new()),
            vrf_key: std::sync::OnceLock::new(),
        };
        Ok(WitnessState { inner: Arc::new(inner) })
    }

    /// The witness's verifier key.
    pub fn verifier_key(&self) -> VerifierKey {
        self.inner.key.verifier_key()
    }

    /// Gives this witness the party's VRF secret key (a ristretto255 scalar, c2sp.org/vrf-r255),
    /// so it answers `POST /draw`. Set once; a second key is refused.
    pub fn set_vrf_key(&self, key: [u8; 32]) -> Result<(), WitnessSetupError> {
        let key =
            Option::from(vrf_r255::SecretKey::from_bytes(key)).ok_or(WitnessSetupError::VrfKey)?;
        self.inner.vrf_key.set(key).map_err(|_| WitnessSetupError::VrfKeySet)
    }

    /// The VRF public key, if a VRF key is set: what the charter names for the party.
    pub fn vrf_public_key(&self) -> Option<[u8; 32]> {
        self.inner.vrf_key.get().map(|key| vrf_r255::PublicKey::from(*key).to_bytes())
    }
}

/// The witness's HTTP routes.
pub fn app(state: WitnessState) -> Router {
    Router::new()
        .route(
            "/add-checkpoint",
            post(add_checkpoint).layer(DefaultBodyLimit::max(ADD_CHECKPOINT_BODY_BYTES_MAX)),
        )
        .route(
            "/draw",
            post(draw).layer(DefaultBodyLimit::max(passage_log::DRAW_REQUEST_BYTES_MAX)),
        )
        .route("/evidence", get(evidence))
        .route("/{origin_hash}/checkpoint", get(latest_checkpoint))
        .with_state(state)
}

/// A witness reply that is not a cosignature.
#[derive(Debug, thiserror::Error)]
enum WitnessError {
    #[error("the request body is malformed: {0}")]
    BadRequest(#[from] passage_log::WitnessRequestError),
    #[error("the draw request is malformed: {0}")]
    BadDrawRequest(#[from] passage_log::DrawRequestError),
    #[error(transparent)]
    DrawRefused(passage_log::DrawRefusal),
    #[error("this witness has no VRF key: it gives no contribution to the draw")]
    NoVrfKey,
    #[error("this witness does not know the log `{0}`")]
    UnknownOrigin(String),
    #[error(transparent)]
    Refused(WitnessRefusal),
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    BadQuery(String),
    #[error(
        "the log `{0}` made {ADD_CHECKPOINT_PER_LOG_PER_SECOND_MAX} requests this second; \
         retry in a second"
    )]
    TooManyRequests(String),
    #[error("internal error")]
    Internal,
}

impl IntoResponse for WitnessError {
    fn into_response(self) -> Response {
        let text_plain = [(header::CONTENT_TYPE, "text/plain; charset=utf-8")];
        match self {
            WitnessError::Refused(WitnessRefusal::Conflict { latest_size, .. }) => (
                StatusCode::CONFLICT,
                [(header::CONTENT_TYPE, CONTENT_TYPE_TLOG_SIZE)],
                format!("{latest_size}\n"),
            )
                .into_response(),
            WitnessError::Refused(refusal) => {
                let status = StatusCode::from_u16(refusal.http_status())
                    .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                (status, text_plain, format!("{refusal}\n")).into_response()
            }
            WitnessError::DrawRefused(refusal) => match refusal.latest_size() {
                Some(latest_size) => (
                    StatusCode::CONFLICT,
                    [(header::CONTENT_TYPE, CONTENT_TYPE_TLOG_SIZE)],
                    format!("{latest_size}\n"),
                )
                    .into_response(),
                None => (StatusCode::UNPROCESSABLE_ENTITY, text_plain, format!("{refusal}\n"))
                    .into_response(),
            },
            WitnessError::BadRequest(_)
            | WitnessError::BadQuery(_)
            | WitnessError::BadDrawRequest(_) => {
                (StatusCode::BAD_REQUEST, text_plain, format!("{self}\n")).into_response()
            }
            WitnessError::UnknownOrigin(_) | WitnessError::NotFound | WitnessError::NoVrfKey => {
                (StatusCode::NOT_FOUND, text_plain, format!("{self}\n")).into_response()
            }
            WitnessError::TooManyRequests(_) => (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::RETRY_AFTER, "1")],
                format!("{self}\n"),
            )
                .into_response(),
            WitnessError::Internal => {
                (StatusCode::INTERNAL_SERVER_ERROR, text_plain, "internal error\n").into_response()
            }
        }
    }
}

fn internal(error: impl std::fmt::Display) -> WitnessError {
    tracing::error!(%error, "witness failure");
    WitnessError::Internal
}

async fn add_checkpoint(
    State(state): State<WitnessState>,
    body: Bytes,
) -> Result<Response, WitnessError> {
    let request = AddCheckpointRequest::parse(&body)?;
    let origin = request.origin()?;
    let inner = state.inner.clone();
    // SQLite with synchronous=FULL blocks on fsync: keep it off the async workers.
    tokio::task::spawn_blocking(move || decide(&inner, &origin, &request, &body))
        .await
        .map_err(internal)?
}

fn decide(
    inner: &Inner,
    origin: &str,
    request: &AddCheckpointRequest,
    body: &[u8],
) -> Result<Response, WitnessError> {
    let log_keys =
        inner.logs.get(origin).ok_or_else(|| WitnessError::UnknownOrigin(origin.to_owned()))?;
    let now = (inner.clock)();
    {
        // Counted per known origin only, so the map holds at most one entry per log.
        let mut requests = inner.requests.lock().map_err(internal)?;
        let (second, count) = requests.entry(origin.to_owned()).or_insert((now, 0));
        if *second != now {
            (*second, *count) = (now, 0);
        }
        if *count >= ADD_CHECKPOINT_PER_LOG_PER_SECOND_MAX {
            return Err(WitnessError::TooManyRequests(origin.to_owned()));
        }
        *count += 1;
    }
    let mut store = inner.store.lock().map_err(internal)?;
    let key = &inner.key;
    let outcome = store
        .decide(origin, |latest| {
            let latest_pair = latest.as_ref().map(|latest| (latest.size, latest.root));
            // Any of the origin's keys may have signed; a signature failure is reported
            // only if no key accepts the checkpoint.
            let mut result = Err(WitnessRefusal::Inconsistent);
            for log_key in log_keys {
                result = check_add_checkpoint(request, log_key, latest_pair);
                if !matches!(result, Err(WitnessRefusal::Signature(_))) {
                    break;
                }
            }
            match result {
                Ok(checkpoint) => match add_cosignature(&request.checkpoint, key, now) {
                    Ok(note) => {
                        let line = note[request.checkpoint.len()..].to_owned();
                        let new = Latest { size: checkpoint.size, root: checkpoint.root };
                        (Some((new, note)), Ok(line))
                    }
                    Err(error) => (None, Err(Err(error))),
                },
                Err(refusal) => (None, Err(Ok((refusal, latest)))),
            }
        })
        .map_err(internal)?;
    match outcome {
        Ok(line) => {
            tracing::info!(origin, "cosigned");
            Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], line).into_response())
        }
        Err(Err(sign_error)) => Err(internal(sign_error)),
        Err(Ok((refusal, latest))) => {
            let latest = latest.unwrap_or(Latest { size: 0, root: passage_log::EMPTY_ROOT });
            if let Some((reason, cosigned)) = fork_evidence(request, &latest, log_keys, &store)? {
                tracing::warn!(origin, reason, "kept evidence of a fork");
                let text = String::from_utf8_lossy(body);
                store.add_fork(origin, now, &reason, &cosigned, &text).map_err(internal)?;
            }
            Err(WitnessError::Refused(refusal))
        }
    }
}

/// Whether a refused request is evidence that the log forked, and against which cosigned
/// checkpoint: only what the log signed and cannot deny, a checkpoint of a size this witness
/// cosigned (the latest, or one it still remembers) with another root.
///
/// A consistency proof that does not verify is not evidence: the proof comes from whoever
/// sends the request, not from the log, so anyone could send a genuine checkpoint with a
/// bad proof and fill the evidence with forks that never were. Such a request is refused
/// (422) and nothing is recorded.
fn fork_evidence(
    request: &AddCheckpointRequest,
    latest: &Latest,
    log_keys: &[VerifierKey],
    store: &WitnessStore,
) -> Result<Option<(String, Latest)>, WitnessError> {
    let Some(signed) = log_keys
        .iter()
        .find_map(|key| passage_log::open_checkpoint(request.checkpoint.as_bytes(), key, &[]).ok())
    else {
        return Ok(None);
    };
    let signed = signed.checkpoint;
    if signed.size == 0 || signed.size > latest.size {
        return Ok(None);
    }
    let cosigned_root = if signed.size == latest.size {
        Some(latest.root)
    } else {
        store.cosigned_root(&signed.origin, signed.size).map_err(internal)?
    };
    Ok(cosigned_root.filter(|root| *root != signed.root).map(|root| {
        let reason = format!(
            "fork: the log signed size {} with root {}, but this witness cosigned root {}",
            signed.size, signed.root, root
        );
        (reason, Latest { size: signed.size, root })
    }))
}

/// `POST /draw`: the VRF proof over a tree that is a prefix of the latest checkpoint this
/// witness cosigned for the log. The latest checkpoint is read under the store's lock, the
/// same lock `add-checkpoint` decides under, so the proof is checked against what was
/// durably cosigned.
async fn draw(State(state): State<WitnessState>, body: Bytes) -> Result<Response, WitnessError> {
    let request = passage_log::DrawRequest::parse(&body)?;
    let inner = state.inner.clone();
    let key = *inner.vrf_key.get().ok_or(WitnessError::NoVrfKey)?;
    if !inner.logs.contains_key(&request.origin) {
        return Err(WitnessError::UnknownOrigin(request.origin));
    }
    let latest = tokio::task::spawn_blocking(move || {
        let store = inner.store.lock().map_err(internal)?;
        store.latest(&request.origin).map_err(internal).map(|latest| (request, latest))
    })
    .await
    .map_err(internal)??;
    let (request, latest) = latest;
    passage_log::check_draw_request(&request, latest.map(|latest| (latest.size, latest.root)))
        .map_err(WitnessError::DrawRefused)?;
    let proof = key.prove(&passage_log::draw_vrf_input(request.size, &request.root));
    tracing::info!(origin = request.origin, size = request.size, "drew");
    use base64::Engine as _;
    let line = format!("{}\n", base64::engine::general_purpose::STANDARD.encode(proof.to_bytes()));
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], line).into_response())
}

async fn latest_checkpoint(
    State(state): State<WitnessState>,
    Path(origin_hash): Path<String>,
) -> Result<Response, WitnessError> {
    if origin_hash.len() != 64
        || !origin_hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Err(WitnessError::NotFound);
    }
    let inner = state.inner.clone();
    let note = tokio::task::spawn_blocking(move || {
        let store = inner.store.lock().map_err(internal)?;
        store.latest_note_by_hash(&origin_hash).map_err(internal)
    })
    .await
    .map_err(internal)??;
    match note {
        Some(note) => {
            Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], note).into_response())
        }
        None => Err(WitnessError::NotFound),
    }
}

/// The query of `GET /evidence`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct EvidenceQuery {
    /// The `next` of the previous page.
    after: Option<String>,
    /// Records in the page, 1 to [`EVIDENCE_PAGE_MAX`].
    limit: Option<usize>,
}

async fn evidence(
    State(state): State<WitnessState>,
    query: Result<Query<EvidenceQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, WitnessError> {
    let Query(query) = query.map_err(|rejection| WitnessError::BadQuery(rejection.body_text()))?;
    let limit = query.limit.unwrap_or(EVIDENCE_PAGE_MAX);
    if !(1..=EVIDENCE_PAGE_MAX).contains(&limit) {
        return Err(WitnessError::BadQuery(format!(
            "limit is 1 to {EVIDENCE_PAGE_MAX}, not {limit}"
        )));
    }
    let after = query
        .after
        .map(|after| after.parse::<EvidenceCursor>())
        .transpose()
        .map_err(|error| WitnessError::BadQuery(error.to_string()))?;
    let inner = state.inner.clone();
    let page = tokio::task::spawn_blocking(move || {
        let store = inner.store.lock().map_err(internal)?;
        store.evidence(after, limit).map_err(internal)
    })
    .await
    .map_err(internal)??;
    let json = serde_json::to_string_pretty(&page).map_err(internal)?;
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}
