//! `passage log`: create, append to, prove from and verify a log kept as C2SP tiles in a
//! folder.

use std::process::ExitCode;

/// Arguments of `passage log`.
#[derive(Debug, clap::Args)]
pub struct LogArgs {}

/// Runs `passage log`.
pub fn run(_args: LogArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`passage log` is being built")
}
