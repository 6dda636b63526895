"""When a rendered body may go into the document unparsed, and that it then is the body docxtpl makes."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from test_template import normalized_parts, tag_context
from test_template import tag_template as tag_template  # the fixture, shared

from sar_forms.forms.render import FormRenderer
from sar_forms.ooxml.names import W
from sar_forms.ooxml.splice import legal_utf8, why_parse
from sar_forms.ooxml.template import CompiledTemplate, jinja_env, render_with_docxtpl

ENV = jinja_env()


def body(inner: str) -> str:
    return f'<w:body xmlns:w="{W}">{inner}</w:body>'


def para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def table(rows: str, columns: int = 2) -> str:
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(columns))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"


def row(*cells: str, span: int = 0) -> str:
    props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span else ""
    return "<w:tr>" + "".join(f"<w:tc>{props}{para(c)}</w:tc>" for c in cells) + "</w:tr>"


@pytest.mark.parametrize(
    "inner",
    [
        para("{{ a }} &amp; {{ b.c }}"),
        para("{% if a %}x{% else %}y{% endif %}") + "{% for i in items %}" + para("{{ i }}") + "{% endfor %}",
        # a block that closes the run it began in and opens another, as the shipped form's links do
        "<w:p><w:r><w:t>{% if a %}</w:t></w:r>{{ link }}<w:r><w:t>{% endif %}</w:t></w:r></w:p>",
        table(row("ก", "ข") + "{% for r in rows %}" + row("{{ r.x }}", "{{ r.y }}") + "{% endfor %}"),
        table(row("หัว", span=2) + "{% for r in rows %}" + row("{{ r }}", "") + "{% endfor %}"),
        para("{% set n = 1 %}{{ n }}{# a comment #}"),
    ],
)
def test_a_template_whose_blocks_hold_whole_elements_needs_no_parsing(inner):
    """This test ensures that text, loops and conditions over whole paragraphs, runs and rows, a
    condition that closes and reopens its run, a spanned heading row and a plain ``set`` leave
    nothing for the parser or ``fix_tables`` to do."""
    assert why_parse(body(inner), ENV) == ""


@pytest.mark.parametrize(
    ("inner", "reason"),
    [
        (para("{% if a %}") + "<w:p>{% endif %}</w:p>", "not where its block began"),
        # a condition from one cell's text into the next's: not rendered, the two cells are one
        (table(row("{% if a %}x", "{% endif %}y")), "cells or spans"),
        (table("{% for r in rows %}" + row("{{ r }}", "x") + "{% endfor %}"), "may not span its grid"),
        (table(row("a", "b"), columns=3), "may not span its grid"),
        (table(row("a", "b", "c")), "more cells than its grid"),
        (table("<w:tr>{% for c in cells %}<w:tc>" + para("{{ c }}") + "</w:tc>{% endfor %}</w:tr>"), "cells or spans"),
        (table("<w:tr><w:tc><w:tcPr>{% if a %}<w:gridSpan w:val='2'/>{% endif %}</w:tcPr></w:tc></w:tr>"), "spans"),
        ('<w:p><w:pPr><w:shd w:fill="{{ colour }}"/></w:pPr></w:p>', "inside an XML tag"),
        (para("{{ a|safe }}"), "marked safe"),
        (para("{% macro m() %}x{% endmacro %}"), "{% macro %}"),
        (para("{% for i in tree recursive %}{{ loop(i) }}{% endfor %}"), "recursive"),
        (para("{% set n %}x{% endset %}"), "{% set %}"),
        (para("x") + "<!-- note -->", "comment"),
        (para("x") + '<w:drawing><wp:docPr xmlns:wp="urn:x" id="1"/></w:drawing>', "drawing"),
        (para("{% endif %}"), "without its block"),
    ],
)
def test_a_template_that_could_change_the_structure_is_parsed(inner, reason):
    """This test ensures that each thing that could make the rendered body malformed or change a
    table's grid sends the body through the parser and ``fix_tables``, and is named."""
    assert reason in why_parse(body(inner), ENV)


