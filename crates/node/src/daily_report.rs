//! The monitoring mission's daily report as a document, in Armenian, Azerbaijani (Latin),
//! Russian and English, which `GET /v1/reports/{day}/page` serves as a web page and
//! `GET /v1/reports/{day}/pdf` as a PDF: a summary, the arrivals and departures at each post
//! as bars, and every figure of the day in tables, the corridor's first.
//!
//! The document is built from the same [`ReportView`] as `GET /v1/reports/{day}` (the
//! core's running figures, or the signed entry's), so the page, the PDF and the JSON show the
//! same figures; every word comes from `mission.ftl`. Durations, which the core counts in
//! milliseconds, are shown in hours with two places.

use passage_document::html::Links;
use passage_document::{Argument, Bars, Block, Document, Figure, Line, Piece, Writer};
use passage_i18n::{Language, TextError, Texts};

use crate::api::monitoring::{FigureView, ReportView};

const MS_PER_HOUR: f64 = 3_600_000.0;

/// The report of `report` in `language`. `routes` are the corridor's route identifiers in
/// its order, which an arrival's detail indexes.
pub fn document(
    report: &ReportView,
    routes: &[String],
    language: Language,
) -> Result<Document, TextError> {
    let texts = Texts::new(language)?;
    let w = Writer { texts: &texts, language };
    let title = texts.text_with(
        "mission-report-title",
        &passage_i18n::arguments([("day", report.day.clone().into())]),
    )?;
    let mut blocks = Vec::new();

    let status = match (report.status.as_str(), report.signed_entry) {
        ("signed", Some(entry)) => w.line(
            "mission-report-status-signed",
            vec![("entry", Argument::Figure(whole(&w, entry)))],
            &[],
        )?,
        ("open", _) => vec![Piece::Text(w.text("mission-report-status-open")?)],
        ("to_sign", _) => vec![Piece::Text(w.text("mission-report-status-to-sign")?)],
        _ => vec![Piece::Text(w.text("mission-report-status-forgotten")?)],
    };
    blocks.push(Block::Paragraph(status));

    let total = |figure: &str| -> u64 {
        report.figures.iter().filter(|line| line.figure == figure).map(|line| line.value).sum()
    };
    blocks.push(Block::Paragraph(w.line(
        "mission-report-summary",
        vec![
            ("arrivals", Argument::Figure(whole(&w, total("arrivals")))),
            ("departures", Argument::Figure(whole(&w, total("departures")))),
            ("inspections", Argument::Figure(whole(&w, total("inspections")))),
            ("incidents", Argument::Figure(whole(&w, total("incidents_opened")))),
            ("contests", Argument::Figure(whole(&w, total("contests_opened")))),
        ],
        &[],
    )?));
    blocks.push(Block::Paragraph(vec![Piece::Text(w.text("mission-report-figures-note")?)]));
    if report.figures.is_empty() {
        blocks.push(Block::Paragraph(vec![Piece::Text(w.text("mission-report-nothing")?)]));
        return Ok(Document { language, title, blocks });
    }

    // The posts in the order the core lists them (the corridor's).
    let mut posts: Vec<&str> = Vec::new();
    for line in &report.figures {
        if let Some(post) = line.post.as_deref()
            && !posts.contains(&post)
        {
            posts.push(post);
        }
    }
    let at = |post: &str, figure: &str| -> u64 {
        report
            .figures
            .iter()
            .filter(|line| line.post.as_deref() == Some(post) && line.figure == figure)
            .map(|line| line.value)
            .sum()
    };
    if !posts.is_empty() {
        blocks.push(Block::Bars(Bars {
            title: w.text("mission-report-chart-title")?,
            series: vec![w.text("mission-figure-arrivals")?, w.text("mission-figure-departures")?],
            items: posts
                .iter()
                .map(|post| {
                    let values =
                        vec![whole(&w, at(post, "arrivals")), whole(&w, at(post, "departures"))];
                    ((*post).to_owned(), values)
                })
                .collect(),
        }));
    }

    let header = |with_post: bool| -> Result<Vec<String>, TextError> {
        let mut header = Vec::new();
        if with_post {
            header.push(w.text("mission-report-column-post")?);
        }
        header.push(w.text("mission-report-column-figure")?);
        header.push(w.text("mission-report-column-detail")?);
        header.push(w.text("mission-report-column-value")?);
        Ok(header)
    };
    let corridor: Vec<&FigureView> =
        report.figures.iter().filter(|line| line.post.is_none()).collect();
    if !corridor.is_empty() {
        blocks.push(Block::Heading(w.text("mission-report-section-corridor")?));
        let rows = corridor
            .iter()
            .map(|line| row(&w, line, routes, false))
            .collect::<Result<Vec<_>, _>>()?;
        blocks.push(Block::Table { header: header(false)?, rows });
    }
    if !posts.is_empty() {
        blocks.push(Block::Heading(w.text("mission-report-section-posts")?));
        let rows = report
            .figures
            .iter()
            .filter(|line| line.post.is_some())
            .map(|line| row(&w, line, routes, true))
            .collect::<Result<Vec<_>, _>>()?;
        blocks.push(Block::Table { header: header(true)?, rows });
    }
    Ok(Document { language, title, blocks })
}

