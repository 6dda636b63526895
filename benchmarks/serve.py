"""The web workspace under load, on loopback: preview latency and many editors at once.

    .venv/bin/python benchmarks/serve.py [--edits 50] [--editors 20] [--seconds 60] [--workers 2]

1. **Preview latency** (issue 20: p50 <= 250 ms, p95 <= 500 ms with warm workers): ``--edits``
   edits of the sample's form, each a save through the API followed by every page image of the
   new version, timed from the save to the last image. Side by side, the baseline: what a user
   without the server does for the same pages, ``sar-forms render --format pdf`` plus ``pdftoppm``
   as fresh processes (5 runs).
2. **Editors at once**: ``--editors`` threads, each with a form of its own, for ``--seconds``:
   save (If-Match), then the page images, again and again. Printed: requests, saves, images,
   503s (the converter's queue full: documented, with Retry-After), other errors (must be 0),
   lost revisions (every acknowledged save read back at the end: must be 0), and the peak
   memory of the server with its LibreOffice processes.
3. **Many offices, with accounts** (issue 21, ``--users 50 --offices 10 --minutes 2``), on SQLite
   and then on PostgreSQL (a cluster of its own, as the tests start one): each user, with an API
   token of their own, loads their office's page, reads and saves their form, every fifth time
   fetches its first page image, and tries to read a form of another office. Printed side by
   side: requests per second, p95 of page loads and of saves, errors other than 503 (must be
   0), lost revisions (must be 0), cross-office reads answered (must be 0).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from postgres import cluster  # noqa: E402
from web_server import Server, start  # noqa: E402

from sar_forms.inputs.sources import read_yaml  # noqa: E402
from sar_forms.web.people import People  # noqa: E402
from sar_forms.web.store import Store  # noqa: E402

SAMPLE = ROOT / "samples" / "udon2-1.2.yaml"
CLI = Path(sys.executable).with_name("sar-forms")


def call(
    server: Server, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[int, bytes, dict[str, str]]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(server.url + path, data=data, method=method)
    request.add_header("Authorization", f"Bearer {server.token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        request.add_header(k, v)
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return answer.status, answer.read(), dict(answer.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


def edit(server: Server, form: dict[str, Any], n: int, who: str = "") -> tuple[int, float, int]:
    """One edit: a step's text changed, saved, then every page image fetched; (status, seconds,
    requests made)."""
    data = form["data"]
    data["narrative"]["steps"][0] = f"การประชุม อบรมสัมมนา บุคลากรในสังกัด ครั้งที่ {n} {who}"
    t = time.perf_counter()
    status, body, _h = call(server, "PUT", f"/api/v1/forms/{form['id']}", data, {"If-Match": str(form["revision"])})
    if status != 200:
        return status, 0.0, 1
    form["revision"] = json.loads(body)["revision"]
    status, _png, headers = call(server, "GET", f"/api/v1/forms/{form['id']}/pages/1.png")
    if status != 200:
        return status, 0.0, 2
    pages = int(headers.get("X-Page-Count", "1"))
    for page in range(2, pages + 1):
        status, _png, _h = call(server, "GET", f"/api/v1/forms/{form['id']}/pages/{page}.png")
        if status != 200:
            return status, 0.0, 1 + page
    return 200, time.perf_counter() - t, 1 + pages


def baseline(tmp: Path, runs: int = 5) -> list[float]:
    out = []
    for n in range(runs):
        t = time.perf_counter()
        pdf = tmp / f"base{n}.docx"
        subprocess.run(
            [str(CLI), "render", str(SAMPLE), "-o", str(pdf), "--format", "pdf"], check=True, capture_output=True
        )
        subprocess.run(["pdftoppm", "-png", "-r", "96", str(pdf.with_suffix(".pdf")), str(tmp / f"p{n}")], check=True)
        out.append(time.perf_counter() - t)
    return out


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants (LibreOffice workers), in MB."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        todo += [int(c) for c in children]
    return total / 1024


def editors(server: Server, count: int, seconds: float) -> dict[str, Any]:
    sample = json.loads(call(server, "GET", "/api/v1/offices/1/forms")[1])[0]
    base = json.loads(call(server, "GET", f"/api/v1/forms/{sample['id']}")[1])["data"]
    forms = []
    for n in range(count):
        data = json.loads(json.dumps(base))
        data["fiscal_year"] = 2500 + n
        status, body, _h = call(server, "POST", "/api/v1/forms", data)
        assert status == 201, body
        made = json.loads(body)
        forms.append({"id": made["id"], "revision": made["revision"], "data": data})
    stats = {"requests": 0, "saves": 0, "busy": 0, "other": 0, "statuses": {}}
    lock = threading.Lock()
    peak = [rss_mb(server.process.pid)]
    stop = time.monotonic() + seconds

    def run(form: dict[str, Any], who: int) -> None:
        n = 0
        while time.monotonic() < stop:
            n += 1
            status, _t, made = edit(server, form, n, f"editor {who}")
            with lock:
                stats["requests"] += made
                stats["saves"] += 1
                if status == 503:
                    stats["busy"] += 1
                elif status != 200:
                    stats["other"] += 1
                    stats["statuses"][status] = stats["statuses"].get(status, 0) + 1
            if status == 503:
                time.sleep(1.0)

    threads = [threading.Thread(target=run, args=(f, i)) for i, f in enumerate(forms)]
    for th in threads:
        th.start()
    while any(th.is_alive() for th in threads):
        peak.append(rss_mb(server.process.pid))
        time.sleep(0.5)
    lost = 0
    for form in forms:
        back = json.loads(call(server, "GET", f"/api/v1/forms/{form['id']}")[1])
        if (
            back["revision"] != form["revision"]
            or back["data"]["narrative"]["steps"][0] != form["data"]["narrative"]["steps"][0]
        ):
            lost += 1
    return {**stats, "lost": lost, "peak_mb": max(peak)}


def _token_call(server: Server, token: str, method: str, path: str, body: Any = None,
                headers: dict[str, str] | None = None) -> tuple[int, bytes, float]:  # fmt: skip
    t = time.perf_counter()
    status, content, _h = call(
        Server(server.url, token, server.process, server.data, server.log), method, path, body, headers
    )
    return status, content, time.perf_counter() - t


def accounts(
    data: Path, database: str | None, users: int, office_count: int, seconds: float, workers: int
) -> dict[str, Any]:
    """``users`` users of ``office_count`` offices on one server for ``seconds``; the figures."""
    store = Store.open(database) if database else Store.in_folder(data)
    people = People(store)
    base = read_yaml(SAMPLE)
    plan = []  # (token, office id, form data) per user
    for o in range(office_count):
        office = dict(base["office"], short_name=f"สพป.ทดสอบ{o + 1}", name=f"สำนักงานทดสอบ {o + 1}")
        office_id = store.add_office(office).id
        for u in range(users // office_count):
            login = f"user{o + 1}_{u + 1}"
            people.add_user(login, "รหัสผ่านทดสอบยาวพอ")
            people.add_member(login, office_id, "editor")
            people.assign(login, office_id, "1.2")
            data_u = json.loads(json.dumps({k: v for k, v in base.items() if k != "office"}))  # each its own copy
            data_u["fiscal_year"] = 2500 + u
            form = store.create_form(office_id, data_u, login)
            plan.append({"token": people.new_token(login), "office": office_id, "form": form.id, "revision": 1,
                         "data": {**data_u, "office": office}})  # fmt: skip
    store.close()
    extra = ["--database", database] if database else []
    server = start(data, workers=workers, extra=extra)
    stats: dict[str, Any] = {"requests": 0, "busy": 0, "errors": 0, "cross": 0, "pages": [], "saves": []}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def run(me: dict[str, Any], other: dict[str, Any]) -> None:
        n = 0
        while time.monotonic() < stop:
            n += 1
            results = []
            status, _b, t_page = _token_call(server, me["token"], "GET", f"/offices/{me['office']}")
            results.append(status)
            me["data"]["narrative"]["steps"][0] = f"ขั้นตอนที่แก้ครั้งที่ {n}"
            status, body, t_save = _token_call(server, me["token"], "PUT", f"/api/v1/forms/{me['form']}", me["data"],
                                               {"If-Match": str(me["revision"])})  # fmt: skip
            results.append(status)
            if status == 200:
                me["revision"] = json.loads(body)["revision"]
            if n % 5 == 0:
                results.append(_token_call(server, me["token"], "GET", f"/api/v1/forms/{me['form']}/pages/1.png")[0])
            cross = _token_call(server, me["token"], "GET", f"/api/v1/forms/{other['form']}")[0]
            with lock:
                stats["requests"] += len(results) + 1
                stats["pages"].append(t_page)
                stats["saves"].append(t_save)
                stats["busy"] += sum(r == 503 for r in results)
                stats["errors"] += sum(r not in (200, 503) for r in results) + (cross not in (200, 404))
                stats["cross"] += cross == 200

    started = time.monotonic()
    threads = [threading.Thread(target=run, args=(me, plan[(i + users // office_count) % len(plan)]))
               for i, me in enumerate(plan)]  # fmt: skip
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.monotonic() - started
    lost = 0
    for me in plan:
        back = json.loads(_token_call(server, me["token"], "GET", f"/api/v1/forms/{me['form']}")[1])
        lost += (
            back["revision"] != me["revision"]
            or back["data"]["narrative"]["steps"][0] != me["data"]["narrative"]["steps"][0]
        )
    server.process.terminate()
    server.process.wait(timeout=30)
    p95 = lambda xs: sorted(xs)[int(0.95 * (len(xs) - 1))] if xs else 0.0  # noqa: E731
    return {"rps": stats["requests"] / elapsed, "page_p95": p95(stats["pages"]), "save_p95": p95(stats["saves"]),
            "busy": stats["busy"], "errors": stats["errors"], "lost": lost, "cross": stats["cross"],
            "requests": stats["requests"]}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--users", type=int, default=0, help="with accounts: this many users (e.g. 50)")
    parser.add_argument("--offices", type=int, default=10)
    parser.add_argument("--minutes", type=float, default=2.0)
    args = parser.parse_args()
    if args.users:
        return _many_offices(args)
    with tempfile.TemporaryDirectory(prefix="sar-forms-bench-") as tmp:
        base = baseline(Path(tmp))
        server = start(Path(tmp) / "data", SAMPLE, workers=args.workers)
        try:
            form_id = json.loads(call(server, "GET", "/api/v1/offices/1/forms")[1])[0]["id"]
            form = json.loads(call(server, "GET", f"/api/v1/forms/{form_id}")[1])
            edit(server, form, 0)  # the workers warm
            times = []
            for n in range(1, args.edits + 1):
                status, seconds, _made = edit(server, form, n)
                assert status == 200, status
                times.append(seconds)
            times.sort()
            p50, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
            print(f"preview, {args.edits} edits of the sample, save to last page image ({args.workers} warm workers):")
            print(f"  server      p50 {p50 * 1000:6.0f} ms   p95 {p95 * 1000:6.0f} ms   (targets 250 / 500 ms)")
            print(f"  baseline    p50 {statistics.median(base) * 1000:6.0f} ms   min {min(base) * 1000:6.0f} ms"
                  "   (sar-forms render --format pdf + pdftoppm, fresh processes)")  # fmt: skip
            print(f"  speed-up    {statistics.median(base) / p50:.1f}x at the median")
            load = editors(server, args.editors, args.seconds)
            print(f"{args.editors} editors for {args.seconds:.0f} s, each saving its own form then fetching its pages:")
            print(f"  requests {load['requests']}  saves {load['saves']}  503 busy {load['busy']}  other errors {load['other']}"
                  f" {load['statuses'] or ''}")  # fmt: skip
            print(f"  lost revisions {load['lost']}  peak memory {load['peak_mb']:.0f} MB (server and its LibreOffice)")
        finally:
            server.process.terminate()
            server.process.wait(timeout=30)
    return 0


def _many_offices(args: argparse.Namespace) -> int:
    rows = []
    with tempfile.TemporaryDirectory(prefix="sar-forms-bench-") as tmp:
        rows.append(
            ("SQLite", accounts(Path(tmp) / "sqlite", None, args.users, args.offices, args.minutes * 60, args.workers))
        )
        with cluster() as url:
            rows.append(
                (
                    "PostgreSQL",
                    accounts(Path(tmp) / "pg", url, args.users, args.offices, args.minutes * 60, args.workers),
                )
            )
    print(
        f"{args.users} users of {args.offices} offices for {args.minutes:g} min, each: office page, save, every 5th a page image, a read of another office's form"
    )
    print(
        f"  {'store':<11} {'req/s':>6} {'requests':>9} {'p95 page':>9} {'p95 save':>9} {'503':>5} {'errors':>6} {'lost':>5} {'cross-office':>12}"
    )
    for name, r in rows:
        print(f"  {name:<11} {r['rps']:6.1f} {r['requests']:9d} {r['page_p95'] * 1000:7.0f}ms {r['save_p95'] * 1000:7.0f}ms"
              f" {r['busy']:5d} {r['errors']:6d} {r['lost']:5d} {r['cross']:12d}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
