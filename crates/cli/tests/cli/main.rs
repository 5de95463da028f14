//! The `passage` command's integration tests, in one binary: each runs the real binary as
//! separate processes (operators' and authorities' commands, the demo, followers, crashes,
//! audits, witnesses, payloads, the log folder, the simulator, and the README's
//! walk-through as a script).

mod audit_replay;
mod authorities;
mod common;
mod connections;
mod crash;
mod demo;
mod duplicate;
mod endless_answers;
mod followers;
mod languages;
mod log_folder;
mod monitoring;
mod node_e2e;
mod operator;
mod operator_path;
mod payloads;
mod procedure_e2e;
mod processes;
mod simulate;
mod walkthrough;
mod witness_e2e;
