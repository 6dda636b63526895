"""sar_forms.web.store: offices, forms and every revision in SQLite (WAL), conflicts not overwrites,
and no acknowledged save lost when the server is killed."""

from __future__ import annotations

import json
import signal
import sqlite3
import urllib.request

import pytest
from conftest import SAMPLE
from web_server import running

from sar_forms.errors import InputError
from sar_forms.inputs.sources import read_yaml
from sar_forms.web.store import Conflict, Store

OFFICE = {"name": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุดรธานี เขต 2", "short_name": "สพป.อด.2",
          "kind": "สพป.", "province": "อุดรธานี", "area": 2}  # fmt: skip


def form_data() -> dict:
    data = read_yaml(SAMPLE)
    del data["office"]
    return data


def test_saves_are_revisions_and_a_stale_one_is_a_conflict(database):
    """This test ensures that each save is a new revision kept in the history, and a save made on
    an old revision raises Conflict with the current form, changing nothing (SQLite and PostgreSQL)."""
    store = Store.open(database)
    office = store.add_office(OFFICE)
    form = store.create_form(office.id, form_data(), "ครูสมศรี")
    changed = dict(form.data, level=4)
    second = store.save(form.id, changed, 1, "ครูสมชาย")
    assert (second.revision, second.updated_by, second.data["level"]) == (2, "ครูสมชาย", 4)
    with pytest.raises(Conflict) as stale:
        store.save(form.id, dict(form.data, level=1), 1, "ครูสมศรี")
    assert stale.value.current.revision == 2 and store.form(form.id).data["level"] == 4  # type: ignore[union-attr]
    assert [r.revision for r in store.revisions(form.id)] == [2, 1]
    assert store.revision(form.id, 1).data["level"] == 5  # type: ignore[union-attr]
    store.close()


def test_one_form_per_office_indicator_year_and_round_and_one_office_per_short_name(database):
    """This test ensures that a second form of the same indicator, year and round, or a second
    office of the same short name, is an InputError naming the field (SQLite and PostgreSQL)."""
    store = Store.open(database)
    office = store.add_office(OFFICE)
    store.create_form(office.id, form_data(), "x")
    with pytest.raises(InputError) as twice:
        store.create_form(office.id, form_data(), "x")
    assert twice.value.field == "indicator"
    store.create_form(office.id, dict(form_data(), round=6), "x")  # another round is another form
    with pytest.raises(InputError) as again:
        store.add_office(OFFICE)
    assert again.value.field == "office.short_name"
    store.close()


def test_the_embedded_store_is_sqlite_in_wal_mode_with_full_sync(tmp_path):
    """This test ensures that the store's file is SQLite in WAL mode, and each connection syncs fully."""
    store = Store.in_folder(tmp_path)
    store.add_office(OFFICE)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    store.close()
    with sqlite3.connect(tmp_path / "workspace.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_kill_9_of_the_server_loses_no_acknowledged_save(tmp_path, soffice):
    """This test ensures that every save the server answered is there after the server is killed
    with SIGKILL mid-work and started again on the same data."""
    del soffice
    data = tmp_path / "data"
    with running(data, SAMPLE) as server:
        forms = json.loads(server.api("/api/v1/offices/1/forms"))
        form_id = forms[0]["id"]
        body = json.loads(server.api(f"/api/v1/forms/{form_id}"))
        acknowledged = []
        for n in range(20):
            body["data"]["narrative"]["steps"][0] = f"ข้อความครั้งที่ {n}"
            request = urllib.request.Request(
                f"{server.url}/api/v1/forms/{form_id}", data=json.dumps(body["data"]).encode(), method="PUT",
                headers={"Authorization": f"Bearer {server.token}", "If-Match": str(body["revision"]),
                         "Content-Type": "application/json"},
            )  # fmt: skip
            with urllib.request.urlopen(request, timeout=30) as answer:
                body["revision"] = json.loads(answer.read())["revision"]
            acknowledged.append((body["revision"], n))
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(timeout=20)
    with running(data) as again:
        back = json.loads(again.api(f"/api/v1/forms/{form_id}"))
        assert back["revision"] == acknowledged[-1][0]
        assert back["data"]["narrative"]["steps"][0] == "ข้อความครั้งที่ 19"


def test_a_store_of_the_first_workspace_is_upgraded_in_place(tmp_path):
    """This test ensures that a store made before accounts existed (issue 20's schema, no
    migration table) opens with its offices, forms and revisions kept and the new tables added."""
    from sqlalchemy import create_engine, inspect

    from sar_forms.web.schema import metadata as current
    from sar_forms.web.store import migrate

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = create_engine(url)
    migrate(engine, "0001")  # the tables as issue 20 made them
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE alembic_version")  # issue 20 made them with create_all
    engine.dispose()
    old = Store.__new__(Store)
    old.engine = create_engine(url)
    office = old.add_office(OFFICE)
    form = old.create_form(office.id, form_data(), "ครูสมศรี")
    old.engine.dispose()
    store = Store.open(url)
    assert store.form(form.id).data == form.data  # type: ignore[union-attr]
    assert {"users", "memberships", "audit", "comments"} <= set(inspect(store.engine).get_table_names())
    assert set(current.tables) <= set(inspect(store.engine).get_table_names())
    store.close()
