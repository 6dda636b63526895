"""A batch in flight: renders on one executor, converts merged chunks on another, journals each
record as it finishes.

The state that was seven closures over six shared dicts is one object with named parts: the
records in flight (renders and conversions), the chunks being gathered, the groups of chunks
whose pushed forms wait to be converted again together. Chunks are fixed by input order, never by
which render finishes first: a merged PDF's font subsets hold the glyphs of all its forms, so a
form's PDF bytes depend on its chunk, and the same input must give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .._fs import atomic_write
from ..errors import SarFormsError
from ..forms.produce import FormProducer, document_date
from .manifest import JOURNAL, Result, Status
from .workers import Job, Rendered, render

if TYPE_CHECKING:  # a type only: a batch of .docx files never loads the PDF floor
    from ..pdf.recipe import Pushed

__all__ = ["PUSHED_GROUP", "Scheduler"]

#: Chunks whose forms with a heading pushed to the next page (about one in ten) are converted
#: again together, once all those chunks are done: a second conversion in chunks, not one or
#: two forms at a time, at LibreOffice's full cost per load.
PUSHED_GROUP = 10

#: A chunk's member rendered: when its record started, its copy for PDF, its document's date;
#: None when its render failed.
_Member = tuple[float, bytes, dt.datetime] | None


class Scheduler:
    """Render on ``renders`` and convert on ``converts``, at most ``window`` records in flight;
    every finished record is written into ``results`` and journalled at once (``--resume`` after
    a kill).

    PDFs are converted ``chunk`` forms at a time (one merged conversion, split again: see
    :meth:`FormProducer.pdfs_from_copies`). Forms whose heading had to be pushed are converted
    again once every chunk of their group (:data:`PUSHED_GROUP`) is done, together and by input
    order.
    """

    def __init__(
        self,
        results: list[Result],
        todo: Iterator[tuple[int, Job]],
        producer: FormProducer,
        out_dir: Path,
        *,
        window: int,
        chunk: int,
        on_result: Callable[[Result], None] | None = None,
    ) -> None:
        self.results, self.pending, self.producer, self.out_dir = results, todo, producer, out_dir
        self.window, self.chunk, self.on_result = window, chunk, on_result
        self.chunk_of: dict[int, int] = {}  # result index -> its chunk, by the order jobs are read in
        self.sizes: dict[int, int] = {}  # chunk -> jobs read into it so far (all of them once ``ended``)
        self.read, self.ended = 0, False
        self.rendering: dict[Future[Any], tuple[int, Job, float]] = {}
        # conversions: the chunk's number (None: forms pushed, converted again) and its members
        self.converting: dict[Future[Any], tuple[int | None, list[tuple[int, float]]]] = {}
        self.gathering: dict[int, dict[int, _Member]] = {}  # per chunk, its members rendered so far
        # per group of PUSHED_GROUP chunks: the chunks done, and their forms pushed (index, started, form)
        self.groups: dict[int, tuple[list[int], list[tuple[int, float, Pushed]]]] = {}
        self._journal: IO[str] | None = None

    def run(self, renders: Executor, converts: Executor) -> None:
        """Until every job read from ``todo`` is finished (or raises: the journal keeps what was)."""
        self.renders, self.converts = renders, converts
        with (self.out_dir / JOURNAL).open("a", encoding="utf-8") as self._journal:
            self._fill()
            while self.rendering or self.converting:
                done, _ = wait([*self.rendering, *self.converting], return_when=FIRST_COMPLETED)
                for fut in sorted(done, key=lambda f: f in self.converting):
                    if fut in self.converting:
                        self._converted(fut)
                    else:
                        self._rendered(fut)
                self._fill()

    def _finish(self, i: int, res: Result) -> None:
        self.results[i] = res
        assert self._journal is not None
        self._journal.write(json.dumps(res.row(), ensure_ascii=False) + "\n")
        self._journal.flush()
        if self.on_result:
            self.on_result(res)

    def _in_flight(self) -> int:
        # not the forms pushed: a group holds a bounded few until its last chunk is done
        held = sum(m is not None for members in self.gathering.values() for m in members.values())
        return len(self.rendering) + held + sum(len(c) for _n, c in self.converting.values())

    def _fill(self) -> None:
        while not self.ended and self._in_flight() < self.window:
            nxt = next(self.pending, None)
            if nxt is None:
                self.ended = True  # the last chunk holds what it has: send those already gathered
                for number in [n for n, members in self.gathering.items() if len(members) == self.sizes[n]]:
                    self._send(number)
                for group in list(self.groups):
                    self._group_done(group)
                return
            i, job = nxt
            if job.pdf:
                number, self.read = self.read // self.chunk, self.read + 1
                self.chunk_of[i] = number
                self.sizes[number] = self.sizes.get(number, 0) + 1
            self.rendering[self.renders.submit(render, job)] = (i, job, time.perf_counter())

    def _rendered(self, fut: Future[Any]) -> None:
        i, job, started = self.rendering.pop(fut)
        res = self.results[i]
        rendered: Rendered = fut.result()
        if rendered.error is not None:
            self._finish(i, res.failed(rendered.error, rendered.seconds))
            if res.pdf:
                self._gathered(i, None)
            return
        atomic_write(self.out_dir / res.docx, rendered.docx, within=self.out_dir)
        res = replace(res, docx_sha256=hashlib.sha256(rendered.docx).hexdigest())
        if res.pdf:
            self.results[i] = res
            self._gathered(i, (started, rendered.pdf_copy, document_date(job.assessment)))
            return
        self._finish(i, replace(res, status=Status.PRODUCED, seconds=round(time.perf_counter() - started, 4)))

    def _gathered(self, i: int, member: _Member) -> None:
        """Record a chunk's member rendered (or failed); send the chunk once all are in."""
        number = self.chunk_of.pop(i)
        members = self.gathering.setdefault(number, {})
        members[i] = member
        if len(members) == self.chunk or (self.ended and len(members) == self.sizes[number]):
            self._send(number)

    def _send(self, number: int) -> None:
        members = self.gathering.pop(number)
        del self.sizes[number]
        batch = [(j, m) for j, m in sorted(members.items()) if m is not None]
        if not batch:
            self._chunk_done(number, [])
            return
        fut = self.converts.submit(
            self.producer.pdfs_from_copies, [m[1] for _j, m in batch], [m[2] for _j, m in batch], defer_pushed=True
        )
        self.converting[fut] = (number, [(j, m[0]) for j, m in batch])

    def _converted(self, fut: Future[Any]) -> None:
        number, members = self.converting.pop(fut)
        try:
            pdfs: list[bytes | SarFormsError | Pushed] = fut.result()
        except SarFormsError as exc:  # not the forms' fault: each is told
            pdfs = [exc] * len(members)
        pushed = []
        for (i, started), data in zip(members, pdfs, strict=True):
            res = self.results[i]
            if isinstance(data, SarFormsError):
                self._finish(i, res.failed(data, time.perf_counter() - started))
            elif isinstance(data, bytes):
                atomic_write(self.out_dir / res.pdf, data, within=self.out_dir)
                res = replace(res, pdf_sha256=hashlib.sha256(data).hexdigest())
                seconds = round(time.perf_counter() - started, 4)
                self._finish(i, replace(res, status=Status.PRODUCED, seconds=seconds))
            else:  # Pushed: its heading was pushed, converted again with its group
                pushed.append((i, started, data))
        if number is not None:
            self._chunk_done(number, pushed)

    def _chunk_done(self, number: int, pushed: list[tuple[int, float, Pushed]]) -> None:
        group = number // PUSHED_GROUP
        done, held = self.groups.setdefault(group, ([], []))
        done.append(number)
        held += pushed
        self._group_done(group)

    def _group_done(self, group: int) -> None:
        """Once all chunks of a group are done, convert its forms pushed together (by input
        order, so the same input makes the same chunks and bytes)."""
        done, held = self.groups[group]
        chunks = PUSHED_GROUP
        if self.ended:  # the last group may hold fewer
            chunks = min(PUSHED_GROUP, -(-self.read // self.chunk) - group * PUSHED_GROUP)
        if len(done) < chunks:
            return
        del self.groups[group]
        held.sort(key=lambda item: item[0])
        for start in range(0, len(held), self.chunk):
            part = held[start : start + self.chunk]
            fut = self.converts.submit(self.producer.pdfs_from_pushed, [item[2] for item in part])
            self.converting[fut] = (None, [(i, started) for i, started, _item in part])
