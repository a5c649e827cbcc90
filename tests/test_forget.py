"""`netwerk forget`: no trace of the person is left in the database file, its log or its index."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from netwerk.services.forget import forget_contact, redact_text
from netwerk.store.store import open_store

SECRETS = ("Pietronella Jansen", "pietronella jansen", "PJtje", "pj@example.nl", "geheim-recept")


def raw_bytes(db_file: Path) -> bytes:
    """The database file, its write-ahead log and shared-memory index, as stored on disk."""
    return b"".join(
        p.read_bytes()
        for p in (
            db_file,
            db_file.with_name(db_file.name + "-wal"),
            db_file.with_name(db_file.name + "-shm"),
        )
        if p.exists()
    )


@pytest.fixture
def story(run):
    tell_story(run)


def tell_story(run) -> None:
    """Pietronella, with everything a contact can have, mentioned in other people's records."""
    run.ok(
        "add",
        "Pietronella Jansen",
        "--email",
        "pj@example.nl",
        "--phone",
        "06-11112222",
        "--company",
        "Bakkerij Zwart",
        "--circle",
        "BNI",
        "--note",
        "geheim-recept voor appeltaart",
        "--met-at",
        "BNI Utrecht",
    )
    run.ok("edit", "Pietronella", "--alias", "PJtje")
    run.ok(
        "add", "Klaas Bakker", "--via", "Pietronella", "--note", "kent PIETRONELLA JANSEN al jaren"
    )
    run.ok("add", "Anna de Wit", "--note", "zus van pjtje")
    run.ok("log", "Pietronella", "--note", "geheim-recept besproken", "--when", "gisteren")
    run.ok("log", "Pietronella", "Klaas", "--note", "lunch met Pietronella  Jansen en Klaas")


def test_forget_leaves_no_trace_in_the_file(run, db_file, story):
    assert all(s.encode() in raw_bytes(db_file) for s in SECRETS)
    out = run.ok("forget", "Pietronella", "--yes").stdout
    assert "Forgot Pietronella Jansen: 2 touch(es) removed, 3 mention(s) redacted." in out
    assert_no_trace(db_file)


def assert_no_trace(db_file: Path) -> None:
    data = raw_bytes(db_file)
    for secret in SECRETS:
        assert secret.encode() not in data, secret
        assert secret.upper().encode() not in data, secret
    conn = sqlite3.connect(db_file)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    conn.close()


def test_forget_overwrites_deleted_bytes_even_where_sqlite_would_not(db_file, story):
    """Some SQLite builds (Debian's among them) overwrite deleted content by default, others
    do not: with secure_delete switched off first, forget must still leave zeros behind."""
    with open_store(db_file, write=True) as s:
        s.execute("PRAGMA secure_delete = OFF")
        forget_contact(s, "Pietronella")
    conn = sqlite3.connect(db_file)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert b"geheim-recept" not in raw_bytes(db_file)


def test_forget_while_another_process_reads(run, db_file, story):
    """A reader holding a snapshot keeps old pages in the log: forget says so, and the next
    command after the reader is gone leaves nothing behind."""
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db_file)], stdout=subprocess.PIPE, text=True
    )
    assert reader.stdout is not None and reader.stdout.readline() == "reading\n"
    try:
        result = run.ok("forget", "Pietronella", "--yes")
    finally:
        reader.terminate()
        reader.wait()
    assert "Another netwerk process is using the database" in result.stderr
    run.ok("list")
    assert_no_trace(db_file)


