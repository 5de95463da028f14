//! The post terminal's JavaScript under Node's own test runner (`node --test
//! crates/node/terminal/test/`): its encoder reproduces every test vector the core writes,
//! byte for byte, with signatures and ids, and refuses bad input. So `cargo test` fails
//! when the browser's encoding drifts from the core's.
//!
//! Without `node` on the `PATH` the test prints SKIPPED and passes, unless
//! `PASSAGE_TEST_NODE=1` (set by CI) demands it.

use std::path::Path;
use std::process::Command;

#[test]
fn the_terminal_scripts_pass_their_tests_under_node() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("terminal/test");
    let required = std::env::var("PASSAGE_TEST_NODE").as_deref() == Ok("1");
    let output = match Command::new("node").arg("--test").arg(&folder).output() {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            assert!(
                !required,
                "PASSAGE_TEST_NODE=1 but `node` is not on the PATH (Node 20 or later runs the \
                 terminal's tests)"
            );
            // Written to the process's stderr, not with eprintln!, which the test harness
            // captures and hides for passing tests: a skip must be seen.
            let message = "\n==================== SKIPPED: the terminal's JavaScript tests \
                           ====================\n`node` is not on the PATH. Install Node 20 or \
                           later, or set PASSAGE_TEST_NODE=1 to make this a failure.\n\
                           ==========================================================\
                           ==================\n\n";
            let _ = std::io::Write::write_all(&mut std::io::stderr(), message.as_bytes());
            return;
        }
        Err(error) => panic!("running node: {error}"),
    };
    let report = format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "node --test failed:\n{report}");
    // A run that found no test file passes too: make sure the encoder's tests ran.
    assert!(report.contains("every vector of the core is reproduced"), "{report}");
}
