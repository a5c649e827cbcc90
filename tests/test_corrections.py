"""Correcting touches and the other nouns: touch ids shown, `touch edit/delete`, `knows
--remove`, `offers drop`, `goal remove`, `event rename/remove`, `circle rename/remove`, and
the cross-checks of touch dates."""

from __future__ import annotations

import json

import pytest


def touches(run, name):  # type: ignore[no-untyped-def]
    return run.json("show", name)["touches"]


def test_writing_commands_print_the_touch_id(run, people):
    people("Piet Jansen", "Klaas Bakker", met="2026-01-01")
    assert "(touch #3)" in run.ok("log", "Piet").stdout
    assert "(touch #4)" in run.ok("give", "Piet", "een tip").stdout
    assert "(touch #5)" in run.ok("ask", "Piet", "raad").stdout
    assert "(touch #6)" in run.ok("intro", "Piet", "Klaas", "--why", "bakkers").stdout
    assert run.json("intro", "Piet", "Klaas", "--why", "weer")["touch_id"] == 7
    shown = run.ok("show", "Piet").stdout
    assert "#7" in shown and "#3" in shown and "#" in shown.split("Timeline")[1]


def test_touch_edit_moves_last_touch_and_due(run, people):
    people("Piet Jansen", "Klaas Bakker", met="2026-01-01")
    run.ok("log", "Piet", "--note", "koffie bij Anna", "--kind", "koffie")  # touch 3, today
    out = run.ok(
        "touch", "edit", "3", "--when", "2026-11-01", "--kind", "lunch", "--with", "Klaas"
    ).stdout
    assert "Touch #3: lunch with Piet Jansen, Klaas Bakker on 2026-11-01." in out
    piet, klaas = run.json("show", "Piet"), run.json("show", "Klaas")
    assert piet["last_touch"] == klaas["last_touch"] == "2026-11-01"
    assert piet["due_on"] == "2027-01-30"
    assert touches(run, "Piet")[0]["kind"] == "lunch"
    run.ok("touch", "edit", "3", "--without", "Piet", "--note", "")
    assert run.json("show", "Piet")["last_touch"] == "2026-01-01"
    assert touches(run, "Klaas")[0]["note"] is None


def test_touch_edit_of_an_intro_moves_the_introduction_and_its_follow_up(run, people):
    people("Piet Jansen", "Klaas Bakker", "Anna de Vries", met="2026-01-01")
    run.ok("intro", "Piet", "Klaas", "--why", "bakkers", "--when", "2026-11-20")  # touch 4
    run.ok("intro", "Piet", "Anna", "--why", "buren", "--when", "2026-11-01")  # touch 5
    run.ok("intros", "done", "2", "--outcome", "koffie gedaan")
    run.ok("touch", "edit", "4", "--when", "2026-11-10")
    run.ok("touch", "edit", "5", "--when", "2026-10-25")
    open_, closed = sorted(run.json("intros"), key=lambda i: i["id"])
    assert (open_["introduced_on"], open_["follow_up_on"]) == ("2026-11-10", "2026-11-24")
    # a closed introduction was followed up already: only its date moves
    assert (closed["introduced_on"], closed["follow_up_on"]) == ("2026-10-25", "2026-11-15")


def test_touch_edit_gives_and_asks(run, people, db_file):
    import sqlite3

    people("Piet Jansen", met="2026-01-01")
    run.ok("offer", "Piet", "een boek")
    run.ok("log", "Piet", "--gave", "een boek", "--offer", "1", "--asked", "een intro")
    (touch,) = [t for t in touches(run, "Piet") if t["kind"] == "coffee"]
    give, ask = touch["gave"][0]["id"], touch["asked"][0]["id"]
    data = json.loads(
        run.ok(
            "touch", "edit", str(touch["id"]), "--drop", str(give), "--gave", "een artikel",
            "--json",
        ).stdout
    )  # fmt: skip
    assert [g["what"] for g in data["gave"]] == ["een artikel"]
    assert [a["id"] for a in data["asked"]] == [ask]
    conn = sqlite3.connect(db_file)  # the offer the dropped give delivered is open again
    assert conn.execute("SELECT given_on, exchange_id FROM offer").fetchone() == (None, None)
    conn.close()
    run.ok("touch", "delete", str(touch["id"]), "--yes")
    assert run.json("asks") == []


def test_touch_delete_takes_gives_and_asks_and_reopens_offers(run, people, db_file):
    import sqlite3

    people("Piet Jansen", met="2026-01-01")
    run.ok("offer", "Piet", "een boek")
    run.ok("log", "Piet", "--gave", "een boek", "--offer", "1", "--asked", "raad")
    out = run.ok("touch", "delete", "2", "--yes").stdout
    assert "Deleted touch #2 (coffee on 2026-11-22)." in out
    conn = sqlite3.connect(db_file)
    assert conn.execute("SELECT count(*) FROM exchange").fetchone() == (0,)
    assert conn.execute("SELECT given_on, exchange_id FROM offer").fetchone() == (None, None)
    conn.close()
    assert run.json("show", "Piet")["last_touch"] == "2026-01-01"


