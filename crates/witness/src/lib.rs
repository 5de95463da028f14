//! What a witness operator runs, and what a log uses to reach witnesses: the
//! c2sp.org/tlog-witness server ([`server`]: `add-checkpoint`, the latest cosigned checkpoint
//! per log, the evidence of refused forks, its state in one SQLite file guarded against
//! rollback) and the log's witness client ([`client`]: a checkpoint sent to every witness of
//! a trust policy, conflicts answered with consistency proofs, cosignatures verified and the
//! quorum checked).
//!
//! The cosigning decision itself is pure and lives in `passage_log`
//! (`check_add_checkpoint`); this crate adds state, HTTP and the clock. It depends on neither
//! the node nor its store nor the corridor's core, so a witness builds without them.

pub mod client;
pub mod server;
#[cfg(feature = "testing")]
pub mod testing;
