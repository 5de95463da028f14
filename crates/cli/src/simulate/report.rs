//! Text outputs of `passage simulate`: the Markdown summary, the comparison report and the
//! per-replication CSV.

use std::fmt::Write as _;
use std::path::Path;

use crate::language::tr;
use anyhow::Context;
use passage_sim::Estimate;
use passage_sim::corridor::{CorridorReport, Summary};
use passage_sim::scenario::Scenario;

/// `mean ± half-width` with `decimals` places.
fn pm(e: &Estimate, decimals: usize) -> String {
    format!("{:.decimals$} ± {:.decimals$}", e.mean, e.half_width)
}

fn percent(e: &Estimate) -> String {
    if e.count == 0 {
        return "n/a (no irregular units)".to_string();
    }
    format!("{:.1}% ± {:.1}", e.mean * 100.0, e.half_width * 100.0)
}

/// Thousands separated by commas, for money.
fn thousands(x: f64) -> String {
    // Money is shown in whole major units; fractions of a dollar are noise here.
    #[allow(clippy::cast_possible_truncation)]
    let whole = x.round() as i64;
    let digits = whole.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if whole < 0 { format!("-{out}") } else { out }
}

/// The summary of one scenario, as Markdown: what the command prints and `summary.md`.
pub fn summary_markdown(scenario: &Scenario, summary: &Summary, seed: u64) -> String {
    let file = &scenario.file;
    let mut s = String::new();
    let _ = writeln!(s, "## {}: {}\n", summary.scenario, summary.regime);
    if summary.statements_per_day.is_some() {
        let _ = writeln!(
            s,
            "Regime as the domain core runs it: every act is a statement the core applied; \
             lanes, fees and time limits are the regime's own ({}).\n",
            file.regime.description
        );
    } else {
        let _ = writeln!(
            s,
            "The model alone ({}): selection by the scenario's own rules, fees from its tariff.\n",
            file.regime.description
        );
    }
    let _ = writeln!(
        s,
        "{} replications of {} days ({} days of warm-up not counted), seed {seed}. \
         Each figure is the mean over replications ± the half-width of its 95% confidence interval.\n",
        summary.replications, file.scenario.days, file.scenario.warmup_days
    );
    let _ =
        writeln!(s, "| class | released | held | transit mean (h) | p50 (h) | p95 (h) | p99 (h) |");
    let _ = writeln!(s, "| --- | --- | --- | --- | --- | --- | --- |");
    for c in &summary.classes {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            c.class,
            pm(&c.released, 0),
            pm(&c.held, 1),
            pm(&c.transit_mean_hours, 2),
            pm(&c.transit_p50_hours, 2),
            pm(&c.transit_p95_hours, 2),
            pm(&c.transit_p99_hours, 2)
        );
    }
    if !summary.resources.is_empty() {
        let _ = writeln!(s, "\n| post | resource | wait (min) | queue | utilisation |");
        let _ = writeln!(s, "| --- | --- | --- | --- | --- |");
        for r in &summary.resources {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {:.0}% ± {:.0} |",
                r.post,
                r.resource,
                pm(&r.mean_wait_minutes, 1),
                pm(&r.mean_queue, 2),
                r.utilisation.mean * 100.0,
                r.utilisation.half_width * 100.0
            );
        }
    }
    let _ = writeln!(s, "\n| figure | value |\n| --- | --- |");
    let _ =
        writeln!(s, "| throughput (units/day) | {} |", pm(&summary.throughput_units_per_day, 1));
    let _ = writeln!(
        s,
        "| throughput (Mt/year) | {:.2} ± {:.2} |",
        summary.throughput_tonnes_per_year.mean / 1e6,
        summary.throughput_tonnes_per_year.half_width / 1e6
    );
    for (party, fee) in &summary.fees_per_year {
        let _ = writeln!(
            s,
            "| fees to {party} ({}/year) | {} ± {} |",
            summary.currency,
            thousands(fee.mean),
            thousands(fee.half_width)
        );
    }
    let _ = writeln!(s, "| irregular units caught | {} |", percent(&summary.caught_share));
    let _ = writeln!(
        s,
        "| physical inspections per day | {} |",
        pm(&summary.physical_inspections_per_day, 1)
    );
    let _ = writeln!(s, "| units unfinished at the end | {} |", pm(&summary.unfinished, 1));
    if let Some(overdue) = &summary.overdue {
        let _ = writeln!(
            s,
            "| movements overdue (past the regime's time limit) | {} |",
            pm(overdue, 1)
        );
    }
    if let Some(attestations) = &summary.attestations_per_day {
        let _ = writeln!(
            s,
            "| inspections and releases attested by monitors per day | {} |",
            pm(attestations, 0)
        );
    }
    if let Some(contests) = &summary.contests {
        let _ = writeln!(s, "| contests opened | {} |", pm(contests, 1));
    }
    if let Some(automatic) = &summary.automatic_incidents {
        let _ = writeln!(
            s,
            "| automatic incidents (long holds, unanswered contests) | {} |",
            pm(automatic, 1)
        );
    }
    if let Some(statements) = &summary.statements_per_day {
        let _ = writeln!(s, "| statements applied by the core per day | {} |", pm(statements, 0));
    }
    s.push('\n');
    s
}

