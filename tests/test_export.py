"""`netwerk export`: vCard and json round trips, the iCalendar feed, files written 0600."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest

from netwerk.formats import parse_vcard_text
from tests.conftest import empty_database

FORMATS = Path(__file__).parent / "fixtures" / "formats"


def fill(run, people) -> None:
    """A small database using every core table and most fields."""
    run.ok("circle", "set", "BNI", "--every", "2w")
    people("Klaas Bakker", met="2026-06-01", circle="BNI")
    run.ok(
        "add",
        "Piet Jansen",
        "--email",
        "piet@example.nl",
        "--phone",
        "06-12345678",
        "--company",
        "Bakkerij, De Zon; Utrecht",
        "--role",
        "CTO",
        "--city",
        "Utrecht",
        "--circle",
        "BNI",
        "--circle",
        "Hockey",
        "--met",
        "2026-08-01",
        "--met-at",
        "BNI Utrecht",
        "--via",
        "Klaas",
        "--birthday",
        "27 april",
        "--note",
        "Line one\nline two, with a comma",
    )
    run.ok("edit", "Piet", "--alias", "PJ")
    people("Zoë de Vries", met="2026-01-05", birthday="1985-02-14", every="monthly")
    run.ok("log", "Piet", "Klaas", "--when", "2026-11-01", "--note", "lunch")
    run.ok("snooze", "Zoë", "2026-12-24")
    run.ok("edit", "Klaas", "--via", "Zoë")  # points to a later id: restore must cope
    run.ok("import", "linkedin", str(FORMATS / "linkedin_connections.csv"))


def dump(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE '\\_%' ESCAPE '\\'"  # _migrations, the undo journal
        )
    ]
    return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def test_json_round_trip_reproduces_every_table(run, people, db_file, tmp_path):
    fill(run, people)
    out = tmp_path / "all.json"
    run.ok("export", "json", "-o", str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = json.loads(out.read_text())
    assert data["format"] == "netwerk" and data["format_version"] == 1
    assert set(data["tables"]) == set(dump(db_file))
    copy = tmp_path / "copy.db"
    result = run.ok("import", "json", str(out), "--db", str(copy))
    assert "Restored" in result.stdout
    assert dump(copy) == dump(db_file)
    # and importing it again into that database adds nothing
    again = json.loads(run.ok("import", "json", str(out), "--db", str(copy), "--json").stdout)
    assert again["counts"]["added"] == 0 and again["counts"]["merged"] == 0
    assert dump(copy) == dump(db_file)


def test_json_export_to_stdout_pipes(run, people):
    people("Piet")
    data = json.loads(run.ok("export", "json").stdout)
    assert data["tables"]["contact"]["rows"][0][1] == "Piet"


def test_json_into_a_database_with_contacts_merges_contacts(run, people, tmp_path):
    people("Piet Jansen", email="piet@example.nl")
    people("Anna")
    out = tmp_path / "a.json"
    run.ok("export", "json", "-o", str(out))
    other = str(tmp_path / "other.db")
    run.ok("add", "Piet J", "--email", "PIET@example.nl", "--db", other)
    data = json.loads(run.ok("import", "json", str(out), "--db", other, "--json").stdout)
    assert data["counts"] == {"added": 1, "merged": 1, "skipped": 0}
    assert "Piet Jansen" in run.json("show", "Piet J", "--db", other)["aliases"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("{", "not a netwerk JSON export"),
        ('{"format": "other"}', "not a netwerk JSON export"),
        ('{"format": "netwerk", "format_version": 9}', "format version 9"),
        ('{"format": "netwerk", "format_version": 1, "schema_version": 999}', "newer netwerk"),
        (
            '{"format": "netwerk", "format_version": 1, "schema_version": 1, '
            '"tables": {"recipes": {"columns": [], "rows": []}}}',
            "table 'recipes'",
        ),
        (
            '{"format": "netwerk", "format_version": 1, "schema_version": 1, '
            '"tables": {"alias": {"columns": ["id", "contact_id", "name", "name_key"], '
            '"rows": [[1, 99, "x", "x"]]}}}',
            "fit together",
        ),
        (
            '{"format": "netwerk", "format_version": 1, "schema_version": 1, '
            '"tables": {"contact": {"columns": ["id", "shoe"], "rows": []}}}',
            "unknown columns",
        ),
    ],
)
def test_bad_json_imports_write_nothing(run, people, tmp_path, unchanged, content, message):
    people("Piet")
    path = tmp_path / "bad.json"
    path.write_text(content)
    with unchanged():
        result = run.fails("import", "json", str(path))
    assert message in result.stderr


def test_restore_that_breaks_a_foreign_key_writes_nothing(run, tmp_path, unchanged, empty_db):
    # an empty, migrated database: the restore path
    path = tmp_path / "bad.json"
    path.write_text(
        '{"format": "netwerk", "format_version": 1, "schema_version": 1, "tables": {"alias": '
        '{"columns": ["id", "contact_id", "name", "name_key"], "rows": [[1, 99, "x", "x"]]}}}'
    )
    with unchanged():
        result = run.fails("import", "json", str(path))
    assert "does not fit together in 'alias'" in result.stderr


def test_vcard_round_trip_gives_back_the_same_contacts(run, people, tmp_path):
    fill(run, people)
    out = tmp_path / "all.vcf"
    run.ok("export", "vcard", "-o", str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = out.read_text()
    assert text.count("BEGIN:VCARD") == len(run.json("list"))
    assert "VERSION:3.0" in text and "CATEGORIES:BNI,Hockey" in text and "NICKNAME:PJ" in text
    copy = str(tmp_path / "copy.db")
    run.ok("import", "vcard", str(out), "--db", copy)
    keys = ("name", "aliases", "emails", "phones", "company", "role", "city", "note")
    keys += ("circles", "birthday")
    for person in run.json("list"):
        mine = run.json("show", f"#{person['id']}")
        theirs = run.json("show", person["name"], "--db", copy)
        assert {k: theirs[k] for k in keys} == {k: mine[k] for k in keys}
    # UIDs are stable: a second export is identical, and re-importing it adds nothing.
    assert run.ok("export", "vcard").stdout == text
    again = json.loads(run.ok("import", "vcard", str(out), "--db", copy, "--json").stdout)
    assert again["counts"]["added"] == again["counts"]["merged"] == 0


def test_vcard_export_of_a_circle(run, people):
    people("Piet", circle="BNI")
    people("Anna")
    records = parse_vcard_text(run.ok("export", "vcard", "--circle", "bni").stdout).records
    assert [r.name for r in records] == ["Piet"]


def test_ics_feed(run, people):
    from icalendar import Calendar

    fill(run, people)
    run.ok("add", "Nieuw", "--met", "2026-11-20")
    text = run.ok("export", "ics").stdout
    cal = Calendar.from_ical(text)
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    by_summary = {str(e["SUMMARY"]): e for e in events.values()}
    # Klaas (2w from 2026-11-01) is past due: on today. Nieuw (90d from 11-20) in the future.
    assert by_summary["Get in touch with Klaas Bakker"].decoded("DTSTART").isoformat() == (
        "2026-11-22"
    )
    assert by_summary["Get in touch with Nieuw"].decoded("DTSTART").isoformat() == "2027-02-18"
    # Zoë is snoozed until 24 December: not before
    assert by_summary["Get in touch with Zoë de Vries"].decoded("DTSTART").isoformat() == (
        "2026-12-24"
    )
    birthday = by_summary["Birthday of Zoë de Vries"]
    assert birthday["RRULE"]["FREQ"] == ["YEARLY"]
    assert birthday.decoded("DTSTART").isoformat() == "1985-02-14"
    # Contacts who wait (no known touch) are not in the feed until scheduled.
    assert "Get in touch with Mark Smit" not in by_summary
    # stable UIDs: the same feed again, and after a touch the same UID with a new date
    assert run.ok("export", "ics").stdout == text
    run.ok("log", "Klaas")
    later = Calendar.from_ical(run.ok("export", "ics").stdout)
    moved = {str(e["UID"]): e for e in later.walk("VEVENT")}
    assert set(moved) == set(events)
    klaas = [u for u, e in events.items() if "Klaas" in str(e["SUMMARY"])][0]
    assert moved[klaas].decoded("DTSTART").isoformat() == "2026-12-06"


def test_ics_written_to_a_file_replaces_it(run, people, tmp_path):
    people("Piet")
    feed = tmp_path / "netwerk.ics"
    feed.write_text("old")
    run.ok("export", "ics", "-o", str(feed))
    assert feed.read_text().startswith("BEGIN:VCALENDAR")
    assert stat.S_IMODE(feed.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["export", "pdf"], "Unknown format 'pdf'"),
        (["export", "json", "--circle", "BNI"], "whole database"),
        (["export", "vcard", "--circle", "Nope"], "No circle 'Nope'"),
        (["export", "vcard", "-o", "/"], "is a folder"),
        (["export", "vcard", "-o", "/nonexistent/dir/x.vcf"], "Cannot write"),
    ],
)
def test_bad_exports(run, people, unchanged, args, message):
    people("Piet", circle="BNI")
    with unchanged():
        result = run.fails(*args)
    assert message in result.stderr


def test_json_restore_dry_run_writes_nothing(run, people, tmp_path, db_file, unchanged):
    people("Piet")
    out = tmp_path / "a.json"
    run.ok("export", "json", "-o", str(out))
    empty = tmp_path / "empty.db"
    empty_database(empty)
    before = dump(empty)
    result = run.ok("import", "json", str(out), "--db", str(empty), "--dry-run", "--json")
    assert json.loads(result.stdout)["restored"]["contacts"] == 1
    assert dump(empty) == before


def test_dump_and_restore_services_without_cli(run, people, db_file, tmp_path):
    from datetime import date

    from netwerk.services.dump import export_json, is_empty, restore_json
    from netwerk.services.exporting import calendar_items
    from netwerk.store.store import open_store

    fill(run, people)
    today = date(2026, 11, 22)
    with open_store(db_file, write=False) as s:
        data = json.loads(json.dumps(export_json(s, today=today)))
        items = calendar_items(s, today=today)
    assert {i["kind"] for i in items} == {"due", "birthday"}
    assert all(i["date"] >= today or i["yearly"] for i in items)
    assert len({i["uid"] for i in items}) == len(items)
    copy = tmp_path / "copy.db"
    with open_store(copy, write=True) as s:
        assert is_empty(s)
        restore_json(s, data)
    assert dump(copy) == dump(db_file)


def test_console_script_import_and_feed(tmp_path):
    """The installed script, as cron would run it."""
    import os
    import subprocess
    import sys

    exe = os.path.join(os.path.dirname(sys.executable), "netwerk")
    env = {**os.environ, "NETWERK_DB": str(tmp_path / "e2e.db"), "NETWERK_TODAY": "2026-11-22"}
    linkedin = str(FORMATS / "linkedin_connections.csv")
    done = subprocess.run([exe, "import", "linkedin", linkedin], env=env, capture_output=True)
    assert done.returncode == 0, done.stderr
    feed = tmp_path / "netwerk.ics"
    done = subprocess.run([exe, "export", "ics", "-o", str(feed)], env=env, capture_output=True)
    assert done.returncode == 0 and b"BEGIN:VEVENT" in feed.read_bytes()
    vcf = subprocess.run([exe, "export", "vcard"], env=env, capture_output=True)
    assert vcf.stdout.count(b"BEGIN:VCARD") == 5


def test_restore_of_a_dump_from_before_uids(run, people, tmp_path):
    """A schema-1 dump (no uid, no first_due_on columns) restores; contacts get uids."""
    people("Piet", "Klaas")
    data = json.loads(run.ok("export", "json").stdout)
    contact = data["tables"]["contact"]
    keep = [i for i, c in enumerate(contact["columns"]) if c not in ("uid", "first_due_on")]
    contact["columns"] = [contact["columns"][i] for i in keep]
    contact["rows"] = [[row[i] for i in keep] for row in contact["rows"]]
    data["schema_version"] = 1
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data))
    copy = tmp_path / "copy.db"
    run.ok("import", "json", str(old), "--db", str(copy))
    uids = [r[0] for r in sqlite3.connect(copy).execute("SELECT uid FROM contact")]
    assert len(uids) == 2 and all(uids) and len(set(uids)) == 2
    assert [c["name"] for c in run.json("list", "--db", str(copy))] == ["Klaas", "Piet"]


def test_ics_feed_carries_intro_follow_ups_until_closed(run, people):
    from icalendar import Calendar

    people("Piet Jansen", "Bram Smit", "Anna de Wit", met="2026-10-01")
    run.ok("intro", "Piet", "Bram", "--why", "Bram zoekt een bakker", "--when", "2026-11-01")
    run.ok("intro", "Piet", "Anna", "--why", "buren", "--follow-up", "2026-12-10")

    def follow_ups() -> dict[str, str]:
        cal = Calendar.from_ical(run.ok("export", "ics").stdout)
        return {
            str(e["UID"]): e.decoded("DTSTART").isoformat()
            for e in cal.walk("VEVENT")
            if str(e["SUMMARY"]).startswith("Follow up:")
        }

    first = follow_ups()
    # the overdue one (2026-11-15) on today, the other on its own date; ids keep UIDs stable
    assert sorted(first.values()) == ["2026-11-22", "2026-12-10"]
    assert follow_ups() == first
    run.ok("intros", "done", "1", "--outcome", "ze hebben koffie gedronken", "--result", "met")
    assert list(follow_ups()) == [u for u in first if first[u] == "2026-12-10"]
