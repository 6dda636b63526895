"""The workspace's pages other than the editor: sign-in, offices, an office's indicators for a
year and round, uploads, downloads, the book, and the whole store as a zip."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from ..domain.text import fiscal_year_of
from ..errors import InputError, SarFormsError
from ..messages import render, say
from .guard import form_for, office_for, principal, read_upload, require_admin, workspace
from .people import Forbidden
from .responses import file_response, text_response
from .security import COOKIE, require
from .templating import page
from .workspace import Imported

__all__ = ["LoginLimiter", "public", "router"]

public = APIRouter(include_in_schema=False)
router = APIRouter(dependencies=[Depends(require)], include_in_schema=False)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@public.get("/login")
def login(request: Request, token: str = "") -> Response:
    """The address the server prints (the access token), or the sign-in page of a workspace with accounts."""
    access = request.app.state.settings.access
    if not token and access.accounts:
        return HTMLResponse(page(request, "login.html", message=""))
    if not token or not access.is_token(token):
        message = render(say("web.login_needed"))
        return HTMLResponse(page(request, "error.html", status=401, message=message, problems=[]), status_code=401)
    return _signed_in(request, access.session)


def _signed_in(request: Request, value: str) -> Response:
    response = RedirectResponse("/", status_code=303)
    secure = request.url.scheme == "https"
    response.set_cookie(COOKIE, value, httponly=True, samesite="strict", secure=secure, path="/")
    return response


class LoginLimiter:
    """Failed sign-ins per address and login: after :attr:`failures` within :attr:`window`
    seconds, the next try waits (429 with Retry-After). One per application."""

    failures, window = 5, 300.0

    def __init__(self) -> None:
        self._seen: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def wait(self, key: str, now: float) -> int:
        """Seconds before ``key`` may try again (0: it may)."""
        with self._lock:
            recent = [t for t in self._seen.get(key, []) if now - t < self.window]
            self._seen[key] = recent
            return int(self.window - (now - recent[0])) + 1 if len(recent) >= self.failures else 0

    def failed(self, key: str, now: float) -> None:
        with self._lock:
            self._seen.setdefault(key, []).append(now)

    def passed(self, key: str) -> None:
        with self._lock:
            self._seen.pop(key, None)


@public.post("/login")
def sign_in(request: Request, login: Annotated[str, Form()], password: Annotated[str, Form()]) -> Response:
    """A password sign-in: a session cookie (its value random, its hash in the store); failures
    are rate-limited per address and login."""
    access = request.app.state.settings.access
    if access.people is None:
        raise HTTPException(404)
    key = f"{request.client.host if request.client else ''}|{login.strip().lower()}"
    now = time.monotonic()
    limiter: LoginLimiter = request.app.state.login_limiter
    wait = limiter.wait(key, now)
    if wait:
        body = page(request, "login.html", message=render(say("web.too_many_logins", seconds=wait)))
        return HTMLResponse(body, status_code=429, headers={"Retry-After": str(wait)})
    user = access.people.check_password(login, password)
    if user is None:
        limiter.failed(key, now)
        return HTMLResponse(page(request, "login.html", message=render(say("web.bad_password"))), status_code=401)
    limiter.passed(key)
    workspace(request).store.log(login.strip(), "login")
    return _signed_in(request, access.people.new_session(user))


@router.post("/logout")
def logout(request: Request) -> Response:
    access = request.app.state.settings.access
    if access.people is not None:
        access.people.end_session(request.cookies.get(COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> str:
    who = principal(request)
    offices = [o for o in workspace(request).store.offices() if who.reads(o.id)]
    return page(request, "index.html", offices=offices, problems={})


@router.post("/offices")
def add_office(
    request: Request,
    name: Annotated[str, Form()],
    short_name: Annotated[str, Form()],
    kind: Annotated[str, Form()],
    province: Annotated[str, Form()],
    area: Annotated[str, Form()] = "",
) -> Response:
    require_admin(request)
    fields: dict[str, Any] = {"name": name, "short_name": short_name, "kind": kind, "province": province}
    if area.strip():
        fields["area"] = area.strip()
    try:
        office = workspace(request).add_office(fields)
    except InputError as exc:
        problems = {f: render(m) for f, m in exc.problems}
        body = page(request, "index.html", offices=workspace(request).store.offices(), problems=problems, typed=fields)
        return HTMLResponse(body, status_code=422)
    return RedirectResponse(f"/offices/{office.id}", status_code=303)


@router.get("/offices/{office_id}", response_class=HTMLResponse)
def office_page(request: Request, office_id: int, year: int | None = None, round: int = 0) -> str:
    """The catalogue's indicators with the state, level and last change of each form."""
    ws = workspace(request)
    office = office_for(request, office_id)
    years = ws.store.years_of(office.id)
    if year is None:
        year, latest_round = years[0] if years else (fiscal_year_of(dt.date.today()), None)
        round = round or (latest_round or 0)
    forms = {f.indicator: f for f in ws.store.forms_of(office.id, year, round)}
    rows = []
    for indicator in ws.catalog.sorted_indicators():
        form = forms.pop(indicator.code, None)
        state = ws.state(form) if form else "none"
        level = form.data.get("level") if form else None
        rows.append({"indicator": indicator, "form": form, "state": state, "level": level})
    rows += [{"indicator": None, "code": code, "form": f, "state": ws.state(f), "level": f.data.get("level")}
             for code, f in forms.items()]  # fmt: skip
    return page(request, "office.html", office=office, year=year, round=round, years=years, rows=rows)


