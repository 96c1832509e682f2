//! Per-council configuration, one TOML file per council in a folder, and beside it each
//! council's own wording for its messages.

pub mod limits;
pub mod overrides;

use feedback_shared::outcome::Ombudsman;
use feedback_shared::validation::Language;
use feedback_shared::{CouncilId, Policy};
pub use limits::Limits;
use overrides::TemplateOverrides;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folder of council files when none is named: `$FEEDBACK_CONFIG`, else `config/councils`.
pub fn default_config_dir() -> PathBuf {
    std::env::var_os("FEEDBACK_CONFIG")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("config/councils"))
}

/// One council's settings.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CouncilConfig {
    pub id: CouncilId,
    pub name: String,
    /// The council's Welsh name, for Welsh-language pages and letters.
    pub name_cy: Option<String>,
    /// The start of its case references; defaults from the id.
    pub reference_prefix: Option<String>,
    #[serde(default = "english_only")]
    pub languages: Vec<Language>,
    /// Partnership councils share a deployment and compare figures.
    pub partnership: Option<String>,
    /// The council's brand colour (`#rrggbb`); the widget uses it only where contrast passes.
    pub brand_colour: Option<String>,
    /// The widget's own background, text and link colours (`#rrggbb`), so it stays
    /// readable in a dark footer or a coloured sidebar. Each is checked for contrast on
    /// the background and replaced where it fails (`feedback_shared::colour::palette`):
    /// white, GOV.UK's black and GOV.UK's blue when unset.
    pub widget_background: Option<String>,
    pub widget_text: Option<String>,
    pub widget_link: Option<String>,
    pub privacy_notice_url: Option<String>,
    /// Where the council's own contact page is: the widget's no-JavaScript fallback.
    pub contact_page_url: Option<String>,
    /// Web origins allowed to call the public API from a browser (CORS).
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// Where officer notifications go when a case is unassigned.
    pub complaints_inbox: Option<String>,
    /// Who receives overdue escalations (the "senior person"); the inbox when unset.
    pub complaints_manager: Option<String>,
    /// The elected member responsible for complaints (Code 9.x): a summary of each
    /// quarter's figures is queued to this address after the quarter ends.
    pub member_responsible: Option<String>,
    /// Residents served, for the rates per 1,000 of the Welsh and Scottish returns.
    pub population: Option<u32>,
    /// The address notifications are sent from; the inbox when unset.
    pub notifications_from: Option<String>,
    /// Where the officer console is (`https://complaints.example.gov.uk/console`): officers'
    /// emails link to `{console_url}/cases/{reference}`. The local server fills it in with
    /// its own `/console` when a council leaves it out.
    pub console_url: Option<String>,
    /// Officers' email addresses by officer id (the token's subject), for reminders.
    #[serde(default)]
    pub officer_emails: BTreeMap<String, String>,
    #[serde(default = "lgsco")]
    pub ombudsman: Ombudsman,
    /// Whether a subject access bundle names officers by their role ("Complaints
    /// officer") rather than their id: their names are their own personal data, not the
    /// resident's. On unless the council turns it off.
    #[serde(default = "redact")]
    pub redact_officer_names: bool,
    #[serde(default)]
    pub policy: Policy,
    #[serde(default)]
    pub services: Vec<Service>,
    /// Rate limits on the public routes and on automatic emails to residents.
    #[serde(default)]
    pub limits: Limits,
    /// The council's own wording for notifications, from `config/templates/{id}/`.
    #[serde(skip)]
    pub templates: TemplateOverrides,
}

/// A council service residents can give feedback about.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub name_cy: Option<String>,
    /// Where to report a new problem (a missed bin): a service request, not a complaint.
    pub service_request_url: Option<String>,
    /// Matters with their own route (statutory appeals and the like).
    #[serde(default)]
    pub out_of_scope: Vec<OutOfScope>,
}

/// A matter the complaints procedure does not cover, and where to go instead.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutOfScope {
    pub matter: String,
    pub matter_cy: Option<String>,
    pub route: String,
    pub route_cy: Option<String>,
    pub url: Option<String>,
}

fn lgsco() -> Ombudsman {
    Ombudsman::Lgsco
}

fn redact() -> bool {
    true
}

fn english_only() -> Vec<Language> {
    vec![Language::En]
}

impl CouncilConfig {
    /// The sender of this council's notifications.
    pub fn sender(&self) -> String {
        self.notifications_from
            .clone()
            .or_else(|| self.complaints_inbox.clone())
            .unwrap_or_else(|| format!("no-reply@{}.invalid", self.id))
    }

