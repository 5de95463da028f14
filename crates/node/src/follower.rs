//! Several API nodes on one database: exactly one leads (sequences and publishes), the
//! others follow. A follower serves reads from the store and from a state it keeps up to
//! date by replaying the entries the leader commits, forwards writes
//! (`POST /v1/statements*`) to the leader's advertised address, and takes over when the
//! leader's database lock lapses.
//!
//! ```text
//! start: open store, recover; try the leadership
//!   won  -> lead: sequencer + publisher, advertise api_url in the store
//!   lost -> follow: replay new entries every FOLLOW_INTERVAL_MS, forward writes,
//!           wait for the leadership -> recover -> lead
//! lead -> the sequencer stops because another node leads (epoch fence, or the lock
//!         lapsed) -> stop publishing, release, recover from the store -> follow
//! lead -> the sequencer gives up (the store keeps failing, or the leadership cannot be
//!         confirmed) -> the same, and the node stands again only after STAND_DOWN_MS,
//!         so that a node whose store works takes over
//! ```
//!
//! The election is the store's (a PostgreSQL advisory lock, or a file lock beside a SQLite
//! database), and each election raises the store's leadership epoch, which every batch's
//! transaction checks: a leader cut off from its lock commits nothing once a successor is
//! elected. The log cannot fork whatever happens here, because the store also refuses a
//! batch that does not start at the log's current size.

use crate::api::errors::{ErrorBody, RETRY_AFTER_SECONDS};
use crate::api::{self, AppState, BODY_BYTES_MAX};
use crate::sequencer::{self, SEQUENCER_QUEUE_MAX, Sequencer, Shared, Stop, TreeHead};
use crate::{NodeConfig, NodeError, publisher};
use axum::body::Body;
use axum::extract::{Request, State as AxumState};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use passage_core::Entry;
use passage_log::Appender;
use passage_store::{AnyStore, EntryCursor, Store};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, watch};

/// How often a follower reads the entries the leader committed since its last look.
pub const FOLLOW_INTERVAL_MS: u64 = 200;
/// Entries a follower replays per read.
const FOLLOW_CHUNK: u32 = 4_096;
/// Longest wait for the leader to answer a forwarded write: a full batch commits well
/// within it, and a client retries after a 503.
pub const FORWARD_TIMEOUT_MS_MAX: u64 = 30_000;
/// Longest wait to connect to the leader: on one network a live leader answers at once.
const FORWARD_CONNECT_TIMEOUT_MS: u64 = 2_000;
/// Largest answer of the leader a follower relays: a batch's answer is one outcome per
/// statement, an acknowledgement or an error body of well under 2 KiB, so
/// [`STATEMENTS_PER_REQUEST_MAX`](crate::api::statements::STATEMENTS_PER_REQUEST_MAX)
/// outcomes fit in 2 MiB; 8 MiB leaves four times that, and a leader (or whatever answers
/// at its advertised address) cannot make a follower hold more.
pub const FORWARDED_ANSWER_BYTES_MAX: usize = 8 << 20;
/// How long a node whose sequencer gave up (its store kept failing) waits before standing
/// for election again: long enough for a waiting follower to take the released lock
/// first, short enough that a node alone resumes soon after its store heals.
pub const STAND_DOWN_MS: u64 = 10_000;
/// How often a node retries recovering the log from the store after a failed recovery.
const RECOVERY_RETRY_MS: u64 = 1_000;
/// Header naming the leader's address in a follower's 503.
pub const LEADER_HEADER: &str = "passage-leader";
/// Header a follower adds to a forwarded write, so that a write is never forwarded twice
/// (a stale advertisement naming a follower would otherwise loop).
const FORWARDED_HEADER: &str = "passage-forwarded";

