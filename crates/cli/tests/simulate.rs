//! End-to-end: `passage simulate` and `passage simulate compare` on small scenarios, run as
//! the real binary.

use std::path::Path;
use std::process::Command;

/// The shared small scenario (`scenarios/tests/tiny.toml`), named `tiny-{regime}`, with
/// `select` as the selection of the opening at the first post.
fn scenario(regime: &str, select: &str) -> String {
    scenario_under(regime, select, "monitored")
}

/// As [`scenario`], under the core's regime `core`.
fn scenario_under(regime: &str, select: &str, core: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios/tests/tiny.toml");
    let text = std::fs::read_to_string(path).expect("the shared scenario is readable");
    let mut file: toml::Table = text.parse().expect("the shared scenario parses");
    file["scenario"]["name"] = format!("tiny-{regime}").into();
    file["regime"]["name"] = regime.into();
    file["regime"]["core"] = core.into();
    let select: toml::Table = format!("select = {select}").parse().expect("a selection");
    let posts = file["post"].as_array_mut().expect("posts");
    let checks = posts[0]["check"].as_array_mut().expect("checks at the first post");
    let open = checks.iter_mut().find(|check| check["name"].as_str() == Some("open"));
    open.expect("an opening at the first post")["select"] = select["select"].clone();
    toml::to_string(&file).expect("the scenario serializes")
}

fn passage(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_passage")).args(args).output().expect("the binary runs")
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("writable temp dir");
    path.display().to_string()
}

#[test]
fn simulate_writes_the_same_files_on_one_thread_and_two() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(dir.path(), "tiny.toml", &scenario("all", r#"{ mode = "all" }"#));
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let out = dir.path().join(format!("out{threads}"));
        let run = passage(&[
            "simulate",
            &file,
            "-n",
            "4",
            "--threads",
            threads,
            "--out",
            &out.display().to_string(),
        ]);
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let stdout = String::from_utf8_lossy(&run.stdout).to_string();
        assert!(
            stdout.contains("| truck |") && stdout.contains("irregular units caught"),
            "{stdout}"
        );
        // The core ran the regime: its name, its fees (AMD) and its statements are shown.
        assert!(stdout.contains("## tiny-all: cargo, monitored, risk-based selection"), "{stdout}");
        assert!(stdout.contains("fees to AM-TREASURY (AMD/year)"), "{stdout}");
        assert!(stdout.contains("statements applied by the core per day"), "{stdout}");
        let png = std::fs::read(out.join("transit.png")).expect("transit chart written");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert!(
            std::fs::read_to_string(out.join("queue.svg")).expect("queue chart").contains("<svg")
        );
        outputs.push((
            stdout,
            std::fs::read(out.join("summary.json")).expect("summary written"),
            std::fs::read(out.join("replications.csv")).expect("csv written"),
        ));
    }
    assert!(outputs[0] == outputs[1], "output depends on the thread count");
}

