//! The log's side of c2sp.org/tlog-witness: send a signed checkpoint to every witness a
//! [`Policy`] names, in parallel, with timeouts and bounded retries; answer a 409 by proving
//! consistency from the size the witness reports; collect the cosignatures that verify and
//! say whether the policy's quorum is met.
//!
//! A witness that is down or slow costs at most its timeout times its attempts, and only
//! delays publication of this checkpoint: the caller decides what to do with a checkpoint
//! whose quorum is not met (publish it later, with the next checkpoint).

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;

use passage_log::{
    AddCheckpointRequest, Checkpoint, Hash, Policy, PolicyVerifyError, PolicyWitness, TileReader,
    prove_consistency,
};

/// Where the client's consistency proofs come from: tiles in memory or a folder
/// ([`SyncTiles`]), or a store read asynchronously (the node's publisher).
pub trait ConsistencyProofs: Sync {
    /// The consistency proof from `old_size` to `new_size`, or why there is none.
    fn prove(
        &self,
        old_size: u64,
        new_size: u64,
    ) -> impl Future<Output = Result<Vec<Hash>, String>> + Send;
}

/// Proofs from a [`TileReader`] that answers without waiting.
pub struct SyncTiles<'a, R>(pub &'a R);

impl<R: TileReader + Sync> ConsistencyProofs for SyncTiles<'_, R> {
    fn prove(
        &self,
        old_size: u64,
        new_size: u64,
    ) -> impl Future<Output = Result<Vec<Hash>, String>> + Send {
        let proof = prove_consistency(self.0, old_size, new_size).map_err(|e| e.to_string());
        std::future::ready(proof)
    }
}

/// Largest witness response we read: a few cosignature lines.
pub const WITNESS_RESPONSE_BYTES_MAX: usize = 64 * 1024;
/// Most 409 rounds per witness per checkpoint: one is enough for an honest witness.
pub const CONFLICT_ROUNDS_MAX: u32 = 2;
/// Most attempts per witness per checkpoint after network errors or 5xx.
pub const ATTEMPTS_MAX: u32 = 10;

/// How the client talks to witnesses.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// Timeout of one request.
    pub request_timeout: Duration,
    /// Attempts per witness after network errors or 5xx (at most [`ATTEMPTS_MAX`]).
    pub attempts: u32,
    /// Wait before the first retry; doubled for each further one.
    pub retry_delay: Duration,
}

impl Default for ClientConfig {
    fn default() -> ClientConfig {
        ClientConfig {
            request_timeout: Duration::from_secs(5),
            attempts: 3,
            retry_delay: Duration::from_millis(100),
        }
    }
}

/// What happened with one witness.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WitnessOutcome {
    /// It cosigned; the verified cosignature line.
    Cosigned(String),
    /// It refused with this status and body.
    Refused {
        /// HTTP status.
        status: u16,
        /// The body's first line.
        reason: String,
    },
    /// It could not be reached, or answered nonsense, after all attempts.
    Unreachable(String),
    /// The policy gives it no URL.
    NoUrl,
}

/// The result of [`WitnessClient::cosign`].
#[derive(Clone, Debug)]
pub struct CosignReport {
    /// The checkpoint note with every verified cosignature appended.
    pub note: String,
    /// Per witness of the policy, in policy order: its name and outcome.
    pub witnesses: Vec<(String, WitnessOutcome)>,
    /// Whether the note satisfies the policy (log signature and quorum).
    pub quorum: Result<(), PolicyVerifyError>,
}

/// Why cosigning could not start.
#[derive(Debug, thiserror::Error)]
pub enum CosignError {
    /// The note does not carry a checkpoint signed by a log of the policy.
    #[error("the checkpoint does not verify under the policy: {0}")]
    Checkpoint(PolicyVerifyError),
    /// The HTTP client could not be built.
    #[error("building the HTTP client: {0}")]
    Client(reqwest::Error),
}

/// A witness client. It remembers, per witness name, the size that witness last cosigned,
/// so the next request carries the right `old` line and needs no 409 round.
pub struct WitnessClient {
    http: reqwest::Client,
    config: ClientConfig,
    known_sizes: Mutex<HashMap<String, u64>>,
}

impl WitnessClient {
    /// A client with its own connection pool (kept alive between checkpoints).
    pub fn new(config: ClientConfig) -> Result<WitnessClient, CosignError> {
        let http = reqwest::Client::builder()
            .timeout(config.request_timeout)
            .build()
            .map_err(CosignError::Client)?;
        Ok(WitnessClient { http, config, known_sizes: Mutex::new(HashMap::new()) })
    }

