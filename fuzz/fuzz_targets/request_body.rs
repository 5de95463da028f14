//! Fuzz target `request_body`: the body is `passage_fuzz_targets::request_body`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| passage_fuzz::run("request_body", data));
