"""Plain-SQL reads that work on either kind of session, without importing SQLAlchemy.

`netwerk due` runs every morning and should start in a blink; SQLAlchemy, SQLModel and the
models cost about 0.25 s to import, several times the query itself. So read-only commands whose
service is plain SQL open a `Reader` (a sqlite3 connection in one read transaction, see
`netwerk.store.db.reader`) instead of a SQLAlchemy Session, and the service runs its SQL through
`fetch(session, sql, params)`, which accepts both: a Reader executes on sqlite3 directly, a
Session (writing commands, tests, other services) goes through SQLAlchemy's `text()` as before.
Rows support both attribute access (`r.id`) and tuple unpacking either way.

Also here: the SQL pieces the due ranking shares with the other services (circles per contact,
ids as one JSON parameter), so `due` needs nothing heavier than this.
Standard library only.
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from netwerk.errors import NotFound

DEFAULT_CADENCE_DAYS = 90  # mirrored by netwerk.store.models.DEFAULT_CADENCE_DAYS


class Reader:
    """A read-only unit of work on a plain sqlite3 connection (see `netwerk.store.db.reader`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[Any]:
        cursor = self.conn.execute(sql, params or {})
        names = tuple(d[0] for d in cursor.description or ())
        row = _row_type(names)
        return [row._make(values) for values in cursor]

    def connection(self) -> _ReaderConnection:
        """SQLAlchemy's `session.connection().execute(text(sql), params)` idiom, on sqlite3.

        So service code not (yet) written with `fetch` still runs correctly on a Reader; it
        only loses the start-up gain, because it imported SQLAlchemy for `text()`.
        """
        return _ReaderConnection(self)


class Writer(Reader):
    """A writing unit of work on plain sqlite3 (see `netwerk.store.db.writer`): one BEGIN IMMEDIATE
    transaction, committed at the end unless `rollback` was called (a dry run) or it failed."""

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")


class _ReaderConnection:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    def execute(self, statement: Any, params: dict[str, Any] | None = None) -> _Result:
        # str() of a SQLAlchemy TextClause is its SQL with `:name` binds, as sqlite3 takes them
        return _Result(self.reader.rows(str(statement), params))


class _Result:
    def __init__(self, rows: list[Any]) -> None:
        self._rows = rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)

    def all(self) -> list[Any]:
        return self._rows

    def first(self) -> Any:
        return self._rows[0] if self._rows else None

    def scalar(self) -> Any:
        return self._rows[0][0] if self._rows else None


@lru_cache(maxsize=64)
def _row_type(names: tuple[str, ...]) -> Any:
    # rename=True turns names that are not identifiers (e.g. `count(*)`) into _0, _1, …
    return namedtuple("Row", names, rename=True)


def fetch(session: Any, sql: str, params: dict[str, Any] | None = None) -> list[Any]:
    """All rows of `sql` (named `:params`) on a Reader or a SQLAlchemy Session."""
    if isinstance(session, Reader):
        return session.rows(sql, params)
    from sqlalchemy import text

    return list(session.connection().execute(text(sql), params or {}).all())


def connection_of(session: Any) -> sqlite3.Connection:
    """The sqlite3 connection under a Reader, a Writer or a SQLAlchemy Session (in its
    transaction): for bulk writes with `executemany`, which the ORM would do row by row."""
    if isinstance(session, Reader):
        return session.conn
    return session.connection().connection.driver_connection  # type: ignore[no-any-return]


def execute(session: Any, sql: str, params: dict[str, Any] | None = None) -> int:
    """Run one writing statement (named `:params`); how many rows it changed."""
    return connection_of(session).execute(sql, params or {}).rowcount


def json_ids(ids: list[int]) -> str:
    """Ids as a JSON array, bound as one parameter (no limit on how many, no SQL building)."""
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


def circles_of(session: Any, contact_ids: list[int]) -> dict[int, list[str]]:
    """Circle names per contact, for many contacts in one query."""
    result: dict[int, list[str]] = {cid: [] for cid in contact_ids}
    if not contact_ids:
        return result
    found = fetch(
        session,
        "SELECT cc.contact_id, ci.name FROM contact_circle cc "
        "JOIN circle ci ON ci.id = cc.circle_id "
        "WHERE cc.contact_id IN (SELECT value FROM json_each(:ids)) ORDER BY ci.name_key",
        {"ids": json_ids(contact_ids)},
    )
    for contact_id, name in found:
        result[contact_id].append(name)
    return result


def circle_id(session: Any, name: str) -> int:
    """The id of an existing circle by name, or NotFound naming the circles there are."""
    from netwerk.rules.text import fold

    found = fetch(session, "SELECT id FROM circle WHERE name_key = :key", {"key": fold(name)})
    if found:
        return int(found[0].id)
    names = [r.name for r in fetch(session, "SELECT name FROM circle ORDER BY name_key")]
    from netwerk.i18n import _

    if names:
        message = _("No circle '{name}'. Circles: {circles}.")
    else:
        message = _("No circle '{name}'. There are no circles yet.")
    raise NotFound(message.format(name=name, circles=", ".join(names)))


def circle_filter(session: Any, circle: str | None, params: dict[str, Any]) -> str:
    """SQL `AND …` keeping contacts (aliased `c`) in `circle`, binding `:circle` in `params`;
    "" without a circle. NotFound for an unknown circle."""
    if not circle:
        return ""
    params["circle"] = circle_id(session, circle)
    return "AND c.id IN (SELECT contact_id FROM contact_circle WHERE circle_id = :circle)"
