"""(template, assessment) -> .docx bytes: docxtpl's rendering, prepared once per template.

docxtpl, used the plain way, re-reads the template package, re-patches its XML and recompiles
its Jinja templates for every document: tens of milliseconds a form. :class:`FormRenderer`
does that work once, when it is made: it keeps docxtpl's patched and compiled Jinja template of
every part that has tags (body, headers, footers, footnotes, core properties), and the bytes of
every other part. Per document it renders only those templates, applies docxtpl's own
post-processing (line breaks, table grid, drawing ids) and writes the zip, copying the untouched
parts as they are. Hyperlinks get relationship ids the way python-docx hands them out, per
document. The result is the document docxtpl would make from the same template and context
(``tests/test_fast_render.py`` compares every part); :func:`render_with_docxtpl` is that
reference path.
"""

from __future__ import annotations

import copy
import functools
import io
import json
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any
from xml.sax.saxutils import quoteattr

import jinja2
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docxtpl import DocxTemplate, InlineImage
from lxml import etree

from .._fs import atomic_write
from ..domain.models import Assessment
from ..errors import TemplateError
from ..ooxml.names import REL as _REL_NS
from ..ooxml.names import W as _W_NS
from .context import Digits, template_context

__all__ = [
    "CompiledTemplate",
    "FormRenderer",
    "default_template",
    "normalize_docx",
    "render_with_docxtpl",
    "renderer_for",
]

DEFAULT_TEMPLATE = "indicator_form.docx"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# the core properties docxtpl renders as templates (DocxTemplate.render_properties)
_CORE_TEMPLATED = ("author", "comments", "identifier", "language", "subject", "title")
_LISTING_CHARS = re.compile("[\n\t\a\f]")
# docxtpl's escapes for a template's own text ({_{ prints {{ ...): docxtpl replaces them in the
# rendered XML, where they also change a user's text that happens to hold them. They are turned
# into Jinja string literals in the template instead, before rendering: the template prints what
# docxtpl prints, and user text comes out as it went in.
_ESCAPED = {"{_{": "{{ '{{' }}", "}_}": "{{ '}}' }}", "{_%": "{{ '{%' }}", "%_}": "{{ '%}' }}"}
_TEMPLATE_ESCAPES = re.compile("|".join(re.escape(k) for k in _ESCAPED))
# docxtpl's helpers used here (patch_xml, resolve_listing, fix_tables) keep no state
_DOCXTPL = DocxTemplate(io.BytesIO())


def default_template() -> Path:
    """The official form template shipped inside the package."""
    # The package is installed as files, so the traversable is a real path.
    return Path(str(resources.files("sar_forms").joinpath("templates", DEFAULT_TEMPLATE)))


