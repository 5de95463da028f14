//! Applying statements (signatures already verified) against a bare loop that only
//! decodes the same statements, on a realistic mix: container trains of 55 wagons and
//! 55 containers (a seal check per container at each post) and trucks, each declared,
//! accepted, passed through the entry and exit posts and discharged, with payments.
//!
//! Run: `cargo bench -p passage-core --bench apply`. The figures go to BENCHMARKS.md.

// criterion's macros generate public functions without documentation.
#![allow(missing_docs)]

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use passage_core::statement::{Recorded, Statement};
use passage_core::testing::{self, Scenario};
use passage_core::{AmountMinor, ApplyContext, Currency, State};
use std::hint::black_box;

const TRAINS: u32 = 20;
const TRUCKS_PER_TRAIN: u32 = 10;

struct Workload {
    base: State,
    /// (context, signer, statement bytes) of every entry after the base.
    entries: Vec<(ApplyContext, passage_core::PublicKey, Vec<u8>)>,
}

fn workload() -> Workload {
    let mut scenario = Scenario::syunik();
    let base_len = scenario.entries().len();
    let amd = Currency::parse("AMD").expect("known");
    for train in 0..TRAINS {
        let hs = ["2022:850440", "2022:940360", "2022:870899", "2022:300220"];
        let declaration = testing::container_train("AM-TRANSIT-RAIL", 55, train * 100, &hs);
        let mrn = scenario.declare_accepted("CASPIAN-RAIL", declaration);
        scenario.complete(mrn);
        for truck in 0..TRUCKS_PER_TRAIN {
            let plate = format!("AZ{train:03}{truck:03}");
            let declaration = testing::truck("AM-TRANSIT-ROAD", &plate, "2022:080810", 18_000);
            let mrn = scenario.declare_accepted("ARAZ-TRUCKS", declaration);
            scenario.complete(mrn);
        }
        scenario.submit_ok(
            "customs@AM-MEGHRI-E",
            Statement::RecordPayment {
                carrier: testing::ident("CASPIAN-RAIL"),
                amount: AmountMinor(220_000_000),
                currency: amd,
                reference: testing::ident(&format!("RCPT-{train}")),
            },
        );
    }
    let base = testing::replay(&scenario.entries()[..base_len]);
    let entries = scenario.entries()[base_len..]
        .iter()
        .enumerate()
        .map(|(offset, (entry, leaf_hash))| {
            let ctx = ApplyContext {
                entry_index: (base_len + offset) as u64,
                time: entry.sequenced_at,
                leaf_hash: *leaf_hash,
            };
            (ctx, entry.statement.signer, entry.statement.statement.clone())
        })
        .collect();
    Workload { base, entries }
}

fn bench(criterion: &mut Criterion) {
    let workload = workload();
    let mut group = criterion.benchmark_group("core");
    group.throughput(Throughput::Elements(workload.entries.len() as u64));
    group.bench_function("decode_only", |bencher| {
        bencher.iter(|| {
            for (_, _, bytes) in &workload.entries {
                black_box(Recorded::decode(black_box(bytes)).expect("valid"));
            }
        })
    });
    group.bench_function("decode_and_apply", |bencher| {
        bencher.iter_batched(
            || (workload.base.clone(), Vec::with_capacity(256)),
            |(mut state, mut events)| {
                for (ctx, signer, bytes) in &workload.entries {
                    let statement = Recorded::decode(bytes).expect("valid");
                    let id = passage_core::signed::statement_id(signer, bytes);
                    events.clear();
                    state.apply_into(ctx, &id, signer, &statement, &mut events).expect("applies");
                }
                state
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();

    // The digest walks the whole state; the node takes it at checkpoints, not per entry.
    let mut full = workload.base.clone();
    for (ctx, signer, bytes) in &workload.entries {
        let statement = Recorded::decode(bytes).expect("valid");
        let id = passage_core::signed::statement_id(signer, bytes);
        full.apply(ctx, &id, signer, &statement).expect("applies");
    }
    let mut group = criterion.benchmark_group("core_digest");
    group.throughput(Throughput::Elements(full.movements().len() as u64));
    group.bench_function("digest_220_movements", |bencher| {
        bencher.iter(|| black_box(full.digest()))
    });
    group.finish();
    // One VRF proof checked: the core's variable-time check against the vrf-r255 crate's
    // constant-time one (the baseline), in the same run.
    let secret = passage_core::draw::VrfSecretKey::from_seed([7; 32]);
    let key = secret.public_key();
    let root = [3; 32];
    let proof = secret.prove(5_622, &root);
    let input = passage_core::draw::vrf_input(5_622, &root);
    let crate_key = vrf_r255::PublicKey::from_bytes(key.0).expect("a key");
    let crate_proof = vrf_r255::Proof::from_bytes(proof.0).expect("a proof");
    let mut group = criterion.benchmark_group("vrf");
    group.bench_function("verify_vrf_r255", |bencher| {
        bencher.iter(|| {
            let output: Option<[u8; 64]> =
                Option::from(black_box(&crate_key).verify(black_box(&input), &crate_proof));
            black_box(output.expect("valid"))
        })
    });
    group.bench_function("verify_core", |bencher| {
        bencher.iter(|| black_box(key.verify(5_622, black_box(&root), &proof).expect("valid")))
    });
    group.finish();
    let draws = workload
        .entries
        .iter()
        .filter(|(_, _, bytes)| {
            matches!(Recorded::decode(bytes).expect("valid").statement, Statement::Draw { .. })
        })
        .count();
    eprintln!("workload: {draws} draw statements");
    eprintln!(
        "workload: {} statements ({} trains of 55 containers, {} trucks)",
        workload.entries.len(),
        TRAINS,
        TRAINS * TRUCKS_PER_TRAIN
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(4));
    targets = bench
}
criterion_main!(benches);
