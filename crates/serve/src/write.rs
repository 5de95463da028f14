//! A deadline on writing to a client that does not read: a write the client's receive
//! window keeps blocked for the response-write timeout ends the connection, so a client
//! that asks for a large answer and never reads it gives its connection slot back.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Sleep;

/// A connection whose writes fail with [`WriteStalled`] once one has waited for the client
/// for `timeout` without a byte going out. Each byte written (any progress) restarts the
/// clock, so a slow reader is served; the kernel wakes a blocked writer only once the
/// client has freed a good part of its buffer, so one reading a byte now and then stays
/// blocked, and is cut off.
pub struct WriteDeadline<S> {
    stream: S,
    timeout: Duration,
    /// Armed while a write waits for the client; cleared when a write makes progress.
    stalled: Option<Pin<Box<Sleep>>>,
}

/// The error of a write the client kept blocked.
#[derive(Debug, thiserror::Error)]
#[error("the client read nothing of the answer for {} ms", .0.as_millis())]
pub struct WriteStalled(pub Duration);

impl<S> WriteDeadline<S> {
    /// `stream`, whose writes may wait for the client at most `timeout` at a time.
    pub fn new(stream: S, timeout: Duration) -> WriteDeadline<S> {
        WriteDeadline { stream, timeout, stalled: None }
    }

    /// A write is pending: waits on, unless it has waited `timeout` already.
    fn pending<T>(&mut self, context: &mut Context<'_>) -> Poll<io::Result<T>> {
        let timeout = self.timeout;
        let deadline = self.stalled.get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        if deadline.as_mut().poll(context).is_ready() {
            return Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                WriteStalled(timeout),
            )));
        }
        Poll::Pending
    }

    /// A write finished (done or failed): the clock stops.
    fn ready<T>(&mut self, result: io::Result<T>) -> Poll<io::Result<T>> {
        self.stalled = None;
        Poll::Ready(result)
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for WriteDeadline<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
        buffer: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(context, buffer)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for WriteDeadline<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
        buffer: &[u8],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.stream).poll_write(context, buffer) {
            Poll::Ready(result) => self.ready(result),
            Poll::Pending => self.pending(context),
        }
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
        buffers: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.stream).poll_write_vectored(context, buffers) {
            Poll::Ready(result) => self.ready(result),
            Poll::Pending => self.pending(context),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<io::Result<()>> {
        match Pin::new(&mut self.stream).poll_flush(context) {
            Poll::Ready(result) => self.ready(result),
            Poll::Pending => self.pending(context),
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<io::Result<()>> {
        match Pin::new(&mut self.stream).poll_shutdown(context) {
            Poll::Ready(result) => self.ready(result),
            Poll::Pending => self.pending(context),
        }
    }
}
