"""The undo journal: what each writing command of the daily loop changed, row by row, so
`netwerk undo` can take it back.

How it works. A journaled command starts an entry (`begin`) in its own transaction: TEMP
triggers (they live only in this connection, so another program writing the file, such as the
sqlite3 shell or the bulk importer, neither pays for them nor needs anything of ours) record,
for every row of every user table the command inserts, updates or deletes, its key and its
image before the change, in `_undo_row`. Derived columns kept by the database (m004's
generated `due_on`/`due_cadence` are not stored at all; `circle_cadence` and `thanks_pending`
are plain columns its triggers keep) are recorded like any column. `finish` stores the image of
every touched row as the command left it (`_undo_after`), drops the triggers and keeps the
last HISTORY entries.

`undo` takes back the newest entry, in one transaction:
- it refuses when a row the command touched no longer looks as the command left it (a later
  command that is not journaled, such as `import`, or a hand edit changed it): then the
  journal cannot know what to restore;
- it replays the row images newest first (foreign keys checked row by row), while the same
  triggers record what the replay itself changes: if that reaches any row beyond the entry's
  own (a cascade into rows added since, say) and leaves it changed, it refuses and nothing
  is undone. m004's triggers run during the replay as during the command, so the stored
  columns end as they were.

`forget` empties the journal (`clear`), with secure delete on: what undo keeps never holds
what forget erased. Tables whose name starts with `_` (this journal, `_migrations`) are not
journaled, exported or redacted.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from netwerk.errors import NetwerkError
from netwerk.i18n import _

HISTORY = 10


class NothingToUndo(NetwerkError):
    """The journal is empty, or it cannot safely take the last change back."""


@dataclass(frozen=True)
class Undone:
    """What `undo` took back: the command line, when it ran, how many rows it restored."""

    command: str
    done_at: str
    rows: int


def _tables(conn: sqlite3.Connection) -> dict[str, tuple[list[str], list[str]]]:
    """Each journaled table: (stored columns, primary-key columns)."""
    found = {}
    for row in conn.execute("PRAGMA main.table_list").fetchall():
        name, kind = row[1], row[2]
        if kind != "table" or name.startswith(("sqlite_", "_")):
            continue
        columns, keys = [], []
        for _cid, column, _type, _notnull, _default, pk, hidden in conn.execute(
            f'PRAGMA main.table_xinfo("{name}")'
        ).fetchall():
            if hidden:  # generated: computed from the others, never written
                continue
            columns.append(column)
            if pk:
                keys.append((pk, column))
        found[name] = (columns, [c for _n, c in sorted(keys)] or ["rowid"])
    return found


def _json_of(prefix: str, columns: list[str]) -> str:
    return "json_array(" + ", ".join(f'{prefix}."{c}"' for c in columns) + ")"


def _install(conn: sqlite3.Connection) -> None:
    """TEMP triggers writing every change to a journaled table into `_undo_row`."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS _undo_current (entry_id INTEGER)")
    for table, (columns, keys) in _tables(conn).items():
        old, new = _json_of("OLD", columns), _json_of("NEW", columns)
        old_key, new_key = _json_of("OLD", keys), _json_of("NEW", keys)
        entry = "(SELECT entry_id FROM _undo_current)"
        insert = "INSERT INTO _undo_row (entry_id, tbl, op, key, new_key, image) VALUES "
        conn.execute(
            f'CREATE TEMP TRIGGER IF NOT EXISTS "_undo_i_{table}" AFTER INSERT ON main."{table}" '
            f"BEGIN {insert}({entry}, '{table}', 'insert', {new_key}, NULL, NULL); END"
        )
        conn.execute(
            f'CREATE TEMP TRIGGER IF NOT EXISTS "_undo_u_{table}" AFTER UPDATE ON main."{table}" '
            f"WHEN {old} IS NOT {new} "
            f"BEGIN {insert}({entry}, '{table}', 'update', {old_key}, {new_key}, {old}); END"
        )
        conn.execute(
            f'CREATE TEMP TRIGGER IF NOT EXISTS "_undo_d_{table}" AFTER DELETE ON main."{table}" '
            f"BEGIN {insert}({entry}, '{table}', 'delete', {old_key}, NULL, {old}); END"
        )


def _uninstall(conn: sqlite3.Connection) -> None:
    for (name,) in conn.execute(
        "SELECT name FROM sqlite_temp_master WHERE type = 'trigger' AND name LIKE '\\_undo\\_%' "
        "ESCAPE '\\'"
    ).fetchall():
        conn.execute(f'DROP TRIGGER temp."{name}"')
    conn.execute("DELETE FROM _undo_current")


def begin(conn: sqlite3.Connection, command: str) -> None:
    """Start recording the changes of `command` (its command line, as the user typed it)."""
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    entry = conn.execute(
        "INSERT INTO _undo_entry (command, done_at, schema_version) VALUES (?, ?, ?)",
        (command, datetime.now().strftime("%Y-%m-%d %H:%M"), version),
    ).lastrowid
    _install(conn)
    conn.execute("DELETE FROM _undo_current")
    conn.execute("INSERT INTO _undo_current VALUES (?)", (entry,))


def _current_image(
    conn: sqlite3.Connection, table: str, columns: list[str], keys: list[str], key: str
) -> str | None:
    where = " AND ".join(f'"{k}" IS ?' for k in keys)
    row = conn.execute(
        f'SELECT {_json_of(table, columns)} FROM main."{table}" WHERE {where}', json.loads(key)
    ).fetchone()
    return None if row is None else row[0]


