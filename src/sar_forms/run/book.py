"""An office's whole report for a fiscal year as one book: .docx and PDF.

A book is a cover (the office's full name, the standards, the fiscal year, the round when
given), a summary (standard -> indicator -> level, and how many indicators stand at each
level), a table of contents, every indicator's form in catalogue order (each from a new page,
with its own repeated table header), and a sign-off page (prepared by / approved by, names and
positions from the data, lines to sign on). Page numbers run through the whole book; the PDF
has a bookmark for each standard and indicator (the forms' headings carry outline levels, so
Word's navigation pane shows them too).

The contents' page numbers are PAGEREF fields pointing at a bookmark on each form's first
line. LibreOffice computes them when it lays the book out, so the PDF's numbers are its own
pages; the .docx carries the same numbers as the fields' shown results (read from the converted
PDF), so Word opens the book with them filled in, and Word's own update (F9, printing) finds
the same pages, as Word and the PDF paginate alike. A Word TOC field was not used: it would
open empty or stale until the user updates it, and LibreOffice does not refresh one by itself.

Fixed wording is neutral (สารบัญ, สรุประดับคุณภาพ, ผู้จัดทำ, ...); the standards' and indicators'
names come from the catalogue, nothing official is made up.
"""

from __future__ import annotations

import contextlib
import copy
import io
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from .._fs import TEMP_PREFIX, atomic_write
from ..domain.catalog import sorted_codes
from ..domain.linebreak import thai_word_breaks
from ..domain.models import Assessment, Person
from ..domain.text import to_thai_digits
from ..errors import SarFormsError
from ..forms.context import Digits
from ..forms.produce import FormProducer, document_date
from ..inputs.tables import Record
from ..ooxml.compose import Merged, form_mark, merge_documents
from ..ooxml.names import w as _w
from ..ooxml.package import Package
from ..pdf.convert import Converter, LibreOfficeConverter
from ..pdf.pagination import KEEP_MARK, Destinations, HeadingKeeper, paginate, settled
from ..pdf.postprocess import check_pdf, clean_outline, drop_destinations, reproducible, set_pdf_language
from ..pdf.recipe import MergedPdf, convert_merged
from .batch import NAME_BYTES, safe_name

__all__ = ["Book", "BookMaker", "BookResult", "book_key", "book_paths", "books_of", "run_books"]

_TEXT_WIDTH = 9071  # twips between the template's margins (A4, 3 cm and 2 cm)


def book_key(a: Assessment) -> tuple[str, int, int | None]:
    """What makes one book: the office (short name), the fiscal year and the round."""
    return (a.office.short_name, a.fiscal_year, a.round)


def books_of(assessments: Sequence[Assessment]) -> list[list[Assessment]]:
    """The assessments grouped into books (in order of first appearance), each in catalogue order."""
    groups: dict[tuple[str, int, int | None], list[Assessment]] = {}
    for a in assessments:
        groups.setdefault(book_key(a), []).append(a)
    out = []
    for forms in groups.values():
        order = {code: i for i, code in enumerate(sorted_codes({a.indicator.code for a in forms}))}
        out.append(sorted(forms, key=lambda a: order[a.indicator.code]))
    return out


@dataclass(frozen=True)
class Book:
    """A finished book: its .docx, its PDF (b"" when not asked for) and where each form starts (1-based pages)."""

    docx: bytes
    pdf: bytes
    form_pages: tuple[int, ...]


