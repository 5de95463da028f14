//! `passage demo`: a node on the embedded store in a local folder, fed with a day on the
//! corridor through its real HTTP API: charter, enrolments, then declarations, arrivals,
//! seal checks, selected inspections, releases, departures, incidents, fees and payments.

use crate::language::tr;
use anyhow::{Context, Result, bail};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::charter::PartyKind;
use passage_core::regime::Act;
use passage_core::statement::{
    ContestAnswer, Figure, FigureLine, GuaranteeCover, IncidentPlace, InspectionKind,
    InspectionOutcome, ObservationCategory, OfficerRole, Recorded, SealCondition, Statement,
};
use passage_core::testing::{self, Scenario, ScenarioConfig, ident, key_for, officer_name};
use passage_core::{AmountMinor, Currency, Ident, Mrn, SignedStatement, Timestamp};
use passage_node::api::errors::ErrorBody;
use passage_node::api::movements::MovementResponse;
use passage_node::api::payloads::PayloadsResponse;
use passage_node::api::statements::{SubmitRequest, SubmitResponse, SubmitWithPayloads};
use passage_node::api::statistics::Statistics;
use passage_node::confidential::{AttachedPayload, commitments};
use passage_node::publisher::WitnessConfig;
use passage_node::{Node, NodeConfig};
use passage_store::{SqliteConfig, StoreConfig};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How long the traffic waits for an arrival's lanes to be drawn: a checkpoint interval
/// and the witnesses' answers take well under a second; past this the draw is withheld.
const DRAW_WAIT_MAX: Duration = Duration::from_secs(30);
/// How often the traffic asks whether an arrival's lanes are drawn.
const DRAW_POLL_INTERVAL: Duration = Duration::from_millis(20);

/// Movements in flight at once: each is one client driving its movement post by post.
const CONCURRENT_MOVEMENTS_MAX: u64 = 64;

/// Options of `passage demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Folder holding the node's database and log key (created if missing; an existing
    /// log is continued).
    #[arg(long, default_value = "passage-data")]
    data: PathBuf,
    /// Address to serve on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Stop after this many movements have completed.
    #[arg(long)]
    count: Option<u64>,
    /// Stop after this many seconds.
    #[arg(long)]
    duration: Option<u64>,
    /// Movements driven at once (1 to 64).
    #[arg(long, default_value_t = 4)]
    concurrency: u64,
    /// Milliseconds between checkpoints when the log grew.
    #[arg(long, default_value_t = 500)]
    checkpoint_interval_ms: u64,
    /// Witnesses to run beside the node: 3 (one per party of the default charter, each with
    /// its own state in the data folder; every published checkpoint is cosigned by the host
    /// state's, the transiting state's and the monitors' witnesses), or 0 (checkpoints
    /// carry the log's signature alone).
    #[arg(long, default_value_t = 3)]
    witnesses: u8,
    /// Drive the traffic into this running node (its base URL) instead of starting one;
    /// `--data`, `--listen`, `--checkpoint-interval-ms` and `--witnesses` are then unused.
    #[arg(long)]
    node: Option<String>,
}

/// Starts one witness per party of the default charter, in this process, on loopback;
/// returns each witness's charter name and URL.
async fn start_witnesses(
    data: &Path,
    log_key: passage_log::VerifierKey,
) -> Result<Vec<(String, String)>> {
    use passage_witness::server::{WitnessState, WitnessStore, system_clock};
    let mut urls = Vec::new();
    for party in &ScenarioConfig::syunik().parties {
        // The charter names `witness.<party>` with the testing key `witness:<PARTY>`.
        let name = format!("witness.{}", party.id.to_lowercase());
        let seed = key_for(&format!("witness:{}", party.id)).to_bytes();
        let key =
            passage_log::SigningKey::from_seed(&name, passage_log::KeyType::CosignatureV1, seed)?;
        let db = data.join(format!("{name}.db"));
        let store = WitnessStore::open(&db, &data.join(format!("{name}.db.guard")))
            .with_context(|| tr!("cli-error-opening", path = db.display().to_string()))?;
        let state = WitnessState::new(key, vec![log_key.clone()], store, system_clock())?;
        // The party's VRF key, the one the charter names: the witness gives the party's
        // contribution to each draw.
        state.set_vrf_key(passage_core::testing::vrf_key_for(party.id).to_bytes())?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        tokio::spawn(async move {
            let app = passage_witness::server::app(state);
            let limits = passage_serve::Config::new(passage_serve::ErrorFormat::Text);
            if let Err(error) =
                passage_serve::serve(listener, app, limits, std::future::pending()).await
            {
                tracing::error!(%error, "a demo witness stopped");
            }
        });
        urls.push((name, format!("http://{address}")));
    }
    Ok(urls)
}

/// Runs the demo until Ctrl-C, `--count` or `--duration`.
pub fn run(args: DemoArgs) -> Result<ExitCode> {
    if !(1..=CONCURRENT_MOVEMENTS_MAX).contains(&args.concurrency) {
        bail!(tr!("cli-demo-concurrency", most = CONCURRENT_MOVEMENTS_MAX));
    }
    let runtime = tokio::runtime::Runtime::new().with_context(|| tr!("cli-error-runtime"))?;
    runtime.block_on(demo(args))
}

