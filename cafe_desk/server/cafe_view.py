"""What the phone pages know about the served café (or one of its tables), read in one trip to the channel."""

from __future__ import annotations

from dataclasses import dataclass, field

from cafe_desk.core.model import Cafe, Round, Table
from cafe_desk.server.channel import CafeChannel
from cafe_desk.services import Services
from cafe_desk.services.channel import ChannelSettings

GENERAL_PROMPT = "What would you like the people planning this to hear?"


@dataclass
class CafeView:
    """What the participant pages need to know about the café, read in one go."""

    cafe: Cafe
    settings: ChannelSettings
    current: Round | None
    rounds: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    table: Table | None = None

    @property
    def question(self) -> str:
        """The question of the round under way, or a general one between rounds."""
        return self.current.prompt if self.current else GENERAL_PROMPT

    @property
    def voting(self) -> str:
        """What the comment pages say of voting: "open" (a link to the vote page), "later" (voting hasn't opened
        yet: said plainly, with no link to a page that can't take a vote), or "" (closed, or nothing to vote on)."""
        if not self.outcomes:
            return ""
        if self.settings.voting_open:
            return "open"
        return "later" if self.settings.voting_not_yet_open else ""


def load_cafe(services: Services, channel: CafeChannel, token: str) -> CafeView | None:
    """The served café if `token` is its link, else None (a wrong or old link)."""
    cafe = services.channel.cafe_for_token(token)
    if cafe is None or cafe.id != channel.cafe_id:
        return None
    return _view(services, channel, cafe)


def load_table(services: Services, channel: CafeChannel, token: str) -> CafeView | None:
    """The table whose host link carries `token` (in the served café), else None."""
    table = services.channel.table_for_host_token(token)
    if table is None or table.cafe_id != channel.cafe_id:
        return None
    view = _view(services, channel, services.channel.cafe(table.cafe_id))
    view.table = table
    return view


def _view(services: Services, channel: CafeChannel, cafe: Cafe) -> CafeView:
    settings = services.channel.settings(cafe.id)
    channel.support_lines = settings.support_lines
    items = services.planning.items
    return CafeView(cafe, settings, services.running.state(cafe.id).round, items(cafe.id, "round"),
                    items(cafe.id, "outcome"), items(cafe.id, "group"))
