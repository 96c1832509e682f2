//! A council's own wording for a message, replacing the built-in subject, text or HTML:
//! which files there may be, what placeholders each may use, and how they are filled in.
//! Checked when the configuration loads, so a bad file stops the start-up, not a send.

use feedback_shared::{CouncilId, Language};
use std::collections::HashMap;
use std::path::Path;

/// Every notice's key, as used in override file names.
pub const NOTICE_KEYS: [&str; 14] = [
    "acknowledgement",
    "escalation-received",
    "extension",
    "response-stage-1",
    "response-stage-2",
    "not-accepted",
    "actions-done",
    "actions-done-by-post",
    "assigned",
    "reminder",
    "overdue",
    "digest",
    "adjustments-review",
    "send-to-resident",
];

/// Which part of a message an override replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// `.subject`: one line; line breaks become spaces.
    Subject,
    /// `.txt`: the plain-text body.
    Text,
    /// `.html`: the HTML body, placed inside the standard document (which sets `lang`
    /// and the title), so an override is a fragment, not a whole document.
    Html,
}

impl Part {
    pub fn extension(self) -> &'static str {
        match self {
            Part::Subject => "subject",
            Part::Text => "txt",
            Part::Html => "html",
        }
    }

    fn from_extension(ext: &str) -> Option<Part> {
        [Part::Subject, Part::Text, Part::Html]
            .into_iter()
            .find(|p| p.extension() == ext)
    }
}

const COMMON: &[&str] = &["council", "default", "status_url", "contact_page_url"];
const CASE: &[&str] = &["reference", "kind", "service", "stage", "status"];
const RESIDENT: &[&str] = &["name", "represented_name", "acknowledge_by", "respond_by"];
const DECISION: &[&str] = &[
    "outcome",
    "reasons",
    "remedies",
    "outstanding_actions",
    "responded_on",
];
const OMBUDSMAN: &[&str] = &["ombudsman", "ombudsman_address", "ombudsman_phone"];

/// The placeholders a notice's overrides may use.
pub fn placeholders(notice_key: &str) -> Vec<&'static str> {
    let groups: &[&[&str]] = match notice_key {
        "acknowledgement" => &[CASE, RESIDENT],
        "escalation-received" => &[CASE, RESIDENT],
        "extension" => &[
            CASE,
            RESIDENT,
            OMBUDSMAN,
            &["new_date", "reason", "previous_date"],
        ],
        "response-stage-1" => &[CASE, RESIDENT, DECISION, &["escalate_by"]],
        "response-stage-2" => &[CASE, RESIDENT, DECISION, OMBUDSMAN],
        "not-accepted" => &[CASE, RESIDENT, OMBUDSMAN, &["reason", "decided_on"]],
        "actions-done" => &[CASE, RESIDENT, &["actions"]],
        "actions-done-by-post" => &[CASE],
        "assigned" => &[CASE, &["acknowledge_by", "respond_by"]],
        "reminder" => &[CASE, &["deadline", "due", "working_days"]],
        "overdue" => &[CASE, &["deadline", "due", "working_days", "assigned_to"]],
        "digest" => &[&["digest", "count"]],
        _ => &[],
    };
    let mut all: Vec<&'static str> = COMMON.to_vec();
    for group in groups {
        all.extend_from_slice(group);
    }
    all
}

