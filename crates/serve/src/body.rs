//! A deadline on a whole request body: it must have arrived within the body timeout of its
//! head, however it is sliced into frames.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Bytes;
use http_body::{Body, Frame, SizeHint};
use tokio::time::Sleep;

/// A request body that fails with [`BodyTimeout`] once its deadline passes before its end.
pub struct DeadlineBody<B> {
    body: B,
    /// Set when the body is made, so it counts from the head, not from the first read.
    deadline: Pin<Box<Sleep>>,
    timeout: Duration,
}

/// The error of a body that did not arrive in time.
#[derive(Debug, thiserror::Error)]
#[error("the request body did not arrive within {} ms of its head", .0.as_millis())]
pub struct BodyTimeout(pub Duration);

impl<B> DeadlineBody<B> {
    /// `body`, which must end within `timeout` from now.
    pub fn new(body: B, timeout: Duration) -> DeadlineBody<B> {
        DeadlineBody { body, deadline: Box::pin(tokio::time::sleep(timeout)), timeout }
    }
}

impl<B> Body for DeadlineBody<B>
where
    B: Body<Data = Bytes> + Unpin,
    B::Error: Into<axum::BoxError>,
{
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::BoxError>>> {
        // A frame already here is taken even at the deadline: only waiting is cut short.
        if let Poll::Ready(frame) = Pin::new(&mut self.body).poll_frame(context) {
            return Poll::Ready(frame.map(|frame| frame.map_err(Into::into)));
        }
        if self.deadline.as_mut().poll(context).is_ready() {
            return Poll::Ready(Some(Err(Box::new(BodyTimeout(self.timeout)))));
        }
        Poll::Pending
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}
