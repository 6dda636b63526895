"""The pages' templates (Jinja2, autoescaped: every user text is shown as text, never run)."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request

from ..messages import field_words, render
from .formdata import dom_id

__all__ = ["error_page", "page"]

_env = Environment(
    loader=PackageLoader("sar_forms", "web/templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals.update(render=render, field_words=field_words, dom_id=dom_id)


def page(request: Request, template: str, **context: Any) -> str:
    """``template`` rendered for ``request`` (its CSRF value and the htmx flag at hand)."""
    settings = request.app.state.settings
    csrf = getattr(request.state, "csrf", "") or settings.access.csrf
    who = getattr(request.state, "principal", None)
    return _env.get_template(template).render(
        request=request, csrf=csrf, principal=who, htmx=request.headers.get("hx-request") == "true", **context
    )


def error_page(request: Request, status: int, message: str, extra: dict[str, Any]) -> str:
    """An error as the pages show it: a whole page, or the fragment an htmx request swaps in."""
    return page(request, "error.html", status=status, message=message, problems=extra.get("problems") or [])
