//! `passage receipt verify`: check an offline receipt (c2sp.org/tlog-proof) against a trust
//! policy alone, with no network: the log signed the checkpoint, the policy's witnesses
//! cosigned it, and the entry is in the tree.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use passage_log::{Receipt, leaf_hash};

/// Arguments of `passage receipt`.
#[derive(Debug, clap::Args)]
pub struct ReceiptArgs {
    #[command(subcommand)]
    command: ReceiptCommand,
}

#[derive(Debug, clap::Subcommand)]
enum ReceiptCommand {
    /// Verify a receipt against a trust policy.
    Verify {
        /// The receipt file.
        receipt: PathBuf,
        /// The trust policy (c2sp.org/tlog-policy).
        #[arg(long)]
        policy: PathBuf,
        /// A file holding the entry's exact bytes (default: the entry the receipt carries).
        #[arg(long)]
        entry: Option<PathBuf>,
    },
}

/// Runs `passage receipt`.
pub fn run(args: ReceiptArgs) -> anyhow::Result<ExitCode> {
    let ReceiptCommand::Verify { receipt, policy, entry } = args.command;
    let policy = crate::witness::read_policy(&policy)?;
    let receipt_bytes = crate::witness::read_limited(&receipt)?;
    let receipt = Receipt::parse(&receipt_bytes)
        .with_context(|| format!("reading the receipt {}", receipt.display()))?;
    let entry = match entry {
        Some(path) => crate::witness::read_limited(&path)?,
        None => receipt.extra.clone().context("the receipt carries no entry; give --entry")?,
    };
    match receipt.verify(&leaf_hash(&entry), &policy) {
        Ok(signed) => {
            let names: Vec<&str> = policy
                .witnesses()
                .iter()
                .filter(|w| signed.cosignatures.iter().any(|c| c.key == w.key))
                .map(|w| w.name.as_str())
                .collect();
            println!(
                "ok: entry {} is in {} at size {}, cosigned by {}",
                receipt.index,
                signed.checkpoint.origin,
                signed.checkpoint.size,
                if names.is_empty() { "none".to_owned() } else { names.join(", ") }
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            println!("refused: {error}");
            Ok(ExitCode::FAILURE)
        }
    }
}
