"""sar_forms.web.api: the workspace's HTTP API, every route and every error status, in-process
(FastAPI's TestClient) on a real store and a real LibreOffice converter."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import docx
import pytest
import yaml
from conftest import ROOT, SAMPLE, fresh_schema
from fastapi.testclient import TestClient

import sar_forms
from sar_forms.inputs.sources import read_yaml
from sar_forms.web.server import workspace_app

TOKEN = "api-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def client(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, soffice: str
) -> Iterator[TestClient]:
    """The API on the embedded SQLite store, then on PostgreSQL (each test runs on both)."""
    del soffice  # LibreOffice must be there: the pages and PDFs are real
    database = fresh_schema(request.getfixturevalue("postgres_url")) if request.param == "postgresql" else None
    with workspace_app(tmp_path_factory.mktemp("ws"), TOKEN, workers=1, database=database) as app, TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def form_id(client: TestClient) -> str:
    answer = client.post("/api/v1/forms", json=read_yaml(SAMPLE), headers=AUTH)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


def test_every_call_needs_the_token(client):
    """This test ensures that the API answers 401 without the bearer token or with a wrong one,
    and that the schema is published (OpenAPI)."""
    assert client.get("/api/v1/health").status_code == 401
    assert client.get("/api/v1/health", headers={"Authorization": "Bearer nope"}).status_code == 401
    health = client.get("/api/v1/health", headers=AUTH)
    assert health.status_code == 200 and health.json()["status"] == "ok"
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/forms/{form_id}" in schema["paths"]


def test_a_form_posted_read_and_put_with_its_revision(client, form_id):
    """This test ensures that GET gives the data and the revision as ETag, and PUT with If-Match
    makes the next revision, read back."""
    got = client.get(f"/api/v1/forms/{form_id}", headers=AUTH)
    assert got.status_code == 200 and got.headers["etag"] == f'"{got.json()["revision"]}"'
    data = got.json()["data"]
    data["narrative"]["steps"].append("ขั้นตอนที่เพิ่มผ่าน API")
    put = client.put(f"/api/v1/forms/{form_id}", json=data, headers={**AUTH, "If-Match": got.headers["etag"]})
    assert put.status_code == 200 and put.json()["revision"] == got.json()["revision"] + 1
    again = client.get(f"/api/v1/forms/{form_id}", headers=AUTH).json()
    assert again["data"]["narrative"]["steps"][-1] == "ขั้นตอนที่เพิ่มผ่าน API"


def test_put_needs_the_current_revision_and_valid_data_and_stores_nothing_else(client, form_id):
    """This test ensures that PUT without If-Match is 428, on a stale revision 409 with the
    current form, with invalid data 422 naming the fields, and that none of them stored anything."""
    current = client.get(f"/api/v1/forms/{form_id}", headers=AUTH).json()
    data = current["data"]
    assert client.put(f"/api/v1/forms/{form_id}", json=data, headers=AUTH).status_code == 428
    stale = client.put(f"/api/v1/forms/{form_id}", json=data, headers={**AUTH, "If-Match": '"1"'})
    assert stale.status_code == 409 and stale.json()["current"]["revision"] == current["revision"]
    bad = dict(data, level=9, evidence={"documents": [{"title": "x", "url": "ftp://x"}]})
    invalid = client.put(f"/api/v1/forms/{form_id}", json=bad, headers={**AUTH, "If-Match": str(current["revision"])})
    assert invalid.status_code == 422
    fields = {p["field"] for p in invalid.json()["problems"]}
    assert {"level", "evidence.documents[0].url"} <= fields
    assert client.get(f"/api/v1/forms/{form_id}", headers=AUTH).json()["revision"] == current["revision"]


def test_post_refuses_invalid_data_and_a_second_form_of_the_same_indicator(client, form_id):
    """This test ensures that POST of invalid data is 422 with its fields and stores nothing, and
    that an office cannot have two forms of one indicator and year."""
    del form_id
    invalid = client.post("/api/v1/forms", json={"office": {"short_name": "x"}}, headers=AUTH)
    assert invalid.status_code == 422 and invalid.json()["problems"]
    twice = client.post("/api/v1/forms", json=read_yaml(SAMPLE), headers=AUTH)
    assert twice.status_code == 422 and twice.json()["problems"][0]["field"] == "indicator"
    assert client.get("/api/v1/forms/nosuchform", headers=AUTH).status_code == 404


def test_check_docx_pdf_yaml_and_page_images(client, form_id):
    """This test ensures that the form's check, .docx (opened with python-docx), PDF (3 pages,
    as render makes it), YAML (the data format) and page images (PNG, page count) are served,
    and a page beyond the last is 404."""
    check = client.get(f"/api/v1/forms/{form_id}/check", headers=AUTH).json()
    assert check["state"] in ("clean", "findings") and check["problems"] == []
    made = client.get(f"/api/v1/forms/{form_id}/docx", headers=AUTH)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(made.content)).paragraphs)
    assert "มาตรฐานที่ 1" in text
    pdf = client.get(f"/api/v1/forms/{form_id}/pdf", headers=AUTH)
    assert pdf.content.startswith(b"%PDF") and pdf.headers["content-type"] == "application/pdf"
    data = yaml.safe_load(client.get(f"/api/v1/forms/{form_id}/yaml", headers=AUTH).text)
    assert sar_forms.validate_assessment(data).office.short_name == "สพป.อด.2"
    png = client.get(f"/api/v1/forms/{form_id}/pages/1.png", headers=AUTH)
    assert png.content.startswith(b"\x89PNG") and png.headers["x-page-count"] == "3"
    assert client.get(f"/api/v1/forms/{form_id}/pages/9.png", headers=AUTH).status_code == 404


def test_import_reads_a_word_form_and_stores_nothing(client, tmp_path):
    """This test ensures that POST /import of a .docx gives its data and report, stores nothing,
    and refuses other files and hostile packages with 422 and a message."""
    before = client.get("/api/v1/offices", headers=AUTH).json()
    path = sar_forms.render_docx(sar_forms.load_assessment(SAMPLE), tmp_path / "form.docx")
    answer = client.post("/api/v1/import", files={"file": ("form.docx", path.read_bytes())}, headers=AUTH)
    assert answer.status_code == 200 and answer.json()["data"]["indicator"] == "1.2"
    assert "found" in answer.json()["report"]["summary"]
    assert client.get("/api/v1/offices", headers=AUTH).json() == before
    other = client.post("/api/v1/import", files={"file": ("x.txt", b"hello")}, headers=AUTH)
    assert other.status_code == 422
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b"a" * 50_000_000)
    refused = client.post("/api/v1/import", files={"file": ("bomb.docx", bomb.getvalue())}, headers=AUTH)
    assert refused.status_code == 422 and "Traceback" not in refused.text


def test_a_body_too_large_is_413_and_a_full_queue_503_with_retry_after(client, form_id):
    """This test ensures that a body over the upload limit is refused before it is read (413), and
    that when the converter's queue is full a page image is 503 with Retry-After, not a hang."""
    big = client.post("/api/v1/import", content=b"x" * 10, headers={**AUTH, "Content-Length": str(100 * 1024 * 1024)})
    assert big.status_code == 413
    previewer = client.app.state.settings.workspace.previewer  # type: ignore[attr-defined]
    form = client.get(f"/api/v1/forms/{form_id}", headers=AUTH).json()
    form["data"]["narrative"]["steps"].append("ข้อความใหม่ที่ยังไม่เคยแปลง")
    client.put(f"/api/v1/forms/{form_id}", json=form["data"], headers={**AUTH, "If-Match": str(form["revision"])})
    limit, previewer.limit = previewer.limit, 0
    try:
        busy = client.get(f"/api/v1/forms/{form_id}/pages/1.png", headers=AUTH)
    finally:
        previewer.limit = limit
    assert busy.status_code == 503 and busy.headers["retry-after"] == "2"


