"""Reads never create a database; a command that fails leaves no new file or folder behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netwerk.store.db import connect


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_a_read_on_a_missing_folder_creates_nothing(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run.fails("--db", "typo/x.db", "list")
    assert result.output.count("\n") == 1
    assert str(tmp_path / "typo" / "x.db") in result.output
    assert "`netwerk add NAME` creates it" in result.output
    assert files_under(tmp_path) == []


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["due"],
        ["due", "--unknown"],
        ["show", "Piet"],
        ["asks"],
        ["intros"],
        ["who", "haven"],
        ["path", "Piet"],
        ["circle", "list"],
        ["goal", "list"],
        ["event", "list"],
        ["export", "json"],
    ],
)
def test_a_read_on_a_database_that_does_not_exist(run, db_file, command):
    result = run.fails(*command)
    assert result.output.startswith(f"Error: There is no database at {db_file} yet")
    assert not db_file.exists()
    assert not db_file.parent.exists()


def test_a_failed_write_creates_no_default_database(run, db_file):
    result = run.fails("give", "Zoe", "een boek")
    assert "No contact 'Zoe'" in result.output
    assert not db_file.exists()
    assert not db_file.parent.exists()


@pytest.mark.parametrize(
    "command",
    [
        ["log", "Zoe"],
        ["ask", "Zoe", "een intro"],
        ["add", "Piet", "--via", "Zoe"],
        ["add", "Piet", "--met", "blorp"],
        ["snooze", "Zoe", "morgen"],
        ["knows", "Zoe", "Piet"],
    ],
)
def test_a_failed_write_leaves_no_file_or_folder(run, tmp_path, command):
    target = tmp_path / "new" / "deeper" / "n.db"
    run.fails("--db", str(target), *command)
    assert files_under(tmp_path) == []


def test_a_failed_write_keeps_a_folder_that_was_there(run, tmp_path):
    (tmp_path / "mine").mkdir()
    run.fails("--db", str(tmp_path / "mine" / "n.db"), "log", "Zoe")
    assert files_under(tmp_path) == ["mine"]


def test_a_failed_write_on_an_existing_database_keeps_it(run, people, db_file, unchanged):
    people("Piet Jansen")
    with unchanged():
        run.fails("log", "Zoe")
    assert db_file.exists()


def test_a_successful_write_creates_the_database(run, db_file):
    run.ok("add", "Piet Jansen")
    assert db_file.exists()
    assert oct(db_file.parent.stat().st_mode & 0o777) == "0o700"


def test_a_read_of_an_empty_database_still_answers(run, db_file):
    connect(db_file).close()
    assert "Nobody is due" in run.ok("due").stdout
    assert "No contacts." in run.ok("list").stdout


def test_the_installed_script_creates_nothing_on_a_read(tmp_path):
    import shutil
    import subprocess
    import sys

    exe = shutil.which("netwerk") or str(Path(sys.executable).parent / "netwerk")
    env = {**os.environ, "NETWERK_DB": str(tmp_path / "data" / "n.db")}
    result = subprocess.run(
        [exe, "due"], capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "netwerk add" in result.stderr
    assert files_under(tmp_path) == []
