"""The wheel as a newcomer gets it: built from a copy of the checkout, installed into a fresh virtual environment
in a temporary folder, and run from there, where nothing of the checkout can be imported or read.

The fresh environment borrows the third-party packages (PySide6 and the rest) from the test's own environment
through a `.pth` line, so no download is needed. A `.pth` line only adds that folder to the path: the editable
install's own finder and `.pth` files there are not run, so `cafe_desk` itself can only come from the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = os.name == "nt"
LEFT_OUT = (".git", ".venv", "node_modules", "build", "dist", "__pycache__", "*.egg-info", ".pytest_cache",
            ".ruff_cache", ".hypothesis", "tmp")


def checkout_files() -> list[str]:
    """The checkout's files as a clean clone would have them (tracked, or new and not ignored), relative paths."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                                capture_output=True, check=True).stdout.decode("utf-8")
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: everything but the usual leftovers
        return []
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def source_copy(dest: Path) -> Path:
    """A copy of the checkout at `dest`, so the build sees no leftovers (an old build/ folder) and leaves none."""
    names = checkout_files()
    if not names:
        shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*LEFT_OUT))
        return dest
    for name in names:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    return dest


def build_wheel(source: Path, out: Path) -> Path:
    """`pip wheel --no-deps` of the project at `source` into `out`; the wheel's path."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q",
                    "-w", str(out), str(source)], check=True, capture_output=True)
    (wheel,) = out.glob("cafe_desk-*.whl")
    return wheel


@dataclass(frozen=True)
class Venv:
    root: Path

    @property
    def bin(self) -> Path:
        return self.root / ("Scripts" if WINDOWS else "bin")

    @property
    def python(self) -> Path:
        return self.bin / ("python.exe" if WINDOWS else "python")

    def script(self, name: str) -> Path:
        return self.bin / (f"{name}.exe" if WINDOWS else name)

    def purelib(self) -> Path:
        out = subprocess.run([str(self.python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             capture_output=True, text=True, check=True, env=clean_env()).stdout
        return Path(out.strip())


def make_venv(path: Path) -> Venv:
    """A new virtual environment with no pip and no packages, which sees the test environment's third-party
    packages (not its own `cafe_desk`)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)
    venv = Venv(path)
    lent = sorted({sysconfig.get_path("purelib"), sysconfig.get_path("platlib")})
    (venv.purelib() / "borrowed-dependencies.pth").write_text("".join(f"{p}\n" for p in lent), encoding="utf-8")
    return venv


def install_wheel(venv: Venv, wheel: Path) -> None:
    """Install only the wheel (its dependencies are borrowed) into `venv`."""
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv.python), "install", "--no-deps", "--no-index",
                    "--disable-pip-version-check", "-q", str(wheel)], check=True, capture_output=True)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that points Python or Café Desk at the checkout or its data; Qt offscreen."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "CAFE_DESK_DATA")}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(extra)
    return env
