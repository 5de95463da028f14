//! `passage simulate search SPACE.toml --out DIR`: search a space of regimes for the
//! frontier worth discussing (`passage_sim::search`), and write each frontier regime as a
//! regime file ready for `passage regime propose`, with `frontier.csv`, `frontier.json`
//! and a short table of each regime's effect on each party.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::language::tr;
use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use passage_core::statement::DOCUMENT_BYTES_MAX;
use passage_i18n::{Language, Texts};
use passage_sim::Estimate;
use passage_sim::scenario::SCENARIO_BYTES_MAX;
use passage_sim::search::corridor::{self, BaseTexts, CorridorSearch, SearchReport};
use passage_sim::search::space::{Assumptions, SPACE_BYTES_MAX, Space};

use super::search_report;

/// Arguments of `passage simulate search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The space file (TOML; see scenarios/README.md, "Searching for regimes").
    space: PathBuf,
    /// Folder for the frontier's regime files, frontier.csv and frontier.json.
    #[arg(long, default_value = "simulation-search")]
    out: PathBuf,
    /// Worker threads; defaults to every core. The output does not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// The report's language (hy, az, ru, en), or `all` for the four side by side:
    /// report.<language>.html and report.<language>.pdf, with identical figures.
    /// (`--lang` is the language of what the command prints.)
    #[arg(long, default_value = "all", value_parser = parse_languages)]
    report_lang: ReportLanguages,
}

/// Which languages the report is written in.
#[derive(Clone, Debug)]
pub struct ReportLanguages(Vec<Language>);

fn parse_languages(text: &str) -> Result<ReportLanguages, String> {
    if text.eq_ignore_ascii_case("all") {
        return Ok(ReportLanguages(Language::ALL.to_vec()));
    }
    Language::from_code(text)
        .map(|language| ReportLanguages(vec![language]))
        .map_err(|e| e.to_string())
}

fn read_limited(path: &Path, limit: usize) -> anyhow::Result<String> {
    let size = std::fs::metadata(path)
        .with_context(|| tr!("cli-error-reading", what = path.display().to_string()))?
        .len();
    if size > limit as u64 {
        bail!(tr!(
            "cli-file-too-large",
            path = path.display().to_string(),
            bytes = size,
            most = limit
        ));
    }
    std::fs::read_to_string(path)
        .with_context(|| tr!("cli-error-reading", what = path.display().to_string()))
}

/// Runs `passage simulate search`.
pub fn run(args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let text = read_limited(&args.space, SPACE_BYTES_MAX)?;
    let space = Space::from_toml(&text)
        .with_context(|| tr!("cli-in-file", path = args.space.display().to_string()))?;
    let folder = args.space.parent().unwrap_or_else(|| Path::new("."));
    let base = space.file.base.as_ref().with_context(|| tr!("cli-search-no-base"))?;
    let scenario_path = folder.join(&base.scenario);
    let scenario = read_limited(&scenario_path, SCENARIO_BYTES_MAX)?;
    let regime = match &base.regime {
        Some(file) => Some(read_limited(&folder.join(file), DOCUMENT_BYTES_MAX)?),
        None => None,
    };
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = args.threads {
        pool = pool.num_threads(threads.max(1));
    }
    let pool = pool.build().with_context(|| tr!("cli-simulate-threads"))?;
    let name = space.file.search.name.clone();
    let assumptions = space.file.assumptions.clone();
    let search = pool
        .install(|| {
            CorridorSearch::new(space, BaseTexts { scenario: &scenario, regime: regime.as_deref() })
        })
        .with_context(|| tr!("cli-in-file", path = args.space.display().to_string()))?;
    let bar = ProgressBar::new_spinner().with_message(tr!(
        "cli-search-progress-name",
        name = name.as_str(),
        count = search.candidates.len()
    ));
    // The bar's own fields go into the sentence as they are, for the bar to fill in.
    let progress = tr!("cli-search-progress", count = "{pos}", elapsed = "{elapsed}");
    // A translation that broke the template would show a plain spinner rather than stop.
    let style = ProgressStyle::with_template(&format!("{{msg}}, {progress}"))
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    let report = pool
        .install(|| corridor::run(&search, &|| bar.inc(1)))
        .with_context(|| tr!("cli-search-searching", path = args.space.display().to_string()))?;
    bar.finish_and_clear();
    write_outputs(&args.out, &report)?;
    write_reports(&args.out, &report, &assumptions, &args.report_lang.0)?;
    print!("{}", table(&report));
    eprintln!("{}", tr!("cli-simulate-wrote", path = args.out.display().to_string()));
    Ok(ExitCode::SUCCESS)
}

