//! The dashboard in a real browser: a node with its three witnesses and some traffic on
//! loopback ports, headless Chromium driven through chromedriver (WebDriver), the page's
//! figures checked against the API's (the corridor's status, the queue and dwell per post,
//! throughput and fees per period, the latest movements newest first, the open incidents,
//! the cosigned checkpoint and its witnesses), a movement found by its MRN with its history,
//! an entry with its proof, the overview at a phone's width, every language chosen in the
//! page with every text of its own in that language and the choice kept across a reload,
//! and no error in the browser's console (a script error, a refused request, a breach of
//! the Content-Security-Policy or a text missing in a language all land there).
//!
//! Without Chromium and chromedriver on the `PATH` the test prints SKIPPED and passes,
//! unless `PASSAGE_TEST_CHROMIUM=1` (set by CI) demands the browser. With
//! `PASSAGE_TEST_SCREENSHOTS=<folder>` it saves what the browser showed as PNG files.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use fantoccini::{Client, ClientBuilder, Locator};
use passage_core::regime::Act;
use passage_core::statement::{
    IncidentKind, InspectionKind, InspectionOutcome, OfficerRole, Recorded, SealCondition,
    Statement,
};
use passage_core::testing::{self, Scenario, ScenarioConfig, ident, key_for, officer_name};
use passage_core::{Commitment, Mrn, SignedStatement, Timestamp};
use passage_node::Node;
use passage_node::api::movements::{MovementPage, MovementResponse};
use passage_node::api::statements::SubmitResponse;
use passage_node::api::statistics::{PeriodStatistics, Statistics};
use passage_node::publisher::WitnessConfig;
use passage_store::{SqliteConfig, StoreConfig};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common;

/// How long the browser, the driver or the node may take to show what is expected; generous
/// because CI builds other crates on the same two cores.
pub(crate) const WAIT_MAX: Duration = Duration::from_secs(60);
/// Pause between two looks at a condition that is polled until its deadline.
pub(crate) const POLL_INTERVAL: Duration = Duration::from_millis(100);