/// A council's overrides of the built-in templates.
///
/// Each is a file named `{notice}.{en|cy}.{subject|txt|html}` in the council's folder
/// (conventionally `config/templates/{council}/`), where `{notice}` is one of
/// [`NOTICE_KEYS`]. A message part with no override keeps the built-in wording.
///
/// Placeholders are written `{{name}}` (spaces inside the braces are allowed). In `.html`
/// files every value is HTML-escaped (and multi-line text becomes paragraphs, a list of
/// remedies or digest lines a `<ul>`); in `.subject` and `.txt` files values are plain text.
/// A value that does not apply (a date not yet set, no remedies) is empty. Every notice has:
///
/// - `{{council}}`: the council's name (its Welsh name in Welsh, when it has one)
/// - `{{default}}`: the built-in rendering of the same part (for `.html`, the body's inner
///   HTML), to add a header or footer around it
/// - `{{status_url}}`, `{{contact_page_url}}`
///
/// Every notice about one case (all but `digest`) also has `{{reference}}`, `{{kind}}`,
/// `{{service}}`, `{{stage}}` ("Stage 1" / "Cam 1") and `{{status}}`. Then:
///
/// - resident notices (`acknowledgement`, `escalation-received`, `extension`,
///   `response-stage-1`, `response-stage-2`, `not-accepted`): `{{name}}` (the person written to),
///   `{{represented_name}}` (whom they complained for, if anyone), `{{acknowledge_by}}`,
///   `{{respond_by}}`
/// - `extension`: `{{new_date}}`, `{{previous_date}}`, `{{reason}}`, `{{ombudsman}}`,
///   `{{ombudsman_address}}`, `{{ombudsman_phone}}`
/// - `response-stage-1`: `{{outcome}}`, `{{reasons}}`, `{{remedies}}`,
///   `{{outstanding_actions}}`, `{{responded_on}}`, `{{escalate_by}}`
/// - `response-stage-2`: the same but `{{escalate_by}}`, plus `{{ombudsman}}`,
///   `{{ombudsman_address}}`, `{{ombudsman_phone}}`
/// - `not-accepted`: `{{reason}}`, `{{decided_on}}`, `{{ombudsman}}`,
///   `{{ombudsman_address}}`, `{{ombudsman_phone}}`
/// - `assigned`: `{{acknowledge_by}}`, `{{respond_by}}`
/// - `reminder`: `{{deadline}}` ("Respond by"), `{{due}}`, `{{working_days}}` (left)
/// - `overdue`: `{{deadline}}`, `{{due}}`, `{{working_days}}` (overdue), `{{assigned_to}}`
/// - `digest`: `{{digest}}` (one line per case), `{{count}}`
///
/// Dates are written out in the message's language ("Tuesday 1 December 2026").
/// A placeholder a notice does not have is refused when the file is loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateOverrides {
    templates: HashMap<(String, Language, Part), String>,
}

