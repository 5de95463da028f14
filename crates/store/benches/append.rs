//! Durable batched append throughput of both backends (written next).

fn main() {}