class _Writer:
    """Paragraphs and tables of the front and back matter, in the template's styles."""

    def __init__(self, mark: Callable[[str], str]) -> None:
        self.mark = mark
        self.body: list[etree._Element] = []

    def p(
        self,
        text: str = "",
        style: str = "SarCell",
        *,
        align: str | None = None,
        size: int | None = None,
        bold: bool = False,
        before: int | None = None,
        outline: int | None = None,
        page_break: bool = False,
    ) -> etree._Element:
        para = etree.Element(_w("p"))
        ppr = etree.SubElement(para, _w("pPr"))
        etree.SubElement(ppr, _w("pStyle")).set(_w("val"), style)
        if page_break:
            etree.SubElement(ppr, _w("pageBreakBefore"))
        if before is not None:
            spacing = etree.SubElement(ppr, _w("spacing"))
            spacing.set(_w("before"), str(before))
        if align:
            etree.SubElement(ppr, _w("jc")).set(_w("val"), align)
        if outline is not None:
            etree.SubElement(ppr, _w("outlineLvl")).set(_w("val"), str(outline))
        if text:
            self.run(para, text, size=size, bold=bold)
        self.body.append(para)
        return para

    def run(self, para: etree._Element, text: str, *, size: int | None = None, bold: bool = False) -> None:
        r = etree.SubElement(para, _w("r"))
        if size or bold:
            rpr = etree.SubElement(r, _w("rPr"))
            if bold:
                etree.SubElement(rpr, _w("b"))
                etree.SubElement(rpr, _w("bCs"))
            if size:
                etree.SubElement(rpr, _w("sz")).set(_w("val"), str(size * 2))
                etree.SubElement(rpr, _w("szCs")).set(_w("val"), str(size * 2))
        t = etree.SubElement(r, _w("t"))
        t.text = self.mark(text)
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    def table(
        self,
        widths: Sequence[int],
        rows: Sequence[Sequence[str]],
        *,
        head: int = 1,
        align: Sequence[str | None] = (),
    ) -> None:
        tbl = etree.Element(_w("tbl"))
        tblpr = etree.SubElement(tbl, _w("tblPr"))
        etree.SubElement(tblpr, _w("tblStyle")).set(_w("val"), "TableGrid")
        tblw = etree.SubElement(tblpr, _w("tblW"))
        tblw.set(_w("type"), "dxa")
        tblw.set(_w("w"), str(sum(widths)))
        etree.SubElement(tblpr, _w("tblLayout")).set(_w("type"), "fixed")
        grid = etree.SubElement(tbl, _w("tblGrid"))
        for w in widths:
            etree.SubElement(grid, _w("gridCol")).set(_w("w"), str(w))
        for n, row in enumerate(rows):
            tr = etree.SubElement(tbl, _w("tr"))
            if n < head:
                trpr = etree.SubElement(tr, _w("trPr"))
                etree.SubElement(trpr, _w("cantSplit"))
                etree.SubElement(trpr, _w("tblHeader"))
            for col, (w, text) in enumerate(zip(widths, row, strict=True)):
                tc = etree.SubElement(tr, _w("tc"))
                tcpr = etree.SubElement(tc, _w("tcPr"))
                tcw = etree.SubElement(tcpr, _w("tcW"))
                tcw.set(_w("type"), "dxa")
                tcw.set(_w("w"), str(w))
                if n < head:
                    shd = etree.SubElement(tcpr, _w("shd"))
                    shd.set(_w("val"), "clear")
                    shd.set(_w("color"), "auto")
                    shd.set(_w("fill"), "D9D9D9")
                for line in text.split("\n"):
                    column_align = align[col] if col < len(align) and n >= head else None
                    self.p(line, "SarTableHead" if n < head else "SarCell", align=column_align)
                    tc.append(self.body.pop())
        self.body.append(tbl)

    def contents_entry(self, text: str, bookmark: str, page: str, *, bold: bool = False) -> None:
        para = self.p(text, "SarCell", bold=bold)
        ppr = para.find(_w("pPr"))
        assert ppr is not None
        tabs = etree.Element(_w("tabs"))
        tab = etree.SubElement(tabs, _w("tab"))
        tab.set(_w("val"), "right")
        tab.set(_w("leader"), "dot")
        tab.set(_w("pos"), str(_TEXT_WIDTH))
        ppr.find(_w("pStyle")).addnext(tabs)  # type: ignore[union-attr]
        ind = etree.SubElement(ppr, _w("ind"))
        ind.set(_w("right"), "0")
        etree.SubElement(etree.SubElement(para, _w("r")), _w("tab"))
        for kind, value in (("begin", None), ("instr", f" PAGEREF {bookmark} \\h "), ("separate", None)):
            r = etree.SubElement(para, _w("r"))
            if kind == "instr":
                it = etree.SubElement(r, _w("instrText"))
                it.text = value
                it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            else:
                etree.SubElement(r, _w("fldChar")).set(_w("fldCharType"), kind)
        r = etree.SubElement(para, _w("r"))
        etree.SubElement(r, _w("t")).text = page
        etree.SubElement(etree.SubElement(para, _w("r")), _w("fldChar")).set(_w("fldCharType"), "end")


