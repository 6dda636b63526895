"""The one YAML reader: assessment files, workbooks' defaults and catalogues all go through it.

It sits below the catalogue, the models and the sources, which all read YAML, so that none of
them has to import another to get it. libyaml's C parser does the parsing when PyYAML has it
(ten times the speed of the pure-Python one, which was most of a batch's time over YAML files),
with the same resolver rules and the same file-and-line errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import InputError

__all__ = ["parse_yaml", "read_text", "read_yaml"]

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """YAML 1.1 without implicit floats: ``indicator: 1.10`` stays the string "1.10".

    The data holds no real numbers, while indicator codes look like them; YAML would read
    1.10 as 1.1 and lose the code.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:float"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


#: Limits on what one file may become, checked on the parsed node graph before anything is built:
#: a real form nests 6 levels deep and holds some 10,000 characters; a file of a few KB whose
#: aliases repeat one another would otherwise expand to gigabytes ("billion laughs").
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
        _check_graph(node, source)
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"malformed YAML: {where}{problem}", source=source) from exc
    except RecursionError as exc:
        raise InputError(f"the YAML nests deeper than {MAX_DEPTH} levels", source=source) from exc
    finally:
        loader.dispose()


def _check_graph(root: yaml.Node, source: str) -> None:
    """Depth, expanded size and duplicate keys of a composed document, without recursion (an
    alias is the same node object met again: its size is counted each time it is used)."""
    size: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, children_done = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(
                f"line {node.start_mark.line + 1}: the YAML nests deeper than {MAX_DEPTH} levels", source=source
            )
        if id(node) in size:
            continue
        if isinstance(node, yaml.ScalarNode):
            size[id(node)] = len(node.value)
            continue
        children = [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else node.value
        if not children_done:
            if isinstance(node, yaml.MappingNode):
                _check_keys(node, source)
            stack.append((node, depth, True))
            stack.extend((child, depth + 1, False) for child in children)
            continue
        total = sum(size[id(child)] for child in children) + 1
        if total > MAX_CHARS:
            raise InputError(
                f"line {node.start_mark.line + 1}: the YAML expands to more than {MAX_CHARS:,} "
                "characters (aliases repeating aliases?)",
                source=source,
            )
        size[id(node)] = total


def _check_keys(node: yaml.MappingNode, source: str) -> None:
    seen: dict[str, int] = {}
    for key, _value in node.value:
        if isinstance(key, yaml.ScalarNode):
            line = key.start_mark.line + 1
            if key.value in seen:
                raise InputError(
                    f"line {line}: the key {key.value!r} is given twice (first on line {seen[key.value]}); keep one",
                    source=source,
                )
            seen[key.value] = line


def read_text(path: Path) -> str:
    """A UTF-8 text file (a BOM is dropped), or :class:`InputError` saying why not."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError("no such file", source=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", source=str(path)) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=str(path)) from exc


def read_yaml(path: Path) -> Any:
    return parse_yaml(read_text(path), str(path))
