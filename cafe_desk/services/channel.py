"""The participant channel's secrets and settings: the café's link token, table hosts' links, Wi-Fi details,
support lines, and whether voting is open and how ballots are limited."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

from cafe_desk.core.changes import Changes
from cafe_desk.core.errors import ValidationError
from cafe_desk.core.model import Cafe, Table
from cafe_desk.core.safeguarding import parse_support_lines
from cafe_desk.services.base import ServiceBase
from cafe_desk.storage.rows import utc_now

BALLOT_RULES = ("phone", "code")  # one ballot per phone (cookie) or per printed one-time code
WIFI_NAME_KEY = "wifi_name"
WIFI_PASSWORD_KEY = "wifi_password"
WIFI_SECURITY_KEY = "wifi_security"


def new_token() -> str:
    """128 random bits, URL-safe."""
    return secrets.token_urlsafe(16)


@dataclass(frozen=True)
class ChannelSettings:
    token: str
    voting_open: bool
    ballot_rule: str
    support_lines: tuple[tuple[str, str], ...]
    #: False until the facilitator first opens (or closes) voting: a closed vote "hasn't opened yet"
    voting_started: bool = True

    @property
    def voting_not_yet_open(self) -> bool:
        """Voting is closed because the facilitator hasn't opened it yet (a new café)."""
        return not self.voting_open and not self.voting_started


MAX_WIFI_NAME = 32  # bytes
MAX_WIFI_PASSWORD = 64  # a WPA passphrase is 8 to 63 characters, or a 64-digit key


