"""sar_forms.pdf.postprocess: reading named destinations, taking some out, and splitting a merged PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from helpers import document_information
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NullObject, TextStringObject

from sar_forms.errors import ConversionError
from sar_forms.pdf.postprocess import (
    clean_outline,
    destinations,
    drop_destinations,
    pdf_date,
    set_pdf_language,
    split_pdf,
)

WHEN = dt.datetime(2022, 9, 30, tzinfo=dt.timezone.utc)


def pdf_with_dests(pages: int, dests: dict[str, tuple[int, float | None]], *, tree: bool = False) -> bytes:
    """A PDF of blank pages with named destinations (page, top) in the catalogue's /Dests, as
    LibreOffice writes them, or (``tree``) in the /Names tree, as other writers do."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    writer.add_metadata({"/Producer": "LibreOffice 7.4", "/Title": "merged", "/CreationDate": "D:20260101000000Z'"})
    writer.root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): NameObject("/true")}
    )
    writer.root_object[NameObject("/OpenAction")] = ArrayObject(
        [writer.pages[0].indirect_reference, NameObject("/XYZ"), NullObject(), NullObject(), FloatObject(0)]
    )
    if tree:
        for name, (page, _top) in dests.items():
            writer.add_named_destination(name, page)
    else:
        table = DictionaryObject()
        for name, (page, top) in dests.items():
            table[NameObject("/" + name)] = ArrayObject(
                [
                    writer.pages[page].indirect_reference,
                    NameObject("/XYZ"),
                    FloatObject(72),
                    FloatObject(top) if top is not None else NullObject(),
                    FloatObject(0),
                ]
            )
        writer.root_object[NameObject("/Dests")] = writer._add_object(table)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_destinations_give_each_names_page_and_height():
    """This test ensures that every named destination comes with its 0-based page and the height of
    its top (None where the destination gives none), with the page count, from /Dests and from
    the /Names tree alike."""
    data = pdf_with_dests(3, {"SarForm00000": (0, 800.0), "SarKeep0H1e": (1, 80.5), "Bare": (2, None)})
    assert destinations(data) == (
        {"SarForm00000": (0, 800.0), "SarKeep0H1e": (1, 80.5), "Bare": (2, None)},
        3,
    )
    found, total = destinations(pdf_with_dests(2, {"A": (1, None)}, tree=True))
    assert total == 2 and found["A"][0] == 1


def test_destinations_of_a_broken_pdf_is_a_conversion_error():
    """This test ensures that a PDF that does not parse is a ConversionError naming it, not a traceback."""
    with pytest.raises(ConversionError, match="the merged PDF does not parse"):
        destinations(b"%PDF-1.6\nnot a pdf at all", "the merged PDF")


def test_drop_destinations_takes_out_only_the_names_given_and_keeps_the_bytes_before():
    """This test ensures that the headings' bookmarks are taken out of a PDF by an incremental update
    (a PDF/A's bytes stay as they were, with the change after them), the others stay, and a PDF
    without any is returned as it is."""
    data = pdf_with_dests(2, {"SarForm00000": (0, 800.0), "SarKeep0H0s": (0, 80.0), "SarKeep0H0n": (1, 700.0)})
    dropped = drop_destinations(data, "SarKeep")
    assert dropped.startswith(data) and len(dropped) > len(data)
    assert set(destinations(dropped)[0]) == {"SarForm00000"}
    assert drop_destinations(dropped, "SarKeep") == dropped
    only_keep = pdf_with_dests(1, {"SarKeep0H0s": (0, 80.0)})
    assert "/Dests" not in PdfReader(io.BytesIO(drop_destinations(only_keep, "SarKeep"))).root_object


def test_every_incremental_update_keeps_the_document_information():
    """This test ensures that the trailer of each update we append (language, headings' bookmarks
    out, bookmark titles cleaned) names the document information as the one before did (ISO
    32000-1, 7.5.6), so a viewer, which reads the last trailer, still shows title and author."""
    data = pdf_with_dests(2, {"SarKeep0H0s": (0, 80.0), "SarForm00000": (0, 800.0)})
    updated = clean_outline(set_pdf_language(drop_destinations(data, "SarKeep"), "th-TH"))
    assert updated.count(b"%%EOF") == 3  # the original and two updates: the outline had nothing to clean
    assert document_information(updated)["Title"] == "merged"
    reader = PdfReader(io.BytesIO(updated))
    assert reader.trailer["/Info"].get_object()["/Title"] == "merged"
    assert reader.root_object["/Lang"] == "th-TH"


def test_split_pieces_are_whole_pdfs_of_their_pages_with_their_own_information():
    """This test ensures that each piece has its pages, the merged PDF's information with its own
    title and date, the language asked, an opening view on its first page, no named
    destinations; and that the same input gives the same bytes, other information other bytes."""
    data = pdf_with_dests(5, {"SarForm00000": (0, 800.0), "SarForm00001": (2, 800.0)})
    infos = [{"/Title": "form 1.1"}, {"/Title": "form 1.2", "/Author": "สพป.อด.2"}]
    pieces = split_pdf(data, [range(0, 2), range(2, 5)], infos, lang="th-TH", whens=[WHEN, WHEN])
    for piece, pages, info in zip(pieces, (2, 3), infos, strict=True):
        reader = PdfReader(io.BytesIO(piece))
        assert len(reader.pages) == pages
        meta = reader.metadata
        assert meta is not None and meta["/Producer"] == "LibreOffice 7.4" and meta["/Title"] == info["/Title"]
        assert meta["/CreationDate"] == pdf_date(WHEN)
        assert reader.root_object["/Lang"] == TextStringObject("th-TH")
        assert reader.root_object["/ViewerPreferences"]["/DisplayDocTitle"] == "/true"
        assert reader.root_object["/OpenAction"][0].get_object() == reader.pages[0].get_object()
        assert "/Dests" not in reader.root_object and not reader.named_destinations
    assert pieces == split_pdf(data, [range(0, 2), range(2, 5)], infos, lang="th-TH", whens=[WHEN, WHEN])
    other = split_pdf(data, [range(0, 2)], [{"/Title": "another"}], lang="th-TH", whens=[WHEN])[0]
    assert PdfReader(io.BytesIO(other)).trailer["/ID"] != PdfReader(io.BytesIO(pieces[0])).trailer["/ID"]
