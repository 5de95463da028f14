//! Charts of `passage simulate`, each written as SVG and PNG: transit-time distributions,
//! queue length over time, and transit time against detection across regimes.
//!
//! Text is drawn with DejaVu Sans, embedded in the binary (`passage_document::FONT_BYTES`),
//! so charts render the same on a machine with no fonts.

use std::path::Path;
use std::sync::OnceLock;

use crate::language::tr;
use anyhow::anyhow;
use passage_sim::corridor::{CorridorReport, Summary};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

const FONT: &str = "sans-serif";
const FONT_BYTES: &[u8] = passage_document::FONT_BYTES;
const SIZE: (u32, u32) = (1000, 560);
const QUEUE_CHART_HOURS: usize = 28 * 24;
const PALETTE: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(255, 127, 14),
    RGBColor(23, 190, 207),
];

fn fail(e: impl std::fmt::Debug) -> anyhow::Error {
    anyhow!("{}: {e:?}", tr!("cli-chart-drawing"))
}

fn ensure_font() -> anyhow::Result<()> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| register_font(FONT, FontStyle::Normal, FONT_BYTES).is_ok());
    if ok { Ok(()) } else { Err(anyhow!(tr!("cli-chart-font"))) }
}

/// Draws with `$draw(&area, args...)` on an SVG and a PNG backend: `$name.svg`, `$name.png`.
macro_rules! render {
    ($out:expr, $name:expr, $draw:ident ( $($arg:expr),* )) => {{
        ensure_font()?;
        let svg = $out.join(format!("{}.svg", $name));
        {
            let root = SVGBackend::new(&svg, SIZE).into_drawing_area();
            $draw(&root, $($arg),*)?;
            root.present().map_err(fail)?;
        }
        let png = $out.join(format!("{}.png", $name));
        {
            let root = BitMapBackend::new(&png, SIZE).into_drawing_area();
            $draw(&root, $($arg),*)?;
            root.present().map_err(fail)?;
        }
        Ok(())
    }};
}

/// Histogram of transit times per class (one panel each) from one replication.
pub fn transit_distribution(
    out: &Path,
    name: &str,
    title: &str,
    report: &CorridorReport,
) -> anyhow::Result<()> {
    render!(out, name, draw_transit(title, report))
}

fn draw_transit<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    report: &CorridorReport,
) -> anyhow::Result<()> {
    root.fill(&WHITE).map_err(fail)?;
    let root = root
        .titled(&format!("Transit time per unit, {title} (replication 0)"), (FONT, 22))
        .map_err(fail)?;
    let classes: Vec<_> = report.classes.iter().filter(|c| !c.transit_minutes.is_empty()).collect();
    if classes.is_empty() {
        return Ok(());
    }
    let panels = root.split_evenly((1, classes.len()));
    for (i, (panel, class)) in panels.iter().zip(classes).enumerate() {
        let mut hours: Vec<f64> =
            class.transit_minutes.iter().map(|&m| f64::from(m) / 60.0).collect();
        hours.sort_by(f64::total_cmp);
        // Show up to the 99.5th percentile so one extreme unit does not squash the rest.
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss
        )]
        let top =
            hours[((hours.len() as f64 * 0.995) as usize).min(hours.len() - 1)].max(0.1) * 1.05;
        let bins = 40usize;
        let width = top / bins as f64;
        let mut counts = vec![0usize; bins];
        for h in &hours {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let b = (h / width) as usize;
            if b < bins {
                counts[b] += 1;
            }
        }
        #[allow(clippy::cast_precision_loss)]
        let shares: Vec<f64> =
            counts.iter().map(|&c| c as f64 / hours.len() as f64 * 100.0).collect();
        let peak = shares.iter().copied().fold(0.0, f64::max).max(1.0) * 1.1;
        let color = PALETTE[i % PALETTE.len()];
        let mut chart = ChartBuilder::on(panel)
            .caption(format!("{} ({} units)", class.class, hours.len()), (FONT, 18))
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d(0.0..top, 0.0..peak)
            .map_err(fail)?;
        chart
            .configure_mesh()
            .x_desc("hours from first arrival to last departure")
            .y_desc("% of units")
            .label_style((FONT, 13))
            .axis_desc_style((FONT, 14))
            .draw()
            .map_err(fail)?;
        chart
            .draw_series(shares.iter().enumerate().map(|(b, &share)| {
                #[allow(clippy::cast_precision_loss)]
                let x0 = b as f64 * width;
                Rectangle::new([(x0, 0.0), (x0 + width, share)], color.mix(0.7).filled())
            }))
            .map_err(fail)?;
        for (q, label, height) in [(0.5, "p50", 0.97), (0.95, "p95", 0.91), (0.99, "p99", 0.85)] {
            #[allow(
                clippy::cast_precision_loss,
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss
            )]
            let x = hours[(((hours.len() as f64) * q).ceil() as usize).clamp(1, hours.len()) - 1];
            if x <= top {
                chart
                    .draw_series(LineSeries::new(
                        [(x, 0.0), (x, peak * (height - 0.03))],
                        BLACK.stroke_width(1),
                    ))
                    .map_err(fail)?;
                chart
                    .draw_series(std::iter::once(Text::new(
                        format!("{label} {x:.1} h"),
                        (x, peak * height),
                        (FONT, 12).into_font().color(&BLACK),
                    )))
                    .map_err(fail)?;
            }
        }
    }
    Ok(())
}

