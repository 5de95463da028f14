//! A document as PDF: the same [`Document`] as the web page, laid out on A4
//! landscape pages with the embedded DejaVu Sans, whose glyphs cover Armenian, Cyrillic and
//! Azerbaijani Latin.
//!
//! Text is written as glyph identifiers of a CID-keyed TrueType font (Identity-H), with a
//! ToUnicode map so readers can search and copy it. None of these scripts needs shaping
//! (no ligatures or reordering), so one character is one glyph. The font is embedded whole
//! (about 740 KB): subsetting would save space at the cost of a font-subsetting dependency.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

use crate::{Bars, Block, Chart, Document, FONT_BYTES, Line, Piece, SERIES_COLOURS, frame_of};

/// Why a document could not be written as PDF.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The embedded font did not parse (a broken build).
    #[error("the embedded report font does not load: {0}")]
    Font(String),
    /// A text has a character the font cannot draw.
    #[error("the report font has no glyph for {character:?} (U+{code:04X})")]
    NoGlyph {
        /// The character.
        character: char,
        /// Its code point.
        code: u32,
    },
    /// More pages than a PDF counts.
    #[error("too many pages")]
    TooManyPages,
}
/// A4 landscape, in points: wide enough for the per-party table's columns.
const PAGE: (f32, f32) = (842.0, 595.0);
const MARGIN: f32 = 40.0;
const BODY_SIZE: f32 = 9.0;
const HEADING_SIZE: f32 = 13.0;
const TITLE_SIZE: f32 = 16.0;
/// Tables shrink their type to fit the page's width, down to this size; below it a
/// column's text wraps instead.
const TABLE_SIZE_MIN: f32 = 5.5;
const TABLE_SIZE_MAX: f32 = 8.0;
const LEADING: f32 = 1.3;
const FONT_NAME: Name<'static> = Name(b"F1");

/// The embedded font, with each character's glyph and each glyph's advance.
struct Font<'a> {
    face: ttf_parser::Face<'a>,
    units_per_em: f32,
}

impl Font<'_> {
    fn load() -> Result<Font<'static>, PdfError> {
        let face =
            ttf_parser::Face::parse(FONT_BYTES, 0).map_err(|e| PdfError::Font(e.to_string()))?;
        let units_per_em = f32::from(face.units_per_em());
        Ok(Font { face, units_per_em })
    }

    fn glyph(&self, c: char) -> Result<u16, PdfError> {
        // A no-break space is drawn as a space; the font maps both.
        self.face
            .glyph_index(c)
            .map(|g| g.0)
            .ok_or(PdfError::NoGlyph { character: c, code: u32::from(c) })
    }

    /// Width of `glyph` in thousandths of the font size.
    fn advance(&self, glyph: u16) -> f32 {
        let units = self.face.glyph_hor_advance(ttf_parser::GlyphId(glyph)).unwrap_or(0);
        f32::from(units) * 1000.0 / self.units_per_em
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(c).map_or(0.0, |g| self.advance(g))).sum::<f32>() * size
            / 1000.0
    }
}

fn encode(
    font: &Font<'_>,
    text: &str,
    used: &mut BTreeMap<u16, char>,
) -> Result<Vec<u8>, PdfError> {
    let mut bytes = Vec::with_capacity(text.len() * 2);
    for c in text.chars() {
        let glyph = font.glyph(c)?;
        used.entry(glyph).or_insert(c);
        bytes.extend_from_slice(&glyph.to_be_bytes());
    }
    Ok(bytes)
}

/// Pages being filled, top to bottom.
struct Layout<'a> {
    font: &'a Font<'a>,
    pages: Vec<Content>,
    y: f32,
    used: BTreeMap<u16, char>,
    /// Every line of text drawn, in order, for tests that look for a figure in it.
    shown: Vec<String>,
    /// The document's language, in which the chart's ticks are written.
    language: passage_i18n::Language,
}

