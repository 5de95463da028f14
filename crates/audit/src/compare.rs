//! The audit's last step: compare the state it recomputed from the log at the checkpoint it
//! verified with the figures the node published for that same checkpoint
//! (`GET /v1/statistics?at=`: the core's state digest, movements by status and at each
//! post, fees, payments, open incidents; `/v1/accounts?at=`; `/v1/movements/statuses?at=`:
//! every movement's status then), and name every difference. The node keeps running while
//! it is audited: it answers for the audited size, and says which size each answer
//! reflects, so an honest busy node compares equal. Its figures come from its projections
//! in the store and from what it stored when it published, so a projection changed behind
//! the log's back shows here.

use std::collections::BTreeMap;
use std::time::Duration;

use passage_core::ledger::PostingKind;
use passage_core::{MovementStatus, State};
use serde::{Deserialize, Serialize};

/// The name the node's API gives a movement's status (`docs/API.md`, `status` in a
/// movement's view and the keys of `movements` in the statistics), written here rather than
/// taken from the node, so the auditor checks the node's naming instead of sharing it.
pub fn status_name(status: MovementStatus) -> &'static str {
    match status {
        MovementStatus::Declared => "declared",
        MovementStatus::Accepted => "accepted",
        MovementStatus::AtPost => "at_post",
        MovementStatus::InTransit => "in_transit",
        MovementStatus::AtDestination => "at_destination",
        MovementStatus::Discharged => "discharged",
        MovementStatus::Cancelled => "cancelled",
        MovementStatus::Refused => "refused",
        MovementStatus::Returned => "returned",
        MovementStatus::Seized => "seized",
        MovementStatus::Recovered => "recovered",
    }
}

/// Page size asked of `GET /v1/movements` (the API's largest).
pub const MOVEMENT_PAGE_SIZE: u32 = 500;
/// Most movement pages read per status: 20,000 pages of 500 are ten million movements.
pub const MOVEMENT_PAGES_MAX: u64 = 20_000;
/// Largest answer read from the node: a page of 500 movement views is well under 8 MiB.
pub const NODE_RESPONSE_BYTES_MAX: usize = 8 << 20;

/// The figures over the whole log.
pub const STATISTICS_ENDPOINT: &str = "/v1/statistics";
/// Balances per account and currency.
pub const ACCOUNTS_ENDPOINT: &str = "/v1/accounts";
/// Every movement's status as of a checkpoint, a page at a time.
pub const MOVEMENTS_ENDPOINT: &str = "/v1/movements/statuses";
/// The header in which the node names the tree size an answer reflects.
pub const TREE_SIZE_HEADER: &str = "passage-tree-size";

/// Why the node's figures could not be read. Each variant about an answer names its
/// endpoint.
#[derive(Debug, thiserror::Error)]
pub enum FiguresError {
    /// The HTTP client could not be set up.
    #[error("the HTTP client: {0}")]
    Client(String),
    /// A request failed.
    #[error("{url}: {reason}")]
    Http {
        /// The endpoint (`/v1/statistics`, ...).
        endpoint: &'static str,
        /// The URL.
        url: String,
        /// What failed.
        reason: String,
    },
    /// An answer is not what the API documents: a field missing, renamed or of another
    /// type, or not JSON at all.
    #[error("{url}: the answer is not what {endpoint} documents: {reason}")]
    Malformed {
        /// The endpoint.
        endpoint: &'static str,
        /// The URL.
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// An answer larger than [`NODE_RESPONSE_BYTES_MAX`]: not read past the limit.
    #[error("{url}: the answer is larger than {NODE_RESPONSE_BYTES_MAX} bytes")]
    TooLarge {
        /// The endpoint.
        endpoint: &'static str,
        /// The URL.
        url: String,
    },
    /// More movements than [`MOVEMENT_PAGES_MAX`] pages.
    #[error("more than {MOVEMENT_PAGES_MAX} pages of movements")]
    TooManyPages,
}

/// `GET /v1/statistics`, as the API documents it: the figures the audit compares. A node may
/// answer more fields (the mean dwell per post, ...), which are not read; a field read here
/// that is missing or of another type fails the reading.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct NodeStatistics {
    /// Entries in the node's log.
    pub entries: u64,
    /// The tree size the figures reflect.
    pub tree_size: u64,
    /// The core's state digest at `tree_size`, hex, which the node publishes with each
    /// checkpoint.
    #[serde(deserialize_with = "present_or_null")]
    pub state_digest: Option<String>,
    /// Size of the node's latest published checkpoint.
    pub checkpoint_size: u64,
    /// Movements per status name.
    pub movements: BTreeMap<String, u64>,
    /// Fees assessed per currency, in minor units.
    pub fees_minor: BTreeMap<String, i64>,
    /// Payments recorded per currency, in minor units.
    pub payments_minor: BTreeMap<String, i64>,
    /// Open incidents.
    pub incidents_open: u64,
    /// Movements at each post now (posts with none left out). Required here although the
    /// document lists it as optional: every node answers it, and a renamed field must not
    /// read as "no queues anywhere".
    pub movements_at_post: BTreeMap<String, u64>,
}

