"""The planning process from the command line: ``product``, ``tasks``, ``comment``,
``decision``, ``assign`` and ``align``.

The command line acts with the planning lead's rights on the workspace it opens (as every
other verb does: whoever holds the database holds the plan); the lifecycle's own rules
still hold (the human rights check before an endorsement, a draft saved over a newer one
refused), and ``--user`` names who did it in the audit log.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click
from rich.table import Table

from . import VERBS
from .common import (
    analysis_choice,
    analysis_options,
    console,
    db_option,
    emit_json,
    handle_errors,
    json_option,
    open_ws,
    parse_day,
    progress_bar,
    terminal_day,
    user_name,
    user_option,
)

__all__ = ["align", "assign", "comment", "decision", "lead", "product", "tasks"]


@click.group(help=VERBS["product"][2])
def product() -> None:
    pass


@product.command("list", help="Every product of the plan and where it stands.")
@db_option
@json_option
@handle_errors
def product_list(db: str | None, as_json: bool) -> None:
    from ..store import Products

    with open_ws(db) as ws:
        plan, statuses = ws.stored_plan(), Products(ws).statuses()
        if as_json:
            emit_json({"products": [{"id": p.id, "name": p.label(), "kind": p.kind.value,
                                     "owner": p.owner, "event": p.event,
                                     **statuses[p.id].to_json()} for p in plan.products]})
            return
        table = Table()
        for column in ("Product", "Owner", "Completes", "State"):
            table.add_column(column)
        for p in plan.products:
            table.add_row(p.id, p.owner or "—", p.event, statuses[p.id].state.label)
        console().print(table)


@product.command("show", help="A product: its state, human rights check and draft (Markdown). "
                              "Sections filled with the risk odds or the deployment estimate "
                              "run those analyses on the plan as it stands.")
@click.argument("product_id", metavar="PRODUCT")
@analysis_options
@db_option
@json_option
@handle_errors
def product_show(product_id: str, risk_samples: int | None, no_risk: bool, seed: int,
                 deployment: bool | None, deployment_seconds: float, db: str | None,
                 as_json: bool) -> None:
    from dataclasses import replace

    from ..outlook.analyses import run_analyses
    from ..process import filled, needs
    from ..schedule import build_schedule
    from ..store import Products

    with open_ws(db) as ws:
        store = Products(ws)
        item, status, draft = store.product(product_id), store.status(product_id), \
            store.draft(product_id)
        schedule = build_schedule(ws.current_plan(), as_of=ws.current_day().day)
        wanted = needs(s.fill for s in item.sections)
        options = analysis_choice(risk_samples, no_risk, seed, deployment, deployment_seconds)
        options = replace(options, risk_samples=options.risk_samples if "risk" in wanted else 0,
                          deployment=options.deployment if "deployment" in wanted else False)
        with progress_bar() as tick:
            runs = run_analyses(schedule.plan, schedule, options, progress=tick)
        texts = {s.id: filled(s.fill, schedule.plan, schedule, analyses=runs) if s.fill else
                 (draft[s.id].text if s.id in draft else "") for s in item.sections}
        if as_json:
            emit_json({**status.to_json(), "name": item.label(), "sections": [
                {"id": s.id, "title": s.title, "fill": s.fill.value if s.fill else None,
                 "version": draft[s.id].version if s.id in draft else 0, "text": texts[s.id]}
                for s in item.sections]})
            return
        click.echo(f"# {item.label()}\n\nState: {status.state.label}, edition {status.edition}")
        if item.human_rights_check:
            click.echo("Human rights check: " + (f"signed by {status.hr_checked_by}"
                                                 if status.hr_signed else "not signed"))
        for s in item.sections:
            click.echo(f"\n## {s.title}\n\n{texts[s.id] or '(not written yet)'}")


@product.command("move", help="Move a product: drafting, in_review, revision_requested, "
                              "validated, endorsed (dates its event), superseded.")
@click.argument("product_id", metavar="PRODUCT")
@click.argument("state")
@click.option("--note", default="", help="Why, for the audit log.")
@db_option
@user_option
@json_option
@handle_errors
def product_move(product_id: str, state: str, note: str, db: str | None, user: str | None,
                 as_json: bool) -> None:
    from ..process import Capacity
    from ..store import Products

    with open_ws(db) as ws:
        status = Products(ws).move(product_id, state, user=user_name(user), note=note,
                                   capacities={Capacity.lead})
    _said(status.to_json(), f"{product_id}: {status.state.label}", as_json=as_json)


@product.command("write", help="Save a section of a product's draft from FILE ('-': standard "
                               "input), refused if someone saved a newer version.")
@click.argument("product_id", metavar="PRODUCT")
@click.argument("section")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--base", "base", type=click.IntRange(min=0), default=None,
              help="The version the text was written from (default: the newest).")
@db_option
@user_option
@json_option
@handle_errors
def product_write(product_id: str, section: str, file: Path, base: int | None, db: str | None,
                  user: str | None, as_json: bool) -> None:
    from ..store import Products

    text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
    with open_ws(db) as ws:
        store = Products(ws)
        if base is None:
            latest = store.section(product_id, section)
            base = latest.version if latest else 0
        saved = store.write_section(product_id, section, text, user=user_name(user),
                                    base_version=base)
    _said(saved.to_json(), f"{product_id}/{section}: version {saved.version}", as_json=as_json)


@product.command("hr-check", help="Sign off a product's human rights compliance check.")
@click.argument("product_id", metavar="PRODUCT")
@click.option("--note", default="", help="What was checked.")
@db_option
@user_option
@json_option
@handle_errors
def product_hr_check(product_id: str, note: str, db: str | None, user: str | None,
                     as_json: bool) -> None:
    from ..store import Products

    with open_ws(db) as ws:
        status = Products(ws).sign_hr_check(product_id, user=user_name(user), note=note)
    _said(status.to_json(), f"{product_id}: human rights check signed by "
                            f"{status.hr_checked_by}", as_json=as_json)


@product.command("review", help="Ask an account to review a product, by a day (it is on "
                                "their work, and in their notices, until they answer).")
@click.argument("product_id", metavar="PRODUCT")
@click.argument("reviewer")
@click.option("--due", default=None, metavar="DATE", help="The day the review is due by.")
@db_option
@user_option
@json_option
@handle_errors
def product_review(product_id: str, reviewer: str, due: str | None, db: str | None,
                   user: str | None, as_json: bool) -> None:
    from ..errors import UnknownItemError
    from ..store import Discussion, Products
    from ..web.accounts import get_account

    day = parse_day(due, "--due") if due else None
    with open_ws(db) as ws:
        Products(ws).product(product_id)  # unknown-product, naming the closest
        if get_account(ws.engine, reviewer) is None:
            raise UnknownItemError(f"no user named '{reviewer}' ('missionplan user list')")
        asked = Discussion(ws).request_review(product_id, reviewer, user=user_name(user),
                                              due=day)
    by = f" by {day}" if day else ""
    _said(asked.to_json(), f"{product_id}: review asked of {reviewer}{by}", as_json=as_json)


def _said(data: dict[str, object], line: str, *, as_json: bool) -> None:
    if as_json:
        emit_json(data)
    else:
        click.echo(line)


@click.command(help=f"""{VERBS["tasks"][2]}

    Each task is due by the earliest deadline on its event (else the latest day the
    plan allows it), with why; --mine keeps the tasks of the actors --user acts for
    ('missionplan assign').""")
@click.option("--mine", is_flag=True, help="Only the tasks of the actors you act for.")
@click.option("--as-of", "as_of", default=None, metavar="DATE",
              help="The day (default: the workspace's current day).")
@db_option
@user_option
@json_option
@handle_errors
def tasks(mine: bool, as_of: str | None, db: str | None, user: str | None,
          as_json: bool) -> None:
    from ..process import plan_tasks
    from ..schedule import build_schedule
    from ..store import Discussion, Products

    with open_ws(db) as ws:
        day: date = parse_day(as_of, "--as-of") if as_of else ws.current_day().day
        plan = ws.current_plan()
        states = {k: v.state for k, v in Products(ws).statuses().items()}
        found = plan_tasks(plan, build_schedule(plan, as_of=day), states)
        if mine:
            me = user_name(user)
            actors = {a for a, names in Discussion(ws).assignments().items() if me in names}
            found = [t for t in found if t.actor in actors]
    if as_json:
        emit_json({"as_of": day.isoformat(), "tasks": [t.to_json() for t in found]})
        return
    table = Table(title=f"Tasks as of {terminal_day(day)}")
    for column in ("Due", "Status", "Task", "Actor", "Why this date"):
        table.add_column(column)
    for t in found:
        table.add_row(str(t.due or "—"), t.status.label, t.title, t.actor, t.why)
    console().print(table)


@click.group(help=VERBS["comment"][2])
def comment() -> None:
    pass


@comment.command("add", help="Comment on TARGET: an item id, or product:PRODUCT[:SECTION].")
@click.argument("target")
@click.argument("text")
@click.option("--reply-to", "parent", type=int, default=None, help="The comment answered.")
@click.option("--restricted", is_flag=True, help="For cleared people only.")
@db_option
@user_option
@json_option
@handle_errors
def comment_add(target: str, text: str, parent: int | None, restricted: bool, db: str | None,
                user: str | None, as_json: bool) -> None:
    from ..store import Discussion

    with open_ws(db) as ws:
        made = Discussion(ws).comment(target, text, user=user_name(user), parent=parent,
                                      restricted=restricted)
    _said(made.to_json(), f"comment {made.id} on {made.target}", as_json=as_json)


@comment.command("list", help="Comments (on TARGET), oldest first, restricted ones included.")
@click.argument("target", required=False)
@db_option
@json_option
@handle_errors
def comment_list(target: str | None, db: str | None, as_json: bool) -> None:
    from ..store import Discussion

    with open_ws(db) as ws:
        found = Discussion(ws).comments(target, cleared=True)
    if as_json:
        emit_json({"comments": [c.to_json() for c in found]})
        return
    for c in found:
        done = f" [resolved by {c.resolved_by}]" if c.resolved_by else ""
        reply = f" (reply to {c.parent})" if c.parent else ""
        click.echo(f"{c.id} {c.target} {c.author}{reply}{done}: {c.text}")


@comment.command("resolve", help="Resolve the thread of comment ID.")
@click.argument("comment_id", metavar="ID", type=int)
@db_option
@user_option
@json_option
@handle_errors
def comment_resolve(comment_id: int, db: str | None, user: str | None, as_json: bool) -> None:
    from ..store import Discussion

    with open_ws(db) as ws:
        done = Discussion(ws).resolve(comment_id, user=user_name(user))
    _said(done.to_json(), f"comment {done.id} resolved", as_json=as_json)


@click.group(help=VERBS["decision"][2])
def decision() -> None:
    pass


@decision.command("add", help="Log a decision: what, about which item (--concerns) or clause.")
@click.argument("text")
@click.option("--concerns", default="", metavar="ITEM", help="The item it concerns.")
@click.option("--source", default="", metavar="SECTION:LINE", help="The clause it concerns.")
@db_option
@user_option
@json_option
@handle_errors
def decision_add(text: str, concerns: str, source: str, db: str | None, user: str | None,
                 as_json: bool) -> None:
    from ..store import Discussion

    with open_ws(db) as ws:
        made = Discussion(ws).decide(text, user=user_name(user), concerns=concerns,
                                     source=source)
    _said(made.to_json(), f"decision {made.id} logged", as_json=as_json)


@decision.command("list", help="The decision log, oldest first.")
@db_option
@json_option
@handle_errors
def decision_list(db: str | None, as_json: bool) -> None:
    from ..store import Discussion

    with open_ws(db) as ws:
        found = Discussion(ws).decisions(cleared=True)
    if as_json:
        emit_json({"decisions": [d.to_json() for d in found]})
        return
    for d in found:
        about = f" [{d.concerns}]" if d.concerns else ""
        clause = f" ({d.source})" if d.source else ""
        click.echo(f"{d.decided_at:%Y-%m-%d} {d.decided_by}{about}{clause}: {d.text}")


@click.command(help=VERBS["assign"][2])
@click.argument("actor")
@click.argument("account")
@click.option("--remove", is_flag=True, help="The account no longer acts for the actor.")
@db_option
@user_option
@json_option
@handle_errors
def assign(actor: str, account: str, remove: bool, db: str | None, user: str | None,
           as_json: bool) -> None:
    from ..store import Discussion

    with open_ws(db) as ws:
        talk = Discussion(ws)
        if remove:
            talk.unassign(actor, account, user=user_name(user))
        else:
            talk.assign(actor, account, user=user_name(user))
        found = talk.assignments()
    _said({"assignments": found}, f"{actor}: {', '.join(found.get(actor, [])) or 'nobody'}",
          as_json=as_json)


@click.command(help=VERBS["align"][2])
@db_option
@json_option
@handle_errors
def align(db: str | None, as_json: bool) -> None:
    from ..process import alignment

    with open_ws(db) as ws:
        found = alignment(ws.stored_plan())
    if as_json:
        emit_json(found.to_json())
        return
    table = Table()
    table.add_column("Priority")
    for c in found.components:
        table.add_column(c)
    for pid, name in found.priorities:
        table.add_row(name, *(", ".join(found.cells.get((pid, c), [])) or "—"
                              for c in found.components))
    console().print(table)
    for pid in found.unserved:
        click.echo(f"warning[unserved-priority]: {pid} is served by no component")
    for line in found.unaligned:
        click.echo(f"warning[unaligned-line]: {line} serves no priority")


@click.command(help=f"""{VERBS["lead"][2]}

    --user names the account handing it over: the planning lead (who then takes the
    --then role) or an administrator. Recorded and audited ('missionplan history lead').""")
@click.argument("to", metavar="ACCOUNT")
@click.option("--note", default="", help="Why: the directive's moment, for the record.")
@click.option("--then", "then", default="contributor", show_default=True,
              help="The role the planning lead takes after handing over.")
@db_option
@user_option
@json_option
@handle_errors
def lead(to: str, note: str, then: str, db: str | None, user: str | None,
         as_json: bool) -> None:
    from ..errors import UnknownItemError, WorkspaceError
    from ..store import Discussion
    from ..web.accounts import Role, get_account
    from ..web.auth import Forbidden
    from ..web.process import hand_over_lead

    with open_ws(db) as ws:
        giver = get_account(ws.engine, user_name(user))
        if giver is None:
            raise UnknownItemError(f"no user named '{user_name(user)}': --user names the "
                                   "account handing over the lead")
        try:
            role = Role(then)
        except ValueError:
            raise WorkspaceError(f"'{then}' is not a role: use "
                                 + ", ".join(r.value for r in Role), code="bad-role") from None
        try:
            hand_over_lead(ws, giver, to, note=note, former_role=role)
        except Forbidden as exc:
            raise WorkspaceError(exc.message, code="forbidden") from None
        done = Discussion(ws).handovers()[-1]
    _said(done.to_json(), f"the lead is {done.to_account}'s", as_json=as_json)


@click.command(help=f"""{VERBS["notify"][2]}

    Every active account with an e-mail address ('missionplan user email NAME ADDRESS')
    gets what concerns it and was not mailed before: its tasks late or due soon, the
    reviews asked of it, the comments that mention it, the deadlines of its tasks that the
    last change of the plan moved (what 'My work' shows it, restricted items for the
    cleared alone). --digest sends everything that concerns each person now, once a day.
    The web server sends as changes happen; run this from cron for changes made on the
    command line (and daily with --digest). The server is
    $MISSIONPLAN_SMTP_HOST (and _PORT, _FROM, _USER, _PASSWORD, _STARTTLS); with none
    set, nothing is sent and the feed alone informs.""")
@click.option("--digest", is_flag=True, help="The day's digest instead of what is new.")
@db_option
@json_option
@handle_errors
def notify(digest: bool, db: str | None, as_json: bool) -> None:
    from ..store.engine import existing_workspace
    from ..web.mail import MailServer, send_notices
    from ..web.settings import Settings
    from ..web.state import open_state

    server = MailServer.from_env()
    if server is None:
        if as_json:
            emit_json({"server": None, "sent": []})
        else:
            click.echo("No e-mail server is set ($MISSIONPLAN_SMTP_HOST): nothing sent; "
                       "each person's feed on 'My work' tells them what concerns them.")
        return
    url = existing_workspace(db)
    if url is None:
        raise click.UsageError("notices come from a workspace: there is none here (--db)")
    state = open_state(Settings(db_url=url))
    try:
        sent = send_notices(state, server, digest=digest)
    finally:
        state.ws.engine.dispose()
    if as_json:
        emit_json({"server": f"{server.host}:{server.port}", "digest": digest,
                   "sent": [s.to_json() for s in sent]})
        return
    if not sent:
        click.echo("Nothing new to send." if not digest else
                   "No digest to send (sent today already, or nothing concerns anyone).")
    for s in sent:
        what = "digest" if s.digest else "new"
        click.echo(f"{s.account} <{s.email}>: {s.notices} notice{'s' if s.notices != 1 else ''}"
                   f" ({what})")
