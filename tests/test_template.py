"""The compiled renderer makes the document docxtpl makes, part for part."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docxtpl import RichText
from helpers import audit, hyperlinks
from lxml import etree

import sar_forms
from sar_forms.forms.render import FormRenderer
from sar_forms.ooxml.template import CompiledTemplate, render_with_docxtpl


def normalized_parts(data: bytes) -> dict[str, str]:
    """Every part: XML canonicalized (rsids stripped, relationships sorted), other parts as hex digests."""
    import hashlib

    out = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            raw = z.read(name)
            if not (name.endswith(".xml") or name.endswith(".rels")):
                out[name] = hashlib.sha256(raw).hexdigest()
                continue
            root = etree.fromstring(raw)
            if name.endswith(".rels"):  # the order of relationships carries no meaning
                for rel in sorted(root, key=lambda r: r.get("Id")):
                    root.append(rel)
            for el in root.iter():
                for attr in [a for a in el.attrib if "rsid" in a]:
                    del el.attrib[attr]
            out[name] = etree.tostring(root, method="c14n").decode("utf-8")
    return out


def test_shipped_template_same_as_docxtpl(sample, sample_data):
    """This test ensures that the official form renders to the same parts as plain docxtpl, for varied data."""
    renderer = FormRenderer()
    sample_data["narrative"]["steps"].append({"text": "A & B <c>\nบรรทัดใหม่\tแท็บ", "items": ["ย่อย"]})
    sample_data["evidence"]["references"].append({"label": "ซ้ำ", "url": "http://www.udesa2.go.th"})
    sample_data["evidence"]["references"].append({"label": "query", "url": "https://x.go.th/a?b=1&c=2"})
    varied = sar_forms.validate_assessment(sample_data)
    for a in (sample, varied):
        assert normalized_parts(renderer.render(a)) == normalized_parts(renderer.render_with_docxtpl(a))
    thai = FormRenderer(digits="thai")
    assert normalized_parts(thai.render(varied)) == normalized_parts(thai.render_with_docxtpl(varied))


@pytest.fixture(scope="module")
def tag_template(tmp_path_factory) -> Path:
    """A template using the docxtpl tags the project relies on: {%p%}, {%tr%}, {%vm%}, {{r}}, a header."""
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "หัว {{ title }}"
    d.add_paragraph("{{ title }} & {{ note }}")
    d.add_paragraph("ตัวอย่างแท็ก {_{ title }_} และ {_% if x %_}")  # docxtpl's escapes in the template's own text
    d.add_paragraph("{%p if show %}")
    d.add_paragraph("แสดง {{ title }}")
    d.add_paragraph("{%p endif %}")
    d.add_paragraph("{%p for item in items %}")
    d.add_paragraph("{{ loop.index }}) {{ item }}")
    d.add_paragraph("{%p endfor %}")
    p = d.add_paragraph("ลิงก์: ")
    p.add_run("{{r link }}")
    p.add_run(" และ ")
    p.add_run("{{r link2 }}")
    t = d.add_table(rows=4, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "กลุ่ม", "ชื่อ"
    t.cell(1, 0).text = "{%tr for r in rows %}"
    t.cell(2, 0).text, t.cell(2, 1).text = "{% vm %}{{ r.group }}", "{{ r.name }}"
    t.cell(3, 0).text = "{%tr endfor %}"
    d.core_properties.comments = "{{ title }}"
    path = tmp_path_factory.mktemp("tpl") / "tags.docx"
    d.save(path)
    return path


def tag_context(links) -> dict:
    return {
        "title": 'ชื่อ <เรื่อง> & "อื่น ๆ"',
        "note": "บรรทัด\nสอง",
        "show": True,
        "items": ["หนึ่ง", "สอง & สาม", "{{ ไม่ใช่แท็ก }}"],
        "link": RichText("คลิก", style="Hyperlink", url_id=links.build_url_id("http://a.go.th/?x=1&y=2")),
        "link2": RichText("ซ้ำ", style="Hyperlink", url_id=links.build_url_id("http://a.go.th/?x=1&y=2")),
        "rows": [{"group": "ก", "name": "หนึ่ง"}, {"group": "ก", "name": "สอง"}, {"group": "ข", "name": "สาม"}],
    }


def test_tag_template_same_as_docxtpl(tag_template, tmp_path):
    """This test ensures that {%p%}, {%tr%}, {%vm%}, links and escaping render as docxtpl renders them."""
    fast = CompiledTemplate(tag_template).render(tag_context)
    slow = render_with_docxtpl(tag_template, tag_context)
    assert normalized_parts(fast) == normalized_parts(slow)
    (tmp_path / "fast.docx").write_bytes(fast)
    d = docx.Document(str(tmp_path / "fast.docx"))
    text = "\n".join(p.text for p in d.paragraphs)
    assert 'ชื่อ <เรื่อง> & "อื่น ๆ" & บรรทัด\nสอง' in text and "3) {{ ไม่ใช่แท็ก }}" in text
    assert "ตัวอย่างแท็ก {{ title }} และ {% if x %}" in text
    assert [row.cells[1].text for row in d.tables[0].rows] == ["ชื่อ", "หนึ่ง", "สอง", "สาม"]
    assert hyperlinks(tmp_path / "fast.docx") == [("คลิก", "http://a.go.th/?x=1&y=2"), ("ซ้ำ", "http://a.go.th/?x=1&y=2")]
    assert d.core_properties.comments.startswith("ชื่อ")


def test_user_text_that_looks_like_docxtpl_escapes_comes_out_as_written(tag_template, tmp_path):
    """This test ensures that {_{, }_}, {_% and %_} in the data are printed as typed: docxtpl
    applies its template escapes to the rendered document, user text included, and would print
    {{ }} {% %} instead; the compiled renderer applies them to the template only."""
    typed = "สูตร {_{ a }_} และ {_% b %_}"

    def context(links):  # type: ignore[no-untyped-def]
        return {**tag_context(links), "items": [typed]}

    fast = CompiledTemplate(tag_template).render(context)
    (tmp_path / "fast.docx").write_bytes(fast)
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "fast.docx")).paragraphs)
    assert f"1) {typed}" in text
    assert "ตัวอย่างแท็ก {{ title }}" in text  # the template's own escapes still work


def test_each_document_gets_its_own_links(sample_data):
    """This test ensures that link ids are per document: a later document does not inherit an earlier one's."""
    renderer = FormRenderer()
    first = sar_forms.validate_assessment(sample_data)
    sample_data["evidence"] = {"references": [{"label": "อื่น", "url": "https://other.example.org/x"}]}
    second = sar_forms.validate_assessment(sample_data)
    renderer.render(first)
    data = renderer.render(second)
    rels = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/_rels/document.xml.rels"))
    targets = [r.get("Target") for r in rels if r.get("TargetMode") == "External"]
    assert targets == ["https://other.example.org/x"]


