//! The shared suite: every function runs against SQLite and against PostgreSQL.

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use expect_test::{Expect, expect};
use passage_store::{
    AppendBatch, BalanceQuery, BalanceRow, CheckpointFigures, EntryCursor, IncidentQuery,
    IncidentRow, MovementFilter, MovementHistoryRow, MovementOrder, MovementPayloadQuery,
    MovementQuery, MovementRow, MovementStatusQuery, MovementStatusRow, NewCheckpoint,
    NonceAdmission, PAGE_SIZE_MAX, PAYLOAD_BYTES_MAX, PayloadCursor, PayloadRow, Period,
    PostingQuery, PostingRow, RequestNonce, SNAPSHOT_CHUNK_BYTES, SnapshotChunk, SnapshotHead,
    StateSnapshot, StatusCount, Store, StoreError,
};

use crate::common::{self, Harness, batch, entry, tile_hashes};

/// A wait that must end; the bound only turns a hang into a failure.
const WAIT_MAX: Duration = Duration::from_secs(60);

pub async fn append_and_read_back<H: Harness>(harness: &H) {
    let store = harness.open().await;
    assert_eq!(store.tree_size().await.unwrap(), 0);
    let mut first = batch(0, 300);
    first.checkpoint =
        Some(NewCheckpoint { tree_size: 300, signed_note: "log\n300\nroot\n".into() });
    let appended = store.append_batch(first.clone()).await.unwrap();
    assert_eq!((appended.first_index, appended.tree_size), (0, 300));
    let second = batch(300, 5);
    store.append_batch(second.clone()).await.unwrap();
    assert_eq!(store.tree_size().await.unwrap(), 305);

    let entries = store.entries(0, 4_096).await.unwrap();
    let expected: Vec<_> = first.entries.iter().chain(&second.entries).cloned().collect();
    assert_eq!(entries, expected);
    assert_eq!(store.entries(303, 10).await.unwrap(), expected[303..]);
    assert_eq!(store.entries(305, 10).await.unwrap(), []);
    assert_eq!(store.entry(42).await.unwrap(), Some(entry(42)));
    assert_eq!(store.entry(305).await.unwrap(), None);
    assert_eq!(store.entry(u64::MAX).await.unwrap(), None);
    assert_eq!(store.entries(u64::MAX, 1).await.unwrap(), []);
    assert_eq!(store.checkpoint(u64::MAX).await.unwrap(), None);

    // Tiles: tile 0 is full, tile 1 grew from 44 to 49; level 1 holds one hash.
    assert_eq!(store.hash_tile(0, 0, 256).await.unwrap(), Some(tile_hashes(0, 0, 256)));
    assert_eq!(store.hash_tile(0, 1, 44).await.unwrap(), Some(tile_hashes(0, 1, 44)));
    assert_eq!(store.hash_tile(0, 1, 49).await.unwrap(), Some(tile_hashes(0, 1, 49)));
    assert_eq!(store.hash_tile(0, 1, 50).await.unwrap(), None);
    assert_eq!(store.hash_tile(1, 0, 1).await.unwrap(), Some(tile_hashes(1, 0, 1)));
    assert_eq!(store.hash_tile(0, 2, 1).await.unwrap(), None);
    let bundle = store.entry_bundle(1, 49).await.unwrap().unwrap();
    assert_eq!(bundle, common::bundle_bytes(1, 49, |i| entry(i).bytes));
    assert_eq!(
        store.entry_bundle(1, 3).await.unwrap().unwrap(),
        common::bundle_bytes(1, 3, |i| entry(i).bytes)
    );
    assert_eq!(store.entry_bundle(1, 50).await.unwrap(), None);

    let movement = store.movement("MRN000000000000300").await.unwrap().unwrap();
    assert_eq!(movement, second.projections.movements[0]);
    assert_eq!(store.movement("nope").await.unwrap(), None);
    assert_eq!(
        store.movement_history("MRN000000000000300").await.unwrap(),
        [300, 301, 302, 303, 304]
    );
    assert_eq!(
        store.movement_status_counts().await.unwrap(),
        [StatusCount { status: "declared".into(), count: 2 }]
    );
    assert_eq!(
        store.balances(BalanceQuery { account: None, period: Period::default() }).await.unwrap(),
        [BalanceRow { account: "fees".into(), currency: "EUR".into(), amount_minor: 305 }]
    );

    assert!(store.write_snapshot(snapshot_at(305)).await.unwrap());
    let recovery = store.recovery().await.unwrap();
    assert_eq!(recovery.tree_size, 305);
    assert_eq!(recovery.latest_checkpoint.unwrap().tree_size, 300);
    assert_eq!(recovery.latest_published_checkpoint, None);
    assert_eq!(recovery.snapshot, Some(snapshot_at(305)));
    assert_eq!(recovery.replay_from, 305);

    // A second handle (the node restarted) sees the same, and the schema is not re-applied.
    drop(store);
    let reopened = harness.open().await;
    assert_eq!(reopened.tree_size().await.unwrap(), 305);
    assert_eq!(reopened.entries(0, 4_096).await.unwrap(), expected);
}

pub async fn resubmitted_statement_is_found_and_refused<H: Harness>(harness: &H) {
    let store = harness.open().await;
    // The first batch crosses the merge size: its hashes go to the durable index; the
    // second stays in the tail.
    store.append_batch(batch(0, 150)).await.unwrap();
    store.append_batch(batch(150, 10)).await.unwrap();
    let in_index = entry(7).statement_sha256;
    let in_tail = entry(155).statement_sha256;
    let unknown = common::statement_sha256(7, 99);
    // The sequencer's handle and a fresh one (another node) find both, in the order asked.
    let follower = harness.open().await;
    for handle in [&store, &follower] {
        let found = handle.find_statements(&[in_tail, unknown, in_index]).await.unwrap();
        let found: Vec<_> =
            found.iter().map(|found| (found.statement_sha256, found.index)).collect();
        assert_eq!(found, [(in_tail, 155), (in_index, 7)]);
        assert_eq!(handle.find_statements(&[]).await.unwrap(), []);
    }

    // The same statement sequenced again (a device retrying) is refused with its first
    // index, and nothing of the batch is written.
    for (known, index) in [(in_index, 7), (in_tail, 155)] {
        let mut again = batch(160, 3);
        again.entries[1].statement_sha256 = known;
        let refused = store.append_batch(again).await.unwrap_err();
        assert!(
            matches!(refused, StoreError::DuplicateStatement { index: found, statement_sha256 } if statement_sha256 == known && found == index),
            "{refused}"
        );
        assert_eq!(store.tree_size().await.unwrap(), 160);
        assert_eq!(store.entry(160).await.unwrap(), None);
        assert_eq!(store.movement("MRN000000000000160").await.unwrap(), None);
    }
    // A follower that became the sequencer refuses it too.
    let mut again = batch(160, 3);
    again.entries[2].statement_sha256 = in_tail;
    let refused = follower.append_batch(again).await.unwrap_err();
    assert!(matches!(refused, StoreError::DuplicateStatement { index: 155, .. }), "{refused}");
    store.append_batch(batch(160, 3)).await.unwrap();
    assert_eq!(store.tree_size().await.unwrap(), 163);
    let found = follower.find_statements(&[entry(161).statement_sha256]).await.unwrap();
    assert_eq!(found.first().map(|found| found.index), Some(161));
    // The sequencer merges the tail the follower holds; the follower still finds everything.
    store.append_batch(batch(163, 100)).await.unwrap();
    let asked =
        [entry(155).statement_sha256, entry(162).statement_sha256, entry(262).statement_sha256];
    let found = follower.find_statements(&asked).await.unwrap();
    let indexes: Vec<_> = found.iter().map(|found| found.index).collect();
    assert_eq!(indexes, [155, 162, 262]);
    let mut again = batch(263, 2);
    again.entries[0].statement_sha256 = entry(162).statement_sha256;
    let refused = store.append_batch(again).await.unwrap_err();
    assert!(matches!(refused, StoreError::DuplicateStatement { index: 162, .. }), "{refused}");
}

