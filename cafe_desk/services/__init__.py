"""One service per capability. The GUI, the command line and the web server all write through these."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from cafe_desk.services.ballots import BallotService
from cafe_desk.services.cafes import CafeService
from cafe_desk.services.channel import ChannelService
from cafe_desk.services.comments import CommentService
from cafe_desk.services.notes import NoteService
from cafe_desk.services.planning import PlanningService
from cafe_desk.services.running import RunService
from cafe_desk.services.safeguarding import SafeguardingService
from cafe_desk.services.templates import TemplateService
from cafe_desk.services.votes import VoteService
from cafe_desk.storage.store import Store


@dataclass
class Services:
    store: Store
    cafes: CafeService
    planning: PlanningService
    templates: TemplateService
    running: RunService
    notes: NoteService
    votes: VoteService
    channel: ChannelService
    comments: CommentService
    ballots: BallotService
    safeguarding: SafeguardingService

    @classmethod
    def build(cls, store: Store, clock: Callable[[], float] = time.time) -> Services:
        return cls(
            store=store,
            cafes=CafeService(store),
            planning=PlanningService(store),
            templates=TemplateService(store),
            running=RunService(store, clock),
            notes=NoteService(store),
            votes=VoteService(store),
            channel=ChannelService(store),
            comments=CommentService(store),
            ballots=BallotService(store),
            safeguarding=SafeguardingService(store),
        )
