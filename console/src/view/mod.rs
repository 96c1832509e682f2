//! The console's pages inside GOV.UK's page template: the header, MOJ's identity bar and
//! sub navigation, and the page for the current address.
//!
//! Addresses are real paths under `/console/` (the server answers each with the same
//! `index.html`); links change them with the History API, so the app stays loaded and the
//! token stays in memory.

mod annual;
mod case;
mod configuration;
mod correct;
mod councils;
mod dashboard;
mod fields;
mod log;
mod no_access;
mod personal_data;
mod preview;
mod queue;
mod reports;
mod restrictions;
mod signin;
mod templates;

use crate::api::Session;
use crate::route::Route;
use leptos::prelude::*;

/// What every page shares.
#[derive(Clone, Copy)]
pub struct Console {
    pub session: RwSignal<Option<Session>>,
    pub route: RwSignal<Route>,
    /// A message for the next page: a success banner.
    pub flash: RwSignal<Option<String>>,
}

impl Console {
    pub fn get() -> Console {
        expect_context::<Console>()
    }

    /// Goes to `route`, as a link would: a new history entry, focus on the new page.
    pub fn go(&self, route: Route) {
        if let Ok(history) = window().history() {
            let _ =
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&route.path()));
        }
        self.route.set(route);
        focus_later("main-heading");
    }

    /// Signs `session` in: its credentials are the ones sent from now on.
    pub fn sign_in(&self, session: Session) {
        crate::api::set_credentials(Some(session.credentials(now_seconds())));
        self.session.set(Some(session));
    }

    /// Signs the officer out: the token is dropped, nothing else held it. A hosted
    /// sign-in's own session is ended too, so the next "Sign in" asks again.
    pub fn sign_out(&self) {
        let hosted = self
            .session
            .get_untracked()
            .and_then(|s| s.hosted)
            .map(|h| h.sign_in);
        self.end_session(None);
        if let Some(hosted) = hosted {
            let origin = window().location().origin().unwrap_or_default();
            let back = crate::hosted::redirect_uri(&origin);
            let _ = window()
                .location()
                .assign(&crate::hosted::logout_url(&hosted, &back));
        }
    }

    /// Forgets the session, saying why on the sign-in page when there is a reason.
    pub fn end_session(&self, why: Option<String>) {
        crate::api::set_credentials(None);
        // The reason first: the sign-in page reads it as it is drawn.
        self.flash.set(why);
        self.session.set(None);
    }
}

/// Now, by the browser's clock, in unix seconds.
pub fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Keeps the signed-in officer's token fresh: a hosted sign-in's is refreshed before it
/// expires; one that cannot be is dropped when it expires, and the officer is told.
fn keep_credentials_fresh(console: Console) {
    let refreshing = StoredValue::new(false);
    let tick = move || {
        let Some(session) = console.session.get_untracked() else {
            return;
        };
        let Some(current) = crate::api::credentials() else {
            return;
        };
        let now = now_seconds();
        let hosted = session.hosted.map(|h| h.sign_in);
        if now >= current.expires_at {
            console.end_session(Some(
                "Your session has ended. Sign in again to carry on.".into(),
            ));
            focus_later("main-heading");
            return;
        }
        let (Some(hosted), true, false) = (
            hosted,
            now >= current.refresh_at() && current.refresh_token.is_some(),
            refreshing.get_value(),
        ) else {
            return;
        };
        refreshing.set_value(true);
        leptos::task::spawn_local(async move {
            // A failure is tried again at the next tick, until the token expires.
            if let Ok(fresh) = crate::hosted::refresh(&hosted, &current, now_seconds()).await {
                // Only if still the same officer's session.
                if crate::api::credentials().is_some_and(|c| c.token == current.token) {
                    crate::api::set_credentials(Some(fresh));
                }
            }
            refreshing.set_value(false);
        });
    };
    let _ = set_interval_with_handle(tick, std::time::Duration::from_secs(2));
}

