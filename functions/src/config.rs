//! Per-council configuration, one TOML file per council in a folder.

use feedback_shared::validation::Language;
use feedback_shared::{CouncilId, Policy};
use serde::Deserialize;
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
#[derive(Debug, Clone, Deserialize)]
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
    #[serde(default)]
    pub policy: Policy,
}

fn english_only() -> Vec<Language> {
    vec![Language::En]
}

impl CouncilConfig {
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
    if feedback_shared::Reference::new(&council.reference_prefix(), 2026, 1).is_none() {
        return Err(invalid(format!(
            "reference_prefix `{}` must be 2 to 10 upper-case letters or digits",
            council.reference_prefix()
        )));
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
