"""The core loop through the CLI: add, log, due, show, list, edit, remove, snooze, archive,
circles — happy paths and every error path (with the database unchanged)."""

from __future__ import annotations

import stat

import pytest


def test_add_then_show(run, db_file):
    out = run.ok(
        "add",
        "Piet Jansen",
        "--email",
        "piet@example.nl",
        "--phone",
        "06-12345678",
        "--company",
        "Acme",
        "--role",
        "CTO",
        "--city",
        "Utrecht",
        "--circle",
        "BNI",
        "--circle",
        "Hockey",
        "--met-at",
        "BNI Utrecht",
        "--met",
        "2026-11-10",
        "--every",
        "2w",
        "--expertise",
        "logistics",
        "--birthday",
        "27 april",
        "--note",
        "Bakes pancakes",
    ).stdout
    assert "Added Piet Jansen (#1), next due 2026-11-24." in out
    profile = run.json("show", "piet")
    assert profile["name"] == "Piet Jansen"
    assert profile["emails"] == ["piet@example.nl"]
    assert profile["phones"] == ["06-12345678"]
    assert profile["circles"] == ["BNI", "Hockey"]
    assert profile["birthday"] == "--04-27"
    assert profile["met_on"] == "2026-11-10"
    assert profile["met_at"] == "BNI Utrecht"
    assert profile["cadence_days"] == 14
    assert profile["last_touch"] == "2026-11-10"
    assert profile["due_on"] == "2026-11-24"
    assert profile["touches"] == [
        {
            "id": 1,
            "date": "2026-11-10",
            "kind": "met",
            "note": "Met at BNI Utrecht",
            "with": [],
            "gave": [],
            "asked": [],
            "event": "BNI Utrecht",
        }
    ]
    assert stat.S_IMODE(db_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_file.parent.stat().st_mode) == 0o700


def test_add_defaults_to_today_and_90_days(run):
    assert "Added Anna (#1), next due 2027-02-20." in run.ok("add", "Anna").stdout
    assert "Added Bert (#2), due now." in run.ok("add", "Bert", "--met", "1 januari").stdout
    profile = run.json("show", "Anna")
    assert profile["met_on"] == "2026-11-22"
    assert profile["cadence_days"] == 90
    assert profile["due_on"] == "2027-02-20"


@pytest.mark.parametrize(
    "existing, new, extra",
    [
        (["Zoë de Vries"], "zoe  DE vries", []),
        (
            ["Piet Jansen", "--email", "Piet@Example.nl"],
            "P. Jansen",
            ["--email", "piet@example.NL"],
        ),
    ],
)
def test_add_refuses_likely_duplicates(run, unchanged, existing, new, extra):
    run.ok("add", *existing)
    with unchanged():
        result = run.fails("add", new, *extra)
    assert "already exists" in result.stderr and "--force" in result.stderr
    run.ok("add", new, *extra, "--force")


def test_add_via_and_future_met_date(run, unchanged):
    run.ok("add", "Klaas Bakker")
    run.ok("add", "Piet Jansen", "--via", "klaas")
    assert run.json("show", "Piet")["via"] == {"id": 1, "name": "Klaas Bakker"}
    with unchanged():
        assert "future" in run.fails("add", "Jan", "--met", "morgen").stderr
        assert "No contact 'Nobody'" in run.fails("add", "Jan", "--via", "Nobody").stderr
        run.fails("add", "Jan", "--every", "soms")
        run.fails("add", "Jan", "--email", "not-an-email")
        run.fails("add", "   ")
        run.fails("add", "Jan", "--birthday", "31 februari")


def test_log_one_touch_with_several_people(run, people):
    people("Piet Jansen", "Klaas Bakker", "Anna de Wit", met="2026-01-01")
    out = run.ok(
        "log",
        "Piet",
        "klaas",
        "--when",
        "gisteren",
        "--kind",
        "meal",
        "--note",
        "Lunch at De Zwaan",
    ).stdout
    assert "Logged meal with Piet Jansen, Klaas Bakker on 2026-11-21." in out
    piet = run.json("show", "Piet")
    assert piet["last_touch"] == "2026-11-21"
    assert piet["touches"][0] == {
        "id": 4,
        "date": "2026-11-21",
        "kind": "meal",
        "note": "Lunch at De Zwaan",
        "with": [{"id": 2, "name": "Klaas Bakker"}],
        "gave": [],
        "asked": [],
        "event": None,
    }
    assert run.json("show", "Anna")["last_touch"] == "2026-01-01"


