"""The Span and placeholders the reference finder was written against, frozen with it."""

from __future__ import annotations

from dataclasses import dataclass

PLACEHOLDERS = {
    "name": "[NAME]", "email": "[EMAIL]", "phone": "[PHONE]", "postcode": "[POSTCODE]", "health_id": "[HEALTH_ID]",
    "ni_number": "[NI_NUMBER]", "address": "[ADDRESS]", "dob": "[DOB]", "url": "[URL]", "handle": "[HANDLE]",
}


@dataclass(frozen=True)
class Span:
    """One finding: [start, end) in the original text, and its kind (a key of PLACEHOLDERS)."""

    start: int
    end: int
    kind: str

    def as_dict(self) -> dict[str, int | str]:
        """{"start", "end", "kind"}, as written in JSON lines."""
        return {"start": self.start, "end": self.end, "kind": self.kind}
