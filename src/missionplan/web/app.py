"""The FastAPI application: middleware, error pages, static files and every router."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from ..errors import ConflictError, MissionplanError, PlanFileError
from . import api
from .auth import CsrfError, Forbidden, NotSignedIn
from .oidc import OidcClient, role_mapping
from .pages import ROUTERS
from .render import render
from .second import SecondFactorRequired
from .security import BodyLimitMiddleware, SecurityHeadersMiddleware
from .settings import Settings
from .signin import SignInHeld
from .state import RequestScope, open_state
from .totp import roles_named

__all__ = ["create_app"]

_STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None) -> FastAPI:
    """The web workspace over the database ``settings.db_url`` (opened, migrated)."""
    settings = settings or Settings()
    roles_named(settings.totp_roles)  # a misspelt role is a clear error now, not later
    role_mapping(settings.oidc_roles)
    app = FastAPI(title="missionplan workspace", version="1", docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json")
    app.state.web = open_state(settings)
    app.state.oidc = OidcClient(settings)
    app.add_middleware(SessionMiddleware, secret_key=settings.secret_key,
                       session_cookie="mp_session", max_age=settings.session_max_age,
                       same_site="strict", https_only=settings.secure_cookies)
    app.add_middleware(BodyLimitMiddleware, body=settings.max_body_bytes,
                       upload=settings.max_upload_bytes)
    app.add_middleware(SecurityHeadersMiddleware, tls=settings.secure_cookies)
    app.add_middleware(RequestScope)
    _courier(app, settings)
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")
    for router in ROUTERS:
        app.include_router(router)
    app.include_router(api.router)
    _error_handlers(app)
    return app


def _courier(app: FastAPI, settings: Settings) -> None:
    """With a mail server named, notices go out soon after each change and every
    ``mail_interval`` seconds (:class:`~missionplan.web.mail.Courier`); without, none."""
    from .mail import Courier, MailServer, PokeOnChange

    server = MailServer.from_env()
    app.state.courier = None
    if server is None:
        return
    courier = Courier(app.state.web, server, delay=settings.mail_delay,
                      interval=settings.mail_interval)
    app.state.courier = courier
    app.add_middleware(PokeOnChange, courier=courier)
    app.router.on_shutdown.append(courier.stop)
    courier.start()


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotSignedIn)
    async def not_signed_in(request: Request, _exc: NotSignedIn) -> Response:
        if _is_api(request):
            return JSONResponse({"error": "not-signed-in", "message": "sign in first"}, 401)
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return _problem(request, 403, "forbidden", exc.message)

    @app.exception_handler(SignInHeld)
    async def held(request: Request, exc: SignInHeld) -> Response:
        response = _problem(request, 429, "sign-in-held", exc.message)
        response.headers["retry-after"] = str(exc.seconds)
        return response

    @app.exception_handler(SecondFactorRequired)
    async def second_factor(request: Request, exc: SecondFactorRequired) -> Response:
        return _problem(request, 401, "second-factor-required", exc.message)

    @app.exception_handler(CsrfError)
    async def csrf(request: Request, _exc: CsrfError) -> Response:
        return _problem(request, 403, "csrf", "the form's security token is missing or stale: "
                        "reload the page and try again")

    @app.exception_handler(ConflictError)
    async def conflict(request: Request, exc: ConflictError) -> Response:
        return _problem(request, 409, exc.code, str(exc))

    @app.exception_handler(PlanFileError)
    async def plan_file(request: Request, exc: PlanFileError) -> Response:
        return _problem(request, 422, exc.code, "; ".join(str(d) for d in exc.diagnostics))

    @app.exception_handler(MissionplanError)
    async def library(request: Request, exc: MissionplanError) -> Response:
        return _problem(request, 400, exc.code, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = str(exc.detail)
        if exc.status_code == 404:
            return _problem(request, 404, "not-found",
                            detail if detail != "Not Found" else
                            f"there is no page at {request.url.path}")
        if exc.status_code == 405:
            return _problem(request, 405, "method-not-allowed",
                            f"{request.method} is not how {request.url.path} is used")
        return _problem(request, exc.status_code, "http-error", detail)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        where = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}"
                          for e in exc.errors())
        return _problem(request, 422, "bad-request", where)


def _problem(request: Request, status: int, code: str, message: str) -> Response:
    if _is_api(request) or request.headers.get("hx-request"):
        if not _is_api(request):
            return Response(f"<p class=\"error\" role=\"alert\">{_esc(message)}</p>", status,
                            media_type="text/html")
        return JSONResponse({"error": code, "message": message}, status)
    return render(request, "error.html", account=None, status_code=status, code=code,
                  message=message)


def _esc(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))
