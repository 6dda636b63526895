"""Text rules: cleaning, Thai digits, fiscal years."""

from __future__ import annotations

import datetime as dt

import pytest

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
