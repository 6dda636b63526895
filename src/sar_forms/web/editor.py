"""The editor of one form: every field, saved as the user types, problems beside their fields,
the real pages beside the form, the history of every save.

The editor is one HTML form whose inputs are named by their data paths (:mod:`.formdata`). htmx
posts it a moment after typing stops (autosave) with the revision it was made on; the answer
updates the status, the revision and every field's problems in place (out-of-band swaps, so the
input being typed in is never replaced) and asks the preview to refresh. Adding, removing and
moving items post the same form with the operation, and the fields come back re-rendered. A save
on a stale revision is a conflict that shows both versions: the user keeps theirs (saved on top,
as a new revision) or takes the saved one; nothing is overwritten unseen.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from .._yaml import dump_yaml
from ..errors import InputError
from ..messages import render, say
from .formdata import PARTS, editable, nest, tidy
from .guard import form_for, principal, workspace
from .people import Forbidden
from .previews import Busy
from .security import require
from .store import Conflict, FormRow
from .templating import page
from .workspace import Checked

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(require)], include_in_schema=False)


def _context(request: Request, form: FormRow, data: dict[str, Any], checked: Checked) -> dict[str, Any]:
    ws = workspace(request)
    problems: dict[str, list[str]] = {}
    for f, m in checked.problems:
        problems.setdefault(f, []).append(m)
    findings: dict[str, list[str]] = {}
    for x in checked.findings:
        findings.setdefault(x.field, []).append(render(x.message))
    indicator = ws.catalog.indicators.get(form.indicator)
    office = ws.store.office(form.office_id)
    return {
        "form": form,
        "office": office,
        "indicator": indicator,
        "data": editable(data),
        "parts": PARTS,
        "problems": problems,
        "findings": findings,
        "checked": checked,
        "state": ws.state(form, checked),
        "comments": ws.store.comments_of(form.id),
        "who": principal(request),
        "readonly": form.review == "approved" or not principal(request).edits(form.office_id, form.indicator),
    }


@router.get("/forms/{form_id}", response_class=HTMLResponse)
def editor(request: Request, form_id: str) -> str:
    ws = workspace(request)
    form = form_for(request, form_id)
    data = ws.data_of(form)
    return page(request, "editor.html", **_context(request, form, data, ws.check(data)))


async def _posted(request: Request) -> tuple[dict[str, Any], int, dict[str, str]]:
    """The posted editor: its data (tidied), the revision it was made on, the editor's own fields."""
    form = await request.form()
    pairs = [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
    own = {k: v for k, v in pairs if k.startswith("_") or k in ("revision", "csrf")}
    try:
        revision = int(own.get("revision", ""))
    except ValueError as exc:
        raise HTTPException(400) from exc
    return tidy(nest(pairs)), revision, own


def _saved(request: Request, form: FormRow, fields: bool) -> Response:
    """The answer to a save: the status (and the fields when their layout changed), the new
    revision and every field's problems out of band, and the preview asked to refresh."""
    ws = workspace(request)
    whole = ws.data_of(form)
    checked = ws.check(whole)
    context = _context(request, form, whole, checked)
    names = _names(context["data"])  # the editable data _context made
    body = page(request, "saved.html", names=names, show_fields=fields, **context)
    headers = {"HX-Trigger": "preview"} if checked.assessment is not None else {}
    return HTMLResponse(body, headers=headers)


def _names(data: dict[str, Any]) -> list[str]:
    """Every field the editor shows, by path: their problem slots are refreshed on each save."""
    names = ["level", "narrative.process_heading", "narrative", "evidence"]
    n = data["narrative"]
    for part in PARTS:
        names.append(f"narrative.{part}")
        for i, item in enumerate(n[part]):
            names.append(f"narrative.{part}[{i}].text")
            names += [f"narrative.{part}[{i}].items[{j}].text" for j in range(len(item["items"]))]
    for kind, keys in (("documents", ("title", "url", "link_text")), ("references", ("label", "url", "link_text"))):
        for i, _entry in enumerate(data["evidence"][kind]):
            names += [f"evidence.{kind}[{i}].{k}" for k in keys]
    return names


@router.post("/forms/{form_id}/save")
async def save(request: Request, form_id: str) -> Response:
    """Autosave: the form as typed, whatever its state, as the next revision."""
    ws = workspace(request)
    form = form_for(request, form_id, edit=True)
    data, revision, _own = await _posted(request)
    try:
        saved = ws.save(form, data, revision, principal(request).login)
    except Conflict as exc:
        return _conflict(request, exc, data)
    return _saved(request, saved, fields=False)


@router.post("/forms/{form_id}/edit")
async def edit(request: Request, form_id: str) -> Response:
    """An item added, removed or moved (``_op`` at ``_at``, a data path), then saved."""
    ws = workspace(request)
    form = form_for(request, form_id, edit=True)
    data, revision, own = await _posted(request)
    _apply(data, own.get("_op", ""), own.get("_at", ""))
    try:
        saved = ws.save(form, tidy(data), revision, principal(request).login)
    except Conflict as exc:
        return _conflict(request, exc, data)
    return _saved(request, saved, fields=True)


def _apply(data: dict[str, Any], op: str, at: str) -> None:
    """``op`` (add, remove, up, down, add-sub) on the list item or list ``at`` names."""
    m = re.fullmatch(r"(narrative\.(?:steps|results|problems|suggestions)|evidence\.(?:documents|references))"
                      r"(?:\[(\d{1,4})\])?(?:\.items(?:\[(\d{1,4})\])?)?", at)  # fmt: skip
    if not m:
        raise InputError([(at, say("web.bad_field"))])
    group, key = m.group(1).split(".")
    container = data.setdefault(group, {}).setdefault(key, [])
    blank: Any = {"title": ""} if key == "documents" else {"label": ""} if key == "references" else ""
    index = int(m.group(2)) if m.group(2) is not None else None
    if index is not None and not 0 <= index < len(container):
        raise InputError([(at, say("web.bad_field"))])
    if op == "add":
        container.append(blank)
    elif op == "add-sub" and index is not None:
        item = container[index]
        container[index] = (
            {"text": item, "items": [""]} if isinstance(item, str) else {**item, "items": [*item.get("items", []), ""]}
        )
    elif op == "remove-sub" and index is not None and m.group(3) is not None:
        item = container[index]
        subs = list(item.get("items", [])) if isinstance(item, dict) else []
        sub = int(m.group(3))
        if 0 <= sub < len(subs):
            del subs[sub]
        container[index] = {"text": item.get("text", ""), "items": subs} if isinstance(item, dict) else item
    elif op == "remove" and index is not None:
        del container[index]
    elif op in ("up", "down") and index is not None:
        other = index - 1 if op == "up" else index + 1
        if 0 <= other < len(container):
            container[index], container[other] = container[other], container[index]
    else:
        raise InputError([(at, say("web.bad_field"))])


def _conflict(request: Request, exc: Conflict, mine: dict[str, Any]) -> Response:
    """Both versions side by side; the user keeps theirs or takes the saved one."""
    ws = workspace(request)
    theirs = {k: v for k, v in ws.data_of(exc.current).items() if k != "office"}
    body = page(
        request,
        "conflict.html",
        form=exc.current,
        mine=dump_yaml(mine),
        theirs=dump_yaml(theirs),
        attempted=exc.attempted,
    )
    return HTMLResponse(body, status_code=409, headers={"HX-Retarget": "#status", "HX-Reswap": "innerHTML"})


@router.get("/forms/{form_id}/preview", response_class=HTMLResponse)
def preview(request: Request, form_id: str) -> Response:
    """The page images of the form as saved (or why there are none yet)."""
    ws = workspace(request)
    form = form_for(request, form_id)
    checked = ws.check(ws.data_of(form))
    if checked.assessment is None:
        return HTMLResponse(page(request, "preview.html", form=form, pages=None, busy=False))
    try:
        pages = ws.previewer.pages(checked.assessment)
    except Busy as exc:
        body = page(request, "preview.html", form=form, pages=None, busy=True)
        return HTMLResponse(body, status_code=503, headers={"Retry-After": str(exc.retry_after)})
    return HTMLResponse(page(request, "preview.html", form=form, pages=pages, busy=False))


@router.get("/forms/{form_id}/pages/{key}/{number}.png")
def page_image(request: Request, form_id: str, key: str, number: int) -> Response:
    """A page image by the hash of what was converted: immutable, so cached by the browser."""
    form_for(request, form_id)
    folder = workspace(request).previewer.folder
    if not key.isalnum() or len(key) > 64:
        raise HTTPException(404)
    path = folder / key / f"{number}.png"
    if not path.is_file():
        raise HTTPException(404)
    return Response(
        path.read_bytes(), media_type="image/png", headers={"Cache-Control": "private, max-age=31536000, immutable"}
    )


@router.get("/forms/{form_id}/history", response_class=HTMLResponse)
def history(request: Request, form_id: str) -> str:
    ws = workspace(request)
    form = form_for(request, form_id)
    revisions = ws.store.revisions(form.id)
    return page(request, "history.html", form=form, revisions=revisions, dump=dump_yaml)


@router.post("/forms/{form_id}/restore")
def restore(request: Request, form_id: str, revision: Annotated[int, Form()]) -> Response:
    ws = workspace(request)
    form = form_for(request, form_id, edit=True)
    try:
        ws.restore(form, revision, principal(request).login)
    except KeyError as exc:
        raise HTTPException(404) from exc
    return RedirectResponse(f"/forms/{form.id}", status_code=303)


@router.post("/forms/{form_id}/carry")
def carry(
    request: Request, form_id: str, fiscal_year: Annotated[int, Form()], round: Annotated[int, Form()] = 0
) -> Response:
    ws = workspace(request)
    form = form_for(request, form_id)
    who = principal(request)
    if not who.edits(form.office_id, form.indicator):
        raise Forbidden()
    new = ws.carry_forward(form, fiscal_year, round or None, who.login)
    return RedirectResponse(f"/forms/{new.id}", status_code=303)
