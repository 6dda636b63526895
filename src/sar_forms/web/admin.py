"""Setting up a shared workspace from a shell, and keeping it safe: offices, accounts, roles, API
tokens (``sar-forms admin ...``), and backups (``sar-forms backup`` / ``restore``).

A backup is one zip: every form as YAML in the data format (``forms/OFFICE/YEAR[-ROUND]/CODE.yaml``,
what ``/export.zip`` holds), and ``people.json`` (accounts with their Argon2id hashes, roles,
assignments, API tokens' hashes), ``review.json`` (each form's review state) and ``audit.json``
(the whole trail). Restoring needs an empty store: it is not a merge. For PostgreSQL, ``pg_dump``
of the database is the fuller backup (every revision, not only the current one); this one is
what moves between SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from .._fs import atomic_write
from .._yaml import dump_yaml, parse_yaml
from ..errors import InputError
from ..forms.import_report import ordered
from ..forms.naming import safe_name
from ..messages import say
from ..ooxml.zipped import checked_zip
from .schema import api_tokens, assignments, audit, forms, memberships, offices, users
from .store import FormRow, Store

__all__ = ["backup", "form_documents", "open_store", "restore"]


def open_store(data: str | Path | None, database: str | None) -> Store:
    """The store ``--database URL`` names, else the embedded one in ``--data DIR``."""
    return Store.open(database) if database else Store.in_folder(data or "sar-forms-data")


def _rows(store: Store, table: Any) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [{k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in r._mapping.items()}
                for r in conn.execute(select(table))]  # fmt: skip


def form_documents(store: Store) -> Iterator[tuple[str, str, FormRow]]:
    """Every form as a YAML document of the data format (its office's fields with its own), named
    ``OFFICE/YEAR[-ROUND]/CODE.yaml``: the workspace's export, and the forms of a backup."""
    for office in store.offices():
        for form in store.forms_of(office.id):
            year = f"{form.fiscal_year}" + (f"-{form.round}" if form.round else "")
            name = f"{safe_name(office.short_name)}/{year}/{safe_name(form.indicator)}.yaml"
            yield name, dump_yaml(ordered({"office": office.data, **form.data})), form


def backup(store: Store, target: str | Path) -> Path:
    """The store as one zip at ``target`` (written whole or not at all)."""
    buffer = io.BytesIO()
    review = {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for path, text, form in form_documents(store):
            name = f"forms/{path}"
            z.writestr(name, text)
            current = form.review != "approved" or form.approved_revision == form.revision
            review[name] = form.review if current else "submitted"
        tables = (("offices", offices), ("users", users), ("memberships", memberships), ("assignments", assignments),
                  ("api_tokens", api_tokens))  # fmt: skip
        people = {t: _rows(store, table) for t, table in tables}
        z.writestr("people.json", json.dumps(people, ensure_ascii=False, indent=1))
        z.writestr("review.json", json.dumps(review, ensure_ascii=False, indent=1))
        z.writestr("audit.json", json.dumps(_rows(store, audit), ensure_ascii=False, indent=1))
    out = Path(target)
    atomic_write(out, buffer.getvalue())
    return out


def _when(value: Any) -> Any:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def restore(store: Store, source: str | Path) -> int:
    """A backup into an empty store; the number of forms restored."""
    if store.offices():
        raise InputError([("", say("web.restore_not_empty"))], source=str(source))
    with checked_zip(source) as z:
        names = z.namelist()
        people = json.loads(z.read("people.json")) if "people.json" in names else {}
        review = json.loads(z.read("review.json")) if "review.json" in names else {}
        trail = json.loads(z.read("audit.json")) if "audit.json" in names else []
        documents = [(n, z.read(n).decode("utf-8")) for n in names if n.startswith("forms/") and n.endswith(".yaml")]
    with store.engine.begin() as conn:
        for row in people.get("users", []):
            conn.execute(insert(users).values(**{**row, "created_at": _when(row["created_at"])}))
    office_ids = {row["id"]: store.add_office(row["data"]).id for row in people.get("offices", [])}
    count = 0
    for name, text in documents:
        data = parse_yaml(text, name)
        office = store.office_named(str(data["office"]["short_name"])) or store.add_office(data["office"])
        form = store.create_form(office.id, {k: v for k, v in data.items() if k != "office"}, "restore", note=name)
        state = review.get(name, "draft")
        with store.engine.begin() as conn:
            conn.execute(
                update(forms).where(forms.c.id == form.id)
                .values(review=state, approved_revision=1 if state == "approved" else None)
            )  # fmt: skip
        count += 1
    with store.engine.begin() as conn:
        for key, table in (("memberships", memberships), ("assignments", assignments), ("api_tokens", api_tokens)):
            for row in people.get(key, []):
                values = {k: _when(v) if k.endswith("_at") else v for k, v in row.items() if k != "id"}
                if "office_id" in values:
                    values["office_id"] = office_ids.get(row["office_id"], row["office_id"])
                conn.execute(insert(table).values(**values))
        for row in trail:
            values = {k: _when(v) if k == "at" else v for k, v in row.items() if k != "id"}
            values["office_id"] = office_ids.get(row.get("office_id"), row.get("office_id"))
            conn.execute(insert(audit).values(**values))
        if store.engine.dialect.name == "postgresql":  # ids given explicitly: the sequence follows them
            conn.exec_driver_sql(
                "SELECT setval(pg_get_serial_sequence('users', 'id'), COALESCE(MAX(id), 1)) FROM users"
            )
    return count