pub async fn batch_not_at_current_size_is_refused<H: Harness>(harness: &H) {
    let store = harness.open().await;
    store.append_batch(batch(0, 4)).await.unwrap();
    for first in [0, 3, 5, 1_000] {
        let refused = store.append_batch(batch(first, 2)).await.unwrap_err();
        assert!(
            matches!(refused, StoreError::IndexMismatch { tree_size: 4, batch_first_index } if batch_first_index == first),
            "{refused}"
        );
    }
    assert_eq!(store.tree_size().await.unwrap(), 4);
    assert_eq!(store.entries(0, 100).await.unwrap().len(), 4);
    assert_eq!(store.movement("MRN000000000000005").await.unwrap(), None);
}

pub async fn two_writers_cannot_fork<H: Harness>(harness: &H) {
    let (one, two) = (harness.open().await, harness.open().await);
    let mut theirs = batch(0, 3);
    theirs
        .entries
        .iter_mut()
        .for_each(|entry| entry.statement_sha256 = common::statement_sha256(entry.index, 5));
    let (a, b) = tokio::join!(one.append_batch(batch(0, 3)), two.append_batch(theirs));
    let (won, lost) = match (a, b) {
        (Ok(won), Err(lost)) | (Err(lost), Ok(won)) => (won, lost),
        other => panic!("exactly one writer must win, got {other:?}"),
    };
    assert_eq!(won.tree_size, 3);
    assert!(
        matches!(lost, StoreError::IndexMismatch { tree_size: 3, batch_first_index: 0 }),
        "{lost}"
    );
    assert_eq!(two.tree_size().await.unwrap(), 3);
}

/// Checks that `batch` is refused with `error` and changes nothing.
async fn check_refusal<S: Store>(store: &S, batch: AppendBatch, error: Expect) {
    let refused = store.append_batch(batch).await.unwrap_err();
    error.assert_eq(&refused.to_string());
    assert_eq!(store.tree_size().await.unwrap(), 1);
    assert_eq!(store.movement_status_counts().await.unwrap()[0].count, 1);
}

pub async fn invalid_batches_are_refused_with_a_reason<H: Harness>(harness: &H) {
    let store = &harness.open().await;
    store.append_batch(batch(0, 1)).await.unwrap();
    check_refusal(
        store,
        AppendBatch::default(),
        expect!["invalid batch: a batch holds at least one entry"],
    )
    .await;
    let mut gap = batch(1, 3);
    gap.entries[2].index = 9;
    check_refusal(
        store,
        gap,
        expect!["invalid batch: entries are not dense: index 9 where 3 was expected"],
    )
    .await;
    let mut large = batch(1, 1);
    large.entries[0].bytes = vec![0; 65_536];
    check_refusal(
        store,
        large,
        expect![
            "invalid batch: entry 1 has 65536 bytes, more than the 65535 a tile bundle can hold"
        ],
    )
    .await;
    let mut repeated = batch(1, 2);
    repeated.entries[1].statement_sha256 = repeated.entries[0].statement_sha256;
    check_refusal(
        store,
        repeated,
        expect!["invalid batch: entry 2 repeats a statement already in this batch; deduplicate before sequencing"],
    )
    .await;
    let mut far_tile = batch(1, 2);
    far_tile.hash_tiles.push(passage_store::HashTile {
        level: 1,
        index: 0,
        width: 1,
        hashes: vec![0; 32],
    });
    check_refusal(
        store,
        far_tile,
        expect!["invalid batch: hash tile 1/0 of width 1 reaches past the tree size 3"],
    )
    .await;
    let mut short_tile = batch(1, 2);
    short_tile.hash_tiles[0].hashes.pop();
    check_refusal(
        store,
        short_tile,
        expect!["invalid batch: hash tile 0/0 of width 3 has 95 bytes, not width × 32"],
    )
    .await;
    let mut broken_bundle = batch(1, 2);
    broken_bundle.entry_bundles[0].bytes.pop();
    check_refusal(
        store,
        broken_bundle,
        expect!["invalid batch: entry bundle 0 is not 3 length-prefixed entries"],
    )
    .await;
    let mut early_checkpoint = batch(1, 2);
    early_checkpoint.checkpoint = Some(NewCheckpoint { tree_size: 4, signed_note: "x".into() });
    check_refusal(
        store,
        early_checkpoint,
        expect!["checkpoint for tree size 4 but the log holds 3 entries"],
    )
    .await;
    let mut foreign_posting = batch(1, 2);
    foreign_posting.projections.postings[0].entry_index = 0;
    check_refusal(
        store,
        foreign_posting,
        expect!["invalid batch: posting to fees names entry 0 outside the batch"],
    )
    .await;
    let mut stale = batch(0, 1);
    stale.entries[0].statement_sha256 = common::statement_sha256(0, 3);
    check_refusal(
        store,
        stale,
        expect!["batch starts at index 0 but the log holds 1 entries; another sequencer wrote or this one is stale, so reload the state and resequence"],
    )
    .await;
}

pub async fn tiles_only_grow<H: Harness>(harness: &H) {
    let store = harness.open().await;
    store.append_batch(batch(0, 5)).await.unwrap();
    // A stale, narrower version of tile 0/0 arriving later must not shrink it.
    let mut next = batch(5, 2);
    next.hash_tiles.push(passage_store::HashTile {
        level: 0,
        index: 0,
        width: 4,
        hashes: vec![9; 128],
    });
    next.hash_tiles.reverse();
    store.append_batch(next).await.unwrap();
    assert_eq!(store.hash_tile(0, 0, 7).await.unwrap(), Some(tile_hashes(0, 0, 7)));
    assert_eq!(store.hash_tile(0, 0, 4).await.unwrap(), Some(tile_hashes(0, 0, 4)));
    // Reader bounds are refused, not guessed.
    for (level, width) in [(0, 0), (0, 257), (64, 1)] {
        let refused = store.hash_tile(level, 0, width).await.unwrap_err();
        assert!(matches!(refused, StoreError::InvalidQuery(_)), "{refused}");
    }
}

pub async fn checkpoints_are_cosigned_then_published<H: Harness>(harness: &H) {
    let store = harness.open().await;
    store.append_batch(batch(0, 10)).await.unwrap();
    let note =
        |size: u64| NewCheckpoint { tree_size: size, signed_note: format!("log\n{size}\nroot\n") };
    let beyond = store.save_checkpoint(note(11)).await.unwrap_err();
    assert!(
        matches!(beyond, StoreError::CheckpointBeyondLog { checkpoint_size: 11, tree_size: 10 }),
        "{beyond}"
    );
    store.save_checkpoint(note(5)).await.unwrap();
    store.save_checkpoint(note(10)).await.unwrap();
    store.save_checkpoint(note(10)).await.unwrap();
    let conflict = store
        .save_checkpoint(NewCheckpoint { tree_size: 10, signed_note: "other".into() })
        .await
        .unwrap_err();
    assert!(matches!(conflict, StoreError::CheckpointConflict { tree_size: 10 }), "{conflict}");
    assert_eq!(store.latest_published_checkpoint().await.unwrap(), None);

    store.set_checkpoint_cosigned(5, "log\n5\nroot\n\n— witness sig\n").await.unwrap();
    store.mark_checkpoint_published(5, 1_000).await.unwrap();
    let published = store.latest_published_checkpoint().await.unwrap().unwrap();
    assert_eq!(published.tree_size, 5);
    assert_eq!(published.cosigned_note.as_deref(), Some("log\n5\nroot\n\n— witness sig\n"));
    assert_eq!(published.published_at_ms, Some(1_000));
    store.mark_checkpoint_published(10, 2_000).await.unwrap();
    assert_eq!(store.latest_published_checkpoint().await.unwrap().unwrap().tree_size, 10);
    let unpublished = store.checkpoint(10).await.unwrap().unwrap();
    assert_eq!(unpublished.cosigned_note, None);
    let missing = store.mark_checkpoint_published(7, 1).await.unwrap_err();
    assert!(matches!(missing, StoreError::CheckpointNotFound { tree_size: 7 }), "{missing}");
    let missing = store.set_checkpoint_cosigned(7, "x").await.unwrap_err();
    assert!(matches!(missing, StoreError::CheckpointNotFound { tree_size: 7 }), "{missing}");
    assert_eq!(store.recovery().await.unwrap().latest_published_checkpoint.unwrap().tree_size, 10);
}

