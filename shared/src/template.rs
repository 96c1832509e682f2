//! Response templates: a council's standard wording for the reasons of a response, kept by
//! its complaints managers and chosen by an officer when responding.
//!
//! A template holds placeholders in GOV.UK Notify's `((double brackets))` style, which
//! council staff already write. The console fills them from the case (the resident's name,
//! the reference, the service…) and puts the text in the response's reasons, where the
//! officer makes it fit the case before previewing and sending: a template is a starting
//! point, never sent unread. An unknown or unclosed placeholder is refused when the
//! template is saved, so an officer never finds `((nmae))` in a letter.

use crate::input::{LongText, ShortText};
use crate::validation::{Field, FieldError, FieldErrors, Problem};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What a placeholder stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placeholder {
    /// The resident's name (the person the case is about, not a representative).
    Name,
    Reference,
    /// The service the case is about.
    Service,
    /// The date the council received the case.
    Received,
    /// "stage 1" or "stage 2".
    Stage,
    /// The date the stage's response is due.
    RespondBy,
    /// The officer responding.
    Officer,
    /// The council's name.
    Council,
}

impl Placeholder {
    pub const ALL: [Placeholder; 8] = [
        Placeholder::Name,
        Placeholder::Reference,
        Placeholder::Service,
        Placeholder::Received,
        Placeholder::Stage,
        Placeholder::RespondBy,
        Placeholder::Officer,
        Placeholder::Council,
    ];

    /// What goes between the brackets.
    pub fn key(self) -> &'static str {
        match self {
            Placeholder::Name => "name",
            Placeholder::Reference => "reference",
            Placeholder::Service => "service",
            Placeholder::Received => "received",
            Placeholder::Stage => "stage",
            Placeholder::RespondBy => "respond_by",
            Placeholder::Officer => "officer",
            Placeholder::Council => "council",
        }
    }

    /// What it is replaced with, for the managers' hint.
    pub fn meaning(self) -> &'static str {
        match self {
            Placeholder::Name => "the resident’s name",
            Placeholder::Reference => "the case reference",
            Placeholder::Service => "the service the case is about",
            Placeholder::Received => "the date the council received it",
            Placeholder::Stage => "stage 1 or stage 2",
            Placeholder::RespondBy => "the date the response is due",
            Placeholder::Officer => "your name",
            Placeholder::Council => "the council’s name",
        }
    }

    fn from_key(key: &str) -> Option<Placeholder> {
        Placeholder::ALL.into_iter().find(|p| p.key() == key.trim())
    }

    /// Every placeholder as written, `((name)), ((reference)), …`.
    pub fn all_written() -> String {
        Placeholder::ALL
            .iter()
            .map(|p| format!("(({}))", p.key()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A piece of a template's text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Placeholder(Placeholder),
}

/// `text` split into plain text and placeholders, or what is wrong with a placeholder.
fn pieces(text: &str) -> Result<Vec<Piece<'_>>, Problem> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(mut open) = rest.find("((") {
        // In `(((reference)))` the outer brackets are the letter's own.
        while rest[open + 2..].starts_with('(') {
            open += 1;
        }
        pieces.push(Piece::Text(&rest[..open]));
        let after = &rest[open + 2..];
        let close = after.find("))").ok_or(Problem::UnclosedPlaceholder)?;
        let key = &after[..close];
        // A `((` inside a placeholder means an earlier one was never closed.
        if key.contains("((") {
            return Err(Problem::UnclosedPlaceholder);
        }
        let placeholder =
            Placeholder::from_key(key).ok_or_else(|| Problem::UnknownPlaceholder {
                placeholder: format!("(({}))", key.chars().take(40).collect::<String>()),
            })?;
        pieces.push(Piece::Placeholder(placeholder));
        rest = &after[close + 2..];
    }
    pieces.push(Piece::Text(rest));
    Ok(pieces)
}

/// Checks `text`'s placeholders: every one known and closed.
pub fn check_placeholders(field: Field, text: &str) -> Result<(), FieldError> {
    pieces(text)
        .map(|_| ())
        .map_err(|problem| FieldError::new(field, problem))
}

/// `text` with each placeholder replaced by `value(placeholder)`. A text that does not
/// parse (only a template saved before its checks could be) comes back as it is.
pub fn fill(text: &str, value: impl Fn(Placeholder) -> String) -> String {
    match pieces(text) {
        Ok(pieces) => pieces
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(text) => text.to_owned(),
                Piece::Placeholder(p) => value(p),
            })
            .collect(),
        Err(_) => text.to_owned(),
    }
}

