"""A facilitator's and a central data folder written by an older Café Desk, its code taken from the repository's
history: one café exported, imported, all its notes coded and its quote shortlisted."""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path

import pytest

REPO = Path(__file__).parents[2]
OLD_APP = """
import json, sys
from pathlib import Path
import pyrage
from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from tests.central import make_cafe

out, secret = Path(sys.argv[1]), sys.argv[2]
identity = pyrage.x25519.Identity.from_str(secret)
laptop = Services.build(Store(out / "laptop" / "cafe-desk.sqlite3"))
central = Services.build(Store(out / "central" / "cafe-desk.sqlite3"))
cafe = make_cafe(laptop)
data = laptop.exporting.export_cafe(cafe.id, [str(identity.to_public())])[0]
imported = central.importing.import_bundle(data, [identity])
theme = central.synthesis.create_theme("Access")[0]
notes = central.notes.list(imported.cafe_id)
central.synthesis.apply_theme([n.id for n in notes], theme.id)
central.synthesis.shortlist([n.id for n in notes if n.is_quote])
laptop.store.close()
central.store.close()
print(json.dumps({"cafe_id": cafe.id, "central_id": imported.cafe_id, "notes": [n.id for n in notes]}))
"""


def written_by(commit: str, folder: Path, identity) -> tuple[Path, Path, dict]:
    """(laptop folder, central folder, what was made) as the app of `commit` wrote them into `folder`; skips the test
    when the repository's history is not here."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", commit, "cafe_desk",
                              "resources", "tests/__init__.py", "tests/conftest.py", "tests/central/__init__.py"],
                             capture_output=True)
    if archive.returncode != 0:
        pytest.skip(f"the repository's history is not here ({archive.stderr.decode().strip()})")
    old = folder / "old-app"
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(old, filter="data")
    done = subprocess.run([sys.executable, "-c", OLD_APP, str(folder), str(identity)], cwd=old,
                          capture_output=True, text=True, env={"PYTHONPATH": str(old), "PATH": "/usr/bin:/bin"},
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return folder / "laptop", folder / "central", json.loads(done.stdout)
