//! The annual complaints performance and service improvement report, rendered for people
//! and spreadsheets: JSON (the figures as computed), a tidy CSV with one row per figure,
//! and a printable, accessible HTML document with inline SVG charts.
//!
//! Every renderer takes a slice of reports: one council's, or a partnership's several,
//! which are then shown side by side.

mod charts;
mod csv;
mod csv_annual;
mod html;
pub mod returns;

pub use csv::to_csv;
pub use html::to_html;

use feedback_shared::outcome::Outcome;
use feedback_shared::report::Report;

/// How a report is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Json,
    Csv,
    Html,
}

impl ReportFormat {
    /// The format a request asks for. `format=json|csv|html` (the query parameter, or the
    /// command line's `--format`) wins; otherwise the `Accept` header decides between
    /// `application/json`, `text/csv` and `text/html`, honouring `q` weights; anything
    /// else, or nothing, means JSON. An unknown `format` value is refused, naming it.
    pub fn from_query_or_accept(
        format: Option<&str>,
        accept: Option<&str>,
    ) -> Result<ReportFormat, String> {
        if let Some(format) = format.map(str::trim).filter(|f| !f.is_empty()) {
            return match format.to_ascii_lowercase().as_str() {
                "json" => Ok(ReportFormat::Json),
                "csv" => Ok(ReportFormat::Csv),
                "html" => Ok(ReportFormat::Html),
                _ => Err(format!(
                    "unknown report format `{format}`: use json, csv or html"
                )),
            };
        }
        Ok(accept.and_then(from_accept).unwrap_or(ReportFormat::Json))
    }

    /// The `Content-Type` of a rendered report.
    pub fn content_type(self) -> &'static str {
        match self {
            ReportFormat::Json => "application/json",
            ReportFormat::Csv => "text/csv; charset=utf-8",
            ReportFormat::Html => "text/html; charset=utf-8",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Json => "json",
            ReportFormat::Csv => "csv",
            ReportFormat::Html => "html",
        }
    }
}

/// The supported media type the `Accept` header prefers most (highest `q`, then first
/// listed); `None` when it names none of them.
fn from_accept(accept: &str) -> Option<ReportFormat> {
    let mut best: Option<(ReportFormat, f32)> = None;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let format = match media.as_str() {
            "application/json" => ReportFormat::Json,
            "text/csv" => ReportFormat::Csv,
            "text/html" | "application/xhtml+xml" => ReportFormat::Html,
            _ => continue,
        };
        let q = parts
            .filter_map(|p| p.split_once('='))
            .find(|(name, _)| name.trim().eq_ignore_ascii_case("q"))
            .map_or(1.0, |(_, value)| value.trim().parse::<f32>().unwrap_or(0.0));
        if q > 0.0 && best.is_none_or(|(_, b)| q > b) {
            best = Some((format, q));
        }
    }
    best.map(|(format, _)| format)
}

/// `reports` in `format`: JSON is one object for one report and an array for several
/// (pretty-printed), CSV is [`to_csv`], HTML is [`to_html`].
pub fn render(reports: &[Report], format: ReportFormat) -> String {
    match format {
        ReportFormat::Json => {
            let json = match reports {
                [one] => serde_json::to_string_pretty(one),
                several => serde_json::to_string_pretty(several),
            };
            json.unwrap_or_else(|e| {
                serde_json::json!({ "error": format!("the report could not be written: {e}") })
                    .to_string()
            })
        }
        ReportFormat::Csv => to_csv(reports),
        ReportFormat::Html => to_html(reports),
    }
}

/// `reports` in `format`, JSON always as an array (one report is an array of one): what
/// a partnership's report answers, whose length depends on the councils the caller
/// manages, so a client reads one shape.
pub fn render_list(reports: &[Report], format: ReportFormat) -> String {
    match format {
        ReportFormat::Json => serde_json::to_string_pretty(reports).unwrap_or_else(|e| {
            serde_json::json!({ "error": format!("the report could not be written: {e}") })
                .to_string()
        }),
        _ => render(reports, format),
    }
}

/// A figure that may be absent (no responses to take a percentage of), as plain text:
/// `12`, `83.3`, or empty.
fn number(value: Option<f64>) -> String {
    value.map(|v| format!("{v}")).unwrap_or_default()
}

/// Decided complaints (upheld, partly upheld, not upheld) and how many of them were
/// upheld in full or in part, over both stages.
fn upheld(report: &Report) -> (u32, u32) {
    report
        .outcomes
        .iter()
        .fold((0, 0), |(upheld, decided), o| match o.outcome {
            Outcome::Upheld | Outcome::PartlyUpheld => (upheld + o.count, decided + o.count),
            Outcome::NotUpheld => (upheld, decided + o.count),
            Outcome::Withdrawn | Outcome::NotAccepted => (upheld, decided),
        })
}

/// `part` as a percentage of `whole` to one decimal place, as the shared report does.
fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| (1000.0 * f64::from(part) / f64::from(whole)).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_weights() {
        let f = |a| ReportFormat::from_query_or_accept(None, Some(a)).unwrap();
        assert_eq!(f("text/csv;q=0.5, application/json"), ReportFormat::Json);
        assert_eq!(f("application/json;q=0.2, text/csv"), ReportFormat::Csv);
        assert_eq!(f("text/html;q=0, */*"), ReportFormat::Json);
        assert_eq!(f("TEXT/HTML; charset=utf-8"), ReportFormat::Html);
        assert_eq!(f("image/png"), ReportFormat::Json);
    }
}
