"""Introductions with follow-ups, thanking introducers, and who knows whom: `knows`, `who`,
`path` — including that `who` and `path` cost a fixed number of queries."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest

from netwerk.services.reach import path, stems, who
from netwerk.store.store import open_store

TODAY = date(2026, 11, 22)


def test_intro_records_touch_link_and_follow_up(run, people):
    people("Piet Jansen", "Anna de Wit", met="2026-09-01")
    out = run.ok("intro", "Piet", "Anna", "--why", "Anna zoekt logistiek advies")
    assert "Introduction #1: Piet Jansen and Anna de Wit; follow up on 2026-12-06." in out.stdout
    piet = run.json("show", "Piet")
    assert piet["touches"][0]["kind"] == "intro"
    assert piet["touches"][0]["with"] == [{"id": 2, "name": "Anna de Wit"}]
    assert piet["touches"][0]["gave"][0]["what"] == "introduced Piet Jansen and Anna de Wit"
    assert piet["knows"] == [
        {
            "id": 2,
            "name": "Anna de Wit",
            "how": "introduced by you: Anna zoekt logistiek advies",
            "since": "2026-11-22",
        }
    ]
    assert run.json("show", "Anna")["knows"][0]["name"] == "Piet Jansen"
    assert [i["reason"] for i in run.json("due")] == []  # follow-up not yet come


def test_follow_up_appears_in_due_when_its_date_has_come(run, people):
    people("Piet Jansen", "Anna de Wit", "Klaas Bakker", met="2026-11-01")
    run.ok("intro", "Piet", "Anna", "--why", "logistiek", "--when", "2026-11-01")
    run.ok("intro", "Piet", "Klaas", "--why", "later", "--follow-up", "over 2 weken")
    items = run.json("due")
    assert items == [
        {
            "reason": "follow_up",
            "intro_id": 1,
            "a": {"id": 1, "name": "Piet Jansen"},
            "b": {"id": 2, "name": "Anna de Wit"},
            "why": "logistiek",
            "introduced_on": "2026-11-01",
            "follow_up_on": "2026-11-15",
            "status": "open",
            "closed_on": None,
            "outcome": None,
            "result": None,
        }
    ]
    assert "did Piet Jansen and Anna de Wit meet?" in run.ok("due").stdout
    run.ok("intros", "done", "1", "--outcome", "Ze hebben koffie gedronken", "--result", "met")
    assert run.json("due") == []
    listed = run.json("intros")
    assert [(i["id"], i["status"]) for i in listed] == [(2, "open"), (1, "closed")]
    assert listed[1]["result"] == "met"
    assert [i["id"] for i in run.json("intros", "--open")] == [2]
    assert "closed (met): Ze hebben koffie gedronken" in run.ok("intros").stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["intro", "Piet", "Piet Jansen", "--why", "x"], "cannot be introduced to themselves"),
        (["intro", "Piet", "Anna", "--why", " "], "Say what the introduction"),
        (["intro", "Piet", "Nobody", "--why", "x"], "No contact 'Nobody'"),
        (["intro", "Piet", "Anna", "--why", "x", "--when", "morgen"], "future"),
        (
            [
                "intro",
                "Piet",
                "Anna",
                "--why",
                "x",
                "--when",
                "2026-11-20",
                "--follow-up",
                "1 jan 2026",
            ],
            "before the introduction",
        ),
        (["intros", "done", "7", "--outcome", "ok"], "No introduction #7"),
        (["intros", "done", "1", "--outcome", "ok", "--result", "maybe"], "Unknown result"),
        (["intros", "done", "1", "--outcome", "  "], "Say how it went"),
        (["knows", "Piet", "piet jansen"], "cannot be linked to themselves"),
        (["knows", "Piet", "Nobody"], "No contact 'Nobody'"),
        (["who", "  "], "Say what you are looking for"),
        (["path", "Nobody"], "No contact 'Nobody'"),
    ],
)
def test_network_errors_write_nothing(run, people, unchanged, args, message):
    people("Piet Jansen", "Anna de Wit", met="2026-11-01")
    run.ok("intro", "Piet", "Anna", "--why", "reden")
    with unchanged():
        assert message in run.fails(*args).stderr


def test_closing_an_intro_twice_is_refused(run, people, unchanged):
    people("Piet Jansen", "Anna de Wit")
    run.ok("intro", "Piet", "Anna", "--why", "reden")
    run.ok("intros", "done", "1", "--outcome", "ok")
    with unchanged():
        assert "already closed" in run.fails("intros", "done", "1", "--outcome", "x").stderr


def test_thank_the_introducer_until_a_touch_with_them(run, people):
    people("Klaas Bakker", met="2026-11-01")
    run.ok("add", "Piet Jansen", "--via", "Klaas")
    run.ok("add", "Anna de Wit", "--via", "Klaas")
    items = run.json("due")
    assert items == [
        {
            "reason": "thank",
            "id": 1,
            "name": "Klaas Bakker",
            "for": [{"id": 3, "name": "Anna de Wit"}, {"id": 2, "name": "Piet Jansen"}],
        }
    ]
    assert "Klaas Bakker introduced you to Anna de Wit, Piet Jansen" in run.ok("due").stdout
    run.ok("log", "Klaas", "--kind", "call", "--note", "bedankt!")
    assert run.json("due") == []


def test_knows_is_symmetric_and_stored_once(run, people, db_file):
    people("Piet Jansen", "Klaas Bakker")
    assert "now know each other" in run.ok("knows", "Klaas", "Piet", "--how", "buren").stdout
    assert "already knew" in run.ok("knows", "Piet", "Klaas").stdout
    assert run.json("show", "Piet")["knows"][0]["how"] == "buren"
    run.ok("knows", "Piet", "Klaas", "--how", "oud-collega's")
    assert run.json("show", "Klaas")["knows"][0]["how"] == "oud-collega's"
    import sqlite3

    rows = sqlite3.connect(db_file).execute("SELECT low_id, high_id FROM knows").fetchall()
    assert rows == [(1, 2)]
    run.ok("remove", "Klaas", "--yes")
    assert run.json("show", "Piet")["knows"] == []


@pytest.mark.parametrize(
    "query, expected",
    [
        ("pannenkoeken", ["pannenkoek"]),
        ("Pannenkoek", ["pannenkoek"]),
        ("bakken", ["bak"]),
        ("pancakes", ["pancake"]),
        ("logistiek advies", ["logistiek", "advie"]),
        ("IT", ["it"]),
        ("Zoë's", ["zoe'"]),
    ],
)
def test_who_stems(query, expected):
    assert stems(query) == expected


def test_who_finds_first_and_second_degree_with_paths(run, people):
    people("Piet Jansen", met="2026-11-01")  # known well
    run.ok("add", "Anna de Wit", "--note", "Bakt pannenkoeken op zaterdag", "--met", "2026-11-10")
    run.ok("add", "Bram Smit", "--expertise", "Pannenkoeken, wafels", "--met", "2024-01-01")
    run.ok("add", "Cor Vis", "--role", "pannenkoekenbakker", "--met", "2023-01-01")
    run.ok("add", "Dirk Dam", "--note", "houdt van pannenkoeken", "--met", "2026-11-01")
    run.ok("add", "Els Eik", "--expertise", "logistiek")
    run.ok("archive", "Dirk")  # archived: not known well, not a way in
    run.ok("knows", "Bram", "Piet", "--how", "buren")
    run.ok("knows", "Bram", "Dirk")
    items = run.json("who", "pannenkoeken")
    assert [(i["name"], i["degree"], i["known_well"]) for i in items] == [
        ("Anna de Wit", 1, True),
        ("Bram Smit", 2, False),
        ("Cor Vis", 1, False),
        ("Dirk Dam", 1, False),
    ]
    assert items[0]["matched"] == ["note"]
    assert items[1]["via"] == [{"id": 1, "name": "Piet Jansen", "how": "buren"}]
    assert items[1]["matched"] == ["expertise"]
    out = run.ok("who", "pannenkoeken").stdout
    assert "via Piet Jansen" in out and "you know them" in out
    # word-prefix: "bak" starts "Bakt", not the middle of "pannenkoekenbakker"
    assert [i["name"] for i in run.json("who", "BAKKEN")] == ["Anna de Wit"]
    assert run.json("who", "pannenkoeken wafels")[0]["name"] == "Bram Smit"
    assert run.json("who", "sushi") == []
    assert "Nobody matches" in run.ok("who", "sushi").stdout


def test_who_ranks_by_where_it_matches(run, people):
    run.ok("add", "Note Nel", "--note", "kent iemand in de logistiek")
    run.ok("add", "Expert Ed", "--expertise", "logistiek")
    run.ok("add", "Role Rik", "--role", "hoofd logistiek")
    assert [i["name"] for i in run.json("who", "logistiek")] == [
        "Expert Ed",
        "Role Rik",
        "Note Nel",
    ]


def test_path_shows_shortest_chains_through_people_you_know_well(run, people):
    people("Piet Jansen", met="2026-11-01")  # known well
    people("Klaas Bakker", met="2026-11-15")  # known well
    people("Bram Smit", "Cor Vis", "Dirk Dam", "Eva Eik", met="2024-01-01")  # not
    run.ok("knows", "Piet", "Bram")
    run.ok("knows", "Bram", "Cor")
    run.ok("knows", "Klaas", "Cor")
    run.ok("knows", "Cor", "Dirk")
    result = run.json("path", "Dirk")
    assert result["known_well"] is False
    assert [[p["name"] for p in chain] for chain in result["chains"]] == [
        ["Klaas Bakker", "Cor Vis", "Dirk Dam"],
        ["Piet Jansen", "Bram Smit", "Cor Vis", "Dirk Dam"],
    ]
    assert "you → Klaas Bakker → Cor Vis → Dirk Dam" in run.ok("path", "Dirk").stdout
    assert run.json("path", "Eva")["chains"] == []
    assert "No chain" in run.ok("path", "Eva").stdout
    piet = run.json("path", "Piet")
    assert piet["known_well"] is True and piet["chains"] == []
    assert "well already" in run.ok("path", "Piet").stdout


def test_path_stops_after_three_links(run, people):
    people("Piet Jansen", met="2026-11-01")
    people("A1", "A2", "A3", "A4", met="2024-01-01")
    for a, b in [("Piet", "A1"), ("A1", "A2"), ("A2", "A3"), ("A3", "A4")]:
        run.ok("knows", a, b)
    assert len(run.json("path", "A3")["chains"][0]) == 4
    assert run.json("path", "A4")["chains"] == []


def _count_queries(s) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    s.conn.set_trace_callback(seen.append)
    return seen


def _big_network(db_file, n: int) -> None:  # type: ignore[no-untyped-def]
    """n contacts (one in ten known well), a chain of knows links plus random extras."""
    import random
    import sqlite3

    from netwerk.store.db import connect

    connect(db_file).close()
    rng = random.Random(n)
    conn = sqlite3.connect(db_file)
    old = (TODAY - timedelta(days=1000)).isoformat()
    fresh = (TODAY - timedelta(days=5)).isoformat()
    conn.executemany(
        "INSERT INTO contact (id, name, name_key, expertise, created_on, last_touch_on, archived)"
        " VALUES (?, ?, ?, ?, ?, ?, 0)",
        [
            (
                i,
                f"Person {i}",
                f"person {i}",
                "pannenkoeken" if i % 50 == 0 else "logistiek",
                old,
                fresh if i % 10 == 1 else old,
            )
            for i in range(1, n + 1)
        ],
    )
    pairs = {(i, i + 1) for i in range(1, n)}
    pairs |= {tuple(sorted(rng.sample(range(1, n + 1), 2))) for _ in range(3 * n)}
    conn.executemany(
        "INSERT OR IGNORE INTO knows (low_id, high_id, since) VALUES (?, ?, ?)",
        [(a, b, old) for a, b in pairs],
    )
    conn.commit()
    conn.close()


@pytest.mark.parametrize("n", [200, 5000])
def test_who_and_path_cost_a_fixed_number_of_queries(db_file, n):
    """However many contacts and links: `who` 2 queries, `path` at most 3 (and fast)."""
    _big_network(db_file, n)
    with open_store(db_file, write=False) as s:
        seen = _count_queries(s)
        started = time.perf_counter()
        found = who(s, "pannenkoeken", today=TODAY, limit=0)
        who_queries = len(seen)
        chains = path(s, f"#{n}", today=TODAY)
        path_queries = len(seen) - who_queries
        elapsed = time.perf_counter() - started
    assert len(found) == n // 50
    assert any(item["via"] for item in found)
    assert who_queries <= 2, seen
    assert path_queries <= 3, seen
    assert chains["chains"]
    assert elapsed < 5


def test_intro_keeps_how_an_existing_link_says(run, people):
    people("Piet Jansen", "Anna de Wit")
    run.ok("knows", "Piet", "Anna", "--how", "buren")
    run.ok("intro", "Piet", "Anna", "--why", "logistiek")
    assert run.json("show", "Piet")["knows"][0]["how"] == "buren"


def test_due_by_circle_keeps_only_its_follow_ups_and_thanks(run, people):
    people("Piet Jansen", circle="BNI", met="2026-11-01")
    people("Anna de Wit", "Klaas Bakker", met="2026-11-01")
    run.ok("intro", "Piet", "Anna", "--why", "x", "--when", "2026-11-01")
    run.ok("intro", "Klaas", "Anna", "--why", "y", "--when", "2026-11-01")
    run.ok("add", "Bram", "--via", "Klaas")
    run.ok("add", "Cor", "--via", "Piet")
    everything = run.json("due")
    assert [(i["reason"], i.get("intro_id") or i["id"]) for i in everything] == [
        ("follow_up", 1),
        ("follow_up", 2),
        ("thank", 3),
        ("thank", 1),
    ]
    bni = run.json("due", "--circle", "BNI")
    assert [(i["reason"], i.get("intro_id") or i["id"]) for i in bni] == [
        ("follow_up", 1),
        ("thank", 1),
    ]


def test_due_shows_the_longest_waiting_follow_ups_up_to_its_limit(run, people):
    """A morning list stays a list: `--limit` caps the follow-ups too, oldest first, and says
    how many more there are; `--limit 0` shows them all."""
    people("Piet Jansen", "Anna de Wit", "Klaas Bakker", "Bram Smit", met="2026-01-01")
    for day, (a, b) in zip(
        ["2026-03-01", "2026-02-01", "2026-04-01"],
        [("Piet", "Anna"), ("Klaas", "Bram"), ("Anna", "Klaas")],
        strict=True,
    ):
        run.ok("intro", a, b, "--why", "koffie", "--when", day)
    capped = [i["intro_id"] for i in run.json("due", "--limit", "2") if i["reason"] == "follow_up"]
    assert capped == [2, 1]  # introduced on 1 Feb, 1 Mar
    out = run.ok("due", "--limit", "2")
    assert "did Anna de Wit and Klaas Bakker meet?" not in out.stdout
    assert "… and 1 more to follow up" in out.stderr
    everyone = run.json("due", "--limit", "0")
    assert [i["intro_id"] for i in everyone if i["reason"] == "follow_up"] == [2, 1, 3]
    assert "more to follow up" not in run.ok("due").stderr


def test_who_splits_the_query_where_it_splits_the_text(run, people):
    """Punctuation separates words on both sides: 'e-commerce' and 'E-Commerce' find
    "E-commerce", 'ASML/Philips' finds "bij ASML"."""
    people("Piet Jansen", expertise="E-commerce en webshops", met="2026-11-01")
    people("Klaas Bakker", company="ASML", met="2026-11-01")
    assert [w["name"] for w in run.json("who", "e-commerce")] == ["Piet Jansen"]
    assert [w["name"] for w in run.json("who", "E-Commerce")] == ["Piet Jansen"]
    assert [w["name"] for w in run.json("who", "asml/")] == ["Klaas Bakker"]


def test_asked_in_a_row_shows_beside_the_person_in_due(run, people):
    people("Piet Jansen", met="2026-01-01")
    run.ok("ask", "Piet", "a", "--when", "2026-02-01")
    run.ok("ask", "Piet", "b", "--when", "2026-03-01")
    assert run.json("due")[0]["hints"] == ["you asked the last 2 times"]
    assert "you asked the last 2 times" in run.ok("due").stdout
