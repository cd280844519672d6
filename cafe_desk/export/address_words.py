"""What every address finder shares: a house number, and the words before an address that say one follows ("lives
at", "send it to", "address is")."""

from __future__ import annotations

import re

from cafe_desk.export.redact_postcodes import LIVES

HOUSE = r"\d{1,4}[A-Za-z]?(?:-\d{1,4}[A-Za-z]?)?"
ADDRESS_CUE = re.compile(rf"(?:\b(?:{LIVES}|move|address|addr|flat"
                         r"|house|home|c/o|care\s+of|call(?:ing|ed)?\s+at|visit(?:ing|ed)?|rent(?:s|ed|ing)?)"
                         r"(?:\s+(?:is|was))?(?:\s+(?:at|to|tae|in|on|round|doon|up|into|@))?"
                         rf"|\b(?:{LIVES})\s+(?:at|wi|with)\s+(?:my|his|her|their|our|the)\s+[\w'’]+['’]s\s+at"
                         r"|\b(?:i'?m|i\s+am|we'?re|we\s+are|they'?re|they\s+are|s?he['’]?s"
                         r"|(?:send|sent|post|write|forward|return)\w*"
                         r"(?:\s+[\w'’]+){0,3}?)\s+(?:at|to|tae|doon|2))\s*:?\s*$", re.IGNORECASE)  # "send it 2"