/// Moves focus to the element with `id` once it has been drawn.
pub fn focus_later(id: &'static str) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(element) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}

/// Today in London, by the browser's clock.
pub fn today() -> time::Date {
    let seconds = (js_sys::Date::now() / 1000.0) as i64;
    let now = time::OffsetDateTime::from_unix_timestamp(seconds)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    feedback_shared::london::london_date(now)
}

/// A link to another page of the console, followed without reloading.
#[component]
pub fn Link(
    /// Where it goes.
    to: Route,
    /// Extra classes beside `govuk-link`.
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let console = Console::get();
    let href = to.path();
    let class = if class.is_empty() {
        "govuk-link".to_owned()
    } else {
        format!("govuk-link {class}")
    };
    view! {
        <a
            class=class
            href=href
            on:click=move |ev: leptos::ev::MouseEvent| {
                if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
                    return;
                }
                ev.prevent_default();
                console.go(to.clone());
            }
        >
            {children()}
        </a>
    }
}

/// The whole console.
#[component]
pub fn App() -> impl IntoView {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let code = crate::route::sign_in_code(&location.hash().unwrap_or_default());
    let callback = crate::hosted::callback(&location.search().unwrap_or_default());
    let console = Console {
        session: RwSignal::new(None),
        route: RwSignal::new(Route::from_url(
            &path,
            &location.search().unwrap_or_default(),
        )),
        flash: RwSignal::new(None),
    };
    provide_context(console);
    keep_credentials_fresh(console);
    // The link's code (or the provider's) is spent by the first sign-in page that sees
    // it, never again.
    let pending = RwSignal::new(code);
    let returned = RwSignal::new(callback);
    let _ = window_event_listener(leptos::ev::popstate, move |_| {
        // Back and forward restore the page, and the queue its filters, sort and page.
        let location = window().location();
        let path = location.pathname().unwrap_or_default();
        let search = location.search().unwrap_or_default();
        console.route.set(Route::from_url(&path, &search));
    });
    view! {
        <a
            href="#main-content"
            class="govuk-skip-link"
            on:click=|ev: leptos::ev::MouseEvent| {
                ev.prevent_default();
                focus_later("main-content");
            }
        >
            "Skip to main content"
        </a>
        <header class="govuk-header" data-module="govuk-header">
            <div class="govuk-header__container govuk-width-container">
                <div class="govuk-header__logo">
                    <span class="govuk-header__link govuk-header__link--homepage">
                        "Council Feedback"
                    </span>
                </div>
                <div class="govuk-header__content">
                    <span class="govuk-header__service-name">"Complaints console"</span>
                </div>
            </div>
        </header>
        {move || console.session.get().map(|session| view! { <IdentityBar session=session /> })}
        <div class="govuk-width-container">
            {move || console.session.get().is_some().then(|| view! { <SubNavigation /> })}
            <main class="govuk-main-wrapper" id="main-content" tabindex="-1">
                {move || match console.session.get() {
                    None => {
                        let code = pending.try_update_untracked(Option::take).flatten();
                        let callback = returned.try_update_untracked(Option::take).flatten();
                        view! { <signin::SignIn code=code callback=callback /> }.into_any()
                    }
                    Some(session) => page(console.route.get(), session),
                }}
            </main>
        </div>
        <footer class="govuk-footer">
            <div class="govuk-width-container">
                <p class="govuk-body-s">"Council Feedback: the officer console"</p>
            </div>
        </footer>
    }
}

fn page(route: Route, session: Session) -> AnyView {
    if route.managers_only() && !session.is_manager() {
        return view! { <no_access::NoAccess /> }.into_any();
    }
    match route {
        Route::Queue(query) => view! { <queue::Queue session=session query=query /> }.into_any(),
        Route::Case(reference) => {
            view! { <case::CasePage session=session reference=reference /> }.into_any()
        }
        Route::LogCase => view! { <log::LogCasePage session=session /> }.into_any(),
        Route::Dashboard => view! { <dashboard::DashboardPage session=session /> }.into_any(),
        Route::Reports => view! { <reports::ReportsPage session=session /> }.into_any(),
        Route::Annual(year) => {
            view! { <annual::AnnualPage session=session year=year /> }.into_any()
        }
        Route::Configuration => {
            view! { <configuration::ConfigurationPage session=session /> }.into_any()
        }
        Route::Templates => view! { <templates::TemplatesPage session=session /> }.into_any(),
        Route::NewTemplate => {
            view! { <templates::TemplatePage session=session id=None /> }.into_any()
        }
        Route::Template(id) => {
            view! { <templates::TemplatePage session=session id=Some(id) /> }.into_any()
        }
        Route::PersonalData => {
            view! { <personal_data::PersonalDataPage session=session /> }.into_any()
        }
        Route::Erase(reference) => {
            view! { <personal_data::ErasePage session=session reference=reference /> }.into_any()
        }
        Route::Holds => view! { <personal_data::HoldsPage session=session /> }.into_any(),
        Route::Restrictions => {
            view! { <restrictions::RestrictionsPage session=session /> }.into_any()
        }
        Route::NewRestriction => {
            view! { <restrictions::NewRestrictionPage session=session /> }.into_any()
        }
        Route::Restriction(id) => {
            view! { <restrictions::RestrictionPage session=session id=id /> }.into_any()
        }
        Route::Correct(reference) => {
            view! { <correct::CorrectPage session=session reference=reference /> }.into_any()
        }
        Route::Redact(reference) => {
            view! { <correct::RedactPage session=session reference=reference /> }.into_any()
        }
        Route::NotFound => view! {
            <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Page not found"</h1>
            <p class="govuk-body"><Link to=Route::queue()>"Go to your cases"</Link></p>
        }
        .into_any(),
    }
}

