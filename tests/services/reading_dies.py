"""A reading process (services/reading_process.py) that reads the first file it is allowed, sends half of it and
dies: what a reading process killed while sending leaves in the pipe."""

from __future__ import annotations

import os


def dies_half_way_through_sending(paths, read, allowed, results) -> None:
    allowed.recv()
    body = read(paths[0])
    results.send_bytes((0).to_bytes(8, "big") + b"\1")
    # the pipe's own framing (a 4-byte length, then the bytes), cut off half-way through the bytes
    os.write(results.fileno(), len(body).to_bytes(4, "big") + body[:len(body) // 2])
    os._exit(9)
