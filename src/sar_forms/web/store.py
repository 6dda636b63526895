"""The workspace's store: offices, their forms and every saved revision, in SQL.

SQLAlchemy Core tables, so one schema serves the embedded SQLite file (WAL, ``synchronous=FULL``:
a save that was answered survives a ``kill -9`` of the server) and a shared PostgreSQL server.
A form holds the data format's fields except the office (the office's row gives it, so an office
renamed is renamed in all its forms); every save is a new revision row, append-only, and a save
names the revision it was made on: when that is no longer the current one the save is a
:class:`Conflict` carrying both versions, never an overwrite.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    create_engine,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection

from ..errors import InputError
from ..messages import say

__all__ = ["Conflict", "FormRow", "OfficeRow", "Revision", "Store", "metadata"]

metadata = MetaData()

offices = Table(
    "offices",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("short_name", String(200), nullable=False, unique=True),
    Column("data", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

forms = Table(
    "forms",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("office_id", Integer, ForeignKey("offices.id"), nullable=False, index=True),
    Column("fiscal_year", Integer, nullable=False),
    Column("round", Integer, nullable=False),  # 0: no round named
    Column("indicator", String(40), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("data", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(200), nullable=False),
    UniqueConstraint("office_id", "fiscal_year", "round", "indicator", name="one_form_per_indicator"),
)

revisions = Table(
    "revisions",
    metadata,
    Column("form_id", String(32), ForeignKey("forms.id"), primary_key=True),
    Column("revision", Integer, primary_key=True),
    Column("data", JSON, nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Column("saved_by", String(200), nullable=False),
    Column("note", String(500), nullable=False, default=""),
)


@dataclass(frozen=True)
class OfficeRow:
    id: int
    short_name: str
    data: dict[str, Any]


@dataclass(frozen=True)
class FormRow:
    """A form as stored: its data without the office, the current revision, who saved it when."""

    id: str
    office_id: int
    fiscal_year: int
    round: int | None
    indicator: str
    revision: int
    data: dict[str, Any]
    updated_at: dt.datetime
    updated_by: str


@dataclass(frozen=True)
class Revision:
    revision: int
    data: dict[str, Any]
    saved_at: dt.datetime
    saved_by: str
    note: str


class Conflict(Exception):
    """A save made on a revision that is no longer the current one: the current form is in ``current``."""

    def __init__(self, current: FormRow, attempted: int) -> None:
        super().__init__(f"revision {attempted} is not the current one ({current.revision})")
        self.current = current
        self.attempted = attempted


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=10000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


class Store:
    """Offices, forms and revisions in one database (``sqlite:///path`` or ``postgresql://...``)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)

    @classmethod
    def open(cls, url: str) -> Store:
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        return cls(engine)

    @classmethod
    def in_folder(cls, folder: str | Path) -> Store:
        """The embedded store: ``workspace.sqlite3`` in ``folder`` (made if missing)."""
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        return cls.open(f"sqlite:///{(path / 'workspace.sqlite3').resolve()}")

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            if self.engine.dialect.name == "sqlite":
                conn.exec_driver_sql("SELECT 1")  # the transaction starts with the first statement
            yield conn

    # ----------------------------------------------------------------- offices
    def add_office(self, data: dict[str, Any]) -> OfficeRow:
        """A new office (``data``: the data format's office fields, validated by the caller)."""
        short = str(data.get("short_name", "")).strip()
        with self._write() as conn:
            if conn.execute(select(offices.c.id).where(offices.c.short_name == short)).first():
                raise InputError([("office.short_name", say("web.office_exists", name=short))])
            result = conn.execute(insert(offices).values(short_name=short, data=data, created_at=_now()))
            ident = result.inserted_primary_key[0] if result.inserted_primary_key else 0
        return OfficeRow(int(ident), short, data)

    def update_office(self, office_id: int, data: dict[str, Any]) -> OfficeRow:
        with self._write() as conn:
            conn.execute(update(offices).where(offices.c.id == office_id).values(data=data))
        return OfficeRow(office_id, str(data.get("short_name", "")), data)

    def offices(self) -> list[OfficeRow]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(offices).order_by(offices.c.short_name)).all()
        return [OfficeRow(r.id, r.short_name, r.data) for r in rows]

    def office(self, office_id: int) -> OfficeRow | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(offices).where(offices.c.id == office_id)).first()
        return OfficeRow(r.id, r.short_name, r.data) if r else None

    def office_named(self, short_name: str) -> OfficeRow | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(offices).where(offices.c.short_name == short_name)).first()
        return OfficeRow(r.id, r.short_name, r.data) if r else None

    # ----------------------------------------------------------------- forms
    def create_form(self, office_id: int, data: dict[str, Any], who: str, note: str = "") -> FormRow:
        """A new form of the office, at revision 1; one per office, year, round and indicator."""
        year, rnd, code = _key(data)
        now = _now()
        ident = secrets.token_hex(8)
        with self._write() as conn:
            taken = conn.execute(
                select(forms.c.id).where(
                    forms.c.office_id == office_id,
                    forms.c.fiscal_year == year,
                    forms.c.round == rnd,
                    forms.c.indicator == code,
                )
            ).first()
            if taken:
                raise InputError([("indicator", say("web.form_exists", code=code, year=year, form=taken.id))])
            conn.execute(
                insert(forms).values(
                    id=ident, office_id=office_id, fiscal_year=year, round=rnd, indicator=code,
                    revision=1, data=data, updated_at=now, updated_by=who,
                )
            )  # fmt: skip
            conn.execute(
                insert(revisions).values(form_id=ident, revision=1, data=data, saved_at=now, saved_by=who, note=note)
            )
        return FormRow(ident, office_id, year, rnd or None, code, 1, data, now, who)

    def form(self, form_id: str) -> FormRow | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(forms).where(forms.c.id == form_id)).first()
        return _form(r) if r else None

    def forms_of(self, office_id: int, fiscal_year: int | None = None, round: int | None = None) -> list[FormRow]:
        query = select(forms).where(forms.c.office_id == office_id)
        if fiscal_year is not None:
            query = query.where(forms.c.fiscal_year == fiscal_year)
        if round is not None:
            query = query.where(forms.c.round == round)
        with self.engine.connect() as conn:
            return [_form(r) for r in conn.execute(query.order_by(forms.c.indicator)).all()]

    def years_of(self, office_id: int) -> list[tuple[int, int | None]]:
        """The (fiscal year, round) pairs the office has forms of, latest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(forms.c.fiscal_year, forms.c.round).where(forms.c.office_id == office_id).distinct()
            ).all()
        return sorted(((r.fiscal_year, r.round or None) for r in rows), key=lambda k: (k[0], k[1] or 0), reverse=True)

    def save(self, form_id: str, data: dict[str, Any], revision: int, who: str, note: str = "") -> FormRow:
        """``data`` as the form's next revision, if ``revision`` is still the current one; else
        :class:`Conflict`. The revision row and the form change in one transaction."""
        now = _now()
        with self._write() as conn:
            changed = conn.execute(
                update(forms)
                .where(forms.c.id == form_id, forms.c.revision == revision)
                .values(revision=revision + 1, data=data, updated_at=now, updated_by=who)
            ).rowcount
            if not changed:
                current = conn.execute(select(forms).where(forms.c.id == form_id)).first()
                if current is None:
                    raise KeyError(form_id)
                raise Conflict(_form(current), revision)
            conn.execute(
                insert(revisions).values(
                    form_id=form_id, revision=revision + 1, data=data, saved_at=now, saved_by=who, note=note
                )
            )
            row = conn.execute(select(forms).where(forms.c.id == form_id)).one()
        return _form(row)

    def revisions(self, form_id: str) -> list[Revision]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(revisions).where(revisions.c.form_id == form_id).order_by(revisions.c.revision.desc())
            ).all()
        return [Revision(r.revision, r.data, r.saved_at, r.saved_by, r.note) for r in rows]

    def revision(self, form_id: str, number: int) -> Revision | None:
        with self.engine.connect() as conn:
            r = conn.execute(
                select(revisions).where(revisions.c.form_id == form_id, revisions.c.revision == number)
            ).first()
        return Revision(r.revision, r.data, r.saved_at, r.saved_by, r.note) if r else None


def _key(data: dict[str, Any]) -> tuple[int, int, str]:
    indicator = data.get("indicator")
    code = indicator.get("code") if isinstance(indicator, dict) else indicator
    try:
        return int(data["fiscal_year"]), int(data.get("round") or 0), str(code)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError([("fiscal_year", say("web.form_key"))]) from exc


def _form(r: Any) -> FormRow:
    when = r.updated_at if r.updated_at.tzinfo else r.updated_at.replace(tzinfo=dt.timezone.utc)
    return FormRow(
        r.id, r.office_id, r.fiscal_year, r.round or None, r.indicator, r.revision, r.data, when, r.updated_by
    )
