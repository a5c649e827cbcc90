"""Where the database lives, and opening it safely.

One sqlite3 connection per command, configured here (WAL, foreign keys, busy timeout, owner-only
file), migrated here, and handed to SQLAlchemy through a `creator` so the session uses the very
same connection. The connection runs in autocommit mode and the engine's `begin` event emits
`BEGIN` (or `BEGIN IMMEDIATE` for a writing command): SQLAlchemy's documented recipe for
pysqlite, which otherwise leaves DDL and the start of a transaction to the driver's guesswork.
`BEGIN IMMEDIATE` takes the write lock up front, so two writers queue on the busy timeout
instead of failing half-way with "database is locked".

Only the standard library is imported at module level: `where` and completion use this module
without paying for SQLAlchemy. Read-only commands whose service is plain SQL (`due`) use
`reader`, which never imports SQLAlchemy at all (see `netwerk.query`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from netwerk.errors import StoreError

if TYPE_CHECKING:
    from sqlmodel import Session

    from netwerk.query import Reader

ENV_DB = "NETWERK_DB"
BUSY_TIMEOUT_MS = 30_000


def default_path() -> Path:
    """The database in the platform's user data folder ($XDG_DATA_HOME/netwerk on Linux)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("netwerk", appauthor=False)) / "netwerk.db"


def resolve_path(option: str | None = None) -> Path:
    """The database path: `--db`, else $NETWERK_DB, else the platform default."""
    chosen = option or os.environ.get(ENV_DB)
    path = Path(chosen).expanduser() if chosen else default_path()
    return path.absolute()


def _create_file(path: Path) -> None:
    """Create the folder (0700) and an empty database file (0600), whatever the umask."""
    folder = path.parent
    if not folder.exists():
        try:
            folder.mkdir(mode=0o700, parents=True)
            folder.chmod(0o700)
        except OSError as e:
            raise StoreError(f"Cannot create the folder {folder}: {e.strerror}.") from e
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as e:
        raise StoreError(f"Cannot create the database {path}: {e.strerror}.") from e
    os.fchmod(fd, 0o600)
    os.close(fd)


def _describe(error: sqlite3.Error, path: Path) -> str:
    text = str(error)
    if "not a database" in text or "malformed" in text:
        return f"{path} is not a netwerk database, or it is damaged ({text})."
    if "readonly" in text or "read-only" in text:
        return f"Cannot write to {path}: the file or its folder is read-only."
    if "disk is full" in text or "disk I/O" in text:
        return f"Cannot write to {path}: {text} (is the disk full?)."
    if "locked" in text or "busy" in text:
        return f"{path} is busy in another netwerk process; try again in a moment."
    if "unable to open" in text:
        return f"Cannot open {path}: check that the folder exists and is readable."
    return f"Database error in {path}: {text}."


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database at `path`, in autocommit mode."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file.")
    created = not path.exists()
    if created:
        _create_file(path)
    try:
        conn = sqlite3.connect(
            path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )
    except sqlite3.Error as e:
        raise StoreError(_describe(e, path)) from e
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        conn.execute("PRAGMA foreign_keys = ON")
        # WAL: readers never block the writer; FULL sync: a commit survives power loss.
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.create_function("netwerk_fold", -1, _fold_all, deterministic=True)
        _migrate(conn, path)
    except sqlite3.Error as e:
        conn.close()
        raise StoreError(_describe(e, path)) from e
    except BaseException:
        conn.close()
        raise
    return conn


def _fold_all(*parts: str | None) -> str:
    """SQL `netwerk_fold(a, b, …)`: the folded text of the non-null arguments (for search)."""
    from netwerk.names import fold

    return fold(" ".join(p for p in parts if p))


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    from netwerk import migrations

    waiting = migrations.pending(conn)
    if waiting == 0:
        return
    if waiting < 0:
        raise StoreError(
            f"{path} was written by a newer netwerk (schema version "
            f"{migrations.schema_version() - waiting}; this netwerk knows "
            f"{migrations.schema_version()}). Upgrade netwerk to use it."
        )
    current = migrations.schema_version() - waiting
    if current == 0:
        foreign = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]
        if foreign:
            raise StoreError(f"{path} is a SQLite database, but not one of netwerk's.")
    else:
        backup_before_migration(conn, path, current)
    migrations.apply(conn)


def backup_before_migration(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the database aside (owner-only) before upgrading it from schema `version`."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    copy_database(conn, target)
    return target


def copy_database(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of the open database at `target` (SQLite backup API), mode 0600."""
    if target.exists():
        raise StoreError(f"{target} already exists; choose another path.")
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.fchmod(fd, 0o600)
    os.close(fd)
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    except sqlite3.Error as e:
        dest.close()
        target.unlink(missing_ok=True)
        raise StoreError(f"Cannot copy the database to {target}: {e}.") from e
    dest.close()


@contextmanager
def session(path: Path, *, write: bool) -> Iterator[Session]:
    """One command's unit of work: commit at the end, roll back on any error."""
    conn = connect(path)
    from sqlalchemy import create_engine, event, exc
    from sqlalchemy.pool import StaticPool
    from sqlmodel import Session

    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    try:
        with Session(engine, expire_on_commit=False) as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise
    except exc.DBAPIError as e:
        raise StoreError(_describe(e.orig, path)) from e  # type: ignore[arg-type]
    finally:
        engine.dispose()
        conn.close()


@contextmanager
def reader(path: Path) -> Iterator[Reader]:
    """One read-only command's unit of work on plain sqlite3: one read transaction (a consistent
    snapshot), always rolled back, so a reader can never write."""
    from netwerk.query import Reader

    conn = connect(path)
    try:
        conn.execute("BEGIN")
        try:
            yield Reader(conn)
        finally:
            conn.execute("ROLLBACK")
    except sqlite3.Error as e:
        raise StoreError(_describe(e, path)) from e
    finally:
        conn.close()