/// The negotiator's report, as a web page and a PDF per language.
fn write_reports(
    out: &Path,
    report: &SearchReport,
    assumptions: &Assumptions,
    languages: &[Language],
) -> anyhow::Result<()> {
    for language in languages {
        let document = search_report::document(report, assumptions, *language)?;
        let texts = Texts::new(*language)?;
        let stem = search_report::file_stem(*language);
        let page = out.join(format!("{stem}.html"));
        std::fs::write(&page, search_report::html(&document, &texts)?)
            .with_context(|| tr!("cli-error-writing", path = page.display().to_string()))?;
        let pdf = out.join(format!("{stem}.pdf"));
        std::fs::write(&pdf, passage_document::pdf::pdf(&document)?)
            .with_context(|| tr!("cli-error-writing", path = pdf.display().to_string()))?;
    }
    Ok(())
}

/// The file name of a frontier regime.
fn regime_file_name(report: &SearchReport, candidate: usize) -> String {
    let name: String = report
        .name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' })
        .collect();
    format!("{name}-candidate-{candidate}.toml")
}

fn write_outputs(out: &Path, report: &SearchReport) -> anyhow::Result<()> {
    let regimes = out.join("regimes");
    std::fs::create_dir_all(&regimes)
        .with_context(|| tr!("cli-error-creating", path = regimes.display().to_string()))?;
    for point in &report.frontier {
        let mut text = format!(
            "# A regime on the frontier of search `{}` (candidate {}), ready for\n# `passage regime propose`. Its settings (`scenario:` ones are the posts' resources,\n# which the regime does not hold):\n",
            report.name, point.candidate
        );
        for (path, value) in &point.settings {
            let _ = writeln!(text, "#   {path} = {value}");
        }
        let _ = writeln!(
            text,
            "# Figures with the core in the loop, {} replications: frontier.csv.\n",
            point.replications
        );
        text.push_str(&point.regime_text);
        let path = regimes.join(regime_file_name(report, point.candidate));
        std::fs::write(&path, text)
            .with_context(|| tr!("cli-error-writing", path = path.display().to_string()))?;
    }
    let json = serde_json::to_string_pretty(report)?;
    let frontier = out.join("frontier.json");
    std::fs::write(&frontier, json)
        .with_context(|| tr!("cli-error-writing", path = frontier.display().to_string()))?;
    write_csv(&out.join("frontier.csv"), report)
}

/// One row per frontier regime: its settings, then every figure's mean and half-width.
fn write_csv(path: &Path, report: &SearchReport) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_path(path)
        .with_context(|| tr!("cli-error-writing", path = path.display().to_string()))?;
    let settings: Vec<String> = report
        .frontier
        .first()
        .map(|p| p.settings.iter().map(|(path, _)| path.clone()).collect())
        .unwrap_or_default();
    let figures: BTreeSet<&String> =
        report.frontier.iter().flat_map(|p| p.figures.keys()).collect();
    let mut header = vec!["candidate".to_string(), "regime_file".into(), "replications".into()];
    header.extend(settings.iter().cloned());
    for figure in &figures {
        header.push((*figure).clone());
        header.push(format!("{figure} half_width"));
    }
    w.write_record(&header)?;
    for point in &report.frontier {
        let mut row = vec![
            point.candidate.to_string(),
            format!("regimes/{}", regime_file_name(report, point.candidate)),
            point.replications.to_string(),
        ];
        row.extend(point.settings.iter().map(|(_, value)| value.to_string()));
        for figure in &figures {
            let estimate = point.figures.get(*figure);
            row.push(estimate.map_or_else(String::new, |e| e.mean.to_string()));
            row.push(estimate.map_or_else(String::new, |e| e.half_width.to_string()));
        }
        w.write_record(&row)?;
    }
    w.flush().with_context(|| tr!("cli-error-writing", path = path.display().to_string()))?;
    Ok(())
}