def test_touch_errors_write_nothing(run, people, unchanged):
    people("Piet Jansen", "Klaas Bakker", met="2026-01-01")
    run.ok("log", "Piet", "--note", "x")  # touch 3
    run.ok("give", "Piet", "een tip")  # touch 4
    with unchanged():
        assert "No touch #99." in run.fails("touch", "edit", "99", "--note", "y").stderr
        assert "future" in run.fails("touch", "edit", "3", "--when", "morgen").stderr
        assert "Did you mean" in run.fails("touch", "edit", "3", "--kind", "lnch").stderr
        assert "was not in touch #3" in run.fails("touch", "edit", "3", "--without", "Klaas").stderr
        assert "needs someone" in run.fails("touch", "edit", "3", "--without", "Piet").stderr
        assert "cannot be changed" in run.fails("touch", "edit", "4", "--kind", "call").stderr
        assert "has no give or ask #1" in run.fails("touch", "edit", "3", "--drop", "1").stderr
        assert "--met" in run.fails("touch", "delete", "1", "--yes").stderr
        assert "belongs to them" in run.fails("touch", "edit", "1", "--with", "Klaas").stderr
        assert "without --yes" in run.fails("touch", "delete", "3").stderr
        assert "No touch #99." in run.fails("touch", "delete", "99", "--yes").stderr
        run.fails("touch", "edit", "abc", code=2)


def test_touch_delete_asks_on_a_terminal(run, people, monkeypatch, unchanged):
    monkeypatch.setattr("netwerk.cli.corrections.interactive", lambda: True)
    people("Piet Jansen", met="2026-01-01")
    run.ok("log", "Piet", "--note", "x")
    with unchanged():
        out = run.ok("touch", "delete", "2", input="n\n").output
    assert "Delete touch #2, coffee with Piet Jansen on 2026-11-22?" in out
    assert "Nothing deleted." in out
    run.ok("touch", "delete", "2", input="y\n")
    assert len(touches(run, "Piet")) == 1


def test_met_touch_date_is_the_met_date(run, people):
    people("Piet Jansen", met="2026-06-01")
    run.ok("touch", "edit", "1", "--when", "2026-05-01")
    assert run.json("show", "Piet")["met_on"] == "2026-05-01"


def test_a_touch_before_the_met_date_moves_it(run, people):
    people("Piet Jansen", met="2026-06-01")
    out = run.ok("log", "Piet", "--when", "2026-03-01").output
    assert "this touch is before you met Piet Jansen: the met date is now 2026-03-01" in out
    piet = run.json("show", "Piet")
    assert piet["met_on"] == "2026-03-01"
    assert [t["date"] for t in piet["touches"]] == ["2026-03-01", "2026-03-01"]
    run.ok("log", "Piet", "--when", "2026-11-01")
    out = run.ok("touch", "edit", "3", "--when", "2026-02-01").output
    assert "the met date is now 2026-02-01" in out


@pytest.mark.parametrize(
    "command",
    [
        ("give", "Piet", "een boek", "--when", "2026-03-01"),
        ("ask", "Piet", "raad", "--when", "2026-03-01"),
        ("intro", "Piet", "Klaas", "--why", "bakkers", "--when", "2026-03-01"),
    ],
    ids=lambda c: c[0],
)
def test_a_give_ask_or_intro_before_the_met_date_moves_it_too(run, people, command):
    people("Piet Jansen", met="2026-06-01")
    people("Klaas Bakker", met="2026-01-01")
    out = run.ok(*command).output
    assert "this touch is before you met Piet Jansen: the met date is now 2026-03-01" in out
    assert "Klaas" not in out.split("Hint:", 1)[1]  # met before: his date stays
    assert run.json("show", "Piet")["met_on"] == "2026-03-01"
    assert run.json("show", "Klaas")["met_on"] == "2026-01-01"
    hints = run.json(*command[:-2], "--when", "2026-02-01")["hints"]
    # the moved met date comes first, before what asking says
    assert hints[0] == "this touch is before you met Piet Jansen: the met date is now 2026-02-01"


def test_in_dutch_an_ask_says_you_asked_the_last_times(run, people, monkeypatch):
    """The ask's own hint is chosen by rule, not by its English wording."""
    from netwerk import i18n

    people("Piet Jansen", met="2026-11-01")
    run.ok("ask", "Piet", "een intro bij DHL")
    monkeypatch.setenv("NETWERK_LANG", "nl")
    i18n.reset()
    try:
        hints = run.json("ask", "Piet", "advies")["hints"]
    finally:
        monkeypatch.setenv("NETWERK_LANG", "en")
        i18n.reset()
    assert "je vroeg de laatste 2 keer iets" in hints


