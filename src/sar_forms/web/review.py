"""The review of forms and the people of an office, as pages: submit, approve, return, reopen,
comments per field; the coordinator's members (accounts made for the office, roles, assigned
indicators) and the office's audit trail. The API's ``POST /api/v1/forms/{id}/review`` takes
the same steps."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..errors import InputError
from ..messages import render, say
from .guard import form_for, office_for, principal, workspace
from .people import ROLES, Forbidden, People, Role
from .security import require
from .templating import page

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(require)], include_in_schema=False)


def _people(request: Request) -> People:
    people = request.app.state.settings.access.people
    if people is None:
        raise Forbidden()
    found: People = people
    return found


@router.post("/forms/{form_id}/review")
def review(
    request: Request,
    form_id: str,
    step: Annotated[str, Form()],
    revision: Annotated[int | None, Form()] = None,
    comment: Annotated[str, Form()] = "",
) -> Response:
    """One review step from the editor's page, then back to it."""
    form = form_for(request, form_id)
    workspace(request).review(form, step, principal(request), revision=revision, comment=comment)
    return RedirectResponse(f"/forms/{form.id}", status_code=303)


@router.post("/forms/{form_id}/comments")
def comment(
    request: Request, form_id: str, text: Annotated[str, Form()], field: Annotated[str, Form()] = ""
) -> Response:
    form = form_for(request, form_id)
    if not text.strip():
        raise InputError([("text", say("web.bad_field"))])
    workspace(request).comment(form, field, principal(request), text)
    return RedirectResponse(f"/forms/{form.id}", status_code=303)


@router.get("/offices/{office_id}/members", response_class=HTMLResponse)
def members(request: Request, office_id: int) -> str:
    office = office_for(request, office_id, coordinate=True)
    ws = workspace(request)
    return page(
        request, "members.html", office=office, members=_people(request).members(office.id), roles=ROLES,
        indicators=ws.catalog.sorted_indicators(),
    )  # fmt: skip


@router.post("/offices/{office_id}/members")
def add_member(
    request: Request,
    office_id: int,
    login: Annotated[str, Form()],
    role: Annotated[str, Form()],
    password: Annotated[str, Form()] = "",
) -> Response:
    """An account made for the office (or an existing one given a role in it) by its coordinator."""
    office = office_for(request, office_id, coordinate=True)
    people = _people(request)
    if role not in ROLES:
        raise InputError([("role", say("web.bad_role", role=role))])
    try:
        people.user_id(login)
    except InputError:
        people.add_user(login, password)
    chosen: Role = role
    people.add_member(login, office.id, chosen)
    workspace(request).store.log(principal(request).login, "member", office_id=office.id, detail=f"{login} {role}")
    return RedirectResponse(f"/offices/{office.id}/members", status_code=303)


@router.post("/offices/{office_id}/assign")
def assign(
    request: Request, office_id: int, login: Annotated[str, Form()], indicator: Annotated[str, Form()]
) -> Response:
    office = office_for(request, office_id, coordinate=True)
    people = _people(request)
    target = people.principal(people.user_id(login))
    if target is None or office.id not in target.roles:  # only a member of the office is given its forms
        raise InputError([("login", say("web.no_user", login=login))])
    people.assign(login, office.id, indicator)
    workspace(request).store.log(principal(request).login, "assign", office_id=office.id, detail=f"{indicator} {login}")
    return RedirectResponse(f"/offices/{office.id}/members", status_code=303)


@router.get("/account", response_class=HTMLResponse)
def account(request: Request) -> str:
    """One's own account: the password changed here (an administrator resets others' with
    ``sar-forms admin passwd``)."""
    return page(request, "account.html", message="", done=False)


@router.post("/account/password", response_class=HTMLResponse)
def change_password(
    request: Request, current: Annotated[str, Form()], new: Annotated[str, Form()], again: Annotated[str, Form()]
) -> Response:
    people = _people(request)
    who = principal(request)
    if who.user_id is None:
        raise Forbidden()  # the access token's bearer has no password
    problem = ""
    if people.check_password(who.login, current) != who.user_id:
        problem = render(say("web.bad_password"))
    elif new != again:
        problem = render(say("web.passwords_differ"))
    if problem:
        return HTMLResponse(page(request, "account.html", message=problem, done=False), status_code=422)
    people.set_password(who.login, new)  # ends every session: sign in again with the new one
    workspace(request).store.log(who.login, "password")
    return HTMLResponse(page(request, "account.html", message="", done=True))


@router.get("/offices/{office_id}/audit", response_class=HTMLResponse)
def audit(request: Request, office_id: int) -> str:
    """The office's audit trail, newest first (read-only)."""
    office = office_for(request, office_id, coordinate=True)
    return page(request, "audit.html", office=office, lines=workspace(request).store.audit_of(office.id))
