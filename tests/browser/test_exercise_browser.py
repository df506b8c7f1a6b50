"""A short exercise end to end in a real Chromium: the trainer moves the clock, a syndicate
reads the inject in its inbox and answers it, the trainer compares the syndicates and
downloads the after-action review. Screenshots in test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from missionplan.store import open_workspace
from missionplan.web.exercise import wait_for_impacts
from missionplan.web.testing import PASSWORD, exercise_workspace

from .conftest import live_server

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("web-exercise")]


@pytest.fixture
def exercise_server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    settings = exercise_workspace(tmp_path)
    assert settings.db_url is not None
    with live_server(settings) as url:
        yield url, settings.db_url
        assert wait_for_impacts(300)


def _sign_in(browser: Any, server: str, name: str) -> Any:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{server}/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server}/")
    return page


def test_a_short_exercise_end_to_end(browser: Any, exercise_server: tuple[str, str],
                                     artifacts: Path) -> None:
    server, url = exercise_server
    trainer = _sign_in(browser, server, "trainer")
    trainer.get_by_role("link", name="Exercise", exact=True).click()
    trainer.wait_for_url(f"{server}/exercise")
    assert trainer.locator("#master-tam_clearances_held").is_visible()
    trainer.get_by_label("Move on by").fill("14d")
    trainer.get_by_role("button", name="Advance").click()
    trainer.wait_for_url(f"{server}/exercise")
    assert trainer.locator("#asof time").get_attribute("datetime") == "2027-06-07"
    assert trainer.locator("#master-tam_clearances_held td").nth(5).inner_text() == "2027-06-07"
    trainer.screenshot(path=str(artifacts / "exercise.png"), full_page=True)

    # the syndicate reads the inject and what it broke (the page fills in once measured)
    lead = _sign_in(browser, server, "alpha_lead")
    assert "Syndicate Alpha's plan" in lead.locator("#whose").inner_text()
    assert lead.locator("#latest-injects .inject").count() == 3
    lead.get_by_role("link", name="Inbox", exact=True).click()
    inject = lead.locator("#inject-tam_clearances_held")
    assert "Visas and flight clearances" in inject.inner_text()
    inject.locator(".impact").wait_for(timeout=120_000)
    assert "TAM deployed within 14 days" in inject.locator(".impact").inner_text()
    lead.screenshot(path=str(artifacts / "exercise-inbox.png"), full_page=True)

    # and answers: the TAM goes earlier than the delay says, saved as a new version
    lead.goto(f"{server}/timeline")
    lead.locator("#anchor-tam_deployed").fill("2027-06-14")
    lead.get_by_role("button", name="Save as a new version").click()
    lead.wait_for_url(f"{server}/timeline")
    with open_workspace(url) as ws:
        assert ws.on("alpha").plan_versions()[-1].created_by == "alpha_lead"
        assert ws.on("bravo").plan_versions()[-1].created_by != "alpha_lead"

    # the trainer compares the two syndicates and takes the review away
    trainer.goto(f"{server}/exercise/review")
    side = trainer.locator("#side-by-side")
    assert "Syndicate Alpha" in side.inner_text() and "Syndicate Bravo" in side.inner_text()
    assert trainer.locator("#pair").is_visible()
    assert "tam_deployed" in trainer.locator("#pair").inner_text().replace(" ", "_").lower() \
        or "Technical assessment" in trainer.locator("#pair").inner_text()
    assert trainer.locator("#decisions-1").is_visible()
    trainer.screenshot(path=str(artifacts / "exercise-review.png"), full_page=True)
    with trainer.expect_download() as download:
        trainer.get_by_role("link", name="PDF").click()
    saved = artifacts / "exercise-aar.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
