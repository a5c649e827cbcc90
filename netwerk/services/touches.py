"""Touches: logging a moment of contact with one or more people."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from netwerk.errors import BadDate, BadInput
from netwerk.i18n import _
from netwerk.rules.dates import show_date
from netwerk.rules.kinds import parse_kind
from netwerk.services import exchanges
from netwerk.services.common import ref
from netwerk.services.events import event_for
from netwerk.services.hints import asked_in_a_row
from netwerk.services.names import resolve
from netwerk.store.query import json_ids
from netwerk.store.store import stamp

if TYPE_CHECKING:
    from netwerk.store.store import Store

MAX_NOTE = 10_000


@dataclass
class Touch:
    """A touch just written: what the commands report back."""

    id: int
    happened_on: date
    kind: str
    note: str | None
    event_id: int | None = None
    # sentences for the user: the met dates this touch moved back (see earlier_than_met)
    notes: list[str] = field(default_factory=list)


def check_note(note: str | None) -> str | None:
    """A note kept exactly as typed; blank means none."""
    if note is None or not note.strip():
        return None
    if len(note) > MAX_NOTE:
        raise BadInput(_("The note is longer than {n} characters.").format(n=MAX_NOTE))
    if "\x00" in note:
        raise BadInput(_("The note contains a NUL character."))
    return note


def earlier_than_met(store: Store, touch_id: int, on: date) -> list[str]:
    """A touch before someone's met date moves the met date (and the 'met' touch) back to
    it: you cannot have seen someone before you met them. One sentence per person moved."""
    moved = store.rows(
        "SELECT c.id, c.name FROM touch_contact tc JOIN contact c ON c.id = tc.contact_id "
        "WHERE tc.touch_id = :t AND c.met_on > :d ORDER BY c.id",
        {"t": touch_id, "d": on.isoformat()},
    )
    notes = []
    for person in moved:
        store.execute(
            "UPDATE touch SET happened_on = :d WHERE kind = 'met' AND id IN "
            "(SELECT touch_id FROM touch_contact WHERE contact_id = :c)",
            {"d": on.isoformat(), "c": person.id},
        )
        store.execute(
            "UPDATE contact SET met_on = :d WHERE id = :c", {"d": on.isoformat(), "c": person.id}
        )
        notes.append(
            _("this touch is before you met {name}: the met date is now {day}").format(
                name=person.name, day=on.isoformat()
            )
        )
    return notes


def resolve_many(store: Store, names: list[str]) -> list[Any]:
    """Each name resolved (rows with id, name, company); the same person named twice counts
    once."""
    people: dict[int, Any] = {}
    for name in names:
        contact = resolve(store, name)
        people.setdefault(contact.id, contact)
    if not people:
        raise BadInput(_("Name at least one contact."))
    return list(people.values())


def add_touch(  # noqa: PLR0913
    store: Store,
    people: list[Any],
    *,
    when: date,
    kind: str,
    note: str | None,
    today: date,
    event_id: int | None = None,
) -> Touch:
    """Record one touch with `people`, move their last-touch date, and move a met date back
    to it when it is earlier (`log`, `give`, `ask` and `intro` alike)."""
    if when > today:
        raise BadDate(
            _("{when} is in the future; log what has happened.").format(when=show_date(when))
        )
    note = check_note(note)
    touch_id = store.insert(
        "INSERT INTO touch (happened_on, kind, note, created_at, event_id) "
        "VALUES (:on, :kind, :note, :at, :event)",
        {"on": when.isoformat(), "kind": kind, "note": note, "at": stamp(), "event": event_id},
    )
    ids = [p.id for p in people]
    store.executemany(
        "INSERT INTO touch_contact (touch_id, contact_id) VALUES (?, ?)",
        [(touch_id, i) for i in ids],
    )
    # A touch serves any schedule `spread` made: from now on the cadence alone decides.
    store.execute(
        "UPDATE contact SET first_due_on = NULL "
        "WHERE id IN (SELECT value FROM json_each(:ids)) AND first_due_on IS NOT NULL",
        {"ids": json_ids(ids)},
    )
    refresh_last_touch(store, ids)
    return Touch(touch_id, when, kind, note, event_id, earlier_than_met(store, touch_id, when))


def log_touch(  # noqa: PLR0913
    store: Store,
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
    people = resolve_many(store, names)
    kind = parse_kind(kind)
    event_id = None
    if event is not None:
        event_id = event_for(store, event, on=when, today=today, create=create_event).id
    touch = add_touch(
        store, people, when=when, kind=kind, note=note, today=today, event_id=event_id
    )
    notes = []
    if event_id is not None:
        found = store.one("SELECT name, happened_on FROM event WHERE id = ?", (event_id,))
        if found.happened_on is not None and str(found.happened_on) > when.isoformat():
            notes.append(
                _("{event} is dated {day}, after this touch of {when}").format(
                    event=found.name, day=str(found.happened_on), when=when.isoformat()
                )
            )
    return touch_result(
        store, touch, people, gave or [], asked or [], offer_ids or [], today, notes=notes
    )


def touch_result(  # noqa: PLR0913
    store: Store,
    touch: Touch,
    people: list[Any],
    gave: list[str],
    asked: list[str],
    offer_ids: list[int],
    today: date,
    notes: list[str] | None = None,
) -> dict[str, Any]:
    """Record the gives and asks of a fresh touch and describe it, with the hints to show:
    the met dates it moved, then `notes`, then what asking says."""
    if offer_ids and not gave:
        raise BadInput(_("--offer marks an offer as given: say what you gave with --gave."))
    notes = [*touch.notes, *(notes or [])]
    # on asking someone you never gave to, say so (checked before this touch's own gives count)
    if asked:
        notes += exchanges.never_given(store, people)
    gives = exchanges.record(store, touch.id, "give", gave)
    asks = exchanges.record(store, touch.id, "ask", asked)
    given = (
        exchanges.mark_offers_given(store, offer_ids, people, gives[0]["id"], touch.happened_on)
        if offer_ids
        else []
    )
    if asks:
        notes += asked_in_a_row(store, people)
    return {
        "id": touch.id,
        "date": touch.happened_on,
        "kind": touch.kind,
        "note": touch.note,
        "with": [ref(p) for p in people],
        "event": _event_ref(store, touch.event_id),
        "gave": gives,
        "asked": asks,
        "offers_given": given,
        "hints": notes,
    }


def _event_ref(store: Store, event_id: int | None) -> dict[str, Any] | None:
    event = store.one("SELECT id, name FROM event WHERE id = ?", (event_id,)) if event_id else None
    return {"id": event.id, "name": event.name} if event else None


def refresh_last_touch(store: Store, contact_ids: list[int]) -> None:
    """Recompute the cached last-touch date of these contacts from their touches."""
    if not contact_ids:
        return
    store.execute(
        "UPDATE contact SET last_touch_on = (SELECT max(t.happened_on) FROM touch_contact tc "
        "JOIN touch t ON t.id = tc.touch_id WHERE tc.contact_id = contact.id) "
        "WHERE id IN (SELECT value FROM json_each(:ids))",
        {"ids": json_ids(contact_ids)},
    )
