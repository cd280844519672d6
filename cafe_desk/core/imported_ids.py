"""The local ids of imported entities: derived from the ids in a bundle, so importing again maps to the same rows,
and scoped to the source café, so no café can take another café's ids.

Every id scoped to a café starts with the same eight hex digits, drawn from the café alone (`cafe_prefix`): a café's
notes, outcomes, groups, themes and tallies then sit side by side in every index keyed by their ids, so importing a
café writes a few index pages instead of one page per note scattered over the whole index.
"""

from __future__ import annotations

import functools
import hashlib
import uuid

NAMESPACE = uuid.UUID("5b0e7c62-3f0a-4d35-9a39-0c1f6f7d2a11")
_PREFIX = hashlib.sha1(NAMESPACE.bytes + b"imported:")
#: the hex digit that starts the fourth group, given the hash's: its top two bits set to the RFC 4122 variant (10)
_VARIANT = {f"{n:x}": f"{(n & 0x3) | 0x8:x}" for n in range(16)}


def local_id(key: str) -> str:
    """The text of `uuid.uuid5(NAMESPACE, f"imported:{key}")`, made without the UUID object (it runs twice a note):
    the same for the same key every time."""
    sha = _PREFIX.copy()
    sha.update(key.encode())
    h = sha.hexdigest()
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"


@functools.lru_cache(maxsize=256)
def cafe_prefix(source_cafe_id: str) -> str:
    """The eight hex digits every scoped id of the café `source_cafe_id` (its id in the bundle) starts with."""
    return local_id(f"{source_cafe_id}:ids")[:8]


def scoped_id(source_cafe_id: str, kind: str, key: str) -> str:
    """The local id of an outcome, group, theme, note or tally row of the café `source_cafe_id` (its id in the
    bundle), whose own id in the bundle is `key`.

    Made in steps each older importer took in turn, so a migration derives each new id from the one a database
    holds: `local_id(key)` (the first importer's), then `scoped_from_old` (scoped to the café), then `clustered`."""
    return clustered(source_cafe_id, scoped_from_old(source_cafe_id, kind, local_id(key)))


def scoped_from_old(source_cafe_id: str, kind: str, old_local_id: str) -> str:
    """The scoped id of an entity an older importer stored as `old_local_id` (see `scoped_id`), before clustering."""
    return local_id(f"{source_cafe_id}:{kind}:{old_local_id}")


def clustered(source_cafe_id: str, scoped: str) -> str:
    """A scoped id with its first eight hex digits made the café's (`cafe_prefix`); the rest, version and variant
    included, as they were."""
    return cafe_prefix(source_cafe_id) + scoped[8:]


def scoper(source_cafe_id: str, kind: str):
    """`scoped_id` for one café and kind, as a function of the key, with what those two fix worked out once (it runs
    for every note of a bundle)."""
    prefix = cafe_prefix(source_cafe_id)
    inner = _PREFIX.copy()
    inner.update(f"{source_cafe_id}:{kind}:".encode())

    def scope(key: str) -> str:
        sha = _PREFIX.copy()  # local_id(key), written out here
        sha.update(key.encode())
        h = sha.hexdigest()
        sha = inner.copy()
        sha.update(f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}".encode())
        h = sha.hexdigest()
        return f"{prefix}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"
    return scope
