"""``missionplan serve`` and ``missionplan user``: the web workspace and its accounts."""

from __future__ import annotations

import threading

import click

from ..store import open_workspace
from .common import console, emit_json, handle_errors, json_option, user_name

__all__ = ["serve", "user"]


@click.command(help="Run the web workspace (created on first run with the built-in plan).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--db", "db_url", default=None, help="Workspace database URL or SQLite file.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes: one per core serves a team faster.")
@click.option("--open", "open_browser", is_flag=True,
              help="Open the workspace in the default browser once it is up.")
@click.option("--behind-tls", is_flag=True,
              help="Behind an HTTPS proxy: cookies marked Secure, HSTS sent.")
@click.option("--trusted-proxy", default=None, metavar="IP",
              help="The reverse proxy's address, whose X-Forwarded-For names the client.")
@json_option
@handle_errors
def serve(host: str, port: int, db_url: str | None, workers: int, open_browser: bool,
          behind_tls: bool, trusted_proxy: str | None, as_json: bool) -> None:
    from ..web import Settings, first_run
    from ..web.serve import run

    settings = Settings(db_url=db_url, secure_cookies=behind_tls)
    password = first_run(settings)
    url = f"http://{host}:{port}/"
    if as_json:
        emit_json({"url": url, "admin_password": password})
    else:
        if password is not None:
            click.echo(f"First administrator: user 'admin', password '{password}' "
                       "(shown once: change it with 'missionplan user passwd admin').")
        click.echo(f"missionplan workspace at {url} (Ctrl+C stops it)")
    if open_browser:
        threading.Thread(target=_open_when_up, args=(url, host, port), daemon=True).start()
    run(settings, host=host, port=port, workers=workers, trusted_proxy=trusted_proxy)


