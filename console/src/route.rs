//! The console's pages and their addresses under [`BASE`]: `/console/` is the queue (its
//! filters, search, sort and page in the query string, under the list route's own
//! parameter names: `/console/?status=open&stage=2&sort=received`), `/console/cases/{reference}`
//! a case (`/correct` to correct its contact details, `/redact` to redact a span of the
//! resident's words), `/console/log` logging a case, `/console/dashboard` the figures, and for
//! managers `/console/reports`, `/console/annual/{year}` (the year's self-assessment and
//! annual record), `/console/configuration` and the response templates,
//! `/console/templates` (`/new` to add one, `/{id}` to change one), and personal data,
//! `/console/personal-data` (`/erase/{reference}` to erase a case's, `/holds` the legal
//! holds), and contact restrictions, `/console/restrictions` (`/new` to record one, `/{id}`
//! to read and review one). A sign-in link carries its
//! code in the fragment (`#signin=…`), which never reaches a server log.

use feedback_shared::wire::CaseListQuery;
use feedback_shared::{OfficerId, Reference, Stage};

/// Where the local server serves the console.
pub const BASE: &str = "/console/";

/// A page of the console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The council's cases, as the query asks.
    Queue(CaseListQuery),
    /// One case.
    Case(Reference),
    /// Correcting the resident's contact details on a case.
    Correct(Reference),
    /// Redacting a span of the resident's words on a case.
    Redact(Reference),
    /// Log a case received by phone, email, letter or in person.
    LogCase,
    /// The council's figures at a glance, and its undelivered messages.
    Dashboard,
    /// The annual report, a quarter or any dates (managers only).
    Reports,
    /// The self-assessment and annual record of the financial year starting in this year
    /// (managers only).
    Annual(i32),
    /// The council's configuration, read only (managers only).
    Configuration,
    /// The council's response templates (managers only).
    Templates,
    /// Adding a response template (managers only).
    NewTemplate,
    /// Changing or removing the response template with this id (managers only).
    Template(String),
    /// Finding a person's cases and exporting them (managers only).
    PersonalData,
    /// Erasing the personal data of the case with this reference (managers only).
    Erase(Reference),
    /// The council's legal holds, set and lifted (managers only).
    Holds,
    /// The council's contact restrictions, in force and ended (managers only).
    Restrictions,
    /// Recording a contact restriction (managers only).
    NewRestriction,
    /// The contact restriction with this id, and its review (managers only).
    Restriction(String),
    /// An address the console does not have.
    NotFound,
}

impl Route {
    /// The queue with no filters: the default page.
    pub fn queue() -> Route {
        Route::Queue(CaseListQuery::default())
    }

    /// The page at `path` (the URL's path), with no query.
    pub fn from_path(path: &str) -> Route {
        Route::from_url(path, "")
    }

    /// The page at `path` with the query string `search` (`?…`, or "").
    pub fn from_url(path: &str, search: &str) -> Route {
        let Some(rest) = path
            .strip_prefix(BASE)
            .or_else(|| (path == BASE.trim_end_matches('/')).then_some(""))
        else {
            return Route::NotFound;
        };
        let rest = rest.trim_end_matches('/');
        match rest.split('/').collect::<Vec<_>>().as_slice() {
            [""] | ["index.html"] => Route::Queue(parse_list_query(search)),
            ["log"] => Route::LogCase,
            ["dashboard"] => Route::Dashboard,
            ["reports"] => Route::Reports,
            ["annual", year] => year.parse().map(Route::Annual).unwrap_or(Route::NotFound),
            ["configuration"] => Route::Configuration,
            ["templates"] => Route::Templates,
            ["templates", "new"] => Route::NewTemplate,
            ["templates", id] if !id.is_empty() => Route::Template((*id).to_owned()),
            ["restrictions"] => Route::Restrictions,
            ["restrictions", "new"] => Route::NewRestriction,
            ["restrictions", id] if !id.is_empty() => Route::Restriction((*id).to_owned()),
            ["personal-data"] => Route::PersonalData,
            ["personal-data", "holds"] => Route::Holds,
            ["personal-data", "erase", reference] => reference
                .parse()
                .map(Route::Erase)
                .unwrap_or(Route::NotFound),
            ["cases", reference] => reference
                .parse()
                .map(Route::Case)
                .unwrap_or(Route::NotFound),
            ["cases", reference, "correct"] => reference
                .parse()
                .map(Route::Correct)
                .unwrap_or(Route::NotFound),
            ["cases", reference, "redact"] => reference
                .parse()
                .map(Route::Redact)
                .unwrap_or(Route::NotFound),
            _ => Route::NotFound,
        }
    }

