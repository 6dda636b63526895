"""List numbers as Word draws them: ``1)``, ``2.``, ``(3)``, ``ก.``, ``•`` from numbering.xml.

Most lists in real forms are not typed: the "1)" in front of a step comes from the paragraph's
``w:numPr`` (or its style's) and the numbering part, and the text holds only the words. This
module renders those numbers so that a reader sees what the page shows.

Word's rules, as ECMA-376 Part 1 §17.9 states them and Word applies them:

- a paragraph is numbered by ``w:numPr`` (``w:numId``, ``w:ilvl``) on itself or on its paragraph
  style (through ``w:basedOn``); ``w:numId`` 0 removes numbering; a style linked from a level
  (``w:lvl/w:pStyle``) gives that level;
- a ``w:num`` names an abstract definition (``w:abstractNumId``), possibly through a list style
  (``w:numStyleLink`` -> the style's ``w:num`` -> the abstract definition with ``w:styleLink``);
- the running count belongs to the abstract definition: several ``w:num`` of one definition
  continue one list; a ``w:num`` whose ``w:lvlOverride`` has a ``w:startOverride`` restarts that
  level the first time it is used (Word's "Restart at 1"), and a ``w:lvl`` inside the override
  replaces the level;
- a level restarts after any higher level is used, unless ``w:lvlRestart`` says otherwise
  (0: never);
- ``w:lvlText`` such as ``%1)`` or ``%1.%2`` shows each level's count in its own ``w:numFmt``
  (``w:isLgl``: all decimal); a bullet level shows its text; ``w:suff`` puts a tab (the
  default), a space or nothing between the number and the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from .names import w as _w
from .zipped import safe_xml

__all__ = ["Label", "Numbering", "format_number"]

#: Levels of one list (Word has 9: 0-8); more is a hostile file, not a form.
_LEVELS = 9
#: Links between list styles and definitions followed before giving up (a loop in a stranger's file).
_MAX_LINKS = 8
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
# Word's Thai letter numbering: the consonants without the obsolete ฃ and ฅ
_THAI_LETTERS = "กขคฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
# Symbol and Wingdings code points that bullets use, as the bullets they draw
_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖", "\uf0fc": "✓", "\uf06c": "●", "\uf0a8": "☐"}


@dataclass(frozen=True)
class Label:
    """A paragraph's list number as drawn: its text (``1)``, ``•``), the separator after it
    (tab, space or nothing), its list level (0 the outermost) and whether it is a bullet."""

    text: str
    suffix: str
    level: int
    bullet: bool


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 0
    restart: int | None = None
    legal: bool = False
    suffix: str = "\t"
    style: str = ""


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # level -> startOverride
    levels: dict[int, _Level] = field(default_factory=dict)  # level -> a level of its own


def format_number(value: int, fmt: str) -> str:
    """``value`` in the number format ``fmt`` of ``w:numFmt`` (decimal for a format not known)."""
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "thaiLetters" and value > 0:
        n = len(_THAI_LETTERS)
        return _THAI_LETTERS[(value - 1) % n] * ((value - 1) // n + 1)
    if fmt == "thaiNumbers":
        return str(value).translate(_THAI_DIGITS)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "none":
        return ""
    return str(value)


def _roman(value: int) -> str:
    out = []
    for number, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


def _val(el: etree._Element | None, default: str = "") -> str:
    return default if el is None else (el.get(_w("val")) or default)


def _int(el: etree._Element | None, default: int) -> int:
    try:
        return int(_val(el, str(default)))
    except ValueError:
        return default


def _level(lvl: etree._Element) -> _Level:
    restart = lvl.find(_w("lvlRestart"))
    suffix = _val(lvl.find(_w("suff")), "tab")
    text = _val(lvl.find(_w("lvlText")), "")
    return _Level(
        fmt=_val(lvl.find(_w("numFmt")), "decimal"),
        text="".join(_BULLETS.get(c, c) for c in text),
        start=_int(lvl.find(_w("start")), 0),
        restart=None if restart is None else _int(restart, 0),
        legal=lvl.find(_w("isLgl")) is not None and _val(lvl.find(_w("isLgl")), "1") not in ("0", "false"),
        suffix={"tab": "\t", "space": " "}.get(suffix, ""),
        style=_val(lvl.find(_w("pStyle"))),
    )


def _levels_of(parent: etree._Element) -> dict[int, _Level]:
    out = {}
    for lvl in parent.findall(_w("lvl")):
        index = _ilvl(lvl)
        if 0 <= index < _LEVELS:
            out[index] = _level(lvl)
    return out


def _ilvl(lvl: etree._Element) -> int:
    try:
        return int(lvl.get(_w("ilvl")) or "0")
    except ValueError:
        return -1


class Numbering:
    """The numbering and paragraph styles of one document, and the labels of its paragraphs."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._links: dict[str, str] = {}  # abstract id -> the list style it takes its levels from
        self._styled: dict[str, str] = {}  # list style id -> abstract id that defines it (styleLink)
        self._nums: dict[str, _Num] = {}
        self._styles: dict[str, tuple[str, str | None, int | None]] = {}  # id -> (basedOn, numId, ilvl)
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)

    @classmethod
    def of(cls, parts: dict[str, bytes], source: str) -> Numbering:
        """The numbering of the package's ``word/numbering.xml`` and ``word/styles.xml`` (either
        may be missing); a damaged part is an :class:`InputError` naming it."""
        roots = []
        for name in ("word/numbering.xml", "word/styles.xml"):
            data = parts.get(name)
            roots.append(safe_xml(data, name, source) if data else None)
        return cls(*roots)

    def _read_numbering(self, root: etree._Element) -> None:
        for a in root.findall(_w("abstractNum")):
            ident = a.get(_w("abstractNumId")) or ""
            self._abstract[ident] = _levels_of(a)
            link, styled = _val(a.find(_w("numStyleLink"))), _val(a.find(_w("styleLink")))
            if link:
                self._links[ident] = link
            if styled:
                self._styled[styled] = ident
        for n in root.findall(_w("num")):
            num = _Num(_val(n.find(_w("abstractNumId"))))
            for over in n.findall(_w("lvlOverride")):
                index = _ilvl(over)
                if not 0 <= index < _LEVELS:
                    continue
                start = over.find(_w("startOverride"))
                if start is not None:
                    num.starts[index] = _int(start, 0)
                lvl = over.find(_w("lvl"))
                if lvl is not None:
                    num.levels[index] = _level(lvl)
            self._nums[n.get(_w("numId")) or ""] = num

    def _read_styles(self, root: etree._Element) -> None:
        for s in root.findall(_w("style")):
            if s.get(_w("type")) not in ("paragraph", "numbering"):
                continue
            pr = s.find(f"{_w('pPr')}/{_w('numPr')}")
            num_id = (_val(pr.find(_w("numId"))) or None) if pr is not None else None
            ilvl_el = pr.find(_w("ilvl")) if pr is not None else None
            ilvl = _int(ilvl_el, 0) if ilvl_el is not None else None
            self._styles[s.get(_w("styleId")) or ""] = (_val(s.find(_w("basedOn"))), num_id, ilvl)

    def _style_numbering(self, style: str) -> tuple[str | None, int | None]:
        """The (numId, ilvl) a paragraph style gives, through its ``basedOn`` chain."""
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        while style and style not in seen and len(seen) < 32:
            seen.add(style)
            based, n, i = self._styles.get(style, ("", None, None))
            num_id = num_id if num_id is not None else n
            ilvl = ilvl if ilvl is not None else i
            style = based
        return num_id, ilvl

    def _definition(self, num: _Num) -> tuple[str, dict[int, _Level]]:
        """The abstract definition a ``w:num`` counts in, list styles followed."""
        ident = num.abstract
        for _ in range(_MAX_LINKS):
            style = self._links.get(ident)
            if style is None:
                break
            target = self._styled.get(style)
            if target is None:  # the list style's own w:num names the definition
                num_id, _i = self._style_numbering(style)
                target = self._nums[num_id].abstract if num_id in self._nums else None
            if target is None or target == ident:
                break
            ident = target
        return ident, self._abstract.get(ident, {})

    def labels(self, paragraphs: Iterable[etree._Element]) -> dict[etree._Element, Label]:
        """The label of each numbered paragraph of ``paragraphs``, given in document order."""
        counts: dict[str, list[int | None]] = {}
        used: set[str] = set()  # w:num already met (their start overrides are spent)
        out: dict[etree._Element, Label] = {}
        for p in paragraphs:
            found = self._numbering_of(p)
            if found is None:
                continue
            num_id, ilvl = found
            num = self._nums[num_id]
            ident, levels = self._definition(num)
            level = num.levels.get(ilvl) or levels.get(ilvl)
            if level is None:
                continue
            count = counts.setdefault(ident, [None] * _LEVELS)
            if num_id not in used:
                used.add(num_id)
                for index, start in num.starts.items():
                    count[index] = start - 1  # the next use of that level shows ``start``
            value = count[ilvl]
            count[ilvl] = level.start if value is None else value + 1
            for deeper in range(ilvl + 1, _LEVELS):
                lv = num.levels.get(deeper) or levels.get(deeper)
                restart = lv.restart if lv is not None else None
                if restart is None or (restart != 0 and ilvl < restart):
                    count[deeper] = None
            out[p] = self._label(level, ilvl, count, num, levels)
        return out

    def _numbering_of(self, p: etree._Element) -> tuple[str, int] | None:
        ppr = p.find(_w("pPr"))
        direct = ppr.find(_w("numPr")) if ppr is not None else None
        style = _val(ppr.find(_w("pStyle"))) if ppr is not None else ""
        num_id, ilvl = self._style_numbering(style)
        from_style = num_id is not None
        if direct is not None:
            n = direct.find(_w("numId"))
            i = direct.find(_w("ilvl"))
            if n is not None:
                num_id, from_style = _val(n), False
            if i is not None:
                ilvl = _int(i, 0)
        if not num_id or num_id == "0" or num_id not in self._nums:
            return None
        if ilvl is None and from_style:  # a style linked from a level numbers at that level
            _ident, levels = self._definition(self._nums[num_id])
            ilvl = next((i for i, lv in levels.items() if lv.style == style), 0)
        ilvl = ilvl or 0
        return (num_id, ilvl) if 0 <= ilvl < _LEVELS else None

    def _label(self, level: _Level, ilvl: int, count: list[int | None], num: _Num, levels: dict[int, _Level]) -> Label:
        if level.fmt == "bullet":
            return Label(level.text, level.suffix, ilvl, True)
        text = level.text
        for index in range(_LEVELS - 1, -1, -1):  # %10 cannot occur (9 levels): %1 after %1x is safe
            token = f"%{index + 1}"
            if token not in text:
                continue
            lv = num.levels.get(index) or levels.get(index) or _Level()
            value = count[index]
            shown = format_number(lv.start if value is None else value, "decimal" if level.legal else lv.fmt)
            text = text.replace(token, shown)
        return Label(text, level.suffix, ilvl, False)
