"""Phones sending comments to the participant server while the app's Qt event loop runs, beside a bare floor.

The bench process is a Qt app (QApplication, main event loop running, a 10 ms QTimer measuring the gap between its
ticks: the worst gap is the "Qt event-loop stall"). From it the real `ParticipantServer` (its `on_event` crossing to
the Qt thread by a queued signal, as in the app) and `bench/phones_floor.py` (bare Starlette + SQLite) are started in
turn on 127.0.0.1 and driven by the same load client, run as a separate process so it does not share our GIL:

  burst      N phones (300) each GET the page at once, then all POST a comment at the same moment
  sustained  N phones (2,000) arriving at R/s (100) open loop: each GETs the page then POSTs, whoever else waits

Each phone connects from its own loopback address 127.0.x.y (per-client limits apply as in a hall), collects the
cookies and the form's hidden fields from the page, fills the text box and ticks the checkboxes, POSTs and reads the
303. Stored comments are counted in the database afterwards, not responses. Every figure is the median of --runs runs;
a fresh data file and server per scenario and run. Only 127.0.0.0/8 is used; every wait is bounded.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_phones.py [--runs 3] [--burst 300] [--sustained 2000]
       [--rate 100] [--targets floor,app]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import html
import json
import os
import platform
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REQUEST_TIMEOUT_S = 30
TEXT = "Peer support kept me going when the waiting list was a year long. Phone {i}."


# --- the load client (runs in its own process) --------------------------------------------------------------------

def phone_address(i: int) -> str:
    return f"127.0.{1 + i // 250}.{1 + i % 250}"


async def http(host: str, port: int, local: str, method: str, target: str, headers: dict[str, str] | None = None,
               body: bytes = b"") -> tuple[int, list[tuple[str, str]], bytes]:
    """One HTTP/1.1 request on a fresh connection from `local`; returns status, headers and body."""
    reader, writer = await asyncio.open_connection(host, port, local_addr=(local, 0))
    try:
        lines = [f"{method} {target} HTTP/1.1", f"Host: {host}:{port}", "User-Agent: phone-bench",
                 "Connection: close", f"Content-Length: {len(body)}"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split()[1])
        got = [tuple(s.strip() for s in h.split(":", 1)) for h in header_lines if ":" in h]
        length = next((int(v) for k, v in got if k.lower() == "content-length"), None)
        data = await (reader.readexactly(length) if length is not None else reader.read())
        return status, got, data
    finally:
        writer.close()


def form_fields(page: str) -> tuple[str, dict[str, str]]:
    """The first POST form's action and what a participant sends: hidden fields, the text box, ticked checkboxes."""
    form = re.search(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", page, re.S | re.I)
    assert form, "no POST form on the page"
    action = html.unescape(re.search(r"action=\"([^\"]*)\"", form.group(0)).group(1))
    fields: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", form.group(1), re.I):
        attrs = dict((k.lower(), html.unescape(v)) for k, v in re.findall(r"([\w-]+)=\"([^\"]*)\"", tag))
        if attrs.get("type") in ("hidden", "checkbox") and "name" in attrs:
            fields[attrs["name"]] = attrs.get("value", "on")
    for name in re.findall(r"<textarea[^>]*name=\"([^\"]*)\"", form.group(1), re.I):
        fields[name] = ""
    return action, fields


async def phone(i: int, host: str, port: int, page_path: str, out: dict, go: asyncio.Event | None) -> None:
    """One phone: open the page, (wait for the shared moment,) send a comment, read the 303."""
    local = phone_address(i)
    try:
        start = time.perf_counter()
        status, headers, body = await asyncio.wait_for(http(host, port, local, "GET", page_path), REQUEST_TIMEOUT_S)
        out["get_s"] = time.perf_counter() - start
        if status != 200:
            out["error"] = f"GET {status}"
            return
        cookies = "; ".join(v.split(";", 1)[0] for k, v in headers if k.lower() == "set-cookie")
        action, fields = form_fields(body.decode("utf-8"))
        for name, value in fields.items():
            if value == "":
                fields[name] = TEXT.format(i=i)
        data = urllib.parse.urlencode(fields).encode()
        if go is not None:
            await go.wait()
        start = out["post_at"] = time.perf_counter()
        status, headers, _ = await asyncio.wait_for(http(
            host, port, local, "POST", urllib.parse.urljoin(page_path, action),
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookies}, data), REQUEST_TIMEOUT_S)
        out["post_s"] = time.perf_counter() - start
        out["status"] = status
        if status != 303:
            out["error"] = f"POST {status}"
    except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
        out["error"] = type(exc).__name__


