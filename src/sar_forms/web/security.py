"""Who may use the workspace: its access token, and the accounts when it has any.

As Jupyter does: the token is given (``--token``) or made at start and printed in a login URL.
Visiting it sets an HttpOnly, SameSite=Strict cookie holding a value derived from the token (the
token itself never sits in the browser); its bearer is the server's administrator. A workspace
with accounts (``sar-forms admin add-user``) signs people in with a password instead: the
cookie then holds a random session value whose SHA-256 the store keeps, and scripts send an
account's API token. The API and scripts send ``Authorization: Bearer TOKEN``.
Every state-changing request that a cookie authenticates must also carry the page's CSRF value
(``X-CSRF-Token``, which the pages' htmx sends, or a ``csrf`` form field): another site's form
cannot post with the user's cookie. Comparisons are constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Literal

from starlette.requests import Request

from .people import People, Principal

__all__ = ["ADMIN", "COOKIE", "Access", "Denied", "require"]

COOKIE = "sar_forms_session"
_SAFE = {"GET", "HEAD", "OPTIONS"}


class Denied(Exception):
    """No valid credentials (401), or a browser's state change without its CSRF value (403)."""

    def __init__(self, status: int, reason: Literal["login", "csrf"]) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


@dataclass(frozen=True)
class Access:
    """The workspace's access token (its administrator's key), the values derived from it, and
    the accounts (``people``) when the workspace has any."""

    token: str
    people: People | None = None

    @classmethod
    def new(cls, token: str | None = None, people: People | None = None) -> Access:
        return cls(token or secrets.token_urlsafe(24), people)

    def _derive(self, purpose: str) -> str:
        return hmac.new(self.token.encode(), purpose.encode(), hashlib.sha256).hexdigest()

    @property
    def accounts(self) -> bool:
        return self.people is not None and self.people.any()

    @property
    def session(self) -> str:
        """What the browser's cookie holds in the single-token workspace."""
        return self._derive("session")

    def csrf_for(self, cookie: str) -> str:
        """What the pages of the session ``cookie`` send with every change."""
        return self._derive("csrf:" + cookie)

    @property
    def csrf(self) -> str:
        return self.csrf_for(self.session)

    def is_token(self, given: str) -> bool:
        return hmac.compare_digest(given.encode(), self.token.encode())

    def principal(self, request: Request, form_csrf: str = "") -> Principal:
        """Who ``request`` comes from; :class:`Denied` when nobody (or a change lacks its CSRF value)."""
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            given = auth[7:].strip()
            if self.is_token(given):
                return ADMIN
            uid = self.people.token_user(given) if self.people is not None else None
            found = self.people.principal(uid) if self.people is not None and uid is not None else None
            if found is None:
                raise Denied(401, "login")
            return found
        cookie = request.cookies.get(COOKIE, "")
        if not cookie:
            raise Denied(401, "login")
        if hmac.compare_digest(cookie.encode(), self.session.encode()):
            who = ADMIN
        else:
            uid = self.people.session_user(cookie) if self.people is not None else None
            found = self.people.principal(uid) if self.people is not None and uid is not None else None
            if found is None:
                raise Denied(401, "login")
            who = found
        if request.method not in _SAFE:
            sent = request.headers.get("x-csrf-token", "") or form_csrf
            if not hmac.compare_digest(sent.encode(), self.csrf_for(cookie).encode()):
                raise Denied(403, "csrf")
        return who


#: The single-token workspace's user, and the access token's bearer: the server's administrator.
ADMIN = Principal(None, "admin", admin=True)


async def require(request: Request) -> Principal:
    """The FastAPI dependency of every route but the login: who is asking (also left in
    ``request.state.principal``, with the page's CSRF value in ``request.state.csrf``), or :class:`Denied`."""
    access: Access = request.app.state.settings.access
    form_csrf = ""
    if request.method not in _SAFE and "form" in request.headers.get("content-type", ""):
        form = await request.form()  # Starlette keeps it: the route reads the same form
        value = form.get("csrf")
        form_csrf = value if isinstance(value, str) else ""
    who = access.principal(request, form_csrf)
    request.state.principal = who
    request.state.csrf = access.csrf_for(request.cookies.get(COOKIE, ""))
    return who
