"""Typer's side of NAME completion: `autocompletion=` for NAME arguments and --via.

The completion scripts netwerk ships ask the launcher's `__names` lookup first (see
`netwerk.launch`), which matches names ignoring case and accents; Typer's protocol is their
fallback, for commands and options. This hook keeps plain prefix completion of names in that
protocol too (after an option, for instance), through the same `matching_names`.
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


def contact_names(ctx: Any, incomplete: str) -> list[str]:
    """Typer's `autocompletion=` for NAME arguments and --via (see `matching_names`)."""
    from netwerk.store.completion import matching_names
    from netwerk.store.files import resolve_path

    return matching_names(resolve_path(_database(ctx)), incomplete)
