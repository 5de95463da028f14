//! `passage report DAY`: a day's figures as the node's core keeps them (or as the mission
//! signed them), as text or JSON; with `--sign`, the mission's authority signs them with
//! its narrative (a file, kept by the node as a confidential payload behind the
//! statement's commitment). The core refuses a signature whose figures are not its own.
//! With `--pdf FILE` or `--page FILE` (and `--report-lang`), it saves the report as the node
//! renders it, a PDF or a web page in one of the four languages.

use crate::declaration::Committer;
use crate::language::tr;
use crate::queries::{NODE_ANSWER_BYTES_MAX, failed, fetch};
use crate::statements::{SignArgs, read_limited, sign_and_send};
use crate::words;
use anyhow::{Context, Result, anyhow, bail};
use passage_core::Ident;
use passage_core::statement::{Figure, FigureLine, Statement};
use passage_node::api::governance::CorridorResponse;
use passage_node::api::monitoring::{FigureView, ReportView};
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
    /// The language of `--pdf` and `--page`: hy, az, ru or en (default: the language of
    /// the command's text, `--lang`).
    #[arg(long = "report-lang", alias = "language", value_parser = ["hy", "az", "ru", "en"])]
    report_lang: Option<String>,
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
    let report: ReportView = serde_json::from_value(value.clone())
        .with_context(|| tr!("cli-error-unexpected-answer"))?;
    if !args.sign {
        if node.json {
            println!("{value}");
        } else {
            // The routes name an arrival's detail; without them it is shown as a number.
            let routes = match fetch(node, "/v1/corridor")? {
                Ok(value) => serde_json::from_value::<CorridorResponse>(value)
                    .map(|corridor| corridor.routes.into_iter().map(|route| route.id).collect())
                    .unwrap_or_default(),
                Err(_) => Vec::new(),
            };
            print!("{}", render(&report, &routes));
        }
        return Ok(ExitCode::SUCCESS);
    }
    if report.status != "to_sign" {
        bail!(tr!(
            "cli-report-not-to-sign",
            day = report.day.as_str(),
            status = status_words(&report.status)
        ));
    }
    let path = args.narrative.as_deref().with_context(|| tr!("cli-report-needs-narrative"))?;
    let narrative = read_limited(path)?;
    let figures = report
        .figures
        .iter()
        .map(|line| {
            let figure = Figure::parse(&line.figure).ok_or_else(|| {
                anyhow!(tr!("cli-report-unknown-figure", figure = line.figure.as_str()))
            })?;
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
    let language = match &args.report_lang {
        Some(code) => code.clone(),
        None => crate::language::language().code().to_owned(),
    };
    let runtime = tokio::runtime::Runtime::new().with_context(|| tr!("cli-error-runtime"))?;
    for (form, path) in [("pdf", &args.pdf), ("page", &args.page)] {
        let Some(path) = path else { continue };
        let address = format!(
            "{}/v1/reports/{}/{form}?language={language}",
            url.trim_end_matches('/'),
            args.day,
        );
        let answer = runtime.block_on(async {
            let response = crate::statements::http_client()?
                .get(&address)
                .send()
                .await
                .with_context(|| tr!("cli-error-reading", what = address.as_str()))?;
            if response.status().is_success() {
                let body = passage_peer::read_body(response, NODE_ANSWER_BYTES_MAX)
                    .await
                    .with_context(|| tr!("cli-error-reading-answer", url = address.as_str()))?;
                Ok::<_, anyhow::Error>(Ok(body))
            } else {
                crate::queries::decode_answer::<serde_json::Value>(&address, response)
                    .await
                    .map(|answer| answer.map(|_| Vec::new()))
            }
        });
        match answer? {
            Ok(bytes) => std::fs::write(path, bytes)
                .with_context(|| tr!("cli-error-writing", path = path.display().to_string()))?,
            Err(error) => return Ok(failed(node, &error)),
        }
        if !node.json {
            let written = tr!(
                "cli-report-written",
                day = args.day.as_str(),
                language = language.as_str(),
                path = path.display().to_string()
            );
            println!("{written}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A report's status in words.
fn status_words(status: &str) -> String {
    match status {
        "open" => tr!("cli-report-status-open"),
        "to_sign" => tr!("cli-report-status-to-sign"),
        "signed" => tr!("cli-report-status-signed"),
        "forgotten" => tr!("cli-report-status-forgotten"),
        other => other.to_owned(),
    }
}

/// Milliseconds in an hour: durations are shown in hours, as the mission's report shows
/// them.
const MS_PER_HOUR: f64 = 3_600_000.0;

/// A report as text: its status, then one line per figure, in the words of the mission's
/// report (a duration in hours), its columns lined up by the characters each takes.
fn render(report: &ReportView, routes: &[String]) -> String {
    let status = status_words(&report.status);
    let mut text = match report.signed_entry {
        Some(entry) => tr!(
            "cli-report-title-signed",
            day = report.day.as_str(),
            status = status,
            entry = entry
        ),
        None => tr!("cli-report-title", day = report.day.as_str(), status = status),
    };
    text.push('\n');
    let rows: Vec<[String; 4]> = report.figures.iter().map(|line| row(line, routes)).collect();
    let mut widths = [0; 4];
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(words::width(cell));
        }
    }
    let [place, figure, detail, value] = widths;
    for [a, b, c, d] in &rows {
        let line = format!("{a:<place$}  {b:<figure$}  {c:<detail$}  {d:>value$}");
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

/// One figure's cells: where, what, its detail, its value.
fn row(line: &FigureView, routes: &[String]) -> [String; 4] {
    let place = line.post.clone().unwrap_or_else(|| tr!("cli-report-corridor"));
    let language = crate::language::language();
    let count = || words::count(line.value);
    #[allow(clippy::cast_precision_loss)]
    let hours = || passage_i18n::number::format(line.value as f64 / MS_PER_HOUR, 2, language);
    let in_hours = |key: String| tr!("mission-report-hours", figure = key);
    let (name, value) = match Figure::parse(&line.figure) {
        Some(Figure::Arrivals) => (tr!("mission-figure-arrivals"), count()),
        Some(Figure::Departures) => (tr!("mission-figure-departures"), count()),
        Some(Figure::DwellTotalMs) => (in_hours(tr!("mission-figure-dwell-total")), hours()),
        Some(Figure::DwellLongestMs) => (in_hours(tr!("mission-figure-dwell-longest")), hours()),
        Some(Figure::Inspections) => (tr!("mission-figure-inspections"), count()),
        Some(Figure::HoldsStarted) => (tr!("mission-figure-holds-started"), count()),
        Some(Figure::HoldsEnded) => (tr!("mission-figure-holds-ended"), count()),
        Some(Figure::HoldTotalMs) => (in_hours(tr!("mission-figure-hold-total")), hours()),
        Some(Figure::HoldLongestMs) => (in_hours(tr!("mission-figure-hold-longest")), hours()),
        Some(Figure::IncidentsOpened) => (tr!("mission-figure-incidents-opened"), count()),
        Some(Figure::IncidentsClosed) => (tr!("mission-figure-incidents-closed"), count()),
        Some(Figure::Observations) => (tr!("mission-figure-observations"), count()),
        Some(Figure::Dissents) => (tr!("mission-figure-dissents"), count()),
        Some(Figure::ContestsOpened) => (tr!("mission-figure-contests-opened"), count()),
        Some(Figure::ContestsAnswered) => (tr!("mission-figure-contests-answered"), count()),
        Some(Figure::ContestsOverdue) => (tr!("mission-figure-contests-overdue"), count()),
        Some(Figure::AutomaticIncidents) => (tr!("mission-figure-automatic-incidents"), count()),
        // A figure a newer core counts: its word from the log, its detail as a number.
        None => return [place, line.figure.clone(), line.detail.to_string(), count()],
    };
    let detail = match Figure::parse(&line.figure) {
        Some(Figure::Arrivals) => {
            let route = routes
                .get(usize::from(line.detail))
                .cloned()
                .unwrap_or_else(|| line.detail.to_string());
            tr!("mission-detail-route", route = route)
        }
        // An inspection's detail is its lane and outcome, three outcomes to a lane.
        Some(Figure::Inspections) => {
            let lane = match line.detail / 3 {
                0 => tr!("mission-lane-green"),
                1 => tr!("mission-lane-yellow"),
                _ => tr!("mission-lane-red"),
            };
            let outcome = match line.detail % 3 {
                0 => tr!("mission-outcome-conform"),
                1 => tr!("mission-outcome-minor"),
                _ => tr!("mission-outcome-major"),
            };
            tr!("mission-detail-inspection", lane = lane, outcome = outcome)
        }
        _ => String::new(),
    };
    [place, name, detail, value]
}
