//! Message templates: every notice in English and Welsh, with the content the Complaint
//! Handling Code requires, escaped HTML, no personal data in officer messages, and council
//! overrides.

mod support;

use feedback_functions::config::overrides::{NOTICE_KEYS, TemplateOverrides};
use feedback_functions::config::{CouncilConfig, load_councils};
use feedback_functions::html::escape;
use feedback_functions::notify::templates::{
    DeadlineKind, DigestLine, Notice, Rendered, TemplateContext, long_date, render, render_digest,
    render_with_overrides,
};
use feedback_functions::store::CaseRecord;
use feedback_shared::case::{Action, Actor, Format, RefusalGround, ResponseDetails, Status};
use feedback_shared::contact::{
    Adjustments, Contact, ContactForm, ContactMethod, Person, Representative, Submitter,
};
use feedback_shared::input::LongText;
use feedback_shared::{Field, Kind, Language, OfficerId, Outcome, Remedy, Stage};
use std::path::PathBuf;
use support::fixtures;
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};

const LATER: OffsetDateTime = datetime!(2026-12-31 10:00 UTC);
const EMAIL: &str = "ann@example.com";
const PHONE: &str = "07700 900982";
const WHAT_HAPPENED: &str = "My bin was missed three weeks running on Heol y Bont.";
const PUT_RIGHT: &str = "Collect the bin and tell me why it was missed.";
const REASONS: &str =
    "The crew missed your street.\n\nWe checked the <script>alert('x')</script> logs.";
const EXTENSION_REASON: &str = "We are waiting for the crew's <b>report</b> & photographs.";
const OUTSTANDING: &str = "We will fit a new bin by Friday 11 December 2026.";
const LEARNING: &str = "INTERNAL LEARNING: retrain the Tuesday crew";
const STATUS_URL: &str = "https://feedback.example/status?ref=DEMO-2026-000001&t=1";
const ESCALATE_BY: Date = date!(2026 - 12 - 29);

fn councils() -> Vec<CouncilConfig> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../config/councils");
    load_councils(&dir).unwrap().into_values().collect()
}

fn council(id: &str) -> CouncilConfig {
    councils()
        .into_iter()
        .find(|c| c.id.as_str() == id)
        .unwrap()
}

fn text(s: &str) -> LongText {
    LongText::parse(Field::Note, s).unwrap()
}

fn officer(id: &str) -> Actor {
    Actor::Officer(OfficerId(id.into()))
}

fn apply(record: &mut CaseRecord, actor: Actor, action: Action) {
    record
        .case
        .apply(fixtures::rules(), actor, LATER, action)
        .unwrap();
}

/// A complaint about waste from Ann Jones (email and phone given), received Tuesday
/// 24 November 2026, with her own words in it.
fn received() -> CaseRecord {
    let (mut record, _) = fixtures::complaint("demo", 1);
    let contact = Contact::parse(&ContactForm {
        name: "Ann Jones".into(),
        email: EMAIL.into(),
        phone: PHONE.into(),
        ..Default::default()
    })
    .unwrap();
    record.details.submitter = Submitter::Identified(Box::new(Person {
        contact,
        representative: None,
        adjustments: Adjustments::default(),
    }));
    record.details.what_happened =
        feedback_shared::input::Description::parse(Field::WhatHappened, WHAT_HAPPENED).unwrap();
    record.details.put_right =
        Some(feedback_shared::input::Description::parse(Field::PutRight, PUT_RIGHT).unwrap());
    record
}

fn acknowledged() -> CaseRecord {
    let mut record = received();
    apply(
        &mut record,
        officer("officer-zed"),
        Action::Assign {
            officer: OfficerId("officer-zed".into()),
        },
    );
    apply(
        &mut record,
        officer("officer-zed"),
        Action::Acknowledge {
            on: date!(2026 - 11 - 25),
        },
    );
    record
}

fn extended() -> CaseRecord {
    let mut record = acknowledged();
    apply(
        &mut record,
        officer("officer-zed"),
        Action::Extend {
            to: date!(2026 - 12 - 16),
            reason: text(EXTENSION_REASON),
        },
    );
    record
}

fn response(on: Date, outcome: Outcome, remedies: Vec<Remedy>) -> Action {
    Action::Respond {
        response: ResponseDetails {
            responded_on: on,
            outcome,
            reasons: text(REASONS),
            remedies,
            learning: Some(text(LEARNING)),
            outstanding_actions: Some(text(OUTSTANDING)),
            responder: None,
        },
    }
}

fn responded_stage1() -> CaseRecord {
    let mut record = extended();
    apply(
        &mut record,
        officer("officer-zed"),
        response(
            date!(2026 - 12 - 01),
            Outcome::PartlyUpheld,
            vec![Remedy::Apology, Remedy::Action],
        ),
    );
    record
}

