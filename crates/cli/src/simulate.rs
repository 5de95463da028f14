//! `passage simulate`: run scenarios through the simulator and write reports.
//!
//! Every act of a simulated unit is a statement applied by the domain core under the
//! scenario's core regime (`passage_sim::core_loop`), unless `--model-only` asks for the
//! model alone; `--regime FILE` (or `[regime] file` in the scenario) runs under a regime
//! file, put in force through the core's governance. `passage simulate SCENARIO` runs
//! replications in parallel with a progress bar and prints a summary with 95% confidence
//! intervals; `--out DIR` also writes JSON, CSV and charts.
//! `passage simulate compare A B C ...` runs several scenarios (the same demand under
//! different regimes) with the same seeds and writes one Markdown report with charts.
//! `passage simulate search SPACE` searches a space of regimes for its frontier.

mod charts;
mod report;
mod search;
mod search_report;
mod sweep;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::language::tr;
use anyhow::{Context, bail};
use indicatif::ProgressBar;
use passage_core::statement::DOCUMENT_BYTES_MAX;
use passage_sim::core_loop::{self, CoreOptions, CoreSetup, RegimeDocument};
use passage_sim::corridor::{self, CorridorReport, Detail, LifecycleCheck, Summary, Unobserved};
use passage_sim::replicate::REPLICATIONS_MAX;
use passage_sim::scenario::{SCENARIO_BYTES_MAX, Scenario};

/// Most scenarios one comparison takes; a report with more is no longer readable.
const COMPARE_SCENARIOS_MAX: usize = 12;

/// Arguments of `passage simulate`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct SimulateArgs {
    #[command(subcommand)]
    command: Option<SimulateCommand>,
    /// The scenario file (TOML; see scenarios/README.md).
    #[arg(required = true)]
    scenario: Option<PathBuf>,
    #[command(flatten)]
    options: RunOptions,
}

#[derive(Debug, clap::Subcommand)]
enum SimulateCommand {
    /// Run several scenarios with the same seeds and write one Markdown report.
    Compare(Box<CompareArgs>),
    /// Run one scenario with one parameter set to several values, and compare the runs.
    Sweep(Box<sweep::SweepArgs>),
    /// Search a space of regimes for the Pareto frontier and write it as regime files.
    Search(Box<search::SearchArgs>),
}

#[derive(Debug, clap::Args)]
struct CompareArgs {
    /// The scenario files, one per regime.
    #[arg(required = true, num_args = 2..)]
    scenarios: Vec<PathBuf>,
    #[command(flatten)]
    options: RunOptions,
}

#[derive(Debug, Clone, clap::Args)]
struct RunOptions {
    /// Independent replications.
    #[arg(long, short = 'n', default_value_t = 10)]
    replications: u64,
    /// Seed; defaults to the scenario's own.
    #[arg(long)]
    seed: Option<u64>,
    /// Folder for JSON, CSV, charts (and the comparison's report.md).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Worker threads; defaults to every core. The output does not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Run the model alone, without the domain core: selection by the scenario's own
    /// rules and fees from its tariff (faster; for exploring a model, not a regime).
    #[arg(long)]
    model_only: bool,
    /// A regime file (TOML, in the format of the core's regime files) to run under,
    /// instead of the scenario's `[regime] core` or `file`. It is put in force through
    /// the core: proposed and approved by the charter's parties.
    #[arg(long, value_name = "FILE", conflicts_with = "model_only")]
    regime: Option<PathBuf>,
    /// With --model-only: check that every unit's acts come in a lawful order; a
    /// violation stops the run and names the seed and replication that replay it.
    #[arg(long, requires = "model_only")]
    check_acts: bool,
}

/// Runs `passage simulate`.
pub fn run(args: SimulateArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        Some(SimulateCommand::Compare(compare_args)) => compare(&compare_args),
        Some(SimulateCommand::Sweep(sweep_args)) => sweep::run(&sweep_args),
        Some(SimulateCommand::Search(search_args)) => search::run(&search_args),
        None => {
            let path = args.scenario.with_context(|| tr!("cli-simulate-scenario-required"))?;
            single(&path, &args.options)
        }
    }
}

/// One scenario's replications and their summary.
struct Outcome {
    scenario: Scenario,
    seed: u64,
    reports: Vec<CorridorReport>,
    summary: Summary,
}

fn load(path: &Path) -> anyhow::Result<Scenario> {
    let shown = || path.display().to_string();
    let size =
        std::fs::metadata(path).with_context(|| tr!("cli-error-reading", what = shown()))?.len();
    if size > SCENARIO_BYTES_MAX as u64 {
        bail!(tr!("cli-file-too-large", path = shown(), bytes = size, most = SCENARIO_BYTES_MAX));
    }
    let text =
        std::fs::read_to_string(path).with_context(|| tr!("cli-error-reading", what = shown()))?;
    Scenario::from_toml(&text).with_context(|| tr!("cli-in-file", path = shown()))
}

