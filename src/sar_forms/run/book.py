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
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .._fs import TEMP_PREFIX, atomic_write
from ..domain.catalog import sorted_codes
from ..domain.linebreak import thai_word_breaks
from ..domain.models import Assessment, Person, reporting_round
from ..domain.text import from_thai_digits, to_thai_digits
from ..errors import SarFormsError
from ..forms.naming import book_paths
from ..forms.options import Options
from ..forms.produce import FormProducer, document_date
from ..inputs.tables import Record
from ..ooxml.compose import Merged, form_mark, merge_documents
from ..ooxml.package import Package
from ..pdf.convert import LibreOfficeConverter
from ..pdf.pagination import KEEP_MARK, Destinations, HeadingKeeper, paginate, settled
from ..pdf.postprocess import check_pdf, clean_outline, drop_destinations, reproducible, set_pdf_language
from ..pdf.recipe import MergedPdf, convert_merged
from .bookparts import Writer, with_body, with_outline

__all__ = ["Book", "BookMaker", "BookResult", "book_key", "book_paths", "books_of", "run_books"]


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


class BookMaker:
    """Makes books with one producer (its template, digits and converter)."""

    def __init__(self, producer: FormProducer) -> None:
        self.producer = producer

    def num(self, text: str) -> str:
        return to_thai_digits(text) if self.producer.digits == "thai" else text

    # ------------------------------------------------------------------ front and back matter

    def _front(self, base: bytes, forms: Sequence[Assessment], pages: Sequence[int] | None, mark: bool) -> bytes:
        w = Writer(thai_word_breaks if mark else (lambda s: s))
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
        title = f"รายงานการประเมินตนเอง {first.office.name} ปีงบประมาณ พ.ศ. {first.fiscal_year}"
        title += f" รอบ {first.round} เดือน" if first.round else ""
        return with_body(base, w.body, title_page=True, title=self.num(title))

    def _back(self, base: bytes, forms: Sequence[Assessment], mark: bool) -> bytes:
        w = Writer(thai_word_breaks if mark else (lambda s: s))
        sign_off = next((a.sign_off for a in forms if a.sign_off is not None), None)
        w.p("การจัดทำและรับรองรายงาน", "SarHeading", align="center", size=20, outline=0)
        for title, person in (
            ("ผู้จัดทำ", sign_off.prepared_by if sign_off else None),
            ("ผู้อนุมัติ", sign_off.approved_by if sign_off else None),
        ):
            self._signature(w, title, person)
        return with_body(base, w.body)

    def _signature(self, w: Writer, title: str, person: Person | None) -> None:
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
        return Merged(with_outline(merged.docx, len(assessments)), merged.marks)

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
        # the form's heading says "ตัวบ่งชี้ที่ 2" under its standard; the contents, and so the bookmarks, "1.2"
        titles = {
            self.num(f"ตัวบ่งชี้ที่ {a.indicator.number} {a.indicator.title}"): self.num(
                f"ตัวบ่งชี้ที่ {a.indicator.code} {a.indicator.title}"
            )
            for a in forms
        }
        book_pdf = reproducible(clean_outline(set_pdf_language(data, "th-TH"), titles), when)
        docx = self._merge(self._front(docs[0], forms, pages, False), docs, self._back(docs[0], forms, False), forms)
        return Book(docx.docx, book_pdf, tuple(pages))


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


def run_books(
    records: Iterable[Record],
    out_dir: str | Path,
    options: Options | None = None,
    *,
    on_result: Callable[[BookResult], None] | None = None,
    **changes: Any,
) -> list[BookResult]:
    """Write one book per office, fiscal year and round of ``records`` under ``out_dir``.

    ``options`` as for :func:`~sar_forms.run.batch.run_batch` (without any, books are made with
    PDFs, as they always were; keywords naming its fields change it for this run). An office's
    book of a fiscal year and round with a bad record is not made (it would lack a form): its
    result carries the record's error; the other books are written, those of its other rounds
    too. Books are converted on as many threads as the converter converts at once (local
    LibreOffice, ``jobs`` of them, when none is given).
    """
    opts = (options or Options(pdf=True)).but(**changes)
    out = Path(out_dir)
    good, bad, unplaced = _sorted_records(records)
    with contextlib.ExitStack() as stack:
        converter = opts.converter
        if opts.pdf and converter is None:
            converter = stack.enter_context(contextlib.closing(LibreOfficeConverter(workers=opts.jobs)))
        maker = BookMaker(FormProducer.of(opts, converter))

        def one(forms: list[Assessment]) -> BookResult:
            a = forms[0]
            res = BookResult(a.office.short_name, a.fiscal_year, a.round, len(forms))
            if book_key(a) in bad:  # its book would lack a form
                return replace(res, error=bad[book_key(a)])
            docx_path, pdf_path = book_paths(out, a)
            try:
                book = maker.make(forms, pdf=opts.pdf)
                atomic_write(docx_path, book.docx, within=out)
                if opts.pdf:
                    atomic_write(pdf_path, book.pdf, within=out)
            except SarFormsError as exc:
                return replace(res, error=exc)
            pages = check_pdf(book.pdf) if opts.pdf else 0
            return replace(res, docx=docx_path, pdf=pdf_path if opts.pdf else None, pages=pages)

        results: list[BookResult] = []
        with ThreadPoolExecutor(converter.concurrency if converter is not None else 1) as pool:
            made = pool.map(one, books_of(good))
            # a bad record whose book has no good form either: its book fails all the same
            keys = {book_key(a) for a in good}
            alone = [BookResult(*key, 1, error=error) for key, error in bad.items() if key not in keys]
            for res in [*unplaced, *made, *alone]:
                results.append(res)
                if on_result:
                    on_result(res)
    return results


def _sorted_records(
    records: Iterable[Record],
) -> tuple[list[Assessment], dict[tuple[str, int, int | None], SarFormsError], list[BookResult]]:
    """The valid assessments; the first error of each book (office, fiscal year, round) that has
    a bad record; and the bad records whose book cannot be told (no office or year)."""
    good: list[Assessment] = []
    bad: dict[tuple[str, int, int | None], SarFormsError] = {}
    unplaced: list[BookResult] = []
    for rec in records:
        if rec.assessment is not None:
            good.append(rec.assessment)
            continue
        error = rec.error or SarFormsError(f"{rec.source}: no data")
        office = rec.data.get("office") if isinstance(rec.data.get("office"), dict) else {}
        short = str((office or {}).get("short_name") or "")
        year = from_thai_digits(str(rec.data.get("fiscal_year") or "")).strip()
        round_ = reporting_round(rec.data.get("round"))
        if short and year.isdigit() and round_ in (None, 6, 12):
            bad.setdefault((short, int(year), round_), error)
        else:
            unplaced.append(BookResult(short, 0, None, 1, error=error))
    return good, bad, unplaced
