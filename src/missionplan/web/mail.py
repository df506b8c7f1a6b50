"""Notices by e-mail: what concerns each person (their feed on *My work*: tasks late or due
soon, reviews asked of them, comments that mention them, deadlines of their tasks that
moved), sent through the configured SMTP server, each notice once, or as a daily digest.

Nothing is sent without a server (``MISSIONPLAN_SMTP_HOST`` unset): the feed alone, and no
error. With one, the web server sends soon after each change (:class:`Courier`: a few
seconds later, so that a burst of changes goes as one mail) and every few minutes for what
the passing of time brings (a task due soon, a deadline gone late); ``missionplan
notify`` does the same from cron, and ``--digest`` sends the day's digest. A notice is
claimed before it is sent (two senders never send it twice) and released when the server
does not take it, so it goes the next time. Each person gets what they may see: the feed
is worked out for their account, restricted comments for the cleared alone.
"""

from __future__ import annotations

import hashlib
import logging
import os
import smtplib
import threading
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import MissionplanError
from ..process import FeedItem
from ..store.notices import claim, release, sent_keys
from .accounts import Account, list_accounts
from .process import feed, my_tasks
from .state import WebState

__all__ = ["Courier", "MailServer", "PokeOnChange", "Sent", "compose", "notice_key", "send_notices"]

HOST_ENV = "MISSIONPLAN_SMTP_HOST"
_LOG = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class MailServer:
    """Where notices go out: an SMTP server, and who they come from."""

    host: str
    port: int = 25
    sender: str = "missionplan@localhost"
    user: str = ""
    password: str = ""
    starttls: bool = False
    base_url: str = ""  # links in the mail are made absolute with it ('' keeps paths)

    @classmethod
    def from_env(cls) -> MailServer | None:
        """The server the environment names (``MISSIONPLAN_SMTP_*``), or None: no e-mail."""
        host = os.environ.get(HOST_ENV, "").strip()
        if not host:
            return None
        port = os.environ.get("MISSIONPLAN_SMTP_PORT", "25").strip()
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise MissionplanError(f"MISSIONPLAN_SMTP_PORT '{port}' is not a port number "
                                   "(1 to 65535)", code="bad-setting")
        return cls(host=host, port=int(port),
                   sender=os.environ.get("MISSIONPLAN_SMTP_FROM", "").strip()
                   or "missionplan@localhost",
                   user=os.environ.get("MISSIONPLAN_SMTP_USER", ""),
                   password=os.environ.get("MISSIONPLAN_SMTP_PASSWORD", ""),
                   starttls=os.environ.get("MISSIONPLAN_SMTP_STARTTLS", "").lower()
                   in ("1", "yes", "true", "on"),
                   base_url=os.environ.get("MISSIONPLAN_BASE_URL", "").rstrip("/"))


@dataclass(frozen=True, slots=True)
class Sent:
    """One mail sent: to whom, how many notices, whether it was the day's digest."""

    account: str
    email: str
    notices: int
    digest: bool

    def to_json(self) -> dict[str, object]:
        return {"account": self.account, "email": self.email, "notices": self.notices,
                "digest": self.digest}


def notice_key(item: FeedItem) -> str:
    """What a notice is known by: the same news is the same key, run after run."""
    text = f"{item.kind}\n{item.text}\n{item.link}".encode()
    return "notice:" + hashlib.sha256(text).hexdigest()[:40]


def _one_line(text: str, most: int = 120) -> str:
    """``text`` as a subject: one line (what a person wrote may hold line breaks), cut."""
    line = " ".join(text.split())
    return line if len(line) <= most else line[:most - 1].rstrip() + "…"


