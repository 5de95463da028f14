//! Fuzz target `witness_request`: the body is `passage_fuzz_targets::witness_request`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| passage_fuzz::run("witness_request", data));
