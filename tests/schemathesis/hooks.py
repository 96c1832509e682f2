"""Schemathesis hooks for `cargo xtask test` (xtask/src/schemathesis.rs loads this file
through SCHEMATHESIS_HOOKS).

The API answers every error as RFC 9457 problem+json with a body the widget can read
(`shared::wire::Problem`); schemathesis's own checks hold each response to the OpenAPI
document, and this one holds every 4xx and 5xx to that rule even where the document
would allow something else.
"""

import json

import schemathesis


@schemathesis.check
def problem_json_errors(ctx, response, case):
    """Every 4xx and 5xx is application/problem+json with type, title, status and detail."""
    if response.status_code < 400:
        return None
    # schemathesis gives the headers with lower-case names and a list of values each.
    content_type = (response.headers.get("content-type") or [""])[0]
    media_type = content_type.split(";")[0].strip().lower()
    if media_type != "application/problem+json":
        raise AssertionError(
            f"{response.status_code} answered as {content_type or 'no content type'}, "
            "not application/problem+json"
        )
    try:
        body = json.loads(response.content)
    except ValueError as err:
        raise AssertionError(f"the problem body is not JSON: {err}") from None
    if not isinstance(body, dict):
        raise AssertionError("the problem body is not a JSON object")
    missing = [key for key in ("type", "title", "status", "detail") if key not in body]
    if missing:
        raise AssertionError(f"the problem body lacks {', '.join(missing)}")
    if body["status"] != response.status_code:
        raise AssertionError(
            f"the problem says status {body['status']} but the response is {response.status_code}"
        )
    return None
