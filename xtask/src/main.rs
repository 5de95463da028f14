//! Project automation. The checks that guard the workspace's shape live in `tests/tidy.rs`.

fn main() {
    eprintln!("usage: cargo test -p xtask (runs the tidy test)");
}
