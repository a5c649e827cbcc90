"""`netwerk undo`: every journaled command taken back restores the data exactly, the stored
due columns stay right, and the journal refuses what it cannot safely reverse."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.test_stored_due import assert_consistent


def data(path: Path) -> list[str]:
    """Every row of every table but the journal itself (and SQLite's id counters), in a fixed
    order (a row put back gets a new rowid in a table keyed by a pair)."""
    conn = sqlite3.connect(path)
    try:
        return sorted(
            line
            for line in conn.iterdump()
            if "_undo_" not in line and "sqlite_sequence" not in line
        )
    finally:
        conn.close()


def setup(run, people) -> None:  # type: ignore[no-untyped-def]
    people("Piet Jansen", met="2026-09-01", circle="BNI", email="piet@example.nl")
    people("Klaas Bakker", met="2026-06-01", every="2w")
    people("Anna de Vries", met="2026-10-01", via="Piet")
    run.ok("log", "Piet", "Klaas", "--when", "2026-11-01", "--gave", "een tip", "--asked", "raad")
    run.ok("knows", "Piet", "Anna", "--how", "buren")
    run.ok("offer", "Klaas", "een boek")
    run.ok("event", "add", "BNI Utrecht", "--when", "2026-11-12")
    run.ok("goal", "add", "3 nieuwe", "--new", "3", "--circle", "BNI")


# every writing command of the daily loop, as run on the set-up above
COMMANDS = [
    ("add", "Eva Mulder", "--circle", "Familie", "--via", "Klaas", "--met", "2026-11-20"),
    ("log", "Piet", "Anna", "--kind", "lunch", "--note", "bij De Zwaan", "--event", "BNI Utrecht"),
    ("log", "Klaas", "--gave", "een boek", "--offer", "1"),
    ("give", "Anna", "een artikel"),
    ("ask", "Piet", "een intro"),
    ("offer", "Anna", "koffie"),
    ("intro", "Klaas", "Anna", "--why", "beiden bakkers"),
    ("edit", "Piet", "--name", "Pieter Jansen", "--every", "1w", "--met", "2026-08-01"),
    ("edit", "Anna", "--via", "Klaas", "--remove-circle", "BNI", "--circle", "Hockey"),
    ("snooze", "Klaas", "2026-12-24"),
    ("archive", "Anna"),
    ("remove", "Piet", "--yes"),
    ("touch", "edit", "4", "--when", "2026-10-15", "--kind", "borrel", "--with", "Anna"),
    ("touch", "edit", "4", "--without", "Klaas", "--drop", "1", "--gave", "iets anders"),
    ("touch", "delete", "4", "--yes"),
    ("knows", "Piet", "Klaas"),
    ("knows", "Piet", "Anna", "--remove"),
    ("offers", "drop", "1"),
    ("goal", "add", "zie 5", "--touches", "5"),
    ("goal", "done", "1"),
    ("goal", "remove", "1"),
    ("event", "rename", "BNI Utrecht", "BNI Utrecht november"),
    ("event", "remove", "BNI Utrecht"),
    ("circle", "set", "BNI", "--every", "monthly"),
    ("circle", "rename", "BNI", "Ondernemers"),
    ("asks", "done", "2", "--note", "gelukt"),
    ("merge", "Piet", "Anna"),
    ("spread", "--overdue"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c[:3]) for c in COMMANDS])
def test_undo_takes_back_each_command_exactly(run, people, db_file, command):
    setup(run, people)
    before = data(db_file)
    run.ok(*command)
    assert data(db_file) != before, "the command changed nothing"
    out = run.ok("undo").stdout
    assert f"Undid: netwerk {command[0]}" in out
    assert data(db_file) == before
    assert_consistent(db_file)
    # and what was undone can be done again
    run.ok(*command)
    assert_consistent(db_file)


def test_undo_goes_back_through_a_short_history(run, people, db_file):
    people("Anna de Vries")
    before = data(db_file)
    people("Piet Jansen", met="2026-09-01")
    run.ok("log", "Piet", "--kind", "koffie")
    run.ok("snooze", "Piet", "2026-12-24")
    listed = run.json("undo", "--list")
    assert [i["command"] for i in listed] == [
        "snooze Piet 2026-12-24",
        "log Piet --kind koffie",
        "add 'Piet Jansen' --met 2026-09-01",
        "add 'Anna de Vries'",
    ]
    for _step in listed[:3]:
        run.ok("undo")
    assert data(db_file) == before
    run.ok("undo")
    assert "Nothing to undo." in run.fails("undo").stderr
    assert "Nothing to undo." in run.ok("undo", "--list").stdout


def test_the_history_keeps_the_last_ten(run, people, db_file):
    for n in range(12):
        people(f"Persoon {n}")
    assert len(run.json("undo", "--list")) == 10
    for _step in range(10):
        run.ok("undo")
    assert [c["name"] for c in run.json("list")] == ["Persoon 0", "Persoon 1"]
    run.fails("undo")


def test_a_failed_command_leaves_nothing_to_undo(run, people, unchanged):
    people("Piet Jansen")
    with unchanged():
        run.fails("log", "Nobody")
        run.fails("touch", "edit", "99", "--note", "x")
        run.fails("touch", "delete", "99", "--yes")
    run.ok("undo")  # the add
    run.fails("undo")


def test_reads_and_no_ops_are_not_undone(run, people):
    people("Piet Jansen")
    run.ok("show", "Piet")
    run.ok("edit", "Piet")  # nothing to change
    assert len(run.json("undo", "--list")) == 1


def test_undo_refuses_when_the_rows_changed_since(run, people, db_file, unchanged):
    people("Piet Jansen", met="2026-09-01")
    run.ok("log", "Piet", "--note", "eerst")
    conn = sqlite3.connect(db_file)  # a change the journal did not see (another program)
    conn.execute("UPDATE touch SET note = 'door iemand anders' WHERE note = 'eerst'")
    conn.commit()
    conn.close()
    with unchanged():
        err = run.fails("undo").stderr
    assert "The database has changed since 'log Piet --note eerst'" in err


def test_undo_refuses_when_undoing_would_reach_rows_added_since(
    run, people, db_file, tmp_path, unchanged
):
    people("Eva Mulder", met="2026-09-01")
    card = tmp_path / "c.vcf"  # `import` is not journaled, and adds an e-mail to Eva
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Eva Mulder\nEMAIL:eva@example.nl\nEND:VCARD\n")
    run.ok("import", "vcard", str(card))
    with unchanged():
        assert "has changed since" in run.fails("undo").stderr


def test_forget_empties_the_journal(run, people, db_file):
    people("Henk Visser", met="2026-09-01", note="vraag naar de haven")
    people("Piet Jansen")
    run.ok("log", "Henk", "Piet", "--note", "Henk Visser over de haven")
    run.ok("forget", "Henk", "--yes")
    assert "Nothing to undo." in run.fails("undo").stderr
    wal = db_file.with_name(db_file.name + "-wal")
    raw = db_file.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert b"Henk" not in raw and b"vraag naar" not in raw


def test_undo_json(run, people):
    people("Piet Jansen")
    result = run.json("undo")
    assert result["command"] == "add 'Piet Jansen'"
    assert result["rows"] >= 2  # the contact and its met touch (and its participant row)


def _stored(db_file: Path, version: int) -> None:
    """The fixture database written by schema `version`'s code, at db_file."""
    fixture = Path(__file__).parent / "fixtures" / "schema" / f"v{version}.sql"
    db_file.parent.mkdir(mode=0o700, exist_ok=True)
    conn = sqlite3.connect(db_file)
    conn.executescript(fixture.read_text())
    conn.close()


def test_the_journal_survives_upgrades_that_keep_rows(db_file, monkeypatch):
    """Schema 9's journal (fixture) through m010 and m011, which change no row (@keeps_rows):
    the change made before the upgrade can still be undone."""
    from netwerk.store import journal, migrations

    _stored(db_file, 9)
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:11])
    conn = sqlite3.connect(db_file, isolation_level=None)
    try:
        assert migrations.apply(conn) == ["m010_touch_event_kind", "m011_capture_dropped"]
        conn.execute("BEGIN IMMEDIATE")
        undone = journal.undo(conn)
        conn.execute("COMMIT")
        assert undone.command == "log Klaas --note 'na de lunch'"
        notes = [n for (n,) in conn.execute("SELECT note FROM touch")]
    finally:
        conn.close()
    assert "na de lunch" not in notes


def test_after_an_upgrade_that_changes_rows_undo_refuses_in_one_line(run, db_file):
    """m012 adds a column to exchange: the journal's images no longer describe the rows, so
    undo refuses (one line, nothing changed) instead of putting back rows of another shape."""
    _stored(db_file, 9)
    assert [t["note"] for t in run.json("show", "Klaas")["touches"]][0] == "na de lunch"
    out = run.fails("undo").stderr
    assert "has changed since 'log Klaas --note 'na de lunch''" in out
    assert out.count("\n") == 1
    assert [t["note"] for t in run.json("show", "Klaas")["touches"]][0] == "na de lunch"
    assert_consistent(db_file)
