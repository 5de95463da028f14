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

/// The document, parsed.
fn document() -> serde_json::Value {
    serde_json::from_str(&passage_node::openapi::document_json()).expect("JSON")
}

/// The schema of the parameter `name` of `GET path`.
fn parameter_schema(document: &serde_json::Value, path: &str, name: &str) -> serde_json::Value {
    let parameters = document["paths"][path]["get"]["parameters"].as_array().expect("parameters");
    let parameter = parameters.iter().find(|parameter| parameter["name"] == name);
    parameter.unwrap_or_else(|| panic!("GET {path} has no parameter {name}"))["schema"].clone()
}

/// A schema's `pattern`, compiled.
fn pattern_of(schema: &serde_json::Value) -> regex::Regex {
    let pattern = schema["pattern"].as_str().unwrap_or_else(|| panic!("no pattern in {schema}"));
    regex::Regex::new(pattern).expect("the document's pattern compiles")
}

/// Holds a pattern to a parser over `samples`: whatever the parser takes, the pattern
/// matches; whatever the pattern matches, the parser takes, unless its refusal is one that
/// `beyond` names (a check a pattern cannot make, such as a check character). Both answers
/// must occur among the samples, so that the comparison can fail either way.
fn agree<E: std::fmt::Debug>(
    what: &str,
    pattern: &regex::Regex,
    samples: impl IntoIterator<Item = String>,
    parse: impl Fn(&str) -> Result<(), E>,
    beyond: impl Fn(&E) -> bool,
) {
    let (mut taken, mut refused, mut disagreements) = (0, 0, Vec::new());
    for sample in samples {
        let parsed = parse(&sample);
        match (pattern.is_match(&sample), &parsed) {
            (true, Ok(())) => taken += 1,
            (false, Err(_)) => refused += 1,
            (true, Err(error)) if beyond(error) => refused += 1,
            (matched, _) => {
                disagreements.push(format!("{sample:?}: pattern {matched}, {parsed:?}"))
            }
        }
    }
    assert!(
        disagreements.is_empty(),
        "{what}: the document and the node disagree on {disagreements:#?}"
    );
    assert!(taken > 0 && refused > 0, "{what}: {taken} samples taken, {refused} refused");
}

/// The corpus a fuzz target kept, as texts (the files that are UTF-8).
fn corpus_texts(target: &str) -> Vec<String> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus").join(target);
    let entries = std::fs::read_dir(&folder).expect("the fuzz corpus is committed");
    let files = entries.map(|entry| std::fs::read(entry.expect("an entry").path()).expect("read"));
    files.filter_map(|bytes| String::from_utf8(bytes).ok()).collect()
}

/// Each text, then each with one character replaced by each of `replacements`, one
/// character dropped, and one added: near misses on both sides of a pattern.
fn with_near_misses(texts: &[String], replacements: &str) -> Vec<String> {
    let mut samples = texts.to_vec();
    for text in texts {
        let characters: Vec<char> = text.chars().collect();
        for position in 0..characters.len() {
            for replacement in replacements.chars() {
                let mut changed = characters.clone();
                changed[position] = replacement;
                samples.push(changed.into_iter().collect());
            }
            let mut shorter = characters.clone();
            shorter.remove(position);
            samples.push(shorter.into_iter().collect());
        }
        samples.push(format!("{text}0"));
        samples.push(format!("0{text}"));
    }
    samples
}

#[test]
fn the_documents_mrn_pattern_is_the_nodes_mrn_parser_but_for_the_check_character() {
    use passage_core::{CountryCode, IdError, Mrn};
    let document = document();
    let mut valid = Vec::new();
    for (year, country, serial) in [(26, "AM", 42), (25, "AZ", 999_999_999_999), (0, "GE", 7)] {
        let country = CountryCode::parse(country).expect("a country");
        valid.push(Mrn::allocate(year, country, serial).to_string());
    }
    let mut samples = with_near_misses(&valid, "0A9Za-/ é");
    samples.extend(corpus_texts("identifiers"));
    let schemas = [
        parameter_schema(&document, "/v1/movements/{mrn}", "mrn"),
        parameter_schema(&document, "/v1/movements/{mrn}/payloads", "mrn"),
        parameter_schema(&document, "/v1/movements/statuses", "after"),
        parameter_schema(&document, "/v1/incidents", "movement"),
        parameter_schema(&document, "/v1/guarantees/{guarantee}", "after"),
        parameter_schema(&document, "/v1/enquiries", "after"),
    ];
    for schema in schemas {
        agree(
            "MRN",
            &pattern_of(&schema),
            samples.clone(),
            |text| Mrn::parse(text).map(|_| ()),
            |error| matches!(error, IdError::CheckDigit { .. }),
        );
    }
}