fn escalated() -> CaseRecord {
    let mut record = responded_stage1();
    apply(
        &mut record,
        Actor::Resident,
        Action::Escalate {
            requested_on: date!(2026 - 12 - 03),
            handler: None,
        },
    );
    apply(
        &mut record,
        officer("officer-yan"),
        Action::Assign {
            officer: OfficerId("officer-yan".into()),
        },
    );
    record
}

fn responded_stage2() -> CaseRecord {
    let mut record = escalated();
    apply(
        &mut record,
        officer("officer-yan"),
        Action::Acknowledge {
            on: date!(2026 - 12 - 04),
        },
    );
    apply(
        &mut record,
        officer("officer-yan"),
        response(date!(2026 - 12 - 18), Outcome::NotUpheld, vec![]),
    );
    record
}

fn ctx<'a>(council: &'a CouncilConfig, record: &'a CaseRecord) -> TemplateContext<'a> {
    TemplateContext {
        council,
        record,
        escalate_by: Some(ESCALATE_BY),
        status_code: None,
        status_url: Some(STATUS_URL),
    }
}

fn both(notice: &Notice, ctx: &TemplateContext) -> (Rendered, Rendered) {
    (
        render(notice, ctx, Language::En),
        render(notice, ctx, Language::Cy),
    )
}

/// Every part of a message contains `needle`.
fn all_contain(r: &Rendered, needle: &str) {
    assert!(
        r.text.contains(needle),
        "text lacks {needle:?}:\n{}",
        r.text
    );
    assert!(
        without_tags(&r.html).contains(&escape(needle)),
        "html lacks {needle:?}:\n{}",
        r.html
    );
}

/// The HTML with its tags taken out (entities kept), to find text across `<strong>` and
/// the like.
fn without_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn every_notice_renders_in_english_and_welsh_with_the_reference() {
    let demo = council("demo");
    let record = responded_stage2();
    let extension = record.case.stage1.as_ref().unwrap().extensions[0].clone();
    let lines = [DigestLine {
        reference: record.case.reference.clone(),
        status: Status::Acknowledged,
        next_due: Some(date!(2026 - 12 - 09)),
    }];
    let letter = render(&Notice::Acknowledgement, &ctx(&demo, &record), Language::Cy);
    let notices = [
        Notice::Acknowledgement,
        Notice::EscalationReceived,
        Notice::Extension {
            extension: &extension,
        },
        Notice::Response { stage: Stage::One },
        Notice::Response { stage: Stage::Two },
        Notice::NotAccepted,
        Notice::ActionsDone,
        Notice::ActionsDoneByPost,
        Notice::Assigned,
        Notice::Reminder {
            deadline: DeadlineKind::Respond,
            due: date!(2026 - 12 - 09),
            working_days_left: 2,
        },
        Notice::Overdue {
            deadline: DeadlineKind::Acknowledge,
            due: date!(2026 - 12 - 09),
            working_days_overdue: 3,
            action: None,
        },
        Notice::Digest { lines: &lines },
        Notice::AdjustmentsReview {
            due: date!(2027 - 05 - 24),
        },
        Notice::SendToResident {
            contact: ContactMethod::Post,
            format: Format::LargePrint,
            letter: &letter,
        },
    ];
    let keys: Vec<&str> = notices.iter().map(|n| n.key()).collect();
    assert_eq!(keys, NOTICE_KEYS);
    let c = ctx(&demo, &record);
    for notice in &notices {
        let (en, cy) = both(notice, &c);
        for (r, lang) in [(&en, "en"), (&cy, "cy")] {
            assert!(
                r.subject.contains("DEMO-2026-000001") || notice.key() == "digest",
                "{}: {}",
                notice.key(),
                r.subject
            );
            assert!(!r.subject.contains('\n'));
            all_contain(r, "DEMO-2026-000001");
            assert!(
                r.html.starts_with("<!DOCTYPE html>")
                    && r.html.contains(&format!("<html lang=\"{lang}\">")),
                "{}",
                r.html
            );
            assert_eq!(r.html.matches("<h1>").count(), 1);
            assert!(r.html.contains("<title>"));
        }
        assert_ne!(en.subject, cy.subject, "{}", notice.key());
        assert_ne!(en.text, cy.text, "{}", notice.key());
        assert_ne!(en.html, cy.html, "{}", notice.key());
    }
}

