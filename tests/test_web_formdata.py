"""sar_forms.web.formdata: the editor's inputs, named by data paths, to data and back."""

from __future__ import annotations

import pytest

from sar_forms.errors import InputError
from sar_forms.web.formdata import MAX_FIELDS, dom_id, editable, nest, tidy


def test_posted_fields_nest_into_the_data_format():
    """This test ensures that inputs named by their data paths give the data format's nesting:
    lists in index order, sub-items, ticked boxes as true, empty links and headings left out."""
    posted = [
        ("revision", "3"), ("csrf", "x"), ("_op", "add"), ("level", "4"),
        ("narrative.process_heading", " "),
        ("narrative.steps[1].text", "ข้อสอง"), ("narrative.steps[0].text", "ข้อหนึ่ง"),
        ("narrative.steps[0].items[0].text", "ข้อย่อย"),
        ("evidence.documents[0].title", "แผน"), ("evidence.documents[0].submitted", "on"),
        ("evidence.documents[0].url", ""), ("evidence.references[0].label", "คู่มือ"),
    ]  # fmt: skip
    data = tidy(nest(posted))
    assert data["level"] == 4
    assert data["narrative"]["steps"] == [{"text": "ข้อหนึ่ง", "items": ["ข้อย่อย"]}, "ข้อสอง"]
    assert "process_heading" not in data["narrative"]
    assert data["evidence"] == {"documents": [{"title": "แผน", "submitted": True}], "references": [{"label": "คู่มือ"}]}
    shown = editable(data)
    assert shown["narrative"]["steps"][1] == {"text": "ข้อสอง", "items": []}


@pytest.mark.parametrize(
    "name",
    [
        "narrative.steps[99999].text",
        "narrative..steps",
        "a[0][x]",
        "level<script>",
        "x y",
        "narrative.steps[0]",
    ],
)
def test_names_that_are_no_field_path_are_refused(name):
    """This test ensures that a posted name that is no data path (or an index beyond any list, or
    a leaf used as a container) is an InputError naming it, not a crash or a huge list."""
    pairs = [(name, "x"), ("narrative.steps[0].text", "y")] if name.endswith("[0]") else [(name, "x")]
    with pytest.raises(InputError):
        nest(pairs)


def test_a_form_with_too_many_fields_is_refused():
    """This test ensures that a posted form is bounded in its number of fields."""
    with pytest.raises(InputError):
        nest((f"notes[{i % 100}]", "x") for i in range(MAX_FIELDS + 1))


def test_problem_slots_have_ids_from_their_paths():
    """This test ensures that a field's problems have an element id derived from its path."""
    assert dom_id("narrative.steps[2].items[0].text") == "p-narrative-steps-2-items-0-text"