def test_log_errors_write_nothing(run, people, unchanged):
    people("Piet Jansen", "Piet de Boer")
    with unchanged():
        assert "future" in run.fails("log", "Piet Jansen", "--when", "morgen").stderr
        assert "Unknown kind" in run.fails("log", "Piet Jansen", "--kind", "dinr").stderr
        run.fails("log", "Piet Jansen", "Nobody")  # one unknown name: nothing logged
        assert "matches" in run.fails("log", "Piet").stderr
        run.fails("log", "Piet Jansen", "--when", "blurp")
        run.fails("log", code=2)  # usage error: no name at all


def test_due_ranks_by_overdue_ratio(run, people):
    people("Weekly Wim", met="2026-11-01", every="weekly")  # 21 days / 7 = 3.0
    people("Yearly Yara", met="2025-05-01", every="yearly")  # 570 / 365 = 1.56
    people("Fresh Fenna", met="2026-11-20")  # not due
    people("Quarterly Kees", met="2026-08-24")  # 90 / 90 = 1.0, due today
    items = run.json("due")
    assert [i["name"] for i in items] == ["Weekly Wim", "Yearly Yara", "Quarterly Kees"]
    wim = items[0]
    assert wim == {
        "reason": "due",
        "id": 1,
        "name": "Weekly Wim",
        "company": None,
        "circles": [],
        "last_touch": "2026-11-01",
        "last_kind": "met",
        "last_note": None,
        "cadence_days": 7,
        "due_on": "2026-11-08",
        "days_since": 21,
        "days_overdue": 14,
        "bring": [],
        "hints": [],
    }
    out = run.ok("due").stdout
    assert "Weekly Wim" in out and "due today" in out and "Fresh" not in out
    assert [i["name"] for i in run.json("due", "--limit", "1")] == ["Weekly Wim"]


def test_due_uses_circle_cadence_and_last_touch_note(run, people):
    run.ok("circle", "set", "Familie", "--every", "elke 2 weken")
    run.ok("circle", "set", "Hockey", "--every", "maandelijks")
    people("Moeder", met="2026-10-01", circle="Familie")
    run.ok("edit", "Moeder", "--circle", "Hockey")
    run.ok("log", "Moeder", "--when", "2026-11-01", "--note", "Talked about [bold]the garden[/]")
    [item] = run.json("due")
    assert item["cadence_days"] == 14  # the shortest circle default wins
    assert item["last_note"] == "Talked about [bold]the garden[/]"
    assert "[bold]the garden[/]" in run.ok("due").stdout
    assert run.json("due", "--circle", "hockey")[0]["name"] == "Moeder"
    run.fails("due", "--circle", "Schaak")


def test_snoozed_and_archived_are_not_due(run, people, unchanged):
    people("Piet", "Klaas", "Anna", met="2025-01-01")
    run.ok("snooze", "Piet", "over 2 weken")
    assert run.json("show", "Piet")["snoozed_until"] == "2026-12-06"
    run.ok("archive", "Klaas")
    assert [i["name"] for i in run.json("due")] == ["Anna"]
    run.ok("unarchive", "Klaas")
    assert sorted(i["name"] for i in run.json("due")) == ["Anna", "Klaas"]
    with unchanged():
        assert "not in the future" in run.fails("snooze", "Anna", "2026-11-01").stderr


def test_birthdays_in_the_next_week(run, people):
    people("Jarig Job", birthday="1980-11-25")
    people("Later Lies", birthday="12-12")
    people("Vandaag Vera", birthday="22 november")
    out = run.ok("due").stdout
    assert "Vandaag Vera" in out and "today" in out
    assert "Jarig Job     25 November (in 3 days, turns 46)" in out
    assert "Later Lies" not in out
    birthdays = [i for i in run.json("due") if i["reason"] == "birthday"]
    assert [(b["name"], b["in_days"], b["turns"]) for b in birthdays] == [
        ("Vandaag Vera", 0, None),
        ("Jarig Job", 3, 46),
    ]


def test_nobody_due(run, empty_db):
    assert "Nobody is due" in run.ok("due").stdout
    assert run.json("due") == []


def test_list_and_search(run, people):
    people("Piet Jansen", company="Bakkerij Piet", expertise="pannenkoeken")
    people("Zoë Smit", city="Zwolle")
    people("Klaas", note="kent iedereen bij de hockeyclub")
    run.ok("edit", "Klaas", "--alias", "Klaasje")
    # by family name, as Dutch address lists sort (a single name counts as the family name)
    assert [c["name"] for c in run.json("list")] == ["Piet Jansen", "Klaas", "Zoë Smit"]
    assert [c["name"] for c in run.json("list", "--search", "PANNENKOEK")] == ["Piet Jansen"]
    assert [c["name"] for c in run.json("list", "--search", "zoe")] == ["Zoë Smit"]
    assert [c["name"] for c in run.json("list", "--search", "zwolle")] == ["Zoë Smit"]
    assert [c["name"] for c in run.json("list", "--search", "hockey")] == ["Klaas"]
    assert [c["name"] for c in run.json("list", "--search", "klaasje")] == ["Klaas"]
    assert run.json("list", "--search", "100%") == []
    assert [c["name"] for c in run.json("list", "--limit", "1")] == ["Piet Jansen"]


