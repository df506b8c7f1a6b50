"""The messages marked for translation in missionplan's code and templates, gathered
with Babel's extractors: what ``scripts/update-catalog`` adds to the French catalogue
and what the tests require it to translate."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

from . import DOMAIN

__all__ = ["METHOD_MAP", "TEMPLATE_OPTIONS", "marked_messages"]

METHOD_MAP = [("**.py", "python"), ("**/templates/**.j2", "jinja2.ext:babel_extract"),
              ("**/templates/**.html", "jinja2.ext:babel_extract")]
TEMPLATE_OPTIONS = {"**/templates/**": {"trim_blocks": "true", "lstrip_blocks": "true"}}


def marked_messages(package: Path) -> Catalog:
    """Every message marked ``_()``, ``gettext``, ``ngettext``, ``pgettext`` or ``N_()``
    under ``package`` (the source folder of ``missionplan``), with where each is."""
    catalog = Catalog(domain=DOMAIN, project="missionplan")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(package), METHOD_MAP, options_map=TEMPLATE_OPTIONS, keywords=_KEYWORDS):
        catalog.add(message, locations=[(filename, lineno)], auto_comments=comments,
                    context=context)
    return catalog


_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
             "N_": None}
