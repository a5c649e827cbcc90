"""Two or more processes writing at once lose nothing, and never show "database is locked".

Most runs use the service layer in forked processes (fast: no interpreter start-up per
command, yet separate processes with their own connections and locks, exactly as two
`netwerk` commands); one run uses the real console script.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from netwerk.services.contacts import ContactFields, add_contact
from netwerk.services.touches import log_touch
from netwerk.store import migrations
from netwerk.store.db import connect
from netwerk.store.store import open_store

TODAY = date(2026, 11, 22)
FORK = multiprocessing.get_context("fork")


def _log_many(path: str, worker: int, count: int) -> None:
    """One process doing `count` separate `netwerk log` commands (one transaction each)."""
    for i in range(count):
        with open_store(Path(path), write=True) as s:
            log_touch(s, ["Piet"], when=TODAY, kind="call", note=f"w{worker}-{i}", today=TODAY)


def _add_many(path: str, worker: int, count: int) -> None:
    for i in range(count):
        with open_store(Path(path), write=True) as s:
            add_contact(s, f"Persoon {worker}-{i}", ContactFields(), today=TODAY)


def _run_all(target, args_list: list[tuple]) -> None:  # type: ignore[no-untyped-def]
    procs = [FORK.Process(target=target, args=args) for args in args_list]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0] * len(procs)


def test_two_processes_logging_at_once_lose_nothing(db_file):
    with open_store(db_file, write=True) as s:
        add_contact(s, "Piet Jansen", ContactFields(), today=TODAY)
    _run_all(_log_many, [(str(db_file), w, 100) for w in range(2)])
    conn = sqlite3.connect(db_file)
    notes = {n for (n,) in conn.execute("SELECT note FROM touch WHERE kind = 'call'")}
    assert notes == {f"w{w}-{i}" for w in range(2) for i in range(100)}
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_adds_and_logs_interleaved(db_file):
    with open_store(db_file, write=True) as s:
        add_contact(s, "Piet Jansen", ContactFields(), today=TODAY)
    procs = [
        FORK.Process(target=_add_many, args=(str(db_file), 0, 50)),
        FORK.Process(target=_log_many, args=(str(db_file), 1, 50)),
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0, 0]
    conn = sqlite3.connect(db_file)
    assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 51
    assert conn.execute("SELECT count(*) FROM touch WHERE kind='call'").fetchone()[0] == 50


def _first_open(path: str, worker: int, count: int) -> None:
    _add_many(path, worker, count)


def test_many_processes_creating_the_database_at_once(db_file):
    """The first open creates the folder and the file and runs every migration; racing it
    must not fail ("File exists", "not one of netwerk's", a migration applied twice)."""
    for attempt in range(5):
        path = db_file.parent / f"race{attempt}" / "netwerk.db"  # the folder is new too
        _run_all(_first_open, [(str(path), w, 1) for w in range(4)])
        conn = sqlite3.connect(path)
        assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 4
        assert conn.execute("SELECT count(*) FROM _migrations").fetchone()[0] == len(
            migrations.MIGRATIONS
        )


def _slow_new_column(conn: sqlite3.Connection) -> None:
    migrations.run_script(conn, "ALTER TABLE contact ADD COLUMN shoe_size INTEGER")


def test_many_processes_upgrading_the_database_at_once(db_file, monkeypatch):
    """An old database opened by several new processes at once is migrated exactly once, each
    process keeps going, and at least one copy is put aside first."""
    connect(db_file).close()
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, _slow_new_column])
    _run_all(_first_open, [(str(db_file), w, 2) for w in range(4)])  # forked: they see it too
    conn = sqlite3.connect(db_file)
    assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 8
    assert [r[0] for r in conn.execute("SELECT name FROM _migrations")][-1] == "_slow_new_column"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS)
    assert 1 <= len(list(db_file.parent.glob("*.bak"))) <= 4


def _hold_write_lock(path: str, seconds: float, ready) -> None:  # type: ignore[no-untyped-def]
    """A long import: one write transaction that takes a while."""
    import time

    with open_store(Path(path), write=True) as s:
        add_contact(s, "Lange Import", ContactFields(), today=TODAY)
        ready.set()
        time.sleep(seconds)


def test_real_commands_in_parallel_and_during_a_long_write(db_file, tmp_path):
    """The installed script: 2 × 5 `netwerk log` at once while another process holds the
    write lock for two seconds; every command waits its turn and succeeds."""
    exe = shutil.which("netwerk") or str(Path(sys.executable).parent / "netwerk")
    env = {**os.environ, "NETWERK_DB": str(db_file)}
    assert subprocess.run([exe, "add", "Piet Jansen"], env=env).returncode == 0
    ready = FORK.Event()
    holder = FORK.Process(target=_hold_write_lock, args=(str(db_file), 2.0, ready))
    holder.start()
    assert ready.wait(30)
    script = "for i in $(seq 1 5); do {exe} log Piet --kind call --note $1-$i || exit 1; done"
    loops = [
        subprocess.Popen(
            ["sh", "-c", script.format(exe=exe), "sh", f"p{n}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    outputs = [p.communicate(timeout=240) for p in loops]
    holder.join(60)
    assert [p.returncode for p in loops] == [0, 0], outputs
    assert not any("locked" in err or "busy" in err for _, err in outputs)
    conn = sqlite3.connect(db_file)
    notes = {n for (n,) in conn.execute("SELECT note FROM touch WHERE kind = 'call'")}
    assert notes == {f"p{n}-{i}" for n in range(2) for i in range(1, 6)}
    assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 2


@pytest.mark.parametrize("write", [True, False])
def test_readers_are_not_blocked_by_a_writer(db_file, write):
    """WAL: `due` and `show` run while an import holds the write lock; writers queue."""
    import time

    connect(db_file).close()
    ready = FORK.Event()
    holder = FORK.Process(target=_hold_write_lock, args=(str(db_file), 1.5, ready))
    holder.start()
    assert ready.wait(30)
    started = time.monotonic()
    with open_store(db_file, write=write) as s:
        if write:
            add_contact(s, "Na De Import", ContactFields(), today=TODAY)
        else:
            s.rows("SELECT count(*) FROM contact")
    waited = time.monotonic() - started
    holder.join(30)
    assert (waited > 1.0) == write