/// One line of `GET /v1/accounts`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct NodeBalance {
    /// The account (`carrier:X`, `revenue:X`, `receipts`).
    pub account: String,
    /// The currency.
    pub currency: String,
    /// Minor units.
    pub amount_minor: i64,
}

/// A page of `GET /v1/movements/statuses`: each movement's MRN and status at `tree_size`.
#[derive(Debug, Deserialize)]
struct NodeMovementPage {
    tree_size: u64,
    movements: Vec<NodeMovement>,
    /// The cursor of the next page, `null` on the last: required, so that a renamed cursor
    /// cannot cut the walk short after one page.
    #[serde(deserialize_with = "present_or_null")]
    next: Option<String>,
}

/// A movement as the node lists it at the audited size.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct NodeMovement {
    /// The MRN.
    pub mrn: String,
    /// Its status at the size.
    pub status: String,
    /// The last entry below the size that changed it.
    pub last_entry_index: u64,
    /// The entry of its latest change when at or after the size, as the node's row says.
    #[serde(default)]
    pub changed_since: Option<u64>,
}

/// Reads a field that must be present, as a value or `null`.
fn present_or_null<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(deserializer)
}

/// What the node published about its state at one checkpoint.
#[derive(Clone, Debug, Default)]
pub struct NodeFigures {
    /// `GET /v1/statistics?at=`.
    pub statistics: NodeStatistics,
    /// `GET /v1/accounts?at=`.
    pub balances: Vec<NodeBalance>,
    /// The tree size the node's `passage-tree-size` header gave with the balances.
    pub balances_tree_size: Option<u64>,
    /// `GET /v1/movements/statuses?at=`: each movement at the size.
    pub movements: Vec<NodeMovement>,
    /// The tree sizes the movement pages said they reflect, each different one once.
    pub movements_tree_sizes: Vec<u64>,
    /// The node's size when the listing was read (`GET /v1/statistics`, read last).
    pub entries_now: u64,
}

