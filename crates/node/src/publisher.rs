//! The publisher: signs a checkpoint when the tree grew, at a configurable interval, and
//! publishes it (the tiles are already in the store, written with their entries).
//!
//! Witness cosignatures plug in through [`Witnesses`]: the publisher hands it the
//! log-signed checkpoint and publishes what it returns. Without witnesses, the log-signed
//! checkpoint is published as is.

use crate::sequencer::{TreeHead, now_ms};
use passage_log::{Checkpoint, SigningKey};
use passage_store::{AnyStore, NewCheckpoint, Store, StoreError};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// Collects witness cosignatures on a log-signed checkpoint.
pub trait Witnesses: Send + Sync + 'static {
    /// The checkpoint note with the cosignatures gathered (under the node's policy).
    fn cosign<'a>(
        &'a self,
        signed_note: &'a str,
    ) -> Pin<Box<dyn Future<Output = Result<String, String>> + Send + 'a>>;
}

/// Why a checkpoint was not published.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// Signing failed.
    #[error("signing the checkpoint failed: {0}")]
    Sign(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Signs, stores and publishes checkpoints.
pub struct Publisher {
    /// The store.
    pub store: Arc<AnyStore>,
    /// The log's key; its name is the checkpoint's origin.
    pub log_key: SigningKey,
    /// Witnesses, when the node has any.
    pub witnesses: Option<Arc<dyn Witnesses>>,
    /// Size of the last published checkpoint.
    pub published_size: u64,
}

impl Publisher {
    /// Publishes a checkpoint for `head` if the tree grew since the last one.
    pub async fn publish(&mut self, head: TreeHead) -> Result<bool, PublishError> {
        if head.size == 0 || head.size <= self.published_size {
            return Ok(false);
        }
        let checkpoint = Checkpoint {
            origin: self.log_key.name().to_owned(),
            size: head.size,
            root: head.root,
            extensions: vec![],
        };
        let note = checkpoint
            .sign(&self.log_key)
            .map_err(|error| PublishError::Sign(error.to_string()))?;
        self.store
            .save_checkpoint(NewCheckpoint { tree_size: head.size, signed_note: note.clone() })
            .await?;
        if let Some(witnesses) = &self.witnesses {
            match witnesses.cosign(&note).await {
                Ok(cosigned) => self.store.set_checkpoint_cosigned(head.size, &cosigned).await?,
                Err(error) => {
                    tracing::warn!(size = head.size, %error, "witnesses did not cosign");
                    return Ok(false);
                }
            }
        }
        self.store.mark_checkpoint_published(head.size, now_ms() as i64).await?;
        self.published_size = head.size;
        Ok(true)
    }

    /// Publishes at most once per `interval` while the tree grows, until `tree` closes.
    pub async fn run(mut self, mut tree: watch::Receiver<TreeHead>, interval: Duration) {
        loop {
            let head = *tree.borrow_and_update();
            if let Err(error) = self.publish(head).await {
                tracing::error!(%error, "checkpoint not published");
            }
            tokio::time::sleep(interval).await;
            if tree.changed().await.is_err() {
                return;
            }
        }
    }
}
