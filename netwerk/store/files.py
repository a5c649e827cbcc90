"""Where the database lives, and checks on the file before SQLite opens it: the path (`--db`,
$NETWERK_DB, the user data folder), owner-only creation of the folder and files, and refusing a
file that is not SQLite or is shorter than its header says. Standard library only."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import NamedTuple

from netwerk.errors import StoreError
from netwerk.i18n import _

ENV_DB = "NETWERK_DB"
HEADER_TRIES = 5
SQLITE_MAGIC = b"SQLite format 3\x00"


def default_path() -> Path:
    """The database in the platform's user data folder ($XDG_DATA_HOME/netwerk on Linux)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("netwerk", appauthor=False)) / "netwerk.db"


def resolve_path(option: str | None = None) -> Path:
    """The database path: `--db`, else $NETWERK_DB, else the platform default."""
    chosen = option or os.environ.get(ENV_DB)
    path = Path(chosen).expanduser() if chosen else default_path()
    return path.absolute()


def create_file(path: Path) -> None:
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
    reserve_file(path, _("Cannot create the database {target}: {problem}."))


def check_header(path: Path) -> None:
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


def reserve_file(target: Path, cannot: str | None = None) -> bool:
    """Create `target` empty and owner-only (0600 whatever the umask); False if it already
    exists (never overwrite). Anything we write that holds personal data (the database,
    backups, exports) starts here. `cannot` is the sentence for a failure, with {target} and
    {problem}."""
    try:
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return False
    except OSError as e:
        sentence = cannot or _("Cannot create {target}: {problem}.")
        raise StoreError(sentence.format(target=target, problem=e.strerror)) from e
    os.fchmod(fd, 0o600)
    os.close(fd)
    return True


class Created(NamedTuple):
    """What opening a database for a write is about to create: the file (None if it is there)
    and new folders, deepest first. A write that fails takes them away (`remove_created`)."""

    database: Path | None = None
    folders: tuple[Path, ...] = ()


def would_create(path: Path) -> Created:
    """What `create_file(path)` would make now."""
    if path.exists():
        return Created()
    folder = path.parent
    return Created(path, tuple(p for p in [folder, *folder.parents] if not p.exists()))


def remove_created(created: Created) -> None:
    """Take away what a failed write created (with SQLite's files beside the database), if it
    is still an empty database: a second netwerk process that wrote to it meanwhile keeps it."""
    database = created.database
    if database is not None:
        if database.is_file() and not _holds_nothing(database):
            return
        for extra in ("", "-wal", "-shm", "-journal"):
            database.with_name(database.name + extra).unlink(missing_ok=True)
    for folder in created.folders:
        try:
            folder.rmdir()
        except OSError:
            return  # not empty (something else is in it now): leave it and its parents


def _holds_nothing(path: Path) -> bool:
    """True when the database at `path` has no contact, touch, circle or event in it."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            return not any(
                conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone()  # noqa: S608
                for table in ("contact", "touch", "circle", "event")
                if table in tables
            )
        finally:
            conn.close()
    except sqlite3.Error:
        return False
