"""Alembic's environment for the workspace's store: the connection is the store's own, given by
:meth:`sar_forms.web.store.Store.open` (no alembic.ini, no URL of its own)."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
