"""Opening the database safely: one sqlite3 connection per command, configured here (WAL,
foreign keys, busy timeout, netwerk's SQL functions) and migrated here, in autocommit mode;
`netwerk.store.store.open_store` wraps it in a `Store` and issues the transaction's `BEGIN` /
`BEGIN IMMEDIATE` itself. Also `scrub`, which rebuilds the file after `forget`.

The path and the checks on the file are in `netwerk.store.files`, the copies (before a
migration, `netwerk backup`) in `netwerk.store.backup`. Standard library only.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from netwerk.errors import StoreError
from netwerk.i18n import _
from netwerk.rules.names import sort_key
from netwerk.rules.text import fold, words
from netwerk.store.backup import backup_before_migration
from netwerk.store.files import check_header, create_file

BUSY_TIMEOUT_MS = 30_000
SCRUB_WAIT_MS = 2_000
# generated columns (3.31) and UPDATE … FROM (3.33), both used since migration m004
MIN_SQLITE = (3, 33, 0)


def describe_error(error: sqlite3.Error, path: Path) -> str:
    text = str(error)
    if "not a database" in text or "malformed" in text:
        return _("{path} is not a netwerk database, or it is damaged ({text}).").format(
            path=path, text=text
        )
    if "readonly" in text or "read-only" in text:
        return _(
            "Cannot write to {path}: the file or its folder is read-only. Nothing was saved."
        ).format(path=path)
    if "disk is full" in text:
        return _(
            "Cannot write to {path}: the disk is full. Nothing was saved; free some space."
        ).format(path=path)
    if "disk I/O" in text:
        return _(
            "Cannot write to {path}: {text} (is the disk full or failing?). Nothing was saved."
        ).format(path=path, text=text)
    if "locked" in text or "busy" in text:
        return _("{path} is busy in another netwerk process; try again in a moment.").format(
            path=path
        )
    if "unable to open" in text:
        return _(
            "Cannot open {path}: check that its folder exists and that you may write in it "
            "(netwerk keeps a journal file beside the database)."
        ).format(path=path)
    return _("Database error in {path}: {text}.").format(path=path, text=text)


class NoDatabase(StoreError):
    """A read command pointed at a database that does not exist (yet)."""


def connect(path: Path, *, create: bool = True) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database at `path`, in autocommit mode.

    Nothing is written to a file that is not ours: a non-SQLite, truncated, foreign or newer
    database is refused before the journal mode is switched or a migration starts.
    """
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        raise StoreError(
            _(
                "netwerk needs SQLite {names} or newer; this Python has {sqlite_version}. Install "
                "netwerk with a newer Python."
            ).format(names=".".join(map(str, MIN_SQLITE)), sqlite_version=sqlite3.sqlite_version)
        )
    if path.is_dir():
        raise StoreError(_("{path} is a folder, not a database file.").format(path=path))
    if path.exists() and not path.is_file():
        # /dev/null would swallow every write; a pipe would hang the first read
        raise StoreError(
            _("{path} is not a regular file, so it cannot hold a database.").format(path=path)
        )
    if path.exists():
        check_header(path)
    elif not create:
        # a read never creates: a mistyped --db must not look like an empty network
        raise NoDatabase(
            _("There is no database at {path} yet: `netwerk add NAME` creates it.").format(
                path=path
            )
        )
    else:
        create_file(path)
    # SQLite may answer "database is locked" without waiting on the busy timeout where waiting
    # could deadlock (e.g. several processes switching a brand-new file to WAL and migrating
    # it at once). Opening is idempotent, so retry it, as SQLite asks, for as long as the
    # busy timeout would have waited.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.02
    while True:
        try:
            return _open(path)
        except StoreError as e:
            if not _is_busy(e.__cause__) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


def _is_busy(error: BaseException | None) -> bool:
    return isinstance(error, sqlite3.OperationalError) and (
        "locked" in str(error) or "busy" in str(error)
    )


def _open(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(
            path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )
    except sqlite3.Error as e:
        raise StoreError(describe_error(e, path)) from e
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        conn.execute("PRAGMA foreign_keys = ON")
        _refuse_foreign(conn, path)
        # WAL: readers never block the writer; FULL sync: a commit survives power loss.
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.create_function("netwerk_fold", -1, _fold_all, deterministic=True)
        conn.create_function("netwerk_words", -1, _words_all, deterministic=True)
        conn.create_function("netwerk_sort_name", 1, _sort_name, deterministic=True)
        _migrate(conn, path)
    except sqlite3.Error as e:
        conn.close()
        raise StoreError(describe_error(e, path)) from e
    except BaseException:
        conn.close()
        raise
    return conn


def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a database written by a newer netwerk, or by another program, before any write.

    Version and table count are read in one statement, so one snapshot: another process that
    is creating the schema right now is seen either before (empty) or after (version set).
    """
    version, tables = conn.execute(
        "SELECT (SELECT user_version FROM pragma_user_version), "
        "(SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%')"
    ).fetchone()
    from netwerk.store import migrations

    known = migrations.schema_version()
    if version > known:
        raise StoreError(
            _(
                "{path} was written by a newer netwerk (schema version {version}; this netwerk "
                "knows {known}). Upgrade netwerk to use it."
            ).format(path=path, version=version, known=known)
        )
    if version == 0 and tables:
        raise StoreError(
            _("{path} is a SQLite database, but not one of netwerk's.").format(path=path)
        )


def _fold_all(*parts: str | None) -> str:
    """SQL `netwerk_fold(a, b, …)`: the folded text of the non-null arguments (for search).
    The rules are imported at module level: these run once per row, and an import statement
    per call cost a fifth of `list` on 50,000 contacts."""
    return fold(" ".join(p for p in parts if p))


def _sort_name(name: str | None) -> str:
    """SQL `netwerk_sort_name(name)`: the Dutch sort key (`rules.names.sort_key`: 'Jan van
    der Berg' under B)."""
    return sort_key(name or "")


def _words_all(*parts: str | None) -> str:
    """SQL `netwerk_words(a, b, …)`: `names.words` of the non-null arguments (for `who`)."""
    return words(" ".join(p for p in parts if p))


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    from netwerk.store import migrations

    waiting = migrations.pending(conn)
    if waiting <= 0:
        return  # newer files were refused by _refuse_foreign
    current = migrations.schema_version() - waiting
    if current > 0:
        backup_before_migration(conn, path, current)
    # apply() re-checks the version under the write lock, so two processes opening the same
    # old (or new) database at once migrate it exactly once.
    migrations.apply(conn)


def scrub(path: Path) -> bool:
    """Leave no deleted bytes behind: empty the write-ahead log and rebuild the file.

    Run right after a committed erasure (VACUUM cannot run inside a transaction). VACUUM
    rewrites every page, so free pages keep nothing; its scratch copy stays in memory rather
    than in a temporary file. False when another process kept the log from being emptied.
    """
    conn = connect(path)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("VACUUM")
        # a reader in another process holds old pages; do not keep the user waiting for it
        conn.execute(f"PRAGMA busy_timeout = {SCRUB_WAIT_MS:d}")
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error as e:
        raise StoreError(describe_error(e, path)) from e
    finally:
        conn.close()
    return busy == 0
