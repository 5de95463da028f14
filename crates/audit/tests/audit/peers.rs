//! What the auditor reads from peers over HTTP, from small servers on the loopback: a node's
//! figures through the audit's own reading of the documented API (a field renamed or
//! mistyped is an error naming the endpoint, a field added is not), and answers larger than
//! the limits, cut off rather than read whole.

use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::routing::get;
use expect_test::expect;
use passage_audit::compare::{FiguresError, NODE_RESPONSE_BYTES_MAX, fetch_node_figures};
use passage_audit::{FETCH_BYTES_MAX, HttpSource, SourceError, TileSource};

/// Seconds a test's request may take: an answer the limits fail to cut off runs into it.
const TIMEOUT: Duration = Duration::from_secs(20);

/// Serves `router` on a loopback port: its base URL.
async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = listener.local_addr().expect("an address");
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{address}")
}

/// What a node answers, as `docs/API.md` and `openapi.json` document it, plus fields a later
/// node may add.
const STATISTICS: &str = r#"{"entries": 6, "tree_size": 6, "state_digest": "00",
    "checkpoint_size": 6, "movements": {"declared": 1},
    "fees_minor": {"AMD": 3000}, "payments_minor": {}, "incidents_open": 0,
    "dwell_seconds_mean": {"AM-MEGHRI-E": 12.5}, "movements_at_post": {}, "added_later": [1]}"#;
const ACCOUNTS: &str =
    r#"[{"account": "carrier:ARAZ-TRUCKS", "currency": "AMD", "amount_minor": -3000}]"#;
const MOVEMENTS: &str = r#"{"tree_size": 6, "movements": [{"mrn": "26AM000000000003J4",
    "status": "declared", "last_entry_index": 3}], "next": null}"#;

/// Reads the figures of a node answering `statistics`, `accounts` and `movements` at size
/// 6: what was read, or the error.
async fn check(
    statistics: &'static str,
    accounts: &'static str,
    movements: &'static str,
) -> String {
    let router = Router::new()
        .route("/v1/statistics", get(move || async move { statistics }))
        .route("/v1/accounts", get(move || async move { accounts }))
        .route("/v1/movements/statuses", get(move || async move { movements }));
    let base = serve(router).await;
    match fetch_node_figures(&base, 6, TIMEOUT).await {
        Ok(figures) => format!(
            "read: size {}, fees {:?}, {} balance lines, {} movements listed",
            figures.statistics.tree_size,
            figures.statistics.fees_minor,
            figures.balances.len(),
            figures.movements.len()
        ),
        Err(FiguresError::Malformed { endpoint, reason, .. }) => {
            format!("malformed {endpoint}: {reason}")
        }
        Err(error) => format!("other error: {error}"),
    }
}

fn renamed(json: &'static str, from: &str, to: &str) -> &'static str {
    assert!(json.contains(from), "{from} is in the answer");
    json.replace(from, to).leak()
}

#[tokio::test]
async fn a_node_answer_unlike_the_documented_api_is_an_error_naming_the_endpoint() {
    let cases = [
        check(STATISTICS, ACCOUNTS, MOVEMENTS).await,
        check(renamed(STATISTICS, "\"fees_minor\"", "\"fees\""), ACCOUNTS, MOVEMENTS).await,
        check(renamed(STATISTICS, "\"movements_at_post\"", "\"queues\""), ACCOUNTS, MOVEMENTS)
            .await,
        check(STATISTICS, renamed(ACCOUNTS, "-3000", "\"-3000\""), MOVEMENTS).await,
        check(STATISTICS, ACCOUNTS, renamed(MOVEMENTS, "\"status\"", "\"state\"")).await,
        check(STATISTICS, ACCOUNTS, renamed(MOVEMENTS, "\"next\"", "\"cursor\"")).await,
        check(STATISTICS, "not JSON", MOVEMENTS).await,
        check(renamed(STATISTICS, "\"tree_size\"", "\"size\""), ACCOUNTS, MOVEMENTS).await,
        check(renamed(STATISTICS, "\"state_digest\"", "\"digest\""), ACCOUNTS, MOVEMENTS).await,
    ];
    expect![[r#"
        read: size 6, fees {"AMD": 3000}, 1 balance lines, 1 movements listed
        malformed /v1/statistics: missing field `fees_minor` at line 4 column 93
        malformed /v1/statistics: missing field `movements_at_post` at line 4 column 82
        malformed /v1/accounts: invalid type: string "-3000", expected i64 at line 1 column 78
        malformed /v1/movements/statuses: missing field `status` at line 2 column 47
        malformed /v1/movements/statuses: missing field `next` at line 2 column 66
        malformed /v1/accounts: expected ident at line 1 column 2
        malformed /v1/statistics: missing field `tree_size` at line 4 column 93
        malformed /v1/statistics: missing field `state_digest` at line 4 column 93
    "#]]
    .assert_eq(&(cases.join("\n") + "\n"));
}

/// A body of spaces: `length` bytes, announced; or, with `None`, chunks of 64 KiB without
/// end and without a length, as a hostile peer may send.
fn spaces(length: Option<usize>) -> Body {
    static CHUNK: [u8; 1 << 16] = [b' '; 1 << 16];
    match length {
        Some(length) => Body::from(vec![b' '; length]),
        None => Body::from_stream(futures_util::stream::repeat_with(|| {
            Ok::<_, std::io::Error>(Bytes::from_static(&CHUNK))
        })),
    }
}

#[tokio::test]
async fn a_node_answer_larger_than_the_limit_is_refused_without_reading_it_whole() {
    for length in [Some(NODE_RESPONSE_BYTES_MAX + 1), None] {
        let router =
            Router::new().route("/v1/statistics", get(move || async move { spaces(length) }));
        let base = serve(router).await;
        let error = fetch_node_figures(&base, 6, TIMEOUT).await.expect_err("too large");
        assert!(
            matches!(error, FiguresError::TooLarge { endpoint: "/v1/statistics", .. }),
            "{length:?}: {error}"
        );
    }
}

#[tokio::test]
async fn a_tile_larger_than_the_limit_is_refused_without_reading_it_whole() {
    for length in [Some(FETCH_BYTES_MAX + 1), None] {
        let router =
            Router::new().route("/log/tile/0/000", get(move || async move { spaces(length) }));
        let base = serve(router).await;
        let source = HttpSource::new(&format!("{base}/log"), TIMEOUT).expect("a source");
        let error = source.fetch("tile/0/000").await.expect_err("too large");
        assert!(matches!(&error, SourceError::TooLarge(path) if path == "tile/0/000"), "{error}");
    }
    // At the limit, the answer is read.
    let router =
        Router::new().route("/log/tile/0/000", get(|| async { spaces(Some(FETCH_BYTES_MAX)) }));
    let base = serve(router).await;
    let source = HttpSource::new(&format!("{base}/log"), TIMEOUT).expect("a source");
    let tile = source.fetch("tile/0/000").await.expect("read").expect("present");
    assert_eq!(tile.len(), FETCH_BYTES_MAX);
}
