"""sar_forms.web with accounts: every route tried as every role and as a user of another office
(direct object references by id included), the review workflow, the audit trail, on SQLite and
PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from conftest import SAMPLE, fresh_schema
from fastapi.testclient import TestClient

from sar_forms.inputs.sources import read_yaml
from sar_forms.web.server import workspace_app

TOKEN = "roles-admin-token"
OTHER = {"name": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต 1", "short_name": "สพป.ขก.1",
         "kind": "สพป.", "province": "ขอนแก่น", "area": 1}  # fmt: skip


@dataclass
class World:
    client: TestClient
    tokens: dict[str, str]
    form_a: str  # office A, indicator 1.2 (assigned to editor_a)
    form_a_other: str  # office A, indicator 1.1 (assigned to nobody)
    form_b: str  # office B
    office_a: int
    office_b: int

    def as_(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, soffice: str) -> Iterator[World]:
    del soffice
    database = fresh_schema(request.getfixturevalue("postgres_url")) if request.param == "postgresql" else None
    with (
        workspace_app(tmp_path_factory.mktemp("roles"), TOKEN, workers=1, database=database) as app,
        TestClient(app) as c,
    ):
        admin = {"Authorization": f"Bearer {TOKEN}"}
        a = c.post("/api/v1/forms", json=read_yaml(SAMPLE), headers=admin).json()["id"]
        other_indicator = dict(read_yaml(SAMPLE), fiscal_year=2566)
        a2 = c.post("/api/v1/forms", json=other_indicator, headers=admin).json()["id"]
        b = c.post("/api/v1/forms", json=dict(read_yaml(SAMPLE), office=OTHER), headers=admin).json()["id"]
        people = app.state.settings.access.people
        ws = app.state.settings.workspace
        office_a, office_b = ws.store.office_named("สพป.อด.2").id, ws.store.office_named("สพป.ขก.1").id
        # form a2 stands for "a form of the office not assigned to the editor": make it indicator 1.1's
        with ws.store.engine.begin() as conn:
            conn.exec_driver_sql(f"UPDATE forms SET indicator = '1.1' WHERE id = '{a2}'")
        tokens = {}
        for login, office, role in (("coord_a", office_a, "coordinator"), ("editor_a", office_a, "editor"),
                                    ("reviewer_a", office_a, "reviewer"), ("editor_b", office_b, "editor"),
                                    ("nobody", None, None)):  # fmt: skip
            people.add_user(login, "รหัสผ่านยาวพอ-" + login)
            if office is not None:
                people.add_member(login, office, role)
            tokens[login] = people.new_token(login)
        people.assign("editor_a", office_a, "1.2")
        people.assign("editor_b", office_b, "1.2")
        yield World(c, tokens, a, a2, b, office_a, office_b)


WHO = ("coord_a", "editor_a", "reviewer_a", "editor_b", "nobody")

# (method, path, who may, what the others get): {a} form of office A (1.2), {a2} office A's 1.1,
# {b} office B's, {oa}/{ob} the offices. "see" = members of office A (read), 404 for the rest.
ROUTES = [
    ("GET", "/forms/{a}", {"coord_a", "editor_a", "reviewer_a"}),
    ("GET", "/forms/{a}/history", {"coord_a", "editor_a", "reviewer_a"}),
    ("GET", "/forms/{a}/preview", {"coord_a", "editor_a", "reviewer_a"}),
    ("GET", "/forms/{a}/download/yaml", {"coord_a", "editor_a", "reviewer_a"}),
    ("GET", "/forms/{a}/download/docx", {"coord_a", "editor_a", "reviewer_a"}),
    ("GET", "/api/v1/forms/{a}", {"coord_a", "editor_a", "reviewer_a"}),
    ("GET", "/api/v1/forms/{a}/check", {"coord_a", "editor_a", "reviewer_a"}),
    ("GET", "/api/v1/forms/{a}/yaml", {"coord_a", "editor_a", "reviewer_a"}),
    ("GET", "/api/v1/forms/{a}/pages/1.png", {"coord_a", "editor_a", "reviewer_a"}),
    ("GET", "/offices/{oa}", {"coord_a", "editor_a", "reviewer_a"}),
    ("GET", "/api/v1/offices/{oa}/forms", {"coord_a", "editor_a", "reviewer_a"}),
    ("GET", "/offices/{oa}/members", {"coord_a"}),
    ("GET", "/offices/{oa}/audit", {"coord_a"}),
    ("GET", "/forms/{b}", {"editor_b"}),
    ("GET", "/api/v1/forms/{b}", {"editor_b"}),
    ("GET", "/api/v1/forms/{b}/pages/1.png", {"editor_b"}),
    ("GET", "/offices/{ob}", {"editor_b"}),
    ("GET", "/export.zip", set()),
    ("POST", "/forms/{a}/save", {"coord_a", "editor_a"}),
    ("POST", "/forms/{a2}/save", {"coord_a"}),
    ("POST", "/forms/{b}/save", {"editor_b"}),
    ("POST", "/forms/{a}/comments", {"coord_a", "editor_a", "reviewer_a"}),
    ("POST", "/offices/{oa}/members", {"coord_a"}),
    ("POST", "/offices", set()),
    ("PUT", "/api/v1/forms/{a}", {"coord_a", "editor_a"}),
    ("PUT", "/api/v1/forms/{b}", {"editor_b"}),
    ("POST", "/forms/{a}/review", {"coord_a", "editor_a"}),
    ("POST", "/forms/{b}/review", {"editor_b"}),
    ("POST", "/offices/{oa}/forms", {"coord_a", "editor_a"}),
    ("POST", "/forms/{a}/carry", {"coord_a", "editor_a"}),
    ("POST", "/forms/{a}/restore", {"coord_a", "editor_a"}),
    ("GET", "/offices/{oa}/book.docx?year=2565", {"coord_a", "editor_a", "reviewer_a"}),
    ("GET", "/offices/{ob}/book.docx?year=2565", {"editor_b"}),
]


def _expected(route: tuple[str, str, set[str]], who: str) -> set[int]:
    method, path, allowed = route
    if who in allowed:
        # allowed, and then the form's own state may answer: a book with nothing approved (422),
        # a review step the form is not at (409), a second form of the same year (422)
        return {200, 201, 303, 409, 422}
    office_a_member = who in ("coord_a", "editor_a", "reviewer_a")
    sees = (
        ("{b}" in path or "{ob}" in path) and who == "editor_b" or ("{a" in path or "{oa}" in path) and office_a_member
    )
    return {403} if sees or path in ("/export.zip", "/offices") else {404}


def _call(w: World, route: tuple[str, str, set[str]], who: str) -> int:
    method, template, _allowed = route
    path = template.format(a=w.form_a, a2=w.form_a_other, b=w.form_b, oa=w.office_a, ob=w.office_b)
    headers = w.as_(who)
    if method == "GET":
        return w.client.get(path, headers=headers, follow_redirects=False).status_code
    admin = {"Authorization": f"Bearer {TOKEN}"}
    if method == "PUT":
        current = w.client.get(path, headers=admin).json()
        return w.client.put(
            path, json=current["data"], headers={**headers, "If-Match": str(current["revision"])}
        ).status_code
    if path.endswith("/review"):
        return w.client.post(path, data={"step": "submit"}, headers=headers, follow_redirects=False).status_code
    if path.endswith("/forms"):
        data = {"indicator": "1.2", "fiscal_year": str(2600 + WHO.index(who)), "round": "0"}
        return w.client.post(path, data=data, headers=headers, follow_redirects=False).status_code
    if path.endswith("/carry"):
        data = {"fiscal_year": str(2700 + WHO.index(who))}
        return w.client.post(path, data=data, headers=headers, follow_redirects=False).status_code
    if path.endswith("/restore"):
        return w.client.post(path, data={"revision": "1"}, headers=headers, follow_redirects=False).status_code
    if path.endswith("/save"):
        current = w.client.get(
            f"/api/v1/forms/{path.split('/')[2]}", headers={"Authorization": f"Bearer {TOKEN}"}
        ).json()
        data = {"revision": str(current["revision"]), "level": "5", "narrative.steps[0].text": f"แก้โดย {who}"}
        return w.client.post(path, data=data, headers=headers, follow_redirects=False).status_code
    if path.endswith("/comments"):
        return w.client.post(
            path, data={"text": f"ความเห็นของ {who}"}, headers=headers, follow_redirects=False
        ).status_code
    if path.endswith("/members"):
        data = {"login": f"new_{who}", "password": "รหัสผ่านใหม่ยาว", "role": "reviewer"}
        return w.client.post(path, data=data, headers=headers, follow_redirects=False).status_code
    data = {"name": "x", "short_name": f"x{who}", "kind": "สพป.", "province": "ขอนแก่น"}
    return w.client.post(path, data=data, headers=headers, follow_redirects=False).status_code


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r[0]} {r[1]}")
def test_every_route_as_every_role(world, route, who):
    """This test ensures that each route answers each role as its rights say: allowed, 403 for
    what the role sees but may not do, 404 for another office's forms and pages (not even their
    existence is told)."""
    assert _call(world, route, who) in _expected(route, who)


def test_lists_show_only_ones_own_offices(world):
    """This test ensures that the offices listed (API and first page) are the user's own."""
    names = {o["short_name"] for o in world.client.get("/api/v1/offices", headers=world.as_("editor_b")).json()}
    assert names == {"สพป.ขก.1"}
    page = world.client.get("/", headers=world.as_("editor_a")).text
    assert "สพป.อด.2" in page and "สพป.ขก.1" not in page
    assert world.client.get("/api/v1/offices", headers=world.as_("nobody")).json() == []


