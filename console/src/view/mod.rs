//! The console's pages inside GOV.UK's page template: the header, MOJ's identity bar and
//! sub navigation, and the page for the current address.
//!
//! Addresses are real paths under `/console/` (the server answers each with the same
//! `index.html`); links change them with the History API, so the app stays loaded and the
//! token stays in memory.

mod case;
mod fields;
mod log;
mod queue;
mod signin;

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

    /// Signs the officer out: the token is dropped, nothing else held it.
    pub fn sign_out(&self) {
        self.session.set(None);
        self.flash.set(None);
    }
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
    let console = Console {
        session: RwSignal::new(None),
        route: RwSignal::new(Route::from_url(
            &path,
            &location.search().unwrap_or_default(),
        )),
        flash: RwSignal::new(None),
    };
    provide_context(console);
    // The link's code is spent by the first sign-in page that sees it, never again.
    let pending = RwSignal::new(code);
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
                        view! { <signin::SignIn code=code /> }.into_any()
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
    match route {
        Route::Queue(query) => view! { <queue::Queue session=session query=query /> }.into_any(),
        Route::Case(reference) => {
            view! { <case::CasePage session=session reference=reference /> }.into_any()
        }
        Route::LogCase => view! { <log::LogCasePage session=session /> }.into_any(),
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
    let current = move |section: Route| {
        move || {
            let route = console.route.get();
            let here = match (&route, &section) {
                (Route::Case(_) | Route::Queue(_), Route::Queue(_)) => true,
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
                {link(Route::LogCase, "Log a case")}
            </ul>
        </nav>
    }
}
