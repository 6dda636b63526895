"""Where LibreOffice may break a line of Thai text: the marks put into the copy of a form converted to PDF.

Thai has no spaces between words, and LibreOffice breaks Thai lines with ICU's dictionary, which cuts
words our readers expect whole (names, abbreviations such as สพป.อด.2, words it lacks). The copy
converted to PDF carries zero width spaces where a line may break and word joiners where it may
not, placed by PyThaiNLP's segmentation and kept only where they change ICU's breaks (see
docs/development.md, "Thai line breaks"). The .docx a user gets carries none of them."""

from __future__ import annotations

import functools
import re
import threading
from typing import Any

__all__ = ["WJ", "ZWSP", "thai_word_breaks"]


ZWSP = "\u200b"
WJ = "\u2060"  # WORD JOINER: no line break on either side
_THAI_LETTER = re.compile("[\u0e00-\u0e7f]")
# characters that attach to the one before (marks, sara am): a joiner never goes before them,
# or the shaper would see them apart from their base
_ATTACHED = re.compile("[\u0e31\u0e33-\u0e3a\u0e47-\u0e4e]")
_SYLLABLE_START = re.compile("[\u0e01-\u0e2e\u0e40-\u0e44]")  # a consonant or a leading vowel
_LEADING_VOWEL = re.compile("[\u0e40-\u0e44]")
_URL = re.compile(r"(?:https?://|www\.)[^\s\u0e00-\u0e7f]+")
_URL_BREAKS_AFTER = "/.-"
# abbreviations (สพป.อด.2, พ.ศ., ฯลฯ) standing as words of their own are held together whole; their
# letter groups join the dictionary, so that บุคลากรสพป.อด.2 splits as บุคลากร|สพป, not บุคลากร|ส|พป
_ABBREVIATION = re.compile("(?<![\u0e01-\u0e4e])(?:[\u0e01-\u0e4e]{1,5}\\.)+[\u0e01-\u0e4e0-9\u0e50-\u0e59]*|ฯลฯ")
_ABBREVIATION_PART = re.compile("[\u0e01-\u0e4e]{2,5}(?=\\.)")


@functools.cache
def _base_dictionary() -> Any:
    """PyThaiNLP's word list as the trie its segmenter takes (0.8 s to build: once a process)."""
    from pythainlp.corpus import thai_words
    from pythainlp.util import Trie

    return Trie(thai_words())


@functools.lru_cache(maxsize=1024)
def _dictionary(extra: frozenset[str]) -> Any:
    """PyThaiNLP's word list with ``extra`` words (an office's abbreviation parts), as the trie
    its segmenter takes: the shared base trie and a small one of the extras, read as one (every
    office has its own abbreviations; rebuilding the whole trie for each took 0.8 s)."""
    from pythainlp.util import Trie

    base, extras = _base_dictionary(), Trie(extra)

    class Union(Trie):  # what newmm asks of a dictionary: prefixes, and membership
        def __init__(self) -> None:
            self.root, self._word_count = base.root, len(base) + len(extras)

        def prefixes(self, text: str, start: int = 0) -> list[str]:
            more = extras.prefixes(text, start)
            found = base.prefixes(text, start)
            return sorted(set(found) | set(more), key=len) if more else found

        def __contains__(self, key: str) -> bool:
            return key in base or key in extras

    return Union() if extra else base


def _url_breaks(url: str) -> str:
    """A URL that may break after ``/``, ``.`` or ``-`` (before what follows them) and nowhere else:
    LibreOffice would also break after ``?`` or before ``=``."""
    out = [url[0]]
    for prev, ch in zip(url, url[1:]):
        out.append(ZWSP if prev in _URL_BREAKS_AFTER and ch not in _URL_BREAKS_AFTER else WJ)
        out.append(ch)
    return "".join(out)


def _strip_marks(piece: str) -> str:
    return piece.replace(WJ, "")


def _joined(word: str, *, everywhere: bool = False) -> str:
    """``word`` with a WORD JOINER wherever a Thai line could break inside it (before every
    character but the first if ``everywhere``), never before a mark that attaches to its base.

    A Thai word can only begin with a consonant or a leading vowel (เ แ โ ใ ไ), and a leading
    vowel never ends one: so only the places before those, and not after a leading vowel, need a
    joiner. Fewer joiners, less for LibreOffice to lay out (each costs it time).
    """
    if len(word) < 2 or not (everywhere or _THAI_LETTER.match(word)):
        return word
    if everywhere:
        return word[0] + "".join(c if _ATTACHED.match(c) else WJ + c for c in word[1:])
    return word[0] + "".join(
        WJ + c if _SYLLABLE_START.match(c) and not _LEADING_VOWEL.match(p) else c for p, c in zip(word, word[1:])
    )


_local = threading.local()


def _line_breaker() -> Any:
    """ICU's line break iterator for Thai (the rules and dictionary LibreOffice breaks lines
    with), one per thread: an iterator holds the text it is given."""
    breaker = getattr(_local, "line_breaker", None)
    if breaker is None:
        import icu

        breaker = _local.line_breaker = icu.BreakIterator.createLineInstance(icu.Locale("th"))
    return breaker


def _line_breaks(text: str) -> set[int]:
    breaker = _line_breaker()
    breaker.setText(text)
    return set(breaker)


