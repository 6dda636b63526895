"""sar_forms.pdf.fonts: the TH Sarabun stand-ins, scaled to TH Sarabun's size, for LibreOffice."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from sar_forms.errors import FontError
from sar_forms.pdf.fonts import INVISIBLE, STANDINS, THAI_FAMILIES, font_environment, resolve_standin

# TH SarabunPSK's advance widths (font units of 1000 per em) of a few characters, as published
# in its PDF font metrics; Laksaman (TH SarabunPSK's outlines, enlarged by TLWG) times 0.665.
TH_SARABUN_WIDTHS = {" ": 216, "0": 362, "#": 403, "%": 585, "(": 190}


def _copy(name: str, style: str = "Regular") -> TTFont:
    folder = Path(font_environment(name)["FONTCONFIG_FILE"]).parent
    return TTFont(next(folder.glob(f"*-{style}.ttf")))


def test_the_laksaman_copy_sets_text_at_th_sarabuns_widths():
    """This test ensures that 16 pt of the scaled Laksaman is as wide as 16 pt of TH SarabunPSK."""
    font = _copy("laksaman")
    upm, cmap, hmtx = font["head"].unitsPerEm, font.getBestCmap(), font["hmtx"]
    for char, width in TH_SARABUN_WIDTHS.items():
        assert hmtx[cmap[ord(char)]][0] * 1000 / upm == pytest.approx(width, rel=0.01), char


def test_the_sarabun_copy_sets_thai_text_as_wide_as_the_laksaman_copy():
    """This test ensures that both stand-ins give Thai text the same width, within 1 %."""
    text = "การบริหารจัดการองค์การสู่ความเป็นเลิศ หมายถึง การดำเนินงานของสำนักงานเขตพื้นที่การศึกษา"

    def width(font: TTFont) -> float:
        cmap, hmtx = font.getBestCmap(), font["hmtx"]
        return sum(hmtx[cmap[ord(c)]][0] for c in text) / font["head"].unitsPerEm

    assert width(_copy("sarabun")) == pytest.approx(width(_copy("laksaman")), rel=0.01)


@pytest.mark.parametrize("name", STANDINS)
def test_a_copy_has_a_name_of_its_own_and_the_invisible_marks(name):
    """This test ensures that a scaled copy does not pose as the original font, and that it draws
    zero width space and word joiner itself (no fallback font, so no break where fonts change)."""
    for style in ("Regular", "Bold"):
        font = _copy(name, style)
        family = font["name"].getDebugName(1)
        assert family.endswith(" THS") and family != STANDINS[name]().family.removesuffix(" THS")
        cmap = font.getBestCmap()
        for cp in INVISIBLE:
            assert font["hmtx"][cmap[cp]][0] == 0


@pytest.mark.parametrize("name", STANDINS)
def test_fontconfig_sends_every_th_sarabun_name_to_the_copy(name):
    """This test ensures that a LibreOffice started with the environment finds the scaled copy
    for TH Sarabun New, TH SarabunPSK and TH Sarabun PSK, in regular and bold."""
    env = {**os.environ, **font_environment(name)}
    family = STANDINS[name]().family
    for requested in THAI_FAMILIES:
        for style in ("", ":bold"):
            out = subprocess.run(
                ["fc-match", "--format=%{family}|%{style}", requested + style],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            assert out.split("|")[0] == family, (requested, out)
            assert ("Bold" in out) == bool(style)


def test_an_unknown_stand_in_is_refused():
    """This test ensures that a misspelt font choice is an error, not a silent default."""
    with pytest.raises(ValueError, match="auto, laksaman, sarabun"):
        resolve_standin("sarabunn")  # type: ignore[arg-type]


def test_a_missing_stand_in_says_what_to_install(monkeypatch, tmp_path):
    """This test ensures that asking for Laksaman without fonts-thai-tlwg names the package."""
    monkeypatch.setattr("sar_forms.pdf.fonts._TLWG", tmp_path)
    with pytest.raises(FontError, match="fonts-thai-tlwg"):
        resolve_standin("laksaman")
    assert resolve_standin("auto").name == "sarabun"  # auto falls back to the packaged one