/// What a node of a group on one database runs with.
#[derive(Clone, Debug)]
pub struct GroupConfig {
    /// The node's own configuration.
    pub node: NodeConfig,
    /// The base URL other nodes forward writes to while this node leads; `None` takes
    /// `http://` and the bound address.
    pub advertise: Option<String>,
    /// The charter's witnesses and where to reach them (none: checkpoints carry the log's
    /// signature alone).
    pub witnesses: crate::publisher::WitnessConfig,
    /// The base URLs the group's nodes advertise: a follower forwards writes only to a
    /// leader whose advertised address is one of them, since whoever can write the
    /// database's leader row could otherwise collect every write. Empty: no address is
    /// one, and a follower refuses writes (503 `group_not_configured`, naming the address
    /// the store gives for the leader and the `group_members` setting to add it to); a
    /// node alone leads and never forwards.
    pub members: Vec<String>,
}

/// Whether the node sequences.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Serves reads and forwards writes.
    Follower,
    /// Sequences and publishes.
    Leader,
}

/// A running node of a group.
pub struct GroupNode {
    /// The address it serves.
    pub address: SocketAddr,
    /// The handlers' state.
    pub app_state: AppState,
    /// Its role: follower until elected, leader until another node leads.
    pub role: watch::Receiver<Role>,
    shutdown: watch::Sender<bool>,
    server: tokio::task::JoinHandle<()>,
    election: tokio::task::JoinHandle<()>,
}

/// What a follower's forwarding needs.
#[derive(Clone)]
struct Forwarder {
    store: Arc<AnyStore>,
    role: watch::Receiver<Role>,
    http: reqwest::Client,
    /// The configured group's base URLs, without a trailing `/`; empty: any.
    members: Arc<[String]>,
}

impl Forwarder {
    /// Whether `leader`, as read from the store, is a configured member of the group. With
    /// no group configured, no address is: the store alone never decides where writes go.
    fn is_member(&self, leader: &str) -> bool {
        self.members.iter().any(|member| member == leader.trim_end_matches('/'))
    }
}

/// The tasks of a node while it leads.
struct Leading {
    sequencer: tokio::task::JoinHandle<Stop>,
    publisher: tokio::task::JoinHandle<()>,
}

/// What the election task needs to turn a follower into the leader, and back.
struct Candidate {
    store: Arc<AnyStore>,
    shared: Arc<Shared>,
    queue: Option<mpsc::Receiver<sequencer::Submission>>,
    /// The same queue's sending side, for the drawer's statements.
    queue_sender: mpsc::Sender<sequencer::Submission>,
    tree: watch::Receiver<TreeHead>,
    config: NodeConfig,
    witnesses: crate::publisher::WitnessConfig,
    api_url: String,
    role: watch::Sender<Role>,
    /// No group members are configured and this has not been said yet: it is said when
    /// the node first follows, the one time forwarding (which the members would limit)
    /// happens. A node alone, which leads from its start, says nothing of a group.
    members_unset: bool,
}