/// Units waiting at each post, hour by hour, in one replication.
pub fn queue_over_time(
    out: &Path,
    name: &str,
    title: &str,
    posts: &[String],
    report: &CorridorReport,
) -> anyhow::Result<()> {
    render!(out, name, draw_queue(title, posts, report))
}

fn draw_queue<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    posts: &[String],
    report: &CorridorReport,
) -> anyhow::Result<()> {
    root.fill(&WHITE).map_err(fail)?;
    // Four weeks, hour by hour, show the daily and weekly rhythm; a year would be a blur.
    let rows = &report.queue_by_hour[..report.queue_by_hour.len().min(QUEUE_CHART_HOURS)];
    #[allow(clippy::cast_precision_loss)]
    let days = (rows.len().max(24) as f64) / 24.0;
    let peak = rows.iter().flatten().copied().max().unwrap_or(0).max(1);
    let mut chart = ChartBuilder::on(root)
        .caption(
            format!("Units waiting at each post, first four weeks, {title} (replication 0)"),
            (FONT, 20),
        )
        .margin(14)
        .x_label_area_size(40)
        .y_label_area_size(50)
        .build_cartesian_2d(0.0..days, 0.0..f64::from(peak) * 1.1)
        .map_err(fail)?;
    chart
        .configure_mesh()
        .x_desc("day")
        .y_desc("units waiting (all resources of the post)")
        .label_style((FONT, 13))
        .axis_desc_style((FONT, 14))
        .draw()
        .map_err(fail)?;
    for (p, post) in posts.iter().enumerate() {
        let color = PALETTE[p % PALETTE.len()];
        #[allow(clippy::cast_precision_loss)]
        let points = rows
            .iter()
            .enumerate()
            .map(|(h, row)| (h as f64 / 24.0, f64::from(row.get(p).copied().unwrap_or(0))));
        chart
            .draw_series(LineSeries::new(points, color.stroke_width(1)))
            .map_err(fail)?
            .label(post.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
            });
    }
    chart
        .configure_series_labels()
        .label_font((FONT, 14))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .draw()
        .map_err(fail)?;
    Ok(())
}

/// Each regime as a point: 95th-percentile transit of the first class against the share
/// of irregular units caught, with 95% confidence intervals as error bars.
pub fn tradeoff(out: &Path, name: &str, summaries: &[&Summary]) -> anyhow::Result<()> {
    render!(out, name, draw_tradeoff(summaries))
}

fn draw_tradeoff<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    summaries: &[&Summary],
) -> anyhow::Result<()> {
    root.fill(&WHITE).map_err(fail)?;
    let class =
        summaries.first().and_then(|s| s.classes.first()).map_or("unit", |c| c.class.as_str());
    let points: Vec<(f64, f64, f64, f64, &str)> = summaries
        .iter()
        .filter_map(|s| {
            let c = s.classes.first()?;
            Some((
                c.transit_p95_hours.mean,
                c.transit_p95_hours.half_width,
                s.caught_share.mean * 100.0,
                s.caught_share.half_width * 100.0,
                s.regime.as_str(),
            ))
        })
        .collect();
    let x_max = points.iter().map(|p| p.0 + p.1).fold(1.0, f64::max) * 1.15;
    let mut chart = ChartBuilder::on(root)
        .caption("Transit time against detection, per regime", (FONT, 22))
        .margin(16)
        .x_label_area_size(45)
        .y_label_area_size(55)
        .build_cartesian_2d(0.0..x_max, 0.0..105.0)
        .map_err(fail)?;
    chart
        .configure_mesh()
        .x_desc(format!("{class} transit time, 95th percentile (hours)"))
        .y_desc("irregular units caught (%)")
        .label_style((FONT, 13))
        .axis_desc_style((FONT, 14))
        .draw()
        .map_err(fail)?;
    for (i, &(x, dx, y, dy, label)) in points.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        chart
            .draw_series([
                PathElement::new(vec![(x - dx, y), (x + dx, y)], color.stroke_width(2)),
                PathElement::new(
                    vec![(x, (y - dy).max(0.0)), (x, (y + dy).min(100.0))],
                    color.stroke_width(2),
                ),
            ])
            .map_err(fail)?;
        chart
            .draw_series(std::iter::once(Circle::new((x, y), 6, color.filled())))
            .map_err(fail)?
            .label(label.to_string())
            .legend(move |(x, y)| Circle::new((x + 10, y), 6, color.filled()));
    }
    // A legend, not labels beside the points: close regimes would print over each other.
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .label_font((FONT, 14))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()
        .map_err(fail)?;
    Ok(())
}
