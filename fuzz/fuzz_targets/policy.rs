//! Fuzz target `policy`: the body is `passage_fuzz_targets::policy`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| passage_fuzz::run("policy", data));
