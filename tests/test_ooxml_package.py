"""sar_forms.ooxml.package: the zip that every rendered .docx is written as."""

from __future__ import annotations

import io
import zipfile
import zlib

from hypothesis import given
from hypothesis import strategies as st
from isal import isal_zlib

from sar_forms.forms.render import FormRenderer
from sar_forms.ooxml.package import Deflated, zip_entries


@given(st.binary(max_size=20_000) | st.text(max_size=5_000).map(lambda t: t.encode("utf-8")))
def test_a_quickly_deflated_member_inflates_to_what_went_in(raw):
    """This test ensures that ISA-L's deflate is the raw deflate zlib and zipfile read: any
    bytes, empty and incompressible ones included, come back as they went in, with their CRC."""
    member = Deflated.quick(raw)
    assert zlib.decompress(member.data, -15) == raw
    assert (member.crc, member.size) == (zlib.crc32(raw), len(raw))
    with zipfile.ZipFile(io.BytesIO(zip_entries([("a.xml", member)]))) as z:
        assert z.testzip() is None
        assert z.read("a.xml") == raw


def test_a_rendered_body_is_deflated_by_isal_and_the_untouched_parts_by_zlib(sample):
    """This test ensures that a form's rendered body is ISA-L's stream (a sixth of zlib's time
    in a batch) and a part copied from the template is zlib's, compressed once."""
    with zipfile.ZipFile(io.BytesIO(FormRenderer().render(sample))) as z:
        body, styles = (z.getinfo(name) for name in ("word/document.xml", "word/styles.xml"))
        raw_body, raw_styles = z.read(body), z.read(styles)
    assert body.compress_size == len(isal_zlib.compress(raw_body, 1, -15))
    assert styles.compress_size == len(zlib.compress(raw_styles, 6, -15))
