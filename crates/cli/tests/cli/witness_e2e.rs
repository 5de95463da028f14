//! End to end with separate processes on loopback: a log folder made by `passage log`, served
//! by `passage log serve`; three `passage witness serve`; `passage witness cosign` collects
//! their cosignatures under an `all3` policy; `passage audit` checks the log over HTTP and
//! from the folder; `passage receipt verify` checks a receipt of the cosigned checkpoint.

use crate::processes::{ok, passage, run, start, stdout};
use std::path::Path;

fn append(dir: &Path, lines: &str) {
    let input = dir.with_extension("input");
    std::fs::write(&input, lines).expect("writing entries");
    ok(passage().args(["log", "append", "--dir"]).arg(dir).arg(&input));
}

#[test]
fn three_witnesses_cosign_and_an_auditor_checks_over_http_and_on_disk() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let work = work.path();
    let log = work.join("log");
    let log_vkey =
        ok(passage().args(["log", "init", "--origin", "corridor.example/log", "--dir"]).arg(&log))
            .trim()
            .to_owned();
    let entries: String = (0..600).map(|i| format!("statement {i}\n")).collect();
    append(&log, &entries);

    let mut witnesses = Vec::new();
    let mut policy = format!("log {log_vkey}\n");
    for number in 1..=3 {
        let key = work.join(format!("w{number}.key"));
        let printed = ok(passage()
            .args(["witness", "keygen", "--name", &format!("w{number}.example/witness"), "--out"])
            .arg(&key));
        // The vkey, then the charter's key line: the same Ed25519 key in hexadecimal.
        let mut lines = printed.lines();
        let vkey = lines.next().expect("the vkey").trim().to_owned();
        let charter_line = lines.next().expect("the charter's key line");
        let parsed = passage_log::VerifierKey::parse(&vkey).expect("a vkey");
        assert_eq!(
            charter_line,
            format!("key = \"{}\"", hex::encode(parsed.public_key().to_bytes()))
        );
        let server = start(
            passage()
                .args(["witness", "serve", "--listen", "127.0.0.1:0", "--log", &log_vkey, "--key"])
                .arg(&key)
                .arg("--db")
                .arg(work.join(format!("w{number}.db"))),
            "listening on ",
        );
        policy.push_str(&format!("witness w{number} {vkey} http://{}\n", server.address));
        witnesses.push(server);
    }
    policy.push_str("group all3 all w1 w2 w3\nquorum all3\n");
    let policy_path = work.join("policy");
    std::fs::write(&policy_path, &policy).expect("writing the policy");

    // Cosign, grow the log, cosign again: the second round starts from `old 0` in a new
    // process, so each witness answers 409 and the client proves from the size it names.
    let cosign = || {
        ok(passage()
            .args(["witness", "cosign", "--dir"])
            .arg(&log)
            .arg("--policy")
            .arg(&policy_path))
    };
    let first = cosign();
    assert!(first.contains("w1: cosigned\nw2: cosigned\nw3: cosigned\nok:"), "{first}");
    append(&log, "statement 600\nstatement 601\n");
    let second = cosign();
    assert!(second.contains("ok: the policy's quorum is met"), "{second}");

    // The auditor over HTTP, with a cache: a first full audit, then an incremental one.
    let tiles = start(
        passage().args(["log", "serve", "--listen", "127.0.0.1:0", "--dir"]).arg(&log),
        "listening on ",
    );
    let url = format!("http://{}/", tiles.address);
    let cache = work.join("cache");
    let audit_http = || {
        ok(passage()
            .args(["audit", "--log-only", &url, "--policy"])
            .arg(&policy_path)
            .arg("--cache")
            .arg(&cache))
    };
    let report = audit_http();
    assert!(report.starts_with("ok: corridor.example/log at size 602"), "{report}");
    assert!(report.contains("entries 0..602 checked"), "{report}");
    assert!(report.contains("cosigned by: w1, w2, w3"), "{report}");
    append(&log, "statement 602\n");
    cosign();
    let report = audit_http();
    assert!(report.contains("entries 602..603 checked"), "{report}");

    // The same log from the folder, no cache.
    let report =
        ok(passage().args(["audit", "--log-only"]).arg(&log).arg("--policy").arg(&policy_path));
    assert!(report.contains("entries 0..603 checked"), "{report}");
    // These entries are plain text, not statements: the core replay (the default) names the
    // first one.
    let refused = run(passage().arg("audit").arg(&log).arg("--policy").arg(&policy_path));
    assert!(!refused.status.success());
    let refused = stdout(&refused);
    assert!(refused.starts_with("refused: entry 0: the entry does not decode"), "{refused}");

    // An offline receipt from the cosigned checkpoint verifies against the policy alone.
    let receipt = ok(passage().args(["log", "receipt", "--index", "17", "--dir"]).arg(&log));
    let receipt_path = work.join("17.tlog-proof");
    std::fs::write(&receipt_path, receipt).expect("writing the receipt");
    let verdict = ok(passage()
        .args(["receipt", "verify"])
        .arg(&receipt_path)
        .arg("--policy")
        .arg(&policy_path));
    assert_eq!(
        verdict,
        "ok: entry 17 is in corridor.example/log at size 603, cosigned by w1, w2, w3\n"
    );

    // The evidence of a running witness reads without disturbing it: none here.
    let evidence = ok(passage().args(["witness", "evidence", "--db"]).arg(work.join("w1.db")));
    assert_eq!(evidence, "no evidence\n");

    // One witness down: the policy's quorum is not met and nothing is published, but the
    // other witnesses answer and the command ends.
    drop(witnesses.remove(2));
    append(&log, "statement 603\n");
    let output = run(passage()
        .args(["witness", "cosign", "--timeout", "2", "--dir"])
        .arg(&log)
        .arg("--policy")
        .arg(&policy_path));
    let text = stdout(&output);
    assert!(!output.status.success(), "{text}");
    assert!(text.contains("w1: cosigned\nw2: cosigned\nw3: unreachable"), "{text}");
    assert!(text.contains("not published"), "{text}");
}