/// A count as a figure.
fn whole(w: &Writer<'_>, value: u64) -> Figure {
    #[allow(clippy::cast_precision_loss)]
    w.figure(value as f64, 0)
}

/// One line of a figure table: (its post,) its name, its detail in words, its value.
fn row(
    w: &Writer<'_>,
    line: &FigureView,
    routes: &[String],
    with_post: bool,
) -> Result<Vec<Line>, TextError> {
    let (key, duration) = match line.figure.as_str() {
        "arrivals" => ("mission-figure-arrivals", false),
        "departures" => ("mission-figure-departures", false),
        "dwell_total_ms" => ("mission-figure-dwell-total", true),
        "dwell_longest_ms" => ("mission-figure-dwell-longest", true),
        "inspections" => ("mission-figure-inspections", false),
        "holds_started" => ("mission-figure-holds-started", false),
        "holds_ended" => ("mission-figure-holds-ended", false),
        "hold_total_ms" => ("mission-figure-hold-total", true),
        "hold_longest_ms" => ("mission-figure-hold-longest", true),
        "incidents_opened" => ("mission-figure-incidents-opened", false),
        "incidents_closed" => ("mission-figure-incidents-closed", false),
        "observations" => ("mission-figure-observations", false),
        "dissents" => ("mission-figure-dissents", false),
        "contests_opened" => ("mission-figure-contests-opened", false),
        "contests_answered" => ("mission-figure-contests-answered", false),
        "contests_overdue" => ("mission-figure-contests-overdue", false),
        "automatic_incidents" => ("mission-figure-automatic-incidents", false),
        // A figure a newer core counts and this node does not name: its word from the log.
        other => return Ok(unnamed(w, line, other, with_post)),
    };
    let mut name = w.text(key)?;
    let value = if duration {
        name = w.texts.text_with(
            "mission-report-hours",
            &passage_i18n::arguments([("figure", name.into())]),
        )?;
        #[allow(clippy::cast_precision_loss)]
        w.figure(line.value as f64 / MS_PER_HOUR, 2)
    } else {
        whole(w, line.value)
    };
    let detail = match line.figure.as_str() {
        "arrivals" => {
            let route = routes
                .get(usize::from(line.detail))
                .cloned()
                .unwrap_or_else(|| line.detail.to_string());
            w.texts.text_with(
                "mission-detail-route",
                &passage_i18n::arguments([("route", route.into())]),
            )?
        }
        "inspections" => {
            let lane = match line.detail / 3 {
                0 => w.text("mission-lane-green")?,
                1 => w.text("mission-lane-yellow")?,
                _ => w.text("mission-lane-red")?,
            };
            let outcome = match line.detail % 3 {
                0 => w.text("mission-outcome-conform")?,
                1 => w.text("mission-outcome-minor")?,
                _ => w.text("mission-outcome-major")?,
            };
            w.texts.text_with(
                "mission-detail-inspection",
                &passage_i18n::arguments([("lane", lane.into()), ("outcome", outcome.into())]),
            )?
        }
        _ => String::new(),
    };
    let mut row = Vec::new();
    if with_post {
        row.push(vec![Piece::Text(line.post.clone().unwrap_or_default())]);
    }
    row.push(vec![Piece::Text(name)]);
    row.push(vec![Piece::Text(detail)]);
    row.push(vec![Piece::Figure(value)]);
    Ok(row)
}

fn unnamed(w: &Writer<'_>, line: &FigureView, figure: &str, with_post: bool) -> Vec<Line> {
    let mut row = Vec::new();
    if with_post {
        row.push(vec![Piece::Text(line.post.clone().unwrap_or_default())]);
    }
    row.push(vec![Piece::Text(figure.to_owned())]);
    row.push(vec![Piece::Text(line.detail.to_string())]);
    row.push(vec![Piece::Figure(whole(w, line.value))]);
    row
}