/// The log key kept in the data folder (mode 0600), generated on first run.
fn log_key(data: &Path) -> Result<passage_log::SigningKey> {
    let path = data.join("log.key");
    if path.exists() {
        return crate::serve::read_key(&path);
    }
    let key = passage_log::SigningKey::generate(
        &mut rand_core::OsRng,
        "passage.demo/log",
        passage_log::KeyType::Ed25519,
    )?;
    crate::serve::write_key(&path, &key)?;
    Ok(key)
}

async fn demo(args: DemoArgs) -> Result<ExitCode> {
    let (node, base) = match &args.node {
        Some(base) => (None, base.trim_end_matches('/').to_owned()),
        None => {
            let node = start_node(&args).await?;
            let base = format!("http://{}", node.address);
            let data = args.data.display().to_string();
            println!("{}", tr!("cli-demo-serving", url = base.as_str(), data = data));
            println!("  {}", tr!("cli-serve-dashboard", url = format!("{base}/")));
            let try_these = format!("curl {base}/v1/statistics   curl {base}/log/checkpoint");
            println!("  {}", tr!("cli-demo-try", commands = try_these));
            (Some(node), base)
        }
    };
    let client = Client { http: reqwest::Client::new(), base: base.clone() };
    let traffic = Arc::new(Traffic::new(client.clone()));
    traffic.setup().await?;
    traffic.sign_yesterday().await?;
    if node.is_some() {
        // The trust policy the charter implies, as the node serves it: what an auditor of
        // this demo checks the log against.
        let policy = client.policy().await?;
        let path = args.data.join("policy");
        let shown = path.display().to_string();
        std::fs::write(&path, policy)
            .with_context(|| tr!("cli-error-writing", path = shown.as_str()))?;
        println!("{}", tr!("cli-demo-policy-written", path = shown.as_str()));
        println!("  passage audit {base}/log --policy {shown}");
    }

    let completed = Arc::new(AtomicU64::new(0));
    let started = Arc::new(AtomicU64::new(0));
    let mut drivers = tokio::task::JoinSet::new();
    for _ in 0..args.concurrency {
        let traffic = traffic.clone();
        let completed = completed.clone();
        let started = started.clone();
        let count = args.count;
        drivers.spawn(async move {
            loop {
                let number = started.fetch_add(1, Ordering::SeqCst);
                if count.is_some_and(|count| number >= count) {
                    return Ok::<(), anyhow::Error>(());
                }
                traffic.movement(number).await?;
                completed.fetch_add(1, Ordering::SeqCst);
            }
        });
    }
    let deadline = args.duration.map(|seconds| Instant::now() + Duration::from_secs(seconds));
    let mut ticker = tokio::time::interval(Duration::from_secs(2));
    let outcome: Result<()> = loop {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => break Ok(()),
            joined = drivers.join_next() => match joined {
                None => break Ok(()),
                Some(Ok(Ok(()))) => {}
                Some(Ok(Err(error))) => break Err(error),
                Some(Err(error)) => break Err(error.into()),
            },
            _ = ticker.tick() => {
                if let Ok(statistics) = client.statistics().await {
                    println!("{}", summary(&statistics, completed.load(Ordering::SeqCst)));
                }
                if deadline.is_some_and(|deadline| Instant::now() >= deadline) {
                    break Ok(());
                }
            }
        }
    };
    drivers.abort_all();
    outcome?;
    // Show the final figures once a checkpoint covers every entry (the publisher signs
    // within its interval); give up after a few seconds rather than hang.
    let mut statistics = client.statistics().await?;
    for _ in 0..50 {
        if statistics.checkpoint_size >= statistics.entries {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        statistics = client.statistics().await?;
    }
    let summary = summary(&statistics, completed.load(Ordering::SeqCst));
    println!("{}", tr!("cli-demo-final", summary = summary));
    if let Some(node) = node {
        node.stop().await;
    }
    Ok(ExitCode::SUCCESS)
}

/// The demo's own node, with its witnesses when asked for.
async fn start_node(args: &DemoArgs) -> Result<Node> {
    std::fs::create_dir_all(&args.data)
        .with_context(|| tr!("cli-error-creating", path = args.data.display().to_string()))?;
    let config = NodeConfig {
        listen: args.listen,
        store: StoreConfig::Sqlite(SqliteConfig::new(args.data.join("passage.db"))),
        log_key: log_key(&args.data)?,
        checkpoint_interval: Duration::from_millis(args.checkpoint_interval_ms),
        snapshot_interval_entries: passage_node::snapshot::SNAPSHOT_INTERVAL_ENTRIES,
        // The demo's traffic (up to CONCURRENT_MOVEMENTS_MAX connections) and a browser on
        // the dashboard are all 127.0.0.1: one address standing for every client gets the
        // whole cap as its share.
        connections: passage_serve::Config {
            connections_per_client_max: passage_serve::CONNECTIONS_MAX,
            ..passage_serve::Config::new(passage_serve::ErrorFormat::Json)
        },
        // The demo's own node serves the demo's charter, which the traffic then creates.
        charter_sha256: ScenarioConfig::syunik().charter_sha256(),
    };
    let witnesses = match args.witnesses {
        // Without witnesses the node holds the parties' VRF keys itself: a demo's shortcut,
        // which gives the same lanes but none of the guarantee (see docs/SELECTION.md).
        0 => WitnessConfig {
            local_vrf_keys: ScenarioConfig::syunik()
                .parties
                .iter()
                .map(|party| {
                    (
                        passage_core::testing::ident(party.id),
                        passage_core::testing::vrf_key_for(party.id),
                    )
                })
                .collect(),
            ..WitnessConfig::none()
        },
        3 => {
            let urls = start_witnesses(&args.data, config.log_key.verifier_key()).await?;
            for (name, url) in &urls {
                println!("{}", tr!("cli-demo-witness", name = name.as_str(), url = url.as_str()));
            }
            WitnessConfig { urls, ..WitnessConfig::default() }
        }
        other => bail!(tr!("cli-demo-witnesses", count = other)),
    };
    Node::start_with_witnesses(config, witnesses)
        .await
        .with_context(|| tr!("cli-error-starting-node"))
}

