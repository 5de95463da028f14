//! The negotiator's report of `passage simulate search`, in Armenian, Azerbaijani, Russian
//! and English with identical figures: the frontier, each party side by side, the
//! assumptions with their sources, how sure the figures are, and a short reading.
//!
//! Every visible text comes from the translation files (`passage-i18n`, `report.ftl`). The
//! report is first built as a `passage_document::Document` of headings, sentences, tables
//! and a chart, in which each figure keeps its value beside its written form; the web page
//! ([`html`]) and the PDF (`passage_document::pdf`) are two renderings of the same
//! document, so the figures cannot differ between them or between languages.

use passage_document::html::Links;
use passage_document::{Argument, Block, Chart, Document, Figure, Line, Piece, Writer};
use passage_i18n::{Language, TextError, Texts};
use passage_sim::Estimate;
use passage_sim::search::candidates::Drawn;
use passage_sim::search::corridor::SearchReport;
use passage_sim::search::space::{Assumptions, Direction};

/// The search report's own words and figures, beside the [`Writer`]'s.
trait SearchWords {
    fn estimate(&self, estimate: Option<&Estimate>, scale: f64) -> Line;
    fn figure_name(&self, metric: &str) -> Result<String, TextError>;
    fn party_name(&self, key: &str, name: &str) -> Result<String, TextError>;
    fn basis(&self, source: &str) -> Result<Line, TextError>;
}

impl SearchWords for Writer<'_> {
    /// `mean ± half-width`, with places chosen by the size of the figure.
    fn estimate(&self, estimate: Option<&Estimate>, scale: f64) -> Line {
        let Some(e) = estimate else { return vec![Piece::Text("–".into())] };
        let (mean, half_width) = (e.mean * scale, e.half_width * scale);
        let magnitude = mean.abs().max(half_width);
        let decimals = if magnitude >= 1000.0 {
            0
        } else if magnitude >= 10.0 {
            1
        } else if magnitude >= 1.0 {
            2
        } else {
            3
        };
        vec![
            Piece::Figure(self.figure(mean, decimals)),
            Piece::Text(" ± ".into()),
            Piece::Figure(self.figure(half_width, decimals)),
        ]
    }

    /// The name of a figure of the search (`transit_p95_hours.truck`) in this language;
    /// a figure the translations do not know keeps its name from the search file.
    fn figure_name(&self, metric: &str) -> Result<String, TextError> {
        let (base, class) = match metric.split_once('.') {
            Some((base, class)) => (base, Some(class)),
            None => (metric, None),
        };
        let key = match base {
            "transit_mean_hours" => "report-figure-transit-mean",
            "transit_p95_hours" => "report-figure-transit-p95",
            "caught_share" => "report-figure-caught-share",
            "revenue_per_year" => "report-figure-revenue",
            "staff_cost_per_year" => "report-figure-staff-cost",
            "equipment_cost_per_year" => "report-figure-equipment-cost",
            "incidents_per_year" => "report-figure-incidents",
            "overdue_per_year" => "report-figure-overdue",
            "held_per_year" => "report-figure-held",
            "physical_inspections_per_day" => "report-figure-inspections",
            _ => return Ok(metric.to_string()),
        };
        let figure = self.text(key)?;
        let Some(class) = class else { return Ok(figure) };
        let class = match class {
            "truck" => self.text("report-class-truck")?,
            "train" => self.text("report-class-train")?,
            other => other.to_string(),
        };
        let arguments =
            passage_i18n::arguments([("figure", figure.into()), ("class", class.into())]);
        self.texts.text_with("report-figure-of-class", &arguments)
    }

    fn party_name(&self, key: &str, name: &str) -> Result<String, TextError> {
        match key {
            "host" => self.text("report-party-host"),
            "transit" => self.text("report-party-transit"),
            "monitor" => self.text("report-party-monitor"),
            "carriers" => self.text("report-party-carriers"),
            _ => Ok(name.to_string()),
        }
    }

    /// `basis` as the search file gives it, labelled as a source or as an assumption.
    fn basis(&self, source: &str) -> Result<Line, TextError> {
        let (label, rest) = match source.strip_prefix("assumption") {
            Some(rest) => (self.text("report-label-assumption")?, rest),
            None => (self.text("report-label-source")?, source),
        };
        let rest = rest.trim_start_matches([':', ' ']);
        Ok(vec![Piece::Text(format!("{label}: {rest}"))])
    }
}

