//! Reading a peer's HTTP answer within a limit: the one reader with which every client of
//! the project (the command line reading a node, the auditor, a node's witness client, a
//! follower relaying its leader's answer) takes in what another server sent, so that no
//! server, honest or not, can make it hold more than the limit its caller names.
//!
//! An answer announcing more than the limit (`Content-Length`) is refused before its body
//! is read; one sending more than it announced, or announcing nothing and sending chunk
//! after chunk, is cut off as soon as it passes the limit. Time is the client's to bound:
//! a body that trickles in below the limit ends with the request's timeout
//! ([`AnswerError::TimedOut`]), which every client of the project sets.

/// Why a peer's answer was not read.
#[derive(Debug, thiserror::Error)]
pub enum AnswerError {
    /// The answer is larger than the limit (as announced, or as it arrived); the rest was
    /// not read.
    #[error("the answer is larger than {bytes_max} bytes; it was not read past that")]
    TooLarge {
        /// The limit.
        bytes_max: usize,
    },
    /// The answer did not arrive whole within the request's timeout.
    #[error("the answer did not arrive within the request's time limit")]
    TimedOut,
    /// The transfer failed (the connection broke, the body was malformed).
    #[error("the answer could not be read: {0}")]
    Transfer(reqwest::Error),
}

/// Reads `response`'s body, at most `bytes_max` bytes of it.
pub async fn read_body(
    mut response: reqwest::Response,
    bytes_max: usize,
) -> Result<Vec<u8>, AnswerError> {
    let too_large = AnswerError::TooLarge { bytes_max };
    if response.content_length().is_some_and(|length| length > bytes_max as u64) {
        return Err(too_large);
    }
    let mut body = Vec::new();
    loop {
        let chunk = match response.chunk().await {
            Ok(Some(chunk)) => chunk,
            Ok(None) => return Ok(body),
            Err(error) if error.is_timeout() => return Err(AnswerError::TimedOut),
            Err(error) => return Err(AnswerError::Transfer(error)),
        };
        if body.len() + chunk.len() > bytes_max {
            return Err(too_large);
        }
        body.extend_from_slice(&chunk);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

    /// How a fake peer answers: its head, then its body.
    #[derive(Clone, Copy)]
    enum Peer {
        /// `Content-Length: n` and `n` bytes.
        Exact(usize),
        /// Announces `n` bytes, sends none.
        Announces(usize),
        /// Chunked, a 64 KiB chunk after another for ever.
        Endless,
        /// Chunked, one byte every 50 ms for ever.
        Trickle,
    }

    /// Serves one connection on the loopback as `peer` says; its address.
    async fn serve(peer: Peer) -> std::net::SocketAddr {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("binds");
        let address = listener.local_addr().expect("bound");
        tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.expect("a client connects");
            let mut request = [0u8; 1024];
            let _ = socket.read(&mut request).await;
            let head = match peer {
                Peer::Exact(length) | Peer::Announces(length) => {
                    format!("HTTP/1.1 200 OK\r\ncontent-length: {length}\r\n\r\n")
                }
                Peer::Endless | Peer::Trickle => {
                    "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n".to_owned()
                }
            };
            if socket.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            match peer {
                Peer::Exact(length) => {
                    let _ = socket.write_all(&vec![b'x'; length]).await;
                }
                Peer::Announces(_) => {}
                Peer::Endless => {
                    let chunk = format!("10000\r\n{}\r\n", "x".repeat(0x10000));
                    // Until the client hangs up: the reader must be the one to stop.
                    while socket.write_all(chunk.as_bytes()).await.is_ok() {}
                }
                Peer::Trickle => loop {
                    if socket.write_all(b"1\r\nx\r\n").await.is_err() {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                },
            }
            // Held open until the client is done with it.
            let _ = socket.read(&mut request).await;
        });
        address
    }

    async fn read(peer: Peer, bytes_max: usize, timeout: Duration) -> Result<usize, AnswerError> {
        let address = serve(peer).await;
        let client = reqwest::Client::builder().timeout(timeout).build().expect("a client");
        let response =
            client.get(format!("http://{address}/")).send().await.expect("a head arrives");
        read_body(response, bytes_max).await.map(|body| body.len())
    }

    const LONG: Duration = Duration::from_secs(60);

    #[tokio::test]
    async fn an_answer_within_the_limit_is_read_whole() {
        assert_eq!(read(Peer::Exact(1_000), 1_000, LONG).await.expect("read"), 1_000);
    }

    #[tokio::test]
    async fn attack_an_answer_announcing_more_than_the_limit_is_refused_unread() {
        let error = read(Peer::Announces(1_001), 1_000, LONG).await.expect_err("refused");
        assert!(matches!(error, AnswerError::TooLarge { bytes_max: 1_000 }), "{error}");
    }

    #[tokio::test]
    async fn attack_an_answer_that_never_ends_is_cut_off_at_the_limit() {
        let error = read(Peer::Endless, 1 << 20, LONG).await.expect_err("cut off");
        assert!(matches!(error, AnswerError::TooLarge { bytes_max: 1_048_576 }), "{error}");
    }

    #[tokio::test]
    async fn attack_an_answer_that_trickles_ends_with_the_request_s_timeout() {
        let error =
            read(Peer::Trickle, 1 << 20, Duration::from_millis(500)).await.expect_err("timed out");
        assert!(matches!(error, AnswerError::TimedOut), "{error}");
    }
}
