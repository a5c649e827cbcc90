"""Who knows whom: recording `knows` links, and listing a contact's.

A knows link is stored once per pair as (low_id, high_id), low_id < high_id, with an index from
either side. Reading the network (`who`, `path`) is in `services.reach`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from netwerk.errors import BadInput
from netwerk.i18n import _
from netwerk.services.common import clean_text
from netwerk.services.names import resolve
from netwerk.store.store import day

if TYPE_CHECKING:
    from netwerk.store.store import Store


def pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def link(
    store: Store, a: Any, b: Any, *, how: str | None, today: date, update: bool = True
) -> bool:
    """Record that a and b know each other; True when the link is new. With `update`, a `how`
    replaces the one an existing link has."""
    if a.id == b.id:
        raise BadInput(_("{name} cannot be linked to themselves.").format(name=a.name))
    low, high = pair(a.id, b.id)
    how = clean_text(how, "how") if how is not None else None
    exists = store.value("SELECT 1 FROM knows WHERE low_id = ? AND high_id = ?", (low, high))
    if exists:
        if how and update:
            store.execute(
                "UPDATE knows SET how = ? WHERE low_id = ? AND high_id = ?", (how, low, high)
            )
        return False
    store.execute(
        "INSERT INTO knows (low_id, high_id, how, since) VALUES (?, ?, ?, ?)",
        (low, high, how, today.isoformat()),
    )
    return True


def move_links(store: Store, old_id: int, new_id: int) -> int:
    """Give `new_id` every knows link of `old_id` (for merge), kept as ordered pairs: a
    generic repoint of one column would break low_id < high_id for half of them. A link
    `new_id` already has keeps its own `how` unless it had none. Returns how many moved."""
    params = {"old": old_id, "new": new_id}
    others = """
        SELECT CASE WHEN low_id = :old THEN high_id ELSE low_id END AS other, how, since
        FROM knows WHERE :old IN (low_id, high_id)"""
    store.execute(
        f"""UPDATE knows SET how = o.how FROM ({others}) o
            WHERE knows.how IS NULL AND o.how IS NOT NULL
              AND knows.low_id = min(o.other, :new) AND knows.high_id = max(o.other, :new)""",
        params,
    )
    moved = store.execute(
        f"""INSERT OR IGNORE INTO knows (low_id, high_id, how, since)
            SELECT min(other, :new), max(other, :new), how, since FROM ({others})
            WHERE other != :new""",
        params,
    )
    store.execute("DELETE FROM knows WHERE :old IN (low_id, high_id)", params)
    return moved


def knows(store: Store, a: str, b: str, *, how: str | None, today: date) -> dict[str, Any]:
    """`netwerk knows A B`: a symmetric link between two contacts."""
    first, second = resolve(store, a), resolve(store, b)
    new = link(store, first, second, how=how, today=today)
    low, high = pair(first.id, second.id)
    stored = store.one("SELECT how FROM knows WHERE low_id = ? AND high_id = ?", (low, high))
    return {
        "a": {"id": first.id, "name": first.name},
        "b": {"id": second.id, "name": second.name},
        "how": stored.how if stored else None,
        "new": new,
    }


def known_by(store: Store, contact_id: int) -> list[dict[str, Any]]:
    """Who a contact knows, by name (for `show`)."""
    rows = store.rows(
        "SELECT c.id, c.name, k.how, k.since FROM knows k "
        "JOIN contact c ON c.id = CASE WHEN k.low_id = :id THEN k.high_id ELSE k.low_id END "
        "WHERE k.low_id = :id OR k.high_id = :id ORDER BY c.name_key",
        {"id": contact_id},
    )
    return [{"id": r.id, "name": r.name, "how": r.how, "since": day(r.since)} for r in rows]
