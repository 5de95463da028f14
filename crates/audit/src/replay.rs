//! The domain core as the audit's replay step: every entry is decoded, its signature checked
//! and applied through the core with the selection seed recomputed from the log itself, so an
//! auditor holding only the tiles reaches the node's state or names the entry that breaks it.

use passage_core::draw::{CheckedOutputs, VrfKey, VrfProof};
use passage_core::encoding::DecodeError;
use passage_core::signed::SignatureError;
use passage_core::statement::{IncidentKind, Recorded, Statement};
use passage_core::{Entry, MovementStatus, Refusal, State};
use passage_log::Appender;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// Why the core replay refuses an entry (the audit adds the entry's index).
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    /// The entry's bytes are not a Passage log entry.
    #[error("the entry does not decode: {0}")]
    Decode(#[from] DecodeError),
    /// The statement's signature does not verify.
    #[error("bad signature: {0}")]
    Signature(#[from] SignatureError),
    /// The core refuses the statement (an unknown or revoked signer, a role not allowed...).
    #[error("the core refuses it: {0}")]
    Refused(#[from] Refusal),
    /// The entry cannot be placed in the recomputed tree.
    #[error("the recomputed tree: {0}")]
    Tree(#[from] passage_log::AppendError),
}

/// Replays a log through the core: signature checks, then the core's fold
/// (`passage_core::fold`: genesis for the charter, apply for every later entry).
#[derive(Default)]
pub struct CoreReplay {
    state: Option<State>,
    /// The tree up to the entry being applied: its root is the entry's selection seed.
    tree: Appender,
}

impl CoreReplay {
    /// A replay from the empty log.
    pub fn new() -> CoreReplay {
        CoreReplay::default()
    }

    /// The recomputed state (none before the charter is read).
    pub fn state(&self) -> Option<&State> {
        self.state.as_ref()
    }

    /// The recomputed state in the words of a report.
    pub fn summary(&self) -> Option<StateSummary> {
        self.state.as_ref().map(StateSummary::of)
    }
}

/// The bytes an audit's saved core state starts with; then the tree size (`u64`, big-endian)
/// and root (32 bytes) it was saved at, then the state snapshot (`ENCODING.md`).
const AUDIT_STATE_CONTEXT: &[u8] = b"passage audit state v1\n";

impl CoreReplay {
    /// The state saved at `path` for exactly `tree` (same size, same root), if any.
    fn saved_state(path: &Path, tree: &Appender) -> Result<Option<State>, String> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(error.to_string()),
        };
        let header = AUDIT_STATE_CONTEXT.len() + 8 + 32;
        let (head, snapshot) = bytes.split_at_checked(header).ok_or("the file is truncated")?;
        let (context, edge) = head.split_at(AUDIT_STATE_CONTEXT.len());
        if context != AUDIT_STATE_CONTEXT {
            return Err("not an audit state file".into());
        }
        let (size, root) = edge.split_at(8);
        let size = u64::from_be_bytes(size.try_into().expect("8 bytes"));
        if size != tree.size() || root != tree.root().0.as_slice() {
            return Err(format!("saved at size {size}, the remembered tree has {}", tree.size()));
        }
        let state = State::decode_snapshot(snapshot).map_err(|error| error.to_string())?;
        if state.next_entry_index() != size {
            return Err(format!(
                "the state folds {} entries, not {size}",
                state.next_entry_index()
            ));
        }
        Ok(Some(state))
    }
}

impl super::Replay for CoreReplay {
    type Error = ReplayError;

    fn restore(&mut self, path: &Path, tree: &Appender) -> bool {
        if self.tree.size() != 0 || tree.size() == 0 {
            return false;
        }
        match CoreReplay::saved_state(path, tree) {
            Ok(Some(state)) => {
                self.state = Some(state);
                self.tree = tree.clone();
                true
            }
            Ok(None) => false,
            Err(reason) => {
                tracing::warn!(path = %path.display(), %reason, "saved core state ignored; replaying from entry 0");
                false
            }
        }
    }

    fn save(&self, path: &Path, tree: &Appender) -> std::io::Result<()> {
        let Some(state) = &self.state else { return Ok(()) };
        assert_eq!(state.next_entry_index(), tree.size(), "the replay saw every entry");
        let snapshot = state.encode_snapshot();
        let mut bytes = Vec::with_capacity(AUDIT_STATE_CONTEXT.len() + 40 + snapshot.len());
        bytes.extend_from_slice(AUDIT_STATE_CONTEXT);
        bytes.extend_from_slice(&tree.size().to_be_bytes());
        bytes.extend_from_slice(&tree.root().0);
        bytes.extend_from_slice(&snapshot);
        super::source::write_atomic(path, &bytes)
    }

    fn apply(&mut self, index: u64, bytes: &[u8]) -> Result<(), ReplayError> {
        self.apply_all(index, &[bytes]).map_err(|(_, error)| error)
    }

    /// Decodes the entries, checks their signatures together (in one chunk per core,
    /// [`passage_core::verify_signatures`], with each signer's key decoded once), then
    /// applies them in order. The refusal reported is the first entry's that fails any
    /// step, as when each entry is taken alone.
    fn apply_all(&mut self, first: u64, entries: &[&[u8]]) -> Result<(), (u64, ReplayError)> {
        assert!(first == self.tree.size(), "the audit hands entries over in order, from 0");
        let at = |offset: usize| first + offset as u64;
        let mut failure = None;
        let mut decoded = Vec::with_capacity(entries.len());
        for (offset, bytes) in entries.iter().enumerate() {
            match Entry::decode(bytes) {
                Ok(entry) => decoded.push(entry),
                Err(error) => {
                    failure = Some((at(offset), error.into()));
                    break;
                }
            }
        }
        let statements: Vec<_> = decoded.iter().map(|entry| &entry.statement).collect();
        let mut keys = HashMap::new();
        for signed in &statements {
            keys.entry(signed.signer.0).or_insert_with(|| signed.signer_key());
        }
        let chunk = statements.len().div_ceil(rayon::current_num_threads()).max(CHUNK_MIN);
        let verdicts: Vec<_> = statements
            .par_chunks(chunk)
            .flat_map_iter(|chunk| {
                passage_core::verify_signatures(chunk, rand::thread_rng(), |signed| {
                    keys[&signed.signer.0].clone()
                })
            })
            .collect();
        if let Some(offset) = verdicts.iter().position(Result::is_err) {
            let refusal = verdicts[offset].clone().expect_err("found by position");
            failure = Some((at(offset), refusal.into()));
            decoded.truncate(offset);
        }
        // Each statement decoded once, and the bundle's VRF proofs checked, on every core;
        // then the fold applies the entries in order, without checking those proofs again.
        let statements: Vec<_> =
            decoded.par_iter().map(|entry| entry.statement.decode_statement()).collect();
        let checked = self.check_draws(&statements);
        for (offset, ((entry, bytes), statement)) in
            decoded.iter().zip(entries).zip(&statements).enumerate()
        {
            self.apply_checked(at(offset), entry, statement, &checked, bytes)
                .map_err(|error| (at(offset), error))?;
        }
        failure.map_or(Ok(()), Err)
    }
}

/// Fewest entries a thread checks together in a replay.
const CHUNK_MIN: usize = 16;

impl CoreReplay {
    /// Applies an entry whose signature was checked, its statement decoded already
    /// (`statement`: a statement that does not decode is refused as the fold refuses it),
    /// with the VRF outputs checked for the bundle.
    fn apply_checked(
        &mut self,
        index: u64,
        entry: &Entry,
        statement: &Result<Recorded, DecodeError>,
        checked: &CheckedOutputs,
        bytes: &[u8],
    ) -> Result<(), ReplayError> {
        match statement {
            Ok(recorded) => passage_core::fold::apply_checked(
                &mut self.state,
                index,
                entry.sequenced_at,
                &entry.statement,
                recorded,
                checked,
            )?,
            Err(_) => passage_core::fold::apply_entry(&mut self.state, index, entry)?,
        };
        self.tree.append(bytes)?;
        Ok(())
    }

    /// Checks, in parallel, every VRF proof the `draw` statements among `statements` carry
    /// against the charter's keys, in charter order as the core pairs them; keeps the
    /// outputs of those that verify. The charter is the state's, or the bundle's first
    /// statement's; without one nothing is checked ahead (the fold checks every proof
    /// itself, and refuses what it must).
    fn check_draws(&self, statements: &[Result<Recorded, DecodeError>]) -> CheckedOutputs {
        let keys: Vec<VrfKey> = match (&self.state, statements.first()) {
            (Some(state), _) => state.charter().vrf_keys().map(|(_, key)| key).collect(),
            (None, Some(Ok(Recorded { statement: Statement::Charter { document }, .. }))) => {
                match passage_core::Charter::from_toml(document) {
                    Ok(charter) => charter.vrf_keys().map(|(_, key)| key).collect(),
                    Err(_) => return CheckedOutputs::none(),
                }
            }
            (None, _) => return CheckedOutputs::none(),
        };
        let proofs: Vec<(VrfKey, u64, [u8; 32], VrfProof)> = statements
            .iter()
            .filter_map(|statement| match statement {
                Ok(Recorded { statement: Statement::Draw { draws }, .. }) => Some(draws),
                _ => None,
            })
            .flatten()
            .flat_map(|draw| {
                keys.iter()
                    .zip(&draw.proofs)
                    .map(|(key, proof)| (*key, draw.size, draw.root, *proof))
            })
            .collect();
        if proofs.is_empty() {
            return CheckedOutputs::none();
        }
        proofs
            .par_iter()
            .fold(CheckedOutputs::none, |mut checked, (key, size, root, proof)| {
                checked.check(*key, *size, root, proof);
                checked
            })
            .reduce(CheckedOutputs::none, |mut all, part| {
                all.extend(part);
                all
            })
    }
}

/// The state an audit recomputed, as printed (and as JSON with `--json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StateSummary {
    /// Entries applied (the charter included).
    pub entries: u64,
    /// Movements by status (every status, zero included); in JSON each status is named by
    /// the core's words for it.
    #[serde(serialize_with = "statuses_in_words")]
    pub movements: Vec<(MovementStatus, usize)>,
    /// Fees assessed, per currency (minor units).
    pub fees: Vec<(String, i64)>,
    /// Balances per account and currency (minor units; carriers owe when negative).
    pub balances: Vec<Balance>,
    /// Incidents still open.
    pub open_incidents: Vec<OpenIncident>,
    /// The core's canonical state digest, hex.
    pub digest: String,
}

