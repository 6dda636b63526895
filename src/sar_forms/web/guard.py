"""What each route checks before it does anything: the office or form asked for exists and the
principal may see it (else 404: another office's forms are not even said to exist), and may do
what is asked (else 403). Every page, download, preview image and API call goes through here."""

from __future__ import annotations

from fastapi import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request

from ..errors import InputError
from ..messages import say
from .people import Forbidden, Principal
from .store import FormRow, OfficeRow
from .workspace import MAX_UPLOAD, Locked, Workspace

__all__ = ["Forbidden", "Locked", "form_for", "office_for", "principal", "read_upload", "require_admin", "workspace"]


def workspace(request: Request) -> Workspace:
    ws: Workspace = request.app.state.settings.workspace
    return ws


def principal(request: Request) -> Principal:
    who: Principal = request.state.principal
    return who


def _sees(who: Principal, office_id: int | None, coordinate: bool) -> None:
    """404 unless the principal has a role in the office; 403 if it must coordinate and does not."""
    if office_id is None or not who.reads(office_id):
        raise HTTPException(404)
    if coordinate and not who.coordinates(office_id):
        raise Forbidden()


def office_for(request: Request, office_id: int, *, coordinate: bool = False) -> OfficeRow:
    office = workspace(request).store.office(office_id)
    _sees(principal(request), office.id if office else None, coordinate)
    assert office is not None
    return office


def form_for(request: Request, form_id: str, *, edit: bool = False, coordinate: bool = False) -> FormRow:
    """The form, if the principal sees it; ``edit``: they may change it (and it is not locked)."""
    form = workspace(request).store.form(form_id)
    who = principal(request)
    _sees(who, form.office_id if form else None, coordinate)
    assert form is not None
    if edit:
        if not who.edits(form.office_id, form.indicator):
            raise Forbidden()
        if form.review == "approved":
            raise Locked()
    return form


def require_admin(request: Request) -> None:
    if not principal(request).admin:
        raise Forbidden()


async def read_upload(file: UploadFile) -> bytes:
    """An uploaded file's bytes, read no further than the limit: over it is an InputError (422)."""
    content = await file.read(MAX_UPLOAD + 1)
    if len(content) > MAX_UPLOAD:
        raise InputError([("file", say("web.too_large", limit=MAX_UPLOAD // (1024 * 1024)))])
    return content
