//! Shared by the end-to-end tests of the operator's commands: start `passage serve` as the
//! real binary, run `passage` against it, make signer key files, and set up a corridor
//! (charter, officers, carriers) with `passage submit`.

#![allow(dead_code)]

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use passage_core::statement::{OfficerRole, Recorded, Statement};
use passage_core::testing::{self, Scenario, ScenarioConfig, ident, key_for, officer_name};
use passage_core::{SignedStatement, Timestamp};
use passage_node::api::movements::MovementResponse;
use passage_node::api::statements::SubmitRequest;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub const BINARY: &str = env!("CARGO_BIN_EXE_passage");

/// A node started with `passage serve --config`, killed when dropped.
pub struct Served {
    child: Child,
    pub base: String,
    lines: mpsc::Receiver<String>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// Kills the node at once (SIGKILL): it releases nothing itself.
    pub fn kill(mut self) {
        self.child.kill().expect("the node is killed");
        self.child.wait().expect("the node ends");
    }

    /// Waits for an output line starting with `prefix`, until `timeout`.
    pub fn wait_for_line(&self, prefix: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.starts_with(prefix) => return line,
                Ok(_) => {}
                Err(error) => panic!("no line `{prefix}...` from the node: {error}"),
            }
        }
    }
}

/// A log signing key made with `passage keys generate`.
pub fn log_key(folder: &Path) -> PathBuf {
    let key = folder.join("log.key");
    if !key.exists() {
        let made = Command::new(BINARY)
            .env("PASSAGE_LANG", "en")
            .args(["keys", "generate", "--name", "test.passage/log", "--out"])
            .arg(&key)
            .output()
            .expect("the binary runs");
        assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    }
    key
}

/// Starts `passage serve --config FILE` with `config` as the file's text, and waits until
/// it serves.
pub fn serve(folder: &Path, name: &str, config: &str) -> Served {
    start_serving(folder, name, config, Stdio::inherit()).0
}

/// As [`serve`], with the node's log (its standard error) read line by line.
pub fn serve_with_log(folder: &Path, name: &str, config: &str) -> (Served, mpsc::Receiver<String>) {
    let (served, log) = start_serving(folder, name, config, Stdio::piped());
    (served, log.expect("the log is piped"))
}

