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

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, insert, inspect, select, update
from sqlalchemy.engine import Connection

from ..errors import InputError
from ..messages import say
from .schema import audit, comments, forms, metadata, offices, revisions, users

__all__ = [
    "Conflict",
    "ReviewConflict",
    "FormRow",
    "indicator_code",
    "OfficeRow",
    "Revision",
    "Store",
    "metadata",
    "migrate",
]


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
    review: str = "draft"  # draft, submitted, approved, returned
    approved_revision: int | None = None


@dataclass(frozen=True)
class Revision:
    revision: int
    data: dict[str, Any]
    saved_at: dt.datetime
    saved_by: str
    note: str


class ReviewConflict(Exception):
    """A review step on a form that is no longer where the step starts (or no longer at the
    revision that was reviewed): the current form is in ``current``."""

    def __init__(self, current: FormRow) -> None:
        super().__init__(f"form {current.id} is {current.review} at revision {current.revision}")
        self.current = current


class Conflict(Exception):
    """A save made on a revision that is no longer the current one: the current form is in ``current``."""

    def __init__(self, current: FormRow, attempted: int) -> None:
        super().__init__(f"revision {attempted} is not the current one ({current.revision})")
        self.current = current
        self.attempted = attempted


MIGRATIONS = Path(__file__).with_name("migrations")


def migrate(engine: Engine, target: str = "head") -> None:
    """Apply the schema's migrations up to ``target``; a store made before there were migrations
    (issue 20's, whose tables ``create_all`` made) is first marked as being at 0001."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        tables = set(inspect(conn).get_table_names())
        if "forms" in tables and "alembic_version" not in tables:
            command.stamp(config, "0001")
        command.upgrade(config, target)


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
        migrate(engine)

    @classmethod
    def open(cls, url: str) -> Store:
        """The store at ``url`` (``sqlite:///FILE``, ``postgresql://user@host/db``), brought up to
        the current schema."""
        if url.startswith(("postgresql://", "postgres://")):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]  # psycopg 3, not the default psycopg2
        # a server's threads (uvicorn runs up to 40) share the pool: more than SQLAlchemy's 5 + 10
        pool = {"pool_size": 10, "max_overflow": 30} if url.startswith("postgresql") else {}
        engine = create_engine(url, pool_pre_ping=True, **pool)
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

    def save(
        self, form_id: str, data: dict[str, Any], revision: int, who: str, note: str = "", *, action: str = ""
    ) -> FormRow:
        """``data`` as the form's next revision, if ``revision`` is still the current one; else
        :class:`Conflict`. The revision row, the form and (given an ``action``) its line of the
        audit trail change in one transaction: one sync to disk, not two."""
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
            if action:
                _audit(conn, who, action, row.office_id, form_id, f"revision {revision + 1}", at=now)
        return _form(row)

    def set_review(self, form_id: str, review: str, *, expect: tuple[str, ...], revision: int | None = None) -> FormRow:
        """The form's review state set to ``review`` if it is one of ``expect`` (and, for an
        approval, still at ``revision``: an approval of N never approves N+1 unseen); else
        :class:`ReviewConflict` with the current form."""
        with self._write() as conn:
            query = update(forms).where(forms.c.id == form_id, forms.c.review.in_(expect))
            values: dict[str, Any] = {"review": review}
            if revision is not None:
                query = query.where(forms.c.revision == revision)
                values["approved_revision"] = revision
            changed = conn.execute(query.values(**values)).rowcount
            row = conn.execute(select(forms).where(forms.c.id == form_id)).first()
            if row is None:
                raise KeyError(form_id)
            if not changed:
                raise ReviewConflict(_form(row))
        return _form(row)

    def log(
        self, login: str, action: str, *, office_id: int | None = None, form_id: str | None = None, detail: str = ""
    ) -> None:
        """One line of the audit trail (append-only: nothing updates or deletes it)."""
        with self._write() as conn:
            _audit(conn, login, action, office_id, form_id, detail)

    def add_comment(self, form_id: str, field: str, who: Any, text: str) -> None:
        with self._write() as conn:
            conn.execute(
                insert(comments).values(form_id=form_id, field=field[:300], user_id=who.user_id, text=text[:4000],
                                        created_at=_now())
            )  # fmt: skip

    def comments_of(self, form_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(comments, users.c.login).outerjoin(users, users.c.id == comments.c.user_id)
                .where(comments.c.form_id == form_id).order_by(comments.c.id)
            ).all()  # fmt: skip
        return [dict(r._mapping) for r in rows]

    def audit_of(self, office_id: int, limit: int = 500) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(audit).where(audit.c.office_id == office_id).order_by(audit.c.id.desc()).limit(limit)
            ).all()
        return [dict(r._mapping) for r in rows]

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


def _audit(
    conn: Connection, login: str, action: str, office_id: int | None, form_id: str | None, detail: str,
    *, at: dt.datetime | None = None,
) -> None:  # fmt: skip
    """One line of the audit trail, in the transaction of ``conn``."""
    conn.execute(
        insert(audit).values(at=at or _now(), login=login, office_id=office_id, form_id=form_id, action=action,
                             detail=detail[:1000])
    )  # fmt: skip


def indicator_code(data: dict[str, Any]) -> Any:
    """The indicator a form's data names: its code, or the code of the mapping given."""
    indicator = data.get("indicator")
    return indicator.get("code") if isinstance(indicator, dict) else indicator


def _key(data: dict[str, Any]) -> tuple[int, int, str]:
    code = indicator_code(data)
    try:
        return int(data["fiscal_year"]), int(data.get("round") or 0), str(code)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError([("fiscal_year", say("web.form_key"))]) from exc


def _form(r: Any) -> FormRow:
    when = r.updated_at if r.updated_at.tzinfo else r.updated_at.replace(tzinfo=dt.timezone.utc)
    return FormRow(
        r.id, r.office_id, r.fiscal_year, r.round or None, r.indicator, r.revision, r.data, when, r.updated_by,
        r.review, r.approved_revision,
    )  # fmt: skip
