"""Taking back what other commands recorded: a knows link, an offer, a goal, an event, a
circle. Each returns what it changed, in the user's words; `netwerk undo` (see
`netwerk.store.journal`) can take any of these back in turn."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netwerk.errors import BadInput, Duplicate, NotFound
from netwerk.i18n import _, ngettext
from netwerk.rules.text import clean_name, fold
from netwerk.services.events import resolve_event
from netwerk.services.names import resolve
from netwerk.services.network import pair
from netwerk.store.query import circle_id
from netwerk.store.store import day

if TYPE_CHECKING:
    from netwerk.store.store import Store


def unlink(store: Store, a: str, b: str) -> dict[str, Any]:
    """`knows A B --remove`: they no longer count as knowing each other."""
    first, second = resolve(store, a), resolve(store, b)
    low, high = pair(first.id, second.id)
    if not store.execute("DELETE FROM knows WHERE low_id = ? AND high_id = ?", (low, high)):
        raise NotFound(
            _("{a} and {b} are not linked; nothing removed.").format(a=first.name, b=second.name)
        )
    return {"a": {"id": first.id, "name": first.name}, "b": {"id": second.id, "name": second.name}}


def drop_offer(store: Store, offer_id: int) -> dict[str, Any]:
    """`offers drop ID`: an idea you will not bring after all (a given offer is history)."""
    offer = store.one("SELECT id, what, contact_id, given_on FROM offer WHERE id = ?", (offer_id,))
    if offer is None:
        raise NotFound(_("No offer #{id}.").format(id=offer_id))
    if offer.given_on is not None:
        raise BadInput(
            _("Offer #{id} was given on {day}; it stays in the history.").format(
                id=offer_id, day=str(day(offer.given_on))
            )
        )
    store.execute("DELETE FROM offer WHERE id = ?", (offer_id,))
    return {"id": offer.id, "what": offer.what, "contact_id": offer.contact_id}


def remove_goal(store: Store, goal_id: int) -> dict[str, Any]:
    """`goal remove ID`."""
    goal = store.one("SELECT id, text FROM goal WHERE id = ?", (goal_id,))
    if goal is None:
        raise NotFound(
            _("No goal #{id}. 'netwerk goal list' shows them with ids.").format(id=goal_id)
        )
    store.execute("DELETE FROM goal WHERE id = ?", (goal_id,))
    return {"id": goal.id, "text": goal.text}


def _rename(store: Store, table: str, row_id: int, new_name: str, what: str) -> str:
    """The clean new name of row `row_id` of `table` (event or circle), written; Duplicate
    when another row already has it."""
    clean = clean_name(new_name, f"{what} name")
    other = store.one(
        f"SELECT id, name FROM {table} WHERE name_key = ? AND id != ?", (fold(clean), row_id)
    )
    if other is not None:
        message = (
            _("An event called {name} already exists.")
            if table == "event"
            else _("A circle called {name} already exists.")
        )
        raise Duplicate(message.format(name=other.name))
    store.execute(
        f"UPDATE {table} SET name = ?, name_key = ? WHERE id = ?", (clean, fold(clean), row_id)
    )
    return clean


def rename_event(store: Store, name: str, new_name: str) -> dict[str, Any]:
    """`event rename NAME NEW`: the name `add` wrote in a 'met' touch's note follows."""
    event = resolve_event(store, name)
    clean = _rename(store, "event", event.id, new_name, "event")
    store.execute(
        "UPDATE touch SET note = :new WHERE event_id = :e AND kind = 'met' AND note = :old",
        {"new": f"Met at {clean}", "old": f"Met at {event.name}", "e": event.id},
    )
    return {"id": event.id, "old_name": event.name, "name": clean}


def remove_event(store: Store, name: str) -> dict[str, Any]:
    """`event remove NAME`: the event goes; its touches stay, no longer at an event."""
    event = resolve_event(store, name)
    touches = store.value("SELECT count(*) FROM touch WHERE event_id = ?", (event.id,))
    # touch.event_id and contact.met_event_id: ON DELETE SET NULL
    store.execute("DELETE FROM event WHERE id = ?", (event.id,))
    return {"id": event.id, "name": event.name, "touches_kept": touches}


def rename_circle(store: Store, name: str, new_name: str) -> dict[str, Any]:
    """`circle rename NAME NEW`."""
    found = circle_id(store, name)
    old = store.value("SELECT name FROM circle WHERE id = ?", (found,))
    clean = _rename(store, "circle", found, new_name, "circle")
    return {"id": found, "old_name": old, "name": clean}


def remove_circle(store: Store, name: str) -> dict[str, Any]:
    """`circle remove NAME`: only an empty circle, that no goal counts in, goes."""
    found = circle_id(store, name)
    circle = store.value("SELECT name FROM circle WHERE id = ?", (found,))
    members = store.value("SELECT count(*) FROM contact_circle WHERE circle_id = ?", (found,))
    if members:
        raise BadInput(
            ngettext(
                "{circle} still has {n} member; take them out with "
                "'netwerk edit NAME --remove-circle {circle}' first.",
                "{circle} still has {n} members; take them out with "
                "'netwerk edit NAME --remove-circle {circle}' first.",
                members,
            ).format(circle=circle, n=members)
        )
    goal = store.value("SELECT min(id) FROM goal WHERE circle_id = ?", (found,))
    if goal is not None:
        raise BadInput(
            _("Goal #{id} counts in {circle}; remove the goal first.").format(
                id=goal, circle=circle
            )
        )
    store.execute("DELETE FROM circle WHERE id = ?", (found,))
    return {"id": found, "name": circle}
