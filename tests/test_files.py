"""Files that are not ours, and files we make: one clear sentence, exit 1, the file untouched;
everything we create is owner-only whatever the umask.

Read-only files and folders are made with `chattr +i` when running as root (root ignores
permission bits) and with chmod otherwise. A full disk is a real, tiny tmpfs mounted for the
test (root only; skipped elsewhere).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from netwerk.store import migrations

ROOT = os.geteuid() == 0


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    if ROOT:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
            pytest.skip("chattr is not available on this filesystem")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def one_sentence(result, *words: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr


def test_read_only_database_file(run, db_file):
    run.ok("add", "Piet Jansen")
    before = db_file.read_bytes()
    with read_only(db_file):
        one_sentence(run("add", "Klaas"), "read-only", "Nothing was saved")
        one_sentence(run("log", "Piet"), "read-only")
        assert run.json("list")[0]["name"] == "Piet Jansen"  # reading still works
    assert db_file.read_bytes() == before


def test_read_only_folder(run, db_file):
    run.ok("add", "Piet Jansen")
    before = files_in(db_file.parent)
    with read_only(db_file.parent):
        one_sentence(run("add", "Klaas"), "Cannot open", "write in it")
        one_sentence(run("list"), "Cannot open")
    assert files_in(db_file.parent) == before


def test_read_only_folder_for_a_new_database(run, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder):
        one_sentence(run("add", "Piet", "--db", str(folder / "n.db")), "Cannot create")
        one_sentence(
            run("add", "Piet", "--db", str(folder / "sub" / "n.db")), "Cannot create the folder"
        )
    assert list(folder.iterdir()) == []


def test_missing_folders_are_created_owner_only(run, tmp_path):
    path = tmp_path / "a" / "b" / "c" / "netwerk.db"
    run.ok("add", "Piet", "--db", str(path))
    for folder in (tmp_path / "a", tmp_path / "a" / "b", path.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.fixture
def tiny_disk() -> Iterator[Path]:
    """A real 512 KB filesystem (tmpfs), so SQLite meets a genuine ENOSPC."""
    if not ROOT or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    folder = Path(tempfile.mkdtemp(prefix="netwerk-full-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
    )
    if mounted.returncode:
        folder.rmdir()
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)
        folder.rmdir()


def test_full_disk(run, tiny_disk):
    db = str(tiny_disk / "netwerk.db")
    run.ok("add", "Piet Jansen", "--db", db)
    big = "x" * 9000
    full = None
    for i in range(120):
        result = run("add", f"Vriend {i}", "--note", big, "--db", db)
        if result.exit_code:
            full = result
            break
    assert full is not None, "the disk never filled up"
    one_sentence(full, "the disk is full", "Nothing was saved")
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    saved = conn.execute("SELECT count(*) FROM contact").fetchone()[0]
    conn.close()
    assert saved == i + 1  # every earlier command landed; the failing one wrote nothing
    assert run.json("show", "Piet", "--db", db)["name"] == "Piet Jansen"
    # a log needs less room than the add that failed: log until the disk refuses it too
    for _ in range(20):
        result = run("log", "Piet", "--note", big, "--db", db)
        if result.exit_code:
            break
    one_sentence(result, "disk is full")


def test_forget_on_a_full_disk(run, tiny_disk):
    """Erasing needs room for the log and the rebuild: either it is refused whole, or the
    person is gone and the file intact (a failed rebuild is only a hint)."""
    db = str(tiny_disk / "netwerk.db")
    run.ok("add", "Piet Jansen", "--note", "p" * 5000, "--db", db)
    for i in range(120):
        if run("add", f"Vriend {i}", "--note", "Piet Jansen " * 700, "--db", db).exit_code:
            break
    result = run("forget", "Piet Jansen", "--yes", "--db", db)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    left = conn.execute("SELECT count(*) FROM contact WHERE name = 'Piet Jansen'").fetchone()[0]
    conn.close()
    if result.exit_code == 0:
        assert left == 0
    else:
        one_sentence(result, "disk is full")
        assert left == 1


@pytest.mark.parametrize("special", ["/dev/null", "fifo"])
def test_not_a_regular_file(run, tmp_path, special):
    """/dev/null would swallow every write and report success; a pipe would hang."""
    path = special
    if special == "fifo":
        path = str(tmp_path / "pipe")
        os.mkfifo(path)
    one_sentence(run("add", "Piet", "--db", path), "not a regular file")
    one_sentence(run("list", "--db", path), "not a regular file")


def test_truncated_database(run, db_file):
    run.ok("add", "Piet Jansen", "--note", "x" * 5000)
    for i in range(30):
        run.ok("add", f"Vriend {i}", "--note", "y" * 3000)
    data = db_file.read_bytes()
    db_file.write_bytes(data[: len(data) // 2])
    cut = db_file.read_bytes()
    for args in (["list"], ["add", "Klaas"], ["forget", "Piet", "--yes"]):
        one_sentence(run(*args), "damaged", "truncated")
    assert db_file.read_bytes() == cut


def test_corrupt_pages(run, db_file):
    """Garbage in the middle of the file: commands that meet it fail in one sentence."""
    run.ok("add", "Piet Jansen")
    for i in range(30):
        run.ok("add", f"Vriend {i}", "--note", "y" * 3000)
    data = bytearray(db_file.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for n in range(2, len(data) // page):
        data[n * page : n * page + 100] = b"\xa5" * 100
    db_file.write_bytes(bytes(data))
    for args in (["list"], ["show", "Piet"], ["add", "Klaas"], ["due"]):
        one_sentence(run(*args), "damaged")
    assert db_file.read_bytes() == bytes(data)


def test_newer_database_in_rollback_mode_is_not_even_switched_to_wal(run, db_file):
    db_file.parent.mkdir(mode=0o700)
    conn = sqlite3.connect(db_file)
    conn.execute("CREATE TABLE contact (id INTEGER PRIMARY KEY, future TEXT)")
    conn.execute(f"PRAGMA user_version = {migrations.schema_version() + 1}")
    conn.commit()
    conn.close()
    before = files_in(db_file.parent)
    one_sentence(run("add", "Piet"), "newer netwerk", "Upgrade netwerk")
    one_sentence(run("list"), "newer netwerk")
    assert files_in(db_file.parent) == before


PERMISSIONS = """
import os, sys, stat
from pathlib import Path
os.umask(0)
from netwerk.cli import app
from netwerk.store.backup import backup_before_migration
from netwerk.store.db import connect
path = Path(sys.argv[1])
try:
    app(["add", "Piet", "--db", str(path)])