def test_renderer_is_thread_safe(sample, sample_data):
    """This test ensures that one renderer used from many threads gives each document its own content."""
    from concurrent.futures import ThreadPoolExecutor

    renderer = FormRenderer()
    variants = []
    for i in range(12):
        sample_data["narrative"]["steps"][0] = f"ขั้นตอนที่ {i} ของเอกสารนี้"
        variants.append(sar_forms.validate_assessment(sample_data))
    with ThreadPoolExecutor(4) as pool:
        outputs = list(pool.map(renderer.render, variants))
    for i, data in enumerate(outputs):
        assert data == renderer.render(variants[i])
        body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
        assert f"ขั้นตอนที่ {i} ของเอกสารนี้" in body


def test_output_opens_everywhere(sample, tmp_path):
    """This test ensures that the hand-assembled zip is a valid package: zipfile, python-docx and openxml-audit."""
    data = FormRenderer().render(sample)
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    (tmp_path / "f.docx").write_bytes(data)
    docx.Document(str(tmp_path / "f.docx"))
    assert audit(tmp_path / "f.docx") == []


def test_template_errors_name_template_and_part(tmp_path, sample):
    """This test ensures that a template with a bad tag or an unknown variable reports where."""
    d = docx.Document()
    d.add_paragraph("{{ office.name }} {{ nonexistent.value }}")
    bad = tmp_path / "bad.docx"
    d.save(bad)
    with pytest.raises(sar_forms.TemplateError, match=r"bad.docx.*word/document.xml.*nonexistent"):
        FormRenderer(bad).render(sample)
    d = docx.Document()
    d.add_paragraph("ย่อหน้าแรก")
    d.add_paragraph("รายการ {% for x in %} จบ")
    d.save(bad)
    # a syntax error names the part and the paragraph's text, as it reads in Word
    with pytest.raises(sar_forms.TemplateError, match=r"bad.docx.*word/document.xml, in the paragraph 'รายการ"):
        FormRenderer(bad)
    (tmp_path / "notzip.docx").write_bytes(b"hello")
    with pytest.raises(sar_forms.TemplateError, match="notzip.docx: not a .docx file"):
        FormRenderer(tmp_path / "notzip.docx")