READER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN")
conn.execute("SELECT count(*) FROM contact").fetchone()
print("reading", flush=True)
time.sleep(60)
"""


def test_forget_keeps_shared_touches_and_the_others(run, story):
    run.ok("forget", "#1", "--yes")
    klaas = run.json("show", "Klaas")
    assert klaas["via"] is None
    assert klaas["note"] == "kent [forgotten] al jaren"
    assert [(t["kind"], t["note"], t["with"]) for t in klaas["touches"]] == [
        ("coffee", "lunch met [forgotten] en Klaas", []),
        ("met", None, []),
    ]
    assert run.json("show", "Anna")["note"] == "zus van [forgotten]"
    assert [c["name"] for c in run.json("list")] == [
        "Klaas Bakker",
        "Anna de Wit",
    ]  # by family name
    assert run.json("circle", "list") == []  # the empty circle does not linger
    run.fails("show", "Pietronella")


def test_forget_covers_tables_added_later(run, db_file, story):
    """Rows in a later table that reference the contact go by the foreign key; mentions in
    any text column of any table are redacted, without changes to `forget`."""
    conn = sqlite3.connect(db_file)
    conn.executescript(
        """
        CREATE TABLE later_give (id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE, what TEXT);
        CREATE TABLE later_intro (id INTEGER PRIMARY KEY,
            a_id INTEGER REFERENCES contact(id) ON DELETE SET NULL, story TEXT);
        INSERT INTO later_give (contact_id, what) VALUES (1, 'geheim-recept gedeeld');
        INSERT INTO later_intro (a_id, story) VALUES (1, 'Pietronella Jansen stelde Anna voor');
        CREATE VIRTUAL TABLE later_search USING fts5(body);
        INSERT INTO later_search (body) VALUES ('geheim-recept van Pietronella Jansen');
        """
    )
    conn.close()
    run.ok("forget", "Pietronella", "--yes")
    conn = sqlite3.connect(db_file)
    assert conn.execute("SELECT count(*) FROM later_give").fetchone()[0] == 0
    assert conn.execute("SELECT a_id, story FROM later_intro").fetchall() == [
        (None, "[forgotten] stelde Anna voor")
    ]
    assert conn.execute("SELECT body FROM later_search").fetchall() == [
        ("geheim-recept van [forgotten]",)
    ]
    assert (
        conn.execute(
            "SELECT count(*) FROM later_search WHERE later_search MATCH 'Pietronella'"
        ).fetchone()[0]
        == 0
    )
    conn.close()
    assert b"Pietronella" not in raw_bytes(db_file)
    assert b"pietronella" not in raw_bytes(db_file)  # nor a token in the full-text index


def test_forget_asks_first(run, story, unchanged, monkeypatch):
    with unchanged():
        assert "Not forgetting #1 Pietronella Jansen (Bakkerij Zwart) without --yes" in (
            run.fails("forget", "Pietronella").stderr
        )
        run.fails("forget", "Nobody At All", "--yes")
        run.fails("forget", "", "--yes")
        monkeypatch.setattr(sys.modules["netwerk.cli.app"], "interactive", lambda: True)
        result = run.ok("forget", "Pietronella", input="n\n")
        assert "Nothing forgotten." in result.stderr
    run.ok("forget", "Pietronella", input="y\n")
    run.fails("show", "Pietronella")


@pytest.mark.parametrize(
    "value, key, expected",
    [
        ("koffie met Piet Jansen", "piet jansen", "koffie met [forgotten]"),
        ("PIET   JANSEN, piet jansen", "piet jansen", "[forgotten], [forgotten]"),
        ("Zoë de Vries en Zoe de Vries", "zoe de vries", "[forgotten] en [forgotten]"),
        ("Pietje en Piet", "piet", "Pietje en [forgotten]"),  # whole words only
        ("Persoon 7771, Persoon 777.", "persoon 777", "Persoon 7771, [forgotten]."),
        ("Jan-Piet", "piet", "Jan-[forgotten]"),
        ("#PIET!", "piet", "#[forgotten]!"),
        ("niets", "piet", "niets"),
        ("", "piet", ""),
        ("ﬁnn", "finn", "[forgotten]"),  # a ligature folds to two letters
        ("Straße", "strasse", "[forgotten]"),
    ],
)
def test_redact_text(value, key, expected):
    assert redact_text(value, key) == expected


def test_forget_leaves_other_people_with_a_similar_name(run):
    run.ok("add", "Jan Smit")
    run.ok("add", "Jan Smitse", "--note", "Jan Smitse is niet Jan Smit")
    run.ok("add", "Anna", "--note", "kent Jan Smitse")
    out = run.ok("forget", "Jan Smit", "--yes").stdout
    assert "1 mention(s) redacted" in out
    assert run.json("show", "Jan Smitse")["note"] == "Jan Smitse is niet [forgotten]"
    assert run.json("show", "Anna")["note"] == "kent Jan Smitse"


def test_forget_names_the_backups_it_cannot_clean(run, db_file, story):
    result = run.ok("forget", "Pietronella", "--yes")
    assert "Only copies made with `netwerk backup PATH` elsewhere" in result.stderr
    (db_file.parent / "netwerk.db.v1-20260101-120000.bak").write_bytes(b"")
    run.ok("backup")  # beside the database: netwerk-YYYYmmdd-HHMMSS.db
    run.ok("add", "Jan Smit")
    result = run.ok("forget", "Jan Smit", "--yes")
    assert "2 older backup(s) beside the database may still hold them" in result.stderr
    assert "e.g. netwerk-20" in result.stderr  # the first by name: the `backup` copy
