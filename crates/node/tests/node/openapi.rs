//! The OpenAPI document: the one the code generates is the one committed, every route of
//! the API is in it, and the node serves it.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use std::path::PathBuf;

use crate::common;

fn committed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("openapi.json")
}

/// Fails when the code's document differs from `crates/node/openapi.json`;
/// `UPDATE_OPENAPI=1` rewrites the file instead.
#[test]
fn the_committed_document_is_the_generated_one() {
    let generated = passage_node::openapi::document_json();
    let path = committed_path();
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).expect("writes openapi.json");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "crates/node/openapi.json is not the document the code generates; regenerate it with \
         `UPDATE_OPENAPI=1 cargo test -p passage-node --test node openapi` and commit it"
    );
}

/// Every page's `limit` is documented as the node checks it, 1 to the page's maximum, so a
/// client (or a fuzzer) generated from the document sends only sizes the node takes.
#[test]
fn every_page_size_is_documented_as_the_node_checks_it() {
    use passage_node::api::{PAGE_SIZE_MAX, governance, guarantees, monitoring, payloads};
    let document: serde_json::Value =
        serde_json::from_str(&passage_node::openapi::document_json()).expect("JSON");
    let mut found = Vec::new();
    for (path, operations) in document["paths"].as_object().expect("paths") {
        for operation in operations.as_object().expect("operations").values() {
            let parameters = operation["parameters"].as_array().cloned().unwrap_or_default();
            for parameter in parameters.iter().filter(|parameter| parameter["name"] == "limit") {
                let schema = &parameter["schema"];
                found.push(format!("{path} {} {}", schema["minimum"], schema["maximum"]));
            }
        }
    }
    found.sort();
    let expected = |path: &str, max: u32| format!("{path} 1 {max}");
    let mut wanted = vec![
        expected("/v1/accounts", PAGE_SIZE_MAX),
        expected("/v1/accounts/{account}/statement", PAGE_SIZE_MAX),
        expected("/v1/contests", monitoring::CONTEST_PAGE_MAX),
        expected("/v1/observations", monitoring::OBSERVATION_PAGE_MAX),
        expected("/v1/enquiries", guarantees::GUARANTEE_PAGE_MAX),
        expected("/v1/guarantees/{guarantee}", guarantees::GUARANTEE_PAGE_MAX),
        expected("/v1/incidents", PAGE_SIZE_MAX),
        expected("/v1/movements", PAGE_SIZE_MAX),
        expected("/v1/movements/statuses", PAGE_SIZE_MAX),
        expected("/v1/movements/{mrn}/payloads", payloads::MOVEMENT_PAYLOADS_PAGE_MAX),
        expected("/v1/regimes/proposals", governance::PROPOSALS_PAGE_MAX),
    ];
    wanted.sort();
    assert_eq!(found, wanted);
}

#[test]
fn every_route_and_error_is_described() {
    let document: serde_json::Value =
        serde_json::from_str(&passage_node::openapi::document_json()).expect("JSON");
    assert_eq!(document["openapi"].as_str().map(|v| &v[..3]), Some("3.1"));
    let mut paths: Vec<&str> =
        document["paths"].as_object().expect("paths").keys().map(String::as_str).collect();
    let mut expected = [
        "/v1/statements",
        "/v1/statements/batch",
        "/v1/entries/{index}",
        "/v1/entries/{index}/payloads",
        "/v1/entries/{index}/receipt",
        "/v1/movements",
        "/v1/movements/statuses",
        "/.well-known/passage-policy",
        "/v1/movements/{mrn}",
        "/v1/movements/{mrn}/payloads",
        "/v1/accounts",
        "/v1/accounts/{account}/statement",
        "/v1/corridor",
        "/v1/regime",
        "/v1/regimes/proposals",
        "/v1/keys/{key}",
        "/v1/statistics",
        "/v1/statistics/periods",
        "/v1/incidents",
        "/v1/guarantees/{guarantee}",
        "/v1/enquiries",
        "/v1/mission",
        "/v1/contests",
        "/v1/reports/{day}",
        "/v1/reports/{day}/page",
        "/v1/reports/{day}/pdf",
        "/v1/observations",
        "/v1/openapi.json",
        "/healthz",
        "/readyz",
        "/log/checkpoint",
        "/log/tile/{path}",
    ];
    paths.sort_unstable();
    expected.sort_unstable();
    assert_eq!(paths, expected, "every route of `api::app` is in the document");
    // Every answer but a success names the error body.
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("operations") {
            for (status, response) in operation["responses"].as_object().expect("responses") {
                if status.starts_with('2') {
                    continue;
                }
                let schema = &response["content"]["application/json"]["schema"]["$ref"];
                assert_eq!(
                    schema.as_str(),
                    Some("#/components/schemas/ErrorBody"),
                    "{method} {path} {status}"
                );
            }
        }
    }
}

#[tokio::test]
async fn the_node_serves_the_document() {
    use tower::ServiceExt as _;
    let folder = tempfile::tempdir().expect("temporary folder");
    let store = passage_store::StoreConfig::Sqlite(passage_store::SqliteConfig::new(
        folder.path().join("passage.db"),
    ));
    let node =
        passage_node::Node::start(common::node::node_config(store)).await.expect("node starts");
    let request = Request::builder().uri("/v1/openapi.json").body(Body::empty()).expect("request");
    let response =
        passage_node::api::app(node.app_state.clone()).oneshot(request).await.expect("answers");
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
    let served: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    let generated: serde_json::Value =
        serde_json::from_str(&passage_node::openapi::document_json()).expect("JSON");
    assert_eq!(served, generated);
    node.stop().await;
}
