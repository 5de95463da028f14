//! Checks shared by both backends: what a batch and a query must satisfy before any SQL runs,
//! and the tile arithmetic that serves narrow partial tiles from the widest stored one.

use std::collections::HashSet;

use crate::{
    AppendBatch, BATCH_ENTRIES_MAX, CHECKPOINT_NOTE_BYTES_MAX, ENTRIES_READ_MAX, ENTRY_BYTES_MAX,
    INDEX_MAX, PAGE_SIZE_MAX, STATEMENT_LOOKUP_MAX, StoreError, TEXT_BYTES_MAX, TILE_LEVEL_MAX,
    TILE_WIDTH_MAX,
};

/// Checks everything about a batch that does not need the database, and returns the size
/// of the log after it.
pub(crate) fn check_batch(batch: &AppendBatch) -> Result<u64, StoreError> {
    let invalid = |message: String| Err(StoreError::InvalidBatch(message));
    let Some(first) = batch.entries.first() else {
        return invalid("a batch holds at least one entry".into());
    };
    if batch.entries.len() > BATCH_ENTRIES_MAX {
        return invalid(format!(
            "{} entries, more than the {BATCH_ENTRIES_MAX} a batch may hold",
            batch.entries.len()
        ));
    }
    let first_index = first.index;
    let count = batch.entries.len() as u64;
    let Some(tree_size) = first_index.checked_add(count).filter(|size| *size <= INDEX_MAX) else {
        return invalid(format!("entry index {first_index} is beyond the store's range"));
    };
    let mut hashes = HashSet::with_capacity(batch.entries.len());
    for (offset, entry) in batch.entries.iter().enumerate() {
        let expected = first_index + offset as u64;
        if entry.index != expected {
            return invalid(format!(
                "entries are not dense: index {} where {expected} was expected",
                entry.index
            ));
        }
        if entry.bytes.len() > ENTRY_BYTES_MAX {
            return invalid(format!(
                "entry {} has {} bytes, more than the {ENTRY_BYTES_MAX} a tile bundle can hold",
                entry.index,
                entry.bytes.len()
            ));
        }
        if !hashes.insert(entry.statement_sha256) {
            return invalid(format!(
                "entry {} repeats a statement already in this batch; deduplicate before sequencing",
                entry.index
            ));
        }
    }
    for tile in &batch.hash_tiles {
        check_width(tile.width)?;
        if tile.level > TILE_LEVEL_MAX {
            return invalid(format!("hash tile level {} above {TILE_LEVEL_MAX}", tile.level));
        }
        if tile.hashes.len() != usize::from(tile.width) * 32 {
            return invalid(format!(
                "hash tile {}/{} of width {} has {} bytes, not width × 32",
                tile.level,
                tile.index,
                tile.width,
                tile.hashes.len()
            ));
        }
        // Level l holds floor(size / 256^l) hashes; a tile may not reach past them.
        let hashes_at_level = tree_size.checked_shr(8 * u32::from(tile.level)).unwrap_or(0);
        if !tile_fits(tile.index, tile.width, hashes_at_level) {
            return invalid(format!(
                "hash tile {}/{} of width {} reaches past the tree size {tree_size}",
                tile.level, tile.index, tile.width
            ));
        }
    }
    for bundle in &batch.entry_bundles {
        check_width(bundle.width)?;
        if !tile_fits(bundle.index, bundle.width, tree_size) {
            return invalid(format!(
                "entry bundle {} of width {} reaches past the tree size {tree_size}",
                bundle.index, bundle.width
            ));
        }
        if bundle_prefix(&bundle.bytes, bundle.width).map(<[u8]>::len) != Some(bundle.bytes.len()) {
            return invalid(format!(
                "entry bundle {} is not {} length-prefixed entries",
                bundle.index, bundle.width
            ));
        }
    }
    if let Some(checkpoint) = &batch.checkpoint {
        check_checkpoint_note(&checkpoint.signed_note)?;
        if checkpoint.tree_size > tree_size {
            return Err(StoreError::CheckpointBeyondLog {
                checkpoint_size: checkpoint.tree_size,
                tree_size,
            });
        }
    }
    let in_batch = first_index..tree_size;
    let projections = &batch.projections;
    for movement in &projections.movements {
        check_text(&movement.reference)?;
        check_text(&movement.status)?;
        check_text(&movement.carrier)?;
        if let Some(post) = &movement.current_post {
            check_text(post)?;
        }
        if movement.last_entry_index >= tree_size {
            return invalid(format!(
                "movement {} names entry {} beyond the batch",
                movement.reference, movement.last_entry_index
            ));
        }
    }
    for line in &projections.movement_history {
        check_text(&line.reference)?;
        if !in_batch.contains(&line.entry_index) {
            return invalid(format!(
                "history of {} names entry {} outside the batch",
                line.reference, line.entry_index
            ));
        }
    }
    let mut posting_keys = HashSet::with_capacity(projections.postings.len());
    for posting in &projections.postings {
        check_text(&posting.account)?;
        check_text(&posting.currency)?;
        if !in_batch.contains(&posting.entry_index) {
            return invalid(format!(
                "posting to {} names entry {} outside the batch",
                posting.account, posting.entry_index
            ));
        }
        if !posting_keys.insert((posting.entry_index, posting.ordinal)) {
            return invalid(format!(
                "two postings share entry {} and ordinal {}",
                posting.entry_index, posting.ordinal
            ));
        }
    }
    let mut observation_entries = HashSet::with_capacity(projections.observations.len());
    for observation in &projections.observations {
        check_text(&observation.post)?;
        check_text(&observation.category)?;
        check_text(&observation.summary)?;
        if let Some(to) = &observation.segment_to {
            check_text(to)?;
        }
        if !in_batch.contains(&observation.entry_index) {
            return invalid(format!(
                "an observation names entry {} outside the batch",
                observation.entry_index
            ));
        }
        if !observation_entries.insert(observation.entry_index) {
            return invalid(format!("two observations name entry {}", observation.entry_index));
        }
    }
    for incident in &projections.incidents {
        check_text(&incident.id)?;
        check_text(&incident.kind)?;
        check_text(&incident.status)?;
        if incident.last_entry_index >= tree_size {
            return invalid(format!(
                "incident {} names entry {} beyond the batch",
                incident.id, incident.last_entry_index
            ));
        }
    }
    Ok(tree_size)
}

