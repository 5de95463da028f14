//! Fuzz target `statement`: the body is `passage_fuzz_targets::statement`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| passage_fuzz::run("statement", data));
