"""The workspace's tables, one schema for SQLite and PostgreSQL (SQLAlchemy Core).

Changes to them are Alembic migrations (``migrations/versions``), applied when a store opens: a
store made by an older version is brought up to date in place.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)

__all__ = [
    "api_tokens", "assignments", "audit", "comments", "forms", "memberships", "metadata",
    "offices", "revisions", "sessions", "users",
]  # fmt: skip

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
    Column("review", String(12), nullable=False, server_default="draft"),  # draft submitted approved returned
    Column("approved_revision", Integer, nullable=True),
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

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("login", String(100), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("admin", Boolean, nullable=False, default=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

memberships = Table(
    "memberships",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id"), primary_key=True),
    Column("office_id", Integer, ForeignKey("offices.id"), primary_key=True),
    Column("role", String(20), nullable=False),  # coordinator, editor, reviewer
)

assignments = Table(
    "assignments",
    metadata,
    Column("office_id", Integer, ForeignKey("offices.id"), primary_key=True),
    Column("indicator", String(40), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), primary_key=True),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("digest", String(64), nullable=False, unique=True),  # sha256 of the token: the token is never kept
    Column("label", String(200), nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

sessions = Table(
    "sessions",
    metadata,
    Column("digest", String(64), primary_key=True),  # sha256 of the cookie's value
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

comments = Table(
    "comments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("form_id", String(32), ForeignKey("forms.id"), nullable=False, index=True),
    Column("field", String(300), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=True),
    Column("text", String(4000), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("login", String(100), nullable=False),
    Column("office_id", Integer, nullable=True, index=True),
    Column("form_id", String(32), nullable=True),
    Column("action", String(40), nullable=False),
    Column("detail", String(1000), nullable=False, default=""),
)
