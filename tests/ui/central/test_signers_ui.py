"""The Central page asks before a file replaces a café (saying what will be lost) or comes from another signing key,
and its Signers box shows who signed each café, adds a facilitator's key and revokes one; the export dialog saves the
laptop's signing key. Real key files, real bundles, the import run off the GUI thread."""

from __future__ import annotations

import pytest
from nacl.signing import SigningKey
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from cafe_desk.core.signers import NBSP, NEW_SIGNER
from cafe_desk.export import bundle, signing
from cafe_desk.services import Services
from cafe_desk.storage.store import Store
from cafe_desk.ui.central.central_panel import CentralPanel
from cafe_desk.ui.central.import_box import ASKING, ask, question_box
from cafe_desk.ui.central.signers_box import name_prompt
from cafe_desk.ui.export.export_dialog import ExportDialog
from tests.central import make_cafe, rebuilt
from tests.ui.conftest import review_read


@pytest.fixture
def laptop(tmp_path):
    store = Store(tmp_path / "laptop" / "cafe-desk.sqlite3")
    yield Services.build(store)
    store.close()


@pytest.fixture
def asked():
    """The questions the page asked, and the answer it gets (set `asked.answer`)."""
    class Asked(list):
        answer = False
    asked = Asked()
    asked.how = []  # the icon (warning) and the yes button's words of each question
    return asked


@pytest.fixture
def panel(qtbot, services, tmp_path, asked):
    p = CentralPanel(services, QUndoStack())
    def confirm(title, text, **how):
        asked.append((title, text))
        asked.how.append(how)
        return asked.answer
    p.import_box.confirm = p.signers_box.confirm = confirm
    qtbot.addWidget(p)
    assert p.create_key_pair(tmp_path / "central.key")
    return p


def public(panel) -> str:
    return panel.keys_box.public_key


def run_import(qtbot, panel, paths) -> list[str]:
    """Import through the page (both passes, when a question was answered yes); the lines it lists."""
    box = panel.import_box
    box.last_run = None
    assert panel.import_paths(paths) is not None
    qtbot.waitUntil(lambda: box.last_run is not None, timeout=20_000)
    return [box.summary.item(i).text() for i in range(box.summary.count())]


def write(path, data: bytes):
    path.write_bytes(data)
    return path


def exported(laptop, cafe, panel, path):
    """The café exported from the laptop to the page's public key, written to `path`."""
    return write(path, laptop.exporting.export_cafe(cafe.id, [public(panel)])[0])


def test_replacing_a_cafe_asks_first_and_says_what_will_be_lost(qtbot, panel, laptop, services, tmp_path, asked):
    cafe = make_cafe(laptop)
    first = write(tmp_path / "perth.cafe", laptop.exporting.export_cafe(cafe.id, [public(panel)])[0])
    [line] = run_import(qtbot, panel, [first])
    assert line.startswith("Imported “Perth café”") and asked == []
    imported = services.cafes.list()[0].id
    theme = services.synthesis.create_theme("Access")[0]
    notes = services.notes.list(imported)
    services.synthesis.apply_theme([n.id for n in notes], theme.id)
    services.synthesis.shortlist([n.id for n in notes if n.is_quote])
    quote = next(n for n in laptop.notes.list(cafe.id) if n.is_quote)
    newer = write(tmp_path / "perth-2.cafe", laptop.exporting.export_cafe(
        cafe.id, [public(panel)], leave_out={quote.id})[0])

    assert run_import(qtbot, panel, [newer]) == ["Not imported perth-2.cafe: “Perth café” was kept as it is."]
    [(title, text)] = asked
    assert title == "Replace “Perth café”?"
    assert text == ("Replace “Perth café” with its newer export? 1 coding and 1 shortlist entry on items that are not "
                    "in the new file will be lost.")
    assert len(services.notes.list(imported)) == 3

    asked.clear()
    asked.answer = True
    lines = run_import(qtbot, panel, [newer])
    assert len(asked) == 1 and lines[0].startswith("Replaced an older export of “Perth café” — signed by ")
    assert panel.import_box.closing.text() == "Done: 1 of 1 file imported."
    assert len(services.notes.list(imported)) == 2