/// One account's balance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Balance {
    /// The account (`carrier:X`, `revenue:X`, `receipts`).
    pub account: String,
    /// The currency.
    pub currency: String,
    /// Minor units.
    pub amount: i64,
}

/// An incident not closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OpenIncident {
    /// The movement.
    pub mrn: String,
    /// Its number within the movement.
    pub number: u16,
    /// What happened (in JSON, the variant's name: `Overdue`).
    #[serde(serialize_with = "incident_kind_name")]
    pub kind: IncidentKind,
    /// The entry that opened it.
    pub opened_entry: u64,
}

impl StateSummary {
    /// Summarises a state.
    pub fn of(state: &State) -> StateSummary {
        let mut fees: std::collections::BTreeMap<String, i64> = Default::default();
        for leg in state.ledger().legs() {
            if leg.kind == passage_core::ledger::PostingKind::Fee
                && matches!(leg.account, passage_core::Account::Revenue(_))
            {
                *fees.entry(leg.currency.to_string()).or_default() += leg.amount.0;
            }
        }
        StateSummary {
            entries: state.next_entry_index(),
            movements: state
                .status_counts()
                .iter()
                .map(|(status, count)| (*status, *count))
                .collect(),
            fees: fees.into_iter().collect(),
            balances: state
                .ledger()
                .balances()
                .map(|((account, currency), amount)| Balance {
                    account: account.to_string(),
                    currency: currency.to_string(),
                    amount: amount.0,
                })
                .collect(),
            open_incidents: state
                .movements()
                .iter()
                .flat_map(|movement| {
                    movement.incidents.iter().filter(|i| i.closed_entry.is_none()).map(|incident| {
                        OpenIncident {
                            mrn: movement.mrn.to_string(),
                            number: incident.number,
                            kind: incident.kind,
                            opened_entry: incident.opened_entry,
                        }
                    })
                })
                .collect(),
            digest: hex::encode(state.digest()),
        }
    }
}