pub async fn figures_are_kept_per_checkpoint_and_statuses_read_as_of_a_size<H: Harness>(
    harness: &H,
) {
    let store = harness.open().await;
    let movement = |reference: &str, status: &str, last: u64| MovementRow {
        reference: reference.into(),
        status: status.into(),
        carrier: "c".into(),
        declared_at_ms: 1,
        current_post: None,
        last_entry_index: last,
        snapshot: vec![],
    };
    let line = |reference: &str, entry_index: u64, status: &str| MovementHistoryRow {
        reference: reference.into(),
        entry_index,
        status: status.into(),
    };
    // Batch 0..3 declares A; batch 3..6 accepts A and declares B.
    let mut first = AppendBatch { entries: (0..3).map(entry).collect(), ..AppendBatch::default() };
    first.projections.movements.push(movement("A", "declared", 1));
    first.projections.movement_history.push(line("A", 1, "declared"));
    store.append_batch(first).await.unwrap();
    let mut second = AppendBatch { entries: (3..6).map(entry).collect(), ..AppendBatch::default() };
    second.projections.movements.push(movement("A", "accepted", 4));
    second.projections.movements.push(movement("B", "declared", 5));
    second.projections.movement_history.push(line("A", 4, "accepted"));
    second.projections.movement_history.push(line("B", 5, "declared"));
    store.append_batch(second).await.unwrap();

    let statuses = |at: u64, after: Option<&str>, limit: u32| {
        let query = MovementStatusQuery { at, after: after.map(str::to_owned), limit };
        let store = &store;
        async move { store.movement_statuses(query).await.unwrap() }
    };
    let row = |reference: &str, status: &str, last_entry_index: u64| MovementStatusRow {
        reference: reference.into(),
        status: status.into(),
        last_entry_index,
        changed_since: None,
    };
    let at_3 = statuses(3, None, 10).await;
    let changed = MovementStatusRow { changed_since: Some(4), ..row("A", "declared", 1) };
    assert_eq!(at_3.items, vec![changed], "B did not exist at size 3; A changed at 4");
    assert_eq!(at_3.next, None);
    let at_6 = statuses(6, None, 10).await;
    assert_eq!(at_6.items, vec![row("A", "accepted", 4), row("B", "declared", 5)]);
    let page = statuses(6, None, 1).await;
    assert_eq!(page.items, vec![row("A", "accepted", 4)]);
    assert_eq!(page.next.as_deref(), Some("A"));
    assert_eq!(statuses(6, Some("A"), 1).await.items, vec![row("B", "declared", 5)]);

    // Figures go with a stored checkpoint, once; other figures for its size are refused.
    let figures = |size: u64, text: &str| CheckpointFigures {
        tree_size: size,
        state_digest: vec![size as u8; 32],
        figures: text.into(),
    };
    let missing = store.save_checkpoint_figures(figures(3, "{}")).await.unwrap_err();
    assert!(matches!(missing, StoreError::CheckpointNotFound { tree_size: 3 }), "{missing}");
    store
        .save_checkpoint(NewCheckpoint { tree_size: 3, signed_note: "log\n3\nroot\n".into() })
        .await
        .unwrap();
    store.save_checkpoint_figures(figures(3, "{\"a\":1}")).await.unwrap();
    store.save_checkpoint_figures(figures(3, "{\"a\":1}")).await.unwrap();
    let conflict = store.save_checkpoint_figures(figures(3, "{\"a\":2}")).await.unwrap_err();
    assert!(matches!(conflict, StoreError::CheckpointConflict { tree_size: 3 }), "{conflict}");
    let bad = CheckpointFigures { state_digest: vec![1; 31], ..figures(3, "{}") };
    let refused = store.save_checkpoint_figures(bad).await.unwrap_err();
    assert!(matches!(refused, StoreError::InvalidBatch(_)), "{refused}");
    assert_eq!(store.checkpoint_figures(3).await.unwrap(), Some(figures(3, "{\"a\":1}")));
    assert_eq!(store.checkpoint_figures(6).await.unwrap(), None);
}

pub async fn nonces_are_taken_once_bounded_per_reader_and_forgotten_when_expired<H: Harness>(
    harness: &H,
) {
    use NonceAdmission::{Admitted, ReaderFull, Replayed};
    let store = harness.open().await;
    let nonce = |reader: u8, nonce: &str, expires_at_ms: i64| RequestNonce {
        reader: [reader; 32],
        nonce: nonce.into(),
        expires_at_ms,
    };
    assert_eq!(store.admit_nonce(nonce(1, "a", 100), 0, 2).await.unwrap(), Admitted);
    assert_eq!(store.admit_nonce(nonce(1, "a", 100), 0, 2).await.unwrap(), Replayed);
    // Another handle on the database (another node of the group, or the node restarted)
    // refuses it too.
    let other = harness.open().await;
    assert_eq!(other.admit_nonce(nonce(1, "a", 100), 50, 2).await.unwrap(), Replayed);
    // A reader holds at most its bound; another reader is not held back by it.
    assert_eq!(store.admit_nonce(nonce(1, "b", 200), 0, 2).await.unwrap(), Admitted);
    assert_eq!(store.admit_nonce(nonce(1, "c", 200), 0, 2).await.unwrap(), ReaderFull);
    assert_eq!(store.admit_nonce(nonce(2, "c", 200), 0, 2).await.unwrap(), Admitted);
    // Once `a` expired, the reader has room again.
    assert_eq!(store.admit_nonce(nonce(1, "c", 300), 101, 2).await.unwrap(), Admitted);
    assert_eq!(store.admit_nonce(nonce(1, "d", 300), 101, 2).await.unwrap(), ReaderFull);
    let long = store.admit_nonce(nonce(1, &"x".repeat(65), 300), 101, 2).await.unwrap_err();
    assert!(matches!(long, StoreError::InvalidQuery(_)), "{long}");
    let none = store.admit_nonce(nonce(3, "e", 300), 101, 0).await.unwrap_err();
    assert!(matches!(none, StoreError::InvalidQuery(_)), "{none}");
}

/// 25 movements with repeated declaration times (ties broken by reference), spread over
/// 3 posts, 2 statuses and 4 carriers.
fn movements() -> Vec<MovementRow> {
    (0..25u64)
        .map(|n| MovementRow {
            reference: format!("M{:02}", (n * 7) % 25),
            status: ["declared", "released"][(n % 2) as usize].into(),
            carrier: format!("carrier-{}", n % 4),
            declared_at_ms: (n / 3) as i64 * 1_000,
            current_post: (n % 5 != 0).then(|| format!("post-{}", n % 3)),
            last_entry_index: n,
            snapshot: vec![n as u8],
        })
        .collect()
}

fn matches(movement: &MovementRow, filter: &MovementFilter) -> bool {
    filter.post.as_ref().is_none_or(|post| movement.current_post.as_ref() == Some(post))
        && filter.status.as_ref().is_none_or(|status| &movement.status == status)
        && filter.carrier.as_ref().is_none_or(|carrier| &movement.carrier == carrier)
        && filter.declared.from_ms.is_none_or(|from| movement.declared_at_ms >= from)
        && filter.declared.until_ms.is_none_or(|until| movement.declared_at_ms < until)
}