impl Layout<'_> {
    fn page(&mut self) -> &mut Content {
        if self.pages.is_empty() {
            self.pages.push(Content::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Room for `height` points, on a new page if this one is full.
    fn room(&mut self, height: f32) {
        if self.pages.is_empty() || self.y - height < MARGIN {
            self.pages.push(Content::new());
            self.y = PAGE.1 - MARGIN;
        }
    }

    fn show(&mut self, x: f32, y: f32, size: f32, text: &str) -> Result<(), PdfError> {
        let bytes = encode(self.font, text, &mut self.used)?;
        self.shown.push(text.to_string());
        let page = self.page();
        page.begin_text();
        page.set_font(FONT_NAME, size);
        page.next_line(x, y);
        page.show(Str(&bytes));
        page.end_text();
        Ok(())
    }

    /// Words of `line` broken into lines no wider than `width`.
    fn wrap(&self, line: &Line, size: f32, width: f32) -> Vec<String> {
        let text: String = line
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => text.clone(),
                Piece::Figure(figure) => figure.text.clone(),
            })
            .collect();
        wrap_text(self.font, &text, size, width)
    }

    fn paragraph(&mut self, line: &Line, size: f32, indent: f32) -> Result<(), PdfError> {
        let lines = self.wrap(line, size, PAGE.0 - 2.0 * MARGIN - indent);
        for text in lines {
            self.room(size * LEADING);
            self.y -= size * LEADING;
            self.show(MARGIN + indent, self.y, size, &text)?;
        }
        self.y -= size * 0.5;
        Ok(())
    }

    fn table(&mut self, header: &[String], rows: &[Vec<Line>]) -> Result<(), PdfError> {
        let available = PAGE.0 - 2.0 * MARGIN;
        let columns = header.len().max(1);
        let padding = 3.0;
        // Natural widths at the largest size: each column's widest cell on one line
        // (headers may wrap, so they count for a third).
        let mut natural = vec![0.0f32; columns];
        for (i, cell) in header.iter().enumerate() {
            natural[i] = natural[i].max(self.font.width(cell, TABLE_SIZE_MAX) / 3.0);
        }
        for row in rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                let text: String = self.wrap(cell, TABLE_SIZE_MAX, f32::MAX).join(" ");
                natural[i] = natural[i].max(self.font.width(&text, TABLE_SIZE_MAX));
            }
        }
        let total: f32 = natural.iter().map(|w| w + 2.0 * padding).sum();
        let size = (TABLE_SIZE_MAX * available / total).clamp(TABLE_SIZE_MIN, TABLE_SIZE_MAX);
        let scale = size / TABLE_SIZE_MAX;
        let mut widths: Vec<f32> = natural.iter().map(|w| w * scale + 2.0 * padding).collect();
        let sum: f32 = widths.iter().sum();
        if sum > available {
            // Still too wide at the smallest size: the widest columns give up width and wrap.
            for w in &mut widths {
                *w *= available / sum;
            }
        }
        let header_lines: Vec<Line> =
            header.iter().map(|cell| vec![Piece::Text(cell.clone())]).collect();
        self.row(&header_lines, &widths, size, padding, true)?;
        for row in rows {
            self.row(row, &widths, size, padding, false)?;
        }
        self.y -= size;
        Ok(())
    }

    fn row(
        &mut self,
        cells: &[Line],
        widths: &[f32],
        size: f32,
        padding: f32,
        shaded: bool,
    ) -> Result<(), PdfError> {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| self.wrap(cell, size, width - 2.0 * padding))
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        #[allow(clippy::cast_precision_loss)]
        let height = lines as f32 * size * LEADING + 2.0 * padding;
        self.room(height);
        let top = self.y;
        let mut x = MARGIN;
        for (cell, width) in wrapped.iter().zip(widths) {
            let page = self.page();
            if shaded {
                page.set_fill_gray(0.9);
                page.rect(x, top - height, *width, height);
                page.fill_nonzero();
                page.set_fill_gray(0.0);
            }
            page.set_stroke_gray(0.6);
            page.set_line_width(0.4);
            page.rect(x, top - height, *width, height);
            page.stroke();
            for (i, text) in cell.iter().enumerate() {
                #[allow(clippy::cast_precision_loss)]
                let y = top - padding - (i as f32 + 1.0) * size * LEADING + size * 0.25;
                self.show(x + padding, y, size, text)?;
            }
            x += width;
        }
        self.y = top - height;
        Ok(())
    }

    fn chart(&mut self, chart: &Chart) -> Result<(), PdfError> {
        let (width, height) = (420.0, 220.0);
        self.room(height + 60.0);
        self.y -= HEADING_SIZE;
        let title_y = self.y;
        self.show(MARGIN, title_y, BODY_SIZE, &chart.title)?;
        let left = MARGIN + 60.0;
        let bottom = self.y - height - 10.0;
        let top = bottom + height;
        let frame = frame_of(&chart.points);
        let x_of = |x: f64| {
            #[allow(clippy::cast_possible_truncation)]
            let t = ((x - frame.x_min) / (frame.x_max - frame.x_min)) as f32;
            left + t * width
        };
        let y_of = |y: f64| {
            #[allow(clippy::cast_possible_truncation)]
            let t = ((y - frame.y_min) / (frame.y_max - frame.y_min)) as f32;
            bottom + t * height
        };
        {
            let page = self.page();
            page.set_stroke_gray(0.5);
            page.set_line_width(0.6);
            page.rect(left, bottom, width, height);
            page.stroke();
            page.set_fill_rgb(0.12, 0.47, 0.71);
            for (_, x, y) in &chart.points {
                page.rect(x_of(*x) - 2.5, y_of(*y) - 2.5, 5.0, 5.0);
                page.fill_nonzero();
            }
            page.set_fill_gray(0.0);
        }
        let language = self.language;
        for i in 0..=4 {
            let x = frame.x_min + (frame.x_max - frame.x_min) * f64::from(i) / 4.0;
            let y = frame.y_min + (frame.y_max - frame.y_min) * f64::from(i) / 4.0;
            let x_text = passage_i18n::number::format(x, 1, language);
            let y_text = passage_i18n::number::format(y, 2, language);
            let x_width = self.font.width(&x_text, 7.0);
            self.show(x_of(x) - x_width / 2.0, bottom - 10.0, 7.0, &x_text)?;
            let y_width = self.font.width(&y_text, 7.0);
            self.show(left - 4.0 - y_width, y_of(y) - 2.0, 7.0, &y_text)?;
        }
        for (candidate, x, y) in &chart.points {
            self.show(x_of(*x) + 4.0, y_of(*y) + 3.0, 7.0, &candidate.to_string())?;
        }
        self.show(left, bottom - 22.0, 8.0, &chart.x_label)?;
        self.show(left, top + 4.0, 8.0, &chart.y_label)?;
        self.y = bottom - 34.0;
        Ok(())
    }
}

