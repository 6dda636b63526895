"""sar_forms.domain.linebreak: where LibreOffice may break a Thai line in the PDF's copy, and nowhere else."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sar_forms.domain.linebreak import thai_word_breaks


def breaks(marked: str) -> str:
    """``marked`` as LibreOffice may break it: | wherever ICU's line breaker may break (but after a
    space), the marks themselves left out."""
    import icu

    from sar_forms.domain.linebreak import WJ, ZWSP

    it = icu.BreakIterator.createLineInstance(icu.Locale("th"))
    it.setText(marked)
    at = {p for p in it if 0 < p < len(marked) and marked[p - 1] != " "}
    return "".join(("|" if i in at else "") + c for i, c in enumerate(marked)).replace(WJ, "").replace(ZWSP, "")


def test_thai_word_breaks_leave_breaks_only_between_words():
    """This test ensures that in the PDF's copy a line may break between Thai words (zero width
    space) and nowhere inside one (word joiners), and that the text itself is unchanged."""
    from sar_forms.domain.linebreak import WJ, ZWSP

    def shown(text: str) -> str:  # | where a break may fall
        return breaks(thai_word_breaks(text))

    assert shown("การกระจายอำนาจ") == "การ|กระจายอำนาจ"
    # a mark only where ICU (LibreOffice's line breaker) would break otherwise: กระจาย|อำนาจ
    assert thai_word_breaks("การกระจายอำนาจ") == f"การ{ZWSP}กระจาย{WJ}อำนาจ"
    assert shown("ยึดหลักธรรมาภิบาล KM และ PLC") == "ยึดหลัก|ธรรมาภิบาล KM และ PLC"
    assert shown("Facebook, Line") == "Facebook, Line"
    for text in ("ดำเนินงาน", "ปี่", "น้ำ"):  # no joiner before a mark or sara am: it stays on its base
        marked = thai_word_breaks(text)
        assert all(not (a == WJ and b in "\u0e33\u0e34\u0e35\u0e48\u0e49") for a, b in zip(marked, marked[1:]))
    text = "กลุ่มไลน์บุคลากรสพป.อด.2 ของ สพป.อด.2 พ.ศ. 2565 ในโซเซียลมีเดีย"
    assert thai_word_breaks(text).replace(WJ, "").replace(ZWSP, "") == text


@pytest.mark.parametrize(
    "text",
    [
        "ยึดหลักธรรมาภิบาล KM และ PLC โดยการกระจายอำนาจ",
        "กลุ่มไลน์บุคลากรสพป.อด.2 ของ สพป.อด.2 ในโซเซียลมีเดีย https://www.example.org/a-b/c.d?x=1",
        "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุดรธานี เขต 2 ได้ดำเนินการพัฒนาบุคลากรอย่างต่อเนื่อง",
    ],
)
def test_icu_breaks_the_marked_text_only_at_the_marked_places(text):
    """This test ensures that the marks kept are enough and few: ICU (LibreOffice's line breaker)
    breaks the marked text exactly where it breaks the text with a mark at every word boundary and
    inside every word, with less than half as many marks, and nothing more can be dropped."""
    from sar_forms.domain.linebreak import WJ, ZWSP, _marked, _needed_marks

    marked, everywhere = thai_word_breaks(text), _marked(text)
    assert breaks(marked) == breaks(everywhere)
    assert marked.replace(WJ, "").replace(ZWSP, "") == text
    assert sum(marked.count(c) for c in (WJ, ZWSP)) * 2 < sum(everywhere.count(c) for c in (WJ, ZWSP))
    assert _needed_marks(marked) == marked  # nothing more to drop


def test_abbreviations_and_unknown_words_hold_together():
    """This test ensures that สพป.อด.2 and a word the dictionary lacks (a misspelling) never break inside."""

    shown = breaks(thai_word_breaks("กลุ่มไลน์บุคลากรสพป.อด.2 ของ สพป.อด.2 ในโซเซียลมีเดีย"))
    assert shown == "กลุ่ม|ไลน์|บุคลากร|สพป.อด.2 ของ สพป.อด.2 ใน|โซเซียลมีเดีย"


def test_urls_break_only_after_slash_dot_or_hyphen():
    """This test ensures that a URL in the PDF's copy may break after /, . or - and nowhere else."""

    marked = thai_word_breaks("ดู https://sar.example.org/a-b/index.php?x=1&y=2 นะ")
    assert breaks(marked) == "ดู https://|sar.|example.|org/|a-|b/|index.|php?x=1&y=2 นะ"


def test_each_offices_abbreviations_share_one_dictionary():
    """This test ensures that every office's own abbreviation (สพป.อด, สพม.ขก, ...) is segmented
    with the one shared word list plus its parts, and the word list is built once: rebuilding it
    for each office cost 0.8 s a form."""
    from sar_forms.domain.linebreak import _base_dictionary

    _base_dictionary()
    before = _base_dictionary.cache_info().misses
    shown = [breaks(thai_word_breaks(f"บุคลากร{short} ของ {short}")) for short in ("สพป.อด.2", "สพม.ขก.1", "สพป.ชม.3")]
    assert shown == ["บุคลากร|สพป.อด.2 ของ สพป.อด.2", "บุคลากร|สพม.ขก.1 ของ สพม.ขก.1", "บุคลากร|สพป.ชม.3 ของ สพป.ชม.3"]
    assert _base_dictionary.cache_info().misses == before


_THAI_PIECES = ["การ", "กระจาย", "อำนาจ", "สพป.อด.2", "โซเซียล", "มีเดีย", "ธรรมาภิบาล", "น้ำ", "ปี่", "เป็น", "ใน", "ๆ"]
_OTHER_PIECES = [" ", "KM", "PLC", "https://sar.example.org/a-b/c.php?x=1", "(1)", "/", "-", ".", "2565", "\n"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_THAI_PIECES + _OTHER_PIECES),
            st.text(alphabet="กขคงจฉชซญดตถทนบปผพฟมยรลวสหอะาิีึืุูเแโใไ่้๊๋็์ัำ", max_size=8),
        ),
        max_size=25,
    ).map("".join)
)
def test_fewer_marks_never_move_a_break(text):
    """This test ensures, on generated Thai and mixed text, that the marks kept let ICU (LibreOffice's
    line breaker) break exactly where the full marking does, and leave the text itself unchanged."""
    from sar_forms.domain.linebreak import WJ, ZWSP, _marked

    marked = thai_word_breaks(text)
    assert marked.replace(WJ, "").replace(ZWSP, "") == text
    assert breaks(marked) == breaks(_marked(text))
