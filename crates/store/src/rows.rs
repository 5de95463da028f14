//! Plain row types: what the node hands the store and reads back.
//!
//! The store knows nothing of the log or the core: these rows carry strings, integers and
//! bytes, and the node maps its own values to and from them. Indexes and sizes are `u64`
//! (the log's type); they are stored as signed 64-bit integers, so every index must stay
//! below 2^63, which the store checks at its boundary.

/// One entry of the log: a signed statement as sequenced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Position in the log, dense from 0.
    pub index: u64,
    /// The entry bytes exactly as hashed into the Merkle tree (at most
    /// [`ENTRY_BYTES_MAX`](crate::ENTRY_BYTES_MAX)).
    pub bytes: Vec<u8>,
    /// SHA-256 of the signed statement; unique in the log, so a resubmitted statement is
    /// found and answered with its first index.
    pub statement_sha256: [u8; 32],
    /// The time the sequencer gave the entry, in milliseconds since the Unix epoch.
    pub sequenced_at_ms: i64,
}

/// A C2SP tlog-tiles hash tile: `width` hashes of 32 bytes at (`level`, `index`).
///
/// A partial tile (width below 256) at the right edge is replaced by each wider version
/// until it is full; the store keeps the widest and serves narrower widths as prefixes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HashTile {
    /// Tile level, 0 (leaf hashes) to [`TILE_LEVEL_MAX`](crate::TILE_LEVEL_MAX).
    pub level: u8,
    /// Tile index within its level.
    pub index: u64,
    /// Number of hashes, 1 to [`TILE_WIDTH_MAX`](crate::TILE_WIDTH_MAX).
    pub width: u16,
    /// `width` × 32 bytes.
    pub hashes: Vec<u8>,
}

/// A C2SP tlog-tiles entry bundle: `width` entries, each prefixed by its big-endian
/// 16-bit length. Partial bundles grow like partial tiles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryBundle {
    /// Bundle index: the bundle holds entries `index·256 .. index·256 + width`.
    pub index: u64,
    /// Number of entries, 1 to [`TILE_WIDTH_MAX`](crate::TILE_WIDTH_MAX).
    pub width: u16,
    /// The bundle's bytes as served.
    pub bytes: Vec<u8>,
}

/// A signed checkpoint note to store (c2sp.org/tlog-checkpoint text with its signatures).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCheckpoint {
    /// The tree size the checkpoint commits to.
    pub tree_size: u64,
    /// The whole signed note, as served.
    pub signed_note: String,
}

/// A stored checkpoint with what the publisher added later.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckpointRow {
    /// The tree size the checkpoint commits to.
    pub tree_size: u64,
    /// The note as the log signed it.
    pub signed_note: String,
    /// The note with the witnesses' cosignatures added, once collected.
    pub cosigned_note: Option<String>,
    /// When the publisher published it (ms since epoch); `None` while unpublished.
    pub published_at_ms: Option<i64>,
}

/// The projection of one movement, upserted by `reference`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MovementRow {
    /// Movement reference number (MRN).
    pub reference: String,
    /// Status as the core names it (for example `declared`, `released`).
    pub status: String,
    /// The declaring carrier's identifier.
    pub carrier: String,
    /// When the movement was declared (ms since epoch).
    pub declared_at_ms: i64,
    /// The post the movement was last seen at, if any.
    pub current_post: Option<String>,
    /// Index of the last entry that changed this movement.
    pub last_entry_index: u64,
    /// Opaque bytes the node can decode into the full movement.
    pub snapshot: Vec<u8>,
}

/// One line of a movement's history: the movement was touched by the entry at `entry_index`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MovementHistoryRow {
    /// Movement reference number.
    pub reference: String,
    /// Index of the entry.
    pub entry_index: u64,
    /// The movement's status at the end of the batch that wrote this line: so the status
    /// on a movement's last line below a batch boundary is its status at that size.
    pub status: String,
}

/// What the node published about its state at a checkpoint's size: the core's state digest
/// and the figures (statistics, balances) as the node renders them. Kept for the newest
/// [`CHECKPOINT_FIGURES_KEPT`](crate::CHECKPOINT_FIGURES_KEPT) checkpoints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckpointFigures {
    /// The checkpoint's tree size.
    pub tree_size: u64,
    /// The core's state digest at that size (32 bytes).
    pub state_digest: Vec<u8>,
    /// The figures, as the node renders them (JSON); at most
    /// [`FIGURES_BYTES_MAX`](crate::FIGURES_BYTES_MAX) bytes.
    pub figures: String,
}

