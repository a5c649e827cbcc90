"""Taking back what other commands recorded: a knows link, an offer, a goal, an event, a
circle. Each returns what it changed, in the user's words; `netwerk undo` (see
`netwerk.store.journal`) can take any of these back in turn."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlmodel import Session, select

from netwerk.errors import BadInput, Duplicate, NotFound
from netwerk.i18n import _, ngettext
from netwerk.rules.text import clean_name, fold
from netwerk.services.common import find_circle
from netwerk.services.events import resolve_event
from netwerk.services.names import resolve
from netwerk.services.network import pair
from netwerk.store.models import Circle, Event, Goal, Knows, Offer
from netwerk.store.query import fetch


def unlink(session: Session, a: str, b: str) -> dict[str, Any]:
    """`knows A B --remove`: they no longer count as knowing each other."""
    first, second = resolve(session, a), resolve(session, b)
    low, high = pair(first.id, second.id)  # type: ignore[arg-type]
    link = session.get(Knows, (low, high))
    if link is None:
        raise NotFound(
            _("{a} and {b} are not linked; nothing removed.").format(a=first.name, b=second.name)
        )
    session.delete(link)
    session.flush()
    return {"a": {"id": first.id, "name": first.name}, "b": {"id": second.id, "name": second.name}}


def drop_offer(session: Session, offer_id: int) -> dict[str, Any]:
    """`offers drop ID`: an idea you will not bring after all (a given offer is history)."""
    offer = session.get(Offer, offer_id)
    if offer is None:
        raise NotFound(_("No offer #{id}.").format(id=offer_id))
    if offer.given_on is not None:
        raise BadInput(
            _("Offer #{id} was given on {day}; it stays in the history.").format(
                id=offer_id, day=offer.given_on.isoformat()
            )
        )
    result = {"id": offer.id, "what": offer.what, "contact_id": offer.contact_id}
    session.delete(offer)
    session.flush()
    return result


def remove_goal(session: Session, goal_id: int) -> dict[str, Any]:
    """`goal remove ID`."""
    goal = session.get(Goal, goal_id)
    if goal is None:
        raise NotFound(
            _("No goal #{id}. 'netwerk goal list' shows them with ids.").format(id=goal_id)
        )
    result = {"id": goal.id, "text": goal.text}
    session.delete(goal)
    session.flush()
    return result


def rename_event(session: Session, name: str, new_name: str) -> dict[str, Any]:
    """`event rename NAME NEW`: the name `add` wrote in a 'met' touch's note follows."""
    event = resolve_event(session, name)
    clean = clean_name(new_name, "event name")
    other = session.exec(select(Event).where(Event.name_key == fold(clean))).first()
    if other is not None and other.id != event.id:
        raise Duplicate(_("An event called {name} already exists.").format(name=other.name))
    old = event.name
    event.name, event.name_key = clean, fold(clean)
    session.add(event)
    session.connection().execute(
        text("UPDATE touch SET note = :new WHERE event_id = :e AND kind = 'met' AND note = :old"),
        {"new": f"Met at {clean}", "old": f"Met at {old}", "e": event.id},
    )
    session.flush()
    return {"id": event.id, "old_name": old, "name": clean}


def remove_event(session: Session, name: str) -> dict[str, Any]:
    """`event remove NAME`: the event goes; its touches stay, no longer at an event."""
    event = resolve_event(session, name)
    (touches,) = fetch(session, "SELECT count(*) FROM touch WHERE event_id = :e", {"e": event.id})[
        0
    ]
    result = {"id": event.id, "name": event.name, "touches_kept": touches}
    session.delete(event)  # touch.event_id and contact.met_event_id: ON DELETE SET NULL
    session.flush()
    return result


def rename_circle(session: Session, name: str, new_name: str) -> dict[str, Any]:
    """`circle rename NAME NEW`."""
    circle = find_circle(session, name)
    clean = clean_name(new_name, "circle name")
    other = session.exec(select(Circle).where(Circle.name_key == fold(clean))).first()
    if other is not None and other.id != circle.id:
        raise Duplicate(_("A circle called {name} already exists.").format(name=other.name))
    old = circle.name
    circle.name, circle.name_key = clean, fold(clean)
    session.add(circle)
    session.flush()
    return {"id": circle.id, "old_name": old, "name": clean}


def remove_circle(session: Session, name: str) -> dict[str, Any]:
    """`circle remove NAME`: only an empty circle, that no goal counts in, goes."""
    circle = find_circle(session, name)
    ((members,),) = fetch(
        session, "SELECT count(*) FROM contact_circle WHERE circle_id = :c", {"c": circle.id}
    )
    if members:
        raise BadInput(
            ngettext(
                "{circle} still has {n} member; take them out with "
                "'netwerk edit NAME --remove-circle {circle}' first.",
                "{circle} still has {n} members; take them out with "
                "'netwerk edit NAME --remove-circle {circle}' first.",
                members,
            ).format(circle=circle.name, n=members)
        )
    goals = session.exec(select(Goal.id).where(Goal.circle_id == circle.id)).all()
    if goals:
        raise BadInput(
            _("Goal #{id} counts in {circle}; remove the goal first.").format(
                id=goals[0], circle=circle.name
            )
        )
    result = {"id": circle.id, "name": circle.name}
    session.delete(circle)
    session.flush()
    return result
