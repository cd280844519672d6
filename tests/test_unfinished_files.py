"""Files of ours written beside their target (`cafe_desk/unfinished_files.py`): named so a later write recognises
what a killed process left and removes it, and a set of files moved into place all together or not at all."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from cafe_desk import platforms
from cafe_desk.unfinished_files import PREFIX, put_in_place, unfinished_folder, unfinished_name, write_unfinished


def gone_pid() -> int:
    """The id of a process that has ended."""
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


def test_a_process_is_known_running_until_it_ends():
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert platforms.process_running(proc.pid) and platforms.process_running(os.getpid())
    finally:
        proc.kill()
        proc.wait()
    assert not platforms.process_running(proc.pid) and not platforms.process_running(0)


def test_a_new_write_removes_only_what_gone_processes_of_this_computer_left(tmp_path):
    mine = unfinished_name()
    _, pid, computer, _ = mine[len(PREFIX) - 1:].split("-")
    dead = gone_pid()
    left_folder = tmp_path / f"{PREFIX}{dead}-{computer}-0123abcd"
    left_folder.mkdir()
    (left_folder / "items.csv").write_text("every item", encoding="utf-8")
    left_file = tmp_path / f"{PREFIX}{dead}-{computer}-89abcdef.part"
    left_file.write_bytes(b"%PDF half a report")
    still_running = tmp_path / f"{PREFIX}{pid}-{computer}-0123abcd"
    still_running.mkdir()
    other = "0" * 8 if computer != "0" * 8 else "1" * 8
    other_computer = tmp_path / f"{PREFIX}{dead}-{other}-0123abcd"
    other_computer.mkdir()
    not_ours = tmp_path / f"{PREFIX}notes"
    not_ours.write_text("someone's own", encoding="utf-8")

    temp = write_unfinished(tmp_path / "report.pdf", b"%PDF")
    assert temp.name.startswith(f"{PREFIX}{os.getpid()}-{computer}-") and temp.name.endswith(".part")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [temp.name, still_running.name, other_computer.name, not_ours.name])
    with unfinished_folder(tmp_path) as folder:
        assert folder.is_dir() and folder.name.startswith(f"{PREFIX}{os.getpid()}-")
    assert not folder.exists()


def test_a_set_of_files_is_put_in_place_whole(tmp_path):
    new = tmp_path / "new"
    new.mkdir()
    aside = tmp_path / "aside"
    aside.mkdir()
    for name in ("a.csv", "b.csv"):
        (new / name).write_text(f"new {name}", encoding="utf-8")
    (tmp_path / "a.csv").write_text("old a.csv", encoding="utf-8")
    put_in_place([(new / "a.csv", tmp_path / "a.csv"), (new / "b.csv", tmp_path / "b.csv")], aside)
    assert [(tmp_path / n).read_text(encoding="utf-8") for n in ("a.csv", "b.csv")] == ["new a.csv", "new b.csv"]


def test_a_folder_in_the_way_leaves_every_file_as_it_was(tmp_path):
    new = tmp_path / "new"
    new.mkdir()
    (new / "a.csv").write_text("new", encoding="utf-8")
    (new / "b.csv").write_text("new", encoding="utf-8")
    (tmp_path / "a.csv").write_text("old", encoding="utf-8")
    (tmp_path / "b.csv").mkdir()
    with pytest.raises(IsADirectoryError):
        put_in_place([(new / "a.csv", tmp_path / "a.csv"), (new / "b.csv", tmp_path / "b.csv")], new)
    assert (tmp_path / "a.csv").read_text(encoding="utf-8") == "old" and (tmp_path / "b.csv").is_dir()


def test_a_file_that_can_t_be_moved_aside_puts_back_those_that_were(tmp_path):
    new = tmp_path / "new"
    new.mkdir()
    names = ("items.csv", "votes.csv", "themes.csv")
    for name in names:
        (new / name).write_text("new", encoding="utf-8")
        (tmp_path / name).write_text("old", encoding="utf-8")
    stuck = tmp_path / "votes.csv"
    if os.name != "posix" or subprocess.run(["chattr", "+i", str(stuck)], capture_output=True).returncode:
        pytest.skip("cannot make a file immutable here")
    try:
        with pytest.raises(PermissionError):
            put_in_place([(new / n, tmp_path / n) for n in names], new)
    finally:
        subprocess.run(["chattr", "-i", str(stuck)], check=True)
    assert [(tmp_path / n).read_text(encoding="utf-8") for n in names] == ["old"] * 3
