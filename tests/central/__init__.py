"""Tests of the central desk. Shared here: a café with notes, comments, votes and attendance to export."""

from __future__ import annotations

import hashlib

from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from tests.conftest import mental_health_plan


def make_cafe(services: Services, title: str = "Perth café"):
    """A café that ran: notes tagged with outcomes and a theme, a comment, paper and phone votes, attendance."""
    plan = mental_health_plan(services)
    plan.title = title
    cafe = services.planning.create(plan)[0]
    tables = services.planning.items(cafe.id, "table")
    rounds = services.planning.items(cafe.id, "round")
    groups = services.planning.items(cafe.id, "group")
    outcomes = services.planning.items(cafe.id, "outcome")
    theme = services.planning.add_theme(cafe.id, "Waiting times")[0]
    services.running.start(cafe.id)
    add = services.notes.add
    add(cafe.id, tables[0].id, rounds[0].id, "More benches in the park", outcome_ids=[outcomes[0].id])
    add(cafe.id, tables[1].id, rounds[1].id, "Waited eight months for a first appointment", is_quote=True,
        theme_ids=[theme.id])
    services.comments.submit(cafe.id, "Peer support groups helped me most", consent=True, group_id=groups[0].id)
    services.votes.set_tally(cafe.id, outcomes[0].id, 4)
    services.channel.set_voting_open(cafe.id, True)
    services.ballots.cast(cafe.id, "voter-token-1", {outcomes[0].id: 2, outcomes[1].id: 1})
    services.notes.set_attendance(cafe.id, tables[0].id, rounds[0].id, groups[0].id, 3)
    services.notes.set_attendance(cafe.id, tables[0].id, rounds[0].id, groups[1].id, 7)
    return cafe


def snapshot(store) -> str:
    """A hash of the whole database's contents: equal before and after means nothing was written."""
    return hashlib.sha256("\n".join(store.conn.iterdump()).encode("utf-8")).hexdigest()


def cafe_at(services: Services, title: str, date: str, locality: str, points: tuple[str, ...] = (),
            comments: tuple[str, ...] = ()):
    """Another café that ran: `points` noted at table 1 in round 2, `comments` sent from phones (with consent)."""
    plan = mental_health_plan(services, date=date, locality=locality)
    plan.title = title
    cafe = services.planning.create(plan)[0]
    table = services.planning.items(cafe.id, "table")[0]
    round_ = services.planning.items(cafe.id, "round")[1]
    services.running.start(cafe.id)
    for text in points:
        services.notes.add(cafe.id, table.id, round_.id, text)
    for text in comments:
        services.comments.submit(cafe.id, text, consent=True)
    return cafe


def send(services: Services, cafe, store: Store, identity):
    """Export `cafe` encrypted to `identity` and import the bundle into `store`, as the central team would."""
    data = services.exporting.export_cafe(cafe.id, [str(identity.to_public())])[0]
    return Services.build(store).importing.import_bundle(data, [identity])


def signed_by(data_dir) -> str:
    """How an import line names the laptop whose data folder is `data_dir` (its key not on the central list)."""
    from cafe_desk.export import signing

    key = signing.read_key_file(data_dir / signing.KEY_FILE)
    return f"signed by {signing.fingerprint(signing.public_of(key))}, not on the list"


def rebuilt(files: dict[str, bytes], *, seed: bytes | None = None, version: int | None = None,
            **changes) -> dict[str, bytes]:
    """A bundle's files made again with the project's own packing code, as someone crafting a file would: the
    manifest's fields changed by `changes` (None removes one), then signed by `seed` (a version 2 bundle) or left
    unsigned (give `version=1` for an old-style bundle)."""
    import json

    from cafe_desk.export import bundle

    files = dict(files)
    manifest = json.loads(files.pop(bundle.MANIFEST))
    files.pop(bundle.SIGNATURE, None)
    meta = {k: v for k, v in manifest.items() if k not in ("format", "version", "app_version", "files")}
    meta.update(changes)
    out = bundle.with_manifest(files, **{k: v for k, v in meta.items() if v is not None})
    if version is not None:
        out[bundle.MANIFEST] = bundle.dumps({**json.loads(out[bundle.MANIFEST]), "version": version})
    return bundle.sign(out, seed) if seed is not None else out


def sealed_by_age(files: dict[str, bytes], public: str) -> bytes:
    """The files packed with the project's code and encrypted by Debian's `age -r`, not by the app."""
    import subprocess

    from cafe_desk.export import bundle

    return subprocess.run(["age", "-r", public], input=bundle.pack(files), capture_output=True, check=True).stdout
