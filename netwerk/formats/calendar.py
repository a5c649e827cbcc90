"""Calendar exports (.ics from Google Calendar, Outlook, Apple Calendar) as encounters.

A past event becomes an encounter with its attendees and organiser (the user, rooms and
resources, and attendees who declined left out), on the event's local date: an event with a
TZID keeps its own date, all-day events their day, UTC times are read in the calendar's
X-WR-TIMEZONE (Google), else its one VTIMEZONE, else the computer's time zone. Recurring events
are expanded up to today (recurring-ical-events: RRULE, RDATE, EXDATE, moved occurrences).
Cancelled events (STATUS:CANCELLED, also a cancelled occurrence of a series) and events the
user declined (their ATTENDEE has PARTSTAT=DECLINED) are not encounters.

The kind comes from the title (`netwerk.rules.titles`); an event without other attendees
carries its title so the import can look for one contact's name in it. The title is the note
only when asked for (`--titles`).

icalendar and recurring-ical-events are imported inside `read_calendar`, the only path that
needs them (about 0.1 s).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from netwerk.formats._common import FileProblem, read_text
from netwerk.formats.encounter import CaptureFile, Encounter, Participant
from netwerk.i18n import _, ngettext
from netwerk.rules.titles import title_kind

# a daily series since 1970 is under 21,000 days; a SECONDLY rule is an attack, not a calendar
MAX_PER_SERIES = 25_000
MAX_NOTE = 200


def read_calendar(
    path: Path, *, today: date, since: date | None = None, titles: bool = False
) -> tuple[CaptureFile, set[str]]:
    """The encounters in the .ics file at `path` up to `today`, with everyone in them (the
    user too: `leave_out_me` takes them out once it is known who they are), and the addresses
    recognised as the user's (X-WR-CALNAME, Google's name for a primary calendar, when it is
    one). Parsing is the expensive part, so it happens once, before the user is known."""
    import icalendar
    import recurring_ical_events

    try:
        text, _codec = read_text(path)
    except FileProblem as e:
        raise CalendarProblem(f"{path}: {e}.") from None
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except (ValueError, KeyError, IndexError, TypeError) as e:
        raise CalendarProblem(
            _("{path} is not an iCalendar (.ics) file: {reason}.").format(path=path, reason=e)
        ) from None
    # several VCALENDARs in one file: take them all
    calendars = calendar if isinstance(calendar, list) else [calendar]
    if not any(cal.walk("VEVENT") for cal in calendars):
        raise CalendarProblem(_("{path} holds no calendar events.").format(path=path))
    result = CaptureFile()
    recognised: set[str] = set()
    for cal in calendars:
        name = _address(str(cal.get("X-WR-CALNAME", "")))
        if name:
            recognised.add(name)
        zone = _zone_of(cal)
        result.problems += _drop_rapid_series(cal, path)
        try:
            query = recurring_ical_events.of(cal, skip_bad_series=True)
        except Exception as e:  # the library's own errors have no common base
            raise CalendarProblem(
                _("{path} is not an iCalendar (.ics) file: {reason}.").format(path=path, reason=e)
            ) from None
        start = datetime.combine(since or date(1970, 1, 1), datetime.min.time())
        stop = datetime.combine(today + timedelta(days=1), datetime.min.time())
        for series in query.series:
            count = 0
            try:
                for occurrence in series.between(start, stop):
                    count += 1
                    if count > MAX_PER_SERIES:
                        result.problems.append(_too_many(path))
                        break
                    found = _encounter(occurrence, zone, today, titles)
                    if found:
                        result.encounters.append(found)
            except (ValueError, TypeError, OverflowError) as e:
                result.problems.append(
                    _("{path}: an event was left out ({reason}).").format(path=path, reason=e)
                )
    result.encounters.sort(key=lambda e: (e.on, e.key))
    return result, recognised


# no meeting with a person repeats by the hour; expanding such a rule is only an attack
_RAPID = ("SECONDLY", "MINUTELY", "HOURLY")


def _rapid(rule: Any) -> bool:
    """Every second, minute or hour, or many times an hour (BYMINUTE/BYSECOND lists)."""
    if any(str(f).upper() in _RAPID for f in _list(rule.get("FREQ"))):
        return True
    return len(_list(rule.get("BYMINUTE"))) > 1 or len(_list(rule.get("BYSECOND"))) > 1


def _drop_rapid_series(cal: Any, path: Path) -> list[str]:
    """Leave out events whose RRULE repeats every second, minute or hour, before expanding."""
    dropped = []
    for component in list(cal.subcomponents):
        if component.name != "VEVENT":
            continue
        rules = _list(component.get("RRULE"))
        if any(_rapid(rule) for rule in rules):
            cal.subcomponents.remove(component)
            dropped.append(component)
    if not dropped:
        return []
    return [
        ngettext(
            "{path}: {n} event repeating by the second, minute or hour was left out.",
            "{path}: {n} events repeating by the second, minute or hour were left out.",
            len(dropped),
        ).format(path=path, n=len(dropped))
    ]


class CalendarProblem(Exception):
    """The file cannot be read as a calendar; the message is one sentence."""


def _too_many(path: Path) -> str:
    return ngettext(
        "{path}: a recurring event repeats more than {n} time; the rest was left out.",
        "{path}: a recurring event repeats more than {n} times; the rest was left out.",
        MAX_PER_SERIES,
    ).format(path=path, n=MAX_PER_SERIES)


def _zone_of(cal: Any) -> tzinfo | None:
    """The zone UTC times are shown in: the calendar's one VTIMEZONE, else None (local)."""
    zones = cal.walk("VTIMEZONE")
    if len(zones) == 1:
        try:
            return zones[0].to_tz()  # type: ignore[no-any-return]
        except Exception:  # a broken VTIMEZONE: fall back to the computer's zone
            return None
    return None