pub async fn movement_search_paginates<H: Harness>(harness: &H) {
    let store = harness.open().await;
    let mut first = batch(0, 25);
    first.projections.movements = movements();
    store.append_batch(first).await.unwrap();
    let filters = [
        MovementFilter::default(),
        MovementFilter { post: Some("post-1".into()), ..MovementFilter::default() },
        MovementFilter {
            status: Some("released".into()),
            carrier: Some("carrier-1".into()),
            ..MovementFilter::default()
        },
        MovementFilter {
            declared: Period { from_ms: Some(2_000), until_ms: Some(5_000) },
            ..MovementFilter::default()
        },
        MovementFilter { carrier: Some("nobody".into()), ..MovementFilter::default() },
    ];
    for filter in filters {
        let mut oldest_first: Vec<MovementRow> =
            movements().into_iter().filter(|m| matches(m, &filter)).collect();
        oldest_first.sort_by(|a, b| {
            (a.declared_at_ms, &a.reference).cmp(&(b.declared_at_ms, &b.reference))
        });
        assert_eq!(store.count_movements(filter.clone()).await.unwrap(), oldest_first.len() as u64);
        let newest_first: Vec<MovementRow> = oldest_first.iter().rev().cloned().collect();
        for (order, expected) in [
            (MovementOrder::OldestFirst, &oldest_first),
            (MovementOrder::NewestFirst, &newest_first),
        ] {
            for limit in [1, 2, 5, 25, PAGE_SIZE_MAX] {
                let mut seen = Vec::new();
                let mut after = None;
                loop {
                    let query = MovementQuery {
                        filter: filter.clone(),
                        order,
                        after: after.clone(),
                        limit,
                    };
                    let page = store.search_movements(query).await.unwrap();
                    assert!(page.items.len() <= limit as usize);
                    seen.extend(page.items);
                    match page.next {
                        Some(next) => after = Some(next),
                        None => break,
                    }
                    assert!(seen.len() <= expected.len(), "pagination did not end");
                }
                assert_eq!(&seen, expected, "filter {filter:?}, {order:?}, page size {limit}");
            }
        }
    }
    for order in [MovementOrder::OldestFirst, MovementOrder::NewestFirst] {
        // An exact multiple of the page size ends without an empty extra page.
        let exact =
            MovementQuery { filter: MovementFilter::default(), order, after: None, limit: 25 };
        assert_eq!(store.search_movements(exact).await.unwrap().next, None);
        for limit in [0, PAGE_SIZE_MAX + 1] {
            let query =
                MovementQuery { filter: MovementFilter::default(), order, after: None, limit };
            let refused = store.search_movements(query).await.unwrap_err();
            assert!(matches!(refused, StoreError::InvalidQuery(_)), "{refused}");
        }
    }
}

/// Paging through movements while others are declared and existing ones change between
/// pages, as a reader paging a busy node sees: in either order every movement that was
/// there when the walk began comes exactly once, in order. Oldest first, the movements
/// declared during the walk (the sequencer's time only grows) come at the end; newest
/// first, they are ahead of the first page and do not come at all.
pub async fn movement_pages_stay_exact_while_movements_arrive<H: Harness>(harness: &H) {
    /// Pages after which new movements are declared; a bound, so every walk ends.
    const ARRIVAL_PAGES_MAX: u32 = 4;
    let store = harness.open().await;
    let mut first = batch(0, 25);
    first.projections.movements = movements();
    store.append_batch(first).await.unwrap();
    // What the store holds, by reference.
    let mut model: std::collections::BTreeMap<String, MovementRow> =
        movements().into_iter().map(|movement| (movement.reference.clone(), movement)).collect();
    let key = |movement: &MovementRow| (movement.declared_at_ms, movement.reference.clone());
    let filters = [
        MovementFilter::default(),
        MovementFilter { post: Some("post-1".into()), ..MovementFilter::default() },
    ];
    let mut declared = 0u32;
    for order in [MovementOrder::OldestFirst, MovementOrder::NewestFirst] {
        for filter in &filters {
            for limit in [1, 3, 7] {
                let mut expected: Vec<MovementRow> =
                    model.values().filter(|m| matches(m, filter)).cloned().collect();
                expected.sort_by_key(key);
                if order == MovementOrder::NewestFirst {
                    expected.reverse();
                }
                let mut expected: Vec<String> =
                    expected.into_iter().map(|movement| movement.reference).collect();
                let mut seen: Vec<String> = Vec::new();
                let (mut after, mut pages) = (None, 0);
                loop {
                    let query = MovementQuery {
                        filter: filter.clone(),
                        order,
                        after: after.clone(),
                        limit,
                    };
                    let page = store.search_movements(query).await.unwrap();
                    seen.extend(page.items.iter().map(|m| m.reference.clone()));
                    let Some(next) = page.next else { break };
                    after = Some(next);
                    pages += 1;
                    assert!(pages <= 100, "pagination did not end");
                    // Between two pages: every movement seen so far moves on to another
                    // status (its key stays); after the first pages, two new movements at
                    // the sequencer's time, which only grows, one sorting before the other
                    // by reference.
                    let size = store.tree_size().await.unwrap();
                    let latest_ms = model.values().map(|m| m.declared_at_ms).max().unwrap();
                    let mut changed: Vec<MovementRow> = Vec::new();
                    for reference in &seen {
                        let mut moved = model[reference].clone();
                        moved.status = ["at_post", "in_transit"][(size % 2) as usize].into();
                        moved.last_entry_index = size;
                        changed.push(moved);
                    }
                    if pages <= ARRIVAL_PAGES_MAX {
                        for suffix in ["B", "A"] {
                            let movement = MovementRow {
                                reference: format!("N{declared:03}{suffix}"),
                                status: "declared".into(),
                                carrier: "carrier-new".into(),
                                declared_at_ms: latest_ms + 1,
                                current_post: Some("post-1".into()),
                                last_entry_index: size,
                                snapshot: vec![],
                            };
                            changed.push(movement);
                        }
                        if order == MovementOrder::OldestFirst {
                            // They sort after every movement there: the walk reaches them.
                            expected.push(format!("N{declared:03}A"));
                            expected.push(format!("N{declared:03}B"));
                        }
                        declared += 1;
                    }
                    for movement in &changed {
                        model.insert(movement.reference.clone(), movement.clone());
                    }
                    let mut between = batch(size, 1);
                    between.projections.movements = changed;
                    store.append_batch(between).await.unwrap();
                }
                assert_eq!(seen, expected, "{order:?}, {filter:?}, page size {limit}");
            }
        }
    }
}

pub async fn incidents_are_upserted_and_searched<H: Harness>(harness: &H) {
    let store = harness.open().await;
    let incident = |id: &str, status: &str, opened_at_ms: i64, last_entry_index: u64| IncidentRow {
        id: id.into(),
        movement_reference: Some("MRN1".into()),
        post: None,
        reported_post: None,
        kind: "overdue".into(),
        status: status.into(),
        opened_at_ms,
        last_entry_index,
        snapshot: vec![],
    };
    let mut first = batch(0, 3);
    first.projections.incidents = vec![
        incident("b", "open", 10, 0),
        incident("a", "open", 10, 1),
        incident("c", "open", 5, 2),
    ];
    store.append_batch(first).await.unwrap();
    let mut second = batch(3, 1);
    // Two upserts of one incident in one batch: the last wins.
    second.projections.incidents =
        vec![incident("a", "closing", 10, 3), incident("a", "closed", 10, 3)];
    store.append_batch(second).await.unwrap();
    assert_eq!(store.incident("a").await.unwrap().unwrap().status, "closed");
    assert_eq!(
        store.incident_status_counts().await.unwrap(),
        [
            StatusCount { status: "closed".into(), count: 1 },
            StatusCount { status: "open".into(), count: 2 }
        ]
    );
    let query = |after, limit| IncidentQuery {
        movement_reference: Some("MRN1".into()),
        status: None,
        post: None,
        reported_post: None,
        opened: Period::default(),
        after,
        limit,
    };
    let page = store.search_incidents(query(None, 2)).await.unwrap();
    let ids: Vec<_> = page.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["c", "a"]);
    let page = store.search_incidents(query(page.next, 2)).await.unwrap();
    let ids: Vec<_> = page.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!((ids, page.next), (vec!["b"], None));
    let open = IncidentQuery {
        movement_reference: None,
        status: Some("open".into()),
        post: None,
        reported_post: None,
        opened: Period::default(),
        after: None,
        limit: 10,
    };
    assert_eq!(store.search_incidents(open.clone()).await.unwrap().items.len(), 2);
    // By the post at the last change, by the post reported at, and by the period they were
    // opened in (half-open: 10 is outside [5, 10)). `e` was reported at the entry post and
    // last changed at the exit post.
    let mut third = batch(4, 1);
    let meghri = Some("AM-MEGHRI-E".to_owned());
    let agarak = Some("AM-AGARAK-X".to_owned());
    third.projections.incidents = vec![
        IncidentRow {
            post: meghri.clone(),
            reported_post: meghri.clone(),
            ..incident("d", "open", 7, 4)
        },
        IncidentRow {
            post: agarak.clone(),
            reported_post: meghri.clone(),
            ..incident("e", "open", 8, 4)
        },
    ];
    store.append_batch(third).await.unwrap();
    let stored = store.incident("e").await.unwrap().unwrap();
    assert_eq!((stored.post, stored.reported_post), (agarak.clone(), meghri.clone()));
    let at_post = IncidentQuery { post: meghri.clone(), ..open.clone() };
    let ids = |page: passage_store::Page<IncidentRow, _>| {
        page.items.into_iter().map(|incident| incident.id).collect::<Vec<_>>()
    };
    assert_eq!(ids(store.search_incidents(at_post).await.unwrap()), ["d"]);
    let reported_at = IncidentQuery { reported_post: meghri.clone(), ..open.clone() };
    assert_eq!(ids(store.search_incidents(reported_at).await.unwrap()), ["d", "e"]);
    let reported_at_exit = IncidentQuery { reported_post: agarak.clone(), ..open.clone() };
    assert!(ids(store.search_incidents(reported_at_exit).await.unwrap()).is_empty());
    let both = IncidentQuery { post: agarak, reported_post: meghri, ..open.clone() };
    assert_eq!(ids(store.search_incidents(both).await.unwrap()), ["e"]);
    let opened = Period { from_ms: Some(5), until_ms: Some(10) };
    let in_period = IncidentQuery { status: None, opened, ..open };
    assert_eq!(ids(store.search_incidents(in_period).await.unwrap()), ["c", "d", "e"]);
}

