"""The wheel as a newcomer gets it (`pipx install` / `uv tool install` of the built file): built from a copy of the
checkout, installed into a fresh virtual environment, and run from there: it holds every file the app reads, it
imports nothing from the checkout, and the first steps (anonymise, cafés, demo, a comment from a phone on
127.0.0.1, export, import) work. Deselect locally with `-m "not packaging"`; CI runs it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.packaging.install import ROOT, Venv, build_wheel, clean_env, install_wheel, make_venv, source_copy
from tests.packaging.walkthrough import TIMEOUT, CafeDesk, walk_through

pytestmark = pytest.mark.packaging
DRIVER = Path(__file__).with_name("drive_app.py")
SHIPPED = "cafe_desk/resource_files/"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    return build_wheel(source_copy(work / "src"), work / "dist")


@pytest.fixture(scope="module")
def installed(tmp_path_factory, wheel) -> Venv:
    venv = make_venv(tmp_path_factory.mktemp("fresh") / "venv")
    install_wheel(venv, wheel)
    return venv


def wheel_name(path: Path) -> str | None:
    """The name in the wheel of the checkout file at `path` (a byte-code file stands for its source); None if the
    file is not one the wheel could carry."""
    relative = path.relative_to(ROOT).as_posix()
    if relative.startswith("resources/"):
        return SHIPPED + relative.removeprefix("resources/")
    if relative.startswith("cafe_desk/"):
        if path.parent.name == "__pycache__":
            return (path.parent.parent / (path.name.split(".")[0] + ".py")).relative_to(ROOT).as_posix()
        return relative
    return None


def opened_in_checkout(log: Path) -> set[Path]:
    """The checkout's files named in an open log, leaving out the tests and the checkout's own environment."""
    found = set()
    for line in log.read_text(encoding="utf-8").splitlines():
        path = Path(line).resolve()
        if path.is_relative_to(ROOT) and not path.is_relative_to(ROOT / "tests") and path.is_file() and \
                not path.is_relative_to(ROOT / ".venv"):
            found.add(path)
    return found


def demo_shown_by(python: Path, env: dict, work: Path, *driver_options: str):
    """A `show_demo` that opens the demo with `python` for one pass of its event loop."""
    def show_demo(data: Path) -> None:
        result = subprocess.run([str(python), str(DRIVER), *driver_options, "--drive-shown", "--data-dir", str(data),
                                 "demo"], capture_output=True, encoding="utf-8", env=env, cwd=work, timeout=TIMEOUT)
        assert result.returncode == 0 and result.stdout.strip() == "shown", result.stderr
    return show_demo


def test_the_wheel_holds_the_whole_resources_folder(wheel):
    shipped = set(zipfile.ZipFile(wheel).namelist())
    files = [p for p in (ROOT / "resources").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert files
    missing = [wheel_name(p) for p in files if wheel_name(p) not in shipped]
    assert missing == []
    modules = list((ROOT / "cafe_desk").rglob("*.py"))
    assert [p for p in modules if wheel_name(p) not in shipped] == []


def test_the_wheel_holds_every_file_the_app_opens(wheel, tmp_path):
    """The first steps, run from the checkout with every file open recorded: each of the checkout's files the app
    read is in the wheel."""
    log = tmp_path / "opened.txt"
    env = clean_env(PYTHONPATH=str(ROOT))
    app = CafeDesk([sys.executable, str(DRIVER), "--drive-log", str(log)], env, tmp_path)
    walk_through(app, demo_shown_by(Path(sys.executable), env, tmp_path, "--drive-log", str(log)), tmp_path)
    opened = opened_in_checkout(log)
    resources = ROOT / "resources"
    read_resources = {p.relative_to(resources).parts[0] for p in opened if p.is_relative_to(resources)}
    assert read_resources >= {"templates", "names", "safeguarding", "web"}  # the log saw what the app read
    shipped = set(zipfile.ZipFile(wheel).namelist())
    assert sorted(str(p) for p in opened if wheel_name(p) not in shipped) == []


def test_the_installed_wheel_runs_from_its_own_files(installed):
    where = subprocess.run([str(installed.python), "-c", "import cafe_desk, cafe_desk.resources as r\n"
                            "print(cafe_desk.__file__); print(r.RESOURCES)"], capture_output=True, encoding="utf-8",
                           env=clean_env(), cwd=installed.root, check=True).stdout.splitlines()
    package, resources = (Path(line).resolve() for line in where)
    site = installed.purelib().resolve()
    assert package == site / "cafe_desk" / "__init__.py"
    assert resources == site / "cafe_desk" / "resource_files"
    assert (resources / "templates").is_dir()


def test_a_newcomer_walks_through_the_installed_wheel(installed, tmp_path):
    log = tmp_path / "opened.txt"
    env = clean_env()
    app = CafeDesk([str(installed.script("cafe-desk"))], env, tmp_path)
    walk_through(app, demo_shown_by(installed.python, env, tmp_path, "--drive-log", str(log),
                                    "--drive-screenshot", str(tmp_path / "demo.png")), tmp_path)
    templates = [Path(p) for p in log.read_text(encoding="utf-8").splitlines() if p.endswith(".json")]
    site = installed.purelib().resolve()
    assert templates and all(p.resolve().is_relative_to(site / "cafe_desk" / "resource_files") for p in templates)
    checkout = (ROOT / "cafe_desk", ROOT / "resources")  # the checkout's own files (its .venv may sit beside them)
    assert [p for p in log.read_text(encoding="utf-8").splitlines()
            if any(Path(p).resolve().is_relative_to(part) for part in checkout)] == []
    assert (tmp_path / "demo.png").stat().st_size > 0
