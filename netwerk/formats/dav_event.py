"""Touches and reminders as iCalendar events on the server, and back: pure, no I/O.

A touch is one all-day VEVENT on its date, in its own resource with a stable UID:

    UID:touch-<uuid>@netwerk
    X-NETWERK-TYPE:touch
    X-NETWERK-KIND:coffee
    X-NETWERK-PARTICIPANT;CN=Piet Jansen:<the participant's card UID>   (one per person)
    X-NETWERK-EVENT:BNI Utrecht          where it happened, if at an event
    X-NETWERK-GAVE:artikel over havens   one per give; X-NETWERK-ASKED: one per ask
    DESCRIPTION:the note

Participants are not ATTENDEEs on purpose: a server would e-mail invitations to them.
A reminder of what is coming (X-NETWERK-TYPE: due, birthday or follow-up) is an all-day
event too: the due coffee (on today when overdue), a birthday every year (RRULE, with an
alarm the morning before when asked for), the follow-up of an introduction.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

TOUCH = "touch"
REMINDERS = ("due", "birthday", "follow-up")


def _esc(text: str) -> str:
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _param(text: str) -> str:
    return '"' + text.replace('"', "'").replace("\n", " ").replace("\r", " ") + '"'


def _day(value: str) -> str:
    return value.replace("-", "")


def _wrap(uid: str, lines: list[str]) -> str:
    from netwerk.formats.vcard import _fold

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    body = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//netwerk//sync//EN",
        "BEGIN:VEVENT",
        f"UID:{_esc(uid)}",
        f"DTSTAMP:{stamp}",
        *lines,
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(f"{physical}\r\n" for line in body for physical in _fold(line))


def _dates(day: str) -> list[str]:
    following = (date.fromisoformat(day) + timedelta(days=1)).isoformat()
    return [f"DTSTART;VALUE=DATE:{_day(day)}", f"DTEND;VALUE=DATE:{_day(following)}"]


def touch_to_ics(state: dict[str, Any], uid: str) -> str:
    names = ", ".join(p["name"] for p in state["participants"])
    summary = "{kind}: {names}".format(kind=state["kind"], names=names)
    lines = [
        *_dates(state["date"]),
        f"SUMMARY:{_esc(summary)}",
        "TRANSP:TRANSPARENT",
        f"X-NETWERK-TYPE:{TOUCH}",
        f"X-NETWERK-KIND:{_esc(state['kind'])}",
    ]
    lines += [
        f"X-NETWERK-PARTICIPANT;CN={_param(p['name'])}:{_esc(p['uid'])}"
        for p in state["participants"]
    ]
    if state["event"]:
        lines.append(f"X-NETWERK-EVENT:{_esc(state['event'])}")
    lines += [f"X-NETWERK-GAVE:{_esc(g)}" for g in state["gave"]]
    lines += [f"X-NETWERK-ASKED:{_esc(a)}" for a in state["asked"]]
    if state["note"]:
        lines.append(f"DESCRIPTION:{_esc(state['note'])}")
    return _wrap(uid, lines)


def reminder_to_ics(state: dict[str, Any], uid: str, *, alarm: bool) -> str:
    lines = [
        *_dates(state["date"]),
        f"SUMMARY:{_esc(state['summary'])}",
        "TRANSP:TRANSPARENT",
        f"X-NETWERK-TYPE:{state['type']}",
    ]
    if state["description"]:
        lines.append(f"DESCRIPTION:{_esc(state['description'])}")
    if state.get("intro"):
        lines.append(f"X-NETWERK-INTRO:{_esc(state['intro'])}")
    if state["yearly"]:
        lines.append("RRULE:FREQ=YEARLY")
        if alarm:
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{_esc(state['summary'])}",
                "TRIGGER:-PT15H",
                "END:VALARM",
            ]
    return _wrap(uid, lines)


def _texts(event: Any, name: str) -> list[Any]:
    value = event.get(name)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def from_ics(text: str) -> tuple[str | None, str | None, dict[str, Any]]:
    """(UID, type, state) of one calendar resource; type None for an event that is not
    netwerk's (someone's own appointment in the same calendar). ValueError when unreadable."""
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(text)
    except Exception as e:  # icalendar raises ValueError and friends on broken input
        raise ValueError(f"unreadable calendar data ({type(e).__name__})") from None
    events = [c for c in calendar.walk("VEVENT")]
    if not events:
        raise ValueError("no VEVENT")
    event = events[0]
    uid = str(event.get("UID", "")) or None
    kind = str(event.get("X-NETWERK-TYPE", "")).strip().lower() or None
    start = event.get("DTSTART")
    if start is None:
        raise ValueError("the event has no date")
    day = start.dt.date() if isinstance(start.dt, datetime) else start.dt
    if kind == TOUCH:
        participants = [
            {"uid": str(p).strip(), "name": str(p.params.get("CN", "")).strip()}
            for p in _texts(event, "X-NETWERK-PARTICIPANT")
        ]
        state = {
            "date": day.isoformat(),
            "kind": str(event.get("X-NETWERK-KIND", "other")).strip().lower() or "other",
            "note": str(event.get("DESCRIPTION", "")) or None,
            "event": str(event.get("X-NETWERK-EVENT", "")) or None,
            "participants": sorted(participants, key=lambda p: p["uid"]),
            "gave": [str(g) for g in _texts(event, "X-NETWERK-GAVE")],
            "asked": [str(a) for a in _texts(event, "X-NETWERK-ASKED")],
        }
        return uid, kind, state
    if kind in REMINDERS:
        state = {
            "type": kind,
            "date": day.isoformat(),
            "summary": str(event.get("SUMMARY", "")),
            "description": str(event.get("DESCRIPTION", "")) or None,
            "yearly": event.get("RRULE") is not None,
        }
        if event.get("X-NETWERK-INTRO"):
            state["intro"] = str(event.get("X-NETWERK-INTRO"))
        return uid, kind, state
    return uid, None, {}
