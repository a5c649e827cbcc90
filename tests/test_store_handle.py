"""The one handle to the database: `netwerk.store.store.Store` and its transactions."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from netwerk.errors import NotFound, StoreError
from netwerk.store import models, query
from netwerk.store.store import open_store

TODAY = date(2026, 11, 22)


@pytest.fixture
def filled(run, people, db_file):
    """A few contacts in circles with touches, some due."""
    people("Piet Jansen", "Klaas de Vries", "Anna Bakker", met="2026-01-01")
    run.ok("edit", "Piet", "--circle", "Hockey", "--birthday", "25-11-1980")
    run.ok("edit", "Anna", "--circle", "BNI")
    run.ok("log", "Klaas", "--when", "2026-11-01", "--note", "Koffie bij de markt")
    return db_file


def test_unknown_circle_names_the_circles(filled):
    with open_store(filled, write=False) as s, pytest.raises(NotFound) as e:
        query.circle_id(s, "Schaak")
    assert e.value.message == "No circle 'Schaak'. Circles: BNI, Hockey."


def test_unknown_circle_when_there_are_none(db_file):
    with open_store(db_file, write=False) as s, pytest.raises(NotFound) as e:
        query.circle_id(s, "Schaak")
    assert e.value.message == "No circle 'Schaak'. There are no circles yet."


def test_rows_have_names_and_unpack(filled):
    with open_store(filled, write=False) as s:
        rows = s.rows("SELECT id, name, count(*) FROM contact WHERE id = :id", {"id": 1})
        one = s.one("SELECT name FROM contact WHERE id = ?", (2,))
        none = s.one("SELECT name FROM contact WHERE id = 99")
        count = s.value("SELECT count(*) FROM contact")
        nothing = s.value("SELECT name FROM contact WHERE id = 99")
    (row,) = rows
    assert row.name == "Piet Jansen"
    ident, name, n = row
    assert (ident, name, n) == (1, "Piet Jansen", 1)
    assert (one.name, none, count, nothing) == ("Klaas de Vries", None, 3, None)


def test_a_write_commits_at_the_end(filled):
    with open_store(filled, write=True) as s:
        new = s.insert("INSERT INTO circle (name, name_key) VALUES ('Schaak', 'schaak')")
        assert s.execute("UPDATE circle SET cadence_days = 30 WHERE id = :id", {"id": new}) == 1
    conn = sqlite3.connect(filled)
    assert conn.execute(
        "SELECT name, cadence_days FROM circle WHERE id = ?", (new,)
    ).fetchone() == (
        "Schaak",
        30,
    )


def test_an_error_rolls_the_whole_write_back(filled, unchanged):
    with unchanged(), pytest.raises(NotFound), open_store(filled, write=True) as s:
        s.execute("DELETE FROM touch")
        raise NotFound("stop")


def test_rollback_is_a_dry_run(filled, unchanged):
    with unchanged(), open_store(filled, write=True) as s:
        s.execute("DELETE FROM touch")
        s.rollback()


def test_a_read_never_writes(filled, unchanged):
    with unchanged(), open_store(filled, write=False) as s:
        s.execute("DELETE FROM touch")
        assert s.value("SELECT count(*) FROM touch") == 0


def test_the_orm_shares_the_transaction(filled, unchanged):
    """`store.orm()` works inside the Store's transaction: raw SQL sees what it added, and an
    error rolls both back."""
    with unchanged(), pytest.raises(NotFound), open_store(filled, write=True) as s:
        s.orm().add(models.Circle(name="Schaak", name_key="schaak"))
        assert s.value("SELECT count(*) FROM circle WHERE name_key = 'schaak'") == 1
        s.execute("UPDATE circle SET cadence_days = 7 WHERE name_key = 'schaak'")
        circle = s.orm().get(models.Circle, s.value("SELECT id FROM circle WHERE name = 'Schaak'"))
        assert circle.cadence_days == 7  # the ORM re-reads what raw SQL changed
        raise NotFound("stop")
    with open_store(filled, write=True) as s:
        s.orm().add(models.Circle(name="Schaak", name_key="schaak"))
    assert sqlite3.connect(filled).execute("SELECT count(*) FROM circle").fetchone() == (3,)


def test_a_damaged_file_is_one_line(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError) as e, open_store(bad, write=False):
        pass
    assert "not a netwerk database" in e.value.message


def test_a_sql_error_is_a_store_error(db_file):
    with pytest.raises(StoreError), open_store(db_file, write=False) as s:
        s.rows("SELECT nope FROM contact")


def test_default_cadence_is_the_one_the_database_applies(run, db_file):
    """m004's generated `due_cadence` falls back to the same default as the rules."""
    from netwerk.rules.cadence import DEFAULT_CADENCE_DAYS

    run.ok("add", "Piet Jansen")
    with open_store(db_file, write=False) as s:
        assert s.value("SELECT due_cadence FROM contact") == DEFAULT_CADENCE_DAYS


def test_due_cli_errors_cleanly(run, filled, unchanged):
    assert [d["name"] for d in run.json("due") if d["reason"] == "due"] == [
        "Anna Bakker",
        "Piet Jansen",
    ]
    with unchanged():
        result = run.fails("due", "--circle", "Schaak")
    assert result.stderr.strip() == "Error: No circle 'Schaak'. Circles: BNI, Hockey."
    assert sqlite3.connect(filled).execute("SELECT count(*) FROM touch").fetchone()[0] == 4
