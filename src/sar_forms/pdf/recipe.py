"""A .docx made for PDF -> the finished PDF: one document, or many merged, converted once and split.

The PDF recipe in one place: convert (through any :class:`~sar_forms.pdf.convert.Converter`),
keep headings with what follows them (:mod:`sar_forms.pdf.pagination`), set the language, make
the bytes reproducible, check the result. A merged conversion converts up to a chunk of forms as
one document (each its own section) and splits the PDF where each form's bookmark lands; each
piece equals the form's own conversion in pages, text, links and information. Nothing here knows
what a form holds: the documents come rendered."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .._fs import TEMP_PREFIX
from ..errors import ConversionError
from ..ooxml.compose import Merged, merge_documents
from ..ooxml.package import read_part
from .convert import Converter
from .pagination import MAX_PUSHES, Destinations, HeadingKeeper, keep_headings, paginate
from .postprocess import check_pdf, destinations, reproducible, set_pdf_language, split_pdf

__all__ = ["MergedPdf", "Pushed", "convert_merged", "pdf_from_copy", "pdf_info", "pdfs_from_copies", "settle_merged"]


def pdf_from_copy(copy: bytes, converter: Converter, *, when: dt.datetime, pdfa: bool = False) -> bytes:
    """The finished PDF of the .docx ``copy`` made for PDF (word boundaries marked), dated ``when``."""
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as tmp:
        work = Path(tmp)

        def convert(data: bytes) -> bytes:
            source, target = work / "form.docx", work / "form.pdf"
            source.write_bytes(data)
            converter.convert(source, target, pdfa=pdfa, destinations=True)
            return target.read_bytes()

        pdf = reproducible(set_pdf_language(keep_headings(copy, convert), "th-TH"), when)
    check_pdf(pdf, "the PDF")
    return pdf


_CORE_TO_INFO = {"title": "/Title", "creator": "/Author", "subject": "/Subject", "keywords": "/Keywords"}


def pdf_info(docx: bytes) -> dict[str, str]:
    """The document information LibreOffice gives a PDF of ``docx``, from its core properties
    (keywords separated by ``;`` come out separated by ``, ``)."""
    core_xml = read_part(docx, "docProps/core.xml")
    core = etree.fromstring(core_xml) if core_xml is not None else None
    info: dict[str, str] = {}
    for el in core if core is not None else ():
        key = _CORE_TO_INFO.get(etree.QName(el).localname)
        if key and el.text:
            info[key] = ", ".join(k.strip() for k in el.text.split(";")) if key == "/Keywords" else el.text
    return info


@dataclass(frozen=True)
class MergedPdf:
    """A merged document converted: the PDF, the pages (0-based) of each document in it, and
    its named destinations (the documents' bookmarks: :func:`sar_forms.pdf.postprocess.destinations`)."""

    pdf: bytes
    ranges: list[range]
    destinations: dict[str, tuple[int, float | None]]


def convert_merged(
    merged: Merged, converter: Converter, work: Path, *, pdfa: bool = False, what: str = "the merged PDF"
) -> MergedPdf:
    """Convert a merged document (:func:`merge_documents`) once, in the folder ``work``; each
    document's pages are found by the bookmark that opens it."""
    source, target = work / "merged.docx", work / "merged.pdf"
    source.write_bytes(merged.docx)
    converter.convert(source, target, pdfa=pdfa, destinations=True)
    pdf = target.read_bytes()
    found, total = destinations(pdf, what)
    try:
        firsts = [found[mark][0] for mark in merged.marks]
    except KeyError as exc:
        raise ConversionError(f"{what} lacks the bookmark {exc} where a merged document begins") from exc
    ranges = [range(a, b) for a, b in zip(firsts, [*firsts[1:], total], strict=True)]
    if any(not r for r in ranges):
        raise ConversionError(f"{what}: its merged documents do not start on pages of their own")
    return MergedPdf(pdf, ranges, found)


@dataclass(frozen=True)
class Pushed:
    """A form of a merged conversion whose heading had to be pushed to the next page, left to be
    converted again with others (:meth:`FormProducer.pdfs_from_pushed`): the copy as rendered
    (converted alone should that fail), the copy pushed, its date, and the pushes still allowed."""

    copy: bytes
    keeper: HeadingKeeper
    when: dt.datetime
    pushes_left: int


def pdfs_from_copies(
    copies: Sequence[bytes],
    converter: Converter,
    *,
    pdfa: bool = False,
    whens: Sequence[dt.datetime],
    defer_pushed: bool = False,
) -> list[bytes | Pushed]:
    """The finished PDFs of many copies made for PDF, through merged conversions: the copies
    are merged into one document (each its own section, page numbers from 1), converted once,
    and the PDF is split where each form's bookmark lands. A form whose heading is left at a
    page's foot is pushed down and converted again with the others that were (see
    :func:`sar_forms.pdf.pagination.keep_headings`), or, with ``defer_pushed``, returned as
    :class:`Pushed`, for its caller to convert with the pushed forms of other chunks. Each PDF
    equals the form's own conversion in pages, text, links and information; a failed conversion
    raises :class:`ConversionError` for all.
    """
    keepers = [HeadingKeeper(c, tag=str(i)) for i, c in enumerate(copies)]
    return settle_merged(copies, keepers, converter, pdfa, whens, MAX_PUSHES, defer_pushed)


def settle_merged(
    copies: Sequence[bytes],
    keepers: Sequence[HeadingKeeper],
    converter: Converter,
    pdfa: bool,
    whens: Sequence[dt.datetime],
    pushes: int,
    defer: bool,
) -> list[bytes | Pushed]:
    """Convert ``keepers`` (of ``copies``, tagged apart) merged until no heading is left at a page's foot (``pushes`` more
    conversions at most), or, with ``defer``, once: the forms pushed come back as :class:`Pushed`."""
    done: list[bytes | Pushed | None] = [None] * len(copies)
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as tmp:

        def merged(todo: list[int]) -> tuple[MergedPdf, Destinations]:
            result = convert_merged(
                merge_documents([keepers[i].package for i in todo]), converter, Path(tmp), pdfa=pdfa
            )
            return result, result.destinations

        for attempt, (result, todo, pushed) in enumerate(paginate(keepers, merged, pushes=pushes)):
            final = [(i, pages) for i, pages in zip(todo, result.ranges, strict=True) if i not in pushed]
            if final:  # one reading of the merged PDF for all the forms that are settled
                split = split_pdf(
                    result.pdf,
                    [pages for _i, pages in final],
                    [pdf_info(copies[i]) for i, _pages in final],
                    lang="th-TH",
                    whens=[whens[i] for i, _pages in final],
                )
                for (i, _pages), piece in zip(final, split, strict=True):
                    done[i] = piece
            if defer:
                for i in pushed:
                    done[i] = Pushed(copies[i], keepers[i], whens[i], pushes - attempt - 1)
                break
    # the pieces are qpdf's writing of pages it read: no need to parse them again (check_pdf)
    if any(result is None for result in done):
        raise ConversionError("a form of the merged conversion got no PDF")
    return [result for result in done if result is not None]
