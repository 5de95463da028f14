//! The node: HTTP API, sequencer, publisher, tile server, witness server and dashboard.

pub mod audit;
pub mod folder_server;
pub mod witness;
pub mod witness_client;
