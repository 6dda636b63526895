"""The workspace's pages other than the editor: sign-in, offices, an office's indicators for a
year and round, uploads, downloads, the book, and the whole store as a zip."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from ..domain.text import fiscal_year_of
from ..errors import InputError, SarFormsError
from ..messages import render, say
from .responses import file_response, text_response
from .security import COOKIE, require
from .store import FormRow, OfficeRow
from .templating import page
from .workspace import MAX_UPLOAD, Imported, Workspace

__all__ = ["public", "router"]

public = APIRouter(include_in_schema=False)
router = APIRouter(dependencies=[Depends(require)], include_in_schema=False)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _ws(request: Request) -> Workspace:
    ws: Workspace = request.app.state.settings.workspace
    return ws


def _office(request: Request, office_id: int) -> OfficeRow:
    office = _ws(request).store.office(office_id)
    if office is None:
        raise HTTPException(404)
    return office


def _form(request: Request, form_id: str) -> FormRow:
    form = _ws(request).store.form(form_id)
    if form is None:
        raise HTTPException(404)
    return form


@public.get("/login")
def login(request: Request, token: str = "") -> Response:
    """The address the server prints: sets the session cookie, then the workspace."""
    access = request.app.state.settings.access
    if not token or not access.is_token(token):
        message = render(say("web.login_needed"))
        return HTMLResponse(page(request, "error.html", status=401, message=message, problems=[]), status_code=401)
    response = RedirectResponse("/", status_code=303)
    secure = request.url.scheme == "https"
    response.set_cookie(COOKIE, access.session, httponly=True, samesite="strict", secure=secure, path="/")
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> str:
    return page(request, "index.html", offices=_ws(request).store.offices(), problems={})


@router.post("/offices")
def add_office(
    request: Request,
    name: Annotated[str, Form()],
    short_name: Annotated[str, Form()],
    kind: Annotated[str, Form()],
    province: Annotated[str, Form()],
    area: Annotated[str, Form()] = "",
) -> Response:
    fields: dict[str, Any] = {"name": name, "short_name": short_name, "kind": kind, "province": province}
    if area.strip():
        fields["area"] = area.strip()
    try:
        office = _ws(request).add_office(fields)
    except InputError as exc:
        problems = {f: render(m) for f, m in exc.problems}
        body = page(request, "index.html", offices=_ws(request).store.offices(), problems=problems, typed=fields)
        return HTMLResponse(body, status_code=422)
    return RedirectResponse(f"/offices/{office.id}", status_code=303)


@router.get("/offices/{office_id}", response_class=HTMLResponse)
def office_page(request: Request, office_id: int, year: int | None = None, round: int = 0) -> str:
    """The catalogue's indicators with the state, level and last change of each form."""
    ws = _ws(request)
    office = _office(request, office_id)
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
    ws = _ws(request)
    form = ws.new_form(_office(request, office_id), fiscal_year, round or None, indicator, "browser")
    return RedirectResponse(f"/forms/{form.id}", status_code=303)


@router.post("/upload", response_class=HTMLResponse)
async def upload(request: Request, file: Annotated[UploadFile, File()]) -> Response:
    """A Word form (imported, its report shown field by field), a YAML/JSON file, a zip of them
    (the workspace's export) or a workbook: each becomes a form."""
    ws = _ws(request)
    content = await file.read(MAX_UPLOAD + 1)
    name = (file.filename or "upload").replace("\\", "/").rsplit("/", 1)[-1][:200]
    if len(content) > MAX_UPLOAD:
        raise InputError([("file", say("web.too_large", limit=MAX_UPLOAD // (1024 * 1024)))])
    lower = name.lower()
    if lower.endswith(".docx"):
        data, report = ws.import_word(content, name)
        made, error = None, ""
        try:
            made = ws.add_form_data(data, "browser", render(say("web.note.imported", name=name)))
        except SarFormsError as exc:
            error = str(exc)
        body = page(request, "imported.html", name=name, report=report, form=made, error=error)
        return HTMLResponse(body, status_code=200 if made else 422)
    if lower.endswith((".xlsx", ".csv")):
        result: Imported = ws.import_workbook(content, name, "browser")
    elif lower.endswith((".yaml", ".yml", ".json", ".zip")):
        result = ws.import_files(content, name, "browser")
    else:
        raise InputError([("file", say("web.upload_kinds"))])
    status = 200 if result.forms else 422
    return HTMLResponse(page(request, "uploaded.html", name=name, result=result), status_code=status)


@router.get("/forms/{form_id}/download/{kind}")
def download(request: Request, form_id: str, kind: str) -> Response:
    ws = _ws(request)
    form = _form(request, form_id)
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
    ws = _ws(request)
    office = _office(request, office_id)
    content, missing = ws.book(office, year, round or None, pdf=kind == "pdf")
    response = file_response(
        content, f"{office.short_name}-{year}-book.{kind}", DOCX if kind == "docx" else "application/pdf"
    )
    if missing:
        response.headers["X-Forms-Left-Out"] = ",".join(missing)
    return response


@router.get("/export.zip")
def export(request: Request) -> Response:
    """The whole store as a zip of YAML files, in the format the command line reads."""
    return file_response(_ws(request).export_zip(), "sar-forms-workspace.zip", "application/zip")
