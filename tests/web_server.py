"""A real workspace server for the tests: ``sar-forms serve`` in a process of its own, on loopback,
stopped on every way out (the test's end, its failure, an interrupt, the interpreter's exit)."""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

TOKEN = "test-token-" + "x" * 16


@dataclass
class Server:
    url: str
    token: str
    process: subprocess.Popen[bytes]
    data: Path
    log: Path

    def api(self, path: str) -> bytes:
        request = urllib.request.Request(self.url + path, headers={"Authorization": f"Bearer {self.token}"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            return bytes(answer.read())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stop(process: subprocess.Popen[bytes], hard: bool = False) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL if hard else signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)


def start(data: Path, *add: Path, token: str = TOKEN, workers: int = 1, extra: list[str] | None = None) -> Server:
    """A server on a free loopback port, once it answers; its own process group, killed at exit."""
    port = free_port()
    command = [sys.executable, "-m", "sar_forms.cli", "serve", "--data", str(data), "--port", str(port),
               "--token", token, "--workers", str(workers)]  # fmt: skip
    if add:
        command += ["--add", *map(str, add)]
    command += extra or []
    data.mkdir(parents=True, exist_ok=True)
    log = data.parent / f"server-{port}.log"
    with open(log, "wb") as out:  # the child keeps its own copy of the descriptor
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    atexit.register(_stop, process, True)
    server = Server(f"http://127.0.0.1:{port}", token, process, data, log)
    deadline = time.monotonic() + 120
    while True:
        if process.poll() is not None:
            raise RuntimeError(log.read_text(errors="replace"))
        try:
            server.api("/api/v1/health")
            return server
        except OSError:
            if time.monotonic() > deadline:
                _stop(process, hard=True)
                raise
            time.sleep(0.2)


@contextlib.contextmanager
def running(data: Path, *add: Path, token: str = TOKEN, workers: int = 1) -> Iterator[Server]:
    server = start(data, *add, token=token, workers=workers)
    try:
        yield server
    finally:
        _stop(server.process)