impl Layout<'_> {
    /// Horizontal bars, one group per item: the label on the left, each value after its bar.
    fn bars(&mut self, bars: &Bars) -> Result<(), PdfError> {
        let series = bars.series.len().clamp(1, crate::SERIES_MAX);
        let (label_width, span, bar, gap) = (150.0, 420.0, 9.0, 6.0);
        #[allow(clippy::cast_precision_loss)]
        let group = bar * series as f32 + gap;
        self.room(HEADING_SIZE + 14.0 + group * 2.0);
        self.y -= HEADING_SIZE;
        let title_y = self.y;
        self.show(MARGIN, title_y, BODY_SIZE, &bars.title)?;
        self.y -= 14.0;
        for (i, name) in bars.series.iter().take(series).enumerate() {
            let (r, g, b) = SERIES_COLOURS[i];
            #[allow(clippy::cast_precision_loss)]
            let x = MARGIN + label_width + i as f32 * 130.0;
            let y = self.y;
            {
                let page = self.page();
                page.set_fill_rgb(f32::from(r) / 255.0, f32::from(g) / 255.0, f32::from(b) / 255.0);
                page.rect(x, y, 8.0, 8.0);
                page.fill_nonzero();
                page.set_fill_gray(0.0);
            }
            self.show(x + 11.0, y + 1.0, 7.5, name)?;
        }
        self.y -= 6.0;
        #[allow(clippy::cast_possible_truncation)]
        let top = crate::bars_top(bars) as f32;
        for (label, values) in &bars.items {
            self.room(group);
            let y0 = self.y;
            let label_text_width = self.font.width(label, 7.5);
            self.show(MARGIN + label_width - 6.0 - label_text_width, y0 - group / 2.0, 7.5, label)?;
            for (i, figure) in values.iter().take(series).enumerate() {
                let (r, g, b) = SERIES_COLOURS[i];
                #[allow(clippy::cast_precision_loss)]
                let y = y0 - (i as f32 + 1.0) * bar;
                #[allow(clippy::cast_possible_truncation)]
                let length = (figure.value as f32 / top * span).max(0.0);
                {
                    let page = self.page();
                    page.set_fill_rgb(
                        f32::from(r) / 255.0,
                        f32::from(g) / 255.0,
                        f32::from(b) / 255.0,
                    );
                    page.rect(MARGIN + label_width, y, length, bar - 1.5);
                    page.fill_nonzero();
                    page.set_fill_gray(0.0);
                }
                self.show(MARGIN + label_width + length + 3.0, y + 1.5, 6.5, &figure.text)?;
            }
            self.y = y0 - group;
        }
        self.y -= BODY_SIZE;
        Ok(())
    }
}

