//! Serving HTTP so that no one client can starve the others: every server Passage runs
//! (the node, leader or follower; the witness; `passage log serve`) serves its router
//! through [`serve`], which bounds what a connection may hold and for how long.
//!
//! ```text
//! accept: a permit of connections_max (none left: accepting pauses, the kernel queues)
//!   -> the client's share: at most connections_per_client_max open per client address
//!      (over it: 429 and close, nothing read)
//!   -> hyper HTTP/1: the request head within header_read_timeout, which also closes a
//!      keep-alive connection left idle that long
//!   -> the body within body_timeout of the head, in total (a trickle is cut off)
//!   -> the router
//!   -> the answer: a write the client keeps blocked (reading nothing) for
//!      response_write_timeout ends the connection
//! ```
//!
//! hyper gives the header-read clock (`http1::Builder::header_read_timeout`, which starts
//! whenever the connection waits for a request head: a new connection's first, or the next
//! one after a response). What is written here is what hyper, hyper-util and tower-http do
//! not do: the caps, a deadline on the whole body (tower-http's body timeout restarts
//! at every frame, so a body trickled a byte at a time would never end), and a deadline on
//! a write the client does not read (hyper has none: a client that asks for a large answer
//! and never reads would hold its connection, and its slot of the caps, for ever). Only HTTP/1.1 is
//! served: no client of Passage speaks cleartext HTTP/2, and its timeouts are hyper's
//! HTTP/1 ones.

mod body;
mod clients;
#[cfg(feature = "testing")]
pub mod testing;
mod write;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tower::ServiceExt as _;

use body::DeadlineBody;
use clients::Clients;
use write::WriteDeadline;

/// Most connections a server holds open at once. Each costs a socket, a task and hyper's
/// buffers (about 16 KiB), so 1,024 cost some 16 MiB, well inside a small host, and the
/// usual 1,024 file descriptors of a process are raised by the operator beside it. Past
/// the cap, accepting pauses and new connections wait in the kernel's backlog.
pub const CONNECTIONS_MAX: usize = 1_024;
/// Most connections one client (an IPv4 address, or an IPv6 /64) holds open at once. A
/// browser opens six per server and a device that syncs a few; 64 leave room for a small
/// office behind one address, and 16 clients are needed to fill [`CONNECTIONS_MAX`]. A
/// node behind a reverse proxy sees every client as the proxy: give the proxy the whole
/// cap there, and let it share it.
pub const CONNECTIONS_PER_CLIENT_MAX: usize = 64;
/// Longest wait for a request's head (request line and headers, at most hyper's 400 KiB
/// buffer, in practice under 4 KiB), counted from when the connection starts waiting for
/// it. It is also how long a keep-alive connection may sit idle between requests: hyper
/// starts the same clock as soon as a response is sent. 10 s is minutes of slack for a head
/// on any link, and a client that keeps a connection for more than 10 s of silence opens a
/// new one.
pub const HEADER_READ_TIMEOUT_MS: u64 = 10_000;
/// Longest time for a whole request body to arrive, counted from its head: the largest
/// body any server takes (the node's 1 MiB batch) needs about 17 KiB/s to arrive within
/// 60 s, which a weak mobile link at a post still gives.
pub const BODY_TIMEOUT_MS: u64 = 60_000;
/// Longest a write of an answer may wait for the client to read: no byte of the answer
/// accepted by the client's receive window for 30 s means the client is not reading (a
/// live client on the slowest link takes some bytes every few hundred milliseconds), and
/// its connection is closed. The clock restarts at each byte written, so a large answer to
/// a slow reader goes on.
pub const RESPONSE_WRITE_TIMEOUT_MS: u64 = 30_000;
/// Longest any of the timeouts may be configured: an hour.
pub const TIMEOUT_MS_MAX: u64 = 3_600_000;

/// How a server's refusals are written: the node speaks JSON, the witness and the log
/// folder plain text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorFormat {
    /// `{"error": code, "message": text}`, as the node's API answers.
    Json,
    /// One line of text.
    Text,
}

/// A server's limits; [`Config::new`] gives the defaults, tests shorten them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Most connections open at once ([`CONNECTIONS_MAX`]).
    pub connections_max: usize,
    /// Most connections one client holds open at once ([`CONNECTIONS_PER_CLIENT_MAX`]).
    pub connections_per_client_max: usize,
    /// Longest wait for a request head, and longest idle keep-alive
    /// ([`HEADER_READ_TIMEOUT_MS`]).
    pub header_read_timeout: Duration,
    /// Longest time for a whole request body ([`BODY_TIMEOUT_MS`]).
    pub body_timeout: Duration,
    /// Longest a write of an answer may wait for the client to read
    /// ([`RESPONSE_WRITE_TIMEOUT_MS`]).
    pub response_write_timeout: Duration,
    /// How refusals are written.
    pub errors: ErrorFormat,
}

