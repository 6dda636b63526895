"""sar_forms.web.admin: a shared workspace set up from a shell, backed up and restored, between
SQLite and PostgreSQL."""

from __future__ import annotations

import io
import sys

from conftest import SAMPLE, fresh_schema
from fastapi.testclient import TestClient

from sar_forms.cli import main
from sar_forms.inputs.sources import read_yaml
from sar_forms.web.admin import backup, restore
from sar_forms.web.people import People
from sar_forms.web.server import workspace_app
from sar_forms.web.store import Store


def run(args: list[str], stdin: str = "", monkeypatch=None) -> int:  # type: ignore[no-untyped-def]
    if monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(args)


def test_a_coordinator_and_an_editor_set_up_from_the_shell(tmp_path, monkeypatch, capsys):
    """This test ensures that admin add-office, add-user (password from standard input), assign
    and token make accounts whose token opens the API for their office only."""
    data = ["--data", str(tmp_path / "d")]
    assert run(["admin", "add-office", "สพป.อด.2", "--name", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุดรธานี เขต 2",
                "--kind", "สพป.", "--province", "อุดรธานี", "--area", "2", *data]) == 0  # fmt: skip
    assert run(["admin", "add-user", "somsri", "--office", "สพป.อด.2", "--role", "coordinator", *data],
               "รหัสผ่านยาวพอ\n", monkeypatch) == 0  # fmt: skip
    assert run(["admin", "add-user", "somchai", "--office", "สพป.อด.2", "--role", "editor", *data],
               "อีกรหัสหนึ่งยาว\n", monkeypatch) == 0  # fmt: skip
    assert run(["admin", "assign", "somchai", "--office", "สพป.อด.2", "--indicator", "1.2", *data]) == 0
    capsys.readouterr()
    assert run(["admin", "token", "somchai", *data]) == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("sft_")
    store = Store.in_folder(tmp_path / "d")
    people = People(store)
    assert people.check_password("somsri", "รหัสผ่านยาวพอ") is not None
    assert people.check_password("somsri", "ผิด") is None
    who = people.principal(people.token_user(token))  # type: ignore[arg-type]
    assert who is not None and who.edits(store.office_named("สพป.อด.2").id, "1.2")  # type: ignore[union-attr]
    store.close()
    assert run(["admin", "add-user", "short", *data], "1234\n", monkeypatch) == 1  # too short: refused


def test_a_backup_restored_from_sqlite_into_postgresql_is_the_same_workspace(tmp_path, postgres_url):
    """This test ensures that `sar-forms backup` of a SQLite workspace, restored into PostgreSQL,
    gives the same forms, review states, accounts (their passwords still open them) and audit."""
    with workspace_app(tmp_path / "a", "tok", workers=1) as app, TestClient(app) as c:
        admin = {"Authorization": "Bearer tok"}
        fid = c.post("/api/v1/forms", json=read_yaml(SAMPLE), headers=admin).json()["id"]
        people = app.state.settings.access.people
        people.add_user("somsri", "รหัสผ่านยาวพอ")
        people.add_member("somsri", 1, "coordinator")
        c.post(f"/api/v1/forms/{fid}/review", json={"step": "submit"}, headers=admin)
        c.post(f"/api/v1/forms/{fid}/review", json={"step": "approve", "revision": 1}, headers=admin)
        before = c.get(f"/api/v1/forms/{fid}", headers=admin).json()["data"]
        store = app.state.settings.workspace.store
        backup(store, tmp_path / "backup.zip")
        trail = len(store.audit_of(1))
    target = Store.open(fresh_schema(postgres_url))
    assert restore(target, tmp_path / "backup.zip") == 1
    (form,) = target.forms_of(target.office_named("สพป.อด.2").id)  # type: ignore[union-attr]
    assert {"office": target.office(form.office_id).data, **form.data} == before  # type: ignore[union-attr]
    assert form.review == "approved"
    people = People(target)
    assert people.check_password("somsri", "รหัสผ่านยาวพอ") is not None
    assert people.principal(people.user_id("somsri")).coordinates(form.office_id)  # type: ignore[union-attr]
    assert len(target.audit_of(form.office_id)) == trail
    people.add_user("new_after_restore", "รหัสผ่านยาวพอ")  # the id sequence followed the restored ids
    target.close()
