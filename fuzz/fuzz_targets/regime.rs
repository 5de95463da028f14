//! Fuzz target `regime`: the body is `passage_fuzz_targets::regime`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| passage_fuzz::run("regime", data));
