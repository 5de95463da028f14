//! The node: what a monitoring mission runs. It takes signed statements over HTTP, applies
//! the core, appends them durably to the log, publishes checkpoints and tiles, and answers
//! queries.
//!
//! ```text
//! HTTP handler: decode, size; signatures on a pool of one thread per core; key known
//!   -> sequencer (one task): core.apply (an arrival's lanes wait for their draw)
//!   -> store.append_batch: entries + tiles + projections, one durable commit
//!   -> acknowledgement with the entry index
//! publisher (timer): sign a checkpoint when the tree grew -> witnesses -> publish
//! drawer (each publication): pending draws -> each party's witness -> `draw` statement
//! ```
//!
//! [`Node::start`] recovers the state from the store (replaying the log, checking the
//! stored tiles and the latest checkpoint), then serves [`api::app`] on the configured
//! address.

pub mod api;
pub mod confidential;
pub mod daily_report;
pub mod dashboard;
pub mod drawer;
pub mod figures;
pub mod folder_server;
pub mod follower;
pub mod openapi;
pub mod projection;
pub mod publisher;
pub mod sequencer;
pub mod snapshot;
pub mod terminal;
pub mod verify;

use passage_log::SigningKey;
use passage_store::{AnyStore, Store, StoreConfig, StoreError};
use sequencer::{RecoveryError, SEQUENCER_QUEUE_MAX, Sequencer, Shared, TreeHead};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, watch};

/// Shortest checkpoint interval: below it a node spends its time signing and storing notes.
pub const CHECKPOINT_INTERVAL_MS_MIN: u64 = 10;
/// Longest checkpoint interval: witnesses expect a fresh checkpoint within a minute.
pub const CHECKPOINT_INTERVAL_MS_MAX: u64 = 60_000;

/// What a node runs with; validated by [`NodeConfig::validate`].
#[derive(Clone, Debug)]
pub struct NodeConfig {
    /// Where to listen (port 0 picks a free port).
    pub listen: SocketAddr,
    /// The store.
    pub store: StoreConfig,
    /// The log's signing key; its name is the log's origin.
    pub log_key: SigningKey,
    /// How often to sign a checkpoint when the tree grew.
    pub checkpoint_interval: Duration,
    /// Entries between two state snapshots (normally
    /// [`snapshot::SNAPSHOT_INTERVAL_ENTRIES`]): a restart replays at most this many.
    pub snapshot_interval_entries: u64,
    /// The server's connection caps and timeouts (normally
    /// `passage_serve::Config::new(ErrorFormat::Json)`).
    pub connections: passage_serve::Config,
    /// SHA-256 of the charter document (the TOML text entry 0 carries) this node serves.
    /// An empty node sequences no other charter, and a node refuses to start on a store
    /// whose entry 0 is another: whoever reaches a new node first cannot make it serve a
    /// corridor of their own. The hash, rather than the authority keys that may sign it,
    /// because the parties agree on one document: any one party's authority key could sign
    /// a charter the others never agreed to.
    pub charter_sha256: [u8; 32],
}

/// Why a node did not start.
#[derive(Debug, thiserror::Error)]
pub enum NodeError {
    /// The configuration is invalid.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The stored log does not recover.
    #[error(transparent)]
    Recovery(#[from] RecoveryError),
    /// The signature verification threads did not start.
    #[error(transparent)]
    Verify(#[from] verify::VerifyError),
    /// The store's entry 0 is not the charter the node was configured for.
    #[error(
        "the log's charter document has SHA-256 {stored}, not the configured {configured}: \
         this store holds another corridor's log"
    )]
    CharterMismatch {
        /// The configured hash, in hexadecimal.
        configured: String,
        /// The hash of the stored charter document, in hexadecimal.
        stored: String,
    },
    /// The witnesses given URLs do not fit the stored charter.
    #[error(transparent)]
    Witnesses(#[from] publisher::WitnessesNotInCharter),
    /// The address could not be bound.
    #[error("cannot listen on {address}: {source}")]
    Listen {
        /// Address.
        address: SocketAddr,
        /// Cause.
        source: std::io::Error,
    },
}

impl NodeConfig {
    /// Checks the limits.
    pub fn validate(&self) -> Result<(), NodeError> {
        let interval = self.checkpoint_interval.as_millis() as u64;
        if !(CHECKPOINT_INTERVAL_MS_MIN..=CHECKPOINT_INTERVAL_MS_MAX).contains(&interval) {
            return Err(NodeError::Config(format!(
                "checkpoint interval is {CHECKPOINT_INTERVAL_MS_MIN} to \
                 {CHECKPOINT_INTERVAL_MS_MAX} ms, not {interval}"
            )));
        }
        self.connections.validate().map_err(|error| NodeError::Config(error.to_string()))?;
        let snapshot = self.snapshot_interval_entries;
        if !(1..=snapshot::SNAPSHOT_INTERVAL_ENTRIES_MAX).contains(&snapshot) {
            return Err(NodeError::Config(format!(
                "snapshot interval is 1 to {} entries, not {snapshot}",
                snapshot::SNAPSHOT_INTERVAL_ENTRIES_MAX
            )));
        }
        Ok(())
    }

