"""Export: contacts as vCard 3.0, and what is coming as an iCalendar feed.

Both are generated from the store and returned as text; the CLI writes it to stdout or a file.
UIDs come from `contact.uid`, so every export of the same contact carries the same identity:
a phone re-importing the vCards updates, and a calendar re-reading the feed replaces events
instead of duplicating them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session, col, select

from netwerk.formats.record import ContactRecord
from netwerk.services.common import cadences_of, circles_of, due_on, find_circle
from netwerk.store.models import Alias, Contact, ContactCircle, Detail

ICS_DOMAIN = "netwerk.local"


def _contacts(session: Session, circle: str | None) -> list[Contact]:
    query = select(Contact).order_by(Contact.name_key, col(Contact.id))
    if circle:
        found = find_circle(session, circle)
        members = select(ContactCircle.contact_id).where(ContactCircle.circle_id == found.id)
        query = query.where(col(Contact.id).in_(members))
    return list(session.exec(query).all())


def contact_records(session: Session, *, circle: str | None = None) -> list[ContactRecord]:
    """Every contact (or a circle's) as a ContactRecord, by name."""
    contacts = _contacts(session, circle)
    ids = [c.id for c in contacts if c.id is not None]
    circles = circles_of(session, ids)
    aliases: dict[int, list[str]] = {i: [] for i in ids}
    for alias in session.exec(
        select(Alias).where(col(Alias.contact_id).in_(ids)).order_by(col(Alias.id))
    ):
        aliases[alias.contact_id].append(alias.name)
    details: dict[int, dict[str, list[str]]] = {i: {} for i in ids}
    for d in session.exec(
        select(Detail).where(col(Detail.contact_id).in_(ids)).order_by(col(Detail.id))
    ):
        details[d.contact_id].setdefault(d.kind, []).append(d.value)
    records = []
    for c in contacts:
        assert c.id is not None
        mine = details[c.id]
        birthday = (
            (c.birthday_year, c.birthday_month, c.birthday_day)
            if c.birthday_month and c.birthday_day
            else None
        )
        records.append(
            ContactRecord(
                name=c.name,
                aliases=aliases[c.id],
                emails=mine.get("email", []),
                phones=mine.get("phone", []),
                urls=mine.get("url", []),
                socials=mine.get("social", []),
                company=c.company,
                role=c.role,
                city=c.city,
                note=c.note,
                circles=circles[c.id],
                birthday=birthday,
                uid=c.uid,
                met_on=c.met_on,
            )
        )
    return records


def export_vcard(session: Session, *, circle: str | None = None) -> str:
    """All contacts as one vCard 3.0 file."""
    from netwerk.formats import write_vcards

    return write_vcards(contact_records(session, circle=circle))


def calendar_items(
    session: Session, *, today: date, circle: str | None = None
) -> list[dict[str, Any]]:
    """What the feed holds: a due date per contact (overdue ones on today), birthdays, and the
    follow-ups of open introductions.

    Each item: {"uid", "kind": "due"|"birthday"|"follow_up", "date", "summary", "description",
    "yearly"}.
    Archived contacts are left out; a snoozed contact is due when the snooze ends at the earliest.
    """
    contacts = [c for c in _contacts(session, circle) if not c.archived]
    cadences = cadences_of(session, [c.id for c in contacts if c.id is not None])
    items: list[dict[str, Any]] = []
    for c in contacts:
        assert c.id is not None
        when = due_on(c.last_touch_on, cadences[c.id], c.first_due_on)
        if when is not None:
            if c.snoozed_until and c.snoozed_until > when:
                when = c.snoozed_until
            last = c.last_touch_on.isoformat() if c.last_touch_on else "unknown"
            items.append(
                {
                    "uid": f"due-{c.uid}@{ICS_DOMAIN}",
                    "kind": "due",
                    "date": max(when, today),
                    "summary": f"Get in touch with {c.name}",
                    "description": f"Last touch: {last}. netwerk show '#{c.id}'",
                    "yearly": False,
                }
            )
        if c.birthday_month and c.birthday_day:
            items.append(
                {
                    "uid": f"birthday-{c.uid}@{ICS_DOMAIN}",
                    "kind": "birthday",
                    "date": _first_birthday(c, today),
                    "summary": f"Birthday of {c.name}",
                    "description": None,
                    "yearly": True,
                }
            )
    items += _follow_ups(session, today=today, only={c.id for c in contacts} if circle else None)
    items.sort(key=lambda i: (i["date"], i["uid"]))
    return items


def _follow_ups(
    session: Session, *, today: date, only: set[int | None] | None
) -> list[dict[str, Any]]:
    """Open introductions on their follow-up date (overdue ones on today); the intro's id
    keeps the UID stable, and a closed intro drops out of the next feed."""
    from netwerk.services.intro_views import list_intros

    items = []
    for intro in list_intros(session, open_only=True):
        a, b = intro["a"], intro["b"]
        if only is not None and a["id"] not in only and b["id"] not in only:
            continue
        items.append(
            {
                "uid": f"follow-up-intro-{intro['id']}@{ICS_DOMAIN}",
                "kind": "follow_up",
                "date": max(intro["follow_up_on"], today),
                "summary": f"Follow up: did {a['name']} and {b['name']} meet?",
                "description": f"Introduced {intro['introduced_on'].isoformat()}: "
                f"{intro['why']}. netwerk intros done {intro['id']} --outcome ...",
                "yearly": False,
            }
        )
    return items


def _first_birthday(c: Contact, today: date) -> date:
    """The first occurrence for the yearly event: the birth date when known, else this year's."""
    assert c.birthday_month and c.birthday_day
    year = c.birthday_year or today.year
    while True:
        try:
            return date(year, c.birthday_month, c.birthday_day)
        except ValueError:  # 29 February of a non-leap year: start at the next leap year
            year += 1


def export_ics(session: Session, *, today: date, circle: str | None = None) -> str:
    """The iCalendar feed: one all-day VEVENT per item, stable UIDs, yearly birthdays."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//netwerk//netwerk personal CRM//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "netwerk")
    # DTSTAMP is the feed's generation time; fixed at the start of `today`, so that exporting
    # twice on a day gives the same bytes (cron jobs and tests can compare).
    stamp = datetime.combine(today, time(0, 0))
    for item in calendar_items(session, today=today, circle=circle):
        event = Event()
        event.add("uid", item["uid"])
        event.add("dtstamp", stamp)
        event.add("dtstart", item["date"])
        event.add("dtend", item["date"] + timedelta(days=1))
        event.add("summary", item["summary"])
        event.add("transp", "TRANSPARENT")
        if item["description"]:
            event.add("description", item["description"])
        if item["yearly"]:
            event.add("rrule", {"freq": "yearly"})
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")