fn figure_arg(figure: Figure) -> Argument {
    Argument::Figure(figure)
}

/// Scale applied to a figure before it is shown: shares as percentages.
fn scale_of(metric: &str) -> f64 {
    if metric.starts_with("caught_share") { 100.0 } else { 1.0 }
}

/// The report of `report` in `language`; `assumptions` are the search file's.
pub fn document(
    report: &SearchReport,
    assumptions: &Assumptions,
    language: Language,
) -> Result<Document, TextError> {
    let texts = Texts::new(language)?;
    let w = Writer { texts: &texts, language };
    let name_argument = passage_i18n::arguments([("name", report.name.clone().into())]);
    let title = texts.text_with("report-title", &name_argument)?;
    let mut blocks = Vec::new();

    let frontier_count = report.frontier.len();
    blocks.push(Block::Paragraph(w.line(
        "report-summary",
        vec![
            ("frontier", figure_arg(w.count(frontier_count))),
            ("candidates", figure_arg(w.count(report.candidates))),
        ],
        &[("frontier_count", frontier_count)],
    )?));
    let drawn = match report.drawn {
        Drawn::Grid => w.text("report-drawn-grid")?,
        Drawn::LatinHypercube => w.text("report-drawn-latin-hypercube")?,
        Drawn::Random => w.text("report-drawn-random")?,
    };
    #[allow(clippy::cast_possible_truncation)]
    blocks.push(Block::Paragraph(w.line(
        "report-method",
        vec![
            ("drawn", Argument::Text(drawn)),
            ("screening", figure_arg(w.count(report.replications_screening as usize))),
            ("rounds", figure_arg(w.count(report.rounds as usize))),
            ("confirmation", figure_arg(w.count(report.replications_confirmation as usize))),
        ],
        &[],
    )?));
    blocks.push(Block::Paragraph(vec![Piece::Text(w.text("report-figures-note")?)]));

    // The reading comes first: a negotiator reads it before the tables.
    blocks.push(Block::Heading(w.text("report-section-reading")?));
    blocks.push(Block::List(reading(&w, report)?));

    blocks.push(Block::Heading(w.text("report-section-frontier")?));
    blocks.push(Block::Paragraph(vec![Piece::Text(w.text("report-frontier-intro")?)]));
    let chart_points: Vec<(usize, f64, f64)> = report
        .frontier
        .iter()
        .filter_map(|p| {
            let x = p.figures.get("caught_share")?.mean * 100.0;
            let y = p.figures.get("transit_p95_hours.truck")?.mean;
            Some((p.candidate, x, y))
        })
        .collect();
    if !chart_points.is_empty() {
        blocks.push(Block::Chart(Chart {
            title: w.text("report-chart-title")?,
            x_label: w.text("report-chart-x")?,
            y_label: w.text("report-chart-y")?,
            points: chart_points,
        }));
    }
    let mut header = vec![w.text("report-column-candidate")?, w.text("report-column-settings")?];
    for objective in &report.objectives {
        let better = match objective.direction {
            Direction::Minimize => w.text("report-better-low")?,
            Direction::Maximize => w.text("report-better-high")?,
        };
        let percent = if scale_of(&objective.metric) == 100.0 { " (%)" } else { "" };
        header.push(format!("{}{percent} ({better})", w.figure_name(&objective.metric)?));
    }
    let mut rows = Vec::new();
    for point in &report.frontier {
        let settings: Vec<String> =
            point.settings.iter().map(|(path, value)| format!("{path} = {value}")).collect();
        let mut row = vec![
            vec![Piece::Figure(w.count(point.candidate))],
            vec![Piece::Text(settings.join("; "))],
        ];
        for objective in &report.objectives {
            row.push(w.estimate(point.figures.get(&objective.metric), scale_of(&objective.metric)));
        }
        rows.push(row);
    }
    blocks.push(Block::Table { header, rows });

    blocks.push(Block::Heading(w.text("report-section-parties")?));
    blocks.push(Block::Paragraph(w.line(
        "report-parties-intro",
        vec![("currency", Argument::Text(report.currency.clone()))],
        &[],
    )?));
    let mut columns: Vec<(String, String)> = Vec::new();
    for (key, name) in &report.parties {
        let party = w.party_name(key, name)?;
        for (figure, label) in [
            ("revenue_per_year", "report-column-revenue"),
            ("staff_cost_per_year", "report-column-staff"),
            ("equipment_cost_per_year", "report-column-equipment"),
            ("net_per_year", "report-column-net"),
        ] {
            columns.push((format!("{figure}.{key}"), format!("{party}: {}", w.text(label)?)));
        }
    }
    let carriers = w.party_name("carriers", "carriers")?;
    columns.push((
        "fees_paid_per_year.carriers".into(),
        format!("{carriers}: {}", w.text("report-column-fees-paid")?),
    ));
    columns.push((
        "waiting_cost_per_year.carriers".into(),
        format!("{carriers}: {}", w.text("report-column-waiting")?),
    ));
    let mut header = vec![w.text("report-column-candidate")?];
    header.extend(columns.iter().map(|(_, label)| label.clone()));
    let mut rows = Vec::new();
    for point in &report.frontier {
        let mut row = vec![vec![Piece::Figure(w.count(point.candidate))]];
        for (figure, _) in &columns {
            row.push(w.estimate(point.figures.get(figure), 1.0));
        }
        rows.push(row);
    }
    blocks.push(Block::Table { header, rows });

    blocks.push(Block::Heading(w.text("report-section-assumptions")?));
    blocks.push(Block::Paragraph(vec![Piece::Text(w.text("report-assumptions-intro")?)]));
    blocks.push(assumptions_table(&w, &report.currency, assumptions)?);

    blocks.push(Block::Heading(w.text("report-section-uncertainty")?));
    if report.unsettled_pairs == 0 {
        blocks.push(Block::Paragraph(vec![Piece::Text(w.text("report-uncertainty-settled")?)]));
    } else {
        blocks.push(Block::Paragraph(w.line(
            "report-uncertainty-unsettled",
            vec![("pairs", figure_arg(w.count(report.unsettled_pairs)))],
            &[("pairs_count", report.unsettled_pairs)],
        )?));
    }
    blocks.push(Block::Paragraph(vec![Piece::Text(w.text("report-indifference-intro")?)]));
    let header = vec![w.text("report-column-objective")?, w.text("report-column-indifference")?];
    let mut rows = Vec::new();
    for objective in &report.objectives {
        let scale = scale_of(&objective.metric);
        let value = objective.indifference * scale;
        let decimals = if value >= 100.0 { 0 } else { 2 };
        rows.push(vec![
            vec![Piece::Text(w.figure_name(&objective.metric)?)],
            vec![Piece::Figure(w.figure(value, decimals))],
        ]);
    }
    blocks.push(Block::Table { header, rows });

    if !report.refused.is_empty() || !report.dropped.is_empty() {
        blocks.push(Block::Heading(w.text("report-section-left-out")?));
        blocks.push(Block::Paragraph(w.line(
            "report-left-out",
            vec![
                ("refused", figure_arg(w.count(report.refused.len()))),
                ("dropped", figure_arg(w.count(report.dropped.len()))),
            ],
            &[],
        )?));
    }
    Ok(Document { language, title, blocks })
}

