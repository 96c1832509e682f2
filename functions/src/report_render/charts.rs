//! Inline SVG charts, written by hand. Each chart is `role="img"`, labelled by its own
//! `<title>` and `<desc>` (the desc gives every figure in words), scales with its
//! container (a `viewBox` and `width="100%"`), and never relies on colour alone: series
//! also differ by pattern, sit next to a legend, and carry their values as direct labels.
//! All colours have at least 4.5:1 contrast against white, text is near-black on white.

use crate::html::escape;
use std::fmt::Write;

/// Text on white: 19.6:1.
const INK: &str = "#0b0c0c";
/// Secondary text (axis labels) on white: 7.1:1.
const MUTED: &str = "#505a5f";
/// Gridlines: decoration only, the values are labelled.
const GRID: &str = "#b1b4b6";
const FONT: &str = "Arial, Helvetica, sans-serif";
const WIDTH: f64 = 720.0;

/// One series of a stacked chart: its name and its colour (at least 4.5:1 on white).
#[derive(Debug, Clone, Copy)]
pub(super) struct Series {
    pub label: &'static str,
    pub colour: &'static str,
}

/// One bar of a stacked chart: its label and a value per series.
#[derive(Debug, Clone)]
pub(super) struct Stack {
    pub label: String,
    pub values: Vec<u32>,
}

/// One bar of a simple bar chart, labelled on two lines under it.
#[derive(Debug, Clone)]
pub(super) struct Bar {
    pub label: String,
    pub sublabel: String,
    pub value: u32,
}

/// How stacked bars are scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scale {
    /// Each bar is 100% of its own total.
    Percent,
    /// Bars are counts, the longest is the largest total.
    Count,
}

fn open_svg(out: &mut String, id: &str, title: &str, desc: &str, height: f64) {
    let _ = write!(
        out,
        "<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" \
         preserveAspectRatio=\"xMidYMid meet\" font-family=\"{FONT}\" font-size=\"12\" \
         class=\"chart\" id=\"{id}\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(desc)
    );
}

/// A step between gridlines giving at most about five of them, and the axis maximum.
fn axis(max: u32) -> (u32, u32) {
    let max = u64::from(max.max(1));
    let mut magnitude = 1u64;
    let step = loop {
        if let Some(step) = [1, 2, 5]
            .into_iter()
            .map(|c| c * magnitude)
            .find(|step| step * 5 >= max)
        {
            break step;
        }
        magnitude *= 10;
    };
    let top = max.div_ceil(step) * step;
    let clamp = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
    (clamp(step), clamp(top))
}

/// A vertical bar chart of a single series, each bar labelled with its value.
pub(super) fn bar_chart(id: &str, title: &str, desc: &str, colour: &str, bars: &[Bar]) -> String {
    let (left, right, top, bottom) = (48.0, 12.0, 24.0, 46.0);
    let height = 300.0;
    let plot_w = WIDTH - left - right;
    let plot_h = height - top - bottom;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let (step, axis_max) = axis(max);
    let y = |v: u32| top + plot_h - plot_h * f64::from(v) / f64::from(axis_max);

    let mut out = String::new();
    open_svg(&mut out, id, title, desc, height);
    // Gridlines and the value axis.
    let mut tick = 0;
    while tick <= axis_max {
        let ty = y(tick);
        let _ = write!(
            out,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{ty:.1}\" y2=\"{ty:.1}\" stroke=\"{GRID}\" \
             stroke-width=\"1\" aria-hidden=\"true\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{MUTED}\">{tick}</text>",
            WIDTH - right,
            left - 6.0,
            ty + 4.0
        );
        match tick.checked_add(step) {
            Some(next) => tick = next,
            None => break,
        }
    }
    let n = bars.len().max(1) as f64;
    let slot = plot_w / n;
    let bar_w = (slot * 0.7).max(1.0);
    // Label every bar when there is room, otherwise every few.
    let every = ((34.0 / slot).ceil() as usize).max(1);
    for (i, bar) in bars.iter().enumerate() {
        let x = left + slot * i as f64 + (slot - bar_w) / 2.0;
        let top_y = y(bar.value);
        let h = top + plot_h - top_y;
        let cx = x + bar_w / 2.0;
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{top_y:.1}\" width=\"{bar_w:.1}\" height=\"{h:.1}\" \
             fill=\"{colour}\"><title>{}: {}</title></rect>",
            escape(&format!("{} {}", bar.label, bar.sublabel)),
            bar.value
        );
        if slot >= 16.0 {
            let _ = write!(
                out,
                "<text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{INK}\" \
                 font-weight=\"bold\">{}</text>",
                top_y - 5.0,
                bar.value
            );
        }
        if i % every == 0 {
            let base = top + plot_h;
            let _ = write!(
                out,
                "<text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>\
                 <text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{MUTED}\">{}</text>",
                base + 16.0,
                escape(&bar.label),
                base + 32.0,
                escape(&bar.sublabel)
            );
        }
    }
    let base = top + plot_h;
    let _ = write!(
        out,
        "<line x1=\"{left}\" x2=\"{}\" y1=\"{base:.1}\" y2=\"{base:.1}\" stroke=\"{INK}\" \
         stroke-width=\"1.5\" aria-hidden=\"true\"/></svg>",
        WIDTH - right
    );
    out
}

