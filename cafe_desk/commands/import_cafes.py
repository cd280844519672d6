"""`cafe-desk import FILE…`: bring café files into the central database, one line each, as the Central page does
(each file checked whole before anything is written; a refused file leaves nothing and the others go on). The files
are written as the Central page writes them (services/importing.py `import_files`): in batches committed every few
seconds, so each file's line is printed once the file is safely in the data file."""

from __future__ import annotations

import argparse
import sys

from cafe_desk import platforms
from cafe_desk.commands.passphrase_file import read_passphrase
from cafe_desk.commands.terminal_line import TerminalLine
from cafe_desk.core.errors import UserError

NAME = "import"
#: what a refusal for want of a passphrase adds on the command line
PASSPHRASE_HINT = " Once you have it: cafe-desk import --passphrase-file F FILE"


def add_parser(sub) -> None:
    imports = sub.add_parser(NAME, help="import bundles (FILE.cafe) into this data file, each checked in "
                             "full before anything is written; imported cafés are read-only")
    imports.add_argument("--identity", metavar="KEY", help="the central key file (from keygen); without it, the one "
                         "the Central page imports with, or central.key in the data folder")
    imports.add_argument("--passphrase-file", metavar="F", help="the passphrase in this file opens the files a "
                         "facilitator locked with a passphrase (the others are opened with --identity)")
    imports.add_argument("--replace-unsigned", action="store_true", help="let a file replace a café that came "
                         "unsigned (from an older Café Desk); a signed café is never replaced by an unsigned file")
    imports.add_argument("--take-older", action="store_true", help="let a file replace a later export of its café "
                         "signed by the same laptop (when that laptop's clock was wrong)")
    imports.add_argument("--accept-new-signer", metavar="FINGERPRINT", action="append", default=[],
                         help="let a file signed by this key replace a café that another key signed (when its "
                         "facilitator's key changed, or to take a café back from a revoked key); the café goes with "
                         "this key from then on. Check the fingerprint with the facilitator first; repeat for several")
    imports.add_argument("files", metavar="FILE", nargs="+", help="the bundles to import")


def shown(name: str) -> str:
    """A file's name as given, printable: a name that is not UTF-8 (from a disk formatted elsewhere) with "?"
    marks."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace").replace("\ufffd", "?")


class _Printer:
    """Prints each line of an import once the file it speaks of is in the data file: refusals on stderr. On a
    terminal, a line on stderr says meanwhile which file is being read and written, rewritten in place."""

    def __init__(self):
        self.printed = 0
        self.line = TerminalLine()

    def progress(self, number: int, total: int) -> None:
        if total > 1:
            self.line.show(f"Importing file {number} of {total}…", now=number in (1, total))

    def __call__(self, run) -> None:
        from cafe_desk.services.bundle_intake import LOCKED_WITH_PASSPHRASE

        if self.printed < len(run.lines):
            self.line.clear()
        refusals = set(run.refusals)
        for number in range(self.printed, len(run.lines)):
            line, refused = run.lines[number], number in refusals
            if refused and line.endswith(LOCKED_WITH_PASSPHRASE):
                line += PASSPHRASE_HINT
            print(line, file=sys.stderr if refused else sys.stdout, flush=True)
        self.printed = len(run.lines)

    def closing(self, line: str) -> None:
        self.line.clear()
        print(line, file=sys.stderr, flush=True)


def run(services, args: argparse.Namespace) -> int:
    """Import the bundles: one line each ("Refused FILE: reason" on stderr); status 2 if any was refused, 130 if
    stopped with Ctrl+C. The first Ctrl+C (or stop signal) stops after the file being written, every file whole or
    untouched, and says how far it got; a second stops at once."""
    from cafe_desk.central.bundle_trust import Consent  # encryption loads only when a command needs it

    if args.identity is None and args.passphrase_file is None:
        # the key file the Central page imports with, when one was chosen there
        args.identity = services.central_keys.key_path() or services.central_keys.key_file_in_data_folder()
    if args.identity is None and args.passphrase_file is None:
        raise UserError("Give the central team's key file (--identity KEY), or --passphrase-file F for files "
                        "locked with a passphrase.")
    passphrase = read_passphrase(args.passphrase_file) if args.passphrase_file is not None else None
    consent = Consent(replace_unsigned=args.replace_unsigned, new_signers=tuple(args.accept_new_signer),
                      take_older=args.take_older)
    printer = _Printer()
    with platforms.FirstStopAsks() as stop:
        try:
            done = services.importing.import_files(
                args.files, args.identity, printer.progress, stop.asked, consents=dict.fromkeys(args.files, consent),
                passphrase=passphrase, committed=printer, name_of=shown)
        except KeyboardInterrupt as exc:  # a second stop: each file is still whole or absent
            printer.closing(STOPPED_AT_ONCE)
            return getattr(exc, "status", 130)
    printer(done)
    if done.cancelled or done.problem or len(args.files) > 1:
        printer.closing(done.closing_line())
    if done.cancelled:
        return stop.status
    return 2 if done.refused or done.problem else 0


STOPPED_AT_ONCE = ("Stopped at once: the files listed above are imported. Files after them may or may not be; "
                   "importing the same files again brings in any that are missing and leaves the others as they are.")
