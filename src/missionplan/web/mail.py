"""Notices by e-mail: what concerns each person (their feed on *My work*: tasks late or due
soon, reviews asked of them, comments that mention them, deadlines of their tasks that
moved), sent through the configured SMTP server, each notice once, or as a daily digest.

Nothing is sent without a server (``MISSIONPLAN_SMTP_HOST`` unset): the feed alone, and no
error. A notice is remembered as sent only once the server has taken its mail, so a run
that fails sends it the next time. Each person gets what they may see: the feed is worked
out for their account, restricted comments for the cleared alone.
"""

from __future__ import annotations

import hashlib
import os
import smtplib
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage

from ..errors import MissionplanError
from ..process import FeedItem
from ..store.notices import mark_sent, sent_keys
from .accounts import Account, list_accounts
from .process import feed, my_tasks
from .state import WebState

__all__ = ["MailServer", "Sent", "compose", "notice_key", "send_notices"]

HOST_ENV = "MISSIONPLAN_SMTP_HOST"


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


def compose(account: Account, items: list[FeedItem], *, server: MailServer, day: date,
            digest: bool) -> EmailMessage:
    """The mail to ``account``: one line per notice with where to read more."""
    assert account.email is not None
    mail = EmailMessage()
    count = f"{len(items)} notice{'s' if len(items) != 1 else ''}"
    mail["Subject"] = (f"missionplan: your digest for {day.isoformat()} ({count})" if digest
                       else f"missionplan: {items[0].text}" if len(items) == 1
                       else f"missionplan: {count} for you")
    mail["From"] = server.sender
    mail["To"] = account.email
    lines = [f"Dear {account.display_name or account.name},", "",
             ("What concerns you in the workspace as of " if digest
              else "New in the workspace for you, as of ") + f"{day.isoformat()}:", ""]
    for item in items:
        lines.append(f"- {item.text}")
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
    try:
        with smtplib.SMTP(server.host, server.port, timeout=30) as smtp:
            if server.starttls:
                smtp.starttls()
            if server.user:
                smtp.login(server.user, server.password)
            for account, items, keys in outbox:
                smtp.send_message(compose(account, items, server=server, day=today,
                                          digest=digest))
                mark_sent(engine, account.name, keys)
                done.append(Sent(account.name, account.email or "", len(items), digest))
    except (OSError, smtplib.SMTPException) as exc:
        raise MissionplanError(
            f"the e-mail server at {server.host}:{server.port} did not take the notices "
            f"({exc}); {len(done)} of {len(outbox)} mails went out, the rest go next time",
            code="smtp-failed") from None
    return done