/// The node's figures on a line. Counts are written plainly, as entry indexes are, so a
/// reader can take them from the line.
fn summary(statistics: &Statistics, completed: u64) -> String {
    let statuses: Vec<String> = statistics
        .movements
        .iter()
        .filter(|(_, count)| **count > 0)
        .map(|(status, count)| format!("{} {count}", crate::words::status_code(status)))
        .collect();
    let money = |amounts: &std::collections::BTreeMap<String, i64>| -> String {
        let amounts: Vec<String> = amounts
            .iter()
            .map(|(currency, amount)| crate::words::money(*amount, currency))
            .collect();
        amounts.join(", ")
    };
    tr!(
        "cli-demo-summary",
        entries = statistics.entries.to_string(),
        checkpoint = statistics.checkpoint_size.to_string(),
        completed = completed.to_string(),
        movements = statuses.join(", "),
        fees = money(&statistics.fees_minor),
        paid = money(&statistics.payments_minor),
        incidents = statistics.incidents_open.to_string()
    )
}

/// A successful answer's body, read within [`crate::queries::NODE_ANSWER_BYTES_MAX`].
async fn read_success(response: reqwest::Response) -> Result<Vec<u8>> {
    let response = response.error_for_status()?;
    Ok(passage_peer::read_body(response, crate::queries::NODE_ANSWER_BYTES_MAX).await?)
}

/// A thin JSON client of the node.
#[derive(Clone)]
struct Client {
    http: reqwest::Client,
    base: String,
}

impl Client {
    /// Submits `signed` with the payloads that open its commitments, which the node checks
    /// against them and keeps.
    async fn submit_with_payloads(
        &self,
        signed: &SignedStatement,
        payloads: Vec<AttachedPayload>,
    ) -> Result<Result<SubmitResponse, ErrorBody>> {
        let request = SubmitWithPayloads {
            submission: SubmitRequest { statement: BASE64.encode(signed.encode()) },
            payloads,
        };
        let url = format!("{}/v1/statements", self.base);
        let response = self.http.post(&url).json(&request).send().await?;
        crate::queries::decode_answer(&url, response).await
    }

    /// An entry's payloads, in a request signed by `reader` for the log the node's trust
    /// policy names.
    async fn payloads(&self, reader: &str, index: u64) -> Result<PayloadsResponse> {
        let policy = passage_log::Policy::parse(self.policy().await?.as_bytes())?;
        let [log] = policy.logs() else {
            bail!(tr!("cli-demo-policy-logs", count = policy.logs().len()))
        };
        let path = format!("/v1/entries/{index}/payloads");
        let origin = log.key.name();
        match crate::payloads::signed_get(
            &self.http,
            &self.base,
            origin,
            &key_for(reader),
            &path,
            "",
        )
        .await?
        {
            Ok(entry) => Ok(entry),
            Err(error) => {
                let index = index.to_string();
                let (message, code) = (error.message.as_str(), error.error.as_str());
                bail!(tr!(
                    "cli-demo-read-refused",
                    reader = reader,
                    index = index,
                    message = message,
                    code = code
                ))
            }
        }
    }

    async fn policy(&self) -> Result<String> {
        let url = format!("{}{}", self.base, passage_node::api::governance::POLICY_PATH);
        let body = read_success(self.http.get(url).send().await?).await?;
        Ok(String::from_utf8(body)?)
    }

    async fn report(&self, day: &str) -> Result<passage_node::api::monitoring::ReportView> {
        let response = self.http.get(format!("{}/v1/reports/{day}", self.base)).send().await?;
        Ok(serde_json::from_slice(&read_success(response).await?)?)
    }

    async fn statistics(&self) -> Result<Statistics> {
        let response = self.http.get(format!("{}/v1/statistics", self.base)).send().await?;
        Ok(serde_json::from_slice(&read_success(response).await?)?)
    }

    async fn movement(&self, mrn: Mrn) -> Result<MovementResponse> {
        let response = self.http.get(format!("{}/v1/movements/{mrn}", self.base)).send().await?;
        Ok(serde_json::from_slice(&read_success(response).await?)?)
    }