/// The report as a web page, with links to its page in the other languages and to its PDF
/// (relative to `/v1/reports/{day}/page`).
pub fn page(document: &Document) -> Result<String, TextError> {
    let texts = Texts::new(document.language)?;
    let links = Links {
        label: texts.text("mission-report-other-languages")?,
        languages: Language::ALL
            .into_iter()
            .map(|language| (language, format!("page?language={}", language.code())))
            .collect(),
        pdf: Some(format!("pdf?language={}", document.language.code())),
    };
    Ok(passage_document::html::html(document, &links))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn line(post: Option<&str>, figure: &str, detail: u16, value: u64) -> FigureView {
        FigureView { post: post.map(str::to_owned), figure: figure.to_owned(), detail, value }
    }

    /// A signed day with every figure the core counts, at two posts and corridor-wide,
    /// with counts large enough to be grouped and durations with fractions of an hour.
    fn report() -> ReportView {
        let mut figures = Vec::new();
        for post in ["AM-AGARAK", "AM-MEGHRI"] {
            figures.push(line(Some(post), "arrivals", 0, 1_234));
            figures.push(line(Some(post), "arrivals", 1, 17));
            figures.push(line(Some(post), "departures", 0, 1_180));
            figures.push(line(Some(post), "dwell_total_ms", 0, 9_876_543_210));
            figures.push(line(Some(post), "dwell_longest_ms", 0, 45_000_000));
            figures.push(line(Some(post), "inspections", 0, 900));
            figures.push(line(Some(post), "inspections", 7, 3));
            figures.push(line(Some(post), "inspections", 8, 2));
            figures.push(line(Some(post), "holds_started", 0, 4));
            figures.push(line(Some(post), "holds_ended", 0, 3));
            figures.push(line(Some(post), "hold_total_ms", 0, 30_600_000));
            figures.push(line(Some(post), "hold_longest_ms", 0, 19_800_000));
            figures.push(line(Some(post), "incidents_opened", 0, 2));
            figures.push(line(Some(post), "incidents_closed", 0, 1));
            figures.push(line(Some(post), "observations", 0, 5));
        }
        for (figure, value) in [
            ("incidents_opened", 1),
            ("dissents", 2),
            ("contests_opened", 6),
            ("contests_answered", 4),
            ("contests_overdue", 1),
            ("automatic_incidents", 2),
        ] {
            figures.push(line(None, figure, 0, value));
        }
        ReportView {
            day: "2026-12-06".into(),
            day_number: 20_428,
            status: "signed".into(),
            signed_entry: Some(123_456),
            figures,
        }
    }

    fn routes() -> Vec<String> {
        vec!["EAST-WEST".into(), "WEST-EAST".into()]
    }

    #[test]
    fn every_language_renders_every_text_with_identical_figures() {
        let report = report();
        let mut first: Option<Vec<String>> = None;
        let mut pages = BTreeMap::new();
        for language in Language::ALL {
            // A key missing in a language is an error here, not a blank in the report.
            let document = document(&report, &routes(), language)
                .unwrap_or_else(|e| panic!("{language:?}: {e}"));
            let page = page(&document).expect("page");
            for key in passage_i18n::keys_and_variables(language, passage_i18n::Area::Mission)
                .expect("the texts")
                .keys()
            {
                assert!(!page.contains(key.as_str()), "{language:?} shows the key {key}");
            }
            let values = passage_document::checked_figure_values(&page, language)
                .unwrap_or_else(|e| panic!("{e}"));
            // The summary's five, the signing entry, and one per line of the report.
            assert_eq!(values.len(), 6 + report.figures.len(), "{language:?}");
            match &first {
                None => first = Some(values),
                Some(first) => assert_eq!(first, &values, "{language:?} differs from Armenian"),
            }
            // The PDF draws every figure whole, and every word of the document.
            let (pdf, lines) = passage_document::pdf::pdf_and_lines(&document).expect("pdf");
            assert!(pdf.starts_with(b"%PDF-"), "{language:?}");
            let drawn = lines.join(" ");
            for figure in document.figures() {
                assert!(
                    lines.iter().any(|line| line.contains(&figure.text)),
                    "{language:?}: {} is not drawn whole in the PDF",
                    figure.text
                );
            }
            assert!(drawn.contains(&document.title), "{language:?}: no title in the PDF");
            pages.insert(language, page);
        }
        // The figures the test built, as each language writes them.
        let english = &pages[&Language::English];
        assert!(english.contains("value=\"2743.48\">2,743.48<"), "dwell in hours: {english}");
        assert!(english.contains("value=\"2502\">2,502<"), "the summary's arrivals");
        assert!(english.contains("route WEST-EAST"));
        assert!(english.contains("red lane, major discrepancy"));
        assert!(pages[&Language::AzerbaijaniLatin].contains(">2.502<"));
        assert!(pages[&Language::Russian].contains(">2\u{a0}502<"));
        for language in [Language::Armenian, Language::AzerbaijaniLatin, Language::Russian] {
            assert!(!pages[&language].contains("Arrivals"), "{language:?} shows English");
        }
    }

    #[test]
    fn a_day_with_nothing_counted_says_so_in_every_language() {
        let mut report = report();
        report.figures.clear();
        report.status = "open".into();
        report.signed_entry = None;
        for language in Language::ALL {
            let document = document(&report, &routes(), language).expect("document");
            let nothing = Texts::new(language).expect("texts").text("mission-report-nothing");
            let page = page(&document).expect("page");
            assert!(page.contains(&nothing.expect("the text")), "{language:?}");
            assert!(passage_document::pdf::pdf(&document).is_ok(), "{language:?}");
        }
    }
}
