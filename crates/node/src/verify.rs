//! Signature checks of submitted statements on a pool of one thread per core, off the async
//! threads that serve requests and run the sequencer, so a batch request's signatures are
//! checked side by side and a large batch does not hold up other requests' answers.
//!
//! Each signature is checked on its own with the strict rule the log's auditors apply
//! ([`SignedStatement::verify_signature`]). Batch verification (`ed25519_dalek::verify_batch`,
//! about twice as cheap per signature in groups of 256, see BENCHMARKS.md) is not used:
//! its random linear combination accepts, with probability up to one half, a signature
//! whose R carries a small-order component, which the strict rule refuses; and its
//! coefficients are derived from the inputs, so a key holder can retry a statement offline
//! until the batch accepts it. Such an entry would then fail every audit of the log. Making
//! the batch agree with the strict rule takes a subgroup check of each R, which costs about
//! as much as the strict check itself.
//!
//! Decoding a signer's key (a point decompression) is 10 to 15 % of a verification, and a
//! corridor's statements come from a few hundred enrolled officers and carriers, so the
//! pool keeps the keys it decoded, by their 32 bytes: at most [`VERIFYING_KEYS_MAX`], and
//! only keys whose signature verified. The check itself is unchanged: the same strict rule,
//! on the same point, for every statement.

use ed25519_dalek::VerifyingKey;
use passage_core::SignedStatement;
use passage_core::signed::SignatureError;
use rayon::prelude::*;
use std::borrow::Borrow;
use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};
use tokio::sync::oneshot;

/// Most verification threads, whatever the machine reports.
pub const VERIFY_THREADS_MAX: usize = 64;

/// Most decoded signer keys kept. A decoded key takes about 200 bytes (the compressed
/// and the decompressed point), so the cache stays under 4 MB; a corridor enrols far fewer
/// signers. When full it is emptied and refilled by the signers that keep signing, so a
/// flood of throwaway keys costs only the decoding it would have cost anyway.
pub const VERIFYING_KEYS_MAX: usize = 16_384;

/// The verification pool.
pub struct Verifier {
    pool: rayon::ThreadPool,
    keys: Arc<KeyCache>,
}

/// Signers' keys already decoded, by their bytes.
#[derive(Default)]
struct KeyCache {
    keys: RwLock<HashMap<[u8; 32], VerifyingKey>>,
}

impl KeyCache {
    /// Checks one statement's signature, with its signer's key from the cache when there.
    fn verify(&self, signed: &SignedStatement) -> Result<(), SignatureError> {
        let cached =
            self.keys.read().unwrap_or_else(PoisonError::into_inner).get(&signed.signer.0).copied();
        if let Some(key) = cached {
            return signed.verify_signature_with(&key);
        }
        let key = signed.signer_key()?;
        signed.verify_signature_with(&key)?;
        let mut keys = self.keys.write().unwrap_or_else(PoisonError::into_inner);
        if keys.len() >= VERIFYING_KEYS_MAX {
            keys.clear();
        }
        keys.insert(signed.signer.0, key);
        Ok(())
    }

    fn len(&self) -> usize {
        self.keys.read().unwrap_or_else(PoisonError::into_inner).len()
    }
}

/// Why the pool did not start, or stopped.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// The threads could not be started.
    #[error("cannot start the signature verification threads: {0}")]
    Start(String),
    /// The pool dropped the work (it is shutting down).
    #[error("the signature verification threads stopped")]
    Stopped,
}

impl Verifier {
    /// A pool of one thread per core the machine reports (at most [`VERIFY_THREADS_MAX`]).
    pub fn new() -> Result<Verifier, VerifyError> {
        let threads =
            std::thread::available_parallelism().map_or(1, usize::from).min(VERIFY_THREADS_MAX);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|index| format!("passage-verify-{index}"))
            .build()
            .map_err(|error| VerifyError::Start(error.to_string()))?;
        Ok(Verifier { pool, keys: Arc::default() })
    }

    /// Checks every statement's signature, in parallel, and gives the statements back with
    /// one result each, in order. A statement may come with what the caller keeps beside
    /// it (a handler's decoded statement, [`crate::sequencer::Decoded`]).
    pub async fn verify<S>(
        &self,
        statements: Vec<S>,
    ) -> Result<(Vec<S>, Vec<Result<(), SignatureError>>), VerifyError>
    where
        S: Borrow<SignedStatement> + Send + Sync + 'static,
    {
        let (sender, receiver) = oneshot::channel();
        let keys = Arc::clone(&self.keys);
        self.pool.spawn(move || {
            let results: Vec<_> =
                statements.par_iter().map(|signed| keys.verify(signed.borrow())).collect();
            let _ = sender.send((statements, results));
        });
        receiver.await.map_err(|_| VerifyError::Stopped)
    }

    /// How many decoded signer keys the pool keeps now.
    pub fn cached_key_count(&self) -> usize {
        self.keys.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use passage_core::statement::{Recorded, Statement};
    use passage_core::{SignedStatement, Timestamp};

    fn tick(seed: u8, time: u64) -> SignedStatement {
        let key = ed25519_dalek::SigningKey::from_bytes(&[seed; 32]);
        SignedStatement::sign(&key, &Recorded::new(Timestamp(time), Statement::Tick))
            .expect("encodes")
    }

    /// Each outcome as text, in order.
    async fn check(verifier: &Verifier, statements: Vec<SignedStatement>) -> Vec<String> {
        let (_, results) = verifier.verify(statements).await.expect("the pool runs");
        results
            .into_iter()
            .map(|result| match result {
                Ok(()) => "ok".to_owned(),
                Err(SignatureError::Mismatch(_)) => "mismatch".to_owned(),
                Err(SignatureError::BadKey(_)) => "bad key".to_owned(),
            })
            .collect()
    }

    #[tokio::test]
    async fn a_kept_key_gives_the_same_verdicts() {
        let verifier = Verifier::new().expect("pool");
        let mut forged = tick(1, 3);
        forged.signature[5] ^= 1;
        // An unknown point: y = 2 is not on the curve.
        let mut bad_key = tick(1, 4);
        bad_key.signer.0 = [0; 32];
        bad_key.signer.0[0] = 2;
        assert_eq!(check(&verifier, vec![tick(1, 1)]).await, ["ok"]);
        assert_eq!(verifier.cached_key_count(), 1);
        // Now from the cache: the same signer's other statements, good and forged.
        assert_eq!(
            check(&verifier, vec![tick(1, 2), forged, bad_key, tick(2, 1)]).await,
            ["ok", "mismatch", "bad key", "ok"]
        );
        assert_eq!(verifier.cached_key_count(), 2);
    }

    #[tokio::test]
    async fn a_key_whose_signature_fails_is_not_kept() {
        let verifier = Verifier::new().expect("pool");
        let mut forged = tick(3, 1);
        forged.signature[0] ^= 1;
        assert_eq!(check(&verifier, vec![forged]).await, ["mismatch"]);
        assert_eq!(verifier.cached_key_count(), 0);
    }

    #[test]
    fn the_cache_stays_bounded() {
        let cache = KeyCache::default();
        let signed = tick(4, 1);
        let key = signed.signer_key().expect("a valid key");
        {
            let mut keys = cache.keys.write().expect("unpoisoned");
            for number in 0..VERIFYING_KEYS_MAX as u32 {
                let mut bytes = [0; 32];
                bytes[..4].copy_from_slice(&number.to_le_bytes());
                keys.insert(bytes, key);
            }
        }
        assert_eq!(cache.verify(&signed), Ok(()));
        assert_eq!(cache.len(), 1);
    }
}
