"""The workspace's HTTP API for scripts and other systems, under ``/api/v1`` (OpenAPI documented).

Every call carries ``Authorization: Bearer TOKEN``. A form's revision is its ETag; ``PUT`` needs
``If-Match`` with the revision it was made on (428 without, 409 when stale, with the current
form). Bodies are the data format as JSON; invalid data is 422 with ``[{field, message}]`` and
nothing is stored.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Header, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from .._version import __version__
from ..errors import InputError
from ..messages import render, say
from .guard import form_for, office_for, principal, read_upload, workspace
from .responses import answer, file_response, text_response
from .security import require
from .store import FormRow
from .workspace import Checked, Workspace

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", dependencies=[Depends(require)], tags=["api"])


def _invalid(checked: Checked) -> JSONResponse:
    """422 for data that does not validate, with its problems, field by field (nothing stored)."""
    problems = [{"field": f, "message": m} for f, m in checked.problems]
    return JSONResponse({"detail": render(say("web.invalid")), "problems": problems}, status_code=422)


def _body(form: FormRow, ws: Workspace) -> dict[str, Any]:
    return {"id": form.id, "revision": form.revision, "data": ws.data_of(form)}


def _etag(form: FormRow) -> dict[str, str]:
    return {"ETag": f'"{form.revision}"'}


@router.get("/health")
def health(request: Request) -> dict[str, Any]:
    """The server is up: its version, the converter's workers."""
    ws = workspace(request)
    converter = ws.producer.converter
    return {"status": "ok", "version": __version__, "converters": converter.concurrency if converter else 0}


@router.get("/offices")
def offices(request: Request) -> list[dict[str, Any]]:
    """The offices of the workspace."""
    who = principal(request)
    return [
        {"id": o.id, "short_name": o.short_name, "office": o.data}
        for o in workspace(request).store.offices()
        if who.reads(o.id)
    ]


@router.get("/offices/{office_id}/forms")
def office_forms(request: Request, office_id: int, fiscal_year: int | None = None) -> list[dict[str, Any]]:
    """An office's forms (of one fiscal year when given), each with its state."""
    ws = workspace(request)
    office_for(request, office_id)
    out = []
    for f in ws.store.forms_of(office_id, fiscal_year):
        out.append({"id": f.id, "fiscal_year": f.fiscal_year, "round": f.round, "indicator": f.indicator,
                    "revision": f.revision, "state": ws.state(f), "updated_at": f.updated_at.isoformat()})  # fmt: skip
    return out


@router.post("/forms", status_code=201)
def create_form(request: Request, data: dict[str, Any]) -> JSONResponse:
    """A new form from data in the data format (it must validate): 201 with its id and revision."""
    ws = workspace(request)
    checked = ws.check(data)
    if checked.assessment is None:
        return _invalid(checked)
    form = ws.add_form_data(data, principal(request), render(say("web.note.api")))
    headers = {**_etag(form), "Location": f"/api/v1/forms/{form.id}"}
    return JSONResponse({"id": form.id, "revision": form.revision}, status_code=201, headers=headers)


@router.get("/forms/{form_id}")
def get_form(request: Request, form_id: str) -> JSONResponse:
    """The form's data and revision (also its ETag)."""
    form = form_for(request, form_id)
    return JSONResponse(_body(form, workspace(request)), headers=_etag(form))


@router.put("/forms/{form_id}")
def put_form(
    request: Request, form_id: str, data: dict[str, Any], if_match: Annotated[str | None, Header()] = None
) -> Response:
    """The form's next revision: ``If-Match`` names the revision the data was made on."""
    ws = workspace(request)
    form = form_for(request, form_id, edit=True)
    if not if_match:
        return answer(request, 428, render(say("web.if_match")))
    try:
        revision = int(if_match.strip().strip("W/").strip('"'))
    except ValueError:
        return answer(request, 400, render(say("web.if_match")))
    checked = ws.check({**data, "office": ws.data_of(form)["office"]})
    if checked.assessment is None:
        return _invalid(checked)
    saved = ws.save(form, data, revision, principal(request).login)
    return JSONResponse({"id": saved.id, "revision": saved.revision}, headers=_etag(saved))


@router.post("/forms/{form_id}/review")
def review_form(request: Request, form_id: str, step: dict[str, Any]) -> dict[str, Any]:
    """A review step: ``{"step": "submit" | "approve" | "return" | "reopen", "revision": N (approve),
    "comment": "..."}``; 409 when the form is not where the step starts, or no longer at revision N."""
    form = form_for(request, form_id)
    revision = step.get("revision")
    done = workspace(request).review(
        form, str(step.get("step", "")), principal(request),
        revision=int(revision) if isinstance(revision, int) else None, comment=str(step.get("comment", "")),
    )  # fmt: skip
    return {
        "id": done.id,
        "revision": done.revision,
        "review": done.review,
        "approved_revision": done.approved_revision,
    }


@router.get("/forms/{form_id}/check")
def check_form(request: Request, form_id: str) -> dict[str, Any]:
    """Whether the form validates, and the reviewer's findings."""
    ws = workspace(request)
    form = form_for(request, form_id)
    checked = ws.check(ws.data_of(form))
    return {
        "id": form.id,
        "revision": form.revision,
        "state": ws.state(form, checked),
        "problems": [{"field": f, "message": m} for f, m in checked.problems],
        "findings": [
            {"severity": x.severity, "field": x.field, "message": render(x.message)} for x in checked.findings
        ],
    }


@router.get("/forms/{form_id}/docx")
def form_docx(request: Request, form_id: str) -> Response:
    form = form_for(request, form_id)
    media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return file_response(workspace(request).docx(form), f"{form.indicator}.docx", media)


@router.get("/forms/{form_id}/pdf")
def form_pdf(request: Request, form_id: str) -> Response:
    form = form_for(request, form_id)
    return file_response(workspace(request).pages(form).pdf.read_bytes(), f"{form.indicator}.pdf", "application/pdf")


@router.get("/forms/{form_id}/yaml")
def form_yaml(request: Request, form_id: str) -> Response:
    form = form_for(request, form_id)
    return text_response(workspace(request).yaml(form), f"{form.indicator}.yaml")


@router.get("/forms/{form_id}/pages/{page}.png")
def form_page(request: Request, form_id: str, page: int) -> Response:
    """One page of the form's PDF as an image; the page count in ``X-Page-Count``."""
    pages = workspace(request).pages(form_for(request, form_id))
    if not 1 <= page <= pages.count:
        return answer(request, 404, render(say("web.no_page", page=page, count=pages.count)))
    return Response(pages.png(page).read_bytes(), media_type="image/png", headers={"X-Page-Count": str(pages.count)})


@router.post("/import")
async def import_upload(request: Request, file: Annotated[UploadFile, File()]) -> dict[str, Any]:
    """A Word form read back into data, with its report; nothing is stored (post the data as a form)."""
    content = await read_upload(file)
    name = file.filename or "upload.docx"
    if not name.lower().endswith(".docx"):
        raise InputError([("file", say("web.not_docx"))])
    data, report = workspace(request).import_word(content, name)
    return {
        "data": data,
        "report": {
            "found": [render(f) for f in report.found],
            "guessed": [{"field": f, "why": render(w)} for f, w in report.guessed],
            "unmapped": [{"where": render(w), "text": render(t)} for w, t in report.unmapped],
            "summary": report.summary(),
        },
    }
