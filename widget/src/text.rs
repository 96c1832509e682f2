//! The widget's own words, in English and Welsh. Field error messages are not here: they
//! come from the domain crate, so the widget and the API say the same thing.

use feedback_shared::Language;
use feedback_shared::contact::Adjustment;

/// One piece of text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub cy: &'static str,
}

impl Text {
    /// The text in `lang`.
    pub fn get(self, lang: Language) -> &'static str {
        match lang {
            Language::En => self.en,
            Language::Cy => self.cy,
        }
    }
}

/// Shorthand for a [`Text`].
macro_rules! text {
    ($($name:ident = $en:expr, $cy:expr;)*) => {
        $(pub const $name: Text = Text { en: $en, cy: $cy };)*
    };
}

text! {
    // Frame and navigation.
    HEADING = "Tell us what you think", "Dywedwch wrthym beth yw eich barn";
    SWITCH_LANGUAGE = "Cymraeg", "English";
    BACK = "Back", "Yn ôl";
    CONTINUE = "Continue", "Parhau";
    SKIP = "Skip these questions", "Hepgor y cwestiynau hyn";
    CLOSE = "Close", "Cau";
    LOADING = "Loading the form…", "Yn llwytho’r ffurflen…";
    LOAD_FAILED = "Sorry, the form could not be loaded.", "Mae’n ddrwg gennym, nid oedd modd llwytho’r ffurflen.";
    TRY_AGAIN = "Try again", "Rhoi cynnig arall arni";
    CONTACT_PAGE = "Contact the council another way", "Cysylltu â’r cyngor mewn ffordd arall";
    ERROR_PREFIX = "Error: ", "Gwall: ";
    ERROR_SUMMARY = "There is a problem", "Mae yna broblem";
    OPTIONAL = " (optional)", " (dewisol)";
    STEP_OF = "Step", "Cam";

    // Kind.
    KIND_LEGEND = "What would you like to do?", "Beth hoffech chi ei wneud?";
    KIND_COMPLAINT = "Make a complaint", "Gwneud cwyn";
    KIND_COMPLAINT_HINT = "Something went wrong, or we did not do what we should have, and you want us to put it right.", "Aeth rhywbeth o’i le, neu ni wnaethom yr hyn y dylem fod wedi’i wneud, ac rydych am i ni unioni pethau.";
    KIND_COMMENT = "Make a comment or suggestion", "Gwneud sylw neu awgrym";
    KIND_COMMENT_HINT = "Tell us your views or an idea to improve a service.", "Rhowch eich barn neu syniad i wella gwasanaeth.";
    KIND_COMPLIMENT = "Pay a compliment", "Rhoi canmoliaeth";
    KIND_COMPLIMENT_HINT = "Tell us about something or someone that did well.", "Dywedwch wrthym am rywbeth neu rywun a wnaeth yn dda.";

    // Service and triage.
    SERVICE_LEGEND = "Which service is it about?", "Am ba wasanaeth y mae?";
    TRIAGE_HEADING = "Before you make a complaint", "Cyn i chi wneud cwyn";
    TRIAGE_REQUEST = "If you are telling us about a problem for the first time, such as a missed bin collection, report it instead. We will put it right faster.", "Os ydych yn dweud wrthym am broblem am y tro cyntaf, fel casgliad bin a fethwyd, rhowch wybod amdani yn lle hynny. Byddwn yn ei hunioni’n gynt.";
    TRIAGE_REQUEST_LINK = "Report a problem with this service", "Rhoi gwybod am broblem gyda’r gwasanaeth hwn";
    TRIAGE_OTHER_ROUTES = "Some matters have their own route and our complaints procedure cannot decide them:", "Mae gan rai materion eu llwybr eu hunain ac ni all ein gweithdrefn gwynion benderfynu arnynt:";
    TRIAGE_FIND_OUT = "Find out how", "Darganfod sut";
    TRIAGE_CONTINUE = "If you have already reported it, or you are unhappy with how we dealt with it, continue with your complaint.", "Os ydych eisoes wedi rhoi gwybod amdani, neu os ydych yn anhapus â’r ffordd y gwnaethom ddelio â hi, parhewch â’ch cwyn.";
    NEW_WINDOW = " (opens in new tab)", " (yn agor mewn tab newydd)";

    // Details.
    DETAILS_HEADING = "Tell us what happened", "Dywedwch wrthym beth ddigwyddodd";
    WHAT_HAPPENED = "What happened?", "Beth ddigwyddodd?";
    WHAT_HAPPENED_HINT = "Include where and who was involved, if you know. Do not include bank details.", "Dylech gynnwys ble a phwy oedd yn rhan ohono, os ydych yn gwybod. Peidiwch â chynnwys manylion banc.";
    COMMENT_WHAT = "What is your comment or suggestion?", "Beth yw eich sylw neu awgrym?";
    COMPLIMENT_WHAT = "What would you like to tell us?", "Beth hoffech chi ei ddweud wrthym?";
    WHEN_LEGEND = "When did it happen?", "Pryd ddigwyddodd hyn?";
    WHEN_HINT = "For example, 27 3 2026. Leave blank if you are not sure.", "Er enghraifft, 27 3 2026. Gadewch yn wag os nad ydych yn siŵr.";
    DAY = "Day", "Diwrnod";
    MONTH = "Month", "Mis";
    YEAR = "Year", "Blwyddyn";
    TIME_LIMIT = "This was more than {} months ago. We can still look at it, for example if there was a good reason you could not tell us sooner. Please tell us why in your description.", "Roedd hyn fwy na {} mis yn ôl. Gallwn edrych arno o hyd, er enghraifft os oedd rheswm da pam na allech ddweud wrthym yn gynt. Dywedwch wrthym pam yn eich disgrifiad.";
    PUT_RIGHT = "What would you like us to do to put it right?", "Beth hoffech i ni ei wneud i unioni pethau?";
    PUT_RIGHT_HINT = "For example, an apology, an explanation, or doing something we should have done.", "Er enghraifft, ymddiheuriad, esboniad, neu wneud rhywbeth y dylem fod wedi’i wneud.";
    STAFF_NAME = "Would you like to name a member of staff?", "Hoffech chi enwi aelod o staff?";
    STAFF_NAME_HINT = "We will pass your thanks on to them.", "Byddwn yn trosglwyddo eich diolch iddynt.";
    CHARS_LEFT = "characters remaining", "nod yn weddill";
    CHARS_OVER = "characters too many", "nod yn ormod";
    CHARS_LIMIT = "You can enter up to {} characters", "Gallwch roi hyd at {} nod";

    // About you.
    ABOUT_HEADING = "About you", "Amdanoch chi";
    ANONYMOUS = "I do not want to give my details", "Nid wyf am roi fy manylion";
    ANONYMOUS_HINT = "We will read your feedback, but we will not be able to reply to you.", "Byddwn yn darllen eich adborth, ond ni fyddwn yn gallu ymateb i chi.";
    NAME = "Full name", "Enw llawn";
    EMAIL = "Email address", "Cyfeiriad e-bost";
    EMAIL_HINT = "We will send your reference and our reply here.", "Byddwn yn anfon eich cyfeirnod a’n hateb yma.";
    PHONE = "Phone number", "Rhif ffôn";
    PHONE_HINT = "Give an email address or a phone number, or both.", "Rhowch gyfeiriad e-bost neu rif ffôn, neu’r ddau.";
    ADDRESS = "Postal address", "Cyfeiriad post";
    POSTCODE = "Postcode", "Cod post";
    PREFERRED_LEGEND = "How would you like us to contact you?", "Sut yr hoffech i ni gysylltu â chi?";
    BY_EMAIL = "By email", "Drwy e-bost";
    BY_PHONE = "By phone", "Dros y ffôn";
    BY_POST = "By post", "Drwy’r post";
    ON_BEHALF = "I am contacting you for someone else", "Rwy’n cysylltu â chi ar ran rhywun arall";
    ON_BEHALF_HINT = "For example, a relative, or someone you are an advocate for.", "Er enghraifft, perthynas, neu rywun rydych yn eiriolwr ar ei ran.";
    REPRESENTED_NAME = "Their full name", "Eu henw llawn";
    RELATIONSHIP = "Your relationship to them", "Eich perthynas â nhw";
    CONSENT = "They have agreed to me contacting you for them", "Maen nhw wedi cytuno i mi gysylltu â chi ar eu rhan";

    // Adjustments.
    ADJUSTMENTS_HEADING = "Do you need any support from us?", "Oes angen unrhyw gymorth arnoch gennym ni?";
    ADJUSTMENTS_HINT = "We can change how we work with you. Select all that apply, or none.", "Gallwn newid sut rydym yn gweithio gyda chi. Dewiswch bob un sy’n berthnasol, neu ddim un.";
    ADJUSTMENTS_DETAILS = "Tell us more about what would help", "Dywedwch fwy wrthym am beth fyddai’n helpu";

    // Equality.
    EQUALITY_HEADING = "Equality questions (optional)", "Cwestiynau cydraddoldeb (dewisol)";
    EQUALITY_INTRO = "Your answers help us check that our services are fair to everyone. They are kept apart from your feedback and the people handling it never see them. You can skip any question.", "Mae eich atebion yn ein helpu i wirio bod ein gwasanaethau’n deg i bawb. Maent yn cael eu cadw ar wahân i’ch adborth ac nid yw’r bobl sy’n delio ag ef byth yn eu gweld. Gallwch hepgor unrhyw gwestiwn.";

    // Check.
    CHECK_HEADING = "Check your answers before sending", "Gwiriwch eich atebion cyn anfon";
    CHANGE = "Change", "Newid";
    NOT_GIVEN = "Not given", "Heb ei roi";
    YES = "Yes", "Ydw";
    NO = "No", "Nac ydw";
    KIND_ROW = "Type", "Math";
    SERVICE_ROW = "Service", "Gwasanaeth";
    CONTACT_ROW = "Contact", "Cyswllt";
    FOR_ROW = "For", "Ar ran";
    SUPPORT_ROW = "Support", "Cymorth";
    EQUALITY_ROW = "Equality questions", "Cwestiynau cydraddoldeb";
    ANSWERED = "Answered, kept apart", "Wedi’u hateb, wedi’u cadw ar wahân";
    PRIVACY = "How we use your information", "Sut rydym yn defnyddio eich gwybodaeth";
    SEND = "Send", "Anfon";
    SENDING = "Sending…", "Yn anfon…";
    RETRYING = "Could not reach the council. Trying again", "Methu â chyrraedd y cyngor. Yn rhoi cynnig arall arni";
    OFFLINE = "You seem to be offline. Your answers are kept on this device: send them when you are connected again.", "Mae’n ymddangos eich bod all-lein. Mae eich atebion yn cael eu cadw ar y ddyfais hon: anfonwch nhw pan fyddwch wedi cysylltu eto.";
    SEND_FAILED = "Your feedback has not been sent yet. Your answers are kept on this device: try sending again in a few minutes.", "Nid yw eich adborth wedi’i anfon eto. Mae eich atebion yn cael eu cadw ar y ddyfais hon: ceisiwch ei anfon eto ymhen ychydig funudau.";
    REFUSED = "The form could not be sent. Please contact the council another way.", "Nid oedd modd anfon y ffurflen. Cysylltwch â’r cyngor mewn ffordd arall.";
    HONEYPOT = "Leave this field empty", "Gadewch y maes hwn yn wag";

    // Sent.
    SENT_COMPLAINT = "Complaint received", "Cwyn wedi dod i law";
    SENT_COMMENT = "Comment received", "Sylw wedi dod i law";
    SENT_COMPLIMENT = "Compliment received", "Canmoliaeth wedi dod i law";
    YOUR_REFERENCE = "Your reference is", "Eich cyfeirnod yw";
    NEXT_HEADING = "What happens next", "Beth sy’n digwydd nesaf";
    ACK_BY = "We will acknowledge your complaint by", "Byddwn yn cydnabod eich cwyn erbyn";
    RESPOND_BY = "We will send you our response by", "Byddwn yn anfon ein hymateb atoch erbyn";
    EXTEND_NOTE = "If we need more time, we will tell you why and when to expect it.", "Os bydd angen mwy o amser arnom, byddwn yn dweud wrthych pam a phryd i’w ddisgwyl.";
    EMAIL_SENT = "We will also email your reference and this code to you.", "Byddwn hefyd yn anfon eich cyfeirnod a’r cod hwn atoch drwy e-bost.";
    NO_EMAIL = "We will not send you an email about this, so keep a note of your reference and code.", "Ni fyddwn yn anfon e-bost atoch am hyn, felly cadwch nodyn o’ch cyfeirnod a’ch cod.";
    EARLIER = "We had already received your answers before you changed them. When we contact you, please tell us what has changed.", "Roeddem eisoes wedi cael eich atebion cyn i chi eu newid. Pan fyddwn yn cysylltu â chi, dywedwch wrthym beth sydd wedi newid.";
    STATUS_CODE = "To check progress or ask for a review later, keep your reference and this code:", "I wirio’r cynnydd neu ofyn am adolygiad yn nes ymlaen, cadwch eich cyfeirnod a’r cod hwn:";
    COMMENT_NEXT = "Thank you. We read every comment and use them to improve our services.", "Diolch. Rydym yn darllen pob sylw ac yn eu defnyddio i wella ein gwasanaethau.";
    COMPLIMENT_NEXT = "Thank you. We will pass your compliment on to the team.", "Diolch. Byddwn yn trosglwyddo eich canmoliaeth i’r tîm.";
    ANON_NEXT = "As you did not give your details, we cannot reply to you.", "Gan na wnaethoch roi eich manylion, ni allwn ymateb i chi.";
    START_AGAIN = "Tell us something else", "Dweud rhywbeth arall wrthym";
    PROGRESS_LINK = "Check progress or ask for a review", "Gwirio’r cynnydd neu ofyn am adolygiad";
    PROGRESS_LATER = "To check progress later, choose “Check progress or ask for a review” at the start of this form.", "I wirio’r cynnydd yn nes ymlaen, dewiswch “Gwirio’r cynnydd neu ofyn am adolygiad” ar ddechrau’r ffurflen hon.";

    // Progress.
    PROGRESS_HEADING = "Check progress", "Gwirio’r cynnydd";
    PROGRESS_INTRO = "Enter the reference and the code we gave you when you contacted us.", "Rhowch y cyfeirnod a’r cod a roesom i chi pan wnaethoch gysylltu â ni.";
    CODE = "Code", "Cod";
    FOR_EXAMPLE = "For example,", "Er enghraifft,";
    NOT_NOW = "A review cannot be asked for now: it may already have been asked for, or the time to ask has passed. Contact the council if you need to.", "Ni ellir gofyn am adolygiad nawr: efallai y gofynnwyd amdano eisoes, neu mae’r amser i ofyn wedi mynd heibio. Cysylltwch â’r cyngor os oes angen.";
    CHECK_PROGRESS = "Check progress", "Gwirio’r cynnydd";
    NO_MATCH = "No case matches that reference and code. Check them and try again.", "Nid oes achos sy’n cyfateb i’r cyfeirnod a’r cod hwnnw. Gwiriwch nhw a rhowch gynnig arall arni.";
    NEED_REFERENCE = "Enter your reference", "Rhowch eich cyfeirnod";
    NEED_CODE = "Enter your code", "Rhowch eich cod";
    CODE_HINT = "16 letters and numbers, for example 7K3M-X2QD-9VBN-T4HF", "16 llythyren a rhif, er enghraifft 7K3M-X2QD-9VBN-T4HF";
    OMBUDSMAN_INTRO = "This was our final response. If you are still unhappy, you can ask the {} to look at your complaint. It is free.", "Dyma ein hymateb terfynol. Os ydych yn dal yn anhapus, gallwch ofyn i {} edrych ar eich cwyn. Mae am ddim.";
    OMBUDSMAN_CONTACT = "Contact the Ombudsman", "Cysylltu â’r Ombwdsmon";
    PHONE_ROW = "Phone", "Ffôn";
    SEND_FAILED_SHORT = "Could not reach the council. Try again in a few minutes.", "Methu â chyrraedd y cyngor. Rhowch gynnig arall arni ymhen ychydig funudau.";
    REFERENCE_ROW = "Reference", "Cyfeirnod";
    STATUS_ROW = "Status", "Statws";
    STAGE_ROW = "Stage", "Cam";
    STAGE = "Stage", "Cam";
    RECEIVED_ROW = "Received", "Wedi dod i law";
    RESPOND_BY_ROW = "Response due by", "Ymateb erbyn";
    RESPONDED_ROW = "Responded", "Wedi ymateb";
    STATUS_RECEIVED = "Received", "Wedi dod i law";
    STATUS_ACKNOWLEDGED = "Being looked into", "Yn cael ei ystyried";
    STATUS_RESPONDED = "We have responded", "Rydym wedi ymateb";
    STATUS_CLOSED = "Closed", "Wedi cau";
    STATUS_WITHDRAWN = "Withdrawn", "Wedi’i dynnu’n ôl";
    STATUS_NOT_ACCEPTED = "Not taken forward as a complaint", "Heb ei dderbyn fel cwyn";
    REVIEW_INTRO = "If you are unhappy with our response, you can ask for a review by a senior officer", "Os ydych yn anhapus â’n hymateb, gallwch ofyn am adolygiad gan uwch swyddog";
    BY = "by", "erbyn";
    ASK_REVIEW = "Ask for a review", "Gofyn am adolygiad";
}

