"""Who may use the workspace: one access token, for the browser (a cookie) and for scripts (a bearer).

As Jupyter does: the token is given (``--token``) or made at start and printed in a login URL.
Visiting it sets an HttpOnly, SameSite=Strict cookie holding a value derived from the token (the
token itself never sits in the browser). The API and scripts send ``Authorization: Bearer TOKEN``.
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

__all__ = ["COOKIE", "Access", "Denied", "require"]

COOKIE = "sar_forms_session"
_SAFE = {"GET", "HEAD", "OPTIONS"}


class Denied(Exception):
    """No valid credentials (401), or a browser's state change without its CSRF value (403)."""

    def __init__(self, status: int, reason: Literal["login", "csrf"]) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


@dataclass(frozen=True)
class Access:
    """The workspace's access token and the values derived from it."""

    token: str

    @classmethod
    def new(cls, token: str | None = None) -> Access:
        return cls(token or secrets.token_urlsafe(24))

    def _derive(self, purpose: str) -> str:
        return hmac.new(self.token.encode(), purpose.encode(), hashlib.sha256).hexdigest()

    @property
    def session(self) -> str:
        """What the browser's cookie holds."""
        return self._derive("session")

    @property
    def csrf(self) -> str:
        """What the pages send with every change."""
        return self._derive("csrf")

    def is_token(self, given: str) -> bool:
        return hmac.compare_digest(given.encode(), self.token.encode())

    def who(self, request: Request, form_csrf: str = "") -> Literal["bearer", "browser"]:
        """How ``request`` is authenticated; :class:`Denied` when it is not (or lacks its CSRF value)."""
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer ") and self.is_token(auth[7:].strip()):
            return "bearer"
        cookie = request.cookies.get(COOKIE, "")
        if not cookie or not hmac.compare_digest(cookie.encode(), self.session.encode()):
            raise Denied(401, "login")
        if request.method not in _SAFE:
            sent = request.headers.get("x-csrf-token", "") or form_csrf
            if not hmac.compare_digest(sent.encode(), self.csrf.encode()):
                raise Denied(403, "csrf")
        return "browser"


async def require(request: Request) -> str:
    """The FastAPI dependency of every route but the login: who is asking ("bearer" or
    "browser"), or :class:`Denied`."""
    access: Access = request.app.state.settings.access
    form_csrf = ""
    if request.method not in _SAFE and "form" in request.headers.get("content-type", ""):
        form = await request.form()  # Starlette keeps it: the route reads the same form
        value = form.get("csrf")
        form_csrf = value if isinstance(value, str) else ""
    return access.who(request, form_csrf)
