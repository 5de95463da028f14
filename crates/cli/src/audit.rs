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
            println!(
                "ok: {} at size {}, root {}; entries {}..{} checked, {} tiles compared",
                report.origin,
                report.size,
                report.root,
                report.from_size,
                report.size,
                report.tiles_checked
            );
            println!(
                "cosigned by: {}",
                if report.cosigners.is_empty() {
                    "none".to_owned()
                } else {
                    report.cosigners.join(", ")
                }
            );
            if let Some(summary) = summary {
                println!("{summary}");
            }
            if let Some(comparison) = comparison {
                println!("{comparison}");
            }
            Ok(code)
        }
        Err(error) if args.json => {
            let json = serde_json::json!({ "ok": false, "refused": error });
            println!("{}", serde_json::to_string_pretty(&json)?);
            Ok(ExitCode::FAILURE)
        }
        Err(error) => {
            println!("refused: {error}");
            if let Some(hint) = texts::log_url_hint(&args.log) {
                println!("{hint}");
            }
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The texts of `passage audit` a person reads, in one place to move into the translation
/// files.
mod texts {
    /// When a node's base URL was given where its log is expected: the URL to give instead.
    pub fn log_url_hint(log: &str) -> Option<String> {
        let trimmed = log.trim_end_matches('/');
        let is_http = trimmed.starts_with("http://") || trimmed.starts_with("https://");
        if !is_http || trimmed.ends_with("/log") {
            return None;
        }
        Some(format!(
            "hint: a node serves its log under /log: passage audit {trimmed}/log --policy FILE"
        ))
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
