"""The Converter protocol and the LibreOffice converter (warm local workers or remote unoservers).

Why the converter looks like this: a fresh ``soffice --convert-to`` pays LibreOffice's start-up
(seconds) for every document, while a warm LibreOffice still spends 0.2-0.3 s on each one and
converts one at a time. So a converter keeps one warm LibreOffice per worker, each with its own
private profile (two instances may not share one), and hands documents to whichever is free.
Every conversion has a timeout; a LibreOffice that hangs or dies is killed with its whole
process group, started again, and the document retried a bounded number of times. A conversion
counts only when a non-empty PDF that parses, with at least one page, exists.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import queue
import selectors
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Protocol, runtime_checkable

from .._fs import TEMP_PREFIX
from ..errors import ConversionError, ConverterUnavailable, FontError
from ..messages import say
from .fonts import ThaiFont, font_environment
from .postprocess import check_pdf

__all__ = [
    "INSTALL_HINT",
    "Allocator",
    "Converter",
    "LibreOfficeConverter",
    "allocator_environment",
    "check_thai_font",
    "jemalloc_path",
    "pdfa_options",
]

INSTALL_HINT = say("pdf.install_hint")  # what to install, in the language messages are shown in
PDFA_OPTIONS = ("SelectPdfVersion=2", "UseTaggedPDF=true")  # PDF/A-2b, tagged


DESTINATION_OPTIONS = ("ExportBookmarksToPDFDestination=true",)  # Word bookmarks -> PDF named destinations


def pdfa_options(pdfa: bool, destinations: bool = False) -> list[str]:
    """LibreOffice's PDF export options (FilterData) for PDF/A and for named destinations."""
    return (list(PDFA_OPTIONS) if pdfa else []) + (list(DESTINATION_OPTIONS) if destinations else [])


@runtime_checkable
class Converter(Protocol):
    """Turns a .docx file into a PDF file; safe to call from several threads at once.

    ``destinations``: the document's bookmarks become the PDF's named destinations (a merged
    conversion finds where each form begins by them). ``concurrency`` is how many conversions it
    runs at once (a batch converts on that many threads), ``local_workers`` how many of those take
    a core of this machine (a batch renders on the cores they leave; remote servers take none).
    :class:`~sar_forms.pdf.fake.FakeConverter` is one for tests, without LibreOffice.
    """

    @property
    def concurrency(self) -> int: ...

    @property
    def local_workers(self) -> int: ...

    def convert(self, source: Path, target: Path, *, pdfa: bool = False, destinations: bool = False) -> Path: ...

    def check_font(self, family: str) -> None:
        """Raise :class:`FontError` if text in ``family`` would not come out as Thai: the
        pre-flight before a conversion (a converter that cannot tell does nothing)."""
        ...

    def close(self) -> None: ...


Allocator = Literal["auto", "system"]


def allocator_environment(allocator: Allocator) -> dict[str, str]:
    """The environment that makes local LibreOffice use ``allocator`` ("auto": jemalloc when
    installed; any ``LD_PRELOAD`` already set is kept after it)."""
    if allocator not in ("auto", "system"):
        raise ValueError(f"allocator is 'auto' or 'system', not {allocator!r}")
    path = jemalloc_path() if allocator == "auto" else None
    if path is None:
        return {}
    return {"LD_PRELOAD": " ".join(filter(None, [path, os.environ.get("LD_PRELOAD", "")]))}


def check_thai_font(family: str, env: dict[str, str] | None = None) -> str:
    return _check_thai_font(family, tuple(sorted((env or {}).items())))


@functools.cache
def _check_thai_font(family: str, env: tuple[tuple[str, str], ...]) -> str:
    """The font family that ``family`` resolves to on this host, if it can set Thai.

    LibreOffice substitutes a missing font silently; a Latin-only substitute makes every Thai
    character a box in the PDF. fontconfig tells what the substitute will be and which
    languages it covers, so a wrong one is refused here, with the fix.
    """
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise ConverterUnavailable(say("pdf.no_fc_match", hint=INSTALL_HINT))
    out = subprocess.run(
        [fc_match, "--format=%{family}\n%{lang}", family],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **dict(env)},
    ).stdout.splitlines()
    resolved = out[0].split(",")[0] if out else ""
    langs = out[1].split("|") if len(out) > 1 else []
    if "th" not in langs:
        raise FontError(say("pdf.font_not_thai", family=repr(family), resolved=repr(resolved or "nothing")))
    return resolved


# ----------------------------------------------------------------------------- local workers


class _Broken(Exception):
    """The worker cannot go on (hung, died, or answered with an error): restart it."""


def _uno_python() -> str:
    """A Python interpreter that has LibreOffice's ``uno`` module."""
    candidates = [os.environ.get("SAR_FORMS_UNO_PYTHON"), "/usr/bin/python3", "/usr/lib/libreoffice/program/python"]
    for exe in filter(None, candidates):
        if os.access(exe, os.X_OK) and _has_uno(exe):
            return exe
    raise ConverterUnavailable(say("pdf.no_uno", hint=INSTALL_HINT))