    /// An account's balance in `currency` as last committed (0 if it has none).
    async fn balance(&self, account: &str, currency: Currency) -> Result<i64> {
        let url = format!("{}/v1/accounts", self.base);
        let response = self.http.get(url).query(&[("account", account)]).send().await?;
        let balances: Vec<passage_node::api::accounts::Balance> =
            serde_json::from_slice(&read_success(response).await?)?;
        let currency = currency.to_string();
        Ok(balances
            .iter()
            .filter(|balance| balance.currency == currency)
            .map(|balance| balance.amount_minor)
            .sum())
    }
}

/// Signs statements as the parties, officers and carriers of the default corridor.
struct Traffic {
    client: Client,
    /// A local copy of the charter's state: which posts, routes and grants exist.
    local: Scenario,
    config: ScenarioConfig,
}

fn now() -> Timestamp {
    Timestamp(passage_node::sequencer::now_ms())
}

impl Traffic {
    fn new(client: Client) -> Traffic {
        let config = ScenarioConfig::syunik();
        Traffic { client, local: Scenario::charter_only(&config), config }
    }

    /// Signs as `signer` (a name such as `customs@AM-MEGHRI-E`) and submits.
    async fn send(&self, signer: &str, statement: Statement) -> Result<SubmitResponse> {
        self.send_with_payloads(signer, statement, Vec::new()).await
    }

    /// As [`Traffic::send`], with the payloads that open the statement's commitments.
    async fn send_with_payloads(
        &self,
        signer: &str,
        statement: Statement,
        payloads: Vec<AttachedPayload>,
    ) -> Result<SubmitResponse> {
        let kind = statement.kind();
        let signed = SignedStatement::sign(&key_for(signer), &Recorded::new(now(), statement))?;
        match self.client.submit_with_payloads(&signed, payloads).await? {
            Ok(response) => Ok(response),
            Err(error) => bail!(tr!(
                "cli-demo-refused",
                kind = kind.to_string(),
                signer = signer,
                message = error.message,
                code = error.error
            )),
        }
    }

    /// The charter with the three parties, officers at every post, carriers; skipped when
    /// the log already has its charter.
    async fn setup(&self) -> Result<()> {
        if self.client.statistics().await?.entries > 0 {
            println!("{}", tr!("cli-demo-continuing"));
            return Ok(());
        }
        let first = &self.config.parties[0];
        let document = self.config.charter_document();
        self.send(&format!("authority:{}", first.id), Statement::Charter { document }).await?;
        println!("{}", tr!("cli-demo-charter-adopted", name = self.config.name));
        let mut officers = 0;
        let posts: Vec<_> = self
            .local
            .state
            .corridor()
            .posts
            .iter()
            .map(|post| (post.id, post.authority))
            .collect();
        for party in &self.config.parties {
            for role in party.roles {
                for (post, operator) in &posts {
                    if *role != OfficerRole::Monitor && operator.as_str() != party.id {
                        continue;
                    }
                    let key = testing::public_key_for(&officer_name(*role, post.as_str()));
                    let statement =
                        Statement::EnrolOfficer { key, role: *role, posts: vec![*post] };
                    self.send(&format!("authority:{}", party.id), statement).await?;
                    officers += 1;
                }
            }
        }
        for (carrier, party) in &self.config.carriers {
            let statement = Statement::RegisterCarrier {
                carrier: ident(carrier),
                name: format!("{carrier} Ltd"),
                key: testing::public_key_for(&format!("carrier:{carrier}")),
            };
            self.send(&format!("authority:{party}"), statement).await?;
        }
        // A bank enrolled by the host state's authority secures every carrier's duties
        // with a comprehensive guarantee, which each declaration engages.
        let host = &self.config.parties[0];
        let statement = Statement::EnrolGuarantor {
            guarantor: ident(DEMO_GUARANTOR),
            name: "Demo Guarantee Bank".into(),
            key: testing::public_key_for(&format!("guarantor:{DEMO_GUARANTOR}")),
        };
        self.send(&format!("authority:{}", host.id), statement).await?;
        for (carrier, _) in &self.config.carriers {
            let statement = Statement::IssueGuarantee {
                guarantee: demo_guarantee(carrier),
                holder: ident(carrier),
                cover: GuaranteeCover::Comprehensive,
                reference_amount: DEMO_GUARANTEE_AMOUNT,
                currency: self.local.state.regime().tariff.currency,
            };
            self.send(&format!("guarantor:{DEMO_GUARANTOR}"), statement).await?;
        }
        let enrolled = tr!(
            "cli-demo-enrolled",
            officers = officers,
            carriers = self.config.carriers.len(),
            regime = self.local.state.regime().name.as_str()
        );
        println!("{enrolled}");
        Ok(())
    }

    fn officer(&self, act: Act, post: &str) -> Result<String> {
        self.local
            .try_officer_for(act, post)
            .with_context(|| tr!("cli-demo-no-officer", act = act.as_str(), post = post))
    }

