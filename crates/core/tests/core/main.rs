//! The core's integration tests, in one binary: the shipped documents, the statement
//! encoding byte for byte, the laws (replay gives the live state, money is conserved),
//! refusals, whole scenarios, signatures, the state snapshot, the inspection draw, and the
//! test vectors that other implementations of the encoding reproduce.

mod digest;
mod documents;
mod draw;
mod encoding;
mod guarantees;
mod laws;
mod monitoring;
mod procedure;
mod refusals;
mod scenarios;
mod signatures;
mod snapshot;
mod vectors;
