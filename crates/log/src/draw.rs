//! The witness's draw request: a log asks a party's witness for its VRF proof over the tree
//! that ends with an arrival, and the witness's pure decision whether to give it.
//!
//! A witness evaluates its VRF for a tree (size, root) only if that tree is a prefix of the
//! latest checkpoint it cosigned for the log, shown by a consistency proof. So whoever
//! learns an output learns it after the witness vouched for a tree that holds the arrival,
//! when the arrival can no longer be reordered, withdrawn or ground against other
//! candidates; and since the VRF is deterministic, asking again gives the same answer.
//!
//! The body of `POST <prefix>/draw`, in the style of `add-checkpoint`:
//!
//! ```text
//! origin <the log's origin>
//! size <the tree's size, decimal>
//! root <the tree's root, base64>
//! latest <the size of the latest checkpoint the witness cosigned, decimal>
//! <consistency proof from size to latest, one base64 hash a line, 0 to 63 lines>
//! ```
//!
//! A witness whose latest cosigned size is not `latest` answers 409 with its size (as
//! `add-checkpoint` does), so the log retries with a proof to it. The answer is the 80-byte
//! proof in base64 on one line. The VRF input is [`draw_vrf_input`]: the same bytes the
//! core's draw checks the proof against.

use crate::hash::{Hash, HashParseError};
use crate::proof::verify_consistency;
use crate::witness::WITNESS_PROOF_LINES_MAX;

/// The context string before a draw's size and root in the VRF input.
pub const DRAW_VRF_INPUT_CONTEXT: &[u8] = b"passage draw v1\n";
/// Bytes in a draw's VRF input.
pub const DRAW_VRF_INPUT_BYTES: usize = DRAW_VRF_INPUT_CONTEXT.len() + 8 + 32;
/// Largest draw request body: an origin line (at most 1,024 bytes), three short lines and
/// 63 proof lines of 45 bytes.
pub const DRAW_REQUEST_BYTES_MAX: usize = 1_100 + 3 * 40 + WITNESS_PROOF_LINES_MAX * 45;
/// Most bytes in the origin.
pub const DRAW_ORIGIN_BYTES_MAX: usize = 1_024;

/// The VRF input for the tree of `size` entries with `root`: [`DRAW_VRF_INPUT_CONTEXT`], the
/// size as a big-endian `u64`, the root.
pub fn draw_vrf_input(size: u64, root: &Hash) -> [u8; DRAW_VRF_INPUT_BYTES] {
    let mut input = [0u8; DRAW_VRF_INPUT_BYTES];
    let context = DRAW_VRF_INPUT_CONTEXT.len();
    input[..context].copy_from_slice(DRAW_VRF_INPUT_CONTEXT);
    input[context..context + 8].copy_from_slice(&size.to_be_bytes());
    input[context + 8..].copy_from_slice(&root.0);
    input
}

/// A log's request for a witness's draw proof.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrawRequest {
    /// The log's origin.
    pub origin: String,
    /// The tree's size (at least 1).
    pub size: u64,
    /// The tree's root.
    pub root: Hash,
    /// The size of the latest checkpoint the log believes the witness cosigned.
    pub latest_size: u64,
    /// Consistency proof from `size` to `latest_size`.
    pub proof: Vec<Hash>,
}

/// Why a draw request body could not be read (HTTP 400).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawRequestError {
    /// The body is larger than [`DRAW_REQUEST_BYTES_MAX`].
    #[error("a draw request is at most {DRAW_REQUEST_BYTES_MAX} bytes")]
    TooLarge,
    /// Not UTF-8.
    #[error("a draw request is UTF-8 text")]
    NotUtf8,
    /// A header line is missing or malformed.
    #[error("line {line} is `{expected}`")]
    Line {
        /// The line number, from 1.
        line: usize,
        /// What it should be.
        expected: &'static str,
    },
    /// The root or a proof line is not a base64 hash.
    #[error("line {line}: {error}")]
    Hash {
        /// The line number, from 1.
        line: usize,
        /// What is wrong.
        error: HashParseError,
    },
    /// More than 63 proof lines.
    #[error("at most {WITNESS_PROOF_LINES_MAX} proof lines")]
    ProofTooLong,
}