    /// One movement from declaration to payment; every tenth, the monitor at the first
    /// post records an observation there ([`Traffic::observe`]); every twentieth, the host
    /// state's authority remits what the revenue account it owns holds to its treasury.
    async fn movement(&self, number: u64) -> Result<()> {
        self.one_movement(number).await?;
        if number % 10 == 3 {
            let post = self.local.state.corridor().posts[0].id.to_string();
            let monitor = officer_name(OfficerRole::Monitor, &post);
            self.observe(number, &monitor, &post).await?;
        }
        if number % 20 == 19 {
            self.remit().await?;
        }
        Ok(())
    }

    /// A monitor's voice on an inspection: most are attested; now and then the monitor
    /// dissents instead, and now and then contests the act (an act of the host state,
    /// whose customs recorded it: the mission may contest it, the host state may not).
    /// Customs answer most contests at once and leave some unanswered, which the core
    /// turns into automatic incidents once the regime's deadline passes.
    async fn monitor_inspection(
        &self,
        number: u64,
        monitor: &str,
        post: &str,
        mrn: Mrn,
        entry: u64,
    ) -> Result<()> {
        if number % 7 == 5 {
            let reason = "The unit was not opened in the monitor's presence".to_owned();
            self.send(monitor, Statement::Dissent { mrn, entry, reason }).await?;
            return Ok(());
        }
        self.send(monitor, Statement::Attest { mrn, entry }).await?;
        if number % 5 == 2 {
            let contest = Statement::Contest { entry, reason: ident("wrong_lane") };
            let contested = self.send(monitor, contest).await?;
            let opened = contested.events.iter().find_map(|event| {
                event.strip_prefix("contest ")?.split(' ').next()?.parse::<u64>().ok()
            });
            // Customs answer three contests in four; the fourth waits past its deadline.
            if let Some(contest) = opened.filter(|_| number % 20 != 7) {
                let answer = Statement::AnswerContest {
                    contest,
                    answer: ContestAnswer::Rejected,
                    reasons: testing::test_commitment(&format!("lane by the draw {contest}")),
                };
                self.send(&self.officer(Act::Inspect, post)?, answer).await?;
            }
        }
        Ok(())
    }