def _needed_marks(marked: str) -> str:
    """``marked`` with only the marks (word joiners, zero width spaces) that change where a line
    may break.

    Each mark costs LibreOffice layout time (a joiner is a text portion of its own: ~0.07 s a
    form with one between every syllable; zero width spaces between all words, about 460 a form,
    cost it about a tenth more). LibreOffice finds line breaks with ICU, so ICU tells which marks
    matter: the places it may break in ``marked`` are the wanted ones; starting from the text
    without marks (but the zero width spaces not between two Thai letters), a joiner goes
    wherever ICU would break at any other place, and a zero width space wherever it would not
    break at a wanted one, until it breaks at exactly the wanted places (a mark splits a Thai
    run, so ICU's dictionary reads the pieces anew: a second round is sometimes needed).
    """
    if WJ not in marked and ZWSP not in marked:
        return marked
    base = marked.replace(WJ, "").replace(ZWSP, "")

    def base_offsets(text: str) -> list[int]:
        """The offset in ``base`` of each position of ``text`` (``base`` with marks)."""
        out, n = [], 0
        for ch in text:
            out.append(n)
            n += ch not in (WJ, ZWSP)
        out.append(n)
        return out

    offsets = base_offsets(marked)
    wanted = {offsets[p] for p in _line_breaks(marked)}

    def settle(spaces: set[int]) -> tuple[str, set[int]] | None:
        """The text with zero width spaces at ``spaces`` and as few joiners as stop every
        unwanted break; and the wanted breaks still missing (None if ICU does not settle)."""
        joiners: set[int] = set()
        for _round in range(8):
            text = "".join((ZWSP if i in spaces else WJ if i in joiners else "") + ch for i, ch in enumerate(base))
            offsets = base_offsets(text)
            breaks = {offsets[p] for p in _line_breaks(text)}
            unwanted = breaks - wanted - joiners
            if not unwanted:
                return text, wanted - breaks
            joiners |= unwanted
        return None

    # a zero width space not between two Thai letters stays: in URLs and next to Latin text
    # LibreOffice's own line-break rules part from ICU's (it will not break after a / that ICU
    # breaks after), so only the Thai dictionary's breaks are left to ICU
    spaces = {
        offsets[i]
        for i, ch in enumerate(marked)
        if ch == ZWSP and not (_THAI_LETTER.match(marked[i - 1 : i]) and _THAI_LETTER.match(marked[i + 1 : i + 2]))
    }
    for _round in range(8):
        settled = settle(spaces)
        if settled is None:
            break
        text, missing = settled
        if not missing:
            return text
        spaces |= missing
    return marked  # ICU did not settle: every mark, as marked


@functools.lru_cache(maxsize=4096)  # forms share much text: rubrics, headings, definitions, notes
def thai_word_breaks(text: str) -> str:
    """Mark where LibreOffice may break a line in Thai text and in URLs, and nowhere else.

    Thai has no spaces between words. LibreOffice finds line breaks with its own dictionary,
    which splits runs at the wrong place (การก|ระจายอำนาจ for การ|กระจายอำนาจ) and cuts words it
    does not know (ธรรมาภิ|บาล). So each Thai word of PyThaiNLP's newmm segmentation is bound
    together with WORD JOINERs between its letters, and the words are parted by ZERO WIDTH
    SPACEs: the only places left to break a Thai run are the true boundaries. A URL may break
    after ``/``, ``.`` or ``-`` (a zero width space there), never inside a name. Of those marks
    only the ones that change where ICU (LibreOffice's line breaker) would break are kept
    (:func:`_needed_marks`): the same breaks, far fewer marks for LibreOffice to lay out.

    Used only for the copy of a form that is converted to PDF: LibreOffice draws no glyph for
    either mark and leaves them out of the PDF's text, and the .docx users receive is left as
    written (Word breaks Thai between words by itself).
    """
    return _needed_marks(_marked(text))


def _marked(text: str) -> str:
    """``text`` with a mark at every boundary and inside every word (see :func:`thai_word_breaks`):
    before :func:`_needed_marks` keeps those that matter."""
    text = _URL.sub(lambda m: _url_breaks(m.group(0)), text)
    if not _THAI_LETTER.search(text):
        return text
    from pythainlp.tokenize import word_tokenize  # a dictionary load (about 1 s) on first use

    held = list(_ABBREVIATION.finditer(text))
    words = _dictionary(frozenset(part for m in held for part in _ABBREVIATION_PART.findall(m.group(0))))
    out: list[str] = []
    pos = 0
    for m in [*held, None]:
        end = m.start() if m else len(text)
        pieces = (
            word_tokenize(text[pos:end], custom_dict=words, engine="newmm", keep_whitespace=True) if end > pos else []
        )
        pieces = [_joined(p) for p in pieces] + ([_joined(m.group(0), everywhere=True)] if m else [])
        for piece in pieces:
            if out and _THAI_LETTER.match(out[-1][-1:]) and _THAI_LETTER.match(piece[:1]):
                # between two words; a piece that is no word (a misspelling, a name the segmenter
                # does not know: โซ|เซียล) stays bound to its neighbour
                known = _strip_marks(out[-1]) in words and _strip_marks(piece) in words
                out.append(ZWSP if known else WJ)
            out.append(piece)
        pos = m.end() if m else end
    return "".join(out)