#[test]
fn compare_writes_one_report_and_refuses_bad_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let all = write(dir.path(), "all.toml", &scenario("all", r#"{ mode = "all" }"#));
    let some =
        write(dir.path(), "some.toml", &scenario("some", r#"{ mode = "random", share = 0.2 }"#));
    let out = dir.path().join("report");
    let run = passage(&[
        "simulate",
        "compare",
        &all,
        &some,
        "--model-only",
        "-n",
        "3",
        "--out",
        &out.display().to_string(),
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let report = std::fs::read_to_string(out.join("report.md")).expect("report written");
    assert!(
        report.contains("| all |")
            && report.contains("| some |")
            && report.contains("tradeoff.svg")
    );
    assert!(out.join("tradeoff.png").exists());

    let bad =
        write(dir.path(), "bad.toml", &scenario("bad", r#"{ mode = "random", share = 2.0 }"#));
    let run = passage(&["simulate", &bad]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains(
            "post `east` check `open`.select.share: a share must lie between 0 and 1, got 2"
        ),
        "{stderr}"
    );
}

#[test]
fn sweep_runs_one_scenario_per_value() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file =
        write(dir.path(), "tiny.toml", &scenario("some", r#"{ mode = "random", share = 0.2 }"#));
    let out = dir.path().join("sweep");
    let run = passage(&[
        "simulate",
        "sweep",
        &file,
        "--set",
        "post.east.check.open.select.share=0,1",
        "--model-only",
        "-n",
        "2",
        "--out",
        &out.display().to_string(),
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let table = String::from_utf8_lossy(&run.stdout);
    // Opening nothing catches nothing; opening everything catches nearly all.
    let caught: Vec<&str> = table
        .lines()
        .filter(|l| l.starts_with("| share"))
        .map(|l| l.split('|').nth(4).unwrap_or(""))
        .collect();
    assert_eq!(caught.len(), 2, "{table}");
    assert_eq!(caught[0].trim(), "0.0% ± 0.0", "{table}");
    assert!(caught[1].trim().starts_with("8") || caught[1].trim().starts_with("9"), "{table}");
    let bad =
        passage(&["simulate", "sweep", &file, "--set", "post.east.check.open.select.share=2"]);
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("a share must lie between 0 and 1, got 2")
    );
}

#[test]
fn compare_under_the_core_names_the_cores_regimes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let monitored = write(
        dir.path(),
        "monitored.toml",
        &scenario_under("m", r#"{ mode = "flagged" }"#, "monitored"),
    );
    let open = write(
        dir.path(),
        "open.toml",
        &scenario_under("o", r#"{ mode = "flagged" }"#, "no-checks"),
    );
    let out = dir.path().join("report");
    let run = passage(&[
        "simulate",
        "compare",
        &monitored,
        &open,
        "-n",
        "2",
        "--out",
        &out.display().to_string(),
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let report = std::fs::read_to_string(out.join("report.md")).expect("report written");
    assert!(
        report.contains("| cargo, monitored, risk-based selection |")
            && report.contains("| cargo, no checks |"),
        "{report}"
    );
    // A scenario that names no core regime is refused, with the way out.
    let plain = scenario_under("p", r#"{ mode = "all" }"#, "monitored")
        .replace("core = \"monitored\"\n", "");
    let plain = write(dir.path(), "plain.toml", &plain);
    let run = passage(&["simulate", &plain, "-n", "1"]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("or pass --model-only") && stderr.contains("names no core regime"),
        "{stderr}"
    );
}

#[test]
fn a_regime_file_is_put_in_force_from_the_flag_or_the_scenario() {
    let dir = tempfile::tempdir().expect("temp dir");
    let shipped =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios/regimes/scanner-first.toml");
    let regime = std::fs::read_to_string(shipped).expect("shipped regime file");
    std::fs::create_dir(dir.path().join("regimes")).expect("temp dir");
    write(dir.path(), "regimes/scanner-first.toml", &regime);
    let tiny = write(dir.path(), "tiny.toml", &scenario("all", r#"{ mode = "all" }"#));
    let named = "## tiny-all: cargo, scanner-first remote inspection";

    // `--regime FILE` replaces the scenario's `core`.
    let run = passage(&["simulate", &tiny, "-n", "1", "--regime", shipped]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains(named), "{stdout}");
    assert!(stdout.contains("attested by monitors per day"), "{stdout}");

    // `[regime] file`, relative to the scenario file.
    let text = scenario("all", r#"{ mode = "all" }"#)
        .replace("core = \"monitored\"", "file = \"regimes/scanner-first.toml\"");
    let by_file = write(dir.path(), "by-file.toml", &text);
    let run = passage(&["simulate", &by_file, "-n", "1"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(String::from_utf8_lossy(&run.stdout).contains(named));

    // A regime the core refuses stops the run before it starts, naming the file.
    let bad = write(dir.path(), "bad-regime.toml", "[regime]\nname = \"half a regime\"\n");
    let run = passage(&["simulate", &tiny, "-n", "1", "--regime", &bad]);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("regime") && stderr.contains("bad-regime.toml"), "{stderr}");
    let missing = dir.path().join("missing.toml").display().to_string();
    let run = passage(&["simulate", &tiny, "-n", "1", "--regime", &missing]);
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("missing.toml"));
    // The model alone has no regime to put in force.
    let run = passage(&["simulate", &tiny, "--model-only", "--regime", shipped]);
    assert!(!run.status.success());
}