    /// A monitor's observation at `post`: its confidential details, a photograph and a
    /// document, each committed in the statement with a fresh salt and sent beside it for
    /// the node to check and keep. The monitor then reads them back in a signed request;
    /// each must be what was sent and open its commitment in the logged statement.
    async fn observe(&self, number: u64, monitor: &str, post: &str) -> Result<()> {
        let opened: Vec<(String, Vec<u8>, [u8; 32])> = [
            ("details", format!("Observation {number} at {post}: the queue reached the bridge.")),
            ("attachments/1", format!("Gate register at {post}, page {number}: trucks waiting.\n")),
        ]
        .into_iter()
        .map(|(field, text)| (field.to_owned(), text.into_bytes()))
        .chain([("attachments/0".to_owned(), demo_photograph(number))])
        .map(|(field, payload)| {
            let mut salt = [0u8; 32];
            rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut salt);
            (field, payload, salt)
        })
        .collect();
        let commitment = |field: &str| {
            let (_, payload, salt) =
                opened.iter().find(|(name, ..)| name == field).expect("made above");
            passage_core::Commitment::compute(salt, payload)
        };
        let observation = Statement::Observe {
            place: IncidentPlace::Post(ident(post)),
            category: ObservationCategory::Queue,
            summary: format!("Queue at {post} as movement {number} was inspected"),
            details: commitment("details"),
            attachments: vec![commitment("attachments/0"), commitment("attachments/1")],
        };
        let logged = commitments(&observation);
        let payloads = opened
            .iter()
            .map(|(field, payload, salt)| AttachedPayload {
                field: field.clone(),
                salt: BASE64.encode(salt),
                payload: BASE64.encode(payload),
            })
            .collect();
        let index = self.send_with_payloads(monitor, observation, payloads).await?.index;
        let read = self.client.payloads(monitor, index).await?;
        for (field, payload, _) in &opened {
            let revealed =
                read.payloads.iter().find(|revealed| revealed.field == *field).with_context(
                    || {
                        let index = index.to_string();
                        tr!("cli-demo-read-back-missing", index = index, field = field.as_str())
                    },
                )?;
            crate::payloads::check(index, &logged, revealed)?;
            if BASE64.decode(&revealed.payload)? != *payload {
                let index = index.to_string();
                bail!(tr!("cli-demo-read-back-differs", index = index, field = field.as_str()));
            }
        }
        let bytes: usize = opened
            .iter()
            .filter(|(field, ..)| field.starts_with("attachments/"))
            .map(|(_, payload, _)| payload.len())
            .sum();
        println!(
            "{}",
            crate::language::text_with(
                "cli-demo-observation-read-back",
                &crate::language::args([
                    ("entry", index.to_string()),
                    ("count", "2".to_owned()),
                    ("bytes", bytes.to_string()),
                ]),
            )
        );
        Ok(())
    }

    /// The mission's authority signs the report of the day before, with the figures the
    /// node's core keeps for it, once the day is over and while it is not signed.
    async fn sign_yesterday(&self) -> Result<()> {
        let yesterday = Timestamp(now().0.saturating_sub(passage_core::statement::DAY_MS));
        let day = yesterday.to_string()[..10].to_owned();
        let report = self.client.report(&day).await?;
        if report.status != "to_sign" {
            return Ok(());
        }
        let figures = report
            .figures
            .iter()
            .filter_map(|line| {
                Some(FigureLine {
                    post: line.post.as_deref().and_then(|post| Ident::parse(post).ok()),
                    figure: Figure::parse(&line.figure)?,
                    detail: line.detail,
                    value: line.value,
                })
            })
            .collect();
        let narrative = testing::test_commitment(&format!("The day of {day} on the corridor."));
        let statement = Statement::SignReport { day: report.day_number, figures, narrative };
        let mission =
            self.config.parties.iter().find(|party| party.kind == PartyKind::MonitoringMission);
        if let Some(mission) = mission {
            self.send(&format!("authority:{}", mission.id), statement).await?;
            println!("{}", tr!("cli-demo-report-signed", day = day.as_str()));
        }
        Ok(())
    }

    /// The host state's authority remits the balance of its revenue accounts, as the
    /// node reports it, to its treasury.
    async fn remit(&self) -> Result<()> {
        let host = ident(self.config.parties[0].id);
        let currency = self.local.state.regime().tariff.currency;
        let treasuries = self.local.state.regime().tariff.treasuries.clone();
        for (account, _) in treasuries.iter().filter(|(_, party)| **party == host) {
            let balance = self.client.balance(&format!("revenue:{account}"), currency).await?;
            if balance <= 0 {
                continue;
            }
            let statement = Statement::Remit {
                account: *account,
                amount: AmountMinor(balance),
                currency,
                reference: ident(&format!("REMIT-{}", now().0)),
            };
            // Another driver may have remitted the same balance a moment earlier: the
            // core refuses the second beyond the balance, which is what a treasury wants.
            let _ = self.send(&format!("authority:{host}"), statement).await;
        }
        Ok(())
    }

    async fn one_movement(&self, number: u64) -> Result<()> {
        // Serials from the clock keep equipment unique across runs on the same folder.
        let serial = (now().0 / 1000 % 100_000) as u32 * 10 + (number % 10) as u32;
        let train = number.is_multiple_of(4);
        let (carrier, declaration) = if train {
            let choices = u64::from(TRAIN_WAGONS_MAX - TRAIN_WAGONS_MIN + 1);
            let wagons = TRAIN_WAGONS_MIN + (number % choices) as u32;
            ("CASPIAN-RAIL", demo_train(wagons, serial))
        } else {
            let plate = format!("{:02}AB{:03}", number % 100, serial % 1000);
            ("ARAZ-TRUCKS", testing::truck("AM-TRANSIT-ROAD", &plate, "2022:080810", 18_000))
        };
        let mut declaration = declaration;
        declaration.guarantee = Some(demo_guarantee(carrier));
        let route = self
            .local
            .state
            .corridor()
            .route_index(&declaration.route)
            .with_context(|| tr!("cli-demo-no-route"))?;
        let posts: Vec<String> = self.local.state.corridor().routes[route]
            .posts
            .iter()
            .map(|&post| self.local.state.corridor().post(post).id.to_string())
            .collect();
        let equipment = declaration.equipment.clone();
        // The seals now on each unit: a unit opened after a mismatch is resealed by
        // customs, and later posts check the new seals.
        let mut seals_now: Vec<Vec<passage_core::Ident>> =
            equipment.iter().map(|item| item.seals.clone()).collect();
        let declared =
            self.send(&format!("carrier:{carrier}"), Statement::Declare(declaration)).await?;
        let mrn_text = declared
            .events
            .iter()
            .find_map(|event| event.strip_suffix(" declared"))
            .with_context(|| tr!("cli-demo-no-mrn"))?;
        let mrn = Mrn::parse(mrn_text)?;
        let acceptor = posts
            .iter()
            .find_map(|post| self.local.try_officer_for(Act::Accept, post))
            .with_context(|| tr!("cli-demo-nobody-for", act = Act::Accept.as_str()))?;
        self.send(&acceptor, Statement::Accept { mrn }).await?;
        for (position, post) in posts.iter().enumerate() {
            let post_id = ident(post);
            self.send(&self.officer(Act::Arrive, post)?, Statement::Arrive { mrn, post: post_id })
                .await?;
            let mut mismatched = Vec::new();
            if self.local.state.regime().allows_anyone(Act::SealCheck) {
                for (unit, (index, item)) in equipment
                    .iter()
                    .enumerate()
                    .filter(|(_, item)| !item.seals.is_empty())
                    .enumerate()
                {
                    // About one seal in forty does not match the declaration.
                    let mismatch = (number * 7 + unit as u64 + position as u64).is_multiple_of(40);
                    let (condition, seals_found) = if mismatch {
                        mismatched.push(index);
                        (SealCondition::Mismatch, vec![ident("SL-FOREIGN-1")])
                    } else {
                        (SealCondition::Intact, seals_now[index].clone())
                    };
                    let statement = Statement::SealCheck {
                        mrn,
                        post: post_id,
                        equipment: item.id,
                        condition,
                        seals_found,
                    };
                    self.send(&self.officer(Act::SealCheck, post)?, statement).await?;
                }
            }
            // The lanes are the parties' draw, appended once a checkpoint covering the
            // arrival is cosigned: wait for it, then read them back.
            let deadline = Instant::now() + DRAW_WAIT_MAX;
            let view = loop {
                let view = self.client.movement(mrn).await?.movement;
                if view.visits.last().is_none_or(|visit| visit.pending_draw.is_none()) {
                    break view;
                }
                if Instant::now() > deadline {
                    bail!(tr!(
                        "cli-demo-draw-pending",
                        mrn = mrn.to_string(),
                        post = post.as_str()
                    ));
                }
                tokio::time::sleep(DRAW_POLL_INTERVAL).await;
            };
            let Some(visit) = view.visits.last() else {
                bail!(tr!("cli-demo-no-visit", mrn = mrn.to_string()))
            };
            for unit in visit.units.iter().filter(|unit| unit.lane != "green") {
                let Some(item) =
                    equipment.iter().find(|item| item.id.to_string() == unit.equipment)
                else {
                    continue;
                };
                let kind = if unit.lane == "red" {
                    InspectionKind::Physical
                } else {
                    InspectionKind::Documents
                };
                let inspected = self
                    .send(
                        &self.officer(Act::Inspect, post)?,
                        Statement::Inspection {
                            mrn,
                            post: post_id,
                            equipment: item.id,
                            kind,
                            outcome: InspectionOutcome::Conform,
                            findings: testing::test_commitment(&format!("findings {mrn} {post}")),
                        },
                    )
                    .await?;
                if self.local.state.regime().allows_role(Act::Attest, OfficerRole::Monitor) {
                    let entry = inspected.index;
                    let monitor = officer_name(OfficerRole::Monitor, post);
                    self.monitor_inspection(number, &monitor, post, mrn, entry).await?;
                }
                // A unit opened after its seals failed leaves with new customs seals.
                let index = equipment.iter().position(|candidate| candidate.id == item.id);
                if let Some(index) = index
                    .filter(|index| kind == InspectionKind::Physical && mismatched.contains(index))
                {
                    let seals = vec![ident(&format!("CS-{}-{}", number % 100_000, position))];
                    let statement = Statement::Reseal {
                        mrn,
                        post: post_id,
                        equipment: item.id,
                        seals: seals.clone(),
                    };
                    self.send(&self.officer(Act::Inspect, post)?, statement).await?;
                    seals_now[index] = seals;
                }
            }
            if visit.controlled {
                self.send(
                    &self.officer(Act::Release, post)?,
                    Statement::Release { mrn, post: post_id },
                )
                .await?;
            }
            if position + 1 < posts.len() {
                if number % 25 == 11 && position == 0 {
                    // A minor accident on the segment after the first post, endorsed by the
                    // customs officer who saw the evidence, then closed.
                    let next = &posts[position + 1];
                    let reporter = self.officer(Act::ReportIncident, post)?;
                    self.send(
                        &reporter,
                        Statement::RecordIncident {
                            mrn,
                            kind: passage_core::statement::IncidentKind::Accident,
                            place: passage_core::statement::IncidentPlace::Segment {
                                from: post_id,
                                to: ident(next),
                                position_m: 1_500,
                            },
                            transhipments: Vec::new(),
                            details: testing::test_commitment(&format!("accident {mrn}")),
                        },
                    )
                    .await?;
                    let closer = posts
                        .iter()
                        .find_map(|post| self.local.try_officer_for(Act::CloseIncident, post))
                        .with_context(|| {
                            tr!("cli-demo-nobody-for", act = Act::CloseIncident.as_str())
                        })?;
                    let resolution = testing::test_commitment(&format!("no damage {mrn}"));
                    self.send(&closer, Statement::CloseIncident { mrn, incident: 1, resolution })
                        .await?;
                }
                if number % 25 == 3 && position == 0 {
                    // A deviation reported on the way, then closed by customs.
                    let reporter = self.officer(Act::ReportIncident, post)?;
                    let details = testing::test_commitment(&format!("deviation {mrn}"));
                    self.send(
                        &reporter,
                        Statement::ReportIncident {
                            mrn,
                            kind: passage_core::statement::IncidentKind::Deviation,
                            details,
                        },
                    )
                    .await?;
                    let closer = posts
                        .iter()
                        .find_map(|post| self.local.try_officer_for(Act::CloseIncident, post))
                        .with_context(|| {
                            tr!("cli-demo-nobody-for", act = Act::CloseIncident.as_str())
                        })?;
                    let resolution = testing::test_commitment(&format!("explained {mrn}"));
                    self.send(&closer, Statement::CloseIncident { mrn, incident: 1, resolution })
                        .await?;
                }
                self.send(
                    &self.officer(Act::Depart, post)?,
                    Statement::Depart { mrn, post: post_id },
                )
                .await?;
            }
        }
        let discharger = posts
            .iter()
            .rev()
            .find_map(|post| self.local.try_officer_for(Act::Discharge, post))
            .with_context(|| tr!("cli-demo-nobody-for", act = Act::Discharge.as_str()))?;
        self.send(&discharger, Statement::Discharge { mrn }).await?;
        // The carrier pays what it owes.
        let view = self.client.movement(mrn).await?.movement;
        let fee = view
            .fee_minor
            .zip(view.fee_currency.as_deref().and_then(|text| Currency::parse(text).ok()));
        if let Some((amount, currency)) = fee.filter(|(amount, _)| *amount > 0) {
            let payee = posts
                .iter()
                .find_map(|post| self.local.try_officer_for(Act::RecordPayment, post))
                .with_context(|| tr!("cli-demo-nobody-for", act = Act::RecordPayment.as_str()))?;
            // One payment per movement: the reference names it, so two payments of the same
            // amount in the same millisecond are distinct statements, not a resubmission.
            let reference = ident(&format!("PAY-{mrn}"));
            let statement = Statement::RecordPayment {
                carrier: ident(carrier),
                amount: AmountMinor(amount),
                currency,
                reference,
            };
            self.send(&payee, statement).await?;
        }
        Ok(())
    }
}

