"""Stand-ins for TH Sarabun New, at TH Sarabun's own size, for the LibreOffice that makes PDFs.

Why this is needed: TH Sarabun (PSK and New) draws its glyphs small for their point size, as
Thai fonts of its time did. The free stand-ins are drawn larger, to match Latin fonts: TLWG
enlarged Laksaman (TH SarabunPSK's outlines, in fonts-thai-tlwg) by 1/0.66, and Google's
Sarabun is about as large. TLWG's own fontconfig file (``89-tlwg-laksaman-synthetic.conf``)
therefore scales Laksaman by 0.66 when a document asks for TH Sarabun, but LibreOffice ignores
fontconfig's scaling matrix. So a form set in "TH Sarabun New 16 pt" comes out of LibreOffice
half as large again as in Word, wraps more and runs to twice the pages.

The cure is a copy of the stand-in whose units per em are larger by that factor: every glyph,
advance width, kerning value and line metric shrinks together, so 16 pt of the copy is 16 pt of
TH Sarabun. Laksaman's advance widths times 0.665 are TH SarabunPSK's; Google's Sarabun sets
Thai text 1.6 % wider than Laksaman, so it is scaled by 0.654. The copies get a family name of
their own (a renamed font must not pose as another), and a fontconfig file handed to LibreOffice
maps the TH Sarabun family names to them.

If the host has the real TH Sarabun New, it is used as it is.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from html import escape as _html_escape
from pathlib import Path
from typing import Any, Literal

from ..errors import FontError
from ..messages import say

__all__ = ["STANDINS", "THAI_FAMILIES", "StandIn", "ThaiFont", "font_environment", "resolve_standin"]

ThaiFont = Literal["auto", "laksaman", "sarabun"]
THAI_FAMILIES = ("TH Sarabun New", "TH SarabunPSK", "TH Sarabun PSK")
_TLWG = Path("/usr/share/fonts/truetype/tlwg")
_VERSION = "2"  # bump when the way copies are made changes: the cache is keyed on it


@dataclass(frozen=True)
class StandIn:
    """A font that can stand in for TH Sarabun once scaled."""

    name: str
    family: str  # the family name of the scaled copy
    scale: float
    files: tuple[tuple[str, Path], ...]  # (style name: Regular, Bold, Italic, Bold Italic; source file)

    def available(self) -> bool:
        return all(p.is_file() for _, p in self.files)


def _sarabun_files() -> tuple[tuple[str, Path], ...]:
    import fontpkg_sarabun  # ships Google's Sarabun (OFL) as files

    root = Path(fontpkg_sarabun.ROOT) / "files"
    return tuple(
        (style, root / f"Sarabun-{style.replace(' ', '')}.ttf")
        for style in ("Regular", "Bold", "Italic", "Bold Italic")
    )


STANDINS = {
    "laksaman": lambda: StandIn(
        "laksaman",
        "Laksaman THS",
        0.665,
        (
            ("Regular", _TLWG / "Laksaman.ttf"),
            ("Bold", _TLWG / "Laksaman-Bold.ttf"),
            ("Italic", _TLWG / "Laksaman-Italic.ttf"),
            ("Bold Italic", _TLWG / "Laksaman-BoldItalic.ttf"),
        ),
    ),
    "sarabun": lambda: StandIn("sarabun", "Sarabun THS", 0.654, _sarabun_files()),
}


def _fc_family(family: str, env: dict[str, str] | None = None) -> str:
    exe = shutil.which("fc-match")
    if exe is None:
        return ""
    out = subprocess.run(
        [exe, "--format=%{family}", family],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    return out.stdout.split(",")[0].strip()


def resolve_standin(choice: ThaiFont = "auto") -> StandIn | None:
    """The stand-in to use: ``None`` when the host has the real TH Sarabun New and ``choice`` is
    "auto"; else the chosen one ("auto": Laksaman when fonts-thai-tlwg is installed, it being
    TH SarabunPSK's own outlines, else the Sarabun this package depends on)."""
    if choice == "auto":
        if _fc_family("TH Sarabun New") == "TH Sarabun New":
            return None
        laksaman = STANDINS["laksaman"]()
        return laksaman if laksaman.available() else STANDINS["sarabun"]()
    if choice not in STANDINS:
        raise ValueError(f"thai_font is one of auto, {', '.join(STANDINS)}; got {choice!r}")
    standin = STANDINS[choice]()
    if not standin.available():
        missing = ", ".join(str(p) for _, p in standin.files if not p.is_file())
        raise FontError(say("pdf.font_files_missing", choice=choice, missing=missing))
    return standin


def _scaled_copy(src: Path, dst: Path, family: str, style: str, scale: float) -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(src)
    font["head"].unitsPerEm = round(font["head"].unitsPerEm / scale)
    for table in ("hdmx", "VDMX", "LTSH"):  # per-pixel-size tables that no longer hold
        if table in font:
            del font[table]
    _add_invisible_glyphs(font)
    ps = f"{family.replace(' ', '')}-{style.replace(' ', '')}"
    names = {1: family, 2: style, 3: f"{ps};sar_forms", 4: f"{family} {style}", 6: ps, 16: family, 17: style}
    table = font["name"]
    for rec in list(table.names):
        if rec.nameID in names:
            table.setName(names[rec.nameID], rec.nameID, rec.platformID, rec.platEncID, rec.langID)
    font.save(dst)


# ZERO WIDTH SPACE, WORD JOINER, ZERO WIDTH NO-BREAK SPACE: the marks that sar_forms puts in the
# copy of a form converted to PDF (linebreak.thai_word_breaks). A font without them sends each one to
# a fallback font, and LibreOffice may then break the line where the font changes, inside a word.
INVISIBLE = (0x200B, 0x2060, 0xFEFF)


def _add_invisible_glyphs(font: Any) -> None:
    """Give ``font`` an empty, zero-width glyph for each of :data:`INVISIBLE` it lacks."""
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    order = list(font.getGlyphOrder())
    unicode_cmaps = [t for t in font["cmap"].tables if t.isUnicode()]
    for cp in INVISIBLE:
        if any(cp in t.cmap for t in unicode_cmaps):
            continue
        name = f"uni{cp:04X}"
        order.append(name)
        font["glyf"].glyphs[name] = Glyph()
        font["hmtx"].metrics[name] = (0, 0)
        for t in unicode_cmaps:
            t.cmap[cp] = name
    font.setGlyphOrder(order)
    font["glyf"].glyphOrder = order


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sar_forms" / "fonts"


@functools.cache
def _build(standin: StandIn) -> Path:
    """The folder holding the scaled copies and their fontconfig file, made once and kept in the
    user's cache (keyed on the source fonts' bytes), or in a temporary folder if that is read-only."""
    digest = hashlib.sha256(_VERSION.encode())
    for style, path in standin.files:
        digest.update(style.encode() + path.read_bytes())
    digest.update(repr(standin.scale).encode())
    key = f"{standin.name}-{digest.hexdigest()[:16]}"
    for root in (_cache_root(), Path(tempfile.gettempdir()) / f"sar_forms-fonts-{os.getuid()}"):
        folder = root / key
        if (folder / "fonts.conf").is_file():
            return folder
        try:
            root.mkdir(parents=True, exist_ok=True)
            work = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=root))
        except OSError:
            continue
        for style, path in standin.files:
            _scaled_copy(
                path,
                work / f"{standin.family.replace(' ', '')}-{style.replace(' ', '')}.ttf",
                standin.family,
                style,
                standin.scale,
            )
        (work / "fonts.conf").write_text(_fontconfig(folder, standin.family), encoding="utf-8")
        try:
            os.replace(work, folder)
        except OSError:  # another process made it first
            shutil.rmtree(work, ignore_errors=True)
        return folder
    raise FontError(say("pdf.no_font_cache"))


