//! The publisher: signs a checkpoint when the tree grew, at a configurable interval, has it
//! cosigned by the charter's witnesses, and publishes it (the tiles are already in the
//! store, written with their entries).
//!
//! Witness cosignatures plug in through [`Witnesses`]; [`CharterWitnesses`] asks the
//! witnesses the charter names (at the URLs the operator configured) and accepts a
//! checkpoint once the trust policy derived from the charter ([`charter_policy`]) is met.
//! Without witnesses, the log-signed checkpoint is published as is.
//!
//! The publisher runs beside the sequencer: a witness that is down delays publication,
//! never acknowledgements. A checkpoint whose quorum is not met is retried with a doubling
//! delay (up to [`PUBLISH_RETRY_DELAY_MS_MAX`]), each time for the newest tree, so a newer
//! checkpoint supersedes a stale attempt.

use crate::sequencer::{Shared, TreeHead, now_ms};
use passage_core::charter::Charter;
use passage_log::{
    Checkpoint, Hash, KeyType, MemoryTiles, Policy, PolicyError, SigningKey, TileId, VerifierKey,
};
use passage_store::{AnyStore, NewCheckpoint, Store, StoreError};
use passage_witness::client::{
    ClientConfig, ConsistencyProofs, CosignError, WitnessClient, WitnessOutcome,
};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

/// Longest wait between two attempts to publish a checkpoint the witnesses did not cosign:
/// long enough not to hammer a witness that is down, short enough that publication resumes
/// within seconds of its return (witnesses expect a fresh checkpoint within a minute).
pub const PUBLISH_RETRY_DELAY_MS_MAX: u64 = 5_000;
/// Most witness URLs a node is configured with (the charter names at most 64 witnesses).
pub const WITNESS_URLS_MAX: usize = passage_core::charter::WITNESSES_MAX;

/// Collects witness cosignatures on a log-signed checkpoint.
pub trait Witnesses: Send + Sync + 'static {
    /// The checkpoint note with the cosignatures gathered, once the node's policy is met.
    fn cosign<'a>(
        &'a self,
        signed_note: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<String, WitnessError>> + Send + 'a>>;
}

