//! `passage audit`: verify a log from its tiles (over HTTP or in a folder) against a trust
//! policy, with a progress bar and a cache that makes the next audit incremental.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use passage_node::audit::{
    AuditMemory, CachedSource, FolderSource, HttpSource, NoReplay, Progress, TileSource, audit,
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
    let result = runtime.block_on(async {
        if args.log.starts_with("http://") || args.log.starts_with("https://") {
            let source = HttpSource::new(&args.log, Duration::from_secs(FETCH_TIMEOUT_SECONDS))?;
            run_with(source, &args, &policy, memory.as_ref(), &bar).await
        } else {
            run_with(FolderSource::new(args.log.as_ref()), &args, &policy, memory.as_ref(), &bar)
                .await
        }
    });
    bar.0.finish_and_clear();
    match result {
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
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            println!("refused: {error}");
            Ok(ExitCode::FAILURE)
        }
    }
}

async fn run_with<S: TileSource>(
    source: S,
    args: &AuditArgs,
    policy: &passage_log::Policy,
    memory: Option<&AuditMemory>,
    bar: &Bar,
) -> Result<
    passage_node::audit::AuditReport,
    passage_node::audit::AuditError<std::convert::Infallible>,
> {
    match &args.cache {
        Some(cache) => {
            let source = CachedSource::new(source, &cache.join("tiles"));
            audit(&source, policy, memory, &mut NoReplay, bar).await
        }
        None => audit(&source, policy, memory, &mut NoReplay, bar).await,
    }
}
