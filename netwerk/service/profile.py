"""What `show` adds to a contact's profile beyond their fields: the gives, asks and event of
each touch, open offers, give/ask hints, who they know and the introductions they were in."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from netwerk.models import Contact
from netwerk.service import exchanges
from netwerk.service.common import json_ids
from netwerk.service.intros import list_intros
from netwerk.service.network import known_by


def enrich(session: Session, contact: Contact, profile: dict[str, Any], *, today: date) -> None:
    """Add `offers`, `hints`, `knows` and `intros` to `profile`, and to each of its touches
    `gave`, `asked` and `event` (a fixed number of queries, whatever the timeline's length)."""
    assert contact.id is not None
    touch_ids = [t["id"] for t in profile.get("touches", [])]
    per_touch = exchanges.exchanges_of_touches(session, touch_ids)
    events = dict(
        session.connection()
        .execute(
            text(
                "SELECT t.id, e.name FROM touch t JOIN event e ON e.id = t.event_id "
                "WHERE t.id IN (SELECT value FROM json_each(:ids))"
            ),
            {"ids": json_ids(touch_ids)},
        )
        .all()
    )
    for touch in profile.get("touches", []):
        touch.update(per_touch[touch["id"]])
        touch["event"] = events.get(touch["id"])
    profile["offers"] = exchanges.open_offers(session, [contact.id])[contact.id]
    profile["hints"] = exchanges.hints(session, [contact], today=today)[contact.id]
    profile["knows"] = known_by(session, contact.id)
    profile["intros"] = list_intros(session, contact_id=contact.id)
