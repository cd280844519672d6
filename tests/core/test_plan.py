"""Planning rules: dates, unique names, and templates read from JSON with field-by-field messages."""

from __future__ import annotations

import json

import pytest

from cafe_desk.core.errors import ValidationError
from cafe_desk.core.model import Plan, RoundSpec
from cafe_desk.core.plan import (
    TEMPLATE_FORMAT,
    TEMPLATE_VERSION,
    check_ready_to_run,
    check_unique,
    clean_locality,
    parse_date,
    template_from_json,
    template_to_json,
    validate_plan,
    with_table_count,
)


def message(fn, *args) -> str:
    with pytest.raises(ValidationError) as err:
        fn(*args)
    text = str(err.value)
    assert "\n" not in text
    return text


def template(**overrides) -> dict:
    data = {
        "format": TEMPLATE_FORMAT, "version": TEMPLATE_VERSION, "name": "Community café", "title": "Our café",
        "tables": 4,
        "rounds": [{"prompt": "What helps?", "minutes": 20}, {"prompt": "What gets in the way?", "minutes": 15},
                   {"prompt": "What next?", "minutes": 10}],
        "outcomes": ["More peer support", "Shorter waits"],
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(("text", "iso"), [("2026-03-14", "2026-03-14"), (" 2026-3-4 ", "2026-03-04"),
                                           ("2028-02-29", "2028-02-29")])
def test_parse_date_accepts_real_dates(text, iso):
    assert parse_date(text) == iso


def test_parse_date_names_an_impossible_day():
    assert message(parse_date, "2026-02-30") == "There is no 30 February 2026; please check the date."


def test_parse_date_other_mistakes():
    assert message(parse_date, "2026-13-01") == "There is no month 13; please check the date."
    assert message(parse_date, "14/03/2026") == (
        "Please give the date as year-month-day, for example 2026-03-14 (not '14/03/2026').")


def test_check_unique_names_the_duplicate_ignoring_case():
    assert message(check_unique, ["Peer support", "Access", "peer  SUPPORT"], "outcome") == (
        "The outcome 'peer SUPPORT' is listed twice.")
    assert message(check_unique, ["Peer support", "  "], "outcome") == (
        "An empty outcome can't be saved; please give it some words.")
    assert check_unique(["  Peer   support ", "Access"], "outcome") == ["Peer support", "Access"]


def test_locality_with_digits_is_refused():
    assert message(clean_locality, "12 High Street, Perth") == (
        "Please give just the town or area (no street address or postcode).")


def test_ready_to_run_messages():
    assert message(check_ready_to_run, 0, 3) == "This café has no tables yet: add at least one on the Plan page."
    assert message(check_ready_to_run, 2, 0) == (
        "This café has no rounds yet: add at least one question on the Plan page.")
    check_ready_to_run(1, 1)


def test_validate_plan_refuses_duplicate_outcome():
    plan = Plan(title="Café", date="2026-03-14", outcomes=["Access", "ACCESS"])
    assert message(validate_plan, plan) == "The outcome 'ACCESS' is listed twice."


def test_template_reads_a_good_file():
    name, plan = template_from_json(json.dumps(template()))
    assert name == "Community café"
    assert plan.title == "Our café"
    assert plan.tables == [(1, ""), (2, ""), (3, ""), (4, "")]
    assert [r.minutes for r in plan.rounds] == [20, 15, 10]
    assert plan.date == ""


def test_template_wrong_field_type_names_the_field():
    data = template()
    data["rounds"][1]["minutes"] = "twenty"
    text = message(template_from_json, json.dumps(data))
    assert "'rounds[2].minutes'" in text
    assert text == "In the template, 'rounds[2].minutes' should be a number of minutes, not \"twenty\"."


def test_template_true_is_not_a_number():
    data = template(dots_per_person=True)
    assert "'dots_per_person'" in message(template_from_json, json.dumps(data))


def test_template_unknown_field_is_named():
    assert message(template_from_json, json.dumps(template(colour="blue"))) == (
        "In the template, the field 'colour' is not one Café Desk knows.")
    data = template()
    data["rounds"][0]["colour"] = "blue"
    assert "'rounds[1].colour'" in message(template_from_json, json.dumps(data))


def test_template_not_json():
    assert message(template_from_json, "{not json").startswith("This file is not a readable template (")
    assert message(template_from_json, b"\xff\xfe\x00garbage").startswith("This file is not a readable template")


def test_template_wrong_format():
    assert message(template_from_json, json.dumps(template(format="something-else"))) == (
        "This file is not a Café Desk template (its 'format' field is missing or different).")
    assert "should be an object" in message(template_from_json, "[1, 2]")


def test_template_newer_version():
    assert message(template_from_json, json.dumps(template(version=TEMPLATE_VERSION + 1))) == (
        "This template was made by a newer version of Café Desk; please update the app.")


def test_template_rules_apply_to_its_plan():
    assert message(template_from_json, json.dumps(template(outcomes=["Access", "access"]))) == (
        "The outcome 'access' is listed twice.")


def test_template_to_json_round_trip():
    plan = Plan(title="Our café", locality="Perth", tables=[(1, "Window"), (2, "Door")],
                rounds=[RoundSpec("What helps?", ("Who?", "Where?"), 20), RoundSpec("What next?", (), 12.5)],
                outcomes=["More peer support", "Shorter waits"], groups=["Carers", "Other"], vote_method="ranking",
                dots_per_person=5, themes=["Access"])
    name, back = template_from_json(template_to_json("Mine", plan))
    assert name == "Mine"
    assert back == plan
    # a numbered-only table list is written as a count and read back the same
    plain = Plan(title="Plain", tables=[(1, ""), (2, "")])
    assert json.loads(template_to_json("Plain", plain))["tables"] == 2
    assert template_from_json(template_to_json("Plain", plain))[1] == plain


def test_with_table_count_keeps_the_first_names_and_numbers_from_one():
    named = [(1, "Window"), (2, ""), (3, "Garden")]
    assert with_table_count(named, 2) == [(1, "Window"), (2, "")]
    assert with_table_count(named, 5) == [(1, "Window"), (2, ""), (3, "Garden"), (4, ""), (5, "")]
    assert with_table_count([], 0) == []