#[test]
fn the_acknowledgement_gives_the_reference_stage_and_dates() {
    let demo = council("demo");
    let record = acknowledged();
    let stage1 = record.case.stage1.as_ref().unwrap();
    assert_eq!(stage1.respond_by, date!(2026 - 12 - 09));
    let (en, cy) = both(&Notice::Acknowledgement, &ctx(&demo, &record));

    assert!(en.subject.contains("We have received your complaint"));
    all_contain(&en, "Dear Ann Jones,");
    all_contain(&en, "Stage 1");
    all_contain(&en, "Received: Tuesday 24 November 2026");
    all_contain(&en, "Acknowledged: Wednesday 25 November 2026");
    all_contain(
        &en,
        "We will send you our response by Wednesday 9 December 2026.",
    );
    all_contain(&en, "Bins and recycling");
    all_contain(&en, "https://www.demo.example/contact");
    all_contain(&en, STATUS_URL);
    assert!(
        en.html
            .contains("href=\"https://feedback.example/status?ref=DEMO-2026-000001&amp;t=1\"")
    );
    all_contain(&en, "Demo Borough Council");

    assert!(cy.subject.contains("Rydym wedi cael eich cwyn"));
    all_contain(&cy, "Annwyl Ann Jones,");
    all_contain(&cy, "Cam 1");
    all_contain(&cy, "Dydd Mawrth 24 Tachwedd 2026");
    all_contain(&cy, "Dydd Mercher 25 Tachwedd 2026");
    all_contain(&cy, "erbyn Dydd Mercher 9 Rhagfyr 2026");
    all_contain(&cy, "Biniau ac ailgylchu");
    assert!(!cy.text.contains("Wednesday") && !cy.text.contains("December"));
}

#[test]
fn before_acknowledgement_the_resident_is_told_the_acknowledge_by_date() {
    let demo = council("demo");
    let record = received();
    let stage1 = record.case.stage1.as_ref().unwrap();
    let r = render(&Notice::Acknowledgement, &ctx(&demo, &record), Language::En);
    all_contain(
        &r,
        &format!(
            "Acknowledge by: {}",
            long_date(stage1.acknowledge_by, Language::En)
        ),
    );
    assert_eq!(stage1.acknowledge_by, date!(2026 - 12 - 01));
    all_contain(&r, "Tuesday 1 December 2026");
}

#[test]
fn welsh_uses_the_councils_welsh_name_and_ombudsman() {
    let aberwen = council("aberwen");
    let record = extended();
    let extension = record.case.stage1.as_ref().unwrap().extensions[0].clone();
    let notice = Notice::Extension {
        extension: &extension,
    };
    let (en, cy) = both(&notice, &ctx(&aberwen, &record));
    all_contain(&cy, "Cyngor Sir Aberwen");
    assert!(!cy.text.contains("Aberwen County Council"));
    all_contain(&en, "Aberwen County Council");
    all_contain(
        &cy,
        "Ombwdsmon Gwasanaethau Cyhoeddus Cymru, 1 Ffordd yr Hen Gae, Pencoed CF35 5LJ",
    );
    all_contain(&cy, "0300 790 0203");
    all_contain(
        &en,
        "Public Services Ombudsman for Wales, 1 Ffordd yr Hen Gae, Pencoed CF35 5LJ",
    );
    // No contact page configured: no empty link.
    assert!(!en.text.contains("Contact us: \n"));
}

#[test]
fn an_extension_gives_the_reason_the_new_date_and_the_ombudsman() {
    let demo = council("demo");
    let record = extended();
    let extension = record.case.stage1.as_ref().unwrap().extensions[0].clone();
    let notice = Notice::Extension {
        extension: &extension,
    };
    let (en, cy) = both(&notice, &ctx(&demo, &record));
    all_contain(&en, EXTENSION_REASON);
    assert!(
        en.html
            .contains("&lt;b&gt;report&lt;/b&gt; &amp; photographs")
    );
    all_contain(&en, "New date: Wednesday 16 December 2026");
    all_contain(&en, "Previous date: Wednesday 9 December 2026");
    all_contain(&en, "at stage 1");
    let (address, phone) = demo.ombudsman.contact();
    all_contain(&en, address);
    all_contain(&en, phone);
    all_contain(&en, "PO Box 4771, Coventry CV4 0EH");
    all_contain(&en, "0300 061 0614");

    all_contain(&cy, EXTENSION_REASON);
    all_contain(&cy, "Dydd Mercher 16 Rhagfyr 2026");
    all_contain(&cy, "yng ngham 1");
    all_contain(
        &cy,
        "Ombwdsmon Llywodraeth Leol a Gofal Cymdeithasol, PO Box 4771, Coventry CV4 0EH",
    );
    all_contain(&cy, "0300 061 0614");
}

const REFUSAL: &str = "This is a parking fine: appeal it to the <b>Traffic Penalty Tribunal</b>.";

/// Received, then not accepted into the procedure on Thursday 26 November 2026.
fn not_accepted() -> CaseRecord {
    let mut record = received();
    apply(
        &mut record,
        officer("officer-zed"),
        Action::NotAccept {
            reason: text(REFUSAL),
            on: Some(date!(2026 - 11 - 26)),
            ground: None,
        },
    );
    record
}

