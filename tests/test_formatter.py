"""Output pinned on its own, at 60, 80 and 120 columns (todoman's test_formatter style).

The renderers get data as the services return it and print to a console as wide as COLUMNS.
Long Dutch names, long notes and wide characters (emoji and CJK take two cells each, measured
with rich's cell widths) must never make a line wider than the terminal or break a name.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from rich.cells import cell_len

from netwerk.output import columns, render
from netwerk.output import daily as daily_output
from netwerk.output.columns import Column, Columns, Row, fit

TODAY = date(2026, 11, 22)
LONG = "Jan-Willem van der Berg-Hoogeveen"
NOTE = (
    "Lang gesprek over zijn nieuwe baan bij de gemeente; hij zoekt nog iemand voor de "
    "afdeling communicatie en wil graag een introductie bij Fatima"
)


def due_item(name: str, *, since: int, cadence: int = 30, note: str | None = None, **extra):
    last = TODAY - timedelta(days=since)
    return {
        "id": 1,
        "name": name,
        "company": None,
        "circles": [],
        "last_touch": last,
        "last_kind": "coffee",
        "last_note": note,
        "cadence_days": cadence,
        "due_on": last + timedelta(days=cadence),
        "days_since": since,
        "days_overdue": since - cadence,
        "bring": extra.get("bring", []),
        "hints": extra.get("hints", []),
    }


DUE = {
    "due": [
        due_item(LONG, since=200, cadence=91, note=NOTE),
        due_item(
            "Fatima el Amrani",
            since=40,
            cadence=14,
            note="koffie bij Hoppe",
            bring=[{"id": 3, "what": "het rapport over duurzame havens in de regio Rotterdam"}],
            hints=["you asked the last 2 times; give something this time"],
        ),
        due_item("王小明 🎉", since=30, cadence=30, note="第一次见面 🍵 in Amsterdam"),
    ],
    "total": 4,
    "birthdays": [
        {
            "id": 4,
            "name": "Piet Jansen",
            "birthday_on": date(2026, 12, 3),
            "in_days": 11,
            "turns": None,
        },
        {
            "id": 5,
            "name": "Anna de Wit",
            "birthday_on": date(2026, 11, 23),
            "in_days": 1,
            "turns": 40,
        },
    ],
    "follow_ups": [
        {
            "id": 2,
            "a": {"id": 1, "name": LONG},
            "b": {"id": 2, "name": "Fatima el Amrani"},
            "why": "allebei bezig met de haven en de communicatie over de nieuwe terminal",
            "introduced_on": date(2026, 10, 1),
            "follow_up_on": date(2026, 10, 15),
        },
    ],
    "follow_ups_total": 1,
    "thanks": [],
}

LIST = [
    {
        "id": 1,
        "name": "Fatima el Amrani",
        "company": "Gemeente Rotterdam",
        "circles": ["werk"],
        "last_touch": date(2026, 10, 1),
        "due_on": date(2026, 12, 30),
        "archived": False,
    },
    {
        "id": 12,
        "name": LONG,
        "company": "Rabobank Noord-Holland Zuid",
        "circles": ["golf", "werk"],
        "last_touch": date(2026, 9, 1),
        "due_on": date(2026, 11, 30),
        "archived": False,
    },
    {
        "id": 3,
        "name": "王小明 🎉",
        "company": "字节跳动",
        "circles": [],
        "last_touch": date(2026, 5, 1),
        "due_on": date(2026, 7, 30),
        "archived": True,
    },
]


@pytest.fixture
def width(monkeypatch):
    def set_width(n: int) -> None:
        monkeypatch.setenv("COLUMNS", str(n))
        render.reset()

    return set_width


def printed(capsys) -> list[str]:
    return capsys.readouterr().out.splitlines()


def assert_fits(lines: list[str], n: int) -> None:
    for line in lines:
        assert cell_len(line) <= n, (n, line)


DUE_60 = """\
Who                                Overdue    Last note
Jan-Willem van der Berg-Hoogeveen  3 mo       Lang gespre…
Fatima el Amrani                   3 wk       koffie bij …
    bring: het rapport over duurzame havens in de regio Rot…
    you asked the last 2 times; give something this time
王小明 🎉                          due today  第一次见面 …
Birthdays
  Piet Jansen  3 December (in 11 days)
  Anna de Wit  23 November (tomorrow, turns 40)
