"""The SQLAlchemy-free read path: `netwerk.store.db.reader` and `netwerk.store.query`."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from netwerk.errors import NotFound, StoreError
from netwerk.services.due import due
from netwerk.store import models, query
from netwerk.store.db import reader, session

TODAY = date(2026, 11, 22)


@pytest.fixture
def filled(run, people, db_file):
    """A few contacts in circles with touches, some due."""
    people("Piet Jansen", "Klaas de Vries", "Anna Bakker", met="2026-01-01")
    run.ok("edit", "Piet", "--circle", "Hockey", "--birthday", "25-11-1980")
    run.ok("edit", "Anna", "--circle", "BNI")
    run.ok("log", "Klaas", "--when", "2026-11-01", "--note", "Koffie bij de markt")
    return db_file


@pytest.mark.parametrize("circle", [None, "hockey", "BNI"])
@pytest.mark.parametrize("limit", [None, 1])
def test_due_is_the_same_on_a_reader_and_a_session(filled, circle, limit):
    with session(filled, write=False) as s:
        expected = due(s, today=TODAY, limit=limit, circle=circle)
    with reader(filled) as r:
        got = due(r, today=TODAY, limit=limit, circle=circle)
    assert got == expected
    assert got["due"] or got["birthdays"]


def test_unknown_circle_names_the_circles(filled):
    with reader(filled) as r, pytest.raises(NotFound) as e:
        query.circle_id(r, "Schaak")
    assert e.value.message == "No circle 'Schaak'. Circles: BNI, Hockey."


def test_unknown_circle_when_there_are_none(db_file):
    with reader(db_file) as r, pytest.raises(NotFound) as e:
        query.circle_id(r, "Schaak")
    assert e.value.message == "No circle 'Schaak'. There are no circles yet."


def test_rows_have_names_and_unpack(filled):
    with reader(filled) as r:
        rows = query.fetch(r, "SELECT id, name, count(*) FROM contact WHERE id = :id", {"id": 1})
    (row,) = rows
    assert row.name == "Piet Jansen"
    ident, name, count = row
    assert (ident, name, count) == (1, "Piet Jansen", 1)


def test_sqlalchemy_text_idiom_runs_on_a_reader(filled):
    """Service code still written as `session.connection().execute(text(...))` works too."""
    from sqlalchemy import text

    with reader(filled) as r:
        result = r.connection().execute(
            text("SELECT name FROM contact WHERE name_key LIKE :k ORDER BY name"), {"k": "%a%"}
        )
        names = [row.name for row in result]
        first = r.connection().execute(text("SELECT count(*) FROM contact")).scalar()
        none = r.connection().execute(text("SELECT name FROM contact WHERE id = 99")).first()
    assert names == ["Anna Bakker", "Klaas de Vries", "Piet Jansen"]
    assert (first, none) == (3, None)


def test_a_reader_never_writes(filled, unchanged):
    with unchanged(), reader(filled) as r:
        r.conn.execute("DELETE FROM touch")
        assert r.rows("SELECT count(*) AS n FROM touch")[0].n == 0


def test_a_reader_reports_a_damaged_file_in_one_line(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError) as e, reader(bad):
        pass
    assert "not a netwerk database" in e.value.message


def test_a_sql_error_inside_a_reader_is_a_store_error(db_file):
    with pytest.raises(StoreError), reader(db_file) as r:
        r.rows("SELECT nope FROM contact")


def test_default_cadence_agrees_with_the_models():
    assert query.DEFAULT_CADENCE_DAYS == models.DEFAULT_CADENCE_DAYS


def test_due_cli_runs_on_the_reader_and_errors_cleanly(run, filled, unchanged):
    assert [d["name"] for d in run.json("due") if d["reason"] == "due"] == [
        "Anna Bakker",
        "Piet Jansen",
    ]
    with unchanged():
        result = run.fails("due", "--circle", "Schaak")
    assert result.stderr.strip() == "Error: No circle 'Schaak'. Circles: BNI, Hockey."
    assert sqlite3.connect(filled).execute("SELECT count(*) FROM touch").fetchone()[0] == 4
