//! The store's tests: one shared suite run against SQLite always and against PostgreSQL when
//! `PASSAGE_TEST_POSTGRES_URL` is set (each test in its own schema, so they run in
//! parallel), property tests, leadership and crash tests.

#![allow(clippy::unwrap_used)]

mod common;
mod crash;
mod faults;
mod suite;
mod tls;

use std::time::Duration;

/// A wait that must end; the bound only turns a hang into a failure.
const WAIT_MAX: Duration = Duration::from_secs(60);

use passage_store::Store;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::common::{Harness, SqliteHarness, run_postgres};
use crate::suite::RandomBatch;

/// Instantiates each suite function once per backend.
macro_rules! shared_suite {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let harness = crate::common::SqliteHarness::new();
                    crate::suite::$name(&harness).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    crate::common::run_postgres(stringify!($name), |harness| async move {
                        crate::suite::$name(&*harness).await
                    })
                    .await;
                }
            )*
        }
    };
}

shared_suite!(
    append_and_read_back,
    resubmitted_statement_is_found_and_refused,
    batch_not_at_current_size_is_refused,
    two_writers_cannot_fork,
    invalid_batches_are_refused_with_a_reason,
    tiles_only_grow,
    checkpoints_are_cosigned_then_published,
    figures_are_kept_per_checkpoint_and_statuses_read_as_of_a_size,
    nonces_are_taken_once_bounded_per_reader_and_forgotten_when_expired,
    movement_search_paginates,
    movement_pages_stay_exact_while_movements_arrive,
    incidents_are_upserted_and_searched,
    incident_reported_post_is_filled_from_rows_written_before_the_column,
    payloads_are_stored_once_and_read_back,
    payloads_of_a_movement_are_paged_in_entry_and_field_order,
    balances_and_statements_per_period,
    recovery_replays_only_the_tail,
    newer_schema_is_refused,
    leadership_is_exclusive_and_passes_on,
    a_deposed_leader_commits_nothing,
    a_batch_with_every_row_kind_reads_back_whole,
    the_largest_batch_reads_back,
    a_snapshot_written_beside_the_batches_is_used_only_once_complete,
    a_deposed_leader_writes_no_snapshot,
);