/// Why a [`Config`] is refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    /// A cap is 0, or the per-client cap exceeds the whole.
    #[error(
        "connection caps: at least 1 per client and no more per client than in all \
         ({per_client} per client, {total} in all)"
    )]
    Caps {
        /// The per-client cap.
        per_client: usize,
        /// The cap on all connections.
        total: usize,
    },
    /// A timeout is 0 or over [`TIMEOUT_MS_MAX`].
    #[error("the {which} timeout is 1 to {TIMEOUT_MS_MAX} ms, not {ms}")]
    Timeout {
        /// Which timeout.
        which: &'static str,
        /// Its value.
        ms: u128,
    },
}

impl Config {
    /// The default limits, refusals written as `errors`.
    pub fn new(errors: ErrorFormat) -> Config {
        Config {
            connections_max: CONNECTIONS_MAX,
            connections_per_client_max: CONNECTIONS_PER_CLIENT_MAX,
            header_read_timeout: Duration::from_millis(HEADER_READ_TIMEOUT_MS),
            body_timeout: Duration::from_millis(BODY_TIMEOUT_MS),
            response_write_timeout: Duration::from_millis(RESPONSE_WRITE_TIMEOUT_MS),
            errors,
        }
    }

    /// Checks the limits.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let (per_client, total) = (self.connections_per_client_max, self.connections_max);
        if per_client == 0 || per_client > total {
            return Err(ConfigError::Caps { per_client, total });
        }
        for (which, timeout) in [
            ("header-read", self.header_read_timeout),
            ("body", self.body_timeout),
            ("response-write", self.response_write_timeout),
        ] {
            let ms = timeout.as_millis();
            if ms == 0 || ms > u128::from(TIMEOUT_MS_MAX) {
                return Err(ConfigError::Timeout { which, ms });
            }
        }
        Ok(())
    }
}

/// Serves `app` on `listener` within `config`'s limits until `shutdown` completes, then
/// stops accepting, lets the requests in flight finish and closes idle connections. The
/// router sees each request's client address as [`ConnectInfo<SocketAddr>`].
pub async fn serve(
    listener: TcpListener,
    app: Router,
    config: Config,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), ConfigError> {
    config.validate()?;
    let permits = Arc::new(Semaphore::new(config.connections_max));
    let clients = Clients::new(config.connections_per_client_max);
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(config.header_read_timeout).keep_alive(true);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit,
            () = &mut shutdown => break,
        };
        // The semaphore is never closed; were it, serving goes on without the cap.
        let permit = permit.ok();
        let (stream, address) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait a moment, as axum's own
                    // listener does, rather than spin. Not synchronization: a back-off.
                    tracing::warn!(%error, "accepting a connection failed");
                    drop(permit);
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(share) = clients.admit(address.ip()) else {
            tracing::debug!(client = %address.ip(), "over the per-client connection cap");
            refuse(&stream, &config);
            continue;
        };
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%error, "TCP_NODELAY not set");
        }
        let router = app.clone();
        let body_timeout = config.body_timeout;
        let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
            let mut request =
                request.map(|body| axum::body::Body::new(DeadlineBody::new(body, body_timeout)));
            request.extensions_mut().insert(ConnectInfo::<std::net::SocketAddr>(address));
            router.clone().oneshot(request)
        });
        let stream = WriteDeadline::new(stream, config.response_write_timeout);
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "a connection ended with an error");
            }
            drop((permit, share));
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// Answers a connection over its client's cap with 429 and closes it, reading nothing and
/// never waiting: the answer fits in a fresh socket's send buffer, and if it does not go
/// out at once the connection is closed without it.
fn refuse(stream: &TcpStream, config: &Config) {
    let message = format!(
        "this client holds its share of the server's connections ({}) already; close one or \
         retry later",
        config.connections_per_client_max
    );
    let (content_type, body) = match config.errors {
        ErrorFormat::Json => (
            "application/json",
            format!(r#"{{"error":"too_many_connections","message":"{message}"}}"#),
        ),
        ErrorFormat::Text => ("text/plain; charset=utf-8", format!("{message}\n")),
    };
    let answer = format!(
        "HTTP/1.1 429 Too Many Requests\r\ncontent-type: {content_type}\r\nretry-after: 1\r\n\
         connection: close\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    if let Err(error) = stream.try_write(answer.as_bytes()) {
        tracing::debug!(%error, "the per-client refusal was not written");
    }
}