/// The nonce of a signed read, remembered until `expires_at_ms`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestNonce {
    /// The reader's public key.
    pub reader: [u8; 32],
    /// The nonce, at most [`NONCE_BYTES_MAX`](crate::NONCE_BYTES_MAX) bytes.
    pub nonce: String,
    /// Until when it is remembered (ms since the epoch): when its request's timestamp
    /// leaves the node's window.
    pub expires_at_ms: i64,
}

/// What [`Store::admit_nonce`](crate::Store::admit_nonce) decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NonceAdmission {
    /// First seen: remembered now.
    Admitted,
    /// The reader used this nonce before, and it has not expired.
    Replayed,
    /// The reader holds as many unexpired nonces as allowed; nothing was remembered.
    ReaderFull,
}

/// A movement's status as of a size: the status on its last history line below that size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MovementStatusRow {
    /// Movement reference number.
    pub reference: String,
    /// Its status at the size asked for.
    pub status: String,
    /// The last entry below that size that changed it.
    pub last_entry_index: u64,
    /// The entry of its latest change, when that is at or after the size (the row as it
    /// is now); `None` when it has not changed since.
    pub changed_since: Option<u64>,
}

/// Movements as of a size, in reference order: those declared below `at`, each with its
/// status then. `at` must be the end of a batch (every checkpoint's size is one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MovementStatusQuery {
    /// The tree size.
    pub at: u64,
    /// Start after this reference (`None` for the first page).
    pub after: Option<String>,
    /// Page size, 1 to [`PAGE_SIZE_MAX`](crate::PAGE_SIZE_MAX).
    pub limit: u32,
}

/// One ledger posting. `(entry_index, ordinal)` is unique.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostingRow {
    /// Index of the entry that produced the posting.
    pub entry_index: u64,
    /// Position of this posting among the postings of its entry (0, 1, ...).
    pub ordinal: u32,
    /// Account identifier.
    pub account: String,
    /// ISO 4217 currency code.
    pub currency: String,
    /// Signed amount in minor units.
    pub amount_minor: i64,
    /// Time of the posting (the entry's sequencing time, ms since epoch).
    pub at_ms: i64,
}

/// The projection of one incident, upserted by `id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncidentRow {
    /// Incident identifier.
    pub id: String,
    /// The movement concerned, if any.
    pub movement_reference: Option<String>,
    /// The post the movement was at when the incident last changed (opened or closed), if
    /// any.
    pub post: Option<String>,
    /// The post the movement was at when the incident was opened, if any.
    pub reported_post: Option<String>,
    /// Kind as the core names it (for example `overdue`, `seal_mismatch`).
    pub kind: String,
    /// Status as the core names it (for example `open`, `closed`).
    pub status: String,
    /// When it was opened (ms since epoch).
    pub opened_at_ms: i64,
    /// Index of the last entry that changed it.
    pub last_entry_index: u64,
    /// Opaque bytes the node can decode into the full incident.
    pub snapshot: Vec<u8>,
}

/// The core's serialized state after folding the first `tree_size` entries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateSnapshot {
    /// Number of entries folded into `state`.
    pub tree_size: u64,
    /// The root of the log's tree at `tree_size` (32 bytes), which recovery checks against
    /// the stored tiles; `None` for a snapshot stored before roots were recorded.
    pub root: Option<Vec<u8>>,
    /// The core's digest of `state`, checked by the node after decoding.
    pub digest: Vec<u8>,
    /// The serialized state.
    pub state: Vec<u8>,
}

/// One chunk of a state snapshot being written outside the batches
/// ([`Store::save_snapshot_chunk`](crate::Store::save_snapshot_chunk)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotChunk {
    /// The tree size of the snapshot it belongs to.
    pub tree_size: u64,
    /// Its place among the snapshot's chunks, from 0.
    pub index: u32,
    /// Its bytes: at most [`SNAPSHOT_CHUNK_BYTES`](crate::SNAPSHOT_CHUNK_BYTES), in order,
    /// the snapshot's state cut into pieces.
    pub bytes: Vec<u8>,
}