/// Why the witnesses did not cosign a checkpoint.
#[derive(Debug, thiserror::Error)]
pub enum WitnessError {
    /// The log holds no charter yet, so there is no policy to meet.
    #[error("the log holds no charter yet")]
    NoCharter,
    /// The charter's witnesses do not make a valid trust policy.
    #[error("the charter's witnesses do not make a trust policy: {0}")]
    Policy(#[from] WitnessPolicyError),
    /// The witness client could not start.
    #[error(transparent)]
    Client(#[from] CosignError),
    /// Too few witnesses cosigned; what each one did.
    #[error("the policy's quorum is not met: {}", describe(.0))]
    QuorumNotMet(Vec<(String, WitnessOutcome)>),
}

fn describe(outcomes: &[(String, WitnessOutcome)]) -> String {
    let mut text = String::new();
    for (name, outcome) in outcomes {
        if !text.is_empty() {
            text.push_str(", ");
        }
        let _ = match outcome {
            WitnessOutcome::Cosigned(_) => write!(text, "{name} cosigned"),
            WitnessOutcome::Refused { status, reason } => {
                write!(text, "{name} refused ({status}: {reason})")
            }
            WitnessOutcome::Unreachable(reason) => write!(text, "{name} unreachable ({reason})"),
            WitnessOutcome::NoUrl => write!(text, "{name} has no URL"),
        };
    }
    text
}

/// Why a checkpoint was not published.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// Signing failed.
    #[error("signing the checkpoint failed: {0}")]
    Sign(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The witnesses did not cosign.
    #[error(transparent)]
    Witnesses(#[from] WitnessError),
    /// Rendering the figures failed.
    #[error("rendering the figures failed: {0}")]
    Figures(String),
}

/// Signs, stores and publishes checkpoints, each with the figures of the state at its size.
pub struct Publisher {
    /// The store.
    pub store: Arc<AnyStore>,
    /// The log as committed: what a checkpoint is signed for, with its state.
    pub shared: Arc<Shared>,
    /// The log's key; its name is the checkpoint's origin.
    pub log_key: SigningKey,
    /// Witnesses, when the node has any.
    pub witnesses: Option<Arc<dyn Witnesses>>,
    /// Size of the last published checkpoint.
    pub published_size: u64,
    /// Told the size of each checkpoint published (the drawer waits on it).
    pub published: Option<watch::Sender<u64>>,
}

impl Publisher {
    /// Publishes a checkpoint for the log as last committed, if the tree grew since the
    /// last one. `Ok(false)` means there was nothing new to publish.
    ///
    /// The figures of the state at the checkpoint's size (statistics, balances and the
    /// core's state digest, [`crate::figures::published_figures`]) are rendered while the
    /// witnesses cosign, and stored before the checkpoint is marked published: every
    /// checkpoint a reader sees published has its figures.
    pub async fn publish(&mut self) -> Result<bool, PublishError> {
        let committed = self.shared.committed();
        let head = committed.head;
        if head.size == 0 || head.size <= self.published_size {
            return Ok(false);
        }
        let checkpoint = Checkpoint {
            origin: self.log_key.name().to_owned(),
            size: head.size,
            root: head.root,
            extensions: vec![],
        };
        let note = checkpoint
            .sign(&self.log_key)
            .map_err(|error| PublishError::Sign(error.to_string()))?;
        self.store
            .save_checkpoint(NewCheckpoint { tree_size: head.size, signed_note: note.clone() })
            .await?;
        // The digest hashes the blocks of movements changed since the last checkpoint: on
        // a blocking thread, on the committed copy.
        let mut cache = self.shared.take_digest_cache();
        let figures = tokio::task::spawn_blocking(move || {
            let figures = crate::figures::published_figures(&committed, &mut cache);
            (figures, cache)
        });
        if let Some(witnesses) = &self.witnesses {
            let cosigned = witnesses.cosign(&note).await?;
            self.store.set_checkpoint_cosigned(head.size, &cosigned).await?;
        }
        let (figures, cache) =
            figures.await.map_err(|error| PublishError::Figures(error.to_string()))?;
        self.shared.keep_digest_cache(cache);
        self.store.save_checkpoint_figures(figures).await?;
        self.store.mark_checkpoint_published(head.size, now_ms() as i64).await?;
        self.published_size = head.size;
        if let Some(published) = &self.published {
            published.send_replace(head.size);
        }
        tracing::debug!(size = head.size, "checkpoint published");
        Ok(true)
    }

    /// Publishes at most once per `interval` while the tree grows, until `tree` closes. A
    /// checkpoint that could not be published is retried, for the newest tree, after a
    /// delay that doubles from `interval` up to [`PUBLISH_RETRY_DELAY_MS_MAX`].
    pub async fn run(mut self, mut tree: watch::Receiver<TreeHead>, interval: Duration) {
        let retry_delay_max = Duration::from_millis(PUBLISH_RETRY_DELAY_MS_MAX).max(interval);
        let mut retry_delay = interval;
        loop {
            let head = *tree.borrow_and_update();
            match self.publish().await {
                Ok(_) => retry_delay = interval,
                Err(error) => {
                    tracing::warn!(size = head.size, %error, "checkpoint not published yet");
                    // A retry delay, not synchronization: the witnesses may be restarting.
                    tokio::time::sleep(retry_delay).await;
                    retry_delay = retry_delay.saturating_mul(2).min(retry_delay_max);
                    if tree.has_changed().is_err() {
                        return;
                    }
                    continue;
                }
            }
            tokio::time::sleep(interval).await;
            if tree.changed().await.is_err() {
                return;
            }
        }
    }
}

/// Where the node reaches the charter's witnesses: operational configuration, not log data.
#[derive(Clone, Debug, Default)]
pub struct WitnessConfig {
    /// Witness name (as in the charter) and its URL prefix (`POST <url>/add-checkpoint`).
    pub urls: Vec<(String, String)>,
    /// Timeouts and retries of each request.
    pub client: ClientConfig,
    /// VRF keys this process holds for parties, in place of their witnesses' answers to
    /// draws: only for a demo or a test that runs no witnesses. A deployment leaves it
    /// empty, so that each party's contribution comes from that party's witness.
    pub local_vrf_keys: Vec<(passage_core::Ident, passage_core::draw::VrfSecretKey)>,
}

impl WitnessConfig {
    /// Checks the witnesses given a URL against a recovered state's charter (`None`, an
    /// empty log, has none yet: the charter is checked when it arrives, see
    /// [`check_witnesses`]), so that a mistyped name is refused when the node starts
    /// rather than found at its first publication.
    pub fn check_state(
        &self,
        state: Option<&passage_core::State>,
        log_key: &VerifierKey,
    ) -> Result<(), WitnessesNotInCharter> {
        let Some(state) = state else { return Ok(()) };
        let names: Vec<String> = self.urls.iter().map(|(name, _)| name.clone()).collect();
        check_witnesses(state.charter(), &names, log_key)
    }

    /// No witnesses: checkpoints are published with the log's signature alone.
    pub fn none() -> WitnessConfig {
        WitnessConfig::default()
    }

    /// Reads `NAME=URL`.
    pub fn parse_url(text: &str) -> Result<(String, String), String> {
        let (name, url) = text
            .split_once('=')
            .ok_or_else(|| format!("`{text}` is not NAME=URL (a witness name and its URL)"))?;
        if !passage_log::is_valid_key_name(name) {
            return Err(format!("`{name}` is not a witness name"));
        }
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(format!("the URL of witness {name} is not http(s): `{url}`"));
        }
        Ok((name.to_owned(), url.trim_end_matches('/').to_owned()))
    }
}

/// Why the witnesses a node is configured with do not fit a charter.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WitnessesNotInCharter {
    /// A witness is given a URL but the charter does not name it.
    #[error(
        "a URL is configured for the witness `{name}`, which the charter does not name \
         (it names {named}); correct the node's [witnesses] table"
    )]
    NotNamed {
        /// The configured name.
        name: String,
        /// The names the charter gives, joined by `, ` (`none` for none).
        named: String,
    },
    /// The witnesses given a URL cannot cosign enough for the charter's quorum.
    #[error(
        "the witnesses configured ({configured}) cannot meet the charter's quorum, so no \
         checkpoint could be published; give the node's [witnesses] table the URLs of \
         more of the witnesses the charter names ({named})"
    )]
    QuorumUnreachable {
        /// The configured names, joined by `, `.
        configured: String,
        /// The names the charter gives, joined by `, `.
        named: String,
    },
}

