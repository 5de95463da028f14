//! The fault-injecting store double: the call a plan names fails once, before the real
//! store is called (nothing written) or after it succeeded (everything written); the other
//! calls go through; a held point makes its calls wait until released.

use std::sync::Arc;

use passage_store::faults::{FailAt, FaultPoint, Faults, When};
use passage_store::{
    AnyStore, PayloadRow, SnapshotChunk, SqliteConfig, StateSnapshot, Store, StoreConfig,
};

use crate::common::{SqliteHarness, batch};

/// A faulty store over a fresh SQLite database, with its plan.
async fn open_faulty(harness: &SqliteHarness) -> (AnyStore, Arc<Faults>) {
    let faults = Faults::new();
    let inner = Box::new(StoreConfig::Sqlite(SqliteConfig::new(harness.path())));
    let store =
        AnyStore::open(StoreConfig::Faulty { inner, faults: Arc::clone(&faults) }).await.unwrap();
    (store, faults)
}

/// A payload of entry 0.
fn payload(field: &str) -> PayloadRow {
    PayloadRow {
        entry_index: 0,
        field: field.into(),
        commitment: [1; 32],
        salt: [2; 32],
        payload: field.as_bytes().to_vec(),
    }
}

/// A snapshot of the first `tree_size` entries, in one chunk.
fn snapshot(tree_size: u64) -> StateSnapshot {
    StateSnapshot {
        tree_size,
        root: Some(vec![3; 32]),
        digest: vec![4; 32],
        state: vec![tree_size as u8; 100],
    }
}

/// Arms the second call at `point` to fail `when`, makes three calls there (the first
/// and third must pass), and renders what each call answered and what the store holds
/// after each: `<answer> -> <what is stored>`.
async fn check(point: FaultPoint, when: When, expect: expect_test::Expect) {
    let harness = SqliteHarness::new();
    let (store, faults) = open_faulty(&harness).await;
    // Entries for the payloads and snapshots to belong to.
    store.append_batch(batch(0, 8)).await.unwrap();
    faults.fail(point, FailAt { nth: 2, when });
    let mut lines = Vec::new();
    for call in 1..=3u64 {
        let answer = match point {
            FaultPoint::AppendBatch => {
                let first = store.tree_size().await.unwrap();
                store.append_batch(batch(first, 2)).await.map(|_| ())
            }
            FaultPoint::SavePayloads => {
                store.save_payloads(vec![payload(&format!("field-{call}"))]).await
            }
            FaultPoint::WriteSnapshot => store.write_snapshot(snapshot(call)).await.map(|_| ()),
            FaultPoint::SaveSnapshotChunk => {
                let chunk = SnapshotChunk { tree_size: call, index: 0, bytes: vec![5; 10] };
                store.save_snapshot_chunk(chunk).await
            }
        };
        let answer = match answer {
            Ok(()) => "ok".to_owned(),
            Err(error) => error.to_string(),
        };
        let stored = match point {
            FaultPoint::AppendBatch => format!("{} entries", store.tree_size().await.unwrap()),
            FaultPoint::SavePayloads => {
                format!("{} payloads", store.payloads(0).await.unwrap().len())
            }
            FaultPoint::WriteSnapshot | FaultPoint::SaveSnapshotChunk => {
                let snapshot = store.recovery().await.unwrap().snapshot;
                format!("snapshot at {:?}", snapshot.map(|snapshot| snapshot.tree_size))
            }
        };
        lines.push(format!("{answer} -> {stored}"));
    }
    lines.push(format!("calls {}, injected {}", faults.calls(point), faults.injected(point)));
    expect.assert_eq(&lines.join("\n"));
}

