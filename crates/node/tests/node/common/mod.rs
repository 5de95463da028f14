//! Shared fixtures for the node's tests: a node with its corridor (`node`). The log and
//! witness fixtures are the log's and the witness crate's (`testing` features).

#![allow(dead_code)]

pub mod node;
