//! Fuzz target `identifiers`: the body is `passage_fuzz_targets::identifiers`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| passage_fuzz::run("identifiers", data));
