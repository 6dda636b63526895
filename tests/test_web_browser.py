"""sar_forms.web in a real browser: headless Chromium from Debian, driven by Playwright, on a real
server (``sar-forms serve``) on loopback. What an office's staff do: fill a new form in Thai, see
an error appear and go, see the page images change, download the .docx, upload last year's
.docx, restore a revision, and meet a conflict between two tabs."""

from __future__ import annotations

import io
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from conftest import SAMPLE
from playwright.sync_api import Browser, Page, expect, sync_playwright
from web_server import Server, running

import sar_forms

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, soffice: str) -> Iterator[Server]:
    del soffice
    data = tmp_path_factory.mktemp("browser") / "data"
    with running(data, SAMPLE) as s:
        yield s


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium: scripts/run installs it; the tests never skip for it."""
    assert shutil.which("chromium") or Path(CHROMIUM).exists(), "chromium is missing: run the tests through scripts/run"
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
        )
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser, server: Server) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    p = context.new_page()
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.goto(f"{server.url}/login?token={server.token}")
    yield p
    assert dialogs == []  # no script of a user's text ever ran
    context.close()


def open_office(page: Page) -> None:
    page.goto(page.url.split("/login")[0].rstrip("/") + "/")
    page.get_by_role("link", name="สพป.อด.2").click()


def open_sample(page: Page) -> None:
    """The sample's form (2565), from the office's page of that year."""
    open_office(page)
    page.fill("input[name=year]", "2565")
    page.get_by_role("button", name="แสดง").click()
    page.locator("tr", has_text="1.2").get_by_role("link", name="เปิด").click()


def new_form(page: Page, server: Server, year: int) -> None:
    open_office(page)
    page.fill("input[name=year]", str(year))
    page.get_by_role("button", name="แสดง").click()
    page.locator("tr", has_text="1.2 การพัฒนาสู่องค์กรแห่งการเรียนรู้").get_by_role("button", name="สร้าง").click()
    expect(page.locator("h1")).to_contain_text("ตัวบ่งชี้ที่ 1.2")


def saved_revision(page: Page) -> int:
    return int(page.locator("#revision").get_attribute("value") or "0")


def until(check, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Wait for ``check()`` in Python (the pages' CSP forbids the page-side eval of wait_for_function)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def wait_saved(page: Page, after: int) -> int:
    until(lambda: saved_revision(page) > after)
    return saved_revision(page)


def test_a_new_form_filled_in_thai_shows_its_real_pages(page, server):
    """This test ensures that a new form, filled in Thai (level, a step, a result), is saved as it
    is typed and shows the page images of its PDF, with the page count."""
    new_form(page, server, 2567)
    expect(page.locator("#preview")).to_contain_text("กรอกข้อมูลให้ครบถ้วนก่อน")
    before = saved_revision(page)
    page.get_by_label("5", exact=True).check()
    before = wait_saved(page, before)
    page.locator("#part-steps").get_by_role("button", name="+ เพิ่มข้อ").click()
    page.wait_for_selector("textarea[name='narrative.steps[0].text']")
    before = saved_revision(page)
    page.fill("textarea[name='narrative.steps[0].text']", "ประชุมชี้แจงบุคลากรในสังกัดเรื่องการจัดการความรู้")
    wait_saved(page, before)
    expect(page.locator("#state")).not_to_have_text("ร่าง · ยังไม่ครบถ้วน")
    expect(page.locator("img.page").first).to_be_visible(timeout=30000)
    assert int(page.locator("#page-count").get_attribute("data-pages") or 0) >= 1


def test_an_error_appears_beside_its_field_and_goes(page, server):
    """This test ensures that a link that is not http(s) is named beside its input as it is typed,
    and the message goes when it is corrected."""
    new_form(page, server, 2568)
    page.get_by_label("4", exact=True).check()
    page.locator("#part-documents").get_by_role("button", name="+ เพิ่มเอกสาร").click()
    page.wait_for_selector("input[name='evidence.documents[0].title']")
    page.fill("input[name='evidence.documents[0].title']", "แผนปฏิบัติการประจำปี")
    page.fill("input[name='evidence.documents[0].url']", "ftp://udesa2.go.th/plan")
    problem = page.locator("#p-evidence-documents-0-url")
    expect(problem).not_to_be_empty(timeout=20000)
    page.fill("input[name='evidence.documents[0].url']", "https://www.udesa2.go.th/plan")
    expect(problem).to_be_empty(timeout=20000)


def test_the_page_images_change_with_the_text(page, server):
    """This test ensures that an edit of the sample's form gives new page images (another hash)."""
    open_sample(page)
    first = page.locator("img.page").first
    expect(first).to_be_visible(timeout=30000)
    key = first.get_attribute("data-key")
    before = saved_revision(page)
    page.fill("textarea[name='narrative.suggestions[0].text']", "ใช้การทำกิจกรรม PLC ผ่านทางโซเชียลมีเดียทุกสัปดาห์")
    wait_saved(page, before)
    until(lambda: page.locator("img.page").first.get_attribute("data-key") not in (None, key))