def test_the_shipped_form_goes_in_unparsed_and_is_what_docxtpl_makes(sample):
    """This test ensures that the official form takes the unparsed path (a batch's renders), and
    that its document is, part for part, the one docxtpl makes."""
    renderer = FormRenderer()
    assert renderer.compiled.why_parse == ""
    data = renderer.render(sample)
    assert normalized_parts(data) == normalized_parts(renderer.render_with_docxtpl(sample))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        raw = z.read("word/document.xml")
    assert raw.count(b"<w:body>") == 1  # its namespaces are the document's, declared once
    assert etree.fromstring(raw).find(f"{{{W}}}body") is not None


def test_a_plain_context_renders_as_docxtpl_whichever_path_the_template_takes(tag_template, tmp_path):
    """This test ensures that a caller's plain context gives docxtpl's document both for a template
    that takes the unparsed path and for one that does not (docxtpl's {% vm %} puts a tag inside
    a cell's properties)."""
    plain = tmp_path / "plain.docx"
    d = docx.Document()
    d.add_paragraph("{{ title }} & {{ note }}")
    d.add_paragraph("{%p for item in items %}")
    d.add_paragraph("{{ loop.index }}) {{ item }}")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("ลิงก์: ").add_run("{{r link }}")
    d.save(plain)
    for path, reason in ((plain, ""), (tag_template, "inside an XML tag")):
        compiled = CompiledTemplate(path)
        assert reason in compiled.why_parse and (reason or compiled.why_parse == "")
        fast = compiled.render(tag_context, plain_context=True)
        assert normalized_parts(fast) == normalized_parts(render_with_docxtpl(path, tag_context))


def test_a_grid_wider_than_its_rows_is_still_trimmed_for_a_plain_context(tmp_path):
    """This test ensures that a table that fix_tables would change is parsed and trimmed as
    docxtpl trims it, even when the caller vouches for its context."""
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "{{ title }}", "ข"
    t._tbl.tblGrid.append(parse_xml(f'<w:gridCol {nsdecls("w")} w:w="1000"/>'))
    path = tmp_path / "wide.docx"
    d.save(path)
    compiled = CompiledTemplate(path)
    assert "may not span its grid" in compiled.why_parse
    fast = compiled.render(tag_context, plain_context=True)
    assert normalized_parts(fast) == normalized_parts(render_with_docxtpl(path, tag_context))
    with zipfile.ZipFile(io.BytesIO(fast)) as z:
        assert z.read("word/document.xml").count(b"<w:gridCol ") == 2


@pytest.mark.parametrize("bad", ["\x01", "\ufffe", "\uffff", "\ud800", "\a"])
def test_a_text_that_xml_forbids_never_goes_in_unparsed(tmp_path, bad):
    """This test ensures that a character XML 1.0 forbids (a control character, U+FFFE, a lone
    surrogate, docxtpl's paragraph break) in a context that skipped validation is left to the
    parser, as before: the renderer raises or writes what the parser made, never a document
    Word refuses."""
    d = docx.Document()
    d.add_paragraph("{{ title }}")
    path = tmp_path / "t.docx"
    d.save(path)
    compiled = CompiledTemplate(path)
    assert compiled.why_parse == ""
    try:
        data = compiled.render(lambda links: {"title": f"ก{bad}ข"}, plain_context=True)
    except (ValueError, UnicodeEncodeError):
        return
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        etree.fromstring(z.read("word/document.xml"))  # well-formed
        assert bad.encode("utf-8", "surrogatepass") not in z.read("word/document.xml")


_FORBIDDEN = {*map(chr, range(0x20)), "\ufffe", "\uffff", *map(chr, range(0xD800, 0xE000))} - {"\t", "\n", "\r"}


@given(st.text(st.sampled_from(["ก", "a", "\t", "\n", "\r", "\x01", "\x1f", "\ufffe", "\uffff", "\ud800", "\ufffd"])))
def test_legal_utf8_is_the_text_in_utf8_exactly_when_xml_allows_every_character(text):
    """This test ensures that legal_utf8 gives the text's UTF-8 when XML 1.0 allows each of its
    characters, and None when one is a control character, U+FFFE, U+FFFF or a lone surrogate."""
    assert legal_utf8(text) == (None if set(text) & _FORBIDDEN else text.encode("utf-8"))