/// Reads the figures the node at `base` (e.g. `http://127.0.0.1:8080`) published with its
/// checkpoint of size `at`, each answer at most [`NODE_RESPONSE_BYTES_MAX`] bytes.
pub async fn fetch_node_figures(
    base: &str,
    at: u64,
    timeout: Duration,
) -> Result<NodeFigures, FiguresError> {
    let base = base.trim_end_matches('/');
    let http = reqwest::Client::builder()
        .timeout(timeout)
        .build()
        .map_err(|error| FiguresError::Client(error.to_string()))?;
    let (statistics, _) =
        get_json(&http, STATISTICS_ENDPOINT, &format!("{base}{STATISTICS_ENDPOINT}?at={at}"))
            .await?;
    let (balances, balances_tree_size) =
        get_json(&http, ACCOUNTS_ENDPOINT, &format!("{base}{ACCOUNTS_ENDPOINT}?at={at}")).await?;
    let mut movements = Vec::new();
    let mut movements_tree_sizes = Vec::new();
    let mut after: Option<String> = None;
    for page_number in 0.. {
        if page_number == MOVEMENT_PAGES_MAX {
            return Err(FiguresError::TooManyPages);
        }
        let mut url = format!("{base}{MOVEMENTS_ENDPOINT}?at={at}&limit={MOVEMENT_PAGE_SIZE}");
        if let Some(cursor) = &after {
            url.push_str(&format!("&after={cursor}"));
        }
        let (page, _): (NodeMovementPage, _) = get_json(&http, MOVEMENTS_ENDPOINT, &url).await?;
        if !movements_tree_sizes.contains(&page.tree_size) {
            movements_tree_sizes.push(page.tree_size);
        }
        movements.extend(page.movements);
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    // The node's size now, read last: no row may claim a change beyond it. A batch's rows
    // are in the store a moment before the node's figures count its entries (they are
    // published once its commit returns), so a row of a batch that committed during the
    // listing may be ahead of the first reading: read again, a few times, before the
    // comparison calls it a change beyond the log.
    let latest_change = movements.iter().filter_map(|movement| movement.changed_since).max();
    let mut rereads = 0;
    let now = loop {
        let (now, _): (NodeStatistics, _) =
            get_json(&http, STATISTICS_ENDPOINT, &format!("{base}{STATISTICS_ENDPOINT}")).await?;
        let behind = latest_change.is_some_and(|changed| changed >= now.entries);
        if !behind || rereads == SIZE_REREADS_MAX {
            break now;
        }
        rereads += 1;
        tokio::time::sleep(SIZE_REREAD_PAUSE).await;
    };
    Ok(NodeFigures {
        statistics,
        balances,
        balances_tree_size,
        movements,
        movements_tree_sizes,
        entries_now: now.entries,
    })
}

/// Readings of the node's size after the first when a listed row is ahead of it: a batch's
/// figures follow its rows within the time the sequencer takes to hand them over, far less
/// than the pauses between these readings.
const SIZE_REREADS_MAX: u32 = 5;
/// The pause before each of those readings.
const SIZE_REREAD_PAUSE: std::time::Duration = std::time::Duration::from_millis(100);

/// Reads `url`, an answer of `endpoint`, as `T`, with the tree size its
/// [`TREE_SIZE_HEADER`] names, if any.
async fn get_json<T: serde::de::DeserializeOwned>(
    http: &reqwest::Client,
    endpoint: &'static str,
    url: &str,
) -> Result<(T, Option<u64>), FiguresError> {
    let failed = |reason: String| FiguresError::Http { endpoint, url: url.to_owned(), reason };
    let response = http.get(url).send().await.map_err(|e| failed(e.to_string()))?;
    if !response.status().is_success() {
        return Err(failed(format!("status {}", response.status())));
    }
    let tree_size = response
        .headers()
        .get(TREE_SIZE_HEADER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse().ok());
    let bytes = match passage_peer::read_body(response, NODE_RESPONSE_BYTES_MAX).await {
        Ok(bytes) => bytes,
        Err(passage_peer::AnswerError::TooLarge { .. }) => {
            return Err(FiguresError::TooLarge { endpoint, url: url.to_owned() });
        }
        Err(error) => return Err(failed(error.to_string())),
    };
    let value = serde_json::from_slice(&bytes).map_err(|error| FiguresError::Malformed {
        endpoint,
        url: url.to_owned(),
        reason: error.to_string(),
    })?;
    Ok((value, tree_size))
}

/// The outcome of a comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// Entries the audit replayed (the audited checkpoint's size).
    pub audited_size: u64,
    /// Entries the node says it holds.
    pub node_entries: u64,
    /// Size of the node's latest published checkpoint.
    pub node_checkpoint_size: u64,
    /// Every difference (empty when the node's figures equal the audit's); in JSON, each
    /// is its sentence in English, as [`Difference`]'s `Display` words it.
    pub differences: Vec<Difference>,
}

/// Which of the node's answers a size is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// `GET /v1/statistics?at=`.
    Statistics,
    /// `GET /v1/accounts?at=`.
    Balances,
    /// `GET /v1/movements/statuses?at=`.
    Movements,
}

impl Answer {
    /// The answer's name in the English sentences.
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Statistics => "statistics",
            Answer::Balances => "balances",
            Answer::Movements => "movements",
        }
    }
}

/// A figure the node publishes per key and the audit recomputes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyedFigure {
    /// Movements with this status (the API's name for it, `at_post`).
    MovementsWithStatus(String),
    /// Fees assessed in this currency, minor units.
    Fees(String),
    /// Payments recorded in this currency, minor units.
    Payments(String),
    /// Movements at this post now.
    MovementsAtPost(String),
    /// The balance of this account in this currency, minor units.
    Balance {
        /// The account (`carrier:X`, `revenue:X`, `receipts`).
        account: String,
        /// The currency.
        currency: String,
    },
}

