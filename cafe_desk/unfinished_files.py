"""Files and folders Café Desk writes beside their target before moving them into place (data exports, reports,
café files, printed cards), and moving several finished files into place together.

Each is named `.cafe-desk-unfinished-<process id>-<computer>-<random>` (a file ends in `.part`), so it is plainly
ours and says whose it is; `<computer>` is a short hash of this computer's name (the name itself is not written). A
process that stops cleanly removes its own. One killed outright (SIGKILL, a power cut) can't, and what it leaves
can hold every quote of an export in plain text, so each new write into a folder first removes the leftovers there
of processes of this computer that are no longer running. Another computer's, on a shared drive, are left alone:
its process ids say nothing about the processes here, and it removes them itself the next time it writes there.

`put_in_place` moves a set of files (the three CSV files of an export) into place all together or not at all: the
files they replace are moved aside first, and put back if any of the set can't be placed.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import shutil
import socket
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path

from cafe_desk import platforms

PREFIX = ".cafe-desk-unfinished-"
SUFFIX = ".part"
NAME = re.compile(re.escape(PREFIX) + r"(\d+)-([0-9a-f]{8})-[0-9a-f]{8}(?:" + re.escape(SUFFIX) + ")?")


@cache
def computer_tag() -> str:
    """A short hash of this computer's name: which computer wrote something, without its name written."""
    return hashlib.sha256(socket.gethostname().encode("utf-8", "surrogateescape")).hexdigest()[:8]


def unfinished_name(suffix: str = "") -> str:
    """A new name for something this process writes before moving it into place (`suffix`: SUFFIX for a file)."""
    return f"{PREFIX}{os.getpid()}-{computer_tag()}-{secrets.token_hex(4)}{suffix}"


def leftover_of_gone_process(name: str) -> bool:
    """Whether `name` is one of ours left by a process of this computer that is no longer running."""
    found = NAME.fullmatch(name)
    if found is None or found.group(2) != computer_tag():
        return False
    pid = int(found.group(1))
    return pid != os.getpid() and not platforms.process_running(pid)


def remove_leftovers(folder: str | Path) -> None:
    """Remove from `folder` what writes killed part way left there (see the module's docstring). Anything that
    can't be removed, or read, is left as it is: this never stops a new write."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not leftover_of_gone_process(entry.name):
                continue
            with contextlib.suppress(OSError):
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                elif entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)


@contextlib.contextmanager
def unfinished_folder(folder: Path) -> Iterator[Path]:
    """A new folder of ours inside `folder` (readable by this account only) to write into, removed with whatever is
    left in it when the block ends, however it ends; earlier leftovers in `folder` are removed first. OSError if it
    can't be made."""
    remove_leftovers(folder)
    path = folder / unfinished_name()
    try:
        path.mkdir(mode=0o700)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def write_unfinished(target: Path, data: bytes) -> Path:
    """Write `data` to a new file of ours in `target`'s folder (readable by this account only), flushed to disk,
    and return its path; the caller moves it into place or removes it. Earlier leftovers in the folder are removed
    first. OSError if it can't be written (nothing is left behind)."""
    remove_leftovers(target.parent)
    temp = target.parent / unfinished_name(SUFFIX)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | platforms.binary_flag(), 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


class MixedSet(OSError):
    """Moving a set of files into place failed, and some targets could not be put back as they were: `changed`
    names them (each holds the new file, or nothing)."""

    def __init__(self, cause: OSError, changed: Sequence[Path]) -> None:
        super().__init__(cause.errno, cause.strerror, cause.filename)
        self.changed = tuple(changed)


def put_in_place(moves: Sequence[tuple[Path, Path]], aside: Path) -> None:
    """Move each finished file over its target, all of them or none: the files there are moved into the folder
    `aside` first (one of ours beside the targets, so on the same drive), and if any move fails, every target is
    put back as it was and the OSError raised. A target that is a folder or not a file is never touched
    (IsADirectoryError, platforms.NotAFileError). MixedSet if, after a failure, a target could not be put back."""
    for _, target in moves:
        if target.is_dir() and not target.is_symlink():
            raise IsADirectoryError(errno.EISDIR, "There is a folder of this name", str(target))
        if target.exists() and not target.is_file():
            raise platforms.NotAFileError(errno.EINVAL, "This is not a file (a device or a pipe, say)", str(target))
    kept: dict[Path, Path] = {}  # target → where the file it held was moved aside
    placed: set[Path] = set()
    try:
        for n, (_, target) in enumerate(moves):
            if os.path.lexists(target):
                platforms.replace_file(target, aside / f"kept-{n}", held=target)  # held open: it can't move
                kept[target] = aside / f"kept-{n}"
        for source, target in moves:
            platforms.replace_file(source, target)
            placed.add(target)
    except OSError as exc:
        changed = _put_back([t for _, t in moves], kept, placed)
        if changed:
            raise MixedSet(exc, changed) from exc
        raise


def _put_back(targets: list[Path], kept: dict[Path, Path], placed: set[Path]) -> list[Path]:
    """Undo a part-done `put_in_place`; the targets that could not be put back as they were."""
    changed = []
    for target in targets:
        try:
            if target in kept:
                platforms.replace_file(kept[target], target)
            elif target in placed:
                target.unlink()
        except OSError:
            changed.append(target)
    return changed
