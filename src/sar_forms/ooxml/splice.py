"""Whether a body template's rendered text can go into the document as it is, unparsed.

docxtpl parses every rendered body with lxml's forgiving parser and walks its tables
(``fix_tables``: a grid with more or fewer columns than the rows is widened or trimmed), and
:class:`~sar_forms.ooxml.template.CompiledTemplate` did the same, then serialized the tree again:
about a third of a form's render. For most templates, the shipped form's among them, that work
changes nothing, and that can be known once, from the template, before any document is made.
:func:`why_parse` reads the patched body template with Jinja's own lexer and says why its output
must still be parsed, or ``""`` when it need not be, because:

- the markup is whole between Jinja tags (no tag inside ``<...>``), and holds no comment,
  processing instruction or CDATA section;
- every ``if`` / ``for`` block ends inside the elements it began in (a branch may close some of
  them and open the same again, as ``</w:t></w:r><w:r><w:t>``), so the body is well-formed XML
  however many times each branch is rendered, from none to many;
- the only statements are ``if``, ``elif``, ``else``, ``for`` and a plain ``set``, and no output
  is marked ``safe`` (every value is escaped, or is a :class:`docxtpl.RichText`, which is);
- in every table, the grid and each row's cells and spans sit outside any block that the row or
  the table does not sit in, so every row rendered has the cells of a row of the template; every
  row has no more cells than the grid has columns, and a row rendered whenever its table is
  spans all of them: ``fix_tables`` would leave the grid as it is;
- no drawing (its ids are numbered per document, in the tree).

What a caller puts in the context is the caller's to vouch for (``plain_context``): an output
that is markup (an image, a sub-document) is not seen here. What is seen at render time is the
text: :func:`legal_utf8` gives it back as UTF-8 only when it holds no character XML 1.0 forbids,
and a :class:`Splice` says what goes before and after it in the part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import jinja2
from lxml import etree

from .names import W, w

__all__ = ["DECLARATION", "Splice", "legal_utf8", "why_parse"]

_MARKUP = re.compile(r"<([^<>]*)>")
_NAME = re.compile(r"/?([^\s/>]+)")
_BLOCKS = {"if": "endif", "for": "endfor"}
_BRANCHES = {"elif", "else"}
# the C0 controls XML 1.0 forbids (all but tab, line feed and carriage return)
_C0_ILLEGAL = bytes(c for c in range(32) if c not in (9, 10, 13))
# the elements whose block depth decides the shape of a table
_SHAPE = ("w:tbl", "w:tblGrid", "w:gridCol", "w:tr", "w:tc", "w:gridSpan")


@dataclass(frozen=True)
class Splice:
    """How a part's rendered text becomes the part unparsed: ``head``, the text without its
    ``opening`` (the body's tag, whose namespaces the document declares already), ``tail``."""

    head: bytes
    tail: bytes
    opening: str = ""


#: the declaration python-docx writes at the head of every part it serializes
DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


@dataclass
class _Scan:
    """What reading the template so far has found: open elements, open blocks, where the
    table-shaping elements are (the number of blocks around each, in the order they come)."""

    elements: list[str] = field(default_factory=list)
    blocks: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (end tag, open elements at its start)
    depths: dict[str, list[int]] = field(default_factory=lambda: {name: [] for name in _SHAPE})
    skeleton: list[str] = field(default_factory=list)  # the markup and text, without Jinja

    def data(self, text: str) -> str:
        if "<" in _MARKUP.sub("", text):  # a tag that a Jinja tag splits leaves its "<" unmatched
            return "a Jinja tag inside an XML tag"
        for m in _MARKUP.finditer(text):
            why = self._tag(m.group(1))
            if why:
                return why
        self.skeleton.append(text)
        return ""

    def _tag(self, inner: str) -> str:
        if inner[:1] in ("?", "!"):
            return "a comment, processing instruction or CDATA section in the body"
        m = _NAME.match(inner)
        if m is None:
            return "an XML tag without a name"
        name = m.group(1)
        if inner.startswith("/"):
            if not self.elements or self.elements[-1] != name:
                return f"</{name}> closes what it did not open"
            self.elements.pop()
            return ""
        if name in self.depths:
            self.depths[name].append(len(self.blocks))
        if not inner.endswith("/"):
            self.elements.append(name)
        return ""

    def statement(self, words: list[str]) -> str:
        word = words[0] if words else ""
        if word in _BLOCKS:
            if "recursive" in words:  # loop() renders the block again where it is called
                return "a recursive loop"
            self.blocks.append((_BLOCKS[word], tuple(self.elements)))
            return ""
        if word in _BRANCHES or word in _BLOCKS.values():
            if not self.blocks or (word in _BLOCKS.values() and self.blocks[-1][0] != word):
                return f"{{% {word} %}} without its block"
            if tuple(self.elements) != self.blocks[-1][1]:
                return f"a {{% {word} %}} that is not where its block began in the XML"
            if word not in _BRANCHES:
                self.blocks.pop()
            return ""
        if word == "set" and "=" in words:
            return ""
        return f"the statement {{% {word} %}}"


def why_parse(source: str, env: jinja2.Environment) -> str:
    """Why the body template ``source`` (docxtpl's patched ``w:body``) must be parsed once
    rendered, or ``""``: its rendered text is the body as docxtpl would write it."""
    if "docPr" in source:
        return "a drawing (docxtpl numbers their ids in the tree)"
    scan = _Scan()
    tokens = [(kind, value) for _, kind, value in env.lex(source) if kind != "whitespace"]
    words: list[str] | None = None
    previous = ""
    for kind, value in tokens:
        why = ""
        if kind == "data":
            why = scan.data(value)
        elif kind == "block_begin":
            words = []
        elif kind == "block_end" and words is not None:
            why, words = scan.statement(words), None
        elif words is not None:
            words.append(value)
        elif kind.startswith(("raw", "linestatement", "linecomment")):
            why = f"Jinja's {kind.replace('_', ' ')}"
        if kind == "name" and value == "safe" and previous == "|":
            why = "an output marked safe (not escaped)"
        if why:
            return why
        previous = value
    if scan.elements or scan.blocks:
        return "elements or blocks left open at the end of the body"
    return _why_tables(scan)


def _why_tables(scan: _Scan) -> str:
    """Why ``fix_tables`` could change a table of a body whose blocks are balanced, or ``""``."""
    try:
        root = etree.fromstring("".join(scan.skeleton).encode("utf-8"))
    except etree.XMLSyntaxError as exc:
        return f"the template's XML does not parse ({exc})"
    depth: dict[etree._Element, int] = {}
    for name, found in scan.depths.items():
        elements = list(root.iter(w(name.removeprefix("w:"))))
        if len(elements) != len(found) or (found and root.nsmap.get("w") != W):
            return "table elements under a prefix other than w:"
        depth.update(zip(elements, found, strict=True))
    for table in root.iter(w("tbl")):
        grid = table.find(w("tblGrid"))
        if grid is None:
            return "a table without a grid"
        columns = grid.findall(w("gridCol"))
        if any(depth[e] != depth[table] for e in (grid, *columns)):
            return "a table whose grid is inside a block"
        widest = 0  # the widest row rendered whenever the table is
        for row in table.iter(w("tr")):
            cells = row.findall(w("tc"))
            spans = [c.find(f"{w('tcPr')}/{w('gridSpan')}") for c in cells]
            if any(depth[e] != depth[row] for e in (*cells, *(s for s in spans if s is not None))):
                return "a row whose cells or spans are inside a block"
            if len(cells) > len(columns):
                return "a row with more cells than its grid has columns"
            values = [s.get(w("val"), "") for s in spans if s is not None]
            if not all(v.isdigit() for v in values):
                return "a span that is not a number"
            if depth[row] == depth[table]:
                widest = max(widest, len(cells) - len(values) + sum(int(v) for v in values))
        if widest < len(columns):
            return "a table whose rows may not span its grid"
    return ""


def legal_utf8(text: str) -> bytes | None:
    """``text`` in UTF-8, or None when it holds a character XML 1.0 forbids (a text that did
    not come through :func:`~sar_forms.domain.text.clean_text`): left to the parser, as before."""
    if "\ufffe" in text or "\uffff" in text:  # looked for in the text: in Thai UTF-8 it is 50 times slower
        return None
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return None
    if len(data.translate(None, _C0_ILLEGAL)) != len(data):
        return None  # a control character
    return data
