//! The calls behind the dashboard, the reports and the configuration pages, and the
//! report's download: fetched with the officer's token (a plain link could not carry it)
//! and handed to the browser as a file through a Blob URL.

use crate::api::{Failure, Session, answer, at_api, get};
use feedback_shared::report::Report;
use feedback_shared::wire::{Dashboard, Problem, ReportQuery, UndeliveredMessage};
use gloo_net::http::Request;

/// The council's dashboard.
pub async fn dashboard(session: &Session) -> Result<Dashboard, Failure> {
    let url = format!("/v1/councils/{}/dashboard", session.council);
    get(session, &url).await
}

/// The council's undelivered messages.
pub async fn undelivered(session: &Session) -> Result<Vec<UndeliveredMessage>, Failure> {
    let url = format!("/v1/councils/{}/outbox/undelivered", session.council);
    get(session, &url).await
}

/// Queues an undelivered message again.
pub async fn retry(session: &Session, id: &str) -> Result<(), Failure> {
    let url = format!(
        "/v1/councils/{}/outbox/undelivered/{}/retry",
        session.council,
        encode(id)
    );
    let response = session
        .authorised(Request::post(&at_api(&url)))
        .send()
        .await?;
    if response.ok() {
        return Ok(());
    }
    answer::<()>(response).await
}

/// The council's configuration, as JSON: the page shows whatever it holds.
pub async fn configuration(session: &Session) -> Result<serde_json::Value, Failure> {
    let url = format!("/v1/councils/{}/configuration", session.council);
    get(session, &url).await
}

/// The report query as a query string, `format` added when given.
pub fn report_query(query: &ReportQuery, format: Option<&str>) -> String {
    let mut pairs = Vec::new();
    if let Some(year) = query.year {
        pairs.push(format!("year={year}"));
    }
    if let Some(quarter) = query.quarter {
        pairs.push(format!("quarter={quarter}"));
    }
    if let Some(from) = &query.from {
        pairs.push(format!("from={}", encode(from)));
    }
    if let Some(to) = &query.to {
        pairs.push(format!("to={}", encode(to)));
    }
    if let Some(format) = format {
        pairs.push(format!("format={format}"));
    }
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

/// The council's report for the period asked for.
pub async fn report(session: &Session, query: &ReportQuery) -> Result<Report, Failure> {
    let url = format!(
        "/v1/councils/{}/reports{}",
        session.council,
        report_query(query, Some("json"))
    );
    get(session, &url).await
}

/// The partnership's reports, one per council the officer manages.
pub async fn partnership_report(
    session: &Session,
    partnership: &str,
    query: &ReportQuery,
) -> Result<Vec<Report>, Failure> {
    let url = format!(
        "/v1/partnerships/{}/reports{}",
        encode(partnership),
        report_query(query, Some("json"))
    );
    get(session, &url).await
}

/// Fetches the council's report as `format` (`csv` or `html`) and offers it to the
/// browser as a file called `file_name`.
pub async fn download_report(
    session: &Session,
    query: &ReportQuery,
    format: &str,
    file_name: &str,
) -> Result<(), Failure> {
    let url = format!(
        "/v1/councils/{}/reports{}",
        session.council,
        report_query(query, Some(format))
    );
    let response = session
        .authorised(Request::get(&at_api(&url)))
        .send()
        .await?;
    if !response.ok() {
        let text = response.text().await.unwrap_or_default();
        return Err(match serde_json::from_str::<Problem>(&text) {
            Ok(problem) => Failure::Problem(problem),
            Err(_) => Failure::Network("The report could not be downloaded.".into()),
        });
    }
    let content_type = response
        .headers()
        .get("content-type")
        .unwrap_or_else(|| "application/octet-stream".into());
    let text = response.text().await?;
    save(&text, &content_type, file_name)
        .map_err(|_| Failure::Network("The browser could not save the report.".into()))
}

/// Hands `text` to the browser as a download, through a short-lived Blob URL.
pub(crate) fn save(
    text: &str,
    content_type: &str,
    file_name: &str,
) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = leptos::prelude::document();
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// Percent-encodes everything but unreserved characters.
pub(crate) fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_query_names_the_period_and_format() {
        assert_eq!(report_query(&ReportQuery::default(), None), "");
        let quarter = ReportQuery {
            year: Some(2026),
            quarter: Some(3),
            ..ReportQuery::default()
        };
        assert_eq!(
            report_query(&quarter, Some("csv")),
            "?year=2026&quarter=3&format=csv"
        );
        let dates = ReportQuery {
            from: Some("2026-04-01".into()),
            to: Some("2026-06-30".into()),
            ..ReportQuery::default()
        };
        assert_eq!(report_query(&dates, None), "?from=2026-04-01&to=2026-06-30");
    }
}