#[test]
fn a_complaint_not_accepted_is_told_why_and_the_ombudsman_route_in_both_languages() {
    let demo = council("demo");
    let record = not_accepted();
    let (en, cy) = both(&Notice::NotAccepted, &ctx(&demo, &record));
    assert!(
        en.subject
            .starts_with("We cannot take your complaint forward")
    );
    all_contain(&en, "cannot take it forward under our complaints procedure");
    all_contain(&en, REFUSAL);
    assert!(
        en.html
            .contains("&lt;b&gt;Traffic Penalty Tribunal&lt;/b&gt;")
    );
    all_contain(&en, "Date of decision: Thursday 26 November 2026");
    all_contain(
        &en,
        "You can ask the Local Government and Social Care Ombudsman",
    );
    all_contain(&en, "PO Box 4771, Coventry CV4 0EH");
    all_contain(&en, "0300 061 0614");

    assert!(cy.subject.starts_with("Ni allwn fwrw ymlaen â'ch cwyn"));
    all_contain(&cy, "o dan ein gweithdrefn gwynion");
    all_contain(&cy, REFUSAL);
    all_contain(&cy, "Dydd Iau 26 Tachwedd 2026");
    all_contain(
        &cy,
        "Ombwdsmon Llywodraeth Leol a Gofal Cymdeithasol, PO Box 4771, Coventry CV4 0EH",
    );
    all_contain(&cy, "0300 061 0614");
}

const OUT_OF_TIME: &str = "The works you describe were finished in March 2024.";

/// Not accepted as out of time, with the officer's own words.
fn out_of_time() -> CaseRecord {
    let mut record = received();
    apply(
        &mut record,
        officer("officer-zed"),
        Action::NotAccept {
            reason: text(OUT_OF_TIME),
            on: Some(date!(2026 - 11 - 26)),
            ground: Some(RefusalGround::OutOfTime),
        },
    );
    record
}

#[test]
fn an_out_of_time_refusal_states_the_time_limit_of_the_councils_model() {
    let record = out_of_time();
    for (id, en_model, cy_model, months) in [
        (
            "demo",
            "follows the Ombudsman’s Complaint Handling Code",
            "yn dilyn Cod Ymdrin â Chwynion yr Ombwdsmon",
            12,
        ),
        (
            "aberwen",
            "follows the Public Services Ombudsman for Wales’s model complaints policy",
            "yn dilyn polisi cwynion enghreifftiol Ombwdsmon Gwasanaethau Cyhoeddus Cymru",
            6,
        ),
        (
            "north-glen",
            "follows the Scottish Public Services Ombudsman’s model complaints handling procedure",
            "Ombwdsmon Gwasanaethau Cyhoeddus yr Alban",
            6,
        ),
    ] {
        let council = council(id);
        assert_eq!(council.policy.time_limit_months, months, "{id}");
        let (en, cy) = both(&Notice::NotAccepted, &ctx(&council, &record));
        all_contain(&en, en_model);
        all_contain(&en, &format!("within {months} months of the matter"));
        all_contain(&en, OUT_OF_TIME);
        all_contain(&cy, cy_model);
        all_contain(&cy, &format!("o fewn {months} mis i’r mater"));
    }
    // Any other ground says nothing about time.
    let (en, _) = both(
        &Notice::NotAccepted,
        &ctx(&council("demo"), &not_accepted()),
    );
    assert!(!en.text.contains("months of the matter"));
}

#[test]
fn a_welsh_council_names_the_public_services_ombudsman_for_wales_when_not_accepting() {
    let wales = council("aberwen");
    let record = not_accepted();
    let (en, cy) = both(&Notice::NotAccepted, &ctx(&wales, &record));
    all_contain(&en, "You can ask the Public Services Ombudsman for Wales");
    all_contain(&en, "0300 790 0203");
    all_contain(&cy, "Ombwdsmon Gwasanaethau Cyhoeddus Cymru");
    all_contain(&cy, "0300 790 0203");
}

#[test]
fn the_stage_1_response_states_decision_reasons_remedies_and_how_to_escalate() {
    let demo = council("demo");
    let record = responded_stage1();
    let (en, cy) = both(
        &Notice::Response { stage: Stage::One },
        &ctx(&demo, &record),
    );
    assert!(en.subject.contains("stage 1 response"));
    all_contain(&en, "Decision: Partly upheld");
    all_contain(&en, "We have partly upheld your complaint");
    all_contain(&en, "The crew missed your street.");
    assert!(
        en.text
            .contains("\n- An apology\n- Action to put things right\n")
    );
    assert!(
        en.html.contains("<li>An apology</li>")
            && en.html.contains("<li>Action to put things right</li>")
    );
    all_contain(&en, OUTSTANDING);
    all_contain(&en, "Please ask by Tuesday 29 December 2026.");
    all_contain(&en, "stage 2");
    all_contain(&en, "You do not need to give a reason.");
    all_contain(&en, "Date of response: Tuesday 1 December 2026");
    assert!(!en.text.to_lowercase().contains("final response"));
    assert!(!en.text.contains("Ombudsman"));

    all_contain(&cy, "Penderfyniad: Cadarnhawyd yn rhannol");
    all_contain(&cy, "Ymddiheuriad");
    all_contain(&cy, "Camau i unioni pethau");
    all_contain(&cy, "Gofynnwch erbyn Dydd Mawrth 29 Rhagfyr 2026.");
    all_contain(&cy, "Nid oes angen i chi roi rheswm.");
}

