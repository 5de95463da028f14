//! The discrete-event simulator that drives the domain core under a regime. Pure: seeded
//! randomness and virtual time, no IO.