/// The regime document a run uses, with its path: `--regime FILE`, else the scenario's
/// `[regime] file` (relative to the scenario file); `None` for a regime the simulator ships.
fn regime_document(
    scenario_path: &Path,
    scenario: &Scenario,
    option: Option<&Path>,
) -> anyhow::Result<Option<(String, String)>> {
    let path = match (option, &scenario.file.regime.file) {
        (Some(path), _) => path.to_path_buf(),
        (None, Some(file)) => scenario_path.parent().unwrap_or_else(|| Path::new(".")).join(file),
        (None, None) => return Ok(None),
    };
    let shown = || path.display().to_string();
    let size =
        std::fs::metadata(&path).with_context(|| tr!("cli-error-reading", what = shown()))?.len();
    if size > DOCUMENT_BYTES_MAX as u64 {
        bail!(tr!("cli-file-too-large", path = shown(), bytes = size, most = DOCUMENT_BYTES_MAX));
    }
    let text =
        std::fs::read_to_string(&path).with_context(|| tr!("cli-error-reading", what = shown()))?;
    Ok(Some((path.display().to_string(), text)))
}

fn simulate(
    scenario: Scenario,
    scenario_path: &Path,
    options: &RunOptions,
    label: &str,
) -> anyhow::Result<Outcome> {
    if options.replications == 0 || options.replications > REPLICATIONS_MAX {
        bail!(tr!("cli-simulate-replications", most = REPLICATIONS_MAX));
    }
    let seed = options.seed.unwrap_or(scenario.file.scenario.seed);
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = options.threads {
        pool = pool.num_threads(threads.max(1));
    }
    let pool = pool.build().with_context(|| tr!("cli-simulate-threads"))?;
    let bar = ProgressBar::new(options.replications).with_message(label.to_string());
    // The bar's own fields go into the sentence as they are, for the bar to fill in.
    let progress = tr!(
        "cli-simulate-progress",
        position = "{pos}",
        length = "{len}",
        elapsed = "{elapsed}",
        left = "{eta}"
    );
    let style = crate::language::bar_style("{msg} [{bar:30}] {progress}", &progress);
    bar.set_style(style.progress_chars("=> "));
    // With the core in the loop, the charter, officers and carriers are set up once and
    // each replication starts from a copy of that state.
    let setup = if options.model_only {
        None
    } else {
        let document = regime_document(scenario_path, &scenario, options.regime.as_deref())?;
        let setup = match &document {
            Some((path, text)) => {
                CoreSetup::with_regime(&scenario, RegimeDocument { label: path, text })
            }
            None => CoreSetup::new(&scenario),
        };
        Some(setup.with_context(|| tr!("cli-simulate-no-core", label = label))?)
    };
    let results = pool.install(|| {
        passage_sim::replicate(options.replications, |replication| {
            // Replication 0 keeps its series for the charts; the others keep summaries.
            let detail = Detail { series: replication == 0 };
            let result = if let Some(setup) = &setup {
                // A refusal by the core is a simulator bug: its message names the seed
                // and replication that replay it.
                core_loop::run(&scenario, setup, seed, replication, detail, CoreOptions::default())
                    .map(|run| run.report)
                    .map_err(|refused| refused.to_string())
            } else if options.check_acts {
                corridor::run(&scenario, seed, replication, detail, LifecycleCheck::default())
                    .map_err(|refused| refused.to_string())
            } else {
                corridor::run(&scenario, seed, replication, detail, Unobserved)
                    .map_err(|refused| match refused.source {})
            };
            bar.inc(1);
            result
        })
    });
    bar.finish_and_clear();
    let reports =
        results.into_iter().collect::<Result<Vec<_>, String>>().map_err(anyhow::Error::msg)?;
    let summary = corridor::summarize(&scenario, &reports);
    Ok(Outcome { scenario, seed, reports, summary })
}

