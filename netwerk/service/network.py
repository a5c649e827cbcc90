"""Who knows whom: `knows` links and `path` (chains to someone); `who` is in `service.who`.

"You" are not a contact: your first degree is everyone in the database. You *know someone
well* when they are not archived and your last touch is within twice their cadence. A knows
link is stored once per pair as (low_id, high_id) with an index from either side, so `who` and
`path` run a fixed number of queries (`path` one recursive CTE), never a loop over contacts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from netwerk.errors import BadInput
from netwerk.models import Contact, Knows
from netwerk.names import resolve
from netwerk.service.common import clean_text, json_ids
from netwerk.service.who import KNOWN_WELL_SQL

MAX_HOPS = 3
MAX_CHAINS = 5


def pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def link(
    session: Session, a: Contact, b: Contact, *, how: str | None, today: date, update: bool = True
) -> bool:
    """Record that a and b know each other; True when the link is new. With `update`, a `how`
    replaces the one an existing link has."""
    if a.id == b.id:
        raise BadInput(f"{a.name} cannot be linked to themselves.")
    assert a.id is not None and b.id is not None
    low, high = pair(a.id, b.id)
    existing = session.get(Knows, (low, high))
    how = clean_text(how, "how") if how is not None else None
    if existing is not None:
        if how and update:
            existing.how = how
            session.add(existing)
        return False
    session.add(Knows(low_id=low, high_id=high, how=how, since=today))
    session.flush()
    return True


def move_links(session: Session, old_id: int, new_id: int) -> int:
    """Give `new_id` every knows link of `old_id` (for merge), kept as ordered pairs: a
    generic repoint of one column would break low_id < high_id for half of them. A link
    `new_id` already has keeps its own `how` unless it had none. Returns how many moved."""
    conn = session.connection()
    params = {"old": old_id, "new": new_id}
    others = """
        SELECT CASE WHEN low_id = :old THEN high_id ELSE low_id END AS other, how, since
        FROM knows WHERE :old IN (low_id, high_id)"""
    conn.execute(
        text(
            f"""UPDATE knows SET how = o.how FROM ({others}) o
                WHERE knows.how IS NULL AND o.how IS NOT NULL
                  AND knows.low_id = min(o.other, :new) AND knows.high_id = max(o.other, :new)"""
        ),
        params,
    )
    moved = conn.execute(
        text(
            f"""INSERT OR IGNORE INTO knows (low_id, high_id, how, since)
                SELECT min(other, :new), max(other, :new), how, since FROM ({others})
                WHERE other != :new"""
        ),
        params,
    ).rowcount
    conn.execute(text("DELETE FROM knows WHERE :old IN (low_id, high_id)"), params)
    return moved


def knows(session: Session, a: str, b: str, *, how: str | None, today: date) -> dict[str, Any]:
    """`netwerk knows A B`: a symmetric link between two contacts."""
    first, second = resolve(session, a), resolve(session, b)
    new = link(session, first, second, how=how, today=today)
    low, high = pair(first.id, second.id)  # type: ignore[arg-type]
    stored = session.get(Knows, (low, high))
    return {
        "a": {"id": first.id, "name": first.name},
        "b": {"id": second.id, "name": second.name},
        "how": stored.how if stored else None,
        "new": new,
    }


def known_by(session: Session, contact_id: int) -> list[dict[str, Any]]:
    """Who a contact knows, by name (for `show`)."""
    rows = session.connection().execute(
        text(
            "SELECT c.id, c.name, k.how, k.since FROM knows k "
            "JOIN contact c ON c.id = CASE WHEN k.low_id = :id THEN k.high_id ELSE k.low_id END "
            "WHERE k.low_id = :id OR k.high_id = :id ORDER BY c.name_key"
        ),
        {"id": contact_id},
    )
    return [
        {"id": r.id, "name": r.name, "how": r.how, "since": date.fromisoformat(r.since)}
        for r in rows
    ]


def path(session: Session, name: str, *, today: date) -> dict[str, Any]:
    """`netwerk path NAME`: the shortest chains (up to 3 links) from people you know well to
    NAME through knows links. One recursive query finds the distances, one reads the links."""
    target = resolve(session, name)
    conn = session.connection()
    params = {"target": target.id, "today": today.isoformat(), "hops": MAX_HOPS}
    rows = conn.execute(
        text(
            f"""
            WITH RECURSIVE
            well(id) AS (SELECT c.id FROM contact c WHERE {KNOWN_WELL_SQL}),
            bfs(id, depth) AS (
                SELECT :target, 0
                UNION
                SELECT CASE WHEN k.low_id = b.id THEN k.high_id ELSE k.low_id END, b.depth + 1
                FROM bfs b JOIN knows k ON k.low_id = b.id OR k.high_id = b.id
                WHERE b.depth < :hops AND (b.depth = 0 OR b.id NOT IN well)
            )
            SELECT bfs.id, min(bfs.depth) AS dist, bfs.id IN well AS well, c.name,
                   c.last_touch_on
            FROM bfs JOIN contact c ON c.id = bfs.id GROUP BY bfs.id
            """
        ),
        params,
    ).all()
    dist = {r.id: r.dist for r in rows}
    label = {r.id: r.name for r in rows}
    me = next(r for r in rows if r.id == target.id)
    # someone you know well needs no chain
    starts = sorted(
        (r for r in rows if r.well and r.id != target.id and not me.well),
        key=lambda r: (r.dist, -(date.fromisoformat(r.last_touch_on).toordinal()), r.name),
    )[:MAX_CHAINS]
    chains = []
    if starts:
        links: dict[int, list[int]] = {}
        for low, high in conn.execute(
            text(
                "SELECT low_id, high_id FROM knows WHERE low_id IN (SELECT value FROM "
                "json_each(:ids)) AND high_id IN (SELECT value FROM json_each(:ids))"
            ),
            {"ids": json_ids(list(dist))},
        ):
            links.setdefault(low, []).append(high)
            links.setdefault(high, []).append(low)
        for start in starts:
            chain, here = [start.id], start.id
            while dist[here] > 0:
                here = min(
                    (n for n in links.get(here, []) if dist.get(n) == dist[here] - 1),
                    key=lambda n: (n != target.id, label[n]),
                )
                chain.append(here)
            chains.append([{"id": cid, "name": label[cid]} for cid in chain])
    return {
        "id": target.id,
        "name": target.name,
        "known_well": bool(me.well),
        "chains": chains,
    }
