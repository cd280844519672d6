"""Whether a verified bundle may come in, and what it may replace (pure: the import service gathers the facts).

A café is tied to the signing key that first signed it: a file signed by another key is refused (or, in the app,
taken only once the person agrees; on the command line with --accept-new-signer), an unsigned (version 1) file never
replaces a signed café, and a café that came unsigned is replaced only when asked. The export's age is weighed before
its signer, so nothing is asked about a file that would then be refused as older. `exported_at` must be a real time no
later than a day from now, so a file can't claim to be newer than every genuine export to come.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from cafe_desk.core.signers import (
    KNOWN,
    NEW_SIGNER,
    REPLACE,
    REVOKED,
    STANDING,
    UNLISTED,
    UNSIGNED_CAFE,
    Signer,
    compact,
)
from cafe_desk.export.bundle import BundleError
from cafe_desk.export.signing import fingerprint

EXPORTED_AT_FORMAT = "%Y%m%dT%H%M%S.%fZ"
LEEWAY = dt.timedelta(days=1)  # a laptop's clock may be a little ahead
ACCEPT_FLAG = "--accept-new-signer"
OLDER_FLAG = "--take-older"


@dataclass(frozen=True)
class Consent:
    """What the person agreed to for one file: the app asks first; the command line has flags."""

    replace: bool = True  # replace an older export of a café this desk holds
    replace_unsigned: bool = False  # replace a café that came unsigned
    new_signers: tuple[str, ...] = ()  # keys (whole, or their fingerprints) allowed to take over a café
    take_older: bool = False  # take an export older than the one held, from the same key (a clock that ran fast)

    def accepts(self, signer: str) -> bool:
        """Whether the person accepted `signer` (a public key) as a café's new key."""
        short = compact(fingerprint(signer))
        return any(key == signer or compact(key) == short for key in self.new_signers)


@dataclass(frozen=True)
class Held:
    """What the desk holds of the bundle's café: its title, signer, newest export and what replacing it loses."""

    title: str
    signer: str | None
    exported_at: str
    lost_codings: int = 0  # codings of notes the new file does not have
    lost_shortlist: int = 0


class NeedsConsent(BundleError):
    """The file can come in only if the person agrees: `str(err)` is the refusal line, `question` what to ask (one
    thing a line), `kind` which question it is (NEW_SIGNER, UNSIGNED_CAFE or REPLACE), and `consent` what to import
    it with if they say yes."""

    def __init__(self, refusal: str, title: str, question: str, consent: Consent, kind: str = REPLACE):
        super().__init__(refusal)
        self.title, self.question, self.consent, self.kind = title, question, consent, kind


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


def _when(exported_at: str, seconds: bool = False) -> str:
    """"on 3 December 2026 at 08:32 UTC" (with `seconds`, "at 08:32:05 UTC"), from an export time as manifests
    write it (as written, if it isn't one)."""
    try:
        when = dt.datetime.strptime(exported_at, EXPORTED_AT_FORMAT)
    except (TypeError, ValueError):
        return exported_at
    return f"on {when.day} {when:%B %Y} at {when:{'%H:%M:%S' if seconds else '%H:%M'}} UTC"


def _two_times(held: str, this: str) -> tuple[str, str]:
    """Two export times as `_when` says them, with seconds when they fall in the same minute (else they read the
    same)."""
    same_minute = _when(held) == _when(this)
    return _when(held, same_minute), _when(this, same_minute)


def lost_items(codings: int, shortlist: int) -> str:
    """"1 coding and 2 shortlist entries" (what replacing a café drops), or "" when it drops nothing."""
    parts = []
    if codings:
        parts.append(f"{codings} coding{'s' if codings != 1 else ''}")
    if shortlist:
        parts.append(f"{shortlist} shortlist {'entries' if shortlist != 1 else 'entry'}")
    return " and ".join(parts)


def _lost(held: Held) -> str:
    """What replacing the café loses, in one sentence."""
    lost = lost_items(held.lost_codings, held.lost_shortlist)
    if not lost:
        return "Nothing the central team coded or shortlisted will be lost."
    return f"{lost} on items that are not in the new file will be lost."


def _bare(public_key: str) -> Signer:
    return Signer(public_key, fingerprint(public_key))