def test_submit_approve_lock_reopen_and_the_approval_race(world):
    """This test ensures the review workflow: the editor submits, the coordinator approves the
    revision seen (an approval of N while N+1 was saved is 409), an approved form is locked (423),
    the reviewer cannot approve (403), reopening unlocks it; each step is in the audit trail."""
    c, a = world.client, world.form_a
    api = f"/api/v1/forms/{a}"
    c.post(
        f"{api}/review", json={"step": "return"}, headers={"Authorization": f"Bearer {TOKEN}"}
    )  # if the matrix submitted it
    current = c.get(api, headers=world.as_("coord_a")).json()
    assert (
        c.post(f"{api}/review", json={"step": "submit"}, headers=world.as_("editor_a")).json()["review"] == "submitted"
    )
    seen = current["revision"]
    data = current["data"]
    data["narrative"]["steps"][0] = "แก้หลังส่งตรวจ"
    saved = c.put(api, json=data, headers={**world.as_("editor_a"), "If-Match": str(seen)}).json()["revision"]
    race = c.post(f"{api}/review", json={"step": "approve", "revision": seen}, headers=world.as_("coord_a"))
    assert race.status_code == 409  # revision N was reviewed; N+1 is not approved unseen
    assert (
        c.post(
            f"{api}/review", json={"step": "approve", "revision": saved}, headers=world.as_("reviewer_a")
        ).status_code
        == 403
    )
    ok = c.post(f"{api}/review", json={"step": "approve", "revision": saved}, headers=world.as_("coord_a")).json()
    assert ok["review"] == "approved" and ok["approved_revision"] == saved
    locked = c.put(api, json=data, headers={**world.as_("coord_a"), "If-Match": str(saved)})
    assert locked.status_code == 423
    assert c.post(f"{api}/review", json={"step": "reopen"}, headers=world.as_("editor_a")).status_code == 403
    assert c.post(f"{api}/review", json={"step": "reopen"}, headers=world.as_("coord_a")).json()["review"] == "draft"
    trail = c.get(f"/offices/{world.office_a}/audit", headers=world.as_("coord_a")).text
    for action in ("submit", "approve", "reopen", "save"):
        assert f"action-{action}" in trail