impl TemplateOverrides {
    /// Every override file in `dir`. Files whose names start with `.` are ignored; any
    /// other name that is not `{notice}.{en|cy}.{subject|txt|html}`, a file that is not
    /// UTF-8, or a placeholder the notice does not have is an error naming the file.
    pub fn load(dir: &Path) -> Result<Self, String> {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read template overrides in {}: {e}", dir.display()))?;
        let mut overrides = TemplateOverrides::default();
        let mut paths: Vec<_> = entries
            .map(|entry| entry.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .map_err(|e| format!("cannot read template overrides in {}: {e}", dir.display()))?;
        paths.sort();
        for path in paths {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.starts_with('.') {
                continue;
            }
            if !path.is_file() {
                return Err(format!(
                    "{}: not a template file; name files {{notice}}.{{en|cy}}.{{subject|txt|html}}",
                    path.display()
                ));
            }
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
            overrides
                .insert(&name, &text)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(overrides)
    }

    /// The overrides of council `council` under `root` (`root/{council}/`); none when that
    /// folder does not exist.
    pub fn load_council(root: &Path, council: &CouncilId) -> Result<Self, String> {
        let dir = root.join(council.as_str());
        if dir.is_dir() {
            Self::load(&dir)
        } else {
            Ok(Self::default())
        }
    }

    /// Adds one override as if read from a file called `file_name`, checking the name and
    /// the placeholders.
    pub fn insert(&mut self, file_name: &str, template: &str) -> Result<(), String> {
        let (key, language, part) = parse_file_name(file_name)?;
        check_placeholders(&key, template)?;
        self.templates
            .insert((key, language, part), template.to_owned());
        Ok(())
    }

    pub fn get(&self, notice_key: &str, language: Language, part: Part) -> Option<&str> {
        self.templates
            .get(&(notice_key.to_owned(), language, part))
            .map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.templates.is_empty()
    }

    pub fn len(&self) -> usize {
        self.templates.len()
    }
}

fn parse_file_name(name: &str) -> Result<(String, Language, Part), String> {
    let bad = || {
        format!(
            "`{name}` is not a template override: name it {{notice}}.{{en|cy}}.{{subject|txt|html}}, where notice is one of {}",
            NOTICE_KEYS.join(", ")
        )
    };
    let mut parts = name.split('.');
    let (Some(key), Some(lang), Some(ext), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    if !NOTICE_KEYS.contains(&key) {
        return Err(bad());
    }
    let language = match lang {
        "en" => Language::En,
        "cy" => Language::Cy,
        _ => return Err(bad()),
    };
    let part = Part::from_extension(ext).ok_or_else(bad)?;
    Ok((key.to_owned(), language, part))
}

/// One piece of a template: literal text or a placeholder's name.
enum Piece<'t> {
    Literal(&'t str),
    Placeholder(&'t str),
}

/// Splits a template into literal text and placeholders; an unclosed `{{` is an error.
fn pieces(template: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push(Piece::Literal(&rest[..start]));
        let after = &rest[start + 2..];
        let end = after
            .find("}}")
            .ok_or_else(|| "a `{{` is not closed by `}}`".to_owned())?;
        let name = after[..end].trim();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!("`{{{{{}}}}}` is not a placeholder", &after[..end]));
        }
        out.push(Piece::Placeholder(name));
        rest = &after[end + 2..];
    }
    out.push(Piece::Literal(rest));
    Ok(out)
}

fn check_placeholders(key: &str, template: &str) -> Result<(), String> {
    let allowed = placeholders(key);
    for piece in pieces(template)? {
        let Piece::Placeholder(name) = piece else {
            continue;
        };
        if !allowed.contains(&name) {
            return Err(format!(
                "the {key} notice has no placeholder {{{{{name}}}}}; it has {}",
                allowed
                    .iter()
                    .map(|p| format!("{{{{{p}}}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    Ok(())
}

/// `template` with each placeholder replaced by `value(name)` (empty when it has none).
/// A template that does not parse (it was checked on loading) is returned as it is.
pub fn substitute(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    match pieces(template) {
        Ok(pieces) => pieces
            .into_iter()
            .map(|piece| match piece {
                Piece::Literal(s) => s.to_owned(),
                Piece::Placeholder(name) => value(name).unwrap_or_default(),
            })
            .collect(),
        Err(_) => template.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_placeholders_are_checked() {
        let mut o = TemplateOverrides::default();
        assert!(
            o.insert("reminder.cy.subject", "{{ deadline }} {{due}}")
                .is_ok()
        );
        assert!(o.insert("reminder.fr.subject", "x").is_err());
        assert!(o.insert("reminders.en.subject", "x").is_err());
        assert!(o.insert("reminder.en.md", "x").is_err());
        let err = o.insert("reminder.en.txt", "{{reason}}").unwrap_err();
        assert!(err.contains("{{reason}}"), "{err}");
        assert!(o.insert("reminder.en.txt", "{{due").is_err());
        assert_eq!(
            o.get("reminder", Language::Cy, Part::Subject),
            Some("{{ deadline }} {{due}}")
        );
    }

    #[test]
    fn substitutes_known_values() {
        let out = substitute("Ref {{reference}} {{ x }}!", |name| {
            (name == "reference").then(|| "DEMO-2026-000001".to_owned())
        });
        assert_eq!(out, "Ref DEMO-2026-000001 !");
    }
}