class BookMaker:
    """Makes books with one producer (its template, digits and converter)."""

    def __init__(self, producer: FormProducer) -> None:
        self.producer = producer

    def num(self, text: str) -> str:
        return to_thai_digits(text) if self.producer.digits == "thai" else text

    # ------------------------------------------------------------------ front and back matter

    def _front(self, base: bytes, forms: Sequence[Assessment], pages: Sequence[int] | None, mark: bool) -> bytes:
        w = _Writer(thai_word_breaks if mark else (lambda s: s))
        first = forms[0]
        standards: dict[int, str] = {}
        for a in forms:
            standards.setdefault(a.standard.number, a.standard.title_for(a.fiscal_year))
        # the cover
        w.p("", before=2400)
        w.p("รายงานการประเมินตนเอง", "SarHeading", align="center", size=24)
        w.p("ตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา พ.ศ. 2560", "SarHeading", align="center", size=20)
        w.p("", before=480)
        for number, title in standards.items():
            w.p(self.num(f"มาตรฐานที่ {number} {title}"), "SarHeading", align="center", size=18)
        w.p("", before=480)
        year = f"ปีงบประมาณ พ.ศ. {first.fiscal_year}" + (f" รอบ {first.round} เดือน" if first.round else "")
        w.p(self.num(year), "SarHeading", align="center", size=20)
        w.p("", before=1440)
        w.p(self.num(first.office.name), "SarHeading", align="center", size=20)
        # the summary
        w.p("สรุประดับคุณภาพ", "SarHeading", align="center", size=20, page_break=True, outline=0)
        rows = [["มาตรฐาน", "ตัวบ่งชี้", "ระดับคุณภาพ"]]
        for a in forms:
            rows.append(
                [
                    self.num(f"มาตรฐานที่ {a.standard.number}"),
                    self.num(f"{a.indicator.code} {a.indicator.title}"),
                    self.num(str(a.level)),
                ]
            )
        w.table([1900, 5471, 1700], rows, align=(None, None, "center"))
        w.p("")
        counts = Counter(a.level for a in forms)
        w.table(
            [3000, 3000],
            [["ระดับคุณภาพ", "จำนวนตัวบ่งชี้"]]
            + [[self.num(str(level)), self.num(str(counts.get(level, 0)))] for level in (5, 4, 3, 2, 1)]
            + [["รวม", self.num(str(len(forms)))]],
            align=("center", "center"),
        )
        # the contents
        w.p("สารบัญ", "SarHeading", align="center", size=20, page_break=True, outline=0)
        seen: set[int] = set()
        for i, a in enumerate(forms):
            page = self.num(str(pages[i])) if pages else "0"
            if a.standard.number not in seen:
                seen.add(a.standard.number)
                w.contents_entry(
                    self.num(f"มาตรฐานที่ {a.standard.number} {a.standard.title_for(a.fiscal_year)}"),
                    form_mark(i + 1),
                    page,
                    bold=True,
                )
            w.contents_entry(self.num(f"    ตัวบ่งชี้ที่ {a.indicator.code} {a.indicator.title}"), form_mark(i + 1), page)
        return _with_body(base, w.body)

    def _back(self, base: bytes, forms: Sequence[Assessment], mark: bool) -> bytes:
        w = _Writer(thai_word_breaks if mark else (lambda s: s))
        sign_off = next((a.sign_off for a in forms if a.sign_off is not None), None)
        w.p("การจัดทำและรับรองรายงาน", "SarHeading", align="center", size=20, outline=0)
        for title, person in (
            ("ผู้จัดทำ", sign_off.prepared_by if sign_off else None),
            ("ผู้อนุมัติ", sign_off.approved_by if sign_off else None),
        ):
            self._signature(w, title, person)
        return _with_body(base, w.body)

    def _signature(self, w: _Writer, title: str, person: Person | None) -> None:
        w.p(title, "SarHeading", before=720)
        w.p("ลงชื่อ " + "." * 60, align="center", before=480)
        w.p(self.num(f"({person.name})") if person else "(" + "." * 58 + ")", align="center")
        position = person.position if person and person.position else None
        w.p(self.num(f"ตำแหน่ง {position}") if position else "ตำแหน่ง " + "." * 56, align="center")
        w.p("วันที่ " + "." * 15 + " เดือน " + "." * 25 + " พ.ศ. " + "." * 12, align="center")

    # ------------------------------------------------------------------ the book

    def _merge(
        self, front: bytes, forms: Sequence[bytes | Package], back: bytes, assessments: Sequence[Assessment]
    ) -> Merged:
        merged = merge_documents([front, *forms, back], restart_numbering=False)
        return Merged(_with_outline(merged.docx, len(assessments)), merged.marks)

    def make(self, forms: Sequence[Assessment], *, pdf: bool = False) -> Book:
        """The book of ``forms`` (one office and fiscal year; see :func:`books_of`)."""
        producer = self.producer
        docs = [producer.docx(a) for a in forms]
        if not pdf:
            docx = self._merge(self._front(docs[0], forms, None, False), docs, self._back(docs[0], forms, False), forms)
            return Book(docx.docx, b"", ())
        producer.check_font()
        converter = producer.require_converter()
        keepers = [HeadingKeeper(producer.pdf_copy(a), tag=str(k)) for k, a in enumerate(forms)]
        base = keepers[0].docx
        pages: list[int] = []
        with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as tmp:

            def whole(_todo: list[int]) -> tuple[MergedPdf, Destinations]:
                merged = self._merge(
                    self._front(base, forms, pages or None, True),
                    [k.package for k in keepers],
                    self._back(base, forms, True),
                    forms,
                )
                done = convert_merged(merged, converter, Path(tmp), pdfa=producer.pdfa, what="the book's PDF")
                # between the front matter and the sign-off; LibreOffice computes the contents' PAGEREFs itself
                pages[:] = [r.start + 1 for r in done.ranges[1:-1]]
                return done, done.destinations

            converted = settled(paginate(keepers, whole, whole=True))
        when = document_date(forms[0])
        data = drop_destinations(converted.pdf, KEEP_MARK)
        book_pdf = reproducible(clean_outline(set_pdf_language(data, "th-TH")), when)
        docx = self._merge(self._front(docs[0], forms, pages, False), docs, self._back(docs[0], forms, False), forms)
        return Book(docx.docx, book_pdf, tuple(pages))


