"""Sample cafés for the central desk: made on a laptop of their own, exported and imported through the real path,
told apart, and removed in one step; a cancel leaves nothing."""

from __future__ import annotations

import pytest

from cafe_desk.core.errors import Cancelled, UserError
from cafe_desk.core.sample_content import PLACES
from cafe_desk.core.synthesis import SynthesisFilter


def test_twelve_sample_cafes_arrive_through_the_importer(services):
    steps = []
    added, changes = services.samples.add(lambda done, total: steps.append((done, total)))
    assert added == len(PLACES) == 12 and changes.cafes
    assert steps[-1] == (24, 24) and steps == sorted(steps)
    cafes = services.synthesis.cafes()
    assert {c.id for c in cafes} == services.samples.ids()
    assert {c.locality for c in cafes} >= {"Inbhir Nis / Inverness", "Steòrnabhagh / Stornoway", "Kirkwall"}
    assert all(services.importing.is_imported(c.id) for c in cafes)
    assert all(c.items > 20 for c in cafes)
    found = services.synthesis.find(SynthesisFilter(text="peer"))
    assert found.total > 12
    themes = services.synthesis.themes()  # the empty codebook starts with the samples' themes, their items coded
    assert "Peer support" in {t.name for t in themes} and sum(t.count for t in themes) > 100
    # signed on their own laptop, as a facilitator's export is
    assert all(c.signer is not None for c in services.signers.cafes())
    assert services.samples.add()[0] == 12  # a second request adds nothing more
    assert len(services.synthesis.cafes()) == 12


def test_removing_samples_takes_them_and_their_search_entries_in_one_step(services):
    services.samples.add()
    services.synthesis.shortlist([services.synthesis.find().items[0].id])
    removed, _ = services.samples.remove()
    assert removed == 12
    assert services.synthesis.cafes() == [] and services.samples.ids() == frozenset()
    assert services.synthesis.find(SynthesisFilter(text="peer")).total == 0
    assert services.synthesis.quotes() == [] and services.synthesis.themes() == []
    with pytest.raises(UserError, match="no sample cafés"):
        services.samples.remove()


def test_a_cancel_half_way_through_importing_leaves_the_desk_as_it_was(services):
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 16  # after the twelve cafés are made and four imported

    with pytest.raises(Cancelled):
        services.samples.add(cancelled=cancelled)
    assert services.synthesis.cafes() == [] and services.samples.ids() == frozenset()
    assert services.synthesis.find(SynthesisFilter(text="peer")).total == 0


def test_themes_the_analyst_already_had_or_used_stay_when_samples_go(services):
    services.synthesis.create_theme("Waiting lists")
    services.samples.add()
    assert [t.name for t in services.synthesis.themes()] == ["Waiting lists"]  # a codebook in use is left alone
    services.samples.remove()
    assert [t.name for t in services.synthesis.themes()] == ["Waiting lists"]
