//! Talking to the public API with `fetch`: the council's description, sending the
//! feedback with retries that reuse one idempotency key, and the separate equality answers.
//! Every request gives up after [`TIMEOUT_MS`], so no page waits on "Loading…" or
//! "Sending…" for ever: a stalled send counts as a failed attempt and is retried under
//! the same key.

use feedback_shared::wire::CouncilView;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long one request (answer and body) may take before it is abandoned. Long enough
/// for a slow phone link and a cold server; short enough that a stalled connection is
/// noticed and tried again.
pub const TIMEOUT_MS: i32 = 15_000;

/// How many times sending is tried before the resident is told it has not gone.
pub const ATTEMPTS: u32 = 5;

/// The wait after failed attempt `n` (1-based): 1, 2, 4, 8 seconds, never more than 8.
pub fn backoff_ms(attempt: u32) -> u32 {
    1000 * 2u32.pow(attempt.saturating_sub(1).min(3))
}

/// What one attempt came to.
pub enum Outcome {
    /// 200 or 201, with the body.
    Accepted(String),
    /// 422: the body is a problem with field errors.
    Invalid(String),
    /// 429: wait this many seconds, then send again.
    Later(u32),
    /// A network error or a 5xx: worth trying again.
    Transient,
    /// Any other answer, with its body: trying again would get the same.
    Refused(String),
}

/// A URL under the API's base, which ends with `/`.
pub fn url(api: &str, path: &str) -> String {
    format!(
        "{}/{}",
        api.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

async fn fetch(url: &str, init: &web_sys::RequestInit) -> Result<web_sys::Response, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    // Aborting rejects the fetch, or the reading of its body if the answer has begun;
    // after both are done it changes nothing, so the timer is simply left to run out.
    let controller = web_sys::AbortController::new()?;
    init.set_signal(Some(&controller.signal()));
    let abort = wasm_bindgen::closure::Closure::once_into_js(move || controller.abort());
    window
        .set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), TIMEOUT_MS)?;
    let response = JsFuture::from(window.fetch_with_str_and_init(url, init)).await?;
    response.dyn_into()
}

async fn text(response: &web_sys::Response) -> String {
    match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// The council's description, for drawing the form.
pub async fn council(api: &str, council: &str) -> Result<CouncilView, String> {
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    let response = fetch(&url(api, &format!("v1/councils/{council}")), &init)
        .await
        .map_err(|_| "network".to_owned())?;
    if !response.ok() {
        return Err(format!("status {}", response.status()));
    }
    crate::json::read(&text(&response).await).ok_or_else(|| "not a council".to_owned())
}

/// POSTs `body` once.
pub async fn post(api: &str, path: &str, body: &str, idempotency_key: Option<&str>) -> Outcome {
    let headers = match web_sys::Headers::new() {
        Ok(h) => h,
        Err(_) => return Outcome::Transient,
    };
    let _ = headers.set("content-type", "application/json");
    if let Some(key) = idempotency_key {
        let _ = headers.set("idempotency-key", key);
    }
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    // Lets a send finish even if the resident closes the tab straight after.
    // (web-sys has no setter for it; the property is plain JavaScript.)
    let _ = js_sys::Reflect::set(&init, &JsValue::from_str("keepalive"), &JsValue::TRUE);
    let Ok(response) = fetch(&url(api, path), &init).await else {
        return Outcome::Transient;
    };
    match response.status() {
        200..=202 => Outcome::Accepted(text(&response).await),
        422 => Outcome::Invalid(text(&response).await),
        429 => Outcome::Later(
            response
                .headers()
                .get("retry-after")
                .ok()
                .flatten()
                .and_then(|s| s.trim().parse().ok())
                .unwrap_or(2)
                .min(30),
        ),
        500.. => Outcome::Transient,
        _ => Outcome::Refused(text(&response).await),
    }
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Whether the browser says it has a network at all.
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// A fresh random key for one submission.
pub fn new_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("cf-{}", js_sys::Math::random().to_bits()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_then_stop_growing() {
        let waits: Vec<u32> = (1..=6).map(backoff_ms).collect();
        assert_eq!(waits, [1000, 2000, 4000, 8000, 8000, 8000]);
    }

    #[test]
    fn urls_join_with_one_slash() {
        assert_eq!(
            url("http://x/", "/v1/councils/demo"),
            "http://x/v1/councils/demo"
        );
        assert_eq!(url("http://x/api", "v1/a"), "http://x/api/v1/a");
    }
}