def test_another_signer_asks_showing_both_fingerprints(qtbot, panel, laptop, services, tmp_path, asked):
    cafe = make_cafe(laptop)
    run_import(qtbot, panel, [exported(laptop, cafe, panel, tmp_path / "perth.cafe")])
    other = bytes(SigningKey.generate())
    files = rebuilt(laptop.exporting.build(cafe.id).files, seed=other)
    forged = write(tmp_path / "forged.cafe", bundle.seal(bundle.pack(files), [public(panel)]))
    assert run_import(qtbot, panel, [forged]) == ["Not imported forged.cafe: “Perth café” was kept as it is."]
    [(title, text)] = asked
    assert title == "A different key signed this file" and asked.how == [{"warning": True,
                                                                         "yes": "Take it from the new key"}]
    ours, theirs = laptop.signing_key.fingerprint(), signing.fingerprint(signing.public_of(other))
    assert f"\n• {ours.replace(' ', NBSP)} (not on the list)\n" in text
    assert f"\n• {theirs.replace(' ', NBSP)} (not on the list)\n" in text
    [listed] = services.signers.cafes()
    assert listed.signer.public_key == laptop.signing_key.public_key()


def test_the_signers_box_names_adds_and_revokes_keys(qtbot, panel, laptop, services, tmp_path, asked):
    cafe = make_cafe(laptop)
    run_import(qtbot, panel, [exported(laptop, cafe, panel, tmp_path / "perth.cafe")])
    box = panel.signers_box
    fingerprint = laptop.signing_key.fingerprint()
    assert box.cafes_list.item(0).text().endswith(f"— signed by {fingerprint}, not on the list")

    dialog = ExportDialog(laptop, cafe.id)
    qtbot.addWidget(dialog)
    review_read(qtbot, dialog)
    counted = dialog.summary.text()
    assert "Every export is signed by this laptop's key" in dialog.signing_note.text()  # said before any tooltip
    assert dialog.signing_key_file_name() == f"cafe-desk-signing-key-{fingerprint.split()[0]}.txt"
    key_file = tmp_path / "anna.txt"
    assert dialog.save_signing_key(key_file)
    assert dialog.signing_note.text().startswith(f"Signing key {fingerprint} saved to anna.txt")
    assert dialog.summary.text() == counted  # what will be exported is still said

    assert box.add_key_file(key_file, "Anna, Perth")
    assert box.cafes_list.item(0).text().endswith(f"— signed by Anna, Perth ({fingerprint})")
    assert box.keys_list.item(0).text() == f"Anna, Perth ({fingerprint}) — 1 café"
    assert not box.add_key_file(tmp_path / "central.key")
    assert panel.message.text() == ("central.key does not hold one Café Desk signing key (a line starting with "
                                    "cafe-desk-signer).")

    said = []
    box.sig_message.connect(said.append)
    box.keys_list.setCurrentRow(0)
    assert box.revoke_button.isEnabled() and not box.unrevoke_button.isEnabled()
    assert not box.revoke(box.chosen_key())  # the person said no
    asked.answer = True
    assert box.revoke(box.chosen_key())
    assert box.keys_list.item(0).text() == f"Anna, Perth ({fingerprint}), revoked — 1 café"
    assert asked[-1] == ("Revoke key", f"Revoke Anna, Perth's key ({fingerprint})? Files it signs will be refused "
                         "from now on; the cafés it signed stay. You can take the revoke back later.")
    assert said == [f"Revoked Anna, Perth's key ({fingerprint}): files it signs are refused from now on."]
    assert box.keys_list.currentRow() == 0
    assert not box.revoke_button.isEnabled() and box.unrevoke_button.isEnabled()  # already revoked

    assert box.unrevoke(box.chosen_key())
    assert box.keys_list.item(0).text() == f"Anna, Perth ({fingerprint}) — 1 café"
    assert said[-1] == f"Took back the revoke of Anna, Perth's key ({fingerprint}): files it signs come in again."
    assert box.revoke_button.isEnabled() and not box.unrevoke_button.isEnabled()
    assert box.revoke(box.chosen_key())
    assert box.add_key_file(key_file, "")  # added again without a name: known again, and still Anna's
    assert box.keys_list.item(0).text() == f"Anna, Perth ({fingerprint}) — 1 café"
    assert said[-1] == f"Added Anna, Perth's key ({fingerprint})."


