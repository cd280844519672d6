"""`Changes`: what a service write changed, so each screen can decide whether to refresh."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    """Flags for the kinds of data a write touched. Combine with `|`."""

    cafes: bool = False
    plan: bool = False
    run: bool = False
    notes: bool = False
    attendance: bool = False
    votes: bool = False
    themes: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @classmethod
    def everything(cls) -> Changes:
        return cls(**{f.name: True for f in fields(cls)})
