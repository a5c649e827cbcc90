"""Who was seen at which event (m016's `_event_seen`, kept by triggers) always equals what the
touches themselves say, whatever command, or other program, changed them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import old_database

# the rule, written out here independently of the triggers
EXPECTED = """
    SELECT t.event_id, tc.contact_id, count(*) FROM touch t
    JOIN touch_contact tc ON tc.touch_id = t.id
    WHERE t.event_id IS NOT NULL AND t.kind != 'met'
    GROUP BY t.event_id, tc.contact_id ORDER BY 1, 2
"""


def assert_seen(db_file: Path) -> int:
    """The stored table equals the rule; returns how many (event, person) pairs there are."""
    conn = sqlite3.connect(db_file)
    try:
        stored = conn.execute(
            "SELECT event_id, contact_id, touches FROM _event_seen ORDER BY 1, 2"
        ).fetchall()
        expected = conn.execute(EXPECTED).fetchall()
    finally:
        conn.close()
    assert stored == expected
    return len(stored)


def seen(run) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {e["name"]: e["seen"] for e in run.json("event", "list")}


def test_every_command_keeps_who_was_seen_where(run, people, db_file, tmp_path):
    people("Piet Jansen", "Klaas Bakker", met="2026-09-01")
    run.ok("event", "add", "BNI", "--when", "2026-10-01")
    run.ok("event", "add", "Borrel", "--when", "2026-10-15")
    run.ok("add", "Anna de Wit", "--met-at", "Borrel")  # met there: not "seen"
    run.ok("log", "Piet", "Klaas", "--event", "BNI", "--kind", "event")
    run.ok("log", "Piet", "--event", "BNI", "--kind", "koffie")  # Piet twice: counted once
    assert assert_seen(db_file) == 2
    assert seen(run) == {"BNI": 2, "Borrel": 0}
    touch = run.json("log", "Anna", "--event", "Borrel", "--kind", "borrel")["id"]
    run.ok("touch", "edit", str(touch), "--with", "Klaas")
    assert seen(run) == {"BNI": 2, "Borrel": 2}
    run.ok("touch", "edit", str(touch), "--kind", "koffie", "--without", "Anna")
    assert seen(run) == {"BNI": 2, "Borrel": 1}
    run.ok("undo")
    assert seen(run) == {"BNI": 2, "Borrel": 2}
    run.ok("touch", "delete", str(touch), "--yes")
    assert seen(run) == {"BNI": 2, "Borrel": 0}
    assert assert_seen(db_file) == 2
    run.ok("add", "K. Bakker", "--force")
    run.ok("log", "K. Bakker", "--event", "Borrel", "--kind", "borrel")
    run.ok("merge", "Klaas Bakker", "K. Bakker")  # the touches move to Klaas
    assert seen(run) == {"BNI": 2, "Borrel": 1}
    assert assert_seen(db_file) == 3
    run.ok("forget", "Klaas", "--yes")
    assert seen(run) == {"BNI": 1, "Borrel": 0}
    run.ok("event", "remove", "BNI")  # its touches stay, at no event
    assert assert_seen(db_file) == 0


def test_a_restore_and_another_programs_change_are_counted(run, people, db_file, tmp_path):
    people("Piet Jansen", "Klaas Bakker", met="2026-09-01")
    run.ok("log", "Piet", "Klaas", "--event", "BNI", "--kind", "event")
    out = tmp_path / "all.json"
    run.ok("export", "json", "-o", str(out))
    copy = tmp_path / "copy.db"
    run.ok("import", "json", str(out), "--db", str(copy))
    assert assert_seen(copy) == 2
    conn = sqlite3.connect(db_file)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("DELETE FROM touch_contact WHERE contact_id = 1")
    conn.commit()
    assert assert_seen(db_file) == 1
    assert seen(run) == {"BNI": 1}
    conn.execute("UPDATE touch SET kind = 'met' WHERE event_id IS NOT NULL")
    conn.commit()
    conn.close()
    assert assert_seen(db_file) == 0
    assert seen(run) == {"BNI": 0}


def test_the_upgrade_counts_who_was_seen_where(run, db_file):
    conn = sqlite3.connect(old_database(db_file, 15))
    conn.execute(
        "UPDATE touch SET event_id = (SELECT min(id) FROM event), kind = 'event' "
        "WHERE id = (SELECT min(touch_id) FROM touch_contact)"
    )
    conn.commit()
    conn.close()
    assert sum(seen(run).values()) >= 1  # opens: migrates
    assert assert_seen(db_file) >= 1
