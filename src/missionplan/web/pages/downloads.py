"""Downloads: the planning documents and exchange files, from the same templates as the CLI.

Each file is made from the plan the signed-in person may see, so restricted
items stay out of downloads as they stay out of pages, as of the workspace's day;
a document judges the criteria on the workspace's observations, as the pages do.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from ...i18n import N_
from ...reports.analyses import AnalysisOptions
from ...reports.documents import DocumentFormat
from ...reports.html import TITLES as DOCUMENT_TITLES
from ...reports.html import DocumentKind
from ...reports.run import ExportFormat, made_at, make_document, make_export
from ..accounts import Account
from ..auth import current_account, state_of
from ..language import page_language
from ..render import render
from ..views import monitoring

router = APIRouter(include_in_schema=False)

MEDIA = {
    "html": "text/html; charset=utf-8", "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "ics": "text/calendar; charset=utf-8", "hxl": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "mspdi": "application/xml", "tjp": "text/plain; charset=utf-8",
}
SUFFIX = {"hxl": "csv", "mspdi": "xml"}
TITLES = {k.value: title for k, title in DOCUMENT_TITLES.items()}
EXPORT_NAMES = {"ics": N_("Calendar (iCalendar)"), "xlsx": N_("Tracker (Excel)"),
                "hxl": N_("HXL-tagged CSV (3W/4W)"), "mspdi": N_("MS Project XML"),
                "tjp": N_("TaskJuggler")}
# A brief on the web summarises risk from a modest sample; the deployment solve is on its page.
WEB_ANALYSES = AnalysisOptions(risk_samples=1000, deployment=False)


@router.get("/downloads")
def downloads_page(request: Request,
                   account: Annotated[Account, Depends(current_account)]) -> Response:
    return render(request, "downloads.html", account=account,
                  documents=[k.value for k in DocumentKind], document_names=TITLES,
                  export_names=EXPORT_NAMES,
                  formats=[f.value for f in DocumentFormat],
                  exports=[f.value for f in ExportFormat])


@router.get("/downloads/{kind}.{fmt}")
def download(request: Request, account: Annotated[Account, Depends(current_account)],
             kind: str, fmt: str) -> Response:
    state = state_of(request)
    plan = state.plan_for(account)
    as_of, stamp = state.today(), made_at()
    if kind == "export" and fmt in ExportFormat.__members__:
        out = make_export(plan, ExportFormat(fmt), as_of=as_of, stamp=stamp)
    elif kind in DocumentKind.__members__ and fmt in DocumentFormat.__members__:
        judged = monitoring(state, plan, as_of).criteria  # on observations, as the pages are
        out = make_document(plan, DocumentKind(kind), DocumentFormat(fmt), as_of=as_of,
                            generated=stamp.date(), criteria_status=judged,
                            analyses=WEB_ANALYSES, lang=page_language(request))
    else:
        raise HTTPException(status_code=404, detail=f"no download named {kind}.{fmt}")
    name = f"{plan.id}-{kind}-{as_of}.{SUFFIX.get(fmt, fmt)}"
    return Response(out.data, media_type=MEDIA[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