    /// Checks that a recovered state (`None` for an empty log) is of the configured
    /// charter.
    pub fn check_charter(&self, state: Option<&passage_core::State>) -> Result<(), NodeError> {
        match state {
            Some(state) if *state.charter_document_hash() != self.charter_sha256 => {
                Err(NodeError::CharterMismatch {
                    configured: hex::encode(self.charter_sha256),
                    stored: hex::encode(state.charter_document_hash()),
                })
            }
            _ => Ok(()),
        }
    }
}

/// A running node.
pub struct Node {
    /// The address it serves.
    pub address: SocketAddr,
    /// The handlers' state (also usable in-process).
    pub app_state: api::AppState,
    shutdown: watch::Sender<bool>,
    server: tokio::task::JoinHandle<()>,
}

impl Node {
    /// Opens the store, leads the log (waiting if another node does), recovers, and serves;
    /// checkpoints are published with the log's signature alone.
    pub async fn start(config: NodeConfig) -> Result<Node, NodeError> {
        Node::start_with_witnesses(config, publisher::WitnessConfig::none()).await
    }

    /// As [`Node::start`], and each checkpoint is published once the witnesses the charter
    /// names (reached at `witnesses.urls`) meet the charter's policy. With no URLs, as
    /// [`Node::start`].
    pub async fn start_with_witnesses(
        config: NodeConfig,
        witnesses: publisher::WitnessConfig,
    ) -> Result<Node, NodeError> {
        config.validate()?;
        if witnesses.urls.len() > publisher::WITNESS_URLS_MAX {
            return Err(NodeError::Config(format!(
                "at most {} witness URLs",
                publisher::WITNESS_URLS_MAX
            )));
        }
        let store = Arc::new(AnyStore::open(config.store.clone()).await?);
        store.acquire_leadership().await?;
        let started = std::time::Instant::now();
        let snapshot::Recovered { state, appender, replayed_from } =
            snapshot::recover(&store).await?;
        tracing::info!(
            entries = appender.size(),
            replayed_from,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "recovered"
        );
        config.check_charter(state.as_ref())?;
        witnesses.check_state(state.as_ref(), &config.log_key.verifier_key())?;
        let published_size =
            store.latest_published_checkpoint().await?.map_or(0, |row| row.tree_size);
        let (tree, tree_receiver) =
            watch::channel(TreeHead { size: appender.size(), root: appender.root() });
        let shared = Arc::new(Shared::new(state, tree));
        let (queue, queue_receiver) = mpsc::channel(SEQUENCER_QUEUE_MAX);
        let sequencer =
            Sequencer::new(store.clone(), shared.clone(), appender, config.charter_sha256)
                .with_snapshot_interval(config.snapshot_interval_entries)
                .with_witnesses(witness_names(&witnesses), config.log_key.verifier_key());
        tokio::spawn(sequencer.run(queue_receiver));
        let cosigners = cosigners(&witnesses, &config, &shared, &store)?;
        let published = spawn_drawer(&witnesses, &config, &shared, &store, &queue, published_size)?;
        let publisher = publisher::Publisher {
            store: store.clone(),
            shared: shared.clone(),
            log_key: config.log_key.clone(),
            witnesses: cosigners,
            published_size,
            published: Some(published),
        };
        tokio::spawn(publisher.run(tree_receiver, config.checkpoint_interval));
        let verifier = Arc::new(verify::Verifier::new()?);
        let app_state = api::AppState::new(store, shared, queue, verifier)
            .with_identity(identity(&config, &witnesses));
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|source| NodeError::Listen { address: config.listen, source })?;
        let address = listener
            .local_addr()
            .map_err(|source| NodeError::Listen { address: config.listen, source })?;
        let router = api::app(app_state.clone())
            .layer(tower::limit::ConcurrencyLimitLayer::new(config.connections.connections_max));
        let (shutdown, server) = serve(listener, router, config.connections.clone());
        tracing::info!(%address, "serving");
        Ok(Node { address, app_state, shutdown, server })
    }

