"""A docxtpl template prepared once, rendered many times: (template, context) -> .docx bytes.

docxtpl, used the plain way, re-reads the template package, re-patches its XML and recompiles
its Jinja templates for every document: tens of milliseconds a form. :class:`CompiledTemplate`
does that work once, when it is made: it keeps docxtpl's patched and compiled Jinja template of
every part that has tags (body, headers, footers, footnotes, core properties), and the bytes of
every other part. Per document it renders only those templates, applies docxtpl's own
post-processing (line breaks, table grid, drawing ids) and writes the zip, copying the untouched
parts as they are. Hyperlinks get relationship ids the way python-docx hands them out, per
document. The result is the document docxtpl would make from the same template and context
(``tests/test_fast_render.py`` compares every part); :func:`render_with_docxtpl` is that
reference path. Nothing here knows of forms or assessments."""

from __future__ import annotations

import copy
import functools
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from types import CodeType
from typing import Any

import jinja2
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docxtpl import DocxTemplate, InlineImage
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml import etree

from ..errors import InputError, TemplateError
from ..messages import say
from . import prepared
from . import splice as _splice
from .links import Links, relationships_with
from .names import REL as _REL_NS
from .names import W as _W_NS
from .package import Deflated, normalize_docx, zip_entries
from .prepared import PreparedPart
from .splice import DECLARATION, Splice, legal_utf8, why_parse
from .zipped import read_all_parts

__all__ = ["CompiledTemplate", "ContextFactory", "CoreSetter", "jinja_env", "render_with_docxtpl"]

_CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# the core properties docxtpl renders as templates (DocxTemplate.render_properties)
_CORE_TEMPLATED = ("author", "comments", "identifier", "language", "subject", "title")
_LISTING_CHARS = "\n\t\a\f"
_BODY_OPEN = re.compile(r'<w:body(?: xmlns(?::[\w.-]+)?="[^"]*")*>')
_NS_DECLARATION = re.compile(r'xmlns(?::([\w.-]+))?="([^"]*)"')
# docxtpl's escapes for a template's own text ({_{ prints {{ ...): docxtpl replaces them in the
# rendered XML, where they also change a user's text that happens to hold them. They are turned
# into Jinja string literals in the template instead, before rendering: the template prints what
# docxtpl prints, and user text comes out as it went in.
_ESCAPED = {"{_{": "{{ '{{' }}", "}_}": "{{ '}}' }}", "{_%": "{{ '{%' }}", "%_}": "{{ '%}' }}"}
_TEMPLATE_ESCAPES = re.compile("|".join(re.escape(k) for k in _ESCAPED))
# docxtpl's helpers used here (patch_xml, resolve_listing, fix_tables) keep no state
_DOCXTPL = DocxTemplate(io.BytesIO())


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, finding a plain mapping's keys (``office.name``) at once.

    Jinja looks ``a.b`` up as an attribute first and as a key when that fails: for a dict, an
    AttributeError raised and caught for every name a form prints. A name no attribute of dict
    has (``name``, not ``items``) can only be a key, so it is looked up as one first; anything
    else goes the sandbox's way, with its checks. What a template finds is the same.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def jinja_env() -> jinja2.Environment:
    """Jinja as every template, ours and users', is rendered: in the immutable sandbox (a template
    is a file from whoever sent it, and plain Jinja lets its text reach Python's object graph and
    run a command; the sandbox refuses private attributes and any change to the data, with a
    TemplateError naming the part); autoescape on (an ``&`` or ``<`` in the data would otherwise
    break the XML and docxtpl's lenient parser would silently drop text); undefined variables
    are errors, not blanks."""
    return _Sandbox(autoescape=True, undefined=jinja2.StrictUndefined)


def _template_error(exc: jinja2.TemplateError, template: Path, part: str, source: str = "") -> TemplateError:
    """The error named by part and, where the source is known, by the text of the paragraph it
    is in (the line of patched XML means nothing to whoever edits the template in Word)."""
    line = getattr(exc, "lineno", None)
    where = ""
    if source and line:
        text = source.splitlines()[min(line, len(source.splitlines())) - 1]
        paragraph = re.sub(r"<[^>]+>|\{#|#\}", "", text).strip()  # the markup, and _source's line comments
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
            raise TemplateError(say("template.unplaced", kind=kind), template=str(template))
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


