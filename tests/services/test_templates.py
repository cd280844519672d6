"""Templates: the built-in ones, saving a café's plan, and exporting and importing template files."""

from __future__ import annotations

import json

import pytest

from cafe_desk.core.errors import UserError, ValidationError
from cafe_desk.core.plan import TEMPLATE_FORMAT
from tests.conftest import MENTAL_HEALTH


def test_built_in_templates_load(services):
    built_in = services.templates.built_in()
    names = [t.name for t in built_in]
    assert MENTAL_HEALTH in names
    assert len(names) == len(set(names))
    assert all(t.built_in for t in built_in)
    mental_health = services.templates.get(MENTAL_HEALTH)
    assert mental_health.plan.rounds and mental_health.plan.outcomes and mental_health.plan.tables


def test_save_from_cafe(services, cafe):
    saved = services.templates.save_from_cafe(cafe.id, "  Perth  version ")
    assert (saved.name, saved.built_in, saved.plan.date) == ("Perth version", False, "")
    got = services.templates.get("Perth version")
    assert got.plan == saved.plan
    assert got.plan.outcomes == [o.title for o in services.planning.items(cafe.id, "outcome")]
    assert [t.name for t in services.templates.all()][-1] == "Perth version"


def test_save_under_a_built_in_name_is_refused(services, cafe):
    with pytest.raises(ValidationError) as err:
        services.templates.save_from_cafe(cafe.id, MENTAL_HEALTH.upper())
    assert str(err.value) == f"{MENTAL_HEALTH.upper()!r} is the name of a built-in template; please choose another."


def test_export_import_round_trip(services, cafe, tmp_path):
    services.templates.save_from_cafe(cafe.id, "Ours")
    path = services.templates.export_file("Ours", tmp_path / "ours.json")
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == TEMPLATE_FORMAT
    imported = services.templates.import_file(path)
    assert imported.name == "Ours"
    assert imported.plan == services.templates.get("Ours").plan
    assert [t.name for t in services.templates.all()].count("Ours") == 1


def test_importing_a_built_in_keeps_both(services, tmp_path):
    path = services.templates.export_file(MENTAL_HEALTH, tmp_path / "mh.json")
    imported = services.templates.import_file(path)
    assert imported.name == f"{MENTAL_HEALTH} (imported)"
    assert imported.plan == services.templates.get(MENTAL_HEALTH).plan


def test_import_with_a_wrong_field_names_file_and_field(services, tmp_path):
    path = services.templates.export_file(MENTAL_HEALTH, tmp_path / "broken.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["rounds"][1]["minutes"] = "twenty"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = services.templates.all()
    with pytest.raises(ValidationError) as err:
        services.templates.import_file(path)
    assert str(err.value) == ("broken.json: In the template, 'rounds[2].minutes' should be a number of minutes, "
                              "not \"twenty\".")
    assert services.templates.all() == before


def test_import_of_a_missing_file(services, tmp_path):
    with pytest.raises(UserError, match=r"^gone.json could not be read \(No such file or directory\).$"):
        services.templates.import_file(tmp_path / "gone.json")
