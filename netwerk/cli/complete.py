"""Shell completion of NAME arguments: contact names and aliases, straight from the file.

Completion re-runs the program on every Tab, so this module uses the standard library only: the
standard `sqlite3` module opens the database read-only (`mode=ro`: completing never creates,
migrates or locks it), with no SQLAlchemy, SQLModel or dateparser. Any problem (no database
yet, an old schema) means no suggestions rather than an error in the middle of a command line.
"""

from __future__ import annotations

import sqlite3
from typing import Any

MAX_SUGGESTIONS = 50


def _database(ctx: Any) -> str | None:
    """The --db given so far on the command line (the command's own, else the global one)."""
    while ctx is not None:
        value = ctx.params.get("db")
        if value:
            return str(value)
        ctx = ctx.parent
    return None


class _Match(str):
    """A suggestion we already matched ourselves.

    Typer filters `autocompletion=` answers with a case-sensitive `value.startswith(typed)`,
    which would drop exactly what makes this completion useful ("zo" -> "Zoë de Vries", "jans"
    -> "Piet Jansen"). Its other hook, `shell_complete=`, is deprecated. Should Typer stop
    calling `startswith`, this degrades to plain prefix completion, nothing worse.
    """

    def startswith(self, *args: Any, **kwargs: Any) -> bool:
        return True


def contact_names(ctx: Any, incomplete: str) -> list[str]:
    """Names and aliases of unarchived contacts whose name or any word of it starts with
    what was typed, ignoring case and accents ("zo" offers "Zoë de Vries")."""
    from netwerk.db import resolve_path
    from netwerk.names import fold

    path = resolve_path(_database(ctx))
    if not path.is_file():
        return []
    typed = fold(incomplete)
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            rows = conn.execute(
                "SELECT name, name_key FROM contact WHERE archived = 0 UNION "
                "SELECT a.name, a.name_key FROM alias a JOIN contact c ON c.id = a.contact_id "
                "WHERE c.archived = 0 ORDER BY 2"
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []
    found: list[str] = []
    for name, key in rows:
        matches = key.startswith(typed) or any(w.startswith(typed) for w in key.split(" "))
        if matches and name not in found:
            found.append(_Match(name))
        if len(found) >= MAX_SUGGESTIONS:
            break
    return found
