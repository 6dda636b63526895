"""A throwaway PostgreSQL server for the tests: Debian's binaries, a new cluster in a temporary
folder, on a free loopback port, run as the ``postgres`` user when the tests run as root (the
server refuses root), stopped on every way out."""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from web_server import free_port


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    assert found, "PostgreSQL is missing: run the tests through scripts/run, which installs it"
    return found[-1]


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextlib.contextmanager
def cluster() -> Iterator[str]:
    """The URL of a new, empty database on a server of its own."""
    root = Path(tempfile.mkdtemp(prefix="sar-forms-pg-"))
    data, sockets = root / "data", root / "run"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
    port = free_port()
    subprocess.run(_as_owner([_bin("initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                              "--locale", "C.UTF-8"]), check=True, capture_output=True)  # fmt: skip
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=on"
    ctl = [_bin("pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-o", options, "-w", "-t", "60"]
    subprocess.run(_as_owner([*ctl, "start"]), check=True, capture_output=True)
    stop = _as_owner([*ctl[:3], "-m", "fast", "-w", "stop"])
    atexit.register(subprocess.run, stop, capture_output=True)
    try:
        subprocess.run(_as_owner([_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "sarforms"]),
                       check=True, capture_output=True)  # fmt: skip
        yield f"postgresql://postgres@127.0.0.1:{port}/sarforms"
    finally:
        subprocess.run(stop, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
