//! The verifiable log: RFC 6962 Merkle trees, C2SP tiles, signed notes, checkpoints,
//! cosignatures, offline receipts and trust policies. Pure: no IO.
