"""`netwerk stats`: every figure checked against a small database built by hand (today is
2026-11-22, so the default period is 2025-12-01 to 2026-11-22)."""

from __future__ import annotations

import pytest

from netwerk.output.render_stats import bar_cells
from netwerk.services.stats import month_start, months_between


@pytest.fixture
def year(run, people, tmp_path):
    """
    Piet   met 2025-01-10 (before the period), werk; touches 03-15, 03-20 (with Klaas),
           ask 11-01 (answered), intro with Anna 11-02
    Klaas  met 2026-03-03, voetbal; 03-20 with Piet, 04-01
    Anna   met 2026-10-05, werk and voetbal; give 10-20, intro 11-02
    Jan    met 2026-08-01, voetbal, every 30 days; nothing since
    Zoë    imported today from a vCard: no known touch
    Oud    met 2026-06-01, then archived
    """
    people("Piet Jansen", met="2025-01-10", circle="werk")
    people("Klaas Bakker", met="2026-03-03", circle="voetbal")
    run.ok("add", "Anna de Vries", "--met", "2026-10-05", "--circle", "werk", "--circle", "voetbal")
    people("Jan Smit", met="2026-08-01", circle="voetbal", every="30 days")
    card = tmp_path / "zoe.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Visser\r\nEND:VCARD\r\n")
    run.ok("import", "vcard", str(card))
    people("Oud Contact", met="2026-06-01")
    run.ok("archive", "Oud")
    run.ok("log", "Piet", "--when", "2026-03-15")
    run.ok("log", "Piet", "Klaas", "--when", "2026-03-20")
    run.ok("log", "Klaas", "--when", "2026-04-01")
    run.ok("give", "Anna", "een boek", "--when", "2026-10-20")
    run.ok("ask", "Piet", "advies over een offerte", "--when", "2026-11-01")
    run.ok("asks", "done", "2", "--note", "goed advies")  # exchange 1 is the give
    run.ok("intro", "Piet", "Anna", "--why", "beide fietsers", "--when", "2026-11-02")
    run.ok("intros", "done", "1", "--outcome", "koffie gedaan", "--result", "met")
    run.ok("goal", "add", "Drie nieuwe mensen", "--new", "3")


def test_every_figure_of_the_year(run, year):
    data = run.json("stats")
    assert data["since"] == "2025-12-01" and data["until"] == "2026-11-22"
    assert data["totals"] == {
        "contacts": 5,
        "new_contacts": 4,  # Klaas, Anna, Jan, Zoë (Piet was met before the period)
        "never_touched": 1,
        "touches": 10,
        "people_seen": 5,  # Oud's touch still happened
        "gives": 2,  # the book, and the introduction (a give to both)
        "asks": 1,
        "asks_answered": 1,
    }
    months = {m["month"]: m for m in data["months"]}
    assert list(months) == ["2025-12", *(f"2026-{m:02d}" for m in range(1, 12))]
    assert months["2026-03"] == {
        "month": "2026-03",
        "touches": 3,
        "maintenance": 2,
        "new": 1,
        "gives": 0,
        "asks": 0,
    }
    assert (months["2026-04"]["maintenance"], months["2026-04"]["new"]) == (1, 0)
    assert (months["2026-06"]["touches"], months["2026-06"]["new"]) == (1, 1)
    assert (months["2026-10"]["new"], months["2026-10"]["gives"]) == (2, 1)
    assert (months["2026-11"]["maintenance"], months["2026-11"]["asks"]) == (2, 1)
    assert months["2026-11"]["gives"] == 1
    assert sum(m["touches"] for m in data["months"]) == data["totals"]["touches"]
    assert data["overdue"] == {
        "now": 2,  # Klaas (04-01 + 90), Jan (08-01 + 30)
        "month_ago": 3,  # and Piet, last seen 03-20 as of 2026-10-22
        "month_ago_on": "2026-10-22",
        "quarter_ago": 2,  # Jan was not yet due on 2026-08-22
        "quarter_ago_on": "2026-08-22",
    }
    assert [
        (c["name"], c["members"], c["touches"], c["touches_per_member"]) for c in data["circles"]
    ] == [
        ("werk", 2, 6, 3.0),
        ("voetbal", 3, 7, 2.33),
    ]
    assert [(p["name"], p["touches"]) for p in data["seen_most"]] == [
        ("Piet Jansen", 4),
        ("Anna de Vries", 3),
        ("Klaas Bakker", 3),
        ("Jan Smit", 1),
    ]
    assert [(p["name"], p["last_touch"], p["days_since"]) for p in data["longest_unseen"]] == [
        ("Klaas Bakker", "2026-04-01", 235),
        ("Jan Smit", "2026-08-01", 113),
        ("Anna de Vries", "2026-11-02", 20),
        ("Piet Jansen", "2026-11-02", 20),
    ]
    assert data["intros"] == {
        "made": 1,
        "open": 0,
        "met": 1,
        "work": 0,
        "no_fit": 0,
        "closed_other": 0,
    }
    # all six were added today, the day the goal was set (the goals' own rule, reused)
    assert [(g["text"], g["progress"], g["target"], g["reached"]) for g in data["goals"]] == [
        ("Drie nieuwe mensen", 6, 3, True)
    ]