def _with_body(base: bytes, content: list[etree._Element]) -> bytes:
    """``base`` (a rendered form: the template's styles, header, footer and page) with ``content`` as its body."""
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(_w("body"))
    assert body is not None
    sect = body.find(_w("sectPr"))
    for child in list(body):
        body.remove(child)
    for el in content:
        body.append(el)
    if sect is not None:
        body.append(copy.deepcopy(sect))
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    # the form's hyperlinks are not used here: drop nothing, merge_documents carries only used ones
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _with_outline(docx: bytes, forms: int) -> bytes:
    """Outline levels on each form's headings: the standard (level 1, at its first form) and the
    indicator (level 2): PDF bookmarks and Word's navigation pane."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        infos = z.infolist()
        parts = {i.filename: z.read(i) for i in infos}
    root = etree.fromstring(parts["word/document.xml"])
    marks = {b.get(_w("name")): b.getparent() for b in root.iter(_w("bookmarkStart"))}
    standards_seen: set[str] = set()
    for k in range(1, forms + 1):
        start = marks.get(form_mark(k))
        if start is None:
            continue
        standard = indicator = None
        para: etree._Element | None = start
        for _ in range(12):  # the headings stand among the form's first paragraphs
            if para is None:
                break
            text = "".join(t.text or "" for t in para.iter(_w("t"))).replace("\u200b", "").replace("\u2060", "")
            if standard is None and text.startswith("มาตรฐานที่"):
                standard = (para, text)
            elif indicator is None and text.startswith("ตัวบ่งชี้ที่"):
                indicator = para
                break
            para = para.getnext()
        if standard is not None and standard[1] not in standards_seen:
            standards_seen.add(standard[1])
            _set_outline(standard[0], 0)
        if indicator is not None:
            _set_outline(indicator, 1)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in infos:
            z.writestr(info, parts[info.filename])
    return out.getvalue()


def _set_outline(para: etree._Element, level: int) -> None:
    ppr = para.find(_w("pPr"))
    if ppr is None:
        ppr = etree.Element(_w("pPr"))
        para.insert(0, ppr)
    # schema order: outlineLvl comes late in w:pPr, before divId/cnfStyle/rPr/sectPr/pPrChange
    after = next(
        (el for el in ppr if el.tag in (_w("divId"), _w("cnfStyle"), _w("rPr"), _w("sectPr"), _w("pPrChange"))), None
    )
    lvl = etree.Element(_w("outlineLvl"))
    lvl.set(_w("val"), str(level))
    if after is not None:
        after.addprevious(lvl)
    else:
        ppr.append(lvl)


# ----------------------------------------------------------------------------- many books


@dataclass(frozen=True)
class BookResult:
    """What became of one office's book: its files, or the error that stopped it."""

    office: str
    fiscal_year: int
    round: int | None
    forms: int
    docx: Path | None = None
    pdf: Path | None = None
    pages: int = 0
    error: SarFormsError | None = None


