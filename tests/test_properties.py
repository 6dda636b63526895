"""A property of the whole path from data to .docx, checked on generated hostile input (Hypothesis).

CI runs a few hundred examples; ``scripts/fuzz.py`` runs as many as asked (100,000 on demand)
and prints the counts by outcome.
"""

from __future__ import annotations

from pathlib import Path

from fuzzing import FIELDS, HOSTILE, MUTATIONS, check, check_package
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# any Unicode text (surrogates included), or the pieces that broke document engines, mixed
texts = st.one_of(
    st.text(alphabet=st.characters(codec=None), max_size=300),
    st.lists(st.sampled_from(HOSTILE), max_size=30).map("".join),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=20)), max_size=20).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(FIELDS), text=texts)
def test_any_text_is_refused_naming_its_field_or_makes_a_valid_document_that_shows_it(
    sample_data: dict, tmp_path: Path, field: str, text: str
) -> None:
    """This test ensures that any text in any free-text field is either refused with an
    InputError naming that field, or makes a .docx that python-docx opens, openxml-audit passes,
    and that shows the text after the documented cleaning."""
    assert check(sample_data, field, text, tmp_path) in ("refused", "produced")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation=st.sampled_from(MUTATIONS), seed=st.integers(0, 2**32))
def test_a_spoiled_package_is_read_or_refused_never_a_traceback(
    sample_docx: Path, tmp_path: Path, mutation: str, seed: int
) -> None:
    """This test ensures that a stranger's .docx spoiled in any of the ways a zip and its XML can
    be (random bytes, cut parts, entities, flipped or cut zip bytes, lying metadata, a part that
    inflates far, thousands of parts) is imported and checked, or refused with an InputError:
    never another exception."""
    import random

    outcome = check_package(sample_docx.read_bytes(), mutation, random.Random(seed), tmp_path)
    assert outcome in ("read", "refused"), outcome
