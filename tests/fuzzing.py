"""One check of one hostile input, shared by the property test and ``scripts/fuzz.py``.

The promise under test: any text in any free-text field is either refused with an
:class:`~sar_forms.errors.InputError` naming the field, or it makes a .docx that python-docx
opens, that openxml-audit passes with 0 errors, and whose text is the input after the
documented cleaning (NFC, characters a .docx cannot hold removed, line breaks kept), and that
``sar-forms import`` reads back as the same data.
"""

from __future__ import annotations

import copy
import io
import re
import warnings
from pathlib import Path
from typing import Any

import docx
from helpers import audit, part, text_of

from sar_forms import FormRenderer, InputError, SarFormsError, validate_assessment
from sar_forms.domain.text import clean_text
from sar_forms.forms.importer import import_docx

#: (path in the data, how the form shows it): every free-text field a user fills in
FIELDS = (
    "office.name",
    "office.short_name",
    "narrative.process_heading",
    "narrative.steps.0",
    "narrative.results.0",
    "narrative.problems.0",
    "narrative.suggestions.0",
    "evidence.documents.0.title",
    "evidence.references.0.label",
    "evidence.references.2.url",
)
#: pieces that have broken document engines: markup, Jinja and docxtpl syntax, XML-illegal and
#: invisible characters, decomposed Thai, line breaks of every kind
HOSTILE = (
    "<", ">", "&", "&amp;", "]]>", "<w:t>", "{{", "}}", "{%", "%}", "{#", "{_{", "}_}", "{_%", "%_}", "{{r x }}",
    "\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1d", "\r", "\r\n", "\n", "\t", "\ud800", "\udfff", "\ufffe", "\uffff",
    "\u200b", "\u2060", "\ufeff", "\u0e4d\u0e32", "\u0e33", "น\u0e4d\u0e49\u0e32", "e\u0301", "ก", "สพป.อด.2",
    "https://example.org/", "http://ตัวอย่าง.ไทย/", "'", '"', "\\", " ", "  ", "๑๒๓",
)  # fmt: skip


def _set(data: dict[str, Any], path: str, value: str) -> None:
    keys: list[Any] = [int(k) if k.isdigit() else k for k in path.split(".")]
    node: Any = data
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check(base: dict[str, Any], field: str, text: str, workdir: Path) -> str:
    """The outcome of ``text`` in ``field``: "refused", "produced", or the class of a failure
    ("crash: ...", "unreadable", "invalid", "changed text")."""
    data = copy.deepcopy(base)
    _set(data, field, text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            a = validate_assessment(data)
        except InputError as exc:
            named = [f for f, _ in exc.problems if f]
            return (
                "refused"
                if named and all(f.split("[")[0].split(".")[0] in field for f in named)
                else (f"refused without the field: {exc}")
            )
        except Exception as exc:  # noqa: BLE001 - the point is to classify anything
            return f"crash: {type(exc).__name__}"
        try:
            data_bytes = FormRenderer().render(a)
        except SarFormsError as exc:
            return f"refused late: {type(exc).__name__}"
        except Exception as exc:  # noqa: BLE001
            return f"crash: {type(exc).__name__}"
        expected = clean_text(text).strip()
    try:
        docx.Document(io.BytesIO(data_bytes))
    except Exception:  # noqa: BLE001
        return "unreadable"
    path = workdir / "form.docx"
    path.write_bytes(data_bytes)
    if audit(path):
        return "invalid"
    if field.endswith("url"):
        return "produced"
    if field == "office.name":  # not printed on the form: the document's author (255 characters at most)
        shown, expected = "".join(part(path, "docProps/core.xml").itertext()), expected[:254]
    else:
        shown = text_of(part(path, "word/document.xml")) + text_of(part(path, "word/header1.xml"))
    if _squash(expected) not in _squash(shown):
        return "changed text"
    if field != "office.name" or len(a.office.name) <= 255:  # a longer name is cut in the document's properties
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                back = validate_assessment(import_docx(path)[0])
            except SarFormsError as exc:
                return f"import refused: {exc}"[:200]
        if back != a:
            return "import differs"
    return "produced"


#: How a stranger's .docx is spoiled, one way per check: a part's XML replaced by random bytes or cut
#: short, a document type with entities, a zip with bytes flipped or cut, lying metadata, a member
#: that inflates far, many extra members.
MUTATIONS = ("bytes", "cut", "doctype", "flip", "truncate", "metadata", "inflate", "members")


def spoiled(good: bytes, mutation: str, rng: Any) -> bytes:
    """``good`` (a rendered form's .docx bytes) spoiled by ``mutation``, with ``rng`` (random.Random) choosing how."""
    import json
    import zipfile

    if mutation in ("flip", "truncate"):
        data = bytearray(good)
        if mutation == "truncate":
            return bytes(data[: rng.randrange(len(data))])
        for _ in range(rng.randrange(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    src = zipfile.ZipFile(io.BytesIO(good))
    names = src.namelist()
    victim = rng.choice([n for n in names if n.endswith((".xml", ".rels"))])
    change: dict[str, bytes] = {}
    if mutation == "bytes":
        change[victim] = bytes(rng.randrange(256) for _ in range(rng.randrange(2000)))
    elif mutation == "cut":
        xml = src.read(victim)
        change[victim] = xml[: rng.randrange(len(xml))]
    elif mutation == "doctype":
        change[victim] = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    elif mutation == "metadata":
        meta = rng.choice(
            [{"office": [1]}, {"office": {"kind": 5, "area": True}}, {"points": "9" * 99}, [], "x" * 5000]
        )
        change["docProps/core.xml"] = (
            '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>'
            + "x" * rng.randrange(1000)
            + "</dc:creator><dc:description>sar_forms:"
            + json.dumps(meta)
            + "</dc:description></cp:coreProperties>"
        ).encode()
    elif mutation == "inflate":
        change[victim] = b" " * rng.randrange(2**20, 3 * 2**20)
    else:
        change.update({f"word/extra{n}.xml": b"<x/>" for n in range(rng.randrange(100, 2500))})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            dst.writestr(name, change.pop(name, src.read(name)))
        for name, data in change.items():
            dst.writestr(name, data)
    return out.getvalue()


def check_package(good: bytes, mutation: str, rng: Any, workdir: Path) -> str:
    """``read`` or ``refused`` (an InputError) for a spoiled package given to the Word import, and
    to ``check`` as a form; anything else (another exception) is the failure it names."""
    from sar_forms import app

    path = workdir / "stranger.docx"
    path.write_bytes(spoiled(good, mutation, rng))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data, _report = import_docx(path)
            app.check(path)
    except InputError:
        return "refused"
    except Exception as exc:  # the failure under test: anything but a clear refusal
        return f"crash {mutation}: {type(exc).__name__}"
    return "read" if isinstance(data, dict) else f"not data {mutation}"
