"""The commands of the web workspace (serve, admin, backup, restore), loaded only when one of
them runs: the web stack (FastAPI, SQLAlchemy, Alembic, Argon2, PDFium) costs the other
commands nothing at start-up (``cli.parser`` names them by module and function)."""

from __future__ import annotations

import argparse
import getpass
import sys

from ..domain.models import Office
from ..errors import InputError
from ..messages import say
from ..web.admin import backup, open_store, restore
from ..web.people import People
from ..web.server import serve
from ..web.store import Store
from .commands import _options, _t

__all__ = ["cmd_admin", "cmd_backup", "cmd_restore", "cmd_serve"]


def cmd_serve(args: argparse.Namespace) -> int:
    return serve(
        args.data, args.host, args.port, args.token, args.add, workers=args.workers, options=_options(args),
        database=args.database,
    )  # fmt: skip


def _password() -> str:
    """A password from standard input (one line), never from the command line (it would show in ps)."""
    if sys.stdin.isatty():
        return getpass.getpass(_t("cli.password"))
    return sys.stdin.readline().rstrip("\n")


def cmd_admin(args: argparse.Namespace) -> int:
    store = open_store(args.data, args.database)
    try:
        people = People(store)
        if args.admin_command == "add-office":
            fields = {"name": args.name, "short_name": args.short_name, "kind": args.kind, "province": args.province}
            if args.area:
                fields["area"] = args.area
            office = store.add_office(Office.model_validate(fields).model_dump(mode="json", exclude_none=True))
            print(_t("cli.office_added", office=office.short_name, id=office.id))
        elif args.admin_command == "add-user":
            people.add_user(args.login, _password(), admin=args.admin)
            if args.office:
                people.add_member(args.login, _office_of(store, args.office), args.role or "editor")
            print(_t("cli.user_added", login=args.login))
        elif args.admin_command == "assign":
            people.assign(args.login, _office_of(store, args.office), args.indicator)
        elif args.admin_command == "token":
            if args.revoke:
                print(_t("cli.tokens_revoked", count=people.revoke_tokens(args.login)))
            else:
                print(people.new_token(args.login))
        elif args.admin_command == "passwd":
            people.set_password(args.login, _password())
    finally:
        store.close()
    return 0


def _office_of(store: Store, short_name: str) -> int:
    office = store.office_named(short_name)
    if office is None:
        raise InputError([("office", say("web.no_office", office=short_name))])
    return office.id


def cmd_backup(args: argparse.Namespace) -> int:
    store = open_store(args.data, args.database)
    try:
        print(backup(store, args.output))
    finally:
        store.close()
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    store = open_store(args.data, args.database)
    try:
        print(_t("cli.restored", count=restore(store, args.input)))
    finally:
        store.close()
    return 0
