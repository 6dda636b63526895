"""Where a batch renders: the job a render worker gets, what it sends back, and the executors.

A job crosses to another process (it is pickled), so it holds only the assessment and the
options rendering needs; each worker keeps one producer per template and digits for its life.
Workers end with the batch's process even when that one is killed."""

from __future__ import annotations

import functools
import os
import signal
import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain.models import Assessment
from ..errors import SarFormsError
from ..forms.context import Digits
from ..forms.produce import FormProducer

__all__ = ["InlineExecutor", "Job", "Rendered", "die_with", "render"]


@dataclass(frozen=True)
class Job:
    """What a render worker needs of a record (picklable: it may cross to another process)."""

    assessment: Assessment
    template: Path | None
    digits: Digits
    pdf: bool


@dataclass(frozen=True)
class Rendered:
    docx: bytes = b""
    pdf_copy: bytes = b""
    seconds: float = 0.0
    error: SarFormsError | None = None


@functools.lru_cache(maxsize=8)
def _producer(template: Path | None, digits: Digits) -> FormProducer:
    """A render worker's producer (and so its prepared templates), kept for the process's life."""
    return FormProducer(template, digits=digits)


def render(job: Job) -> Rendered:
    """Render one record's .docx (and its copy for PDF): runs in a worker process."""
    start = time.perf_counter()
    try:
        producer = _producer(job.template, job.digits)
        docx = producer.docx(job.assessment)
        copy = producer.pdf_copy(job.assessment) if job.pdf else b""
        return Rendered(docx, copy, time.perf_counter() - start)
    except SarFormsError as exc:
        return Rendered(seconds=time.perf_counter() - start, error=exc)
    except Exception as exc:  # an unexpected fault in one record is reported, not fatal to the batch
        return Rendered(
            seconds=time.perf_counter() - start, error=SarFormsError(f"unexpected {type(exc).__name__}: {exc}")
        )


def die_with(parent: int) -> None:
    """A render worker ends when the batch's process does, even when that one is killed (-9):
    Linux sends it SIGKILL then (PR_SET_PDEATHSIG); elsewhere the pool's own shutdown ends it."""
    if sys.platform.startswith("linux"):
        import ctypes  # here, in the worker: the batch's own process never needs it

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the batch died before the line above ran
        os._exit(1)


class InlineExecutor(Executor):
    """Runs each task at once, in this thread: ``jobs=1`` takes the same path as a pool."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        fut: Future[Any] = Future()
        try:
            fut.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            fut.set_exception(exc)
        return fut