/// One line per regime: the figures a negotiator compares first.
pub fn compare_table(summaries: &[&Summary]) -> String {
    let mut s = String::new();
    let classes: Vec<&str> = summaries
        .first()
        .map_or(Vec::new(), |x| x.classes.iter().map(|c| c.class.as_str()).collect());
    let _ = write!(s, "| regime |");
    for c in &classes {
        let _ = write!(s, " {c} p50 (h) | {c} p95 (h) |");
    }
    let currency = summaries.first().map_or("", |x| x.currency.as_str());
    let _ = writeln!(s, " caught | inspections/day | fees/year, all parties ({currency}) |");
    let _ = write!(s, "| --- |");
    for _ in &classes {
        let _ = write!(s, " --- | --- |");
    }
    let _ = writeln!(s, " --- | --- | --- |");
    for summary in summaries {
        let _ = write!(s, "| {} |", summary.regime);
        for c in &summary.classes {
            let _ =
                write!(s, " {} | {} |", pm(&c.transit_p50_hours, 2), pm(&c.transit_p95_hours, 2));
        }
        let fees: f64 = summary.fees_per_year.values().map(|e| e.mean).sum();
        let _ = writeln!(
            s,
            " {} | {} | {} |",
            percent(&summary.caught_share),
            pm(&summary.physical_inspections_per_day, 1),
            thousands(fees)
        );
    }
    s
}

/// The comparison report: the overview table, the trade-off chart, then each regime.
pub fn compare_markdown(
    outcomes: &[(&Scenario, &Summary, &[String])],
    seed: u64,
    replications: u64,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Regimes compared\n");
    let _ = writeln!(
        s,
        "The same demand runs through each regime: {replications} replications each, seed {seed}, \
         with the same random arrivals in every regime, so the differences below come from the \
         regimes. Figures are means ± the half-width of the 95% confidence interval. Transit time \
         runs from arrival at the first post to departure from the last; held units are not in it.\n"
    );
    let summaries: Vec<&Summary> = outcomes.iter().map(|(_, summary, _)| *summary).collect();
    s.push_str(&compare_table(&summaries));
    let _ = writeln!(s, "\n![Transit time against detection](tradeoff.svg)\n");
    let _ = writeln!(
        s,
        "The chart puts each regime's 95th-percentile truck transit time against the share of \
         tampered or contraband units it catches: up and to the left is better on both.\n"
    );
    for (scenario, summary, charts) in outcomes {
        s.push_str(&summary_markdown(scenario, summary, seed).replacen("## ", "## Regime ", 1));
        for chart in *charts {
            let _ = writeln!(s, "![{chart}]({chart}.svg)\n");
        }
    }
    s
}

/// One row per replication and class, for spreadsheets.
pub fn write_csv(path: &Path, reports: &[CorridorReport]) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_path(path)
        .with_context(|| tr!("cli-error-writing", path = path.display().to_string()))?;
    w.write_record([
        "replication",
        "class",
        "released",
        "held",
        "transit_mean_hours",
        "transit_p50_hours",
        "transit_p95_hours",
        "transit_p99_hours",
        "irregular",
        "caught",
        "physical_inspections",
        "false_alarms",
        "unfinished",
        "throughput_tonnes_per_year",
    ])?;
    for r in reports {
        for c in &r.classes {
            w.write_record([
                r.replication.to_string(),
                c.class.clone(),
                c.released.to_string(),
                c.held.to_string(),
                c.transit_mean_hours.to_string(),
                c.transit_p50_hours.to_string(),
                c.transit_p95_hours.to_string(),
                c.transit_p99_hours.to_string(),
                r.irregular.to_string(),
                r.caught.to_string(),
                r.physical_inspections.to_string(),
                r.false_alarms.to_string(),
                r.unfinished.to_string(),
                r.throughput_tonnes_per_year.to_string(),
            ])?;
        }
    }
    w.flush().with_context(|| tr!("cli-error-writing", path = path.display().to_string()))?;
    Ok(())
}