async def run_client(mode: str, url: str, phones: int, rate: float) -> dict:
    parts = urllib.parse.urlsplit(url)
    assert parts.hostname.startswith("127."), "the load client talks to loopback addresses only"
    results = [{} for _ in range(phones)]
    lateness = []
    start = time.perf_counter()
    if mode == "burst":
        go = asyncio.Event()
        tasks = [asyncio.create_task(phone(i, parts.hostname, parts.port, parts.path, results[i], go))
                 for i in range(phones)]
        while sum("get_s" in r or "error" in r for r in results) < phones:
            await asyncio.sleep(0.005)
        go.set()
    else:
        tasks = []
        for i in range(phones):
            due = start + i / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            lateness.append(time.perf_counter() - due)
            tasks.append(asyncio.create_task(phone(i, parts.hostname, parts.port, parts.path, results[i], None)))
    await asyncio.wait(tasks, timeout=REQUEST_TIMEOUT_S * 3)
    errors: dict[str, int] = {}
    for r in results:
        if "error" in r:
            errors[r["error"]] = errors.get(r["error"], 0) + 1
    return {"post_s": [r["post_s"] for r in results if r.get("status") == 303],
            "post_at": [r["post_at"] - start for r in results if r.get("status") == 303], "start_at": start,
            "get_s": [r["get_s"] for r in results if "get_s" in r], "errors": errors,
            "wall_s": time.perf_counter() - start, "max_lateness_s": max(lateness, default=0.0)}


def client_main(argv: list[str]) -> None:
    mode, url, phones, rate = argv[0], argv[1], int(argv[2]), float(argv[3])
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    print(json.dumps(asyncio.run(run_client(mode, url, phones, rate))))


# --- the Qt side: servers, stall monitor, orchestration ------------------------------------------------------------

def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else float("nan")


def make_cafe(db_path: Path) -> str:
    from cafe_desk.core.model import Plan, RoundSpec
    from cafe_desk.services import Services
    from cafe_desk.storage.store import Store

    store = Store(db_path)
    services = Services.build(store)
    plan = Plan(title="Bench café", date="2026-03-14", locality="Perth", tables=[(i, "") for i in range(1, 9)],
                rounds=[RoundSpec("What helps people look after their mental health?")], outcomes=["Peer support"])
    cafe, _ = services.planning.create(plan)
    services.running.start(cafe.id)
    store.close()
    return cafe.id


def count_comments(db_path: Path, cafe_id: str) -> int:
    from cafe_desk.services import Services
    from cafe_desk.storage.store import Store

    store = Store(db_path)
    try:
        return len(Services.build(store).comments.comments(cafe_id))
    finally:
        store.close()


