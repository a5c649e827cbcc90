"""The due date, effective cadence and pending thanks the database keeps per contact
(migration m004's triggers) always equal what the rules compute from the rows themselves,
whatever command changed those rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import old_database

# The rules, written out here independently of the triggers: a contact's cadence is their own,
# else the shortest of their circles', else 90; they are due on last touch + cadence, held back
# to first_due_on when that is later (or due on it with no known touch); their introducer is to
# be thanked while no touch with the introducer has an id above the contact's first touch (a
# contact without touches has nothing to thank for yet).
EXPECTED = """
    WITH rule AS (
        SELECT c.id, c.due_cadence, c.due_on, c.thanks_pending,
               COALESCE(c.cadence_days, (SELECT MIN(ci.cadence_days) FROM contact_circle cc
                   JOIN circle ci ON ci.id = cc.circle_id WHERE cc.contact_id = c.id), 90)
                   AS cadence,
               c.last_touch_on, c.first_due_on,
               c.via_id IS NOT NULL AND
                   COALESCE((SELECT max(touch_id) FROM touch_contact WHERE contact_id = c.via_id),
                            0)
                   <= (SELECT min(touch_id) FROM touch_contact WHERE contact_id = c.id)
                   IS 1 AS thanks
        FROM contact c
    )
    SELECT id, due_cadence, cadence, due_on,
           CASE
               WHEN last_touch_on IS NULL THEN first_due_on
               WHEN first_due_on IS NULL THEN date(last_touch_on, '+' || cadence || ' days')
               ELSE max(first_due_on, date(last_touch_on, '+' || cadence || ' days'))
           END AS expected_due,
           thanks_pending, thanks
    FROM rule
"""


def assert_consistent(db_file: Path) -> int:
    """Compare every contact's stored columns with the rules; returns how many were checked."""
    conn = sqlite3.connect(db_file)
    try:
        rows = conn.execute(EXPECTED).fetchall()
        # a freshly migrated database must also agree with the live data
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    wrong = [r for r in rows if (r[1], r[3], bool(r[5])) != (r[2], r[4], bool(r[6]))]
    assert wrong == [], wrong
    return len(rows)


def pending_thanks(db_file: Path) -> list[str]:
    conn = sqlite3.connect(db_file)
    try:
        rows = conn.execute("SELECT name FROM contact WHERE thanks_pending ORDER BY name")
        return [name for (name,) in rows]
    finally:
        conn.close()


def test_every_command_keeps_the_stored_due_columns(run, db_file, tmp_path):
    """A tour through every command that writes what the due date or the thanks depend on."""
    run.ok("add", "Piet Jansen", "--circle", "BNI", "--met", "2026-09-01")
    run.ok("add", "Klaas Bakker", "--met", "2026-06-01", "--every", "2w")
    run.ok("add", "Anna de Vries", "--via", "Piet", "--met", "2026-10-01")
    run.ok("add", "Joost Smit", "--via", "Piet", "--circle", "Familie")
    assert assert_consistent(db_file) == 4
    assert pending_thanks(db_file) == ["Anna de Vries", "Joost Smit"]
    run.ok("circle", "set", "BNI", "--every", "monthly")  # a circle's default changes
    run.ok("circle", "set", "Familie", "--every", "1w")
    assert_consistent(db_file)
    run.ok("log", "Piet", "Klaas", "--when", "2026-11-01")  # touch with the introducer
    assert pending_thanks(db_file) == []
    run.ok("edit", "Klaas", "--every", "default")
    run.ok("edit", "Anna", "--circle", "BNI", "--every", "3w")
    run.ok("edit", "Joost", "--remove-circle", "Familie")
    assert_consistent(db_file)
    run.ok("edit", "Joost", "--via", "Klaas")
    assert pending_thanks(db_file) == []  # Klaas was seen after Joost's first touch
    run.ok("snooze", "Klaas", "2026-12-24")
    run.ok("archive", "Anna")
    run.ok("add", "Wim Visser", "--met", "2026-01-01")
    run.ok("spread", "--overdue")
    assert_consistent(db_file)
    run.ok("add", "P. Jansen", "--met", "2025-01-01", "--every", "1y")
    run.ok("merge", "Piet Jansen", "P. Jansen")  # touches and circles move across
    run.ok("remove", "Wim", "--yes")
    assert_consistent(db_file)
    card = tmp_path / "c.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Eva Mulder\nEMAIL:eva@example.nl\nEND:VCARD\n")
    run.ok("import", "vcard", str(card), "--circle", "Familie")
    run.ok("forget", "Klaas", "--yes")  # the introducer of Joost is erased
    run.ok("intro", "Piet", "Eva", "--why", "both bake")
    run.ok("give", "Joost", "a book")
    assert assert_consistent(db_file) == 4  # Piet, Anna, Joost, Eva
    # corrections: touches edited and deleted, links and circles taken back, undo
    (give,) = [t["id"] for t in run.json("show", "Joost")["touches"] if t["kind"] == "give"]
    run.ok("touch", "edit", str(give), "--with", "Piet", "--when", "2026-11-02")
    run.ok("touch", "edit", str(give), "--without", "Joost")
    assert_consistent(db_file)
    run.ok("touch", "delete", str(give), "--yes")
    run.ok("edit", "Eva", "--via", "Anna")
    run.ok("circle", "rename", "Familie", "Gezin")
    run.ok("edit", "Eva", "--remove-circle", "Gezin")
    run.ok("circle", "set", "Gezin", "--every", "none")
    run.ok("circle", "remove", "Gezin")
    assert_consistent(db_file)
    for _step in range(5):
        run.ok("undo")
        assert_consistent(db_file)
    assert [c["name"] for c in run.json("circle", "list")] == ["BNI", "Familie"]


def test_due_reads_the_stored_columns(run, db_file):
    """`due` ranks by the stored date and cadence: a change made behind the CLI's back through
    plain SQL (the triggers are the database's, not the program's) shows up at once."""
    run.ok("add", "Piet Jansen", "--met", "2026-01-01")
    run.ok("add", "Klaas Bakker", "--met", "2026-11-01")
    assert [d["name"] for d in run.json("due")] == ["Piet Jansen"]
    conn = sqlite3.connect(db_file)
    with conn:
        conn.execute("UPDATE contact SET cadence_days = 7 WHERE name = 'Klaas Bakker'")
    conn.close()
    due = run.json("due")
    assert [(d["name"], d["cadence_days"]) for d in due] == [
        ("Piet Jansen", 90),  # 325 days on 90: 3.6 cadences
        ("Klaas Bakker", 7),  # 21 days on 7: 3 cadences
    ]


@pytest.mark.parametrize("version", [1, 2, 3])
def test_upgrade_fills_the_stored_columns(run, db_file, version):
    """An older database gets the columns filled in by the upgrade, not only for new rows."""
    old_database(db_file, version)
    run.ok("due")  # opens, so migrates
    assert assert_consistent(db_file) >= 2
    conn = sqlite3.connect(db_file)
    assert conn.execute("SELECT count(*) FROM contact WHERE due_on IS NOT NULL").fetchone()[0]
    conn.close()