/// One way the node's figures differ from those the audit recomputed from the log, with
/// the values on each side, for a reader to word in its own language. `Display` words it
/// in English (logs, `--json`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    /// An answer reflects another tree size than the audited one (`None`: it names none,
    /// or the pages of one answer named several).
    Size {
        /// The answer.
        answer: Answer,
        /// The size it says it reflects.
        node: Option<u64>,
        /// The size the audit asked for.
        audited: u64,
    },
    /// The node's state digest differs from the recomputed one (`None`: it published
    /// none).
    StateDigest {
        /// The node's digest, hex.
        node: Option<String>,
        /// The recomputed digest, hex.
        log: String,
    },
    /// A figure differs.
    Figure {
        /// Which.
        figure: KeyedFigure,
        /// The node's value (0 where it names none).
        node: i64,
        /// The recomputed value.
        log: i64,
    },
    /// The count of open incidents differs.
    OpenIncidents {
        /// The node's count.
        node: u64,
        /// The recomputed count.
        log: u64,
    },
    /// The node lists a movement twice.
    ListedTwice {
        /// The movement.
        mrn: String,
    },
    /// The node lists a movement the log does not hold.
    NotInLog {
        /// The movement.
        mrn: String,
        /// The status the node lists it under.
        status: String,
    },
    /// The node lists a movement under another status than the log gives.
    Status {
        /// The movement.
        mrn: String,
        /// The node's status.
        node: String,
        /// The recomputed status.
        log: String,
    },
    /// The node names another entry as the movement's last change.
    LastEntry {
        /// The movement.
        mrn: String,
        /// The node's entry.
        node: u64,
        /// The recomputed entry.
        log: u64,
    },
    /// The node says an entry beyond its own log changed the movement.
    ChangedBeyondLog {
        /// The movement.
        mrn: String,
        /// The entry the node names.
        entry: u64,
        /// The node's size.
        node_entries: u64,
    },
    /// A movement of the log the node does not list.
    NotListed {
        /// The movement.
        mrn: String,
        /// Its recomputed status.
        status: String,
    },
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Difference::Size { answer, node, audited } => {
                let said = node.map_or("no size".to_owned(), |size| format!("size {size}"));
                write!(
                    f,
                    "{}: the node answers for {said}, the audit asked for size {audited}",
                    answer.as_str()
                )
            }
            Difference::StateDigest { node: Some(node), log } => {
                write!(f, "state digest: the node says {node}, the log gives {log}")
            }
            Difference::StateDigest { node: None, log } => {
                write!(f, "state digest: the node published none, the log gives {log}")
            }
            Difference::Figure { figure, node, log } => {
                let (what, key) = match figure {
                    KeyedFigure::MovementsWithStatus(status) => ("movements", status.clone()),
                    KeyedFigure::Fees(currency) => ("fees", currency.clone()),
                    KeyedFigure::Payments(currency) => ("payments", currency.clone()),
                    KeyedFigure::MovementsAtPost(post) => ("movements at post", post.clone()),
                    KeyedFigure::Balance { account, currency } => {
                        ("balance", format!("{account} {currency}"))
                    }
                };
                write!(f, "{what} {key}: the node says {node}, the log gives {log}")
            }
            Difference::OpenIncidents { node, log } => {
                write!(f, "open incidents: the node says {node}, the log gives {log}")
            }
            Difference::ListedTwice { mrn } => {
                write!(f, "movement {mrn}: listed more than once by the node")
            }
            Difference::NotInLog { mrn, status } => {
                write!(f, "movement {mrn}: listed by the node under {status}, not in the log")
            }
            Difference::Status { mrn, node, log } => {
                write!(f, "movement {mrn}: the node lists it under {node}, the log gives {log}")
            }
            Difference::LastEntry { mrn, node, log } => write!(
                f,
                "movement {mrn}: the node says entry {node} changed it last, the log gives \
                 entry {log}"
            ),
            Difference::ChangedBeyondLog { mrn, entry, node_entries } => write!(
                f,
                "movement {mrn}: the node says entry {entry} changed it, beyond its log of \
                 {node_entries} entries"
            ),
            Difference::NotListed { mrn, status } => {
                write!(f, "movement {mrn}: {status} in the log, not listed by the node")
            }
        }
    }
}

