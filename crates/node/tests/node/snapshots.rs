//! Core state snapshots taken off the sequencer's path: the sequencer copies the state when
//! a batch crosses a multiple of the interval, encodes it on a blocking thread, and once
//! that batch has committed writes the snapshot outside the batches. Recovery from it
//! gives the same state as the live node.

use crate::common::node::{TestNode, accept, declaration};
use passage_node::{NodeConfig, snapshot};
use passage_store::{AnyStore, SqliteConfig, Store, StoreConfig};

/// Entries between snapshots in this test: small, so that a few statements cross several.
const INTERVAL: u64 = 3;
/// Most declarations submitted while waiting for the first snapshot to land: each waits
/// for its acknowledgement, and encoding and writing so small a state is done long before.
const DECLARATIONS_MAX: usize = 200;

#[tokio::test]
async fn a_snapshot_is_written_beside_the_batches_and_recovery_resumes_from_it() {
    let harness = TestNode::start_with(&[], |config| NodeConfig {
        snapshot_interval_entries: INTERVAL,
        ..config
    })
    .await;
    let app = harness.app().clone();
    // One statement a batch: the batch ending at 3 crosses the first multiple, and its
    // snapshot is written once that batch has committed, while later batches go on.
    let mut landed = None;
    for number in 0..DECLARATIONS_MAX {
        accept(&app, &declaration(&format!("10AB{number:03}"))).await;
        let recovery = app.store.recovery().await.expect("reads");
        if let Some(snapshot) = recovery.snapshot {
            landed = Some((snapshot, recovery.tree_size));
            break;
        }
    }
    let (snapshot, size_when_landed) = landed.expect("a snapshot reached the store");
    assert_eq!(snapshot.tree_size % INTERVAL, 0, "taken at a multiple");
    assert!(
        snapshot.tree_size <= size_when_landed,
        "taken at a committed size: {} <= {size_when_landed}",
        snapshot.tree_size
    );
    assert_eq!(snapshot.root.as_ref().map(Vec::len), Some(32), "it records its root");
    let live = app.shared.read_state(|state| state.digest()).expect("state");
    let size = app.shared.tree.borrow().size;
    let store = StoreConfig::Sqlite(SqliteConfig::new(&harness.database));
    drop(app);
    harness.node.stop().await;

    // Recovery resumes from the snapshot (its digest and root check out) and replays the
    // tail to the live state.
    let store = AnyStore::open(store).await.expect("opens");
    let latest = store.recovery().await.expect("reads").snapshot.expect("a snapshot");
    let recovered = snapshot::recover(&store).await.expect("recovers");
    assert_eq!(recovered.replayed_from, latest.tree_size);
    assert!(latest.tree_size > 0 && latest.tree_size < size);
    assert_eq!(recovered.appender.size(), size);
    assert_eq!(recovered.state.map(|state| state.digest()), Some(live));
}