/// The fill of series `index`: solid for the first, then a pattern of white marks over the
/// colour, so that series differ without colour.
fn pattern(out: &mut String, id: &str, index: usize, colour: &str) {
    let pid = format!("{id}-p{index}");
    let marks = match index % 6 {
        0 => return,
        1 => "<rect width=\"3\" height=\"8\" fill=\"#fff\" fill-opacity=\"0.55\"/>",
        2 => "<circle cx=\"4\" cy=\"4\" r=\"1.8\" fill=\"#fff\" fill-opacity=\"0.7\"/>",
        3 => {
            "<rect width=\"2\" height=\"8\" fill=\"#fff\" fill-opacity=\"0.55\"/>\
             <rect width=\"8\" height=\"2\" fill=\"#fff\" fill-opacity=\"0.55\"/>"
        }
        4 => "<rect width=\"8\" height=\"2.5\" fill=\"#fff\" fill-opacity=\"0.55\"/>",
        _ => "<rect width=\"2.5\" height=\"8\" fill=\"#fff\" fill-opacity=\"0.55\"/>",
    };
    let rotate = if matches!(index % 6, 1 | 3) {
        " patternTransform=\"rotate(45)\""
    } else {
        ""
    };
    let _ = write!(
        out,
        "<pattern id=\"{pid}\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\"{rotate}>\
         <rect width=\"8\" height=\"8\" fill=\"{colour}\"/>{marks}</pattern>"
    );
}

fn fill(id: &str, index: usize, colour: &str) -> String {
    if index % 6 == 0 {
        colour.to_owned()
    } else {
        format!("url(#{id}-p{index})")
    }
}

/// Roughly how wide `text` is at 12px, in user units.
fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * 6.6
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(max_chars.saturating_sub(1)).collect();
        short.push('…');
        short
    }
}

/// Horizontal stacked bars, one per row, a segment per series. Each segment wide enough
/// carries its count on a white label; each bar ends with its total. Rows with nothing
/// to show say `empty` instead.
pub(super) fn stacked_bars(
    id: &str,
    title: &str,
    desc: &str,
    series: &[Series],
    rows: &[Stack],
    scale: Scale,
    empty: &str,
) -> String {
    let (left, label_w, right) = (8.0, 190.0, 64.0);
    let bar_x = left + label_w + 8.0;
    let (row_h, bar_h) = (34.0, 22.0);
    let (legend, legend_baseline) = legend(id, series, bar_x);
    let top = legend_baseline + 18.0;
    let axis_y = top + row_h * rows.len().max(1) as f64;
    let axis_h = 22.0;
    let chart = Stacked {
        id,
        series,
        scale,
        empty,
        frame: Frame {
            left,
            label_w,
            bar_x,
            bar_w: WIDTH - bar_x - right,
            row_h,
            bar_h,
            top,
            axis_y,
        },
    };

    let totals: Vec<u32> = rows.iter().map(|r| r.values.iter().sum()).collect();
    let max_total = totals.iter().copied().max().unwrap_or(0);
    let (step, axis_max) = axis(max_total);

    let mut out = String::new();
    open_svg(&mut out, id, title, desc, axis_y + axis_h);
    out.push_str("<defs>");
    for (i, s) in series.iter().enumerate() {
        pattern(&mut out, id, i, s.colour);
    }
    out.push_str("</defs>");
    out.push_str(&legend);
    chart.gridlines(&mut out, step, axis_max);
    for (r, (row, total)) in rows.iter().zip(&totals).enumerate() {
        let denominator = match scale {
            Scale::Percent => *total,
            Scale::Count => axis_max,
        };
        chart.row(&mut out, r, row, *total, denominator);
    }
    let _ = write!(
        out,
        "<line x1=\"{bar_x:.1}\" x2=\"{bar_x:.1}\" y1=\"{:.1}\" y2=\"{axis_y:.1}\" stroke=\"{INK}\" \
         stroke-width=\"1.5\" aria-hidden=\"true\"/></svg>",
        top - 4.0
    );
    out
}

/// The legend of a stacked chart, wrapped over as many lines as it needs from `bar_x`,
/// and the baseline of its last line.
fn legend(id: &str, series: &[Series], bar_x: f64) -> (String, f64) {
    let mut legend = String::new();
    let (mut lx, mut ly) = (bar_x, 14.0);
    for (i, s) in series.iter().enumerate() {
        let w = 14.0 + 6.0 + text_width(s.label) + 18.0;
        if lx + w > WIDTH - 4.0 && lx > bar_x {
            lx = bar_x;
            ly += 22.0;
        }
        let _ = write!(
            legend,
            "<rect x=\"{lx:.1}\" y=\"{:.1}\" width=\"14\" height=\"14\" fill=\"{}\" \
             stroke=\"{}\" stroke-width=\"1.5\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"{INK}\">{}</text>",
            ly - 11.0,
            fill(id, i, s.colour),
            s.colour,
            lx + 20.0,
            ly,
            escape(s.label)
        );
        lx += w;
    }
    (legend, ly)
}

