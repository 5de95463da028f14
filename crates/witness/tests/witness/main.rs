//! The witness crate's tests, one binary: the server through its router (`server`) and the
//! client against servers on loopback (`client`).

mod client;
mod server;