fn start_serving(
    folder: &Path,
    name: &str,
    config: &str,
    stderr: Stdio,
) -> (Served, Option<mpsc::Receiver<String>>) {
    let path = folder.join(format!("{name}.toml"));
    std::fs::write(&path, config).expect("config written");
    let mut child = Command::new(BINARY)
        .env("PASSAGE_LANG", "en")
        .args(["serve", "--config"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("the binary starts");
    let lines = read_lines(child.stdout.take().expect("piped"));
    let log = child.stderr.take().map(read_lines);
    // The node prints its address once it serves; a node that fails ends its output.
    let line = lines.recv_timeout(Duration::from_secs(60)).expect("the node starts");
    let base = line
        .strip_prefix("serving ")
        .unwrap_or_else(|| panic!("the node did not start: {line:?}"))
        .to_owned();
    (Served { child, base, lines }, log)
}

/// The lines of `output`, read by a thread of their own until it ends.
fn read_lines(output: impl std::io::Read + Send + 'static) -> mpsc::Receiver<String> {
    let (sender, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(output).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    lines
}

/// The configuration lines of the parties' test VRF keys (`[local_vrf_keys]`, last in a
/// configuration), their files written to `folder`: with no witnesses, the node draws with
/// them itself.
pub fn local_vrf_keys(folder: &Path) -> String {
    let mut config = String::from("[local_vrf_keys]\n");
    for party in ["AM", "AZ", "MON"] {
        let path = folder.join(format!("vrf-{party}.key"));
        let secret = passage_core::testing::vrf_key_for(party).to_bytes();
        std::fs::write(&path, format!("{}\n", hex::encode(secret))).expect("a VRF key file");
        config.push_str(&format!("{party} = {:?}\n", path.display().to_string()));
    }
    config
}

/// A node on a fresh SQLite file `passage.db` in `folder`, with a log key made there,
/// publishing a checkpoint every 50 ms, serving the default corridor's charter.
pub fn serve_on_sqlite(folder: &Path) -> Served {
    serve_on_sqlite_for(folder, &hex::encode(ScenarioConfig::syunik().charter_sha256()))
}

/// As [`serve_on_sqlite`], serving the charter whose document's SHA-256 (hexadecimal) is
/// `charter_sha256`.
pub fn serve_on_sqlite_for(folder: &Path, charter_sha256: &str) -> Served {
    serve(folder, "passage", &sqlite_config(folder, charter_sha256))
}

/// The configuration of [`serve_on_sqlite_for`].
pub fn sqlite_config(folder: &Path, charter_sha256: &str) -> String {
    let key = log_key(folder);
    let mut config = format!(
        "listen = \"127.0.0.1:0\"\nlog_key = {:?}\ndatabase = {:?}\ncheckpoint_interval_ms = 50\n\
         charter_sha256 = \"{charter_sha256}\"\n",
        key.display().to_string(),
        folder.join("passage.db").display().to_string(),
    );
    // No witnesses: the node draws with the parties' test VRF keys itself.
    config.push_str(&local_vrf_keys(folder));
    config
}

/// The configuration line naming the default corridor's charter (`charter_sha256`), the
/// one [`corridor_files`] signs.
pub fn charter_line() -> String {
    format!("charter_sha256 = \"{}\"\n", hex::encode(ScenarioConfig::syunik().charter_sha256()))
}

/// A node on SQLite ([`serve_on_sqlite`]) with the default corridor set up through
/// `passage submit` (the charter first, at entry 0), and the local scenario that mirrors
/// it.
pub fn serve_corridor(folder: &Path) -> (Served, Scenario) {
    let node = serve_on_sqlite(folder);
    let config = ScenarioConfig::syunik();
    let local = Scenario::charter_only(&config);
    let out = submit(&node, &corridor_files(folder, &config, &local));
    assert!(out.lines().next().is_some_and(|line| line.contains("entry 0")), "{out}");
    (node, local)
}

/// Runs `passage ARGS` against the node.
pub fn passage(node: &Served, args: &[&str]) -> Output {
    Command::new(BINARY)
        .env("PASSAGE_LANG", "en")
        .args(args)
        .env("PASSAGE_NODE", &node.base)
        .output()
        .expect("runs")
}

/// Runs `passage ARGS`, expects success, and returns its standard output.
pub fn ok(node: &Served, args: &[&str]) -> String {
    let output = passage(node, args);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "passage {}: {stdout}\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// Runs `passage ARGS`, expects failure with `code`, and returns its standard error.
pub fn fails(node: &Served, args: &[&str], code: i32) -> String {
    let output = passage(node, args);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(code), "passage {}: {stderr}", args.join(" "));
    stderr
}

/// The key file of a test signer (keys derived from names, as the core's builders do).
pub fn key_file(folder: &Path, name: &str) -> String {
    let path = folder.join(format!("{}.key", name.replace([':', '@'], "_")));
    std::fs::write(&path, hex::encode(key_for(name).to_bytes())).expect("key written");
    path.display().to_string()
}

fn now() -> Timestamp {
    Timestamp(SystemTime::now().duration_since(UNIX_EPOCH).expect("clock").as_millis() as u64)
}

/// Signs and saves a statement as `--out` does.
pub fn save(folder: &Path, number: usize, signer: &str, statement: Statement) -> PathBuf {
    let signed =
        SignedStatement::sign(&key_for(signer), &Recorded::new(now(), statement)).expect("encodes");
    let request = SubmitRequest { statement: BASE64.encode(signed.encode()) };
    let path = folder.join(format!("setup-{number:03}.json"));
    std::fs::write(&path, serde_json::to_string(&request).expect("json")).expect("saved");
    path
}

/// The charter, officers at every post and carriers, signed and saved, in log order.
pub fn corridor_files(folder: &Path, config: &ScenarioConfig, local: &Scenario) -> Vec<String> {
    let first = &config.parties[0];
    let mut files = vec![save(
        folder,
        0,
        &format!("authority:{}", first.id),
        Statement::Charter { document: config.charter_document() },
    )];
    let posts: Vec<_> =
        local.state.corridor().posts.iter().map(|post| (post.id, post.authority)).collect();
    for party in &config.parties {
        for role in party.roles {
            for (post, operator) in &posts {
                if *role != OfficerRole::Monitor && operator.as_str() != party.id {
                    continue;
                }
                let key = testing::public_key_for(&officer_name(*role, post.as_str()));
                let statement = Statement::EnrolOfficer { key, role: *role, posts: vec![*post] };
                files.push(save(
                    folder,
                    files.len(),
                    &format!("authority:{}", party.id),
                    statement,
                ));
            }
        }
    }
    for (carrier, party) in &config.carriers {
        let statement = Statement::RegisterCarrier {
            carrier: ident(carrier),
            name: format!("{carrier} Ltd"),
            key: testing::public_key_for(&format!("carrier:{carrier}")),
        };
        files.push(save(folder, files.len(), &format!("authority:{party}"), statement));
    }
    files.iter().map(|file| file.display().to_string()).collect()
}

/// Sends files with `passage submit` and checks each was acknowledged.
pub fn submit(node: &Served, files: &[String]) -> String {
    let mut args = vec!["submit"];
    args.extend(files.iter().map(String::as_str));
    let out = ok(node, &args);
    assert_eq!(out.lines().count(), files.len(), "{out}");
    out
}

/// A movement as the node shows it.
pub fn movement(node: &Served, mrn: &str) -> MovementResponse {
    serde_json::from_str(&ok(node, &["movement", mrn, "--json"])).expect("a movement as JSON")
}

/// A truck declaration on the road route, with its confidential parts in clear.
pub const TRUCK_DECLARATION: &str = r#"
route = "AM-TRANSIT-ROAD"
traffic_class = "cargo_road"
consignee = "Ordubad Agro"

[[equipment]]
kind = "truck"
id = "12AB345"

[[equipment]]
kind = "trailer"
id = "12AB345-T"
seals = ["SEAL-12AB345"]

[[goods]]
equipment = "12AB345-T"
hs_code = "2022:080810"
gross_mass_kg = 18000
origin = "KZ"
description = "apples, 1800 boxes"
value = "21000 USD"
"#;

/// A trust policy file in `folder` for the node served from it: its log key (made by
/// [`log_key`]) and no witnesses. Returns the file's path.
pub fn log_policy(folder: &Path) -> String {
    let text = std::fs::read_to_string(log_key(folder)).expect("the log key is readable");
    let key = passage_log::SigningKey::parse(text.trim()).expect("a log key");
    let path = folder.join("policy");
    std::fs::write(&path, format!("log {}\nquorum none\n", key.verifier_key()))
        .expect("policy written");
    path.display().to_string()
}

/// Waits until the node gives a receipt of entry `index` (a published checkpoint covers it)
/// and returns the receipt's text; fails after a minute.
pub fn wait_for_receipt(node: &Served, index: u64) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let output = passage(node, &["receipt", "get", &index.to_string(), "--node", &node.base]);
        if output.status.success() {
            return String::from_utf8(output.stdout).expect("a receipt is text");
        }
        assert!(Instant::now() < deadline, "no checkpoint covered entry {index}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
