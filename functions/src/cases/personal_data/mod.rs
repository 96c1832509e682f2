//! A resident's personal data, on request (UK GDPR): managers find every case that
//! mentions a person ([`find`]), release a subject access bundle of chosen cases
//! ([`export`], as JSON and as a printable page, [`html`]), and erase a closed case's
//! personal data before its time ([`erase`]), as the retention job would; officers
//! correct contact details and redact spans of a resident's words ([`correct`]).

pub mod correct;
pub mod erase;
pub mod export;
pub mod find;
pub mod html;
