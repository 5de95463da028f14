//! A node (or whatever answers at its address) whose answers never end: the command reads
//! every answer of a node within a named limit (`NODE_ANSWER_BYTES_MAX`, a receipt's
//! `RECEIPT_BYTES_MAX`) and within its request timeout, so an answer that never ends stops
//! it at the limit and one that trickles in stops it at the timeout, each with the reason,
//! never with the command holding whatever the peer sends.

use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::process::Command;
use std::time::Duration;

use passage_core::testing::{Scenario, ScenarioConfig};

use crate::common::{BINARY, corridor_files};

/// How the fake node answers every request.
#[derive(Clone, Copy)]
enum Answer {
    /// A 200 whose chunked body goes on until the client hangs up.
    Endless,
    /// A 200 whose chunked body comes a byte every 100 ms until the client hangs up.
    Trickle,
}

/// Serves `answer` on the loopback to every connection, each in its own thread, until the
/// test process ends; its base URL.
fn fake_node(answer: Answer) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binds");
    let base = format!("http://{}", listener.local_addr().expect("bound"));
    std::thread::spawn(move || {
        for connection in listener.incoming() {
            let Ok(mut socket) = connection else { return };
            std::thread::spawn(move || {
                let mut request = [0u8; 64 * 1024];
                let _ = socket.read(&mut request);
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                            transfer-encoding: chunked\r\n\r\n";
                if socket.write_all(head.as_bytes()).is_err() {
                    return;
                }
                match answer {
                    Answer::Endless => {
                        let chunk = format!("10000\r\n{}\r\n", " ".repeat(0x10000));
                        while socket.write_all(chunk.as_bytes()).is_ok() {}
                    }
                    Answer::Trickle => {
                        while socket.write_all(b"1\r\n \r\n").is_ok() {
                            std::thread::sleep(Duration::from_millis(100));
                        }
                    }
                }
            });
        }
    });
    base
}

/// Runs `passage ARGS` against `base`; its exit code and standard error.
fn run(base: &str, args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(BINARY)
        .env("PASSAGE_LANG", "en")
        .args(args)
        .env("PASSAGE_NODE", base)
        .output()
        .expect("runs");
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn attack_a_node_whose_answers_never_end_is_read_up_to_the_limit_only() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let config = ScenarioConfig::syunik();
    let charter = corridor_files(folder.path(), &config, &Scenario::charter_only(&config))
        .into_iter()
        .next()
        .expect("the charter's file");
    let base = fake_node(Answer::Endless);
    let node_answer = format!("the answer is larger than {} bytes", 8 << 20);
    let receipt = format!("the answer is larger than {} bytes", passage_log::RECEIPT_BYTES_MAX);
    for (args, expected) in [
        (vec!["movement", "26AM0000000000001X"], &node_answer),
        (vec!["account"], &node_answer),
        (vec!["submit", charter.as_str()], &node_answer),
        (vec!["receipt", "get", "1"], &receipt),
    ] {
        let (code, stderr) = run(&base, &args);
        assert_ne!(code, Some(0), "passage {}: {stderr}", args.join(" "));
        assert!(stderr.contains(expected.as_str()), "passage {}: {stderr}", args.join(" "));
    }
}

#[test]
fn attack_a_node_whose_answer_trickles_is_given_up_at_the_request_timeout() {
    let base = fake_node(Answer::Trickle);
    // The command's request timeout (30 s) ends it; the answer never reaches the limit.
    let (code, stderr) = run(&base, &["movement", "26AM0000000000001X"]);
    assert_ne!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("the answer did not arrive within the request's time limit"),
        "{stderr}"
    );
}
