"""Text rules of Thai official documents: cleaning input, Thai digits, Buddhist Era dates.

Pure functions, no I/O; the models and the template context both use them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import warnings
from urllib.parse import quote, urlsplit, urlunsplit

from ..errors import TextCleanedWarning
from ..messages import FieldName, say

__all__ = [
    "THAI_MONTHS",
    "clean_text",
    "fiscal_year_of",
    "from_thai_digits",
    "fiscal_year_span",
    "thai_date",
    "to_thai_digits",
    "uri_of",
]

# Characters XML 1.0 forbids: C0 controls but tab, LF and CR; lone surrogates; U+FFFE/U+FFFF.
# Word refuses a document holding any of them, so they never reach a template.
_XML_ILLEGAL_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
_XML_ILLEGAL = re.compile(f"[{_XML_ILLEGAL_CHARS}]")

# Sara am (U+0E33) typed as nikhahit + sara aa, the tone mark on either side of the nikhahit.
# NFC leaves these alone (U+0E33 has only a compatibility decomposition), yet they shape and
# search differently from the real vowel, so they are composed here.
_DECOMPOSED_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32|([\u0e48-\u0e4b])\u0e4d\u0e32")
# Any character clean_text may change: CR and vertical tab, what XML forbids, and the nikhahit
# that a sara am typed apart always holds. Most text has none, and is then only checked for NFC.
_TO_CLEAN = re.compile(f"[\r{_XML_ILLEGAL_CHARS}\u0e4d]")

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip

_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Digits inside URLs, e-mail addresses and Latin words (udesa2, KM2) keep their form.
_LATIN_TOKEN = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+|[A-Za-z][A-Za-z0-9_-]*|[0-9]+[A-Za-z][A-Za-z0-9_-]*")


def clean_text(value: str, *, field: str = "text") -> str:
    """Make any input string safe to place in a .docx, keeping what the writer meant.

    - vertical tab (``\\x0b``, Word's manual line break when text is copied out of Word)
      becomes a line feed, which the template renders as a line break;
    - CR LF and lone CR become LF;
    - other XML-illegal characters are removed, with a :class:`TextCleanedWarning`
      naming the field, so the document always opens;
    - Unicode NFC, and decomposed sara am composed.
    """
    if _TO_CLEAN.search(value) is None and unicodedata.is_normalized("NFC", value):
        return value  # nothing to change: most text
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    removed = _XML_ILLEGAL.findall(value)
    if removed:
        codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in removed}))
        warnings.warn(
            say("text.removed", field=FieldName(field), count=len(removed), codes=codes),
            TextCleanedWarning,
            stacklevel=2,
        )
        value = _XML_ILLEGAL.sub("", value)
    value = unicodedata.normalize("NFC", value)
    return _DECOMPOSED_SARA_AM.sub(lambda m: (m.group(1) or m.group(2) or "") + "\u0e33", value)


def uri_of(url: str) -> str:
    """A web address as RFC 3986 wants it in a link target: a Thai host in IDNA (xn--...), other
    non-ASCII characters percent-encoded as UTF-8; an address that is ASCII already is unchanged.
    The text shown on the form stays as the user wrote it."""
    if url.isascii():
        return url
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        ascii_host = quote(host, safe="")
    netloc = ascii_host + (f":{parts.port}" if parts.port else "")
    if parts.username:
        netloc = (
            quote(parts.username, safe="")
            + (f":{quote(parts.password, safe='')}" if parts.password else "")
            + "@"
            + netloc
        )
    safe = "/:@!$&'()*+,;=-._~%?"
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe=safe),
            quote(parts.query, safe=safe),
            quote(parts.fragment, safe=safe),
        )
    )


def from_thai_digits(text: str) -> str:
    """``text`` with Thai digits (๐-๙) as Arabic ones: how numbers typed in Thai are read."""
    return text.translate(_ARABIC_DIGITS)


def to_thai_digits(text: str) -> str:
    """Write Arabic digits as Thai digits, except inside URLs, e-mail addresses and Latin words."""
    out: list[str] = []
    pos = 0
    for m in _LATIN_TOKEN.finditer(text):
        out.append(text[pos : m.start()].translate(_THAI_DIGITS))
        out.append(m.group(0))
        pos = m.end()
    out.append(text[pos:].translate(_THAI_DIGITS))
    return "".join(out)


def fiscal_year_of(day: dt.date) -> int:
    """The Thai government fiscal year (BE) that ``day`` falls in: 1 Oct - 30 Sep, named by its end."""
    return day.year + 543 + (1 if day.month >= 10 else 0)


def fiscal_year_span(fiscal_year_be: int) -> tuple[dt.date, dt.date]:
    """First and last day (Gregorian dates) of a fiscal year given in BE."""
    ce = fiscal_year_be - 543
    return dt.date(ce - 1, 10, 1), dt.date(ce, 9, 30)


def thai_date(day: dt.date) -> str:
    """A date in the official long form, e.g. ``1 ตุลาคม 2564`` (Buddhist Era)."""
    return f"{day.day} {THAI_MONTHS[day.month - 1]} {day.year + 543}"
