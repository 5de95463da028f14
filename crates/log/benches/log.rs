//! Benchmarks of the log, each beside its baseline in the same run: appending with tile
//! maintenance against plain SHA-256 of the same entry bytes, proofs from tiles, and note
//! signing and verification against raw ed25519-dalek.
//!
//! Run: `cargo bench -p passage-log --bench log`.

// criterion's macros generate undocumented functions.
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use ed25519_dalek::{Signer as _, Verifier as _};
use passage_log::{
    Appender, Checkpoint, KeyType, MemoryTiles, SigningKey, add_cosignature, open_checkpoint,
    prove_consistency, prove_inclusion, verify_consistency, verify_inclusion,
};
use sha2::{Digest as _, Sha256};

/// Entries per measured iteration: sixteen full tiles.
const ENTRIES_PER_ITERATION: usize = 4096;
/// Entries per group commit: the appender's changes are taken once per batch, as a store
/// would write them in one transaction.
const BATCH_ENTRIES: usize = 256;

fn entries(bytes: usize) -> Vec<Vec<u8>> {
    (0..ENTRIES_PER_ITERATION)
        .map(|i| {
            let mut entry = vec![(i % 251) as u8; bytes];
            entry[..8].copy_from_slice(&(i as u64).to_be_bytes());
            entry
        })
        .collect()
}

fn append(c: &mut Criterion) {
    for bytes in [256usize, 1024] {
        let data = entries(bytes);
        let mut group = c.benchmark_group(format!("append/{bytes}B"));
        group.throughput(Throughput::Elements(ENTRIES_PER_ITERATION as u64));
        group.bench_function("baseline: sha256 of each entry", |b| {
            b.iter(|| {
                for entry in &data {
                    black_box(Sha256::digest(entry));
                }
            })
        });
        group.bench_function("append with tiles and bundles", |b| {
            // Start from a tree that already has a million-entry-like right edge depth.
            b.iter_batched(
                Appender::new,
                |mut appender| {
                    for chunk in data.chunks(BATCH_ENTRIES) {
                        for entry in chunk {
                            appender.append(entry).expect("small");
                        }
                        black_box(appender.take_changes());
                    }
                    appender
                },
                BatchSize::SmallInput,
            )
        });
        group.bench_function("append_batch with the root before each entry", |b| {
            b.iter_batched(
                Appender::new,
                |mut appender| {
                    for chunk in data.chunks(BATCH_ENTRIES) {
                        black_box(appender.append_batch(chunk).expect("small"));
                    }
                    appender
                },
                BatchSize::SmallInput,
            )
        });
        group.finish();
    }
}

fn proofs(c: &mut Criterion) {
    // A tree of 2^20 + 70,000 entries: three tile levels, every kind of partial tile.
    let size: u64 = (1 << 20) + 70_000;
    let mut appender = Appender::new();
    let mut tiles = MemoryTiles::new();
    let mut entry = [0u8; 64];
    for index in 0..size {
        entry[..8].copy_from_slice(&index.to_be_bytes());
        appender.append(&entry).expect("small");
        if index % 4096 == 4095 {
            tiles.apply(&appender.take_changes());
        }
    }
    tiles.apply(&appender.take_changes());
    let root = appender.root();
    let index = 123_456u64;
    entry[..8].copy_from_slice(&index.to_be_bytes());
    let leaf = passage_log::leaf_hash(&entry);
    let old = 1_000_003u64;
    let old_root = passage_log::tree_root(&tiles, old).expect("stored");

    let mut group = c.benchmark_group("proofs");
    group.bench_function("prove inclusion from tiles", |b| {
        b.iter(|| prove_inclusion(&tiles, size, black_box(index)).expect("stored"))
    });
    // Receipts for a batch: the 256 entries of the last full level-0 tile.
    let last_full = (size / 256 - 1) * 256;
    let batch: Vec<u64> = (last_full..last_full + 256).collect();
    group.bench_function("prove 256 inclusions one by one", |b| {
        b.iter(|| {
            for &index in &batch {
                black_box(prove_inclusion(&tiles, size, index).expect("stored"));
            }
        })
    });
    group.bench_function("prove 256 inclusions at once", |b| {
        b.iter(|| passage_log::prove_inclusions(&tiles, size, black_box(&batch)).expect("stored"))
    });
    let inclusion = prove_inclusion(&tiles, size, index).expect("stored");
    group.bench_function("verify inclusion", |b| {
        b.iter(|| verify_inclusion(&leaf, index, size, black_box(&inclusion), &root))
    });
    group.bench_function("prove consistency from tiles", |b| {
        b.iter(|| prove_consistency(&tiles, black_box(old), size).expect("stored"))
    });
    let consistency = prove_consistency(&tiles, old, size).expect("stored");
    group.bench_function("verify consistency", |b| {
        b.iter(|| verify_consistency(old, size, &old_root, &root, black_box(&consistency)))
    });
    group.finish();
}

fn notes(c: &mut Criterion) {
    let log_key = SigningKey::from_seed("corridor.example/log", KeyType::Ed25519, [1; 32])
        .expect("valid name");
    let witness = SigningKey::from_seed("monitor.example/w1", KeyType::CosignatureV1, [2; 32])
        .expect("valid name");
    let checkpoint = Checkpoint {
        origin: "corridor.example/log".into(),
        size: 1_118_576,
        root: passage_log::Hash([9; 32]),
        extensions: vec![],
    };
    let text = checkpoint.to_text();
    let raw_key = ed25519_dalek::SigningKey::from_bytes(&[1; 32]);
    let raw_public = raw_key.verifying_key();
    let raw_signature = raw_key.sign(text.as_bytes());
    let note = checkpoint.sign(&log_key).expect("signs");
    let cosigned = add_cosignature(&note, &witness, 1_700_000_000).expect("cosigns");
    let log_vkey = log_key.verifier_key();
    let witness_vkey = [witness.verifier_key()];

    let mut group = c.benchmark_group("notes");
    group.throughput(Throughput::Elements(1));
    group.bench_function("baseline: ed25519-dalek sign", |b| {
        b.iter(|| raw_key.sign(black_box(text.as_bytes())))
    });
    group.bench_function("sign checkpoint note", |b| {
        b.iter(|| checkpoint.sign(black_box(&log_key)).expect("signs"))
    });
    group.bench_function("baseline: ed25519-dalek verify", |b| {
        b.iter(|| raw_public.verify(black_box(text.as_bytes()), &raw_signature).expect("valid"))
    });
    group.bench_function("open checkpoint note (1 signature)", |b| {
        b.iter(|| open_checkpoint(black_box(note.as_bytes()), &log_vkey, &[]).expect("valid"))
    });
    group.bench_function("open cosigned checkpoint (2 signatures)", |b| {
        b.iter(|| {
            open_checkpoint(black_box(cosigned.as_bytes()), &log_vkey, &witness_vkey)
                .expect("valid")
        })
    });
    group.finish();
}

fn config() -> Criterion {
    // Short runs: the machine is shared; ratios within one run are what we report.
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = append, proofs, notes
}
criterion_main!(benches);
