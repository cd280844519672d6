"""The workflow that builds the Windows and macOS apps can't run on this machine: read it back with a YAML parser
and check it does what it says (tests, the same spec as `./dev package`, the built app driven, the app uploaded)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from tests.packaging.install import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "apps.yml"


def load() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps() -> list[dict]:
    (job,) = load()["jobs"].values()
    return job["steps"]


def commands() -> list[str]:
    return [step["run"] for step in steps() if "run" in step]


def test_it_runs_on_windows_and_macos_with_the_projects_python():
    workflow = load()
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "push" in triggers and "workflow_dispatch" in triggers
    (job,) = workflow["jobs"].values()
    assert {entry["os"] for entry in job["strategy"]["matrix"]["include"]} == {"windows-latest", "macos-latest"}
    assert job["runs-on"] == "${{ matrix.os }}"
    setup = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/setup-python@"))
    required = re.search(r'requires-python = ">=(\d+\.\d+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert setup["with"]["python-version"] == required.group(1)


def test_it_tests_then_builds_from_the_same_spec_then_drives_the_app():
    runs = commands()
    test_run = next(i for i, run in enumerate(runs) if "pytest" in run and "test_frozen_app" not in run)
    build = next(i for i, run in enumerate(runs) if "PyInstaller" in run)
    drive = next(i for i, run in enumerate(runs) if "test_frozen_app.py" in run)
    assert test_run < build < drive
    named = [arg for arg in shlex.split(runs[test_run]) if arg.startswith("tests/")]
    assert named and all((ROOT / arg).exists() for arg in named)
    spec = next(arg for arg in shlex.split(runs[build]) if arg.endswith(".spec"))
    assert (ROOT / spec).is_file() and spec in (ROOT / "dev").read_text(encoding="utf-8")
    assert "dist/Cafe Desk" in runs[drive] or any(
        step.get("env", {}).get("CAFE_DESK_APP") == "dist/Cafe Desk" for step in steps())


def test_it_uploads_each_systems_app():
    uploads = [step for step in steps() if step.get("uses", "").startswith("actions/upload-artifact@")]
    paths = {step["if"]: Path(step["with"]["path"]) for step in uploads}
    assert paths == {"runner.os == 'Windows'": Path("dist/Cafe Desk"),
                     "runner.os == 'macOS'": Path("dist/Cafe Desk.zip")}
    assert all(step["with"]["if-no-files-found"] == "error" for step in uploads)
    assert any('"dist/Cafe Desk.app"' in run for run in commands())  # the macOS zip is made from the .app
