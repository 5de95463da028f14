//! A document as a web page: one file, no script, charts as inline SVG, each figure a
//! `<data class="figure" value="…">` element whose value is the plain number, so a reader
//! (or a test) compares the figures of two languages exactly.

use std::fmt::Write as _;

use passage_i18n::{Language, number};

use crate::{Bars, Block, Chart, Document, Line, Piece, SERIES_COLOURS, bars_top, frame_of};

/// The links a page shows above its title: the same document in the other languages, and
/// its PDF.
pub struct Links {
    /// The navigation's name for screen readers ("other languages"), in the page's language.
    pub label: String,
    /// Each language and the address of the page in it; the page's own is not a link.
    pub languages: Vec<(Language, String)>,
    /// The address of this document's PDF, if there is one.
    pub pdf: Option<String>,
}

/// The page's only style sheet, inline: a server may allow it by its hash.
pub const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.45}table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top}td:has(data){text-align:right;white-space:nowrap}figure svg{max-width:100%;height:auto}nav a{margin-right:1rem}";

/// The document as a web page.
pub fn html(document: &Document, links: &Links) -> String {
    let language = document.language;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        language.code(),
        escape(&document.title)
    );
    let _ = write!(s, "<nav aria-label=\"{}\">", escape(&links.label));
    for (other, href) in &links.languages {
        if *other == language {
            let _ = write!(s, "<strong lang=\"{}\">{}</strong> ", other.code(), other.own_name());
        } else {
            let _ = write!(
                s,
                "<a href=\"{}\" hreflang=\"{code}\" lang=\"{code}\">{}</a> ",
                escape(href),
                other.own_name(),
                code = other.code()
            );
        }
    }
    if let Some(pdf) = &links.pdf {
        let _ = write!(s, "<a href=\"{}\">PDF</a>", escape(pdf));
    }
    let _ = writeln!(s, "</nav>\n<h1>{}</h1>", escape(&document.title));
    for block in &document.blocks {
        match block {
            Block::Heading(text) => {
                let _ = writeln!(s, "<h2>{}</h2>", escape(text));
            }
            Block::Paragraph(line) => {
                let _ = writeln!(s, "<p>{}</p>", html_line(line));
            }
            Block::List(lines) => {
                s.push_str("<ul>\n");
                for line in lines {
                    let _ = writeln!(s, "<li>{}</li>", html_line(line));
                }
                s.push_str("</ul>\n");
            }
            Block::Table { header, rows } => {
                s.push_str("<table>\n<thead><tr>");
                for cell in header {
                    let _ = write!(s, "<th scope=\"col\">{}</th>", escape(cell));
                }
                s.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    s.push_str("<tr>");
                    for cell in row {
                        let _ = write!(s, "<td>{}</td>", html_line(cell));
                    }
                    s.push_str("</tr>\n");
                }
                s.push_str("</tbody>\n</table>\n");
            }
            Block::Chart(chart) => s.push_str(&svg_chart(chart, language)),
            Block::Bars(bars) => s.push_str(&svg_bars(bars)),
        }
    }
    s.push_str("</body>\n</html>\n");
    s
}

/// `text` with the characters HTML gives a meaning escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

fn html_line(line: &Line) -> String {
    let mut out = String::new();
    for piece in line {
        match piece {
            Piece::Text(text) => out.push_str(&escape(text)),
            Piece::Figure(figure) => {
                let _ = write!(
                    out,
                    "<data class=\"figure\" value=\"{}\">{}</data>",
                    crate::plain_value(figure),
                    escape(&figure.text)
                );
            }
        }
    }
    out
}

