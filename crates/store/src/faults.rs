//! A store double that fails on demand (feature `testing`), so that tests can check what a
//! caller promises when its store fails: what it acknowledges, what it reloads, what it
//! answers.
//!
//! [`StoreConfig::Faulty`](crate::StoreConfig::Faulty) opens a real store (SQLite in the
//! tests) and wraps it as [`AnyStore::Faulty`](crate::AnyStore::Faulty), so a node runs its
//! own code over it unchanged. Every call goes to the real store, except that a call a
//! [`Faults`] plan names fails with [`StoreError::Injected`], in one of two ways
//! ([`When`]):
//!
//! - [`When::BeforePersisting`]: the real store is not called, so nothing was written;
//! - [`When::AfterPersisting`]: the real store is called and succeeds, then the caller gets
//!   the error all the same, as when a connection dies after `COMMIT` and the answer is
//!   lost. (If the real store itself fails, its error is passed on.)
//!
//! The calls that can fail ([`FaultPoint`]) are [`Store::append_batch`],
//! [`Store::save_payloads`], [`Store::write_snapshot`] and [`Store::save_snapshot_chunk`].
//! [`Faults::fail`] arms one fault per point: the `nth` call at that point from now on fails
//! once; [`Faults::fail_every`] makes every call at a point fail until it is called again
//! with `None`, as a store that stopped writing does. The plan is shared: a test keeps the `Arc<Faults>` it gave the configuration, arms
//! faults when it is ready, and reads how many calls each point saw ([`Faults::calls`]) and
//! how many it failed ([`Faults::injected`]). [`Faults::hold`] makes the calls at a point
//! wait until [`Faults::release`] (a call counts, and its fault is decided, when it
//! arrives), so a test can stage work behind a call in flight without sleeping;
//! [`Faults::waiting`] says how many wait.
//!
//! Snapshot chunks: a node writes a snapshot with one `write_snapshot` call, which SQLite
//! cuts into chunks inside the backend, out of the double's reach. So while a chunk fault
//! is armed the double writes the snapshot itself the way SQLite does: each chunk through
//! its own `save_snapshot_chunk` (a fault point), then the real store's
//! `complete_snapshot`. A chunk that fails leaves the snapshot incomplete and the previous
//! one in use, as a crash part-way does; the chunks left behind are deleted by the next
//! whole write. With no chunk fault armed, `write_snapshot` goes to the real store whole.
//!
//! A faulty store wraps a real one, never another faulty one: opening
//! `StoreConfig::Faulty` over `StoreConfig::Faulty` is refused.

use crate::check::snapshot_chunks;
use crate::{
    AnyStore, AppendBatch, Appended, PayloadRow, SnapshotChunk, StateSnapshot, Store, StoreError,
};
use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::watch;

/// A store call the double can fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultPoint {
    /// [`Store::append_batch`].
    AppendBatch,
    /// [`Store::save_payloads`].
    SavePayloads,
    /// [`Store::write_snapshot`].
    WriteSnapshot,
    /// [`Store::save_snapshot_chunk`], including the chunks the double writes for a
    /// `write_snapshot` while a chunk fault is armed.
    SaveSnapshotChunk,
}

/// How many fault points there are.
const FAULT_POINTS: usize = 4;

impl FaultPoint {
    /// Its place in the plan's arrays.
    fn slot(self) -> usize {
        match self {
            FaultPoint::AppendBatch => 0,
            FaultPoint::SavePayloads => 1,
            FaultPoint::WriteSnapshot => 2,
            FaultPoint::SaveSnapshotChunk => 3,
        }
    }
}

impl fmt::Display for FaultPoint {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            FaultPoint::AppendBatch => "append_batch",
            FaultPoint::SavePayloads => "save_payloads",
            FaultPoint::WriteSnapshot => "write_snapshot",
            FaultPoint::SaveSnapshotChunk => "save_snapshot_chunk",
        })
    }
}

/// When an injected fault strikes, relative to the real store's work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Before the real store is called: nothing is written.
    BeforePersisting,
    /// After the real store succeeded: everything is written, and the caller is told it
    /// failed.
    AfterPersisting,
}