def test_no_figure_is_about_one_person_giving_or_asking(run, year):
    """No balances or scores between people: gives and asks are counted over the network,
    the people lists say only how often and how long ago you saw someone."""
    data = run.json("stats")
    for person in data["seen_most"] + data["longest_unseen"]:
        assert set(person) <= {"id", "name", "touches", "last_touch", "days_since"}


def test_since_and_circle_narrow_every_figure(run, year):
    data = run.json("stats", "--since", "2026-10-01", "--circle", "werk")
    assert data["circle"] == "werk" and data["since"] == "2026-10-01"
    assert [m["month"] for m in data["months"]] == ["2026-10", "2026-11"]
    assert data["totals"]["contacts"] == 2 and data["totals"]["touches"] == 4
    assert data["totals"]["gives"] == 2 and data["totals"]["asks"] == 1
    assert [c["name"] for c in data["circles"]] == ["werk"]
    assert [p["name"] for p in data["seen_most"]] == ["Anna de Vries", "Piet Jansen"]
    assert data["overdue"]["now"] == 0 and data["overdue"]["month_ago"] == 1  # Piet
    voetbal = run.json("stats", "--circle", "voetbal")
    assert voetbal["intros"]["made"] == 1  # Anna is in voetbal too
    assert voetbal["overdue"]["now"] == 2


def test_an_empty_database_has_a_quiet_year(run):
    data = run.json("stats")
    assert data["totals"]["contacts"] == 0 and len(data["months"]) == 12
    assert data["seen_most"] == [] and data["circles"] == []
    out = run.ok("stats").stdout
    assert "Touches per month" in out and "2026-11" in out


@pytest.mark.parametrize("width", [60, 80, 120])
def test_the_charts_fit_the_terminal(run, year, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    out = run.ok("stats").stdout
    lines = out.splitlines()
    assert max(len(x) for x in lines) <= width
    assert "Touches per month" in out and "Gives and asks per month" in out
    march = next(x for x in lines if x.startswith("2026-03"))
    assert "█" in march and "░" in march  # maintenance and new side by side
    assert "a month ago (2026-10-22)" in out
    assert "Piet Jansen" in out and "1 made: 1 met, 0 led to work, 0 no fit, 0 open." in out
    assert "Oud Contact" not in out


def test_the_largest_month_fills_the_bar_and_others_scale(run, year, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    lines = run.ok("stats").stdout.splitlines()
    start = lines.index("Touches per month")
    bars = {x[:7]: x.count("█") + x.count("░") for x in lines[start + 2 : start + 14]}
    assert bars["2026-03"] == max(bars.values())
    assert bars["2026-04"] == round(bars["2026-03"] / 3)
    assert bars["2026-01"] == 0


def test_user_text_is_not_markup(run, people):
    people("[red]Bob[/red]", met="2026-11-01", circle="[b]club")
    out = run.ok("stats").stdout
    assert "[red]Bob[/red]" in out and "[b]club" in out


def test_bad_since_and_circle_are_one_line_errors(run, year, unchanged):
    with unchanged():
        future = run.fails("stats", "--since", "2027-01-01")
        assert "--since 2027-01-01 is in the future" in future.output
        nope = run.fails("stats", "--circle", "schaak")
        assert "No circle 'schaak'" in nope.output
        bad = run.fails("stats", "--since", "blurp")
        assert "blurp" in bad.output


def test_month_helpers():
    from datetime import date

    assert month_start(date(2026, 1, 31), 1) == date(2025, 12, 1)
    assert month_start(date(2026, 11, 22), 11) == date(2025, 12, 1)
    assert months_between(date(2025, 11, 30), date(2026, 2, 1)) == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]
    assert bar_cells(0, 10, 40) == 0 and bar_cells(1, 1000, 40) == 1
    assert bar_cells(10, 10, 40) == 40 and bar_cells(5, 10, 40) == 20


def test_in_dutch(run, year, monkeypatch):
    from netwerk import i18n

    monkeypatch.setenv("NETWERK_LANG", "nl")
    i18n.reset()
    try:
        out = run.ok("stats").stdout
    finally:
        i18n.reset()
    assert "Contactmomenten per maand" in out and "onderhoud (al bekend voor die maand)" in out
    assert "Contacten: 5 (4 nieuw in deze periode, 1 nooit gesproken)" in out
    assert "een maand geleden (2026-10-22)" in out
    assert "1 gemaakt: 1 ontmoet, 0 leidde tot werk, 0 geen klik, 0 open." in out
