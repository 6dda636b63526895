"""The workspace as an ASGI application (FastAPI): its pages, its API, and how errors are answered.

FastAPI rather than bare Starlette: the API's bodies are the data format's pydantic models already,
and it documents them (OpenAPI at ``/api/v1/openapi.json``) without a line of ours. Every error is answered with a status and a message in the user's language, never
a stack trace: :class:`~sar_forms.errors.InputError` 422 (with its fields), a stale revision 409
(with the current one), a full converter queue 503 (with ``Retry-After``), a body too large 413,
a missing credential 401 (the pages: the login page), a missing CSRF value 403, anything else 500
with the message logged, not shown.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .._version import __version__
from ..errors import ConversionError, InputError, SarFormsError
from ..messages import render, say
from . import api, editor, pages, review
from .people import Forbidden
from .previews import Busy
from .responses import answer, problems_of
from .security import Access, Denied
from .store import Conflict, ReviewConflict
from .workspace import MAX_UPLOAD, Locked, Workspace

__all__ = ["Settings", "create_app"]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    """What a server runs with: its workspace, its access, and where its data is."""

    workspace: Workspace
    access: Access
    data_dir: Path


def create_app(settings: Settings) -> FastAPI:
    """The workspace's application: pages at ``/``, the API under ``/api/v1``."""
    app = FastAPI(
        title="sar-forms workspace",
        version=__version__,
        docs_url=None,  # Swagger's page loads its scripts from a CDN: the schema alone is served
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.settings = settings
    app.state.login_limiter = pages.LoginLimiter()
    app.middleware("http")(_bounded_body)
    static = Path(str(resources.files("sar_forms").joinpath("web", "static")))
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.include_router(pages.public)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(editor.router)
    app.include_router(review.router)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(Conflict, _conflict)
    app.add_exception_handler(ReviewConflict, _review_conflict)
    app.add_exception_handler(Forbidden, _forbidden)
    app.add_exception_handler(Locked, _locked)
    app.add_exception_handler(Busy, _busy)
    app.add_exception_handler(Denied, _denied)
    app.add_exception_handler(RequestValidationError, _request_invalid)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(SarFormsError, _sar_error)
    app.add_exception_handler(Exception, _unexpected)
    return app


#: What the pages may load and run: our own files only (htmx, its config in a meta tag, no inline script).
_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
)


async def _bounded_body(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await _within_limits(request, call_next)
    response.headers.setdefault("Content-Security-Policy", _CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


async def _within_limits(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_UPLOAD:
        return answer(request, 413, render(say("web.too_large", limit=MAX_UPLOAD // (1024 * 1024))))
    if (
        request.method in ("POST", "PUT")
        and not length.isdigit()
        and "chunked" in request.headers.get("transfer-encoding", "")
    ):
        return answer(request, 411, render(say("web.length_required")))
    return await call_next(request)


async def _input_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, InputError)
    return answer(request, 422, str(exc), problems=problems_of(exc))


async def _conflict(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Conflict)
    ws: Workspace = request.app.state.settings.workspace
    current = {"id": exc.current.id, "revision": exc.current.revision, "data": ws.data_of(exc.current)}
    message = render(say("web.conflict", attempted=exc.attempted, current=exc.current.revision))
    return answer(request, 409, message, current=current, headers={"ETag": f'"{exc.current.revision}"'})


async def _review_conflict(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ReviewConflict)
    form = exc.current
    message = render(say("web.review_step", state=form.review, action=request.url.path.rsplit("/", 1)[-1]))
    return answer(request, 409, message, current={"id": form.id, "revision": form.revision, "review": form.review})


async def _forbidden(request: Request, exc: Exception) -> Response:
    return answer(request, 403, render(say("web.forbidden")))


async def _locked(request: Request, exc: Exception) -> Response:
    return answer(request, 423, render(say("web.locked")))


async def _busy(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Busy)
    headers = {"Retry-After": str(exc.retry_after)}
    return answer(request, 503, render(say("web.busy")), headers=headers)


async def _denied(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Denied)
    key = "web.login_needed" if exc.reason == "login" else "web.csrf"
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    return answer(request, exc.status, render(say(key)), headers=headers)


async def _request_invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "header")]
        problems.append({"field": ".".join(loc), "message": str(err.get("msg", ""))})
    return answer(request, 422, render(say("web.bad_request")), problems=problems)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    messages = {404: "web.not_found", 405: "web.not_allowed", 413: "web.too_large"}
    key = messages.get(exc.status_code)
    text = render(say(key, limit=MAX_UPLOAD // (1024 * 1024))) if key else str(exc.detail)
    return answer(request, exc.status_code, text, headers=getattr(exc, "headers", None))


async def _sar_error(request: Request, exc: Exception) -> Response:
    status = 503 if isinstance(exc, ConversionError) else 422
    _log.warning("%s %s: %s", request.method, request.url.path, exc)
    return answer(request, status, str(exc))


async def _unexpected(request: Request, exc: Exception) -> Response:
    _log.exception("%s %s failed", request.method, request.url.path)  # the trace goes to the log only
    return answer(request, 500, render(say("web.internal")))
