"""The round countdown as a pure state machine: every transition takes `now` from an injected clock.

States: ``ready`` (not started), ``running`` (counting down to `ends_at`), ``paused`` (holding `remaining`),
``done`` (time is up; the countdown reached zero while running). A state is a frozen value, so it can be
stored, restored after a crash and compared in tests without Qt or a real clock.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace

EXTEND_STEP_S = 60


@dataclass(frozen=True)
class TimerState:
    duration_s: float
    status: str = "ready"  # ready | running | paused | done
    ends_at: float | None = None  # clock time when a running countdown reaches zero
    remaining_s: float | None = None  # seconds left while ready or paused

    @classmethod
    def ready(cls, duration_s: float) -> TimerState:
        return cls(duration_s=duration_s, status="ready", remaining_s=duration_s)

    def remaining(self, now: float) -> float:
        """Seconds left at `now`, never negative."""
        if self.status == "running":
            return max(0.0, self.ends_at - now)
        if self.status == "done":
            return 0.0
        return self.remaining_s

    def settle(self, now: float) -> TimerState:
        """The same countdown, moved to ``done`` if it ran out before `now`."""
        if self.status == "running" and self.ends_at <= now:
            return replace(self, status="done", ends_at=None, remaining_s=0.0)
        return self

    def is_up(self, now: float) -> bool:
        return self.settle(now).status == "done"

    def start(self, now: float) -> TimerState:
        """Start or resume. Starting a finished countdown does nothing: use `extend` or the next round."""
        state = self.settle(now)
        if state.status in ("ready", "paused"):
            return replace(state, status="running", ends_at=now + state.remaining_s, remaining_s=None)
        return state

    def pause(self, now: float) -> TimerState:
        state = self.settle(now)
        if state.status == "running":
            return replace(state, status="paused", remaining_s=state.ends_at - now, ends_at=None)
        return state

    def extend(self, now: float, seconds: float = EXTEND_STEP_S) -> TimerState:
        """Add time. A finished countdown comes back to life and runs on."""
        state = self.settle(now)
        if state.status == "running":
            return replace(state, ends_at=state.ends_at + seconds, duration_s=state.duration_s + seconds)
        if state.status == "done":
            return replace(state, status="running", ends_at=now + seconds, remaining_s=None,
                           duration_s=state.duration_s + seconds)
        return replace(state, remaining_s=state.remaining_s + seconds, duration_s=state.duration_s + seconds)

    def reset(self) -> TimerState:
        return TimerState.ready(self.duration_s)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> TimerState:
        return cls(**{k: data[k] for k in ("duration_s", "status", "ends_at", "remaining_s")})


def format_clock(seconds: float) -> str:
    """`mm:ss` for a countdown, rounding up so the display reads 00:00 only when time is really up."""
    total = max(0, math.ceil(seconds))
    return f"{total // 60:02d}:{total % 60:02d}"
