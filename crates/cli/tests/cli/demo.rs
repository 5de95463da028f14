//! End-to-end: `passage demo` as the real binary, bounded by `--count`, on a fresh folder
//! and then again on the same folder (the node recovers and continues the log).

use std::path::Path;
use std::process::Command;

/// Runs the demo for `count` movements and returns its final summary line.
fn demo(data: &Path, count: u32) -> String {
    final_line(&demo_output(data, count))
}

/// The demo's final summary line in what it printed.
fn final_line(stdout: &str) -> String {
    stdout
        .lines()
        .find_map(|line| line.strip_prefix("final: "))
        .unwrap_or_else(|| panic!("no final summary in {stdout}"))
        .to_owned()
}

/// Runs the demo for `count` movements and returns what it printed.
fn demo_output(data: &Path, count: u32) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_passage"))
        .env("PASSAGE_LANG", "en")
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

    let output = demo_output(&data, 6);
    let first = final_line(&output);
    assert_eq!(figure(&first, "completed"), 6, "{first}");
    assert_eq!(list(&first, "movements"), "discharged 6", "{first}");
    // A checkpoint covers every entry, and every fee assessed was paid.
    let entries = figure(&first, "entries");
    assert!(entries > 24 + 6 * 10, "{first}");
    assert_eq!(figure(&first, "checkpoint"), entries, "{first}");
    assert_eq!(list(&first, "fees"), list(&first, "paid"), "{first}");
    assert_ne!(list(&first, "fees"), "", "{first}");
    assert_eq!(figure(&first, "open incidents"), 0, "{first}");

    // After movement 3 a monitor observes: the photograph and the document attached were
    // committed, kept by the node and read back by the monitor, each checked.
    let read_back = output
        .lines()
        .find(|line| line.starts_with("the monitor read back the observation at entry "))
        .unwrap_or_else(|| panic!("no observation read back in {output}"));
    assert!(read_back.contains("its details and 2 attachments"), "{read_back}");

    let second = demo(&data, 2);
    assert_eq!(list(&second, "movements"), "discharged 8", "{second}");
    let more = figure(&second, "entries");
    assert!(more > entries, "{second}");
    assert_eq!(figure(&second, "checkpoint"), more, "{second}");
    assert_eq!(list(&second, "fees"), list(&second, "paid"), "{second}");
}

/// The running demo, audited as its first lines say, while it goes on: exit 0, then exit 1
/// naming a projection changed in its database.
#[test]
fn the_running_demo_audited_as_it_says_passes_and_a_tampered_projection_fails() {
    use std::io::{BufRead as _, BufReader};
    use std::process::Stdio;
    let folder = tempfile::tempdir().expect("temporary folder");
    let data = folder.path().join("passage-data");
    let mut demo = Command::new(env!("CARGO_BIN_EXE_passage"))
        .env("PASSAGE_LANG", "en")
        .args(["demo", "--listen", "127.0.0.1:0", "--concurrency", "2"])
        .args(["--checkpoint-interval-ms", "100", "--data"])
        .arg(&data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the demo starts");
    struct Stop(std::process::Child);
    impl Drop for Stop {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let stdout = demo.stdout.take().expect("piped");
    let _demo = Stop(demo);
    let mut lines = BufReader::new(stdout).lines();
    // The demo names the policy it wrote and the one command that audits it.
    let command = loop {
        let line = lines.next().expect("the demo prints its audit command").expect("a line");
        if let Some(command) = line.trim().strip_prefix("passage audit ") {
            break command.to_owned();
        }
    };
    let arguments: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(arguments[1], "--policy", "{command}");
    let policy = std::fs::read_to_string(arguments[2]).expect("the policy file");
    assert!(policy.contains("witness witness.am "), "{policy}");
    // `passage charter policy` derives the same policy from the node's entry 0, given the
    // log's key and the witnesses' URLs.
    let base = arguments[0].trim_end_matches("/log");
    let mut derive = Command::new(env!("CARGO_BIN_EXE_passage"));
    derive.env("PASSAGE_LANG", "en").args(["charter", "policy", "--node", base]);
    for line in policy.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["log", vkey] => {
                derive.args(["--log-key", vkey]);
            }
            ["witness", name, _, url] => {
                derive.arg(format!("--witness={name}={url}"));
            }
            _ => {}
        }
    }
    let derived = derive.output().expect("the command runs");
    assert_eq!(String::from_utf8_lossy(&derived.stdout), policy, "{derived:?}");
    // Keep reading the demo's progress so that it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let statistics = |base: &str| -> serde_json::Value {
        let url = format!("{}/v1/statistics", base.trim_end_matches("/log"));
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
        runtime.expect("a runtime").block_on(async {
            reqwest::get(url).await.expect("answers").json().await.expect("JSON")
        })
    };
    // Wait for the traffic to be well under way: discharged movements, published.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while statistics(arguments[0])["movements"]["discharged"].as_u64() < Some(2)
        || statistics(arguments[0])["checkpoint_size"].as_u64() < Some(100)
    {
        assert!(std::time::Instant::now() < deadline, "the demo made no traffic");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    let audit = || {
        Command::new(env!("CARGO_BIN_EXE_passage"))
            .env("PASSAGE_LANG", "en")
            .arg("audit")
            .args(&arguments)
            .output()
            .expect("the audit runs")
    };
    // Audited while the demo goes on: every audit passes, and they are run until one ran
    // while the demo sequenced (on a busy machine the demo may wait for a draw longer
    // than one audit takes).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let before = statistics(arguments[0])["entries"].as_u64().expect("entries");
        let output = audit();
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        let after = statistics(arguments[0])["entries"].as_u64().expect("entries");
        assert_eq!(output.status.code(), Some(0), "{text}");
        assert!(text.contains(": equal to the audit's"), "{text}");
        if after > before {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the demo never sequenced during an audit");
    }

    // A discharged movement's status changed behind the log's back: named, exit 1.
    let database = rusqlite::Connection::open(data.join("passage.db")).expect("the database");
    database.busy_timeout(std::time::Duration::from_secs(10)).expect("a busy timeout");
    let tampered: String = database
        .query_row(
            "UPDATE movements SET status = 'cancelled' \
             WHERE reference = (SELECT MIN(reference) FROM movements WHERE status = 'discharged') \
             RETURNING reference",
            [],
            |row| row.get(0),
        )
        .expect("a discharged movement");
    let output = audit();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains(&format!(
            "movement {tampered}: the node lists it under cancelled, the log gives discharged"
        )),
        "{text}"
    );
}
