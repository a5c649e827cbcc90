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
`reader`, which never imports SQLAlchemy at all (see `netwerk.store.query`).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from netwerk.errors import StoreError
from netwerk.i18n import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from netwerk.store.query import Reader, Writer

ENV_DB = "NETWERK_DB"
BUSY_TIMEOUT_MS = 30_000
SCRUB_WAIT_MS = 2_000
HEADER_TRIES = 5
# generated columns (3.31) and UPDATE … FROM (3.33), both used since migration m004
MIN_SQLITE = (3, 33, 0)


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
        except FileExistsError:
            pass  # another netwerk process made it a moment ago
        except OSError as e:
            raise StoreError(
                _("Cannot create the folder {folder}: {problem}.").format(
                    folder=folder, problem=e.strerror
                )
            ) from e
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as e:
        raise StoreError(
            _("Cannot create the database {path}: {problem}.").format(path=path, problem=e.strerror)
        ) from e
    os.fchmod(fd, 0o600)
    os.close(fd)


def _describe(error: sqlite3.Error, path: Path) -> str:
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


def connect(path: Path) -> sqlite3.Connection:
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
        _check_header(path)
    else:
        _create_file(path)
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
        raise StoreError(_describe(e, path)) from e
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
        _migrate(conn, path)
    except sqlite3.Error as e:
        conn.close()
        raise StoreError(_describe(e, path)) from e
    except BaseException:
        conn.close()
        raise
    return conn


SQLITE_MAGIC = b"SQLite format 3\x00"


def _check_header(path: Path) -> None:
    """Refuse a file that is not SQLite, or a database shorter than its header says.

    SQLite itself would open a truncated file and fail (or, worse, write) only when a query
    reaches a missing page; comparing the header's page count with the file size catches it
    up front. Another netwerk process may be creating the file or copying its log back at this
    very moment, when the file briefly looks odd: a problem counts only if it persists.
    """
    for _attempt in range(HEADER_TRIES - 1):
        if _header_problem(path) is None:
            return
        time.sleep(0.1)
    problem = _header_problem(path)
    if problem:
        raise StoreError(problem)


def _header_problem(path: Path) -> str | None:
    wal = path.with_name(path.name + "-wal")
    try:
        # the log first: while it holds pages, the main file may lag behind its header
        wal_has_pages = wal.stat().st_size > 32
    except FileNotFoundError:
        wal_has_pages = False
    except OSError as e:
        return _("Cannot read {wal}: {problem}.").format(wal=wal, problem=e.strerror)
    try:
        with path.open("rb") as f:
            header = f.read(100)
        size = path.stat().st_size
    except OSError as e:
        return _("Cannot read {path}: {problem}.").format(path=path, problem=e.strerror)
    if not header:
        return None  # an empty file is a new database (we may have just created it)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return _("{path} is not a netwerk database (it is not a SQLite file).").format(path=path)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return _("{path} is not a netwerk database, or it is damaged (bad header).").format(
            path=path
        )
    # the page count is trustworthy only when its "valid-for" counter matches (SQLite >= 3.7)
    pages = int.from_bytes(header[28:32], "big") if header[92:96] == header[24:28] else 0
    if pages and size < pages * page_size and not wal_has_pages:
        return _(
            "{path} is damaged: it is shorter than its own header says (truncated?). Restore it "
            "from a backup."
        ).format(path=path)
    return None


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
    """SQL `netwerk_fold(a, b, …)`: the folded text of the non-null arguments (for search)."""
    from netwerk.rules.text import fold

    return fold(" ".join(p for p in parts if p))


def _words_all(*parts: str | None) -> str:
    """SQL `netwerk_words(a, b, …)`: `names.words` of the non-null arguments (for `who`)."""
    from netwerk.rules.text import words

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


def reserve_file(target: Path) -> bool:
    """Create `target` empty and owner-only (0600 whatever the umask); False if it already
    exists (never overwrite). Anything we write that holds personal data (backups, exports)
    starts here."""
    try:
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return False
    except OSError as e:
        raise StoreError(
            _("Cannot create {target}: {problem}.").format(target=target, problem=e.strerror)
        ) from e
    os.fchmod(fd, 0o600)
    os.close(fd)
    return True


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
        raise StoreError(_describe(e, path)) from e
    finally:
        conn.close()
    return busy == 0


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
    except sqlite3.Error as e:  # plain SQL on the session's connection (the undo journal …)
        raise StoreError(_describe(e, path)) from e
    finally:
        engine.dispose()
        conn.close()


@contextmanager
def writer(path: Path) -> Iterator[Writer]:
    """One writing command on plain sqlite3, for bulk work that needs no ORM (`import`): one
    BEGIN IMMEDIATE transaction, committed at the end, rolled back on any error."""
    from netwerk.store.query import Writer

    conn = connect(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield Writer(conn)
            if conn.in_transaction:
                conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except sqlite3.Error as e:
        raise StoreError(_describe(e, path)) from e
    finally:
        conn.close()


@contextmanager
def reader(path: Path) -> Iterator[Reader]:
    """One read-only command's unit of work on plain sqlite3: one read transaction (a consistent
    snapshot), always rolled back, so a reader can never write."""
    from netwerk.store.query import Reader

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
