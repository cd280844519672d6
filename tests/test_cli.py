"""The command line, run as a real process (`python -m cafe_desk`) on a data folder in tmp_path."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cafe_desk.services import Services
from cafe_desk.settings import ENV_DATA, Settings
from cafe_desk.storage import migrations
from cafe_desk.storage.store import Store
from tests.conftest import mental_health_plan

ROOT = Path(__file__).resolve().parent.parent


def cafe_desk(*args: str, env_data: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != ENV_DATA}
    if env_data is not None:
        env[ENV_DATA] = env_data
    return subprocess.run([sys.executable, "-m", "cafe_desk", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=60)


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


def plan_cafes(data_dir: Path, n: int) -> list:
    services = Services.build(Store(Settings(data_dir).db_path))
    try:
        cafes = [services.planning.create(mental_health_plan(services, date=f"2026-0{i + 1}-10"))[0]
                 for i in range(n)]
        table = services.planning.items(cafes[0].id, "table")[0]
        rnd = services.planning.items(cafes[0].id, "round")[0]
        outcome = services.planning.items(cafes[0].id, "outcome")[0]
        services.notes.add(cafes[0].id, table.id, rnd.id, "A point")
        services.notes.add(cafes[0].id, None, None, "A comment", source="participant")
        services.notes.set_summary(cafes[0].id, table.id, rnd.id, "What the table carries forward")
        services.votes.set_tally(cafes[0].id, outcome.id, 5, table_id=table.id)
        return cafes
    finally:
        services.store.close()


def assert_fails(result: subprocess.CompletedProcess, status: int, message: str) -> None:
    assert result.returncode == status
    assert result.stdout == ""
    assert result.stderr == f"cafe-desk: {message}\n"


def test_cafes_json_empty(data_dir):
    result = cafe_desk("--data-dir", str(data_dir), "cafes", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_cafes_json_lists_what_services_created(data_dir):
    cafes = plan_cafes(data_dir, 2)
    result = cafe_desk("--data-dir", str(data_dir), "cafes", "--json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert [c["id"] for c in listed] == [c.id for c in sorted(cafes, key=lambda c: c.date, reverse=True)]
    first = next(c for c in listed if c["id"] == cafes[0].id)
    assert (first["short_code"], first["title"], first["date"], first["state"]) == (
        cafes[0].short_code, cafes[0].title, cafes[0].date, "planning")
    counts = [first[k] for k in ("points", "summaries", "comments", "notes")]
    assert counts == [1, 1, 1, 3], "each count counts what it names; notes: the three together"
    text = cafe_desk("--data-dir", str(data_dir), "cafes")
    assert all(c.short_code in text.stdout for c in cafes)


def test_status_json_matches_services(data_dir):
    cafe = plan_cafes(data_dir, 1)[0]
    result = cafe_desk("--data-dir", str(data_dir), "status", cafe.short_code.lower(), "--json")
    assert result.returncode == 0, result.stderr
    services = Services.build(Store(Settings(data_dir).db_path))
    try:
        expected = services.cafes.status(cafe.id)
    finally:
        services.store.close()
    status = json.loads(result.stdout)
    assert status == expected
    assert (status["notes"]["note-taker"], status["comments"], status["votes"]) == (1, 1, 5)
    assert (status["points"], status["summaries"]) == (1, 1)


def test_unknown_cafe_is_exit_2_with_one_line(data_dir):
    plan_cafes(data_dir, 1)
    result = cafe_desk("--data-dir", str(data_dir), "status", "NOSUCH", "--json")
    assert_fails(result, 2, "There is no café 'NOSUCH' here. `cafe-desk cafes` lists the ones there are.")


def test_data_dir_from_environment(data_dir):
    cafe = plan_cafes(data_dir, 1)[0]
    result = cafe_desk("cafes", "--json", env_data=str(data_dir))
    assert result.returncode == 0, result.stderr
    assert [c["id"] for c in json.loads(result.stdout)] == [cafe.id]
    # --data-dir wins over the environment
    other = cafe_desk("--data-dir", str(data_dir.parent / "other"), "cafes", "--json", env_data=str(data_dir))
    assert json.loads(other.stdout) == []


def test_newer_database_is_refused(data_dir):
    path = Settings(data_dir).db_path
    store = Store(path)
    store.conn.execute("INSERT INTO _migrations (number, name, applied_at) VALUES (?, 'later', '2030-01-01')",
                       [migrations.LATEST + 1])
    store.close()
    before = path.read_bytes()
    result = cafe_desk("--data-dir", str(data_dir), "cafes", "--json")
    assert_fails(result, 2, f"This data file was made by a newer version of Café Desk ({path}). "
                            "Please update Café Desk to open it; the file has not been changed.")
    assert path.read_bytes() == before


# --- a data folder that can't be used: the path, in one line, status 2 ----------------------------------------------

def test_a_data_folder_that_is_a_file_says_so(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("x", encoding="utf-8")
    assert_fails(cafe_desk("--data-dir", str(blocker), "cafes"), 2,
                 f"The data folder {blocker} is a file, not a folder; choose another data folder.")


def test_a_data_file_that_is_a_folder_is_named(data_dir):
    (data_dir / "cafe-desk.sqlite3").mkdir(parents=True)
    assert_fails(cafe_desk("--data-dir", str(data_dir), "cafes"), 2,
                 f"Café Desk's data file {data_dir / 'cafe-desk.sqlite3'} is a folder; move that folder away or "
                 "choose another data folder.")


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_data_folder_this_account_may_not_open_is_named(tmp_path):
    closed = tmp_path / "closed"
    closed.mkdir()
    closed.chmod(0)
    data_dir = closed / "x"
    # root opens any folder: without its right to override file modes, it is held to them as anyone else is
    prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    env = {k: v for k, v in os.environ.items() if k != ENV_DATA}
    try:
        result = subprocess.run([*prefix, sys.executable, "-m", "cafe_desk", "--data-dir", str(data_dir), "cafes"],
                                capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    finally:
        closed.chmod(0o700)
    assert_fails(result, 2, f"Café Desk can't open its data folder {data_dir} (Permission denied).")


def test_serve_listens_on_the_port_the_app_and_printed_cards_use():
    from cafe_desk.cli import SERVE_PORT
    from cafe_desk.core.phone_address import DEFAULT_PORT

    assert SERVE_PORT == DEFAULT_PORT == 8000
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "ufw allow 8000/tcp" in readme and "8080" not in readme


def test_bytes_that_are_not_text_on_the_command_line_get_one_line(data_dir):
    env = {k: v for k, v in os.environ.items() if k != ENV_DATA}
    for args in ([b"search", b"peer \xff"], [b"report", b"--central", b"--out", b"r.pdf", b"--group", b"\xed\xa0\x80"]):
        result = subprocess.run([sys.executable.encode(), b"-m", b"cafe_desk", b"--data-dir", str(data_dir).encode(),
                                 *args], capture_output=True, env=env, cwd=ROOT, timeout=60)
        assert result.returncode == 2 and result.stdout == b""
        assert result.stderr.decode() == ("cafe-desk: A word given on the command line isn't readable text (it is not "
                                          "UTF-8); please type it again.\n")


def test_a_fault_inside_gives_one_plain_line_not_a_traceback(monkeypatch, capsys, tmp_path):
    """A fault of ours (injected here: the finder raising) is one line on stderr, status 1; CAFE_DESK_DEBUG=1 shows
    the traceback."""
    from cafe_desk import cli
    from cafe_desk.export import anonymise

    def broken(text, *args, **kwargs):
        raise RuntimeError("injected")

    monkeypatch.setattr(anonymise, "redact", broken)
    monkeypatch.setattr(sys, "stdin", io.StringIO("Ask Eilidh"))
    monkeypatch.setenv(ENV_DATA, str(tmp_path))
    monkeypatch.delenv("CAFE_DESK_DEBUG", raising=False)
    assert cli.main(["anonymise"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("cafe-desk: something went wrong inside Café Desk (RuntimeError), so it stopped;")
    assert err.count("\n") == 1 and "Traceback" not in err and "Eilidh" not in err
    monkeypatch.setenv("CAFE_DESK_DEBUG", "1")
    monkeypatch.setattr(sys, "stdin", io.StringIO("Ask Eilidh"))
    with pytest.raises(RuntimeError):
        cli.main(["anonymise"])


def test_output_read_by_something_that_stops_early_ends_quietly(tmp_path):
    # as `cafe-desk cafes | head -1` once the reader has what it wants: the pipe's far end is gone
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**{k: v for k, v in os.environ.items() if k != ENV_DATA}, "PYTHONIOENCODING": "utf-8"}
    try:
        result = subprocess.run([sys.executable, "-m", "cafe_desk", "--data-dir", str(tmp_path / "data"), "cafes"],
                                stdout=write_end, stderr=subprocess.PIPE, text=True, env=env, timeout=60,
                                cwd=Path(__file__).parents[1])
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (141, "")
