//! The dashboard in a real browser: a node with some traffic on a loopback port, headless
//! Chromium driven through chromedriver (WebDriver), the page's figures checked against the
//! API's, a movement found by its MRN with its history, an entry with its proof, and no
//! error in the browser's console (a script error, a refused request or a breach of the
//! Content-Security-Policy all land there).
//!
//! Without Chromium and chromedriver on the `PATH` the test prints SKIPPED and passes,
//! unless `PASSAGE_TEST_CHROMIUM=1` (set by CI) demands the browser. With
//! `PASSAGE_TEST_SCREENSHOTS=<folder>` it saves what the browser showed as PNG files.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use fantoccini::{Client, ClientBuilder, Locator};
use passage_core::statement::{IncidentKind, OfficerRole, Recorded, Statement};
use passage_core::testing::{self, ScenarioConfig, ident, key_for};
use passage_core::{Commitment, Mrn, SignedStatement, Timestamp};
use passage_node::api::{MovementResponse, Statistics, SubmitResponse};
use passage_node::{Node, NodeConfig};
use passage_store::{SqliteConfig, StoreConfig};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long the browser, the driver or the node may take to show what is expected; generous
/// because CI builds other crates on the same two cores.
const WAIT_MAX: Duration = Duration::from_secs(60);
/// Pause between two looks at a condition that is polled until its deadline.
const POLL_INTERVAL: Duration = Duration::from_millis(100);

