//! `passage simulate`: run scenarios through the simulator and write reports.

use std::process::ExitCode;

/// Arguments of `passage simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {}

/// Runs `passage simulate`.
pub fn run(_args: SimulateArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`passage simulate` is being built")
}
