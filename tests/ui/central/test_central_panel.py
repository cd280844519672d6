"""The Central page: a real key pair on disk, its public key as text, clipboard and QR code, and importing real
bundles (sealed to that key) off the GUI thread, by the file dialog's method and by drag-and-drop."""

from __future__ import annotations

import random
import stat
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QProgressBar

from cafe_desk.export import keys
from cafe_desk.services import Services
from cafe_desk.services.central_keys import PUBLIC_KEY_NOTE
from cafe_desk.storage.store import Store
from cafe_desk.ui.central.central_panel import KEEP_SAFE, CentralPanel
from cafe_desk.ui.central.import_box import NO_KEY
from tests.central import make_cafe, signed_by
from tests.conftest import CODED, cafe_desk, coded


@pytest.fixture
def panel(qtbot, services):
    from PySide6.QtGui import QUndoStack

    p = CentralPanel(services, QUndoStack())
    qtbot.addWidget(p)
    p.resize(1366, 768)
    p.show()
    qtbot.waitExposed(p)
    return p


@pytest.fixture
def key_path(panel, tmp_path):
    path = tmp_path / "central.key"
    assert panel.create_key_pair(path)
    return path


@pytest.fixture
def bundles(tmp_path, key_path):
    """Two good bundles (two cafés of a separate source database, sealed to the new key) and one of random bytes."""
    store = Store(tmp_path / "source.sqlite3")
    source = Services.build(store)
    public = str(keys.read_identity(key_path).to_public())
    paths = []
    for title in ("Perth café", "Dundee café"):
        cafe = make_cafe(source, title)
        path = tmp_path / f"{title.split()[0].lower()}.cafe"
        path.write_bytes(source.exporting.export_cafe(cafe.id, [public])[0])
        paths.append(path)
    store.close()
    bad = tmp_path / "noise.cafe"
    bad.write_bytes(random.Random(5).randbytes(2000))
    return [*paths, bad]


def run_import(qtbot, panel, paths):
    op = panel.import_paths(paths)
    assert op is not None and op.dialog.findChild(QProgressBar).format() == "file %v of %m"
    qtbot.waitUntil(lambda: op.done, timeout=20_000)
    return [panel.import_box.summary.item(i).text() for i in range(panel.import_box.summary.count())]