    /// Sends `note` (a checkpoint signed by a log of `policy`) to every witness of the policy
    /// that has a URL, in parallel; proofs come from `tiles`, which must hold the tree at the
    /// checkpoint's size.
    pub async fn cosign<R: TileReader + Sync>(
        &self,
        policy: &Policy,
        note: &str,
        tiles: &R,
    ) -> Result<CosignReport, CosignError> {
        self.cosign_with(policy, note, &SyncTiles(tiles)).await
    }

    /// As [`WitnessClient::cosign`], with proofs from any [`ConsistencyProofs`].
    pub async fn cosign_with<P: ConsistencyProofs>(
        &self,
        policy: &Policy,
        note: &str,
        proofs: &P,
    ) -> Result<CosignReport, CosignError> {
        let checkpoint = match policy.verify_checkpoint(note.as_bytes()) {
            Ok(signed) => signed.checkpoint,
            Err(PolicyVerifyError::QuorumNotMet) => checkpoint_text(note)?,
            Err(error) => return Err(CosignError::Checkpoint(error)),
        };
        let outcomes = futures_util::future::join_all(
            policy.witnesses().iter().map(|witness| self.ask(witness, note, &checkpoint, proofs)),
        )
        .await;
        let mut cosigned = note.to_owned();
        let mut witnesses = Vec::new();
        for (witness, outcome) in policy.witnesses().iter().zip(outcomes) {
            if let WitnessOutcome::Cosigned(line) = &outcome {
                cosigned.push_str(line);
            }
            witnesses.push((witness.name.clone(), outcome));
        }
        let quorum = policy.verify_checkpoint(cosigned.as_bytes()).map(|_| ());
        Ok(CosignReport { note: cosigned, witnesses, quorum })
    }

    async fn ask<P: ConsistencyProofs>(
        &self,
        witness: &PolicyWitness,
        note: &str,
        checkpoint: &Checkpoint,
        proofs: &P,
    ) -> WitnessOutcome {
        let Some(url) = &witness.url else { return WitnessOutcome::NoUrl };
        let url = format!("{}/add-checkpoint", url.trim_end_matches('/'));
        let mut old_size = self
            .known_sizes
            .lock()
            .ok()
            .and_then(|sizes| sizes.get(&witness.name).copied())
            .unwrap_or(0)
            .min(checkpoint.size);
        let mut conflicts = 0;
        let mut attempt = 0;
        let mut delay = self.config.retry_delay;
        loop {
            let proof = match proofs.prove(old_size, checkpoint.size).await {
                Ok(proof) => proof,
                Err(error) => {
                    return WitnessOutcome::Unreachable(format!(
                        "cannot prove consistency from {old_size}: {error}"
                    ));
                }
            };
            let body =
                AddCheckpointRequest { old_size, proof, checkpoint: note.to_owned() }.to_text();
            let result = self.post(&url, body).await;
            let retry = match result {
                Ok((200, text)) => return self.accept(witness, note, checkpoint, &text),
                Ok((409, text)) => match text.strip_suffix('\n').and_then(|s| s.parse().ok()) {
                    Some(size) if conflicts < CONFLICT_ROUNDS_MAX && size <= checkpoint.size => {
                        conflicts += 1;
                        old_size = size;
                        continue;
                    }
                    _ => {
                        return WitnessOutcome::Refused {
                            status: 409,
                            reason: format!("it last cosigned size {}", text.trim_end()),
                        };
                    }
                },
                Ok((status, text)) if status < 500 => {
                    return WitnessOutcome::Refused {
                        status,
                        reason: text.lines().next().unwrap_or("").to_owned(),
                    };
                }
                Ok((status, _)) => format!("status {status}"),
                Err(error) => error,
            };
            attempt += 1;
            if attempt >= self.config.attempts.clamp(1, ATTEMPTS_MAX) {
                tracing::warn!(witness = witness.name, error = retry, "witness unreachable");
                return WitnessOutcome::Unreachable(retry);
            }
            // A retry delay, not synchronization: the witness may be restarting.
            tokio::time::sleep(delay).await;
            delay = delay.saturating_mul(2);
        }
    }

    async fn post(&self, url: &str, body: String) -> Result<(u16, String), String> {
        let response = self.http.post(url).body(body).send().await.map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let bytes = passage_peer::read_body(response, WITNESS_RESPONSE_BYTES_MAX)
            .await
            .map_err(|error| error.to_string())?;
        Ok((status, String::from_utf8_lossy(&bytes).into_owned()))
    }

