"""A warm LibreOffice worker, driven over stdin/stdout by sar_forms.pdf.convert.

Runs under LibreOffice's own Python (Debian: /usr/bin/python3 with python3-uno), never under
the project's virtualenv, so it imports nothing but ``uno``. It starts one soffice with a
private profile and LibreOffice's own UNO listener, loads each document hidden (no view: about
a third less time per document than a visible load, which is what unoserver does) and stores it
as PDF, answering one JSON line per request:

    -> {"in": "/tmp/a.docx", "out": "/tmp/a.pdf", "options": ["SelectPdfVersion=2"]}
    <- {"ok": true}  |  {"error": "..."}

The first line it writes is {"ready": true, "soffice_pid": N}. The worker leads its own process
group: when soffice dies, when stdin closes, or when the parent dies (even killed), it kills the
whole group, LibreOffice included; the parent kills the group on a timeout and starts anew.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time


def end_group(*_):
    """Kill this worker's whole process group: itself, soffice's launcher and soffice.bin."""
    os.killpg(0, signal.SIGKILL)


def watch_parent(parent):
    """End everything when the parent dies (even by SIGKILL): no LibreOffice is left behind."""
    while True:
        if os.getppid() != parent:
            end_group()
        time.sleep(0.5)


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def office_pid(launcher):
    """The pid of soffice.bin: /usr/bin/soffice is a script and oosplash a launcher before it.

    Tests signal this process to crash or hang LibreOffice; the parent kills the whole group.
    """
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
                with open("/proc/%s/comm" % entry) as fh:
                    comm = fh.read().strip()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append((int(entry), comm))
    todo = [launcher]
    while todo:
        pid = todo.pop()
        for child, comm in children.get(pid, []):
            if comm.startswith("soffice.bin"):
                return child
            todo.append(child)
    return launcher


def to_pdf(uno, desktop, source, target, options):
    """Load ``source`` hidden and read-only, store it as PDF with ``options`` ("Name=value") as FilterData."""
    from com.sun.star.beans import PropertyValue

    def prop(name, value):
        return PropertyValue(Name=name, Value=value)

    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0, (prop("ReadOnly", True), prop("Hidden", True))
    )
    if doc is None:
        raise RuntimeError("LibreOffice could not open the document")
    try:
        data = []
        for option in options:
            name, _, value = option.partition("=")
            value = {"true": True, "false": False}.get(value, int(value) if value.isdigit() else value)
            data.append(prop(name, value))
        props = [prop("FilterName", "writer_pdf_Export"), prop("Overwrite", True)]
        if data:
            props.append(prop("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", tuple(data))))
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), tuple(props))
    finally:
        doc.close(True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--soffice", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--profile", required=True, help="directory of the private user profile")
    ap.add_argument("--startup-timeout", type=float, default=60.0)
    args = ap.parse_args()

    accept = "socket,host=127.0.0.1,port=%d,tcpNoDelay=1;urp;StarOffice.ComponentContext" % args.port
    soffice = subprocess.Popen(
        [
            args.soffice,
            "--headless",
            "--invisible",
            "--nocrashreport",
            "--nodefault",
            "--nologo",
            "--nofirststartwizard",
            "--norestore",
            "--nolockcheck",
            "-env:UserInstallation=file://" + os.path.abspath(args.profile),
            "--accept=" + accept,
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    signal.signal(signal.SIGTERM, end_group)
    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()

    import uno  # fails early and clearly without python3-uno

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + args.startup_timeout
    desktop = None
    while desktop is None:
        try:
            ctx = resolver.resolve("uno:" + accept)
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception as exc:  # soffice not listening yet: NoConnectException
            if soffice.poll() is not None or time.monotonic() > deadline:
                reply({"error": "LibreOffice did not start: %s" % exc})
                end_group()
            time.sleep(0.1)
    reply({"ready": True, "soffice_pid": office_pid(soffice.pid)})

    for line in sys.stdin:
        req = json.loads(line)
        try:
            to_pdf(uno, desktop, req["in"], req["out"], req.get("options", []))
            reply({"ok": True})
        except Exception as exc:
            alive = soffice.poll() is None
            reply({"error": "%s: %s" % (type(exc).__name__, exc), "fatal": not alive})
            if not alive:
                end_group()
    end_group()  # stdin closed: the parent is done with this worker


if __name__ == "__main__":
    try:
        main()
    finally:  # every way out (a closed pipe when the parent died, an error) takes LibreOffice along
        end_group()