#[test]
fn the_stage_2_response_is_final_and_names_the_ombudsman() {
    let demo = council("demo");
    let record = responded_stage2();
    let (en, cy) = both(
        &Notice::Response { stage: Stage::Two },
        &ctx(&demo, &record),
    );
    assert!(en.subject.contains("final"));
    all_contain(&en, "This is our final response");
    all_contain(&en, "Decision: Not upheld");
    all_contain(&en, "Stage 2");
    all_contain(
        &en,
        "Local Government and Social Care Ombudsman, PO Box 4771, Coventry CV4 0EH",
    );
    all_contain(&en, "0300 061 0614");
    all_contain(&en, "Date of response: Friday 18 December 2026");
    assert!(!en.text.contains("Please ask by"));

    all_contain(&cy, "terfynol");
    all_contain(&cy, "Cam 2");
    all_contain(&cy, "Ombwdsmon Llywodraeth Leol a Gofal Cymdeithasol");
    all_contain(&cy, "Dydd Gwener 18 Rhagfyr 2026");

    let glen = council("north-glen");
    let en = render(
        &Notice::Response { stage: Stage::Two },
        &ctx(&glen, &record),
        Language::En,
    );
    all_contain(&en, "Scottish Public Services Ombudsman");
    all_contain(&en, "0800 377 7330");
}

#[test]
fn the_escalation_receipt_gives_stage_2_dates_and_a_different_handler() {
    let demo = council("demo");
    let record = escalated();
    let stage2 = record.case.stage2.as_ref().unwrap();
    let (en, cy) = both(&Notice::EscalationReceived, &ctx(&demo, &record));
    all_contain(&en, "Request received: Thursday 3 December 2026");
    all_contain(
        &en,
        &format!(
            "Acknowledge by: {}",
            long_date(stage2.acknowledge_by, Language::En)
        ),
    );
    all_contain(
        &en,
        &format!("Respond by: {}", long_date(stage2.respond_by, Language::En)),
    );
    all_contain(&en, "A different officer");
    all_contain(&cy, "Dydd Iau 3 Rhagfyr 2026");
    all_contain(&cy, "swyddog gwahanol");
    // Neither officer is named to the resident.
    for r in [&en, &cy] {
        assert!(!r.text.contains("officer-yan") && !r.text.contains("officer-zed"));
    }
}

#[test]
fn html_escapes_everything_typed() {
    let demo = council("demo");
    let record = responded_stage1();
    for lang in [Language::En, Language::Cy] {
        let r = render(
            &Notice::Response { stage: Stage::One },
            &ctx(&demo, &record),
            lang,
        );
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(
            r.html
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        );
        // The plain text keeps the words as typed.
        assert!(r.text.contains("<script>alert('x')</script>"));
        // Paragraphs of the reasons stay paragraphs.
        assert!(r.html.contains("<p>The crew missed your street.</p>"));
    }
}

#[test]
fn resident_messages_carry_no_internal_details() {
    let demo = council("demo");
    let record = responded_stage2();
    for notice in [
        Notice::Response { stage: Stage::One },
        Notice::Response { stage: Stage::Two },
        Notice::EscalationReceived,
        Notice::Acknowledgement,
    ] {
        for lang in [Language::En, Language::Cy] {
            let r = render(&notice, &ctx(&demo, &record), lang);
            for secret in [LEARNING, "officer-zed", "officer-yan"] {
                assert!(
                    !r.text.contains(secret) && !r.html.contains(secret),
                    "{secret}"
                );
            }
        }
    }
}

#[test]
fn a_representative_is_written_to_about_the_person_they_act_for() {
    let demo = council("demo");
    let mut record = acknowledged();
    if let Submitter::Identified(person) = &mut record.details.submitter {
        person.representative =
            Some(Representative::parse("Gwen Jones", "daughter", true).unwrap());
    }
    let (en, cy) = both(&Notice::Acknowledgement, &ctx(&demo, &record));
    all_contain(&en, "Dear Ann Jones,");
    all_contain(&en, "about the complaint you made for Gwen Jones");
    all_contain(&cy, "ynghylch y gŵyn a wnaethoch ar ran Gwen Jones");
}