/// Fewest and most wagons of the demo's container trains.
const TRAIN_WAGONS_MIN: u32 = 5;
const TRAIN_WAGONS_MAX: u32 = TRAIN_WAGONS_MIN + 10;

/// A container train of `wagons` flat wagons, its equipment numbered from `serial`.
/// A small photograph for an observation: an 8 by 6 pixel bitmap (BMP, 24 bits, rows
/// bottom up), road grey below a sky whose shade follows `number`, so each is its own.
fn demo_photograph(number: u64) -> Vec<u8> {
    const WIDTH: u32 = 8;
    const HEIGHT: u32 = 6;
    // Each row is 24 bytes, already a multiple of 4: no padding.
    let pixels = WIDTH * HEIGHT * 3;
    let mut image = Vec::with_capacity(54 + pixels as usize);
    image.extend_from_slice(b"BM");
    image.extend_from_slice(&(54 + pixels).to_le_bytes());
    image.extend_from_slice(&[0; 4]);
    image.extend_from_slice(&54u32.to_le_bytes());
    image.extend_from_slice(&40u32.to_le_bytes());
    image.extend_from_slice(&WIDTH.to_le_bytes());
    image.extend_from_slice(&HEIGHT.to_le_bytes());
    image.extend_from_slice(&1u16.to_le_bytes());
    image.extend_from_slice(&24u16.to_le_bytes());
    image.extend_from_slice(&0u32.to_le_bytes());
    image.extend_from_slice(&pixels.to_le_bytes());
    image.extend_from_slice(&2835u32.to_le_bytes());
    image.extend_from_slice(&2835u32.to_le_bytes());
    image.extend_from_slice(&[0; 8]);
    let sky = (number % 64) as u8;
    for row in 0..HEIGHT {
        for column in 0..WIDTH {
            // Blue, green, red.
            let pixel = if row < 2 {
                [90, 90, 90 + column as u8 * 4]
            } else {
                [230 - sky, 180 - sky / 2, 120 + row as u8 * 10]
            };
            image.extend_from_slice(&pixel);
        }
    }
    image
}