/// Why a witness refuses a draw request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawRefusal {
    /// The witness has cosigned no checkpoint of the log that holds the tree (409 with the
    /// latest size, so the log has one cosigned first or sends a proof to it).
    #[error(
        "this witness last cosigned size {latest_size}, not {claimed}, and holds no tree of size {size} yet"
    )]
    NotCosigned {
        /// The tree's size.
        size: u64,
        /// The size the request claims.
        claimed: u64,
        /// The size this witness last cosigned (0 if never).
        latest_size: u64,
    },
    /// The request's latest size is not the witness's (409 with the latest size).
    #[error("this witness last cosigned size {latest_size}, not {claimed}")]
    Conflict {
        /// The size the request claims.
        claimed: u64,
        /// The size this witness last cosigned.
        latest_size: u64,
    },
    /// The tree is not a prefix of the cosigned checkpoint (422).
    #[error("the tree of size {size} is not a prefix of the checkpoint this witness cosigned")]
    Inconsistent {
        /// The tree's size.
        size: u64,
    },
}

impl DrawRefusal {
    /// The HTTP status the witness answers with.
    pub fn http_status(&self) -> u16 {
        match self {
            DrawRefusal::NotCosigned { .. } | DrawRefusal::Conflict { .. } => 409,
            DrawRefusal::Inconsistent { .. } => 422,
        }
    }

    /// The size to put in a 409 body.
    pub fn latest_size(&self) -> Option<u64> {
        match self {
            DrawRefusal::NotCosigned { latest_size, .. }
            | DrawRefusal::Conflict { latest_size, .. } => Some(*latest_size),
            DrawRefusal::Inconsistent { .. } => None,
        }
    }
}

fn decimal(text: &str) -> Option<u64> {
    let canonical = !text.is_empty()
        && text.bytes().all(|byte| byte.is_ascii_digit())
        && (text.len() == 1 || !text.starts_with('0'));
    canonical.then(|| text.parse().ok()).flatten()
}

impl DrawRequest {
    /// Reads a request body.
    pub fn parse(body: &[u8]) -> Result<DrawRequest, DrawRequestError> {
        if body.len() > DRAW_REQUEST_BYTES_MAX {
            return Err(DrawRequestError::TooLarge);
        }
        let text = std::str::from_utf8(body).map_err(|_| DrawRequestError::NotUtf8)?;
        let text = text.strip_suffix('\n').unwrap_or(text);
        let mut lines = text.split('\n');
        let mut header = |line: usize, prefix: &str, expected: &'static str| {
            lines
                .next()
                .and_then(|text| text.strip_prefix(prefix))
                .ok_or(DrawRequestError::Line { line, expected })
        };
        let origin = header(1, "origin ", "origin <origin>")?;
        if origin.is_empty() || origin.len() > DRAW_ORIGIN_BYTES_MAX || origin.contains(' ') {
            return Err(DrawRequestError::Line { line: 1, expected: "origin <origin>" });
        }
        let origin = origin.to_owned();
        let size = decimal(header(2, "size ", "size <n>")?)
            .filter(|size| *size > 0)
            .ok_or(DrawRequestError::Line { line: 2, expected: "size <n>, n at least 1" })?;
        let root = Hash::from_base64(header(3, "root ", "root <base64>")?)
            .map_err(|error| DrawRequestError::Hash { line: 3, error })?;
        let latest_size = decimal(header(4, "latest ", "latest <n>")?)
            .ok_or(DrawRequestError::Line { line: 4, expected: "latest <n>" })?;
        let mut proof = Vec::new();
        for line in lines {
            if proof.len() == WITNESS_PROOF_LINES_MAX {
                return Err(DrawRequestError::ProofTooLong);
            }
            let hash = Hash::from_base64(line)
                .map_err(|error| DrawRequestError::Hash { line: proof.len() + 5, error })?;
            proof.push(hash);
        }
        Ok(DrawRequest { origin, size, root, latest_size, proof })
    }

    /// The request body.
    pub fn to_text(&self) -> String {
        let mut text = format!(
            "origin {}\nsize {}\nroot {}\nlatest {}\n",
            self.origin,
            self.size,
            self.root.to_base64(),
            self.latest_size
        );
        for hash in &self.proof {
            text.push_str(&hash.to_base64());
            text.push('\n');
        }
        text
    }
}

