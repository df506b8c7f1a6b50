"""One product walked from drafting to endorsement in a real Chromium, and its deadline on
the timeline turning done."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from missionplan.web.testing import PASSWORD

pytestmark = pytest.mark.browser


def test_a_product_from_drafting_to_endorsement_turns_its_deadline_done(
        browser: Any, server: str, artifacts: Path) -> None:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{server}/login")
    page.get_by_label("User name").fill("lead")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server}/")
    page.goto(f"{server}/timeline")
    row = page.locator("#deadline-isf_100_days_after_establishment")
    assert row.get_attribute("data-status") == "on_track"

    page.get_by_role("link", name="Products").click()
    page.get_by_role("link", name="Integrated Strategic Framework").click()
    assert page.locator("#state [data-state]").get_attribute("data-state") == "not_started"
    page.get_by_role("button", name="Move to drafting").click()
    page.locator("#text-vision").fill("## One UN\n\nThe mission and the *country team*.")
    page.locator("#section-vision").get_by_role("button", name="Save section").click()
    assert page.locator("#section-vision .draft em").inner_text() == "country team"
    assert page.locator("#section-matrix table").is_visible()  # filled by the plan
    page.get_by_role("button", name="Move to in review").click()
    page.get_by_role("button", name="Move to validated").click()
    assert page.get_by_text("not signed").is_visible()
    page.get_by_label("Compliance note").fill("Decision 2008/24 applied")
    page.get_by_role("button", name="Sign off the human rights check").click()
    assert page.get_by_text("signed by lead").is_visible()
    page.get_by_role("button", name="Move to endorsed").click()
    assert page.locator("#state [data-state]").get_attribute("data-state") == "endorsed"
    page.screenshot(path=str(artifacts / "product-endorsed.png"), full_page=True)

    page.goto(f"{server}/timeline")
    row = page.locator("#deadline-isf_100_days_after_establishment")
    assert row.get_attribute("data-status") == "done"
