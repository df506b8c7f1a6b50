"""Notices by e-mail, against a real SMTP server the tests start (aiosmtpd): each person gets
what concerns them once, restricted comments for the cleared alone, a daily digest on
demand; no server, no mail and no error; a server that fails loses nothing."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient

from missionplan.cli import main
from missionplan.process import FeedItem
from missionplan.store import Discussion, open_workspace
from missionplan.web import create_app
from missionplan.web.accounts import Account, Role, set_email
from missionplan.web.mail import MailServer, compose, send_notices
from missionplan.web.settings import Settings
from missionplan.web.state import open_state
from missionplan.web.testing import demo_workspace
from webclient import free_port, sign_in


class _Inbox:
    """What the SMTP server received: one parsed message per mail (``refuse`` mails are
    refused first, as a full mailbox would)."""

    def __init__(self) -> None:
        self.mails: list[Message] = []
        self.refuse = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            self.refuse -= 1
            return "552 mailbox full"
        mail = message_from_bytes(envelope.content)
        mail["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.mails.append(mail)
        return "250 OK"

    def to(self, address: str) -> list[str]:
        return [m.get_payload(decode=True).decode() for m in self.mails  # type: ignore[union-attr]
                if m["To"] == address]


@pytest.fixture
def smtp() -> Iterator[tuple[_Inbox, int]]:
    from aiosmtpd.controller import Controller

    inbox = _Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def workspace(tmp_path: Path, db_url: str) -> str:
    """The demo workspace with addresses, a review asked of the viewer and a restricted
    comment that mentions the viewer and the cleared monitor."""
    url = demo_workspace(tmp_path, db_url=None if db_url.startswith("sqlite") else db_url
                         ).settings.db_url
    assert url is not None
    with open_workspace(url) as ws:
        for name in ("viewer", "monitor", "lead"):
            set_email(ws.engine, name, f"{name}@mission.example", by="test")
        talk = Discussion(ws)
        talk.assign("usg_dpko", "viewer", user="lead")
        talk.request_review("mission_concept", "viewer", user="lead", due=date(2027, 12, 20))
        talk.comment("product:mission_concept", "@viewer @monitor the annex on detainees",
                     user="lead", restricted=True)
        talk.comment("product:mission_concept", "@viewer please look at the timeline",
                     user="lead")
    return url


def _notify(url: str, port: int | None, *args: str) -> Result:
    env = {"MISSIONPLAN_SMTP_HOST": "127.0.0.1" if port else "",
           "MISSIONPLAN_SMTP_PORT": str(port or 25),
           "MISSIONPLAN_SMTP_FROM": "planning@mission.example",
           "MISSIONPLAN_BASE_URL": "https://plan.mission.example"}
    return CliRunner().invoke(main, ["notify", "--db", url, *args], env=env)


def test_each_person_is_mailed_what_concerns_them_once(
        workspace: str, smtp: tuple[_Inbox, int]) -> None:
    inbox, port = smtp
    result = _notify(workspace, port, "--json")
    assert result.exit_code == 0, result.output
    sent = {s["account"]: s for s in json.loads(result.stdout)["sent"]}
    assert {"viewer", "monitor"} <= set(sent) and "police" not in sent
    viewer = "\n".join(inbox.to("viewer@mission.example"))
    assert "review of mission_concept asked by lead, due 2027-12-20" in viewer
    assert "please look at the timeline" in viewer
    assert "you act for Under-Secretary-General for Peacekeeping Operations: " in viewer
    assert "detainees" not in viewer  # restricted: not for the uncleared
    assert "https://plan.mission.example/products/mission_concept" in viewer
    assert "detainees" in "\n".join(inbox.to("monitor@mission.example"))
    assert all(m["From"] == "planning@mission.example" for m in inbox.mails)
    count = len(inbox.mails)
    again = _notify(workspace, port)
    assert again.exit_code == 0 and "Nothing new to send." in again.stdout
    assert len(inbox.mails) == count
    with open_workspace(workspace) as ws:  # a new review is news: only it goes out
        Discussion(ws).request_review("sg_report", "viewer", user="lead")
    _notify(workspace, port)
    assert len(inbox.mails) == count + 1
    news = inbox.to("viewer@mission.example")[-1]
    assert "review of sg_report" in news and "mission_concept" not in news


def test_the_digest_goes_once_a_day_with_everything(
        workspace: str, smtp: tuple[_Inbox, int]) -> None:
    inbox, port = smtp
    assert _notify(workspace, port).exit_code == 0
    first = len(inbox.mails)
    digest = _notify(workspace, port, "--digest")
    assert digest.exit_code == 0, digest.output
    mails = inbox.mails[first:]
    assert {m["To"] for m in mails} >= {"viewer@mission.example", "monitor@mission.example"}
    assert all("digest for 2027-12-01" in m["Subject"] for m in mails)
    viewer = next(m for m in mails if m["To"] == "viewer@mission.example")
    assert "review of mission_concept" in viewer.get_payload(decode=True).decode()  # type: ignore[union-attr]
    twice = _notify(workspace, port, "--digest")
    assert "No digest to send" in twice.stdout and len(inbox.mails) == first + len(mails)


def test_no_server_means_the_feed_alone_and_no_error(workspace: str) -> None:
    result = _notify(workspace, None)
    assert result.exit_code == 0
    assert "No e-mail server is set" in result.stdout
    assert json.loads(_notify(workspace, None, "--json").stdout) == {"server": None,
                                                                     "sent": []}


def test_a_server_that_is_down_loses_nothing(workspace: str,
                                             smtp: tuple[_Inbox, int]) -> None:
    inbox, port = smtp
    down = _notify(workspace, free_port())
    assert down.exit_code == 2
    assert "smtp-failed" in down.output and "go next time" in down.output
    assert "Traceback" not in down.output
    assert _notify(workspace, port).exit_code == 0
    assert inbox.to("viewer@mission.example")


def test_addresses_are_checked(workspace: str) -> None:
    runner = CliRunner()
    bad = runner.invoke(main, ["user", "email", "viewer", "not an address", "--db", workspace])
    assert bad.exit_code == 2 and "bad-email" in bad.output
    gone = runner.invoke(main, ["user", "email", "viewer", "--db", workspace, "--json"])
    assert gone.exit_code == 0 and json.loads(gone.stdout)["email"] is None
    unknown = runner.invoke(main, ["user", "email", "nobody", "x@y.org", "--db", workspace])
    assert unknown.exit_code == 2 and "no user named 'nobody'" in unknown.output


def _wait_for(check: Callable[[], bool], seconds: float = 15.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.05)
    return check()


def test_a_change_on_the_web_mails_those_it_concerns_within_seconds(
        tmp_path: Path, db_url: str, smtp: tuple[_Inbox, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, port = smtp
    monkeypatch.setenv("MISSIONPLAN_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MISSIONPLAN_SMTP_PORT", str(port))
    settings = demo_workspace(tmp_path, db_url=None if db_url.startswith("sqlite")
                              else db_url).settings
    app = create_app(replace(settings, mail_delay=0.2, mail_interval=3600))
    try:
        set_email(app.state.web.ws.engine, "viewer", "viewer@mission.example", by="test")
        client = TestClient(app)
        token = sign_in(client, "lead")
        client.get("/products/isf")
        time.sleep(0.6)  # pages read change nothing: no mail
        assert inbox.mails == []
        answer = client.post("/comments", data={
            "target": "product:isf", "text": "@viewer the vision needs you",
            "csrf_token": token}, follow_redirects=False)
        assert answer.status_code == 303
        assert _wait_for(lambda: any("the vision needs you" in m
                                     for m in inbox.to("viewer@mission.example")))
        time.sleep(0.6)
        assert len(inbox.to("viewer@mission.example")) == 1  # once, not per request
    finally:
        app.state.courier.stop()


def test_two_senders_at_once_send_each_notice_once(
        workspace: str, smtp: tuple[_Inbox, int]) -> None:
    inbox, port = smtp
    server = MailServer(host="127.0.0.1", port=port)
    states = [open_state(Settings(db_url=workspace)) for _ in range(2)]
    try:
        with ThreadPoolExecutor(2) as pool:
            sent = [s for done in pool.map(lambda st: send_notices(st, server), states)
                    for s in done]
    finally:
        for state in states:
            state.ws.engine.dispose()
    to = [m["To"] for m in inbox.mails]
    assert sorted(to) == sorted(set(to)) and {"viewer@mission.example",
                                              "monitor@mission.example"} <= set(to)
    assert len(sent) == len(to)


def test_a_mail_the_server_refuses_goes_the_next_time(
        workspace: str, smtp: tuple[_Inbox, int]) -> None:
    inbox, port = smtp
    inbox.refuse = 1
    refused = _notify(workspace, port)
    assert refused.exit_code == 2 and "smtp-failed" in refused.output
    assert inbox.mails == []
    assert _notify(workspace, port).exit_code == 0
    assert inbox.to("viewer@mission.example") and inbox.to("monitor@mission.example")


def test_a_mail_shows_a_payload_as_text(workspace: str, smtp: tuple[_Inbox, int]) -> None:
    inbox, port = smtp
    payload = '<script>alert(1)</script> <img src=x onerror="alert(2)"> javascript:alert(3)'
    with open_workspace(workspace) as ws:
        Discussion(ws).comment("product:isf", f"@viewer {payload}\nSubject: forged",
                               user="lead")
    assert _notify(workspace, port).exit_code == 0
    mail = next(m for m in inbox.mails if m["To"] == "viewer@mission.example")
    assert [part.get_content_type() for part in mail.walk()] == ["text/plain"]
    assert payload in mail.get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert all(len(m.get_all("Subject") or []) == 1 for m in inbox.mails)
    one = compose(Account(name="viewer", role=Role.viewer, email="viewer@mission.example"),
                  [FeedItem("mentioned", "lead mentioned you: hello\r\nBcc: all@un.example",
                            "/work")],
                  server=MailServer(host="localhost"), day=date(2027, 12, 1), digest=False)
    assert one["Subject"] == "missionplan: lead mentioned you: hello Bcc: all@un.example"
    assert one["Bcc"] is None