#[tokio::test]
async fn an_append_fails_before_or_after_it_is_stored() {
    check(
        FaultPoint::AppendBatch,
        When::BeforePersisting,
        expect_test::expect![[r#"
            ok -> 10 entries
            injected fault: call 3 of append_batch failed before the store persisted anything -> 10 entries
            ok -> 12 entries
            calls 4, injected 1"#]],
    )
    .await;
    check(
        FaultPoint::AppendBatch,
        When::AfterPersisting,
        expect_test::expect![[r#"
            ok -> 10 entries
            injected fault: call 3 of append_batch failed after the store persisted it -> 12 entries
            ok -> 14 entries
            calls 4, injected 1"#]],
    )
    .await;
}

#[tokio::test]
async fn payloads_fail_before_or_after_they_are_stored() {
    check(
        FaultPoint::SavePayloads,
        When::BeforePersisting,
        expect_test::expect![[r#"
            ok -> 1 payloads
            injected fault: call 2 of save_payloads failed before the store persisted anything -> 1 payloads
            ok -> 2 payloads
            calls 3, injected 1"#]],
    )
    .await;
    check(
        FaultPoint::SavePayloads,
        When::AfterPersisting,
        expect_test::expect![[r#"
            ok -> 1 payloads
            injected fault: call 2 of save_payloads failed after the store persisted it -> 2 payloads
            ok -> 3 payloads
            calls 3, injected 1"#]],
    )
    .await;
}

#[tokio::test]
async fn a_snapshot_write_fails_before_or_after_it_is_stored() {
    check(
        FaultPoint::WriteSnapshot,
        When::BeforePersisting,
        expect_test::expect![[r#"
            ok -> snapshot at Some(1)
            injected fault: call 2 of write_snapshot failed before the store persisted anything -> snapshot at Some(1)
            ok -> snapshot at Some(3)
            calls 3, injected 1"#]],
    )
    .await;
    check(
        FaultPoint::WriteSnapshot,
        When::AfterPersisting,
        expect_test::expect![[r#"
            ok -> snapshot at Some(1)
            injected fault: call 2 of write_snapshot failed after the store persisted it -> snapshot at Some(2)
            ok -> snapshot at Some(3)
            calls 3, injected 1"#]],
    )
    .await;
}

#[tokio::test]
async fn a_chunk_fails_before_or_after_it_is_stored() {
    // A chunk alone never completes a snapshot; what is stored shows in the next test.
    check(
        FaultPoint::SaveSnapshotChunk,
        When::BeforePersisting,
        expect_test::expect![[r#"
            ok -> snapshot at None
            injected fault: call 2 of save_snapshot_chunk failed before the store persisted anything -> snapshot at None
            ok -> snapshot at None
            calls 3, injected 1"#]],
    )
    .await;
}

#[tokio::test]
async fn a_snapshot_whose_chunk_fails_is_not_completed_and_the_previous_stays() {
    let harness = SqliteHarness::new();
    let (store, faults) = open_faulty(&harness).await;
    store.append_batch(batch(0, 8)).await.unwrap();
    store.write_snapshot(snapshot(2)).await.unwrap();
    assert_eq!(faults.calls(FaultPoint::SaveSnapshotChunk), 0, "written whole, unarmed");
    for when in [When::BeforePersisting, When::AfterPersisting] {
        faults.fail(FaultPoint::SaveSnapshotChunk, FailAt { nth: 1, when });
        let error = store.write_snapshot(snapshot(5)).await.unwrap_err();
        assert!(error.to_string().contains("of save_snapshot_chunk failed"), "{error}");
        let stored = store.recovery().await.unwrap().snapshot.unwrap();
        assert_eq!((stored.tree_size, stored.state), (2, vec![2; 100]), "the previous stays");
    }
    // The chunk stored before the fault struck (`AfterPersisting`) is there, and a later
    // whole write completes over it.
    assert!(store.write_snapshot(snapshot(5)).await.unwrap());
    let stored = store.recovery().await.unwrap().snapshot.unwrap();
    assert_eq!((stored.tree_size, stored.state), (5, vec![5; 100]));
    assert_eq!(faults.injected(FaultPoint::SaveSnapshotChunk), 2);
}

#[tokio::test]
async fn a_held_point_waits_until_released() {
    let harness = SqliteHarness::new();
    let (store, faults) = open_faulty(&harness).await;
    let store = Arc::new(store);
    faults.hold(FaultPoint::AppendBatch);
    let appending = tokio::spawn({
        let store = Arc::clone(&store);
        async move { store.append_batch(batch(0, 4)).await.map(|appended| appended.tree_size) }
    });
    let held = tokio::time::timeout(crate::WAIT_MAX, async {
        while faults.waiting(FaultPoint::AppendBatch) == 0 {
            tokio::task::yield_now().await;
        }
    });
    held.await.expect("the append reached the gate");
    assert_eq!(store.tree_size().await.unwrap(), 0, "nothing written while held");
    faults.release(FaultPoint::AppendBatch);
    assert_eq!(appending.await.unwrap().unwrap(), 4);
    assert_eq!(faults.waiting(FaultPoint::AppendBatch), 0);
}

#[tokio::test]
async fn a_faulty_store_wraps_only_a_real_one() {
    let harness = SqliteHarness::new();
    let faults = Faults::new();
    let real = Box::new(StoreConfig::Sqlite(SqliteConfig::new(harness.path())));
    let faulty = StoreConfig::Faulty { inner: real, faults: Arc::clone(&faults) };
    let nested = StoreConfig::Faulty { inner: Box::new(faulty), faults };
    let error = AnyStore::open(nested).await.unwrap_err();
    expect_test::expect![
        "invalid store configuration: a faulty store wraps a real store, not another faulty one"
    ]
    .assert_eq(&error.to_string());
}
