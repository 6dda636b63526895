"""sar_forms.ooxml.zipped: packages from strangers opened with their size checked first."""

from __future__ import annotations

import resource
import zipfile
from pathlib import Path

import pytest

import sar_forms
from sar_forms.errors import InputError, TemplateError
from sar_forms.forms.render import FormRenderer
from sar_forms.inputs.tables import read_records
from sar_forms.ooxml.zipped import MAX_MEMBERS, MAX_RATIO


def with_parts(good: Path, out: Path, change: dict[str, bytes]) -> Path:
    """``good`` with some parts replaced or added."""
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, change.pop(item.filename, src.read(item)))
        for name, data in change.items():
            dst.writestr(name, data)
    return out


@pytest.fixture
def good(sample, tmp_path) -> Path:
    return sar_forms.render_docx(sample, tmp_path / "good.docx")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_a_zip_bomb_is_refused_before_it_inflates(good, tmp_path):
    """This test ensures that a form whose text part inflates hundreds of times (100 MB of spaces
    in one w:t, some 100 KB on disk) is an InputError naming the part and the ratio, read in
    bounded memory; and the same bomb as a workbook's sheet or a template is refused too."""
    spaces = b"<w:document><w:body><w:p><w:r><w:t>" + b" " * (100 * 2**20) + b"</w:t></w:r></w:p></w:body></w:document>"
    bomb = with_parts(good, tmp_path / "bomb.docx", {"word/document.xml": spaces})
    assert bomb.stat().st_size < 2**20
    before = peak_mb()
    with pytest.raises(InputError, match=f"word/document.xml inflates .* times \\(at most {MAX_RATIO}\\)"):
        sar_forms.import_docx(bomb)
    assert peak_mb() - before < 50  # the 100 MB were never inflated
    with pytest.raises(TemplateError, match="inflates"):
        FormRenderer(bomb)
    sheet = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(sheet, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", spaces)
    with pytest.raises(InputError, match="inflates"):
        list(read_records(sheet))


def test_a_large_picture_the_form_never_uses_is_not_read(good, tmp_path):
    """This test ensures that a picture part (here 20 MB of noise) is not inflated to read a form."""
    import os

    noisy = with_parts(good, tmp_path / "picture.docx", {"word/media/image1.png": os.urandom(20 * 2**20)})
    data, _ = sar_forms.import_docx(noisy)
    assert data["office"]["short_name"] == "สพป.อด.2"


def test_too_many_parts_and_entity_tricks_are_refused(good, tmp_path):
    """This test ensures that a package of more parts than any form has, and XML that declares a
    document type or entities (billion laughs, external files), are refused naming the limit or
    the part; nothing of the entity is expanded."""
    many = with_parts(
        good, tmp_path / "many.docx", {f"word/header{n}.xml": b"<x/>" for n in range(100, 100 + MAX_MEMBERS)}
    )
    with pytest.raises(InputError, match=f"at most {MAX_MEMBERS}"):
        sar_forms.import_docx(many)
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "hahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b"<w:document><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(InputError, match="word/document.xml declares a document type"):
        sar_forms.import_docx(with_parts(good, tmp_path / "laughs.docx", {"word/document.xml": laughs}))


def test_a_zip_asking_for_an_unknown_version_is_refused(good, tmp_path):
    """This test ensures that a zip whose directory asks for a version zipfile cannot read (one
    flipped byte: "zip file version 18.4", NotImplementedError, found by the package fuzzer) is
    an InputError, not a traceback."""
    data = bytearray(good.read_bytes())
    entry = data.index(b"PK\x01\x02")  # the first central directory entry
    data[entry + 6] = 184  # "version needed to extract"
    spoiled = tmp_path / "version.docx"
    spoiled.write_bytes(bytes(data))
    with pytest.raises(InputError, match="not a .docx file"):
        sar_forms.import_docx(spoiled)


def test_an_encrypted_part_is_refused(good, tmp_path):
    """This test ensures that a member flagged encrypted (one flipped bit of its flags; zipfile
    raised a RuntimeError, found by the package fuzzer) is an InputError saying so."""
    data = bytearray(good.read_bytes())
    entry = data.index(b"PK\x01\x02")  # the first central directory entry
    data[entry + 8] |= 0x01  # general purpose flag: encrypted
    spoiled = tmp_path / "encrypted.docx"
    spoiled.write_bytes(bytes(data))
    with pytest.raises(InputError, match="encrypted"):
        sar_forms.import_docx(spoiled)
