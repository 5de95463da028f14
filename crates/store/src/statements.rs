//! The statement-hash index, kept off the commit path.
//!
//! A durable B-tree keyed by a random hash dirties one page per entry once the index is
//! larger than a batch, which bounded ingest on a long log (see BENCHMARKS.md). So the
//! durable index (`statement_index`) covers only the entries below the watermark
//! `log_head.indexed_size`; the hashes of the newer entries (the tail) are held in memory,
//! rebuilt from the `entries` table whenever a handle finds its copy behind, and merged into
//! the durable index in one sorted bulk insert once the tail reaches the merge size. Each
//! index page is then written about once per merge instead of once per entry.
//!
//! Every handle (the sequencer and the readers of other nodes) keeps its own tail and
//! brings it up to date from the database before each lookup, so a lookup always covers
//! the whole log as committed.

use std::collections::HashMap;

use crate::StoreError;

/// Tail entries at which the sequencer merges them into the durable index. At 20,000
/// entries/s that is a merge every 3 s; the tail costs about 80 bytes of memory an entry.
pub const STATEMENT_MERGE_ENTRIES: u64 = 65_536;

/// The hashes of the entries `indexed_size .. scanned_to`, by hash.
#[derive(Debug, Default)]
pub(crate) struct StatementTail {
    /// Watermark of the durable index this tail continues.
    pub(crate) indexed_size: u64,
    /// First entry not yet read into `hashes`.
    pub(crate) scanned_to: u64,
    hashes: HashMap<[u8; 32], u64>,
}

impl StatementTail {
    /// Where the next scan of `entries` starts.
    pub(crate) fn scan_from(&self) -> u64 {
        self.scanned_to
    }

    /// Takes in a scan of `entries` from [`StatementTail::scan_from`] (index and hash, in
    /// index order) and the database's watermark, read in either order: rows below the
    /// watermark are already in the durable index and are dropped.
    pub(crate) fn apply(
        &mut self,
        indexed_size: u64,
        rows: impl IntoIterator<Item = (u64, [u8; 32])>,
    ) -> Result<(), StoreError> {
        if indexed_size != self.indexed_size {
            self.hashes.retain(|_, index| *index >= indexed_size);
            self.indexed_size = indexed_size;
            self.scanned_to = self.scanned_to.max(indexed_size);
        }
        for (index, statement_sha256) in rows {
            if index < self.indexed_size {
                continue;
            }
            if index != self.scanned_to {
                return Err(StoreError::Corrupt(format!(
                    "the log has a gap: entry {index} follows entry {}",
                    self.scanned_to.saturating_sub(1)
                )));
            }
            self.hashes.insert(statement_sha256, index);
            self.scanned_to = index + 1;
        }
        Ok(())
    }

    /// After a committed batch: either it merged the tail (the watermark is now `tree_size`)
    /// or its entries join the tail. The writer does not hold the tail while it commits, so
    /// a lookup may already have scanned the batch's entries from the database: those are
    /// skipped.
    pub(crate) fn committed(&mut self, merged: bool, entries: &[crate::Entry], tree_size: u64) {
        if merged {
            self.hashes.clear();
            self.indexed_size = tree_size;
        } else {
            for entry in entries {
                if entry.index < self.scanned_to {
                    continue;
                }
                assert_eq!(entry.index, self.scanned_to, "a committed batch continues the tail");
                self.hashes.insert(entry.statement_sha256, entry.index);
                self.scanned_to = entry.index + 1;
            }
        }
        self.scanned_to = tree_size;
    }

    /// The index of a tail entry with this hash.
    pub(crate) fn get(&self, statement_sha256: &[u8; 32]) -> Option<u64> {
        self.hashes.get(statement_sha256).copied()
    }

    /// Entries in the tail.
    pub(crate) fn len(&self) -> u64 {
        self.scanned_to - self.indexed_size
    }

    /// The tail's hashes and a batch's, in hash order, for the merge's bulk insert.
    pub(crate) fn merged_with(&self, entries: &[crate::Entry]) -> Vec<([u8; 32], u64)> {
        let mut sorted: Vec<_> = self.hashes.iter().map(|(hash, index)| (*hash, *index)).collect();
        sorted.extend(entries.iter().map(|entry| (entry.statement_sha256, entry.index)));
        sorted.sort_unstable();
        sorted
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn entry(index: u64, hash: u8) -> crate::Entry {
        crate::Entry { index, bytes: vec![], statement_sha256: [hash; 32], sequenced_at_ms: 0 }
    }

    #[test]
    fn a_tail_follows_the_log_and_the_watermark() {
        let mut tail = StatementTail::default();
        tail.apply(0, [(0, [2; 32]), (1, [1; 32])]).unwrap();
        assert_eq!((tail.len(), tail.get(&[1; 32]), tail.get(&[3; 32])), (2, Some(1), None));
        assert_eq!(tail.merged_with(&[entry(2, 0)]), [([0; 32], 2), ([1; 32], 1), ([2; 32], 0)]);
        tail.committed(false, &[entry(2, 0)], 3);
        assert_eq!((tail.scan_from(), tail.get(&[0; 32])), (3, Some(2)));
        // Another handle merged up to 2 and appended entry 3: rows below 2 are dropped.
        tail.apply(2, [(3, [9; 32])]).unwrap();
        assert_eq!(
            (tail.len(), tail.get(&[1; 32]), tail.get(&[0; 32]), tail.get(&[9; 32])),
            (2, None, Some(2), Some(3))
        );
        // A lookup scanned entry 4 after its commit, before the writer took the tail back.
        tail.apply(2, [(4, [5; 32])]).unwrap();
        tail.committed(false, &[entry(4, 5)], 5);
        assert_eq!((tail.len(), tail.scan_from(), tail.get(&[5; 32])), (3, 5, Some(4)));
        tail.committed(true, &[entry(4, 5)], 5);
        assert_eq!((tail.len(), tail.scan_from(), tail.get(&[9; 32])), (0, 5, None));
        // A scan that started below a watermark that moved past it skips what is indexed.
        let mut behind = StatementTail::default();
        behind.apply(4, [(0, [1; 32]), (4, [4; 32])]).unwrap();
        assert_eq!((behind.len(), behind.get(&[4; 32]), behind.get(&[1; 32])), (1, Some(4), None));
        let gap = behind.apply(4, [(7, [7; 32])]).unwrap_err();
        assert!(matches!(gap, StoreError::Corrupt(_)), "{gap}");
    }
}
