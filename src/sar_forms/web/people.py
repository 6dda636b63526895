"""Who uses a shared workspace: accounts, their roles per office, the indicators assigned to
them, their API tokens and browser sessions.

Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106's second recommended
option); an API token and a session's cookie are random and only their SHA-256 is kept, so a
copy of the database opens no account. Roles are per office: a *coordinator* manages the
office's members and assignments and approves; an *editor* edits the forms of the indicators
assigned to them; a *reviewer* reads and comments. A server *administrator* creates offices and
accounts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, field
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update

from ..errors import InputError
from ..messages import say
from .schema import api_tokens, assignments, memberships, sessions, users
from .store import Store

__all__ = ["ROLES", "Forbidden", "People", "Principal", "Role"]

Role = Literal["coordinator", "editor", "reviewer"]
ROLES: tuple[Role, ...] = ("coordinator", "editor", "reviewer")
#: How long a browser session lasts without signing in again.
SESSION_DAYS = 7
_hasher = PasswordHasher()  # Argon2id


class Forbidden(Exception):
    """The principal sees the object but their role does not allow the action (403)."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class Principal:
    """Who is asking, and what they may do: their roles per office and assigned indicators.
    The single-token workspace (no accounts) asks as an administrator."""

    user_id: int | None
    login: str
    admin: bool = False
    roles: dict[int, Role] = field(default_factory=dict)
    assigned: frozenset[tuple[int, str]] = frozenset()

    def role(self, office_id: int) -> Role | None:
        return self.roles.get(office_id)

    def reads(self, office_id: int) -> bool:
        return self.admin or office_id in self.roles

    def coordinates(self, office_id: int) -> bool:
        return self.admin or self.roles.get(office_id) == "coordinator"

    def edits(self, office_id: int, indicator: str) -> bool:
        if self.coordinates(office_id):
            return True
        return self.roles.get(office_id) == "editor" and (office_id, indicator) in self.assigned

    def comments(self, office_id: int) -> bool:
        return self.reads(office_id)


class People:
    """Accounts, roles, tokens and sessions in the workspace's store."""

    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    def any(self) -> bool:
        """Whether the workspace has accounts (else it runs on its one access token)."""
        with self.engine.connect() as conn:
            return conn.execute(select(users.c.id).limit(1)).first() is not None

    def add_user(self, login: str, password: str, *, admin: bool = False) -> int:
        login = login.strip()
        if not login or len(login) > 100:
            raise InputError([("login", say("web.bad_login"))])
        if len(password) < 8:
            raise InputError([("password", say("web.short_password"))])
        with self.engine.begin() as conn:
            if conn.execute(select(users.c.id).where(users.c.login == login)).first():
                raise InputError([("login", say("web.login_taken", login=login))])
            result = conn.execute(
                insert(users).values(login=login, password_hash=_hasher.hash(password), admin=admin,
                                     disabled=False, created_at=_now())
            )  # fmt: skip
            return int(result.inserted_primary_key[0]) if result.inserted_primary_key else 0

    def user_id(self, login: str) -> int:
        with self.engine.connect() as conn:
            row = conn.execute(select(users.c.id).where(users.c.login == login.strip())).first()
        if row is None:
            raise InputError([("login", say("web.no_user", login=login))])
        return int(row.id)

    def set_password(self, login: str, password: str) -> None:
        if len(password) < 8:
            raise InputError([("password", say("web.short_password"))])
        uid = self.user_id(login)
        with self.engine.begin() as conn:
            conn.execute(update(users).where(users.c.id == uid).values(password_hash=_hasher.hash(password)))
            conn.execute(delete(sessions).where(sessions.c.user_id == uid))  # signed out everywhere

    def check_password(self, login: str, password: str) -> int | None:
        """The account's id if ``password`` is its password (constant work whether or not it exists)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.login == login.strip())).first()
        stored = row.password_hash if row is not None and not row.disabled else _DUMMY
        try:
            _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        return int(row.id) if row is not None and not row.disabled else None

    def add_member(self, login: str, office_id: int, role: Role) -> None:
        if role not in ROLES:
            raise InputError([("role", say("web.bad_role", role=role))])
        uid = self.user_id(login)
        with self.engine.begin() as conn:
            conn.execute(delete(memberships).where(memberships.c.user_id == uid, memberships.c.office_id == office_id))
            conn.execute(insert(memberships).values(user_id=uid, office_id=office_id, role=role))

    def members(self, office_id: int) -> list[tuple[str, Role, list[str]]]:
        """The office's members: login, role, the indicators assigned to them."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(users.c.id, users.c.login, memberships.c.role)
                .join(memberships, memberships.c.user_id == users.c.id)
                .where(memberships.c.office_id == office_id)
                .order_by(users.c.login)
            ).all()
            given = conn.execute(select(assignments).where(assignments.c.office_id == office_id)).all()
        out = []
        for r in rows:
            out.append((r.login, r.role, sorted(a.indicator for a in given if a.user_id == r.id)))
        return out

    def assign(self, login: str, office_id: int, indicator: str) -> None:
        uid = self.user_id(login)
        with self.engine.begin() as conn:
            keys = (
                assignments.c.office_id == office_id,
                assignments.c.indicator == indicator,
                assignments.c.user_id == uid,
            )
            if conn.execute(select(assignments).where(*keys)).first() is None:
                conn.execute(insert(assignments).values(office_id=office_id, indicator=indicator, user_id=uid))

    def principal(self, user_id: int) -> Principal | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.id == user_id)).first()
            if row is None or row.disabled:
                return None
            roles = {
                m.office_id: m.role for m in conn.execute(select(memberships).where(memberships.c.user_id == user_id))
            }
            given = conn.execute(select(assignments).where(assignments.c.user_id == user_id)).all()
        return Principal(
            row.id, row.login, bool(row.admin), roles, frozenset((a.office_id, a.indicator) for a in given)
        )

    # ----------------------------------------------------------------- tokens and sessions
    def new_token(self, login: str, label: str = "") -> str:
        """A new API token of the account, shown once: only its SHA-256 is kept."""
        uid = self.user_id(login)
        token = "sft_" + secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            conn.execute(insert(api_tokens).values(user_id=uid, digest=_digest(token), label=label, created_at=_now()))
        return token

    def revoke_tokens(self, login: str) -> int:
        uid = self.user_id(login)
        with self.engine.begin() as conn:
            done = conn.execute(
                update(api_tokens)
                .where(api_tokens.c.user_id == uid, api_tokens.c.revoked_at.is_(None))
                .values(revoked_at=_now())
            )
        return int(done.rowcount)

    def token_user(self, token: str) -> int | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(api_tokens.c.user_id).where(
                    api_tokens.c.digest == _digest(token), api_tokens.c.revoked_at.is_(None)
                )
            ).first()
        return int(row.user_id) if row else None

    def new_session(self, user_id: int) -> str:
        value = secrets.token_urlsafe(32)
        now = _now()
        with self.engine.begin() as conn:
            conn.execute(
                insert(sessions).values(digest=_digest(value), user_id=user_id, created_at=now,
                                        expires_at=now + dt.timedelta(days=SESSION_DAYS))
            )  # fmt: skip
        return value

    def session_user(self, value: str) -> int | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(sessions).where(sessions.c.digest == _digest(value))).first()
        if row is None:
            return None
        expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=dt.timezone.utc)
        return int(row.user_id) if expires > _now() else None

    def end_session(self, value: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(sessions).where(sessions.c.digest == _digest(value)))


_DUMMY = _hasher.hash(secrets.token_urlsafe(16))  # verified against when the login does not exist
