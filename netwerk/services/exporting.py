"""Export: contacts as vCard 3.0, and what is coming as an iCalendar feed.

Both are generated from the store and returned as text; the CLI writes it to stdout or a file.
UIDs come from `contact.uid`, so every export of the same contact carries the same identity:
a phone re-importing the vCards updates, and a calendar re-reading the feed replaces events
instead of duplicating them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from netwerk.formats.record import ContactRecord
from netwerk.store.query import circle_filter, circles_of, json_ids
from netwerk.store.store import day

if TYPE_CHECKING:
    from netwerk.store.store import Store

ICS_DOMAIN = "netwerk.local"


_DATES = ("met_on", "snoozed_until", "last_touch_on", "first_due_on", "due_on", "created_on")


def _contacts(store: Store, circle: str | None) -> list[Any]:
    """Every contact (or a circle's) by name, with its dates as dates."""
    params: dict[str, Any] = {}
    where = circle_filter(store, circle, params)
    # sorted as `list` sorts: by the main part of the family name ('van der Berg' under B)
    rows = store.rows(
        f"SELECT * FROM contact c WHERE 1 {where} "
        "ORDER BY netwerk_sort_name(c.name), c.name_key, c.id",
        params,
    )
    contacts = []
    for row in rows:
        values = row._asdict()
        values.update({k: day(values[k]) for k in _DATES})
        contacts.append(SimpleNamespace(**values))
    return contacts


def contact_records(store: Store, *, circle: str | None = None) -> list[ContactRecord]:
    """Every contact (or a circle's) as a ContactRecord, by name."""
    contacts = _contacts(store, circle)
    ids = [c.id for c in contacts]
    circles = circles_of(store, ids)
    aliases: dict[int, list[str]] = {i: [] for i in ids}
    for contact_id, name in store.rows(
        "SELECT contact_id, name FROM alias WHERE contact_id IN "
        "(SELECT value FROM json_each(:ids)) ORDER BY id",
        {"ids": json_ids(ids)},
    ):
        aliases[contact_id].append(name)
    details: dict[int, dict[str, list[str]]] = {i: {} for i in ids}
    for contact_id, kind, value in store.rows(
        "SELECT contact_id, kind, value FROM detail WHERE contact_id IN "
        "(SELECT value FROM json_each(:ids)) ORDER BY id",
        {"ids": json_ids(ids)},
    ):
        details[contact_id].setdefault(kind, []).append(value)
    # the introducer and the event met at, by id (an introducer may be outside `circle`)
    refs = {
        r[0]: tuple(r[1:])
        for r in store.rows(
            "SELECT c.id, e.name, v.name, v.uid FROM contact c "
            "LEFT JOIN event e ON e.id = c.met_event_id LEFT JOIN contact v ON v.id = c.via_id "
            "WHERE c.met_event_id IS NOT NULL OR c.via_id IS NOT NULL"
        )
    }
    records = []
    for c in contacts:
        mine = details[c.id]
        met_at, via_name, via_uid = refs.get(c.id, (None, None, None))
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
                expertise=c.expertise,
                cadence_days=c.cadence_days,
                met_at=met_at,
                via_name=via_name,
                via_uid=via_uid,
            )
        )
    return records


def export_vcard(store: Store, *, circle: str | None = None) -> str:
    """All contacts as one vCard 3.0 file."""
    from netwerk.formats import write_vcards

    return write_vcards(contact_records(store, circle=circle))


def calendar_items(store: Store, *, today: date, circle: str | None = None) -> list[dict[str, Any]]:
    """What the feed holds: a due date per contact (overdue ones on today), birthdays, and the
    follow-ups of open introductions.

    Each item: {"uid", "kind": "due"|"birthday"|"follow_up", "date", "summary", "description",
    "yearly"}.
    Archived contacts are left out; a snoozed contact is due when the snooze ends at the earliest.
    """
    contacts = [c for c in _contacts(store, circle) if not c.archived]
    items: list[dict[str, Any]] = []
    for c in contacts:
        when = c.due_on  # kept by the database (migration m004)
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
    items += _follow_ups(store, today=today, only={c.id for c in contacts} if circle else None)
    items.sort(key=lambda i: (i["date"], i["uid"]))
    return items


def _follow_ups(store: Store, *, today: date, only: set[int | None] | None) -> list[dict[str, Any]]:
    """Open introductions on their follow-up date (overdue ones on today); the intro's id
    keeps the UID stable, and a closed intro drops out of the next feed."""
    from netwerk.services.intros import list_intros

    items = []
    for intro in list_intros(store, open_only=True):
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


def _first_birthday(c: Any, today: date) -> date:
    """The first occurrence for the yearly event: the birth date when known, else this year's."""
    assert c.birthday_month and c.birthday_day
    year = c.birthday_year or today.year
    while True:
        try:
            return date(year, c.birthday_month, c.birthday_day)
        except ValueError:  # 29 February of a non-leap year: start at the next leap year
            year += 1


def export_ics(store: Store, *, today: date, circle: str | None = None) -> str:
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
    for item in calendar_items(store, today=today, circle=circle):
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