@router.post("/offices/{office_id}/forms")
def new_form(
    request: Request,
    office_id: int,
    indicator: Annotated[str, Form()],
    fiscal_year: Annotated[int, Form()],
    round: Annotated[int, Form()] = 0,
) -> Response:
    ws = workspace(request)
    office = office_for(request, office_id)
    who = principal(request)
    if not who.edits(office.id, indicator):
        raise Forbidden()
    form = ws.new_form(office, fiscal_year, round or None, indicator, who.login)
    return RedirectResponse(f"/forms/{form.id}", status_code=303)


@router.post("/upload", response_class=HTMLResponse)
async def upload(request: Request, file: Annotated[UploadFile, File()]) -> Response:
    """A Word form (imported, its report shown field by field), a YAML/JSON file, a zip of them
    (the workspace's export) or a workbook: each becomes a form."""
    ws = workspace(request)
    content = await read_upload(file)
    name = (file.filename or "upload").replace("\\", "/").rsplit("/", 1)[-1][:200]
    lower = name.lower()
    if lower.endswith(".docx"):
        data, report = ws.import_word(content, name)
        made, error = None, ""
        try:
            made = ws.add_form_data(data, principal(request), render(say("web.note.imported", name=name)))
        except (SarFormsError, Forbidden) as exc:
            error = str(exc)
        body = page(request, "imported.html", name=name, report=report, form=made, error=error)
        return HTMLResponse(body, status_code=200 if made else 422)
    if lower.endswith((".xlsx", ".csv")):
        result: Imported = ws.import_workbook(content, name, principal(request))
    elif lower.endswith((".yaml", ".yml", ".json", ".zip")):
        result = ws.import_files(content, name, principal(request))
    else:
        raise InputError([("file", say("web.upload_kinds"))])
    status = 200 if result.forms else 422
    return HTMLResponse(page(request, "uploaded.html", name=name, result=result), status_code=status)


@router.get("/forms/{form_id}/download/{kind}")
def download(request: Request, form_id: str, kind: str) -> Response:
    ws = workspace(request)
    form = form_for(request, form_id)
    office = ws.store.office(form.office_id)
    stem = f"{office.short_name if office else 'form'}-{form.fiscal_year}-{form.indicator}"
    if kind == "docx":
        return file_response(ws.docx(form), f"{stem}.docx", DOCX)
    if kind == "pdf":
        return file_response(ws.pages(form).pdf.read_bytes(), f"{stem}.pdf", "application/pdf")
    if kind == "yaml":
        return text_response(ws.yaml(form), f"{stem}.yaml")
    raise HTTPException(404)


@router.get("/offices/{office_id}/book.{kind}")
def book(request: Request, office_id: int, kind: str, year: int, round: int = 0) -> Response:
    """The office's book of the year and round, from its forms that validate."""
    if kind not in ("docx", "pdf"):
        raise HTTPException(404)
    ws = workspace(request)
    office = office_for(request, office_id)
    content, missing = ws.book(office, year, round or None, pdf=kind == "pdf")
    ws.store.log(principal(request).login, "book", office_id=office.id, detail=f"{year} {round or ''} {kind}")
    response = file_response(
        content, f"{office.short_name}-{year}-book.{kind}", DOCX if kind == "docx" else "application/pdf"
    )
    if missing:
        response.headers["X-Forms-Left-Out"] = ",".join(missing)
    return response


@router.get("/export.zip")
def export(request: Request) -> Response:
    """The whole store as a zip of YAML files, in the format the command line reads (the administrator's)."""
    require_admin(request)
    return file_response(workspace(request).export_zip(), "sar-forms-workspace.zip", "application/zip")
