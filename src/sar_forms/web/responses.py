"""How the workspace answers: JSON for the API, a small page (or htmx fragment) in Thai for the
pages, files with their names; an error never carries a stack trace."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from ..errors import InputError
from ..messages import field_words, render
from .templating import error_page

__all__ = ["answer", "file_response", "problems_of", "text_response"]


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def answer(request: Request, status: int, message: str, **extra: Any) -> Response:
    """An error as JSON for the API, as a small Thai page (or htmx fragment) for the pages."""
    headers = extra.pop("headers", None)
    if _wants_json(request):
        return JSONResponse({"detail": message, **extra}, status_code=status, headers=headers)
    return HTMLResponse(error_page(request, status, message, extra), status_code=status, headers=headers)


def problems_of(exc: InputError) -> list[dict[str, str]]:
    return [{"field": f, "message": render(m), "where": field_words(f) if f else ""} for f, m in exc.problems]


def text_response(text: str, filename: str) -> Response:
    return PlainTextResponse(text, headers={"Content-Disposition": _attachment(filename)})


def _attachment(filename: str) -> str:
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def file_response(content: bytes, filename: str, media_type: str) -> Response:
    return Response(content, media_type=media_type, headers={"Content-Disposition": _attachment(filename)})
