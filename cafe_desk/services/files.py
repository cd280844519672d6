"""Files the app writes for people (exports, reports, printed cards): written whole beside their target first, so a
crash, a full disk or a Cancel never leaves half a file where the person will look for it."""

from __future__ import annotations

from pathlib import Path

from cafe_desk.unfinished_files import write_unfinished


def write_beside(target: Path, data: bytes) -> Path:
    """Write `data` to a new file of ours in `target`'s folder (unfinished_files.py names it, and first removes what
    writes killed part way left there), flushed to disk, and return its path; the caller moves it into place
    (`platforms.replace_file`) or removes it. OSError if it can't be written (nothing is left behind)."""
    return write_unfinished(Path(target), data)