/// The statuses with their counts as JSON shows them: `[["discharged", 3], ...]`, each
/// status in the core's words.
fn statuses_in_words<S: serde::Serializer>(
    movements: &[(MovementStatus, usize)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq as _;
    let mut sequence = serializer.serialize_seq(Some(movements.len()))?;
    for (status, count) in movements {
        sequence.serialize_element(&(status.as_str(), count))?;
    }
    sequence.end()
}

/// An incident's kind as JSON shows it: the variant's name (`Overdue`).
fn incident_kind_name<S: serde::Serializer>(
    kind: &IncidentKind,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&format_args!("{kind:?}"))
}

/// An amount in minor units of `currency`, in major units with the currency (`30900.00
/// AMD`); a currency the core does not know keeps its minor units, and says so.
fn money_text(amount: i64, currency: &str) -> String {
    match passage_core::Currency::parse(currency) {
        Ok(parsed) => passage_core::AmountMinor(amount).display(parsed),
        Err(_) => format!("{amount} {currency} (minor units)"),
    }
}

impl std::fmt::Display for StateSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "entries replayed: {}", self.entries)?;
        writeln!(f, "movements by status:")?;
        let width =
            self.movements.iter().map(|(status, _)| status.as_str().len()).max().unwrap_or(0);
        for (status, count) in &self.movements {
            writeln!(f, "  {:<width$} {count:>10}", status.as_str())?;
        }
        // Money as every command shows it: major units and the currency, amounts aligned.
        writeln!(f, "fees assessed:")?;
        for (currency, amount) in &self.fees {
            writeln!(f, "  {:>20}", money_text(*amount, currency))?;
        }
        writeln!(f, "balances:")?;
        let width = self.balances.iter().map(|balance| balance.account.len()).max().unwrap_or(0);
        for balance in &self.balances {
            writeln!(
                f,
                "  {:<width$} {:>20}",
                balance.account,
                money_text(balance.amount, &balance.currency)
            )?;
        }
        writeln!(f, "open incidents: {}", self.open_incidents.len())?;
        for incident in &self.open_incidents {
            writeln!(
                f,
                "  {} #{} {:?} (entry {})",
                incident.mrn, incident.number, incident.kind, incident.opened_entry
            )?;
        }
        write!(f, "state digest: {}", self.digest)
    }
}