except SystemExit:
    pass
conn = connect(path)  # hold it open: -wal and -shm exist only while a connection does
conn.execute("INSERT INTO circle (name, name_key) VALUES ('x', 'x')")
backup_before_migration(conn, path, 1).rename(path.with_name("copy.bak"))
for p in sorted(path.parent.iterdir()):
    print(p.name, oct(stat.S_IMODE(p.stat().st_mode)))
print("folder", oct(stat.S_IMODE(path.parent.stat().st_mode)))
"""


def test_owner_only_files_with_umask_zero(tmp_path):
    """The database, its -wal and -shm files, its folder and a backup, with umask 0."""
    path = tmp_path / "new" / "netwerk.db"
    out = subprocess.run(
        [sys.executable, "-c", PERMISSIONS, str(path)], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[1:] == [
        "copy.bak 0o600",
        "netwerk.db 0o600",
        "netwerk.db-shm 0o600",
        "netwerk.db-wal 0o600",
        "folder 0o700",
    ]


def test_too_old_sqlite_is_one_clear_line(run, db_file, monkeypatch, unchanged):
    """A Python built with an SQLite older than 3.33 gets told so, and nothing is written."""
    import sqlite3

    run.ok("add", "Piet")
    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 22, 0))
    monkeypatch.setattr(sqlite3, "sqlite_version", "3.22.0")
    with unchanged():
        result = run.fails("due")
    assert "needs SQLite 3.33.0 or newer; this Python has 3.22.0" in result.stderr
