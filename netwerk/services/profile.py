"""`show`: a contact's profile with the full timeline, and what it carries beyond their fields:
the gives, asks and event of each touch, open offers, give/ask hints, who they know and the
introductions they were in. (Moved out of service/contacts.py, which passed 400 lines.)"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from netwerk.services import exchanges
from netwerk.services.common import json_ids
from netwerk.services.contacts import contact_json
from netwerk.services.intros import list_intros
from netwerk.services.names import resolve
from netwerk.services.network import known_by
from netwerk.store.models import Contact


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


def show_contact(
    session: Session, name: str, *, today: date, limit: int | None = None
) -> dict[str, Any]:
    """A contact's profile and timeline of touches, newest first: the latest `limit` (None:
    all), with `touches_total` saying how many there are. The limit is applied in SQL, so a
    timeline of thousands of touches (15 years with a partner) costs what a page of it costs."""
    contact = resolve(session, name)
    profile = contact_json(session, contact, today=today)
    conn = session.connection()
    touches = conn.execute(
        text(
            "SELECT t.id, t.happened_on, t.kind, t.note FROM touch_contact tc "
            "JOIN touch t ON t.id = tc.touch_id WHERE tc.contact_id = :id "
            "ORDER BY t.happened_on DESC, t.id DESC LIMIT :limit"
        ),
        {"id": contact.id, "limit": limit if limit else -1},
    ).all()
    total = conn.execute(
        text("SELECT count(*) FROM touch_contact WHERE contact_id = :id"), {"id": contact.id}
    ).scalar_one()
    others: dict[int, list[dict[str, Any]]] = {t.id: [] for t in touches}
    rows = conn.execute(
        text(
            "SELECT tc.touch_id, c.id, c.name FROM touch_contact tc "
            "JOIN contact c ON c.id = tc.contact_id "
            "WHERE tc.touch_id IN (SELECT value FROM json_each(:ids)) AND tc.contact_id != :id "
            "ORDER BY c.name_key"
        ),
        {"id": contact.id, "ids": json_ids(list(others))},
    )
    for touch_id, other_id, other_name in rows:
        others[touch_id].append({"id": other_id, "name": other_name})
    profile["touches"] = [
        {
            "id": t.id,
            "date": date.fromisoformat(t.happened_on),
            "kind": t.kind,
            "note": t.note,
            "with": others[t.id],
        }
        for t in touches
    ]
    profile["touches_total"] = total
    enrich(session, contact, profile, today=today)
    return profile