#[test]
fn officer_messages_carry_no_personal_data_or_resident_words() {
    let demo = council("demo");
    let mut record = acknowledged();
    if let Submitter::Identified(person) = &mut record.details.submitter {
        person.representative =
            Some(Representative::parse("Gwen Jones", "daughter", true).unwrap());
    }
    let lines = [DigestLine {
        reference: record.case.reference.clone(),
        status: record.case.status,
        next_due: record.next_due(),
    }];
    let notices = [
        Notice::Assigned,
        Notice::Reminder {
            deadline: DeadlineKind::Respond,
            due: date!(2026 - 12 - 09),
            working_days_left: 2,
        },
        Notice::Reminder {
            deadline: DeadlineKind::Acknowledge,
            due: date!(2026 - 12 - 09),
            working_days_left: 0,
        },
        Notice::Overdue {
            deadline: DeadlineKind::Respond,
            due: date!(2026 - 12 - 09),
            working_days_overdue: 3,
            action: None,
        },
        Notice::Digest { lines: &lines },
    ];
    for notice in &notices {
        for lang in [Language::En, Language::Cy] {
            let r = render(notice, &ctx(&demo, &record), lang);
            for private in [
                EMAIL,
                PHONE,
                WHAT_HAPPENED,
                PUT_RIGHT,
                "Ann Jones",
                "Gwen Jones",
                "07700",
            ] {
                assert!(
                    !r.text.contains(private)
                        && !r.html.contains(private)
                        && !r.subject.contains(private),
                    "{} ({lang:?}) leaks {private:?}:\n{}",
                    notice.key(),
                    r.text
                );
            }
        }
    }
}

#[test]
fn reminders_and_overdue_notices_give_the_deadline_and_days() {
    let demo = council("demo");
    let record = acknowledged();
    let c = ctx(&demo, &record);
    let remind = |left| Notice::Reminder {
        deadline: DeadlineKind::Respond,
        due: date!(2026 - 12 - 09),
        working_days_left: left,
    };
    let (en, cy) = both(&remind(2), &c);
    assert_eq!(
        en.subject,
        "Reminder: Respond by Wednesday 9 December 2026 – DEMO-2026-000001"
    );
    all_contain(&en, "Respond by: Wednesday 9 December 2026");
    all_contain(&en, "Working days left: 2");
    all_contain(&en, "Type: Complaint");
    all_contain(&en, "Service: Bins and recycling");
    all_contain(&en, "Stage: Stage 1");
    all_contain(&en, STATUS_URL);
    all_contain(&cy, "Ymateb erbyn: Dydd Mercher 9 Rhagfyr 2026");
    all_contain(&cy, "Diwrnodau gwaith ar ôl: 2");
    all_contain(&cy, "Cam: Cam 1");

    let today = render(&remind(0), &c, Language::En);
    assert!(today.subject.starts_with("Due today"), "{}", today.subject);
    all_contain(&today, "is today, Wednesday 9 December 2026");

    let overdue = Notice::Overdue {
        deadline: DeadlineKind::Acknowledge,
        due: date!(2026 - 12 - 01),
        working_days_overdue: 3,
        action: None,
    };
    let (en, cy) = both(&overdue, &c);
    assert!(en.subject.starts_with("Overdue"));
    all_contain(&en, "Acknowledge by: Tuesday 1 December 2026");
    all_contain(&en, "Working days overdue: 3");
    all_contain(&en, "Assigned to: officer-zed");
    all_contain(&cy, "Diwrnodau gwaith yn hwyr: 3");
    all_contain(&cy, "Cydnabod erbyn: Dydd Mawrth 1 Rhagfyr 2026");
}

#[test]
fn the_digest_lists_each_case_with_its_next_date() {
    let demo = council("demo");
    let lines = [
        DigestLine {
            reference: "DEMO-2026-000001".parse().unwrap(),
            status: Status::Received,
            next_due: Some(date!(2026 - 12 - 01)),
        },
        DigestLine {
            reference: "DEMO-2026-000002".parse().unwrap(),
            status: Status::Responded,
            next_due: None,
        },
    ];
    let none = TemplateOverrides::default();
    let en = render_digest(&demo, &lines, Some(STATUS_URL), Language::En, &none);
    assert_eq!(en.subject, "Your cases: 2 open");
    all_contain(
        &en,
        "DEMO-2026-000001 – Received – next due: Tuesday 1 December 2026",
    );
    all_contain(&en, "DEMO-2026-000002 – Responded – next due: none");
    let cy = render_digest(&demo, &lines, None, Language::Cy, &none);
    all_contain(
        &cy,
        "DEMO-2026-000001 – Wedi dod i law – dyddiad nesaf: Dydd Mawrth 1 Rhagfyr 2026",
    );
    let empty = render_digest(&demo, &[], None, Language::En, &none);
    all_contain(&empty, "You have no open cases.");
}

#[test]
fn other_kinds_get_a_thank_you() {
    let demo = council("demo");
    let (record, _) = fixtures::case("demo", 7, Kind::Compliment, "waste");
    let (en, cy) = both(&Notice::Acknowledgement, &ctx(&demo, &record));
    assert!(en.subject.starts_with("Thank you for your compliment"));
    all_contain(&en, "DEMO-2026-000007");
    all_contain(&en, "Received: Tuesday 24 November 2026");
    assert!(cy.subject.starts_with("Diolch am eich canmoliaeth"));
}