/// Checks that every witness in `configured` (the names a node has URLs for) is one the
/// charter names, and that together they can meet the quorum of the charter's trust
/// policy. No names at all is a node that publishes with the log's signature alone, and
/// passes.
pub fn check_witnesses(
    charter: &Charter,
    configured: &[String],
    log_key: &VerifierKey,
) -> Result<(), WitnessesNotInCharter> {
    if configured.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = charter.witnesses.iter().map(|witness| witness.name.as_str()).collect();
    let named = if names.is_empty() { "none".to_owned() } else { names.join(", ") };
    if let Some(name) = configured.iter().find(|name| !names.contains(&name.as_str())) {
        return Err(WitnessesNotInCharter::NotNamed { name: name.clone(), named });
    }
    // A charter whose witness keys make no policy is refused by the core, in its words.
    let Ok(policy) = charter_policy(charter, log_key, &BTreeMap::new()) else { return Ok(()) };
    let reachable: Vec<bool> =
        policy.witnesses().iter().map(|witness| configured.contains(&witness.name)).collect();
    if policy.quorum_met(&reachable) {
        Ok(())
    } else {
        Err(WitnessesNotInCharter::QuorumUnreachable { configured: configured.join(", "), named })
    }
}

/// The trust policy a charter implies for its log, as c2sp.org/tlog-policy text:
///
/// - the log, by `log_key`;
/// - every witness the charter names (with its URL from `urls` when there is one);
/// - one group per party that runs witnesses, met when any of them cosigned;
/// - the quorum: every party of the charter's `quorum.required` that runs witnesses, and
///   at least `quorum.threshold` parties in all (at most the parties that run witnesses).
///
/// A charter without witnesses gives `quorum none`. Witnesses run by no party may cosign
/// but count towards no group.
pub fn charter_policy_text(
    charter: &Charter,
    log_key: &VerifierKey,
    urls: &BTreeMap<String, String>,
) -> Result<String, WitnessPolicyError> {
    let mut text = format!("log {log_key}\n");
    let mut party_groups = Vec::new();
    for witness in &charter.witnesses {
        let key = ed25519_dalek::VerifyingKey::from_bytes(&witness.key.0)
            .map_err(|_| WitnessPolicyError::Key(witness.name.clone()))?;
        let vkey = VerifierKey::new(&witness.name, KeyType::CosignatureV1, key)
            .map_err(|_| WitnessPolicyError::Key(witness.name.clone()))?;
        text.push_str(&format!("witness {} {vkey}", witness.name));
        if let Some(url) = urls.get(&witness.name) {
            text.push_str(&format!(" {url}"));
        }
        text.push('\n');
    }
    let mut required = Vec::new();
    for (index, party) in charter.parties.iter().enumerate() {
        let members: Vec<&str> = charter
            .witnesses
            .iter()
            .filter(|witness| witness.party.as_ref() == Some(&party.id))
            .map(|witness| witness.name.as_str())
            .collect();
        if members.is_empty() {
            continue;
        }
        let group = format!("party-{}", party.id.as_str());
        text.push_str(&format!("group {group} any {}\n", members.join(" ")));
        if charter.quorum.required.contains(&index) {
            required.push(group.clone());
        }
        party_groups.push(group);
    }
    if party_groups.is_empty() {
        text.push_str("quorum none\n");
        return Ok(text);
    }
    let threshold = charter.quorum.threshold.clamp(1, party_groups.len());
    text.push_str(&format!("group parties-threshold {threshold} {}\n", party_groups.join(" ")));
    if required.is_empty() {
        text.push_str("quorum parties-threshold\n");
    } else {
        text.push_str(&format!("group parties-required all {}\n", required.join(" ")));
        text.push_str("group charter-quorum all parties-required parties-threshold\n");
        text.push_str("quorum charter-quorum\n");
    }
    Ok(text)
}

