"""The store: migrations, schema, files that are not ours, permissions, start-up cost."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from netwerk.store import migrations
from netwerk.store.db import connect

FIXTURES = Path(__file__).parent / "fixtures" / "schema"


# m004's and m015's generated columns (the ORM must never write them, so the models leave them
# out) and the indexes built on them
GENERATED = {"contact": {"due_cadence", "due_on", "kept_up"}}
GENERATED_INDEXES = {"ix_contact_due", "ix_contact_due_rank"}


def _affinity(declared: str) -> str:
    """SQLite's type affinity for a declared type (its documented rules, in order)."""
    t = declared.upper()
    if "INT" in t:
        return "INTEGER"
    if any(word in t for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in t or not t:
        return "BLOB"
    if any(word in t for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def _model_schema() -> dict[str, dict]:
    from sqlalchemy.dialects import sqlite

    from netwerk.store.models import SQLModel

    dialect = sqlite.dialect()
    schema = {}
    for table in SQLModel.metadata.sorted_tables:
        pk = {c.name for c in table.primary_key.columns}
        uniques = {(c.name,) for c in table.columns if c.unique}
        indexes = set()
        for index in table.indexes:
            where = index.dialect_options["sqlite"]["where"]
            cols = tuple(c.name for c in index.columns)
            if index.unique:
                uniques.add(cols)
            indexes.add(
                (index.name, cols, bool(index.unique), str(where) if where is not None else None)
            )
        schema[table.name] = {
            "columns": [
                (c.name, _affinity(c.type.compile(dialect)), not c.nullable and c.name not in pk)
                for c in table.columns
            ],
            "pk": pk,
            "fks": {
                (
                    fk.parent.name,
                    fk.column.table.name,
                    fk.column.name,
                    (fk.ondelete or "NO ACTION").upper(),
                )
                for fk in table.foreign_keys
            },
            "uniques": uniques,
            "indexes": indexes,
        }
    return schema


def _database_schema(conn: sqlite3.Connection) -> dict[str, dict]:
    import re

    schema = {}
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != '_migrations'"
        )
    ]
    for table in tables:
        info = conn.execute(f"PRAGMA table_xinfo({table})").fetchall()
        generated = GENERATED.get(table, set())
        pk = {r[1] for r in info if r[5]}
        uniques, indexes = set(), set()
        for _seq, name, unique, origin, partial in conn.execute(f"PRAGMA index_list({table})"):
            cols = tuple(r[2] for r in conn.execute(f"PRAGMA index_info({name})"))
            if origin == "pk":
                continue
            if unique:
                uniques.add(cols)
            if origin == "c" and name not in GENERATED_INDEXES:
                sql = conn.execute(
                    "SELECT sql FROM sqlite_master WHERE name = ?", (name,)
                ).fetchone()[0]
                where = re.search(r"\bWHERE\s+(.*)$", sql, re.S | re.I) if partial else None
                indexes.add(
                    (name, cols, bool(unique), " ".join(where.group(1).split()) if where else None)
                )
        schema[table] = {
            "columns": [
                (r[1], _affinity(r[2]), bool(r[3]) and r[1] not in pk)
                for r in info
                if r[1] not in generated
            ],
            "pk": pk,
            "fks": {
                (r[3], r[2], r[4], r[6].upper())
                for r in conn.execute(f"PRAGMA foreign_key_list({table})")
            },
            "uniques": uniques,
            "indexes": indexes,
        }
    return schema


def test_models_match_migrated_schema(db_file):
    """The SQLModel classes and the schema the migrations build agree exactly: the same tables,
    columns (in order, type affinity, NOT NULL), primary keys, foreign keys with their ON
    DELETE, unique constraints and indexes (partial ones with their WHERE); m004's generated
    columns and triggers aside."""
    conn = connect(db_file)
    models, database = _model_schema(), _database_schema(conn)
    assert sorted(models) == sorted(database)
    for table in models:
        for part in ("columns", "pk", "fks", "uniques", "indexes"):
            assert models[table][part] == database[table][part], (table, part)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.schema_version()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_the_schema_check_sees_a_missing_index(db_file):
    conn = connect(db_file)
    conn.execute("DROP INDEX ix_touch_event_kind")
    assert _model_schema()["touch"]["indexes"] != _database_schema(conn)["touch"]["indexes"]


@pytest.mark.parametrize("version", sorted(int(p.stem[1:]) for p in FIXTURES.glob("v*.sql")))
def test_upgrade_keeps_data(run, db_file, version):
    """A database written by schema `version` (fixture made by that version's code) upgrades
    with its data intact, and a copy is put aside first when there is anything to do."""
    db_file.parent.mkdir(mode=0o700)
    conn = sqlite3.connect(db_file)
    conn.executescript((FIXTURES / f"v{version}.sql").read_text())
    conn.close()
    profile = run.json("show", "Piet Jansen")
    assert profile["emails"] == ["piet@example.nl"]
    assert profile["circles"] == ["BNI"]
    assert profile["met_at"] == "BNI Utrecht"
    assert [t["note"] for t in profile["touches"]] == ["lunch", "Met at BNI Utrecht"]
    assert profile["touches"][0]["with"] == [{"id": 2, "name": "Klaas Bakker"}]
    if version >= 3:  # what m003 (events, gives/asks, intros, knows, goals) added came through
        assert profile["knows"][0]["name"] == "Klaas Bakker"
        assert profile["offers"][0]["what"] == "boek over sales"
        assert [a["what"] for a in run.json("asks")] == ["een intro"]
        assert run.json("intros")[0]["why"] == "logistiek"
        assert run.json("goal", "list")[0]["text"] == "3 nieuwe in BNI"
        assert "Logistiek Congres" in [e["name"] for e in run.json("event", "list")]
    backups = list(db_file.parent.glob("*.bak"))
    if version < migrations.schema_version():
        assert len(backups) == 1
        assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    else:
        assert backups == []