/// Decides a draw request. `latest` is the size and root of the checkpoint this witness last
/// cosigned for the origin (`None` if never). On success the caller proves with its VRF key
/// on [`draw_vrf_input`] of the request's size and root.
pub fn check_draw_request(
    request: &DrawRequest,
    latest: Option<(u64, Hash)>,
) -> Result<(), DrawRefusal> {
    let (latest_size, latest_root) = latest.unwrap_or((0, crate::hash::EMPTY_ROOT));
    if request.size > latest_size {
        return Err(DrawRefusal::NotCosigned {
            size: request.size,
            claimed: request.latest_size,
            latest_size,
        });
    }
    if request.latest_size != latest_size {
        return Err(DrawRefusal::Conflict { claimed: request.latest_size, latest_size });
    }
    verify_consistency(request.size, latest_size, &request.root, &latest_root, &request.proof)
        .map_err(|_| DrawRefusal::Inconsistent { size: request.size })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Appender;
    use crate::hash::{leaf_hash, root_of};
    use crate::proof::{MemoryTiles, prove_consistency};

    fn tree(count: u64) -> (MemoryTiles, Vec<Hash>) {
        let mut appender = Appender::new();
        let mut tiles = MemoryTiles::new();
        let mut leaves = Vec::new();
        for index in 0..count {
            let entry = index.to_be_bytes();
            appender.append(&entry).expect("appends");
            leaves.push(leaf_hash(&entry));
        }
        tiles.apply(&appender.take_changes());
        (tiles, leaves)
    }

    /// Each case: the request's size, the root it names (the true one or another), the
    /// latest size it claims, and the witness's latest size; the verdict.
    #[test]
    fn a_witness_draws_only_on_a_prefix_of_what_it_cosigned() {
        let (tiles, leaves) = tree(20);
        let root = |size: u64| root_of(&leaves[..size as usize]);
        let check = |size: u64, true_root: bool, claimed: u64, latest: u64| -> String {
            let named_root = if true_root { root(size) } else { root(size - 1) };
            let proof = if size <= claimed && claimed <= 20 {
                prove_consistency(&tiles, size, claimed).expect("proves")
            } else {
                vec![]
            };
            let request = DrawRequest {
                origin: "example.com/log".into(),
                size,
                root: named_root,
                latest_size: claimed,
                proof,
            };
            let parsed = DrawRequest::parse(request.to_text().as_bytes()).expect("parses");
            assert_eq!(parsed, request);
            match check_draw_request(&request, Some((latest, root(latest)))) {
                Ok(()) => "draws".into(),
                Err(refusal) => format!("{} {refusal}", refusal.http_status()),
            }
        };
        assert_eq!(check(5, true, 12, 12), "draws");
        assert_eq!(check(12, true, 12, 12), "draws");
        assert_eq!(
            check(5, false, 12, 12),
            "422 the tree of size 5 is not a prefix of the checkpoint this witness cosigned"
        );
        assert_eq!(check(5, true, 9, 12), "409 this witness last cosigned size 12, not 9");
        assert_eq!(
            check(13, true, 13, 12),
            "409 this witness last cosigned size 12, not 13, and holds no tree of size 13 yet"
        );
    }

    #[test]
    fn malformed_requests_are_refused_with_the_line_at_fault() {
        let parse = |text: &str| match DrawRequest::parse(text.as_bytes()) {
            Ok(_) => "ok".to_owned(),
            Err(error) => error.to_string(),
        };
        let root = Hash([1; 32]).to_base64();
        assert_eq!(parse(&format!("origin o\nsize 1\nroot {root}\nlatest 1\n")), "ok");
        assert_eq!(parse("size 1\n"), "line 1 is `origin <origin>`");
        assert_eq!(
            parse(&format!("origin o\nsize 0\nroot {root}\nlatest 1\n")),
            "line 2 is `size <n>, n at least 1`"
        );
        assert_eq!(
            parse(&format!("origin o\nsize 01\nroot {root}\nlatest 1\n")),
            "line 2 is `size <n>, n at least 1`"
        );
        assert_eq!(parse(&format!("origin o\nsize 1\nroot {root}\n")), "line 4 is `latest <n>`");
        assert!(parse("origin o\nsize 1\nroot x\nlatest 1\n").starts_with("line 3: "));
        assert_eq!(
            parse(&"x".repeat(DRAW_REQUEST_BYTES_MAX + 1)),
            format!("a draw request is at most {DRAW_REQUEST_BYTES_MAX} bytes")
        );
    }
}