impl GroupNode {
    /// Opens the store, recovers, leads if no other node does (or follows until it can),
    /// and serves.
    pub async fn start(config: GroupConfig) -> Result<GroupNode, NodeError> {
        config.node.validate()?;
        let store = Arc::new(AnyStore::open(config.node.store.clone()).await?);
        let (state, appender) = sequencer::recover(&store).await?;
        config.node.check_charter(state.as_ref())?;
        config.witnesses.check_state(state.as_ref(), &config.node.log_key.verifier_key())?;
        let (tree, tree_receiver) =
            watch::channel(TreeHead { size: appender.size(), root: appender.root() });
        let shared = Arc::new(Shared::new(state, tree));
        let (queue, queue_receiver) = mpsc::channel(SEQUENCER_QUEUE_MAX);
        let verifier = Arc::new(crate::verify::Verifier::new()?);
        let app_state = AppState::new(store.clone(), shared.clone(), queue.clone(), verifier)
            .with_identity(crate::identity(&config.node, &config.witnesses));
        let listener = tokio::net::TcpListener::bind(config.node.listen)
            .await
            .map_err(|source| NodeError::Listen { address: config.node.listen, source })?;
        let address = listener
            .local_addr()
            .map_err(|source| NodeError::Listen { address: config.node.listen, source })?;
        let api_url = config.advertise.clone().unwrap_or_else(|| format!("http://{address}"));
        let (role_sender, role) = watch::channel(Role::Follower);
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(FORWARD_TIMEOUT_MS_MAX))
            .connect_timeout(Duration::from_millis(FORWARD_CONNECT_TIMEOUT_MS))
            .build()
            .map_err(|error| NodeError::Config(format!("HTTP client: {error}")))?;
        let members_unset = config.members.is_empty();
        let members: Arc<[String]> =
            config.members.iter().map(|member| member.trim_end_matches('/').to_owned()).collect();
        let forwarder = Forwarder { store: store.clone(), role: role.clone(), http, members };
        let router = api::app(app_state.clone())
            .layer(axum::middleware::from_fn_with_state(forwarder, forward_writes))
            .layer(tower::limit::ConcurrencyLimitLayer::new(
                config.node.connections.connections_max,
            ));
        let limits = config.node.connections.clone();
        let mut candidate = Candidate {
            store,
            shared,
            queue: Some(queue_receiver),
            queue_sender: queue,
            tree: tree_receiver,
            config: config.node,
            witnesses: config.witnesses,
            api_url,
            role: role_sender,
            members_unset,
        };
        // A node alone leads before it answers its first request.
        let election = if candidate.store.try_acquire_leadership().await? {
            let leading = candidate.lead(appender).await?;
            tokio::spawn(candidate.run(Some(leading), Appender::new()))
        } else {
            tracing::info!("another node leads; following");
            candidate.warn_if_members_unset();
            tokio::spawn(candidate.run(None, appender))
        };
        let (shutdown, server) = crate::serve(listener, router, limits);
        tracing::info!(%address, "serving");
        Ok(GroupNode { address, app_state, role, shutdown, server, election })
    }

    /// Stops accepting requests, waits for those in flight, stops following, and gives up
    /// the leadership so another node may sequence.
    pub async fn stop(self) {
        self.shutdown.send_replace(true);
        let _ = self.server.await;
        self.election.abort();
        let _ = self.election.await;
        if let Err(error) = self.app_state.store.release_leadership().await {
            tracing::warn!(%error, "leadership not released; it lapses with the connection");
        }
    }
}

impl Candidate {
    /// Says once, when the node follows, that it refuses writes while no group members are
    /// configured: it forwards only to a configured member.
    fn warn_if_members_unset(&mut self) {
        if std::mem::take(&mut self.members_unset) {
            tracing::warn!(
                "no group members configured: this follower refuses writes \
                 (group_not_configured) rather than forward them to an address it cannot check"
            );
        }
    }

    /// Leads while elected and follows otherwise, for as long as the node runs. `appender`
    /// is the followed tree when not leading.
    async fn run(mut self, mut leading: Option<Leading>, mut appender: Appender) {
        let mut stand_after = tokio::time::Instant::now();
        loop {
            if let Some(Leading { sequencer, publisher }) = leading.take() {
                let stop = sequencer.await;
                publisher.abort();
                match stop {
                    Ok(Stop::LeadershipLost(queue)) => self.queue = Some(queue),
                    Ok(Stop::Drained) => return,
                    Ok(Stop::StoreFailing(queue)) => {
                        tracing::error!(
                            stand_down_ms = STAND_DOWN_MS,
                            "the store keeps failing; giving up the leadership"
                        );
                        self.queue = Some(queue);
                        stand_after =
                            tokio::time::Instant::now() + Duration::from_millis(STAND_DOWN_MS);
                    }
                    Err(error) => {
                        // The queue went with the task: this node can no longer sequence,
                        // but it gives the leadership up and goes on serving reads and
                        // forwarding writes.
                        tracing::error!(%error, "the sequencer failed; giving up the leadership for good");
                    }
                }
                self.role.send_replace(Role::Follower);
                self.warn_if_members_unset();
                if let Err(error) = self.store.release_leadership().await {
                    tracing::warn!(%error, "leadership not released; it lapses with the connection");
                }
                // The shared state may hold statements applied but never committed: take
                // it from the store again.
                appender = self.recover_until_done().await;
                tracing::info!("another node leads, or may; following");
            }
            let Some(recovered) = self.follow_until_elected(&mut appender, stand_after).await
            else {
                // The log did not recover after the election: give the lock up and retry.
                if let Err(error) = self.store.release_leadership().await {
                    tracing::warn!(%error, "leadership not released; it lapses with the connection");
                }
                stand_after = tokio::time::Instant::now() + Duration::from_millis(STAND_DOWN_MS);
                appender = self.recover_until_done().await;
                continue;
            };
            match self.lead(recovered).await {
                Ok(started) => leading = Some(started),
                Err(error) => {
                    tracing::error!(%error, "this node could not start leading; giving it up");
                    if let Err(error) = self.store.release_leadership().await {
                        tracing::warn!(%error, "leadership not released; it lapses with the connection");
                    }
                    stand_after =
                        tokio::time::Instant::now() + Duration::from_millis(STAND_DOWN_MS);
                    appender = self.recover_until_done().await;
                }
            }
        }
    }

