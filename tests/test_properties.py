"""A property of the whole path from data to .docx, checked on generated hostile input (Hypothesis).

CI runs a few hundred examples; ``scripts/fuzz.py`` runs as many as asked (100,000 on demand)
and prints the counts by outcome.
"""

from __future__ import annotations

from pathlib import Path

from fuzzing import FIELDS, HOSTILE, check
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