def test_list_by_circle(run, people):
    people("Piet", circle="BNI")
    people("Klaas")
    assert [c["name"] for c in run.json("list", "--circle", "bni")] == ["Piet"]
    assert "No circle 'Schaak'. Circles: BNI." in run.fails("list", "--circle", "Schaak").stderr


def test_edit_met_moves_the_met_touch_and_the_due_date(run, tmp_path):
    """Correcting when (or where) you met moves the 'met' touch `add` recorded, so the last
    touch and the due date follow; a note of your own on it stays."""
    run.ok("add", "Piet Jansen", "--met", "2026-11-20", "--met-at", "BNI Utrecht")
    run.ok("log", "Piet", "--when", "2026-11-21", "--note", "koffie")
    run.ok("edit", "Piet", "--met", "2026-06-01", "--met-at", "Borrel")
    profile = run.json("show", "Piet")
    assert profile["met_on"] == "2026-06-01"
    met = [t for t in profile["touches"] if t["kind"] == "met"]
    assert [(t["date"], t["note"], t["event"]) for t in met] == [
        ("2026-06-01", "Met at Borrel", "Borrel")
    ]
    assert profile["last_touch"] == "2026-11-21"  # the later touch still counts
    run.ok("add", "Klaas Bakker", "--met", "2026-11-01")
    run.ok("edit", "Klaas", "--met", "2026-01-01")
    klaas = run.json("show", "Klaas")
    assert (klaas["last_touch"], klaas["due_on"]) == ("2026-01-01", "2026-04-01")
    assert [i["name"] for i in run.json("due")] == ["Klaas Bakker"]
    # an imported contact without a date gets its met touch from the first --met
    card = tmp_path / "a.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Anna de Wit\nEND:VCARD\n")
    run.ok("import", "vcard", str(card))
    assert run.json("show", "Anna")["touches"] == []
    run.ok("edit", "Anna", "--met", "2026-10-01")
    anna = run.json("show", "Anna")
    assert [(t["date"], t["kind"]) for t in anna["touches"]] == [("2026-10-01", "met")]
    assert anna["last_touch"] == "2026-10-01"


def test_edit(run, people, unchanged):
    people("Piet Jansen", email="piet@a.nl", circle="BNI", company="Acme")
    people("Klaas")
    run.ok(
        "edit",
        "Piet",
        "--name",
        "Pieter Jansen",
        "--alias",
        "PJ",
        "--company",
        "",
        "--role",
        "CEO",
        "--remove-circle",
        "BNI",
        "--circle",
        "Hockey",
        "--every",
        "1m",
        "--email",
        "pj@b.nl",
        "--remove-email",
        "piet@a.nl",
        "--via",
        "Klaas",
    )
    p = run.json("show", "PJ")
    assert (p["name"], p["aliases"], p["company"], p["role"]) == (
        "Pieter Jansen",
        ["PJ"],
        None,
        "CEO",
    )
    assert (p["circles"], p["emails"], p["cadence_days"]) == (["Hockey"], ["pj@b.nl"], 30)
    assert p["via"]["name"] == "Klaas"
    run.ok("edit", "PJ", "--every", "default")
    assert run.json("show", "PJ")["cadence_days"] == 90
    with unchanged():
        run.fails("edit", "Klaas", "--name", "pieter jansen")  # duplicate name
        run.fails("edit", "Klaas", "--email", "PJ@b.nl")  # e-mail in use
        run.fails("edit", "Klaas", "--remove-circle", "Nowhere")
        run.fails("edit", "Klaas", "--remove-alias", "nope")
        run.fails("edit", "Klaas", "--via", "Klaas")


def test_remove_keeps_shared_touches(run, people, unchanged):
    people("Piet", "Klaas", met="2026-01-01")
    run.ok("log", "Piet", "Klaas", "--when", "2026-11-01", "--note", "together")
    with unchanged():
        assert "without --yes" in run.fails("remove", "Piet").stderr
    out = run.ok("remove", "Piet", "--yes").stdout
    assert "Removed Piet and 1 touch(es) only they were in." in out
    klaas = run.json("show", "Klaas")
    assert [t["note"] for t in klaas["touches"]] == ["together", None]
    assert klaas["touches"][0]["with"] == []
    run.fails("show", "Piet")


