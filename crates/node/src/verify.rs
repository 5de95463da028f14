//! Signature checks of submitted statements on a pool of one thread per core, off the async
//! threads that serve requests and run the sequencer, so a batch request's signatures are
//! checked side by side and a large batch does not hold up other requests' answers.
//!
//! The signatures of a request's statements are checked together, in one chunk per thread
//! ([`passage_core::verify_signatures`]): a random linear combination of them, under the
//! log's cofactored rule ([`passage_core::SignerKey`]), by which a batch is accepted exactly
//! when each of its signatures is, so the verdicts are the ones an auditor checking one
//! at a time reaches. Together they cost about half as much per signature as one by one
//! (see BENCHMARKS.md); a chunk holding a bad signature is checked again one by one to tell
//! which, so a forger's batch costs its sender's node about one and a half times the
//! one-by-one price, not more.
//!
//! Decoding a signer's key (a point decompression) is 10 to 15 % of a verification, and a
//! corridor's statements come from a few hundred enrolled officers and carriers, so the
//! pool keeps the keys it decoded, by their 32 bytes: at most [`VERIFYING_KEYS_MAX`], and
//! only keys whose signature verified.

use passage_core::signed::SignatureError;
use passage_core::{SignedStatement, SignerKey};
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
    threads: usize,
    keys: Arc<KeyCache>,
}

/// Signers' keys already decoded, by their bytes.
#[derive(Default)]
struct KeyCache {
    keys: RwLock<HashMap<[u8; 32], SignerKey>>,
}

/// Fewest statements a verification thread takes from one request: below this the
/// combination saves little and a thread's start costs more.
const CHUNK_MIN: usize = 16;

impl KeyCache {
    /// Checks statements' signatures together and keeps the keys of those that verified.
    fn verify<S: Borrow<SignedStatement>>(
        &self,
        statements: &[S],
    ) -> Vec<Result<(), SignatureError>> {
        // Keys decoded for this chunk, kept below only for statements that verified.
        let mut decoded = HashMap::new();
        let verdicts = passage_core::verify_signatures(statements, rand::thread_rng(), |signed| {
            if let Some(key) = decoded.get(&signed.signer.0) {
                return Ok(*key);
            }
            let cached = self
                .keys
                .read()
                .unwrap_or_else(PoisonError::into_inner)
                .get(&signed.signer.0)
                .copied();
            if let Some(key) = cached {
                return Ok(key);
            }
            let key = signed.signer_key()?;
            decoded.insert(signed.signer.0, key);
            Ok(key)
        });
        let verified: Vec<_> = statements
            .iter()
            .zip(&verdicts)
            .filter(|(_, verdict)| verdict.is_ok())
            .filter_map(|(signed, _)| decoded.remove(&signed.borrow().signer.0))
            .collect();
        if !verified.is_empty() {
            let mut keys = self.keys.write().unwrap_or_else(PoisonError::into_inner);
            for key in verified {
                if keys.len() >= VERIFYING_KEYS_MAX {
                    keys.clear();
                }
                keys.insert(key.public_key().0, key);
            }
        }
        verdicts
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
        Ok(Verifier { pool, threads, keys: Arc::default() })
    }

    /// Checks every statement's signature, in chunks side by side, and gives the statements back with
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
        let chunk = statements.len().div_ceil(self.threads).max(CHUNK_MIN);
        self.pool.spawn(move || {
            let results: Vec<_> =
                statements.par_chunks(chunk).flat_map_iter(|chunk| keys.verify(chunk)).collect();
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
    async fn each_statement_of_a_chunked_request_gets_its_own_verdict() {
        let verifier = Verifier::new().expect("pool");
        let forged = [0, 49, 50, 51, 99];
        let mut statements: Vec<_> = (0..100).map(|time| tick(time as u8 % 5, time)).collect();
        for index in forged {
            statements[index].signature[40] ^= 1;
        }
        let expected: Vec<_> =
            (0..100).map(|index| if forged.contains(&index) { "mismatch" } else { "ok" }).collect();
        assert_eq!(check(&verifier, statements).await, expected);
        assert_eq!(verifier.cached_key_count(), 5);
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
        assert_eq!(cache.verify(&[signed]), [Ok(())]);
        assert_eq!(cache.len(), 1);
    }
}