fn svg_chart(chart: &Chart, language: Language) -> String {
    let (width, height) = (640.0, 360.0);
    let (left, right, top, bottom) = (70.0, 20.0, 20.0, 50.0);
    let frame = frame_of(&chart.points);
    let x_of =
        |x: f64| left + (x - frame.x_min) / (frame.x_max - frame.x_min) * (width - left - right);
    let y_of = |y: f64| {
        height - bottom - (y - frame.y_min) / (frame.y_max - frame.y_min) * (height - top - bottom)
    };
    let mut s = String::new();
    let _ = write!(
        s,
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\">",
        escape(&chart.title)
    );
    let _ = write!(
        s,
        "<rect x=\"{left}\" y=\"{top}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#888\"/>",
        width - left - right,
        height - top - bottom
    );
    for i in 0..=4 {
        let x = frame.x_min + (frame.x_max - frame.x_min) * f64::from(i) / 4.0;
        let y = frame.y_min + (frame.y_max - frame.y_min) * f64::from(i) / 4.0;
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            x_of(x),
            height - bottom + 16.0,
            number::format(x, 1, language)
        );
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            left - 6.0,
            y_of(y) + 4.0,
            number::format(y, 2, language)
        );
    }
    for (candidate, x, y) in &chart.points {
        let _ = write!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"5\" fill=\"#1f77b4\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\">{candidate}</text>",
            x_of(*x),
            y_of(*y),
            x_of(*x) + 7.0,
            y_of(*y) - 6.0
        );
    }
    let _ = write!(
        s,
        "<text x=\"{:.1}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
        left + (width - left - right) / 2.0,
        height - 12.0,
        escape(&chart.x_label)
    );
    let _ = write!(
        s,
        "<text x=\"14\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 {:.1})\">{}</text>",
        top + (height - top - bottom) / 2.0,
        top + (height - top - bottom) / 2.0,
        escape(&chart.y_label)
    );
    let _ = writeln!(s, "</svg><figcaption>{}</figcaption></figure>", escape(&chart.title));
    s
}

/// Horizontal bars, one group per item, the item's label on the left and each value at the
/// end of its bar.
fn svg_bars(bars: &Bars) -> String {
    let series = bars.series.len().clamp(1, crate::SERIES_MAX);
    let (width, label_width, value_width) = (640.0, 170.0, 80.0);
    let (bar, gap, legend) = (14.0, 10.0, 24.0);
    #[allow(clippy::cast_precision_loss)]
    let group = bar * series as f64 + gap;
    #[allow(clippy::cast_precision_loss)]
    let height = legend + group * bars.items.len().max(1) as f64 + gap;
    let top = bars_top(bars);
    let span = width - label_width - value_width;
    let mut s = String::new();
    let _ = write!(
        s,
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\">",
        escape(&bars.title)
    );
    for (i, name) in bars.series.iter().take(series).enumerate() {
        let (r, g, b) = SERIES_COLOURS[i];
        #[allow(clippy::cast_precision_loss)]
        let x = label_width + i as f64 * 150.0;
        let _ = write!(
            s,
            "<rect x=\"{x}\" y=\"4\" width=\"12\" height=\"12\" fill=\"rgb({r},{g},{b})\"/><text x=\"{}\" y=\"14\" font-size=\"12\">{}</text>",
            x + 16.0,
            escape(name)
        );
    }
    for (row, (label, values)) in bars.items.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let y0 = legend + row as f64 * group;
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\">{}</text>",
            label_width - 8.0,
            y0 + group / 2.0,
            escape(label)
        );
        for (i, figure) in values.iter().take(series).enumerate() {
            let (r, g, b) = SERIES_COLOURS[i];
            #[allow(clippy::cast_precision_loss)]
            let y = y0 + i as f64 * bar;
            let length = (figure.value / top * span).max(0.0);
            let _ = write!(
                s,
                "<rect x=\"{label_width}\" y=\"{y:.1}\" width=\"{length:.1}\" height=\"{}\" fill=\"rgb({r},{g},{b})\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\">{}</text>",
                bar - 2.0,
                label_width + length + 4.0,
                y + bar - 4.0,
                escape(&figure.text)
            );
        }
    }
    let _ = writeln!(s, "</svg><figcaption>{}</figcaption></figure>", escape(&bars.title));
    s
}