@functools.cache
def _has_uno(exe: str) -> bool:
    return subprocess.run([exe, "-c", "import uno"], capture_output=True, check=False).returncode == 0


#: Where Debian and other distributions put jemalloc (package libjemalloc2).
_JEMALLOC = ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib")


def jemalloc_path() -> str | None:
    """jemalloc's shared library on this host, if installed.

    LibreOffice spends about a fifth of a conversion in glibc's malloc and free (measured with
    perf on merged forms); with jemalloc preloaded the same conversion takes 15-25% less CPU and
    writes the same PDF (tests/test_convert.py compares them).
    """
    for folder in _JEMALLOC:
        path = os.path.join(folder, "libjemalloc.so.2")
        if os.path.isfile(path):
            return path
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_dead(pid: int, timeout: float) -> None:
    """Wait until ``pid`` has exited (gone, or a zombie waiting to be reaped), ``timeout`` at most."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return
        if state in "ZX":
            return
        time.sleep(0.02)


class _LocalWorker:
    """One warm LibreOffice, behind the ``_uno_worker`` script, in its own process group."""

    def __init__(
        self, soffice: str, python: str, home: Path, startup_timeout: float, env: dict[str, str] | None = None
    ) -> None:
        self.soffice, self.python, self.home = soffice, python, home
        self.extra_env = env or {}
        self.startup_timeout = startup_timeout
        self.proc: subprocess.Popen[str] | None = None
        self.soffice_pid: int | None = None
        self.starts = 0
        home.mkdir(parents=True, exist_ok=True)

    def _read_line(self, timeout: float) -> dict[str, Any]:
        assert self.proc is not None and self.proc.stdout is not None
        with selectors.DefaultSelector() as sel:
            sel.register(self.proc.stdout, selectors.EVENT_READ)
            if not sel.select(timeout):
                raise _Broken(f"LibreOffice did not answer within {timeout:g} s")
        line = self.proc.stdout.readline()
        if not line:
            raise _Broken(f"LibreOffice exited (code {self.proc.wait()}){self._stderr_tail()}")
        return dict(json.loads(line))

    def _stderr_tail(self) -> str:
        path = self.home / "stderr.log"
        with contextlib.suppress(OSError):
            tail = path.read_text(errors="replace")[-600:].strip()
            return f": {tail}" if tail else ""
        return ""

    def start(self) -> None:
        self.stop()
        self.starts += 1
        script = resources.files("sar_forms").joinpath("pdf", "_uno_worker.py")
        # LibreOffice's Python must not see this virtualenv's packages
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
        env["PYTHONNOUSERSITE"] = "1"
        env.update(self.extra_env)
        with open(self.home / "stderr.log", "w") as err:
            self.proc = subprocess.Popen(
                [
                    self.python,
                    str(script),
                    "--soffice",
                    self.soffice,
                    "--port",
                    str(_free_port()),
                    "--profile",
                    str(self.home / "profile"),
                    "--startup-timeout",
                    str(self.startup_timeout),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
                bufsize=1,
                env=env,
                start_new_session=True,
            )
        msg = self._read_line(self.startup_timeout + 5)
        if not msg.get("ready"):
            self.stop()
            raise ConverterUnavailable(f"LibreOffice did not start: {msg.get('error')}{self._stderr_tail()}")
        self.soffice_pid = int(msg["soffice_pid"])

    def stop(self) -> None:
        """Kill the worker and its LibreOffice: the whole process group, hung or not."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(Exception):
            self.proc.wait(timeout=10)
        if self.soffice_pid is not None:
            _wait_dead(self.soffice_pid, 5.0)  # killed; closed means gone, not still exiting
        for stream in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(Exception):
                stream.close()  # type: ignore[union-attr]
        self.proc, self.soffice_pid = None, None

    def convert(self, source: Path, target: Path, options: list[str], timeout: float) -> None:
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        assert self.proc is not None and self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps({"in": str(source), "out": str(target), "options": options}) + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            raise _Broken(f"LibreOffice is gone: {exc}") from exc
        answer = self._read_line(timeout)
        if not answer.get("ok"):
            raise _Broken(str(answer.get("error")))


class _RemoteWorker:
    """A unoserver running elsewhere (``host:port``); documents travel as bytes."""

    def __init__(self, address: str) -> None:
        host, _, port = address.rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"a remote converter is host:port, got {address!r}")
        self.address = address
        self.url = f"http://{host}:{port}"
        self.soffice_pid = None
        self.starts = 0

    def stop(self) -> None:
        pass

    def convert(self, source: Path, target: Path, options: list[str], timeout: float) -> None:
        import xmlrpc.client  # here: only remote converters need it (http.client, email: 7 ms of every start)

        class _Transport(xmlrpc.client.Transport):
            def make_connection(self, host: Any) -> Any:
                conn = super().make_connection(host)
                conn.timeout = timeout
                return conn

        proxy = xmlrpc.client.ServerProxy(self.url, transport=_Transport(), allow_none=True)
        try:
            data = proxy.convert(
                None, xmlrpc.client.Binary(source.read_bytes()), None, "pdf", "writer_pdf_Export", options, True
            )
        except (OSError, xmlrpc.client.Error) as exc:
            raise _Broken(f"unoserver at {self.address}: {exc}") from exc
        if not isinstance(data, (xmlrpc.client.Binary, bytes)):
            raise _Broken(f"unoserver at {self.address} answered {type(data).__name__}, not PDF data")
        target.write_bytes(data.data if isinstance(data, xmlrpc.client.Binary) else data)


