//! Fuzz target `receipt`: the body is `passage_fuzz_targets::receipt`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| passage_fuzz::run("receipt", data));