#[test]
fn overrides_substitute_placeholders_and_escape_html() {
    let demo = council("demo");
    let record = extended();
    let extension = record.case.stage1.as_ref().unwrap().extensions[0].clone();
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, body: &str| std::fs::write(dir.path().join(name), body).unwrap();
    write(
        "acknowledgement.en.subject",
        "{{council}}: {{ reference }}\nreceived",
    );
    write(
        "acknowledgement.en.txt",
        "Hello {{name}}. Ref {{reference}}, reply by {{respond_by}}.\n\n{{default}}",
    );
    write(
        "acknowledgement.en.html",
        "<p class=\"brand\">{{council}}</p>\n{{default}}",
    );
    write(
        "extension.en.html",
        "<p>{{reason}}</p><p>{{new_date}} {{ombudsman_phone}}</p>",
    );
    write(".gitkeep", "");
    let overrides = TemplateOverrides::load(dir.path()).unwrap();
    assert_eq!(overrides.len(), 4);

    let c = ctx(&demo, &record);
    let r = render_with_overrides(&Notice::Acknowledgement, &c, Language::En, &overrides);
    assert_eq!(r.subject, "Demo Borough Council: DEMO-2026-000001 received");
    assert!(r.text.starts_with(
        "Hello Ann Jones. Ref DEMO-2026-000001, reply by Wednesday 16 December 2026."
    ));
    // {{default}} brings the built-in text with it.
    assert!(r.text.contains("We have received your complaint"));
    assert!(
        r.html
            .contains("<p class=\"brand\">Demo Borough Council</p>\n<h1>")
    );
    assert!(r.html.contains("<html lang=\"en\">"));
    assert!(
        r.html
            .contains("<title>Demo Borough Council: DEMO-2026-000001 received</title>")
    );

    // Welsh has no overrides: the built-in wording stays.
    let cy = render_with_overrides(&Notice::Acknowledgement, &c, Language::Cy, &overrides);
    assert_eq!(cy, render(&Notice::Acknowledgement, &c, Language::Cy));

    let notice = Notice::Extension {
        extension: &extension,
    };
    let r = render_with_overrides(&notice, &c, Language::En, &overrides);
    assert!(r.html.contains(
        "<p><p>We are waiting for the crew&#39;s &lt;b&gt;report&lt;/b&gt; &amp; photographs.</p>\n</p>"
    ));
    assert!(
        r.html
            .contains("<p>Wednesday 16 December 2026 0300 061 0614</p>")
    );
    assert!(!r.html.contains("<b>report"));
    // Parts not overridden are the built-in ones.
    assert_eq!(r.text, render(&notice, &c, Language::En).text);
}