impl Text {
    /// The text in `lang` with its `{}` replaced by `n`.
    pub fn with(self, lang: Language, n: impl std::fmt::Display) -> String {
        self.get(lang).replacen("{}", &n.to_string(), 1)
    }
}

/// The equality question's answer label in `lang`.
pub fn pick(lang: Language, en: &'static str, cy: &'static str) -> &'static str {
    Text { en, cy }.get(lang)
}

/// "Monday 30 November 2026" / "Dydd Llun 30 Tachwedd 2026", as GOV.UK writes dates: the
/// domain crate's words, which the emails use too.
pub use feedback_shared::labels::long_date;

/// A character count's words: "12 characters remaining" or "3 characters too many".
pub fn chars_left(max: usize, used: usize, lang: Language) -> String {
    if used <= max {
        format!("{} {}", max - used, CHARS_LEFT.get(lang))
    } else {
        format!("{} {}", used - max, CHARS_OVER.get(lang))
    }
}

/// The support a resident can ask for, in their words.
pub const NEEDS: [(Adjustment, Text); 9] = [
    (
        Adjustment::LargePrint,
        Text {
            en: "Letters in large print",
            cy: "Llythyrau mewn print bras",
        },
    ),
    (
        Adjustment::EasyRead,
        Text {
            en: "Easy read",
            cy: "Hawdd ei ddarllen",
        },
    ),
    (
        Adjustment::PhoneInsteadOfWriting,
        Text {
            en: "Talk by phone instead of writing",
            cy: "Siarad dros y ffôn yn lle ysgrifennu",
        },
    ),
    (
        Adjustment::WritingInsteadOfPhone,
        Text {
            en: "Writing instead of phone calls",
            cy: "Ysgrifennu yn lle galwadau ffôn",
        },
    ),
    (
        Adjustment::Advocate,
        Text {
            en: "Someone to support or speak for me",
            cy: "Rhywun i’m cefnogi neu siarad ar fy rhan",
        },
    ),
    (
        Adjustment::ExtraTime,
        Text {
            en: "More time to reply to you",
            cy: "Mwy o amser i ymateb i chi",
        },
    ),
    (
        Adjustment::SinglePointOfContact,
        Text {
            en: "One named person to deal with",
            cy: "Un person penodol i ddelio ag ef",
        },
    ),
    (
        Adjustment::Interpreter,
        Text {
            en: "An interpreter (including British Sign Language)",
            cy: "Cyfieithydd (gan gynnwys Iaith Arwyddion Prydain)",
        },
    ),
    (
        Adjustment::Other,
        Text {
            en: "Something else",
            cy: "Rhywbeth arall",
        },
    ),
];

