"""Events: gatherings where you meet and see people, resolved by name like contacts are.

An event name resolves in this order: `#ID`; the exact name ignoring case and accents; a unique
beginning of the name. A name that resolves to nothing is created on first mention (`add
--met-at`, `log --event`) unless the command says `--no-create`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from netwerk.errors import Ambiguous, BadInput, Duplicate, NotFound
from netwerk.i18n import _
from netwerk.rules.text import clean_name, fold, hash_id
from netwerk.services.common import clean_text
from netwerk.store.store import day

if TYPE_CHECKING:
    from netwerk.store.store import Store

MAX_SHOWN = 8
_EVENT = "SELECT id, name, name_key, happened_on, place FROM event"


def find_event(store: Store, name: str) -> Any:
    """The event `name` means (a row: id, name, name_key, happened_on, place), None when
    nothing matches, Ambiguous when several do."""
    query = name.strip()
    number = hash_id(query)
    if number is not None:
        event = store.one(f"{_EVENT} WHERE id = ?", (number,))
        if event is None:
            raise NotFound(_("No event with id {query}.").format(query=query))
        return event
    key = fold(query)
    if not key:
        raise BadInput(_("The event name is empty."))
    exact = store.one(f"{_EVENT} WHERE name_key = ?", (key,))
    if exact is not None:
        return exact
    pattern = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    partial = store.rows(
        f"{_EVENT} WHERE name_key LIKE ? ESCAPE '\\' ORDER BY happened_on DESC, name_key LIMIT ?",
        (pattern, MAX_SHOWN + 1),
    )
    if len(partial) > 1:
        shown = ", ".join(_describe(e) for e in partial[:MAX_SHOWN])
        raise Ambiguous(
            _("'{name}' matches the events {shown}. Use more of the name or #ID.").format(
                name=name, shown=shown
            )
        )
    return partial[0] if partial else None


def resolve_event(store: Store, name: str) -> Any:
    """An existing event, or NotFound naming the most recent ones."""
    event = find_event(store, name)
    if event is None:
        recent = [
            r.name for r in store.rows("SELECT name FROM event ORDER BY happened_on DESC LIMIT 3")
        ]
        if recent:
            message = _("No event '{name}'. Recent events: {events}.")
        else:
            message = _("No event '{name}'. There are no events yet.")
        raise NotFound(message.format(name=name, events=", ".join(recent)))
    return event


def event_for(store: Store, name: str, *, on: date | None, today: date, create: bool = True) -> Any:
    """The event `name` resolves to (a row with id and name), created (dated `on`) when new
    and `create` allows."""
    event = find_event(store, name) if create else resolve_event(store, name)
    if event is None:
        clean = clean_name(name, "event name")
        new = store.insert(
            "INSERT INTO event (name, name_key, happened_on, created_on) VALUES (?, ?, ?, ?)",
            (clean, fold(clean), on.isoformat() if on else None, today.isoformat()),
        )
        return store.one(f"{_EVENT} WHERE id = ?", (new,))
    if event.happened_on is None and on is not None:
        store.execute("UPDATE event SET happened_on = ? WHERE id = ?", (on.isoformat(), event.id))
    return event


def add_event(
    store: Store, name: str, *, when: date | None, where: str | None, today: date
) -> dict[str, Any]:
    """`netwerk event add`: a new event (an existing name is a Duplicate)."""
    clean = clean_name(name, "event name")
    existing = store.one(f"{_EVENT} WHERE name_key = ?", (fold(clean),))
    if existing is not None:
        raise Duplicate(
            _("The event {existing} already exists.").format(existing=_describe(existing))
        )
    place = clean_text(where, "place") if where is not None else None
    new = store.insert(
        "INSERT INTO event (name, name_key, happened_on, place, created_on) VALUES (?, ?, ?, ?, ?)",
        (clean, fold(clean), when.isoformat() if when else None, place, today.isoformat()),
    )
    return event_json(store.one(f"{_EVENT} WHERE id = ?", (new,)), met=0, seen=0)


def event_json(event: Any, *, met: int, seen: int) -> dict[str, Any]:
    return {
        "id": event.id,
        "name": event.name,
        "date": day(event.happened_on),
        "where": event.place,
        "met": met,
        "seen": seen,
    }


def list_events(store: Store) -> list[dict[str, Any]]:
    """Every event, newest first, with how many people you met and saw there (who was seen
    where is kept by the database: migration m016)."""
    rows = store.rows(
        """
        SELECT e.id, e.name, e.happened_on, e.place,
               (SELECT count(*) FROM contact c WHERE c.met_event_id = e.id) AS met,
               (SELECT count(*) FROM _event_seen s WHERE s.event_id = e.id) AS seen
        FROM event e ORDER BY e.happened_on DESC, e.name_key
        """
    )
    return [event_json(e, met=e.met, seen=e.seen) for e in rows]


def show_event(store: Store, name: str) -> dict[str, Any]:
    """`netwerk event show`: who you met there (added with --met-at) and who you saw there."""
    event = resolve_event(store, name)
    met = store.rows(
        "SELECT id, name, company FROM contact WHERE met_event_id = :id ORDER BY name_key",
        {"id": event.id},
    )
    seen = store.rows(
        "SELECT c.id, c.name, c.company, max(t.happened_on) AS last FROM touch t "
        "JOIN touch_contact tc ON tc.touch_id = t.id JOIN contact c ON c.id = tc.contact_id "
        "WHERE t.event_id = :id AND t.kind != 'met' GROUP BY c.id ORDER BY c.name_key",
        {"id": event.id},
    )
    data = event_json(event, met=len(met), seen=len(seen))
    data["met"] = [{"id": r.id, "name": r.name, "company": r.company} for r in met]
    data["seen"] = [
        {"id": r.id, "name": r.name, "company": r.company, "date": date.fromisoformat(r.last)}
        for r in seen
    ]
    return data


def _describe(event: Any) -> str:
    when = f" ({event.happened_on})" if event.happened_on else ""
    return f"#{event.id} {event.name}{when}"
