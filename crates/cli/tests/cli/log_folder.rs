//! End to end: the built `passage` binary creates a log folder, appends, proves, issues and
//! checks receipts, and `verify` catches a tampered tile or bundle.

use std::io::Write as _;
use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use passage_log::{Checkpoint, Hash, VerifierKey, leaf_hash, open_checkpoint, verify_inclusion};

fn passage(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_passage"))
        .env("PASSAGE_LANG", "en")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the passage binary runs");
    let mut input = child.stdin.take().expect("piped stdin");
    input.write_all(stdin.unwrap_or_default()).expect("stdin accepts the input");
    drop(input);
    child.wait_with_output().expect("the passage binary finishes")
}

fn ok(args: &[&str], stdin: Option<&[u8]>) -> String {
    let output = passage(args, stdin);
    assert!(
        output.status.success(),
        "passage {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn refused(args: &[&str]) -> String {
    let output = passage(args, None);
    assert_eq!(output.status.code(), Some(1), "passage {args:?} should refuse");
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

struct Log {
    _temp: tempfile::TempDir,
    dir: String,
    vkey: String,
}

/// A log of 700 entries: "entry 0" to "entry 699", appended in two runs.
fn log_of_700() -> Log {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let dir = temp.path().join("corridor-log").to_string_lossy().into_owned();
    let vkey = ok(&["log", "init", "--dir", &dir, "--origin", "corridor.example/log"], None)
        .trim()
        .to_owned();
    let first: String = (0..300).map(|i| format!("entry {i}\n")).collect();
    let input = temp.path().join("first.txt");
    std::fs::write(&input, first).expect("writes");
    ok(&["log", "append", "--dir", &dir, input.to_str().expect("UTF-8 path")], None);
    let second: String = (300..700).map(|i| format!("entry {i}\n")).collect();
    ok(&["log", "append", "--dir", &dir, "-"], Some(second.as_bytes()));
    Log { _temp: temp, dir, vkey }
}

#[test]
fn init_makes_an_owner_only_key_and_an_empty_signed_log() {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let dir = temp.path().join("log");
    let dir = dir.to_str().expect("UTF-8 path");
    let vkey = ok(&["log", "init", "--dir", dir, "--origin", "corridor.example/log"], None);
    let vkey = VerifierKey::parse(vkey.trim()).expect("init prints a vkey");
    let mode =
        std::fs::metadata(temp.path().join("log.key")).expect("key file").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let note = ok(&["log", "checkpoint", "--dir", dir], None);
    let signed = open_checkpoint(note.as_bytes(), &vkey, &[]).expect("signed by the new key");
    assert_eq!(signed.checkpoint.size, 0);
    assert_eq!(signed.checkpoint.root, passage_log::EMPTY_ROOT);
    // A second init into the same folder is refused.
    let again = passage(&["log", "init", "--dir", dir, "--origin", "corridor.example/log"], None);
    assert!(!again.status.success());
}

#[test]
fn append_prove_and_verify_the_folder() {
    let log = log_of_700();
    let dir = Path::new(&log.dir);
    let vkey = VerifierKey::parse(&log.vkey).expect("vkey");
    let note = ok(&["log", "checkpoint", "--dir", &log.dir], None);
    let checkpoint = open_checkpoint(note.as_bytes(), &vkey, &[]).expect("valid").checkpoint;
    assert_eq!(checkpoint.size, 700);
    // The folder is laid out as c2sp.org/tlog-tiles paths, old partials kept.
    for path in [
        "tile/0/000",
        "tile/0/001",
        "tile/0/001.p/44",
        "tile/0/002.p/188",
        "tile/1/000.p/1",
        "tile/1/000.p/2",
        "tile/entries/002.p/188",
        "tile/entries/001.p/44",
    ] {
        assert!(dir.join(path).is_file(), "{path} is missing");
    }
    // The printed inclusion proof verifies with the library.
    let proof = ok(&["log", "prove", "--dir", &log.dir, "--index", "299"], None);
    let hashes: Vec<Hash> =
        proof.lines().skip(2).map(|line| Hash::from_base64(line).expect("base64")).collect();
    assert_eq!(
        verify_inclusion(&leaf_hash(b"entry 299"), 299, 700, &hashes, &checkpoint.root),
        Ok(())
    );
    let verified = ok(&["log", "verify", "--dir", &log.dir, "--vkey", &log.vkey], None);
    assert!(verified.starts_with("ok: corridor.example/log at size 700"), "{verified}");
}

#[test]
fn receipts_verify_offline_and_refuse_another_entry() {
    let log = log_of_700();
    let receipt = ok(&["log", "receipt", "--dir", &log.dir, "--index", "456"], None);
    assert!(receipt.starts_with("c2sp.org/tlog-proof@v1\n"));
    let temp = tempfile::tempdir().expect("a temporary folder");
    let path = temp.path().join("456.tlog-proof");
    std::fs::write(&path, &receipt).expect("writes");
    let path = path.to_str().expect("UTF-8 path");
    let verdict = ok(&["log", "verify-receipt", "--vkey", &log.vkey, path], None);
    assert!(verdict.starts_with("ok: entry 456"), "{verdict}");
    let entry = temp.path().join("entry");
    std::fs::write(&entry, "entry 456").expect("writes");
    let entry_path = entry.to_str().expect("UTF-8 path");
    ok(&["log", "verify-receipt", "--vkey", &log.vkey, path, "--entry", entry_path], None);
    std::fs::write(&entry, "entry 457").expect("writes");
    let verdict =
        refused(&["log", "verify-receipt", "--vkey", &log.vkey, path, "--entry", entry_path]);
    assert!(verdict.contains("inclusion proof"), "{verdict}");
    // Another log's key refuses the receipt.
    let other = log_of_700();
    let verdict = refused(&["log", "verify-receipt", "--vkey", &other.vkey, path]);
    assert!(verdict.starts_with("refused"), "{verdict}");
}

fn flip_byte(path: &Path, position: usize) {
    let mut bytes = std::fs::read(path).expect("reads");
    bytes[position] ^= 0x01;
    std::fs::write(path, bytes).expect("writes");
}

#[test]
fn verify_catches_a_tampered_tile() {
    let log = log_of_700();
    flip_byte(&Path::new(&log.dir).join("tile/0/001"), 100);
    let report = refused(&["log", "verify", "--dir", &log.dir, "--vkey", &log.vkey]);
    assert!(report.contains("tile/0/001: hashes differ from the entries"), "{report}");
}

#[test]
fn verify_catches_a_tampered_old_partial_tile_and_bundle() {
    let log = log_of_700();
    flip_byte(&Path::new(&log.dir).join("tile/1/000.p/1"), 0);
    flip_byte(&Path::new(&log.dir).join("tile/entries/001.p/44"), 5);
    let report = refused(&["log", "verify", "--dir", &log.dir, "--vkey", &log.vkey]);
    assert!(report.contains("tile/1/000.p/1: hashes differ"), "{report}");
    assert!(report.contains("tile/entries/001.p/44: entries differ"), "{report}");
}

#[test]
fn verify_catches_a_tampered_entry_and_a_missing_tile() {
    let log = log_of_700();
    flip_byte(&Path::new(&log.dir).join("tile/entries/000"), 5);
    std::fs::remove_file(Path::new(&log.dir).join("tile/0/002.p/188")).expect("removes");
    let report = refused(&["log", "verify", "--dir", &log.dir, "--vkey", &log.vkey]);
    assert!(report.contains("the entries give root"), "{report}");
    assert!(report.contains("tile/0/002.p/188: missing"), "{report}");
}

#[test]
fn verify_refuses_a_checkpoint_signed_by_another_key() {
    let log = log_of_700();
    let other = log_of_700();
    let output = passage(&["log", "verify", "--dir", &log.dir, "--vkey", &other.vkey], None);
    assert!(!output.status.success());
    // The checkpoint of a log also parses as plain text.
    let note = std::fs::read_to_string(Path::new(&log.dir).join("checkpoint")).expect("reads");
    let text = note.split_once("\n\n").expect("a note").0;
    assert!(Checkpoint::parse(format!("{text}\n").as_bytes()).is_ok());
}

#[test]
fn whole_input_framing_and_a_policy_file() {
    let log = log_of_700();
    // A multi-line entry, appended whole, becomes entry 700.
    let entry = b"line one\nline two\n";
    ok(&["log", "append", "--dir", &log.dir, "--framing", "whole"], Some(entry));
    let receipt = ok(&["log", "receipt", "--dir", &log.dir, "--index", "700"], None);
    let temp = tempfile::tempdir().expect("a temporary folder");
    let receipt_path = temp.path().join("700.tlog-proof");
    std::fs::write(&receipt_path, receipt).expect("writes");
    let entry_path = temp.path().join("entry");
    std::fs::write(&entry_path, entry).expect("writes");
    // A c2sp.org/tlog-policy file naming the log and requiring no witnesses.
    let policy_path = temp.path().join("policy");
    std::fs::write(&policy_path, format!("log {}\nquorum none\n", log.vkey)).expect("writes");
    let verdict = ok(
        &[
            "log",
            "verify-receipt",
            "--policy",
            policy_path.to_str().expect("UTF-8 path"),
            receipt_path.to_str().expect("UTF-8 path"),
            "--entry",
            entry_path.to_str().expect("UTF-8 path"),
        ],
        None,
    );
    assert!(verdict.starts_with("ok: entry 700 is in corridor.example/log at tree size 701"));
    // A policy that needs a witness refuses the log-only checkpoint.
    let witness = passage_log::SigningKey::from_seed(
        "monitor.example/w1",
        passage_log::KeyType::CosignatureV1,
        [3; 32],
    )
    .expect("valid");
    let strict = format!("log {}\nwitness m {}\nquorum m\n", log.vkey, witness.verifier_key());
    std::fs::write(&policy_path, strict).expect("writes");
    let verdict = refused(&[
        "log",
        "verify-receipt",
        "--policy",
        policy_path.to_str().expect("UTF-8 path"),
        receipt_path.to_str().expect("UTF-8 path"),
    ]);
    assert!(verdict.contains("quorum"), "{verdict}");
}