/// A need's words, for the check page.
pub fn need_label(need: Adjustment, lang: Language) -> &'static str {
    NEEDS
        .iter()
        .find(|(n, _)| *n == need)
        .map(|(_, t)| t.get(lang))
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_out_in_each_language() {
        let date = time::macros::date!(2026 - 11 - 30);
        assert_eq!(long_date(date, Language::En), "Monday 30 November 2026");
        assert_eq!(long_date(date, Language::Cy), "Dydd Llun 30 Tachwedd 2026");
        let date = time::macros::date!(2026 - 11 - 03);
        assert_eq!(
            feedback_shared::labels::day_month_year(date, Language::Cy),
            "3 Tachwedd 2026"
        );
    }

    #[test]
    fn numbers_go_into_their_place() {
        assert_eq!(
            CHARS_LIMIT.with(Language::Cy, 10000),
            "Gallwch roi hyd at 10000 nod"
        );
        assert!(
            TIME_LIMIT
                .with(Language::En, 6)
                .starts_with("This was more than 6 months ago.")
        );
    }

    #[test]
    fn the_count_says_remaining_or_too_many() {
        assert_eq!(chars_left(10, 4, Language::En), "6 characters remaining");
        assert_eq!(chars_left(10, 13, Language::Cy), "3 nod yn ormod");
    }

    #[test]
    fn the_heading_follows_the_language_tag() {
        assert_eq!(
            HEADING.get(Language::from_tag("cy-GB")),
            "Dywedwch wrthym beth yw eich barn"
        );
        assert_eq!(
            HEADING.get(Language::from_tag("en")),
            "Tell us what you think"
        );
        assert_eq!(
            HEADING.get(Language::from_tag("fr")),
            "Tell us what you think"
        );
    }
}
