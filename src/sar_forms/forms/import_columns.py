"""The form table's two columns of text read back: the narrative's four parts and the evidence.

Lines come from :class:`~sar_forms.ooxml.page.Para` (soft line breaks split, Word's list numbers
drawn in front): an item is numbered by hand ("1)", "2.") or by Word (its list level then tells
an item from a sub-item); a part may be typed as one paragraph with line breaks, or with its
items one after another in one line. Evidence documents carry a box (or Word's bullet); references
a number (typed or Word's); a link is a hyperlink, a HYPERLINK field or an address typed at the
end. What fits nowhere is reported, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..domain.text import from_thai_digits
from ..messages import FieldName, say
from ..ooxml.page import BOXES, CHECKED, Link, Para, iri
from .import_report import ImportReport

__all__ = ["evidence_of", "narrative_of"]

_ITEM = re.compile(r"^\(?(\d+)\s*[).]\s*")  # 1)  1.  (1)
_SUBITEM = re.compile(r"^(?:\(\d+\.\d+\)|\d+\.\d+\)?(?=[\s\t])|[-•*–](?=[\s\t]))\s*")  # (1.1)  1.1  -
_NUMBERED = re.compile(r"^\(?\d+\)")  # an item's number, never a heading's ("1.")
_SEPARATOR = "....."


_PARTS = (
    ("steps", re.compile(r"^กระบวนการ")),
    ("results", re.compile(r"^ผลการดำเนินงาน\s*:?$")),
    ("problems", re.compile(r"^ปัญหา\s*(?:และ)?\s*อุปสรรค\s*:?$")),
    ("suggestions", re.compile(r"^ข้อเสนอแนะ.{0,40}$")),
)


def _heading_of(text: str) -> str | None:
    """Which part a heading opens: its words, after an optional "N." (never "N)": that is an item)."""
    t = from_thai_digits(text.strip())
    if re.match(r"^\(?\d+\)", t) or len(t) > 250:
        return None
    t = re.sub(r"^\d+\.\s*", "", t).strip()
    for part, pattern in _PARTS:
        if pattern.search(t):
            return part
    return None


def narrative_of(
    paras: list[Para], indicator_title: str, report: ImportReport, *, ours: bool = False
) -> dict[str, Any]:
    """The four parts of the narrative column, line by line (soft line breaks split lines);
    ``ours``: the form was made by sar-forms, each item one paragraph (see :meth:`_Part.take`)."""
    lines = list(paras) if ours else [line for para in paras for line in para.lines()]
    parts = {key: _Part() for key in ("steps", "results", "problems", "suggestions")}
    current: str | None = None
    out: dict[str, Any] = {}
    default = f"กระบวนการ วิธีการดำเนินงานเกี่ยวกับ{indicator_title} ของสำนักงานเขตพื้นที่การศึกษา"
    taken: str | None = None  # a first paragraph taken as the process heading by its place alone
    heading_text: str | None = None  # the heading just read, which a soft-broken line may continue
    for line in lines:
        text = line.text
        if not text.strip():
            continue
        if heading_text is not None and line.continued and line.label is None and not _ITEM.match(text.strip()):
            heading_text += "\n" + text  # the heading's own paragraph, broken with Shift+Enter
            if current == "steps":
                _process_heading(out, heading_text, default)
            continue
        heading_text = None
        heading = _heading_of(text)
        if heading == "steps" and current == "steps" and not parts["steps"].items and taken is not None:
            report.unmapped.append((say("import.where.before_heading"), taken))  # that was no heading
            out.pop("process_heading", None)
            current, taken = None, None
        if current is None and heading is None and line.label is None and not _NUMBERED.match(from_thai_digits(text)):
            heading, taken = "steps", text  # the narrative opens with the process heading, whatever its words
        if heading is not None and (current is None or heading != current):
            current, heading_text = heading, text
            if heading == "steps":
                _process_heading(out, text, default)
            continue
        if current is None:
            report.unmapped.append((say("import.where.before_heading"), text))
            continue
        parts[current].take(line, f"narrative.{current}", report, ours)
    for key, part in parts.items():
        out[key] = part.done()
        report.found.append(say("import.found.items", field=FieldName(f"narrative.{key}"), count=len(part.items)))
    if not parts["steps"].items:
        report.unmapped.append(("narrative.steps", say("import.no_steps")))
    return out


def _process_heading(out: dict[str, Any], text: str, default: str) -> None:
    """The process heading as shown ("1." the form numbers it with taken off), unless it is the
    default one (compared by its words: a heading broken over two lines is still the default)."""
    shown = re.sub(r"^[0-9๐-๙]+\.\s*", "", text.strip())  # the form numbers it "1."
    if shown != default and not ("\n" in shown and " ".join(shown.split()) == default):
        out["process_heading"] = shown
    else:
        out.pop("process_heading", None)


@dataclass
class _Part:
    """One part of the narrative as its lines come: items, their sub-items, and the lines that
    continue either. Lines are kept aside and joined once at the end: joining line by line was
    quadratic (200,000 unnumbered lines in a cell never finished)."""

    items: list[list[str]] = field(default_factory=list)  # [text, sub-item, ...]
    subs: list[list[list[str]]] = field(default_factory=list)  # per item, per sub-item: its lines
    lines: list[list[str]] = field(default_factory=list)  # per item: its own lines
    base: int | None = None  # the list level of the part's items, when Word numbers them
    noted: set[tuple[int, int]] = field(default_factory=set)

    def take(self, line: Para, where: str, report: ImportReport, ours: bool) -> None:
        """One line into the part. In a form of ours an item is one paragraph: a line after a soft
        break always continues it, and nothing is split (its text may hold "\n2) " or " 2) ")."""
        kind, body = (None, "") if ours and line.continued else self._kind(line)
        if kind == "sub" and self.items:
            self.subs[-1].append([body])
        elif kind == "item":
            typed = _ITEM.match(from_thai_digits(line.text)) if line.label is None and not ours else None
            for text in _inline_items(body, int(typed.group(1)) if typed else None, where, report):
                self.items.append([text])
                self.subs.append([])
                self.lines.append([])
        elif line.text.strip() == "-" and not self.items:
            return  # an empty part prints "-"
        elif self.items:
            target = self.subs[-1][-1] if self.subs[-1] else self.lines[-1]
            key = (len(self.items) - 1, len(self.subs[-1]))
            if not line.continued and key not in self.noted:  # a paragraph of its own: say so, once
                self.noted.add(key)
                report.guessed.append((f"{where}[{key[0]}]", say("import.guess.joined")))
            target.append(line.text)
        else:
            self.items.append([line.text.strip()])
            self.subs.append([])
            self.lines.append([])
            report.guessed.append((f"{where}[0]", say("import.guess.taken_as_item")))

    def _kind(self, line: Para) -> tuple[str | None, str]:
        """Item, sub-item or neither, and the text after the number; Word's own numbers by their
        list level (the part's first numbered line gives the items' level), typed ones by their form."""
        if line.label is not None:
            level, body = line.label.level, line.own.lstrip("\t ")
            if self.base is None and self.items:
                return "sub", body  # typed items, numbered sub-items
            if self.base is None or level < self.base:
                self.base = level
            return ("sub" if level > self.base else "item"), body
        plain = from_thai_digits(line.text)
        sub = _SUBITEM.match(plain)
        if sub and self.items:
            return "sub", line.text[sub.end() :].lstrip("\t ")
        item = _ITEM.match(plain)
        if item:
            return "item", line.text[item.end() :].lstrip("\t ")
        return None, ""

    def done(self) -> list[Any]:
        out: list[Any] = []
        for n, item in enumerate(self.items):
            text = "\n".join(item + self.lines[n])
            subs = ["\n".join(sub) for sub in self.subs[n]]
            out.append({"text": text, "items": subs} if subs else text)
        return out


def _inline_items(body: str, number: int | None, where: str, report: ImportReport) -> list[str]:
    """An item's text, or the items typed one after another in one line ("1) ... 2) ... 3) ..."):
    split only at the numbers that follow the item's own ``number`` one by one, so "ตามข้อ 5) ของ"
    in item 1, or "1) วางแผน 2) ปฏิบัติ" inside item 3, are left alone."""
    if number is None or not re.search(rf"\s{number + 1}\)\s", from_thai_digits(body)):
        return [body]
    plain, out, start, expected = from_thai_digits(body), [], 0, number + 1
    for m in re.finditer(r"\s(\d+)\)\s+", plain):
        if int(m.group(1)) == expected:
            out.append(body[start : m.start()].rstrip())
            start, expected = m.end(), expected + 1
    out.append(body[start:])
    if len(out) > 1:
        report.guessed.append((where, say("import.guess.inline_items", count=len(out))))
    return out


_SCHEME = re.compile(r"https?://")


def _plain_url(body: str) -> tuple[str, str] | None:
    """An address typed as plain text at the end of ``body``, and what stands before it ("....."
    or whitespace, or None when neither does). Found from the last word, in linear time: the
    one pattern it replaces (``^(.*?)(\\.{5}|\\s+)(https?://\\S+)$``) backtracked quadratically,
    some 80 s on a label of 100,000 spaces."""
    token = re.split(r"\s", body)[-1]  # the address cannot hold whitespace: it is in the last word
    start = len(body) - len(token)
    for found in _SCHEME.finditer(token):  # the first that "....." or whitespace stands before
        if found.end() == len(token):
            break  # a scheme with nothing after it is no address
        at = start + found.start()  # where the address would start (indexes only: no copy per candidate)
        if body.endswith(_SEPARATOR, 0, at):
            return _SEPARATOR, token[found.start() :]
        if at and body[at - 1].isspace():
            spaces = at - len(body[:at].rstrip())
            return body[at - spaces : at], token[found.start() :]
    return None


def _entries(paras: list[Para], ours: bool) -> list[Para]:
    """The evidence column's entries: a line after a soft break that starts no entry of its own
    (a box, a number) belongs to the entry above, as one text with its line break; in a form of
    ours an entry is always one paragraph."""
    out: list[Para] = []
    for para in paras:
        lines = para.lines()
        group = [lines[0]]
        for line in lines[1:]:
            starts = line.text.strip()[:1] in BOXES or re.match(r"^\s*[0-9๐-๙]+[.)]", line.text)
            if starts and not ours:
                out.append(Para.joined(group, "\n"))
                group = [line]
            else:
                group.append(line)
        out.append(Para.joined(group, "\n"))
    return out


def evidence_of(paras: list[Para], report: ImportReport, *, ours: bool = False) -> dict[str, Any]:
    """The checklist of documents (a box each, Word's bullets or not) and the numbered references
    (typed numbers or Word's), each with its link: a hyperlink, a HYPERLINK field or an address
    typed as plain text at its end."""
    documents: list[dict[str, Any]] = []
    references: list[dict[str, Any]] = []
    for line in _entries(paras, ours):
        text = line.text.strip()
        if not text:
            continue
        label = line.label
        own = line.own.strip() if label is not None else text
        if (text[0] in "●•" or (label is not None and label.bullet)) and "เอกสาร" in own and own[0] not in BOXES:
            continue  # the documents' heading
        link = line.links[-1] if line.links else None
        if own[0] in BOXES or (label is not None and label.bullet):
            documents.append(_document(own, link, report, len(documents)))
            continue
        m = re.match(r"^(\d+)[.)]\s*", from_thai_digits(own))
        if m or label is not None:
            references.append(_reference(own[m.end() :] if m and label is None else own, link))
            continue
        report.unmapped.append(("evidence", text))
    report.found.append(say("import.found.evidence", documents=len(documents), references=len(references)))
    out: dict[str, Any] = {}
    if documents:
        out["documents"] = documents
    if references:
        out["references"] = references
    return out


def _document(text: str, link: Link | None, report: ImportReport, index: int) -> dict[str, Any]:
    boxed = text[0] in BOXES
    body = text[1:].strip() if boxed else text
    doc: dict[str, Any] = {"title": body, "submitted": boxed and text[0] in CHECKED}
    if not boxed:
        report.guessed.append((f"evidence.documents[{index}]", say("import.guess.no_box")))
    plain = _plain_url(body) if link is None else None
    if plain and plain[0] == _SEPARATOR:
        link = Link(plain[1], plain[1])
    if link and body.endswith(link.text):
        doc["title"] = body[: -len(link.text)].rstrip()
        if doc["title"].endswith(_SEPARATOR):
            doc["title"] = doc["title"][: -len(_SEPARATOR)]
        doc["url"] = iri(link.url)
        if link.text != "คลิก":
            doc["link_text"] = link.text
    if not doc["submitted"]:
        del doc["submitted"]
    return doc


def _reference(body: str, link: Link | None) -> dict[str, Any]:
    if link is None:
        plain = _plain_url(body)
        if plain is None:
            return {"label": body}
        link = Link(plain[1], plain[1])
    if not body.endswith(link.text):
        return {"label": body}
    label = body[: -len(link.text)]
    if label.endswith(_SEPARATOR):
        return {"label": label[: -len(_SEPARATOR)], "url": iri(link.url), "link_text": link.text}
    shown = link.text
    same = iri(link.url) in (iri(shown), iri(shown) + "/")  # LibreOffice adds "/" to a bare host
    ref: dict[str, Any] = {"label": label.rstrip(" "), "url": shown if same else iri(link.url)}
    if not same:
        ref["link_text"] = shown
    return ref
