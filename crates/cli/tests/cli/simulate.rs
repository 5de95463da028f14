//! End-to-end: `passage simulate` and `passage simulate compare` on small scenarios, run as
//! the real binary.

use std::path::Path;
use std::process::Command;

/// A tiny scenario under the core's regime `core`: a seal check at both posts (the core's
/// regimes need seals checked where they control) and an opening at the first.
fn scenario(regime: &str, select: &str) -> String {
    scenario_under(regime, select, "monitored")
}

fn scenario_under(regime: &str, select: &str, core: &str) -> String {
    format!(
        r#"
[scenario]
name = "tiny-{regime}"
seed = 5
days = 10
warmup_days = 1
[regime]
name = "{regime}"
description = "a test regime"
core = "{core}"
[[class]]
name = "truck"
mode = "road"
tonnes_per_unit = 20
containers_per_unit = 1
tampered_share = 0.05
contraband_share = 0.05
[[flow]]
class = "truck"
origin = "east"
units_per_day = 50
[[post]]
name = "east"
id = "AM-MEGHRI-E"
[[post.resource]]
name = "seals"
capacity = 2
[[post.check]]
name = "seals"
kind = "seal"
by = "monitor"
resource = "seals"
select = {{ mode = "all" }}
service.truck = {{ kind = "deterministic", value = 3 }}
[[post.check]]
name = "papers"
kind = "document"
by = "host"
resource = "seals"
select = {{ mode = "all" }}
service.truck = {{ kind = "deterministic", value = 2 }}
[[post.resource]]
name = "bay"
capacity = 2
[[post.check]]
name = "open"
kind = "physical"
by = "host"
resource = "bay"
select = {select}
service.truck = {{ kind = "exponential", mean = 30 }}
detects_tampered = 0.9
detects_contraband = 0.9
[[post]]
name = "west"
id = "AM-AGARAK-X"
[[post.resource]]
name = "seals"
capacity = 2
[[post.check]]
name = "seals"
kind = "seal"
by = "monitor"
resource = "seals"
select = {{ mode = "all" }}
service.truck = {{ kind = "deterministic", value = 3 }}
[[post.check]]
name = "papers"
kind = "document"
by = "host"
resource = "seals"
select = {{ mode = "all" }}
service.truck = {{ kind = "deterministic", value = 2 }}
[[post.check]]
name = "exit-open"
kind = "physical"
by = "host"
resource = "seals"
select = {{ mode = "flagged" }}
service.truck = {{ kind = "exponential", mean = 30 }}
detects_tampered = 0.9
detects_contraband = 0.9
[[segment]]
from = "east"
to = "west"
travel.truck = {{ kind = "deterministic", value = 60 }}
[tariff]
currency = "USD"
per_tonne_minor = 600
split = {{ host = 10000 }}
"#
    )
}

fn passage(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_passage"))
        .env("PASSAGE_LANG", "en")
        .args(args)
        .output()
        .expect("the binary runs")
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

/// A tiny space over the tiny scenario: the red share and the bays at the first post.
fn space(indifference: &str) -> String {
    format!(
        r#"
[search]
name = "tiny"
seed = 9
candidates = 4
replications = 2
replications_max = 4
[base]
scenario = "tiny.toml"
core = "monitored"
days = 4
warmup_days = 1
[[parameter]]
document = "regime"
path = "selection.random_red_ppm"
values = [0, 500000]
[[parameter]]
path = "post.east.resource.bay.capacity"
values = [1, 2]
[[objective]]
metric = "transit_mean_hours"
direction = "minimize"
indifference = 0.05
[[objective]]
metric = "caught_share"
direction = "maximize"
indifference = {indifference}
[[party]]
key = "host"
name = "host state"
revenue_accounts = ["AM-TREASURY"]
staffs = ["host"]
[assumptions]
currency = "USD"
exchange = {{ AMD = {{ value = 0.0026, source = "assumption" }} }}
truck_hour_value = {{ value = 40, source = "assumption" }}
wage_per_staff_hour = {{ host = {{ value = 8, source = "assumption" }}, monitor = {{ value = 60, source = "assumption" }} }}
"#
    )
}

#[test]
fn search_writes_the_frontier_as_regime_files_the_core_accepts() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "tiny.toml", &scenario("all", r#"{ mode = "flagged" }"#));
    let file = write(dir.path(), "space.toml", &space("0.02"));
    let out = dir.path().join("out");
    let run = passage(&["simulate", "search", &file, "--out", &out.display().to_string()]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stdout = String::from_utf8_lossy(&run.stdout).to_string();
    assert!(stdout.contains("## Search tiny:") && stdout.contains("of 4 candidates"), "{stdout}");
    assert!(
        stdout.contains("host state: revenue") && stdout.contains("carriers: waiting"),
        "{stdout}"
    );

    let csv = std::fs::read_to_string(out.join("frontier.csv")).expect("frontier.csv written");
    let header = csv.lines().next().expect("a header");
    assert!(header.starts_with("candidate,regime_file,replications,regime:selection.random_red_ppm,scenario:post.east.resource.bay.capacity"), "{header}");
    assert!(
        header.contains("revenue_per_year.host")
            && header.contains("waiting_cost_per_year.carriers"),
        "{header}"
    );
    let json: serde_json::Value = serde_json::from_slice(
        &std::fs::read(out.join("frontier.json")).expect("frontier.json written"),
    )
    .expect("frontier.json is JSON");
    let frontier = json["frontier"].as_array().expect("a frontier");
    assert!(!frontier.is_empty());
    assert_eq!(csv.lines().count(), frontier.len() + 1);

    // Every regime file is the core's format: it parses against the core's corridor and
    // charter, ready for `passage regime propose`.
    let core = passage_core::testing::Scenario::syunik();
    let parties: Vec<passage_core::Ident> =
        core.state.charter().parties.iter().map(|party| party.id).collect();
    let mut files = 0;
    for entry in std::fs::read_dir(out.join("regimes")).expect("regimes written") {
        let text = std::fs::read_to_string(entry.expect("an entry").path()).expect("readable");
        passage_core::Regime::from_toml(&text, core.state.corridor(), &parties)
            .unwrap_or_else(|error| panic!("{error}\n{text}"));
        assert!(text.contains("(tiny candidate "), "{text}");
        files += 1;
    }
    assert_eq!(files, frontier.len());

    // A bad space is refused naming the field.
    let bad = write(dir.path(), "bad.toml", &space("0"));
    let run = passage(&["simulate", "search", &bad]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("objective 2 (caught_share).indifference: must be a number above zero"),
        "{stderr}"
    );
}