pub async fn incident_reported_post_is_filled_from_rows_written_before_the_column<H: Harness>(
    harness: &H,
) {
    let store = harness.open().await;
    let incident = |id: &str, snapshot: &str| IncidentRow {
        id: id.into(),
        movement_reference: Some("MRN1".into()),
        post: Some("AM-AGARAK-X".into()),
        reported_post: None,
        kind: "seal_broken".into(),
        status: "open".into(),
        opened_at_ms: 10,
        last_entry_index: 0,
        snapshot: snapshot.as_bytes().to_vec(),
    };
    let mut first = batch(0, 1);
    // Views as the node writes them: one reported at a post, one between posts, and a
    // row whose view is not JSON.
    first.projections.incidents = vec![
        incident("a", r#"{"number":1,"kind":"seal_broken","reported_post":"AM-MEGHRI-E"}"#),
        incident("b", r#"{"number":2,"kind":"seal_broken","reported_post":null}"#),
        incident("c", "not a view"),
    ];
    store.append_batch(first).await.unwrap();
    drop(store);
    harness.undo_incident_reported_post().await;
    // Opening migrates again, filling the column from the views.
    let store = harness.open().await;
    let reported = |row: Option<IncidentRow>| row.unwrap().reported_post;
    assert_eq!(reported(store.incident("a").await.unwrap()), Some("AM-MEGHRI-E".into()));
    assert_eq!(reported(store.incident("b").await.unwrap()), None);
    assert_eq!(reported(store.incident("c").await.unwrap()), None);
    let query = IncidentQuery {
        movement_reference: None,
        status: None,
        post: None,
        reported_post: Some("AM-MEGHRI-E".into()),
        opened: Period::default(),
        after: None,
        limit: 10,
    };
    let page = store.search_incidents(query).await.unwrap();
    assert_eq!(page.items.iter().map(|row| row.id.as_str()).collect::<Vec<_>>(), ["a"]);
    // Migration 7 gave the movement's last history line its status then: once the
    // movement changes again, its status at the earlier size is read from that line.
    let reference = "MRN000000000000000";
    let mut second = AppendBatch { entries: vec![entry(1)], ..AppendBatch::default() };
    let mut row = store.movement(reference).await.unwrap().unwrap();
    (row.status, row.last_entry_index) = ("accepted".into(), 1);
    second.projections.movements.push(row);
    second.projections.movement_history.push(MovementHistoryRow {
        reference: reference.into(),
        entry_index: 1,
        status: "accepted".into(),
    });
    store.append_batch(second).await.unwrap();
    let statuses = MovementStatusQuery { at: 1, after: None, limit: 10 };
    let page = store.movement_statuses(statuses).await.unwrap();
    let lines: Vec<(&str, &str)> =
        page.items.iter().map(|row| (row.reference.as_str(), row.status.as_str())).collect();
    assert_eq!(lines, [("MRN000000000000000", "declared")]);
}

pub async fn payloads_are_stored_once_and_read_back<H: Harness>(harness: &H) {
    let store = harness.open().await;
    store.append_batch(batch(0, 2)).await.unwrap();
    let payload = |entry_index: u64, field: &str, payload: &[u8]| PayloadRow {
        entry_index,
        field: field.into(),
        commitment: [entry_index as u8; 32],
        salt: [9; 32],
        payload: payload.to_vec(),
    };
    store
        .save_payloads(vec![payload(1, "consignee", b"Ordubad Agro"), payload(1, "findings", b"")])
        .await
        .unwrap();
    // The first copy stays: a payload bound by a commitment never changes.
    store.save_payloads(vec![payload(1, "consignee", b"someone else")]).await.unwrap();
    // Within one call too: of two rows for one field, the first is stored.
    store
        .save_payloads(vec![payload(0, "seal", b"first"), payload(0, "seal", b"second")])
        .await
        .unwrap();
    assert_eq!(store.payloads(0).await.unwrap(), [payload(0, "seal", b"first")]);
    assert_eq!(
        store.payloads(1).await.unwrap(),
        [payload(1, "consignee", b"Ordubad Agro"), payload(1, "findings", b"")]
    );
    assert_eq!(store.payloads(u64::MAX).await.unwrap(), []);
    // Refused whole: an entry beyond the log, an oversized payload, a bad field name.
    for refused in [
        vec![payload(0, "consignee", b"x"), payload(2, "consignee", b"x")],
        vec![payload(0, "consignee", &vec![0; PAYLOAD_BYTES_MAX + 1])],
        vec![payload(0, "", b"x")],
    ] {
        let error = store.save_payloads(refused).await.unwrap_err();
        assert!(matches!(error, StoreError::InvalidBatch(_)), "{error}");
    }
    assert_eq!(
        store.payloads(0).await.unwrap(),
        [payload(0, "seal", b"first")],
        "a refused call stores nothing"
    );
}

pub async fn payloads_of_a_movement_are_paged_in_entry_and_field_order<H: Harness>(harness: &H) {
    let store = harness.open().await;
    let mut first = batch(0, 6);
    // Movement A touched entries 1, 3 and 5; movement B entry 2.
    for (reference, entry_index) in [("A", 1), ("A", 3), ("B", 2), ("A", 5)] {
        first.projections.movement_history.push(MovementHistoryRow {
            reference: reference.into(),
            entry_index,
            status: "declared".into(),
        });
    }
    store.append_batch(first).await.unwrap();
    let payload = |entry_index: u64, field: &str| PayloadRow {
        entry_index,
        field: field.into(),
        commitment: [entry_index as u8; 32],
        salt: [7; 32],
        payload: format!("{entry_index} {field}").into_bytes(),
    };
    // Entry 4 is no entry of A's: its payload stays out.
    store
        .save_payloads(vec![
            payload(3, "findings"),
            payload(1, "goods/0/value"),
            payload(1, "consignee"),
            payload(2, "consignee"),
            payload(4, "details"),
            payload(5, "details"),
            payload(1, "goods/0/description"),
        ])
        .await
        .unwrap();
    let page = |after: Option<PayloadCursor>, limit: u32| {
        let query = MovementPayloadQuery { reference: "A".into(), after, limit };
        let store = &store;
        async move { store.movement_payloads(query).await }
    };
    let mut found = Vec::new();
    let mut after = None;
    loop {
        let got = page(after.clone(), 2).await.unwrap();
        assert!(got.items.len() <= 2);
        found.extend(got.items.iter().map(|row| format!("{} {}", row.entry_index, row.field)));
        match got.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(
        found,
        ["1 consignee", "1 goods/0/description", "1 goods/0/value", "3 findings", "5 details"]
    );
    let whole = page(None, PAGE_SIZE_MAX).await.unwrap();
    assert_eq!(whole.items[0], payload(1, "consignee"));
    assert_eq!((whole.items.len(), whole.next), (5, None));
    let none = MovementPayloadQuery { reference: "C".into(), after: None, limit: 10 };
    assert_eq!(store.movement_payloads(none).await.unwrap().items, []);
    for limit in [0, PAGE_SIZE_MAX + 1] {
        let error = page(None, limit).await.unwrap_err();
        assert!(matches!(error, StoreError::InvalidQuery(_)), "{error}");
    }
}

pub async fn balances_and_statements_per_period<H: Harness>(harness: &H) {
    let store = harness.open().await;
    let mut first = batch(0, 6);
    let posting =
        |entry_index: u64, ordinal: u32, account: &str, currency: &str, amount_minor: i64| {
            PostingRow {
                entry_index,
                ordinal,
                account: account.into(),
                currency: currency.into(),
                amount_minor,
                at_ms: entry_index as i64 * 100,
            }
        };
    first.projections.postings = vec![
        posting(0, 0, "carrier-1", "EUR", -500),
        posting(0, 1, "host-treasury", "EUR", 500),
        posting(2, 0, "carrier-1", "AMD", -20_000),
        posting(2, 1, "host-treasury", "AMD", 20_000),
        posting(4, 0, "carrier-1", "EUR", 250),
        posting(5, 0, "carrier-1", "EUR", -100),
    ];
    store.append_batch(first).await.unwrap();
    let balances = |account: Option<&str>, from_ms, until_ms| {
        let query =
            BalanceQuery { account: account.map(Into::into), period: Period { from_ms, until_ms } };
        let store = &store;
        async move {
            store
                .balances(query)
                .await
                .unwrap()
                .into_iter()
                .map(|row| format!("{} {} {}", row.account, row.currency, row.amount_minor))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        balances(None, None, None).await,
        [
            "carrier-1 AMD -20000",
            "carrier-1 EUR -350",
            "host-treasury AMD 20000",
            "host-treasury EUR 500"
        ]
    );
    assert_eq!(
        balances(Some("carrier-1"), None, Some(400)).await,
        ["carrier-1 AMD -20000", "carrier-1 EUR -500"]
    );
    assert_eq!(balances(Some("carrier-1"), Some(400), Some(600)).await, ["carrier-1 EUR 150"]);
    assert_eq!(balances(Some("carrier-1"), Some(600), None).await, Vec::<String>::new());

    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let query = PostingQuery {
            account: "carrier-1".into(),
            period: Period { from_ms: Some(100), until_ms: None },
            after,
            limit: 2,
        };
        let page = store.postings(query).await.unwrap();
        seen.extend(page.items.iter().map(|p| (p.entry_index, p.amount_minor)));
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, [(2, -20_000), (4, 250), (5, -100)]);
}

pub async fn recovery_replays_only_the_tail<H: Harness>(harness: &H) {
    let store = harness.open().await;
    let recovery = store.recovery().await.unwrap();
    assert_eq!((recovery.tree_size, recovery.snapshot, recovery.replay_from), (0, None, 0));
    store.append_batch(batch(0, 100)).await.unwrap();
    assert!(store.write_snapshot(snapshot_at(100)).await.unwrap());
    store.append_batch(batch(100, 30)).await.unwrap();
    let recovery = store.recovery().await.unwrap();
    assert_eq!(recovery.tree_size, 130);
    assert_eq!(recovery.snapshot.as_ref().map(|s| s.tree_size), Some(100));
    assert_eq!(recovery.replay_from, 100);

    let mut cursor = EntryCursor::new(recovery.replay_from, 7);
    let mut tail = Vec::new();
    while let Some(chunk) = cursor.next_chunk(&store).await.unwrap() {
        assert!(chunk.len() <= 7);
        tail.extend(chunk);
    }
    assert_eq!(tail, (100..130).map(entry).collect::<Vec<_>>());
    let mut everything = EntryCursor::new(0, 4_096);
    assert_eq!(everything.next_chunk(&store).await.unwrap().unwrap().len(), 130);
    assert_eq!(everything.next_chunk(&store).await.unwrap(), None);
    for limit in [0, 4_097] {
        let refused = store.entries(0, limit).await.unwrap_err();
        assert!(matches!(refused, StoreError::InvalidQuery(_)), "{refused}");
    }
}

pub async fn newer_schema_is_refused<H: Harness>(harness: &H) {
    drop(harness.open().await);
    harness.record_schema_version(99).await;
    let refused = match harness.try_open().await {
        Err(error) => error,
        Ok(_) => panic!("a database of a newer schema must be refused"),
    };
    assert!(matches!(refused, StoreError::SchemaTooNew { found: 99, known: 9 }), "{refused}");
}

pub async fn leadership_is_exclusive_and_passes_on<H: Harness>(harness: &H) {
    let (one, two) = (harness.open().await, harness.open().await);
    assert!(one.try_acquire_leadership().await.unwrap());
    assert!(one.try_acquire_leadership().await.unwrap(), "acquiring again while leading is a yes");
    assert!(!two.try_acquire_leadership().await.unwrap());
    assert!(one.is_leader().await.unwrap());
    assert!(!two.is_leader().await.unwrap());

    one.release_leadership().await.unwrap();
    assert!(!one.is_leader().await.unwrap());
    assert!(two.try_acquire_leadership().await.unwrap());
    assert!(!one.try_acquire_leadership().await.unwrap());

    // The leader's handle goes away without releasing (its connection or file is closed):
    // the waiting follower takes over.
    drop(two);
    tokio::time::timeout(WAIT_MAX, one.acquire_leadership())
        .await
        .expect("the follower takes over")
        .unwrap();
    assert!(one.is_leader().await.unwrap());
    let three = harness.open().await;
    assert!(!three.try_acquire_leadership().await.unwrap());
}

/// A snapshot taken at `tree_size` (its bytes tell which), with a root.
fn snapshot_at(tree_size: u64) -> StateSnapshot {
    StateSnapshot {
        tree_size,
        root: Some(vec![tree_size as u8; 32]),
        digest: vec![tree_size as u8; 32],
        state: tree_size.to_be_bytes().to_vec(),
    }
}

/// A snapshot at `tree_size` of `bytes` bytes (spread over several chunks when more than
/// [`SNAPSHOT_CHUNK_BYTES`]), whose bytes tell its size and place.
fn large_snapshot_at(tree_size: u64, bytes: usize) -> StateSnapshot {
    let state = (0..bytes).map(|offset| (offset as u64 * 31 + tree_size) as u8).collect();
    StateSnapshot { state, ..snapshot_at(tree_size) }
}

async fn recovered_snapshot<S: Store>(store: &S) -> Option<(u64, StateSnapshot)> {
    let recovery = store.recovery().await.unwrap();
    recovery.snapshot.map(|snapshot| (recovery.replay_from, snapshot))
}

pub async fn a_snapshot_written_beside_the_batches_is_used_only_once_complete<H: Harness>(
    harness: &H,
) {
    let store = harness.open().await;
    store.append_batch(batch(0, 10)).await.unwrap();
    // Two and a half chunks, read back whole.
    let at_10 = large_snapshot_at(10, SNAPSHOT_CHUNK_BYTES * 5 / 2);
    assert!(store.write_snapshot(at_10.clone()).await.unwrap());
    assert_eq!(recovered_snapshot(&store).await, Some((10, at_10.clone())));
    store.append_batch(batch(10, 10)).await.unwrap();

    // Two of the three chunks of the snapshot at 20 are stored, then the writer dies: the
    // partial snapshot is never read, the one at 10 stays in use.
    let at_20 = large_snapshot_at(20, SNAPSHOT_CHUNK_BYTES * 2 + 1);
    for (index, bytes) in at_20.state.chunks(SNAPSHOT_CHUNK_BYTES).take(2).enumerate() {
        let chunk = SnapshotChunk { tree_size: 20, index: index as u32, bytes: bytes.to_vec() };
        store.save_snapshot_chunk(chunk).await.unwrap();
    }
    drop(store);
    let store = harness.open().await;
    assert_eq!(recovered_snapshot(&store).await, Some((10, at_10.clone())));
    let head = SnapshotHead {
        tree_size: 20,
        root: at_20.root.clone(),
        digest: at_20.digest.clone(),
        chunk_count: 3,
    };
    let refused = store.complete_snapshot(head).await.unwrap_err();
    expect!["invalid batch: the state snapshot at 20 entries has 2 of its 3 chunks stored"]
        .assert_eq(&refused.to_string());
    assert_eq!(recovered_snapshot(&store).await, Some((10, at_10.clone())));

    // Written again whole, it replaces the one at 10.
    assert!(store.write_snapshot(at_20.clone()).await.unwrap());
    assert_eq!(recovered_snapshot(&store).await, Some((20, at_20.clone())));
    // An older snapshot written late does not replace it; one beyond the log is refused.
    assert!(!store.write_snapshot(large_snapshot_at(15, 100)).await.unwrap());
    let refused = store.write_snapshot(large_snapshot_at(21, 100)).await.unwrap_err();
    expect!["invalid batch: the state snapshot covers 21 entries but the log holds 20"]
        .assert_eq(&refused.to_string());
    let short_root = StateSnapshot { root: Some(vec![1; 31]), ..large_snapshot_at(20, 100) };
    let refused = store.write_snapshot(short_root).await.unwrap_err();
    expect!["invalid batch: the state snapshot's root has 31 bytes, not 32"]
        .assert_eq(&refused.to_string());
    let mut oversized = SnapshotChunk { tree_size: 30, index: 0, bytes: vec![0; 1] };
    oversized.bytes.resize(SNAPSHOT_CHUNK_BYTES + 1, 0);
    let refused = store.save_snapshot_chunk(oversized).await.unwrap_err();
    expect!["invalid batch: snapshot chunk 0 has 1048577 bytes; a chunk has 1 to 1048576"]
        .assert_eq(&refused.to_string());
    assert_eq!(recovered_snapshot(&store).await, Some((20, at_20.clone())));

    // A newer snapshot of one chunk replaces one of three, and a later one replaces it in
    // turn.
    store.append_batch(batch(20, 10)).await.unwrap();
    assert!(store.write_snapshot(snapshot_at(30)).await.unwrap());
    assert_eq!(recovered_snapshot(&store).await, Some((30, snapshot_at(30))));
    store.append_batch(batch(30, 10)).await.unwrap();
    let at_40 = large_snapshot_at(40, SNAPSHOT_CHUNK_BYTES);
    assert!(store.write_snapshot(at_40.clone()).await.unwrap());
    drop(store);
    let store = harness.open().await;
    assert_eq!(recovered_snapshot(&store).await, Some((40, at_40)));
}

pub async fn a_deposed_leader_writes_no_snapshot<H: Harness>(harness: &H) {
    let (one, two) = (harness.open().await, harness.open().await);
    assert!(one.try_acquire_leadership().await.unwrap());
    one.append_batch(batch(0, 3)).await.unwrap();
    one.release_leadership().await.unwrap();
    assert!(two.try_acquire_leadership().await.unwrap());
    let refused = one.write_snapshot(large_snapshot_at(3, SNAPSHOT_CHUNK_BYTES + 1)).await;
    assert!(matches!(refused, Err(StoreError::LeadershipLost { .. })), "{refused:?}");
    let chunk = SnapshotChunk { tree_size: 3, index: 0, bytes: vec![1; 10] };
    let refused = one.save_snapshot_chunk(chunk).await;
    assert!(matches!(refused, Err(StoreError::LeadershipLost { .. })), "{refused:?}");
    assert_eq!(recovered_snapshot(&two).await, None);
    // The leader writes it.
    assert!(two.write_snapshot(large_snapshot_at(3, 10)).await.unwrap());
    assert_eq!(recovered_snapshot(&two).await, Some((3, large_snapshot_at(3, 10))));
}

pub async fn a_deposed_leader_commits_nothing<H: Harness>(harness: &H) {
    let (one, two) = (harness.open().await, harness.open().await);
    assert_eq!((one.leadership_epoch(), two.leadership_epoch()), (None, None));
    assert!(one.try_acquire_leadership().await.unwrap());
    let first_epoch = one.leadership_epoch().expect("elected");
    one.append_batch(batch(0, 3)).await.unwrap();
    // `one` is cut off from its lock (released here; on PostgreSQL a dead connection does
    // the same) and `two` is elected: a new epoch.
    one.release_leadership().await.unwrap();
    assert!(two.try_acquire_leadership().await.unwrap());
    let second_epoch = two.leadership_epoch().expect("elected");
    assert!(second_epoch > first_epoch, "{second_epoch} after {first_epoch}");
    // The old leader's next batch is refused whole, though it starts at the log's size.
    let refused = one.append_batch(batch(3, 2)).await.unwrap_err();
    assert!(
        matches!(refused, StoreError::LeadershipLost { epoch, current_epoch }
            if epoch == first_epoch && current_epoch == second_epoch),
        "{refused}"
    );
    assert_eq!(two.tree_size().await.unwrap(), 3);
    assert_eq!(two.entries(3, 10).await.unwrap(), vec![]);
    // The new leader continues the same log.
    two.append_batch(batch(3, 2)).await.unwrap();
    assert_eq!(two.tree_size().await.unwrap(), 5);
    assert_eq!(two.entries(0, 10).await.unwrap(), (0..5).map(entry).collect::<Vec<_>>());
    // Re-electing `one` later gives it a fresh epoch, under which it commits again.
    two.release_leadership().await.unwrap();
    assert!(one.try_acquire_leadership().await.unwrap());
    assert!(one.leadership_epoch().unwrap() > second_epoch);
    one.append_batch(batch(5, 1)).await.unwrap();
    let refused = two.append_batch(batch(6, 1)).await.unwrap_err();
    assert!(matches!(refused, StoreError::LeadershipLost { .. }), "{refused}");
}

/// Builds a random batch sequence and reads it back exactly.
pub async fn random_batches_read_back<H: Harness>(harness: &H, batches: Vec<RandomBatch>) {
    let store = harness.open().await;
    let mut size = 0u64;
    let mut expected_entries: Vec<passage_store::Entry> = Vec::new();
    let mut expected_movements = std::collections::BTreeMap::new();
    let mut expected_history: std::collections::BTreeMap<String, Vec<u64>> = Default::default();
    let mut balance = 0i64;
    let mut postings = 0usize;
    for random in &batches {
        let count = random.lengths.len() as u64;
        let entries: Vec<_> = (size..size + count)
            .map(|index| passage_store::Entry {
                index,
                bytes: common::entry_bytes(index, random.lengths[(index - size) as usize]),
                statement_sha256: common::statement_sha256(index, random.salt),
                sequenced_at_ms: index as i64 * 10,
            })
            .collect();
        let (hash_tiles, entry_bundles) =
            common::tiles_for(size, size + count, |index| match index.checked_sub(size) {
                Some(offset) => common::entry_bytes(index, random.lengths[offset as usize]),
                None => expected_entries[index as usize].bytes.clone(),
            });
        let mut batch = AppendBatch {
            entries: entries.clone(),
            hash_tiles,
            entry_bundles,
            ..AppendBatch::default()
        };
        for (offset, &movement) in random.movements.iter().enumerate() {
            let index = size + (offset as u64 % count);
            let reference = format!("MRN{movement}");
            let row = MovementRow {
                reference: reference.clone(),
                status: format!("s{}", index % 3),
                carrier: "c".into(),
                declared_at_ms: index as i64,
                current_post: None,
                last_entry_index: index,
                snapshot: index.to_be_bytes().to_vec(),
            };
            batch.projections.movements.push(row.clone());
            expected_movements.insert(reference.clone(), row);
            batch.projections.movement_history.push(MovementHistoryRow {
                reference: reference.clone(),
                entry_index: index,
                status: "declared".into(),
            });
            let history = expected_history.entry(reference).or_default();
            if !history.contains(&index) {
                history.push(index);
            }
        }
        for (ordinal, amount) in random.amounts.iter().enumerate() {
            batch.projections.postings.push(PostingRow {
                entry_index: size,
                ordinal: ordinal as u32,
                account: "a".into(),
                currency: "EUR".into(),
                amount_minor: *amount,
                at_ms: 0,
            });
            balance += amount;
            postings += 1;
        }
        store.append_batch(batch).await.unwrap();
        expected_entries.extend(entries);
        size += count;
    }
    assert_eq!(store.tree_size().await.unwrap(), size);
    let mut read = Vec::new();
    let mut cursor = EntryCursor::new(0, 50);
    while let Some(chunk) = cursor.next_chunk(&store).await.unwrap() {
        read.extend(chunk);
    }
    assert_eq!(read, expected_entries);
    for (level, index, width) in common::changed_tiles(0, size) {
        assert_eq!(
            store.hash_tile(level, index, width).await.unwrap(),
            Some(tile_hashes(level, index, width))
        );
        if level == 0 {
            let bundle =
                common::bundle_bytes(index, width, |i| expected_entries[i as usize].bytes.clone());
            assert_eq!(store.entry_bundle(index, width).await.unwrap(), Some(bundle));
        }
    }
    for (reference, row) in &expected_movements {
        assert_eq!(store.movement(reference).await.unwrap().as_ref(), Some(row));
        let mut history = expected_history[reference].clone();
        history.sort_unstable();
        assert_eq!(&store.movement_history(reference).await.unwrap(), &history);
    }
    let filter = MovementFilter::default();
    assert_eq!(store.count_movements(filter).await.unwrap(), expected_movements.len() as u64);
    let balances = store
        .balances(BalanceQuery { account: Some("a".into()), period: Period::default() })
        .await
        .unwrap();
    match postings {
        0 => assert_eq!(balances, []),
        _ => assert_eq!(
            balances,
            [BalanceRow { account: "a".into(), currency: "EUR".into(), amount_minor: balance }]
        ),
    }
    let recovery = store.recovery().await.unwrap();
    assert_eq!((recovery.tree_size, recovery.replay_from), (size, 0));
}

/// One random batch: entry lengths, movements touched, posting amounts.
#[derive(Clone, Debug)]
pub struct RandomBatch {
    pub lengths: Vec<usize>,
    pub movements: Vec<u8>,
    pub amounts: Vec<i64>,
    pub salt: u64,
}

/// An incident row for the batch at `index`.
fn incident_at(id: &str, index: u64) -> IncidentRow {
    IncidentRow {
        id: id.into(),
        movement_reference: Some(format!("MRN{index:015}")),
        post: None,
        reported_post: None,
        kind: "overdue".into(),
        status: "open".into(),
        opened_at_ms: index as i64,
        last_entry_index: index,
        snapshot: vec![7; 12],
    }
}

pub async fn a_batch_with_every_row_kind_reads_back_whole<H: Harness>(harness: &H) {
    let store = harness.open().await;
    // Entries alone: no tiles, bundles, projections or checkpoint to write.
    let bare = AppendBatch { entries: vec![entry(0)], ..AppendBatch::default() };
    store.append_batch(bare).await.unwrap();
    assert_eq!(store.entries(0, 10).await.unwrap(), [entry(0)]);
    assert_eq!(store.hash_tile(0, 0, 1).await.unwrap(), None);
    assert_eq!(store.recovery().await.unwrap().snapshot, None);

    // Every kind of row at once, crossing a merge of the statement-hash index.
    let mut full = batch(1, 120);
    full.checkpoint =
        Some(NewCheckpoint { tree_size: 121, signed_note: "log\n121\nroot\n".into() });
    full.projections.incidents.push(incident_at("i-1", 5));
    store.append_batch(full.clone()).await.unwrap();
    assert_eq!(store.tree_size().await.unwrap(), 121);
    assert_eq!(store.entries(1, 200).await.unwrap(), full.entries);
    assert_eq!(store.hash_tile(0, 0, 121).await.unwrap(), Some(tile_hashes(0, 0, 121)));
    assert_eq!(
        store.entry_bundle(0, 121).await.unwrap(),
        Some(common::bundle_bytes(0, 121, |i| entry(i).bytes))
    );
    assert_eq!(store.checkpoint(121).await.unwrap().unwrap().signed_note, "log\n121\nroot\n");
    assert_eq!(
        store.movement("MRN000000000000001").await.unwrap().as_ref(),
        full.projections.movements.first()
    );
    assert_eq!(store.movement_history("MRN000000000000001").await.unwrap(), Vec::from_iter(1..121));
    assert_eq!(store.incident("i-1").await.unwrap(), Some(incident_at("i-1", 5)));
    assert_eq!(
        store.balances(BalanceQuery { account: None, period: Period::default() }).await.unwrap(),
        [BalanceRow { account: "fees".into(), currency: "EUR".into(), amount_minor: 120 }]
    );
    let asked = [entry(0).statement_sha256, entry(120).statement_sha256];
    let found = store.find_statements(&asked).await.unwrap();
    let indexes: Vec<_> = found.iter().map(|found| found.index).collect();
    assert_eq!(indexes, [0, 120]);

    // A checkpoint already stored with the same note is accepted and left as it is; one
    // with another note refuses the whole batch.
    let mut same = batch(121, 2);
    same.checkpoint = full.checkpoint.clone();
    store.append_batch(same).await.unwrap();
    let mut conflicting = batch(123, 2);
    conflicting.checkpoint = Some(NewCheckpoint { tree_size: 121, signed_note: "other".into() });
    conflicting.projections.incidents.push(incident_at("i-2", 123));
    let refused = store.append_batch(conflicting).await.unwrap_err();
    assert!(matches!(refused, StoreError::CheckpointConflict { tree_size: 121 }), "{refused}");
    assert_eq!(store.tree_size().await.unwrap(), 123);
    assert_eq!(store.entry(123).await.unwrap(), None);
    assert_eq!(store.incident("i-2").await.unwrap(), None);
    assert_eq!(store.checkpoint(121).await.unwrap().unwrap().signed_note, "log\n121\nroot\n");
    store.append_batch(batch(123, 2)).await.unwrap();
    assert_eq!(store.tree_size().await.unwrap(), 125);
}

pub async fn the_largest_batch_reads_back<H: Harness>(harness: &H) {
    let store = harness.open().await;
    store.append_batch(batch(0, 3)).await.unwrap();
    let count = passage_store::BATCH_ENTRIES_MAX as u64;
    let largest = batch(3, count);
    store.append_batch(largest.clone()).await.unwrap();
    let size = 3 + count;
    assert_eq!(store.tree_size().await.unwrap(), size);
    let mut read = Vec::new();
    let mut cursor = EntryCursor::new(3, passage_store::ENTRIES_READ_MAX);
    while let Some(chunk) = cursor.next_chunk(&store).await.unwrap() {
        read.extend(chunk);
    }
    assert_eq!(read, largest.entries);
    for (level, index, width) in common::changed_tiles(0, size) {
        assert_eq!(
            store.hash_tile(level, index, width).await.unwrap(),
            Some(tile_hashes(level, index, width)),
            "tile {level}/{index}"
        );
    }
    let last_bundle = (size - 1) / 256;
    let width = (size - last_bundle * 256) as u16;
    assert_eq!(
        store.entry_bundle(last_bundle, width).await.unwrap(),
        Some(common::bundle_bytes(last_bundle, width, |i| entry(i).bytes))
    );
    let history = store.movement_history("MRN000000000000003").await.unwrap();
    assert_eq!(history, Vec::from_iter(3..size));
    let asked = [entry(3).statement_sha256, entry(size - 1).statement_sha256];
    let found = store.find_statements(&asked).await.unwrap();
    assert_eq!(found.iter().map(|found| found.index).collect::<Vec<_>>(), [3, size - 1]);
    let refused = store.append_batch(batch(size, count + 1)).await.unwrap_err();
    assert!(matches!(refused, StoreError::InvalidBatch(_)), "{refused}");
    assert_eq!(store.tree_size().await.unwrap(), size);
}
