//! The `passage` command: a thin binary over the library crates. It parses the command
//! line, sets up tracing, runs one subcommand and maps its error to an exit code.

mod audit;
mod authorities;
mod declaration;
mod demo;
mod help;
mod language;
mod log_folder;
mod node_address;
mod payloads;
mod queries;
mod receipt;
mod report;
mod serve;
mod simulate;
mod statements;
mod witness;
mod words;

use std::process::ExitCode;

use clap::{FromArgMatches as _, Parser, Subcommand};

/// Passage: the information system of a supervised international transit corridor.
#[derive(Debug, Parser)]
#[command(name = "passage", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of what is printed for a person: hy, az, ru or en (default: the
    /// locale's, LC_ALL, LC_MESSAGES or LANG, else English). Machine output (--json) is
    /// the same in every language.
    #[arg(long, global = true, env = language::LANGUAGE_VARIABLE, value_parser = language::parse_language)]
    lang: Option<passage_i18n::Language>,
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
    /// Read a movement's or an entry's confidential payloads in signed requests (an
    /// enrolled reader's key).
    Payloads(payloads::PayloadsArgs),
    /// Show a day's report (the figures the core keeps, or those the mission signed), or
    /// sign it as the mission (--sign --narrative FILE).
    Report(report::ReportArgs),
}

impl Cli {
    /// The command line as the derive makes it, with the doc comments' English texts
    /// (`help::command` gives it in the chosen language).
    fn command_tree() -> clap::Command {
        <Cli as clap::CommandFactory>::command()
    }
}

fn main() -> ExitCode {
    // The language is chosen before clap parses, so that the help it prints is in it:
    // `--lang`, else PASSAGE_LANG, else the locale. Clap then checks `--lang` and
    // PASSAGE_LANG and refuses a language the texts are not in.
    let arguments: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let variable = |name| std::env::var(name).ok();
    let named =
        variable(language::LANGUAGE_VARIABLE).and_then(|code| language::parse_language(&code).ok());
    language::choose(language::language_of_arguments(&arguments).or(named).unwrap_or_else(|| {
        language::language_of_locales(
            variable("LC_ALL").as_deref(),
            variable("LC_MESSAGES").as_deref(),
            variable("LANG").as_deref(),
        )
    }));
    let matches = language::with_texts(help::command).get_matches_from(arguments);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    // What clap read is what was read above, from the same flag and variable.
    debug_assert!(cli.lang.is_none_or(|parsed| parsed == language::language()));
    quiet_on_closed_output();
    use std::io::IsTerminal as _;
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        // Colour codes only for a person at a terminal, not in a file or another program.
        .with_ansi(std::io::stderr().is_terminal())
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
        Command::Report(args) => report::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            match node_address::describe_unreachable(&err) {
                Some(message) => eprintln!("passage: {message}"),
                None => eprintln!("passage: {}", error_chain_text(&err)),
            }
            ExitCode::from(2)
        }
    }
}

/// An error and its causes joined by `: `, leaving out a cause whose text the one before it
/// already carries (an HTTP client's error repeats its source's in its own message).
fn error_chain_text(error: &anyhow::Error) -> String {
    let mut text = String::new();
    let mut previous = String::new();
    for cause in error.chain() {
        let cause = cause.to_string();
        if !previous.is_empty() && previous.contains(&cause) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&cause);
        previous = cause;
    }
    text
}

/// When the reader of the output goes away (`passage regime show | head -3`), `println!`
/// panics on the broken pipe: end quietly instead, as a command line tool does. Every other
/// panic is reported as before.
fn quiet_on_closed_output() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        report(info);
    }));
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory as _;
    use clap::Parser as _;

    #[test]
    fn the_command_line_is_consistent() {
        // Clap's own checks: no two arguments of a command share an id, every `requires`
        // and `conflicts_with` names an argument, and so on.
        super::Cli::command().debug_assert();
    }

    #[test]
    fn every_act_of_a_regime_file_is_a_record_subcommand_of_the_same_name() {
        // A regime file's `[acts]` names (`seal_check`, `record_payment`) work on the command
        // line as they are written there, beside the command's own (`seal-check`, `payment`).
        for act in passage_core::regime::Act::ALL {
            let parsed = super::Cli::try_parse_from(["passage", "record", act.as_str(), "--help"]);
            let error = parsed.expect_err("--help stops parsing");
            assert_eq!(
                error.kind(),
                clap::error::ErrorKind::DisplayHelp,
                "`passage record {}` is not a subcommand: {error}",
                act.as_str()
            );
        }
    }

    #[test]
    fn an_error_chain_leaves_out_causes_already_said() {
        let error = anyhow::anyhow!("tcp connect error: Connection refused (os error 111)")
            .context("error sending request: tcp connect error: Connection refused (os error 111)")
            .context("reading http://127.0.0.1:9/v1/accounts");
        assert_eq!(
            super::error_chain_text(&error),
            "reading http://127.0.0.1:9/v1/accounts: error sending request: tcp connect error: \
             Connection refused (os error 111)"
        );
        let distinct = anyhow::anyhow!("no such file").context("reading the key file k.key");
        assert_eq!(super::error_chain_text(&distinct), "reading the key file k.key: no such file");
    }
}
