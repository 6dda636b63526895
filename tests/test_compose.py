"""sar_forms.ooxml.compose: many forms of one template as one document, each its own section."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx as python_docx
import pytest
from helpers import NS, W, audit, text_of

import sar_forms
from sar_forms.errors import TemplateError
from sar_forms.forms.render import FormRenderer
from sar_forms.ooxml.compose import form_mark, merge_documents

R_ID = "{%s}id" % NS["r"]


def _forms(sample: sar_forms.Assessment) -> list[sar_forms.Assessment]:
    other = sample.office.model_copy(update={"short_name": "สพม.ทดสอบ", "name": "สำนักงานเขตพื้นที่การศึกษาทดสอบ"})
    return [
        sample,
        sample.model_copy(update={"level": 2, "office": other}),
        sample.model_copy(update={"level": 3, "fiscal_year": 2566}),
    ]


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


@pytest.fixture(scope="module")
def merged(sample) -> tuple[bytes, list[bytes]]:
    renderer = FormRenderer()
    docs = [renderer.render(a) for a in _forms(sample)]
    return merge_documents(docs).docx, docs


def test_each_form_is_a_section_starting_at_page_one_with_its_own_header(merged):
    """This test ensures that every form ends its own section (a page break before the next),
    numbered from 1, under a header naming its own office and year."""
    from lxml import etree

    data, _docs = merged
    parts = _parts(data)
    body = etree.fromstring(parts["word/document.xml"]).find(W + "body")
    sections = [*body.iter(W + "sectPr")]
    assert len(sections) == 3 and sections[-1].getparent() is body
    rels = {
        r.get("Id"): r.get("Target")
        for r in etree.fromstring(parts["word/_rels/document.xml.rels"]).iter("{%s}Relationship" % NS["rel"])
    }
    headers = []
    for sect in sections:
        assert sect.find(W + "pgNumType").get(W + "start") == "1"
        assert sect.find(W + "type") is None  # the default: the next section starts on a new page
        (ref,) = sect.findall(W + "headerReference")
        headers.append(text_of(etree.fromstring(parts["word/" + rels[ref.get(R_ID)]])))
    assert headers == ["สพป.อด.2 ปีงบประมาณ พ.ศ. 2565", "สพม.ทดสอบ ปีงบประมาณ พ.ศ. 2565", "สพป.อด.2 ปีงบประมาณ พ.ศ. 2566"]


def test_every_relationship_resolves_and_links_keep_their_urls(merged, tmp_path):
    """This test ensures that hyperlinks of every form point at their own URLs in the merged
    package, and that no r:id dangles."""
    from lxml import etree

    data, docs = merged
    parts = _parts(data)
    rels = {
        r.get("Id"): r.get("Target")
        for r in etree.fromstring(parts["word/_rels/document.xml.rels"]).iter("{%s}Relationship" % NS["rel"])
    }
    root = etree.fromstring(parts["word/document.xml"])
    ids = [el.get(R_ID) for el in root.iter() if el.get(R_ID)]
    assert ids and all(i in rels for i in ids)
    urls = [rels[h.get(R_ID)] for h in root.iter(W + "hyperlink")]

    def urls_of(doc: bytes) -> list[str]:
        p = _parts(doc)
        r = {
            x.get("Id"): x.get("Target")
            for x in etree.fromstring(p["word/_rels/document.xml.rels"]).iter("{%s}Relationship" % NS["rel"])
        }
        return [r[h.get(R_ID)] for h in etree.fromstring(p["word/document.xml"]).iter(W + "hyperlink")]

    assert urls == [u for d in docs for u in urls_of(d)]


def test_the_merged_document_opens_and_passes_openxml_audit(merged, tmp_path):
    """This test ensures that Word would open the merged document unrepaired and python-docx reads
    every form's text in order."""
    data, docs = merged
    path = tmp_path / "merged.docx"
    path.write_bytes(data)
    assert audit(path) == []
    text = "\n".join(p.text for p in python_docx.Document(str(path)).paragraphs)
    assert text.count("มาตรฐานที่ 1") == 3


def test_each_form_opens_with_its_bookmark(merged):
    """This test ensures that a bookmark named by the form's index stands in each form's first paragraph."""
    from lxml import etree

    root = etree.fromstring(_parts(merged[0])["word/document.xml"])
    names = [b.get(W + "name") for b in root.iter(W + "bookmarkStart")]
    assert names == [form_mark(0), form_mark(1), form_mark(2)]
    ids = [b.get(W + "id") for b in root.iter(W + "bookmarkStart")]
    assert len(set(ids)) == 3


def test_numbering_runs_on_when_not_restarted(sample):
    """This test ensures that restart_numbering=False leaves page numbers running through the whole."""
    from lxml import etree

    doc = FormRenderer().render(sample)
    root = etree.fromstring(_parts(merge_documents([doc, doc], restart_numbering=False).docx)["word/document.xml"])
    assert [s.find(W + "pgNumType") for s in root.iter(W + "sectPr")] == [None, None]


def test_documents_of_another_template_are_refused(sample, tmp_path: Path):
    """This test ensures that forms of two templates (other styles) are not merged into one."""
    doc = FormRenderer().render(sample)
    parts = _parts(doc)
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(b"TH Sarabun New", b"Garuda")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    with pytest.raises(TemplateError, match="document 2 .* another template"):
        merge_documents([doc, buf.getvalue()])
    with pytest.raises(ValueError, match="nothing to merge"):
        merge_documents([])