def test_no_stack_trace_ever_reaches_a_response(client, monkeypatch):
    """This test ensures that a fault of ours is 500 with a message, the trace in the log only."""
    ws = client.app.state.settings.workspace  # type: ignore[attr-defined]

    def broken(_form):  # type: ignore[no-untyped-def]
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(ws, "state", broken)
    api = TestClient(client.app, raise_server_exceptions=False)
    answer = api.get("/api/v1/offices/1/forms", headers=AUTH)
    assert answer.status_code == 500
    assert "secret" not in answer.text and "Traceback" not in answer.text and answer.json()["detail"]


def test_pages_take_the_cookie_and_need_the_csrf_value_for_changes(client):
    """This test ensures that the login address sets an HttpOnly SameSite=Strict cookie (a wrong
    token does not), pages then open, and a change without the page's CSRF value is 403."""
    browser = TestClient(client.app, follow_redirects=False)
    assert browser.get("/login?token=wrong").status_code == 401
    login = browser.get(f"/login?token={TOKEN}")
    cookie = login.headers["set-cookie"]
    assert login.status_code == 303 and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert browser.get("/").status_code == 200
    fields = {"name": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาขอนแก่น เขต 1", "short_name": "สพป.ขก.1",
              "kind": "สพป.", "province": "ขอนแก่น", "area": "1"}  # fmt: skip
    assert browser.post("/offices", data=fields).status_code == 403
    csrf = client.app.state.settings.access.csrf  # type: ignore[attr-defined]
    made = browser.post("/offices", data={**fields, "csrf": csrf})
    assert made.status_code == 303 and made.headers["location"].startswith("/offices/")
    assert "default-src 'self'" in browser.get("/").headers["content-security-policy"]


