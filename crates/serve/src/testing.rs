//! A raw HTTP/1.1 client for tests of the servers' limits (feature `testing`): it connects
//! from a chosen loopback address (on Linux all of 127.0.0.0/8 reaches the loopback, so
//! each address is a different client), sends bytes as an attacker would, and reads one
//! answer or the connection's end.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpSocket, TcpStream};

/// Longest a test waits for what must happen at once (an answer, a connection closed): a
/// failure bound, never a pause.
pub const WAIT_MAX: Duration = Duration::from_secs(10);

/// A connection to `server` from the loopback address `client` (such as `127.0.0.2`).
pub async fn connect_from(client: &str, server: SocketAddr) -> TcpStream {
    let ip: IpAddr = client.parse().expect("a client address");
    let socket = TcpSocket::new_v4().expect("a socket");
    socket.bind(SocketAddr::new(ip, 0)).expect("binds the client address");
    socket.connect(server).await.expect("connects")
}

/// An answer: its status and body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The status code.
    pub status: u16,
    /// The head, as text.
    pub head: String,
    /// The body, as text.
    pub body: String,
}

/// What a connection gave back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// An answer.
    Answered(Answer),
    /// The server closed the connection (or reset it) before a whole answer.
    Closed,
}

/// Reads one answer from `stream` (a body framed by `content-length`), or its end; panics
/// if neither comes within [`WAIT_MAX`].
pub async fn read_answer(stream: &mut TcpStream) -> Outcome {
    tokio::time::timeout(WAIT_MAX, read_answer_unbounded(stream))
        .await
        .expect("the server answers or closes in time")
}

async fn read_answer_unbounded(stream: &mut TcpStream) -> Outcome {
    let mut bytes = Vec::new();
    let mut buffer = [0; 4096];
    loop {
        if let Some(end) = bytes.windows(4).position(|window| window == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
            let length = head
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse().ok())?
                })
                .unwrap_or(0usize);
            if bytes.len() >= end + 4 + length {
                let status = head
                    .split(' ')
                    .nth(1)
                    .and_then(|status| status.parse().ok())
                    .expect("a status line");
                let body = String::from_utf8_lossy(&bytes[end + 4..end + 4 + length]).into_owned();
                return Outcome::Answered(Answer { status, head, body });
            }
        }
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return Outcome::Closed,
            Ok(read) => bytes.extend_from_slice(&buffer[..read]),
        }
    }
}

/// Whether the server closes `stream` within [`WAIT_MAX`], discarding what it sends first
/// (such as a 408).
pub async fn closes(stream: &mut TcpStream) -> bool {
    let mut buffer = [0; 4096];
    tokio::time::timeout(WAIT_MAX, async {
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await
    .is_ok()
}

/// `GET path` on a new connection from `client`: the answer.
pub async fn get_from(client: &str, server: SocketAddr, path: &str) -> Outcome {
    let mut stream = connect_from(client, server).await;
    let request = format!("GET {path} HTTP/1.1\r\nhost: passage\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("sends");
    read_answer(&mut stream).await
}

/// Sends `bytes` one at a time, `every` apart, as a slow client does; stops at the first
/// that cannot be written, or as soon as the server closes the connection. Returns how
/// many bytes were sent before the server closed it (`None`: it never did while sending).
pub async fn trickle(stream: TcpStream, bytes: &[u8], every: Duration) -> Option<usize> {
    let (mut reader, mut writer) = stream.into_split();
    let closed = async move {
        let mut buffer = [0; 4096];
        loop {
            match reader.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    };
    let mut closed = std::pin::pin!(closed);
    for (sent, byte) in bytes.iter().enumerate() {
        if writer.write_all(&[*byte]).await.is_err() {
            return Some(sent);
        }
        tokio::select! {
            () = &mut closed => return Some(sent + 1),
            // The attack's own pace, not synchronization.
            () = tokio::time::sleep(every) => {}
        }
    }
    None
}
