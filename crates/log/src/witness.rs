//! c2sp.org/tlog-witness: the `add-checkpoint` request body and the witness's pure decision
//! (accept, or refuse with the status the spec names). Keeping state, HTTP and the clock is
//! the caller's job: it looks up the log key by [`AddCheckpointRequest::origin`], passes the
//! latest checkpoint it cosigned for that origin, and on success stores the new one (atomically
//! with the old-size check) before cosigning.

use crate::checkpoint::{Checkpoint, CheckpointError, open_checkpoint};
use crate::hash::{EMPTY_ROOT, Hash, HashParseError};
use crate::note::{NOTE_BYTES_MAX, VerifierKey};
use crate::proof::verify_consistency;

/// Most consistency proof lines a request may carry (tlog-witness: 63, enough for 2^62 entries).
pub const WITNESS_PROOF_LINES_MAX: usize = 63;
/// Largest request body we read: the note plus 63 proof lines and the `old` line.
pub const WITNESS_REQUEST_BYTES_MAX: usize = NOTE_BYTES_MAX + 64 * 64;

/// The body of `POST <submission prefix>/add-checkpoint`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddCheckpointRequest {
    /// The size of the checkpoint the log believes this witness cosigned last (0 if none).
    pub old_size: u64,
    /// Consistency proof from `old_size` to the checkpoint's size.
    pub proof: Vec<Hash>,
    /// The signed checkpoint note, verbatim.
    pub checkpoint: String,
}

/// Why a request body could not be read (HTTP 400).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WitnessRequestError {
    /// The body is larger than [`WITNESS_REQUEST_BYTES_MAX`].
    #[error("a request is at most {WITNESS_REQUEST_BYTES_MAX} bytes")]
    TooLarge,
    /// Not UTF-8.
    #[error("a request is UTF-8 text")]
    NotUtf8,
    /// The first line is not `old <n>` in decimal without leading zeros.
    #[error("the first line is `old <n>`, n in decimal without leading zeros")]
    OldLine,
    /// A proof line is not a base64 hash.
    #[error("proof line {line}: {error}")]
    ProofHash {
        /// Position of the hash in the proof.
        line: usize,
        /// What is wrong.
        error: HashParseError,
    },
    /// More than 63 proof lines.
    #[error("at most {WITNESS_PROOF_LINES_MAX} proof lines")]
    ProofTooLong,
    /// No empty line before the checkpoint.
    #[error("the proof is followed by an empty line and the checkpoint")]
    NoCheckpoint,
    /// The checkpoint text cannot be read.
    #[error("checkpoint: {0}")]
    Checkpoint(CheckpointError),
}

/// Why a witness refuses a checkpoint, with the status tlog-witness assigns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WitnessRefusal {
    /// The log key did not sign the checkpoint, or a signature failed (403).
    #[error("the checkpoint is not validly signed by the log: {0}")]
    Signature(CheckpointError),
    /// `old` is larger than the checkpoint's size (400).
    #[error("old size {old_size} is larger than the checkpoint's size {size}")]
    OldAfterNew {
        /// The request's old size.
        old_size: u64,
        /// The checkpoint's size.
        size: u64,
    },
    /// `old` is not the size this witness last cosigned (409; the body is `<latest_size>\n`).
    #[error("this witness last cosigned size {latest_size}, not {old_size}")]
    Conflict {
        /// The request's old size.
        old_size: u64,
        /// The size the witness last cosigned (0 if never).
        latest_size: u64,
    },
    /// The checkpoint is not consistent with what the witness cosigned before (422).
    #[error("the checkpoint is not consistent with the last cosigned one")]
    Inconsistent,
}

impl WitnessRefusal {
    /// The HTTP status c2sp.org/tlog-witness gives this refusal.
    pub fn http_status(&self) -> u16 {
        match self {
            WitnessRefusal::Signature(_) => 403,
            WitnessRefusal::OldAfterNew { .. } => 400,
            WitnessRefusal::Conflict { .. } => 409,
            WitnessRefusal::Inconsistent => 422,
        }
    }
}