class CompiledTemplate:
    """A docxtpl template prepared once: render it with any context, many times.

    Thread-safe: ``render`` keeps its per-document state local.
    """

    def __init__(self, template: str | Path) -> None:
        self.template = Path(template)
        if not self.template.is_file():
            raise TemplateError(say("template.missing"), template=str(self.template))
        self._env = jinja_env()
        try:
            self._prepare()
        except InputError as exc:  # too large, a zip bomb, not a zip: the template's problem
            raise TemplateError(exc.problems[0][1] if exc.problems else str(exc), template=str(self.template)) from exc
        except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
            raise TemplateError(say("template.unusable", reason=str(exc)), template=str(self.template)) from exc
        except jinja2.TemplateSyntaxError as exc:
            raise _template_error(exc, self.template, "template") from exc

    def _prepare(self) -> None:
        self._names, raw = read_all_parts(self.template)  # a stranger's template: within the limits
        doc_name = _main_document(raw["_rels/.rels"])
        rels_name = str(PurePosixPath(doc_name).parent / "_rels" / (PurePosixPath(doc_name).name + ".rels"))
        self._rels_name = rels_name
        rels_root = etree.fromstring(raw[rels_name])
        self._rels_xml = raw[rels_name]
        self._rels = {
            r.get("Id"): (r.get("Type"), r.get("Target"), r.get("TargetMode") == "External")
            for r in rels_root.iter(f"{{{_REL_NS}}}Relationship")
        }
        content_types = etree.fromstring(raw["[Content_Types].xml"])
        overrides = {o.get("PartName").lstrip("/"): o.get("ContentType") for o in content_types if o.get("PartName")}

        # the body: docxtpl renders the serialized w:body and puts the result back in the document
        doc_root = parse_xml(raw[doc_name])
        self._doc_shell = copy.deepcopy(doc_root)
        self._doc_shell.remove(self._doc_shell.find(f"{{{_W_NS}}}body"))
        self._body_index = list(doc_root).index(doc_root.find(f"{{{_W_NS}}}body"))
        # what preparing the parts makes (20-30 ms) is kept between runs, per template file
        content = (piece for name in self._names for piece in (name.encode("utf-8"), raw[name]))
        key = prepared.entry_key(content, (__file__, prepared.__file__, _splice.__file__))
        kept = prepared.load(key) if key else None
        if kept is None:
            kept = self._prepared_parts(raw, doc_name, doc_root, overrides)
            if key:
                prepared.store(key, *kept)
        parts, why = kept
        #: why a rendered body is parsed and serialized again (docxtpl's way), or "" when it is not
        self.why_parse = why
        env = self._env
        #: each part with Jinja tags, and its template made from the part's code
        self._parts = [(p, env.template_class.from_code(env, p.code, env.make_globals(None))) for p in parts]
        # core properties: docxtpl renders some of them as templates
        self._core_name = next((n for n in self._names if n.endswith("core.xml") and n.startswith("docProps")), None)
        self._core_templates: dict[str, jinja2.Template] = {}
        self._core_base: etree._Element | None = None
        if self._core_name:
            self._core_base = parse_xml(raw[self._core_name])
            cp = CoreProperties(self._core_base)
            for prop in _CORE_TEMPLATED:  # as docxtpl's render_properties, in its order
                value = getattr(cp, prop)
                if "{" in value:
                    self._core_templates[prop] = self._env.from_string(value)
                else:  # renders to itself: set once, here (it may add an empty element, as docxtpl does)
                    setattr(cp, prop, value)
        rendered = {p.name for p, _template in self._parts} | {rels_name}
        if self._core_name:
            rendered.add(self._core_name)
        # untouched parts are compressed once and copied into every document as they are
        self._untouched = {n: Deflated.of(raw[n]) for n in self._names if n not in rendered}

    def _prepared_parts(
        self, raw: dict[str, bytes], doc_name: str, doc_root: etree._Element, overrides: dict[str, str]
    ) -> tuple[list[PreparedPart], str]:
        """Every part with Jinja tags patched and compiled, and ``why_parse`` of the body."""
        base = PurePosixPath(doc_name).parent
        body_source = _source(
            _DOCXTPL.patch_xml(_DOCXTPL.xml_to_string(doc_root.find(f"{{{_W_NS}}}body"))), patched=True
        )
        splice, why = self._body_splice(doc_root, body_source)
        parts = [PreparedPart(doc_name, "body", "utf-8", self._compile(body_source, doc_name), splice)]
        # headers and footers (through the document's relationships), and footnotes
        for rtype, target, external in self._rels.values():
            name = str(base / target) if not external else ""
            if rtype in (_DOCXTPL.HEADER_URI, _DOCXTPL.FOOTER_URI) and raw.get(name):
                xml = _DOCXTPL.get_part_xml(type("P", (), {"blob": raw[name]}))
                encoding = _DOCXTPL.get_headers_footers_encoding(xml)
                src = _source(xml)
                plain = encoding.lower() == "utf-8" and not why_parse(src, self._env)
                parts.append(
                    PreparedPart(
                        name, "xml", encoding, self._compile(src, name), Splice(DECLARATION, b"") if plain else None
                    )
                )
        for name, ctype in overrides.items():
            if ctype == _CT_FOOTNOTES and name in raw:
                src = _source(raw[name].decode("utf-8"))
                parts.append(PreparedPart(name, "xml", "utf-8", self._compile(src, name), None))
        return parts, why

    def _body_splice(self, doc_root: etree._Element, body_source: str) -> tuple[Splice | None, str]:
        """The document before and after its body, and the body's opening tag as rendered, when
        the rendered body can go between them as it is; else None and why it must be parsed,
        checked and serialized as docxtpl does (:func:`~sar_forms.ooxml.splice.why_parse`)."""
        reason = why_parse(body_source, self._env)
        opening = _BODY_OPEN.match(body_source)
        if reason:
            return None, reason
        if opening is None:
            return None, "the body's opening tag has attributes"
        shell = copy.deepcopy(self._doc_shell)
        shell.insert(self._body_index, etree.Element(f"{{{_W_NS}}}body"))
        pieces = serialize_part_xml(shell).split(b"<w:body/>")
        # the body's namespaces are declared on the document already: it opens as <w:body>
        declared = dict(_NS_DECLARATION.findall(opening.group(0)))
        if len(pieces) != 2 or any(doc_root.nsmap.get(p or None) != uri for p, uri in declared.items()):
            return None, "the body declares namespaces the document does not"
        return Splice(pieces[0] + b"<w:body>", pieces[1], opening.group(0)), ""

    def _compile(self, src: str, part: str) -> CodeType:
        """The part's Jinja source compiled (Environment.compile: what from_string makes a template of)."""
        try:
            code: CodeType = self._env.compile(src)
            return code
        except jinja2.TemplateSyntaxError as exc:
            raise _template_error(exc, self.template, part, src) from exc

    def render(
        self, make_context: ContextFactory, core: CoreSetter | None = None, *, plain_context: bool = False
    ) -> bytes:
        """The .docx of the context ``make_context(links)`` makes, as bytes.

        ``links`` hands out hyperlink relationship ids of this document (``build_url_id``);
        ``core`` may set the core properties after docxtpl's templated ones are rendered.
        ``plain_context``: the caller vouches that the context holds text, numbers, lists,
        mappings and docxtpl's ``RichText`` only, no image, sub-document or other markup (a form's
        own context never does): it is not searched for one, and when the template allows it the
        rendered body goes into the document unparsed (see :mod:`sar_forms.ooxml.splice`).
        """
        links = Links(self._rels)
        context = make_context(links)
        if not plain_context:
            _refuse_unsupported(context, self.template)
        out: dict[str, bytes] = {}
        for part, template in self._parts:
            try:
                xml = template.render(context)
            except jinja2.TemplateError as exc:
                raise _template_error(exc, self.template, part.name) from exc
            if "\n<w:p" in xml:  # a line break the template's own XML holds there: docxtpl drops it
                xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
            out[part.name] = self._part_bytes(part, xml, plain_context)
        out[self._rels_name] = relationships_with(self._rels_xml, tuple(links.new))
        if self._core_name:
            out[self._core_name] = self._core_properties(context, core)
        return self._zip(out)

    def _part_bytes(self, part: PreparedPart, xml: str, plain_context: bool) -> bytes:
        """A part's rendered text as the part: docxtpl's line breaks resolved, and then either
        the text as it is (``part.splice``) or parsed, fixed as docxtpl fixes it, and serialized."""
        splice = part.splice if plain_context else None
        # docxtpl's paragraph and page breaks (\a, \f) could close a paragraph inside a link
        if splice is not None and not (xml.startswith(splice.opening) and "\a" not in xml and "\f" not in xml):
            splice = None
        xml = _resolve_listing(xml)
        if splice is not None:
            data = legal_utf8(xml[len(splice.opening) :])
            if data is not None:
                return splice.head + data + splice.tail
        if part.kind != "body":
            return bytes(serialize_part_xml(parse_xml(xml.encode(part.encoding))))
        tree = _DOCXTPL.fix_tables(xml)  # always, as docxtpl does: it trims a grid wider than the rows
        _fix_docpr_ids(tree)
        root = copy.deepcopy(self._doc_shell)
        root.insert(self._body_index, tree)
        return bytes(serialize_part_xml(root))

    def _core_properties(self, context: dict[str, Any], core: CoreSetter | None) -> bytes:
        assert self._core_base is not None
        element = copy.deepcopy(self._core_base)
        cp = CoreProperties(element)
        for prop, template in self._core_templates.items():  # the rest of docxtpl's render_properties
            setattr(cp, prop, template.render(context))
        if core is not None:
            core(cp)
        return serialize_part_xml(element)

    def _zip(self, rendered: dict[str, bytes]) -> bytes:
        return zip_entries(
            (name, _deflated(rendered[name]) if name in rendered else self._untouched[name]) for name in self._names
        )