/// The first of `names` found in a folder of the `PATH`.
fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|folder| names.iter().map(move |name| folder.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Chromium and chromedriver, or `None` (after saying so) where the test may be skipped.
fn browser() -> Option<(PathBuf, PathBuf)> {
    let chromium = find_program(&["chromium", "chromium-browser", "google-chrome"]);
    let driver = find_program(&["chromedriver"]);
    match (chromium, driver) {
        (Some(chromium), Some(driver)) => Some((chromium, driver)),
        (chromium, driver) => {
            let missing = [("chromium", chromium.is_none()), ("chromedriver", driver.is_none())]
                .iter()
                .filter(|(_, missing)| *missing)
                .map(|(name, _)| *name)
                .collect::<Vec<_>>()
                .join(" and ");
            assert!(
                std::env::var("PASSAGE_TEST_CHROMIUM").as_deref() != Ok("1"),
                "PASSAGE_TEST_CHROMIUM=1 but {missing} not found on the PATH \
                 (Debian: apt-get install chromium chromium-driver)"
            );
            // Written to the process's stderr, not with eprintln!, which the test harness
            // captures and hides for passing tests: a skip must be seen.
            let message = format!(
                "\n==================== SKIPPED: dashboard browser test ====================\n\
                 {missing} not found on the PATH. Install them (Debian: apt-get install \
                 chromium chromium-driver) or set PASSAGE_TEST_CHROMIUM=1 to make this a \
                 failure.\n\
                 ========================================================================\n\n"
            );
            let _ = std::io::Write::write_all(&mut std::io::stderr(), message.as_bytes());
            None
        }
    }
}

/// chromedriver on a free loopback port, stopped when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    async fn start(program: &Path) -> Driver {
        // Ask the kernel for a free port, then hand it to chromedriver.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver { child, url: format!("http://127.0.0.1:{port}") };
        let (http, url) = (&reqwest::Client::new(), &driver.url);
        poll("chromedriver to be ready", || async move {
            let status = http.get(format!("{url}/status")).send().await.ok()?;
            let json: serde_json::Value = status.json().await.ok()?;
            json["value"]["ready"].as_bool().filter(|ready| *ready)
        })
        .await;
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `look` until it gives a value, failing after [`WAIT_MAX`].
async fn poll<T, F, Fut>(what: &str, mut look: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + WAIT_MAX;
    loop {
        if let Some(value) = look().await {
            return value;
        }
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}

/// A node on a fresh SQLite store with a charter, two officers, a carrier and three trucks:
/// one declared, one accepted, one arrived at its first post with an incident reported.
struct Traffic {
    _node: Node,
    base: String,
    http: reqwest::Client,
    mrns: Vec<Mrn>,
    _folder: tempfile::TempDir,
}

impl Traffic {
    async fn start() -> Traffic {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let config = NodeConfig {
            listen: "127.0.0.1:0".parse().expect("an address"),
            store: StoreConfig::Sqlite(SqliteConfig::new(folder.path().join("passage.db"))),
            log_key: passage_log::SigningKey::from_seed(
                "dashboard.test/log",
                passage_log::KeyType::Ed25519,
                [9; 32],
            )
            .expect("a key"),
            checkpoint_interval: Duration::from_millis(50),
            snapshot_interval_entries: passage_node::snapshot::SNAPSHOT_INTERVAL_ENTRIES,
        };
        let node = Node::start(config).await.expect("the node starts");
        let base = format!("http://{}", node.address);
        let mut traffic = Traffic {
            _node: node,
            base,
            http: reqwest::Client::new(),
            mrns: vec![],
            _folder: folder,
        };
        let document = ScenarioConfig::syunik().charter_document();
        traffic.submit("authority:AM", Statement::Charter { document }).await;
        for (authority, role) in
            [("authority:AM", OfficerRole::Customs), ("authority:MON", OfficerRole::Monitor)]
        {
            let key = testing::public_key_for(&testing::officer_name(role, "AM-MEGHRI-E"));
            let enrol = Statement::EnrolOfficer { key, role, posts: vec![ident("AM-MEGHRI-E")] };
            traffic.submit(authority, enrol).await;
        }
        let register = Statement::RegisterCarrier {
            carrier: ident("ARAZ-TRUCKS"),
            name: "Araz Trucks Ltd".into(),
            key: testing::public_key_for("carrier:ARAZ-TRUCKS"),
        };
        traffic.submit("authority:AM", register).await;
        for (number, plate) in ["10AB301", "10AB302", "10AB303"].into_iter().enumerate() {
            let truck = testing::truck("AM-TRANSIT-ROAD", plate, "2022:080810", 18_000);
            let declared = traffic.submit("carrier:ARAZ-TRUCKS", Statement::Declare(truck)).await;
            let mrn = declared
                .events
                .iter()
                .find_map(|event| event.strip_suffix(" declared"))
                .and_then(|text| Mrn::parse(text).ok())
                .expect("the declaration names its MRN");
            if number >= 1 {
                traffic.submit("customs@AM-MEGHRI-E", Statement::Accept { mrn }).await;
            }
            if number >= 2 {
                let arrive = Statement::Arrive { mrn, post: ident("AM-MEGHRI-E") };
                traffic.submit("monitor@AM-MEGHRI-E", arrive).await;
                let details = Commitment::compute(&[3; 32], b"a seal of the first unit is broken");
                let report =
                    Statement::ReportIncident { mrn, kind: IncidentKind::SealBroken, details };
                traffic.submit("monitor@AM-MEGHRI-E", report).await;
            }
            traffic.mrns.push(mrn);
        }
        traffic
    }

    async fn submit(&self, signer: &str, statement: Statement) -> SubmitResponse {
        let now = Timestamp(passage_node::sequencer::now_ms());
        let signed = SignedStatement::sign(&key_for(signer), &Recorded::new(now, statement))
            .expect("the statement encodes");
        let body = serde_json::json!({ "statement": BASE64.encode(signed.encode()) });
        let response = self
            .http
            .post(format!("{}/v1/statements", self.base))
            .json(&body)
            .send()
            .await
            .expect("the node answers");
        assert!(response.status().is_success(), "refused: {:?}", response.text().await);
        response.json().await.expect("a submit response")
    }

    async fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        let response =
            self.http.get(format!("{}{path}", self.base)).send().await.expect("the node answers");
        assert!(response.status().is_success(), "{path}: {}", response.status());
        response.json().await.expect("JSON")
    }

    /// The statistics once a published checkpoint covers every entry.
    async fn settled_statistics(&self) -> Statistics {
        poll("a checkpoint covering every entry", || async move {
            let statistics: Statistics = self.get("/v1/statistics").await;
            (statistics.checkpoint_size == statistics.entries).then_some(statistics)
        })
        .await
    }
}

/// The text of the element `id`, once `accept` takes it.
async fn wait_for_text(client: &Client, id: &str, accept: impl Fn(&str) -> bool) -> String {
    let mut last = String::new();
    let deadline = Instant::now() + WAIT_MAX;
    loop {
        if let Ok(element) = client.find(Locator::Id(id)).await
            && let Ok(text) = element.text().await
        {
            if accept(&text) {
                return text;
            }
            last = text;
        }
        assert!(Instant::now() < deadline, "#{id} still shows `{last}`");
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}

/// Digits only: figures are formatted in the browser's locale (`1,234`, `1 234`).
fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

async fn screenshot(client: &Client, name: &str) {
    if let Some(folder) = std::env::var_os("PASSAGE_TEST_SCREENSHOTS") {
        let png = client.screenshot().await.expect("a screenshot");
        std::fs::write(Path::new(&folder).join(name), png).expect("the screenshot is written");
    }
}

/// The browser's console messages at level SEVERE (chromedriver's log endpoint).
async fn console_errors(client: &Client, driver: &Driver) -> Vec<String> {
    let session = client.session_id().await.expect("a session").expect("a session id");
    let response = reqwest::Client::new()
        .post(format!("{}/session/{session}/se/log", driver.url))
        .json(&serde_json::json!({ "type": "browser" }))
        .send()
        .await
        .expect("chromedriver answers");
    assert!(response.status().is_success(), "the browser log: {}", response.status());
    let log: serde_json::Value = response.json().await.expect("JSON");
    log["value"]
        .as_array()
        .expect("a list of messages")
        .iter()
        .filter(|message| message["level"] == "SEVERE")
        .map(|message| message["message"].as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn check_dashboard(client: &Client, driver: &Driver, traffic: &Traffic) {
    let statistics = traffic.settled_statistics().await;
    let movements: u64 = statistics.movements.values().sum();
    assert_eq!(movements, 3, "{statistics:?}");
    client.goto(&format!("{}/", traffic.base)).await.expect("the page loads");

    // The overview shows the API's figures.
    let entries = statistics.entries.to_string();
    wait_for_text(client, "figure-entries", |text| digits(text) == entries).await;
    wait_for_text(client, "figure-movements", |text| digits(text) == movements.to_string()).await;
    let size = statistics.checkpoint_size.to_string();
    wait_for_text(client, "figure-checkpoint-size", |text| digits(text) == size).await;
    wait_for_text(client, "checkpoint-size", |text| digits(text) == size).await;
    wait_for_text(client, "checkpoint-origin", |text| text == "dashboard.test/log").await;
    wait_for_text(client, "corridor-name", |text| text.contains("Syunik")).await;
    let table = wait_for_text(client, "movements-table", |text| text.contains("ARAZ-TRUCKS")).await;
    for mrn in &traffic.mrns {
        assert!(table.contains(&mrn.to_string()), "{mrn} is listed:\n{table}");
    }
    // The open incident, from `GET /v1/incidents`, names its kind and its movement.
    let incident_mrn = traffic.mrns[2].to_string();
    wait_for_text(client, "incidents-list", |text| {
        text.contains("seal_broken") && text.contains(&incident_mrn)
    })
    .await;
    screenshot(client, "dashboard-overview.png").await;

    // A known MRN found by the search box, with its history in the log.
    let mrn = traffic.mrns[2].to_string();
    let expected: MovementResponse = traffic.get(&format!("/v1/movements/{mrn}")).await;
    let search = client.find(Locator::Id("search-mrn")).await.expect("the search box");
    search.send_keys(&mrn.to_lowercase()).await.expect("typing");
    client
        .find(Locator::Css("#search button[type=submit]"))
        .await
        .expect("the search button")
        .click()
        .await
        .expect("a click");
    wait_for_text(client, "movement-mrn", |text| text == mrn).await;
    let history = wait_for_text(client, "movement-history", |text| !text.is_empty()).await;
    let shown: Vec<u64> =
        history.split_whitespace().map(|index| index.parse().expect("an index")).collect();
    assert_eq!(shown, expected.history);
    screenshot(client, "dashboard-movement.png").await;

    // Its arrival's entry, with the proof that leads to the checkpoint.
    let last = expected.history.last().expect("a history").to_string();
    client
        .find(Locator::Css("#movement-history li:last-child a"))
        .await
        .expect("an entry link")
        .click()
        .await
        .expect("a click");
    wait_for_text(client, "entry-index-shown", |text| text == last).await;
    let proof = client.find(Locator::Css("#detail-body pre")).await.expect("the checkpoint");
    let checkpoint = proof.text().await.expect("text");
    assert!(checkpoint.starts_with("dashboard.test/log\n"), "{checkpoint}");
    screenshot(client, "dashboard-entry.png").await;

    let errors = console_errors(client, driver).await;
    assert!(errors.is_empty(), "the browser's console has errors: {errors:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_shows_the_logs_figures_in_a_browser() {
    let Some((chromium, driver_program)) = browser() else { return };
    let traffic = std::sync::Arc::new(Traffic::start().await);
    let driver = std::sync::Arc::new(Driver::start(&driver_program).await);
    let capabilities = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            // No sandbox: CI runs as root, where Chromium refuses its sandbox; the browser
            // only visits the node on the loopback address.
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", "--window-size=1180,1640", "--lang=en-GB"],
        },
        "goog:loggingPrefs": { "browser": "ALL" },
    });
    let capabilities: serde_json::Map<String, serde_json::Value> =
        serde_json::from_value(capabilities).expect("an object");
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .expect("a browser session");
    // Close the browser whatever the checks find, then report.
    let outcome = tokio::spawn({
        let (client, driver, traffic) = (client.clone(), driver.clone(), traffic.clone());
        async move { check_dashboard(&client, &driver, &traffic).await }
    })
    .await;
    let _ = client.close().await;
    if let Err(failure) = outcome {
        std::panic::resume_unwind(failure.into_panic());
    }
}
