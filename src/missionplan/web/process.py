"""The planning process for the web: what each person is to each product, what they may do
with it, and the page data of products, drafts, comments, tasks and decisions.

An account acts for an actor of the plan when an administrator or lead assigned it
(``actor_account``), when its organisation is the actor's id, or, for a component
planner, when the product belongs to their component. The planning lead's roles
(:func:`missionplan.web.auth.may_approve`) are the ``lead`` of every product; viewers are
nothing to any. Only a cleared person (:func:`~missionplan.web.visibility.is_cleared`) who
reviews the product, or a cleared lead, signs the human rights check; restricted sections
and comments reach cleared people alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..model import Plan, Product, ProductSection
from ..process import (
    Capacity,
    FeedItem,
    State,
    Task,
    filled,
    moves_for,
    needs,
    plan_tasks,
    runnable,
    to_html,
)
from ..store import (
    Comment,
    Discussion,
    Products,
    ProductStatus,
    ReviewRequest,
    SectionDraft,
    Workspace,
)
from .accounts import Account, Role
from .auth import Forbidden, may_approve, require
from .state import WebState
from .views import schedule_of
from .visibility import is_cleared

__all__ = ["ProductView", "SectionView", "acts_for", "capacities", "comment",
           "comments_seen", "move", "my_tasks", "product_states", "product_view",
           "reviews_asked", "sign_hr", "write_section"]


def acts_for(state: WebState, account: Account) -> set[str]:
    """The actors of the plan ``account`` acts for."""
    assigned = assignments(state)
    mine = {actor for actor, names in assigned.items() if account.name in names}
    if account.organisation:
        mine.add(account.organisation)
    return mine


def capacities(state: WebState, account: Account, product: Product) -> frozenset[Capacity]:
    """What ``account`` is to ``product``."""
    if account.role is Role.viewer:
        return frozenset()
    found: set[Capacity] = {Capacity.lead} if may_approve(account) else set()
    actors = acts_for(state, account)
    planner = account.role is Role.component_planner and account.component
    if product.owner in actors or (planner and product.component == account.component):
        found.add(Capacity.owner)
    if actors & set(product.contributors):
        found.add(Capacity.contributor)
    if actors & set(product.reviewers):
        found.add(Capacity.reviewer)
    return frozenset(found)


def may_sign_hr(state: WebState, account: Account, product: Product) -> bool:
    mine = capacities(state, account, product)
    return is_cleared(account) and bool(mine & {Capacity.reviewer, Capacity.lead})


def visible_product(state: WebState, account: Account, product_id: str) -> Product:
    from ..errors import UnknownItemError

    for product in state.plan_for(account).products:
        if product.id == product_id:
            return product
    raise UnknownItemError(f"the plan has no product '{product_id}'", code="unknown-product")


@dataclass(frozen=True, slots=True)
class SectionView:
    section: ProductSection
    draft: SectionDraft | None
    markdown: str  # the draft or the plan's fill
    html: str  # the same, as HTML
    pending: str | None = None  # the analysis (risk, deployment) the fill awaits

    @property
    def version(self) -> int:
        return self.draft.version if self.draft else 0


@dataclass(frozen=True, slots=True)
class ProductView:
    product: Product
    status: ProductStatus
    sections: list[SectionView]
    moves: list[State]
    capacities: frozenset[Capacity]
    may_write: bool
    may_sign_hr: bool
    due: date | None
    why: str
    comments: list[Comment]


def _sections(plan: Plan, product: Product, drafts: dict[str, SectionDraft],
              cleared: bool, as_of: date, state: WebState,
              account: Account) -> list[SectionView]:
    """The sections ``account`` may see; the risk and deployment fills read the runs kept
    for the plan as they see it (none is started here: a section says when one is due)."""
    from ..outlook.analyses import Analyses
    from .analysis import cached_deployment, cached_risk

    schedule = schedule_of(plan, as_of, state=state)
    wanted = needs(s.fill for s in product.sections)
    risk = cached_risk(state, account) if "risk" in wanted else None
    deployment = cached_deployment(state, account) if "deployment" in wanted else None
    synthetic = deployment is not None and deployment.data.synthetic
    runs = Analyses(risk=risk.result if risk else None,
                    deployment=deployment.result if deployment else None,
                    deployment_synthetic=synthetic)
    ran = {"risk": risk is not None, "deployment": deployment is not None}
    out = []
    for section in product.sections:
        if section.restricted and not cleared:
            continue
        draft = drafts.get(section.id)
        text = (filled(section.fill, plan, schedule, analyses=runs)
                if section.fill is not None else draft.text if draft else "")
        awaits = (section.fill.analysis if section.fill is not None
                  and runnable(section.fill, plan) else None)
        out.append(SectionView(section, draft, text, to_html(text),
                               awaits if awaits and not ran[awaits] else None))
    return out


def product_view(state: WebState, account: Account, product_id: str) -> ProductView:
    """A product as ``account`` sees it: sections (restricted ones for the cleared), the
    moves they may make, its due date and why, the comments on it."""
    from ..process import due_of

    product = visible_product(state, account, product_id)
    plan = state.plan_for(account)
    store = Products(state.ws)
    status = store.statuses()[product.id]
    cleared = is_cleared(account)
    mine = capacities(state, account, product)
    sections = _sections(plan, product, store.draft(product.id), cleared, state.today(), state,
                         account)
    due, why = due_of(schedule_of(plan, state.today(), state=state), product.event)
    talk = [c for c in comments_seen(state, account)
            if c.target.split(":")[:2] == ["product", product.id]]
    return ProductView(product, status, sections, moves_for(status.state, mine), mine,
                       bool(mine - {Capacity.reviewer}) and status.state in (
                           State.not_started, State.drafting, State.revision_requested),
                       may_sign_hr(state, account, product), due, why, talk)


def move(state: WebState, account: Account, product_id: str, to: str) -> ProductStatus:
    """Move a product as ``account``; a move the lifecycle has but their role may not make
    is Forbidden (403)."""
    from ..process import MOVES

    product = visible_product(state, account, product_id)
    mine = capacities(state, account, product)
    store = Products(state.ws)
    now = store.statuses()[product.id].state
    allowed = next((who for (frm, dest), who in MOVES.items()
                    if frm is now and dest.value == to), None)
    require(allowed is None or bool(allowed & mine),
            f"moving '{product_id}' from {now.label} to {to.replace('_', ' ')} is for its "
            + " or ".join(sorted(c.value for c in allowed or ())))
    return store.move(product.id, to, user=account.name, capacities=mine)


def write_section(state: WebState, account: Account, product_id: str, section_id: str,
                  text: str, base_version: int) -> SectionDraft:
    product = visible_product(state, account, product_id)
    section = product.section(section_id)
    if section is not None and section.restricted and not is_cleared(account):
        raise Forbidden(f"section '{section_id}' is restricted: cleared people only")
    mine = capacities(state, account, product)
    require(bool(mine - {Capacity.reviewer}), f"the draft of '{product_id}' is written by "
            "its owner, contributors and the planning lead")
    return Products(state.ws).write_section(product.id, section_id, text, user=account.name,
                                            base_version=base_version)


def sign_hr(state: WebState, account: Account, product_id: str, note: str) -> ProductStatus:
    product = visible_product(state, account, product_id)
    require(may_sign_hr(state, account, product), "the human rights compliance check is "
            "signed by a cleared reviewer of the product or a cleared planning lead")
    return Products(state.ws).sign_hr_check(product.id, user=account.name, note=note)


def comment(state: WebState, account: Account, target: str, text: str,
            parent: int | None) -> Comment:
    """Comment on ``target`` as ``account`` (viewers may not); a comment on a restricted
    section is restricted."""
    require(account.role is not Role.viewer, "viewers read; they do not comment")
    restricted = False
    parts = target.split(":")
    if parts[0] == "product" and len(parts) >= 2:
        product = visible_product(state, account, parts[1])
        section = product.section(parts[2]) if len(parts) > 2 else None
        restricted = bool(section and section.restricted)
        if restricted and not is_cleared(account):
            raise Forbidden("the section is restricted: cleared people only")
    return Discussion(state.ws).comment(target, text, user=account.name, parent=parent,
                                        restricted=restricted)


def my_tasks(state: WebState, account: Account, *, mine: bool = True) -> list[Task]:
    """The tasks of the actors ``account`` acts for (``mine``), else every task."""
    plan = state.plan_for(account)
    schedule = schedule_of(plan, state.today(), state=state)
    states = {k: v.state for k, v in product_states(state).items()}
    tasks = plan_tasks(plan, schedule, states)
    if not mine:
        return tasks
    actors = acts_for(state, account)
    components = {p.id for p in plan.products if account.component and
                  p.component == account.component}
    return [t for t in tasks if t.actor in actors or t.serves in components]


def export_html(view: ProductView) -> str:
    """The product's draft as one HTML document (what the person may see of it)."""
    from markupsafe import escape

    parts: list[Any] = [f"<h1>{escape(view.product.label())}</h1>",
                        f"<p>{escape(view.status.state.label)}, edition "
                        f"{view.status.edition}</p>"]
    for s in view.sections:
        parts += [f"<h2>{escape(s.section.title)}</h2>", s.html]
    body = "\n".join(str(p) for p in parts)
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
            f"{escape(view.product.label())}</title></head><body>{body}</body></html>")


