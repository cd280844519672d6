"""The table host's page on a real server on 127.0.0.1: points for that table and its current round."""

from __future__ import annotations

import html

from tests.server.conftest import alert, form_token, path_of, textarea


def test_a_host_adds_a_point_for_their_table_and_the_current_round(phone, live, services, cafe, events):
    table = services.planning.items(cafe.id, "table")[2]
    services.running.start(cafe.id)
    services.running.next_round(cafe.id)
    current = services.running.state(cafe.id).round
    path = path_of(live, live.table_url(table.id))
    page = phone.get(path)
    assert page.status_code == 200
    assert "<h1>Table 3</h1>" in page.text and html.escape(current.prompt, quote=False) in page.text
    assert "Round 2: the question now" in page.text
    reply = phone.post(path, data={"csrf": form_token(page), "point": "Buses stop at six"})
    assert reply.status_code == 303 and reply.headers["location"] == path + "?added=1"
    [note] = services.notes.list(cafe.id, table.id, current.id)
    assert (note.text, note.table_id, note.round_id, note.source) == ("Buses stop at six", table.id, current.id,
                                                                      "note-taker")
    assert events.seen == [("host_note", {"cafe_id": cafe.id, "note_id": note.id})]
    added = phone.get(reply.headers["location"])
    assert "Added. You can type the next point." in added.text
    assert "Buses stop at six" not in added.text


def test_an_empty_point_is_refused_and_a_stale_form_keeps_the_text(phone, live, services, cafe):
    table = services.planning.items(cafe.id, "table")[0]
    path = path_of(live, live.table_url(table.id))
    page = phone.get(path)
    reply = phone.post(path, data={"csrf": form_token(page), "point": "  "})
    assert reply.status_code == 400
    assert alert(reply) == "Please write your comment in the box before sending it."
    reply = phone.post(path, data={"csrf": "z" * 22, "point": "Keep me"})
    assert reply.status_code == 400
    assert alert(reply) == "This page had expired; please try again."
    assert textarea(reply, "point") == "Keep me"
    assert services.notes.list(cafe.id, table.id) == []
