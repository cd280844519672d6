"""`cafe-desk anonymise [--jsonl]`, run as a real process: stdin → stdout, offsets into the original, bad lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def anonymise(stdin: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "cafe_desk", "anonymise", *args], input=stdin, capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT, env=env, timeout=60)


def test_plain_text_is_redacted_from_stdin_to_stdout():
    text = ("My CPN Màiri Macleod said ring 07700 900418 or Breathing Space on 0800 83 85 87.\n"
            "Email her at mairi@example.org, she works from 14 Hope Street, Glasgow G2 6AB.\n")
    result = anonymise(text)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("My CPN [NAME] said ring [PHONE] or Breathing Space on 0800 83 85 87.\n"
                             "Email her at [EMAIL], she works from [ADDRESS], Glasgow [POSTCODE].\n")
    assert result.stderr == ""


def test_jsonl_round_trip_keeps_fields_and_offsets_point_into_the_original():
    records = [
        {"id": "n1", "text": "Dr Okonkwo phoned Siobhán on +44 7700 900 271.", "table": "Oak"},
        {"id": 2, "text": "Nothing personal here: NHS 24 on 111, Samaritans 116 123."},
        {"id": "n3", "text": "DOB 14/02/1979, NI QQ 123456 C, NHS number 943 476 5919 — @jo_paints"},
    ]
    result = anonymise("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "--jsonl")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["n1", 2, "n3"]
    assert out[0]["table"] == "Oak"
    assert out[0]["text"] == "Dr [NAME] phoned [NAME] on [PHONE]."
    assert out[1]["text"] == records[1]["text"] and out[1]["redactions"] == []
    assert out[2]["text"] == "DOB [DOB], NI [NI_NUMBER], NHS number [HEALTH_ID] — [HANDLE]"
    pieces = [[records[i]["text"][r["start"]:r["end"]] for r in out[i]["redactions"]] for i in (0, 2)]
    assert pieces == [["Okonkwo", "Siobhán", "+44 7700 900 271"],
                      ["14/02/1979", "QQ 123456 C", "943 476 5919", "@jo_paints"]]
    assert [r["kind"] for r in out[2]["redactions"]] == ["dob", "ni_number", "health_id", "handle"]


def test_a_malformed_line_is_left_out_with_one_line_naming_it_and_the_rest_are_written():
    good = json.dumps({"id": 1, "text": "Ask for Tendai"})
    after = json.dumps({"id": 4, "text": "Ewan called"})
    result = anonymise(f"{good}\n{{\"id\": 2, \"text\": \"Ewan\n[1, 2]\n{after}\n", "--jsonl")
    assert result.returncode == 2
    assert result.stderr == (
        "cafe-desk: line 2 was left out: it is not one record written as JSON; the other lines are written.\n"
        "cafe-desk: line 3 was left out: each line must be a JSON object with \"id\" and \"text\"; the other lines "
        "are written.\n")
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == ["Ask for [NAME]", "[NAME] called"]
    assert result.stdout.splitlines()[0] == json.dumps({"id": 1, "text": "Ask for [NAME]", "redactions": [
        {"start": 8, "end": 14, "kind": "name", "sure": True}]})


def test_a_line_without_text_is_left_out_by_name():
    result = anonymise('{"id": 1, "text": "fine"}\n\n{"id": 3, "body": "Eilidh"}\n{"text": "Morag"}\n'
                       '{"id": 5, "text": "ok"}\n', "--jsonl")
    assert result.returncode == 2
    assert result.stderr == ('cafe-desk: line 3 was left out: its "text" is missing or is not text; the other lines '
                             "are written.\n"
                             'cafe-desk: line 4 was left out: it has no "id"; the other lines are written.\n')
    assert "Eilidh" not in result.stdout and "Morag" not in result.stdout
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 5]


def test_input_that_is_not_utf8_gets_a_kind_message():
    result = subprocess.run([sys.executable, "-m", "cafe_desk", "anonymise"], input=b"caf\xe9 with Eilidh\n",
                            capture_output=True, cwd=ROOT, timeout=60)
    assert result.returncode == 2
    assert result.stderr.decode() == "cafe-desk: the input is not UTF-8 text, so nothing more was written.\n"
    assert result.stdout == b""


def test_a_jsonl_line_that_is_not_utf8_is_left_out_alone():
    result = subprocess.run([sys.executable, "-m", "cafe_desk", "anonymise", "--jsonl"],
                            input=b'{"id": 1, "text": "Ask Eilidh"}\n{"id": 2, "text": "caf\xe9"}\n'
                                  b'{"id": 3, "text": "ok"}\n',
                            capture_output=True, cwd=ROOT, timeout=60)
    assert result.returncode == 2
    assert result.stderr.decode() == ("cafe-desk: line 2 was left out: it is not UTF-8 text; the other lines are "
                                      "written.\n")
    assert [json.loads(line)["id"] for line in result.stdout.decode().splitlines()] == [1, 3]
    assert b"Eilidh" not in result.stdout


def test_jsonl_carries_places_and_how_sure_each_finding_is():
    record = {"id": "p1", "text": "sarah mcallister works at Ashgrove Care Home; Hope has been a rock"}
    result = anonymise(json.dumps(record) + "\n", "--jsonl")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["text"] == "[NAME] works at [PLACE]; [NAME] has been a rock"
    assert [(record["text"][r["start"]:r["end"]], r["kind"], r["sure"]) for r in out["redactions"]] == [
        ("sarah mcallister", "name", True), ("Ashgrove Care Home", "place", True), ("Hope", "name", False)]
