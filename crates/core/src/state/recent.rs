//! The statements the log may still be offered again: the id of every statement accepted
//! whose recorded time is within [`RECORDED_BEHIND_MS_MAX`] of the log's time, with its
//! entry, so the core refuses a second copy of a statement already in the log
//! ([`Refusal::DuplicateStatement`](crate::Refusal::DuplicateStatement)) whoever appends it:
//! the sequencer, a follower, an audit all fold the same rule.
//!
//! Why the ids of older statements may be forgotten. A statement's id hashes its bytes,
//! which hold its recorded time `r`, so every copy of it carries the same `r`. The core
//! accepts a statement at the entry time `t` only if `r + RECORDED_BEHIND_MS_MAX >= t`
//! (else [`Refusal::RecordedTooLongAgo`](crate::Refusal::RecordedTooLongAgo)), and entry
//! times never go back (else [`Refusal::TimeWentBackwards`](crate::Refusal::TimeWentBackwards)).
//! An id is forgotten only once the log's time `T` (the last accepted entry's) has passed
//! `r + RECORDED_BEHIND_MS_MAX`; every later entry has a time of at least `T`, so a copy
//! offered then is refused as recorded too long ago before it is looked up here. The
//! forward skew ([`RECORDED_AHEAD_MS_MAX`]) needs no margin of its own: the window is kept
//! by recorded time, so a statement dated ahead of the log stays that much longer.
//!
//! So the window holds at most the statements recorded in the last
//! `RECORDED_BEHIND_MS_MAX + RECORDED_AHEAD_MS_MAX` of log time (seven days and five
//! minutes): its size follows the traffic of a week, never the log's history. At one entry
//! a second, a busy corridor's rate, that is about 605,000 ids of 32 bytes, some 40 MB with
//! the persistent tree's nodes; cloning it for a snapshot costs O(1).
//!
//! The tree is ordered (no hashing of ids an enrolled signer could grind), and
//! persistent, as the rest of the state's large parts are.
//!
//! [`RECORDED_AHEAD_MS_MAX`]: crate::statement::RECORDED_AHEAD_MS_MAX

use super::SnapshotError;
use crate::encoding::{DecodeError, Reader, Writer};
use crate::statement::{RECORDED_BEHIND_MS_MAX, Timestamp};
use imbl::OrdMap;

/// A statement's id, as [`crate::SignedStatement::id`] gives it.
pub type StatementId = [u8; 32];

/// The ids of the statements accepted and recorded within the window, with their entries,
/// keyed by recorded time first. One tree serves both the lookup and the expiry: a copy of
/// a statement carries the same recorded time as the statement (the id hashes the bytes
/// that hold it), so the key of a copy is known before it is looked up.
#[derive(Clone, Debug, Default)]
pub(crate) struct RecentStatements {
    /// (recorded time, id) of each statement, with its entry.
    entries: OrdMap<(Timestamp, StatementId), u64>,
}

impl RecentStatements {
    /// The entry that holds the statement `id`, recorded at `recorded_at`, if it is in the
    /// window.
    pub(crate) fn entry_of(&self, recorded_at: Timestamp, id: &StatementId) -> Option<u64> {
        self.entries.get(&(recorded_at, *id)).copied()
    }

    /// Records the statement `id`, recorded at `recorded_at`, accepted as `entry`.
    pub(crate) fn insert(&mut self, id: StatementId, recorded_at: Timestamp, entry: u64) {
        let previous = self.entries.insert((recorded_at, id), entry);
        assert!(previous.is_none(), "a statement is accepted once");
    }

    /// Forgets the statements that can no longer be accepted at `time` or later: those
    /// recorded more than [`RECORDED_BEHIND_MS_MAX`] before it.
    pub(crate) fn expire(&mut self, time: Timestamp) {
        while let Some(&((recorded_at, id), _)) = self.entries.get_min() {
            if !expired(recorded_at, time) {
                break;
            }
            self.entries.remove(&(recorded_at, id));
        }
    }

    /// How many ids the window holds.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Every id with its recorded time and entry, by recorded time then id: the order the
    /// digest and the snapshot write them in.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (Timestamp, &StatementId, u64)> {
        self.entries.iter().map(|((recorded_at, id), entry)| (*recorded_at, id, *entry))
    }
}

/// Whether a statement recorded at `recorded_at` is refused at `time` as recorded too
/// long ago: the same comparison as the core's check, so expiry and refusal agree.
pub(crate) fn expired(recorded_at: Timestamp, time: Timestamp) -> bool {
    recorded_at.0.saturating_add(RECORDED_BEHIND_MS_MAX) < time.0
}

impl RecentStatements {
    /// Writes the window for the state snapshot (`ENCODING.md`, "State snapshot"): the
    /// count, then each id by recorded time then id, with its entry.
    pub(crate) fn encode(&self, writer: &mut Writer) {
        let count = u32::try_from(self.len()).expect("a week holds fewer than 2^32 statements");
        writer.u32(count);
        for (recorded_at, id, entry) in self.iter() {
            writer.u64(recorded_at.0);
            writer.fixed(id);
            writer.u64(entry);
        }
    }

    /// Reads the window of a state whose next entry is `next_entry_index` and whose time
    /// is `time`: in strictly increasing order (so each id once), each entry after the charter
    /// and in the log, none past its expiry.
    pub(crate) fn decode(
        reader: &mut Reader<'_>,
        next_entry_index: u64,
        time: Timestamp,
    ) -> Result<RecentStatements, SnapshotError> {
        const ITEM_BYTES: usize = 8 + 32 + 8;
        let offset = reader.offset();
        let count = reader.u32("recent statements")? as usize;
        let max = reader.remaining() / ITEM_BYTES;
        if count > max {
            return Err(DecodeError::TooLong {
                what: "recent statements",
                found: count,
                max,
                offset,
            }
            .into());
        }
        let mut recent = RecentStatements::default();
        let mut previous = None;
        for _ in 0..count {
            let offset = reader.offset();
            let recorded_at = Timestamp(reader.u64("recorded at")?);
            let id: StatementId = reader.array("statement id")?;
            let entry = reader.u64("statement entry")?;
            let inconsistent = |rule| SnapshotError::Inconsistent { offset, rule };
            if previous >= Some((recorded_at, id)) {
                return Err(inconsistent("recent statements are in order"));
            }
            previous = Some((recorded_at, id));
            if entry == 0 || entry >= next_entry_index {
                return Err(inconsistent("a recent statement's entry is in the log"));
            }
            if expired(recorded_at, time) {
                return Err(inconsistent("a recent statement is within the window"));
            }
            recent.insert(id, recorded_at, entry);
        }
        Ok(recent)
    }
}