/// Does a tile holding positions `index·256 .. index·256 + width` fit within `available`?
fn tile_fits(index: u64, width: u16, available: u64) -> bool {
    index
        .checked_mul(256)
        .and_then(|start| start.checked_add(u64::from(width)))
        .is_some_and(|end| end <= available)
}

/// A tile or bundle width is 1 to 256.
pub(crate) fn check_width(width: u16) -> Result<(), StoreError> {
    if width == 0 || width > TILE_WIDTH_MAX {
        return Err(StoreError::InvalidBatch(format!(
            "tile width {width} is outside 1..={TILE_WIDTH_MAX}"
        )));
    }
    Ok(())
}

fn check_text(text: &str) -> Result<(), StoreError> {
    if text.len() > TEXT_BYTES_MAX {
        return Err(StoreError::InvalidBatch(format!(
            "a text field of {} bytes is longer than {TEXT_BYTES_MAX}",
            text.len()
        )));
    }
    Ok(())
}

/// A checkpoint note is at most [`CHECKPOINT_NOTE_BYTES_MAX`] bytes.
pub(crate) fn check_checkpoint_note(note: &str) -> Result<(), StoreError> {
    if note.len() > CHECKPOINT_NOTE_BYTES_MAX {
        return Err(StoreError::InvalidBatch(format!(
            "a checkpoint note of {} bytes is longer than {CHECKPOINT_NOTE_BYTES_MAX}",
            note.len()
        )));
    }
    Ok(())
}

/// A tile asked for by a reader: level 0 to 63, width 1 to 256.
pub(crate) fn check_tile_query(level: u8, width: u16) -> Result<(), StoreError> {
    if level > TILE_LEVEL_MAX || width == 0 || width > TILE_WIDTH_MAX {
        return Err(StoreError::InvalidQuery(format!(
            "tile level {level} width {width}: levels are 0..={TILE_LEVEL_MAX}, widths 1..={TILE_WIDTH_MAX}"
        )));
    }
    Ok(())
}