/// MOJ's identity bar: who is signed in, for which council, and signing out.
#[component]
fn IdentityBar(session: Session) -> impl IntoView {
    let console = Console::get();
    // The council's name, from its public description; its id until that arrives.
    let council = RwSignal::new(session.council.clone());
    {
        let id = session.council.clone();
        leptos::task::spawn_local(async move {
            if let Ok(view) = crate::api::council(&id).await {
                council.set(view.name);
            }
        });
    }
    let role = session.role.clone();
    let switcher = (session.councils.len() > 1).then(|| {
        view! { <councils::CouncilSwitcher session=session.clone() /> }
    });
    view! {
        <div class="moj-identity-bar">
            <div class="moj-identity-bar__container">
                <div class="moj-identity-bar__details">
                    <span class="moj-identity-bar__title">
                        <strong>{session.name.clone()}</strong>
                        {move || format!(", {} ({role})", council.get())}
                    </span>
                </div>
                <div class="moj-identity-bar__actions">
                    {switcher}
                    <div class="moj-identity-bar__menu">
                        <button
                            type="button"
                            class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                            on:click=move |_| console.sign_out()
                        >
                            "Sign out"
                        </button>
                    </div>
                </div>
            </div>
        </div>
    }
}

/// MOJ's sub navigation between the console's sections.
#[component]
fn SubNavigation() -> impl IntoView {
    let console = Console::get();
    // Managers' sections are not offered to officers (who are refused them anyway).
    let manager = move || console.session.get().is_some_and(|s| s.is_manager());
    let current = move |section: Route| {
        move || {
            let route = console.route.get();
            let here = match (&route, &section) {
                (
                    Route::Case(_) | Route::Correct(_) | Route::Redact(_) | Route::Queue(_),
                    Route::Queue(_),
                ) => true,
                (Route::NewTemplate | Route::Template(_), Route::Templates) => true,
                (Route::Erase(_) | Route::Holds, Route::PersonalData) => true,
                (Route::Annual(_), Route::Reports) => true,
                (Route::NewRestriction | Route::Restriction(_), Route::Restrictions) => true,
                (a, b) => a == b,
            };
            here.then_some("page")
        }
    };
    let link = move |to: Route, text: &'static str| {
        view! {
            <li class="moj-sub-navigation__item">
                <a
                    class="moj-sub-navigation__link"
                    aria-current=current(to.clone())
                    href=to.path()
                    on:click=move |ev: leptos::ev::MouseEvent| {
                        ev.prevent_default();
                        console.go(to.clone());
                    }
                >
                    {text}
                </a>
            </li>
        }
    };
    view! {
        <nav class="moj-sub-navigation" aria-label="Console sections">
            <ul class="moj-sub-navigation__list">
                {link(Route::queue(), "Cases")}
                {link(Route::Dashboard, "Dashboard")}
                {link(Route::LogCase, "Log a case")}
                {move || manager().then(|| view! {
                    {link(Route::Reports, "Reports")}
                    {link(Route::Templates, "Templates")}
                    {link(Route::Configuration, "Configuration")}
                    {link(Route::PersonalData, "Personal data")}
                    {link(Route::Restrictions, "Restrictions")}
                })}
            </ul>
        </nav>
    }
}