/// The short reading: what the frontier says, objective by objective, and the trade-off
/// between detection and time when the search measured both.
fn reading(w: &Writer<'_>, report: &SearchReport) -> Result<Vec<Line>, TextError> {
    let mut lines = Vec::new();
    if report.frontier.len() <= 1 {
        lines.push(vec![Piece::Text(w.text("report-reading-one")?)]);
    } else {
        lines.push(vec![Piece::Text(w.text("report-reading-no-best")?)]);
    }
    for objective in &report.objectives {
        let scale = scale_of(&objective.metric);
        let values: Vec<f64> = report
            .frontier
            .iter()
            .filter_map(|p| p.figures.get(&objective.metric).map(|e| e.mean * scale))
            .collect();
        let (Some(low), Some(high)) =
            (values.iter().copied().reduce(f64::min), values.iter().copied().reduce(f64::max))
        else {
            continue;
        };
        let decimals = if high.abs() >= 1000.0 { 0 } else { 2 };
        lines.push(w.line(
            "report-reading-range",
            vec![
                ("figure", Argument::Text(w.figure_name(&objective.metric)?)),
                ("low", figure_arg(w.figure(low, decimals))),
                ("high", figure_arg(w.figure(high, decimals))),
            ],
            &[],
        )?);
    }
    let both: Vec<(usize, f64, f64)> = report
        .frontier
        .iter()
        .filter_map(|p| {
            Some((
                p.candidate,
                p.figures.get("caught_share")?.mean * 100.0,
                p.figures.get("transit_p95_hours.truck")?.mean,
            ))
        })
        .collect();
    let most_caught = both.iter().copied().reduce(|a, b| if b.1 > a.1 { b } else { a });
    let fastest = both.iter().copied().reduce(|a, b| if b.2 < a.2 { b } else { a });
    if let (Some(caught), Some(fast)) = (most_caught, fastest)
        && caught.0 != fast.0
    {
        lines.push(w.line(
            "report-reading-tradeoff",
            vec![
                ("caught_candidate", figure_arg(w.count(caught.0))),
                ("caught_share", figure_arg(w.figure(caught.1, 1))),
                ("caught_hours", figure_arg(w.figure(caught.2, 2))),
                ("fast_hours", figure_arg(w.figure(fast.2, 2))),
                ("fast_candidate", figure_arg(w.count(fast.0))),
                ("fast_share", figure_arg(w.figure(fast.1, 1))),
            ],
            &[],
        )?);
    }
    // Who gains and who pays: each party's net, and the carriers' cost, across the frontier.
    let span = |figure: &str| {
        let values: Vec<f64> =
            report.frontier.iter().filter_map(|p| p.figures.get(figure).map(|e| e.mean)).collect();
        Some((values.iter().copied().reduce(f64::min)?, values.iter().copied().reduce(f64::max)?))
    };
    for (key, name) in &report.parties {
        if let Some((low, high)) = span(&format!("net_per_year.{key}")) {
            lines.push(w.line(
                "report-reading-party",
                vec![
                    ("party", Argument::Text(w.party_name(key, name)?)),
                    ("low", figure_arg(w.figure(low, 0))),
                    ("high", figure_arg(w.figure(high, 0))),
                    ("currency", Argument::Text(report.currency.clone())),
                ],
                &[],
            )?);
        }
    }
    if let Some((low, high)) = span("cost_per_year.carriers") {
        lines.push(w.line(
            "report-reading-carriers",
            vec![
                ("low", figure_arg(w.figure(low, 0))),
                ("high", figure_arg(w.figure(high, 0))),
                ("currency", Argument::Text(report.currency.clone())),
            ],
            &[],
        )?);
    }
    lines.push(vec![Piece::Text(w.text("report-reading-caveat")?)]);
    Ok(lines)
}

