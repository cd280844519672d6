"""A folder closed to writing, for tests of what Café Desk does when it may not write somewhere."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    """`folder`, made empty and closed to writing while the block runs: its modes for an ordinary account; for root,
    whom modes don't stop, a read-only file system mounted there. Skips the test when neither can be had."""
    if os.name != "posix":
        pytest.skip("POSIX modes")
    folder.mkdir(parents=True)
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)],
                      capture_output=True).returncode:
        pytest.skip("running as root, which writes anywhere, and can't mount a read-only file system here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)
