//! The node: HTTP API, sequencer, publisher, tile server, witness server and dashboard.
