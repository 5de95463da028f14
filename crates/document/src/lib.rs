//! Reports as documents: headings, sentences, tables and charts in one language, each
//! figure kept beside its written form, rendered as a web page ([`html`]) and as PDF
//! ([`pdf`]) from the same [`Document`], so the figures cannot differ between the two or
//! between languages.
//!
//! The simulator's negotiator's report (`passage simulate search`) and the monitoring
//! mission's daily report (the node's `/v1/reports/{day}/page` and `/pdf`) are both built
//! as documents. Every word comes from the translation files through [`Writer`]; the
//! documents are laid out with the embedded DejaVu Sans ([`FONT_BYTES`]), whose glyphs
//! cover Armenian, Cyrillic and Azerbaijani Latin.

use passage_i18n::{Arguments, Language, TextError, Texts, number};

pub mod html;
pub mod pdf;

/// DejaVu Sans (Bitstream Vera licence, `fonts/LICENSE-DejaVu.txt`), compiled in so a
/// report and a chart render the same on a machine with no fonts.
pub const FONT_BYTES: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// A number in a document, with the value it was written from.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The value, as computed.
    pub value: f64,
    /// Places after the decimal sign.
    pub decimals: usize,
    /// As the document's language writes it.
    pub text: String,
}

/// A piece of a sentence or of a table cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    /// Words.
    Text(String),
    /// A figure.
    Figure(Figure),
}

/// A sentence or a table cell.
pub type Line = Vec<Piece>;

/// A scatter chart: numbered points on two axes.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Above the chart.
    pub title: String,
    /// Under the horizontal axis.
    pub x_label: String,
    /// Beside the vertical axis.
    pub y_label: String,
    /// Per point: its number, x and y.
    pub points: Vec<(usize, f64, f64)>,
}

/// A bar chart: one labelled bar per item, in up to [`SERIES_MAX`] series side by side,
/// drawn from zero.
#[derive(Clone, Debug, PartialEq)]
pub struct Bars {
    /// Above the chart.
    pub title: String,
    /// The name of each series, in the legend.
    pub series: Vec<String>,
    /// Per item: its label and its value in each series.
    pub items: Vec<(String, Vec<Figure>)>,
}

/// Most series a bar chart draws; each has its colour.
pub const SERIES_MAX: usize = 4;
/// The series' colours, as red, green and blue.
pub(crate) const SERIES_COLOURS: [(u8, u8, u8); SERIES_MAX] =
    [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40)];

/// A part of a document, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A section's heading.
    Heading(String),
    /// A paragraph.
    Paragraph(Line),
    /// A list of sentences.
    List(Vec<Line>),
    /// A table: header cells, then rows of cells.
    Table {
        /// The header.
        header: Vec<String>,
        /// The rows.
        rows: Vec<Vec<Line>>,
    },
    /// A scatter chart.
    Chart(Chart),
    /// A bar chart.
    Bars(Bars),
}

/// A document in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Its language.
    pub language: Language,
    /// Its title.
    pub title: String,
    /// Its parts.
    pub blocks: Vec<Block>,
}

impl Document {
    /// Every figure of the document's sentences, tables and bars, in reading order.
    pub fn figures(&self) -> Vec<&Figure> {
        fn of_line<'a>(line: &'a Line, out: &mut Vec<&'a Figure>) {
            for piece in line {
                if let Piece::Figure(figure) = piece {
                    out.push(figure);
                }
            }
        }
        let mut out = Vec::new();
        for block in &self.blocks {
            match block {
                Block::Heading(_) | Block::Chart(_) => {}
                Block::Paragraph(line) => of_line(line, &mut out),
                Block::List(lines) => lines.iter().for_each(|line| of_line(line, &mut out)),
                Block::Table { rows, .. } => {
                    rows.iter().flatten().for_each(|line| of_line(line, &mut out));
                }
                Block::Bars(bars) => out.extend(bars.items.iter().flat_map(|(_, v)| v.iter())),
            }
        }
        out
    }
}

/// A placeable's value in [`Writer::line`]: a figure, or words.
pub enum Argument {
    /// A figure, kept as a figure in the line.
    Figure(Figure),
    /// Words.
    Text(String),
}

/// Private-use characters that mark where figure `i` goes in a formatted sentence, so the
/// sentence can be split into words and figures after Fluent has placed them.
const FIGURE_OPEN: char = '\u{e000}';
const FIGURE_CLOSE: char = '\u{e001}';

/// Writes a document's words and figures in one language.
pub struct Writer<'a> {
    /// The language's texts.
    pub texts: &'a Texts,
    /// The language.
    pub language: Language,
}

