//! What an operator meets on the way that is not the walk-through itself: a node that cannot
//! be reached is named with where its address came from, whatever command was run; output
//! closed early ends the command quietly; a failed start leaves nothing behind; a witness the
//! charter does not name stops the start; a second node on one SQLite file says it follows;
//! no colour codes reach a file.

use crate::common::{charter_line, log_key, serve_corridor, serve_with_log, sqlite_config};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const BINARY: &str = crate::common::BINARY;

/// The default corridor's charter hash, as `charter_line` names it.
fn charter_line_hash() -> String {
    hex::encode(passage_core::testing::ScenarioConfig::syunik().charter_sha256())
}

/// Runs `passage ARGS` in `folder` with no node named by the environment.
fn passage_in(folder: &Path, args: &[&str]) -> Output {
    Command::new(BINARY)
        .env("PASSAGE_LANG", "en")
        .args(args)
        .current_dir(folder)
        .env_remove("PASSAGE_NODE")
        .env_remove("PASSAGE_CONFIG")
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A local address nothing listens on: bound, then let go.
fn closed_address() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let address = listener.local_addr().expect("an address");
    drop(listener);
    format!("http://{address}")
}

#[test]
fn an_unreachable_node_is_named_with_where_its_address_came_from() {
    let folder = tempfile::tempdir().expect("a folder");
    let folder = folder.path();
    let address = closed_address();

    // From the flag, on a reading command and on `receipt get`.
    for args in [
        vec!["account", "--node", address.as_str()],
        vec!["receipt", "get", "3", "--node", address.as_str()],
        vec!["regime", "show", "--node", address.as_str()],
    ] {
        let output = passage_in(folder, &args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let said = stderr(&output);
        assert!(
            said.contains(&format!(
                "could not connect to the node at {address} (given on the command line)"
            )),
            "{args:?}: {said}"
        );
        assert!(said.contains("--node URL") && said.contains("PASSAGE_NODE"), "{said}");
        // The cause once, not once per layer of the error.
        assert_eq!(said.matches("onnection refused").count(), 1, "{said}");
    }

    // From the environment.
    let output = Command::new(BINARY)
        .env("PASSAGE_LANG", "en")
        .args(["movement", "26AM000000000024J3"])
        .current_dir(folder)
        .env("PASSAGE_NODE", &address)
        .output()
        .expect("runs");
    let said = stderr(&output);
    assert!(said.contains(&format!("at {address} (from PASSAGE_NODE)")), "{said}");

    // From the configuration file in the current folder.
    let port = address.rsplit(':').next().expect("a port");
    std::fs::write(folder.join("passage.toml"), format!("listen = \"0.0.0.0:{port}\"\n"))
        .expect("written");
    let said = stderr(&passage_in(folder, &["account"]));
    assert!(said.contains(&format!("at http://127.0.0.1:{port} (from passage.toml)")), "{said}");
}

#[test]
fn output_closed_early_ends_the_command_quietly() {
    // `passage keys signer --out FILE | head -0`: the reader is gone before the command
    // writes the public key.
    let folder = tempfile::tempdir().expect("a folder");
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let key = folder.path().join("signer.key");
    let output = Command::new(BINARY)
        .env("PASSAGE_LANG", "en")
        .args(["keys", "signer", "--out"])
        .arg(&key)
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("runs");
    let said = stderr(&output);
    assert!(!said.contains("panicked"), "{said}");
    assert!(output.status.success(), "{said}");
    assert!(key.exists(), "the key was written before its public key was printed");
}

/// Starts `passage serve --config FILE` and waits for it to end (it fails to start).
fn serve_fails(folder: &Path, config: &str) -> Output {
    let path = folder.join("failing.toml");
    std::fs::write(&path, config).expect("config written");
    Command::new(BINARY)
        .env("PASSAGE_LANG", "en")
        .args(["serve", "--config"])
        .arg(&path)
        .env("RUST_LOG", "info")
        .env_remove("PASSAGE_LISTEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("the binary runs")
}

#[test]
fn a_start_that_fails_leaves_no_database_and_prints_no_colour_codes() {
    let folder = tempfile::tempdir().expect("a folder");
    let folder = folder.path();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let address = taken.local_addr().expect("an address");
    let database = folder.join("fresh/data/passage.db");
    let config = format!(
        "listen = \"{address}\"\nlog_key = {:?}\ndatabase = {:?}\n{}",
        log_key(folder).display().to_string(),
        database.display().to_string(),
        charter_line()
    );
    let output = serve_fails(folder, &config);
    let said = stderr(&output);
    assert!(!output.status.success(), "{said}");
    assert!(said.contains(&address.to_string()), "{said}");
    assert!(!folder.join("fresh").exists(), "a failed start left {}", database.display());
    // The node logged at `info` on its way (so there were lines to colour), to a pipe.
    assert!(said.contains("INFO"), "{said}");
    assert!(!said.contains('\u{1b}'), "colour codes in a pipe: {said:?}");
}

#[test]
fn a_witness_the_charter_does_not_name_stops_the_start() {
    let folder = tempfile::tempdir().expect("a folder");
    let folder = folder.path();
    let (node, _local) = serve_corridor(folder);
    node.kill();
    let config = format!(
        "listen = \"127.0.0.1:0\"\nlog_key = {:?}\ndatabase = {:?}\n{}[witnesses]\n\
         \"witness.am\" = \"http://127.0.0.1:9\"\n\"witness.nobody\" = \"http://127.0.0.1:9\"\n",
        log_key(folder).display().to_string(),
        folder.join("passage.db").display().to_string(),
        charter_line()
    );
    let output = serve_fails(folder, &config);
    let said = stderr(&output);
    assert!(!output.status.success(), "{said}");
    assert!(
        said.contains(
            "`witness.nobody`, which the charter does not name (it names witness.am, \
                       witness.az, witness.mon)"
        ),
        "{said}"
    );
}

#[test]
fn a_second_node_on_the_same_sqlite_file_says_it_follows() {
    let folder = tempfile::tempdir().expect("a folder");
    let folder = folder.path();
    let config = sqlite_config(folder, charter_line_hash().as_str());
    let (leader, leader_log) = serve_with_log(folder, "passage", &config);
    let (second, second_log) = serve_with_log(folder, "second", &config);
    let line = second.wait_for_line("following", Duration::from_secs(30));
    let database = folder.join("passage.db").display().to_string();
    assert!(line.contains(&format!("another node already leads on {database}")), "{line}");
    // The follower, which forwards writes, says that no group members limit where to; the
    // node alone, which leads from its start, says nothing of a group it is not in.
    let warning = "no group members configured";
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let mut said = Vec::new();
    while !said.iter().any(|line: &String| line.contains(warning)) {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match second_log.recv_timeout(left) {
            Ok(line) => said.push(line),
            Err(error) => panic!("the follower did not warn ({error}): {said:?}"),
        }
    }
    drop(second);
    leader.kill();
    let leader_said: Vec<String> = leader_log.iter().collect();
    assert!(!leader_said.iter().any(|line| line.contains(warning)), "{leader_said:?}");
}