fn assumptions_table(
    w: &Writer<'_>,
    currency: &str,
    assumptions: &Assumptions,
) -> Result<Block, TextError> {
    let header = vec![
        w.text("report-column-what")?,
        w.text("report-column-value")?,
        w.text("report-column-basis")?,
    ];
    let mut rows = Vec::new();
    let money = |value: f64| if value.abs() >= 100.0 { 0 } else { 4.min(decimals_needed(value)) };
    for (from, sourced) in &assumptions.exchange {
        let what = w.texts.text_with(
            "report-assumption-exchange",
            &passage_i18n::arguments([
                ("from", from.clone().into()),
                ("currency", currency.to_string().into()),
            ]),
        )?;
        rows.push(vec![
            vec![Piece::Text(what)],
            vec![Piece::Figure(w.figure(sourced.value, money(sourced.value)))],
            w.basis(&sourced.source)?,
        ]);
    }
    let currency_argument = passage_i18n::arguments([("currency", currency.to_string().into())]);
    for (key, value) in [
        ("report-assumption-truck-hour", &assumptions.truck_hour_value),
        ("report-assumption-train-hour", &assumptions.train_hour_value),
    ] {
        if let Some(sourced) = value {
            rows.push(vec![
                vec![Piece::Text(w.texts.text_with(key, &currency_argument)?)],
                vec![Piece::Figure(w.figure(sourced.value, money(sourced.value)))],
                w.basis(&sourced.source)?,
            ]);
        }
    }
    for (staff, sourced) in &assumptions.wage_per_staff_hour {
        let what = w.texts.text_with(
            "report-assumption-wage",
            &passage_i18n::arguments([
                ("staff", w.party_name(staff, staff)?.into()),
                ("currency", currency.to_string().into()),
            ]),
        )?;
        rows.push(vec![
            vec![Piece::Text(what)],
            vec![Piece::Figure(w.figure(sourced.value, money(sourced.value)))],
            w.basis(&sourced.source)?,
        ]);
    }
    for resource in &assumptions.resources {
        if let Some(sourced) = &resource.equipment_per_server_per_year {
            let what = w.texts.text_with(
                "report-assumption-equipment",
                &passage_i18n::arguments([
                    ("resource", resource.name.clone().into()),
                    ("currency", currency.to_string().into()),
                ]),
            )?;
            rows.push(vec![
                vec![Piece::Text(what)],
                vec![Piece::Figure(w.figure(sourced.value, money(sourced.value)))],
                w.basis(&sourced.source)?,
            ]);
        }
    }
    Ok(Block::Table { header, rows })
}

