"""The command line: parses arguments, calls services, prints. All behaviour lives in the services."""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys

from cafe_desk import __version__, commands, platforms
from cafe_desk.core.errors import UserError
from cafe_desk.core.text import json_printable, printable
from cafe_desk.private_files import restrict_new_files
from cafe_desk.settings import Settings

SERVE_PORT = 8000  # core.phone_address.DEFAULT_PORT, which the app and printed cards use (not imported: start-up)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cafe-desk", description="Run conversation cafés offline. With no command, opens the app on your own "
        "data; `cafe-desk demo` adds the demo café to that same data folder and opens it.",
        epilog="Your cafés live in one data folder (--data-dir). To move them to another laptop, close the app and "
        "copy the whole folder.")
    parser.add_argument("--data-dir", metavar="DIR", help="folder for the data file (default: $CAFE_DESK_DATA "
                        "or your user data folder)")
    parser.add_argument("--version", action="version", version=f"cafe-desk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("demo", help="add a ready-made demo café to your data folder (the first time) and open the "
                   "app on it")
    cafes = sub.add_parser("cafes", help="list cafés: id, short code, title, date, state")
    cafes.add_argument("--json", action="store_true", help="print JSON")
    status = sub.add_parser("status", help="counts for one café")
    status.add_argument("cafe", metavar="CAFE", help="the café's id or short code")
    status.add_argument("--json", action="store_true", help="print JSON")
    serve = sub.add_parser("serve", help="open the participants' phone pages without a screen; the first line "
                           "printed is the participant URL; Ctrl+C stops")
    serve.add_argument("cafe", metavar="CAFE", help="the café's id or short code")
    serve.add_argument("--host", metavar="H", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this laptop only). Use --host 0.0.0.0 or "
                       "the laptop's own network address so phones on the venue's Wi-Fi can reach it")
    serve.add_argument("--port", metavar="P", type=int, default=SERVE_PORT,
                       help=f"port to listen on (default {SERVE_PORT}; another free one is used if it is taken; "
                       "0 picks any free port)")
    anonymise = sub.add_parser("anonymise", help="read text on stdin and write it to stdout with names, contact "
                               "details, addresses and health or NI numbers replaced by [NAME], [PHONE], …")
    anonymise.add_argument("--jsonl", action="store_true", help="each input line is a JSON object with \"id\" and "
                           "\"text\"; each output line is the same object with \"text\" redacted and "
                           "\"redactions\" (start, end and kind in the original text)")
    keygen = sub.add_parser("keygen", help="create a new central key file (age format, readable by you only) and "
                            "print its public key (age1…) to hand to facilitators")
    keygen.add_argument("--out", metavar="FILE", required=True, help="the key file to create (never overwritten; "
                        "a missing folder is created, readable by you only)")
    export = sub.add_parser("export", help="write one café as an anonymised bundle encrypted to the central team")
    export.add_argument("cafe", metavar="CAFE", help="the café's id or short code")
    export.add_argument("--recipient", metavar="AGE1…", action="append", default=[],
                        help="a public key to encrypt to (starts with age1…); repeat for several")
    export.add_argument("--passphrase-file", metavar="F", help="encrypt to the passphrase in this file instead")
    export.add_argument("--out", metavar="FILE", required=True, help="the bundle to write (FILE.cafe)")
    export.add_argument("--include-flagged", action="store_true", help="include flagged comments and paper cards "
                        "nobody has marked followed up (left out by default)")
    signing_key = sub.add_parser("signing-key", help="facilitator: show this laptop's signing key (made on the "
                                 "first export) and save its public key file for the central team")
    signing_key.add_argument("--out", metavar="FILE", help="write the public key file to give the central team")
    signers = sub.add_parser("signers", help="central desk: list facilitators' signing keys and the cafés each "
                             "signed; add a facilitator's key file, revoke a key or take a revoke back")
    signers.add_argument("--add", metavar="FILE", help="put the key in a facilitator's public key file on the list "
                         "(a revoked key is known again)")
    signers.add_argument("--name", metavar="NAME", default="", help="with --add: a name to show for the key "
                         "(without it, a name the key had is kept)")
    signers.add_argument("--revoke", metavar="FINGERPRINT", help="revoke a key: files it signs are refused from now "
                         "on (the cafés it signed stay)")
    signers.add_argument("--unrevoke", metavar="FINGERPRINT", help="take back a revoke: files the key signs come in "
                         "again, and it keeps its name")
    signers.add_argument("--json", action="store_true", help="print JSON")
    receipt = sub.add_parser("receipt", help="write a receipt for an imported café: proof for its facilitator that "
                             "the export arrived whole")
    receipt.add_argument("cafe", metavar="CAFE", help="the imported café's short code here (see `cafe-desk cafes`), "
                         "its id, or its id on the facilitator's laptop")
    receipt.add_argument("--out", metavar="FILE", required=True, help="the receipt to write (FILE.cafe-receipt)")
    check = sub.add_parser("check-receipt", help="check a receipt from the central team against this laptop's "
                           "exports; with --delete, then delete that café's raw data from this laptop")
    check.add_argument("file", metavar="FILE", help="the receipt (FILE.cafe-receipt)")
    check.add_argument("--delete", action="store_true", help="delete the café's points, comments, votes and plan "
                       "from this laptop and from its backups once the receipt matches (this can't be undone)")
    for command in commands.modules():
        command.add_parser(sub)
    return parser