class ChannelService(ServiceBase):
    def settings(self, cafe_id: str) -> ChannelSettings:
        """The café's channel settings, creating its link token (and hashing salt) the first time."""
        cafe = self.cafe(cafe_id)
        with self.store.read():
            data = self.store.channel_settings(cafe.id)
            started = data.get("voting_open", False) or self.store.voting_ever_opened(cafe.id)
        if not data.get("token") or not data.get("salt"):
            with self.store.transaction():
                self.store.update_cafe(cafe.id, token=data.get("token") or new_token(),
                                       salt=data.get("salt") or secrets.token_hex(16))
                data = self.store.channel_settings(cafe.id)
        return ChannelSettings(data["token"], data["voting_open"], data["ballot_rule"],
                               parse_support_lines(data["support_lines"]), bool(started))

    def voting_state(self, cafe_id: str) -> str:
        """"open", "closed", or "not yet" (the facilitator hasn't opened it yet); reads only, unlike `settings`."""
        cafe = self.cafe(cafe_id)
        with self.store.read():
            if self.store.channel_settings(cafe.id).get("voting_open"):
                return "open"
            return "closed" if self.store.voting_ever_opened(cafe.id) else "not yet"

    def salt(self, cafe_id: str) -> str:
        """The café's secret salt for hashing voters' keys (made with its phone settings)."""
        self.settings(cafe_id)
        with self.store.read():
            return self.store.channel_settings(cafe_id)["salt"]

    def cafe_for_token(self, token: str) -> Cafe | None:
        """The café whose participant link carries `token`, or None (wrong or old link)."""
        if not token or len(token) > 64:
            return None
        with self.store.read():
            return self.store.cafe_by_token(token)

    def host_token(self, table_id: str) -> str:
        """The secret in a table host's link, created the first time."""
        with self.store.read():
            token = self.store.host_token(table_id)
        if token:
            return token
        with self.store.transaction():
            token = new_token()
            self.store.set_host_token(table_id, token)
        return token

    def host_tokens(self, cafe_id: str) -> dict[str, str]:
        """Every table's host-link secret, {table id: token}; any still missing are created together, in one
        transaction (so a server can have them all before it opens, and write nothing once phones arrive)."""
        cafe = self.cafe(cafe_id)
        with self.store.read():
            tokens = {t.id: self.store.host_token(t.id) for t in self.store.list_items("table", cafe.id)}
        missing = [table_id for table_id, token in tokens.items() if not token]
        if missing:
            with self.store.transaction():
                for table_id in missing:
                    tokens[table_id] = self.store.host_token(table_id) or new_token()
                    self.store.set_host_token(table_id, tokens[table_id])
        return tokens

    def table_for_host_token(self, token: str) -> Table | None:
        """The table whose host link carries `token`, or None (wrong or old link)."""
        if not token or len(token) > 64:
            return None
        with self.store.read():
            return self.store.table_by_host_token(token)

    def set_voting_open(self, cafe_id: str, is_open: bool) -> Changes:
        """Open or close voting on the phones and printed cards."""
        cafe = self.writable(cafe_id)
        with self.store.transaction():
            self.store.update_cafe(cafe.id, voting_open=int(bool(is_open)), updated_at=utc_now())
            self.store.audit(cafe.id, "open voting" if is_open else "close voting", "cafe", cafe.id)
        return Changes(votes=True, plan=True)

    def set_ballot_rule(self, cafe_id: str, rule: str) -> Changes:
        """One ballot per phone ("phone") or per printed code ("code")."""
        if rule not in BALLOT_RULES:
            raise ValidationError("Choose one ballot per phone, or one per printed code.")
        cafe = self.writable(cafe_id)
        with self.store.transaction():
            self.store.update_cafe(cafe.id, ballot_rule=rule, updated_at=utc_now())
            self.store.audit(cafe.id, "ballot rule", "cafe", cafe.id, rule=rule)
        return Changes(votes=True, plan=True)

    def set_support_lines(self, cafe_id: str, lines: list[tuple[str, str]]) -> Changes:
        """Replace the support lines shown on every participant page (empty: back to the defaults)."""
        cafe = self.writable(cafe_id)
        clean = [(" ".join(n.split()), " ".join(p.split())) for n, p in lines if n.strip() and p.strip()]
        with self.store.transaction():
            self.store.update_cafe(cafe.id, support_lines=json.dumps(clean) if clean else "", updated_at=utc_now())
            self.store.audit(cafe.id, "support lines", "cafe", cafe.id, lines=clean)
        return Changes(plan=True)

    # --- the venue's Wi-Fi, typed once, kept on this laptop only -----------------------------------------------

    def wifi(self) -> tuple[str, str, str]:
        """(network name, password, security: WPA | WEP | nopass); a name or password longer than any network's
        (stored before they were checked) reads as none, so no QR code is made of it."""
        with self.store.read():
            name, password, security = (self.store.get_state(WIFI_NAME_KEY, ""),
                                        self.store.get_state(WIFI_PASSWORD_KEY, ""),
                                        self.store.get_state(WIFI_SECURITY_KEY, "WPA"))
        if len(name.encode("utf-8")) > MAX_WIFI_NAME or len(password) > MAX_WIFI_PASSWORD:
            return "", "", "WPA"
        return name, password, security

    def set_wifi(self, name: str, password: str, security: str = "WPA") -> None:
        """Remember the venue's Wi-Fi, for the QR code that lets phones join it."""
        if security not in ("WPA", "WEP", "nopass"):
            raise ValidationError("Choose WPA, WEP or an open network.")
        name = name.strip()
        if len(name.encode("utf-8")) > MAX_WIFI_NAME:  # what a network's name can hold, by the Wi-Fi standard
            raise ValidationError(f"A Wi-Fi network's name is at most {MAX_WIFI_NAME} letters; check the name on "
                                  "the router or its card.")
        if len(password) > MAX_WIFI_PASSWORD:
            raise ValidationError(f"A Wi-Fi password is at most {MAX_WIFI_PASSWORD} characters; check the one on "
                                  "the router or its card.")
        with self.store.transaction():
            self.store.set_state(WIFI_NAME_KEY, name)
            self.store.set_state(WIFI_PASSWORD_KEY, password)
            self.store.set_state(WIFI_SECURITY_KEY, security)