    /// Recovers the log from the store, retrying every [`RECOVERY_RETRY_MS`] while it
    /// fails (a store out of reach heals; a corrupt log is logged on every attempt).
    async fn recover_until_done(&self) -> Appender {
        loop {
            if let Some(appender) = self.recover().await {
                return appender;
            }
            tokio::time::sleep(Duration::from_millis(RECOVERY_RETRY_MS)).await;
        }
    }

    /// Replaces the shared state with the store's, and returns the stored tree.
    async fn recover(&self) -> Option<Appender> {
        match sequencer::recover(&self.store).await {
            Ok((state, appender)) => {
                self.shared.reset(state, TreeHead { size: appender.size(), root: appender.root() });
                Some(appender)
            }
            Err(error) => {
                tracing::error!(%error, "the log does not recover from the store");
                None
            }
        }
    }

    /// Follows the log until the leadership is won, then recovers to lead (`None` if the
    /// log does not recover).
    /// It stands for election from `stand_after` on, and only while it holds the queue a
    /// sequencer needs.
    async fn follow_until_elected(
        &mut self,
        appender: &mut Appender,
        stand_after: tokio::time::Instant,
    ) -> Option<Appender> {
        let mut ticker = tokio::time::interval(Duration::from_millis(FOLLOW_INTERVAL_MS));
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let store = self.store.clone();
        let may_lead = self.queue.is_some();
        let stand = |store: Arc<AnyStore>| async move {
            tokio::time::sleep_until(stand_after).await;
            if !may_lead {
                std::future::pending::<()>().await;
            }
            store.acquire_leadership().await
        };
        let won = stand(store.clone());
        tokio::pin!(won);
        loop {
            tokio::select! {
                result = &mut won => match result {
                    Ok(()) => break,
                    Err(error) => {
                        tracing::error!(%error, "waiting for the leadership failed; following");
                        won.set(stand(store.clone()));
                    }
                },
                _ = ticker.tick() => {
                    // A write that reached the queue as this node stepped down is not
                    // sequenced here: answer it, so that it is resubmitted to the leader.
                    if let Some(queue) = self.queue.as_mut() {
                        while let Ok(submission) = queue.try_recv() {
                            let _ = submission.reply.send(Err(sequencer::SubmitError::Unavailable));
                        }
                    }
                    if let Err(error) = catch_up(&self.store, &self.shared, appender).await {
                        tracing::error!(%error, "following the log failed; retrying");
                    }
                }
            }
        }
        tracing::info!("the leadership is ours; recovering to lead");
        // Recover from the store rather than trust the followed state: it checks the
        // stored tiles and checkpoint as a restart would. The election raised the epoch
        // first, so no batch of the previous leader commits after this reads the log.
        self.recover().await
    }

