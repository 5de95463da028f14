//! The node's integration tests, in one binary: the HTTP API, the dashboard, the daily
//! report and the post terminal in a browser, the terminal's JavaScript under Node, interoperability with other
//! tlog clients, leadership among several nodes, the OpenAPI document, publication with
//! witnesses, sequencing, snapshots, and the store failing under the sequencer.

mod api;
mod charter;
mod common;
mod connections;
mod daily_report;
mod dashboard;
mod interop;
mod leadership;
mod openapi;
mod publisher;
mod schemas;
mod sequencing;
mod snapshots;
mod store_faults;
mod terminal;
