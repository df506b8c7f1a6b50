"""The web workspace in French, and no console error on any page, in a real Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from missionplan.web.testing import PASSWORD

from .test_web_browser import _CONTRAST

pytestmark = pytest.mark.browser

PAGES = ("/", "/timeline", "/directive", "/criteria", "/risk", "/deployment", "/versions",
         "/plan/new", "/downloads")


def _signed_in(browser: Any, server: str, name: str) -> tuple[Any, list[str]]:
    """A page signed in as ``name``, and the console errors it collects from then on."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    page.goto(f"{server}/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{server}/")
    return page, errors


def test_no_page_logs_a_console_error(browser: Any, server: str) -> None:
    page, errors = _signed_in(browser, server, "admin")
    for path in PAGES:
        page.goto(f"{server}{path}")
        page.wait_for_load_state("networkidle")
    assert errors == []


def test_a_person_switches_to_french_and_the_frame_and_downloads_speak_it(
        browser: Any, server: str, artifacts: Path) -> None:
    page, errors = _signed_in(browser, server, "lead")
    page.goto(f"{server}/downloads")
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change language").click()
    page.wait_for_url(f"{server}/downloads")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.get_by_role("heading", name="Téléchargements", exact=True).is_visible()
    assert page.get_by_role("link", name="Tableau de bord").is_visible()
    assert page.get_by_role("button", name="Se déconnecter").is_visible()
    assert page.locator("#asof").inner_text().startswith("Au ")
    assert page.evaluate(_CONTRAST) == []
    page.screenshot(path=str(artifacts / "downloads-fr.png"), full_page=True)
    page.goto(f"{server}/")  # the choice stays with the person from page to page
    assert page.get_by_role("link", name="Téléchargements").is_visible()
    assert page.get_by_label("Langue").input_value() == "fr"
    with page.expect_download() as download:
        page.goto(f"{server}/downloads")
        page.locator('a[href="/downloads/brief.html"]').click()
    text = Path(download.value.path()).read_text("utf-8")
    assert "<h2>Synthèse</h2>" in text
    # a planning lead sees the restricted items, and the document is marked so
    assert "NU – DIFFUSION RESTREINTE" in text and "Distr.\u00a0: restreinte" in text
    assert errors == []


FRENCH_PAGES = (("/", "Critères de succès", 2), ("/timeline", "Calendrier", 1),
                ("/directive", "Directive", 1), ("/risk", "Risque", 1),
                ("/deployment", "Déploiement", 1),
                ("/options", "Analyse des options", 1),
                ("/downloads", "Téléchargements", 1))


def test_every_translated_page_reads_in_french(browser: Any, server: str,
                                               artifacts: Path) -> None:
    page, errors = _signed_in(browser, server, "admin")
    page.goto(f"{server}/downloads")
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change language").click()
    for path, heading, level in FRENCH_PAGES:
        page.goto(f"{server}{path}")
        assert page.evaluate("document.documentElement.lang") == "fr", path
        assert page.get_by_role("heading", name=heading, exact=True, level=level).is_visible()
        assert page.evaluate(_CONTRAST) == [], path
        page.screenshot(path=str(artifacts / f"fr{path.replace('/', '-') or '-'}.png"),
                        full_page=True)
    page.goto(f"{server}/risk")
    page.get_by_role("button", name="Lancer la simulation").click()
    page.wait_for_url(f"{server}/risk")
    assert page.get_by_role("heading", name="Ce que disent les probabilités").is_visible()
    page.goto(f"{server}/timeline")
    page.get_by_role("button", name="Voir les conséquences").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Échéances", exact=True).is_visible()
    assert errors == []