def test_the_book_takes_approved_forms_only_and_says_which_are_missing(world):
    """This test ensures that the book is made of the approved forms (as approved) and names the
    indicators left out; with none approved it is refused with a message."""
    c, b = world.client, world.form_b
    book = f"/offices/{world.office_b}/book.docx?year=2565"
    assert c.get(book, headers=world.as_("editor_b")).status_code == 422  # nothing approved yet
    admin = {"Authorization": f"Bearer {TOKEN}"}
    c.post(f"/api/v1/forms/{b}/review", json={"step": "submit"}, headers=world.as_("editor_b"))
    rev = c.get(f"/api/v1/forms/{b}", headers=admin).json()["revision"]
    assert (
        c.post(f"/api/v1/forms/{b}/review", json={"step": "approve", "revision": rev}, headers=admin).status_code == 200
    )
    made = c.get(book, headers=world.as_("editor_b"))
    assert made.status_code == 200 and made.content[:2] == b"PK"


def test_passwords_are_argon2id_tokens_and_sessions_only_hashed(world):
    """This test ensures that passwords are stored as Argon2id hashes and API tokens only as their
    SHA-256, and that a revoked token opens nothing."""
    people = world.client.app.state.settings.access.people  # type: ignore[attr-defined]
    with people.engine.connect() as conn:
        hashes = [r[0] for r in conn.exec_driver_sql("SELECT password_hash FROM users")]
        digests = [r[0] for r in conn.exec_driver_sql("SELECT digest FROM api_tokens")]
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert world.tokens["editor_a"] not in digests and all(len(d) == 64 for d in digests)
    token = people.new_token("reviewer_a")
    assert world.client.get("/api/v1/offices", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    people.revoke_tokens("reviewer_a")
    assert world.client.get("/api/v1/offices", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    world.tokens["reviewer_a"] = people.new_token("reviewer_a")


def test_sign_in_with_a_password_is_rate_limited(world):
    """This test ensures that a password sign-in sets a session cookie that opens the pages, and
    that repeated failures are answered 429 with Retry-After."""
    browser = TestClient(world.client.app, follow_redirects=False)
    assert "รหัสผ่าน" in browser.get("/login").text
    good = browser.post("/login", data={"login": "editor_a", "password": "รหัสผ่านยาวพอ-editor_a"})
    assert good.status_code == 303 and "HttpOnly" in good.headers["set-cookie"]
    assert browser.get(f"/forms/{world.form_a}").status_code == 200
    assert browser.get(f"/forms/{world.form_b}").status_code == 404
    stranger = TestClient(world.client.app, follow_redirects=False)
    statuses = [stranger.post("/login", data={"login": "coord_a", "password": "wrong"}).status_code for _ in range(7)]
    assert statuses[:5] == [401] * 5 and statuses[-1] == 429


def test_one_changes_ones_own_password(world):
    """This test ensures that a user changes their own password (the current one asked, the new
    one twice), which signs them out everywhere, and the new one then signs them in."""
    browser = TestClient(world.client.app, follow_redirects=False)
    browser.post("/login", data={"login": "reviewer_a", "password": "รหัสผ่านยาวพอ-reviewer_a"})
    page = browser.get("/account")
    assert page.status_code == 200
    csrf = world.client.app.state.settings.access.csrf_for(browser.cookies.get("sar_forms_session"))  # type: ignore[attr-defined]
    wrong = browser.post(
        "/account/password", data={"current": "ผิด", "new": "รหัสใหม่ยาวพอ", "again": "รหัสใหม่ยาวพอ", "csrf": csrf}
    )
    assert wrong.status_code == 422
    done = browser.post("/account/password", data={"current": "รหัสผ่านยาวพอ-reviewer_a", "new": "รหัสใหม่ยาวพอ",
                                                   "again": "รหัสใหม่ยาวพอ", "csrf": csrf})  # fmt: skip
    assert done.status_code == 200 and "password-changed" in done.text
    assert browser.get("/").status_code == 401  # the session ended with the old password
    again = TestClient(world.client.app, follow_redirects=False)
    assert again.post("/login", data={"login": "reviewer_a", "password": "รหัสใหม่ยาวพอ"}).status_code == 303