/// An entries read asks for 1 to [`ENTRIES_READ_MAX`] entries.
pub(crate) fn check_entries_limit(limit: u32) -> Result<(), StoreError> {
    if limit == 0 || limit > ENTRIES_READ_MAX {
        return Err(StoreError::InvalidQuery(format!(
            "reading {limit} entries: a read takes 1..={ENTRIES_READ_MAX}"
        )));
    }
    Ok(())
}

/// A statement lookup asks for at most [`STATEMENT_LOOKUP_MAX`] hashes.
pub(crate) fn check_lookup(count: usize) -> Result<(), StoreError> {
    if count > STATEMENT_LOOKUP_MAX {
        return Err(StoreError::InvalidQuery(format!(
            "looking up {count} statements: a lookup takes at most {STATEMENT_LOOKUP_MAX}"
        )));
    }
    Ok(())
}

/// Page sizes are 1 to [`PAGE_SIZE_MAX`].
pub(crate) fn check_limit(limit: u32) -> Result<(), StoreError> {
    if limit == 0 || limit > PAGE_SIZE_MAX {
        return Err(StoreError::InvalidQuery(format!(
            "page size {limit} is outside 1..={PAGE_SIZE_MAX}"
        )));
    }
    Ok(())
}

/// An index or size as the databases store it.
pub(crate) fn to_sql_index(value: u64) -> Result<i64, StoreError> {
    i64::try_from(value)
        .map_err(|_| StoreError::InvalidQuery(format!("index {value} is beyond the store's range")))
}

/// An index or size read back from the database.
pub(crate) fn from_sql_index(value: i64) -> Result<u64, StoreError> {
    u64::try_from(value).map_err(|_| StoreError::Corrupt(format!("negative index {value}")))
}

/// A statement hash read back from the database.
pub(crate) fn to_sha256(bytes: &[u8]) -> Result<[u8; 32], StoreError> {
    bytes
        .try_into()
        .map_err(|_| StoreError::Corrupt(format!("a statement hash of {} bytes", bytes.len())))
}

/// The first `width` hashes of a stored tile, if it is that wide: hash tiles only grow at the
/// right, so every partial tile a checkpoint needs is a prefix of the widest one.
pub(crate) fn tile_prefix(hashes: &[u8], width: u16) -> Option<&[u8]> {
    hashes.get(..usize::from(width) * 32)
}

/// The first `width` entries of a stored bundle, walking the 16-bit length prefixes.
pub fn bundle_prefix(bytes: &[u8], width: u16) -> Option<&[u8]> {
    let mut offset = 0usize;
    for _ in 0..width {
        let prefix = bytes.get(offset..offset + 2)?;
        let length = usize::from(u16::from_be_bytes([prefix[0], prefix[1]]));
        offset += 2 + length;
        if offset > bytes.len() {
            return None;
        }
    }
    Some(&bytes[..offset])
}

/// Keeps the last row for each key, in the order of their last occurrence: a database
/// upsert of several rows with one key in one statement is refused by PostgreSQL and
/// order-dependent in SQLite, so both backends write exactly one row per key.
pub(crate) fn last_per_key<'a, T, K: std::hash::Hash + Eq>(
    rows: &'a [T],
    key: impl Fn(&'a T) -> K,
) -> Vec<&'a T> {
    let mut seen = HashSet::with_capacity(rows.len());
    let mut kept: Vec<&T> = rows.iter().rev().filter(|row| seen.insert(key(row))).collect();
    kept.reverse();
    kept
}

/// Refuses payloads out of bounds, before anything is written.
pub(crate) fn check_payloads(payloads: &[crate::PayloadRow]) -> Result<(), StoreError> {
    use crate::{PAYLOAD_BYTES_MAX, PAYLOAD_FIELD_BYTES_MAX, PAYLOADS_PER_CALL_MAX};
    if payloads.len() > PAYLOADS_PER_CALL_MAX {
        return Err(StoreError::InvalidBatch(format!(
            "{} payloads in one call; at most {PAYLOADS_PER_CALL_MAX}",
            payloads.len()
        )));
    }
    for row in payloads {
        to_sql_index(row.entry_index)?;
        if row.field.is_empty() || row.field.len() > PAYLOAD_FIELD_BYTES_MAX {
            return Err(StoreError::InvalidBatch(format!(
                "payload field `{}` is not 1 to {PAYLOAD_FIELD_BYTES_MAX} bytes",
                row.field
            )));
        }
        if row.payload.len() > PAYLOAD_BYTES_MAX {
            return Err(StoreError::InvalidBatch(format!(
                "payload {} of entry {} is {} bytes; at most {PAYLOAD_BYTES_MAX}",
                row.field,
                row.entry_index,
                row.payload.len()
            )));
        }
    }
    Ok(())
}

