"""The editor's HTML form and the data format, both ways, and the problems placed beside fields.

Every input of the editor is named by its field's path in the data format, the same path the
validation's errors give (``narrative.steps[2].items[0].text``, ``evidence.documents[1].url``):
a posted form nests back into data with :func:`nest`, and each error goes beside the input of
its path. A form of strangers' making is bounded: at most :data:`MAX_FIELDS` fields, list
indices below :data:`~sar_forms.domain.models.MAX_ITEMS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..domain.models import MAX_ITEMS
from ..errors import InputError
from ..messages import say

__all__ = ["MAX_FIELDS", "PARTS", "dom_id", "editable", "nest", "tidy"]

#: Fields one posted form may have: a form of 200 items of 20 sub-items each is far below.
MAX_FIELDS = 20_000
#: The narrative's parts in the order the form prints them.
PARTS = ("steps", "results", "problems", "suggestions")
_PATH = re.compile(r"[A-Za-z_]+|\[\d{1,4}\]")
_WHOLE = re.compile(r"[A-Za-z_]+(?:\[\d{1,4}\]|\.[A-Za-z_]+)*")
_BOOLEAN = {"submitted", "done", "clear"}


def _path(name: str) -> list[str | int]:
    tokens = _PATH.findall(name)
    if not _WHOLE.fullmatch(name):
        raise InputError([(name, say("web.bad_field"))])
    out: list[str | int] = []
    for t in tokens:
        if t.startswith("["):
            index = int(t[1:-1])
            if index >= MAX_ITEMS * 20:
                raise InputError([(name, say("web.bad_field"))])
            out.append(index)
        else:
            out.append(t)
    return out


def nest(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Posted fields, named by their data paths, as nested data (lists in index order; a
    checkbox's "on" as true)."""
    root: dict[str, Any] = {}
    count = 0
    for name, value in pairs:
        count += 1
        if count > MAX_FIELDS:
            raise InputError([("", say("web.too_many_fields", limit=MAX_FIELDS))])
        if name.startswith("_") or name in ("revision", "csrf"):
            continue  # the editor's own fields, not data
        path = _path(name)
        node: Any = root
        for key in path[:-1]:
            node = node.setdefault(key, {})  # a list is kept as {index: value} until the end
            if not isinstance(node, dict):
                raise InputError([(name, say("web.bad_field"))])
        leaf = path[-1]
        if isinstance(node.get(leaf), dict):
            raise InputError([(name, say("web.bad_field"))])
        node[leaf] = (value == "on") if leaf in _BOOLEAN else value
    out: dict[str, Any] = _lists(root)
    return out


def _lists(node: Any) -> Any:
    if isinstance(node, dict):
        if node and all(isinstance(k, int) for k in node):
            return [_lists(node[k]) for k in sorted(node)]
        return {k: _lists(v) for k, v in node.items()}
    return node


def tidy(data: dict[str, Any]) -> dict[str, Any]:
    """Posted data as the data format writes it: an item without sub-items as its text, empty
    optional fields (a link, its words, the process heading) left out, a level as a number."""
    out = dict(data)
    narrative = dict(out.get("narrative") or {})
    for part in PARTS:
        narrative[part] = [_item(i) for i in narrative.get(part) or []]
    if not (narrative.get("process_heading") or "").strip():
        narrative.pop("process_heading", None)
    out["narrative"] = narrative
    evidence = dict(out.get("evidence") or {})
    for kind in ("documents", "references"):
        entries = []
        for entry in evidence.get(kind) or []:
            kept = {k: v for k, v in dict(entry).items() if not (isinstance(v, str) and not v.strip() and k != "title")}
            if kind == "documents":
                kept.setdefault("submitted", False)
            entries.append(kept)
        evidence[kind] = entries
    out["evidence"] = {k: v for k, v in evidence.items() if v}
    if isinstance(out.get("level"), str):
        out["level"] = int(out["level"]) if out["level"].strip().isdigit() else None
    if out.get("level") is None:
        out.pop("level", None)
    if "points" in out:
        out["points"] = [{"done": bool(p.get("done")), "clear": bool(p.get("clear"))} for p in out["points"] or []]
        if not any(p["done"] for p in out["points"]):
            out.pop("points")
    return out


def _item(item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    subs = [_item(s) for s in item.get("items") or []]
    text = item.get("text", "")
    return {"text": text, "items": subs} if subs else text


def editable(data: dict[str, Any]) -> dict[str, Any]:
    """Data as the editor shows it: every item a mapping of its text and sub-items' texts."""

    def item(value: Any) -> dict[str, Any]:
        if isinstance(value, dict):
            return {"text": value.get("text", ""), "items": [item(s)["text"] for s in value.get("items") or []]}
        return {"text": str(value), "items": []}

    narrative = data.get("narrative") or {}
    evidence = data.get("evidence") or {}
    return {
        **data,
        "narrative": {
            "process_heading": narrative.get("process_heading") or "",
            **{part: [item(i) for i in narrative.get(part) or []] for part in PARTS},
        },
        "evidence": {
            "documents": [dict(d) for d in evidence.get("documents") or []],
            "references": [dict(r) for r in evidence.get("references") or []],
        },
    }


def dom_id(field: str) -> str:
    """The element id of a field's problems: ``narrative.steps[2].text`` -> ``p-narrative-steps-2-text``."""
    return "p-" + re.sub(r"[^A-Za-z0-9]+", "-", field).strip("-")
