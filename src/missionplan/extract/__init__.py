"""Directive text to a draft plan, rule-based and deterministic; and revision diffs.

``extract_plan(text)`` reads sections, clauses and sentences (``text``), counts
in words and figures (``numbers``), temporal expressions with a lark grammar
(``grammar.lark``, ``temporal``), names events consistently (``events``),
finds what each phrase constrains (``subjects``), who answers for what from a
sentence's modal form (``duties``), places items by section (``roles``) and
assembles a :class:`~missionplan.model.Plan` with a review list
(``draft``). ``diff_directives`` compares two versions of a directive clause
by clause and names the plan items each change touches (``diff``); ``report``
lays relations and clause text out for the terminal.
"""

from .diff import ClauseChange, RevisionDiff, diff_directives
from .draft import ExtractResult, ReviewItem, extract_plan

__all__ = ["ClauseChange", "ExtractResult", "ReviewItem", "RevisionDiff", "diff_directives",
           "extract_plan"]
