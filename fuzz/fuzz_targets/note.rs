//! Fuzz target `note`: the body is `passage_fuzz_targets::note`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| passage_fuzz::run("note", data));
