"""The pages in a real Chromium under the server's Content Security Policy: no violation
on any page (htmx's inline indicator style once raised one), and sign-in abuse seen as a
person sees it."""

from __future__ import annotations

from typing import Any

import pytest

from missionplan.web.testing import PASSWORD

pytestmark = pytest.mark.browser

PAGES = ("/", "/timeline", "/directive", "/criteria", "/risk", "/deployment", "/versions",
         "/plan/new", "/downloads", "/plan/items/component_conops_aligned_police")
_LISTEN = """() => { window.__violations = [];
  document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI)); }"""


def _sign_in(page: Any, server: str, name: str, password: str = PASSWORD) -> None:
    page.goto(f"{server}/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_no_page_raises_a_content_security_policy_violation(browser: Any,
                                                            server: str) -> None:
    context = browser.new_context()
    context.add_init_script(f"({_LISTEN})()")
    page = context.new_page()
    reports: list[str] = []
    page.on("console", lambda m: reports.append(m.text)
            if "Content Security Policy" in m.text else None)
    _sign_in(page, server, "admin")
    page.wait_for_url(f"{server}/")
    for path in PAGES:
        page.goto(f"{server}{path}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.htmx !== undefined"), path
        assert page.evaluate("window.__violations") == [], path
    page.goto(f"{server}/timeline")  # an htmx request, with its indicator
    page.locator("#anchor-isf_ready").fill("2028-01-20")
    page.locator("#anchor-isf_ready").dispatch_event("change")
    page.wait_for_selector(".whatif-note")
    assert page.evaluate("window.__violations") == []
    assert reports == []


def test_a_guessed_password_meets_a_wait_and_the_right_one_waits_too(
        browser: Any, server: str) -> None:
    page = browser.new_context().new_page()
    for _ in range(3):
        _sign_in(page, server, "lead", "wrong password here")
        assert page.get_by_role("alert").inner_text() == "Wrong user name or password."
    _sign_in(page, server, "lead")
    alert = page.get_by_role("alert").inner_text()
    assert alert.startswith("Too many failed sign-ins") and "Try again in" in alert
    assert "/login" in page.url


def test_turning_on_a_second_factor_and_signing_in_with_it(browser: Any, server: str,
                                                          artifacts: Any) -> None:
    import pyotp

    page = browser.new_context().new_page()
    _sign_in(page, server, "police")
    page.wait_for_url(f"{server}/")
    page.get_by_role("link", name="Second factor").click()
    secret = page.locator("#totp-secret").inner_text()
    page.screenshot(path=str(artifacts / "second-factor-setup.png"), full_page=True)
    page.get_by_label("Code from the app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on").click()
    assert page.locator("#recovery-codes li").count() == 10
    recovery = page.locator("#recovery-codes li").first.inner_text()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{server}/login")
    _sign_in(page, server, "police")
    page.wait_for_url("**/login/second**")
    page.screenshot(path=str(artifacts / "second-factor-code.png"), full_page=True)
    page.get_by_label("Code from your authenticator app, or a recovery code").fill(recovery)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{server}/")
    assert page.get_by_role("heading", name="Criteria for success").is_visible()
