"""Trying the central desk with sample cafés, as a first-time analyst would: the empty Central page offers them, they
are made off the GUI thread, the Synthesis page then shows their items and says they are samples, and one button
(after a question) removes them all."""

from __future__ import annotations

import pytest

from cafe_desk.core.synthesis import SynthesisFilter


@pytest.fixture
def central(main_window):
    main_window.show_page(list(main_window.slots).index("Central"))
    return main_window.central_page


def test_the_empty_desk_offers_sample_cafes_and_removes_them_in_one_step(qtbot, main_window, central, services,
                                                                        tmp_path):
    bar = central.samples_bar
    assert bar.isVisible() and bar.try_button.isVisible() and not bar.remove_button.isVisible()
    assert "twelve sample cafés" in bar.label.text()
    main_window.grab().save(str(tmp_path / "central-empty.png"))
    op = bar.add_samples()
    qtbot.waitUntil(lambda: op.done, timeout=120_000)
    assert len(services.synthesis.cafes()) == 12
    assert main_window.statusBar().currentMessage() == "Added 12 sample cafés: see them on the Synthesis page."
    assert bar.remove_button.isVisible() and not bar.try_button.isVisible()
    assert bar.label.text().startswith("12 sample cafés here")
    main_window.show_page(list(main_window.slots).index("Synthesis"))
    synthesis = main_window.synthesis_page
    qtbot.waitUntil(lambda: synthesis.model.rowCount() > 0, timeout=30_000)
    assert synthesis.samples_bar.isVisible() and not synthesis.empty.isVisible()
    main_window.grab().save(str(tmp_path / "synthesis-samples.png"))

    asked = []
    bar.confirm = lambda title, text: asked.append(text) or False
    assert not bar.remove_samples() and len(services.synthesis.cafes()) == 12  # "Keep them"
    bar.confirm = lambda title, text: True
    assert bar.remove_samples()
    assert main_window.statusBar().currentMessage() == "Removed the 12 sample cafés."
    assert "12 sample cafés" in asked[0] and "Your own cafés stay" in asked[0]
    assert services.synthesis.cafes() == [] and services.synthesis.find(SynthesisFilter(text="peer")).total == 0
    assert not bar.try_button.isHidden() and bar.remove_button.isHidden()
    qtbot.waitUntil(lambda: synthesis.empty.isVisible(), timeout=30_000)


def test_a_cancelled_sample_run_adds_nothing_and_says_so(qtbot, central, services):
    messages = []
    central.samples_bar.sig_message.connect(messages.append)
    op = central.samples_bar.add_samples()
    op.cancel()
    qtbot.waitUntil(lambda: op.done, timeout=120_000)
    assert services.synthesis.cafes() == [] and services.samples.ids() == frozenset()
    assert messages[-1] == "Cancelled: no sample cafés were added."
    assert central.samples_bar.try_button.isEnabled()


def test_the_synthesis_page_asks_whether_its_report_and_files_include_the_samples(qtbot, main_window, services):
    services.samples.add()
    main_window.show_page(list(main_window.slots).index("Synthesis"))
    page = main_window.synthesis_page
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=30_000)
    bar = page.samples_bar
    assert bar.include.isVisible() and not bar.include.isChecked() and not bar.include_samples()
    assert not main_window.central_page.samples_bar.include.isVisibleTo(main_window.central_page.samples_bar)
    messages = []
    page.sig_message.connect(messages.append)
    op = page.report_button.write(services.store.path.parent / "r.pdf")
    qtbot.waitUntil(lambda: op.done, timeout=60_000)
    assert messages[-1].startswith("Only the sample cafés are here")
    bar.include.setChecked(True)
    op = page.report_button.write(services.store.path.parent / "r.pdf")
    qtbot.waitUntil(lambda: op.done, timeout=120_000)
    assert messages[-1].startswith("Saved r.pdf: 12 cafés")


def test_the_synthesis_page_with_samples_fits_a_1366_pixel_screen(qtbot, main_window, services):
    services.samples.add()
    main_window.show_page(list(main_window.slots).index("Synthesis"))
    page = main_window.synthesis_page
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=30_000)
    assert main_window.minimumSizeHint().width() <= 1366 and main_window.width() == 1366
    right = page.samples_bar.remove_button.mapTo(main_window, page.samples_bar.remove_button.rect().topRight())
    assert right.x() < 1366