/// A payload row read back, its fixed-size columns checked.
pub(crate) fn payload_row(
    entry_index: u64,
    field: String,
    commitment: &[u8],
    salt: &[u8],
    payload: Vec<u8>,
) -> Result<crate::PayloadRow, StoreError> {
    let corrupt = || StoreError::Corrupt(format!("payload {field} of entry {entry_index}"));
    let commitment = commitment.try_into().map_err(|_| corrupt())?;
    let salt = salt.try_into().map_err(|_| corrupt())?;
    Ok(crate::PayloadRow { entry_index, field, commitment, salt, payload })
}

/// Checks a chunk of a snapshot written outside the batches.
pub(crate) fn check_snapshot_chunk(chunk: &crate::SnapshotChunk) -> Result<(), StoreError> {
    if chunk.tree_size > INDEX_MAX {
        return Err(StoreError::InvalidBatch(format!(
            "a snapshot at {} entries is beyond the store's range",
            chunk.tree_size
        )));
    }
    if chunk.index >= crate::SNAPSHOT_CHUNKS_MAX {
        return Err(StoreError::InvalidBatch(format!(
            "snapshot chunk {} is past the {} a snapshot may have",
            chunk.index,
            crate::SNAPSHOT_CHUNKS_MAX
        )));
    }
    if chunk.bytes.is_empty() || chunk.bytes.len() > crate::SNAPSHOT_CHUNK_BYTES {
        return Err(StoreError::InvalidBatch(format!(
            "snapshot chunk {} has {} bytes; a chunk has 1 to {}",
            chunk.index,
            chunk.bytes.len(),
            crate::SNAPSHOT_CHUNK_BYTES
        )));
    }
    Ok(())
}

/// Checks what completes a snapshot, before the database is asked.
pub(crate) fn check_snapshot_head(head: &crate::SnapshotHead) -> Result<(), StoreError> {
    let invalid = |message: String| Err(StoreError::InvalidBatch(message));
    if head.tree_size > INDEX_MAX {
        return invalid(format!(
            "a snapshot at {} entries is beyond the store's range",
            head.tree_size
        ));
    }
    if head.chunk_count == 0 || head.chunk_count > crate::SNAPSHOT_CHUNKS_MAX {
        return invalid(format!(
            "a snapshot of {} chunks; it has 1 to {}",
            head.chunk_count,
            crate::SNAPSHOT_CHUNKS_MAX
        ));
    }
    if let Some(root) = &head.root
        && root.len() != 32
    {
        return invalid(format!("the state snapshot's root has {} bytes, not 32", root.len()));
    }
    Ok(())
}

/// Refuses a snapshot covering more entries than the log holds (`log_size`), read in the
/// transaction that completes it.
pub(crate) fn check_snapshot_within_log(
    head: &crate::SnapshotHead,
    log_size: u64,
) -> Result<(), StoreError> {
    if head.tree_size > log_size {
        return Err(StoreError::InvalidBatch(format!(
            "the state snapshot covers {} entries but the log holds {log_size}",
            head.tree_size
        )));
    }
    Ok(())
}

/// A snapshot cut into the chunks [`crate::Store::write_snapshot`] stores, with the head
/// that completes them; checked as [`check_snapshot_chunk`] and [`check_snapshot_head`].
pub(crate) fn snapshot_chunks(
    snapshot: crate::StateSnapshot,
) -> Result<(crate::SnapshotHead, Vec<crate::SnapshotChunk>), StoreError> {
    let crate::StateSnapshot { tree_size, root, digest, state } = snapshot;
    let chunks: Vec<crate::SnapshotChunk> = state
        .chunks(crate::SNAPSHOT_CHUNK_BYTES)
        .enumerate()
        .map(|(index, bytes)| crate::SnapshotChunk {
            tree_size,
            index: u32::try_from(index).unwrap_or(u32::MAX),
            bytes: bytes.to_vec(),
        })
        .collect();
    let chunk_count = u32::try_from(chunks.len()).unwrap_or(u32::MAX);
    let head = crate::SnapshotHead { tree_size, root, digest, chunk_count };
    check_snapshot_head(&head)?;
    for chunk in &chunks {
        check_snapshot_chunk(chunk)?;
    }
    Ok((head, chunks))
}

