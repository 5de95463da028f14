//! Fuzz target `declaration`: the body is `passage_fuzz_targets::declaration`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| passage_fuzz::run("declaration", data));
