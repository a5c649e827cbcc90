"""The one handle to the database: a `Store`, opened once per command, in one transaction.

    with open_store(path, write=True) as store:
        rows = store.rows("SELECT id, name FROM contact WHERE name_key = :key", {"key": key})
        new_id = store.insert("INSERT INTO touch (kind, happened_on) VALUES (:k, :d)", {...})

Every service takes a Store and reaches SQLite only through it: `rows` (all rows, as named
tuples: `r.id` or unpacking), `one` (the first row or None), `value` (the first column of the
first row or None), `execute` (a writing statement; how many rows it changed), `insert` (its
new rowid) and `executemany` (bulk). The connection is sqlite3 in autocommit mode, prepared by
`netwerk.store.db.connect`; `open_store` issues `BEGIN` (a read: one consistent snapshot,
always rolled back, so a reading command can never write) or `BEGIN IMMEDIATE` (a write: takes
the write lock up front, so two writers queue on the busy timeout instead of failing half-way)
itself, and `COMMIT` at the end (after filling in the derived rows the write left stale:
`REFRESH`), or `ROLLBACK` on any error (`released` is the one exception: `sync` commits
between batches while it waits on the server). Explicit BEGIN is what makes a failing
migration's DDL really roll back: pysqlite's implicit transactions do not cover it.

Plain sqlite3 is the everyday path: `add`, `log`, `show`, `due` and the other daily commands
never import SQLAlchemy, SQLModel or pydantic (~0.3 s). The SQLModel classes in
`netwerk.store.models` still declare the schema (a test holds the migrated database against
them), and `store.orm()` gives an ORM Session inside the very same transaction for the few
places where the ORM makes code simpler and start-up does not matter: the json export and
restore (`services.dump`, generic over `SQLModel.metadata`) and `merge` (`services.housekeeping`,
generic over every foreign key to a contact). Raw statements flush that session first, so both
see the same data.
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netwerk.errors import StoreError

if TYPE_CHECKING:
    from sqlmodel import Session

Params = dict[str, Any] | Sequence[Any] | None

# Derived rows that need Python (the rules of `rules.names.sort_key` and `rules.text.words`),
# which a trigger cannot call: the schema's triggers mark them stale, and every write fills
# them in before it commits (m014: what `list` sorts by and `who` matches). Through the partial
# index on the stale rows, so a write that changed no contact pays one index probe.
REFRESH = (
    "UPDATE _contact_keys SET (sort_name, expertise, role, company, note) = (SELECT"
    " netwerk_sort_name(c.name), netwerk_words(c.expertise), netwerk_words(c.role),"
    " netwerk_words(c.company), netwerk_words(c.note) FROM contact c WHERE c.id = contact_id),"
    " stale = 0 WHERE stale = 1",
)


def day(value: str | date | None) -> date | None:
    """A stored DATE ('2026-11-22', as sqlite3 returns it) as a date; None stays None."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


