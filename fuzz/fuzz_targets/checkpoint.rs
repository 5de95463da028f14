//! Fuzz target `checkpoint`: the body is `passage_fuzz_targets::checkpoint`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| passage_fuzz::run("checkpoint", data));
