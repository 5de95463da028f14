//! The movements, with a note of the last entry that changed each block of them.
//!
//! The state digest commits to the movements block by block ([`MOVEMENT_BLOCK`] movements
//! a block, see [`crate::digest`]). A publisher that takes the digest at every checkpoint
//! keeps the blocks' hashes ([`crate::digest::DigestCache`]) and hashes again only the
//! blocks changed since, so a checkpoint costs what changed, not the whole history.
//!
//! Every change goes through this type: [`IndexMut`] and [`Movements::push_back`] note the
//! block under the entry being applied ([`Movements::begin`]). A note is never wrong in the
//! direction that matters: a block noted and then not changed (a refused statement rolled
//! back) is only hashed again for nothing, and no change escapes a note, since the
//! movements cannot be reached mutably any other way.

use crate::movement::Movement;
use imbl::Vector;
use std::ops::{Index, IndexMut};

/// Movements per block of the state digest.
pub const MOVEMENT_BLOCK: usize = 64;

/// The movements in declaration order, and for each block of [`MOVEMENT_BLOCK`] of them
/// the index of the entry that last changed one.
#[derive(Clone, Debug, Default)]
pub(crate) struct Movements {
    items: Vector<Movement>,
    changed: Vector<u64>,
    /// The entry being applied: what changes are noted under.
    entry: u64,
}

impl Movements {
    /// `items`, restored (from a snapshot) in a state whose last entry is `last_entry`:
    /// every block is noted as changed by it, so no cache taken before it is trusted.
    pub(crate) fn restored(items: Vector<Movement>, last_entry: u64) -> Movements {
        let blocks = items.len().div_ceil(MOVEMENT_BLOCK);
        let changed = std::iter::repeat_n(last_entry, blocks).collect();
        Movements { items, changed, entry: last_entry }
    }

    /// Notes changes from now on under `entry`.
    pub(crate) fn begin(&mut self, entry: u64) {
        self.entry = entry;
    }

    /// The movements, in declaration order.
    pub(crate) fn as_vector(&self) -> &Vector<Movement> {
        &self.items
    }

    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    pub(crate) fn iter(&self) -> <&Vector<Movement> as IntoIterator>::IntoIter {
        self.items.iter()
    }

    /// Appends a movement.
    pub(crate) fn push_back(&mut self, movement: Movement) {
        self.items.push_back(movement);
        self.note(self.items.len() - 1);
    }

    /// The entry that last changed a movement of block `block`.
    pub(crate) fn block_changed_at(&self, block: usize) -> u64 {
        self.changed[block]
    }

    fn note(&mut self, index: usize) {
        let block = index / MOVEMENT_BLOCK;
        if block == self.changed.len() {
            self.changed.push_back(self.entry);
        } else if self.changed[block] != self.entry {
            self.changed.set(block, self.entry);
        }
    }
}

impl Index<usize> for Movements {
    type Output = Movement;

    fn index(&self, index: usize) -> &Movement {
        &self.items[index]
    }
}

impl IndexMut<usize> for Movements {
    fn index_mut(&mut self, index: usize) -> &mut Movement {
        self.note(index);
        &mut self.items[index]
    }
}

impl<'a> IntoIterator for &'a Movements {
    type Item = &'a Movement;
    type IntoIter = <&'a Vector<Movement> as IntoIterator>::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}
