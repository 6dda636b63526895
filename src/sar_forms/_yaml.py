"""The one YAML reader: assessment files, workbooks' defaults and catalogues all go through it.

It sits below the catalogue, the models and the sources, which all read YAML, so that none of
them has to import another to get it. libyaml's C parser does the parsing when PyYAML has it
(ten times the speed of the pure-Python one, which was most of a batch's time over YAML files),
with the same resolver rules and the same file-and-line errors.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, SarFormsWarning
from .messages import say

__all__ = ["dump_yaml", "parse_yaml", "read_text", "read_yaml"]

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "seq", "map"))
_ScalarNode, _SequenceNode = yaml.ScalarNode, yaml.SequenceNode  # module names: resolve runs per node


class _Loader(_Base):  # type: ignore[misc]
    """YAML 1.1 without implicit floats: ``indicator: 1.10`` stays the string "1.10".

    The data holds no real numbers, while indicator codes look like them; YAML would read
    1.10 as 1.1 and lose the code.

    libyaml's composer calls back into Python for every node: to resolve its tag, and to step
    down and up the resolver's path (PyYAML's path resolvers, which this loader has none of).
    Those three are PyYAML's own with what serves only path resolvers taken out: a tenth of
    reading a form, and the same tags.
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is _ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], _WILDCARD):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is _SequenceNode else _MAP


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:float"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
assert not _Loader.yaml_path_resolvers  # what lets descend_resolver and ascend_resolver do nothing
# resolve's table: a scalar's first character -> its implicit resolvers, then the wildcard ones
_Resolvers = tuple[tuple[str, re.Pattern[str]], ...]
_WILDCARD: _Resolvers = tuple(_Loader.yaml_implicit_resolvers.get(None, []))
_IMPLICIT: dict[str | None, _Resolvers] = {
    first: (*resolvers, *_WILDCARD) for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}


#: Limits on what one file may become, checked on the parsed node graph as its data is built (an
#: alias's data is that one object, never a copy: nothing is expanded): a real form nests 6 levels
#: deep and holds some 10,000 characters; a file of a few KB whose aliases repeat one another would
#: otherwise expand to gigabytes ("billion laughs").
MAX_DEPTH = 32
MAX_CHARS = 2_000_000


def parse_yaml(text: str, source: str) -> Any:
    """The data of a YAML document, or :class:`InputError` naming ``source``, line and column.

    A key given twice in one mapping is an error (YAML would keep the last silently), and so is
    a document nested deeper than :data:`MAX_DEPTH` or larger than :data:`MAX_CHARS` characters
    once its aliases are expanded.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        builder = _Builder(loader, source)
        data = builder.build(node, 1)[0]
        # a merge key, a set, a tag of its own: checked in the same walk, built by PyYAML's constructor
        return loader.construct_document(node) if builder.unusual else data
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        # what breaks a hand-edited form is nearly always a ": " or "#" in a text, or a line indented
        # off: the message says how to mend it
        raise InputError(say("input.yaml_quote", line=line, column=column, problem=problem), source=source) from exc
    except RecursionError as exc:
        raise InputError(say("input.too_deep", line=0, depth=MAX_DEPTH), source=source) from exc
    finally:
        loader.dispose()


class _Builder:
    """Checks a composed document and builds its data in one walk: depth (at most
    :data:`MAX_DEPTH`), expanded size (an alias is the same node object met again: its size is
    counted each time it is used) and duplicate keys. It builds the texts, lists and mappings forms
    are made of, with PyYAML constructing the other scalars (numbers, booleans, dates); a node of
    any other kind is checked the same way and marks the document ``unusual``, for PyYAML's
    constructor to build. Checking first and constructing after walked every node twice: a tenth
    of a batch's reading."""

    def __init__(self, loader: Any, source: str) -> None:
        self.loader, self.source = loader, source
        self.built: dict[int, tuple[Any, int]] = {}  # id(node) -> (data, expanded size)
        self.aliased = False  # a node met again: an alias
        self.unusual = False

    def build(self, node: yaml.Node, depth: int) -> tuple[Any, int]:
        if depth > MAX_DEPTH:
            raise InputError(say("input.too_deep", line=node.start_mark.line + 1, depth=MAX_DEPTH), source=self.source)
        known = self.built.get(id(node))
        if known is not None:
            self.aliased = True
            return known
        if isinstance(node, yaml.ScalarNode):  # once unusual, what is built is PyYAML's: only checked here
            data = node.value if node.tag == _STR or self.unusual else self.loader.construct_object(node)
            return self._keep(node, data, len(node.value))
        if isinstance(node, yaml.SequenceNode):
            self.unusual |= node.tag != _SEQ
            items = [self.build(child, depth + 1) for child in node.value]
            return self._keep(node, [data for data, _ in items], 1 + sum(size for _, size in items))
        _check_keys(node, self.source)
        mapping: dict[Any, Any] = {}
        total = 1
        self.unusual |= node.tag != _MAP
        for key_node, value_node in node.value:
            self.unusual |= key_node.tag != _STR  # a merge key (<<), or a key that may not be hashable
            key, key_size = self.build(key_node, depth + 1)
            value, value_size = self.build(value_node, depth + 1)
            total += key_size + value_size
            if not self.unusual:
                mapping[key] = value
        return self._keep(node, mapping, total)

    def _keep(self, node: yaml.Node, data: Any, size: int) -> tuple[Any, int]:
        if size > MAX_CHARS:
            key = "input.too_large" if self.aliased else "input.too_large_plain"
            raise InputError(say(key, line=node.start_mark.line + 1, limit=f"{MAX_CHARS:,}"), source=self.source)
        self.built[id(node)] = (data, size)
        return data, size


