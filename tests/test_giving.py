"""Give before you ask: gives and asks on touches, `give`/`ask`/`offer`/`asks`, and the hints
(sentences, never numbers about a balance)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from netwerk.services import exchanges
from netwerk.services.giving import give_or_ask
from netwerk.services.hints import hints
from netwerk.services.touches import resolve_many
from netwerk.store.store import open_store

TODAY = date(2026, 11, 22)


def test_log_with_gave_and_asked(run, people):
    people("Piet Jansen", "Klaas Bakker", met="2026-10-01")
    out = run.ok(
        "log", "Piet", "Klaas", "--gave", "artikel over havens", "--asked", "een intro bij DHL"
    )
    assert "gave: artikel over havens" in out.stdout
    assert "asked: een intro bij DHL  (ask #2)" in out.stdout
    piet = run.json("show", "Piet")
    touch = piet["touches"][0]
    assert touch["gave"] == [{"id": 1, "what": "artikel over havens"}]
    assert touch["asked"] == [
        {"id": 2, "what": "een intro bij DHL", "answered_on": None, "answer": None}
    ]
    assert piet["last_touch"] == "2026-11-22"


def test_give_and_ask_are_touches_that_reset_the_clock(run, people):
    people("Piet Jansen", met="2026-01-01")
    assert run.json("due")[0]["name"] == "Piet Jansen"
    run.ok("give", "Piet", "advies over zijn website", "--when", "gisteren")
    assert run.json("due") == []
    piet = run.json("show", "Piet")
    assert piet["last_touch"] == "2026-11-21"
    assert [(t["kind"], t["gave"]) for t in piet["touches"]][0] == (
        "give",
        [{"id": 1, "what": "advies over zijn website"}],
    )
    out = run.ok("ask", "Piet", "een tip voor een boekhouder")
    assert "Logged ask of Piet Jansen on 2026-11-22." in out.stdout
    assert run.json("show", "Piet")["touches"][0]["kind"] == "ask"


def test_asking_someone_you_never_gave_to_hints_but_never_blocks(run, people):
    people("Piet Jansen", met="2026-11-01")
    first = run.ok("ask", "Piet", "een intro bij DHL")
    assert "Hint: you have never given to Piet Jansen." in first.stderr
    second = run.ok("ask", "Piet", "advies")
    assert "you asked the last 2 times" in second.stderr
    assert run.json("asks")[1]["what"] == "advies"
    run.ok("give", "Piet", "een boek")
    third = run.ok("ask", "Piet", "nog een vraag")
    assert "never given" not in third.stderr
    assert "asked the last" not in third.stderr


def test_an_ask_keeps_its_touch_date_when_the_touch_moves(run, people, db_file):
    """The date on the exchange (m012's triggers) is the touch's, through edit and undo."""
    import sqlite3

    people("Piet Jansen", "Klaas Bakker", met="2026-01-01")
    run.ok("ask", "Klaas", "intro bij DHL", "--when", "2026-11-20")  # touch 3, ask 1
    run.ok("log", "Piet", "--asked", "advies", "--when", "2026-11-01")  # touch 4, ask 2
    assert [a["id"] for a in run.json("asks")] == [2, 1]
    run.ok("touch", "edit", "4", "--when", "2026-11-21")
    assert [(a["id"], a["date"]) for a in run.json("asks")] == [
        (1, "2026-11-20"),
        (2, "2026-11-21"),
    ]
    run.ok("undo")
    assert [a["id"] for a in run.json("asks")] == [2, 1]
    conn = sqlite3.connect(db_file)
    stale = conn.execute(
        "SELECT count(*) FROM exchange e JOIN touch t ON t.id = e.touch_id "
        "WHERE e.happened_on IS NOT t.happened_on"
    ).fetchone()
    conn.close()
    assert stale == (0,)


def test_asks_list_oldest_first_and_done(run, people, unchanged):
    people("Piet Jansen", "Klaas Bakker", met="2026-01-01")
    run.ok("ask", "Klaas", "intro bij DHL", "--when", "2026-11-20")
    run.ok("ask", "Piet", "advies", "--when", "2026-11-01")
    run.ok("log", "Piet", "--asked", "een contact bij de gemeente")
    asks = run.json("asks")
    assert [(a["id"], a["what"], a["with"][0]["name"]) for a in asks] == [
        (2, "advies", "Piet Jansen"),
        (1, "intro bij DHL", "Klaas Bakker"),
        (3, "een contact bij de gemeente", "Piet Jansen"),
    ]
    assert asks[0]["date"] == "2026-11-01"
    out = run.ok("asks").stdout
    assert out.index("advies") < out.index("intro bij DHL")
    run.ok("asks", "done", "2", "--note", "Klaas gaf goed advies")
    assert [a["id"] for a in run.json("asks")] == [1, 3]
    closed = [a for a in run.json("asks", "--all") if a["id"] == 2][0]
    assert closed["answered_on"] == "2026-11-22"
    assert closed["answer"] == "Klaas gaf goed advies"
    with unchanged():
        assert "No ask #99" in run.fails("asks", "done", "99").stderr
        assert "already closed" in run.fails("asks", "done", "2").stderr
    run.ok("give", "Piet", "iets")  # a give is no ask
    with unchanged():
        assert "No ask #4" in run.fails("asks", "done", "4").stderr


def test_helped_you_this_year(run, people):
    people("Klaas Bakker", met="2026-01-01")
    for what in ("intro", "advies", "een tip"):
        run.ok("ask", "Klaas", what, "--when", "2026-06-01")
    for ask_id in ("1", "2", "3"):
        run.ok("asks", "done", ask_id)
    klaas = run.json("show", "Klaas")
    assert "Klaas Bakker helped you 3 times this year" in klaas["hints"]
    assert "you asked the last 3 times" in klaas["hints"]
    assert "helped you 3 times this year" in run.ok("show", "Klaas").stdout


def test_offers_show_in_due_and_are_marked_given(run, people, unchanged):
    people("Piet Jansen", met="2026-01-01")
    people("Klaas Bakker", met="2026-11-20")
    offer = run.json("offer", "Piet", "boek over sales")
    assert offer == {
        "id": 1,
        "what": "boek over sales",
        "created_on": "2026-11-22",
        "contact": {"id": 1, "name": "Piet Jansen"},
    }
    run.ok("offer", "Piet", "contact bij Rabobank")
    due = run.json("due")
    assert due[0]["bring"] == [
        {"id": 1, "what": "boek over sales"},
        {"id": 2, "what": "contact bij Rabobank"},
    ]
    assert "bring: boek over sales" in run.ok("due").stdout
    with unchanged():
        assert "No offer #9" in run.fails("log", "Piet", "--gave", "x", "--offer", "9").stderr
        # an offer for someone else is not this give's to mark
        assert "No offer #1" in run.fails("give", "Klaas", "x", "--offer", "1").stderr
        assert "--gave" in run.fails("log", "Piet", "--offer", "1").stderr
    run.ok("log", "Piet", "--gave", "het boek", "--offer", "1")
    assert run.json("show", "Piet")["offers"] == [
        {"id": 2, "what": "contact bij Rabobank", "created_on": "2026-11-22"}
    ]
    with unchanged():
        assert "already given" in run.fails("give", "Piet", "x", "--offer", "1").stderr
    out = run.ok("give", "Piet", "--offer", "2")  # without text: the offer's own text
    assert "gave: contact bij Rabobank" in out.stdout
    assert run.json("show", "Piet")["offers"] == []


def test_choosing_an_offer_on_a_terminal(run, people, monkeypatch, unchanged):
    people("Piet Jansen", met="2026-01-01")
    run.ok("offer", "Piet", "boek over sales")
    monkeypatch.setattr("netwerk.cli.giving.interactive", lambda: True)
    out = run.ok("give", "Piet", "het boek", input="1\n")
    assert "#1 boek over sales" in out.stdout
    assert "offer #1 given" in out.stdout
    assert run.json("show", "Piet")["offers"] == []
    run.ok("offer", "Piet", "een artikel")
    run.ok("log", "Piet", "--gave", "iets anders", input="\n")
    assert len(run.json("show", "Piet")["offers"]) == 1
    assert "gave: een artikel" in run.ok("give", "Piet", input="2\n").stdout
    assert run.json("show", "Piet")["offers"] == []
    run.ok("offer", "Piet", "nog iets")
    with unchanged():
        refused = run("give", "Piet", input="7\n")
    assert refused.exit_code == 1 and "not one of the offers" in refused.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["give", "Piet", "  "], "Say what the give was"),
        (["ask", "Piet", ""], "Say what the ask was"),
        (["offer", "Piet", " "], "Say what the offer was"),
        (["give", "Nobody", "x"], "No contact 'Nobody'"),
        (["ask", "Piet", "x", "--when", "morgen"], "future"),
        (["log", "Piet", "--asked", " "], "Say what the ask was"),
        (["give", "Piet"], "Say what the give was"),
    ],
)
def test_give_ask_errors_write_nothing(run, people, unchanged, args, message):
    people("Piet Jansen")
    with unchanged():
        assert message in run.fails(*args).stderr


def test_no_numbers_or_balances_anywhere(run, people):
    """Hints are sentences; nothing shows a score or a balance."""
    people("Piet Jansen", met="2026-01-01")
    for _ in range(3):
        run.ok("ask", "Piet", "hulp", "--when", "2026-02-01")
    run.ok("give", "Piet", "een boek", "--when", "2026-02-01")
    texts = [run.ok("show", "Piet").stdout, run.ok("due").stdout, run.ok("asks").stdout]
    for text in texts:
        assert not re.search(r"balance|score|saldo|(?<!\d)[-+]\d", text, re.IGNORECASE)
    assert "balance" not in run.ok("show", "Piet", "--json").stdout


def test_hints_in_the_service_layer(db_file):
    """The rules, without the CLI: asks in a row and help this year."""
    from netwerk.services.contacts import ContactFields, add_contact

    with open_store(db_file, write=True) as s:
        add_contact(s, "Klaas", ContactFields(met_on=date(2026, 1, 1)), today=TODAY)
        give_or_ask(s, "give", ["Klaas"], "boek", when=date(2026, 3, 1), today=TODAY)
        give_or_ask(s, "ask", ["Klaas"], "hulp", when=date(2026, 4, 1), today=TODAY)
        klaas = resolve_many(s, ["Klaas"])
        assert hints(s, klaas, today=TODAY) == {1: []}
        result = give_or_ask(s, "ask", ["Klaas"], "meer hulp", when=date(2026, 5, 1), today=TODAY)
        assert result["hints"] == ["you asked the last 2 times"]
        assert exchanges.never_given(s, klaas) == []