fn demo_train(wagons: u32, serial: u32) -> passage_core::statement::Declaration {
    testing::container_train(
        "AM-TRANSIT-RAIL",
        wagons,
        serial * 20,
        &["2022:847130", "2022:640399", "2022:940360"],
    )
}

/// The demo's guarantor.
const DEMO_GUARANTOR: &str = "DEMO-BANK";
/// Each carrier's guarantee: 10,000,000,000.00 AMD, enough for the most movements the demo
/// keeps under way at once ([`CONCURRENT_MOVEMENTS_MAX`]) all being its longest train (one
/// of 15 wagons engages 60,000,000.00 under the Syunik regime; an 18-tonne truck of apples
/// 3,600,000.00). With 100,000,000.00 the default demo stopped at its second train
/// declared while another was under way.
const DEMO_GUARANTEE_AMOUNT: AmountMinor = AmountMinor(1_000_000_000_000);

/// The reference of `carrier`'s guarantee in the demo.
fn demo_guarantee(carrier: &str) -> Ident {
    ident(&format!("GRN-{carrier}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The demo never stops on its own guarantee: the most movements it drives at once,
    /// each its longest train, engage no more than each carrier's guarantee covers.
    #[test]
    fn the_demo_guarantee_covers_the_most_movements_under_way_at_once() {
        let scenario = Scenario::new(&ScenarioConfig::syunik());
        let rules = &scenario.state.regime().guarantee;
        let longest = demo_train(TRAIN_WAGONS_MAX, 99_999);
        let truck = testing::truck("AM-TRANSIT-ROAD", "99AB999", "2022:080810", 18_000);
        let train = passage_core::guarantee::engagement_for(rules, &longest).expect("an amount");
        let truck = passage_core::guarantee::engagement_for(rules, &truck).expect("an amount");
        assert!(train.0 > 0 && truck.0 > 0, "the regime engages guarantees");
        let most = i128::from(train.0.max(truck.0)) * i128::from(CONCURRENT_MOVEMENTS_MAX);
        assert!(
            most <= i128::from(DEMO_GUARANTEE_AMOUNT.0),
            "{CONCURRENT_MOVEMENTS_MAX} movements of {train:?} each engage more than {:?}",
            DEMO_GUARANTEE_AMOUNT
        );
    }
}
