"""Events (and the move of `met_at` into them), the circles breadth view, and goals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "schema"


def test_met_at_creates_and_reuses_events(run, people):
    run.ok("add", "Piet Jansen", "--met-at", "BNI Utrecht 12 nov", "--met", "2026-11-12")
    run.ok("add", "Klaas Bakker", "--met-at", "bni utrecht 12 NOV", "--met", "2026-11-12")
    run.ok("add", "Anna de Wit", "--met-at", "Logistiek Congres")
    events = run.json("event", "list")
    assert events == [
        {"id": 2, "name": "Logistiek Congres", "date": "2026-11-22", "where": None,
         "met": 1, "seen": 0},
        {"id": 1, "name": "BNI Utrecht 12 nov", "date": "2026-11-12", "where": None,
         "met": 2, "seen": 0},
    ]  # fmt: skip
    klaas = run.json("show", "Klaas")
    assert klaas["met_at"] == "BNI Utrecht 12 nov"
    assert klaas["met_event"] == {"id": 1, "name": "BNI Utrecht 12 nov"}
    run.ok("edit", "Klaas", "--met-at", "")
    assert run.json("show", "Klaas")["met_at"] is None


def test_log_several_people_at_an_event(run, people):
    people("Piet Jansen", "Klaas Bakker", "Anna de Wit", met="2026-10-01")
    run.ok("event", "add", "BNI Utrecht 12 nov", "--when", "12 nov", "--where", "Van der Valk")
    out = run.ok(
        "log", "Piet", "Klaas", "Anna", "--event", "BNI Utrecht 12 nov", "--kind", "event",
        "--when", "2026-11-12",
    )  # fmt: skip
    assert "at BNI Utrecht 12 nov" in out.stdout
    shown = run.json("event", "show", "bni utrecht")  # a unique beginning resolves
    assert shown["date"] == "2026-11-12"
    assert shown["where"] == "Van der Valk"
    assert [p["name"] for p in shown["seen"]] == ["Anna de Wit", "Klaas Bakker", "Piet Jansen"]
    assert shown["met"] == []
    assert run.json("show", "Piet")["touches"][0]["event"] == "BNI Utrecht 12 nov"
    text = run.ok("event", "show", "#1").stdout
    assert "Seen there" in text and "Klaas Bakker" in text
    run.ok("log", "Piet", "--event", "Borrel Acme")  # created on first mention
    assert [e["name"] for e in run.json("event", "list")] == ["Borrel Acme", "BNI Utrecht 12 nov"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["log", "Piet", "--event", "Nieuw event", "--no-create"], "No event 'Nieuw event'"),
        (["add", "Klaas", "--met-at", "Onbekend", "--no-create"], "No event 'Onbekend'"),
        (["edit", "Piet", "--met-at", "Onbekend", "--no-create"], "No event 'Onbekend'"),
        (["event", "show", "Onbekend"], "No event 'Onbekend'. Recent events: BNI Amersfoort"),
        (["event", "show", "BNI"], "matches the events"),
        (["event", "show", "#99"], "No event with id #99"),
        (["event", "add", "bni utrecht"], "already exists"),
        (["event", "add", "  "], "The event name is empty"),
        (["event", "add", "Later", "--when", "blurp"], "blurp"),
        (["log", "Piet", "--event", "BNI"], "matches the events"),
    ],
)
def test_event_errors_write_nothing(run, people, unchanged, args, message):
    people("Piet Jansen")
    run.ok("event", "add", "BNI Utrecht")
    run.ok("event", "add", "BNI Amersfoort", "--when", "2026-11-01")
    with unchanged():
        assert message in run.fails(*args).stderr


def test_upgrade_moves_met_at_into_events(run, db_file):
    """v1 data (Piet met at "BNI Utrecht") comes through m003 as an event, without loss."""
    db_file.parent.mkdir(mode=0o700)
    conn = sqlite3.connect(db_file)
    conn.executescript((FIXTURES / "v1.sql").read_text())
    # more v1 data: the same event typed differently, an empty one, another event
    conn.executescript(
        """
        INSERT INTO contact (id, name, name_key, met_on, met_at, created_on, last_touch_on)
        VALUES (3, 'Anna', 'anna', '2026-10-05', 'bni  UTRECHT', '2026-11-22', '2026-10-05'),
               (4, 'Bram', 'bram', '2026-10-06', '   ', '2026-11-22', '2026-10-06'),
               (5, 'Cor', 'cor', NULL, 'Café de Zwaan', '2026-11-20', NULL);
        """
    )
    conn.close()
    piet = run.json("show", "Piet Jansen")
    assert piet["met_at"] == "BNI Utrecht"
    assert piet["touches"][-1]["event"] == "BNI Utrecht"
    assert run.json("show", "Anna")["met_event"] == piet["met_event"]
    assert run.json("show", "Bram")["met_at"] is None
    assert run.json("show", "Cor")["met_at"] == "Café de Zwaan"
    events = run.json("event", "list")
    assert [(e["name"], e["date"], e["met"]) for e in events] == [
        ("BNI Utrecht", "2026-10-01", 2),
        ("Café de Zwaan", None, 1),
    ]
    shown = run.json("event", "show", "BNI Utrecht")
    assert [p["name"] for p in shown["met"]] == ["Anna", "Piet Jansen"]
    columns = [r[1] for r in sqlite3.connect(db_file).execute("PRAGMA table_info(contact)")]
    assert "met_at" not in columns and "met_event_id" in columns


def test_deleting_a_contact_leaves_no_dangling_rows(run, people, db_file):
    people("Piet Jansen", "Klaas Bakker", "Anna de Wit", met="2026-11-01")
    run.ok("knows", "Piet", "Klaas")
    run.ok("intro", "Piet", "Anna", "--why", "x")
    run.ok("offer", "Piet", "een boek")
    run.ok("ask", "Piet", "advies")
    run.ok("add", "Bram", "--via", "Piet", "--met-at", "BNI")
    run.ok("remove", "Piet", "--yes")
    conn = sqlite3.connect(db_file)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    for table in ("knows", "intro", "offer"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    # the ask only Piet was in went with him; the intro touch stays with Anna, and its give
    assert conn.execute("SELECT kind FROM exchange").fetchall() == [("give",)]
    assert conn.execute("SELECT via_id FROM contact WHERE name = 'Bram'").fetchone() == (None,)


def test_circle_breadth_view(run, people):
    run.ok("circle", "set", "BNI", "--every", "monthly")
    people("Piet Jansen", circle="BNI", met="2026-11-20")
    run.ok("edit", "Piet", "--circle", "Hockey")
    people("Klaas Bakker", circle="BNI", met="2026-06-01")
    people("Oude Oom", circle="Familie", met="2025-01-01")
    circles = {c["name"]: c for c in run.json("circle", "list")}
    assert circles["BNI"]["size"] == 2
    assert circles["BNI"]["within_cadence"] == 1  # Klaas is due
    assert circles["BNI"]["last_touch"] == "2026-11-20"
    assert circles["BNI"]["neglected"] is False
    assert circles["Familie"]["neglected"] is True  # nobody touched within 90 days
    assert circles["Familie"]["within_cadence"] == 0
    assert circles["BNI"]["bridges"] == [
        {"id": 1, "name": "Piet Jansen", "circles": ["BNI", "Hockey"]}
    ]
    assert circles["Familie"]["bridges"] == []
    out = run.ok("circle", "list").stdout
    assert "neglected" in out and "1 of 2" in out
    assert "  Piet Jansen  BNI, Hockey" in out


def test_goals_track_progress_from_the_data(run, people, monkeypatch):
    people("Piet Jansen", circle="BNI", met="2026-01-01")
    people("Klaas Bakker", circle="BNI", met="2026-01-01")
    monkeypatch.setenv("NETWERK_TODAY", "2026-11-23")  # the goals are set the next day
    new = run.json("goal", "add", "3 nieuwe in logistiek", "--new", "3", "--circle", "BNI",
                   "--by", "1 maart")  # fmt: skip
    assert new["by"] == "2027-03-01"
    assert (new["progress"], new["left"], new["reached"]) == (0, 3, False)
    run.ok("goal", "add", "zie 5 mensen van BNI", "--touches", "5", "--circle", "bni")
    run.ok("goal", "add", "Naar een congres")
    people("Nieuw Iemand", circle="BNI")
    people("Buiten Circle")
    run.ok("log", "Piet", "Klaas", "--kind", "event")
    run.ok("log", "Piet", "Buiten")
    goals = run.json("goal", "list")
    assert [(g["id"], g["progress"], g["left"]) for g in goals] == [
        (1, 1, 2),
        (2, 3, 2),
        (3, None, None),
    ]
    assert goals[0]["days_left"] == 98
    out = run.ok("goal", "list").stdout
    assert "1 of 3 new contacts in BNI since 2026-11-23; 2 to go; 98 days left" in out
    assert "3 of 5 people seen in BNI" in out
    run.ok("goal", "done", "3")
    assert [g["id"] for g in run.json("goal", "list")] == [1, 2]
    assert run.json("goal", "list", "--all")[2]["done_on"] == "2026-11-23"


@pytest.mark.parametrize(
    "args, message",
    [
        (["goal", "add", "x", "--new", "2", "--touches", "3"], "not both"),
        (["goal", "add", "x", "--new", "0"], "at least 1"),
        (["goal", "add", "x", "--new", "2", "--circle", " "], "The circle name is empty"),
        (["goal", "add", " ", "--new", "2"], "Say what the goal was"),
        (["goal", "add", "x", "--by", "2026-01-01"], "has passed"),
        (["goal", "done", "9"], "No goal #9"),
        (["goal", "done", "1"], "already done"),
    ],
)
def test_goal_errors_write_nothing(run, unchanged, args, message):
    run.ok("goal", "add", "een doel")
    run.ok("goal", "done", "1")
    with unchanged():
        assert message in run.fails(*args).stderr
