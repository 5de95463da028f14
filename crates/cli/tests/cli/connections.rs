//! The servers the command runs besides the node (`passage witness serve`, `passage log
//! serve`) under the attack that locked a node out before: one client holding more idle
//! connections than its share, with the limits they ship with. Each limit is tested in
//! depth in `crates/serve`.

use crate::processes::{ok, passage, start};
use passage_serve::CONNECTIONS_PER_CLIENT_MAX;
use passage_serve::testing::{Outcome, connect_from, get_from, read_answer};

/// 127.0.0.2 opens more idle connections than its share; 127.0.0.3 still gets `path`, and
/// each of the first client's connections past its share is answered 429 in text.
fn one_client_cannot_lock_the_others_out(address: &str, path: &str) {
    let address: std::net::SocketAddr = address.parse().expect("an address");
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        let mut idle = Vec::new();
        for _ in 0..CONNECTIONS_PER_CLIENT_MAX + 6 {
            idle.push(connect_from("127.0.0.2", address).await);
        }
        match get_from("127.0.0.3", address, path).await {
            Outcome::Answered(answer) => assert_eq!(answer.status, 200, "{answer:?}"),
            Outcome::Closed => panic!("another client is served"),
        }
        for stream in &mut idle[CONNECTIONS_PER_CLIENT_MAX..] {
            match read_answer(stream).await {
                Outcome::Answered(answer) => {
                    assert_eq!(answer.status, 429, "{answer:?}");
                    assert!(
                        answer.body.starts_with(
                            "this client holds its share of the server's connections (64)"
                        ),
                        "{answer:?}"
                    );
                }
                Outcome::Closed => {
                    panic!("a connection over the share is answered before it closes")
                }
            }
        }
    });
}

#[test]
fn attack_idle_connections_of_one_client_lock_no_one_out_of_a_witness() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let key = work.path().join("w1.key");
    ok(passage().args(["witness", "keygen", "--name", "w1.example/witness", "--out"]).arg(&key));
    let log_vkey = ok(passage()
        .args(["log", "init", "--origin", "corridor.example/log", "--dir"])
        .arg(work.path().join("log")))
    .trim()
    .to_owned();
    let witness = start(
        passage()
            .args(["witness", "serve", "--listen", "127.0.0.1:0", "--log", &log_vkey, "--key"])
            .arg(&key)
            .arg("--db")
            .arg(work.path().join("w1.db")),
        "listening on ",
    );
    one_client_cannot_lock_the_others_out(&witness.address, "/evidence");
}

#[test]
fn attack_idle_connections_of_one_client_lock_no_one_out_of_a_log_folder_server() {
    let work = tempfile::tempdir().expect("a temporary folder");
    let log = work.path().join("log");
    ok(passage().args(["log", "init", "--origin", "corridor.example/log", "--dir"]).arg(&log));
    let server = start(
        passage().args(["log", "serve", "--listen", "127.0.0.1:0", "--dir"]).arg(&log),
        "listening on ",
    );
    one_client_cannot_lock_the_others_out(&server.address, "/checkpoint");
}