def jinja_env() -> jinja2.Environment:
    """Autoescape on (an ``&`` or ``<`` in the data would otherwise break the XML and docxtpl's
    lenient parser would silently drop text); undefined variables are errors, not blanks."""
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def normalize_docx(data: bytes) -> bytes:
    """Rewrite a .docx zip with fixed timestamps, in its own order: equal input, equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(_zipinfo(info.filename), src.read(info))
    return out.getvalue()


def _zipinfo(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


_CORE_LIMIT = 255  # characters: python-docx (and Word's own dialog) hold no more in a core property


def _core(text: str) -> str:
    return text if len(text) <= _CORE_LIMIT else text[: _CORE_LIMIT - 1] + "…"


def set_core_properties(cp: CoreProperties, a: Assessment) -> None:
    """Title, author, subject and language of the document, for archives and PDF metadata;
    a long name or title is cut to the 255 characters a core property holds (the form itself
    prints it whole)."""
    cp.title = _core(f"มาตรฐานที่ {a.standard.number} ตัวบ่งชี้ที่ {a.indicator.code} {a.indicator.title}")
    cp.author = _core(a.office.name)
    cp.subject = _core(f"รายงานการประเมินตนเองตามมาตรฐานสำนักงานเขตพื้นที่การศึกษา ปีงบประมาณ พ.ศ. {a.fiscal_year}")
    cp.keywords = _core(f"{a.office.short_name}; {a.indicator.code}; {a.fiscal_year}")
    cp.language = "th-TH"
    cp.comments = form_metadata(a)


#: The core property comments of our forms start so: what the page does not print, for ``import``.
META_PREFIX = "sar_forms:"


def form_metadata(a: Assessment) -> str:
    """``sar_forms:{json}``: the office's kind, province and area and the per-point facts (0 not
    done, 1 done, 2 clear), which the form does not print; ``sar-forms import`` reads them back.
    Points are left out if they would not fit the 255 characters of a core property."""
    office = {"kind": a.office.kind, "province": a.office.province, "area": a.office.area}
    meta: dict[str, Any] = {"office": office}
    if a.points:
        meta["points"] = "".join("2" if p.clear else "1" if p.done else "0" for p in a.points)
    text = META_PREFIX + json.dumps(meta, ensure_ascii=False, separators=(",", ":"))
    if len(text) > _CORE_LIMIT:
        text = META_PREFIX + json.dumps({"office": office}, ensure_ascii=False, separators=(",", ":"))
    return _core(text)


def _template_error(exc: jinja2.TemplateError, template: Path, part: str, source: str = "") -> TemplateError:
    """The error named by part and, where the source is known, by the text of the paragraph it
    is in (the line of patched XML means nothing to whoever edits the template in Word)."""
    line = getattr(exc, "lineno", None)
    where = ""
    if source and line:
        paragraph = re.sub(r"<[^>]+>", "", source.splitlines()[min(line, len(source.splitlines())) - 1]).strip()
        where = f", in the paragraph {paragraph[:120]!r}" if paragraph else ""
    return TemplateError(f"{part}{where}: {exc.message or exc}", template=str(template), line=line)


try:  # docxtpl's Subdoc needs docxcompose; without it no Subdoc can be made, nor need be refused
    from docxtpl.subdoc import Subdoc

    _PLACED_BY_DOCXTPL: tuple[type, ...] = (InlineImage, Subdoc)
except ImportError:
    _PLACED_BY_DOCXTPL = (InlineImage,)


def _refuse_unsupported(context: Any, template: Path) -> None:
    """Images and sub-documents need parts and relationships the compiled renderer does not
    make (docxtpl adds them to its document as it renders): refused by name, never rendered
    into a document whose ids point nowhere. ``render_with_docxtpl`` takes them."""
    todo, seen = [context], 0
    while todo and seen < 100_000:
        value = todo.pop()
        seen += 1
        if isinstance(value, _PLACED_BY_DOCXTPL):
            kind = "an image (InlineImage)" if isinstance(value, InlineImage) else "a sub-document (Subdoc)"
            raise TemplateError(
                f"the context holds {kind}, which the compiled renderer does not place; "
                "render this template with render_with_docxtpl",
                template=str(template),
            )
        if isinstance(value, dict):
            todo.extend(value.values())
        elif isinstance(value, list | tuple):
            todo.extend(value)


ContextFactory = Callable[[Any], dict[str, Any]]  # links -> context
CoreSetter = Callable[[CoreProperties], None]


def render_with_docxtpl(template: Path, make_context: ContextFactory, core: CoreSetter | None = None) -> bytes:
    """The reference path: docxtpl used the plain way (load, render, save) for one document."""
    tpl = DocxTemplate(template)
    try:
        tpl.render(make_context(tpl), jinja_env())
    except jinja2.TemplateError as exc:
        raise _template_error(exc, template, "word/document.xml") from exc
    if core is not None:
        core(tpl.docx.core_properties)
    buf = io.BytesIO()
    tpl.save(buf)
    return normalize_docx(buf.getvalue())


class _Links:
    """Hyperlink relationships of one document, numbered as python-docx numbers them."""

    def __init__(self, existing: dict[str, tuple[str, str, bool]]) -> None:
        self.ids = set(existing)
        self.by_url = {target: rid for rid, (rtype, target, ext) in existing.items() if rtype == RT.HYPERLINK and ext}
        self.new: list[tuple[str, str]] = []

    def build_url_id(self, url: str) -> str:
        if url in self.by_url:
            return self.by_url[url]
        n = 1
        while f"rId{n}" in self.ids:
            n += 1
        rid = f"rId{n}"
        self.ids.add(rid)
        self.by_url[url] = rid
        self.new.append((rid, url))
        return rid


@dataclass
class _Part:
    """A part with Jinja tags, patched and compiled once."""

    name: str
    template: jinja2.Template
    kind: str  # "body" | "xml" (header, footer, footnotes)
    encoding: str = "utf-8"


class CompiledTemplate:
    """A docxtpl template prepared once: render it with any context, many times.

    Thread-safe: ``render`` keeps its per-document state local.
    """

    def __init__(self, template: str | Path) -> None:
        self.template = Path(template)
        if not self.template.is_file():
            raise TemplateError("no such template file", template=str(self.template))
        self._env = jinja_env()
        try:
            self._prepare()
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
            raise TemplateError(f"not a usable .docx: {exc}", template=str(self.template)) from exc
        except jinja2.TemplateSyntaxError as exc:
            raise _template_error(exc, self.template, "template") from exc

    def _prepare(self) -> None:
        with zipfile.ZipFile(self.template) as z:
            self._names = [i.filename for i in z.infolist()]
            raw = {n: z.read(n) for n in self._names}
        doc_name = _main_document(raw["_rels/.rels"])
        rels_name = str(PurePosixPath(doc_name).parent / "_rels" / (PurePosixPath(doc_name).name + ".rels"))
        self._rels_name = rels_name
        rels_root = etree.fromstring(raw[rels_name])
        self._rels_xml = raw[rels_name]
        self._rels = {
            r.get("Id"): (r.get("Type"), r.get("Target"), r.get("TargetMode") == "External")
            for r in rels_root.iter(f"{{{_REL_NS}}}Relationship")
        }
        base = PurePosixPath(doc_name).parent
        content_types = etree.fromstring(raw["[Content_Types].xml"])
        overrides = {o.get("PartName").lstrip("/"): o.get("ContentType") for o in content_types if o.get("PartName")}

        self._parts: list[_Part] = []
        # the body: docxtpl renders the serialized w:body and puts the result back in the document
        doc_root = parse_xml(raw[doc_name])
        body = doc_root.find(f"{{{_W_NS}}}body")
        self._doc_shell = copy.deepcopy(doc_root)
        self._doc_shell.remove(self._doc_shell.find(f"{{{_W_NS}}}body"))
        self._body_index = list(doc_root).index(body)
        body_xml = _DOCXTPL.patch_xml(_DOCXTPL.xml_to_string(body))
        self._parts.append(_Part(doc_name, self._compile(body_xml, doc_name, patched=True), "body"))
        # headers and footers (through the document's relationships), and footnotes
        for rtype, target, external in self._rels.values():
            name = str(base / target) if not external else ""
            if rtype in (_DOCXTPL.HEADER_URI, _DOCXTPL.FOOTER_URI) and raw.get(name):
                xml = _DOCXTPL.get_part_xml(type("P", (), {"blob": raw[name]}))
                encoding = _DOCXTPL.get_headers_footers_encoding(xml)
                self._parts.append(_Part(name, self._compile(xml, name), "xml", encoding))
        for name, ctype in overrides.items():
            if ctype == _CT_FOOTNOTES and name in raw:
                self._parts.append(_Part(name, self._compile(raw[name].decode("utf-8"), name), "xml"))
        # core properties: docxtpl renders some of them as templates
        self._core_name = next((n for n in self._names if n.endswith("core.xml") and n.startswith("docProps")), None)
        self._core_xml = raw.get(self._core_name) if self._core_name else None
        self._core_templates: dict[str, jinja2.Template | str] = {}
        if self._core_xml is not None:
            cp = CoreProperties(parse_xml(self._core_xml))
            # values without tags render to themselves: kept as strings, not templates
            self._core_templates = {
                p: self._env.from_string(v) if "{" in v else v for p in _CORE_TEMPLATED for v in [getattr(cp, p)]
            }
        rendered = {p.name for p in self._parts} | {rels_name}
        if self._core_name:
            rendered.add(self._core_name)
        # untouched parts are compressed once and copied into every document as they are
        self._untouched = {n: _Deflated.of(raw[n]) for n in self._names if n not in rendered}

    def _compile(self, xml: str, part: str, *, patched: bool = False) -> jinja2.Template:
        src = xml if patched else _DOCXTPL.patch_xml(xml)
        src = re.sub(r"<w:p([ >])", r"\n<w:p\1", src)  # as docxtpl's render_xml_part
        src = _TEMPLATE_ESCAPES.sub(lambda m: _ESCAPED[m.group(0)], src)
        try:
            return self._env.from_string(src)
        except jinja2.TemplateSyntaxError as exc:
            raise _template_error(exc, self.template, part, src) from exc

    def render(self, make_context: ContextFactory, core: CoreSetter | None = None) -> bytes:
        """The .docx of the context ``make_context(links)`` makes, as bytes.

        ``links`` hands out hyperlink relationship ids of this document (``build_url_id``);
        ``core`` may set the core properties after docxtpl's templated ones are rendered.
        """
        links = _Links(self._rels)
        context = make_context(links)
        _refuse_unsupported(context, self.template)
        out: dict[str, bytes] = {}
        for part in self._parts:
            try:
                xml = part.template.render(context)
            except jinja2.TemplateError as exc:
                raise _template_error(exc, self.template, part.name) from exc
            xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
            xml = _resolve_listing(xml)
            if part.kind == "body":
                tree = _DOCXTPL.fix_tables(xml)  # always, as docxtpl does: it trims a grid wider than the rows
                _fix_docpr_ids(tree)
                root = copy.deepcopy(self._doc_shell)
                root.insert(self._body_index, tree)
                out[part.name] = serialize_part_xml(root)
            else:
                out[part.name] = serialize_part_xml(parse_xml(xml.encode(part.encoding)))
        out[self._rels_name] = self._rels_with(links.new)
        if self._core_name and self._core_xml is not None:
            out[self._core_name] = self._core_properties(context, core)
        return self._zip(out)

    def _rels_with(self, new: Iterable[tuple[str, str]]) -> bytes:
        new = list(new)
        if not new:
            return serialize_part_xml(etree.fromstring(self._rels_xml))
        extra = "".join(
            f'<Relationship Id="{rid}" Type="{RT.HYPERLINK}" Target={quoteattr(url)} TargetMode="External"/>'
            for rid, url in new
        )
        root = etree.fromstring(self._rels_xml)
        for el in etree.fromstring(f'<Relationships xmlns="{_REL_NS}">{extra}</Relationships>'):
            root.append(el)
        return serialize_part_xml(root)

    def _core_properties(self, context: dict[str, Any], core: CoreSetter | None) -> bytes:
        assert self._core_xml is not None
        element = parse_xml(self._core_xml)
        cp = CoreProperties(element)
        for prop, value in self._core_templates.items():  # as docxtpl's render_properties
            setattr(cp, prop, value if isinstance(value, str) else value.render(context))
        if core is not None:
            core(cp)
        return serialize_part_xml(element)

    def _zip(self, rendered: dict[str, bytes]) -> bytes:
        return _zip_entries(
            # level 1 for what changes per document: a third of level 6's time, a few % larger
            (name, _Deflated.of(rendered[name], 1) if name in rendered else self._untouched[name])
            for name in self._names
        )


class FormRenderer:
    """Renders assessments into one form template; keep one for many documents (thread-safe)."""

    def __init__(
        self, template: str | Path | None = None, *, digits: Digits = "arabic", word_breaks: bool = False
    ) -> None:
        self.template = Path(template) if template is not None else default_template()
        self.digits: Digits = digits
        self.word_breaks = word_breaks  # for the copy converted to PDF (see text.thai_word_breaks)
        self.compiled = CompiledTemplate(self.template)

    def _context(self, assessment: Assessment) -> ContextFactory:
        return lambda links: template_context(assessment, links, digits=self.digits, word_breaks=self.word_breaks)

    def render(self, assessment: Assessment) -> bytes:
        """The .docx of ``assessment``, as bytes."""
        return self.compiled.render(self._context(assessment), lambda cp: set_core_properties(cp, assessment))

    def render_with_docxtpl(self, assessment: Assessment) -> bytes:
        """The same document through plain docxtpl (the slow reference path)."""
        return render_with_docxtpl(
            self.template, self._context(assessment), lambda cp: set_core_properties(cp, assessment)
        )

    def write(self, assessment: Assessment, path: str | Path) -> Path:
        """Render ``assessment`` to ``path`` atomically; nothing is left behind on failure."""
        return atomic_write(path, self.render(assessment))


@dataclass(frozen=True)
class _Deflated:
    """A zip member's data, deflated, with what the zip headers say of it."""

    data: bytes
    crc: int
    size: int

    @classmethod
    def of(cls, raw: bytes, level: int = 6) -> _Deflated:
        c = zlib.compressobj(level, zlib.DEFLATED, -15)  # raw deflate, as zipfile writes it
        return cls(c.compress(raw) + c.flush(), zlib.crc32(raw), len(raw))


