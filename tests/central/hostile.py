"""Building hostile bundles for the import tests: a real café's export, its files changed, the manifest made to
match, then packed and encrypted with the project's own code (or with the `age` command)."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Callable

from cafe_desk.export import bundle

Change = Callable[[dict[str, bytes], dict], None]


def count(name: str, data: bytes) -> int:
    """The record count a manifest gives `data`, worked out without trusting it to parse."""
    if name.endswith(".jsonl"):
        return data.count(b"\n")
    try:
        parsed = json.loads(data)
    except (ValueError, RecursionError):
        return 1
    return len(parsed) if isinstance(parsed, list) else 1


def rebuilt(services, cafe_id: str, change: Change, after: Change | None = None) -> dict[str, bytes]:
    """The café's bundle files after `change(files, manifest)`, with the manifest listing the changed files and
    signed by the laptop's own key (a sender who has a key of their own); `after(files, manifest)` may then spoil
    the listing itself."""
    files = dict(services.exporting.build(cafe_id).files)
    manifest = json.loads(files.pop(bundle.MANIFEST))
    change(files, manifest)
    manifest["files"] = {name: {"sha256": hashlib.sha256(data).hexdigest(), "count": count(name, data)}
                         for name, data in sorted(files.items())}
    if after is not None:
        after(files, manifest)
    return bundle.sign({**files, bundle.MANIFEST: bundle.dumps(manifest)}, services.signing_key.secret())


def sealed(files: dict[str, bytes], public: str, *, age_cli: bool = False) -> bytes:
    """`files` packed and encrypted to `public`: by pyrage as the app does, or by the `age -r` command."""
    zipped = bundle.pack(files)
    if age_cli:
        return subprocess.run(["age", "-r", public], input=zipped, capture_output=True, check=True).stdout
    return bundle.seal(zipped, [public])


def edit_json(name: str, edit: Callable[[object], None]) -> Change:
    """A change that edits the parsed JSON of one file in place."""
    def change(files: dict[str, bytes], manifest: dict) -> None:
        value = json.loads(files[name])
        edit(value)
        files[name] = bundle.dumps(value)
    return change


def edit_notes(edit: Callable[[list[dict]], None]) -> Change:
    """A change that edits the rows of notes.jsonl in place."""
    def change(files: dict[str, bytes], manifest: dict) -> None:
        rows = [json.loads(line) for line in files["notes.jsonl"].decode().splitlines()]
        edit(rows)
        files["notes.jsonl"] = bundle.dumps_lines(rows)
    return change


def replace_bytes(name: str, old: bytes, new: bytes) -> Change:
    """A change that swaps bytes in a file: for JSON no JSON writer would make."""
    def change(files: dict[str, bytes], manifest: dict) -> None:
        assert old in files[name]
        files[name] = files[name].replace(old, new, 1)
    return change