impl Writer<'_> {
    /// Message `key`, which has no placeables.
    pub fn text(&self, key: &str) -> Result<String, TextError> {
        self.texts.text(key)
    }

    /// `value` with `decimals` places, as the language writes it.
    pub fn figure(&self, value: f64, decimals: usize) -> Figure {
        Figure { value, decimals, text: number::format(value, decimals, self.language) }
    }

    /// A count, both as a figure for the reader and as a number for plural forms.
    pub fn count(&self, value: usize) -> Figure {
        #[allow(clippy::cast_precision_loss)]
        self.figure(value as f64, 0)
    }

    /// Message `key` as a line of words and figures. `counts` are numbers given to Fluent
    /// only to choose plural forms (the figures themselves are shown through `arguments`).
    pub fn line(
        &self,
        key: &str,
        arguments: Vec<(&str, Argument)>,
        counts: &[(&str, usize)],
    ) -> Result<Line, TextError> {
        let mut figures = Vec::new();
        let mut fluent = Arguments::new();
        for (name, argument) in arguments {
            match argument {
                Argument::Figure(figure) => {
                    fluent.set(name, format!("{FIGURE_OPEN}{}{FIGURE_CLOSE}", figures.len()));
                    figures.push(figure);
                }
                Argument::Text(text) => fluent.set(name, text),
            }
        }
        for (name, count) in counts {
            #[allow(clippy::cast_precision_loss)]
            fluent.set(*name, *count as f64);
        }
        let formatted = self.texts.text_with(key, &fluent)?;
        let mut line = Vec::new();
        let mut rest = formatted.as_str();
        while let Some(open) = rest.find(FIGURE_OPEN) {
            if open > 0 {
                line.push(Piece::Text(rest[..open].to_string()));
            }
            let after = &rest[open + FIGURE_OPEN.len_utf8()..];
            let Some(close) = after.find(FIGURE_CLOSE) else { break };
            let index: Option<usize> = after[..close].parse().ok();
            if let Some(figure) = index.and_then(|i| figures.get(i)) {
                line.push(Piece::Figure(figure.clone()));
            }
            rest = &after[close + FIGURE_CLOSE.len_utf8()..];
        }
        if !rest.is_empty() {
            line.push(Piece::Text(rest.to_string()));
        }
        Ok(line)
    }
}

/// The bounds of a scatter chart, with a margin so no point sits on the frame.
pub struct Frame {
    /// Left.
    pub x_min: f64,
    /// Right.
    pub x_max: f64,
    /// Bottom.
    pub y_min: f64,
    /// Top.
    pub y_max: f64,
}

/// The frame around `points`; a single value is widened so the axis has a length.
pub fn frame_of(points: &[(usize, f64, f64)]) -> Frame {
    let bounds = |values: Vec<f64>| {
        let low = values.iter().copied().reduce(f64::min).unwrap_or(0.0);
        let high = values.iter().copied().reduce(f64::max).unwrap_or(1.0);
        let pad = ((high - low) * 0.1).max(high.abs() * 0.05).max(0.5);
        (low - pad, high + pad)
    };
    let (x_min, x_max) = bounds(points.iter().map(|p| p.1).collect());
    let (y_min, y_max) = bounds(points.iter().map(|p| p.2).collect());
    Frame { x_min: x_min.max(0.0), x_max, y_min: y_min.max(0.0), y_max }
}

/// The largest value of a bar chart, at least 1 so an empty chart has a scale.
pub(crate) fn bars_top(bars: &Bars) -> f64 {
    bars.items.iter().flat_map(|(_, values)| values.iter().map(|f| f.value)).fold(1.0, f64::max)
}

/// A figure's value as the `value` attribute of its `<data>` element: plain, with the
/// places it is shown with, so the figures of two languages compare exactly.
pub fn plain_value(figure: &Figure) -> String {
    let decimals = figure.decimals;
    let plain = format!("{:.decimals$}", figure.value);
    if plain.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
        plain.trim_start_matches('-').to_string()
    } else {
        plain
    }
}

/// The figures of a web page written by [`html::html`]: each `<data>` element's value and
/// written text, in order.
pub fn figures_of_page(page: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = page;
    let open = "<data class=\"figure\" value=\"";
    while let Some(start) = rest.find(open) {
        let after = &rest[start + open.len()..];
        let Some(quote) = after.find("\">") else { break };
        let value = after[..quote].to_string();
        let after = &after[quote + 2..];
        let Some(end) = after.find("</data>") else { break };
        out.push((value, after[..end].to_string()));
        rest = &after[end..];
    }
    out
}

/// The figures of a web page, each read back as its language writes numbers and held to
/// its `value` attribute: the values, sorted, so the pages of two languages compare as
/// multisets (a sentence may name its figures in another order). Names the first figure
/// whose text is not a number of the language, or not its value.
pub fn checked_figure_values(page: &str, language: Language) -> Result<Vec<String>, String> {
    let mut values = Vec::new();
    for (value, text) in figures_of_page(page) {
        let read = number::parse(&text, language)
            .ok_or_else(|| format!("{language:?}: {text:?} is not a figure"))?;
        let plain: f64 =
            value.parse().map_err(|_| format!("the value attribute {value:?} is not a number"))?;
        if (read - plain).abs() >= 1e-9 {
            return Err(format!("{language:?}: {text:?} is not {value}"));
        }
        values.push(value);
    }
    values.sort();
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(figures: &[(&str, &str)]) -> String {
        figures
            .iter()
            .map(|(value, text)| {
                format!("<p><data class=\"figure\" value=\"{value}\">{text}</data></p>")
            })
            .collect()
    }

    #[test]
    fn figures_read_back_in_their_language_come_out_sorted() {
        let russian = page(&[("2502", "2\u{a0}502"), ("17.5", "17,5")]);
        assert_eq!(
            checked_figure_values(&russian, Language::Russian),
            Ok(vec!["17.5".to_string(), "2502".to_string()])
        );
        let english = page(&[("17.5", "17.5"), ("2502", "2,502")]);
        assert_eq!(
            checked_figure_values(&english, Language::English),
            checked_figure_values(&russian, Language::Russian)
        );
    }

    #[test]
    fn a_figure_written_otherwise_than_its_value_is_named() {
        let wrong = page(&[("2502", "2,502"), ("2503", "2,502")]);
        let error = checked_figure_values(&wrong, Language::English).unwrap_err();
        assert!(error.contains("\"2,502\" is not 2503"), "{error}");
        let not_a_number = page(&[("1", "one")]);
        assert!(checked_figure_values(&not_a_number, Language::English).is_err());
    }
}