/// Places needed to show a small value such as an exchange rate (0.0026) without losing it.
fn decimals_needed(value: f64) -> usize {
    let mut decimals = 0;
    while decimals < 6
        && ((value * 10f64.powi(decimals as i32)).round() - value * 10f64.powi(decimals as i32))
            .abs()
            > 1e-9
    {
        decimals += 1;
    }
    decimals
}

/// The file name of the report in `language`, without extension.
pub fn file_stem(language: Language) -> String {
    format!("report.{}", language.code())
}

/// The report as a web page, with links to the other languages' pages beside it and to
/// its PDF.
pub fn html(document: &Document, texts: &Texts) -> Result<String, TextError> {
    let links = Links {
        label: texts.text("report-other-languages")?,
        languages: Language::ALL
            .into_iter()
            .map(|other| (other, format!("{}.html", file_stem(other))))
            .collect(),
        pdf: Some(format!("{}.pdf", file_stem(document.language))),
    };
    Ok(passage_document::html::html(document, &links))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use passage_sim::search::corridor::{FrontierPoint, LeftOut};
    use passage_sim::search::space::{Objective, Sourced};

    use super::*;

    fn estimate(mean: f64, half_width: f64) -> Estimate {
        Estimate { mean, half_width, count: 3 }
    }

    /// A search's report with two regimes on the frontier that trade time for detection,
    /// figures of every size (shares, hours, money in millions), and left-out candidates.
    fn report() -> (SearchReport, Assumptions) {
        let point = |candidate: usize, caught: f64, p95: f64, revenue: f64| {
            let mut figures = BTreeMap::new();
            figures.insert("caught_share".to_string(), estimate(caught, 0.021));
            figures.insert("transit_p95_hours.truck".to_string(), estimate(p95, 0.31));
            figures.insert("transit_mean_hours".to_string(), estimate(p95 / 3.0, 0.05));
            figures.insert("revenue_per_year".to_string(), estimate(revenue, 123_456.7));
            for party in ["host", "transit", "monitor"] {
                figures
                    .insert(format!("revenue_per_year.{party}"), estimate(revenue / 3.0, 1_000.0));
                figures.insert(format!("staff_cost_per_year.{party}"), estimate(812_345.5, 0.0));
                figures
                    .insert(format!("equipment_cost_per_year.{party}"), estimate(100_000.0, 0.0));
                figures.insert(format!("net_per_year.{party}"), estimate(-2_345.6, 99.0));
            }
            figures.insert("fees_paid_per_year.carriers".to_string(), estimate(revenue, 5_000.0));
            figures.insert(
                "waiting_cost_per_year.carriers".to_string(),
                estimate(4_321_000.0, 60_000.0),
            );
            figures.insert(
                "cost_per_year.carriers".to_string(),
                estimate(revenue + 4_321_000.0, 61_000.0),
            );
            FrontierPoint {
                candidate,
                settings: vec![("regime:tariff.per_truck".into(), toml::Value::Integer(3_000_000))],
                regime_text: String::new(),
                replications: 6,
                figures,
            }
        };
        let report = SearchReport {
            name: "default".into(),
            drawn: Drawn::LatinHypercube,
            candidates: 48,
            objectives: vec![
                Objective {
                    metric: "transit_p95_hours.truck".into(),
                    direction: Direction::Minimize,
                    indifference: 0.25,
                },
                Objective {
                    metric: "caught_share".into(),
                    direction: Direction::Maximize,
                    indifference: 0.03,
                },
                Objective {
                    metric: "revenue_per_year".into(),
                    direction: Direction::Maximize,
                    indifference: 500_000.0,
                },
            ],
            currency: "USD".into(),
            parties: vec![
                ("host".into(), "host state".into()),
                ("transit".into(), "transiting state".into()),
                ("monitor".into(), "monitoring mission".into()),
            ],
            frontier: vec![
                point(7, 0.912, 11.25, 24_500_000.0),
                point(31, 0.455, 4.5, 18_250_000.4),
            ],
            refused: vec![LeftOut { candidate: 3, reason: "refused".into() }],
            dropped: vec![],
            unsettled_pairs: 2,
            replications_screening: 180,
            replications_confirmation: 12,
            rounds: 3,
        };
        let mut assumptions = Assumptions::default();
        assumptions.exchange.insert(
            "AMD".into(),
            Sourced { value: 0.0026, source: "assumption: about 385 AMD to the dollar".into() },
        );
        assumptions.truck_hour_value =
            Some(Sourced { value: 40.0, source: "assumption: no published figure".into() });
        assumptions.train_hour_value =
            Some(Sourced { value: 600.0, source: "a published survey".into() });
        (report, assumptions)
    }

    #[test]
    fn every_language_renders_every_text_with_identical_figures() {
        let (report, assumptions) = report();
        let mut english_values: Option<Vec<String>> = None;
        let mut pages = BTreeMap::new();
        for language in Language::ALL {
            // A key missing in a language is an error here, not a blank in the report.
            let document = document(&report, &assumptions, language)
                .unwrap_or_else(|e| panic!("{language:?}: {e}"));
            let texts = Texts::new(language).expect("texts");
            let page = html(&document, &texts).expect("page");
            // The same figures in every language; a sentence may put them in another
            // order (Armenian names the candidates before the frontier), so as a multiset.
            let values = passage_document::checked_figure_values(&page, language)
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(values.len() > 60, "{language:?}: only {} figures", values.len());
            match &english_values {
                None => english_values = Some(values),
                Some(first) => assert_eq!(first, &values, "{language:?} differs from Armenian"),
            }
            // The PDF holds every figure as written in its language.
            let (pdf, lines) = passage_document::pdf::pdf_and_lines(&document).expect("pdf");
            assert!(pdf.starts_with(b"%PDF-"), "{language:?}");
            for block in &document.blocks {
                if let Block::Table { rows, .. } = block {
                    for piece in rows.iter().flatten().flatten() {
                        if let Piece::Figure(figure) = piece {
                            assert!(
                                lines.iter().any(|line| line.contains(&figure.text)),
                                "{language:?}: {} is not drawn whole in the PDF",
                                figure.text
                            );
                        }
                    }
                }
            }
            pages.insert(language, page);
        }
        // The words differ: no language shows another's sentences.
        let english = &pages[&Language::English];
        for language in [Language::Armenian, Language::AzerbaijaniLatin, Language::Russian] {
            assert!(!pages[&language].contains("What it means"), "{language:?} shows English");
            assert_ne!(&pages[&language], english);
        }
        // Figures are written as each language writes them.
        assert!(english.contains(">24,500,000<"), "English groups thousands with commas");
        assert!(pages[&Language::AzerbaijaniLatin].contains(">24.500.000<"));
        assert!(pages[&Language::Russian].contains(">24\u{a0}500\u{a0}000<"));
    }

    #[test]
    fn plural_forms_follow_each_language() {
        let (mut report, assumptions) = report();
        for (pairs, expect_ru) in [(1, "1 пара"), (2, "2 пары"), (5, "5 пар"), (21, "21 пара")]
        {
            report.unsettled_pairs = pairs;
            let document = document(&report, &assumptions, Language::Russian).expect("document");
            let texts = Texts::new(Language::Russian).expect("texts");
            let page = html(&document, &texts).expect("page");
            let plain = page.replace("<data class=\"figure\" value=\"", "").replace("</data>", "");
            assert!(
                plain.contains(&format!("{}\">{expect_ru}", pairs)),
                "{pairs} pairs: {}",
                plain.lines().find(|l| l.contains("пар")).unwrap_or("")
            );
        }
    }
}
