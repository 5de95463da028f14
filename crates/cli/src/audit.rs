//! `passage audit`: verify a log from its tiles (over HTTP or in a folder) against a trust
//! policy, with a progress bar and a cache that makes the next audit incremental; replay every
//! entry through the domain core (unless `--log-only`) and print the recomputed state; for a
//! node, compare that state with the figures the node publishes and name every difference.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use passage_audit::compare::{compare, fetch_node_figures};
use passage_audit::{
    AuditError, AuditMemory, AuditReport, CachedSource, CoreReplay, FolderSource, HttpSource,
    NoReplay, Progress, Replay, TileSource, audit,
};

/// Seconds one HTTP request may take.
const FETCH_TIMEOUT_SECONDS: u64 = 30;

/// Arguments of `passage audit`.
#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// The log: an `http(s)://` URL prefix or a folder of C2SP tiles.
    log: String,
    /// The trust policy (c2sp.org/tlog-policy).
    #[arg(long)]
    policy: PathBuf,
    /// Cache folder: tiles fetched once are kept, and the last verified checkpoint is
    /// remembered so the next audit only reads new entries.
    #[arg(long)]
    cache: Option<PathBuf>,
    /// Check the log's tree and checkpoint only: no signature checks, no core replay.
    #[arg(long)]
    log_only: bool,
    /// Print the report and the recomputed state as JSON.
    #[arg(long)]
    json: bool,
    /// The node's API to compare the recomputed state with (statistics, balances, movements
    /// by status). Default: the log URL without its final `/log`, when it has one.
    #[arg(long)]
    node: Option<String>,
}

impl AuditArgs {
    /// The node to compare with, if any.
    fn node_base(&self) -> Option<String> {
        if self.log_only {
            return None;
        }
        if let Some(node) = &self.node {
            return Some(node.clone());
        }
        let log = self.log.trim_end_matches('/');
        let is_http = log.starts_with("http://") || log.starts_with("https://");
        log.strip_suffix("/log").filter(|_| is_http).map(str::to_owned)
    }
}

struct Bar(ProgressBar);

impl Progress for Bar {
    fn update(&self, checked: u64, total: u64) {
        self.0.set_length(total);
        self.0.set_position(checked);
    }
}