#[test]
fn the_documents_guarantee_pattern_is_the_nodes_identifier_parser() {
    use passage_core::Ident;
    let document = document();
    let valid =
        ["GUAR-ARAZ-1", "g.1:a/b_c", "x", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"].map(String::from);
    let mut samples = with_near_misses(&valid, "a-_ +%é\u{0}");
    samples.extend(corpus_texts("identifiers"));
    samples.push(String::new());
    let schema = parameter_schema(&document, "/v1/guarantees/{guarantee}", "guarantee");
    agree(
        "guarantee",
        &pattern_of(&schema),
        samples,
        |text| Ident::parse(text).map(|_| ()),
        |_| false,
    );
}

#[test]
fn the_documents_tile_path_pattern_is_the_nodes_tile_path_parser_below_ten_to_the_eighteen() {
    use passage_log::{BundleId, TileId, TilePath, TilePathError};
    let document = document();
    let mut valid = Vec::new();
    let indexes = [0, 1, 999, 1_000, 1_001, 67_890, 1_000_000, 999_999_999_999_999_999];
    for index in indexes {
        for width in [1, 8, 255, 256] {
            valid.push(TileId { level: 0, index, width }.path());
            valid.push(TileId { level: 63, index, width }.path());
            valid.push(BundleId { index, width }.path());
        }
    }
    let beyond =
        [1_000_000_000_000_000_000, u64::MAX].map(|index| TileId { level: 1, index, width: 256 });
    let valid: Vec<String> = valid.iter().map(|path| path["tile/".len()..].to_owned()).collect();
    let mut samples = with_near_misses(&valid, "0x9/.p");
    samples.extend(
        corpus_texts("tile_path")
            .into_iter()
            .filter_map(|path| path.strip_prefix("tile/").map(str::to_owned)),
    );
    samples.extend(
        [
            "0/x000/001",
            "64/000",
            "00/000",
            "0/000.p/0",
            "0/000.p/256",
            "0/000.p/007",
            "0/x019/x000/x000/x000/x000/x000/000",
        ]
        .map(String::from),
    );
    let pattern = pattern_of(&parameter_schema(&document, "/log/tile/{path}", "path"));
    // As the handler parses it: the route's rest after `tile/`.
    agree(
        "tile path",
        &pattern,
        samples,
        |rest| TilePath::parse(&format!("tile/{rest}")).map(|_| ()),
        |error| matches!(error, TilePathError::Index),
    );
    // The one place the pattern is stricter than the node: indexes of 10^18 and more,
    // whose tiles hold more entries than any log will.
    for tile in beyond {
        let rest = &tile.path()["tile/".len()..];
        assert!(TilePath::parse(&tile.path()).is_ok() && !pattern.is_match(rest), "{rest}");
    }
}

#[test]
fn the_documents_periods_are_the_nodes_period_check() {
    use passage_node::api::statistics::{Granularity, PeriodQuery};
    let document = document();
    let hour = 3_600_000;
    for name in ["from", "to"] {
        let schema = parameter_schema(&document, "/v1/statistics/periods", name);
        assert_eq!(schema["multipleOf"], hour, "{name}");
    }
    let granularity = parameter_schema(&document, "/v1/statistics/periods", "granularity");
    let reference = granularity["$ref"].as_str().expect("a reference");
    let enumerated =
        &document["components"]["schemas"][&reference["#/components/schemas/".len()..]]["enum"];
    assert_eq!(enumerated, &serde_json::json!(["hour", "day", "week"]));
    let values = [
        0,
        1,
        hour - 1,
        hour,
        2 * hour,
        24 * hour,
        24 * hour + 1,
        7 * 24 * hour,
        1_000 * hour,
        1_001 * hour,
        1_795_672_800_000,
    ];
    let (mut taken, mut refused) = (0, 0);
    for granularity in ["hour", "day", "week"] {
        let granularity: Granularity =
            serde_json::from_value(serde_json::json!(granularity)).expect("documented");
        for from in values {
            for to in values {
                let documented = from % hour == 0 && to % hour == 0;
                let answer = PeriodQuery { from, to, granularity }.period_count();
                // What the document refuses, the node refuses; for hours (the multiple the
                // document states), the node takes the rest when it is a range of at most
                // PERIODS_MAX periods, which no schema can state.
                if !documented {
                    assert!(answer.is_err(), "{from}..{to} {granularity:?}");
                    refused += 1;
                } else if granularity == Granularity::Hour {
                    let expected = from < to
                        && (to - from) / hour <= passage_node::api::statistics::PERIODS_MAX;
                    assert_eq!(answer.is_ok(), expected, "{from}..{to}");
                    taken += usize::from(expected);
                }
            }
        }
    }
    assert!(taken > 0 && refused > 0);
}

#[test]
fn the_documents_statement_and_payload_patterns_are_the_nodes_body_checks() {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD as BASE64;
    use passage_node::api::bodies::{self, StatementTextError};
    let document = document();
    let schemas = &document["components"]["schemas"];
    let statement = &schemas["SubmitRequest"]["properties"]["statement"];
    assert_eq!(statement["maxLength"], bodies::STATEMENT_TEXT_BYTES_MAX);
    let payload = &schemas["AttachedPayload"]["properties"];
    assert_eq!(payload["payload"]["maxLength"], bodies::PAYLOAD_TEXT_BYTES_MAX);
    assert_eq!(
        schemas["SubmitWithPayloads"]["allOf"][1]["properties"]["payloads"]["maxItems"],
        bodies::ATTACHED_PAYLOADS_MAX
    );
    assert_eq!(
        schemas["SubmitBatchRequest"]["properties"]["statements"]["maxItems"],
        bodies::STATEMENTS_PER_REQUEST_MAX
    );
    // Base64 of every length of tail, the statements the fuzzer kept, and near misses.
    let mut texts: Vec<String> = (0..8).map(|length| BASE64.encode(vec![0xa5; length])).collect();
    texts.extend((0..8).map(|length| BASE64.encode(vec![0xff; length])));
    for body in corpus_texts("request_body") {
        if let Ok(request) = serde_json::from_str::<bodies::SubmitWithPayloads>(&body) {
            texts.push(request.submission.statement);
        }
    }
    let samples = with_near_misses(&texts, "A/+=-_ \n");
    let base64 = pattern_of(statement);
    // The pattern is the base64 the node decodes; what it decodes may still not be a
    // signed statement, which no pattern can say.
    agree(
        "statement",
        &base64,
        samples.clone(),
        |text| bodies::decode_signed(text).map(|_| ()),
        |error| matches!(error, StatementTextError::Malformed(_)),
    );
    agree(
        "payload",
        &pattern_of(&payload["payload"]),
        samples.clone(),
        |text| BASE64.decode(text).map(|_| ()),
        |_| false,
    );
    let salts: Vec<String> =
        [[0u8; 32], [0xff; 32], [0x5a; 32]].iter().map(|salt| BASE64.encode(salt)).collect();
    let mut salt_samples = with_near_misses(&salts, "A/+=-_ ");
    salt_samples.extend(samples);
    let salt_is_32_bytes = |text: &str| match BASE64.decode(text) {
        Ok(bytes) if bytes.len() == 32 => Ok(()),
        Ok(bytes) => Err(format!("{} bytes", bytes.len())),
        Err(error) => Err(error.to_string()),
    };
    agree("salt", &pattern_of(&payload["salt"]), salt_samples, salt_is_32_bytes, |_| false);
    // A batch's bare item is the same text as a single statement.
    let variants = schemas["BatchStatement"]["oneOf"].as_array().expect("two forms");
    assert_eq!(variants[0]["pattern"], statement["pattern"]);
    assert_eq!(variants[0]["maxLength"], statement["maxLength"]);
}

#[test]
fn the_documents_payload_field_pattern_is_the_names_the_node_gives_commitments() {
    use passage_core::statement::Statement;
    use passage_core::testing;
    use passage_node::api::bodies::{self, AttachedPayload, PayloadError};
    let document = document();
    let field =
        pattern_of(&document["components"]["schemas"]["AttachedPayload"]["properties"]["field"]);
    let declaration = testing::container_train("AM-TRANSIT-RAIL", 3, 12, &["2022:847130"]);
    let statement = Statement::Declare(declaration);
    let names: Vec<String> =
        bodies::commitments(&statement).into_iter().map(|(name, _)| name).collect();
    assert!(names.iter().any(|name| name == "goods/2/value"), "{names:?}");
    let others = [
        "resolution",
        "evidence",
        "reasons",
        "narrative",
        "findings",
        "details",
        "driver",
        "attachments/0",
        "attachments/17",
    ];
    for name in names.iter().map(String::as_str).chain(others) {
        assert!(field.is_match(name), "{name}");
    }
    // Names the node gives no commitment: the pattern refuses them, and the node refuses
    // them as unknown.
    let wrong = [
        "goods/01/value",
        "goods/1/Value",
        "goods//value",
        "consignee ",
        "Consignee",
        "goods/-1/value",
        "attachments/x",
    ];
    for name in wrong {
        assert!(!field.is_match(name), "{name}");
        let attached =
            AttachedPayload { field: name.into(), salt: String::new(), payload: String::new() };
        assert_eq!(
            bodies::check_attached(&statement, &[attached]),
            Err(PayloadError::UnknownField(name.into()))
        );
    }
}
