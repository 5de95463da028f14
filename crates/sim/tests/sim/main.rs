//! The simulator's integration tests, in one binary: the core in the loop, the corridor
//! model, the queueing models against theory, and the search for a regime frontier.

mod core_loop;
mod corridor;
mod queueing_theory;
mod search;
