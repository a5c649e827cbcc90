"""Circles: the parts of life people belong to, each with a default cadence."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from netwerk.services.common import circles_of, get_or_create_circle
from netwerk.store.models import DEFAULT_CADENCE_DAYS


def list_circles(session: Session, *, today: date) -> list[dict[str, Any]]:
    """The breadth of your network: each circle with its size, how many members are within
    their cadence, when it was last touched, whether it is neglected (nobody touched within
    the circle's cadence, default 90 days), and its bridges (members also in other circles)."""
    rows = (
        session.connection()
        .execute(
            text(
                """
                SELECT ci.id, ci.name, ci.cadence_days, count(cc.contact_id) AS size,
                       coalesce(sum(c.last_touch_on IS NOT NULL AND c.archived = 0 AND
                           julianday(:today) - julianday(c.last_touch_on) < c.due_cadence), 0)
                           AS within,
                       max(c.last_touch_on) AS last
                FROM circle ci LEFT JOIN contact_circle cc ON cc.circle_id = ci.id
                LEFT JOIN contact c ON c.id = cc.contact_id
                GROUP BY ci.id ORDER BY ci.name_key
                """
            ),
            {"today": today.isoformat()},
        )
        .all()
    )
    bridges = _bridges(session)
    items = []
    for r in rows:
        if r.size == 0 and r.cadence_days is None:
            continue  # an empty circle lingers only when it carries a cadence
        last = date.fromisoformat(r.last) if r.last else None
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
    return items


def _bridges(session: Session) -> list[dict[str, Any]]:
    """Contacts in two or more circles: the people who connect parts of your life."""
    rows = (
        session.connection()
        .execute(
            text(
                "SELECT c.id, c.name FROM contact c WHERE c.archived = 0 AND c.id IN ("
                "SELECT contact_id FROM contact_circle GROUP BY contact_id HAVING count(*) >= 2) "
                "ORDER BY c.name_key"
            )
        )
        .all()
    )
    circles = circles_of(session, [r.id for r in rows])
    return [{"id": r.id, "name": r.name, "circles": circles[r.id]} for r in rows]


def set_circle(session: Session, name: str, cadence_days: int | None) -> dict[str, Any]:
    """Set (or with None clear) a circle's default cadence, creating the circle if new."""
    circle = get_or_create_circle(session, name)
    circle.cadence_days = cadence_days
    session.add(circle)
    session.flush()
    size = (
        session.connection()
        .execute(
            text("SELECT count(*) FROM contact_circle WHERE circle_id = :id"), {"id": circle.id}
        )
        .scalar_one()
    )
    return {"id": circle.id, "name": circle.name, "size": size, "cadence_days": cadence_days}