#[test]
fn bad_override_files_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("acknowledgement.en.md"), "hello").unwrap();
    let err = TemplateOverrides::load(dir.path()).unwrap_err();
    assert!(err.contains("acknowledgement.en.md"), "{err}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("acknowledgment.cy.txt"), "hello").unwrap();
    let err = TemplateOverrides::load(dir.path()).unwrap_err();
    assert!(err.contains("acknowledgment.cy.txt"), "{err}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("reminder.en.txt"), "{{reason}}").unwrap();
    let err = TemplateOverrides::load(dir.path()).unwrap_err();
    assert!(
        err.contains("reminder.en.txt") && err.contains("{{reason}}"),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("digest.en.txt"), "{{count").unwrap();
    let err = TemplateOverrides::load(dir.path()).unwrap_err();
    assert!(err.contains("digest.en.txt"), "{err}");

    // A council with no folder of overrides has none.
    let root = tempfile::tempdir().unwrap();
    let none = TemplateOverrides::load_council(root.path(), &fixtures::council("demo")).unwrap();
    assert!(none.is_empty());
}

/// Every message in Welsh, for the Welsh spelling check (`tests/welsh-spelling/`, run by
/// `cargo xtask test`): each notice, for each kind, outcome and deadline, to a council
/// in England and one in Wales, with what people typed into the case taken back out.
#[test]
fn every_welsh_message_is_written_out_for_the_spelling_check() {
    let typed: Vec<String> = [
        WHAT_HAPPENED,
        PUT_RIGHT,
        REASONS,
        EXTENSION_REASON,
        OUTSTANDING,
        LEARNING,
        REFUSAL,
        OUT_OF_TIME,
        EMAIL,
        PHONE,
        STATUS_URL,
        "Ann Jones",
        "officer-zed",
        "officer-yan",
    ]
    .iter()
    .flat_map(|s| s.split('\n'))
    .filter(|line| !line.trim().is_empty())
    .map(str::to_owned)
    .collect();
    let mut out: Vec<(String, String)> = Vec::new();
    for id in ["demo", "aberwen", "north-glen"] {
        let council = council(id);
        // A council without a Welsh name is named in English in Welsh messages.
        let mut strip = typed.clone();
        strip.push(council.name.clone());
        // The Ombudsman's postal address is English (Scottish) place names.
        let address = council.ombudsman.contact().0;
        strip.push(
            address
                .split_once(", ")
                .map_or(address, |(_, a)| a)
                .to_owned(),
        );
        strip.extend(council.services.iter().map(|s| s.name.clone()));
        let mut add = |key: &str, rendered: Rendered| {
            for part in [rendered.subject, rendered.text] {
                let mut part = part;
                for s in &strip {
                    part = part.replace(s.as_str(), " ");
                }
                out.push((
                    format!("functions/src/notify/templates ({key}, {id})"),
                    part,
                ));
            }
        };
        let cases = |mut record: CaseRecord| {
            record.case.council = council.id.clone();
            record
        };
        let stage2 = cases(responded_stage2());
        let extension = stage2.case.stage1.as_ref().unwrap().extensions[0].clone();
        let mut notices = vec![
            Notice::EscalationReceived,
            Notice::Extension {
                extension: &extension,
            },
            Notice::Response { stage: Stage::One },
            Notice::Response { stage: Stage::Two },
            Notice::Assigned,
            Notice::AdjustmentsReview {
                due: date!(2027 - 05 - 24),
            },
        ];
        let letter = render(
            &Notice::Response { stage: Stage::One },
            &ctx(&council, &stage2),
            Language::Cy,
        );
        for (contact, format) in [
            (ContactMethod::Post, Format::Standard),
            (ContactMethod::Phone, Format::LargePrint),
            (ContactMethod::Email, Format::EasyRead),
        ] {
            notices.push(Notice::SendToResident {
                contact,
                format,
                letter: &letter,
            });
        }
        for deadline in [DeadlineKind::Acknowledge, DeadlineKind::Respond] {
            for days in [0, 2] {
                notices.push(Notice::Reminder {
                    deadline,
                    due: date!(2026 - 12 - 09),
                    working_days_left: days,
                });
                notices.push(Notice::Overdue {
                    deadline,
                    due: date!(2026 - 12 - 09),
                    working_days_overdue: days + 1,
                    action: None,
                });
            }
        }
        for notice in &notices {
            add(
                notice.key(),
                render(notice, &ctx(&council, &stage2), Language::Cy),
            );
        }
        for kind in Kind::ALL {
            let (record, _) = fixtures::case("demo", 7, kind, "waste");
            let record = cases(record);
            add(
                "acknowledgement",
                render(
                    &Notice::Acknowledgement,
                    &ctx(&council, &record),
                    Language::Cy,
                ),
            );
        }
        for outcome in [Outcome::Upheld, Outcome::PartlyUpheld, Outcome::NotUpheld] {
            let mut record = cases(extended());
            apply(
                &mut record,
                officer("officer-zed"),
                response(date!(2026 - 12 - 01), outcome, Remedy::ALL.to_vec()),
            );
            add(
                "response",
                render(
                    &Notice::Response { stage: Stage::One },
                    &ctx(&council, &record),
                    Language::Cy,
                ),
            );
        }
        for refused in [not_accepted(), out_of_time()] {
            let refused = cases(refused);
            add(
                "not_accepted",
                render(&Notice::NotAccepted, &ctx(&council, &refused), Language::Cy),
            );
        }
        let lines: Vec<DigestLine> = [Status::Received, Status::Acknowledged, Status::Responded]
            .into_iter()
            .enumerate()
            .map(|(i, status)| DigestLine {
                reference: format!("DEMO-2026-00000{}", i + 1).parse().unwrap(),
                status,
                next_due: (i < 2).then_some(date!(2026 - 12 - 01)),
            })
            .collect();
        let none = TemplateOverrides::default();
        for lines in [&lines[..], &[]] {
            add(
                "digest",
                render_digest(&council, lines, Some(STATUS_URL), Language::Cy, &none),
            );
        }
    }
    support::welsh::write("emails", &out);
}

#[test]
fn an_overdue_promised_action_names_its_owner_as_well_as_the_case_officer() {
    let demo = council("demo");
    let mut record = responded_stage2();
    let due = date!(2026 - 12 - 31);
    apply(
        &mut record,
        officer("officer-zed"),
        Action::PromiseAction {
            description: LongText::parse(Field::OutstandingActions, "Replace the bin").unwrap(),
            owner: OfficerId("ben".into()),
            due,
        },
    );
    let overdue = |action| Notice::Overdue {
        deadline: DeadlineKind::CompleteAction,
        due,
        working_days_overdue: 1,
        action,
    };
    let (en, cy) = both(&overdue(Some(1)), &ctx(&demo, &record));
    assert!(en.text.contains("Action owner: ben"), "{}", en.text);
    assert!(cy.text.contains("Perchennog y cam: ben"), "{}", cy.text);
    // A stage's deadline has no action owner to name.
    let (en, _) = both(&overdue(None), &ctx(&demo, &record));
    assert!(!en.text.contains("Action owner"), "{}", en.text);
}
