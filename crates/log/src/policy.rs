//! c2sp.org/tlog-policy: which logs and witnesses to trust, and the quorum of witness groups
//! a checkpoint needs, e.g. "the log signed it and at least k of each named group cosigned".
//!
//! One deviation from the draft: the file must be UTF-8 (the draft allows any octets with the
//! high bit set); vkeys are ASCII and UTF-8 names are what the draft recommends.

use std::collections::HashSet;

use crate::checkpoint::{Checkpoint, CheckpointError, SignedCheckpoint, open_checkpoint};
use crate::note::{KeyError, KeyType, NOTE_BYTES_MAX, NoteError, VerifierKey};

/// Largest policy file we read.
pub const POLICY_BYTES_MAX: usize = 64 * 1024;
/// Most logs, witnesses or groups a policy may define (the draft asks for at least 32 each).
pub const POLICY_ITEMS_MAX: usize = 256;

/// A trust policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    logs: Vec<PolicyLog>,
    witnesses: Vec<PolicyWitness>,
    groups: Vec<PolicyGroup>,
    quorum: Quorum,
}

/// A trusted log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyLog {
    /// Its key; the key name is the log's origin.
    pub key: VerifierKey,
    /// Where to reach it, if given.
    pub url: Option<String>,
}

/// A known witness.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyWitness {
    /// Its name within the policy.
    pub name: String,
    /// Its cosigning key.
    pub key: VerifierKey,
    /// Its submission prefix, if given.
    pub url: Option<String>,
}

