//! End-to-end: `passage demo` as the real binary, bounded by `--count`, on a fresh folder
//! and then again on the same folder (the node recovers and continues the log).

use std::path::Path;
use std::process::Command;

/// Runs the demo for `count` movements and returns its final summary line.
fn demo(data: &Path, count: u32) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_passage"))
        .args(["demo", "--listen", "127.0.0.1:0", "--concurrency", "4", "--count"])
        .arg(count.to_string())
        .arg("--data")
        .arg(data)
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "demo failed: {stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
        .lines()
        .find_map(|line| line.strip_prefix("final: "))
        .unwrap_or_else(|| panic!("no final summary in {stdout}"))
        .to_owned()
}

/// The number after `label` in a summary line.
fn figure(summary: &str, label: &str) -> u64 {
    let rest = summary.split(label).nth(1).unwrap_or_else(|| panic!("no {label} in {summary}"));
    rest.trim_start()
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number after {label} in {summary}"))
}

/// The bracketed list after `label`.
fn list<'a>(summary: &'a str, label: &str) -> &'a str {
    let rest = summary.split(label).nth(1).unwrap_or_else(|| panic!("no {label} in {summary}"));
    rest.trim_start().trim_start_matches('[').split(']').next().unwrap_or_default()
}

#[test]
fn demo_runs_a_bounded_day_and_continues_after_a_restart() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let data = folder.path().join("passage-data");

    let first = demo(&data, 6);
    assert_eq!(figure(&first, "completed"), 6, "{first}");
    assert_eq!(list(&first, "movements"), "discharged 6", "{first}");
    // A checkpoint covers every entry, and every fee assessed was paid.
    let entries = figure(&first, "entries");
    assert!(entries > 24 + 6 * 10, "{first}");
    assert_eq!(figure(&first, "checkpoint"), entries, "{first}");
    assert_eq!(list(&first, "fees"), list(&first, "paid"), "{first}");
    assert_ne!(list(&first, "fees"), "", "{first}");
    assert_eq!(figure(&first, "open incidents"), 0, "{first}");

    let second = demo(&data, 2);
    assert_eq!(list(&second, "movements"), "discharged 8", "{second}");
    let more = figure(&second, "entries");
    assert!(more > entries, "{second}");
    assert_eq!(figure(&second, "checkpoint"), more, "{second}");
    assert_eq!(list(&second, "fees"), list(&second, "paid"), "{second}");
}
