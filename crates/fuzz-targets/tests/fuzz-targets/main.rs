//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`) through the targets' bodies
//! on the stable toolchain: every input the fuzzer kept, and every regression input, must
//! pass the laws its target checks.

use std::path::{Path, PathBuf};

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus")
}

/// Runs every file of one target's corpus, returning how many ran and the files whose run
/// panicked, with the panic's message.
fn replay(name: &str) -> (usize, Vec<String>) {
    let folder = corpus_root().join(name);
    let entries = std::fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("the corpus {} is missing: {error}", folder.display()));
    let mut files: Vec<PathBuf> =
        entries.map(|entry| entry.expect("a readable entry").path()).collect();
    files.sort();
    let mut failures = Vec::new();
    for file in &files {
        let data = std::fs::read(file).expect("a readable corpus file");
        let outcome = std::panic::catch_unwind(|| passage_fuzz_targets::run(name, &data));
        if let Err(panic) = outcome {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|text| (*text).to_owned()))
                .unwrap_or_default();
            failures.push(format!("{}: {message}", file.display()));
        }
    }
    (files.len(), failures)
}

#[test]
fn every_corpus_file_passes_its_target() {
    let mut failures = Vec::new();
    for (name, _) in passage_fuzz_targets::TARGETS {
        let (count, mut failed) = replay(name);
        assert!(count > 0, "the corpus of {name} is empty: seed it (see FUZZING.md)");
        failures.append(&mut failed);
    }
    assert!(failures.is_empty(), "corpus inputs that break a law:\n{}", failures.join("\n"));
}

#[test]
fn every_corpus_folder_names_a_target() {
    let mut unknown = Vec::new();
    for entry in std::fs::read_dir(corpus_root()).expect("the corpus folder exists") {
        let name = entry.expect("a readable entry").file_name().to_string_lossy().into_owned();
        if !passage_fuzz_targets::TARGETS.iter().any(|(target, _)| *target == name) {
            unknown.push(name);
        }
    }
    assert!(unknown.is_empty(), "corpus folders without a target: {unknown:?}");
}

/// The seeds a target's corpus starts from, by name (`seed-<what>`).
fn seeds(name: &str) -> Vec<(String, Vec<u8>)> {
    let folder = corpus_root().join(name);
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folder)
        .expect("the corpus exists")
        .map(|entry| entry.expect("a readable entry"))
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("seed-"))
        .map(|entry| {
            let data = std::fs::read(entry.path()).expect("a readable seed");
            (entry.file_name().to_string_lossy().into_owned(), data)
        })
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "{name} has no seeds: run the write_seeds example");
    seeds
}

fn text(data: &[u8]) -> &str {
    std::str::from_utf8(data).expect("a text seed is UTF-8")
}

#[test]
fn the_seeds_are_valid_inputs() {
    // A seed the parser refuses starts the fuzzer at an error path: after a change to an
    // encoding or to the shipped documents, write the seeds again.
    use passage_core::{Charter, Corridor, Entry, Ident, Regime, SignedStatement};
    use passage_log::{AddCheckpointRequest, Checkpoint, Policy, Receipt, VerifierKey};
    let mut refused = Vec::new();
    let mut check = |name: &str, accept: &dyn Fn(&[u8]) -> bool| {
        for (file, data) in seeds(name) {
            if !accept(&data) {
                refused.push(format!("{name}/{file}"));
            }
        }
    };
    check("statement", &|data| passage_core::statement::Recorded::decode(data).is_ok());
    check("entry", &|data| Entry::decode(data).is_ok() || SignedStatement::decode(data).is_ok());
    check("checkpoint", &|data| Checkpoint::parse(data).is_ok());
    let log = passage_fuzz_targets::log_key().verifier_key();
    let witness = passage_fuzz_targets::witness_key().verifier_key();
    check("note", &|data| {
        passage_log::open_checkpoint(data, &log, std::slice::from_ref(&witness)).is_ok()
    });
    check("receipt", &|data| {
        Receipt::parse(data).is_ok_and(|receipt| {
            Policy::single_log(log.clone()).verify_checkpoint(receipt.checkpoint.as_bytes()).is_ok()
        })
    });
    check("witness_request", &|data| {
        AddCheckpointRequest::parse(data).is_ok_and(|request| {
            passage_log::check_add_checkpoint(&request, &log, None).is_ok() || request.old_size > 0
        })
    });
    check("policy", &|data| Policy::parse(data).is_ok());
    check("charter", &|data| Charter::from_toml(text(data)).is_ok());
    let corridor = Corridor::from_toml(passage_core::corridors::SYUNIK_CORRIDOR).expect("parses");
    let parties: Vec<Ident> =
        ["AM", "AZ", "MON"].iter().map(|id| Ident::parse(id).expect("valid")).collect();
    check("regime", &|data| Regime::from_toml(text(data), &corridor, &parties).is_ok());
    check("key", &|data| {
        let text = text(data);
        VerifierKey::parse(text).is_ok()
            || passage_log::SigningKey::parse(text).is_ok()
            || passage_log::Hash::from_base64(text).is_ok()
    });
    use passage_fuzz_targets::bodies;
    // A statement whose text decodes, whose payloads all open its commitments.
    let accepted = |text: &str, payloads: &[bodies::AttachedPayload]| {
        bodies::decode_signed(text)
            .ok()
            .and_then(|signed| signed.decode_statement().ok())
            .is_some_and(|recorded| bodies::check_attached(&recorded.statement, payloads).is_ok())
    };
    check("request_body", &|data| {
        let single = serde_json::from_slice::<bodies::SubmitWithPayloads>(data);
        let batch = serde_json::from_slice::<bodies::SubmitBatchRequest>(data);
        single.is_ok_and(|request| accepted(&request.submission.statement, &request.payloads))
            || batch.is_ok_and(|batch| {
                batch.statements.iter().all(|item| accepted(item.statement(), item.payloads()))
            })
    });
    check("saved_statement", &|data| {
        bodies::read_saved_statement(text(data)).is_ok_and(|saved| {
            bodies::check_attached(&saved.recorded.statement, &saved.request.payloads).is_ok()
        })
    });
    assert!(refused.is_empty(), "seeds their parser refuses: {refused:?}");
}
