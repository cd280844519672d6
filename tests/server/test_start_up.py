"""What the participant server does before it opens, so the first phones don't wait: links written, pages compiled,
and (for `cafe-desk serve`) start-up's objects kept out of the collector's full passes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

from cafe_desk.server.runner import ParticipantServer
from cafe_desk.services import Services
from cafe_desk.settings import ENV_DATA, Settings
from cafe_desk.storage.store import Store
from tests.conftest import mental_health_plan
from tests.test_cli import ROOT


def test_every_table_link_is_written_before_the_server_opens(db_path, services, cafe):
    tables = services.planning.items(cafe.id, "table")
    assert len(tables) > 1
    server = ParticipantServer(Services.opener_for(db_path), cafe.id, host="127.0.0.1", port=0)
    server.start()
    other = sqlite3.connect(db_path, timeout=0.1, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # someone else holds the write lock, as the app's own writes can
        started = time.perf_counter()
        urls = [server.table_url(t.id) for t in tables]
        assert time.perf_counter() - started < 0.5, "asking for the links writes nothing once the server is open"
    finally:
        other.execute("ROLLBACK")
        other.close()
        server.stop()
    assert urls == [f"{server.base_url}/t/{services.channel.host_token(t.id)}" for t in tables]
    assert len(set(urls)) == len(tables)


def test_host_tokens_are_made_together_and_kept(services, cafe):
    tables = services.planning.items(cafe.id, "table")
    first = services.channel.host_tokens(cafe.id)
    assert set(first) == {t.id for t in tables} and all(first.values())
    assert services.channel.host_tokens(cafe.id) == first
    assert {t.id: services.channel.host_token(t.id) for t in tables} == first


# Runs `cafe-desk serve` as the command line does, with a thread that reports once start-up's objects are frozen.
WATCH = """
import gc, sys, threading, time
def watch():
    deadline = time.monotonic() + 30
    while not gc.get_freeze_count() and time.monotonic() < deadline:
        time.sleep(0.01)
    print("frozen", gc.get_freeze_count(), file=sys.stderr, flush=True)
threading.Thread(target=watch, daemon=True).start()
from cafe_desk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_serve_keeps_start_up_objects_out_of_full_collections(tmp_path):
    data_dir = tmp_path / "data"
    services = Services.build(Store(Settings(data_dir).db_path))
    cafe = services.planning.create(mental_health_plan(services))[0]
    services.store.close()
    env = {k: v for k, v in os.environ.items() if k != ENV_DATA}
    proc = subprocess.Popen([sys.executable, "-c", WATCH, "--data-dir", str(data_dir), "serve", cafe.short_code,
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=ROOT)
    try:
        assert proc.stdout.readline().startswith("http://127.0.0.1:")
        frozen = proc.stderr.readline().split()
        assert frozen[0] == "frozen" and int(frozen[1]) > 20_000, "modules, the finder's model and the pages"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