fn single(path: &Path, options: &RunOptions) -> anyhow::Result<ExitCode> {
    let scenario = load(path)?;
    let outcome = simulate(scenario, path, options, &path.display().to_string())?;
    let markdown = report::summary_markdown(&outcome.scenario, &outcome.summary, outcome.seed);
    print!("{markdown}");
    if let Some(out) = &options.out {
        std::fs::create_dir_all(out)
            .with_context(|| tr!("cli-error-creating", path = out.display().to_string()))?;
        write_outputs(out, "", &outcome)?;
        let summary = out.join("summary.md");
        std::fs::write(&summary, &markdown)
            .with_context(|| tr!("cli-error-writing", path = summary.display().to_string()))?;
        eprintln!("{}", tr!("cli-simulate-wrote", path = out.display().to_string()));
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes `summary.json`, `replications.csv` and the charts, each name prefixed.
fn write_outputs(out: &Path, prefix: &str, outcome: &Outcome) -> anyhow::Result<Vec<String>> {
    let json = serde_json::json!({
        "scenario": outcome.scenario.file.scenario.name,
        "regime": outcome.scenario.file.regime.name,
        "seed": outcome.seed,
        "summary": outcome.summary,
        "replications": outcome.reports.iter().map(without_series).collect::<Vec<_>>(),
    });
    let path = out.join(format!("{prefix}summary.json"));
    std::fs::write(&path, serde_json::to_string_pretty(&json)?)
        .with_context(|| tr!("cli-error-writing", path = path.display().to_string()))?;
    report::write_csv(&out.join(format!("{prefix}replications.csv")), &outcome.reports)?;
    let first = &outcome.reports[0];
    let mut charts = Vec::new();
    let name = format!("{prefix}transit");
    charts::transit_distribution(out, &name, &outcome.summary.scenario, first)?;
    charts.push(name);
    let name = format!("{prefix}queue");
    let posts: Vec<String> = outcome.scenario.file.posts.iter().map(|p| p.name.clone()).collect();
    charts::queue_over_time(out, &name, &outcome.summary.scenario, &posts, first)?;
    charts.push(name);
    Ok(charts)
}

fn without_series(report: &CorridorReport) -> CorridorReport {
    let mut copy = report.clone();
    copy.queue_by_hour.clear();
    for class in &mut copy.classes {
        class.transit_minutes.clear();
    }
    copy
}

fn compare(args: &CompareArgs) -> anyhow::Result<ExitCode> {
    if args.scenarios.len() > COMPARE_SCENARIOS_MAX {
        bail!(tr!("cli-simulate-too-many-scenarios", most = COMPARE_SCENARIOS_MAX));
    }
    let scenarios = args.scenarios.iter().map(|p| load(p)).collect::<anyhow::Result<Vec<_>>>()?;
    let demand = |s: &Scenario| {
        serde_json::json!(
            s.file.flows.iter().map(|f| (&f.class, &f.origin, f.units_per_day)).collect::<Vec<_>>()
        )
    };
    for (path, scenario) in args.scenarios.iter().zip(&scenarios).skip(1) {
        if demand(scenario) != demand(&scenarios[0]) {
            let warning = tr!(
                "cli-simulate-other-demand",
                path = path.display().to_string(),
                first = args.scenarios[0].display().to_string()
            );
            eprintln!("{warning}");
        }
    }
    // One seed for all, so every regime sees the same arrivals (common random numbers):
    // the differences are the regimes', not the dice's.
    let options = RunOptions {
        seed: Some(args.options.seed.unwrap_or(scenarios[0].file.scenario.seed)),
        ..args.options.clone()
    };
    let mut outcomes = Vec::new();
    for (path, scenario) in args.scenarios.iter().zip(scenarios) {
        outcomes.push(simulate(scenario, path, &options, &path.display().to_string())?);
    }
    write_comparison(&outcomes, &options, "simulation-report")?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the comparison table and writes `report.md` with its charts and each run's files.
fn write_comparison(
    outcomes: &[Outcome],
    options: &RunOptions,
    default_out: &str,
) -> anyhow::Result<()> {
    let summaries: Vec<&Summary> = outcomes.iter().map(|o| &o.summary).collect();
    let out = options.out.clone().unwrap_or_else(|| PathBuf::from(default_out));
    std::fs::create_dir_all(&out)
        .with_context(|| tr!("cli-error-creating", path = out.display().to_string()))?;
    charts::tradeoff(&out, "tradeoff", &summaries)?;
    let mut per_scenario = Vec::new();
    let names: Vec<&str> = outcomes.iter().map(|o| o.summary.scenario.as_str()).collect();
    for (i, outcome) in outcomes.iter().enumerate() {
        // Two files may share a scenario name; their outputs must not overwrite each other.
        let name = &outcome.summary.scenario;
        let shared = names.iter().filter(|n| **n == name.as_str()).count() > 1;
        let prefix = if shared { format!("{i}-{name}-") } else { format!("{name}-") };
        per_scenario.push((outcome, write_outputs(&out, &prefix, outcome)?));
    }
    let markdown = report::compare_markdown(
        &per_scenario
            .iter()
            .map(|(o, c)| (&o.scenario, &o.summary, c.as_slice()))
            .collect::<Vec<_>>(),
        outcomes.first().map_or(0, |o| o.seed),
        options.replications,
    );
    let written = out.join("report.md").display().to_string();
    std::fs::write(out.join("report.md"), &markdown)
        .with_context(|| tr!("cli-error-writing", path = written.as_str()))?;
    print!("{}", report::compare_table(&summaries));
    eprintln!("{}", tr!("cli-simulate-wrote", path = written));
    Ok(())
}