def _open_when_up(url: str, host: str, port: int) -> None:
    """Open ``url`` in the default browser once the server accepts connections (a minute
    at most; on a machine without a browser nothing happens)."""
    import socket
    import time
    import webbrowser

    for _ in range(600):
        try:
            with socket.create_connection((host, port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.1)
    else:
        return
    webbrowser.open(url)


@click.group(help="Manage web workspace accounts.")
def user() -> None:
    pass


_ROLES = click.Choice(["administrator", "planning_lead", "component_planner", "contributor",
                       "viewer", "trainer", "syndicate_lead", "syndicate_member"])


@user.command("add", help="Create an account (the password is asked for).")
@click.argument("name")
@click.option("--role", type=_ROLES, required=True)
@click.option("--component", default=None, help="Component a planner edits.")
@click.option("--organisation", default=None, help="Organisation a contributor reports for.")
@click.option("--cleared", is_flag=True, help="May see restricted items.")
@click.option("--syndicate", default=None,
              help="The exercise syndicate of a syndicate lead or member.")
@click.option("--email", default=None, help="Where notices go ('missionplan notify').")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--db", "db_url", default=None, help="Workspace database URL or SQLite file.")
@json_option
@handle_errors
def add(name: str, role: str, component: str | None, organisation: str | None, cleared: bool,
        syndicate: str | None, email: str | None, password: str, db_url: str | None,
        as_json: bool) -> None:
    from ..web.accounts import add_account

    with open_workspace(db_url) as ws:
        account = add_account(ws.engine, name, role=role, password=password, by="cli",
                              component=component, organisation=organisation,
                              cleared=cleared, syndicate=syndicate, email=email)
    if as_json:
        emit_json(account.to_json())
    else:
        click.echo(f"added {account.name} ({account.role.label})")


@user.command("list", help="List accounts.")
@click.option("--db", "db_url", default=None, help="Workspace database URL or SQLite file.")
@json_option
@handle_errors
def list_(db_url: str | None, as_json: bool) -> None:
    from rich.table import Table

    from ..web.accounts import list_accounts

    with open_workspace(db_url) as ws:
        accounts = list_accounts(ws.engine)
    if as_json:
        emit_json([a.to_json() for a in accounts])
        return
    table = Table("User", "Role", "Syndicate", "Component", "Organisation", "Cleared",
                  "Active")
    for a in accounts:
        table.add_row(a.name, a.role.label, a.syndicate or "", a.component or "",
                      a.organisation or "", "yes" if a.cleared else "",
                      "yes" if a.active else "no")
    console().print(table)


@user.command("email", help="Set (or with no ADDRESS, remove) where an account's notices "
                             "go.")
@click.argument("name")
@click.argument("address", required=False, default=None)
@click.option("--db", "db_url", default=None, help="Workspace database URL or SQLite file.")
@json_option
@handle_errors
def email(name: str, address: str | None, db_url: str | None, as_json: bool) -> None:
    from ..web.accounts import set_email

    with open_workspace(db_url) as ws:
        account = set_email(ws.engine, name, address, by="cli")
    if as_json:
        emit_json(account.to_json())
    else:
        click.echo(f"{account.name}: notices go to {account.email}" if account.email else
                   f"{account.name}: no e-mail (the feed on 'My work' alone)")


@user.command("passwd", help="Change an account's password.")
@click.argument("name")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--db", "db_url", default=None, help="Workspace database URL or SQLite file.")
@json_option
@handle_errors
def passwd(name: str, password: str, db_url: str | None, as_json: bool) -> None:
    from ..web.accounts import set_password

    with open_workspace(db_url) as ws:
        set_password(ws.engine, name, password, by="cli")
    if as_json:
        emit_json({"user": name, "password": "changed"})
    else:
        click.echo(f"password of {name} changed")


@user.command("role", help="Change an account's role (and component, organisation).")
@click.argument("name")
@click.argument("role", type=_ROLES)
@click.option("--component", default=None)
@click.option("--organisation", default=None)
@click.option("--cleared/--not-cleared", default=None)
@click.option("--active/--inactive", default=None)
@click.option("--syndicate", default=None, help="For a syndicate lead or member.")
@click.option("--db", "db_url", default=None, help="Workspace database URL or SQLite file.")
@json_option
@handle_errors
def role(name: str, role: str, component: str | None, organisation: str | None,
         cleared: bool | None, active: bool | None, syndicate: str | None, db_url: str | None,
         as_json: bool) -> None:
    from ..web.accounts import set_role

    with open_workspace(db_url) as ws:
        set_role(ws.engine, name, role, by="cli", component=component,
                 organisation=organisation, cleared=cleared, active=active,
                 syndicate=syndicate)
    if as_json:
        emit_json({"user": name, "role": role})
    else:
        click.echo(f"{name} is now {role.replace('_', ' ')}")


@user.command("unlock", help="Lift a sign-in lock (and forget the failures) of an account "
              "or an address.")
@click.argument("name", required=False)
@click.option("--address", default=None, help="An address locked for too many failures.")
@click.option("--db", "db_url", default=None, help="Workspace database URL or SQLite file.")
@json_option
@handle_errors
def unlock(name: str | None, address: str | None, db_url: str | None, as_json: bool) -> None:
    from ..web.signin import lift

    if not name and not address:
        raise click.UsageError("name an account, an --address, or both")
    with open_workspace(db_url) as ws:
        lifted = lift(ws.engine, by=user_name(None), name=name, address=address)
    if as_json:
        emit_json({"lifted": lifted})
    else:
        click.echo(", ".join(lifted) + " lifted" if lifted else "nothing was locked")


@user.command("locked", help="List the accounts and addresses locked for failed sign-ins.")
@click.option("--db", "db_url", default=None, help="Workspace database URL or SQLite file.")
@json_option
@handle_errors
def locked_(db_url: str | None, as_json: bool) -> None:
    from ..web.signin import locked

    with open_workspace(db_url) as ws:
        holds = locked(ws.engine)
    if as_json:
        emit_json([h.to_json() for h in holds])
        return
    for h in holds:
        click.echo(f"{h.key}  until {h.until:%Y-%m-%d %H:%M} UTC  ({h.failures} failures)")
    if not holds:
        click.echo("nothing is locked")


@user.command("revoke", help="End every session of an account now (it signs in again).")
@click.argument("name")
@click.option("--db", "db_url", default=None, help="Workspace database URL or SQLite file.")
@json_option
@handle_errors
def revoke(name: str, db_url: str | None, as_json: bool) -> None:
    from ..web.signin import revoke_sessions

    with open_workspace(db_url) as ws:
        at = revoke_sessions(ws.engine, name, by=user_name(None))
    if as_json:
        emit_json({"user": name, "sessions_after": at.isoformat()})
    else:
        click.echo(f"every session of {name} begun before now has ended")


@user.command("totp-reset", help="Remove an account's second factor (a lost phone): it sets "
              "up a new one at its next sign-in if its role requires one.")
@click.argument("name")
@click.option("--db", "db_url", default=None, help="Workspace database URL or SQLite file.")
@json_option
@handle_errors
def totp_reset(name: str, db_url: str | None, as_json: bool) -> None:
    from ..web.totp import disable

    with open_workspace(db_url) as ws:
        removed = disable(ws.engine, name, by=user_name(None))
    if as_json:
        emit_json({"user": name, "removed": removed})
    else:
        click.echo(f"second factor of {name} removed" if removed
                   else f"{name} had no second factor")
