"""Ids are never reused (migration m009 declares the tables AUTOINCREMENT), and the rebuild
keeps every row, generated column, index and trigger of the schema before it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from netwerk.store import migrations
from tests.test_stored_due import assert_consistent

FIXTURES = Path(__file__).parent / "fixtures" / "schema"


def test_a_removed_id_is_not_handed_out_again(run, people):
    people("Piet Jansen", "Klaas Bakker", "Anna de Wit", met="2026-01-01")
    run.ok("log", "Anna", "--note", "laatste")  # touch 4
    run.ok("remove", "Anna", "--yes")  # contact 3 and touch 4 (only hers) go
    assert "(#4)" in run.ok("add", "Eva Mulder").stdout
    assert "(touch #6)" in run.ok("log", "Piet").stdout  # Eva's met touch was 5
    run.ok("offer", "Piet", "een boek")
    run.ok("offers", "drop", "1")
    assert run.json("offer", "Piet", "iets anders")["id"] == 2
    run.ok("goal", "add", "een")
    run.ok("goal", "remove", "1")
    assert run.json("goal", "add", "twee")["id"] == 2


def test_undo_does_not_make_ids_reusable(run, people):
    people("Piet Jansen")
    run.ok("add", "Klaas Bakker")
    run.ok("undo")
    assert "(#3)" in run.ok("add", "Anna de Wit").stdout


def _schema(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    rows = conn.execute(
        "SELECT type, name, tbl_name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' "
        "ORDER BY type, name"
    ).fetchall()
    return [tuple(r) for r in rows]


def test_rebuild_keeps_data_indexes_triggers_and_generated_columns(run, db_file, tmp_path):
    """A v4 database (made by schema 4's code) upgraded through m009 has the same tables,
    indexes and triggers as a new one, every row it had, and right stored due columns."""
    db_file.parent.mkdir(mode=0o700)
    conn = sqlite3.connect(db_file)
    conn.executescript((FIXTURES / "v4.sql").read_text())
    before = {
        t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()
        for t in migrations._M008_TABLES
    }
    due_before = conn.execute("SELECT id, due_on, due_cadence FROM contact ORDER BY id").fetchall()
    conn.close()
    run.ok("list")  # opens, so migrates
    fresh = tmp_path / "fresh.db"
    run.ok("add", "Iemand", "--db", str(fresh))
    conn = sqlite3.connect(db_file)
    new = sqlite3.connect(fresh)
    assert _schema(conn) == _schema(new)
    for table in migrations._M008_TABLES:
        rows = conn.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
        width = len(before[table][0]) if before[table] else 0  # later migrations add columns
        assert [r[:width] for r in rows[: len(before[table])]] == before[table], table
        (sql,) = conn.execute("SELECT sql FROM sqlite_schema WHERE name = ?", (table,)).fetchone()
        assert "AUTOINCREMENT" in sql
    assert (
        conn.execute("SELECT id, due_on, due_cadence FROM contact ORDER BY id").fetchall()
        == due_before
    )
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (0,)  # a plain connection
    conn.close()
    new.close()
    assert_consistent(db_file)
    # the triggers work after the rebuild: a circle cadence reaches its member
    run.ok("circle", "set", "BNI", "--every", "1w")
    assert run.json("show", "Piet Jansen")["cadence_days"] == 7
    assert_consistent(db_file)


def test_a_failed_rebuild_leaves_the_old_schema(tmp_path, monkeypatch):
    """The rebuild runs in one transaction: a failure half-way restores every table and
    trigger, and foreign keys are on again."""
    path = tmp_path / "x.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.create_function("netwerk_fold", 1, lambda s: (s or "").lower())
    five = migrations.MIGRATIONS[:5]
    monkeypatch.setattr(migrations, "MIGRATIONS", five)
    migrations.apply(conn)
    conn.execute("INSERT INTO contact (name, name_key, created_on) VALUES ('A', 'a', '2026-01-01')")
    before = _schema(conn)

    def broken(c: sqlite3.Connection) -> None:
        migrations.m009_ids_never_reused(c)
        raise sqlite3.OperationalError("disk full")

    broken.rebuilds_tables = True  # type: ignore[attr-defined]
    monkeypatch.setattr(migrations, "MIGRATIONS", [*five, broken])
    with pytest.raises(sqlite3.OperationalError, match="disk full"):
        migrations.apply(conn)
    assert _schema(conn) == before
    assert conn.execute("SELECT name FROM contact").fetchall() == [("A",)]
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert conn.execute("PRAGMA user_version").fetchone() == (5,)
