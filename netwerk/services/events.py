"""Events: gatherings where you meet and see people, resolved by name like contacts are.

An event name resolves in this order: `#ID`; the exact name ignoring case and accents; a unique
beginning of the name. A name that resolves to nothing is created on first mention (`add
--met-at`, `log --event`) unless the command says `--no-create`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from netwerk.errors import Ambiguous, BadInput, Duplicate, NotFound
from netwerk.i18n import _
from netwerk.rules.text import clean_name, fold, hash_id
from netwerk.services.common import clean_text
from netwerk.store.models import Event

MAX_SHOWN = 8


def find_event(session: Session, name: str) -> Event | None:
    """The event `name` means, None when nothing matches, Ambiguous when several do."""
    query = name.strip()
    number = hash_id(query)
    if number is not None:
        event = session.get(Event, number)
        if event is None:
            raise NotFound(_("No event with id {query}.").format(query=query))
        return event
    key = fold(query)
    if not key:
        raise BadInput(_("The event name is empty."))
    exact = session.exec(select(Event).where(Event.name_key == key)).first()
    if exact is not None:
        return exact
    pattern = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    partial = session.exec(
        select(Event)
        .where(col(Event.name_key).like(pattern, escape="\\"))
        .order_by(col(Event.happened_on).desc(), Event.name_key)
        .limit(MAX_SHOWN + 1)
    ).all()
    if len(partial) > 1:
        shown = ", ".join(_describe(e) for e in partial[:MAX_SHOWN])
        raise Ambiguous(
            _("'{name}' matches the events {shown}. Use more of the name or #ID.").format(
                name=name, shown=shown
            )
        )
    return partial[0] if partial else None


def resolve_event(session: Session, name: str) -> Event:
    """An existing event, or NotFound naming the most recent ones."""
    event = find_event(session, name)
    if event is None:
        recent = session.exec(
            select(Event.name).order_by(col(Event.happened_on).desc()).limit(3)
        ).all()
        if recent:
            message = _("No event '{name}'. Recent events: {events}.")
        else:
            message = _("No event '{name}'. There are no events yet.")
        raise NotFound(message.format(name=name, events=", ".join(recent)))
    return event


def event_for(
    session: Session, name: str, *, on: date | None, today: date, create: bool = True
) -> Event:
    """The event `name` resolves to, created (dated `on`) when new and `create` allows."""
    event = find_event(session, name) if create else resolve_event(session, name)
    if event is None:
        clean = clean_name(name, "event name")
        event = Event(name=clean, name_key=fold(clean), happened_on=on, created_on=today)
        session.add(event)
        session.flush()
    elif event.happened_on is None and on is not None:
        event.happened_on = on
        session.add(event)
    return event


def add_event(
    session: Session, name: str, *, when: date | None, where: str | None, today: date
) -> dict[str, Any]:
    """`netwerk event add`: a new event (an existing name is a Duplicate)."""
    clean = clean_name(name, "event name")
    existing = session.exec(select(Event).where(Event.name_key == fold(clean))).first()
    if existing is not None:
        raise Duplicate(
            _("The event {existing} already exists.").format(existing=_describe(existing))
        )
    event = Event(
        name=clean,
        name_key=fold(clean),
        happened_on=when,
        place=clean_text(where, "place") if where is not None else None,
        created_on=today,
    )
    session.add(event)
    session.flush()
    return event_json(event, met=0, seen=0)


def event_json(event: Event, *, met: int, seen: int) -> dict[str, Any]:
    return {
        "id": event.id,
        "name": event.name,
        "date": event.happened_on,
        "where": event.place,
        "met": met,
        "seen": seen,
    }


def list_events(session: Session) -> list[dict[str, Any]]:
    """Every event, newest first, with how many people you met and saw there."""
    rows = session.connection().execute(
        text(
            """
            SELECT e.id,
                   (SELECT count(*) FROM contact c WHERE c.met_event_id = e.id) AS met,
                   (SELECT count(DISTINCT tc.contact_id) FROM touch t
                    JOIN touch_contact tc ON tc.touch_id = t.id
                    WHERE t.event_id = e.id AND t.kind != 'met') AS seen
            FROM event e
            """
        )
    )
    counts = {r.id: (r.met, r.seen) for r in rows}
    events = session.exec(
        select(Event).order_by(col(Event.happened_on).desc(), Event.name_key)
    ).all()
    return [
        event_json(e, met=counts[e.id][0], seen=counts[e.id][1]) for e in events if e.id in counts
    ]


def show_event(session: Session, name: str) -> dict[str, Any]:
    """`netwerk event show`: who you met there (added with --met-at) and who you saw there."""
    event = resolve_event(session, name)
    conn = session.connection()
    met = conn.execute(
        text("SELECT id, name, company FROM contact WHERE met_event_id = :id ORDER BY name_key"),
        {"id": event.id},
    ).all()
    seen = conn.execute(
        text(
            "SELECT c.id, c.name, c.company, max(t.happened_on) AS last FROM touch t "
            "JOIN touch_contact tc ON tc.touch_id = t.id JOIN contact c ON c.id = tc.contact_id "
            "WHERE t.event_id = :id AND t.kind != 'met' GROUP BY c.id ORDER BY c.name_key"
        ),
        {"id": event.id},
    ).all()
    data = event_json(event, met=len(met), seen=len(seen))
    data["met"] = [{"id": r.id, "name": r.name, "company": r.company} for r in met]
    data["seen"] = [
        {"id": r.id, "name": r.name, "company": r.company, "date": date.fromisoformat(r.last)}
        for r in seen
    ]
    return data


def _describe(event: Event) -> str:
    day = f" ({event.happened_on.isoformat()})" if event.happened_on else ""
    return f"#{event.id} {event.name}{day}"
