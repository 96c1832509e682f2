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
use crate::labels::long_date;
use crate::validation::{Field, FieldError, FieldErrors, Problem};
use crate::{Language, Stage};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

/// What a placeholder stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placeholder {
    /// The name of the person the response goes to (a representative's, when someone
    /// complained for the resident).
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
            Placeholder::Name => "the name of the person the response goes to",
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
                known: Placeholder::all_written(),
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

/// What each placeholder stands for in one case, in the language of its response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseValues {
    /// `None` for anonymous feedback: the text then says "Sir or Madam".
    pub name: Option<String>,
    pub reference: String,
    /// The service's name in `language`.
    pub service: String,
    pub received: Date,
    pub stage: Option<Stage>,
    pub respond_by: Option<Date>,
    pub officer: String,
    /// The council's name in `language`.
    pub council: String,
    pub language: Language,
}

impl CaseValues {
    pub fn value(&self, placeholder: Placeholder) -> String {
        let language = self.language;
        match placeholder {
            Placeholder::Name => self
                .name
                .clone()
                .unwrap_or_else(|| language.pick("Sir or Madam", "Syr neu Fadam").to_owned()),
            Placeholder::Reference => self.reference.clone(),
            Placeholder::Service => self.service.clone(),
            Placeholder::Received => long_date(self.received, language),
            Placeholder::Stage => match self.stage {
                Some(stage) => format!("{} {}", language.pick("stage", "cam"), stage.number()),
                None => String::new(),
            },
            Placeholder::RespondBy => self
                .respond_by
                .map(|date| long_date(date, language))
                .unwrap_or_default(),
            Placeholder::Officer => self.officer.clone(),
            Placeholder::Council => self.council.clone(),
        }
    }
}

impl ResponseTemplate {
    /// The template's text for `values`' case, filled: its Welsh text for a Welsh
    /// response when it has one, its English otherwise.
    pub fn fill_for(&self, values: &CaseValues) -> String {
        let text = match (values.language, &self.text_cy) {
            (Language::Cy, Some(cy)) => cy,
            _ => &self.text,
        };
        fill(text, |p| values.value(p))
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
                placeholder: "((nmae))".into(),
                known: Placeholder::all_written(),
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
    fn a_template_is_filled_in_the_language_of_the_response() {
        let template = ResponseTemplate {
            id: "t1".into(),
            title: "Apology".into(),
            text: "Dear ((name)), about ((reference)) at ((stage)), received ((received)).".into(),
            text_cy: Some("Annwyl ((name)), ((service)), erbyn ((respond_by)).".into()),
            version: 1,
            updated_at: OffsetDateTime::UNIX_EPOCH,
            updated_by: "ben".into(),
        };
        let mut values = CaseValues {
            name: None,
            reference: "DEMO-2026-000001".into(),
            service: "Gwastraff".into(),
            received: time::macros::date!(2026 - 11 - 24),
            stage: Some(Stage::Two),
            respond_by: Some(time::macros::date!(2026 - 12 - 1)),
            officer: "Ann Jones".into(),
            council: "Demo".into(),
            language: Language::En,
        };
        assert_eq!(
            template.fill_for(&values),
            "Dear Sir or Madam, about DEMO-2026-000001 at stage 2, received Tuesday 24 November 2026."
        );
        values.language = Language::Cy;
        values.name = Some("Siân".into());
        assert_eq!(
            template.fill_for(&values),
            "Annwyl Siân, Gwastraff, erbyn Dydd Mawrth 1 Rhagfyr 2026."
        );
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
