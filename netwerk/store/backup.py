"""Copies of the open database: before a schema upgrade, and `netwerk backup`, with SQLite's
backup API (consistent while another netwerk writes), owner-only. Standard library only."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from netwerk.errors import StoreError
from netwerk.i18n import _
from netwerk.store.files import reserve_file


def backup_before_migration(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the database aside (owner-only) before upgrading it from schema `version`."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    n = 1
    # two processes upgrading in the same second: each keeps its own copy, neither fails
    while not reserve_file(target):
        n += 1
        target = path.with_name(f"{path.name}.v{version}-{stamp}-{n}.bak")
    _backup_into(conn, target)
    return target


def copy_database(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of the open database at `target` (SQLite backup API), mode 0600."""
    if not reserve_file(target):
        raise StoreError(_("{target} already exists; choose another path.").format(target=target))
    _backup_into(conn, target)


def _backup_into(conn: sqlite3.Connection, target: Path) -> None:
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    except sqlite3.Error as e:
        dest.close()
        target.unlink(missing_ok=True)
        raise StoreError(
            _("Cannot copy the database to {target}: {problem}.").format(target=target, problem=e)
        ) from e
    dest.close()
