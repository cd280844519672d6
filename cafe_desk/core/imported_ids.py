"""The local ids of imported entities: derived from the ids in a bundle, so importing again maps to the same rows,
and scoped to the source café, so no café can take another café's ids."""

from __future__ import annotations

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


def scoped_id(source_cafe_id: str, kind: str, key: str) -> str:
    """The local id of an outcome, group, theme, note or tally row of the café `source_cafe_id` (its id in the
    bundle), whose own id in the bundle is `key`.

    Two steps, `local_id` of the source, the kind and `local_id(key)`: `local_id(key)` is the id the importer gave
    before ids were scoped, so the migration of an older database derives each new id from the one it holds."""
    return scoped_from_old(source_cafe_id, kind, local_id(key))


def scoped_from_old(source_cafe_id: str, kind: str, old_local_id: str) -> str:
    """The scoped id of an entity an older importer stored as `old_local_id` (see `scoped_id`)."""
    return local_id(f"{source_cafe_id}:{kind}:{old_local_id}")
