"""Typer's side of NAME completion: `autocompletion=` for NAME arguments and --via.

The matching itself is `netwerk.store.completion.matching_names` (standard library only); the common
case (`netwerk show Pi<Tab>`) never reaches Typer at all: `netwerk.launch` answers it first.
"""

from __future__ import annotations

from typing import Any


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
    """Typer's `autocompletion=` for NAME arguments and --via (see `matching_names`)."""
    from netwerk.store.completion import matching_names
    from netwerk.store.db import resolve_path

    return [_Match(n) for n in matching_names(resolve_path(_database(ctx)), incomplete)]
