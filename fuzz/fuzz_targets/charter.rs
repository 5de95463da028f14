//! Fuzz target `charter`: the body is `passage_fuzz_targets::charter`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| passage_fuzz::run("charter", data));