/// In JSON a difference is its English sentence, as `--json` always gave it.
impl Serialize for Difference {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Comparison {
    /// Whether the node's figures equal the recomputed ones.
    pub fn equal(&self) -> bool {
        self.differences.is_empty()
    }

    /// A note when the node's latest checkpoint is beyond the audited one (it went on
    /// publishing while the audit ran): its figures were compared as published at the
    /// audited size.
    pub fn size_note(&self) -> Option<String> {
        (self.node_checkpoint_size != self.audited_size).then(|| {
            format!(
                "the node has published up to size {}; its figures were compared as it \
                 published them at the audited size {}",
                self.node_checkpoint_size, self.audited_size
            )
        })
    }
}

impl std::fmt::Display for Comparison {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(note) = self.size_note() {
            writeln!(f, "note: {note}")?;
        }
        if self.equal() {
            return write!(
                f,
                "node figures at size {}: equal to the audit's (state digest, statistics, \
                 balances, movements by status)",
                self.audited_size
            );
        }
        write!(
            f,
            "node figures at size {}: {} differences from the audit's",
            self.audited_size,
            self.differences.len()
        )?;
        for difference in &self.differences {
            write!(f, "\n  {difference}")?;
        }
        Ok(())
    }
}

/// The statistics a truthful node publishes, from the recomputed state.
fn expected_statistics(state: &State) -> NodeStatistics {
    let mut statistics = NodeStatistics::default();
    for (status, count) in state.status_counts() {
        statistics.movements.insert(status_name(status).to_owned(), count as u64);
    }
    for leg in state.ledger().legs() {
        if !matches!(leg.account, passage_core::Account::Carrier(_)) {
            continue;
        }
        let currency = leg.currency.to_string();
        match leg.kind {
            // A fee debits the carrier's account.
            PostingKind::Fee => *statistics.fees_minor.entry(currency).or_default() -= leg.amount.0,
            PostingKind::Payment => {
                *statistics.payments_minor.entry(currency).or_default() += leg.amount.0
            }
            _ => {}
        }
    }
    statistics.incidents_open =
        state.movements().iter().map(|movement| u64::from(movement.open_incidents)).sum();
    // Walked from the movements, not read from the counts the core keeps, so a count that
    // drifted from the movements shows as a difference too.
    let corridor = state.corridor();
    for movement in state.movements() {
        if let Some(visit) = movement.current_visit() {
            let post = corridor.post(visit.post).id.to_string();
            *statistics.movements_at_post.entry(post).or_default() += 1;
        }
    }
    statistics
}

/// Names each key whose value differs between the node's map and the audit's (a key one
/// side lacks counts as 0 there).
fn compare_maps(
    figure: fn(String) -> KeyedFigure,
    node: &BTreeMap<String, i64>,
    audit: &BTreeMap<String, i64>,
    differences: &mut Vec<Difference>,
) {
    let keys: std::collections::BTreeSet<&String> = node.keys().chain(audit.keys()).collect();
    for key in keys {
        let node_value = node.get(key).copied().unwrap_or_default();
        let audit_value = audit.get(key).copied().unwrap_or_default();
        if node_value != audit_value {
            differences.push(Difference::Figure {
                figure: figure(key.clone()),
                node: node_value,
                log: audit_value,
            });
        }
    }
}

/// Counts as signed values, to compare beside money: a count past `i64::MAX` (no log holds
/// that many movements) is shown as the largest.
fn signed(counts: &BTreeMap<String, u64>) -> BTreeMap<String, i64> {
    counts
        .iter()
        .map(|(key, count)| (key.clone(), i64::try_from(*count).unwrap_or(i64::MAX)))
        .collect()
}

