//! The README's walk-through for a corridor of one's own is `examples/walkthrough.sh`: the
//! README's commands are the script's, word for word, and the script runs to the end against
//! a fresh node with three witnesses it starts (keys, charter, enrolment, declarations from
//! the shipped files and from flags, every act to discharge and payment, a change of regime
//! by quorum, a revocation, a receipt verified offline, an audit that passes). When the
//! command line or a regime changes, these fail until the README and the script are right.

use crate::common::BINARY;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's root.
fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(repository().join(relative))
        .unwrap_or_else(|error| panic!("reading {relative}: {error}"))
}

/// The section of the README that walks through a corridor of one's own.
const SECTION_HEADING: &str = "### Your own corridor";

/// The `sh` blocks of the README's walk-through section.
fn readme_blocks() -> Vec<String> {
    let readme = read("README.md");
    let start = readme.find(SECTION_HEADING).expect("the README has the walk-through section");
    let section = &readme[start..];
    let end = section.find("\n## ").unwrap_or(section.len());
    let mut blocks = Vec::new();
    let mut rest = &section[..end];
    while let Some(open) = rest.find("```sh\n") {
        let body = &rest[open + "```sh\n".len()..];
        let close = body.find("```").expect("every block is closed");
        blocks.push(body[..close].to_owned());
        rest = &body[close + 3..];
    }
    blocks
}

#[test]
fn the_readme_s_walkthrough_is_the_script_s_text() {
    let script = read("examples/walkthrough.sh");
    let blocks = readme_blocks();
    assert!(blocks.len() >= 6, "the walk-through shows its steps: {blocks:?}");
    for block in &blocks {
        assert!(
            script.contains(block.as_str()),
            "this README block is not in examples/walkthrough.sh as written:\n{block}"
        );
    }
    // Every passage command the script runs at the top level is shown in the README, so
    // that a reader following the README runs what the test runs.
    let shown = blocks.concat();
    for line in script.lines().filter(|line| line.starts_with("passage ")) {
        assert!(shown.contains(line), "the README does not show `{line}`");
    }
}

#[test]
fn the_walkthrough_sets_up_a_corridor_of_one_s_own_and_audits_it() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let binaries = Path::new(BINARY).parent().expect("the binary's folder");
    let path = match std::env::var_os("PATH") {
        Some(path) => {
            let mut folders = vec![binaries.to_path_buf()];
            folders.extend(std::env::split_paths(&path));
            std::env::join_paths(folders).expect("a PATH")
        }
        None => binaries.as_os_str().to_owned(),
    };
    let started = std::time::Instant::now();
    let output = Command::new("sh")
        .arg(repository().join("examples/walkthrough.sh"))
        .arg(folder.path().join("corridor"))
        .env("PATH", path)
        // A free port, so that tests running at once do not collide.
        .env("PASSAGE_LISTEN", "127.0.0.1:0")
        .env("PASSAGE_LANG", "en")
        .env_remove("PASSAGE_NODE")
        .env_remove("PASSAGE_CONFIG")
        .env_remove("PASSAGE_KEY")
        .env_remove("PASSAGE_WITNESSES")
        .env_remove("PASSAGE_CHARTER_SHA256")
        .output()
        .expect("sh runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the walk-through failed:\n{stdout}\n{stderr}");
    eprintln!("the walk-through took {} ms", started.elapsed().as_millis());

    let has = |text: &str| assert!(stdout.contains(text), "no `{text}` in:\n{stdout}");
    has("entry 0: charter adopted");
    let mrn = stdout
        .lines()
        .find_map(|line| line.strip_prefix("declared "))
        .and_then(|rest| rest.split(' ').next())
        .expect("a declaration");
    // The amendment took effect: the carrier's new mass is the movement's, to discharge.
    has(&format!(": {mrn} amended"));
    has(&format!(
        "{mrn}  discharged\n  carrier ARAZ-TRUCKS  route AM-TRANSIT-ROAD  goods by road  17,500 kg"
    ));
    has("balance 0.00 AMD");
    has("adopted, in force");
    has("ok: entry 0 is in corridor.example/log");
    has("cosigned by witness.am, witness.az, witness.mon");
    has("ok: corridor.example/log at size");
    // The salts note follows only declarations made without --openings (the one from
    // flags), never a refusal.
    assert_eq!(stderr.matches("salts are not kept").count(), 1, "{stderr}");
}
