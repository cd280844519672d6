"""The floor for the phone-load benchmark: a bare Starlette app with one form page and one POST that commits.

GET / gives a form with a CSRF hidden field (also set as a cookie); POST /comment checks it, inserts the comment into
SQLite (WAL, synchronous=FULL) and commits on one connection guarded by a lock, then answers 303 to /thanks. It runs
on uvicorn in a daemon thread, like the participant server, and binds to 127.0.0.1 only. Run as a script
(`phones_floor.py DB`) it serves in a process of its own, like `cafe-desk serve`.
"""

from __future__ import annotations

import asyncio
import html
import secrets
import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import parse_qsl

import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse
from starlette.routing import Route

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Comment</title></head><body>
<form method="post" action="/comment"><input type="hidden" name="csrf" value="{csrf}">
<label for="text">Your comment</label><textarea id="text" name="text"></textarea>
<label><input type="checkbox" name="consent" value="yes"> My comment can be used</label>
<button type="submit">Send</button></form></body></html>"""


def open_db(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=5)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS comment (id INTEGER PRIMARY KEY, text TEXT NOT NULL, at REAL NOT NULL)")
    return conn


def make_app(db_path: Path) -> Starlette:
    conn = open_db(db_path)
    lock = threading.Lock()

    def store(text: str) -> None:
        with lock:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO comment (text, at) VALUES (?, ?)", [text, time.time()])
            conn.execute("COMMIT")

    async def page(request: Request) -> HTMLResponse:
        csrf = request.cookies.get("csrf") or secrets.token_urlsafe(24)
        response = HTMLResponse(PAGE.format(csrf=html.escape(csrf)))
        response.set_cookie("csrf", csrf, httponly=True, samesite="strict")
        return response

    async def comment(request: Request):
        form = dict(parse_qsl((await request.body()).decode("utf-8")))
        text = form.get("text", "").strip()
        if not secrets.compare_digest(str(form.get("csrf", "")), request.cookies.get("csrf", "-")) or not text:
            return PlainTextResponse("Please try again.", status_code=400)
        await run_in_threadpool(store, text)
        return RedirectResponse("/thanks", status_code=303)

    async def thanks(request: Request) -> HTMLResponse:
        return HTMLResponse("<!doctype html><title>Thank you</title><p>Thank you.</p>")

    return Starlette(routes=[Route("/", page), Route("/comment", comment, methods=["POST"]), Route("/thanks", thanks)])


def count_rows(db_path: Path) -> int:
    conn = sqlite3.connect(str(db_path))
    try:
        return conn.execute("SELECT count(*) FROM comment").fetchone()[0]
    finally:
        conn.close()


class FloorServer:
    """The bare app on uvicorn in a daemon thread at 127.0.0.1 (port 0 = any free port)."""

    def __init__(self, db_path: Path, host: str = "127.0.0.1", port: int = 0) -> None:
        self.db_path = Path(db_path)
        self.host, self.port = host, port
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> None:
        config = uvicorn.Config(make_app(self.db_path), host=self.host, port=self.port, log_level="warning",
                                access_log=False, server_header=False, backlog=2048)
        self._server = server = uvicorn.Server(config)
        self._thread = threading.Thread(target=lambda: asyncio.run(server.serve()), name="floor", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the floor server did not start")
            time.sleep(0.01)
        self.port = server.servers[0].sockets[0].getsockname()[1]

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
            self._server = None


def main(argv: list[str]) -> None:
    """`phones_floor.py DB`: serve the floor in this process, print its page's URL, stop on Ctrl+C (SIGINT)."""
    server = FloorServer(Path(argv[0]))
    server.start()
    print(server.base_url + "/", flush=True)
    try:
        while server._thread.is_alive():
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
