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

use passage_core::SignedStatement;
use passage_core::signed::SignatureError;
use rayon::prelude::*;
use tokio::sync::oneshot;

/// Most verification threads, whatever the machine reports.
pub const VERIFY_THREADS_MAX: usize = 64;

/// The verification pool.
pub struct Verifier {
    pool: rayon::ThreadPool,
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
        Ok(Verifier { pool })
    }

    /// Checks every statement's signature, in parallel, and gives the statements back with
    /// one result each, in order.
    pub async fn verify(
        &self,
        statements: Vec<SignedStatement>,
    ) -> Result<(Vec<SignedStatement>, Vec<Result<(), SignatureError>>), VerifyError> {
        let (sender, receiver) = oneshot::channel();
        self.pool.spawn(move || {
            let results: Vec<_> =
                statements.par_iter().map(SignedStatement::verify_signature).collect();
            let _ = sender.send((statements, results));
        });
        receiver.await.map_err(|_| VerifyError::Stopped)
    }
}
