"""Circles: the parts of life people belong to, each with a default cadence."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from netwerk.rules.cadence import DEFAULT_CADENCE_DAYS
from netwerk.store.query import circle_id, circles_of
from netwerk.store.store import day

if TYPE_CHECKING:
    from netwerk.store.store import Store


def list_circles(
    store: Store, *, today: date, limit: int | None = 20
) -> tuple[list[dict[str, Any]], int]:
    """The breadth of your network: each circle with its size, how many members are within
    their cadence, when it was last touched, whether it is neglected (nobody touched within
    the circle's cadence, default 90 days), and its bridges (members also in other circles):
    the first `limit` bridges by name (None: all), and how many bridges there are."""
    rows = store.rows(
        """
        SELECT ci.id, ci.name, ci.cadence_days, count(cc.contact_id) AS size,
               coalesce(sum(c.last_touch_on IS NOT NULL AND c.archived = 0 AND
                   julianday(:today) - julianday(c.last_touch_on) < c.due_cadence), 0)
                   AS within,
               max(c.last_touch_on) AS last
        FROM circle ci LEFT JOIN contact_circle cc ON cc.circle_id = ci.id
        LEFT JOIN contact c INDEXED BY ix_contact_circle_summary ON c.id = cc.contact_id
        GROUP BY ci.id ORDER BY ci.name_key
        """,
        {"today": today.isoformat()},
    )
    bridges, bridges_total = _bridges(store, limit)
    items = []
    for r in rows:
        if r.size == 0 and r.cadence_days is None:
            continue  # an empty circle lingers only when it carries a cadence
        last = day(r.last)
        cadence = r.cadence_days or DEFAULT_CADENCE_DAYS
        items.append(
            {
                "id": r.id,
                "name": r.name,
                "size": r.size,
                "cadence_days": r.cadence_days,
                "within_cadence": r.within,
                "last_touch": last,
                "neglected": r.size > 0 and (last is None or (today - last).days >= cadence),
                "bridges": [
                    {"id": b["id"], "name": b["name"], "circles": b["circles"]}
                    for b in bridges
                    if r.name in b["circles"]
                ],
            }
        )
    return items, bridges_total


def _bridges(store: Store, limit: int | None) -> tuple[list[dict[str, Any]], int]:
    """Contacts in two or more circles, the people who connect parts of your life: the first
    `limit` by name and how many there are. The page walks ix_contact_name_key and stops at
    `limit` (a contact is a bridge when it has a second membership), so it costs a page; only
    the count reads every membership."""
    rows = store.rows(
        "SELECT c.id, c.name FROM contact c INDEXED BY ix_contact_name_key "
        "WHERE c.archived = 0 AND EXISTS (SELECT 1 FROM contact_circle cc "
        "WHERE cc.contact_id = c.id LIMIT 1 OFFSET 1) ORDER BY c.name_key LIMIT :limit",
        {"limit": limit if limit else -1},
    )
    total = store.value(
        "SELECT count(*) FROM (SELECT contact_id FROM contact_circle GROUP BY contact_id "
        "HAVING count(*) >= 2) b JOIN contact c INDEXED BY ix_contact_circle_summary "
        "ON c.id = b.contact_id WHERE c.archived = 0"
    )
    circles = circles_of(store, [r.id for r in rows])
    return [{"id": r.id, "name": r.name, "circles": circles[r.id]} for r in rows], total


def set_circle(store: Store, name: str, cadence_days: int | None) -> dict[str, Any]:
    """Set (or with None clear) a circle's default cadence, creating the circle if new."""
    circle = circle_id(store, name, create=True)
    store.execute("UPDATE circle SET cadence_days = ? WHERE id = ?", (cadence_days, circle))
    found = store.one(
        "SELECT ci.name, (SELECT count(*) FROM contact_circle WHERE circle_id = ci.id) AS size "
        "FROM circle ci WHERE ci.id = ?",
        (circle,),
    )
    return {"id": circle, "name": found.name, "size": found.size, "cadence_days": cadence_days}