/// What makes stored chunks a complete state snapshot
/// ([`Store::complete_snapshot`](crate::Store::complete_snapshot)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotHead {
    /// Number of entries folded into the state.
    pub tree_size: u64,
    /// The root of the log's tree at `tree_size` (32 bytes).
    pub root: Option<Vec<u8>>,
    /// The core's digest of the state.
    pub digest: Vec<u8>,
    /// How many chunks hold the state (1 or more).
    pub chunk_count: u32,
}

/// The projection rows a batch produced; all upserted in the batch's transaction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Projections {
    /// Movements to insert or replace (the last row for a reference wins).
    pub movements: Vec<MovementRow>,
    /// History lines to add.
    pub movement_history: Vec<MovementHistoryRow>,
    /// Postings to add.
    pub postings: Vec<PostingRow>,
    /// Incidents to insert or replace (the last row for an id wins).
    pub incidents: Vec<IncidentRow>,
    /// Monitors' observations to add, one per `observe` entry.
    pub observations: Vec<ObservationRow>,
}

/// A monitor's observation as the public reads it: where, what kind, the summary, and how
/// many attachments it committed to. The details and the attachments themselves stay
/// payloads behind the entry's commitments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObservationRow {
    /// The `observe` entry.
    pub entry_index: u64,
    /// When it was sequenced (ms since 1970).
    pub observed_at_ms: i64,
    /// The post it was made at, or the post its segment starts at.
    pub post: String,
    /// The post its segment ends at, for an observation on a segment.
    pub segment_to: Option<String>,
    /// Metres from `post` along the segment, for an observation on a segment.
    pub position_m: Option<i64>,
    /// The public category (`queue`, `conduct`, ...).
    pub category: String,
    /// The monitor's public summary.
    pub summary: String,
    /// How many attachments it committed to.
    pub attachments: u32,
}

/// A page of the observations: newest first, before an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObservationQuery {
    /// Observations of entries before this one; the newest when `None`.
    pub before: Option<u64>,
    /// Page size, 1 to [`PAGE_SIZE_MAX`](crate::PAGE_SIZE_MAX).
    pub limit: u32,
}

/// Everything one sequencer batch writes, committed in one durable transaction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppendBatch {
    /// The new entries, dense, the first at the log's current size.
    pub entries: Vec<Entry>,
    /// The hash tiles the batch changed (full and partial).
    pub hash_tiles: Vec<HashTile>,
    /// The entry bundles the batch changed (full and partial).
    pub entry_bundles: Vec<EntryBundle>,
    /// A checkpoint signed for a size at most the size after the batch.
    pub checkpoint: Option<NewCheckpoint>,
    /// The core's projections after the batch.
    pub projections: Projections,
}

/// What a committed batch reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Appended {
    /// Index of the batch's first entry.
    pub first_index: u64,
    /// The log's size after the batch.
    pub tree_size: u64,
}

/// A statement found in the log by its hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatementIndex {
    /// SHA-256 of the signed statement.
    pub statement_sha256: [u8; 32],
    /// Index of the entry that holds it.
    pub index: u64,
}

/// What the node needs at start to resume: it decodes the snapshot, then replays the
/// entries `replay_from .. tree_size` (read them with [`EntryCursor`](crate::EntryCursor)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recovery {
    /// Number of entries in the log.
    pub tree_size: u64,
    /// The newest signed checkpoint, published or not.
    pub latest_checkpoint: Option<CheckpointRow>,
    /// The newest published checkpoint.
    pub latest_published_checkpoint: Option<CheckpointRow>,
    /// The newest state snapshot.
    pub snapshot: Option<StateSnapshot>,
    /// First entry not folded into `snapshot` (0 without a snapshot).
    pub replay_from: u64,
}

/// A half-open time range `[from_ms, until_ms)`; `None` leaves that side open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Period {
    /// Inclusive lower bound (ms since epoch).
    pub from_ms: Option<i64>,
    /// Exclusive upper bound (ms since epoch).
    pub until_ms: Option<i64>,
}

/// Filters for movements; every `Some` must match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MovementFilter {
    /// Current post.
    pub post: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Carrier.
    pub carrier: Option<String>,
    /// Declaration time range.
    pub declared: Period,
}

/// Keyset position in a movement search: the last row of the previous page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MovementCursor {
    /// `declared_at_ms` of the last row returned.
    pub declared_at_ms: i64,
    /// `reference` of the last row returned.
    pub reference: String,
}

/// Which end of the `(declared_at_ms, reference)` order a movement search starts from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MovementOrder {
    /// Earliest declared first (the default).
    #[default]
    OldestFirst,
    /// Latest declared first: what a monitor wants to see first.
    NewestFirst,
}