def compose(account: Account, items: list[FeedItem], *, server: MailServer, day: date,
            digest: bool) -> EmailMessage:
    """The mail to ``account``: one line per notice with where to read more."""
    assert account.email is not None
    mail = EmailMessage()
    count = f"{len(items)} notice{'s' if len(items) != 1 else ''}"
    mail["Subject"] = (f"missionplan: your digest for {day.isoformat()} ({count})" if digest
                       else f"missionplan: {_one_line(items[0].text)}" if len(items) == 1
                       else f"missionplan: {count} for you")
    mail["From"] = server.sender
    mail["To"] = account.email
    lines = [f"Dear {account.display_name or account.name},", "",
             ("What concerns you in the workspace as of " if digest
              else "New in the workspace for you, as of ") + f"{day.isoformat()}:", ""]
    for item in items:
        lines.append("- " + "\n  ".join(item.text.splitlines() or [""]))
        lines.append(f"  {server.base_url}{item.link}")
    lines += ["", "Your work and its feed are on 'My work' "
              f"({server.base_url}/work). Sent by missionplan."]
    mail.set_content("\n".join(lines))
    return mail


def send_notices(state: WebState, server: MailServer, *, digest: bool = False
                 ) -> list[Sent]:
    """Mail every active account with an address what concerns it and has not been sent
    (``digest``: everything that concerns it now, once a day). A ``MissionplanError``
    ``smtp-failed`` when the server cannot be reached or refuses; what it took before
    stays sent."""
    engine, today = state.ws.engine, state.today()
    outbox: list[tuple[Account, list[FeedItem], list[str]]] = []
    for account in list_accounts(engine):
        if not account.active or not account.email:
            continue
        items = feed(state, account, my_tasks(state, account))
        sent = sent_keys(engine, account.name)
        if digest:
            key = f"digest:{today.isoformat()}"
            if items and key not in sent:
                outbox.append((account, items, [key, *map(notice_key, items)]))
            continue
        fresh = [i for i in items if notice_key(i) not in sent]
        if fresh:
            outbox.append((account, fresh, [notice_key(i) for i in fresh]))
    done: list[Sent] = []
    if not outbox:
        return done
    account_name, claimed = "", set()
    try:
        with smtplib.SMTP(server.host, server.port, timeout=30) as smtp:
            if server.starttls:
                smtp.starttls()
            if server.user:
                smtp.login(server.user, server.password)
            for account, items, keys in outbox:
                account_name, claimed = account.name, claim(engine, account.name, keys)
                if digest:
                    if keys[0] not in claimed:  # another sender sent today's digest
                        continue
                else:
                    items = [i for i in items if notice_key(i) in claimed]
                    if not items:
                        continue
                smtp.send_message(compose(account, items, server=server, day=today,
                                          digest=digest))
                claimed = set()  # taken by the server: sent
                done.append(Sent(account.name, account.email or "", len(items), digest))
    except (OSError, smtplib.SMTPException) as exc:
        release(engine, account_name, claimed)
        raise MissionplanError(
            f"the e-mail server at {server.host}:{server.port} did not take the notices "
            f"({exc}); {len(done)} of {len(outbox)} mails went out, the rest go next time",
            code="smtp-failed") from None
    return done


class Courier:
    """Sends the notices of one web process: ``delay`` seconds after a change is
    :meth:`poke` d (changes within that time go together), and every ``interval``
    seconds for what time brings. Runs in a daemon thread; a server that fails is
    logged and tried again at the next change or interval, nothing lost."""

    def __init__(self, state: WebState, server: MailServer, *, delay: float = 3.0,
                 interval: float = 600.0) -> None:
        self.state, self.server = state, server
        self.delay, self.interval = delay, interval
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None
        self.sent: list[Sent] = []  # what this courier sent, newest last (for the log)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="missionplan-mail",
                                            daemon=True)
            self._thread.start()

    def poke(self) -> None:
        """Something changed: send what it concerns soon."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(timeout=self.interval)
            if self._stop.wait(timeout=self.delay):
                return
            self._wake.clear()
            try:
                self.sent += send_notices(self.state, self.server)
            except MissionplanError as exc:
                _LOG.warning("e-mail notices not sent: %s", exc)
            except Exception:  # a bug must not end the courier: the next run may send
                _LOG.exception("e-mail notices failed")


class PokeOnChange:
    """ASGI middleware: a request that changed something (a form or API write that
    succeeded) pokes the courier, so the notices it brings go out within seconds."""

    def __init__(self, app: ASGIApp, courier: Courier) -> None:
        self.app, self.courier = app, courier

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        status = 500

        async def sent(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        await self.app(scope, receive, sent)
        if status < 400:
            self.courier.poke()
