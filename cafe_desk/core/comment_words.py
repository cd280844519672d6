"""What a participant is told about their comment in the same words wherever they meet it: the consent box (on the
phone page, the printed comment card and where cards are typed in) and how long a comment may be."""

COMMENT_LIMIT = 1000  # characters; the phone page and the printed card state it
CONSENT_WORDS = "My comment can be used, without my name, in the report"
