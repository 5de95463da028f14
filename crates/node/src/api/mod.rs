//! The HTTP API, one module per area, each with its own router that [`app`] merges:
//! statements in; the log, movements, accounts, governance, statistics, incidents and
//! confidential payloads out; health, readiness and the OpenAPI document.
//!
//! | area | routes |
//! | --- | --- |
//! | [`statements`] | `POST /v1/statements`, `POST /v1/statements/batch` |
//! | [`log`] | `/v1/entries/{index}`, `/v1/entries/{index}/receipt`, `/log/checkpoint`, `/log/tile/...` |
//! | [`movements`] | `/v1/movements`, `/v1/movements/{mrn}` |
//! | [`accounts`] | `/v1/accounts`, `/v1/accounts/{account}/statement` |
//! | [`governance`] | `/v1/corridor`, `/v1/regime`, `/v1/regimes/proposals` |
//! | [`statistics`] | `/v1/statistics`, `/v1/statistics/periods` |
//! | [`incidents`] | `/v1/incidents` |
//! | [`guarantees`] | `/v1/guarantees/{guarantee}`, `/v1/enquiries` |
//! | [`monitoring`] | `/v1/mission`, `/v1/contests`, `/v1/reports/{day}` |
//! | [`payloads`] | `/v1/entries/{index}/payloads`, `/v1/movements/{mrn}/payloads` (signed reads) |
//! | [`operations`] | `/healthz`, `/readyz`, `/v1/openapi.json` |
//!
//! Every handler answers through [`errors::ApiError`]: a 4xx says what was wrong and how to
//! fix it; a 5xx says nothing about the inside and logs the cause once, inside the
//! request's span ([`trace_layer`]). Queries, paths and bodies are read through
//! `extract`, whose refusals are the same JSON error body. Each handler and body is
//! annotated for the OpenAPI document (see [`crate::openapi`]).

pub mod accounts;
pub mod bodies;
pub mod errors;
pub(crate) mod extract;
pub mod governance;
pub mod guarantees;
pub mod incidents;
pub mod log;
pub mod monitoring;
pub mod movements;
pub mod operations;
pub(crate) mod paging;
pub mod payloads;
pub mod statements;
pub mod statistics;

use crate::sequencer::{Shared, Submission};
use crate::verify::Verifier;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::Request;
use passage_store::AnyStore;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::mpsc;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::trace::{
    DefaultOnBodyChunk, DefaultOnEos, DefaultOnRequest, DefaultOnResponse, MakeSpan, TraceLayer,
};

/// Largest request body: a batch of [`statements::STATEMENTS_PER_REQUEST_MAX`] statements
/// of about 600 bytes (base64 of a 400-byte statement) with JSON framing fits in 1 MiB; a
/// charter (the largest statement, up to 64 KiB) fits too.
pub const BODY_BYTES_MAX: usize = 1024 * 1024;
/// Largest page of movements, postings or incidents.
pub const PAGE_SIZE_MAX: u32 = 500;
/// Page size when the request names none.
pub const PAGE_SIZE_DEFAULT: u32 = 50;

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
    /// The log's public key and where its witnesses are reached, when the node was given
    /// them: the trust policy it serves is derived from them and the charter.
    pub identity: Option<Arc<LogIdentity>>,
}

/// What a node says about the log it runs, beside the charter: the log's public key (its
/// name is the log's origin) and the URLs its operator configured for the charter's
/// witnesses.
#[derive(Clone, Debug)]
pub struct LogIdentity {
    /// The log's public key.
    pub log_key: passage_log::VerifierKey,
    /// Witness name (as in the charter) and URL.
    pub witness_urls: std::collections::BTreeMap<String, String>,
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
        AppState { store, shared, queue, verifier, identity: None }
    }

    /// The same, serving the trust policy of the log `identity` names.
    pub fn with_identity(mut self, identity: LogIdentity) -> AppState {
        self.identity = Some(Arc::new(identity));
        self
    }
}

/// The router: every area's routes, the dashboard and the post terminal, a JSON 404 for
/// any other path, the body limit and a tracing span per request.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(statements::router())
        .merge(log::router())
        .merge(movements::router())
        .merge(accounts::router())
        .merge(governance::router())
        .merge(statistics::router())
        .merge(incidents::router())
        .merge(guarantees::router())
        .merge(monitoring::router())
        .merge(payloads::router())
        .merge(operations::router())
        .merge(crate::dashboard::router())
        .merge(crate::terminal::router())
        .fallback(operations::no_such_route)
        .method_not_allowed_fallback(operations::method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_BYTES_MAX))
        .layer(trace_layer())
        .with_state(state)
}

/// The tracing layer of [`app`]: a span per request ([`RequestSpan`]), failures not
/// logged again (the error that caused them already was, with its cause).
pub type TraceRequests = TraceLayer<
    SharedClassifier<ServerErrorsAsFailures>,
    RequestSpan,
    DefaultOnRequest,
    DefaultOnResponse,
    DefaultOnBodyChunk,
    DefaultOnEos,
    (),
>;

/// A span per request, `request{method, path, request_id}`, around everything its
/// handler does, so what a request logs (a 5xx's cause, once: [`errors::ApiError`] logs
/// it) names the request it came from. The request id counts the router's requests from 1.
#[derive(Clone, Debug, Default)]
pub struct RequestSpan {
    requests: Arc<AtomicU64>,
}

impl<B> MakeSpan<B> for RequestSpan {
    fn make_span(&mut self, request: &Request<B>) -> tracing::Span {
        let request_id = self.requests.fetch_add(1, Ordering::Relaxed) + 1;
        tracing::info_span!(
            "request",
            method = %request.method(),
            path = %request.uri().path(),
            request_id,
        )
    }
}

/// The tracing layer of [`app`].
pub fn trace_layer() -> TraceRequests {
    TraceLayer::new_for_http().make_span_with(RequestSpan::default()).on_failure(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::routing::get;
    use errors::ApiError;
    use std::sync::Mutex;
    use tower::ServiceExt as _;

    /// What the test's subscriber writes.
    #[derive(Clone, Default)]
    struct Log(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Log {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("the log").extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn a_5xx_reveals_nothing_and_its_cause_is_logged_once_in_the_request_s_span() {
        let log = Log::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .without_time()
            .with_max_level(tracing::Level::INFO)
            .finish();
        let _default = tracing::subscriber::set_default(subscriber);
        let failing = || async { Err::<(), _>(ApiError::Internal("the disk is on fire".into())) };
        let app = Router::new().route("/v1/failing", get(failing)).layer(trace_layer());
        let request =
            Request::builder().uri("/v1/failing?x=1").body(Body::empty()).expect("request");
        let response = app.oneshot(request).await.expect("answers");
        assert_eq!(response.status(), axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
        assert_eq!(
            std::str::from_utf8(&body).expect("text"),
            r#"{"error":"internal","message":"internal error"}"#,
            "the body says nothing about the inside"
        );
        let log = String::from_utf8(log.0.lock().expect("the log").clone()).expect("text");
        let errors: Vec<&str> = log.lines().filter(|line| line.contains("ERROR")).collect();
        assert_eq!(errors.len(), 1, "logged once: {log}");
        for part in ["request{method=GET path=/v1/failing request_id=1}", "the disk is on fire"] {
            assert!(errors[0].contains(part), "{part} in {log}");
        }
    }
}
