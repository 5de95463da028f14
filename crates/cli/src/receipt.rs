//! `passage receipt verify`: check an offline receipt (c2sp.org/tlog-proof) against a trust
//! policy alone, with no network: the log signed the checkpoint, the policy's witnesses
//! cosigned it, and the entry is in the tree. `passage receipt get` fetches one from a node.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use passage_log::{Receipt, leaf_hash};

use crate::language::{args as text_args, text, text_with, tr};

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
    /// Fetch the receipt of an entry from a node (against its latest published checkpoint);
    /// the node is named as for every client command (--node, PASSAGE_NODE, passage.toml).
    Get {
        /// The entry's index.
        index: u64,
        /// Where to write the receipt (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        node: crate::statements::NodeArgs,
    },
}

/// Seconds the node may take to answer.
const FETCH_TIMEOUT_SECONDS: u64 = 30;

fn get(node: &str, index: u64, out: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let url = format!("{}/v1/entries/{index}/receipt", node.trim_end_matches('/'));
    let runtime = tokio::runtime::Runtime::new().with_context(|| tr!("cli-error-runtime"))?;
    let (status, body) = runtime
        .block_on(async {
            let client = reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(FETCH_TIMEOUT_SECONDS))
                .build()?;
            let response = client.get(&url).send().await?;
            let status = response.status();
            // A receipt, or an error body, is all a node sends here: nothing larger is read.
            let body = passage_peer::read_body(response, passage_log::RECEIPT_BYTES_MAX).await?;
            anyhow::Ok((status, body))
        })
        .with_context(|| tr!("cli-error-reading", what = url.as_str()))?;
    if !status.is_success() {
        let message = serde_json::from_slice::<passage_node::api::errors::ErrorBody>(&body)
            .map(|error| format!("{} ({})", error.message, error.error))
            .unwrap_or_else(|_| String::from_utf8_lossy(&body).into_owned());
        println!(
            "{}",
            text_with(
                "cli-receipt-none",
                &text_args([("status", status.to_string()), ("message", message)])
            )
        );
        return Ok(ExitCode::FAILURE);
    }
    // Check the text is a receipt before keeping it.
    Receipt::parse(&body).with_context(|| tr!("cli-receipt-not-a-receipt", url = url.as_str()))?;
    match out {
        Some(path) => {
            passage_audit::write_file_atomic(&path, &body)
                .with_context(|| tr!("cli-error-writing", path = path.display().to_string()))?;
            println!(
                "{}",
                text_with(
                    "cli-receipt-written",
                    &text_args([
                        ("index", index.to_string()),
                        ("path", path.display().to_string())
                    ])
                )
            );
        }
        None => {
            use std::io::Write as _;
            std::io::stdout().write_all(&body).with_context(|| tr!("cli-error-stdout"))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `passage receipt`.
pub fn run(args: ReceiptArgs) -> anyhow::Result<ExitCode> {
    let (receipt, policy, entry) = match args.command {
        ReceiptCommand::Verify { receipt, policy, entry } => (receipt, policy, entry),
        ReceiptCommand::Get { node, index, out } => return get(&node.url()?, index, out),
    };
    let policy = crate::witness::read_policy(&policy)?;
    let receipt_bytes = crate::witness::read_limited(&receipt)?;
    let receipt = Receipt::parse(&receipt_bytes)
        .with_context(|| tr!("cli-receipt-reading", path = receipt.display().to_string()))?;
    let entry = match entry {
        Some(path) => crate::witness::read_limited(&path)?,
        None => receipt.extra.clone().with_context(|| tr!("cli-receipt-no-entry"))?,
    };
    match receipt.verify(&leaf_hash(&entry), &policy) {
        Ok(signed) => {
            let names: Vec<&str> = policy
                .witnesses()
                .iter()
                .filter(|w| signed.cosignatures.iter().any(|c| c.key == w.key))
                .map(|w| w.name.as_str())
                .collect();
            let names: Vec<String> = names.into_iter().map(str::to_owned).collect();
            println!(
                "{}",
                text_with(
                    "cli-receipt-ok",
                    &text_args([
                        ("index", receipt.index.to_string()),
                        ("origin", signed.checkpoint.origin.to_string()),
                        ("size", signed.checkpoint.size.to_string()),
                        (
                            "names",
                            if names.is_empty() { text("cli-none") } else { names.join(", ") }
                        ),
                    ]),
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            println!(
                "{}",
                text_with("cli-audit-refused", &text_args([("reason", error.to_string())]))
            );
            Ok(ExitCode::FAILURE)
        }
    }
}
