"""sar_forms._yaml: one walk checks a document and builds its data, as PyYAML's own constructor would."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import SAMPLE

from sar_forms import InputError
from sar_forms._yaml import _Base, _Loader, parse_yaml


def pyyaml(text: str) -> object:
    """What PyYAML's own constructor builds of the reader's composed document."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return loader.construct_document(node)
    finally:
        loader.dispose()


@pytest.mark.parametrize(
    "text",
    [
        SAMPLE.read_text(encoding="utf-8"),
        "",
        "a: 1\nb: [1, -2, 0x1f, 1_000, true, no, null, ~, 2024-01-02, '3']\n",
        "indicator: 1.10\nn: 2.5\n",  # no floats: codes stay texts
        "k: 2001-12-14t21:59:43.10-05:00\n",
        "x: &a {p: 1, q: [1, 2]}\ny: *a\nz: *a\n",
        "base: &b {k: 1}\nd:\n  <<: *b\n  m: 2\n",  # a merge key: PyYAML's constructor builds it
        "1: a\n2: b\n",
        "s: !!set {a, b}\nbin: !!binary aGVsbG8=\n",
        "- a\n- - b\n  - {c: d}\n",
        "'ชื่อ': สวัสดี\n\"q\": 'x'\n",
    ],
)
def test_the_data_is_what_pyyamls_constructor_builds(text):
    """This test ensures that texts, numbers, booleans, dates, lists, mappings, aliases (one
    object, used twice), merge keys, sets and Thai keys come out as PyYAML built them."""
    data = parse_yaml(text, "x")
    assert data == pyyaml(text) and repr(data) == repr(pyyaml(text))
    if isinstance(data, dict) and "y" in data:
        assert data["y"] is data["z"]
    if isinstance(data, dict) and "k" in data:
        assert isinstance(data["k"], dt.datetime)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\na: 2\n", "line 2: the key 'a' is given twice"),
        ("&a [*a]\n", "nests deeper than 32"),
        ("a: " + "[" * 40 + "]" * 40, "nests deeper than 32"),
        ("a: b: c\n", "line 1, column 5"),
        ("x: !foo bar\n", "could not determine a constructor for the tag '!foo'"),
        ("? [a]\n: 1\n", "unhashable"),
        # documents PyYAML's constructor builds (a merge key, a set) are checked all the same
        ("b: &b {k: 1}\nd:\n  <<: *b\n  m: 2\n  m: 3\n", "line 5: the key 'm' is given twice"),
        ("s: !!set {" + ", ".join(["[" * 40 + "]" * 40]) + "}\n", "nests deeper than 32"),
        (
            "a: &a ['" + "x" * 1000 + "']\n"
            "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            "e: [*d, *d, *d]\n",
            "line 5: the YAML expands to more than 2,000,000 characters",
        ),
        (
            "a: &a ['" + "x" * 1000 + "']\n"
            "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            "e: !!set {? [*d, *d, *d]}\n",
            "line 5: the YAML expands to more than 2,000,000 characters",
        ),
    ],
)
def test_a_hostile_or_broken_document_is_refused_naming_the_line(text, message):
    """This test ensures that a key given twice, a document nesting itself or too deep, broken
    YAML, an unknown tag, a list as a key and aliases expanding past the limit are each an
    InputError naming the file and what to mend."""
    with pytest.raises(InputError, match="x:") as info:
        parse_yaml(text, "x")
    assert message in str(info.value)


class _PyYAMLResolver(_Base):  # type: ignore[misc]
    """PyYAML's own resolution, with the reader's resolvers (no floats)."""


_PyYAMLResolver.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def _tags(loader_class: type, text: str) -> list[str]:
    loader = loader_class(text)
    try:
        todo, tags = [loader.get_single_node()], []
        while todo:
            node = todo.pop()
            tags.append(node.tag)
            if isinstance(node.value, list):
                todo.extend(n for item in node.value for n in (item if isinstance(item, tuple) else (item,)))
        return tags
    finally:
        loader.dispose()


def test_every_scalar_gets_the_tag_pyyaml_gives_it():
    """This test ensures that the reader's own tag resolution (PyYAML's, without what serves only
    path resolvers) tags plain and quoted scalars of every kind as PyYAML does."""
    scalars = ["", "~", "null", "Null", "true", "no", "Off", "y", "1", "-1", "0x1f", "0o7", "1_000", "1:20",
               "1.10", ".5", "1e3", "2024-01-02", "2001-12-14t21:59:43.10-05:00", "=", "<<", "สพป.อด.2",
               "a b", "'q'", '"d"', "!!str 1", "!!int '2'"]  # fmt: skip
    text = "".join(f"k{i}: {s}\n" for i, s in enumerate(scalars)) + "l: [a, 1, [b, {c: 2}]]\n"
    assert _tags(_Loader, text) == _tags(_PyYAMLResolver, text)
