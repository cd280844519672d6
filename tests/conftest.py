"""Shared fixtures: a real data file in tmp_path, the services on it, and a café planned from the built-in template."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cafe_desk.services import Services
from cafe_desk.settings import ENV_DATA
from cafe_desk.storage.store import Store

MENTAL_HEALTH = "Help shape the future of mental health"


def mental_health_plan(services: Services, date: str = "2026-03-14", locality: str = "Perth"):
    """A fresh copy of the built-in mental-health template's plan, with a date and a locality."""
    template = next(t for t in services.templates.built_in() if t.name == MENTAL_HEALTH)
    plan = template.plan
    plan.date = date
    plan.locality = locality
    return plan


def exactly(message: str) -> str:
    """A `pytest.raises(match=...)` pattern for exactly this message."""
    return "^" + re.escape(message) + "$"


#: an imported café's random short codes, here and on the facilitator's laptop, as the import line says them
IMPORT_CODES = re.compile(r" as [A-Z0-9]{6} \([A-Z0-9]{6} on the facilitator's laptop\):")
#: the middle of the line importing a test café with 2 points, 1 comment, a phone ballot and 4 paper dots, `coded`
CODED = " as CODE (CODE on the facilitator's laptop): 2 points, 1 comment; votes: 1 phone ballot and 4 dots on paper — "


def coded(text: str) -> str:
    """`text` with an import line's random short codes written CODE, so whole lines can be compared."""
    return IMPORT_CODES.sub(" as CODE (CODE on the facilitator's laptop):", text)


DISK_FULL = "The disk is full, so this change was not saved. Free some space and try again; saved work is safe."


def refuse_row(db_path: Path, table: str, event: str, row_id: str, column: str = "id") -> None:
    """Make the data file refuse one row, as a full disk would: a trigger, created over a connection of the test's
    own, that raises when `event` (INSERT, UPDATE or DELETE) reaches the row of `table` whose `column` is `row_id`."""
    row = "NEW" if event == "INSERT" else "OLD"
    value = "'" + row_id.replace("'", "''") + "'"  # a trigger can't take parameters
    conn = sqlite3.connect(db_path)
    try:
        conn.execute(f"CREATE TRIGGER refuse_{table}_{event.lower()} BEFORE {event} ON {table} "
                     f"WHEN {row}.{column} = {value} BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
        conn.commit()
    finally:
        conn.close()


def allow_rows(db_path: Path, table: str, event: str) -> None:
    """Take away what `refuse_row` set up."""
    conn = sqlite3.connect(db_path)
    try:
        conn.execute(f"DROP TRIGGER IF EXISTS refuse_{table}_{event.lower()}")
        conn.commit()
    finally:
        conn.close()


@pytest.fixture(scope="session", autouse=True)
def risk_finder_ready():
    """The safeguarding finder compiled once, before any test: the app readies it in the background at start, so no
    screen test should wait on its first use (~0.3 s, more while Python compiles its modules after a change)."""
    from cafe_desk.core.safeguarding import RiskFinder

    return RiskFinder.default()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "cafe.sqlite3"


@pytest.fixture
def store(db_path):
    s = Store(db_path)
    yield s
    s.close()


@pytest.fixture
def services(store):
    return Services.build(store)


@pytest.fixture
def cafe(services):
    return services.planning.create(mental_health_plan(services))[0]


class FakeClock:
    """A clock the test moves by hand (`clock.now += 60`)."""

    def __init__(self, now: float = 1_750_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture(scope="session")
def identity():
    """A central team's X25519 key (real age), made once for the whole run."""
    import pyrage

    from cafe_desk.export import keys

    return pyrage.x25519.Identity.from_str(keys.new_identity()[0])


@pytest.fixture
def central(tmp_path):
    """The central team's own data file (another real SQLite file) and the services on it."""
    store = Store(tmp_path / "central.sqlite3")
    yield Services.build(store)
    store.close()


def cafe_desk(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    """Run the real command line (`python -m cafe_desk --data-dir DIR ARGS…`) in a process of its own."""
    env = {**{k: v for k, v in os.environ.items() if k != ENV_DATA}, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "cafe_desk", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=Path(__file__).parents[1],
                          timeout=60)


def assert_fails(result: subprocess.CompletedProcess, message: str) -> None:
    """The command refused its input: exit status 2, nothing on stdout, and exactly this one line on stderr."""
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"cafe-desk: {message}\n")