    /// Whether only a complaints manager may open this page.
    pub fn managers_only(&self) -> bool {
        matches!(
            self,
            Route::Reports
                | Route::Annual(_)
                | Route::Configuration
                | Route::Templates
                | Route::NewTemplate
                | Route::Template(_)
                | Route::PersonalData
                | Route::Erase(_)
                | Route::Holds
                | Route::Restrictions
                | Route::NewRestriction
                | Route::Restriction(_)
        )
    }

    /// This page's path.
    pub fn path(&self) -> String {
        match self {
            Route::Queue(query) => format!("{BASE}{}", list_query(query)),
            Route::NotFound => BASE.to_owned(),
            Route::Case(reference) => format!("{BASE}cases/{reference}"),
            Route::Correct(reference) => format!("{BASE}cases/{reference}/correct"),
            Route::Redact(reference) => format!("{BASE}cases/{reference}/redact"),
            Route::LogCase => format!("{BASE}log"),
            Route::Dashboard => format!("{BASE}dashboard"),
            Route::Reports => format!("{BASE}reports"),
            Route::Annual(year) => format!("{BASE}annual/{year}"),
            Route::Configuration => format!("{BASE}configuration"),
            Route::Templates => format!("{BASE}templates"),
            Route::NewTemplate => format!("{BASE}templates/new"),
            Route::Template(id) => format!("{BASE}templates/{id}"),
            Route::PersonalData => format!("{BASE}personal-data"),
            Route::Erase(reference) => format!("{BASE}personal-data/erase/{reference}"),
            Route::Holds => format!("{BASE}personal-data/holds"),
            Route::Restrictions => format!("{BASE}restrictions"),
            Route::NewRestriction => format!("{BASE}restrictions/new"),
            Route::Restriction(id) => format!("{BASE}restrictions/{id}"),
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

/// The queue's query as the list route's query string (`?status=received&stage=1`), or
/// "" when there is none. The console's own address uses the same string.
pub fn list_query(query: &CaseListQuery) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    let mut text = |name: &'static str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            pairs.push((name, value));
        }
    };
    text("q", query.q.clone());
    text("status", query.status.map(|s| wire_name(&s)));
    text("kind", query.kind.map(|k| wire_name(&k)));
    text("stage", query.stage.map(|s| u8::from(s).to_string()));
    text("service", query.service.clone());
    text("channel", query.channel.map(|c| wire_name(&c)));
    text(
        "assigned_to",
        query.assigned_to.as_ref().map(|o| o.0.clone()),
    );
    text("unassigned", query.unassigned.map(|u| u.to_string()));
    text("received_from", query.received_from.map(|d| d.to_string()));
    text("received_to", query.received_to.map(|d| d.to_string()));
    text("due_before", query.due_before.map(|d| d.to_string()));
    text("overdue", query.overdue.map(|o| o.to_string()));
    text("sort", query.sort.map(|s| s.as_str().to_owned()));
    text("order", query.order.map(|o| o.as_str().to_owned()));
    text("limit", query.limit.clone());
    text("cursor", query.cursor.clone());
    if pairs.is_empty() {
        return String::new();
    }
    let joined: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| format!("{k}={}", encode(&v)))
        .collect();
    format!("?{}", joined.join("&"))
}