impl AddCheckpointRequest {
    /// Reads a request body.
    pub fn parse(body: &[u8]) -> Result<AddCheckpointRequest, WitnessRequestError> {
        if body.len() > WITNESS_REQUEST_BYTES_MAX {
            return Err(WitnessRequestError::TooLarge);
        }
        let text = std::str::from_utf8(body).map_err(|_| WitnessRequestError::NotUtf8)?;
        let (first, mut rest) = text.split_once('\n').ok_or(WitnessRequestError::OldLine)?;
        let old_text = first.strip_prefix("old ").ok_or(WitnessRequestError::OldLine)?;
        if old_text.is_empty()
            || !old_text.bytes().all(|byte| byte.is_ascii_digit())
            || (old_text.len() > 1 && old_text.starts_with('0'))
        {
            return Err(WitnessRequestError::OldLine);
        }
        let old_size = old_text.parse().map_err(|_| WitnessRequestError::OldLine)?;
        let mut proof = Vec::new();
        loop {
            let (line, after) = rest.split_once('\n').ok_or(WitnessRequestError::NoCheckpoint)?;
            rest = after;
            if line.is_empty() {
                break;
            }
            if proof.len() == WITNESS_PROOF_LINES_MAX {
                return Err(WitnessRequestError::ProofTooLong);
            }
            let hash = Hash::from_base64(line)
                .map_err(|error| WitnessRequestError::ProofHash { line: proof.len() + 1, error })?;
            proof.push(hash);
        }
        Ok(AddCheckpointRequest { old_size, proof, checkpoint: rest.to_owned() })
    }

    /// The request body.
    pub fn to_text(&self) -> String {
        let mut text = format!("old {}\n", self.old_size);
        for hash in &self.proof {
            text.push_str(&hash.to_base64());
            text.push('\n');
        }
        text.push('\n');
        text.push_str(&self.checkpoint);
        text
    }

    /// The checkpoint's origin, read without checking signatures: which log key to use
    /// (an origin the witness does not know is refused with 404 by the caller).
    pub fn origin(&self) -> Result<String, WitnessRequestError> {
        let text = match self.checkpoint.split_once("\n\n") {
            Some((text, _)) => format!("{text}\n"),
            None => return Err(WitnessRequestError::NoCheckpoint),
        };
        Checkpoint::parse(text.as_bytes())
            .map(|checkpoint| checkpoint.origin)
            .map_err(WitnessRequestError::Checkpoint)
    }
}

/// Decides an `add-checkpoint` request. `latest` is the size and root of the checkpoint this
/// witness last cosigned for the origin (`None` if never). On success the caller stores the
/// returned checkpoint as the new latest (compare-and-swap on the old size) and cosigns it.
pub fn check_add_checkpoint(
    request: &AddCheckpointRequest,
    log_key: &VerifierKey,
    latest: Option<(u64, Hash)>,
) -> Result<Checkpoint, WitnessRefusal> {
    let checkpoint = open_checkpoint(request.checkpoint.as_bytes(), log_key, &[])
        .map_err(WitnessRefusal::Signature)?
        .checkpoint;
    let (latest_size, latest_root) = latest.unwrap_or((0, EMPTY_ROOT));
    if request.old_size > checkpoint.size {
        return Err(WitnessRefusal::OldAfterNew {
            old_size: request.old_size,
            size: checkpoint.size,
        });
    }
    if request.old_size != latest_size {
        return Err(WitnessRefusal::Conflict { old_size: request.old_size, latest_size });
    }
    if checkpoint.size == 0 && checkpoint.root != EMPTY_ROOT {
        return Err(WitnessRefusal::Inconsistent);
    }
    verify_consistency(
        latest_size,
        checkpoint.size,
        &latest_root,
        &checkpoint.root,
        &request.proof,
    )
    .map_err(|_| WitnessRefusal::Inconsistent)?;
    Ok(checkpoint)
}
