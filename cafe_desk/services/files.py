"""Files the app writes for people (exports, printed cards): written whole beside their target first, so a crash,
a full disk or a Cancel never leaves half a file where the person will look for it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_beside(target: Path, data: bytes, prefix: str) -> Path:
    """Write `data` to a new temporary file in `target`'s folder, flushed to disk, and return its path; the caller
    moves it into place (`os.replace`) or removes it. OSError if it can't be written (nothing is left behind)."""
    fd, temp = tempfile.mkstemp(prefix=prefix, suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)