def _check_keys(node: yaml.MappingNode, source: str) -> None:
    seen: dict[str, int] = {}
    for key, _value in node.value:
        if isinstance(key, yaml.ScalarNode):
            line = key.start_mark.line + 1
            if key.value in seen:
                raise InputError(
                    say("input.key_twice", line=line, name=repr(key.value), first=seen[key.value]), source=source
                )
            seen[key.value] = line


def read_text(path: Path) -> str:
    """A text file as Thai offices save them, or :class:`InputError` saying why not.

    UTF-8 (a BOM is dropped) is read as it is; UTF-16 with its BOM (Windows Notepad's "Unicode")
    and the Thai Windows encoding (cp874, which TIS-620 is part of) are read too, each with a
    :class:`~sar_forms.errors.SarFormsWarning` saying so; anything else is refused, naming the
    first byte that is not UTF-8."""
    if path.exists() and not path.is_file():  # a FIFO would wait for ever, a folder cannot be read
        raise InputError(say("input.not_a_file"), source=str(path))
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(say("input.no_file"), source=str(path)) from exc
    except OSError as exc:
        raise InputError(say("input.cannot_read", reason=exc.strerror or str(exc)), source=str(path)) from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(say("input.bad_utf16", byte=exc.start), source=str(path)) from exc
        warnings.warn(say("input.read_as", encoding="UTF-16"), SarFormsWarning, stacklevel=2)
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError:
        text = ""
    if re.search("[\u0e01-\u0e5b]", text):
        warnings.warn(say("input.read_as_thai_windows"), SarFormsWarning, stacklevel=2)
        return text
    raise InputError(say("input.not_utf8", byte=utf8_error.start), source=str(path)) from utf8_error


def read_yaml(path: Path) -> Any:
    return parse_yaml(read_text(path), str(path))


class _Key(str):
    """A mapping's key, written plain (texts are quoted, keys need not be)."""


class _Dumper(yaml.SafeDumper):  # type: ignore[misc]
    """Writes every text double-quoted and every key plain: in a quoted text a colon, a ``#`` or
    a line break cannot change the structure, and a line indented one space off is an error
    (which the reader is told how to mend) instead of two items silently run into one."""

    def represent_mapping(self, tag: str, mapping: Any, flow_style: Any = None) -> yaml.MappingNode:
        return super().represent_mapping(
            tag, {_Key(k) if isinstance(k, str) else k: v for k, v in mapping.items()}, flow_style
        )


_Dumper.add_representer(_Key, lambda dumper, key: dumper.represent_scalar("tag:yaml.org,2002:str", str(key)))
_Dumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style='"')
)


def dump_yaml(data: Any) -> str:
    """``data`` as YAML that ordinary edits cannot silently break (see :class:`_Dumper`): Thai as
    it is, keys in the order given, each text on one line."""
    text: str = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9)
    return text