#: a rendered part this small is often the same in many documents (a footer, the relationships)
_SMALL_PART = 4096


def _deflated(data: bytes) -> Deflated:
    """A rendered part compressed for the zip, by ISA-L (:meth:`Deflated.quick`); a small one
    kept, since many documents repeat it."""
    return _deflated_small(data) if len(data) <= _SMALL_PART else Deflated.quick(data)


@functools.lru_cache(maxsize=64)
def _deflated_small(data: bytes) -> Deflated:
    return Deflated.quick(data)


def _source(xml: str, *, patched: bool = False) -> str:
    """A part's XML as the Jinja template it is compiled from (``patched``: docxtpl's tags
    already turned into Jinja's)."""
    src = xml if patched else _DOCXTPL.patch_xml(xml)
    # a line a paragraph, as docxtpl's render_xml_part makes it, for Jinja's line numbers in errors:
    # docxtpl puts a line break there and takes it out of the rendered XML again (two passes over
    # every document); a Jinja comment holding the line break prints nothing. Not in a template
    # that writes comment marks of its own: one of ours could close its comment
    line = "\n" if "{#" in src or "#}" in src else "{#\n#}"
    src = re.sub(r"<w:p([ >])", line + r"<w:p\1", src)
    return _TEMPLATE_ESCAPES.sub(lambda m: _ESCAPED[m.group(0)], src)


