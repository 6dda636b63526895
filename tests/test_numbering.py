"""sar_forms.ooxml.numbering: list numbers as Word draws them from numbering.xml and styles.xml."""

from __future__ import annotations

import pytest
from lxml import etree

from sar_forms.ooxml.numbering import Numbering, format_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W}"'


def lvl(ilvl: int, text: str, fmt: str = "decimal", start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def labels(numbering: str, paragraphs: list[str], styles: str = "") -> list[str]:
    """The label texts (and suffix) Word draws for ``paragraphs`` (each a w:pPr's inside)."""
    num = etree.fromstring(f"<w:numbering {NS}>{numbering}</w:numbering>")
    sty = etree.fromstring(f"<w:styles {NS}>{styles}</w:styles>") if styles else None
    body = etree.fromstring(
        f"<w:body {NS}>" + "".join(f"<w:p><w:pPr>{p}</w:pPr></w:p>" for p in paragraphs) + "</w:body>"
    )
    found = Numbering(num, sty).labels(list(body))
    return [found[p].text + found[p].suffix if p in found else "" for p in body]


def numpr(num: int, ilvl: int | None = 0) -> str:
    level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    return f'<w:numPr>{level}<w:numId w:val="{num}"/></w:numPr>'


SPACE = '<w:suff w:val="space"/>'
ITEMS = f'<w:abstractNum w:abstractNumId="1">{lvl(0, "%1)")}{lvl(1, "(%1.%2)", extra=SPACE)}</w:abstractNum>'


def test_levels_count_and_restart_under_their_parent():
    """This test ensures that "%1)" counts 1), 2), a level below shows "(2.1)" and restarts at
    each new item above it, and the suffix is a tab unless w:suff says otherwise."""
    got = labels(ITEMS + '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>',
                 [numpr(1), numpr(1), numpr(1, 1), numpr(1, 1), numpr(1), numpr(1, 1)])  # fmt: skip
    assert got == ["1)\t", "2)\t", "(2.1) ", "(2.2) ", "3)\t", "(3.1) "]


def test_the_count_belongs_to_the_definition_and_start_override_restarts_it():
    """This test ensures that two w:num of one definition continue one list (Word's "Continue
    numbering"), and a w:num with a startOverride restarts it once, at its first paragraph."""
    nums = (
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    )
    got = labels(ITEMS + nums, [numpr(1), numpr(1), numpr(2), numpr(3), numpr(3), numpr(1)])
    assert got == ["1)\t", "2)\t", "3)\t", "1)\t", "2)\t", "3)\t"]


def test_numbering_through_a_paragraph_style_and_through_a_list_style():
    """This test ensures that a paragraph numbered by its style (through basedOn), a numId 0 that
    takes the numbering away, and a definition that names a list style (numStyleLink -> the
    style's w:num -> the definition with styleLink) are drawn as Word draws them."""
    numbering = (
        '<w:abstractNum w:abstractNumId="5"><w:styleLink w:val="Steps"/>' + lvl(0, "%1.") + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="6"><w:numStyleLink w:val="Steps"/></w:abstractNum>'
        + ITEMS
        + '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="5"><w:abstractNumId w:val="5"/></w:num>'
        '<w:num w:numId="6"><w:abstractNumId w:val="6"/></w:num>'
    )
    styles = (
        '<w:style w:type="numbering" w:styleId="Steps"><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Base"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Item"><w:basedOn w:val="Base"/></w:style>'
    )
    item = '<w:pStyle w:val="Item"/>'
    got = labels(numbering, [item, item, item + numpr(0), numpr(6), numpr(6)], styles)
    assert got == ["1)\t", "2)\t", "", "1.\t", "2.\t"]


@pytest.mark.parametrize(
    ("fmt", "values", "shown"),
    [
        ("decimal", [1, 12], ["1", "12"]),
        ("thaiNumbers", [1, 12], ["๑", "๑๒"]),
        ("thaiLetters", [1, 2, 3, 43], ["ก", "ข", "ค", "กก"]),
        ("lowerLetter", [1, 27], ["a", "aa"]),
        ("upperRoman", [4, 1999], ["IV", "MCMXCIX"]),
        ("decimalZero", [3], ["03"]),
        ("none", [3], [""]),
        ("someFormatNotKnown", [7], ["7"]),
    ],
)
def test_number_formats(fmt, values, shown):
    """This test ensures that the number formats offices use come out as Word shows them."""
    assert [format_number(v, fmt) for v in values] == shown


def test_bullets_legal_numbering_and_hostile_definitions():
    """This test ensures that a Symbol-font bullet shows as •, isLgl shows every level in decimal,
    and a definition that links to itself, levels beyond 8 and a w:num naming no definition number
    nothing rather than fail."""
    numbering = (
        f'<w:abstractNum w:abstractNumId="1">{lvl(0, chr(0xF0B7), "bullet")}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="2">{lvl(0, "%1", "thaiLetters")}'
        f"{lvl(1, '%1.%2', 'decimal', extra='<w:isLgl/>')}</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="3"><w:numStyleLink w:val="Loop"/></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="404"/></w:num>'
    )
    styles = (
        '<w:style w:type="numbering" w:styleId="Loop"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
    )
    got = labels(numbering, [numpr(1), numpr(2), numpr(2, 1), numpr(3), numpr(4), numpr(2, 12)], styles)
    assert got == ["•\t", "ก\t", "1.1\t", "", "", ""]
