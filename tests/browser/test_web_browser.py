"""The web workspace as people use it, in a real Chromium: screenshots in test-artifacts/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from missionplan.web.testing import PASSWORD

pytestmark = pytest.mark.browser


def _page(browser: Any, *, width: int = 1280) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 900})
    return context.new_page()


def _sign_in(page: Any, server: str, name: str) -> None:
    page.goto(f"{server}/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server}/")


def test_sign_in_and_read_every_page(browser: Any, server: str, artifacts: Path) -> None:
    page = _page(browser)
    page.goto(f"{server}/")
    assert "/login" in page.url
    page.screenshot(path=str(artifacts / "login.png"))
    _sign_in(page, server, "admin")
    assert page.get_by_role("heading", name="Criteria for success").is_visible()
    assert page.locator("#h-due").is_visible()
    page.screenshot(path=str(artifacts / "dashboard.png"), full_page=True)
    for path, heading in (("/timeline", "Timeline"), ("/directive", "Directive"),
                          ("/criteria", "Criteria and indicators")):
        page.goto(f"{server}{path}")
        assert page.get_by_role("heading", name=heading, exact=True).is_visible()
        page.screenshot(path=str(artifacts / f"{path.strip('/')}.png"), full_page=True)
    tablet = _page(browser, width=800)
    _sign_in(tablet, server, "viewer")
    tablet.screenshot(path=str(artifacts / "dashboard-tablet.png"), full_page=True)
    width = tablet.evaluate("document.documentElement.scrollWidth")
    assert width <= 800


def test_assuming_a_later_date_puts_a_deadline_at_risk(browser: Any, server: str,
                                                       artifacts: Path) -> None:
    page = _page(browser)
    _sign_in(page, server, "lead")
    page.goto(f"{server}/timeline")
    row = page.locator("#deadline-isf_100_days_after_establishment")
    assert row.get_attribute("data-status") == "on_track"
    page.locator("#anchor-isf_ready").fill("2028-01-20")  # three weeks past its 100 days
    page.locator("#anchor-isf_ready").dispatch_event("change")
    page.wait_for_selector(".whatif-note")
    row = page.locator("#deadline-isf_100_days_after_establishment")
    assert row.get_attribute("data-status") == "at_risk"
    page.screenshot(path=str(artifacts / "timeline-whatif.png"), full_page=True)
    page.goto(f"{server}/timeline")  # nothing was saved
    row = page.locator("#deadline-isf_100_days_after_establishment")
    assert row.get_attribute("data-status") == "on_track"


def test_recording_an_observation_changes_a_status(browser: Any, server: str,
                                                   artifacts: Path) -> None:
    page = _page(browser)
    _sign_in(page, server, "agency")
    page.goto(f"{server}/criteria")
    status = page.locator("#indicator-idps_returned .status").first
    before = status.inner_text()
    page.get_by_label("Indicator").select_option("idps_returned")
    page.get_by_label("Date", exact=True).fill("2027-11-30")  # the latest, before the day
    page.get_by_label("Value").fill("400000")
    page.get_by_role("button", name="Record observation").click()
    page.wait_for_url(f"{server}/criteria")
    after = page.locator("#indicator-idps_returned .status").first.inner_text()
    assert after != before
    assert after == "met"
    page.screenshot(path=str(artifacts / "criteria-recorded.png"), full_page=True)


def test_a_component_planner_is_denied_outside_their_component(browser: Any, server: str,
                                                               artifacts: Path) -> None:
    page = _page(browser)
    _sign_in(page, server, "police")
    page.goto(f"{server}/criteria")
    options = page.locator("#act-event option").all_inner_texts()
    assert any("Police" in o for o in options)
    assert not any("Military" in o for o in options)
    page.goto(f"{server}/timeline")
    page.locator("#actual-component_conops_aligned_military").fill("2027-02-20")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("alert").is_visible()
    assert "may not record" in page.get_by_role("alert").inner_text()
    page.screenshot(path=str(artifacts / "planner-denied.png"))


def test_a_viewer_cannot_see_a_restricted_item_anywhere(browser: Any, server: str,
                                                        artifacts: Path) -> None:
    page = _page(browser)
    _sign_in(page, server, "viewer")
    for path in ("/", "/timeline", "/directive", "/criteria", "/api/plans/current",
                 "/api/search?q=refugee"):
        page.goto(f"{server}{path}")
        text = page.content()
        assert "refugees_returned" not in text, path
        assert "Refugees returned" not in text, path
    page.goto(f"{server}/criteria")
    page.screenshot(path=str(artifacts / "viewer-criteria.png"), full_page=True)


def test_risk_deployment_versions_and_add_item_pages(browser: Any, server: str,
                                                     artifacts: Path) -> None:
    page = _page(browser)
    _sign_in(page, server, "lead")
    page.goto(f"{server}/risk")
    page.get_by_role("button", name="Run the simulation").click()
    page.wait_for_selector("#risk-sentences")
    assert page.locator("tr[id^=risk-deadline-]").count() > 0
    page.screenshot(path=str(artifacts / "risk.png"), full_page=True)
    page.goto(f"{server}/deployment")
    assert page.locator("svg.map polygon").count() > 0
    page.get_by_role("button", name="Plan the deployment").click()
    page.wait_for_selector("#movements")
    assert page.locator("svg.map line.leg").count() > 0
    assert page.locator("#movements tbody tr").count() > 0
    page.screenshot(path=str(artifacts / "deployment.png"), full_page=True)
    page.goto(f"{server}/plan/new")
    page.get_by_label("List").select_option("events")
    page.get_by_label("Item (plan file YAML)").fill("id: liaison_office_opened\n"
                                                     "name: Liaison office opened\n")
    page.get_by_role("button", name="Add as a new version").click()
    page.wait_for_url(f"{server}/plan/items/liaison_office_opened")
    assert "approval proposed" in page.content()
    page.screenshot(path=str(artifacts / "item-proposed.png"), full_page=True)
    page.goto(f"{server}/versions")
    page.get_by_role("button", name="Set version 2 as the baseline").click()
    page.wait_for_selector("#version-2 .tag")
    # the page compares the baseline with the newest version: the added item shows
    assert "liaison_office_opened" in page.locator("#diff tr.diff-added").inner_html()
    page.get_by_label("From version").select_option("3")
    page.get_by_label("To version").select_option("3")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_selector("#diff")
    assert page.locator("#diff tr.diff-added").count() == 0
    page.get_by_label("From version").select_option("1")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_selector("#diff tr.diff-changed")
    page.screenshot(path=str(artifacts / "versions.png"), full_page=True)
    page.goto(f"{server}/timeline")
    assert page.get_by_role("columnheader", name="Baseline (v2)").is_visible()
    page.screenshot(path=str(artifacts / "timeline-baseline.png"), full_page=True)


_CONTRAST = """() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92
                                                    : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const worst = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const box = el.getBoundingClientRect();
    if (!own || box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('svg')) continue;
    const a = lum(rgb(style.color).slice(0, 3)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const large = parseFloat(style.fontSize) >= 24 ||
                  (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) worst.push(`${el.tagName} "${el.textContent.trim()
      .slice(0, 30)}" ${ratio.toFixed(2)}`);
  }
  return worst;
}"""


def test_every_page_has_readable_contrast_and_works_from_the_keyboard(
        browser: Any, server: str) -> None:
    page = _page(browser)
    _sign_in(page, server, "admin")
    for path in ("/", "/timeline", "/directive", "/criteria", "/versions", "/plan/new",
                 "/downloads"):
        page.goto(f"{server}{path}")
        assert page.evaluate(_CONTRAST) == [], path  # WCAG 2 AA: 4.5:1, 3:1 large text
    page.goto(f"{server}/")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent.trim()")
    assert "skip" in first.lower()  # the first Tab offers to skip to the content
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement;
            const s = getComputedStyle(e);
            return [e.getAttribute('href'), parseFloat(s.outlineWidth), s.outlineStyle]; }""")
        if focused[0]:
            reached.add(focused[0])
            assert focused[1] >= 2 and focused[2] != "none", focused  # focus is visible
    assert {"/", "/timeline", "/directive", "/criteria", "/versions"} <= reached