/// A group of witnesses or groups, at least `threshold` of which must have cosigned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyGroup {
    /// Its name within the policy.
    pub name: String,
    /// How many members must be satisfied.
    pub threshold: usize,
    members: Vec<Member>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Member {
    Witness(usize),
    Group(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quorum {
    None,
    Member(Member),
}

/// What is wrong with a policy file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyErrorKind {
    /// The file is larger than [`POLICY_BYTES_MAX`].
    #[error("a policy is at most {POLICY_BYTES_MAX} bytes")]
    TooLarge,
    /// The file is not UTF-8.
    #[error("a policy file is UTF-8 text")]
    NotUtf8,
    /// A control character other than tab and newline.
    #[error("only tab and newline are allowed as control characters")]
    ControlCharacter,
    /// The first word is not `log`, `witness`, `group` or `quorum`.
    #[error("unknown keyword `{0}` (expected log, witness, group or quorum)")]
    UnknownKeyword(String),
    /// Wrong number of items on the line.
    #[error("wrong number of items; expected {0}")]
    Arguments(&'static str),
    /// A vkey is malformed.
    #[error("bad vkey: {0}")]
    Key(KeyError),
    /// A log key is not of type 0x01 (Ed25519).
    #[error("a log key has signature type 0x01 (Ed25519)")]
    LogKeyType,
    /// A witness key is not of type 0x04 (cosignature/v1).
    #[error("a witness key has signature type 0x04 (cosignature/v1)")]
    WitnessKeyType,
    /// The same public key is listed twice.
    #[error("the same public key is listed twice")]
    DuplicateKey,
    /// A name is defined twice.
    #[error("the name `{0}` is already defined")]
    DuplicateName(String),
    /// `none` names no witness or group.
    #[error("`none` is reserved")]
    ReservedName,
    /// A name is used before it is defined.
    #[error("`{0}` is not defined on an earlier line")]
    UnknownName(String),
    /// A group lists the same member twice.
    #[error("`{0}` is listed twice in the group")]
    DuplicateMember(String),
    /// A threshold is not `all`, `any` or a number from 1 to the number of members.
    #[error("a threshold is all, any or a number from 1 to the number of members")]
    Threshold,
    /// More than one quorum line.
    #[error("a policy has exactly one quorum line")]
    QuorumRepeated,
    /// Too many logs, witnesses or groups.
    #[error("at most {POLICY_ITEMS_MAX} logs, witnesses and groups each")]
    TooMany,
}

/// A policy file error and the line (1-based) where it was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// A line is wrong.
    #[error("policy line {line}: {kind}")]
    Line {
        /// 1-based line number (0 for the whole file).
        line: usize,
        /// What is wrong.
        kind: PolicyErrorKind,
    },
    /// The file has no quorum line.
    #[error("a policy has exactly one quorum line; this one has none")]
    QuorumMissing,
}

/// Why a checkpoint does not satisfy a policy.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyVerifyError {
    /// The note or its checkpoint is malformed, or a signature is bad.
    #[error(transparent)]
    Checkpoint(#[from] CheckpointError),
    /// No log in the policy has this origin.
    #[error("no trusted log has origin `{0}`")]
    UnknownOrigin(String),
    /// The log signed, but too few witnesses cosigned.
    #[error("the witnesses' cosignatures do not meet the policy's quorum")]
    QuorumNotMet,
}

fn line_error(line: usize, kind: PolicyErrorKind) -> PolicyError {
    PolicyError::Line { line, kind }
}

impl Policy {
    /// A policy trusting one log and requiring no cosignatures.
    pub fn single_log(log_key: VerifierKey) -> Policy {
        Policy {
            logs: vec![PolicyLog { key: log_key, url: None }],
            witnesses: Vec::new(),
            groups: Vec::new(),
            quorum: Quorum::None,
        }
    }

    /// Reads a policy file.
    pub fn parse(text: &[u8]) -> Result<Policy, PolicyError> {
        if text.len() > POLICY_BYTES_MAX {
            return Err(line_error(0, PolicyErrorKind::TooLarge));
        }
        if let Some(position) = text
            .iter()
            .position(|&byte| byte < 0x20 && byte != b'\t' && byte != b'\n' || byte == 0x7f)
        {
            let line = 1 + text[..position].iter().filter(|&&byte| byte == b'\n').count();
            return Err(line_error(line, PolicyErrorKind::ControlCharacter));
        }
        let text =
            std::str::from_utf8(text).map_err(|_| line_error(0, PolicyErrorKind::NotUtf8))?;
        let mut policy = Policy {
            logs: Vec::new(),
            witnesses: Vec::new(),
            groups: Vec::new(),
            quorum: Quorum::None,
        };
        let mut quorum_seen = false;
        for (number, line) in text.split('\n').enumerate() {
            let number = number + 1;
            let words: Vec<&str> =
                line.split([' ', '\t']).filter(|word| !word.is_empty()).collect();
            let Some((&keyword, arguments)) = words.split_first() else { continue };
            if keyword.starts_with('#') {
                continue;
            }
            let fail = |kind| line_error(number, kind);
            match keyword {
                "log" => {
                    let (key, url) = match arguments {
                        [key] => (key, None),
                        [key, url] => (key, Some((*url).to_owned())),
                        _ => return Err(fail(PolicyErrorKind::Arguments("log <vkey> [<url>]"))),
                    };
                    let key = VerifierKey::parse(key).map_err(|e| fail(PolicyErrorKind::Key(e)))?;
                    if key.key_type() != KeyType::Ed25519 {
                        return Err(fail(PolicyErrorKind::LogKeyType));
                    }
                    if policy.logs.iter().any(|log| log.key.public_key() == key.public_key()) {
                        return Err(fail(PolicyErrorKind::DuplicateKey));
                    }
                    if policy.logs.len() == POLICY_ITEMS_MAX {
                        return Err(fail(PolicyErrorKind::TooMany));
                    }
                    policy.logs.push(PolicyLog { key, url });
                }
                "witness" => {
                    let (name, key, url) = match arguments {
                        [name, key] => (name, key, None),
                        [name, key, url] => (name, key, Some((*url).to_owned())),
                        _ => {
                            return Err(fail(PolicyErrorKind::Arguments(
                                "witness <name> <vkey> [<url>]",
                            )));
                        }
                    };
                    policy.check_new_name(name).map_err(fail)?;
                    let key = VerifierKey::parse(key).map_err(|e| fail(PolicyErrorKind::Key(e)))?;
                    if key.key_type() != KeyType::CosignatureV1 {
                        return Err(fail(PolicyErrorKind::WitnessKeyType));
                    }
                    if policy.witnesses.iter().any(|w| w.key.public_key() == key.public_key()) {
                        return Err(fail(PolicyErrorKind::DuplicateKey));
                    }
                    if policy.witnesses.len() == POLICY_ITEMS_MAX {
                        return Err(fail(PolicyErrorKind::TooMany));
                    }
                    policy.witnesses.push(PolicyWitness { name: (*name).to_owned(), key, url });
                }
                "group" => {
                    let [name, threshold, members @ ..] = arguments else {
                        return Err(fail(PolicyErrorKind::Arguments(
                            "group <name> all|any|<k> <member>...",
                        )));
                    };
                    if members.is_empty() {
                        return Err(fail(PolicyErrorKind::Arguments(
                            "group <name> all|any|<k> <member>...",
                        )));
                    }
                    policy.check_new_name(name).map_err(fail)?;
                    let mut resolved = Vec::with_capacity(members.len());
                    let mut seen = HashSet::new();
                    for member in members {
                        if !seen.insert(*member) {
                            return Err(fail(PolicyErrorKind::DuplicateMember(
                                (*member).to_owned(),
                            )));
                        }
                        resolved.push(policy.resolve(member).map_err(fail)?);
                    }
                    let threshold = match *threshold {
                        "all" => resolved.len(),
                        "any" => 1,
                        number => {
                            let valid = !number.is_empty()
                                && number.bytes().all(|byte| byte.is_ascii_digit());
                            let k: usize = valid
                                .then(|| number.parse().ok())
                                .flatten()
                                .ok_or(fail(PolicyErrorKind::Threshold))?;
                            if k == 0 || k > resolved.len() {
                                return Err(fail(PolicyErrorKind::Threshold));
                            }
                            k
                        }
                    };
                    if policy.groups.len() == POLICY_ITEMS_MAX {
                        return Err(fail(PolicyErrorKind::TooMany));
                    }
                    policy.groups.push(PolicyGroup {
                        name: (*name).to_owned(),
                        threshold,
                        members: resolved,
                    });
                }
                "quorum" => {
                    let [name] = arguments else {
                        return Err(fail(PolicyErrorKind::Arguments("quorum <name>")));
                    };
                    if quorum_seen {
                        return Err(fail(PolicyErrorKind::QuorumRepeated));
                    }
                    quorum_seen = true;
                    policy.quorum = if *name == "none" {
                        Quorum::None
                    } else {
                        Quorum::Member(policy.resolve(name).map_err(fail)?)
                    };
                }
                other => return Err(fail(PolicyErrorKind::UnknownKeyword(other.to_owned()))),
            }
        }
        if !quorum_seen {
            return Err(PolicyError::QuorumMissing);
        }
        Ok(policy)
    }

    fn check_new_name(&self, name: &str) -> Result<(), PolicyErrorKind> {
        if name == "none" {
            return Err(PolicyErrorKind::ReservedName);
        }
        if self.resolve(name).is_ok() {
            return Err(PolicyErrorKind::DuplicateName(name.to_owned()));
        }
        Ok(())
    }

    fn resolve(&self, name: &str) -> Result<Member, PolicyErrorKind> {
        if let Some(index) = self.witnesses.iter().position(|witness| witness.name == name) {
            return Ok(Member::Witness(index));
        }
        if let Some(index) = self.groups.iter().position(|group| group.name == name) {
            return Ok(Member::Group(index));
        }
        if name == "none" {
            return Err(PolicyErrorKind::ReservedName);
        }
        Err(PolicyErrorKind::UnknownName(name.to_owned()))
    }

    /// The trusted logs.
    pub fn logs(&self) -> &[PolicyLog] {
        &self.logs
    }

    /// The known witnesses.
    pub fn witnesses(&self) -> &[PolicyWitness] {
        &self.witnesses
    }

    /// The groups, in definition order.
    pub fn groups(&self) -> &[PolicyGroup] {
        &self.groups
    }

    /// Whether the witnesses at these positions in [`Policy::witnesses`] satisfy the quorum.
    pub fn quorum_met(&self, cosigned: &[bool]) -> bool {
        let witness = |index: usize| cosigned.get(index).copied().unwrap_or(false);
        // Groups only name earlier groups, so one pass in definition order decides them all.
        let mut group_met = Vec::with_capacity(self.groups.len());
        for group in &self.groups {
            let satisfied = group
                .members
                .iter()
                .filter(|member| match member {
                    Member::Witness(index) => witness(*index),
                    Member::Group(index) => group_met[*index],
                })
                .count();
            group_met.push(satisfied >= group.threshold);
        }
        match self.quorum {
            Quorum::None => true,
            Quorum::Member(Member::Witness(index)) => witness(index),
            Quorum::Member(Member::Group(index)) => group_met[index],
        }
    }

    /// Checks a signed checkpoint against the policy: a trusted log with its origin signed it,
    /// every known witness's cosignature present verifies, and they meet the quorum.
    pub fn verify_checkpoint(&self, note: &[u8]) -> Result<SignedCheckpoint, PolicyVerifyError> {
        if note.len() > NOTE_BYTES_MAX {
            return Err(CheckpointError::Note(NoteError::TooLarge).into());
        }
        // Read the origin first (unverified) to pick the log key; then verify everything.
        let unverified = signed_note::Note::from_bytes(note)
            .map_err(|_| CheckpointError::Note(crate::note::diagnose_malformed(note)))?;
        let origin = Checkpoint::parse(unverified.text())?.origin;
        let witness_keys: Vec<VerifierKey> =
            self.witnesses.iter().map(|witness| witness.key.clone()).collect();
        // Several keys may serve one origin (a key rotation): any one of them may have signed.
        let mut result = Err(PolicyVerifyError::UnknownOrigin(origin.clone()));
        for log in self.logs.iter().filter(|log| log.key.name() == origin) {
            result = open_checkpoint(note, &log.key, &witness_keys).map_err(Into::into);
            if result.is_ok() {
                break;
            }
        }
        let signed = result?;
        let cosigned: Vec<bool> = self
            .witnesses
            .iter()
            .map(|witness| signed.cosignatures.iter().any(|signature| signature.key == witness.key))
            .collect();
        if !self.quorum_met(&cosigned) {
            return Err(PolicyVerifyError::QuorumNotMet);
        }
        Ok(signed)
    }
}
