"""What a document's figures rest on, in the document's language: the outlook room's
:class:`~missionplan.outlook.Basis` (assumed dates, estimated durations, synthetic data)
as the one sentence under a document's title."""

from __future__ import annotations

import re
from datetime import date

from ..i18n import N_, Words
from ..outlook import Basis

__all__ = ["caveat"]

_DATA = {"indicator observations": N_("indicator observations"),
         "the deployment's geography and force": N_("the deployment's geography and force")}
_ON = re.compile(r"^(?P<name>.*) on (?P<day>\d{4}-\d\d-\d\d)$")


def caveat(basis: Basis, w: Words) -> str:
    """The basis in one sentence ('' when the figures rest on facts alone)."""
    _ = w.gettext
    parts = []
    if basis.assumed_dates:
        parts.append(_("dates count from assumed dates (%(dates)s)") % {
            "dates": "; ".join(_assumed(text, w) for text in basis.assumed_dates)})
    if basis.estimates:
        counted = {"num": basis.estimates, "synthetic": basis.synthetic_durations}
        parts.append((w.ngettext(
            "%(num)s duration is a planning estimate, %(synthetic)s of them synthetic figures",
            "%(num)s durations are planning estimates, %(synthetic)s of them synthetic figures",
            basis.estimates) if basis.synthetic_durations else w.ngettext(
            "%(num)s duration is a planning estimate", "%(num)s durations are planning "
            "estimates", basis.estimates)) % counted)
    if basis.synthetic_data:
        shown = [_(_DATA.get(d, d)) for d in basis.synthetic_data]
        joined = shown[0]
        for more in shown[1:]:
            joined = _("%(first)s and %(second)s") % {"first": joined, "second": more}
        parts.append(_("%(data)s are synthetic") % {"data": joined})
    return _("Assumed: %(parts)s.") % {"parts": "; ".join(parts)} if parts else ""


def _assumed(text: str, w: Words) -> str:
    found = _ON.match(text)
    if found is None:
        return text
    return w.gettext("%(event)s on %(day)s") % {
        "event": found["name"], "day": w.day(date.fromisoformat(found["day"]))}