    /// Stops accepting requests, waits for those in flight, and gives up the leadership
    /// so another node may sequence.
    pub async fn stop(self) {
        self.shutdown.send_replace(true);
        let _ = self.server.await;
        if let Err(error) = self.app_state.store.release_leadership().await {
            tracing::warn!(%error, "leadership not released; it lapses with the connection");
        }
    }
}

/// Serves `router` on `listener` within `limits` until the returned sender says stop.
pub(crate) fn serve(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    limits: passage_serve::Config,
) -> (watch::Sender<bool>, tokio::task::JoinHandle<()>) {
    let (shutdown, mut shutdown_receiver) = watch::channel(false);
    let server = tokio::spawn(async move {
        let stop = async move {
            let _ = shutdown_receiver.wait_for(|stop| *stop).await;
        };
        // The limits were validated with the configuration, so this does not fail.
        if let Err(error) = passage_serve::serve(listener, router, limits, stop).await {
            tracing::error!(%error, "the server did not start");
        }
    });
    (shutdown, server)
}

/// The names of the witnesses a node has URLs for: what the charter it sequences as
/// entry 0 must name.
pub(crate) fn witness_names(witnesses: &publisher::WitnessConfig) -> Vec<String> {
    witnesses.urls.iter().map(|(name, _)| name.clone()).collect()
}

/// The log's public key and its witnesses' URLs, for the policy the node serves.
pub(crate) fn identity(
    config: &NodeConfig,
    witnesses: &publisher::WitnessConfig,
) -> api::LogIdentity {
    api::LogIdentity {
        log_key: config.log_key.verifier_key(),
        witness_urls: witnesses.urls.iter().cloned().collect(),
    }
}

/// Starts the drawer ([`drawer::Drawer`]) on the sequencer's `queue`; returns what the
/// publisher tells the size of each published checkpoint.
pub(crate) fn spawn_drawer(
    witnesses: &publisher::WitnessConfig,
    config: &NodeConfig,
    shared: &Arc<Shared>,
    store: &Arc<AnyStore>,
    queue: &mpsc::Sender<sequencer::Submission>,
    published_size: u64,
) -> Result<watch::Sender<u64>, NodeError> {
    let (published, published_receiver) = watch::channel(published_size);
    let drawer = drawer::Drawer::new(
        witnesses,
        config.log_key.name().to_owned(),
        shared.clone(),
        store.clone(),
        queue.clone(),
    )
    .map_err(|error| NodeError::Config(error.to_string()))?;
    tokio::spawn(drawer.run(published_receiver));
    Ok(published)
}

/// The charter's witnesses reached at `witnesses.urls`, or `None` without URLs (the
/// checkpoints are then published with the log's signature alone).
pub(crate) fn cosigners(
    witnesses: &publisher::WitnessConfig,
    config: &NodeConfig,
    shared: &Arc<Shared>,
    store: &Arc<AnyStore>,
) -> Result<Option<Arc<dyn publisher::Witnesses>>, NodeError> {
    if witnesses.urls.is_empty() {
        return Ok(None);
    }
    if witnesses.urls.len() > publisher::WITNESS_URLS_MAX {
        return Err(NodeError::Config(format!(
            "at most {} witness URLs",
            publisher::WITNESS_URLS_MAX
        )));
    }
    let charter_witnesses = publisher::CharterWitnesses::new(
        witnesses,
        config.log_key.verifier_key(),
        shared.clone(),
        store.clone(),
    )
    .map_err(|error| NodeError::Config(error.to_string()))?;
    Ok(Some(Arc::new(charter_witnesses)))
}