def test_the_store_exported_and_imported_as_a_zip_of_yaml(client, form_id, tmp_path):
    """This test ensures that the export is YAML the command line reads, and that importing it
    into a new workspace gives the same forms."""
    del form_id
    exported = client.get("/export.zip", headers=AUTH)
    names = zipfile.ZipFile(io.BytesIO(exported.content)).namelist()
    assert any(n.endswith("/2565/1.2.yaml") for n in names)
    (tmp_path / "x").mkdir()
    with zipfile.ZipFile(io.BytesIO(exported.content)) as z:
        z.extractall(tmp_path / "x")
    loaded = sar_forms.load_assessment(next((tmp_path / "x").rglob("1.2.yaml")))
    with workspace_app(tmp_path / "other", TOKEN, workers=1) as app, TestClient(app) as other:
        up = other.post("/upload", files={"file": ("all.zip", exported.content)}, headers=AUTH)
        assert up.status_code == 200, up.text
        forms = other.get("/api/v1/offices/1/forms", headers=AUTH).json()
        back = other.get(f"/api/v1/forms/{forms[0]['id']}", headers=AUTH).json()["data"]
    assert sar_forms.validate_assessment(back) == loaded


def test_a_workbook_uploaded_becomes_forms(client):
    """This test ensures that the batch workbook's valid rows become forms and its bad rows are
    listed with their place."""
    content = (ROOT / "samples" / "districts-example.xlsx").read_bytes()
    answer = client.post("/upload", files={"file": ("districts.xlsx", content)}, headers=AUTH)
    assert answer.status_code == 200 and "สร้างแบบรายงาน" in answer.text
    offices = client.get("/api/v1/offices", headers=AUTH).json()
    assert len(offices) >= 2


def test_hostile_text_is_shown_as_text(client, form_id):
    """This test ensures that markup typed into a form is escaped on its page, never run."""
    form = client.get(f"/api/v1/forms/{form_id}", headers=AUTH).json()
    form["data"]["narrative"]["steps"][0] = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    client.put(f"/api/v1/forms/{form_id}", json=form["data"], headers={**AUTH, "If-Match": str(form["revision"])})
    page = client.get(f"/forms/{form_id}", headers=AUTH).text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
