//! The console's pages and their addresses under [`BASE`]: `/console/` is the queue,
//! `/console/cases/{reference}` a case, `/console/log` logging a case. A sign-in link
//! carries its code in the fragment (`#signin=…`), which never reaches a server log.

use feedback_shared::wire::CaseListQuery;
use feedback_shared::{Kind, Reference, Stage};

/// Where the local server serves the console.
pub const BASE: &str = "/console/";

/// A page of the console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The council's cases.
    Queue,
    /// One case.
    Case(Reference),
    /// Log a case received by phone, email, letter or in person.
    LogCase,
    /// An address the console does not have.
    NotFound,
}

impl Route {
    /// The page at `path` (the URL's path).
    pub fn from_path(path: &str) -> Route {
        let Some(rest) = path
            .strip_prefix(BASE)
            .or_else(|| (path == BASE.trim_end_matches('/')).then_some(""))
        else {
            return Route::NotFound;
        };
        let rest = rest.trim_end_matches('/');
        match rest.split('/').collect::<Vec<_>>().as_slice() {
            [""] | ["index.html"] => Route::Queue,
            ["log"] => Route::LogCase,
            ["cases", reference] => reference
                .parse()
                .map(Route::Case)
                .unwrap_or(Route::NotFound),
            _ => Route::NotFound,
        }
    }

    /// This page's path.
    pub fn path(&self) -> String {
        match self {
            Route::Queue | Route::NotFound => BASE.to_owned(),
            Route::Case(reference) => format!("{BASE}cases/{reference}"),
            Route::LogCase => format!("{BASE}log"),
        }
    }
}

/// The sign-in code in a URL's fragment (`#signin=CODE`), if there is one.
pub fn sign_in_code(fragment: &str) -> Option<String> {
    let code = fragment.trim_start_matches('#').strip_prefix("signin=")?;
    (!code.is_empty()).then(|| code.to_owned())
}

/// The JSON name of a wire enum's value (`not_accepted`, `service_request`).
pub fn wire_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// A wire enum's value from its JSON name; `None` for "" or a name it does not have.
pub fn from_wire_name<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    if name.is_empty() {
        return None;
    }
    serde_json::from_value(serde_json::Value::String(name.to_owned()))
        .or_else(|_| serde_json::from_str(name))
        .ok()
}

/// The queue's filters as the list route's query string (`?status=received&stage=1`), or
/// "" when there are none.
pub fn list_query(query: &CaseListQuery) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if let Some(status) = query.status {
        pairs.push(("status", wire_name(&status)));
    }
    if let Some(kind) = query.kind {
        pairs.push(("kind", wire_name::<Kind>(&kind)));
    }
    if let Some(stage) = query.stage {
        pairs.push(("stage", u8::from(stage).to_string()));
    }
    if let Some(service) = query.service.as_deref().filter(|s| !s.is_empty()) {
        pairs.push(("service", service.to_owned()));
    }
    if let Some(overdue) = query.overdue {
        pairs.push(("overdue", overdue.to_string()));
    }
    if pairs.is_empty() {
        return String::new();
    }
    let joined: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| format!("{k}={}", encode(&v)))
        .collect();
    format!("?{}", joined.join("&"))
}

/// Percent-encodes everything but unreserved characters.
fn encode(value: &str) -> String {
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

/// A stage from a filter's value (`1` or `2`).
pub fn stage_from(value: &str) -> Option<Stage> {
    value
        .parse::<u8>()
        .ok()
        .and_then(|n| Stage::try_from(n).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use feedback_shared::case::Status;

    #[test]
    fn paths_name_the_pages_and_back() {
        let reference: Reference = "DEMO-2026-000042".parse().unwrap();
        for route in [Route::Queue, Route::LogCase, Route::Case(reference)] {
            assert_eq!(Route::from_path(&route.path()), route);
        }
        assert_eq!(Route::from_path("/console"), Route::Queue);
        assert_eq!(Route::from_path("/console/index.html"), Route::Queue);
        assert_eq!(Route::from_path("/console/cases/nonsense"), Route::NotFound);
        assert_eq!(Route::from_path("/elsewhere/"), Route::NotFound);
    }

    #[test]
    fn a_sign_in_code_is_read_from_the_fragment() {
        assert_eq!(sign_in_code("#signin=abc.def"), Some("abc.def".into()));
        assert_eq!(sign_in_code("#signin="), None);
        assert_eq!(sign_in_code("#main-content"), None);
        assert_eq!(sign_in_code(""), None);
    }

    #[test]
    fn filters_become_the_list_query() {
        assert_eq!(list_query(&CaseListQuery::default()), "");
        let query = CaseListQuery {
            status: Some(Status::NotAccepted.into()),
            kind: Some(Kind::ServiceRequest),
            stage: Some(Stage::Two),
            service: Some("waste & bins".into()),
            ..CaseListQuery::default()
        };
        assert_eq!(
            list_query(&query),
            "?status=not_accepted&kind=service_request&stage=2&service=waste%20%26%20bins"
        );
    }

    #[test]
    fn wire_names_go_both_ways() {
        assert_eq!(wire_name(&Status::NotAccepted), "not_accepted");
        assert_eq!(
            from_wire_name::<Status>("not_accepted"),
            Some(Status::NotAccepted)
        );
        assert_eq!(from_wire_name::<Status>(""), None);
        assert_eq!(from_wire_name::<Kind>("nonsense"), None);
        assert_eq!(stage_from("2"), Some(Stage::Two));
        assert_eq!(stage_from("3"), None);
    }
}