    /// Keeps the response's cosignature lines that verify under the witness's key.
    fn accept(
        &self,
        witness: &PolicyWitness,
        note: &str,
        checkpoint: &Checkpoint,
        text: &str,
    ) -> WitnessOutcome {
        let mut accepted = String::new();
        for line in text.split_inclusive('\n') {
            if !line.starts_with("— ") || !line.ends_with('\n') {
                continue;
            }
            // A line verifies if the note with only this line added opens with the witness
            // key and shows its cosignature.
            let candidate = format!("{note}{line}");
            let opened =
                passage_log::open_note(candidate.as_bytes(), std::slice::from_ref(&witness.key));
            if opened.is_ok_and(|opened| !opened.verified.is_empty()) {
                accepted.push_str(line);
            }
        }
        if accepted.is_empty() {
            return WitnessOutcome::Unreachable(
                "the witness answered 200 without a valid cosignature".into(),
            );
        }
        if let Ok(mut sizes) = self.known_sizes.lock() {
            sizes.insert(witness.name.clone(), checkpoint.size);
        }
        WitnessOutcome::Cosigned(accepted)
    }
}

/// What a witness answered to a draw request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DrawOutcome {
    /// Its VRF proof (80 bytes; the caller checks it against the party's key).
    Proof([u8; 80]),
    /// It refused with this status and body.
    Refused {
        /// HTTP status.
        status: u16,
        /// The body's first line.
        reason: String,
    },
    /// It could not be reached, or answered nonsense, after all attempts.
    Unreachable(String),
}

impl WitnessClient {
    /// Asks the witness at `url` for its VRF proof over the tree of `size` entries with `root`
    /// in the log `origin`. The proof of consistency goes from `size` to the size this
    /// witness last cosigned (which the client remembers from cosigning, or learns from a
    /// 409). The proof returned is not verified here: only the caller knows the party's key.
    pub async fn draw<P: ConsistencyProofs>(
        &self,
        name: &str,
        url: &str,
        origin: &str,
        size: u64,
        root: Hash,
        proofs: &P,
    ) -> DrawOutcome {
        let url = format!("{}/draw", url.trim_end_matches('/'));
        let mut latest_size =
            self.known_sizes.lock().ok().and_then(|sizes| sizes.get(name).copied()).unwrap_or(size);
        let mut conflicts = 0;
        let mut attempt = 0;
        let mut delay = self.config.retry_delay;
        loop {
            let proof = if latest_size < size {
                Vec::new()
            } else {
                match proofs.prove(size, latest_size).await {
                    Ok(proof) => proof,
                    Err(error) => {
                        return DrawOutcome::Unreachable(format!(
                            "cannot prove consistency from {size} to {latest_size}: {error}"
                        ));
                    }
                }
            };
            let body = passage_log::DrawRequest {
                origin: origin.to_owned(),
                size,
                root,
                latest_size,
                proof,
            }
            .to_text();
            let retry = match self.post(&url, body).await {
                Ok((200, text)) => {
                    use base64::Engine as _;
                    let decoded = base64::engine::general_purpose::STANDARD
                        .decode(text.trim_end().as_bytes())
                        .ok()
                        .and_then(|bytes| <[u8; 80]>::try_from(bytes).ok());
                    return match decoded {
                        Some(proof) => DrawOutcome::Proof(proof),
                        None => DrawOutcome::Unreachable(
                            "the witness answered 200 without an 80-byte proof".into(),
                        ),
                    };
                }
                Ok((409, text)) => match text.strip_suffix('\n').and_then(|s| s.parse().ok()) {
                    Some(latest) if conflicts < CONFLICT_ROUNDS_MAX && latest >= size => {
                        conflicts += 1;
                        latest_size = latest;
                        continue;
                    }
                    _ => {
                        return DrawOutcome::Refused {
                            status: 409,
                            reason: format!("it last cosigned size {}", text.trim_end()),
                        };
                    }
                },
                Ok((status, text)) if status < 500 => {
                    return DrawOutcome::Refused {
                        status,
                        reason: text.lines().next().unwrap_or("").to_owned(),
                    };
                }
                Ok((status, _)) => format!("status {status}"),
                Err(error) => error,
            };
            attempt += 1;
            if attempt >= self.config.attempts.clamp(1, ATTEMPTS_MAX) {
                return DrawOutcome::Unreachable(retry);
            }
            // A retry delay, not synchronization: the witness may be restarting.
            tokio::time::sleep(delay).await;
            delay = delay.saturating_mul(2);
        }
    }
}

/// The checkpoint of a note whose log signature verified but whose quorum is not met yet.
fn checkpoint_text(note: &str) -> Result<Checkpoint, CosignError> {
    let text = note.split_once("\n\n").map(|(text, _)| format!("{text}\n")).unwrap_or_default();
    Checkpoint::parse(text.as_bytes())
        .map_err(|error| CosignError::Checkpoint(PolicyVerifyError::Checkpoint(error)))
}