def escape(text: str) -> str:
    """``text`` as XML character data (``&``, ``<`` and ``>`` escaped, as ``xml.sax.saxutils.escape``
    does; that module loads ``urllib.request`` and with it HTTP, e-mail and SSL)."""
    return _html_escape(text, quote=False)


def _fontconfig(folder: Path, family: str) -> str:
    """The system's fontconfig, plus the scaled copies, with the TH Sarabun names bound to them
    ahead of every other candidate (TLWG's own rule would append Laksaman at full size)."""
    rules = "".join(
        f'<match target="pattern"><test qual="any" name="family"><string>{escape(name)}</string></test>'
        f'<edit name="family" mode="prepend_first" binding="strong"><string>{escape(family)}</string></edit></match>\n'
        for name in THAI_FAMILIES
    )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"<dir>{escape(str(folder))}</dir>\n{rules}</fontconfig>\n"
    )


def font_environment(choice: ThaiFont = "auto") -> dict[str, str]:
    """Environment variables that make a LibreOffice (or fc-match) started with them set TH Sarabun
    text in the scaled stand-in: ``{}`` when the host has the real font and ``choice`` is "auto"."""
    standin = resolve_standin(choice)
    if standin is None:
        return {}
    return {"FONTCONFIG_FILE": str(_build(standin) / "fonts.conf")}