/// A figure as `mean ± half-width`, money rounded to whole units.
fn show(estimate: Option<&Estimate>) -> String {
    let Some(e) = estimate else { return "n/a".into() };
    let magnitude = e.mean.abs().max(e.half_width);
    if magnitude >= 1000.0 {
        format!("{:.0} ± {:.0}", e.mean, e.half_width)
    } else if magnitude >= 1.0 {
        format!("{:.2} ± {:.2}", e.mean, e.half_width)
    } else {
        format!("{:.3} ± {:.3}", e.mean, e.half_width)
    }
}

/// The printed summary: the frontier on its objectives, then each party side by side.
fn table(report: &SearchReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Search {}: {} regimes on the frontier of {} candidates ({:?})\n",
        report.name,
        report.frontier.len(),
        report.candidates,
        report.drawn
    );
    let _ = writeln!(
        out,
        "{} replications screening and refining (refinement rounds: {}), {} confirming with the core; {} pairs near the frontier still unsettled.\n",
        report.replications_screening,
        report.rounds,
        report.replications_confirmation,
        report.unsettled_pairs
    );
    let mut header = "| candidate | settings |".to_string();
    let mut rule = "| --- | --- |".to_string();
    for objective in &report.objectives {
        let _ = write!(header, " {} ({:?}) |", objective.metric, objective.direction);
        rule.push_str(" --- |");
    }
    let _ = writeln!(out, "{header}\n{rule}");
    for point in &report.frontier {
        let settings: Vec<String> =
            point.settings.iter().map(|(path, value)| format!("{path} = {value}")).collect();
        let _ = write!(out, "| {} | {} |", point.candidate, settings.join("; "));
        for objective in &report.objectives {
            let _ = write!(out, " {} |", show(point.figures.get(&objective.metric)));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\n### Each party, per year ({})\n", report.currency);
    let mut header = "| candidate |".to_string();
    let mut rule = "| --- |".to_string();
    let mut columns: Vec<(String, String)> = Vec::new();
    for (key, name) in &report.parties {
        for (figure, label) in [
            ("revenue_per_year", "revenue"),
            ("staff_cost_per_year", "staff"),
            ("equipment_cost_per_year", "equipment"),
        ] {
            columns.push((format!("{figure}.{key}"), format!("{name}: {label}")));
        }
    }
    columns.push(("fees_paid_per_year.carriers".into(), "carriers: fees".into()));
    columns.push(("waiting_cost_per_year.carriers".into(), "carriers: waiting".into()));
    columns.push(("caught_share".into(), "share of irregular units caught".into()));
    for (_, label) in &columns {
        let _ = write!(header, " {label} |");
        rule.push_str(" --- |");
    }
    let _ = writeln!(out, "{header}\n{rule}");
    for point in &report.frontier {
        let _ = write!(out, "| {} |", point.candidate);
        for (figure, _) in &columns {
            let _ = write!(out, " {} |", show(point.figures.get(figure)));
        }
        out.push('\n');
    }
    if !report.refused.is_empty() || !report.dropped.is_empty() {
        out.push_str("\n### Left out\n\n");
        for left in report.refused.iter().chain(&report.dropped) {
            let _ = writeln!(out, "- candidate {}: {}", left.candidate, left.reason);
        }
    }
    out
}