Follow up
  #2 did Jan-Willem van der Berg-Hoogeveen and
      Fatima el Amrani meet? (introduced 2026-10-01)
      allebei bezig met de haven en de communicatie over de…"""


def test_due_at_60(width, capsys):
    width(60)
    daily_output.due(DUE, TODAY)
    lines = printed(capsys)
    assert "\n".join(lines) == DUE_60
    assert_fits(lines, 60)


DUE_80 = """\
Who                                Last  Every  Overdue    Last note
Jan-Willem van der Berg-Hoogeveen  6 mo  3 mo   3 mo       Lang gesprek over zi…
Fatima el Amrani                   5 wk  2 wk   3 wk       koffie bij Hoppe
    bring: het rapport over duurzame havens in de regio Rotterdam
    you asked the last 2 times; give something this time
王小明 🎉                          4 wk  1 mo   due today  第一次见面 🍵 in Ams…
Birthdays
  Piet Jansen  3 December (in 11 days)
  Anna de Wit  23 November (tomorrow, turns 40)
Follow up
  #2 did Jan-Willem van der Berg-Hoogeveen and Fatima el Amrani meet?
      (introduced 2026-10-01)
      allebei bezig met de haven en de communicatie over de nieuwe terminal"""


def test_due_at_80(width, capsys):
    width(80)
    daily_output.due(DUE, TODAY)
    lines = printed(capsys)
    assert "\n".join(lines) == DUE_80
    assert_fits(lines, 80)


def test_due_at_120_uses_the_room(width, capsys):
    width(120)
    daily_output.due(DUE, TODAY)
    lines = printed(capsys)
    assert_fits(lines, 120)
    assert lines[1].endswith("Lang gesprek over zijn nieuwe baan bij de gemeente; hij zoek…")
    assert cell_len(lines[1]) == 120
    assert "第一次见面 🍵 in Amsterdam" in lines[5]
    assert lines[-2].endswith("meet? (introduced 2026-10-01)")


LIST_60 = """\
 #  Name                               Circles   Next due
 1  Fatima el Amrani                   werk      in 5 wk
12  Jan-Willem van der Berg-Hoogeveen  golf, w…  in 8 d
 3  王小明 🎉 (archived)                         3 mo late"""

LIST_80 = """\
 #  Name                               Company       Circles     Last  Next due
 1  Fatima el Amrani                   Gemeente Ro…  werk        7 wk  in 5 wk