def _address(value: str) -> str | None:
    text = value.strip()
    if text.casefold().startswith("mailto:"):
        text = text[7:]
    text = text.strip().casefold()
    if "@" in text and " " not in text and "." in text.rsplit("@", 1)[-1]:
        return text
    return None


def _local_date(value: Any, zone: tzinfo | None) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.date()  # floating time: the same wall-clock date everywhere
        if _is_utc(value):
            return value.astimezone(zone).date() if zone else value.astimezone().date()
        return value.date()  # its own zone's date (TZID)
    return value  # type: ignore[no-any-return]


def _is_utc(value: datetime) -> bool:
    zone = value.tzinfo
    return zone is UTC or str(getattr(zone, "key", zone)) in ("UTC", "Etc/UTC", "Z")


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def leave_out_me(found: CaptureFile, me: set[str]) -> CaptureFile:
    """The encounters without the user's own addresses, and without the events they declined;
    an event left with nobody keeps its title, to look for a contact's name in."""
    kept = []
    for encounter in found.encounters:
        if encounter.declined & me:
            continue
        people = tuple(p for p in encounter.people if p.email not in me)
        title = encounter.title if not people else None
        kept.append(replace(encounter, people=people, title=title, declined=frozenset()))
    return replace(found, encounters=kept)


def _encounter(occurrence: Any, zone: tzinfo | None, today: date, titles: bool) -> Encounter | None:
    event = occurrence.as_component(False)
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return None
    on = _local_date(occurrence.start, zone)
    if on > today:
        return None
    people = []
    declined: set[str] = set()
    for attendee in _list(event.get("ATTENDEE")):
        address = _address(str(attendee))
        params = getattr(attendee, "params", {})
        if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            if address:
                declined.add(address)
            continue
        if str(params.get("CUTYPE", "")).upper() in ("ROOM", "RESOURCE"):
            continue
        name = _cn(params)
        if address or name:
            people.append(Participant(name=name, email=address))
    organizer = event.get("ORGANIZER")
    if organizer is not None:
        address = _address(str(organizer))
        name = _cn(getattr(organizer, "params", {}))
        if (address or name) and not any(p.email and p.email == address for p in people):
            people.append(Participant(name=name, email=address))
    title = " ".join(str(event.get("SUMMARY", "")).split())
    uid = str(event.get("UID", "")) or f"{title}@{on.isoformat()}"
    moved = event.get("RECURRENCE-ID")
    when = moved.dt if moved is not None else occurrence.start
    key = f"ics:{uid}:{_stamp(when)}"
    note = title[:MAX_NOTE] if titles and title else None
    return Encounter(
        key=key,
        on=on,
        kind=title_kind(title),
        people=tuple(people),
        note=note,
        title=title,
        declined=frozenset(declined),
    )


def _cn(params: Any) -> str | None:
    name = " ".join(str(params.get("CN", "")).strip().strip('"').split())
    return name if name and "@" not in name else None


def _stamp(value: Any) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d")  # type: ignore[no-any-return]
