"""Text rules: cleaning, Thai digits, fiscal years."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sar_forms.domain.text import clean_text, fiscal_year_of, fiscal_year_span, thai_date, to_thai_digits
from sar_forms.errors import TextCleanedWarning


def test_clean_text_keeps_ordinary_text_without_warning():
    """This test ensures that clean text passes unchanged and silently."""
    assert clean_text("ทดสอบ\tA & B\nบรรทัดสอง") == "ทดสอบ\tA & B\nบรรทัดสอง"


def test_clean_text_line_breaks():
    """This test ensures that CR LF, CR and Word's vertical tab all become line feeds, with no warning."""
    assert clean_text("a\r\nb\rc\x0bd") == "a\nb\nc\nd"


def test_clean_text_removes_illegal_characters_with_warning():
    """This test ensures that NUL, other C0 controls, lone surrogates and U+FFFF are removed and warned about."""
    with pytest.warns(TextCleanedWarning, match=r"title: removed 4 character\(s\).*U\+0000"):
        assert clean_text("a\x00b\x1fc\ud800d\uffff", field="title") == "abcd"


_THAI_AND_CONTROLS = st.text(st.sampled_from("กขคำาํ่้ \t\n\r\x0b\x00\x1f\ufffe\ufffdAa1") | st.characters(), max_size=60)


@given(_THAI_AND_CONTROLS)
def test_cleaned_text_is_what_a_docx_can_hold_and_cleaning_it_again_changes_nothing(text):
    """This test ensures that whatever goes in, what comes out holds no character XML forbids, no
    CR or vertical tab and no sara am typed apart, is NFC, and is its own cleaning; text that
    needs none of that comes back as it is."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = clean_text(text)
    assert not re.search("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]", out)
    assert unicodedata.is_normalized("NFC", out) and not re.search("\u0e4d[\u0e48-\u0e4b]?\u0e32", out)
    assert clean_text(out) == out
    if not re.search("[\x00-\x1f\ud800-\udfff\ufffe\uffff\u0e4d]", text.replace("\t", "").replace("\n", "")):
        if unicodedata.is_normalized("NFC", text):
            assert out is text


def test_thai_digits_spare_urls_and_latin_words():
    """This test ensures that Thai digits replace numbers only where a Thai reader reads numbers."""
    assert (
        to_thai_digits("พ.ศ. 2565 ข้อ 1) udesa2 http://a1.go.th/x2 KM2 3G")
        == "พ.ศ. ๒๕๖๕ ข้อ ๑) udesa2 http://a1.go.th/x2 KM2 3G"
    )


@pytest.mark.parametrize(
    ("day", "fy"), [(dt.date(2021, 10, 1), 2565), (dt.date(2022, 9, 30), 2565), (dt.date(2022, 10, 1), 2566)]
)
def test_fiscal_year_is_named_by_its_end(day, fy):
    """This test ensures that 1 Oct starts the next fiscal year, named in BE by the year it ends."""
    assert fiscal_year_of(day) == fy


def test_fiscal_year_span_in_thai():
    """This test ensures that FY 2565 runs from 1 October 2564 to 30 September 2565."""
    start, end = fiscal_year_span(2565)
    assert (thai_date(start), thai_date(end)) == ("1 ตุลาคม 2564", "30 กันยายน 2565")