def hand_over_lead(ws: Workspace, account: Account, to: str, *, note: str = "",
                   former_role: Role = Role.contributor) -> None:
    """Hand the planning lead to account ``to`` (the directive: the SRSG assumes the lead
    once the USG's directive is issued): ``to`` becomes a planning lead and, when the
    giver is the planning lead, the giver takes ``former_role``; recorded and audited in
    one transaction. For the planning lead and administrators."""
    from sqlalchemy import select, update

    from ..errors import UnknownItemError
    from ..store import audit as audit_log
    from ..store.engine import write_transaction
    from ..store.schema import Account as AccountRow
    from ..store.schema import table

    require(account.role in (Role.administrator, Role.planning_lead),
            "the planning lead (or an administrator) hands over the lead")
    rows = table(AccountRow)
    giver = account.name if account.role is Role.planning_lead else None
    with write_transaction(ws.engine) as conn:
        found = conn.execute(select(rows.c.role).where(rows.c.name == to)).first()
        if found is None:
            raise UnknownItemError(f"no user named '{to}'")
        changes = [(to, found.role, Role.planning_lead)]
        if giver is not None and giver != to:
            changes.append((giver, account.role.value, former_role))
        for name, before, after in changes:
            conn.execute(update(rows).where(rows.c.name == name).values(
                role=after.value, syndicate=None))
            audit_log.write(conn, user=account.name, action="account.role",
                            item=f"account:{name}", before={"role": before},
                            after={"role": after.value, "why": "lead handover"})
        Discussion(ws).record_handover(conn, giver, to, user=account.name, note=note)