/// A movement search: rows in `(declared_at_ms, reference)` order, ascending or descending,
/// after `after` in that order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MovementQuery {
    /// What to match.
    pub filter: MovementFilter,
    /// Direction of the order.
    pub order: MovementOrder,
    /// Start after this row, in `order` (`None` for the first page).
    pub after: Option<MovementCursor>,
    /// Page size, 1 to [`PAGE_SIZE_MAX`](crate::PAGE_SIZE_MAX).
    pub limit: u32,
}

/// Keyset position in an incident search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncidentCursor {
    /// `opened_at_ms` of the last row returned.
    pub opened_at_ms: i64,
    /// `id` of the last row returned.
    pub id: String,
}

/// An incident search: rows in `(opened_at_ms, id)` order, after `after`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncidentQuery {
    /// Only incidents of this movement.
    pub movement_reference: Option<String>,
    /// Only incidents with this status.
    pub status: Option<String>,
    /// Only incidents whose movement was at this post when they last changed.
    pub post: Option<String>,
    /// Only incidents opened while the movement was at this post.
    pub reported_post: Option<String>,
    /// Only incidents opened in this range.
    pub opened: Period,
    /// Start after this row.
    pub after: Option<IncidentCursor>,
    /// Page size, 1 to [`PAGE_SIZE_MAX`](crate::PAGE_SIZE_MAX).
    pub limit: u32,
}

/// Sum of postings per account and currency over a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BalanceQuery {
    /// One account, or every account.
    pub account: Option<String>,
    /// Postings whose `at_ms` lies in this range. An opening balance is the period
    /// `[None, from)`, a closing balance `[None, until)`.
    pub period: Period,
}

/// One balance line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BalanceRow {
    /// Account identifier.
    pub account: String,
    /// Currency code.
    pub currency: String,
    /// Sum of the amounts, in minor units.
    pub amount_minor: i64,
}

/// Keyset position in a statement of account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PostingCursor {
    /// `entry_index` of the last posting returned.
    pub entry_index: u64,
    /// `ordinal` of the last posting returned.
    pub ordinal: u32,
}

/// A statement of account: one account's postings in `(entry_index, ordinal)` order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostingQuery {
    /// The account.
    pub account: String,
    /// Postings whose `at_ms` lies in this range.
    pub period: Period,
    /// Start after this posting.
    pub after: Option<PostingCursor>,
    /// Page size, 1 to [`PAGE_SIZE_MAX`](crate::PAGE_SIZE_MAX).
    pub limit: u32,
}

/// A count per status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusCount {
    /// Status name.
    pub status: String,
    /// How many rows have it.
    pub count: u64,
}

/// One page of a keyset-paginated search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page<T, C> {
    /// The rows, at most the query's limit.
    pub items: Vec<T>,
    /// Where the next page starts; `None` when this page is the last.
    pub next: Option<C>,
}

/// A confidential payload: the clear data behind one of an entry's commitments, with the
/// salt that opens it. `(entry_index, field)` is unique; a stored payload never changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PayloadRow {
    /// The entry whose statement holds the commitment.
    pub entry_index: u64,
    /// Which commitment of the statement (`consignee`, `goods/0/value`, `findings`, ...).
    pub field: String,
    /// The commitment, as in the statement.
    pub commitment: [u8; 32],
    /// The salt.
    pub salt: [u8; 32],
    /// The payload, at most [`PAYLOAD_BYTES_MAX`](crate::PAYLOAD_BYTES_MAX) bytes.
    pub payload: Vec<u8>,
}

/// Keyset position in a movement's payloads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PayloadCursor {
    /// `entry_index` of the last row returned.
    pub entry_index: u64,
    /// `field` of the last row returned.
    pub field: String,
}

/// The payloads of one movement's entries: rows in `(entry_index, field)` order (fields in
/// byte order), after `after`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MovementPayloadQuery {
    /// The movement's reference.
    pub reference: String,
    /// Start after this row (`None` for the first page).
    pub after: Option<PayloadCursor>,
    /// Page size, 1 to [`PAGE_SIZE_MAX`](crate::PAGE_SIZE_MAX).
    pub limit: u32,
}

/// The node that sequences, as it advertised itself when elected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeaderRow {
    /// Its API's base URL, where the other nodes forward writes.
    pub api_url: String,
    /// When it was elected (ms since the epoch).
    pub since_ms: i64,
}
