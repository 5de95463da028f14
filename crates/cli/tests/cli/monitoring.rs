//! The monitors' voice through the command: an observation and a contest recorded with
//! `passage record`, the contest refused to the act's own party and answered by it, and
//! the day's figures read with `passage report`.

use crate::common::{fails, key_file, ok, serve_corridor};

/// The entry an acknowledgement names (`entry N: ...`).
fn entry_of(output: &str) -> u64 {
    output
        .split("entry ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|digits| digits.parse().ok())
        .unwrap_or_else(|| panic!("an acknowledgement names its entry: {output}"))
}

#[test]
fn a_monitor_observes_customs_contest_it_and_the_report_counts_both() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let folder = folder.path();
    let (node, _local) = serve_corridor(folder);
    let monitor = key_file(folder, "monitor@AM-MEGHRI-E");
    let customs = key_file(folder, "customs@AM-MEGHRI-E");
    let observed = ok(
        &node,
        &[
            "record",
            "observe",
            "--category",
            "queue",
            "--post",
            "AM-MEGHRI-E",
            "--summary",
            "Twelve trucks wait at the gate",
            "--details",
            "plates noted in the mission's log book",
            "--key",
            &monitor,
        ],
    );
    let observation = entry_of(&observed).to_string();
    // The mission does not contest its own act; the host state's customs may.
    let refused = fails(
        &node,
        &["record", "contest", &observation, "--reason", "other", "--key", &monitor],
        1,
    );
    assert!(refused.contains("own_act"), "{refused}");
    ok(&node, &["record", "contest", &observation, "--reason", "other", "--key", &customs]);
    let refused = fails(
        &node,
        &["record", "answer-contest", "1", "--answer", "rejected", "--key", &customs],
        1,
    );
    assert!(refused.contains("not_the_acts_party"), "{refused}");
    ok(
        &node,
        &[
            "record",
            "answer-contest",
            "1",
            "--answer",
            "upheld",
            "--reasons",
            "the queue had cleared",
            "--key",
            &monitor,
        ],
    );
    let today = passage_core::Timestamp(passage_node::sequencer::now_ms()).to_string();
    let report = ok(&node, &["report", &today[..10], "--json"]);
    let report: serde_json::Value = serde_json::from_str(&report).expect("JSON");
    assert_eq!(report["status"], "open");
    let figures: Vec<String> = report["figures"]
        .as_array()
        .expect("figures")
        .iter()
        .map(|line| format!("{} {}", line["figure"].as_str().unwrap_or(""), line["value"]))
        .collect();
    for expected in ["observations 1", "contests_opened 1", "contests_answered 1"] {
        assert!(figures.iter().any(|line| line == expected), "{expected} in {figures:?}");
    }
    let text = ok(&node, &["report", &today[..10]]);
    assert!(text.starts_with(&format!("report of {}: open", &today[..10])), "{text}");
    fails(&node, &["report", "2026-02-30"], 1);
}