/// The state of a chunked snapshot from its chunks as read (index, bytes) in index order;
/// [`StoreError::Corrupt`] unless they are exactly chunks `0..chunk_count`.
pub(crate) fn join_snapshot_chunks(
    tree_size: u64,
    chunk_count: u64,
    chunks: Vec<(u64, Vec<u8>)>,
) -> Result<Vec<u8>, StoreError> {
    let dense = chunks.len() as u64 == chunk_count
        && chunks.iter().enumerate().all(|(position, (index, _))| *index == position as u64);
    if !dense {
        return Err(StoreError::Corrupt(format!(
            "the snapshot at {tree_size} entries should have {chunk_count} chunks, {} are stored",
            chunks.len()
        )));
    }
    let mut state = Vec::with_capacity(chunks.iter().map(|(_, bytes)| bytes.len()).sum());
    for (_, bytes) in chunks {
        state.extend_from_slice(&bytes);
    }
    Ok(state)
}

/// Checks a nonce before it is remembered.
pub(crate) fn check_nonce(
    nonce: &crate::RequestNonce,
    per_reader_max: u32,
) -> Result<(), StoreError> {
    if nonce.nonce.is_empty() || nonce.nonce.len() > crate::NONCE_BYTES_MAX {
        return Err(StoreError::InvalidQuery(format!(
            "a nonce is 1 to {} bytes",
            crate::NONCE_BYTES_MAX
        )));
    }
    if per_reader_max == 0 {
        return Err(StoreError::InvalidQuery("a reader may hold at least one nonce".into()));
    }
    Ok(())
}

/// Checks figures before they are stored: a size within the store's range, a 32-byte
/// digest, and text of at most [`FIGURES_BYTES_MAX`](crate::FIGURES_BYTES_MAX) bytes.
pub(crate) fn check_figures(figures: &crate::CheckpointFigures) -> Result<i64, StoreError> {
    if figures.tree_size == 0 {
        return Err(StoreError::InvalidBatch("figures for an empty log".into()));
    }
    if figures.state_digest.len() != 32 {
        return Err(StoreError::InvalidBatch("a state digest is 32 bytes".into()));
    }
    if figures.figures.len() > crate::FIGURES_BYTES_MAX {
        return Err(StoreError::InvalidBatch(format!(
            "figures of more than {} bytes",
            crate::FIGURES_BYTES_MAX
        )));
    }
    to_sql_index(figures.tree_size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_prefix_walks_length_prefixes() {
        let bundle = [0, 1, b'a', 0, 2, b'b', b'c', 0, 0];
        assert_eq!(bundle_prefix(&bundle, 1), Some(&bundle[..3]));
        assert_eq!(bundle_prefix(&bundle, 2), Some(&bundle[..7]));
        assert_eq!(bundle_prefix(&bundle, 3), Some(&bundle[..]));
        assert_eq!(bundle_prefix(&bundle, 4), None);
        assert_eq!(bundle_prefix(&[0, 5, 1], 1), None);
    }

    #[test]
    fn tiles_fit_only_below_the_size() {
        assert!(tile_fits(0, 256, 256));
        assert!(!tile_fits(0, 256, 255));
        assert!(tile_fits(1, 3, 259));
        assert!(!tile_fits(1, 4, 259));
        assert!(!tile_fits(u64::MAX, 1, u64::MAX));
    }

    #[test]
    fn last_per_key_keeps_the_last_row_of_each_key() {
        let rows = [("a", 1), ("b", 2), ("a", 3), ("c", 4), ("b", 5)];
        let kept: Vec<_> = last_per_key(&rows, |row| row.0).into_iter().copied().collect();
        assert_eq!(kept, [("a", 3), ("c", 4), ("b", 5)]);
    }
}