def _zip_entries(entries: Iterable[tuple[str, _Deflated]]) -> bytes:
    """A zip of already-deflated members, with fixed timestamps (1980-01-01), in the given order.

    zipfile cannot take data that is already compressed, and compressing the template's
    untouched parts again for every document was the largest cost left in a render. This is
    the plain zip layout (local headers, central directory, end record) that zipfile itself
    writes for small archives; the tests open every output with zipfile and python-docx.
    """
    out = bytearray()
    central = bytearray()
    count = 0
    dos_time, dos_date = 0, (0 << 9) | (1 << 5) | 1  # 1980-01-01 00:00:00
    for name, member in entries:
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else 0x800
        offset = len(out)
        # what the local header and the central directory both say of a member: version needed,
        # flags, deflate, time, date, crc, compressed and plain sizes, name length
        common = (20, flags, 8, dos_time, dos_date, member.crc, len(member.data), member.size, len(encoded))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *common, 0)
        out += encoded + member.data
        # made by (0x0314: Unix, 2.0), then the common fields, extra, comment, disk, attributes, offset
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, *common, 0, 0, 0, 0, 0o100644 << 16, offset)
        central += encoded
        count += 1
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), start, 0)
    return bytes(out)


def _resolve_listing(xml: str) -> str:
    """docxtpl's resolve_listing (\\n, \\t, \\a, \\f in text become breaks, tabs, paragraphs,
    pages), applied only to the paragraphs that hold one of them.

    resolve_listing works paragraph by paragraph (``<w:p ...>`` to the next ``</w:p>``) and
    leaves paragraphs without those characters as they are; scanning the whole body with its
    pattern was a fifth of a render.
    """
    out: list[str] = []
    pos = 0
    for m in _LISTING_CHARS.finditer(xml):
        if m.start() < pos:
            continue  # inside a paragraph already resolved
        start = max(xml.rfind("<w:p>", pos, m.start()), xml.rfind("<w:p ", pos, m.start()))
        end = xml.find("</w:p>", m.start())
        if start < 0 or end < 0:
            continue  # not inside a paragraph: resolve_listing leaves it too
        end += len("</w:p>")
        out.append(xml[pos:start])
        out.append(_DOCXTPL.resolve_listing(xml[start:end]))
        pos = end
    out.append(xml[pos:])
    return "".join(out)