fn wrap_text(font: &Font<'_>, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let candidate =
            if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
        if font.width(&candidate, size) <= width || current.is_empty() {
            current = candidate;
        } else {
            lines.push(std::mem::take(&mut current));
            current = word.to_string();
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// The document as PDF bytes.
pub fn pdf(document: &Document) -> Result<Vec<u8>, PdfError> {
    pdf_and_lines(document).map(|(bytes, _)| bytes)
}

/// The document as PDF bytes, with every line of text it draws (for tests that look for a
/// figure or a word in it).
pub fn pdf_and_lines(document: &Document) -> Result<(Vec<u8>, Vec<String>), PdfError> {
    let font = Font::load()?;
    let mut layout = Layout {
        font: &font,
        pages: Vec::new(),
        y: PAGE.1 - MARGIN,
        used: BTreeMap::new(),
        shown: Vec::new(),
        language: document.language,
    };
    layout.room(TITLE_SIZE);
    layout.paragraph(&vec![Piece::Text(document.title.clone())], TITLE_SIZE, 0.0)?;
    for block in &document.blocks {
        match block {
            Block::Heading(text) => {
                layout.room(HEADING_SIZE * 4.0);
                layout.y -= HEADING_SIZE * 0.6;
                layout.paragraph(&vec![Piece::Text(text.clone())], HEADING_SIZE, 0.0)?;
            }
            Block::Paragraph(line) => layout.paragraph(line, BODY_SIZE, 0.0)?,
            Block::List(lines) => {
                for line in lines {
                    let mut bullet = vec![Piece::Text("• ".into())];
                    bullet.extend(line.iter().cloned());
                    layout.paragraph(&bullet, BODY_SIZE, 8.0)?;
                }
            }
            Block::Table { header, rows } => layout.table(header, rows)?,
            Block::Chart(chart) => layout.chart(chart)?,
            Block::Bars(bars) => layout.bars(bars)?,
        }
    }
    let used = std::mem::take(&mut layout.used);
    let pages = std::mem::take(&mut layout.pages);
    let shown = std::mem::take(&mut layout.shown);
    Ok((write_pdf(&font, pages, &used, &document.title)?, shown))
}

fn write_pdf(
    font: &Font<'_>,
    pages: Vec<Content>,
    used: &BTreeMap<u16, char>,
    title: &str,
) -> Result<Vec<u8>, PdfError> {
    let mut next = 1;
    let mut id = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let catalog = id();
    let tree = id();
    let type0 = id();
    let cid = id();
    let descriptor = id();
    let file = id();
    let cmap = id();
    let info = id();
    let page_ids: Vec<(Ref, Ref)> = (0..pages.len()).map(|_| (id(), id())).collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.document_info(info)
        .title(pdf_writer::TextStr(title))
        .creator(pdf_writer::TextStr("Passage"));
    let count = i32::try_from(pages.len()).map_err(|_| PdfError::TooManyPages)?;
    pdf.pages(tree).kids(page_ids.iter().map(|(page, _)| *page)).count(count);
    for (content, (page_id, content_id)) in pages.into_iter().zip(&page_ids) {
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE.0, PAGE.1));
        page.parent(tree);
        page.contents(*content_id);
        page.resources().fonts().pair(FONT_NAME, type0);
        page.finish();
        // Pages stay uncompressed: they are small beside the font, and a reader (or a
        // test) finds a figure's glyphs in them as written.
        pdf.stream(*content_id, &content.finish());
    }

    let base_font = Name(b"DejaVuSans");
    let system_info =
        SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };
    pdf.type0_font(type0)
        .base_font(base_font)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);
    let mut cid_font = pdf.cid_font(cid);
    cid_font
        .subtype(CidFontType::Type2)
        .base_font(base_font)
        .system_info(system_info)
        .font_descriptor(descriptor)
        .default_width(0.0)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    {
        let mut widths = cid_font.widths();
        for glyph in used.keys() {
            widths.consecutive(*glyph, [font.advance(*glyph)]);
        }
    }
    cid_font.finish();
    let face = &font.face;
    let scale = 1000.0 / font.units_per_em;
    let bbox = face.global_bounding_box();
    pdf.font_descriptor(descriptor)
        .name(base_font)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(
            f32::from(bbox.x_min) * scale,
            f32::from(bbox.y_min) * scale,
            f32::from(bbox.x_max) * scale,
            f32::from(bbox.y_max) * scale,
        ))
        .italic_angle(0.0)
        .ascent(f32::from(face.ascender()) * scale)
        .descent(f32::from(face.descender()) * scale)
        .cap_height(f32::from(face.capital_height().unwrap_or(face.ascender())) * scale)
        .stem_v(80.0)
        .font_file2(file);
    pdf.stream(file, FONT_BYTES).pair(
        Name(b"Length1"),
        i32::try_from(FONT_BYTES.len()).map_err(|_| PdfError::Font("too large".into()))?,
    );
    let mut unicode = pdf_writer::types::UnicodeCmap::new(Name(b"Passage-UTF16"), system_info);
    for (glyph, c) in used {
        unicode.pair(*glyph, *c);
    }
    pdf.cmap(cmap, &unicode.finish());
    Ok(pdf.finish())
}
