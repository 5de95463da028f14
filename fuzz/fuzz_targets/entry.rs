//! Fuzz target `entry`: the body is `passage_fuzz_targets::entry`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| passage_fuzz::run("entry", data));
