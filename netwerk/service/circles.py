"""Circles: the parts of life people belong to, each with a default cadence."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from netwerk.service.common import get_or_create_circle


def list_circles(session: Session) -> list[dict[str, Any]]:
    """Each circle with its size and default cadence, by name."""
    rows = (
        session.connection()
        .execute(
            text(
                "SELECT ci.id, ci.name, ci.cadence_days, count(cc.contact_id) AS size "
                "FROM circle ci LEFT JOIN contact_circle cc ON cc.circle_id = ci.id "
                "GROUP BY ci.id ORDER BY ci.name_key"
            )
        )
        .all()
    )
    return [
        {"id": r.id, "name": r.name, "size": r.size, "cadence_days": r.cadence_days} for r in rows
    ]


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