fn random_batches() -> impl Strategy<Value = Vec<RandomBatch>> {
    let batch = (
        prop::collection::vec(0usize..1_200, 1..300),
        prop::collection::vec(0u8..20, 0..5),
        prop::collection::vec(-1_000i64..1_000, 0..4),
        any::<u64>(),
    )
        .prop_map(|(lengths, movements, amounts, salt)| RandomBatch {
            lengths,
            movements,
            amounts,
            salt,
        });
    prop::collection::vec(batch, 0..8)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

#[test]
fn sqlite_random_batches_read_back() {
    let mut runner = TestRunner::new(Config { cases: 16, ..Config::default() });
    runner
        .run(&random_batches(), |batches| {
            runtime().block_on(suite::random_batches_read_back(&SqliteHarness::new(), batches));
            Ok(())
        })
        .unwrap();
}

#[test]
fn postgres_random_batches_read_back() {
    if common::postgres_url("postgres_random_batches_read_back").is_none() {
        return;
    }
    let mut runner = TestRunner::new(Config { cases: 8, ..Config::default() });
    runner
        .run(&random_batches(), |batches| {
            runtime().block_on(run_postgres("random", |harness| async move {
                suite::random_batches_read_back(&*harness, batches).await
            }));
            Ok(())
        })
        .unwrap();
}

#[tokio::test]
async fn postgres_leadership_is_lost_with_its_connection() {
    run_postgres("postgres_leadership_is_lost_with_its_connection", |harness| async move {
        let (one, two) = (harness.open().await, harness.open().await);
        assert!(one.try_acquire_leadership().await.unwrap());
        // The leader's connection dies (a network cut, a crashed node): the server ends it.
        let key = one.leadership_lock_key() as u64;
        let (high, low) = ((key >> 32) as i64, (key & 0xffff_ffff) as i64);
        let admin = harness.admin().await;
        let terminated: i64 = admin
            .query_one(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_locks
                 WHERE locktype = 'advisory' AND granted AND objsubid = 1
                   AND classid::bigint = $1 AND objid::bigint = $2
                   AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                &[&high, &low],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(terminated, 1);
        // The follower gets the lock once the server has dropped it with the connection...
        tokio::time::timeout(Duration::from_secs(60), two.acquire_leadership())
            .await
            .expect("the follower takes over")
            .unwrap();
        assert!(two.is_leader().await.unwrap());
        // ...and the old leader learns it no longer leads...
        assert!(!one.is_leader().await.unwrap());
        assert!(!one.try_acquire_leadership().await.unwrap());
        // ...and, had it missed that, could commit nothing: its epoch is over.
        let refused = one.append_batch(common::batch(0, 1)).await.unwrap_err();
        assert!(matches!(refused, passage_store::StoreError::LeadershipLost { .. }), "{refused}");
        two.append_batch(common::batch(0, 1)).await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn postgres_a_write_the_server_refuses_rolls_back_the_whole_batch() {
    run_postgres("postgres_a_write_the_server_refuses", |harness| async move {
        let store = harness.open().await;
        store.append_batch(common::batch(0, 2)).await.unwrap();
        // A constraint only the server checks, so the refusal comes from a write pipelined
        // with the commit, after every check of the store passed.
        let admin = harness.admin().await;
        let constraint = format!(
            "ALTER TABLE {}.postings ADD CONSTRAINT small CHECK (amount_minor < 1000)",
            harness.schema
        );
        admin.batch_execute(&constraint).await.unwrap();
        let mut refused = common::batch(2, 3);
        refused.projections.postings[1].amount_minor = 1_000;
        let error = store.append_batch(refused).await.unwrap_err();
        assert!(matches!(error, passage_store::StoreError::Postgres(_)), "{error}");
        assert_eq!(store.tree_size().await.unwrap(), 2);
        assert_eq!(store.entry(2).await.unwrap(), None);
        assert_eq!(store.movement("MRN000000000000002").await.unwrap(), None);
        // The pool's connections are out of any transaction: the batch appends now.
        for _ in 0..4 {
            assert_eq!(store.tree_size().await.unwrap(), 2);
        }
        store.append_batch(common::batch(2, 3)).await.unwrap();
        assert_eq!(store.tree_size().await.unwrap(), 5);
        assert_eq!(store.entries(0, 10).await.unwrap().len(), 5);
    })
    .await;
}

#[tokio::test]
async fn postgres_an_append_dropped_half_way_leaves_no_transaction_open() {
    run_postgres("postgres_an_append_dropped_half_way", |harness| async move {
        let store = harness.open().await;
        // Warm the connection and its statements, so the dropped append gets as far as
        // sending its first round trip (which moves the head inside its transaction)
        // before it is dropped.
        store.append_batch(common::batch(0, 2)).await.unwrap();
        // Polled exactly once, then dropped (a zero timeout would not do: the timer rounds
        // up to its next tick, and under load the append could be polled again after the
        // first round trip's answers came back, and send its `COMMIT`).
        let mut dropped = Box::pin(store.append_batch(common::batch(2, 3)));
        let first_poll =
            std::future::poll_fn(|context| std::task::Poll::Ready(dropped.as_mut().poll(context)))
                .await;
        assert!(first_poll.is_pending(), "an append needs the server's answers to finish");
        // Time for the connection to send the first round trip and the server to run it
        // (the head moved, its row locked), without polling the append again.
        tokio::time::sleep(Duration::from_millis(200)).await;
        drop(dropped);
        // Its transaction never committed, and no connection of the pool is left inside
        // it: the next batch at the same size neither waits forever on the head's row
        // lock nor finds the head moved.
        assert_eq!(store.tree_size().await.unwrap(), 2);
        let appended = tokio::time::timeout(WAIT_MAX, store.append_batch(common::batch(2, 4)))
            .await
            .expect("the dropped append's transaction was rolled back")
            .unwrap();
        assert_eq!(appended.tree_size, 6);
        let expected: Vec<_> = (0..6).map(common::entry).collect();
        assert_eq!(store.entries(0, 100).await.unwrap(), expected);
        assert_eq!(harness.open().await.tree_size().await.unwrap(), 6);
    })
    .await;
}
