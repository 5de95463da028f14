//! `passage audit`: verify a log from its tiles (over HTTP or in a folder) against a trust
//! policy, with a progress bar and a cache that makes the next audit incremental; replay every
//! entry through the domain core (unless `--log-only`) and print the recomputed state; for a
//! node, compare that state with the figures the node publishes and name every difference.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use crate::language::tr;
use anyhow::Context as _;
use indicatif::ProgressBar;
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
    let runtime = tokio::runtime::Runtime::new().with_context(|| tr!("cli-error-runtime"))?;
    let bar = ProgressBar::new(0);
    // The bar's own fields go into the sentence as they are, for the bar to fill in.
    let progress = tr!(
        "cli-audit-progress",
        position = "{pos}",
        length = "{len}",
        rate = "{per_sec}",
        left = "{eta}"
    );
    bar.set_style(crate::language::bar_style("{bar:40} {progress}", &progress));
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
                .with_context(|| tr!("cli-audit-reading-figures", url = base.as_str()))?;
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

/// The texts of `passage audit` (`cli-audit-*` in the translation files), the differences
/// between a node's figures and the audit's among them: the audit library names each with
/// its values, and they are worded here.
mod texts {
    use crate::language::tr;
    use crate::words;
    use passage_audit::compare::{Answer, Comparison, Difference, KeyedFigure};
    use passage_audit::{AuditReport, StateSummary};
    use std::fmt::Write as _;

    /// The log verified: its size, root, what was checked, and who cosigned.
    pub fn verdict(report: &AuditReport) -> String {
        let ok = tr!(
            "cli-audit-ok",
            origin = report.origin.as_str(),
            size = report.size.to_string(),
            root = report.root.to_string(),
            from = report.from_size.to_string(),
            tiles = report.tiles_checked.to_string()
        );
        let cosigned = tr!("cli-audit-cosigned-by", names = words::names(&report.cosigners));
        format!("{ok}\n{cosigned}")
    }

    /// The audit could not verify the log.
    pub fn refused(reason: &str) -> String {
        tr!("cli-audit-refused", reason = reason)
    }

    /// What the replay recomputed: movements by status, fees, balances (money in major
    /// units with the currency, aligned by the characters each takes), open incidents and
    /// the state's digest.
    pub fn summary(summary: &StateSummary) -> String {
        let mut out = String::new();
        let entries = summary.entries.to_string();
        let _ = writeln!(out, "{}", tr!("cli-audit-entries-replayed", count = entries));
        let _ = writeln!(out, "{}", tr!("cli-audit-movements-by-status"));
        let statuses: Vec<String> =
            summary.movements.iter().map(|(status, _)| words::status(*status)).collect();
        let width = words::widest(statuses.iter().map(String::as_str));
        for (status, (_, count)) in statuses.iter().zip(&summary.movements) {
            let _ = writeln!(out, "  {status:<width$} {:>10}", words::count(*count as u64));
        }
        let _ = writeln!(out, "{}", tr!("cli-audit-fees-assessed"));
        for (currency, amount) in &summary.fees {
            let _ = writeln!(out, "  {:>20}", words::money(*amount, currency));
        }
        let _ = writeln!(out, "{}", tr!("cli-audit-balances"));
        let width = words::widest(summary.balances.iter().map(|balance| balance.account.as_str()));
        for balance in &summary.balances {
            let money = words::money(balance.amount, &balance.currency);
            let _ = writeln!(out, "  {:<width$} {money:>20}", balance.account);
        }
        let open = summary.open_incidents.len().to_string();
        let _ = writeln!(out, "{}", tr!("cli-audit-open-incidents", count = open));
        for incident in &summary.open_incidents {
            let line = tr!(
                "cli-audit-incident",
                mrn = incident.mrn.as_str(),
                number = incident.number.to_string(),
                kind = words::incident(incident.kind),
                entry = incident.opened_entry.to_string()
            );
            let _ = writeln!(out, "  {line}");
        }
        out.push_str(&tr!("cli-audit-state-digest", digest = summary.digest.as_str()));
        out
    }

    /// The node's published figures against the audit's.
    pub fn comparison(comparison: &Comparison) -> String {
        let mut out = String::new();
        if comparison.node_checkpoint_size != comparison.audited_size {
            let note = tr!(
                "cli-audit-size-note",
                published = comparison.node_checkpoint_size.to_string(),
                audited = comparison.audited_size.to_string()
            );
            let _ = writeln!(out, "{note}");
        }
        let size = comparison.audited_size.to_string();
        if comparison.equal() {
            out.push_str(&tr!("cli-audit-node-equal", size = size));
            return out;
        }
        let count = comparison.differences.len();
        out.push_str(&tr!("cli-audit-node-differ", size = size, count = count));
        for difference in &comparison.differences {
            let _ = write!(out, "\n  {}", self::difference(difference));
        }
        out
    }

