"""``sar-forms serve``: the workspace on uvicorn, with a warm converter and the embedded store.

Binds to loopback by default; a host any other machine can reach needs an explicit ``--token``
(a generated one would be printed only to whoever started the server). The login URL is
printed once at start, as Jupyter does. Forms given with ``--add`` (YAML, JSON or Word) are put
in the store when it has no form of their indicator, year and office yet.
"""

from __future__ import annotations

import ipaddress
import logging
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from ..errors import InputError, SarFormsError
from ..forms.options import Options
from ..forms.produce import FormProducer
from ..inputs.sources import read_data
from ..messages import render, say
from ..pdf.convert import LibreOfficeConverter
from .app import Settings, create_app
from .people import People
from .previews import Previewer
from .security import ADMIN, Access
from .store import Store
from .workspace import Workspace

__all__ = ["is_loopback", "serve", "workspace_app"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@contextmanager
def workspace_app(
    data_dir: str | Path,
    token: str | None = None,
    *,
    workers: int = 2,
    options: Options | None = None,
    database: str | None = None,
) -> Iterator[FastAPI]:
    """The application over the store in ``data_dir``, with its own LibreOffice workers (closed
    on the way out, however it is left)."""
    folder = Path(data_dir)
    opts = (options or Options()).but(pdf=True)
    with LibreOfficeConverter(workers=workers, timeout=60.0, retries=1) as converter:
        producer = FormProducer.of(opts, converter)
        store = Store.open(database) if database else Store.in_folder(folder)
        try:
            previewer = Previewer(producer, folder / "previews")
            ws = Workspace(store, opts, producer, previewer)
            yield create_app(Settings(ws, Access.new(token, People(store)), folder))
        finally:
            store.close()


def add_files(app: FastAPI, files: Iterable[Path]) -> list[str]:
    """Forms from data files or Word forms, unless the store has them already; what was done."""
    ws: Workspace = app.state.settings.workspace
    done = []
    for path in files:
        try:
            data = (
                ws.import_word(path.read_bytes(), path.name)[0] if path.suffix.lower() == ".docx" else read_data(path)
            )
            if not isinstance(data, dict):
                raise InputError(say("input.not_mapping"), source=str(path))
            office = ws.store.office_named(str((data.get("office") or {}).get("short_name", "")))
            have = office and any(
                f.indicator == str(data.get("indicator")) and f.fiscal_year == int(data.get("fiscal_year", 0))
                for f in ws.store.forms_of(office.id)
            )
            if not have:
                ws.add_form_data(data, ADMIN, render(say("web.note.uploaded", name=path.name)))
                done.append(render(say("web.added", path=str(path))))
        except (SarFormsError, OSError, ValueError) as exc:
            done.append(f"{path}: {exc}")
    return done


def serve(
    data_dir: str | Path,
    host: str,
    port: int,
    token: str | None,
    add: Iterable[Path] = (),
    workers: int = 2,
    options: Options | None = None,
    database: str | None = None,
) -> int:
    """Run the workspace until interrupted (``options``: the catalogue, digits, template of the forms)."""
    if not is_loopback(host) and not token:
        print(render(say("web.needs_token", host=host)), file=sys.stderr)
        return 2
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with workspace_app(data_dir, token, workers=workers, options=options, database=database) as app:
        for line in add_files(app, add):
            print(line, file=sys.stderr)
        access: Access = app.state.settings.access
        shown = f"[{host}]" if ":" in host else host
        print(render(say("web.started", url=f"http://{shown}:{port}/login?token={access.token}")), flush=True)
        uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning", timeout_graceful_shutdown=5)
    return 0
