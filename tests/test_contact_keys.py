"""The keys m014 stores per contact (`_contact_keys`: what `list` sorts by, the words `who`
matches) always equal their rules (`rules.names.sort_key`, `rules.text.words`), whatever
command, or other program, changed the contact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from netwerk.rules.names import sort_key
from netwerk.rules.text import words
from tests.conftest import old_database

FIELDS = ("expertise", "role", "company", "note")


def assert_fresh(db_file: Path) -> int:
    """One fresh row per contact, holding its sort key and the words of its fields; returns
    how many."""
    conn = sqlite3.connect(db_file)
    try:
        rows = conn.execute(
            "SELECT c.id, c.name, c.expertise, c.role, c.company, c.note, w.sort_name, "
            "w.expertise, w.role, w.company, w.note, w.stale FROM contact c "
            "LEFT JOIN _contact_keys w ON w.contact_id = c.id"
        ).fetchall()
        orphans = conn.execute(
            "SELECT count(*) FROM _contact_keys WHERE contact_id NOT IN (SELECT id FROM contact)"
        ).fetchone()[0]
    finally:
        conn.close()
    expected = [(r[0], sort_key(r[1]), *(words(v or "") for v in r[2:6]), 0) for r in rows]
    assert [(r[0], *r[6:]) for r in rows] == expected
    assert orphans == 0
    return len(rows)


def stale(db_file: Path) -> int:
    conn = sqlite3.connect(db_file)
    try:
        return conn.execute("SELECT count(*) FROM _contact_keys WHERE stale").fetchone()[0]
    finally:
        conn.close()


def test_every_command_keeps_the_words_who_matches(run, db_file, tmp_path):
    run.ok("add", "Piet Jansen", "--expertise", "Pannenkoeken", "--company", "Acme")
    run.ok("add", "Klaas Bakker", "--role", "E-commerce lead", "--note", "Bakt brood")
    assert assert_fresh(db_file) == 2
    run.ok("edit", "Piet", "--expertise", "Wafels, crêpes", "--role", "Kok")
    run.ok("edit", "Klaas", "--note", "", "--name", "Klaas van Aalst")
    assert assert_fresh(db_file) == 2
    assert [i["name"] for i in run.json("list")] == ["Klaas van Aalst", "Piet Jansen"]
    assert [i["name"] for i in run.json("who", "crepe")] == ["Piet Jansen"]
    card = tmp_path / "in.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna de Wit\r\nORG:Bakkerij Wit\r\n"
        "TITLE:Eigenaar\r\nNOTE:Zuurdesem\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    run.ok("import", "vcard", str(card))
    assert assert_fresh(db_file) == 3
    assert [i["name"] for i in run.json("who", "zuurdesem")] == ["Anna de Wit"]
    run.ok("add", "P. Jansen", "--expertise", "Bier", "--force")
    run.ok("merge", "Piet Jansen", "P. Jansen")
    assert assert_fresh(db_file) == 3
    run.ok("edit", "Anna", "--note", "Zuurdesem en roggebrood")
    run.ok("undo")
    assert assert_fresh(db_file) == 3
    run.ok("redact", "Zuurdesem", "--yes")
    assert assert_fresh(db_file) == 3
    assert run.json("who", "zuurdesem") == []
    run.ok("forget", "Klaas", "--yes")
    assert assert_fresh(db_file) == 2
    out = tmp_path / "all.json"
    run.ok("export", "json", "-o", str(out))
    copy = tmp_path / "copy.db"
    run.ok("import", "json", str(out), "--db", str(copy))
    assert assert_fresh(copy) == 2
    assert [i["name"] for i in run.json("who", "wafel", "--db", str(copy))] == ["Piet Jansen"]


def test_a_change_made_by_another_program_is_read_right_and_then_stored(run, db_file):
    """The sqlite3 shell knows no netwerk_words: its edits mark the rows stale (pure-SQL
    triggers), `who` and `list` compute those on the spot, and the next write stores them."""
    run.ok("add", "Piet Jansen", "--expertise", "Pannenkoeken")
    run.ok("add", "Klaas Bakker")
    conn = sqlite3.connect(db_file)
    conn.execute(
        "UPDATE contact SET expertise = 'Bakken', name = 'Piet van Zon' WHERE name = 'Piet Jansen'"
    )
    conn.execute(
        "INSERT INTO contact (name, name_key, company, created_on) "
        "VALUES ('Els Eik', 'els eik', 'Bakkerij Eik', '2026-11-01')"
    )
    conn.commit()
    conn.close()
    assert stale(db_file) == 2
    assert sorted(i["name"] for i in run.json("who", "bakk")) == ["Els Eik", "Piet van Zon"]
    assert run.json("who", "pannenkoek") == []
    # sorted by the rule, 'van Zon' under Z, though the stored key still says Jansen
    names = ["Klaas Bakker", "Els Eik", "Piet van Zon"]
    assert [i["name"] for i in run.json("list")] == names
    assert stale(db_file) == 2  # a read writes nothing
    run.ok("log", "Klaas")
    assert stale(db_file) == 0
    assert assert_fresh(db_file) == 3
    assert [i["name"] for i in run.json("list")] == names


def test_the_upgrade_stores_the_keys_of_every_contact(run, db_file):
    old_database(db_file, 13)
    assert [i["name"] for i in run.json("who", "acme")] == ["Piet Jansen"]  # opens: migrates
    assert assert_fresh(db_file) >= 2