/// Runs `passage audit`.
pub fn run(args: AuditArgs) -> anyhow::Result<ExitCode> {
    let policy = crate::witness::read_policy(&args.policy)?;
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} entries ({per_sec}, {eta} left)")
            .context("the progress template")?,
    );
    let bar = Bar(bar);
    let memory = args.cache.as_deref().map(AuditMemory::new);
    let mut core = CoreReplay::new();
    // Failures of the audit itself are reported as a refusal; the error's text names the entry
    // or file to look at.
    let result = runtime.block_on(async {
        if args.log_only {
            audit_from(&args, &policy, memory.as_ref(), &mut NoReplay, &bar)
                .await
                .map(|result| result.map_err(|error| error.to_string()))
        } else {
            audit_from(&args, &policy, memory.as_ref(), &mut core, &bar)
                .await
                .map(|result| result.map_err(|error| error.to_string()))
        }
    });
    bar.0.finish_and_clear();
    let result = result?;
    let summary = if args.log_only { None } else { core.summary() };
    let comparison = match (&result, args.node_base(), core.state()) {
        (Ok(report), Some(base), Some(state)) => {
            let timeout = Duration::from_secs(FETCH_TIMEOUT_SECONDS);
            let figures = runtime
                .block_on(fetch_node_figures(&base, report.size, timeout))
                .with_context(|| format!("reading the figures of the node {base}"))?;
            Some(compare(state, report.size, &figures))
        }
        _ => None,
    };
    let code = match &comparison {
        Some(comparison) if !comparison.equal() => ExitCode::FAILURE,
        _ => ExitCode::SUCCESS,
    };
    match result {
        Ok(report) if args.json => {
            let json = serde_json::json!({
                "ok": true,
                "origin": report.origin,
                "size": report.size,
                "root": report.root.to_string(),
                "from_size": report.from_size,
                "tiles_checked": report.tiles_checked,
                "cosigners": report.cosigners,
                "state": summary,
                "node": comparison,
            });
            println!("{}", serde_json::to_string_pretty(&json)?);
            Ok(code)
        }
        Ok(report) => {
            println!("{}", texts::verdict(&report));
            if let Some(summary) = summary {
                println!("{}", texts::summary(&summary));
            }
            if let Some(comparison) = comparison {
                println!("{}", texts::comparison(&comparison));
            }
            Ok(code)
        }
        Err(error) if args.json => {
            let json = serde_json::json!({ "ok": false, "refused": error });
            println!("{}", serde_json::to_string_pretty(&json)?);
            Ok(ExitCode::FAILURE)
        }
        Err(error) => {
            println!("{}", texts::refused(&error));
            if let Some(hint) = texts::log_url_hint(&args.log) {
                println!("{hint}");
            }
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The texts of `passage audit` (`cli-audit-*` in the translation files). The differences
/// between a node's figures and the audit's are the audit library's words.
mod texts {
    use crate::language::{args, text, text_with};
    use passage_audit::{AuditReport, StateSummary, compare::Comparison};
    use std::fmt::Write as _;

    /// A list of names, or `none`.
    pub fn names(names: &[String]) -> String {
        if names.is_empty() { text("cli-none") } else { names.join(", ") }
    }

    /// The log verified: its size, root, what was checked, and who cosigned.
    pub fn verdict(report: &AuditReport) -> String {
        let ok = text_with(
            "cli-audit-ok",
            &args([
                ("origin", report.origin.clone()),
                ("size", report.size.to_string()),
                ("root", report.root.to_string()),
                ("from", report.from_size.to_string()),
                ("tiles", report.tiles_checked.to_string()),
            ]),
        );
        let cosigned =
            text_with("cli-audit-cosigned-by", &args([("names", names(&report.cosigners))]));
        format!("{ok}\n{cosigned}")
    }

    /// The audit could not verify the log.
    pub fn refused(reason: &str) -> String {
        text_with("cli-audit-refused", &args([("reason", reason.to_owned())]))
    }

    /// What the replay recomputed: movements by status, fees, balances (money in major
    /// units with the currency, aligned), open incidents and the state's digest.
    pub fn summary(summary: &StateSummary) -> String {
        let mut out = String::new();
        let count = |key: &str, count: String| text_with(key, &args([("count", count)]));
        let _ =
            writeln!(out, "{}", count("cli-audit-entries-replayed", summary.entries.to_string()));
        let _ = writeln!(out, "{}", text("cli-audit-movements-by-status"));
        let width = summary.movements.iter().map(|(status, _)| status.len()).max().unwrap_or(0);
        for (status, count) in &summary.movements {
            let _ = writeln!(out, "  {status:<width$} {count:>10}");
        }
        let _ = writeln!(out, "{}", text("cli-audit-fees-assessed"));
        for (currency, amount) in &summary.fees {
            let _ = writeln!(out, "  {:>20}", crate::queries::money(*amount, currency));
        }
        let _ = writeln!(out, "{}", text("cli-audit-balances"));
        let width = summary.balances.iter().map(|balance| balance.account.len()).max().unwrap_or(0);
        for balance in &summary.balances {
            let money = crate::queries::money(balance.amount, &balance.currency);
            let _ = writeln!(out, "  {:<width$} {money:>20}", balance.account);
        }
        let open = summary.open_incidents.len().to_string();
        let _ = writeln!(out, "{}", count("cli-audit-open-incidents", open));
        for incident in &summary.open_incidents {
            let line = text_with(
                "cli-audit-incident",
                &args([
                    ("mrn", incident.mrn.clone()),
                    ("number", incident.number.to_string()),
                    ("kind", incident.kind.clone()),
                    ("entry", incident.opened_entry.to_string()),
                ]),
            );
            let _ = writeln!(out, "  {line}");
        }
        out.push_str(&text_with(
            "cli-audit-state-digest",
            &args([("digest", summary.digest.clone())]),
        ));
        out
    }

    /// The node's published figures against the audit's.
    pub fn comparison(comparison: &Comparison) -> String {
        let mut out = String::new();
        if comparison.node_checkpoint_size != comparison.audited_size {
            let note = text_with(
                "cli-audit-size-note",
                &args([
                    ("published", comparison.node_checkpoint_size.to_string()),
                    ("audited", comparison.audited_size.to_string()),
                ]),
            );
            let _ = writeln!(out, "{note}");
        }
        let size = comparison.audited_size.to_string();
        if comparison.equal() {
            out.push_str(&text_with("cli-audit-node-equal", &args([("size", size)])));
            return out;
        }
        let mut arguments = args([("size", size)]);
        arguments.set("count", comparison.differences.len());
        out.push_str(&text_with("cli-audit-node-differ", &arguments));
        for difference in &comparison.differences {
            let _ = write!(out, "\n  {difference}");
        }
        out
    }

    /// When a node's base URL was given where its log is expected: the URL to give instead.
    pub fn log_url_hint(log: &str) -> Option<String> {
        let trimmed = log.trim_end_matches('/');
        let is_http = trimmed.starts_with("http://") || trimmed.starts_with("https://");
        if !is_http || trimmed.ends_with("/log") {
            return None;
        }
        Some(text_with("cli-audit-log-url-hint", &args([("url", trimmed.to_owned())])))
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn a_node_url_without_its_log_path_gets_the_hint_and_others_do_not() {
            assert_eq!(
                super::log_url_hint("http://127.0.0.1:8080/").as_deref(),
                Some(
                    "hint: a node serves its log under /log: passage audit \
                     http://127.0.0.1:8080/log --policy FILE"
                )
            );
            assert_eq!(super::log_url_hint("https://node.example/log/"), None);
            assert_eq!(super::log_url_hint("passage-data/log"), None);
            assert_eq!(super::log_url_hint("some-folder"), None);
        }
    }
}

/// Audits from the URL or folder in `args`, through the cache if one is given.
async fn audit_from<R: Replay>(
    args: &AuditArgs,
    policy: &passage_log::Policy,
    memory: Option<&AuditMemory>,
    replay: &mut R,
    bar: &Bar,
) -> anyhow::Result<Result<AuditReport, AuditError<R::Error>>> {
    if args.log.starts_with("http://") || args.log.starts_with("https://") {
        let source = HttpSource::new(&args.log, Duration::from_secs(FETCH_TIMEOUT_SECONDS))?;
        Ok(run_with(source, args, policy, memory, replay, bar).await)
    } else {
        Ok(run_with(FolderSource::new(args.log.as_ref()), args, policy, memory, replay, bar).await)
    }
}

async fn run_with<S: TileSource, R: Replay>(
    source: S,
    args: &AuditArgs,
    policy: &passage_log::Policy,
    memory: Option<&AuditMemory>,
    replay: &mut R,
    bar: &Bar,
) -> Result<AuditReport, AuditError<R::Error>> {
    match &args.cache {
        Some(cache) => {
            let source = CachedSource::new(source, &cache.join("tiles"));
            audit(&source, policy, memory, replay, bar).await
        }
        None => audit(&source, policy, memory, replay, bar).await,
    }
}
