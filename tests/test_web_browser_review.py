"""The review in a real browser (Debian's Chromium, a real `sar-forms serve`): a coordinator
creates accounts for two editors and assigns them indicators, an editor edits and submits, the
coordinator approves, and the audit trail shows it; an editor not assigned the form cannot edit it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from conftest import SAMPLE
from playwright.sync_api import Browser, Page, expect
from test_web_browser import browser, saved_revision, wait_saved  # noqa: F401 (the fixture)
from web_server import Server, running

COORDINATOR = ("somsri", "รหัสผ่านผู้ประสานงาน")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, soffice: str) -> Iterator[Server]:
    del soffice
    data = tmp_path_factory.mktemp("review") / "data"
    with running(data, SAMPLE) as s:
        subprocess.run(
            [sys.executable, "-m", "sar_forms.cli", "admin", "add-user", COORDINATOR[0], "--office", "สพป.อด.2",
             "--role", "coordinator", "--data", str(data)],
            input=COORDINATOR[1] + "\n", text=True, check=True, capture_output=True,
        )  # fmt: skip
        yield s


def sign_in(browser: Browser, server: Server, login: str, password: str) -> Page:  # noqa: F811
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(server.url + "/login")
    page.get_by_label("ชื่อผู้ใช้").fill(login)
    page.get_by_label("รหัสผ่าน").fill(password)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page.locator("h1")).to_contain_text("สำนักงาน")
    return page


def open_sample(page: Page) -> None:
    page.get_by_role("link", name="สพป.อด.2").click()
    page.fill("input[name=year]", "2565")
    page.get_by_role("button", name="แสดง").click()
    page.locator("tr", has_text="1.2").get_by_role("link", name="เปิด").click()


def test_a_coordinator_makes_editors_an_editor_submits_the_coordinator_approves(browser, server):  # noqa: F811
    """This test ensures the whole review in the browser, each step visible on the pages."""
    coord = sign_in(browser, server, *COORDINATOR)
    coord.get_by_role("link", name="สพป.อด.2").click()
    coord.get_by_role("link", name="สมาชิกและการมอบหมาย").click()
    for login in ("somchai", "somying"):
        coord.get_by_label("ชื่อผู้ใช้", exact=True).first.fill(login)
        coord.get_by_label("รหัสผ่านเริ่มต้น (อย่างน้อย 8 ตัวอักษร)").fill("รหัสผ่านของ" + login)
        coord.get_by_role("button", name="เพิ่มสมาชิก").click()
        expect(coord.locator(f"#member-{login}")).to_contain_text("ผู้กรอก")
    coord.locator("select[name=login]").select_option("somchai")
    coord.locator("select[name=indicator]").select_option("1.2")
    coord.get_by_role("button", name="มอบหมาย").click()
    expect(coord.locator("#member-somchai")).to_contain_text("1.2")

    editor = sign_in(browser, server, "somchai", "รหัสผ่านของsomchai")
    open_sample(editor)
    before = saved_revision(editor)
    editor.fill("textarea[name='narrative.steps[0].text']", "ประชุมชี้แจงบุคลากรทุกกลุ่มงาน")
    wait_saved(editor, before)
    editor.get_by_role("button", name="ส่งตรวจ").click()
    expect(editor.locator("#review-state")).to_have_text("ส่งตรวจแล้ว")

    other = sign_in(browser, server, "somying", "รหัสผ่านของsomying")
    open_sample(other)
    expect(other.locator("textarea[name='narrative.steps[0].text']")).to_be_disabled()  # not assigned to her

    coord.reload()
    coord.goto(server.url + "/")
    open_sample(coord)
    expect(coord.locator("textarea[name='narrative.steps[0].text']")).to_have_value("ประชุมชี้แจงบุคลากรทุกกลุ่มงาน")
    coord.get_by_role("button", name="อนุมัติฉบับที่").click()
    expect(coord.locator("#review-state")).to_contain_text("อนุมัติแล้ว")
    expect(coord.locator("textarea[name='narrative.steps[0].text']")).to_be_disabled()  # locked
    coord.goto(server.url + "/offices/1/audit")
    expect(coord.locator("tr.action-approve")).to_contain_text("somsri")
    expect(coord.locator("tr.action-submit")).to_contain_text("somchai")