def test_a_date_against_logic_is_refused_then_recorded_as_a_correction(
        browser: Any, server: str, artifacts: Path) -> None:
    page = _page(browser)
    _sign_in(page, server, "lead")
    page.goto(f"{server}/criteria")
    page.locator("#act-event").select_option("isf_ready")
    page.locator("#act-day").fill("2027-09-01")  # before the headquarters it follows
    page.get_by_role("button", name="Record date").click()
    alert = page.get_by_role("alert")
    assert alert.is_visible() and "cannot have happened on 2027-09-01" in alert.inner_text()
    assert "Integrated mission headquarters established" in alert.inner_text()
    page.screenshot(path=str(artifacts / "actual-refused.png"))
    page.goto(f"{server}/criteria")
    page.locator("#act-event").select_option("isf_ready")
    page.locator("#act-day").fill("2027-09-01")
    page.get_by_label("A date the plan's logic forbids").check()
    page.get_by_label("Why (for the audit log)").fill("the ISF was drafted ahead")
    page.get_by_role("button", name="Record date").click()
    page.wait_for_url(f"{server}/criteria?recorded=isf_ready#recorded")
    assert "Integrated Strategic Framework happened on 2027-09-01" in page.locator(
        ".notice").inner_text()
    assert page.locator("#actual-isf_ready .tag").inner_text() == "logic corrected"
    page.screenshot(path=str(artifacts / "actual-corrected.png"), full_page=True)
    page.locator("#actual-isf_ready").get_by_role("button", name="Clear").click()
    page.wait_for_url(f"{server}/criteria?recorded=isf_ready#recorded")
    assert "no date recorded (cleared)" in page.locator(".notice").inner_text()
    assert page.locator("#actual-isf_ready").count() == 0


def test_the_lead_tries_one_more_planner_on_the_resources_page(browser: Any, server: str,
                                                               artifacts: Path) -> None:
    page = _page(browser)
    _sign_in(page, server, "lead")
    page.get_by_role("link", name="Resources").click()
    page.wait_for_url(f"{server}/resources")
    assert page.get_by_role("heading", name="Resources", exact=True).is_visible()
    assert page.locator("#levelling-verdict").get_attribute("data-status") == "optimal"
    assert page.locator("#resources tbody tr").count() == 4
    assert page.locator("#resource-helicopters svg.load rect.bar-fg").count() > 0
    page.get_by_label("Resource").select_option("itf_planners")
    page.get_by_role("button", name="Try one more unit").click()
    page.wait_for_selector("#trial")
    assert "With one more unit of itf_planners" in page.locator("#trial").inner_text()
    assert "more=itf_planners" in page.url
    page.screenshot(path=str(artifacts / "resources-one-more.png"), full_page=True)
