//! Fuzz target `tile_path`: the body is `passage_fuzz_targets::tile_path`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| passage_fuzz::run("tile_path", data));