def _touched(conn: sqlite3.Connection, entry: int) -> set[tuple[str, str]]:
    rows = conn.execute(
        "SELECT tbl, key FROM _undo_row WHERE entry_id = ? "
        "UNION SELECT tbl, new_key FROM _undo_row WHERE entry_id = ? AND new_key IS NOT NULL",
        (entry, entry),
    ).fetchall()
    return {(t, k) for t, k in rows}


def finish(conn: sqlite3.Connection) -> None:
    """End the entry: keep the after-images (or drop an entry that changed nothing)."""
    row = conn.execute("SELECT entry_id FROM _undo_current").fetchone()
    _uninstall(conn)
    if row is None:
        return
    (entry,) = row
    touched = _touched(conn, entry)
    if not touched:
        conn.execute("DELETE FROM _undo_entry WHERE id = ?", (entry,))
        return
    tables = _tables(conn)
    conn.executemany(
        "INSERT INTO _undo_after (entry_id, tbl, key, image) VALUES (?, ?, ?, ?)",
        [
            (entry, t, k, _current_image(conn, t, *tables[t], k))
            for t, k in sorted(touched)
            if t in tables
        ],
    )
    conn.execute(
        "DELETE FROM _undo_entry WHERE id NOT IN "
        "(SELECT id FROM _undo_entry ORDER BY id DESC LIMIT ?)",
        (HISTORY,),
    )


def clear(conn: sqlite3.Connection) -> None:
    """Forget the whole journal (`forget` calls this; the caller turns secure delete on)."""
    conn.execute("DELETE FROM _undo_after")
    conn.execute("DELETE FROM _undo_row")
    conn.execute("DELETE FROM _undo_entry")


def history(conn: sqlite3.Connection) -> list[dict[str, str]]:
    """The changes `undo` can take back, newest first."""
    return [
        {"id": i, "command": c, "done_at": d}
        for i, c, d in conn.execute(
            "SELECT id, command, done_at FROM _undo_entry ORDER BY id DESC"
        ).fetchall()
    ]


def _restore(
    conn: sqlite3.Connection,
    tables: dict[str, tuple[list[str], list[str]]],
    change: tuple[str, str, str, str | None, str | None],
) -> None:
    table, op, key, new_key, image = change
    columns, keys = tables[table]
    where = " AND ".join(f'"{k}" IS ?' for k in keys)
    if op == "insert":
        conn.execute(f'DELETE FROM main."{table}" WHERE {where}', json.loads(key))
        return
    values = json.loads(image or "[]")
    if op == "delete":
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _c in columns)
        conn.execute(f'INSERT INTO main."{table}" ({names}) VALUES ({marks})', values)
    else:
        sets = ", ".join(f'"{c}" = ?' for c in columns)
        conn.execute(
            f'UPDATE main."{table}" SET {sets} WHERE {where}',
            [*values, *json.loads(new_key or key)],
        )


def undo(conn: sqlite3.Connection) -> Undone:
    """Take back the newest journaled change, in the caller's transaction."""
    latest = conn.execute(
        "SELECT id, command, done_at, schema_version FROM _undo_entry ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if latest is None:
        raise NothingToUndo(_("Nothing to undo."))
    entry, command, done_at, version = latest
    (now,) = conn.execute("PRAGMA user_version").fetchone()
    tables = _tables(conn)
    changed = _("The database has changed since '{command}'; it cannot be undone.").format(
        command=command
    )
    if version != now:
        raise NothingToUndo(changed)
    for table, key, image in conn.execute(
        "SELECT tbl, key, image FROM _undo_after WHERE entry_id = ?", (entry,)
    ).fetchall():
        if table not in tables or _current_image(conn, table, *tables[table], key) != image:
            raise NothingToUndo(changed)
    changes = conn.execute(
        "SELECT tbl, op, key, new_key, image FROM _undo_row WHERE entry_id = ? ORDER BY id DESC",
        (entry,),
    ).fetchall()
    own = _touched(conn, entry)
    # the replay is recorded too, as an entry of its own, to see what else it reached
    replay = conn.execute(
        "INSERT INTO _undo_entry (command, done_at, schema_version) VALUES ('', '', ?)", (now,)
    ).lastrowid
    _install(conn)
    conn.execute("INSERT INTO _undo_current VALUES (?)", (replay,))
    # Newest first, foreign keys checked as each row goes back: the reverse of a valid
    # sequence of changes is valid at every step (a cascade recorded its children first), so
    # a violation means rows were added or removed since, which undo must not touch.
    try:
        for change in changes:
            _restore(conn, tables, change)
    except sqlite3.IntegrityError:
        raise NothingToUndo(changed) from None
    _uninstall(conn)
    first_images = conn.execute(
        "SELECT tbl, key, op, image FROM _undo_row WHERE entry_id = ? AND id IN "
        "(SELECT min(id) FROM _undo_row WHERE entry_id = ? GROUP BY tbl, key)",
        (replay, replay),
    ).fetchall()
    for table, key, op, image in first_images:
        if (table, key) in own:
            continue
        before = None if op == "insert" else image
        if _current_image(conn, table, *tables[table], key) != before:
            raise NothingToUndo(changed)
    conn.execute("DELETE FROM _undo_entry WHERE id IN (?, ?)", (entry, replay))
    return Undone(command=command, done_at=done_at, rows=len(own))
