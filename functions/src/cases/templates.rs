//! Response templates: managers write them, any officer of the council reads them to start
//! a response from. Each change is checked by the shared crate (title, text, placeholders)
//! and written only over the version the manager read, so two managers editing at once
//! never lose each other's words.

use super::CaseError;
use crate::app::App;
use crate::config::CouncilConfig;
use crate::store::StoreError;
use feedback_shared::template::{ResponseTemplate, TemplateDraft, ValidTemplate};
use feedback_shared::{Language, OfficerId};

fn checked(draft: &TemplateDraft) -> Result<ValidTemplate, CaseError> {
    draft.check().map_err(|errors| CaseError::Validation {
        errors,
        language: Language::En,
    })
}

/// A version conflict on a template is about the template, not a case.
fn template_error(e: StoreError) -> CaseError {
    match e {
        StoreError::VersionConflict { .. } => CaseError::TemplateChanged,
        other => other.into(),
    }
}

fn record(
    id: String,
    valid: ValidTemplate,
    version: u64,
    app: &App,
    manager: &OfficerId,
) -> ResponseTemplate {
    ResponseTemplate {
        id,
        title: valid.title.as_str().to_owned(),
        text: valid.text.as_str().to_owned(),
        text_cy: valid.text_cy.map(|t| t.as_str().to_owned()),
        version,
        updated_at: app.clock.now(),
        updated_by: manager.0.clone(),
    }
}

pub async fn list(app: &App, council: &CouncilConfig) -> Result<Vec<ResponseTemplate>, CaseError> {
    Ok(app.store.templates(&council.id).await?)
}

pub async fn create(
    app: &App,
    council: &CouncilConfig,
    draft: &TemplateDraft,
    manager: &OfficerId,
) -> Result<ResponseTemplate, CaseError> {
    let valid = checked(draft)?;
    let template = record(
        hex::encode(rand::random::<[u8; 8]>()),
        valid,
        1,
        app,
        manager,
    );
    app.store
        .put_template(&council.id, &template, None)
        .await
        .map_err(template_error)?;
    tracing::info!(council = %council.id, template = %template.id, "response template added");
    Ok(template)
}

/// Replaces the template's title and text, if it is still at version `expected`.
pub async fn change(
    app: &App,
    council: &CouncilConfig,
    id: &str,
    expected: u64,
    draft: &TemplateDraft,
    manager: &OfficerId,
) -> Result<ResponseTemplate, CaseError> {
    let valid = checked(draft)?;
    // No stored template reaches a version this high: whatever the caller read, it is not
    // the template as it is.
    let next = expected
        .checked_add(1)
        .filter(|v| i64::try_from(*v).is_ok())
        .ok_or(CaseError::TemplateChanged)?;
    let template = record(id.to_owned(), valid, next, app, manager);
    app.store
        .put_template(&council.id, &template, Some(expected))
        .await
        .map_err(template_error)?;
    tracing::info!(council = %council.id, template = %id, version = template.version, "response template changed");
    Ok(template)
}

/// Removes the template, if it is still at version `expected`.
pub async fn remove(
    app: &App,
    council: &CouncilConfig,
    id: &str,
    expected: u64,
) -> Result<(), CaseError> {
    app.store
        .delete_template(&council.id, id, expected)
        .await
        .map_err(template_error)?;
    tracing::info!(council = %council.id, template = %id, "response template removed");
    Ok(())
}