/// A council's response template, as stored and as the API answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResponseTemplate {
    /// Random, chosen by the server.
    pub id: String,
    /// What managers and officers call it ("Missed bin: collected and apology").
    pub title: String,
    /// The reasons, in English, with placeholders.
    pub text: String,
    /// The same in Welsh, used for residents who asked for Welsh; none means officers
    /// write the Welsh themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_cy: Option<String>,
    /// 1 when created, one more at each change: send it as `If-Match` to change or remove
    /// the template, so two managers never overwrite each other's work.
    pub version: u64,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub updated_at: OffsetDateTime,
    /// The manager who last changed it (their officer id).
    pub updated_by: String,
}

/// A template as a manager types it: its title, its English text and, optionally, its Welsh.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default, deny_unknown_fields)]
pub struct TemplateDraft {
    pub title: String,
    pub text: String,
    /// Empty for none.
    pub text_cy: String,
}

/// A draft that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidTemplate {
    pub title: ShortText,
    pub text: LongText,
    pub text_cy: Option<LongText>,
}

impl TemplateDraft {
    /// The draft's errors, one per field in the form's order, or the valid template.
    pub fn check(&self) -> Result<ValidTemplate, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = errors.take(ShortText::parse(Field::TemplateTitle, &self.title));
        let text = errors.take(
            LongText::parse(Field::TemplateText, &self.text).and_then(|text| {
                check_placeholders(Field::TemplateText, text.as_str()).map(|()| text)
            }),
        );
        let text_cy = if self.text_cy.trim().is_empty() {
            Some(None)
        } else {
            errors.take(
                LongText::parse(Field::TemplateTextCy, &self.text_cy).and_then(|text| {
                    check_placeholders(Field::TemplateTextCy, text.as_str()).map(|()| Some(text))
                }),
            )
        };
        match (title, text, text_cy) {
            (Some(title), Some(text), Some(text_cy)) => Ok(ValidTemplate {
                title,
                text,
                text_cy,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(p: Placeholder) -> String {
        match p {
            Placeholder::Name => "Sam Evans".into(),
            Placeholder::Reference => "DEMO-2026-000001".into(),
            other => format!("<{}>", other.key()),
        }
    }

    #[test]
    fn placeholders_are_filled_wherever_they_are() {
        assert_eq!(
            fill(
                "Dear ((name)),\nabout ((reference)) and (( service )).",
                values
            ),
            "Dear Sam Evans,\nabout DEMO-2026-000001 and <service>."
        );
        assert_eq!(fill("((name))((name))", values), "Sam EvansSam Evans");
        assert_eq!(
            fill("(see (((reference))))", values),
            "(see (DEMO-2026-000001))"
        );
        assert_eq!(
            fill("No placeholders (at all).", values),
            "No placeholders (at all)."
        );
    }

    #[test]
    fn unknown_and_unclosed_placeholders_are_refused_on_their_field() {
        let err = check_placeholders(Field::TemplateText, "Dear ((nmae)),").unwrap_err();
        assert_eq!(err.field, Field::TemplateText);
        assert_eq!(
            err.problem,
            Problem::UnknownPlaceholder {
                placeholder: "((nmae))".into()
            }
        );
        assert!(err.text(crate::Language::En).contains("((name))"));
        for text in ["Dear ((name),", "Dear ((name ((reference))", "end (("] {
            assert_eq!(
                check_placeholders(Field::TemplateText, text)
                    .unwrap_err()
                    .problem,
                Problem::UnclosedPlaceholder,
                "{text}"
            );
        }
        // A broken text is left as it is rather than half filled.
        assert_eq!(fill("Dear ((name),", values), "Dear ((name),");
    }

    #[test]
    fn a_draft_reports_every_field_at_once() {
        let draft = TemplateDraft {
            title: " ".into(),
            text: "Dear ((resident))".into(),
            text_cy: "Annwyl ((enw".into(),
        };
        let errors = draft.check().unwrap_err();
        let fields: Vec<Field> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                Field::TemplateTitle,
                Field::TemplateText,
                Field::TemplateTextCy
            ]
        );
        let valid = TemplateDraft {
            title: "Missed bin".into(),
            text: "Dear ((name)), we are sorry.".into(),
            text_cy: String::new(),
        }
        .check()
        .unwrap();
        assert_eq!(valid.title.as_str(), "Missed bin");
        assert_eq!(valid.text_cy, None);
    }
}