def request_review(state: WebState, account: Account, product_id: str, reviewer: str,
                   due: date | None) -> None:
    """Ask account ``reviewer`` to review a product by ``due`` (its owner or the lead)."""
    from ..errors import UnknownItemError

    product = visible_product(state, account, product_id)
    mine = capacities(state, account, product)
    require(bool(mine & {Capacity.owner, Capacity.lead}),
            f"a review of '{product_id}' is asked by its owner or the planning lead")
    if state.account(reviewer) is None:
        raise UnknownItemError(f"no user named '{reviewer}'")
    Discussion(state.ws).request_review(product.id, reviewer, user=account.name, due=due)


def feed(state: WebState, account: Account, tasks: list[Task]) -> list[FeedItem]:
    """What concerns ``account``: the actors it was assigned to act for (with their tasks),
    its tasks late or due soon, the reviews asked of it, the unresolved comments that
    mention it (restricted ones for the cleared), and the deadlines of its tasks the
    newest version of the plan moved."""
    from ..process import moved_deadlines, task_news

    assigned = assignments(state)
    names = {a.id: a.label() for a in state.plan_for(account).actors}
    items = []
    for actor, accounts in sorted(assigned.items()):
        if account.name in accounts:
            count = sum(t.actor == actor for t in tasks)
            items.append(FeedItem("assigned", f"you act for {names.get(actor, actor)}: "
                                  f"{count} task{'s' if count != 1 else ''}", "/work"))
    items += task_news(tasks)
    items += [FeedItem("review", f"review of {r.product} asked by {r.requested_by}"
                       + (f", due {r.due}" if r.due else ""), f"/products/{r.product}")
              for r in reviews_asked(state, account.name)]
    items += [FeedItem("mentioned", f"{c.author} mentioned you on {c.target}: {c.text}",
                       f"/products/{c.target.split(':')[1]}" if c.target.startswith(
                           "product:") else "/work")
              for c in comments_seen(state, account)
              if account.name in c.mentions and c.resolved_at is None]
    versions = state.plan_versions()
    if len(versions) > 1:
        plan = state.plan_for(account)
        events = frozenset({e.id for e in plan.events if any(t.serves == e.id for t in tasks)}
                           | {p.event for p in plan.products
                              if any(t.serves == p.id for t in tasks)})
        today = state.today()

        def moved() -> list[FeedItem]:
            older = state.version_plan(versions[-2].version, account)
            known = set(older.event_ids())
            older = older.with_dates(actuals={k: v for k, v in state.ws.actuals().items()
                                              if k in known})
            return moved_deadlines(schedule_of(older, today),
                                   schedule_of(plan, today, state=state), set(events))

        items += state.derive(("moved deadlines", is_cleared(account), events, today), moved,
                              observed=False)
    return items


def assignments(state: WebState) -> dict[str, list[str]]:
    """Which accounts act for which actor (read once per plan revision)."""
    return state.derive(("assignments",), Discussion(state.ws).assignments, observed=False)


def product_states(state: WebState) -> dict[str, ProductStatus]:
    """Where every product of the newest plan stands (read once per plan revision)."""
    return state.derive(("product states",), Products(state.ws).statuses, observed=False)


def comments_seen(state: WebState, account: Account) -> list[Comment]:
    """Every comment ``account`` may see, oldest first (read once per plan revision)."""
    cleared, hidden = is_cleared(account), frozenset(state.hidden_for(account))
    return state.derive(("comments", cleared, hidden), lambda: Discussion(state.ws).comments(
        cleared=cleared, hidden=hidden), observed=False)


def reviews_asked(state: WebState, reviewer: str) -> list[ReviewRequest]:
    """The reviews asked of ``reviewer`` not yet answered (read once per plan revision)."""
    return state.derive(("open reviews", reviewer), lambda: Discussion(state.ws).review_requests(
        reviewer=reviewer, open_only=True), observed=False)