    /// Starts the sequencer and the publisher, advertises this node, and turns the role to
    /// leader.
    async fn lead(&mut self, appender: Appender) -> Result<Leading, NodeError> {
        let published_size =
            self.store.latest_published_checkpoint().await?.map_or(0, |row| row.tree_size);
        // The group's nodes may be configured apart: one that took over a log whose
        // charter is not its own must not write to it.
        self.shared.read_state(|state| self.config.check_charter(Some(state))).transpose()?;
        let log_key = self.config.log_key.verifier_key();
        self.shared
            .read_state(|state| self.witnesses.check_state(Some(state), &log_key))
            .transpose()?;
        let sequencer = Sequencer::new(
            self.store.clone(),
            self.shared.clone(),
            appender,
            self.config.charter_sha256,
        )
        .with_snapshot_interval(self.config.snapshot_interval_entries)
        .with_witnesses(crate::witness_names(&self.witnesses), log_key);
        let cosigners = crate::cosigners(&self.witnesses, &self.config, &self.shared, &self.store)?;
        self.store.advertise_leader(&self.api_url).await?;
        let queue = self
            .queue
            .take()
            .ok_or_else(|| NodeError::Config("the sequencer's queue is already taken".into()))?;
        let sequencer = tokio::spawn(sequencer.run(queue));
        let published = crate::spawn_drawer(
            &self.witnesses,
            &self.config,
            &self.shared,
            &self.store,
            &self.queue_sender,
            published_size,
        )?;
        let publisher = publisher::Publisher {
            store: self.store.clone(),
            shared: self.shared.clone(),
            log_key: self.config.log_key.clone(),
            witnesses: cosigners,
            published_size,
            published: Some(published),
        };
        let publisher =
            tokio::spawn(publisher.run(self.tree.clone(), self.config.checkpoint_interval));
        self.role.send_replace(Role::Leader);
        tracing::info!(api_url = %self.api_url, epoch = ?self.store.leadership_epoch(), "leading");
        Ok(Leading { sequencer, publisher })
    }
}

/// Replays the entries committed since the follower's last look into its state and tree.
async fn catch_up(
    store: &AnyStore,
    shared: &Shared,
    appender: &mut Appender,
) -> Result<(), NodeError> {
    let mut cursor = EntryCursor::new(appender.size(), FOLLOW_CHUNK);
    while let Some(entries) = cursor.next_chunk(store).await? {
        let mut guard = shared.state.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        let first_index = appender.size();
        // The state before the chunk (a copy sharing its collections), for the totals.
        let before = guard.clone();
        let mut touched = Vec::new();
        for stored in entries {
            let index = stored.index;
            let replay = |reason: String| sequencer::RecoveryError::Replay { index, reason };
            let entry = Entry::decode(&stored.bytes).map_err(|error| replay(error.to_string()))?;
            let events = passage_core::fold::apply_entry(&mut guard, index, &entry)
                .map_err(|refusal| replay(refusal.to_string()))?;
            touched.extend(events.iter().filter_map(crate::projection::event_movement));
            let appended =
                appender.append(&stored.bytes).map_err(|error| replay(error.to_string()))?;
            assert_eq!(appended, index, "a follower replays the log in order");
        }
        let after = guard.clone();
        drop(guard);
        // The tiles are the leader's to write.
        appender.take_changes();
        let started = shared.committed();
        let mut totals = started.totals.clone();
        totals.advance(before.as_ref(), after.as_ref(), first_index, &touched);
        let head = TreeHead { size: appender.size(), root: appender.root() };
        shared.set_committed(Arc::new(crate::figures::Committed {
            head,
            state: after,
            totals,
            lineage: started.lineage,
        }));
    }
    Ok(())
}

/// A follower's answer when it cannot pass a write on.
fn unavailable(message: String, leader: Option<&str>) -> Response {
    let body = ErrorBody { error: "leader_unavailable".into(), message };
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, axum::Json(body)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
    if let Some(value) = leader.and_then(|leader| HeaderValue::from_str(leader).ok()) {
        headers.insert(HeaderName::from_static(LEADER_HEADER), value);
    }
    response
}