def stamp() -> str:
    """Now, as the `created_at` columns store it (UTC, SQLAlchemy's SQLite format)."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


@lru_cache(maxsize=128)
def _row_type(names: tuple[str, ...]) -> Any:
    # rename=True turns names that are not identifiers (e.g. `count(*)`) into _0, _1, …
    return namedtuple("Row", names, rename=True)


class Store:
    """One command's handle on the database (see the module docstring)."""

    def __init__(self, conn: sqlite3.Connection, *, write: bool) -> None:
        self.conn = conn
        self.write = write
        self._orm: Session | None = None
        self._engine: Any = None

    def rows(self, sql: str, params: Params = None) -> list[Any]:
        """Every row of `sql` (with `:name` or `?` parameters), as named tuples."""
        cursor = self._cursor(sql, params)
        row = _row_type(tuple(d[0] for d in cursor.description or ()))
        return [row._make(values) for values in cursor]

    def one(self, sql: str, params: Params = None) -> Any:
        """The first row of `sql`, or None."""
        found = self.rows(sql, params)
        return found[0] if found else None

    def value(self, sql: str, params: Params = None) -> Any:
        """The first column of the first row of `sql`, or None."""
        row = self._cursor(sql, params).fetchone()
        return None if row is None else row[0]

    def execute(self, sql: str, params: Params = None) -> int:
        """Run one writing statement; how many rows it changed."""
        return self._cursor(sql, params).rowcount

    def insert(self, sql: str, params: Params = None) -> int:
        """Run one INSERT; the rowid of the new row."""
        rowid = self._cursor(sql, params).lastrowid
        assert rowid is not None
        return rowid

    def executemany(self, sql: str, rows: Iterable[Any]) -> int:
        """Run one statement for every parameter set in `rows` (bulk writes)."""
        self._sync()
        return self.conn.executemany(sql, rows).rowcount

    @contextmanager
    def released(self) -> Iterator[None]:
        """Commit what this write did so far, run the block with no transaction open (it must
        not touch the database), then begin the next write transaction. Only for `sync`, the
        one command that runs for minutes: it talks to the server inside these blocks, so other
        commands write meanwhile, and each stretch between two blocks is one atomic batch."""
        assert self.write
        self._commit()
        try:
            yield
        finally:
            self.conn.execute("BEGIN IMMEDIATE")

    def rollback(self) -> None:
        """Undo everything this command wrote (a dry run); nothing more is written."""
        if self._orm is not None:
            self._orm.expunge_all()
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def orm(self) -> Session:
        """An SQLModel Session in this store's transaction (imports SQLAlchemy: ~0.3 s). For
        the code the ORM makes simpler where start-up does not matter (json restore/export)."""
        if self._orm is None:
            from sqlalchemy import create_engine
            from sqlalchemy.pool import StaticPool
            from sqlmodel import Session

            conn = _Borrowed(self.conn)
            self._engine = create_engine(
                "sqlite://", creator=lambda: conn, poolclass=StaticPool, pool_reset_on_return=None
            )
            self._orm = Session(self._engine, expire_on_commit=False, autoflush=True)
        return self._orm

    def _commit(self) -> None:
        """Fill the derived rows this write left stale (`REFRESH`), then commit."""
        self._sync()
        if self.conn.in_transaction:
            for sql in REFRESH:
                self.conn.execute(sql)
            self.conn.execute("COMMIT")

    def _sync(self) -> None:
        if self._orm is not None:
            self._orm.flush()  # raw SQL sees what the ORM session added
            self._orm.expire_all()  # and the ORM re-reads what raw SQL changes

    def _cursor(self, sql: str, params: Params) -> sqlite3.Cursor:
        self._sync()
        return self.conn.execute(sql, params if params is not None else ())

    def _close(self) -> None:
        if self._orm is not None:
            self._orm.close()
            self._engine.dispose()


class _Borrowed:
    """The Store's connection as SQLAlchemy sees it: the transaction belongs to the Store, so
    SQLAlchemy's commit, rollback (it rolls back on first connect, too) and close do nothing."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def commit(self) -> None:
        pass

    def rollback(self) -> None:
        pass

    def close(self) -> None:
        pass


@contextmanager
def open_store(path: Path, *, write: bool) -> Iterator[Store]:
    """One command's unit of work on the database at `path` (a write creates and migrates it if
    needed; a read of a missing database is a NoDatabase error and creates nothing):
    a read (`BEGIN`, always rolled back) or a write (`BEGIN IMMEDIATE`, committed at the end);
    any error rolls everything back."""
    from netwerk.store.db import connect, describe_error
    from netwerk.store.files import Created, remove_created, would_create

    # a read never creates the database; a write that fails takes away what it created
    created = would_create(path) if write else Created()
    try:
        conn = connect(path, create=write)
    except BaseException:
        remove_created(created)
        raise
    store = Store(conn, write=write)
    failed = True
    try:
        conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield store
            if write:
                store._commit()
            failed = False
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
    except sqlite3.Error as e:
        raise StoreError(describe_error(e, path)) from e
    except Exception as e:
        orig = getattr(e, "orig", None)  # SQLAlchemy wraps the driver's error
        if isinstance(orig, sqlite3.Error):
            raise StoreError(describe_error(orig, path)) from e
        raise
    finally:
        store._close()
        conn.close()
        if failed and write:
            remove_created(created)