/// Why a charter's witnesses make no policy.
#[derive(Debug, thiserror::Error)]
pub enum WitnessPolicyError {
    /// A witness key is not an Ed25519 public key, or its name is not a key name.
    #[error("witness {0}: its key or name is not valid for cosignature/v1")]
    Key(String),
    /// The policy text does not parse.
    #[error(transparent)]
    Policy(#[from] PolicyError),
}

/// [`charter_policy_text`], parsed.
pub fn charter_policy(
    charter: &Charter,
    log_key: &VerifierKey,
    urls: &BTreeMap<String, String>,
) -> Result<Policy, WitnessPolicyError> {
    Ok(Policy::parse(charter_policy_text(charter, log_key, urls)?.as_bytes())?)
}

/// Consistency proofs from the store's tiles.
pub struct StoreProofs {
    /// The store.
    pub store: Arc<AnyStore>,
}

/// Reads `tiles` from the store into memory (missing ones are left out; the prover names
/// them).
pub async fn load_tiles(store: &AnyStore, tiles: Vec<TileId>) -> Result<MemoryTiles, StoreError> {
    let mut memory = MemoryTiles::new();
    for tile in tiles {
        if let Some(data) = store.hash_tile(tile.level, tile.index, tile.width).await? {
            memory.insert(tile, data);
        }
    }
    Ok(memory)
}

impl ConsistencyProofs for StoreProofs {
    async fn prove(&self, old_size: u64, new_size: u64) -> Result<Vec<Hash>, String> {
        let tiles = passage_log::consistency_tiles(old_size, new_size);
        let tiles = load_tiles(&self.store, tiles).await.map_err(|e| e.to_string())?;
        passage_log::prove_consistency(&tiles, old_size, new_size).map_err(|e| e.to_string())
    }
}

/// The witnesses the charter names, reached at the configured URLs; the checkpoint is
/// accepted once [`charter_policy`] is met.
pub struct CharterWitnesses {
    client: WitnessClient,
    urls: BTreeMap<String, String>,
    log_key: VerifierKey,
    shared: Arc<Shared>,
    proofs: StoreProofs,
    /// Derived once the charter is in (the charter never changes).
    policy: Mutex<Option<Policy>>,
}

impl CharterWitnesses {
    /// Witnesses for the log signed by `log_key`, whose charter is in `shared`'s state.
    pub fn new(
        config: &WitnessConfig,
        log_key: VerifierKey,
        shared: Arc<Shared>,
        store: Arc<AnyStore>,
    ) -> Result<CharterWitnesses, CosignError> {
        Ok(CharterWitnesses {
            client: WitnessClient::new(config.client.clone())?,
            urls: config.urls.iter().cloned().collect(),
            log_key,
            shared,
            proofs: StoreProofs { store },
            policy: Mutex::new(None),
        })
    }

    /// The policy, derived from the charter on first use.
    pub fn policy(&self) -> Result<Policy, WitnessError> {
        let mut cached = self.policy.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(policy) = cached.as_ref() {
            return Ok(policy.clone());
        }
        let derived = self
            .shared
            .read_state(|state| {
                let charter = state.charter();
                for name in self.urls.keys() {
                    if !charter.witnesses.iter().any(|witness| &witness.name == name) {
                        tracing::warn!(
                            witness = name,
                            "a URL is configured for a witness the charter does not name"
                        );
                    }
                }
                charter_policy(charter, &self.log_key, &self.urls)
            })
            .ok_or(WitnessError::NoCharter)?;
        let policy = derived?;
        *cached = Some(policy.clone());
        Ok(policy)
    }
}

impl Witnesses for CharterWitnesses {
    fn cosign<'a>(
        &'a self,
        signed_note: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<String, WitnessError>> + Send + 'a>> {
        Box::pin(async move {
            let policy = self.policy()?;
            let report = self.client.cosign_with(&policy, signed_note, &self.proofs).await?;
            match report.quorum {
                Ok(()) => Ok(report.note),
                Err(_) => Err(WitnessError::QuorumNotMet(report.witnesses)),
            }
        })
    }
}