def test_the_docx_downloaded_holds_what_was_typed(page, server):
    """This test ensures that the Word file downloaded from the editor opens and holds the text."""
    open_sample(page)
    before = saved_revision(page)
    page.fill("textarea[name='narrative.problems[0].text']", "บุคลากรมีภาระงานมากในช่วงปลายปีงบประมาณ")
    wait_saved(page, before)
    with page.expect_download() as download:
        page.get_by_role("link", name="ดาวน์โหลด Word").click()
    content = Path(download.value.path()).read_bytes()
    text = "\n".join(c.text for t in docx.Document(io.BytesIO(content)).tables for r in t.rows for c in r.cells)
    assert "บุคลากรมีภาระงานมากในช่วงปลายปีงบประมาณ" in text


def test_last_years_docx_uploaded_shows_its_data(page, server, tmp_path):
    """This test ensures that last year's Word form uploaded on the first page is imported, its
    report shown, and the editor shows its data."""
    a = sar_forms.load_assessment(SAMPLE)
    a = a.model_copy(update={"fiscal_year": 2564})
    path = sar_forms.render_docx(a, tmp_path / "ปีที่แล้ว.docx")
    page.goto(server.url + "/")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="อัปโหลด").click()
    expect(page.locator("p.summary")).to_contain_text("found")
    page.get_by_role("link", name="เปิดแบบรายงานที่นำเข้า").click()
    expect(page.locator("textarea[name='narrative.steps[0].text']")).to_have_value(a.narrative.steps[0].text)
    expect(page.locator(".muted").first).to_contain_text("2564")


def test_a_revision_is_restored_from_the_history(page, server):
    """This test ensures that the history lists every save and restoring an old one brings its
    text back (as a new revision)."""
    new_form(page, server, 2569)
    page.get_by_label("3", exact=True).check()
    page.locator("#part-steps").get_by_role("button", name="+ เพิ่มข้อ").click()
    page.wait_for_selector("textarea[name='narrative.steps[0].text']")
    before = saved_revision(page)
    page.fill("textarea[name='narrative.steps[0].text']", "ข้อความฉบับแรก")
    first = wait_saved(page, before)
    page.fill("textarea[name='narrative.steps[0].text']", "ข้อความฉบับที่สอง")
    wait_saved(page, first)
    page.get_by_role("link", name="ประวัติการแก้ไข").click()
    page.locator(f"#revision-{first}").get_by_role("button", name="เรียกคืนฉบับนี้").click()
    expect(page.locator("textarea[name='narrative.steps[0].text']")).to_have_value("ข้อความฉบับแรก")


def test_two_tabs_saving_one_form_meet_a_conflict_not_an_overwrite(page, server, browser):
    """This test ensures that when two tabs edit one form, the second save shows both versions
    instead of overwriting, and keeping one's own version saves it on top."""
    new_form(page, server, 2570)
    url = page.url
    other = page.context.new_page()
    other.goto(url)
    before = saved_revision(page)
    page.get_by_label("2", exact=True).check()
    wait_saved(page, before)
    other.get_by_label("1", exact=True).check()  # made on the revision it opened with
    conflict = other.locator("#conflict")
    expect(conflict).to_be_visible(timeout=20000)
    expect(conflict).to_contain_text("ฉบับของท่าน")
    assert re.search(r"level: 2", conflict.inner_text()) and re.search(r"level: 1", conflict.inner_text())
    other.get_by_role("button", name="บันทึกฉบับของท่านเป็นฉบับล่าสุด").click()
    expect(other.locator("#saved")).to_contain_text("ฉบับที่", timeout=20000)
    data = server.api(f"/api/v1/forms/{url.rsplit('/', 1)[1]}")
    assert b'"level":1' in data
    other.close()