class Bench:
    def __init__(self, args, app, bridge, monitor) -> None:
        self.args, self.app, self.bridge, self.monitor = args, app, bridge, monitor
        self.rows: list[dict] = []

    def scenario(self, target: str, mode: str, folder: Path) -> dict:
        from phones_floor import FloorServer, count_rows

        phones = self.args.burst if mode == "burst" else self.args.sustained
        db = folder / f"{target}-{mode}.sqlite3"
        if target == "floor":
            server = FloorServer(db)
            server.start()
            url, count = server.base_url + "/", lambda: count_rows(db)
        else:
            from cafe_desk.server.runner import ParticipantServer
            from cafe_desk.services import Services

            cafe_id = make_cafe(db)
            server = ParticipantServer(Services.opener_for(db), cafe_id, on_event=self.bridge.relay)
            server.start()
            url, count = server.cafe_url, lambda: count_comments(db, cafe_id)
        self.bridge.reset()
        self.monitor.reset()
        try:
            out = subprocess.run([sys.executable, __file__, "client", mode, url, str(phones), str(self.args.rate)],
                                 capture_output=True, text=True, timeout=300, check=True)
            time.sleep(0.3)  # let the last queued events reach the Qt thread
            stall = self.monitor.worst
        finally:
            server.stop()
        result = json.loads(out.stdout)
        row = {"target": target, "mode": mode, "phones": phones, "stored": count(), "errors": result["errors"],
               "p50": percentile(result["post_s"], 50), "p99": percentile(result["post_s"], 99),
               "max": max(result["post_s"], default=float("nan")), "get_p99": percentile(result["get_s"], 99),
               "stall": stall, "events": self.bridge.count, "event_lag": self.bridge.worst_lag,
               "wall": result["wall_s"], "late": result["max_lateness_s"]}
        print(f"{target:6} {mode:9} stored {row['stored']}/{phones} p50 {row['p50'] * 1000:7.1f} ms "
              f"p99 {row['p99'] * 1000:7.1f} ms max {row['max'] * 1000:7.1f} ms GET p99 {row['get_p99'] * 1000:7.1f}"
              f" ms  Qt stall {stall * 1000:6.1f} ms  events {row['events']} (lag ≤ {row['event_lag'] * 1000:.0f} ms)"
              f"  client late ≤ {row['late'] * 1000:.0f} ms  errors {row['errors']}", flush=True)
        return row

    def run(self) -> None:
        try:
            with tempfile.TemporaryDirectory() as tmp:
                for run in range(self.args.runs):
                    targets = self.args.targets if run % 2 == 0 else self.args.targets[::-1]
                    for mode in ("burst", "sustained"):
                        for target in targets:
                            folder = Path(tmp) / f"run{run}"
                            folder.mkdir(exist_ok=True)
                            self.rows.append(self.scenario(target, mode, folder))
        finally:
            self.bridge.sig_done.emit()

    def report(self) -> None:
        print(f"\n{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, SQLite "
              f"{sqlite3.sqlite_version}, {dt.date.today()}, median of {self.args.runs} runs\n")
        print("| scenario | server | stored (worst run) | POST p50 | POST p99 | GET p99 | worst Qt stall "
              "| client late (noise) |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        medians = {}
        for mode in ("burst", "sustained"):
            for target in ("floor", "app"):
                rows = [r for r in self.rows if r["target"] == target and r["mode"] == mode]
                if not rows:
                    continue
                med = {k: statistics.median(r[k] for r in rows) for k in ("p50", "p99", "get_p99", "stall", "late")}
                medians[mode, target] = med
                stored = f"{min(r['stored'] for r in rows):,} / {rows[0]['phones']:,}"
                print(f"| {mode} | {target} | {stored} | {med['p50'] * 1000:.1f} ms | {med['p99'] * 1000:.1f} ms | "
                      f"{med['get_p99'] * 1000:.1f} ms | {med['stall'] * 1000:.0f} ms | {med['late'] * 1000:.0f} ms |")
        for mode in ("burst", "sustained"):
            if (mode, "app") in medians and (mode, "floor") in medians:
                ratio = medians[mode, "app"]["p99"] / medians[mode, "floor"]["p99"]
                print(f"{mode}: app p99 / floor p99 = {ratio:.2f}×")
        print("\nevery run:", json.dumps([{k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()}
                                          for r in self.rows]))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "client":
        client_main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--burst", type=int, default=300)
    parser.add_argument("--sustained", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--targets", type=lambda s: tuple(s.split(",")), default=("floor", "app"),
                        help="comma-separated: floor, app")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))

    from PySide6.QtCore import QObject, Qt, QTimer, Signal
    from PySide6.QtWidgets import QApplication

    class Bridge(QObject):
        """Server-thread events into the Qt thread, as the app's moderation view receives them."""

        sig_event = Signal(str, object, float)  # kind, data, when the server reported it (perf_counter)
        sig_done = Signal()

        def __init__(self) -> None:
            super().__init__()
            self.sig_event.connect(self._arrived, Qt.QueuedConnection)
            self.reset()

        def reset(self) -> None:
            self.count, self.worst_lag = 0, 0.0

        def relay(self, kind: str, data: dict) -> None:
            self.sig_event.emit(kind, data, time.perf_counter())

        def _arrived(self, kind: str, data: object, at: float) -> None:
            self.count += 1
            self.worst_lag = max(self.worst_lag, time.perf_counter() - at)

    class StallMonitor:
        """A 10 ms timer on the Qt thread; `worst` is the longest gap between ticks since `reset()`."""

        def __init__(self) -> None:
            self.timer = QTimer()
            self.timer.setTimerType(Qt.PreciseTimer)
            self.timer.setInterval(10)
            self.timer.timeout.connect(self._tick)
            self.reset()
            self.timer.start()

        def reset(self) -> None:
            self.last, self.worst = time.perf_counter(), 0.0

        def _tick(self) -> None:
            now = time.perf_counter()
            self.worst = max(self.worst, now - self.last)
            self.last = now

    app = QApplication(sys.argv[:1])
    bridge, monitor = Bridge(), StallMonitor()
    bench = Bench(args, app, bridge, monitor)
    bridge.sig_done.connect(app.quit, Qt.QueuedConnection)
    QTimer.singleShot(0, lambda: threading.Thread(target=bench.run, name="bench", daemon=True).start())
    QTimer.singleShot(3600_000, app.quit)  # a bound on the whole run
    app.exec()
    bench.report()


if __name__ == "__main__":
    main()
