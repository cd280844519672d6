"""`cafe-desk import FILE…`: bring café files into the central database, one line each, as the Central page does
(each file checked whole before anything is written; a refused file leaves nothing and the others go on)."""

from __future__ import annotations

import argparse
import sys

from cafe_desk.commands.passphrase_file import read_passphrase
from cafe_desk.core.errors import UserError
from cafe_desk.core.text import printable

NAME = "import"


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


def run(services, args: argparse.Namespace) -> int:
    """Import each bundle in turn: one line each ("Refused FILE: reason" on stderr); status 2 if any was refused.
    A file name that is not UTF-8 (from a disk formatted elsewhere) is read as it is and shown with "?" marks."""
    from cafe_desk.central.bundle_trust import Consent  # encryption loads only when a command needs it
    from cafe_desk.export.keys import read_identity
    from cafe_desk.services.bundle_intake import LockedWithPassphrase
    from cafe_desk.services.importing import ImportRun

    if args.identity is None and args.passphrase_file is None:
        # the key file the Central page imports with, when one was chosen there
        args.identity = services.central_keys.key_path() or services.central_keys.key_file_in_data_folder()
    if args.identity is None and args.passphrase_file is None:
        raise UserError("Give the central team's key file (--identity KEY), or --passphrase-file F for files "
                        "locked with a passphrase.")
    keys = [read_identity(args.identity)] if args.identity is not None else []
    passphrase = read_passphrase(args.passphrase_file) if args.passphrase_file is not None else None
    importer = services.importing
    consent = Consent(replace_unsigned=args.replace_unsigned, new_signers=tuple(args.accept_new_signer),
                      take_older=args.take_older)
    run = ImportRun(total=len(args.files))
    for name in args.files:
        try:
            try:
                result = importer.import_file(name, keys, passphrase, consent=consent)
            except UserError as exc:
                run.refused += 1
                hint = " Once you have it: cafe-desk import --passphrase-file F FILE" \
                    if isinstance(exc, LockedWithPassphrase) else ""
                shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace").replace("\ufffd", "?")
                run.lines.append(printable(f"Refused {shown}: {exc}{hint}"))
                print(run.lines[-1], file=sys.stderr, flush=True)
            else:
                run.imported += result.status != "already"
                run.already += result.status == "already"
                run.lines.append(printable(result.line()))
                print(run.lines[-1], flush=True)
        except KeyboardInterrupt as exc:  # the file it was on is not imported: its transaction was rolled back
            run.cancelled = True
            print(run.closing_line(), file=sys.stderr, flush=True)
            return getattr(exc, "status", 130)
    return 2 if run.refused else 0