def test_create_key_pair_writes_a_private_file_and_shows_its_public_key(qtbot, panel, key_path, tmp_path):
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    public = str(keys.read_identity(key_path).to_public())
    keygen = subprocess.run(["age-keygen", "-y", str(key_path)], capture_output=True, text=True, check=True)
    assert public == keygen.stdout.strip() == panel.keys_box.public_edit.text()
    assert panel.keys_box.public_edit.isReadOnly() and KEEP_SAFE in panel.warning.text()
    again = CentralPanel(panel.services, panel.undo_stack)
    assert again.keys_box.public_edit.text() == public  # remembered for next time

    panel.keys_box.qr.pixmap.save(str(tmp_path / "qr.png"))
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "qr.png")], capture_output=True, text=True)
    assert decoded.stdout.strip() == public

    qtbot.mouseClick(panel.keys_box.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == public

    saved = tmp_path / "public.txt"
    assert panel.save_public_key(saved)
    assert saved.read_text(encoding="utf-8") == f"{public}\n\n{PUBLIC_KEY_NOTE}\n"


def test_a_key_file_is_never_overwritten(panel, key_path):
    before = key_path.read_bytes()
    assert not panel.create_key_pair(key_path)
    assert panel.message.text() == f"{key_path} already exists, so it was left as it is. Choose another file name."
    assert key_path.read_bytes() == before


def test_using_a_file_that_is_not_a_key_says_so(panel, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hello\n", encoding="utf-8")
    assert not panel.use_key_file(other)
    assert panel.message.text() == f"{other} is not a key file: it should hold one line starting with AGE-SECRET-KEY-1."
    assert panel.keys_box.public_edit.text() == ""


def test_using_an_existing_key_file(panel, tmp_path):
    path = tmp_path / "existing.key"
    public = keys.write_identity(path)
    assert panel.use_key_file(path)
    assert panel.keys_box.public_edit.text() == public and panel.keys_box.qr.payload == public


def test_import_two_good_bundles_and_refuse_a_bad_one(qtbot, panel, services, bundles, tmp_path):
    announced = []
    panel.sig_changed.connect(announced.append)
    lines = run_import(qtbot, panel, bundles)
    who = signed_by(tmp_path)
    assert [coded(line) for line in lines] == [f"Imported “Perth café”{CODED}{who}",
                                               f"Imported “Dundee café”{CODED}{who}",
                                               "Refused noise.cafe: This is not a café file from Café Desk (it may "
                                               "be damaged, or another kind of file): ask the facilitator to send it "
                                               "again."]
    assert panel.import_box.closing.text() == "Done: 2 of 3 files imported, 1 refused."
    assert {c.title for c in services.cafes.list()} == {"Perth café", "Dundee café"}
    assert announced and announced[-1].cafes

    Path("/tmp/shots").mkdir(parents=True, exist_ok=True)
    panel.grab().save("/tmp/shots/central.png")

    again = run_import(qtbot, panel, bundles[:2])
    assert again == ["Already imported: “Perth café” — nothing changed",
                     "Already imported: “Dundee café” — nothing changed"]
    assert panel.import_box.closing.text() == "Done: 0 of 2 files imported, 2 already at the desk."
    assert len(services.cafes.list()) == 2


def test_without_a_key_the_page_asks_for_one_first(qtbot, panel, tmp_path):
    bundle = tmp_path / "one.cafe"
    bundle.write_bytes(b"x")
    assert panel.import_paths([bundle]) is None
    assert panel.message.text() == NO_KEY
    assert panel.import_box.summary.count() == 0


def test_cancel_between_files_keeps_what_was_imported(services, key_path, bundles, tmp_path):
    seen = []
    run = services.importing.import_files(bundles, key_path, progress=lambda n, total: seen.append((n, total)),
                       cancelled=lambda: len(seen) == 1)
    assert seen == [(1, 3)]
    assert run.cancelled and [coded(line) for line in run.lines] == [
        f"Imported “Perth café”{CODED}{signed_by(tmp_path)}"]
    assert run.closing_line() == ("Stopped after 1 of 3 files (1 imported). Those imported stay imported; the "
                                  "other 2 files were not touched.")
    assert [c.title for c in services.cafes.list()] == ["Perth café"]


def drop_event(paths):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    return data, enter, drop


def test_dropping_a_file_that_is_not_a_cafe_file_says_so_and_imports_nothing(panel, key_path, tmp_path, services):
    zipped = tmp_path / "perth.cafe.zip"
    zipped.write_bytes(b"PK\x03\x04 not a cafe file")
    _data, enter, drop = drop_event([zipped])
    panel.dragEnterEvent(enter)
    assert enter.isAccepted()
    said: list[str] = []
    panel.sig_message.connect(said.append)
    panel.dropEvent(drop)
    assert panel.import_box.op is None and services.cafes.list() == []
    assert said == ["Only café files (.cafe) are imported, so perth.cafe.zip was left as it is. A café file that "
                    "came as a .zip (as some email sends them) needs unzipping first."]


def test_dropping_cafe_files_imports_them(qtbot, panel, bundles, services, tmp_path):
    _data, enter, drop = drop_event(bundles[:1])
    panel.dragEnterEvent(enter)
    assert enter.isAccepted()
    panel.dropEvent(drop)
    assert panel.import_box.op is not None
    qtbot.waitUntil(lambda: panel.import_box.op.done, timeout=20_000)
    assert coded(panel.import_box.summary.item(0).text()) == f"Imported “Perth café”{CODED}{signed_by(tmp_path)}"
    assert [c.title for c in services.cafes.list()] == ["Perth café"]


def test_central_is_the_seventh_page(cafe_window):
    from PySide6.QtTest import QTest

    QTest.keyClick(cafe_window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert cafe_window.current_page() is cafe_window.central_page
    assert cafe_window.central_page.title == "Central"


def test_import_waits_for_a_key_file_and_says_so(qtbot, panel, tmp_path):
    box = panel.import_box
    assert not box.import_button.isEnabled()
    assert box.key_hint.isVisible() and box.key_hint.text() == NO_KEY
    assert not panel.keys_box.found_button.isVisible()  # no central.key in the data folder yet
    assert panel.create_key_pair(tmp_path / "elsewhere.key")
    assert box.import_button.isEnabled() and not box.key_hint.isVisible()


def test_a_key_made_with_keygen_in_the_data_folder_is_offered(qtbot, services):
    from PySide6.QtGui import QUndoStack

    data_dir = services.store.data_dir
    made = cafe_desk("keygen", "--out", str(data_dir / "central.key"), data_dir=data_dir)
    assert made.returncode == 0, made.stderr
    panel = CentralPanel(services, QUndoStack())
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    keys_box = panel.keys_box
    assert keys_box.found_button.isVisible() and not panel.import_box.import_button.isEnabled()
    assert keys_box.found_label.text() == f"There is a key file in the data folder: {data_dir / 'central.key'}"

    qtbot.mouseClick(keys_box.found_button, Qt.MouseButton.LeftButton)
    assert keys_box.public_edit.text() == made.stdout.strip()
    assert services.central_keys.key_path() == str(data_dir / "central.key")
    assert not keys_box.found_button.isVisible() and not keys_box.found_label.isVisible()
    assert panel.import_box.import_button.isEnabled()


def test_a_chosen_key_file_is_not_offered_again(qtbot, panel, key_path, services):
    assert key_path.parent == services.store.data_dir  # central.key, in the data folder, chosen already
    assert not panel.keys_box.found_button.isVisible()
    assert panel.import_box.import_button.isEnabled()


def test_a_cafe_file_for_another_key_is_refused_with_what_to_check(qtbot, panel, key_path, tmp_path, identity):
    store = Store(tmp_path / "source.sqlite3")
    try:
        source = Services.build(store)
        other = tmp_path / "other.cafe"
        other.write_bytes(source.exporting.export_cafe(make_cafe(source).id, [str(identity.to_public())])[0])
    finally:
        store.close()
    assert run_import(qtbot, panel, [other]) == [
        "Refused other.cafe: This café file was made for a different central key: check the facilitator used your "
        "public key, or import it with the key file it was made for."]


def test_a_key_file_that_is_away_is_said_plainly_and_found_again_when_the_page_is_shown(qtbot, services, key_path,
                                                                                        tmp_path):
    from PySide6.QtGui import QUndoStack

    from cafe_desk.ui.central.keys_box import MISSING_KEY

    away = tmp_path / "stick-out.key"
    key_path.rename(away)  # the USB stick is out
    page = CentralPanel(services, QUndoStack())
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    assert page.message.text() == MISSING_KEY.format(path=key_path)
    assert not page.import_box.import_button.isEnabled()
    page.hide()
    away.rename(key_path)  # plugged back in, and the page is shown again
    page.show()
    assert page.import_box.import_button.isEnabled() and page.keys_box.public_key.startswith("age1")
    assert page.message.text() == ""


def test_a_new_key_file_is_offered_a_name_that_is_free(tmp_path):
    from cafe_desk.ui.central.keys_box import free_key_name

    assert free_key_name(tmp_path) == tmp_path / "central.key"
    (tmp_path / "central.key").write_text("x", encoding="ascii")
    (tmp_path / "central-2.key").write_text("x", encoding="ascii")
    assert free_key_name(tmp_path) == tmp_path / "central-3.key"


@pytest.fixture
def locked(tmp_path, key_path):
    """Two cafés a facilitator locked with the passphrase "river stones" instead of the central team's key."""
    store = Store(tmp_path / "locked-source.sqlite3")
    source = Services.build(store)
    paths = []
    for title in ("Oban café", "Elgin café"):
        path = tmp_path / f"{title.split()[0].lower()}.cafe"
        path.write_bytes(source.exporting.export_cafe(make_cafe(source, title).id, [], "river stones")[0])
        paths.append(path)
    store.close()
    return paths


def test_files_locked_with_a_passphrase_are_asked_for_it_once_and_come_in(qtbot, panel, services, bundles,
                                                                          locked, tmp_path):
    asked = []
    panel.import_box.passphrase_for = lambda names: asked.append(names) or "river stones"
    op = panel.import_paths([bundles[0], *locked])
    qtbot.waitUntil(lambda: op.done and panel.import_box.last_run is not None, timeout=30_000)
    lines = [panel.import_box.summary.item(i).text() for i in range(panel.import_box.summary.count())]
    assert asked == [["oban.cafe", "elgin.cafe"]]
    who = signed_by(tmp_path)
    assert [coded(line) for line in lines] == [f"Imported “Perth café”{CODED}{who}",
                                               f"Imported “Oban café”{CODED}{who}",
                                               f"Imported “Elgin café”{CODED}{who}"]
    assert panel.import_box.closing.text() == "Done: 3 of 3 files imported."
    assert {c.title for c in services.cafes.list()} == {"Perth café", "Oban café", "Elgin café"}
    assert panel.import_box._passphrases == {}  # kept for that import only


def test_a_wrong_or_no_passphrase_imports_nothing_locked_and_says_so(qtbot, panel, services, bundles, locked):
    box = panel.import_box
    box.passphrase_for = lambda names: "wrong words"
    op = panel.import_paths(locked[:1])
    qtbot.waitUntil(lambda: op.done and box.last_run is not None, timeout=30_000)
    assert [box.summary.item(i).text() for i in range(box.summary.count())] == [
        "Refused oban.cafe: That passphrase does not open this file."]
    assert box.closing.text() == "Done: 0 of 1 file imported, 1 refused."

    box.last_run = None
    box.passphrase_for = lambda names: None  # Cancel
    op = panel.import_paths(locked)
    qtbot.waitUntil(lambda: op.done and box.last_run is not None, timeout=30_000)
    assert [box.summary.item(i).text() for i in range(box.summary.count())] == [
        f"Not imported {name}: it needs the passphrase it was locked with (or ask the facilitator to export it again "
        "to the central team's key)." for name in ("oban.cafe", "elgin.cafe")]
    assert box.closing.text() == "Done: 0 of 2 files imported."
    assert services.cafes.list() == []


def test_the_passphrase_question_hides_what_is_typed(qtbot, panel, services, locked):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

    seen = {}

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, answer)
            return
        seen["label"] = dialog.labelText()
        seen["echo"] = dialog.textEchoMode()
        seen["ok"] = dialog.okButtonText()
        dialog.resize(dialog.sizeHint())
        Path("/tmp/shots").mkdir(parents=True, exist_ok=True)
        dialog.grab().save("/tmp/shots/passphrase.png")
        dialog.setTextValue("river stones")
        dialog.accept()

    QTimer.singleShot(20, answer)
    op = panel.import_paths(locked[1:])
    qtbot.waitUntil(lambda: op.done and panel.import_box.last_run is not None, timeout=30_000)
    assert seen == {"label": "“elgin.cafe” was locked with a passphrase instead of the central team's key.\n\n"
                             "Type the passphrase the facilitator gave you. It is used to open this file now and "
                             "is not kept.",
                    "echo": QLineEdit.EchoMode.Password, "ok": "Open and import"}
    assert [c.title for c in services.cafes.list()] == ["Elgin café"]