def book_paths(out_dir: Path, a: Assessment) -> tuple[Path, Path]:
    """``OUT/<office short name>/<short name>_<fiscal year>[_รอบ<round>]_book.docx`` and .pdf."""
    tail = f"_{a.fiscal_year}" + (f"_รอบ{a.round}" if a.round else "") + "_book"
    stem = safe_name(a.office.short_name, limit=NAME_BYTES - len(tail.encode("utf-8"))) + safe_name(tail)
    folder = out_dir / safe_name(a.office.short_name)
    return folder / f"{stem}.docx", folder / f"{stem}.pdf"


def run_books(
    records: Iterable[Record],
    out_dir: str | Path,
    *,
    pdf: bool = True,
    pdfa: bool = False,
    converter: Converter | None = None,
    template: str | Path | None = None,
    digits: Digits = "arabic",
    jobs: int | None = None,
    on_result: Callable[[BookResult], None] | None = None,
) -> list[BookResult]:
    """Write one book per office, fiscal year and round of ``records`` under ``out_dir``.

    An office with a bad record gets no book (it would lack a form): its result carries the
    record's error; the other offices' books are written. Books are converted on as many
    threads as the converter has workers (local LibreOffice, ``jobs`` of them, when none is given).
    """
    out = Path(out_dir)
    bad: dict[tuple[str, str], SarFormsError] = {}  # (short name, fiscal year) -> the first error
    unplaced: list[BookResult] = []  # bad records whose office cannot be read
    good: list[Assessment] = []
    for rec in records:
        if rec.assessment is not None:
            good.append(rec.assessment)
            continue
        error = rec.error or SarFormsError(f"{rec.source}: no data")
        office = rec.data.get("office") if isinstance(rec.data.get("office"), dict) else {}
        short, year = str((office or {}).get("short_name") or ""), str(rec.data.get("fiscal_year") or "")
        if short and year:
            bad.setdefault((short, year), error)
        else:
            unplaced.append(BookResult("", 0, None, 1, error=error))
    with contextlib.ExitStack() as stack:
        if pdf and converter is None:
            converter = stack.enter_context(contextlib.closing(LibreOfficeConverter(workers=jobs)))
        maker = BookMaker(FormProducer(template, digits=digits, converter=converter, pdfa=pdfa))

        def one(forms: list[Assessment]) -> BookResult:
            a = forms[0]
            res = BookResult(a.office.short_name, a.fiscal_year, a.round, len(forms))
            if (a.office.short_name, str(a.fiscal_year)) in bad:  # its book would lack a form
                return replace(res, error=bad[(a.office.short_name, str(a.fiscal_year))])
            docx_path, pdf_path = book_paths(out, a)
            try:
                book = maker.make(forms, pdf=pdf)
                atomic_write(docx_path, book.docx)
                if pdf:
                    atomic_write(pdf_path, book.pdf)
            except SarFormsError as exc:
                return replace(res, error=exc)
            return replace(res, docx=docx_path, pdf=pdf_path if pdf else None, pages=check_pdf(book.pdf) if pdf else 0)

        threads = max(1, len(getattr(converter, "workers", ()) or ()) or 1)
        results = list(unplaced)
        for res in unplaced:
            if on_result:
                on_result(res)
        with ThreadPoolExecutor(threads) as pool:
            for res in pool.map(one, books_of(good)):
                results.append(res)
                if on_result:
                    on_result(res)
    return results