/// The refusal of a write by a follower with no configured group: 503, because the node
/// cannot take the write now and may once it leads, but without `Retry-After`, since only
/// its operator can make it forward (and without the `passage-leader` header, since the
/// address is unchecked). The message names the address the store gives, for the operator
/// to check and add.
fn group_not_configured(leader: &str) -> Response {
    let body = ErrorBody {
        error: "group_not_configured".into(),
        message: format!(
            "this node does not lead, and forwards writes only to a configured member of its \
             group; none is configured. The store names {leader} as the leader: if that is a \
             node of this group, add it to `group_members` (--group-member, \
             PASSAGE_GROUP_MEMBERS) on every node"
        ),
    };
    (StatusCode::SERVICE_UNAVAILABLE, axum::Json(body)).into_response()
}

/// Passes every request through while this node leads; while it follows, sends writes to
/// the leader and relays its answer.
async fn forward_writes(
    AxumState(forwarder): AxumState<Forwarder>,
    request: Request,
    next: Next,
) -> Response {
    let is_write =
        request.method() == Method::POST && request.uri().path().starts_with("/v1/statements");
    if !is_write || *forwarder.role.borrow() == Role::Leader {
        return next.run(request).await;
    }
    if request.headers().contains_key(FORWARDED_HEADER) {
        return unavailable(
            "this node follows and does not forward a forwarded write; retry shortly".into(),
            None,
        );
    }
    let leader = match forwarder.store.leader().await {
        Ok(Some(leader)) => leader.api_url,
        Ok(None) => return unavailable("no leader is elected yet; retry shortly".into(), None),
        Err(error) => {
            tracing::error!(%error, "reading the leader's address");
            return unavailable("the leader's address cannot be read; retry shortly".into(), None);
        }
    };
    if forwarder.members.is_empty() {
        // The store names a leader, but this node was told of no group to check it against:
        // the address may be a node's, or whoever wrote the database's. Send it nothing,
        // and tell the operator what to add.
        tracing::error!(
            %leader,
            "the store names a leader but no group members are configured; not forwarding the write"
        );
        return group_not_configured(&leader);
    }
    if !forwarder.is_member(&leader) {
        // The leader row names a node outside the configured group: someone wrote the
        // database, or the configuration lags behind the group. Send it nothing.
        tracing::error!(
            %leader,
            "the advertised leader is not in the configured group; not forwarding the write"
        );
        return unavailable(
            "the leader's advertised address is not a member of this group; retry later".into(),
            None,
        );
    }
    let path = request.uri().path_and_query().map_or("/", |path| path.as_str()).to_owned();
    let content_type = request.headers().get(header::CONTENT_TYPE).cloned();
    let body = match axum::body::to_bytes(request.into_body(), BODY_BYTES_MAX).await {
        Ok(body) => body,
        Err(_) => {
            let body = ErrorBody {
                error: "too_large".into(),
                message: format!("a request body is at most {BODY_BYTES_MAX} bytes"),
            };
            return (StatusCode::PAYLOAD_TOO_LARGE, axum::Json(body)).into_response();
        }
    };
    let url = format!("{}{path}", leader.trim_end_matches('/'));
    let mut forwarded = forwarder.http.post(&url).header(FORWARDED_HEADER, "1").body(body);
    if let Some(content_type) = content_type {
        forwarded = forwarded.header(header::CONTENT_TYPE, content_type);
    }
    let answer = match forwarded.send().await {
        Ok(answer) => answer,
        Err(error) => {
            tracing::warn!(%error, %leader, "the leader does not answer");
            return unavailable(
                format!("the leader at {leader} does not answer; retry shortly"),
                Some(&leader),
            );
        }
    };
    let status = answer.status();
    let content_type = answer.headers().get(header::CONTENT_TYPE).cloned();
    match passage_peer::read_body(answer, FORWARDED_ANSWER_BYTES_MAX).await {
        Ok(bytes) => {
            let mut response = Response::new(Body::from(bytes));
            *response.status_mut() = status;
            if let Some(content_type) = content_type {
                response.headers_mut().insert(header::CONTENT_TYPE, content_type);
            }
            response
        }
        Err(error) => {
            tracing::warn!(%error, %leader, "the leader's answer was cut or too large");
            // The write may have been committed: resubmitting it is safe, a duplicate is
            // answered with its first entry.
            unavailable(
                format!("the leader at {leader} did not finish answering; resubmit"),
                Some(&leader),
            )
        }
    }
}
