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