/// Where a stacked chart's parts go, in user units.
struct Frame {
    left: f64,
    /// The width of the row labels, right-aligned to `left + label_w`.
    label_w: f64,
    bar_x: f64,
    bar_w: f64,
    row_h: f64,
    bar_h: f64,
    /// The top of the first row, below the legend.
    top: f64,
    /// The bottom of the last row, where the scale is written.
    axis_y: f64,
}

/// A stacked chart being drawn.
struct Stacked<'a> {
    id: &'a str,
    series: &'a [Series],
    scale: Scale,
    empty: &'a str,
    frame: Frame,
}

impl Stacked<'_> {
    /// The scale along the bottom, with gridlines behind the bars.
    fn gridlines(&self, out: &mut String, step: u32, axis_max: u32) {
        let Frame {
            bar_x,
            bar_w,
            top,
            axis_y,
            ..
        } = self.frame;
        let ticks: Vec<(f64, String)> = match self.scale {
            Scale::Percent => (0..=4)
                .map(|q| (f64::from(q) / 4.0, format!("{}%", q * 25)))
                .collect(),
            Scale::Count => (0..=axis_max / step)
                .map(|k| {
                    (
                        f64::from(k * step) / f64::from(axis_max),
                        (k * step).to_string(),
                    )
                })
                .collect(),
        };
        for (fraction, label) in &ticks {
            let tx = bar_x + bar_w * fraction;
            let _ = write!(
                out,
                "<line x1=\"{tx:.1}\" x2=\"{tx:.1}\" y1=\"{:.1}\" y2=\"{axis_y:.1}\" stroke=\"{GRID}\" \
                 stroke-width=\"1\" aria-hidden=\"true\"/>\
                 <text x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{MUTED}\">{label}</text>",
                top - 4.0,
                axis_y + 15.0
            );
        }
    }

    /// Row `r`: its label, its segments (out of `denominator`) and its total.
    fn row(&self, out: &mut String, r: usize, row: &Stack, total: u32, denominator: u32) {
        let f = &self.frame;
        let y = f.top + f.row_h * r as f64 + (f.row_h - f.bar_h) / 2.0;
        let mid = y + f.bar_h / 2.0 + 4.0;
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{mid:.1}\" text-anchor=\"end\" fill=\"{INK}\">{}</text>",
            f.left + f.label_w,
            escape(&truncate(&row.label, 28))
        );
        if total == 0 || denominator == 0 {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{mid:.1}\" fill=\"{MUTED}\">{}</text>",
                f.bar_x + 6.0,
                escape(self.empty)
            );
            return;
        }
        let mut x = f.bar_x;
        for (i, (s, value)) in self.series.iter().zip(&row.values).enumerate() {
            if *value == 0 {
                continue;
            }
            let w = f.bar_w * f64::from(*value) / f64::from(denominator);
            self.segment(out, (i, s), &row.label, *value, (x, y, w));
            x += w;
        }
        let end = match self.scale {
            Scale::Percent => f.bar_x + f.bar_w,
            Scale::Count => x,
        };
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{mid:.1}\" fill=\"{INK}\">{total}</text>",
            end + 6.0
        );
    }

    /// One series' segment of a row at (`x`, `y`), `w` wide, with its count on a white
    /// label when it fits.
    fn segment(
        &self,
        out: &mut String,
        (i, s): (usize, &Series),
        row_label: &str,
        value: u32,
        (x, y, w): (f64, f64, f64),
    ) {
        let bar_h = self.frame.bar_h;
        let mid = y + bar_h / 2.0 + 4.0;
        // A white gap between segments keeps each one's edge visible.
        let drawn = (w - 2.0).max(1.0);
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{drawn:.1}\" height=\"{bar_h}\" \
             fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"><title>{}: {} {}</title></rect>",
            fill(self.id, i, s.colour),
            s.colour,
            escape(row_label),
            escape(s.label),
            value
        );
        let text = value.to_string();
        let pill = 8.0 + text_width(&text);
        if drawn >= pill + 4.0 {
            let cx = x + drawn / 2.0;
            let _ = write!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{pill:.1}\" height=\"16\" rx=\"3\" \
                 fill=\"#fff\" aria-hidden=\"true\"/>\
                 <text x=\"{cx:.1}\" y=\"{mid:.1}\" text-anchor=\"middle\" fill=\"{INK}\" \
                 font-weight=\"bold\">{text}</text>",
                cx - pill / 2.0,
                y + (bar_h - 16.0) / 2.0
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_are_round() {
        assert_eq!(axis(0), (1, 1));
        assert_eq!(axis(3), (1, 3));
        assert_eq!(axis(7), (2, 8));
        assert_eq!(axis(12), (5, 15));
        assert_eq!(axis(100), (20, 100));
        assert_eq!(axis(101), (50, 150));
    }

    #[test]
    fn long_labels_are_cut() {
        assert_eq!(truncate("short", 28), "short");
        assert_eq!(truncate("abcdef", 4), "abc…");
    }
}