impl fmt::Display for When {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            When::BeforePersisting => "before the store persisted anything",
            When::AfterPersisting => "after the store persisted it",
        })
    }
}

/// Which call at a point fails, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FailAt {
    /// The call that fails, counted from 1 at the moment the fault is armed.
    pub nth: u64,
    /// Before or after the real store's work.
    pub when: When,
}

/// What one point has seen.
#[derive(Clone, Copy, Debug, Default)]
struct PointState {
    /// Calls so far.
    calls: u64,
    /// Calls failed so far.
    injected: u64,
    /// Calls waiting at the point's gate.
    waiting: u64,
    /// The armed fault: the number of the call that fails (in `calls`' count), and how.
    armed: Option<(u64, When)>,
    /// Whether every call fails, and how, whatever is armed.
    every: Option<When>,
}

/// A fault plan shared by a test and the faulty store it configured. See the module's
/// documentation.
#[derive(Debug)]
pub struct Faults {
    points: Mutex<[PointState; FAULT_POINTS]>,
    /// Per point, whether its calls are held.
    gates: [watch::Sender<bool>; FAULT_POINTS],
}

impl Default for Faults {
    fn default() -> Faults {
        Faults {
            points: Mutex::new([PointState::default(); FAULT_POINTS]),
            gates: std::array::from_fn(|_| watch::Sender::new(false)),
        }
    }
}

impl Faults {
    /// A plan with nothing armed and nothing held, to share.
    pub fn new() -> Arc<Faults> {
        Arc::new(Faults::default())
    }