def _resolve_listing(xml: str) -> str:
    """docxtpl's resolve_listing (\\n, \\t, \\a, \\f in text become breaks, tabs, paragraphs,
    pages), applied only to the paragraphs that hold one of them.

    resolve_listing works paragraph by paragraph (``<w:p ...>`` to the next ``</w:p>``) and
    leaves paragraphs without those characters as they are; scanning the whole body with its
    pattern was a fifth of a render.
    """
    out: list[str] = []
    pos = 0
    while (at := _next_listing_char(xml, pos)) >= 0:
        start = max(xml.rfind("<w:p>", pos, at), xml.rfind("<w:p ", pos, at))
        end = xml.find("</w:p>", at)
        if start < 0 or end < 0:  # not inside a paragraph: resolve_listing leaves it too
            out.append(xml[pos : at + 1])
            pos = at + 1
            continue
        end += len("</w:p>")
        out.append(xml[pos:start])
        out.append(_resolved_paragraph(xml[start:end]))
        pos = end
    out.append(xml[pos:])
    return "".join(out)


def _next_listing_char(xml: str, pos: int) -> int:
    """Where the next of resolve_listing's characters is, from ``pos``, or -1: one ``str.find``
    for each (a regular expression's character class scans Thai text ten times slower)."""
    found = [i for c in _LISTING_CHARS if (i := xml.find(c, pos)) >= 0]
    return min(found) if found else -1


@functools.lru_cache(maxsize=512)
def _resolved_paragraph(paragraph: str) -> str:
    """docxtpl's resolve_listing of one paragraph, kept: the result depends on the paragraph's
    XML alone, and a batch's forms repeat the same ones (an indicator's levels and their texts)."""
    resolved: str = _DOCXTPL.resolve_listing(paragraph)
    return resolved


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
