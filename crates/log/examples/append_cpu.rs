//! Appends 2^20 entries with tile maintenance, or hashes the same entry bytes with plain
//! SHA-256, so that the two can be compared in CPU time, which a busy shared machine does not
//! inflate the way it inflates wall-clock time:
//!
//! ```sh
//! cargo build --release -p passage-log --example append_cpu
//! perf stat -e task-clock target/release/examples/append_cpu sha256 256
//! perf stat -e task-clock target/release/examples/append_cpu append 256
//! ```

use passage_log::Appender;
use sha2::{Digest as _, Sha256};

/// Entries per run.
const ENTRIES: usize = 1 << 20;
/// Distinct entries, reused in turn, so the input stays in cache as in the criterion bench.
const DISTINCT: usize = 4096;

fn main() {
    let mut arguments = std::env::args().skip(1);
    let mode = arguments.next().unwrap_or_default();
    let bytes: usize = arguments.next().and_then(|text| text.parse().ok()).unwrap_or(256).max(8);
    let entries: Vec<Vec<u8>> = (0..DISTINCT)
        .map(|i| {
            let mut entry = vec![(i % 251) as u8; bytes];
            entry[..8].copy_from_slice(&(i as u64).to_be_bytes());
            entry
        })
        .collect();
    let mut checksum = 0u8;
    match mode.as_str() {
        "sha256" => {
            for i in 0..ENTRIES {
                checksum ^= Sha256::digest(&entries[i % DISTINCT])[0];
            }
        }
        "append" => {
            let mut appender = Appender::new();
            for i in 0..ENTRIES {
                appender.append(&entries[i % DISTINCT]).expect("entries are small");
                if i % 256 == 255 {
                    checksum ^= appender.take_changes().tiles.len() as u8;
                }
            }
            checksum ^= appender.root().0[0];
        }
        _ => {
            eprintln!("usage: append_cpu sha256|append [entry bytes]");
            std::process::exit(2);
        }
    }
    println!("{checksum}");
}