def test_circles(run, people, unchanged):
    people("Piet", circle="BNI")
    run.ok("circle", "set", "Familie", "--every", "om de maand")
    assert run.json("circle", "list") == [
        {
            "id": 1,
            "name": "BNI",
            "size": 1,
            "cadence_days": None,
            "within_cadence": 1,
            "last_touch": "2026-11-22",
            "neglected": False,
            "bridges": [],
        },
        {
            "id": 2,
            "name": "Familie",
            "size": 0,
            "cadence_days": 61,
            "within_cadence": 0,
            "last_touch": None,
            "neglected": False,
            "bridges": [],
        },
    ]
    out = run.ok("circle", "list").stdout
    assert "every 2 months" in out  # Dutch "om de maand" is every other month
    with unchanged():
        run.fails("circle", "set", "BNI", "--every", "nooit")
    run.ok("circle", "set", "familie", "--every", "none")
    # empty and without a cadence of its own: it no longer lingers in the list
    assert [c["name"] for c in run.json("circle", "list")] == ["BNI"]


def test_markup_in_user_text_is_printed_as_typed(run):
    for name in ["[red]Bob[/]", "Jan [de] Vries", "[link=http://x]y[/link]"]:
        run.ok("add", name, "--note", "[bold]not bold[/bold]", "--company", "[/]")
        shown = run.ok("show", f"#{run.json('list', '--search', name)[0]['id']}").stdout
        assert name in shown and "[bold]not bold[/bold]" in shown
    listing = run.ok("list").stdout
    assert "[red]Bob[/]" in listing and "Jan [de] Vries" in listing


def test_error_for_unknown_name_suggests(run, people):
    people("Piet Jansen")
    result = run.fails("show", "Pjet Jansen")
    assert result.stderr.strip() == "Error: No contact 'Pjet Jansen'. Did you mean Piet Jansen?"
    assert result.stdout == ""


def test_global_and_per_command_db(run, tmp_path):
    other = tmp_path / "other.db"
    run.ok("--db", str(other), "add", "Piet")
    assert "There is no database at" in run.fails("list").output
    assert [c["name"] for c in run.json("list", "--db", str(other))] == ["Piet"]
    assert run.ok("--db", str(other), "where").stdout.strip() == str(other)


def test_where_and_version(run, db_file, monkeypatch, tmp_path):
    assert run.ok("where").stdout.strip() == str(db_file)
    monkeypatch.delenv("NETWERK_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert run.ok("where").stdout.strip() == str(tmp_path / "xdg" / "netwerk" / "netwerk.db")
    assert run.ok("--version").stdout.startswith("netwerk ")


def test_bad_today_is_a_clear_error(run, monkeypatch, empty_db):
    monkeypatch.setenv("NETWERK_TODAY", "gisteren-ish")
    result = run.fails("due")
    assert "NETWERK_TODAY" in result.stderr


def test_remove_asks_on_a_terminal(run, people, monkeypatch):
    import sys

    contacts_cli = sys.modules["netwerk.cli.app"]  # the package's `app` attribute is the Typer app

    people("Piet")
    monkeypatch.setattr(contacts_cli, "interactive", lambda: True)
    result = run.ok("remove", "Piet", input="n\n")
    assert "Remove #1 Piet" in result.stdout and "Nothing removed." in result.stderr
    assert run.json("list")[0]["name"] == "Piet"
    run.ok("remove", "Piet", input="y\n")
    assert run.json("list") == []


def test_ambiguous_name_lists_candidates(run, people, unchanged):
    people("Piet Jansen", company="Acme")
    people("Piet de Boer")
    with unchanged():
        result = run.fails("log", "piet")
    assert result.stderr.strip() == (
        "Error: 'piet' matches #2 Piet de Boer, #1 Piet Jansen (Acme). Use more of the name or #ID."
    )


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--limit", "{n}"],
        ["show", "Piet", "--limit", "{n}"],
        ["list", "--limit", "{n}"],
        ["who", "x", "--limit", "{n}"],
        ["asks", "done", "{n}"],
        ["intros", "done", "{n}", "--outcome", "ok"],
        ["goal", "done", "{n}"],
        ["goal", "add", "x", "--new", "{n}"],
        ["spread", "--per-day", "{n}"],
    ],
)
def test_numbers_beyond_sqlite_integers_are_usage_errors(run, people, unchanged, args):
    """2**63 does not fit an SQLite INTEGER: a usage error (found by the fuzz tests), and the
    largest number that fits works or is a plain 'not found'."""
    people("Piet")
    with unchanged():
        result = run.fails(*(a.format(n=2**63) for a in args), code=2)
    assert "is too large: the most is 9223372036854775807." in result.output
    result = run(*(a.format(n=2**63 - 1) for a in args))
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