    fn with_points<T>(&self, read: impl FnOnce(&mut [PointState; FAULT_POINTS]) -> T) -> T {
        read(&mut self.points.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Arms a fault at `point`: the `at.nth` call from now (1: the next one) fails, once.
    /// Replaces a fault armed there before; `nth` 0 disarms.
    pub fn fail(&self, point: FaultPoint, at: FailAt) {
        self.with_points(|points| {
            let state = &mut points[point.slot()];
            state.armed = (at.nth > 0).then(|| (state.calls + at.nth, at.when));
        });
    }

    /// Makes every call at `point` from now on fail, `when` says how; `None` lets them
    /// succeed again (a fault armed with [`Faults::fail`] still strikes).
    pub fn fail_every(&self, point: FaultPoint, when: Option<When>) {
        self.with_points(|points| points[point.slot()].every = when);
    }

    /// Whether a fault is armed at `point` and has not struck yet.
    pub fn armed(&self, point: FaultPoint) -> bool {
        self.with_points(|points| points[point.slot()].armed.is_some())
    }

    /// Calls `point` has seen.
    pub fn calls(&self, point: FaultPoint) -> u64 {
        self.with_points(|points| points[point.slot()].calls)
    }

    /// Calls at `point` that failed with an injected fault (counted once the error is
    /// returned, so after the real store's work for [`When::AfterPersisting`]).
    pub fn injected(&self, point: FaultPoint) -> u64 {
        self.with_points(|points| points[point.slot()].injected)
    }

    /// Makes the calls at `point` wait, once counted, until [`Faults::release`].
    pub fn hold(&self, point: FaultPoint) {
        self.gates[point.slot()].send_replace(true);
    }

    /// Lets the calls held at `point` go on, and later ones pass.
    pub fn release(&self, point: FaultPoint) {
        self.gates[point.slot()].send_replace(false);
    }

    /// Calls waiting at `point`'s gate.
    pub fn waiting(&self, point: FaultPoint) -> u64 {
        self.with_points(|points| points[point.slot()].waiting)
    }

    /// Counts a call at `point`, waits while the point is held, and says whether this call
    /// fails, and how.
    async fn arrive(&self, point: FaultPoint) -> Option<Injection> {
        let injection = self.with_points(|points| {
            let state = &mut points[point.slot()];
            state.calls += 1;
            let call = state.calls;
            match state.armed {
                Some((at, when)) if at == call => {
                    state.armed = None;
                    Some(Injection { point, call, when })
                }
                _ => state.every.map(|when| Injection { point, call, when }),
            }
        });
        let mut gate = self.gates[point.slot()].subscribe();
        if *gate.borrow_and_update() {
            self.with_points(|points| points[point.slot()].waiting += 1);
            // The sender lives in `self`, so the wait ends only with a release.
            let _ = gate.wait_for(|held| !held).await;
            self.with_points(|points| points[point.slot()].waiting -= 1);
        }
        injection
    }

    /// The error of `injection`, counted.
    fn strike(&self, injection: Injection) -> StoreError {
        self.with_points(|points| points[injection.point.slot()].injected += 1);
        StoreError::Injected { point: injection.point, call: injection.call, when: injection.when }
    }
}

/// A call that is to fail.
#[derive(Clone, Copy, Debug)]
struct Injection {
    point: FaultPoint,
    call: u64,
    when: When,
}

/// A real store with a fault plan: what [`AnyStore::Faulty`] holds.
#[derive(Debug)]
pub struct FaultyStore {
    /// A real backend, never another faulty store.
    inner: AnyStore,
    faults: Arc<Faults>,
}

/// Forwards a call to the real backend a faulty store wraps. Matching the real variants
/// here, rather than calling `AnyStore`'s methods, keeps the futures' types from nesting
/// in themselves.
macro_rules! real {
    ($store:ident . $method:ident ( $($argument:expr),* )) => {
        match $store.inner() {
            AnyStore::Sqlite(store) => store.$method($($argument),*).await,
            AnyStore::Postgres(store) => store.$method($($argument),*).await,
            AnyStore::Faulty(_) => unreachable!("a faulty store wraps a real one"),
        }
    };
}
pub(crate) use real;

impl FaultyStore {
    /// Wraps `inner`, a real backend, with the plan `faults`.
    pub fn new(inner: AnyStore, faults: Arc<Faults>) -> Result<FaultyStore, StoreError> {
        if let AnyStore::Faulty(_) = inner {
            return Err(StoreError::InvalidConfig(
                "a faulty store wraps a real store, not another faulty one".into(),
            ));
        }
        Ok(FaultyStore { inner, faults })
    }

    /// The real store underneath.
    pub fn inner(&self) -> &AnyStore {
        &self.inner
    }

    /// The plan.
    pub fn faults(&self) -> &Arc<Faults> {
        &self.faults
    }

    /// Runs `work` (the real store's call) under the plan at `point`.
    async fn faulty<T>(
        &self,
        point: FaultPoint,
        work: impl Future<Output = Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        match self.faults.arrive(point).await {
            None => work.await,
            // `work` is never polled: the real store is not called.
            Some(injection @ Injection { when: When::BeforePersisting, .. }) => {
                Err(self.faults.strike(injection))
            }
            Some(injection @ Injection { when: When::AfterPersisting, .. }) => {
                work.await?;
                Err(self.faults.strike(injection))
            }
        }
    }

    pub(crate) async fn append_batch(&self, batch: AppendBatch) -> Result<Appended, StoreError> {
        self.faulty(FaultPoint::AppendBatch, async { real!(self.append_batch(batch)) }).await
    }

    pub(crate) async fn save_payloads(&self, payloads: Vec<PayloadRow>) -> Result<(), StoreError> {
        self.faulty(FaultPoint::SavePayloads, async { real!(self.save_payloads(payloads)) }).await
    }

    pub(crate) async fn save_snapshot_chunk(&self, chunk: SnapshotChunk) -> Result<(), StoreError> {
        self.faulty(FaultPoint::SaveSnapshotChunk, async { real!(self.save_snapshot_chunk(chunk)) })
            .await
    }

    pub(crate) async fn write_snapshot(&self, snapshot: StateSnapshot) -> Result<bool, StoreError> {
        self.faulty(FaultPoint::WriteSnapshot, async {
            if !self.faults.armed(FaultPoint::SaveSnapshotChunk) {
                return real!(self.write_snapshot(snapshot));
            }
            // Chunk by chunk, as SQLite writes it, so that the armed chunk fault can strike.
            let (head, chunks) = snapshot_chunks(snapshot)?;
            for chunk in chunks {
                self.save_snapshot_chunk(chunk).await?;
            }
            real!(self.complete_snapshot(head))
        })
        .await
    }
}
