//! The core's integration tests, in one binary: the shipped documents, the statement
//! encoding byte for byte, the laws (replay gives the live state, money is conserved),
//! refusals, whole scenarios, signatures and the state snapshot.

mod documents;
mod encoding;
mod laws;
mod refusals;
mod scenarios;
mod signatures;
mod snapshot;