def test_newer_database_is_refused_untouched(run, db_file):
    run.ok("add", "Piet")
    conn = sqlite3.connect(db_file)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = db_file.read_bytes()
    result = run.fails("list")
    assert "newer netwerk" in result.stderr
    assert db_file.read_bytes() == before


@pytest.mark.parametrize(
    "content, words",
    [
        (b"hello, I am not a database" * 100, "not a netwerk database"),
        (b"SQLite format 3\x00" + b"\xff" * 200, "not a netwerk database"),
    ],
)
def test_not_a_database(run, db_file, content, words):
    db_file.parent.mkdir(mode=0o700)
    db_file.write_bytes(content)
    result = run.fails("list")
    assert words in result.stderr
    assert db_file.read_bytes() == content


def test_foreign_sqlite_database_is_refused(run, db_file):
    db_file.parent.mkdir(mode=0o700)
    conn = sqlite3.connect(db_file)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    before = db_file.read_bytes()
    assert "not one of netwerk's" in run.fails("list").stderr
    assert "not one of netwerk's" in run.fails("add", "Piet").stderr
    assert db_file.read_bytes() == before  # not even switched to WAL


def test_folder_is_not_a_database(run, db_file):
    db_file.mkdir(parents=True)
    assert "is a folder" in run.fails("list").stderr


def test_owner_only_whatever_the_umask(db_file):
    old = os.umask(0)
    try:
        conn = connect(db_file)
        conn.execute("CREATE TABLE IF NOT EXISTS t (x)")
        conn.close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(db_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_file.parent.stat().st_mode) == 0o700


def test_failing_migration_rolls_back(db_file, monkeypatch):
    """A migration that fails half-way leaves the database exactly at the previous version."""
    connect(db_file).close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE contact ADD COLUMN shoe_size INTEGER")
        conn.execute("CREATE TABLE half (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    with pytest.raises(RuntimeError):
        connect(db_file)
    conn = sqlite3.connect(db_file)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(contact)")]
    assert "shoe_size" not in columns
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name='half'").fetchone()[0] == 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS) - 1


HEAVY = (
    "sqlalchemy",
    "sqlmodel",
    "dateparser",
    "vobject",
    "icalendar",
    "rich.table",
    "phonenumbers",
)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["where"],
        ["due", "--help"],
        ["asks", "--help"],
        ["who", "--help"],
        ["forget", "--help"],
    ],
)
def test_startup_does_not_import_heavy_modules(args):
    code = (
        "import sys\nfrom netwerk.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert "HEAVY []" in result.stderr, result.stderr


def test_installed_console_script_end_to_end(tmp_path):
    """The real `netwerk` script, as a user runs it."""
    exe = shutil.which("netwerk") or str(Path(sys.executable).parent / "netwerk")
    env = {**os.environ, "NETWERK_DB": str(tmp_path / "e2e.db"), "NETWERK_TODAY": "2026-11-22"}

    def netwerk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([exe, *args], capture_output=True, text=True, env=env, timeout=60)

    assert netwerk("add", "Piet Jansen", "--met-at", "BNI", "--met", "2026-08-01").returncode == 0
    assert netwerk("add", "Klaas", "--met", "2026-08-01").returncode == 0
    assert netwerk("add", "Anna", "--met", "2026-08-01").returncode == 0
    assert netwerk("log", "Piet", "Klaas", "--when", "gisteren").returncode == 0
    due = netwerk("due")
    assert due.returncode == 0 and "Anna" in due.stdout and "Klaas" not in due.stdout
    bad = netwerk("log", "Nobody")
    assert bad.returncode == 1
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    assert netwerk("bogus-command").returncode == 2


def _m_shoe_size(conn: sqlite3.Connection) -> None:
    migrations.run_script(conn, "ALTER TABLE contact ADD COLUMN shoe_size INTEGER")


def test_backup_before_migration_holds_the_old_database(run, db_file, monkeypatch):
    """The copy put aside before an upgrade is a whole, owner-only database at the old
    version with the data, and the upgraded file keeps the data too."""
    run.ok("add", "Piet Jansen", "--note", "voor de upgrade")
    old = migrations.schema_version()
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, _m_shoe_size])
    run.ok("log", "Piet", "--note", "na de upgrade")
    (backup,) = db_file.parent.glob("*.bak")
    assert backup.name.startswith(f"netwerk.db.v{old}-")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == old
    assert conn.execute("SELECT note FROM contact").fetchall() == [("voor de upgrade",)]
    assert "shoe_size" not in [r[1] for r in conn.execute("PRAGMA table_info(contact)")]
    conn.close()
    notes = [t["note"] for t in run.json("show", "Piet")["touches"]]
    assert notes == ["na de upgrade", None]
    run.ok("list")
    assert len(list(db_file.parent.glob("*.bak"))) == 1  # once per upgrade, not per command