@pytest.mark.parametrize(
    "text", ["{# a note for whoever edits it #}{{ title }}", "ข้อ {#1 {{ title }}", "ข้อ 1#} {{ title }}"]
)
def test_a_template_writing_comment_marks_of_its_own_renders_or_fails_as_docxtpl(tmp_path, text):
    """This test ensures that a template whose text holds Jinja's comment marks (a real comment,
    or a stray ``{#`` or ``#}``) renders as docxtpl renders it, or is refused as docxtpl refuses
    it, on the paragraph's line: the line breaks that number the paragraphs for Jinja are then the
    line breaks docxtpl uses, not comments of ours that a stray mark could pair with."""
    d = docx.Document()
    d.add_paragraph("ย่อหน้าแรก")
    d.add_paragraph(text)
    d.add_paragraph("ย่อหน้าสุดท้าย {{ note }}")
    path = tmp_path / "marks.docx"
    d.save(path)
    try:
        slow = render_with_docxtpl(path, tag_context)
    except sar_forms.TemplateError as refused:
        with pytest.raises(sar_forms.TemplateError, match="comment") as ours:
            CompiledTemplate(path).render(tag_context)
        assert "comment" in str(refused) and ours.value.line == 3  # the paragraph's line, as docxtpl's
        return
    assert normalized_parts(CompiledTemplate(path).render(tag_context)) == normalized_parts(slow)


def test_line_breaks_the_templates_own_xml_holds_before_paragraphs_go_as_docxtpl_drops_them(tmp_path):
    """This test ensures that a template whose XML was written with line breaks between its
    paragraphs (a generator that pretty-prints) renders to docxtpl's document: docxtpl drops
    every line break before a paragraph from the rendered XML, its own included."""
    d = docx.Document()
    for text in ("{{ title }}", "สอง", "{{ note }}"):
        d.add_paragraph(text)
    path = tmp_path / "pretty.docx"
    d.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:p>", b"\n<w:p>").replace(b"<w:p ", b"\n<w:p ")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    fast = CompiledTemplate(path).render(tag_context)
    assert normalized_parts(fast) == normalized_parts(render_with_docxtpl(path, tag_context))
    assert b"\n<w:p" not in zipfile.ZipFile(io.BytesIO(fast)).read("word/document.xml")


