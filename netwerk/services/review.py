"""`netwerk review`: the weekly triage's queue and what each of its screens shows.

The queue walks, in order: who is due (most overdue first, `services.due`), birthdays in the
next 14 days, introductions to follow up (longest waiting first), asks still waiting (oldest
first, `services.giving`), and a batch of the contacts who wait with no known touch (fresh
imports, oldest first, `due --unknown`): 25, or as many as `--limit` allows, so that after a
big import `review --limit 50` walks fifty of them. Each rule is read from its own service;
nothing here decides who is due.

The actions of a screen are the services the other commands use (`log_touch` for a touch,
`snooze`, `edit_contact`, `set_archived`, `close_intro`, `close_ask`, `add_offer`); the CLI
runs each in its own transaction, so an answer is saved the moment it is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netwerk.store.store import Store as Session

# birthdays this many days ahead (`due` looks one week ahead, a weekly review two)
BIRTHDAY_DAYS = 14
# fresh imports are reviewed this many at a time (or as many as --limit N asks for)
WAITING_BATCH = 25
REASONS = ("due", "birthday", "intro", "ask", "waiting")


@dataclass
class Item:
    """One screen of the review: a reason, the person it is about, and the reason's data
    (the due row, the birthday, the introduction or the ask, in their services' shapes)."""

    reason: str
    contact_id: int
    name: str
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class Queue:
    items: list[Item]
    waiting_total: int  # how many wait in all (a batch of them is in `items`)


def queue(session: Session, *, today: date, limit: int | None = None) -> Queue:
    """The review's items in order; at most `limit` of them (None: all, with one batch of
    the waiting)."""
    from netwerk.services.due import due, upcoming_birthdays, waiting
    from netwerk.services.giving import list_asks

    found = due(session, today=today, limit=limit)
    items = [Item("due", d["id"], d["name"], d) for d in found["due"]]
    items += [
        Item("birthday", b["id"], b["name"], b)
        for b in upcoming_birthdays(session, today=today, window=BIRTHDAY_DAYS)
    ]
    items += [Item("intro", i["a"]["id"], i["a"]["name"], i) for i in found["follow_ups"]]
    for ask in list_asks(session):
        if ask["with"]:
            items.append(Item("ask", ask["with"][0]["id"], ask["with"][0]["name"], ask))
    batch = waiting(session, limit=limit or WAITING_BATCH)
    items += [Item("waiting", w["id"], w["name"], w) for w in batch["waiting"]]
    if limit:
        items = items[:limit]
    return Queue(items=items, waiting_total=batch["total"])


def card(session: Session, item: Item, *, today: date) -> dict[str, Any]:
    """What the screen shows about the item's person: the profile with their last touch,
    open offers, hints, circles, cadence and introductions (`show`'s profile), and the asks
    of theirs still waiting."""
    from netwerk.services.giving import list_asks
    from netwerk.services.profile import show_contact

    profile = show_contact(session, f"#{item.contact_id}", today=today, limit=1)
    profile["open_asks"] = [
        a for a in list_asks(session) if any(p["id"] == item.contact_id for p in a["with"])
    ]
    profile["open_intros"] = [i for i in profile.get("intros", []) if i["status"] == "open"]
    return profile


@dataclass
class Tally:
    """What a review did, for its summary."""

    logged: int = 0
    snoozed: int = 0
    cadences: int = 0
    circles: int = 0
    archived: int = 0
    done: int = 0
    offers: int = 0

    def any(self) -> bool:
        return any(vars(self).values())