def _fix_docpr_ids(tree: etree._Element) -> None:
    """docxtpl's renumbering of drawing ids (DocxTemplate.fix_docpr_ids), from 1001 per document."""
    index = 1000
    for elt in tree.xpath(
        "//wp:docPr", namespaces={"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
    ):
        index += 1
        elt.attrib["id"] = str(index)


def _main_document(package_rels: bytes) -> str:
    for rel in etree.fromstring(package_rels).iter(f"{{{_REL_NS}}}Relationship"):
        if rel.get("Type") == RT.OFFICE_DOCUMENT:
            return str(rel.get("Target")).lstrip("/")
    raise KeyError("no main document relationship")


@functools.lru_cache(maxsize=16)
def _cached_renderer(template: Path, mtime_ns: int, size: int, digits: Digits, word_breaks: bool) -> FormRenderer:
    return FormRenderer(template, digits=digits, word_breaks=word_breaks)


def renderer_for(
    template: str | Path | None = None, digits: Digits = "arabic", *, word_breaks: bool = False
) -> FormRenderer:
    """A prepared renderer of ``template``, kept while the file is unchanged (preparing costs ~30 ms)."""
    path = (Path(template) if template is not None else default_template()).resolve()
    try:
        st = path.stat()
    except OSError:
        return FormRenderer(path, digits=digits)  # raises TemplateError naming the file
    return _cached_renderer(path, st.st_mtime_ns, st.st_size, digits, word_breaks)