def test_a_touch_at_an_event_dated_later_says_so(run, people):
    people("Piet Jansen", met="2026-01-01")
    run.ok("event", "add", "BNI Utrecht", "--when", "2026-11-12")
    out = run.ok("log", "Piet", "--when", "2026-11-01", "--event", "BNI Utrecht").output
    assert "BNI Utrecht is dated 2026-11-12, after this touch of 2026-11-01" in out
    assert "dated" not in run.ok("log", "Piet", "--when", "2026-11-12", "--event", "BNI").output


def test_knows_remove(run, people, unchanged):
    people("Piet Jansen", "Klaas Bakker", "Anna de Wit")
    run.ok("knows", "Piet", "Klaas")
    assert "no longer linked" in run.ok("knows", "Klaas", "Piet", "--remove").stdout
    assert run.json("show", "Piet")["knows"] == []
    with unchanged():
        assert "are not linked" in run.fails("knows", "Piet", "Anna", "--remove").stderr
        run.fails("knows", "Piet", "Nobody", "--remove")


def test_offers_drop(run, people, unchanged):
    people("Piet Jansen")
    run.ok("offer", "Piet", "een boek")
    run.ok("offer", "Piet", "een artikel")
    run.ok("give", "Piet", "--offer", "2")
    assert "Dropped offer #1: een boek" in run.ok("offers", "drop", "1").stdout
    with unchanged():
        assert "No offer #1." in run.fails("offers", "drop", "1").stderr
        assert "was given on" in run.fails("offers", "drop", "2").stderr


def test_goal_remove(run, unchanged):
    run.ok("goal", "add", "5 nieuwe mensen", "--new", "5")
    assert "Removed goal #1: 5 nieuwe mensen" in run.ok("goal", "remove", "1").stdout
    assert run.json("goal", "list", "--all") == []
    with unchanged():
        assert "No goal #1." in run.fails("goal", "remove", "1").stderr


def test_event_rename_and_remove_keep_the_touches(run, people, unchanged):
    people("Piet Jansen", met_at="BNI Utrecht", met="2026-11-12")
    run.ok("event", "add", "Congres")
    run.ok("log", "Piet", "--event", "BNI Utrecht")
    out = run.ok("event", "rename", "BNI Utrecht", "BNI Utrecht november").stdout
    assert "Renamed event BNI Utrecht to BNI Utrecht november." in out
    piet = run.json("show", "Piet")
    assert piet["met_at"] == "BNI Utrecht november"
    assert piet["touches"][-1]["note"] == "Met at BNI Utrecht november"
    with unchanged():
        assert "already exists" in run.fails("event", "rename", "BNI", "congres").stderr
        run.fails("event", "remove", "Nope")
    out = run.ok("event", "remove", "BNI").stdout
    assert "Removed event BNI Utrecht november; its 2 touches stay." in out
    piet = run.json("show", "Piet")
    assert piet["met_at"] is None and len(piet["touches"]) == 2
    assert piet["touches"][0]["event"] is None


def test_circle_rename_and_remove(run, people, unchanged):
    people("Piet Jansen", circle="BNI")
    run.ok("circle", "set", "Hockey", "--every", "monthly")
    assert (
        "Renamed circle BNI to Ondernemers."
        in run.ok("circle", "rename", "bni", "Ondernemers").stdout
    )
    assert run.json("show", "Piet")["circles"] == ["Ondernemers"]
    run.ok("goal", "add", "zie 3", "--touches", "3", "--circle", "Hockey")
    with unchanged():
        assert "still has 1 member" in run.fails("circle", "remove", "Ondernemers").stderr
        assert "already exists" in run.fails("circle", "rename", "Ondernemers", "hockey").stderr
        assert "Goal #1 counts in Hockey" in run.fails("circle", "remove", "Hockey").stderr
        run.fails("circle", "remove", "Nope")
    run.ok("goal", "remove", "1")
    assert "Removed circle Hockey." in run.ok("circle", "remove", "Hockey").stdout
    run.ok("edit", "Piet", "--remove-circle", "Ondernemers")
    assert run.json("circle", "list") == []  # empty, no cadence: not listed
    run.ok("circle", "remove", "Ondernemers")


@pytest.mark.parametrize("width", ["60", "80", "120"])
def test_timeline_with_ids_fits(run, people, monkeypatch, width):
    people("Piet Jansen", met="2026-01-01")
    run.ok("log", "Piet", "--note", "een lange notitie " * 10)
    monkeypatch.setenv("COLUMNS", width)
    out = run.ok("show", "Piet").stdout
    assert max(len(line) for line in out.splitlines()) <= int(width)
