"""Words participants read both on the phone pages and on paper (the printed comment card, and where cards are typed
in), kept in one place so a card and a page never ask for consent, point to support, or limit a comment differently."""

from __future__ import annotations

COMMENT_LIMIT = 1000  # characters a comment may have; the phone page and the printed card state it
#: The consent a comment needs, beside its tick box on the comment page and on the paper card.
CONSENT = "My comment can be used, without my name, in the report"
#: The heading above the café's support lines, on every phone page and on paper.
SUPPORT_HEADING = "If you need to talk to someone now:"