    /// One difference in words, with the node's value and the log's: money in major units,
    /// statuses and answers in words.
    pub fn difference(difference: &Difference) -> String {
        match difference {
            Difference::Size { answer, node, audited } => {
                let answer = match answer {
                    Answer::Statistics => tr!("cli-audit-answer-statistics"),
                    Answer::Balances => tr!("cli-audit-answer-balances"),
                    Answer::Movements => tr!("cli-audit-answer-movements"),
                };
                let audited = audited.to_string();
                match node {
                    Some(size) => tr!(
                        "cli-audit-differs-size",
                        answer = answer,
                        size = size.to_string(),
                        audited = audited
                    ),
                    None => tr!("cli-audit-differs-no-size", answer = answer, audited = audited),
                }
            }
            Difference::StateDigest { node: Some(node), log } => {
                tr!("cli-audit-differs-digest", node = node.as_str(), log = log.as_str())
            }
            Difference::StateDigest { node: None, log } => {
                tr!("cli-audit-differs-no-digest", log = log.as_str())
            }
            Difference::Figure { figure, node, log } => {
                let count = |value: &i64| value.to_string();
                match figure {
                    KeyedFigure::MovementsWithStatus(status) => tr!(
                        "cli-audit-differs-movements",
                        status = words::status_code(status),
                        node = count(node),
                        log = count(log)
                    ),
                    KeyedFigure::Fees(currency) => tr!(
                        "cli-audit-differs-fees",
                        node = words::money(*node, currency),
                        log = words::money(*log, currency)
                    ),
                    KeyedFigure::Payments(currency) => tr!(
                        "cli-audit-differs-payments",
                        node = words::money(*node, currency),
                        log = words::money(*log, currency)
                    ),
                    KeyedFigure::MovementsAtPost(post) => tr!(
                        "cli-audit-differs-at-post",
                        post = post.as_str(),
                        node = count(node),
                        log = count(log)
                    ),
                    KeyedFigure::Balance { account, currency } => tr!(
                        "cli-audit-differs-balance",
                        account = account.as_str(),
                        node = words::money(*node, currency),
                        log = words::money(*log, currency)
                    ),
                }
            }
            Difference::OpenIncidents { node, log } => tr!(
                "cli-audit-differs-open-incidents",
                node = node.to_string(),
                log = log.to_string()
            ),
            Difference::ListedTwice { mrn } => {
                tr!("cli-audit-differs-listed-twice", mrn = mrn.as_str())
            }
            Difference::NotInLog { mrn, status } => tr!(
                "cli-audit-differs-not-in-log",
                mrn = mrn.as_str(),
                status = words::status_code(status)
            ),
            Difference::Status { mrn, node, log } => tr!(
                "cli-audit-differs-status",
                mrn = mrn.as_str(),
                node = words::status_code(node),
                log = words::status_code(log)
            ),
            Difference::LastEntry { mrn, node, log } => tr!(
                "cli-audit-differs-last-entry",
                mrn = mrn.as_str(),
                node = node.to_string(),
                log = log.to_string()
            ),
            Difference::ChangedBeyondLog { mrn, entry, node_entries } => tr!(
                "cli-audit-differs-beyond-log",
                mrn = mrn.as_str(),
                entry = entry.to_string(),
                size = node_entries.to_string()
            ),
            Difference::NotListed { mrn, status } => tr!(
                "cli-audit-differs-not-listed",
                mrn = mrn.as_str(),
                status = words::status_code(status)
            ),
        }
    }

    /// When a node's base URL was given where its log is expected: the URL to give instead.
    pub fn log_url_hint(log: &str) -> Option<String> {
        let trimmed = log.trim_end_matches('/');
        let is_http = trimmed.starts_with("http://") || trimmed.starts_with("https://");
        if !is_http || trimmed.ends_with("/log") {
            return None;
        }
        Some(tr!("cli-audit-log-url-hint", url = trimmed))
    }

    #[cfg(test)]
    mod tests {
        use passage_audit::compare::{Answer, Difference, KeyedFigure};

        #[test]
        fn each_difference_is_worded_with_its_values() {
            // Unit tests choose no language: English, as the node's own sentences, but
            // money in major units and statuses in words.
            let check = |difference: Difference, expect: &str| {
                assert_eq!(super::difference(&difference), expect);
            };
            check(
                Difference::Status {
                    mrn: "26AM000000000024J3".into(),
                    node: "cancelled".into(),
                    log: "discharged".into(),
                },
                "movement 26AM000000000024J3: the node lists it under cancelled, the log gives \
                 discharged",
            );
            check(
                Difference::Figure {
                    figure: KeyedFigure::Fees("AMD".into()),
                    node: 3_090_000,
                    log: 0,
                },
                "fees: the node says 30,900.00 AMD, the log gives 0.00 AMD",
            );
            check(
                Difference::Figure {
                    figure: KeyedFigure::MovementsWithStatus("at_post".into()),
                    node: 1,
                    log: 2,
                },
                "movements at a post: the node says 1, the log gives 2",
            );
            check(
                Difference::Size { answer: Answer::Balances, node: None, audited: 12 },
                "balances: the node answers for no size, the audit asked for size 12",
            );
        }

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
