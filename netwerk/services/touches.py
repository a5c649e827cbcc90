"""Touches: logging a moment of contact with one or more people."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from netwerk.errors import BadDate, BadInput
from netwerk.i18n import _
from netwerk.rules.dates import show_date
from netwerk.rules.kinds import parse_kind
from netwerk.services import exchanges
from netwerk.services.common import json_ids, ref
from netwerk.services.events import event_for
from netwerk.services.names import resolve
from netwerk.store.models import Contact, Event, Touch, TouchContact
from netwerk.store.query import fetch

MAX_NOTE = 10_000


def check_note(note: str | None) -> str | None:
    """A note kept exactly as typed; blank means none."""
    if note is None or not note.strip():
        return None
    if len(note) > MAX_NOTE:
        raise BadInput(_("The note is longer than {n} characters.").format(n=MAX_NOTE))
    if "\x00" in note:
        raise BadInput(_("The note contains a NUL character."))
    return note


def earlier_than_met(session: Session, touch: Touch) -> list[str]:
    """A touch before someone's met date moves the met date (and the 'met' touch) back to
    it: you cannot have seen someone before you met them. One sentence per person moved."""
    moved = fetch(
        session,
        "SELECT c.id, c.name FROM touch_contact tc JOIN contact c ON c.id = tc.contact_id "
        "WHERE tc.touch_id = :t AND c.met_on > :d ORDER BY c.id",
        {"t": touch.id, "d": touch.happened_on.isoformat()},
    )
    notes = []
    for person in moved:
        session.connection().execute(
            text(
                "UPDATE touch SET happened_on = :d WHERE kind = 'met' AND id IN "
                "(SELECT touch_id FROM touch_contact WHERE contact_id = :c)"
            ),
            {"d": touch.happened_on.isoformat(), "c": person.id},
        )
        session.connection().execute(
            text("UPDATE contact SET met_on = :d WHERE id = :c"),
            {"d": touch.happened_on.isoformat(), "c": person.id},
        )
        notes.append(
            _("this touch is before you met {name}: the met date is now {day}").format(
                name=person.name, day=touch.happened_on.isoformat()
            )
        )
    if moved:
        session.expire_all()
    return notes


def resolve_many(session: Session, names: list[str]) -> list[Contact]:
    """Each name resolved; the same person named twice counts once."""
    people: dict[int, Contact] = {}
    for name in names:
        contact = resolve(session, name)
        assert contact.id is not None
        people.setdefault(contact.id, contact)
    if not people:
        raise BadInput(_("Name at least one contact."))
    return list(people.values())


def add_touch(
    session: Session,
    people: list[Contact],
    *,
    when: date,
    kind: str,
    note: str | None,
    today: date,
) -> Touch:
    """Record one touch with `people` and move their last-touch date."""
    if when > today:
        raise BadDate(
            _("{when} is in the future; log what has happened.").format(when=show_date(when))
        )
    note = check_note(note)
    touch = Touch(happened_on=when, kind=kind, note=note, created_at=datetime.now(UTC))
    session.add(touch)
    session.flush()
    for person in people:
        session.add(TouchContact(touch_id=touch.id, contact_id=person.id))
    session.flush()
    ids = [p.id for p in people if p.id is not None]
    # A touch serves any schedule `spread` made: from now on the cadence alone decides.
    session.connection().execute(
        text(
            "UPDATE contact SET first_due_on = NULL "
            "WHERE id IN (SELECT value FROM json_each(:ids)) AND first_due_on IS NOT NULL"
        ),
        {"ids": json_ids(ids)},
    )
    refresh_last_touch(session, ids)
    return touch


def log_touch(  # noqa: PLR0913
    session: Session,
    names: list[str],
    *,
    when: date,
    kind: str,
    note: str | None,
    today: date,
    gave: list[str] | None = None,
    asked: list[str] | None = None,
    offer_ids: list[int] | None = None,
    event: str | None = None,
    create_event: bool = True,
) -> dict[str, Any]:
    """`netwerk log`: one touch with one or more people (a lunch with three is one entry),
    with what it gave or asked for, the offers it delivered and the event it was at."""
    people = resolve_many(session, names)
    touch = add_touch(session, people, when=when, kind=parse_kind(kind), note=note, today=today)
    notes = earlier_than_met(session, touch)
    if event is not None:
        found = event_for(session, event, on=when, today=today, create=create_event)
        touch.event_id = found.id
        session.add(touch)
        if found.happened_on is not None and found.happened_on > when:
            notes.append(
                _("{event} is dated {day}, after this touch of {when}").format(
                    event=found.name, day=found.happened_on.isoformat(), when=when.isoformat()
                )
            )
    result = touch_result(session, touch, people, gave or [], asked or [], offer_ids or [], today)
    result["hints"] = notes + result["hints"]
    return result


def touch_result(  # noqa: PLR0913
    session: Session,
    touch: Touch,
    people: list[Contact],
    gave: list[str],
    asked: list[str],
    offer_ids: list[int],
    today: date,
) -> dict[str, Any]:
    """Record the gives and asks of a fresh touch and describe it, with the hints to show."""
    if offer_ids and not gave:
        raise BadInput(_("--offer marks an offer as given: say what you gave with --gave."))
    # on asking someone you never gave to, say so (checked before this touch's own gives count)
    notes = exchanges.never_given(session, people) if asked else []
    gives = exchanges.record(session, touch, "give", gave)
    asks = exchanges.record(session, touch, "ask", asked)
    given = (
        exchanges.mark_offers_given(session, offer_ids, people, gives[0], touch.happened_on)
        if offer_ids
        else []
    )
    if asks:
        for sentences in exchanges.hints(session, people, today=today).values():
            notes += [s for s in sentences if s.startswith("you asked")]
    return {
        "id": touch.id,
        "date": touch.happened_on,
        "kind": touch.kind,
        "note": touch.note,
        "with": [ref(p) for p in people],
        "event": _event_ref(session, touch.event_id),
        "gave": [{"id": g.id, "what": g.what} for g in gives],
        "asked": [{"id": a.id, "what": a.what} for a in asks],
        "offers_given": given,
        "hints": notes,
    }


def _event_ref(session: Session, event_id: int | None) -> dict[str, Any] | None:
    event = session.get(Event, event_id) if event_id else None
    return {"id": event.id, "name": event.name} if event else None


def refresh_last_touch(session: Session, contact_ids: list[int]) -> None:
    """Recompute the cached last-touch date of these contacts from their touches."""
    if not contact_ids:
        return
    session.connection().execute(
        text(
            "UPDATE contact SET last_touch_on = (SELECT max(t.happened_on) FROM touch_contact tc "
            "JOIN touch t ON t.id = tc.touch_id WHERE tc.contact_id = contact.id) "
            "WHERE id IN (SELECT value FROM json_each(:ids))"
        ),
        {"ids": json_ids(contact_ids)},
    )
    session.expire_all()
