//! The monitors' voice through the command: an observation and a contest recorded with
//! `passage record`, the contest refused to the act's own party and answered by it, and
//! the day's figures read with `passage report`, and saved as the node renders them; a
//! photograph attached to an observation as a binary payload.

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
    // The days the entries below fall on, which the reports are read for: one, or two when
    // the test runs across midnight (UTC).
    let first_day = passage_core::Timestamp(passage_node::sequencer::now_ms()).day();
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
    let last_day = passage_core::Timestamp(passage_node::sequencer::now_ms()).day();
    let day_text =
        |day: u32| passage_core::Timestamp::start_of_day(day).to_string()[..10].to_owned();
    let mut summed: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    for day in first_day..=last_day {
        let report = ok(&node, &["report", &day_text(day), "--json"]);
        let report: serde_json::Value = serde_json::from_str(&report).expect("JSON");
        assert_eq!(report["status"], if day == last_day { "open" } else { "to_sign" });
        for line in report["figures"].as_array().expect("figures") {
            let figure = line["figure"].as_str().unwrap_or("").to_owned();
            *summed.entry(figure).or_default() += line["value"].as_u64().expect("a count");
        }
    }
    for (figure, value) in [("observations", 1), ("contests_opened", 1), ("contests_answered", 1)] {
        assert_eq!(summed.get(figure), Some(&value), "{figure} in {summed:?}");
    }
    let day = day_text(last_day);
    let text = ok(&node, &["report", &day]);
    assert!(text.starts_with(&format!("report of {day}: open")), "{text}");
    // The node's rendering, saved: a PDF and a web page in Azerbaijani.
    let pdf = folder.join("report.az.pdf");
    let page = folder.join("report.az.html");
    let pdf_text = pdf.to_str().expect("a UTF-8 path");
    let page_text = page.to_str().expect("a UTF-8 path");
    ok(&node, &["report", &day, "--pdf", pdf_text, "--page", page_text, "--report-lang", "az"]);
    assert!(std::fs::read(&pdf).expect("the PDF").starts_with(b"%PDF-"));
    let html = std::fs::read_to_string(&page).expect("the page");
    assert!(html.contains("<html lang=\"az\">"), "{html}");
    assert!(html.contains("Müşahidə missiyasının gündəlik hesabatı"), "{html}");
    // `--language`, the option's former name, still works; without either, the document
    // is in the language of the command's text.
    ok(&node, &["report", &day, "--page", page_text, "--language", "ru"]);
    let html = std::fs::read_to_string(&page).expect("the page");
    assert!(html.contains("<html lang=\"ru\">"), "{html}");
    ok(&node, &["--lang", "hy", "report", &day, "--page", page_text]);
    let html = std::fs::read_to_string(&page).expect("the page");
    assert!(html.contains("<html lang=\"hy\">"), "{html}");
    let refused = fails(&node, &["report", "2026-02-30", "--pdf", pdf_text], 1);
    assert!(refused.contains("bad_day"), "{refused}");
    fails(&node, &["report", "2026-02-30"], 1);
}

#[test]
fn an_observation_attaches_a_photograph_as_a_binary_payload() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let folder = folder.path();
    let (node, _local) = serve_corridor(folder);
    let monitor = key_file(folder, "monitor@AM-MEGHRI-E");
    // The start of a JPEG file: bytes that are not UTF-8, as no photograph is.
    let mut photograph = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00];
    photograph.extend((0..=255u8).cycle().take(4096));
    photograph.extend([0xFF, 0xD9]);
    assert!(std::str::from_utf8(&photograph).is_err());
    let path = folder.join("gate.jpg");
    std::fs::write(&path, &photograph).expect("the photograph is written");
    let note = folder.join("note.txt");
    std::fs::write(&note, "the gate's register, page 12").expect("the note is written");
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
            "Trucks wait at the gate",
            "--details",
            "seen from the road",
            "--attach",
            path.to_str().expect("a UTF-8 path"),
            "--attach",
            note.to_str().expect("a UTF-8 path"),
            "--key",
            &monitor,
        ],
    );
    let entry = entry_of(&observed);
    // The node checked each payload against its commitment in the statement before it
    // acknowledged it, and keeps the photograph's bytes as they were.
    let database =
        rusqlite::Connection::open(folder.join("passage.db")).expect("the node's database");
    let stored = |entry: u64, field: &str| -> Vec<u8> {
        database
            .query_row(
                "SELECT payload FROM payloads WHERE entry_index = ?1 AND field = ?2",
                rusqlite::params![entry as i64, field],
                |row| row.get(0),
            )
            .unwrap_or_else(|e| panic!("{field} of entry {entry}: {e}"))
    };
    assert_eq!(stored(entry, "attachments/0"), photograph);
    assert_eq!(stored(entry, "attachments/1"), b"the gate's register, page 12");

    // The largest file one request carries, as base64 beside the largest statement, goes
    // through whole and is kept; one byte more is refused before anything is signed; two
    // files that fit alone but not together are refused before anything is sent.
    let largest = (passage_node::api::BODY_BYTES_MAX
        - passage_node::api::bodies::STATEMENT_TEXT_BYTES_MAX
        - 4096)
        / 4
        * 3;
    let bytes: Vec<u8> = (0..largest).map(|index| (index * 7 % 256) as u8).collect();
    let observe = |attachments: &[&std::path::Path]| {
        let mut args: Vec<String> = [
            "record",
            "observe",
            "--category",
            "queue",
            "--post",
            "AM-MEGHRI-E",
            "--summary",
            "Trucks wait",
            "--details",
            "seen",
            "--key",
            &monitor,
        ]
        .map(str::to_owned)
        .to_vec();
        for path in attachments {
            args.push("--attach".to_owned());
            args.push(path.to_str().expect("a UTF-8 path").to_owned());
        }
        args
    };
    let largest_file = folder.join("largest.jpg");
    std::fs::write(&largest_file, &bytes).expect("written");
    let taken = ok(&node, &as_strs(&observe(&[&largest_file])));
    assert_eq!(stored(entry_of(&taken), "attachments/0"), bytes);
    let size = || -> i64 {
        database.query_row("SELECT COUNT(*) FROM entries", [], |row| row.get(0)).expect("entries")
    };
    let entries_before = size();
    let over = folder.join("over.bin");
    std::fs::write(&over, vec![0u8; largest + 1]).expect("written");
    let refused = fails(&node, &as_strs(&observe(&[&over])), 2);
    assert!(refused.contains("an attachment may have at most 718359"), "{refused}");
    let half = folder.join("half.bin");
    std::fs::write(&half, vec![0xFFu8; largest / 2 + 1]).expect("written");
    let refused = fails(&node, &as_strs(&observe(&[&half, &largest_file])), 2);
    assert!(refused.contains("a node takes at most 1048576"), "{refused}");
    assert_eq!(size(), entries_before, "nothing was sent");
}

/// The arguments as the helpers take them.
fn as_strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}
