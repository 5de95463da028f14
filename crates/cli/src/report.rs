//! `passage report DAY`: a day's figures as the node's core keeps them (or as the mission
//! signed them), as text or JSON; with `--sign`, the mission's authority signs them with
//! its narrative (a file, kept by the node as a confidential payload behind the
//! statement's commitment). The core refuses a signature whose figures are not its own.
//! With `--pdf FILE` or `--page FILE` (and `--language`), it saves the report as the node
//! renders it, a PDF or a web page in one of the four languages.

use crate::declaration::Committer;
use crate::queries::{NODE_ANSWER_BYTES_MAX, failed, fetch};
use crate::statements::{SignArgs, read_limited, sign_and_send};
use anyhow::{Context, Result, anyhow, bail};
use passage_core::Ident;
use passage_core::statement::{Figure, FigureLine, Statement};
use passage_node::api::monitoring::ReportView;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `passage report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The day, `YYYY-MM-DD` (UTC).
    day: String,
    /// Sign the day's figures as the mission (its authority's key, `--key`).
    #[arg(long, requires = "narrative")]
    sign: bool,
    /// The narrative the mission wrote for the day (a text file), with `--sign`.
    #[arg(long)]
    narrative: Option<PathBuf>,
    /// Save the report as a PDF in this file, as the node renders it.
    #[arg(long, value_name = "FILE", conflicts_with = "sign")]
    pdf: Option<PathBuf>,
    /// Save the report as a web page in this file, as the node renders it.
    #[arg(long, value_name = "FILE", conflicts_with = "sign")]
    page: Option<PathBuf>,
    /// The language of `--pdf` and `--page`: hy, az, ru or en.
    #[arg(long, default_value = "en", value_parser = ["hy", "az", "ru", "en"])]
    language: String,
    #[command(flatten)]
    sign_args: SignArgs,
}

/// Runs `passage report`.
pub fn run(args: ReportArgs) -> Result<ExitCode> {
    let node = &args.sign_args.node;
    if args.pdf.is_some() || args.page.is_some() {
        return save_rendered(&args);
    }
    let value = match fetch(node, &format!("/v1/reports/{}", args.day))? {
        Ok(value) => value,
        Err(error) => return Ok(failed(node, &error)),
    };
    let report: ReportView = serde_json::from_value(value.clone()).context("the node's report")?;
    if !args.sign {
        if node.json {
            println!("{value}");
        } else {
            print!("{}", render(&report));
        }
        return Ok(ExitCode::SUCCESS);
    }
    if report.status != "to_sign" {
        bail!(
            "the report of {} is {}; only a day over and not yet signed is signed",
            report.day,
            report.status
        );
    }
    let path = args.narrative.as_deref().context("--sign needs --narrative FILE")?;
    let narrative = read_limited(path)?;
    let figures = report
        .figures
        .iter()
        .map(|line| {
            let figure = Figure::parse(&line.figure)
                .ok_or_else(|| anyhow!("the node names an unknown figure `{}`", line.figure))?;
            let post = line.post.as_deref().map(Ident::parse).transpose()?;
            Ok(FigureLine { post, figure, detail: line.detail, value: line.value })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut committer = Committer::default();
    let narrative = committer.commit("narrative", "narrative".into(), &narrative);
    let statement = Statement::SignReport { day: report.day_number, figures, narrative };
    sign_and_send(&args.sign_args, statement, committer.attached())
}

/// Saves the node's rendering of the report: `--pdf`, `--page`, or both.
fn save_rendered(args: &ReportArgs) -> Result<ExitCode> {
    let node = &args.sign_args.node;
    let url = node.url()?;
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    for (form, path) in [("pdf", &args.pdf), ("page", &args.page)] {
        let Some(path) = path else { continue };
        let address = format!(
            "{}/v1/reports/{}/{form}?language={}",
            url.trim_end_matches('/'),
            args.day,
            args.language
        );
        let answer = runtime.block_on(async {
            let response = crate::statements::http_client()?
                .get(&address)
                .send()
                .await
                .with_context(|| format!("reading {address}"))?;
            if response.status().is_success() {
                let body = passage_peer::read_body(response, NODE_ANSWER_BYTES_MAX)
                    .await
                    .with_context(|| format!("reading the answer of {address}"))?;
                Ok::<_, anyhow::Error>(Ok(body))
            } else {
                crate::queries::decode_answer::<serde_json::Value>(&address, response)
                    .await
                    .map(|answer| answer.map(|_| Vec::new()))
            }
        });
        match answer? {
            Ok(bytes) => std::fs::write(path, bytes)
                .with_context(|| format!("writing {}", path.display()))?,
            Err(error) => return Ok(failed(node, &error)),
        }
        if !node.json {
            println!("report of {} ({}) written to {}", args.day, args.language, path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A report as text: its status, then one line per figure.
fn render(report: &ReportView) -> String {
    let mut text = format!("report of {}: {}", report.day, report.status);
    if let Some(entry) = report.signed_entry {
        text.push_str(&format!(" (entry {entry})"));
    }
    text.push('\n');
    for line in &report.figures {
        let place = line.post.as_deref().unwrap_or("corridor");
        text.push_str(&format!(
            "{place:<16} {:<20} {:>5} {:>12}\n",
            line.figure, line.detail, line.value
        ));
    }
    text
}
