//! Fuzz target `key`: the body is `passage_fuzz_targets::key`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| passage_fuzz::run("key", data));
