"""Keeping this installation's files to this account: no access for other accounts on new files, and tightening
what an older version left readable. POSIX modes only; on Windows the user's profile folder already keeps them
(`platforms.has_posix_modes`)."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from cafe_desk import platforms

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def restrict_new_files() -> None:
    """From now on, files and folders this process creates are for this account only (umask 077). Call at start."""
    if platforms.has_posix_modes():
        os.umask(0o077)


def make_private(path: str | Path) -> None:
    """Take away other accounts' access to the folder (0700) or file (0600) at `path`, if it has any. Symbolic
    links and missing paths are left alone, and so is a path this account may not change (nothing is raised)."""
    if not platforms.has_posix_modes():
        return
    with contextlib.suppress(OSError):
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode) or not stat.S_IMODE(info.st_mode) & 0o077:
            return
        wanted = PRIVATE_FOLDER if stat.S_ISDIR(info.st_mode) else PRIVATE_FILE
        os.chmod(path, stat.S_IMODE(info.st_mode) & wanted)


def create_private_folders(path: str | Path) -> None:
    """Create the folder at `path` and any missing folders above it, each readable by this account only (0700);
    folders that already exist are left as they are. OSError if one can't be created."""
    path = Path(path)
    missing = []
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a folder")
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
        make_private(folder)


def create_private_file(path: str | Path) -> None:
    """Create an empty file at `path` readable by this account only, if there is none yet (an existing one is made
    private instead). OSError if the folder can't be written."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | platforms.binary_flag(), PRIVATE_FILE)
    except FileExistsError:
        make_private(path)
        return
    os.close(fd)
