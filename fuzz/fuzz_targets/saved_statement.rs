//! Fuzz target `saved_statement`: the body is `passage_fuzz_targets::saved_statement`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| passage_fuzz::run("saved_statement", data));
