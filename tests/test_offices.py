"""sar_forms.domain.offices: offices by their short names and full names, provinces as data."""

from __future__ import annotations

import pytest

from sar_forms.domain.offices import OfficeName, abbreviations, full_name, offices_in, parse_full_name, provinces


def test_the_provinces_table_is_whole():
    """This test ensures that the shipped table has Thailand's 77 provinces (Bangkok and Bueng
    Kan included), each with its own two-letter abbreviation."""
    table = provinces()
    assert len(table) == 77 and len(set(table.values())) == 77
    assert table["อุดรธานี"] == "อด" and table["กรุงเทพมหานคร"] == "กท" and table["บึงกาฬ"] == "บก"
    assert all(len(a) == 2 for a in table.values())
    assert abbreviations()["กทม"] == "กรุงเทพมหานคร"


@pytest.mark.parametrize(
    ("text", "office", "spelled"),
    [
        ("ของ สพป.อด.2 เอง", OfficeName("สพป.", "อุดรธานี", 2), "สพป.อด.2"),
        ("กลุ่มไลน์บุคลากรสพป.อด. 2,", OfficeName("สพป.", "อุดรธานี", 2), "สพป.อด. 2"),
        ("สพป.อุดรธานี เขต ๒", OfficeName("สพป.", "อุดรธานี", 2), "สพป.อุดรธานี เขต ๒"),
        ("สพม.ขอนแก่น", OfficeName("สพม.", "ขอนแก่น", None), "สพม.ขอนแก่น"),
        ("สพม.กท 1", OfficeName("สพม.", "กรุงเทพมหานคร", 1), "สพม.กท 1"),
        ("สพป.ภูเก็ต", OfficeName("สพป.", "ภูเก็ต", None), "สพป.ภูเก็ต"),
        ("สพม. เขต 25", OfficeName("สพม.", "", 25), "สพม.เขต 25"),
    ],
)
def test_short_names_as_offices_write_them(text, office, spelled):
    """This test ensures that the ways offices write their short names (abbreviation and area,
    province and เขต, Thai digits, glued to the word before) give the office."""
    assert offices_in(text) == [(office, spelled, 1)]


def test_the_office_named_most_comes_first_and_lookalikes_are_no_office():
    """This test ensures that the office named most often comes first, and that สพฐ., a prefix
    repeated, or an abbreviation that is no province's are not offices."""
    text = "สพป.อด.2 สพป.อด.2 สพม.อุดรธานี สพฐ. สพป.สพป. สพป.ซซ.1"
    assert [(o.kind, o.province, n) for o, _s, n in offices_in(text)] == [("สพป.", "อุดรธานี", 2), ("สพม.", "อุดรธานี", 1)]


def test_full_names_both_ways():
    """This test ensures that a full name is built from kind, province and area and read back,
    and a name whose province is not in the table is not believed."""
    name = full_name("สพป.", "อุดรธานี", 2)
    assert name == "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาอุดรธานี เขต 2"
    assert parse_full_name(name) == OfficeName("สพป.", "อุดรธานี", 2)
    assert full_name("สพม.", "ขอนแก่น", None) == "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาขอนแก่น"
    assert parse_full_name("สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาขอนแก่น") == OfficeName("สพม.", "ขอนแก่น", None)
    assert parse_full_name("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาแอตแลนติส เขต 1") is None