def test_a_grid_wider_than_its_rows_is_trimmed_as_docxtpl_trims_it(tmp_path):
    """This test ensures that fix_tables runs for every body, as in docxtpl: a table whose grid has
    more columns than its rows use comes out with the grid docxtpl gives it."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "{{ title }}", "ข"
    t._tbl.tblGrid.append(parse_xml(f'<w:gridCol {nsdecls("w")} w:w="1000"/>'))  # a third, unused column
    path = tmp_path / "wide.docx"
    d.save(path)
    fast = CompiledTemplate(path).render(tag_context)
    assert normalized_parts(fast) == normalized_parts(render_with_docxtpl(path, tag_context))


def test_images_and_subdocuments_are_refused_by_name(tag_template, sample):
    """This test ensures that a context holding an InlineImage is refused naming it (the compiled
    renderer does not add image parts), never rendered into a document pointing nowhere."""
    from docxtpl import InlineImage

    def context(links):  # type: ignore[no-untyped-def]
        return {**tag_context(links), "items": [InlineImage(None, "logo.png")]}

    with pytest.raises(sar_forms.TemplateError, match=r"InlineImage.*render_with_docxtpl"):
        CompiledTemplate(tag_template).render(context)


def test_a_templates_text_cannot_reach_pythons_object_graph(tmp_path, sample):
    """This test ensures that a template from a stranger whose text climbs from a string to
    Python's classes (the way to run a shell command from plain Jinja) is refused with a
    TemplateError naming the part, through the compiled renderer and docxtpl's path alike; and
    that it cannot change the data it is given either."""
    from docx import Document

    from sar_forms.errors import TemplateError
    from sar_forms.forms.render import FormRenderer

    for text in ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "{{ office.__class__ }}", "{{ notes.append(1) }}"):
        doc = Document()
        doc.add_paragraph(text)
        path = tmp_path / "evil.docx"
        doc.save(path)
        renderer = FormRenderer(path)
        with pytest.raises(TemplateError, match="word/document.xml.*unsafe|word/document.xml"):
            renderer.render(sample)
        with pytest.raises(TemplateError):
            renderer.render_with_docxtpl(sample)


@pytest.mark.parametrize(
    "expression",
    ["d.name", "d.items", "d['items']", "d.get('name')", "d.nested.name", "d.missing", "d.__class__", "d.keys()"],
)
def test_a_mappings_keys_are_found_as_jinjas_sandbox_finds_them(expression):
    """This test ensures that the renderer's Jinja, which looks a plain dict's keys up first when
    no attribute of dict has their name, finds what Jinja's own immutable sandbox finds: a key,
    dict's method over a key of its name, an undefined name and a private attribute refused."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from sar_forms.ooxml.template import jinja_env

    context = {"d": {"name": "ชื่อ", "items": "ไม่ใช่เมธอด", "nested": {"name": "ใน"}}}

    def outcome(env: jinja2.Environment) -> str:
        try:
            return env.from_string("{{ " + expression + " }}").render(context)
        except jinja2.TemplateError as exc:
            return type(exc).__name__

    plain = ImmutableSandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    assert outcome(jinja_env()) == outcome(plain)


@pytest.mark.parametrize(
    "xml",
    [
        '<w:p><w:r><w:t xml:space="preserve">หนึ่ง\nสอง\tสาม</w:t></w:r></w:p><w:p><w:r><w:t>ไม่มี</w:t></w:r></w:p>',
        '<w:p w:rsidR="1"><w:pPr><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>ก\aข\fค</w:t></w:r></w:p>',
        "<w:tbl>\n<w:tr><w:tc><w:p><w:r><w:t>a\nb</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\t",
        "<w:p><w:r><w:t>1\n</w:t></w:r></w:p><w:p><w:r><w:t>2</w:t></w:r></w:p><w:p><w:r><w:t>\t3</w:t></w:r></w:p>",
        "ไม่มีย่อหน้า\nเลย",
    ],
)
def test_line_breaks_tabs_paragraph_and_page_breaks_resolve_as_docxtpl_resolves_them(xml):
    """This test ensures that the renderer's resolve_listing, which hands docxtpl only the
    paragraphs holding a \\n, \\t, \\a or \\f, gives what docxtpl's gives over the whole body."""
    from sar_forms.ooxml.template import _DOCXTPL, _resolve_listing

    assert _resolve_listing(xml) == _DOCXTPL.resolve_listing(xml)
