//! Fuzz target `bundle`: the body is `passage_fuzz_targets::bundle`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| passage_fuzz::run("bundle", data));
