"""Running a café: which round is on, and its countdown (persisted, so a restart picks up where it was)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cafe_desk.core.changes import Changes
from cafe_desk.core.errors import ValidationError
from cafe_desk.core.model import Round
from cafe_desk.core.plan import check_ready_to_run
from cafe_desk.core.timer import EXTEND_STEP_S, TimerState
from cafe_desk.services.base import ServiceBase
from cafe_desk.storage.rows import utc_now

RUN_CHANGED = Changes(run=True)


@dataclass(frozen=True)
class RunState:
    cafe_id: str
    rounds: tuple[Round, ...]
    round: Round | None  # the current round (the first, before the café starts)
    timer: TimerState

    @property
    def index(self) -> int:
        """The current round's place in the plan (0 for the first), or -1 with none."""
        return self.rounds.index(self.round) if self.round in self.rounds else -1

    @property
    def is_last(self) -> bool:
        """Whether the current round is the plan's last."""
        return self.index == len(self.rounds) - 1


class RunService(ServiceBase):
    def __init__(self, store, clock: Callable[[], float]):
        super().__init__(store)
        self.clock = clock

    def state(self, cafe_id: str) -> RunState:
        """The café's rounds, the current round and its countdown."""
        cafe = self.cafe(cafe_id)
        with self.store.read():
            rounds = tuple(self.store.list_items("round", cafe.id))
            round_id, timer = self.store.get_run_state(cafe.id)
        current = next((r for r in rounds if r.id == round_id), rounds[0] if rounds else None)
        if current is None:
            return RunState(cafe.id, rounds, None, TimerState.ready(0))
        if timer and current.id == round_id:
            state = TimerState.from_dict(timer).settle(self.clock())
        else:
            state = TimerState.ready(current.duration_s)
        return RunState(cafe.id, rounds, current, state)

    def current_round_id(self, cafe_id: str) -> str | None:
        """The id of the round under way, or None before the plan has rounds."""
        rnd = self.state(cafe_id).round
        return rnd.id if rnd else None

    def round_now(self, cafe_id: str) -> str | None:
        """The id of the round the café is at once it has started (under way, paused, out of time, or just moved
        to with Next); None before the first start, once the café is closed, or before the plan has rounds."""
        if self.cafe(cafe_id).state != "running":
            return None
        return self.current_round_id(cafe_id)

    def start(self, cafe_id: str) -> tuple[RunState, Changes]:
        """Start or resume the countdown. A café with no tables or rounds can't start (ValidationError)."""
        self.writable(cafe_id)
        with self.store.read():
            n_tables = len(self.store.list_items("table", cafe_id))
        st = self.state(cafe_id)
        check_ready_to_run(n_tables, len(st.rounds))
        return self._save(st, st.round, st.timer.start(self.clock()), started=True)

    def pause(self, cafe_id: str) -> tuple[RunState, Changes]:
        """Pause the countdown."""
        st = self._running(cafe_id)
        return self._save(st, st.round, st.timer.pause(self.clock()))

    def extend(self, cafe_id: str, seconds: float = EXTEND_STEP_S) -> tuple[RunState, Changes]:
        """Give the current round `seconds` more."""
        st = self._running(cafe_id)
        return self._save(st, st.round, st.timer.extend(self.clock(), seconds))

    def next_round(self, cafe_id: str) -> tuple[RunState, Changes]:
        """Move to the next round, its countdown ready to start."""
        st = self._running(cafe_id)
        if st.is_last:
            raise ValidationError("This is the last round. Close the café from the café list when you are done.")
        nxt = st.rounds[st.index + 1]
        return self._save(st, nxt, TimerState.ready(nxt.duration_s), started=True)

    def go_to_round(self, cafe_id: str, round_id: str) -> tuple[RunState, Changes]:
        """Move to any round of the plan, its countdown ready to start."""
        st = self._running(cafe_id)
        target = next((r for r in st.rounds if r.id == round_id), None)
        if target is None:
            raise ValidationError("That round is no longer in the plan.")
        return self._save(st, target, TimerState.ready(target.duration_s))

    def stop_countdown(self, cafe_id: str) -> bool:
        """Pause the countdown where it is, keeping the time left (the café is closing): True if it was running.
        Called inside a write, it is part of that write's transaction."""
        with self.store.transaction():
            st = self.state(cafe_id)
            if st.round is None or st.timer.status != "running":
                return False
            self.store.set_run_state(st.cafe_id, st.round.id, st.timer.pause(self.clock()).to_dict())
            self.store.audit(st.cafe_id, "run", "round", st.round.id, status="paused")
        return True

    def _running(self, cafe_id: str) -> RunState:
        self.writable(cafe_id)
        st = self.state(cafe_id)
        if st.round is None:
            raise ValidationError("This café has no rounds yet: add at least one question on the Plan page.")
        return st

    def _save(self, st: RunState, rnd: Round, timer: TimerState, started: bool = False):
        with self.store.transaction():
            self.store.set_run_state(st.cafe_id, rnd.id, timer.to_dict())
            cafe = self.store.get_cafe(st.cafe_id)
            if started and cafe.state == "planning":
                self.store.update_cafe(cafe.id, state="running", updated_at=utc_now())
            self.store.audit(st.cafe_id, "run", "round", rnd.id, status=timer.status)
        changes = RUN_CHANGED | (Changes(cafes=True) if started else Changes())
        return RunState(st.cafe_id, st.rounds, rnd, timer), changes
