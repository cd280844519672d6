"""Whether a verified bundle may come in, and what it may replace (pure: the import service gathers the facts).

A café is tied to the signing key that first brought it: a file signed by another key is refused (or, in the app,
taken only once the person agrees), an unsigned (version 1) file never replaces a signed café, and a café that came
unsigned is replaced only when asked. `exported_at` must be a real time no later than a day from now, so a file can't
claim to be newer than every genuine export to come.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cafe_desk.export.bundle import BundleError
from cafe_desk.export.signing import fingerprint

EXPORTED_AT_FORMAT = "%Y%m%dT%H%M%S.%fZ"
LEEWAY = dt.timedelta(days=1)  # a laptop's clock may be a little ahead


@dataclass(frozen=True)
class Consent:
    """What the person agreed to for one file: the app asks first; the command line has flags."""

    replace: bool = True  # replace an older export of a café this desk holds
    replace_unsigned: bool = False  # replace a café that came unsigned
    new_signer: str | None = None  # the key allowed to take over a café another key brought


@dataclass(frozen=True)
class Held:
    """What the desk holds of the bundle's café: its title, signer, newest export and what replacing it loses."""

    title: str
    signer: str | None
    exported_at: str
    lost_codings: int = 0  # codings of notes the new file does not have
    lost_shortlist: int = 0


class NeedsConsent(BundleError):
    """The file can come in only if the person agrees: `str(err)` is the refusal line, `question` what to ask, and
    `consent` what to import it with if they say yes."""

    def __init__(self, refusal: str, title: str, question: str, consent: Consent):
        super().__init__(refusal)
        self.title, self.question, self.consent = title, question, consent


def check_exported_at(text: str, now: dt.datetime) -> dt.datetime:
    """The export time a manifest gives, if it is a real time no later than `now` plus a day; BundleError if not."""
    try:
        when = dt.datetime.strptime(text, EXPORTED_AT_FORMAT).replace(tzinfo=dt.UTC)
    except (TypeError, ValueError):
        raise BundleError("This file does not say when it was exported, so it was not imported.") from None
    if when > now + LEEWAY:
        raise BundleError(f"This file says it was exported on {when:%d %B %Y}, which is still to come, so it was not "
                          "imported.")
    return when


def _lost(held: Held) -> str:
    """What replacing the café loses, in one sentence."""
    parts = []
    if held.lost_codings:
        parts.append(f"{held.lost_codings} coding{'s' if held.lost_codings != 1 else ''}")
    if held.lost_shortlist:
        parts.append(f"{held.lost_shortlist} shortlist {'entries' if held.lost_shortlist != 1 else 'entry'}")
    if not parts:
        return "Nothing the central team coded or shortlisted will be lost."
    return f"{' and '.join(parts)} on notes that are not in the new file will be lost."


def admit(held: Held | None, signer: str | None, exported_at: str, already: bool, consent: Consent) -> str:
    """'new', 'already' or 'replace' for a bundle of a café the desk holds as `held` (None: not held), signed by
    `signer` (None: unsigned), holding an export already imported (`already`). BundleError if it is refused;
    NeedsConsent if it may come in only when the person agrees."""
    if held is None:
        return "new"
    title = held.title
    if held.signer is not None and signer is None:
        raise BundleError(f"“{title}” came signed by its facilitator; an unsigned file never replaces it, so this one "
                          "was not imported.")
    if held.signer is not None and signer != held.signer and consent.new_signer != signer:
        old, new = fingerprint(held.signer), fingerprint(signer)
        raise NeedsConsent(
            f"“{title}” was brought by another signing key ({old}); this file is signed by {new}, so it was not "
            "imported.", title,
            f"“{title}” was brought by the signing key {old}, but this file is signed by a different key, {new}. "
            f"Take it only if its facilitator told you their key changed. Accept the new key and replace the café? "
            f"{_lost(held)}", Consent(replace=True, new_signer=signer))
    if already:
        return "already"
    if not exported_at > held.exported_at:
        raise BundleError(f"A newer export of “{title}” is already here; this older one was not imported.")
    if held.signer is None and not consent.replace_unsigned:
        raise NeedsConsent(
            f"“{title}” came unsigned, so it is replaced only when asked (--replace-unsigned); this file was not "
            "imported.", title,
            f"“{title}” came in an unsigned file, so who sent it can't be checked. Replace it with this "
            f"{'signed' if signer else 'unsigned'} file? {_lost(held)}",
            Consent(replace=True, replace_unsigned=True, new_signer=consent.new_signer))
    if not consent.replace:
        raise NeedsConsent(
            f"“{title}” is already here; this newer export was not imported.", title,
            f"Replace “{title}” with its newer export? {_lost(held)}",
            Consent(replace=True, replace_unsigned=consent.replace_unsigned, new_signer=consent.new_signer))
    return "replace"