    /// Where a message for `officer` goes: their address, else the complaints inbox.
    pub fn officer_address(&self, officer: Option<&feedback_shared::OfficerId>) -> Option<String> {
        officer
            .and_then(|o| self.officer_emails.get(&o.0).cloned())
            .or_else(|| self.complaints_inbox.clone())
    }

    /// Where overdue escalations go.
    pub fn manager_address(&self) -> Option<String> {
        self.complaints_manager
            .clone()
            .or_else(|| self.complaints_inbox.clone())
    }

    /// The case's page in the officer console, when the council says where it is.
    pub fn case_url(&self, reference: &feedback_shared::Reference) -> Option<String> {
        self.console_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(|u| format!("{}/cases/{reference}", u.trim_end_matches('/')))
    }

    pub fn service_ids(&self) -> Vec<&str> {
        self.services.iter().map(|s| s.id.as_str()).collect()
    }

    pub fn reference_prefix(&self) -> String {
        self.reference_prefix
            .clone()
            .unwrap_or_else(|| self.id.default_reference_prefix())
    }
}

/// Why the configuration could not be loaded. Each names the file at fault.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read council configuration in {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("no council `{id}` in {dir}")]
    UnknownCouncil { id: String, dir: PathBuf },
}

/// Every council configured in `dir`, by id.
pub fn load_councils(dir: &Path) -> Result<BTreeMap<CouncilId, CouncilConfig>, ConfigError> {
    let io = |source| ConfigError::Io {
        path: dir.to_owned(),
        source,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    let mut councils = BTreeMap::new();
    for path in paths {
        let council = load_council_file(&path)?;
        if councils.contains_key(&council.id) {
            return Err(ConfigError::Invalid {
                path,
                message: format!("council `{}` is configured twice", council.id),
            });
        }
        councils.insert(council.id.clone(), council);
    }
    Ok(councils)
}

/// One council's file, checked: the id must match the file name and the policy be sound.
pub fn load_council_file(path: &Path) -> Result<CouncilConfig, ConfigError> {
    let invalid = |message: String| ConfigError::Invalid {
        path: path.to_owned(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
        path: path.to_owned(),
        source,
    })?;
    let council: CouncilConfig =
        toml::from_str(&text).map_err(|e| invalid(e.message().to_owned()))?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if stem != council.id.as_str() {
        return Err(invalid(format!(
            "id `{}` does not match the file name `{stem}.toml`",
            council.id
        )));
    }
    council
        .policy
        .validate()
        .map_err(|e| invalid(e.to_string()))?;
    council.limits.validate().map_err(invalid)?;
    for (name, colour) in [
        ("brand_colour", &council.brand_colour),
        ("widget_background", &council.widget_background),
        ("widget_text", &council.widget_text),
        ("widget_link", &council.widget_link),
    ] {
        let Some(colour) = colour else { continue };
        let hex = colour.strip_prefix('#').unwrap_or_default();
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(invalid(format!("{name} `{colour}` must look like #1d70b8")));
        }
    }
    let mut ids: Vec<&str> = council.service_ids();
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(invalid(format!("service `{}` is listed twice", pair[0])));
    }
    if let Some(origin) = council
        .allowed_origins
        .iter()
        .find(|o| !(o.starts_with("https://") || o.starts_with("http://")) || o.ends_with('/'))
    {
        return Err(invalid(format!(
            "allowed origin `{origin}` must be a scheme and host like https://www.example.gov.uk"
        )));
    }
    if let Some(url) = council
        .console_url
        .as_ref()
        .filter(|u| !(u.starts_with("https://") || u.starts_with("http://")))
    {
        return Err(invalid(format!(
            "console_url `{url}` must be a web address like https://complaints.example.gov.uk/console"
        )));
    }
    if feedback_shared::Reference::new(&council.reference_prefix(), 2026, 1).is_none() {
        return Err(invalid(format!(
            "reference_prefix `{}` must be 2 to 10 upper-case letters or digits",
            council.reference_prefix()
        )));
    }
    // Overrides live beside the councils folder: config/templates/{id}/.
    let mut council = council;
    if let Some(root) = path.parent().and_then(Path::parent) {
        council.templates = TemplateOverrides::load_council(&root.join("templates"), &council.id)
            .map_err(invalid)?;
    }
    Ok(council)
}

/// One council by id from `dir`.
pub fn load_council(dir: &Path, id: &str) -> Result<CouncilConfig, ConfigError> {
    let path = dir.join(format!("{id}.toml"));
    if CouncilId::parse(id).is_err() || !path.is_file() {
        return Err(ConfigError::UnknownCouncil {
            id: id.to_owned(),
            dir: dir.to_owned(),
        });
    }
    load_council_file(&path)
}
