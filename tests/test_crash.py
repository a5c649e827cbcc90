"""A process killed (SIGKILL) in the middle of a large write or a migration leaves a database
that passes `PRAGMA integrity_check` and holds all or none of that operation."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from netwerk.store import migrations
from netwerk.store.db import connect

BULK = """
import sys
from datetime import date
from datetime import date
from pathlib import Path
from netwerk.store.store import open_store
from netwerk.services.contacts import ContactFields, add_contact
from netwerk.services.touches import log_touch

today = date(2026, 11, 22)
with open_store(Path(sys.argv[1]), write=True) as s:
    for i in range(int(sys.argv[2])):
        new = add_contact(s, f"Import {i}", ContactFields(note="x" * 500), today=today)
        # ids are never reused: each round's contacts have new ones
        log_touch(s, [f"#{new['id']}"], when=today, kind="call", note="bulk", today=today)
        if i == 50:
            print("busy", flush=True)
print("committed", flush=True)
"""

SLOW_MIGRATION = """
import sys, time
from datetime import date
from pathlib import Path
from netwerk.store import migrations
from netwerk.store.db import connect

def m999_slow(conn):
    migrations.run_script(conn, '''
        ALTER TABLE contact ADD COLUMN shoe_size INTEGER;
        CREATE TABLE half_done (x TEXT);
        UPDATE contact SET shoe_size = 42''')
    for i in range(2000):
        conn.execute("INSERT INTO half_done VALUES (?)", ("y" * 200,))
    print("migrating", flush=True)
    time.sleep(60)

migrations.MIGRATIONS.append(m999_slow)
connect(Path(sys.argv[1]))
"""


def child(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True)


def kill_after(proc: subprocess.Popen[str], marker: str, delay: float) -> None:
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == marker
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)


def check(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    return conn


def test_killed_in_the_middle_of_a_bulk_write(run, db_file):
    """Killed at several moments of one large transaction (300 contacts and touches): each
    time the database is intact and has none or all of it; killed ones that commit are rare."""
    run.ok("add", "Piet Jansen")
    outcomes = []
    for delay in (0.0, 0.05, 0.2, 0.5, 1.0):
        proc = child(BULK, str(db_file), "300")
        kill_after(proc, "busy", delay)
        conn = check(db_file)
        count = conn.execute("SELECT count(*) FROM contact").fetchone()[0]
        touches = conn.execute("SELECT count(*) FROM touch WHERE note = 'bulk'").fetchone()[0]
        conn.execute("PRAGMA foreign_keys = ON")  # the cleanup cascades as netwerk's deletes do
        conn.execute("DELETE FROM touch WHERE note = 'bulk'")
        conn.execute("DELETE FROM contact WHERE name LIKE 'Import %'")
        conn.commit()
        conn.close()
        assert (count, touches) in {(1, 0), (301, 300)}
        outcomes.append(count)
    assert 1 in outcomes  # at least one kill really landed mid-transaction
    assert run.json("show", "Piet")["name"] == "Piet Jansen"


def test_killed_in_the_middle_of_a_migration(run, db_file):
    run.ok("add", "Piet Jansen", "--note", "blijft")
    proc = child(SLOW_MIGRATION, str(db_file))
    kill_after(proc, "migrating", 0.1)
    conn = check(db_file)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.schema_version()
    assert "shoe_size" not in [r[1] for r in conn.execute("PRAGMA table_info(contact)")]
    assert conn.execute("SELECT name FROM sqlite_master WHERE name='half_done'").fetchall() == []
    conn.close()
    assert run.json("show", "Piet")["note"] == "blijft"
    assert len(list(db_file.parent.glob("*.bak"))) == 1  # the copy made before it started


FORGET = """
import sys, time
from datetime import date
from pathlib import Path
from netwerk.store.db import scrub
from netwerk.store.store import open_store
from netwerk.services.forget import forget_contact

path, stage = Path(sys.argv[1]), sys.argv[2]
with open_store(path, write=True) as s:
    forget_contact(s, "Piet Jansen")
    if stage == "erase":
        print("erase", flush=True)
        time.sleep(60)
print("scrub", flush=True)
scrub(path)
time.sleep(60)
"""


@pytest.mark.parametrize("stage", ["erase", "scrub"])
def test_killed_while_forgetting(run, db_file, stage):
    """Killed during the erasure or during the rebuild after it: intact, and the person is
    either still there with every mention, or gone with every mention."""
    from netwerk.services.contacts import ContactFields, add_contact
    from netwerk.store.store import open_store

    run.ok("add", "Piet Jansen")
    with open_store(db_file, write=True) as s:
        for i in range(300):
            fields = ContactFields(note=f"vriend van Piet Jansen {'x' * 3000}")
            add_contact(s, f"Vriend {i}", fields, today=date(2026, 11, 22))
    kill_after(child(FORGET, str(db_file), stage), stage, 0.0)
    conn = check(db_file)
    left = conn.execute("SELECT count(*) FROM contact WHERE name = 'Piet Jansen'").fetchone()[0]
    mentions = conn.execute("SELECT count(*) FROM contact WHERE note LIKE '%Piet Jansen%'")
    assert (left, mentions.fetchone()[0]) == ((1, 300) if stage == "erase" else (0, 0))
    conn.close()
    connect(db_file).close()
