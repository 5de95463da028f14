//! The `passage` command: a thin binary over the library crates. It parses the command
//! line, sets up tracing, runs one subcommand and maps its error to an exit code.

mod audit;
mod authorities;
mod declaration;
mod demo;
mod log_folder;
mod payloads;
mod queries;
mod receipt;
mod serve;
mod simulate;
mod statements;
mod witness;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Passage: the information system of a supervised international transit corridor.
#[derive(Debug, Parser)]
#[command(name = "passage", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Work with a verifiable log kept as C2SP tiles in a folder.
    Log(log_folder::LogArgs),
    /// Run a node: a configuration file (--config), environment (PASSAGE_*) and flags,
    /// flags first; witnesses as --witness NAME=URL (PASSAGE_WITNESSES).
    Serve(serve::ServeArgs),
    /// Generate a log signing key or show its verifier key.
    Keys(serve::KeysArgs),
    /// Run a node on a local folder and feed it a day on the corridor through its HTTP API.
    Demo(demo::DemoArgs),
    /// Run the corridor simulator: compare regimes before they are agreed.
    Simulate(simulate::SimulateArgs),
    /// Run a witness, make its key, read its evidence, or collect cosignatures.
    Witness(witness::WitnessArgs),
    /// Audit a log from its tiles (a URL or a folder) against a trust policy.
    Audit(audit::AuditArgs),
    /// Fetch an offline receipt (c2sp.org/tlog-proof) from a node, or verify one against a
    /// trust policy.
    Receipt(receipt::ReceiptArgs),
    /// Declare a movement (carrier): sign a declaration and send it, or save it (--out).
    Declare(statements::DeclareArgs),
    /// Record an act (officer): one subcommand per act, signed and sent or saved (--out).
    Record(statements::RecordArgs),
    /// Replace a movement's declaration before its first arrival (carrier).
    Amend(statements::AmendArgs),
    /// Sign the charter (entry 0) and send it, or show the charter in force or in files.
    Charter(authorities::CharterArgs),
    /// Enrol an officer (customs, border guard, monitor), a carrier's key or an authority
    /// key of the signer's party (authority).
    Enrol(authorities::EnrolArgs),
    /// Revoke a key of the signer's party or of a carrier it registered (authority).
    Revoke(authorities::RevokeArgs),
    /// Propose or approve a regime (authority), or show the regime in force or a proposal.
    Regime(authorities::RegimeArgs),
    /// Send statements saved with --out; resending one shows its first entry.
    Submit(statements::SubmitArgs),
    /// Show a movement and its history.
    Movement(queries::MovementArgs),
    /// Show every account's balance, or one account's statement.
    Account(queries::AccountArgs),
    /// Read a movement's confidential payloads in signed requests (an enrolled reader's key).
    Payloads(payloads::PayloadsArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let result = match cli.command {
        Command::Log(args) => log_folder::run(args),
        Command::Simulate(args) => simulate::run(args),
        Command::Witness(args) => witness::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Receipt(args) => receipt::run(args),
        Command::Demo(args) => demo::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Keys(args) => serve::keys(args),
        Command::Declare(args) => statements::declare(args),
        Command::Record(args) => statements::record(args),
        Command::Amend(args) => statements::amend(args),
        Command::Charter(args) => authorities::charter(args),
        Command::Enrol(args) => authorities::enrol(args),
        Command::Revoke(args) => authorities::revoke(args),
        Command::Regime(args) => authorities::regime(args),
        Command::Submit(args) => statements::submit(args),
        Command::Movement(args) => queries::movement(args),
        Command::Account(args) => queries::account(args),
        Command::Payloads(args) => payloads::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("passage: {err:#}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory as _;

    #[test]
    fn the_command_line_is_consistent() {
        // Clap's own checks: no two arguments of a command share an id, every `requires`
        // and `conflicts_with` names an argument, and so on.
        super::Cli::command().debug_assert();
    }
}
