//! The log crate's integration tests, in one binary: known answers from the standards,
//! notes and receipts end to end, parsers under random input, the tree's laws, and the
//! witness's decision.

mod known_answers;
mod notes;
mod parsers;
mod tree;
mod witness;