/// Compares the figures the node published for its checkpoint of size `audited_size` with
/// the state recomputed at that size.
pub fn compare(state: &State, audited_size: u64, node: &NodeFigures) -> Comparison {
    let mut differences = Vec::new();
    let statistics = &node.statistics;
    let mut size = |answer: Answer, size: Option<u64>| {
        if size != Some(audited_size) {
            differences.push(Difference::Size { answer, node: size, audited: audited_size });
        }
    };
    size(Answer::Statistics, Some(statistics.tree_size));
    size(Answer::Balances, node.balances_tree_size);
    match node.movements_tree_sizes.as_slice() {
        [] => {}
        [one] => size(Answer::Movements, Some(*one)),
        _ => size(Answer::Movements, None),
    }
    let digest = hex::encode(state.digest());
    match &statistics.state_digest {
        Some(node_digest) if *node_digest == digest => {}
        node_digest => {
            differences.push(Difference::StateDigest { node: node_digest.clone(), log: digest })
        }
    }
    let expected = expected_statistics(state);
    compare_maps(
        KeyedFigure::MovementsWithStatus,
        &signed(&statistics.movements),
        &signed(&expected.movements),
        &mut differences,
    );
    compare_maps(KeyedFigure::Fees, &statistics.fees_minor, &expected.fees_minor, &mut differences);
    compare_maps(
        KeyedFigure::Payments,
        &statistics.payments_minor,
        &expected.payments_minor,
        &mut differences,
    );
    compare_maps(
        KeyedFigure::MovementsAtPost,
        &signed(&statistics.movements_at_post),
        &signed(&expected.movements_at_post),
        &mut differences,
    );
    if statistics.incidents_open != expected.incidents_open {
        differences.push(Difference::OpenIncidents {
            node: statistics.incidents_open,
            log: expected.incidents_open,
        });
    }

    let node_balances: BTreeMap<(String, String), i64> = node
        .balances
        .iter()
        .map(|balance| ((balance.account.clone(), balance.currency.clone()), balance.amount_minor))
        .collect();
    let audit_balances: BTreeMap<(String, String), i64> = state
        .ledger()
        .balances()
        .map(|((account, currency), amount)| {
            ((account.to_string(), currency.to_string()), amount.0)
        })
        .collect();
    let keys: std::collections::BTreeSet<&(String, String)> =
        node_balances.keys().chain(audit_balances.keys()).collect();
    for key in keys {
        let node_value = node_balances.get(key).copied().unwrap_or_default();
        let audit_value = audit_balances.get(key).copied().unwrap_or_default();
        if node_value != audit_value {
            let (account, currency) = key.clone();
            differences.push(Difference::Figure {
                figure: KeyedFigure::Balance { account, currency },
                node: node_value,
                log: audit_value,
            });
        }
    }

    let mut listed = std::collections::BTreeSet::new();
    for NodeMovement { mrn, status, last_entry_index, changed_since } in &node.movements {
        if !listed.insert(mrn.clone()) {
            differences.push(Difference::ListedTwice { mrn: mrn.clone() });
            continue;
        }
        let recomputed =
            passage_core::Mrn::parse(mrn).ok().and_then(|parsed| state.movement(&parsed));
        let Some(recomputed) = recomputed else {
            differences.push(Difference::NotInLog { mrn: mrn.clone(), status: status.clone() });
            continue;
        };
        let recomputed_status = status_name(recomputed.status);
        if recomputed_status != status {
            differences.push(Difference::Status {
                mrn: mrn.clone(),
                node: status.clone(),
                log: recomputed_status.to_owned(),
            });
        }
        let last = recomputed.history.last().copied().unwrap_or_default();
        if *last_entry_index != last {
            differences.push(Difference::LastEntry {
                mrn: mrn.clone(),
                node: *last_entry_index,
                log: last,
            });
        }
        // A row may say it changed after the audited size (the next audit compares it
        // then), but not beyond the node's own log.
        if let Some(changed) = changed_since.filter(|changed| *changed >= node.entries_now) {
            differences.push(Difference::ChangedBeyondLog {
                mrn: mrn.clone(),
                entry: changed,
                node_entries: node.entries_now,
            });
        }
    }
    for movement in state.movements() {
        if !listed.contains(&movement.mrn.to_string()) {
            differences.push(Difference::NotListed {
                mrn: movement.mrn.to_string(),
                status: status_name(movement.status).to_owned(),
            });
        }
    }
    Comparison {
        audited_size,
        node_entries: node.entries_now,
        node_checkpoint_size: statistics.checkpoint_size,
        differences,
    }
}