def _fail(message: str, code: int) -> int:
    print(f"cafe-desk: {printable(message)}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    restrict_new_files()  # the data file, its backups and key files hold comments and secrets: this account only
    platforms.utf8_streams()
    args = build_parser().parse_args(argv)
    if _unreadable(v for k, v in vars(args).items() if (args.command, k) != ("import", "files")):
        return _fail("A word given on the command line isn't readable text (it is not UTF-8); please type it again.", 2)
    settings = Settings.resolve(args.data_dir)
    try:
        if args.command == "anonymise":
            return _anonymise(args.jsonl)
        if args.command == "keygen":
            return _keygen(args.out)
        if args.command in (None, "demo"):
            from cafe_desk.app import run_gui

            return run_gui(settings, demo=args.command == "demo")
        with platforms.stops_cleanly():  # a shutdown, a closed terminal or `timeout` stops it as Ctrl+C does
            from cafe_desk.app import services_opener

            open_services = services_opener(settings)
            if args.command == "serve":
                return _serve(open_services, args.cafe, args.host, args.port)
            with open_services() as services:
                return _run(services, args)
    except UserError as exc:
        return _fail(str(exc), 2)
    except BrokenPipeError:  # what read our output stopped early (`| head`): nothing to say, as other tools
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nor when Python flushes it at exit
        return 128 + 13  # as a command stopped by SIGPIPE
    except OSError as exc:
        return _fail(_os_error_line(exc), 2)
    except KeyboardInterrupt as exc:
        return _stopped(args.command, exc)
    except Exception as exc:  # a fault of ours: one plain line, not a traceback, and the way to see more
        if os.environ.get("CAFE_DESK_DEBUG"):
            raise
        return _fail(f"something went wrong inside Café Desk ({type(exc).__name__}), so it stopped; nothing half-"
                     "written was left. Run it again with CAFE_DESK_DEBUG=1 to see the details, and tell us.", 1)


#: the commands whose files are written whole or not at all: stopped part way, they have saved nothing
SAVING = ("data", "report", "export", "receipt")


def _stopped(command: str, exc: KeyboardInterrupt) -> int:
    """One line for a command stopped by Ctrl+C or a stop signal; the exit status a shell expects of it."""
    if command in SAVING:
        print("cafe-desk: Stopped before the end, so nothing was saved.", file=sys.stderr)
    else:
        print("cafe-desk: Stopped.", file=sys.stderr)
    return getattr(exc, "status", 130)


def _unreadable(values) -> bool:
    """Whether an option's text holds bytes the terminal could not decode (Python keeps them as lone surrogates)."""
    for value in values:
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and any("\ud800" <= char <= "\udfff" for char in text):
                return True
    return False


def _os_error_line(exc: OSError) -> str:
    """What went wrong with which file, in one line (the path is what the person can act on)."""
    where = next((str(name) for name in (exc.filename2, exc.filename) if name is not None), "")  # a move: its target
    if isinstance(exc, IsADirectoryError) and where:
        return f"{where} is a folder; give a file name inside it."
    if exc.errno == errno.ENAMETOOLONG:
        return f"The file name is too long: {where}" if where else "A file name is too long."
    reason = exc.strerror or str(exc)
    return f"{reason}: {where}" if where else reason


def _run(services, args) -> int:
    """The commands that work on the data file and print."""
    if args.command == "cafes":
        return _print_cafes(services, args.json)
    if args.command == "export":
        return _export(services, args)
    if args.command == "signing-key":
        return _signing_key(services, args.out)
    if args.command == "signers":
        return _signers(services, args)
    if args.command == "receipt":
        return _receipt(services, args.cafe, args.out)
    if args.command == "check-receipt":
        return _check_receipt(services, args.file, args.delete)
    if args.command == "status":
        data = services.cafes.status(args.cafe)
        print(json_printable(json.dumps(data, ensure_ascii=False, indent=2 if not args.json else None)))
        return 0
    for command in commands.modules():
        if args.command == command.NAME:
            return command.run(services, args)
    return _fail(f"unknown command {args.command}", 2)


def _print_cafes(services, as_json: bool) -> int:
    cafes = services.cafes.list()
    signed = {c.cafe_id: c for c in services.signers.cafes()}  # imported cafés, with who signed each
    if as_json:
        print(json_printable(json.dumps([{"id": c.id, "short_code": c.short_code, "title": c.title,
                                          "date": c.date, "locality": c.locality, "state": c.state,
                                          "origin": c.origin,
                                          "points": c.points, "summaries": c.summaries, "comments": c.comments,
                                          "notes": c.notes, "imported": c.id in signed,
                                          "source_short_code": signed[c.id].source_code or None
                                          if c.id in signed else None,
                                          "signer": _signer_json(signed.get(c.id))} for c in cafes],
                                         ensure_ascii=False)))
        return 0
    if not cafes:
        print("No cafés yet. Open the app with `cafe-desk` to plan one, or `cafe-desk demo` to try the demo.")
    for c in cafes:
        origin = ""
        if c.id in signed:
            source = signed[c.id].source_code
            away = f" ({source} on the facilitator's laptop)" if source and source != c.short_code else ""
            origin = f"  — imported{away}, {signed[c.id].label()}"
        print(printable(f"{c.short_code}  {c.date or '—':10}  {c.state_label:8}  {c.title}  ({c.id}){origin}"))
    return 0


def _signer_json(cafe) -> dict | None:
    """An imported café's signer for --json output; None for a café made here or one that came unsigned."""
    if cafe is None or cafe.signer is None:
        return None
    s = cafe.signer
    return {"fingerprint": s.fingerprint, "name": s.name, "state": s.state, "public_key": s.public_key}


def _signing_key(services, out: str | None) -> int:
    """Print this laptop's signing key fingerprint; with `out`, save the public key file for the central team."""
    keys = services.signing_key
    if out:
        print(f"This laptop's signing key: {keys.save_public_key(out)} → {out}")
        print("Give this file to the central team; they add it with `cafe-desk signers --add FILE`.")
    else:
        print(f"This laptop's signing key: {keys.fingerprint()}")
    return 0


def _signers(services, args) -> int:
    """List facilitators' signing keys; --add a key file or --revoke a key first."""
    signers = services.signers
    if args.add:
        print(printable(f"Added {signers.add_file(args.add, args.name).key_name()}."))
    if args.revoke:
        print(printable(f"Revoked {signers.revoke(args.revoke).key_name()}: files it signs are refused from now on."))
    if args.unrevoke:
        print(printable(f"Took back the revoke of {signers.unrevoke(args.unrevoke).key_name()}: files it signs come "
                        "in again."))
    if args.add or args.revoke or args.unrevoke:
        return 0
    found = signers.signers()
    if args.json:
        print(json_printable(json.dumps([{"fingerprint": s.fingerprint, "name": s.name, "state": s.state,
                                          "public_key": s.public_key, "cafes": list(s.cafes)} for s in found],
                                         ensure_ascii=False)))
        return 0
    if not found:
        print("No facilitators' keys yet: add one with `cafe-desk signers --add FILE`.")
    for s in found:
        cafes = f": {', '.join(s.cafes)}" if s.cafes else ""
        print(printable(f"{s.label()}{cafes}"))
    unsigned = [c.title for c in signers.cafes() if c.signer is None]
    if unsigned:
        print(printable(f"Unsigned (who sent them can't be checked): {', '.join(unsigned)}"))
    return 0


def _serve(open_services, cafe_key: str, host: str, port: int) -> int:
    """Serve the café's phone pages until Ctrl+C; the first line printed is the participant URL."""
    import gc
    import time

    from cafe_desk.server.addresses import listen_host, phone_base_url
    from cafe_desk.server.runner import ParticipantServer

    host = listen_host(host)
    with open_services() as services:
        cafe = services.cafes.cafe(cafe_key)
        tables = services.planning.items(cafe.id, "table")
    server = ParticipantServer(open_services, cafe.id, host=host, port=port)
    server.start()
    # What start-up loaded (modules, the safeguarding model, the compiled pages) lives as long as this process: leave
    # it out of the collector's full passes, which would otherwise walk all of it, holding up every phone, in the
    # first minutes under load (about 15 ms each on a quiet machine, several hundred on a busy one).
    gc.freeze()
    base = phone_base_url(host, server.port)
    try:
        print(base + server.cafe_url[len(server.base_url):], flush=True)
        print(f"Vote page: {base}{server.vote_url[len(server.base_url):]}")
        for table in tables:
            print(printable(f"{table.label} host page: {base}{server.table_url(table.id)[len(server.base_url):]}"))
        if port and server.port != port:
            print(f"Port {port} was taken, so port {server.port} is used instead.")
        print("Press Ctrl+C to stop.", flush=True)
        while server.running:
            time.sleep(0.5)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()


def _anonymise(jsonl: bool) -> int:
    """stdin → stdout redaction; with `jsonl`, one JSON object a line (a malformed line left out, status 2)."""
    from cafe_desk.export.anonymise import redact

    out = sys.stdout
    try:
        if not jsonl:
            out.write(redact(sys.stdin.read()).text)
            return 0
        return _anonymise_lines(out)
    except UnicodeDecodeError:
        return _fail("the input is not UTF-8 text, so nothing more was written.", 2)


def _anonymise_lines(out) -> int:
    """Redact JSON lines from stdin to `out`. A malformed line is left out with a one-line message and the lines
    after it are still written; status 2 if any was left out."""
    from cafe_desk.core import json_input
    from cafe_desk.export.anonymise import BadRecord, redact_record

    left_out = 0
    lines = getattr(sys.stdin, "buffer", sys.stdin)  # bytes where there are bytes: a bad line is left out alone
    for number, raw in enumerate(lines, 1):
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            line, reason = None, "it is not UTF-8 text"
        if line is not None:
            if not line.strip():
                continue
            try:
                record = redact_record(json_input.loads(line))
            except BadRecord as exc:
                reason = str(exc)
            except ValueError:
                reason = "it is not one record written as JSON"
            except Exception:  # one record the finder cannot take loses only that record
                reason = "its text could not be anonymised"
            else:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                continue
        out.flush()
        left_out += 1
        _fail(f"line {number} was left out: {reason}; the other lines are written.", 2)
    return 2 if left_out else 0


def _keygen(out: str) -> int:
    """Create the key file (and its folder, private to this account, if there is none yet); print its public key."""
    from pathlib import Path

    from cafe_desk.export.keys import write_identity
    from cafe_desk.private_files import create_private_folders

    try:
        create_private_folders(Path(out).parent)
    except OSError:
        raise UserError(f"The folder for {out} could not be created.") from None
    print(write_identity(out))
    return 0


def _export(services, args) -> int:
    """Write the café's bundle whole (or nothing) and record the export; print one summary line."""
    from pathlib import Path

    from cafe_desk.commands.passphrase_file import read_passphrase

    passphrase = read_passphrase(args.passphrase_file) if args.passphrase_file else None
    if passphrase is None and not args.recipient:
        raise UserError("Say who can open the bundle: --recipient age1… (the central team's public key) or "
                        "--passphrase-file F.")
    target = Path(args.out)
    if target.is_dir():
        raise UserError(f"{target} is a folder; give a file name inside it.")
    result = services.exporting.export_to_file(args.cafe, args.recipient, target, passphrase=passphrase,
                                               include_flagged=args.include_flagged)
    print(printable(result.summary(str(target))))
    return 0


def _receipt(services, cafe_key: str, out: str) -> int:
    """Write the receipt for an imported café; print one line saying what it confirms."""
    receipt = services.receipts.write_receipt(cafe_key, out)
    counted = services.receipts.counts(cafe_key).phrase()  # as the import line said them
    print(printable(f"Receipt for “{receipt.title}” ({counted}) → {out}"))
    return 0


def _check_receipt(services, path: str, delete: bool) -> int:
    """Print what the receipt confirms; with `delete`, then delete that café's raw data and say so."""
    receipts = services.receipts
    check = receipts.check_receipt(path)
    print(printable(f"{check.line()} Café {check.short_code} ({check.cafe_id})."), flush=True)
    if not delete:
        print("Nothing was deleted. Add --delete to delete this café's raw data from this laptop.")
        return 0
    receipts.delete_raw_data(check.cafe_id, path)
    print(printable(f"Deleted “{check.title}” from this laptop and from this laptop's backups."))
    return 0
