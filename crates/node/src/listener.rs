//! A TCP listener that holds at most [`api::CONNECTIONS_MAX`](crate::api::CONNECTIONS_MAX)
//! connections open at once: past it, the node stops accepting and new connections wait in
//! the kernel's backlog until one closes. Each accepted stream carries a permit that its
//! drop gives back.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// A listener that accepts while fewer than its limit of connections are open.
#[derive(Debug)]
pub struct LimitedListener {
    inner: TcpListener,
    permits: Arc<Semaphore>,
}

impl LimitedListener {
    /// Wraps `inner`, holding at most `connections_max` connections open.
    pub fn new(inner: TcpListener, connections_max: usize) -> LimitedListener {
        LimitedListener { inner, permits: Arc::new(Semaphore::new(connections_max)) }
    }

    /// Connections that may still be opened before accepting pauses.
    pub fn available(&self) -> usize {
        self.permits.available_permits()
    }
}

impl axum::serve::Listener for LimitedListener {
    type Io = LimitedStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (LimitedStream, SocketAddr) {
        loop {
            // The semaphore is never closed, so acquiring fails only if it were; then
            // accept without a permit rather than stop serving.
            let permit = self.permits.clone().acquire_owned().await.ok();
            match self.inner.accept().await {
                Ok((stream, address)) => {
                    return (LimitedStream { stream, _permit: permit }, address);
                }
                Err(error) => {
                    // Out of file descriptors and the like: wait a moment, as axum's own
                    // listener does, rather than spin.
                    tracing::warn!(%error, "accepting a connection failed");
                    drop(permit);
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.inner.local_addr()
    }
}

/// An accepted connection holding one of the listener's permits until it is dropped.
#[derive(Debug)]
pub struct LimitedStream {
    stream: TcpStream,
    _permit: Option<OwnedSemaphorePermit>,
}

impl AsyncRead for LimitedStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
        buffer: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(context, buffer)
    }
}

impl AsyncWrite for LimitedStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(context, data)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
        buffers: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(context, buffers)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(context)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(context)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::serve::Listener as _;

    #[tokio::test]
    async fn a_connection_holds_a_permit_until_it_closes() {
        let inner = TcpListener::bind("127.0.0.1:0").await.expect("binds");
        let address = inner.local_addr().expect("address");
        let mut listener = LimitedListener::new(inner, 2);
        let _client = TcpStream::connect(address).await.expect("connects");
        let (first, _) = listener.accept().await;
        assert_eq!(listener.available(), 1);
        let _other = TcpStream::connect(address).await.expect("connects");
        let (second, _) = listener.accept().await;
        assert_eq!(listener.available(), 0, "the limit is reached: accepting pauses");
        drop(first);
        assert_eq!(listener.available(), 1, "a closed connection gives its permit back");
        drop(second);
        assert_eq!(listener.available(), 2);
    }
}
