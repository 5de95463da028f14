//! `passage` as separate processes, for the end-to-end tests: run a command and read its
//! output, or start a server and wait for the line that names its address.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Output, Stdio};

/// The `passage` binary under test, printing its texts in English whatever the locale.
pub fn passage() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_passage"));
    command.env("PASSAGE_LANG", "en");
    command
}

/// Runs `command` to its end.
pub fn run(command: &mut Command) -> Output {
    command.output().expect("running passage")
}

/// What a finished command printed on stdout.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs `command`, fails the test (showing both outputs) unless it succeeded, and returns
/// its stdout.
pub fn ok(command: &mut Command) -> String {
    let output = run(command);
    assert!(
        output.status.success(),
        "{command:?} failed\nstdout: {}\nstderr: {}",
        stdout(&output),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout(&output)
}

/// A server process, stopped when dropped.
pub struct Server {
    /// The process.
    pub child: Child,
    /// The address it printed.
    pub address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts a server and waits for its first line, `PREFIX ADDR`.
pub fn start(command: &mut Command, prefix: &str) -> Server {
    let mut child =
        command.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().expect("starting a server");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("reading the server's first line");
    let address = line
        .trim()
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    Server { child, address }
}