12  Jan-Willem van der Berg-Hoogeveen  Rabobank No…  golf, werk  2 mo  in 8 d
 3  王小明 🎉 (archived)               字节跳动                  6 mo  3 mo late"""


@pytest.mark.parametrize(("n", "expected"), [(60, LIST_60), (80, LIST_80)])
def test_list(width, capsys, n, expected):
    width(n)
    daily_output.contacts(LIST, TODAY)
    lines = printed(capsys)
    assert "\n".join(lines) == expected
    assert_fits(lines, n)


def test_list_at_120_shows_everything(width, capsys):
    width(120)
    daily_output.contacts(LIST, TODAY)
    lines = printed(capsys)
    assert "Rabobank Noord-Holland Zuid" in lines[2] and "golf, werk" in lines[2]
    assert len(lines) == 4


@pytest.mark.parametrize("n", [60, 80, 120])
def test_names_are_never_broken(width, capsys, n):
    width(n)
    daily_output.due(DUE, TODAY)
    daily_output.contacts(LIST, TODAY)
    out = capsys.readouterr().out
    assert out.count(LONG) >= 3
    assert "王小明 🎉" in out


def test_a_name_is_cut_only_when_nothing_else_is_left():
    cols = [Column("Name"), Column("Note", shrink=True, min_width=5, drop=1)]
    assert fit(cols, [30, 40], 80) == [30, 40]
    assert fit(cols, [30, 40], 50) == [30, 18]
    assert fit(cols, [30, 40], 36) == [30, 0]
    assert fit(cols, [30, 40], 20) == [20, 0]


def test_wide_characters_are_measured_in_cells():
    lines = Columns([Column("A"), Column("B", shrink=True, min_width=3)]).lines(
        [Row(["王小明", "第一次见面第一次见面"])], 16
    )
    assert [line.plain for line in lines] == ["A       B", "王小明  第一次 …"]
    assert all(cell_len(line.plain) <= 16 for line in lines)


def test_a_note_shows_its_first_line_only():
    lines = Columns([Column("N")], header=False).lines([Row(["eerste regel\ntweede"])], 40)
    assert lines[0].plain == "eerste regel …"


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (0, "0 d"),
        (5, "5 d"),
        (13, "13 d"),
        (14, "2 wk"),
        (59, "8 wk"),
        (60, "2 mo"),
        (400, "13 mo"),
        (730, "2 yr"),
    ],
)
def test_span(days, text):
    assert columns.span(days) == text


def test_compact_dates():
    assert columns.ago(None, TODAY) == "never"
    assert columns.ago(TODAY, TODAY) == "today"
    assert columns.ago(TODAY - timedelta(days=21), TODAY) == "3 wk"
    assert columns.until(TODAY + timedelta(days=21), TODAY) == "in 3 wk"
    assert columns.until(TODAY - timedelta(days=70), TODAY) == "2 mo late"
    assert [columns.every(d) for d in (7, 14, 30, 91, 365, 10)] == [
        "1 wk",
        "2 wk",
        "1 mo",
        "3 mo",
        "1 yr",
        "10 d",
    ]


def test_birthdays_read_as_people_write_them():
    assert daily_output.birthday("--12-03") == "3 December"
    assert daily_output.birthday("1985-04-07") == "7 April 1985"
    assert daily_output.birthday(None) is None


@pytest.fixture
def network(run):
    """A small network with long Dutch names, long notes and wide characters."""
    run.ok(
        "add",
        LONG,
        "--company",
        "Rabobank Noord-Holland Zuid",
        "--circle",
        "werk",
        "--circle",
        "golf",
        "--met",
        "2026-06-01",
        "--expertise",
        "havenlogistiek, duurzame financiering en de communicatie met gemeenten",
    )
    run.ok(
        "add",
        "Fatima el Amrani",
        "--company",
        "Gemeente Rotterdam",
        "--circle",
        "werk",
        "--met",
        "2026-08-01",
        "--birthday",
        "3-12",
        "--note",
        NOTE,
    )
    run.ok("add", "王小明 🎉", "--met", "2026-05-01", "--circle", "家人 👪")
    run.ok("log", "Fatima", "--when", "2026-10-01", "--note", NOTE)
    run.ok("offer", "Fatima", "het rapport over duurzame havens in de regio Rotterdam-Rijnmond")
    run.ok(
        "ask",
        "Jan-Willem",
        "een introductie bij de wethouder van economische zaken",
        "--when",
        "2026-09-01",
    )
    run.ok("intro", "Jan-Willem", "Fatima", "--why", NOTE, "--when", "2026-10-01")
    run.ok("knows", "王小明", "Jan-Willem")
    run.ok(
        "log",
        "Fatima",
        "--when",
        "2026-10-10",
        "--event",
        "Havendag Rotterdam 2026: de grote netwerkbijeenkomst",
    )
    run.ok(
        "goal",
        "add",
        "Drie nieuwe mensen in de haven van Rotterdam ontmoeten dit jaar",
        "--new",
        "3",
    )


COMMANDS = [
    ["due"],
    ["list"],
    ["show", "Fatima"],
    ["show", "Jan-Willem"],
    ["circle", "list"],
    ["asks"],
    ["intros"],
    ["who", "haven"],
    ["path", "王小明"],
    ["event", "show", "Havendag"],
    ["event", "list"],
    ["goal", "list"],
]


@pytest.mark.parametrize("n", [60, 80, 120])
def test_no_command_prints_a_line_wider_than_the_terminal(run, network, monkeypatch, n):
    monkeypatch.setenv("COLUMNS", str(n))
    for command in COMMANDS:
        out = run.ok(*command).stdout
        assert out.strip(), command
        for line in out.splitlines():
            assert cell_len(line.rstrip()) <= n, (command, line)
        if command[0] in ("due", "list", "who", "asks", "circle"):
            for name in (LONG, "Fatima el Amrani"):
                # a name is whole on one line, or not there at all
                assert name in out or name.split()[0] not in out, (command, name)


def test_due_and_list_are_one_line_per_person_at_80(run, network, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NETWERK_TODAY", "2027-06-01")
    due = run.ok("due").stdout.splitlines()
    people = [line for line in due if not line.startswith(" ")]
    assert sorted(line.split("  ")[0] for line in people[1:4]) == sorted(
        ["王小明 🎉", LONG, "Fatima el Amrani"]
    )
    assert "    bring: het rapport over duurzame havens" in "\n".join(due)
    listing = run.ok("list").stdout.splitlines()
    assert len(listing) == 4


def test_show_has_the_notes_in_full(run, network, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    out = run.ok("show", "Fatima").stdout
    assert " ".join(out.split()).count(NOTE) >= 2  # the profile note and the touch's note
    assert "birthday    3 December" in out
