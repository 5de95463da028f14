//! Each limit of `passage_serve::serve` against the attack it stops: idle connections
//! beyond a client's share, headers a byte at a time, a body a byte at a time, a
//! keep-alive connection left idle, a large answer never read. The timeouts are shortened;
//! the attacker is slower.

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::routing::{get, post};
use passage_serve::testing::{
    Answer, Outcome, closes, connect_from, get_from, read_answer, trickle,
};
use passage_serve::{Config, ConfigError, ErrorFormat};
use tokio::io::AsyncWriteExt as _;

/// Short timeouts, small caps; the attacks below outlast them many times over.
fn config() -> Config {
    Config {
        connections_max: 8,
        connections_per_client_max: 4,
        header_read_timeout: Duration::from_millis(300),
        body_timeout: Duration::from_millis(300),
        response_write_timeout: Duration::from_millis(300),
        errors: ErrorFormat::Json,
    }
}

/// The answer of `GET /large`: more than the loopback's send and receive buffers hold
/// together (a few MiB each at most), so a client that reads none of it blocks the write.
const LARGE_ANSWER_BYTES: usize = 64 << 20;

/// A server of `GET /hello`, `GET /large` and `POST /echo` with `config`, on a loopback
/// port.
async fn start(config: Config) -> SocketAddr {
    let app = Router::new()
        .route("/hello", get(|| async { "hello" }))
        .route("/large", get(|| async { vec![b'x'; LARGE_ANSWER_BYTES] }))
        .route("/echo", post(|body: Bytes| async move { body }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let address = listener.local_addr().expect("an address");
    tokio::spawn(passage_serve::serve(listener, app, config, std::future::pending()));
    address
}

fn answered(outcome: Outcome) -> Answer {
    match outcome {
        Outcome::Answered(answer) => answer,
        Outcome::Closed => panic!("the connection closed without an answer"),
    }
}

#[tokio::test]
async fn attack_one_client_holding_more_idle_connections_than_its_share_starves_no_one() {
    // The header timeout is long here: only the caps stand between the attacker and the
    // other clients.
    let server = start(Config { header_read_timeout: Duration::from_secs(600), ..config() }).await;
    // 127.0.0.2 opens more idle connections than the whole server holds, sending nothing.
    let mut idle = Vec::new();
    for _ in 0..10 {
        idle.push(connect_from("127.0.0.2", server).await);
    }
    // Another client is served at once.
    let answer = answered(get_from("127.0.0.3", server, "/hello").await);
    assert_eq!((answer.status, answer.body.as_str()), (200, "hello"));
    // The attacker's connections past its share were answered 429 and closed, in the order
    // it opened them (the kernel hands them over in that order).
    for stream in &mut idle[4..] {
        let answer = answered(read_answer(stream).await);
        assert_eq!(answer.status, 429, "{answer:?}");
        assert!(answer.head.contains("content-type: application/json"), "{answer:?}");
        assert_eq!(
            answer.body,
            r#"{"error":"too_many_connections","message":"this client holds its share of the server's connections (4) already; close one or retry later"}"#
        );
        assert!(closes(stream).await, "closed after the refusal");
    }
    // A connection of its share given back is the client's again.
    drop(idle.remove(0));
    let answer = answered(get_from("127.0.0.2", server, "/hello").await);
    assert_eq!(answer.status, 200, "{answer:?}");
}

#[tokio::test]
async fn attack_a_request_head_sent_a_byte_at_a_time_is_cut_off() {
    let server = start(config()).await;
    let head =
        format!("GET /hello HTTP/1.1\r\nhost: passage\r\nx-slow: {}\r\n\r\n", "z".repeat(100));
    let stream = connect_from("127.0.0.2", server).await;
    // A byte every 20 ms: the head would take about 2.5 s, the server gives it 300 ms.
    let sent = trickle(stream, head.as_bytes(), Duration::from_millis(20)).await;
    let sent = sent.expect("the server closes the connection");
    assert!(sent < head.len(), "closed after {sent} of {} bytes", head.len());
}

#[tokio::test]
async fn attack_a_body_sent_a_byte_at_a_time_is_cut_off() {
    let server = start(config()).await;
    let body = "b".repeat(150);
    let request = format!(
        "POST /echo HTTP/1.1\r\nhost: passage\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut stream = connect_from("127.0.0.2", server).await;
    let head_length = request.len() - body.len();
    stream.write_all(&request.as_bytes()[..head_length]).await.expect("the head is sent");
    // A byte every 20 ms keeps each frame well within any per-frame timeout; the whole body
    // would take 3 s, the server gives it 300 ms.
    let sent = trickle(stream, body.as_bytes(), Duration::from_millis(20)).await;
    let sent = sent.expect("the server closes the connection");
    assert!(sent < body.len(), "closed after {sent} of {} body bytes", body.len());
}

#[tokio::test]
async fn a_body_sent_whole_is_served_and_the_connection_kept_alive_while_used() {
    let server = start(config()).await;
    let mut stream = connect_from("127.0.0.2", server).await;
    for body in ["first", "second"] {
        let request = format!(
            "POST /echo HTTP/1.1\r\nhost: passage\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).await.expect("sent");
        let answer = answered(read_answer(&mut stream).await);
        assert_eq!((answer.status, answer.body.as_str()), (200, body));
    }
}

#[tokio::test]
async fn attack_an_idle_keep_alive_connection_is_closed() {
    let server = start(config()).await;
    let mut stream = connect_from("127.0.0.2", server).await;
    stream.write_all(b"GET /hello HTTP/1.1\r\nhost: passage\r\n\r\n").await.expect("sent");
    let answer = answered(read_answer(&mut stream).await);
    assert_eq!(answer.status, 200);
    assert!(
        !answer.head.to_ascii_lowercase().contains("connection: close"),
        "kept alive: {answer:?}"
    );
    // Then nothing: the server closes the connection once the header timeout passes.
    assert!(closes(&mut stream).await, "an idle keep-alive connection is closed");
}

#[tokio::test]
async fn attack_a_client_that_never_reads_a_large_answer_gives_its_connection_back() {
    // One connection in all, and the header timeout long: only the write deadline ends the
    // attacker's connection, and until it does nobody else is served.
    let server = start(Config {
        connections_max: 1,
        connections_per_client_max: 1,
        header_read_timeout: Duration::from_secs(600),
        ..config()
    })
    .await;
    let mut attacker = connect_from("127.0.0.2", server).await;
    attacker.write_all(b"GET /large HTTP/1.1\r\nhost: passage\r\n\r\n").await.expect("sent");
    // It reads nothing. Another client's request waits in the kernel's queue until the
    // server gives the attacker's slot back; the bound only turns a hang into a failure.
    let other =
        tokio::time::timeout(Duration::from_secs(60), get_from("127.0.0.3", server, "/hello"))
            .await
            .expect("the stalled write ends the attacker's connection");
    let answer = answered(other);
    assert_eq!((answer.status, answer.body.as_str()), (200, "hello"));
}

#[tokio::test]
async fn a_large_answer_read_whole_is_served() {
    use tokio::io::AsyncReadExt as _;
    let server = start(config()).await;
    let mut stream = connect_from("127.0.0.2", server).await;
    let request = b"GET /large HTTP/1.1\r\nhost: passage\r\nconnection: close\r\n\r\n";
    stream.write_all(request).await.expect("sent");
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(60), stream.read_to_end(&mut answer))
        .await
        .expect("the answer ends")
        .expect("read");
    let head_end = answer.windows(4).position(|window| window == b"\r\n\r\n").expect("a head");
    assert!(
        answer.starts_with(b"HTTP/1.1 200"),
        "{:?}",
        String::from_utf8_lossy(&answer[..head_end])
    );
    assert_eq!(answer.len() - head_end - 4, LARGE_ANSWER_BYTES);
}

#[tokio::test]
async fn a_connection_that_never_sends_is_closed() {
    let server = start(config()).await;
    let mut stream = connect_from("127.0.0.2", server).await;
    assert!(closes(&mut stream).await, "a silent connection is closed");
}

#[tokio::test]
async fn text_servers_refuse_over_the_share_in_text() {
    let server = start(Config {
        connections_per_client_max: 1,
        header_read_timeout: Duration::from_secs(600),
        errors: ErrorFormat::Text,
        ..config()
    })
    .await;
    let _held = connect_from("127.0.0.2", server).await;
    let answer = answered(get_from("127.0.0.2", server, "/hello").await);
    assert_eq!(answer.status, 429);
    assert!(answer.head.contains("content-type: text/plain; charset=utf-8"), "{answer:?}");
    assert_eq!(
        answer.body,
        "this client holds its share of the server's connections (1) already; close one or retry later\n"
    );
}

/// Renders what `validate` says of each configuration.
fn check(cases: &[(&str, Config)], expect: expect_test::Expect) {
    let mut out = String::new();
    for (name, config) in cases {
        let verdict = match config.validate() {
            Ok(()) => "ok".to_owned(),
            Err(error) => error.to_string(),
        };
        out.push_str(&format!("{name}: {verdict}\n"));
    }
    expect.assert_eq(&out);
}

#[test]
fn limits_are_checked() {
    let base = Config::new(ErrorFormat::Json);
    check(
        &[
            ("defaults", base.clone()),
            ("no connection per client", Config { connections_per_client_max: 0, ..base.clone() }),
            (
                "more per client than in all",
                Config { connections_per_client_max: 2_000, ..base.clone() },
            ),
            ("no header time", Config { header_read_timeout: Duration::ZERO, ..base.clone() }),
            (
                "a day for a body",
                Config { body_timeout: Duration::from_secs(86_400), ..base.clone() },
            ),
            ("no time to write", Config { response_write_timeout: Duration::ZERO, ..base.clone() }),
        ],
        expect_test::expect![[r#"
            defaults: ok
            no connection per client: connection caps: at least 1 per client and no more per client than in all (0 per client, 1024 in all)
            more per client than in all: connection caps: at least 1 per client and no more per client than in all (2000 per client, 1024 in all)
            no header time: the header-read timeout is 1 to 3600000 ms, not 0
            a day for a body: the body timeout is 1 to 3600000 ms, not 86400000
            no time to write: the response-write timeout is 1 to 3600000 ms, not 0
        "#]],
    );
    // serve refuses what validate refuses, before it accepts anything.
    let refused = tokio::runtime::Runtime::new().expect("a runtime").block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let config = Config { connections_per_client_max: 0, ..base.clone() };
        passage_serve::serve(listener, Router::new(), config, std::future::pending()).await
    });
    assert_eq!(refused, Err(ConfigError::Caps { per_client: 0, total: 1_024 }));
}