def test_whose_key_shows_the_file_s_fingerprint_before_asking_a_name(qtbot, panel, laptop, tmp_path):
    key_file = tmp_path / "anna.txt"
    fingerprint = laptop.signing_key.save_public_key(key_file)
    box = panel.signers_box
    signer = box.signers.read_file(key_file)
    assert signer.fingerprint == fingerprint and box.signers.signers() == []  # read, not added
    prompt = name_prompt(signer)
    assert prompt.splitlines()[0] == f"Fingerprint: {fingerprint}" and prompt.endswith(
        "A name to show for this key (for example the facilitator and their area):")
    box.add_key_file(key_file, "Anna, Perth")
    assert "It is on the list as “Anna, Perth”." in name_prompt(box.signers.read_file(key_file))


def test_the_different_key_question_looks_different_from_a_routine_replace(qtbot):
    title, warning, yes = ASKING[NEW_SIGNER]
    text = f"“Perth café” came signed by:\n• 1a2b{NBSP}3c4d{NBSP}5e6f{NBSP}7a8b (revoked)"
    box = question_box(None, title, text, warning, yes)
    qtbot.addWidget(box)
    assert (box.windowTitle(), box.icon(), box.text()) == (
        "A different key signed this file", QMessageBox.Icon.Warning, text)
    assert sorted(b.text().replace("&", "") for b in box.buttons()) == ["Cancel", "Take it from the new key"]
    assert box.defaultButton() is box.escapeButton()
    assert box.buttonRole(box.defaultButton()) == QMessageBox.ButtonRole.RejectRole
    routine = question_box(None, "Replace “Perth café”?", "Replace “Perth café” with its newer export?", yes="Replace")
    qtbot.addWidget(routine)
    assert routine.icon() == QMessageBox.Icon.Question

    # Enter on the real question takes the default: Cancel, so nothing is taken
    def press_enter():
        shown = QApplication.activeModalWidget()
        assert isinstance(shown, QMessageBox) and shown.windowTitle() == title
        qtbot.keyClick(shown, Qt.Key.Key_Return)
    QTimer.singleShot(100, press_enter)
    assert not ask(None, title, text, warning, yes)


def test_the_page_lists_an_imported_cafe_by_its_code_here_and_on_the_facilitator_s_laptop(qtbot, panel, laptop,
                                                                                          services, tmp_path):
    cafe = make_cafe(laptop)
    [line] = run_import(qtbot, panel, [exported(laptop, cafe, panel, tmp_path / "perth.cafe")])
    here = services.cafes.list()[0].short_code
    both = f"{here} ({cafe.short_code} on the facilitator's laptop)"
    assert line.startswith(f"Imported “Perth café” as {both}: 2 points, 1 comment; votes: 1 phone ballot and 4 dots "
                           "on paper — ")
    listed = panel.signers_box.cafes_list
    assert listed.count() == 1 and f" · {both} — " in listed.item(0).text()
    assert panel.receipts_box.receipt_combo.itemText(0).endswith(f" · {both}")
    panel.resize(1366, 768)
    panel.show()
    qtbot.waitExposed(panel)
    panel.grab().save("/tmp/shots/central_codes.png")