/// The queue's query from an address's query string; what does not parse is left out
/// (a hand-edited address shows the queue with the filters that make sense).
pub fn parse_list_query(search: &str) -> CaseListQuery {
    let mut query = CaseListQuery::default();
    let date = |v: &str| feedback_shared::input::parse_iso_date(v).ok();
    let flag = |v: &str| match v {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    };
    for pair in search.trim_start_matches('?').split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = decode(value);
        let some = (!value.is_empty()).then(|| value.clone());
        match name {
            "q" => query.q = some,
            "status" => query.status = from_wire_name(&value),
            "kind" => query.kind = from_wire_name(&value),
            "stage" => query.stage = stage_from(&value),
            "service" => query.service = some,
            "channel" => query.channel = from_wire_name(&value),
            "assigned_to" => query.assigned_to = some.map(OfficerId),
            "unassigned" => query.unassigned = flag(&value),
            "received_from" => query.received_from = date(&value),
            "received_to" => query.received_to = date(&value),
            "due_before" => query.due_before = date(&value),
            "overdue" => query.overdue = flag(&value),
            "sort" => query.sort = from_wire_name(&value),
            "order" => query.order = from_wire_name(&value),
            "limit" => query.limit = some,
            "cursor" => query.cursor = some,
            _ => {}
        }
    }
    query
}

/// Reverses [`encode`] (and reads `+` as a space, as forms write it).
fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(high), Some(low)) => {
                        out.push((high * 16 + low) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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
    use feedback_shared::Kind;
    use feedback_shared::case::Status;

    #[test]
    fn paths_name_the_pages_and_back() {
        let reference: Reference = "DEMO-2026-000042".parse().unwrap();
        for route in [
            Route::queue(),
            Route::LogCase,
            Route::Case(reference),
            Route::Dashboard,
            Route::Reports,
            Route::Annual(2026),
            Route::Configuration,
            Route::Templates,
            Route::NewTemplate,
            Route::Template("3f2a9c01d4e5b6a7".into()),
            Route::PersonalData,
            Route::Erase("DEMO-2026-000042".parse().unwrap()),
            Route::Holds,
            Route::Correct("DEMO-2026-000042".parse().unwrap()),
            Route::Redact("DEMO-2026-000042".parse().unwrap()),
        ] {
            assert_eq!(Route::from_path(&route.path()), route);
        }
        assert!(Route::Template("x".into()).managers_only());
        assert!(Route::PersonalData.managers_only() && Route::Holds.managers_only());
        assert_eq!(
            Route::from_path("/console/personal-data/erase/nonsense"),
            Route::NotFound
        );
        assert!(Route::Annual(2026).managers_only());
        assert_eq!(Route::Annual(2026).path(), "/console/annual/2026");
        assert_eq!(Route::from_path("/console/annual/next"), Route::NotFound);
        assert!(!Route::LogCase.managers_only());
        // Any officer of the council corrects and redacts.
        assert!(!Route::Correct("DEMO-2026-000042".parse().unwrap()).managers_only());
        assert_eq!(
            Route::from_path("/console/cases/DEMO-2026-000042/redact"),
            Route::Redact("DEMO-2026-000042".parse().unwrap())
        );
        assert_eq!(Route::from_path("/console"), Route::queue());
        assert_eq!(Route::from_path("/console/index.html"), Route::queue());
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
    fn the_queue_keeps_its_query_in_the_address_and_back() {
        let query = CaseListQuery {
            q: Some("Siân & co".into()),
            status: Some(feedback_shared::wire::StatusFilter::Open),
            stage: Some(Stage::Two),
            overdue: Some(true),
            unassigned: Some(true),
            channel: Some(feedback_shared::Channel::Phone),
            received_from: Some(time::macros::date!(2026 - 11 - 01)),
            due_before: Some(time::macros::date!(2026 - 12 - 04)),
            sort: Some(feedback_shared::wire::CaseSort::Received),
            order: Some(feedback_shared::wire::SortOrder::Asc),
            cursor: Some("abc.def".into()),
            ..CaseListQuery::default()
        };
        let route = Route::Queue(query.clone());
        let path = route.path();
        let (path_part, search) = path.split_at(path.find('?').unwrap());
        assert_eq!(Route::from_url(path_part, search), route);
        // The dashboard's links read as the list route reads them.
        assert_eq!(
            Route::from_url("/console/", "?overdue=true&stage=1"),
            Route::Queue(CaseListQuery {
                overdue: Some(true),
                stage: Some(Stage::One),
                ..CaseListQuery::default()
            })
        );
        assert_eq!(
            parse_list_query("?due_before=2026-12-04&q=a+b%2Bc&status=nonsense"),
            CaseListQuery {
                due_before: Some(time::macros::date!(2026 - 12 - 04)),
                q: Some("a b+c".into()),
                ..CaseListQuery::default()
            }
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