/// The first of `names` found in a folder of the `PATH`.
fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|folder| names.iter().map(move |name| folder.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Chromium and chromedriver, or `None` (after saying so) where the test may be skipped.
pub(crate) fn browser() -> Option<(PathBuf, PathBuf)> {
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
                "\n==================== SKIPPED: the browser tests =======================\n\
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
pub(crate) struct Driver {
    child: Child,
    /// Where chromedriver listens.
    pub(crate) url: String,
}

impl Driver {
    pub(crate) async fn start(program: &Path) -> Driver {
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
pub(crate) async fn poll<T, F, Fut>(what: &str, mut look: F) -> T
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

/// The charter's three witnesses (`witness.<party>`, keys `witness:<PARTY>`), each on its
/// own loopback port with its state in `folder`; their names and URLs.
async fn start_witnesses(
    folder: &Path,
    log_key: passage_log::VerifierKey,
) -> Vec<(String, String)> {
    use passage_witness::server::{WitnessState, WitnessStore, app, system_clock};
    let mut urls = Vec::new();
    for party in &ScenarioConfig::syunik().parties {
        let name = format!("witness.{}", party.id.to_lowercase());
        let seed = key_for(&format!("witness:{}", party.id)).to_bytes();
        let key =
            passage_log::SigningKey::from_seed(&name, passage_log::KeyType::CosignatureV1, seed)
                .expect("a witness key");
        let database = folder.join(format!("{name}.db"));
        let store = WitnessStore::open(&database, &folder.join(format!("{name}.db.guard")))
            .expect("the witness's store opens");
        let state = WitnessState::new(key, vec![log_key.clone()], store, system_clock())
            .expect("a witness");
        state
            .set_vrf_key(passage_core::testing::vrf_key_for(party.id).to_bytes())
            .expect("the party's VRF key");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a free port");
        let address = listener.local_addr().expect("an address");
        tokio::spawn(async move { axum::serve(listener, app(state)).await });
        urls.push((name, format!("http://{address}")));
    }
    urls
}

/// A node on a fresh SQLite store with its three witnesses, fed through its HTTP API with a
/// small scenario: the charter, officers at every post, the carriers, and four trucks: one
/// declared, one accepted, one arrived at its first post with an incident reported, and one
/// that passed every post of its route, was discharged and owes its fee.
struct Traffic {
    _node: Node,
    base: String,
    http: reqwest::Client,
    /// MRNs in the order they were declared.
    mrns: Vec<Mrn>,
    /// The corridor and regime of the charter, to find which officer records what where.
    local: Scenario,
    _folder: tempfile::TempDir,
}

impl Traffic {
    async fn start() -> Traffic {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let store = StoreConfig::Sqlite(SqliteConfig::new(folder.path().join("passage.db")));
        let config = common::node::node_config(store);
        let urls = start_witnesses(folder.path(), config.log_key.verifier_key()).await;
        let witnesses = WitnessConfig { urls, ..WitnessConfig::default() };
        let node = Node::start_with_witnesses(config, witnesses).await.expect("the node starts");
        let base = format!("http://{}", node.address);
        let scenario = ScenarioConfig::syunik();
        let mut traffic = Traffic {
            _node: node,
            base,
            http: reqwest::Client::new(),
            mrns: vec![],
            local: Scenario::charter_only(&scenario),
            _folder: folder,
        };
        let document = scenario.charter_document();
        traffic.submit("authority:AM", Statement::Charter { document }).await;
        let posts: Vec<_> = traffic
            .local
            .state
            .corridor()
            .posts
            .iter()
            .map(|post| (post.id, post.authority))
            .collect();
        for party in &scenario.parties {
            for role in party.roles {
                for (post, operator) in &posts {
                    if *role != OfficerRole::Monitor && operator.as_str() != party.id {
                        continue;
                    }
                    let key = testing::public_key_for(&officer_name(*role, post.as_str()));
                    let enrol = Statement::EnrolOfficer { key, role: *role, posts: vec![*post] };
                    traffic.submit(&format!("authority:{}", party.id), enrol).await;
                }
            }
        }
        for (carrier, party) in &scenario.carriers {
            let register = Statement::RegisterCarrier {
                carrier: ident(carrier),
                name: format!("{carrier} Ltd"),
                key: testing::public_key_for(&format!("carrier:{carrier}")),
            };
            traffic.submit(&format!("authority:{party}"), register).await;
        }
        for (number, plate) in ["10AB301", "10AB302", "10AB303", "10AB304"].into_iter().enumerate()
        {
            let truck = testing::truck("AM-TRANSIT-ROAD", plate, "2022:080810", 18_000);
            let equipment = truck.equipment.clone();
            let declared = traffic.submit("carrier:ARAZ-TRUCKS", Statement::Declare(truck)).await;
            let mrn = declared
                .events
                .iter()
                .find_map(|event| event.strip_suffix(" declared"))
                .and_then(|text| Mrn::parse(text).ok())
                .expect("the declaration names its MRN");
            traffic.mrns.push(mrn);
            let posts = traffic.route_posts("AM-TRANSIT-ROAD");
            if number >= 1 {
                let acceptor = traffic.officer(Act::Accept, &posts[0]);
                traffic.submit(&acceptor, Statement::Accept { mrn }).await;
            }
            if number == 2 {
                let post = &posts[0];
                let arrive = Statement::Arrive { mrn, post: ident(post) };
                traffic.submit(&traffic.officer(Act::Arrive, post), arrive).await;
                let details = Commitment::compute(&[3; 32], b"a seal of the first unit is broken");
                let report =
                    Statement::ReportIncident { mrn, kind: IncidentKind::SealBroken, details };
                traffic.submit(&traffic.officer(Act::ReportIncident, post), report).await;
                // The monitor there observes the queue, with a photograph committed.
                let observe = Statement::Observe {
                    place: passage_core::statement::IncidentPlace::Post(ident(post)),
                    category: passage_core::statement::ObservationCategory::Queue,
                    summary: "Six trucks wait at the gate".to_owned(),
                    details: Commitment::compute(&[4; 32], b"counted from the tower"),
                    attachments: vec![Commitment::compute(&[5; 32], b"a photograph")],
                };
                traffic.submit(&officer_name(OfficerRole::Monitor, post), observe).await;
            }
            if number == 3 {
                for (position, post) in posts.iter().enumerate() {
                    traffic.pass_post(mrn, post, &equipment, position + 1 == posts.len()).await;
                }
                let discharger = posts
                    .iter()
                    .rev()
                    .find_map(|post| traffic.local.try_officer_for(Act::Discharge, post))
                    .expect("an officer may discharge");
                traffic.submit(&discharger, Statement::Discharge { mrn }).await;
            }
        }
        traffic
    }

    fn route_posts(&self, route: &str) -> Vec<String> {
        let corridor = self.local.state.corridor();
        let route = corridor.route_index(&ident(route)).expect("the route exists");
        corridor.routes[route]
            .posts
            .iter()
            .map(|&post| corridor.post(post).id.to_string())
            .collect()
    }

    fn officer(&self, act: Act, post: &str) -> String {
        self.local.officer_for(act, post)
    }

    /// Arrival, seal checks, the inspections the node selected, release, and departure
    /// unless `post` is the destination.
    async fn pass_post(
        &self,
        mrn: Mrn,
        post: &str,
        equipment: &[passage_core::statement::Equipment],
        destination: bool,
    ) {
        let post_id = ident(post);
        self.submit(&self.officer(Act::Arrive, post), Statement::Arrive { mrn, post: post_id })
            .await;
        if self.local.state.regime().allows_anyone(Act::SealCheck) {
            for item in equipment.iter().filter(|item| !item.seals.is_empty()) {
                let check = Statement::SealCheck {
                    mrn,
                    post: post_id,
                    equipment: item.id,
                    condition: SealCondition::Intact,
                    seals_found: item.seals.clone(),
                };
                self.submit(&self.officer(Act::SealCheck, post), check).await;
            }
        }
        // The lanes are the parties' draw, appended once a checkpoint covering the arrival
        // is published: wait for it (bounded), then read them back.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let view = loop {
            let view: MovementResponse = self.get(&format!("/v1/movements/{mrn}")).await;
            if view.movement.visits.last().is_none_or(|visit| visit.pending_draw.is_none()) {
                break view;
            }
            assert!(std::time::Instant::now() < deadline, "the lanes of {mrn} stay pending");
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        };
        let visit = view.movement.visits.last().expect("arrived").clone();
        for unit in visit.units.iter().filter(|unit| unit.lane != "green") {
            let item = equipment
                .iter()
                .find(|item| item.id.to_string() == unit.equipment)
                .expect("a declared unit");
            let inspection = Statement::Inspection {
                mrn,
                post: post_id,
                equipment: item.id,
                kind: InspectionKind::Physical,
                outcome: InspectionOutcome::Conform,
                findings: testing::test_commitment("no findings"),
            };
            let inspected = self.submit(&self.officer(Act::Inspect, post), inspection).await;
            if self.local.state.regime().allows_role(Act::Attest, OfficerRole::Monitor) {
                let attest = Statement::Attest { mrn, entry: inspected.index };
                self.submit(&officer_name(OfficerRole::Monitor, post), attest).await;
            }
        }
        if visit.controlled {
            let release = Statement::Release { mrn, post: post_id };
            self.submit(&self.officer(Act::Release, post), release).await;
        }
        if !destination {
            let depart = Statement::Depart { mrn, post: post_id };
            self.submit(&self.officer(Act::Depart, post), depart).await;
        }
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

    /// The figures per hour over the last 24 hours, or per day over the last 7, as the
    /// dashboard asks for them.
    async fn periods(&self, granularity: &str) -> PeriodStatistics {
        let (step, count) = match granularity {
            "hour" => (3_600_000, 24),
            _ => (86_400_000, 7),
        };
        let to = (passage_node::sequencer::now_ms() / step + 1) * step;
        let from = to - count * step;
        self.get(&format!("/v1/statistics/periods?from={from}&to={to}&granularity={granularity}"))
            .await
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
pub(crate) async fn wait_for_text(
    client: &Client,
    id: &str,
    accept: impl Fn(&str) -> bool,
) -> String {
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

/// The number a figure shows, in minor units for money (`$1,234.50` is 123450).
fn number(text: &str) -> Option<u64> {
    digits(text).parse().ok()
}

/// The texts of the elements `css` selects, in document order.
async fn texts(client: &Client, css: &str) -> Vec<String> {
    let mut texts = Vec::new();
    for element in client.find_all(Locator::Css(css)).await.unwrap_or_default() {
        texts.push(element.text().await.unwrap_or_default());
    }
    texts
}

/// The witnesses that cosigned a checkpoint note (every signer but the log itself).
fn cosigners(note: &str) -> Vec<String> {
    let origin = note.lines().next().unwrap_or_default();
    note.lines()
        .filter_map(|line| line.strip_prefix("\u{2014} "))
        .filter_map(|line| line.split(' ').next())
        .filter(|name| *name != origin)
        .map(str::to_owned)
        .collect()
}

/// Saves the whole page, not only the window: the window grows to the page's height for
/// the picture, then returns to its size.
async fn screenshot(client: &Client, name: &str) {
    if let Some(folder) = std::env::var_os("PASSAGE_TEST_SCREENSHOTS") {
        let (width, height) = client.get_window_size().await.expect("the window's size");
        let script = "return document.documentElement.scrollHeight;";
        let page = client.execute(script, vec![]).await.expect("the page's height");
        let page = page.as_u64().map_or(height, |page| page.max(height));
        client.set_window_size(width as u32, page as u32).await.expect("a taller window");
        let png = client.screenshot().await.expect("a screenshot");
        client.set_window_size(width as u32, height as u32).await.expect("the window's size");
        std::fs::write(Path::new(&folder).join(name), png).expect("the screenshot is written");
    }
}

/// The browser's console messages at level SEVERE (chromedriver's log endpoint).
pub(crate) async fn console_errors(client: &Client, driver: &Driver) -> Vec<String> {
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
    assert_eq!(movements, 4, "{statistics:?}");
    client.goto(&format!("{}/", traffic.base)).await.expect("the page loads");

    // The overview shows the API's figures.
    let entries = statistics.entries.to_string();
    wait_for_text(client, "figure-entries", |text| digits(text) == entries).await;
    wait_for_text(client, "figure-movements", |text| digits(text) == movements.to_string()).await;
    let size = statistics.checkpoint_size.to_string();
    wait_for_text(client, "figure-checkpoint-size", |text| digits(text) == size).await;
    wait_for_text(client, "checkpoint-size", |text| digits(text) == size).await;
    wait_for_text(client, "checkpoint-origin", |text| text == "test.passage/log").await;
    wait_for_text(client, "corridor-name", |text| text.contains("Syunik")).await;
    // The latest movements, newest first, as the API lists them in that order.
    let newest: MovementPage = traffic.get("/v1/movements?order=newest&limit=20").await;
    let newest: Vec<String> = newest.movements.into_iter().map(|movement| movement.mrn).collect();
    let declared: Vec<String> = traffic.mrns.iter().rev().map(ToString::to_string).collect();
    assert_eq!(newest, declared, "the API lists the latest declared first");
    poll("the latest movements, newest first", || async {
        (texts(client, "#movements-table tbody th").await == newest).then_some(())
    })
    .await;
    // The open incident, from `GET /v1/incidents`, names its kind and its movement, and
    // the corridor's status calls for attention.
    let incident_mrn = traffic.mrns[2].to_string();
    wait_for_text(client, "incidents-list", |text| {
        text.contains("seal_broken") && text.contains(&incident_mrn)
    })
    .await;
    assert_eq!(statistics.incidents_open, 1, "{statistics:?}");
    let open = statistics.incidents_open.to_string();
    wait_for_text(client, "corridor-status", |text| {
        text.starts_with("Attention") && digits(text) == open
    })
    .await;

    // The checkpoint and its witnesses, as the node publishes them.
    let note = traffic
        .http
        .get(format!("{}/log/checkpoint", traffic.base))
        .send()
        .await
        .expect("the node answers")
        .text()
        .await
        .expect("a note");
    let witnesses = cosigners(&note);
    assert_eq!(witnesses.len(), 3, "the charter's three witnesses cosigned:\n{note}");
    let summary = format!("cosigned by {} witnesses", witnesses.len());
    wait_for_text(client, "status-witnesses", |text| {
        text.contains(&summary) && witnesses.iter().all(|name| text.contains(name.as_str()))
    })
    .await;
    wait_for_text(client, "signatures-table", |text| {
        witnesses.iter().all(|name| text.contains(name.as_str()))
    })
    .await;
    let kinds = texts(client, "#signatures-table tbody td:nth-child(2)").await;
    let cosignatures = kinds.iter().filter(|kind| *kind == "witness").count();
    assert_eq!(cosignatures, witnesses.len(), "{kinds:?}");

    // Queue per post from the statistics, departures per post over the last 24 hours from
    // the periods: one truck waits at its first post, one passed every post.
    let posts = traffic.route_posts("AM-TRANSIT-ROAD");
    assert_eq!(statistics.movements_at_post.get(&posts[0]), Some(&1), "{statistics:?}");
    let hours = traffic.periods("hour").await;
    let mut departures: BTreeMap<String, u64> = BTreeMap::new();
    for period in &hours.periods {
        for (post, dwell) in &period.dwell {
            *departures.entry(post.clone()).or_default() += dwell.departures;
        }
    }
    assert_eq!(departures.values().sum::<u64>(), posts.len() as u64 - 1, "{departures:?}");
    for post in traffic.local.state.corridor().posts.iter().map(|post| post.id.to_string()) {
        let queue = statistics.movements_at_post.get(&post).copied().unwrap_or(0);
        wait_for_text(client, &format!("queue-{post}"), |text| number(text) == Some(queue)).await;
        let departed = departures.get(&post).copied().unwrap_or(0);
        wait_for_text(client, &format!("departures-{post}"), |text| number(text) == Some(departed))
            .await;
    }

    // This hour's throughput and today's fees, as the periods give them; asked again at
    // each look, so an hour or a day that turns during the test is no failure.
    assert!(!statistics.fees_minor.is_empty(), "the discharged truck owes a fee");
    let deadline = Instant::now() + WAIT_MAX;
    loop {
        let (hours, days) = (traffic.periods("hour").await, traffic.periods("day").await);
        let hour = hours.periods.last().expect("the current hour");
        let today = days.periods.last().expect("today");
        let fees: i64 = today.fees_minor.values().sum();
        let expected =
            [Some(hour.declared), Some(hour.arrived_at_destination), u64::try_from(fees).ok()];
        let mut shown = Vec::new();
        for id in ["figure-declared-hour", "figure-arrived-hour", "figure-fees-today"] {
            let element = client.find(Locator::Id(id)).await.expect("the figure");
            shown.push(number(&element.text().await.expect("text")));
        }
        if shown == expected {
            break;
        }
        assert!(Instant::now() < deadline, "the page shows {shown:?}, the API {expected:?}");
        tokio::time::sleep(POLL_INTERVAL).await;
    }
    let declared_day: u64 = hours.periods.iter().map(|period| period.declared).sum();
    let arrived_day: u64 = hours.periods.iter().map(|period| period.arrived_at_destination).sum();
    assert_eq!((declared_day, arrived_day), (4, 1), "{hours:?}");
    let chart = client.find(Locator::Id("throughput-chart")).await.expect("the chart");
    let label = chart.attr("aria-label").await.expect("a label").unwrap_or_default();
    assert!(
        label.contains(&format!("{declared_day} movements declared, {arrived_day} reached")),
        "{label}"
    );
    screenshot(client, "dashboard-overview.png").await;

    // At a phone's width nothing overflows sideways, and the status still leads.
    client.set_window_size(390, 844).await.expect("a narrow window");
    let fits = poll("the page to fit a phone's width", || async {
        let script = "return [document.documentElement.scrollWidth, window.innerWidth];";
        let widths = client.execute(script, vec![]).await.ok()?;
        let widths: Vec<u64> = serde_json::from_value(widths).ok()?;
        (widths[1] <= 500).then_some(widths)
    })
    .await;
    if fits[0] > fits[1] {
        // Name the elements that stick out, innermost last, to say what to fix.
        let script = "return [...document.querySelectorAll('body *')]
            .filter((e) => !e.parentElement.closest('.scroll'))
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                (e.className && typeof e.className === 'string' ? '.' + e.className : '') +
                ' ' + Math.round(e.getBoundingClientRect().right));";
        let wide = client.execute(script, vec![]).await.expect("the wide elements");
        panic!("the page is {} px wide in a {} px window: {wide:#}", fits[0], fits[1]);
    }
    screenshot(client, "dashboard-phone.png").await;
    client.set_window_size(1180, 1640).await.expect("a wide window");

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
    assert!(checkpoint.starts_with("test.passage/log\n"), "{checkpoint}");
    screenshot(client, "dashboard-entry.png").await;

    let errors = console_errors(client, driver).await;
    assert!(errors.is_empty(), "the browser's console has errors: {errors:#?}");
}

/// Each language chosen in the page's chooser: every element the page marks as its own text
/// shows that language's text, the status line is written in it, and the choice survives a
/// reload. A text missing in a language is a console error, checked at the end.
async fn check_every_language(client: &Client, driver: &Driver, traffic: &Traffic) {
    client.goto(&format!("{}/", traffic.base)).await.expect("the page loads");
    let mut last = None;
    // English first (the browser's own), so the choice kept at the end is not the default.
    use passage_i18n::Language::{Armenian, AzerbaijaniLatin, English, Russian};
    for language in [English, Armenian, AzerbaijaniLatin, Russian] {
        let texts = passage_i18n::browser_texts(language).expect("the dashboard's texts");
        let text = |key: &str| texts[key].as_str().expect("a plain text").to_owned();
        let script = format!(
            "const choice = document.getElementById('language-choice'); \
             choice.value = '{}'; choice.dispatchEvent(new Event('change')); return true;",
            language.code()
        );
        client.execute(&script, vec![]).await.expect("the language is chosen");
        let heading = text("dashboard-at-a-glance");
        wait_for_text(client, "figures-title", |shown| shown == heading).await;
        // An update after the choice writes the figures and the status in the language.
        let updated = text("dashboard-updated-at");
        let updated = updated.split("{time}").next().unwrap_or_default().trim().to_owned();
        wait_for_text(client, "refresh-status", |shown| shown.starts_with(&updated)).await;
        let script = "return [document.documentElement.lang, \
            [...document.querySelectorAll('[data-i18n]')].map((e) => [e.dataset.i18n, e.textContent])];";
        let shown = client.execute(script, vec![]).await.expect("the page's texts");
        let (lang, marked): (String, Vec<(String, String)>) =
            serde_json::from_value(shown).expect("a language and pairs");
        assert_eq!(lang, language.code());
        // The heading and status elements are rewritten by the updates; the rest must be
        // exactly the translation file's text.
        let rewritten = ["corridor-name", "refresh-status", "corridor-status", "detail-title"];
        let script = "return [...document.querySelectorAll('[data-i18n]')].map((e) => e.id);";
        let ids: Vec<String> =
            serde_json::from_value(client.execute(script, vec![]).await.expect("the ids"))
                .expect("ids");
        for ((key, shown), id) in marked.iter().zip(&ids) {
            if rewritten.contains(&id.as_str()) || key == "dashboard-pause" {
                continue;
            }
            assert_eq!(shown, &text(key), "{language:?}: `{key}`");
        }
        let body = client.find(Locator::Css("body")).await.expect("the body");
        let body = body.text().await.expect("the body's text");
        assert!(!body.contains("dashboard-"), "{language:?} shows a key:\n{body}");
        last = Some((language, heading));
    }
    // The last choice is kept: a reload opens in it.
    let (language, heading) = last.expect("a language");
    client.refresh().await.expect("a reload");
    wait_for_text(client, "figures-title", |shown| shown == heading).await;
    let choice = client.find(Locator::Id("language-choice")).await.expect("the chooser");
    let value = choice.prop("value").await.expect("its value").unwrap_or_default();
    assert_eq!(value, language.code());
    let errors = console_errors(client, driver).await;
    assert!(errors.is_empty(), "the browser's console has errors: {errors:#?}");
}

/// A headless Chromium session through `driver`, in British English, its console kept.
pub(crate) async fn session(chromium: &Path, driver: &Driver) -> Client {
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
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .expect("a browser session")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_shows_the_logs_figures_in_a_browser() {
    let Some((chromium, driver_program)) = browser() else { return };
    let traffic = std::sync::Arc::new(Traffic::start().await);
    let driver = std::sync::Arc::new(Driver::start(&driver_program).await);
    let client = session(&chromium, &driver).await;
    // Close the browser whatever the checks find, then report.
    let outcome = tokio::spawn({
        let (client, driver, traffic) = (client.clone(), driver.clone(), traffic.clone());
        async move {
            check_dashboard(&client, &driver, &traffic).await;
            check_every_language(&client, &driver, &traffic).await;
            crate::daily_report::check_daily_report(&client, &driver, &traffic.base).await;
        }
    })
    .await;
    let _ = client.close().await;
    if let Err(failure) = outcome {
        std::panic::resume_unwind(failure.into_panic());
    }
}