class LibreOfficeConverter:
    """Converts .docx to PDF with warm LibreOffice processes (or remote unoservers).

    ``workers`` local LibreOffice processes (default: one per core) are started lazily, on
    first use; ``servers=["host:2003", ...]`` uses running unoservers instead. ``timeout``
    bounds each conversion; a failed attempt restarts that worker, and a document is tried
    ``retries`` more times before it is reported. Use it as a context manager, or ``close()``.

    ``thai_font`` picks what local workers set TH Sarabun text in when the host lacks the real
    font: a stand-in scaled to TH Sarabun's size (:mod:`sar_forms.fonts`), "laksaman" (from
    fonts-thai-tlwg) or "sarabun" (from the fontpkg-sarabun package); "auto" prefers the real
    TH Sarabun New, then Laksaman, then Sarabun. Remote unoservers use their own host's fonts.

    ``allocator``: "auto" runs local LibreOffice with jemalloc preloaded when the host has it
    (:func:`jemalloc_path`; the same PDFs for less CPU), "system" with the C library's malloc.
    """

    def __init__(
        self,
        workers: int | None = None,
        *,
        servers: Sequence[str] = (),
        timeout: float = 120.0,
        retries: int = 2,
        startup_timeout: float = 60.0,
        soffice: str | None = None,
        thai_font: ThaiFont = "auto",
        allocator: Allocator = "auto",
    ) -> None:
        self.timeout, self.retries = timeout, retries
        self.font_env: dict[str, str] = {}
        self.allocator: dict[str, str] = {}  # the environment that picks LibreOffice's malloc
        self.workers: list[_LocalWorker | _RemoteWorker]
        if servers:
            self.workers = [_RemoteWorker(s) for s in servers]
            self._tmp = None
        else:
            exe = soffice or shutil.which("soffice") or shutil.which("libreoffice")
            if exe is None:
                raise ConverterUnavailable(say("pdf.no_soffice", hint=INSTALL_HINT))
            python = _uno_python()
            self.font_env = font_environment(thai_font)
            self.allocator = allocator_environment(allocator)
            self._tmp = tempfile.TemporaryDirectory(prefix="sar-forms-lo-")
            home = Path(self._tmp.name)
            self.workers = [
                _LocalWorker(exe, python, home / f"w{i}", startup_timeout, {**self.font_env, **self.allocator})
                for i in range(workers or os.cpu_count() or 1)
            ]
        self._free: queue.Queue[_LocalWorker | _RemoteWorker] = queue.Queue()
        for w in self.workers:
            self._free.put(w)
        self._closed = threading.Event()

    def convert(self, source: Path, target: Path, *, pdfa: bool = False, destinations: bool = False) -> Path:
        """Convert ``source`` (.docx) to ``target`` (.pdf); ``target`` appears whole or not at all."""
        if self._closed.is_set():
            raise ConversionError(say("pdf.closed"), document=str(source))
        source, target = Path(source), Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        # LibreOffice picks its export filter by the extension: the temp name ends in .pdf
        fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{target.name}.", suffix=".part.pdf", dir=target.parent)
        os.close(fd)
        tmp = Path(name)
        errors: list[str] = []
        worker = self._free.get()
        try:
            for _attempt in range(self.retries + 1):
                tmp.unlink(missing_ok=True)
                try:
                    worker.convert(source, tmp, pdfa_options(pdfa, destinations), self.timeout)
                    check_pdf(tmp.read_bytes() if tmp.exists() else b"", "the PDF")
                except (_Broken, ConversionError) as exc:
                    errors.append(str(exc))
                    worker.stop()
                    continue
                os.replace(tmp, target)
                return target
        except BaseException:
            worker.stop()  # interrupted mid-request: its answer would confuse the next one
            raise
        finally:
            tmp.unlink(missing_ok=True)
            self._free.put(worker)
        raise ConversionError(
            say("pdf.no_pdf", attempts=self.retries + 1, errors=" | ".join(errors)), document=str(source)
        )

    @property
    def concurrency(self) -> int:
        """One conversion at a time per LibreOffice process or remote unoserver."""
        return len(self.workers)

    @property
    def local_workers(self) -> int:
        """How many LibreOffice processes this converter runs on this machine (0 for remote servers)."""
        return sum(isinstance(w, _LocalWorker) for w in self.workers)

    def check_font(self, family: str) -> None:
        if self._tmp is not None:  # local workers: their fontconfig is ours to ask
            check_thai_font(family, self.font_env)

    def close(self) -> None:
        self._closed.set()
        for w in self.workers:
            w.stop()
        if self._tmp is not None:
            self._tmp.cleanup()

    def __enter__(self) -> LibreOfficeConverter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