def _described(signer: Signer) -> str:
    """"Anna, Perth's key (1a2b 3c4d 5e6f 7a8b, on the list)" or "the key 1a2b … (revoked)"."""
    standing = STANDING.get(signer.state, signer.state)
    if signer.name:
        return f"{signer.name}'s key ({signer.fingerprint}, {standing})"
    return f"the key {signer.fingerprint} ({standing})"


def _new_signer(held: Held, old: Signer, new: Signer, consent: Consent) -> NeedsConsent:
    """The refusal (with the flag that accepts the key) and the question for a file from another key."""
    title, flag = held.title, f"{ACCEPT_FLAG} {compact(new.fingerprint)}"
    recovery = old.state == REVOKED and new.state == KNOWN
    if recovery:
        hint = (f"The café's key was revoked: if this file is from the café's facilitator, take the café back with "
                f"{flag}.")
        advice = ("The key this café came with was revoked, and this file comes from a key on your list: taking it "
                  "is how to get the café back from its facilitator.")
    else:
        hint = (f"If the café's facilitator changed key (check the fingerprint with them by phone), import it again "
                f"with {flag}.")
        advice = "Take it only if the café's facilitator told you their key changed"
        if new.state == UNLISTED:
            advice += ", and compare the fingerprint (a short code their laptop shows) with them by phone"
        advice += "."
    refusal = (f"“{title}” came signed by {_described(old)}, but this file is signed by {_described(new)}, so it was "
               f"not imported. {hint}")
    question = "\n".join([
        f"“{title}” came signed by:", f"• {old.line()}",
        "This file is signed by a different key:", f"• {new.line()}",
        advice,
        f"Taking it replaces the café, which goes with the new key from then on. {_lost(held)}"])
    return NeedsConsent(refusal, title, question,
                        Consent(replace=True, replace_unsigned=consent.replace_unsigned, new_signers=(new.public_key,)),
                        NEW_SIGNER)


def admit(held: Held | None, signer: str | None, exported_at: str, already: bool, consent: Consent,
          who: Callable[[str], Signer] = _bare) -> str:
    """'new', 'already' or 'replace' for a bundle of a café the desk holds as `held` (None: not held), signed by
    `signer` (None: unsigned), holding an export already imported (`already`); `who(key)` says what the desk knows of
    a key (its name, and whether it is on the list or revoked). BundleError if it is refused; NeedsConsent if it may
    come in only when the person agrees. An older export is refused before anything is asked."""
    if held is None:
        return "new"
    title = held.title
    if held.signer is not None and signer is None:
        raise BundleError(f"“{title}” came signed by its facilitator; an unsigned file never replaces it, so this one "
                          "was not imported.")
    if already:
        return "already"
    # An unsigned file's time proves nothing (anyone could have written it): it never keeps out a signed file,
    # which is asked about below like any file replacing an unsigned café.
    if not exported_at > held.exported_at and not (held.signer is None and signer is not None):
        if signer is None or signer != held.signer:  # only the same laptop's key vouches for its clock
            raise BundleError(f"A newer export of “{title}” is already here; this older one was not imported.")
        if not consent.take_older:  # refused, not asked: importing a folder of old and new files asks nothing
            made, says = _two_times(held.exported_at, exported_at)
            raise BundleError(
                f"A newer export of “{title}” is already here (made {made}; this file says {says}), so this one "
                f"was not imported. If that laptop's clock was wrong when the one "
                f"here was made, `cafe-desk import {OLDER_FLAG}` takes this file.")
        return "replace"
    if held.signer is not None and signer != held.signer and not consent.accepts(signer):
        raise _new_signer(held, who(held.signer), who(signer), consent)
    if held.signer is None and not consent.replace_unsigned:
        file_is = (["This file is signed by:", f"• {who(signer).line()}", "Replace the café with it?"] if signer
                   else ["This file is unsigned too. Replace the café with it?"])
        raise NeedsConsent(
            f"“{title}” came unsigned, so it is replaced only when asked (--replace-unsigned); this file was not "
            "imported.", title,
            "\n".join([f"“{title}” came in an unsigned file, so who sent it can't be checked.", *file_is,
                       _lost(held)]),
            Consent(replace=True, replace_unsigned=True, new_signers=consent.new_signers), UNSIGNED_CAFE)
    if not consent.replace:
        raise NeedsConsent(
            f"“{title}” is already here; this newer export was not imported.", title,
            f"Replace “{title}” with its newer export? {_lost(held)}",
            Consent(replace=True, replace_unsigned=consent.replace_unsigned, new_signers=consent.new_signers))
    return "replace"
