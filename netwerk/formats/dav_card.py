"""A contact as a vCard on the server, and back: pure, no database, no I/O.

The standard properties (what phones show) are written and read by `netwerk.formats.vcard`,
the same code `export` and `import` use; circles are CATEGORIES. What phones have no field for
travels as X-NETWERK-* properties, which phones and servers keep untouched:

    X-NETWERK-CADENCE:14            own cadence in days (absent: the circles' default)
    X-NETWERK-EXPERTISE:logistiek
    X-NETWERK-MET:2026-01-15        when you met
    X-NETWERK-MET-AT:BNI Utrecht    the event where you met
    X-NETWERK-VIA:<uid>             the introducer, by their card's UID
    X-NETWERK-SNOOZE:2026-12-01
    X-NETWERK-ARCHIVED:TRUE
    X-NETWERK-LAST-TOUCH:2026-11-01
    X-NETWERK-CIRCLE-CADENCE:14 BNI  the default cadence of one of the contact's circles
    X-NETWERK-OFFER:the BNI book    an open offer (something to bring next time), one each

A contact's "state" is a plain dict of those fields (JSON-serialisable: it is what
`sync_card.base` stores); `merge` compares states.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from netwerk.formats.record import ContactRecord
from netwerk.rules.merge import LATEST, LISTS, SCALARS

_X = {
    "cadence": "X-NETWERK-CADENCE",
    "expertise": "X-NETWERK-EXPERTISE",
    "met_on": "X-NETWERK-MET",
    "met_at": "X-NETWERK-MET-AT",
    "via": "X-NETWERK-VIA",
    "snoozed_until": "X-NETWERK-SNOOZE",
    "archived": "X-NETWERK-ARCHIVED",
    "last_touch": "X-NETWERK-LAST-TOUCH",
}
_FROM_X = {v: k for k, v in _X.items()}
_DATES = ("met_on", "snoozed_until", "last_touch")


def empty_state() -> dict[str, Any]:
    state: dict[str, Any] = {k: [] for k in LISTS}
    state.update({k: None for k in (*SCALARS, *LATEST)})
    state["archived"] = False
    return state


def birthday_text(year: int | None, month: int | None, day: int | None) -> str | None:
    if not month or not day:
        return None
    return f"--{month:02d}-{day:02d}" if year is None else f"{year:04d}-{month:02d}-{day:02d}"


def birthday_parts(text: str | None) -> tuple[int | None, int, int] | None:
    if not text:
        return None
    if text.startswith("--"):
        return None, int(text[2:4]), int(text[5:7])
    return int(text[0:4]), int(text[5:7]), int(text[8:10])


def to_vcard(state: dict[str, Any], uid: str) -> str:
    """The card we PUT: vCard 3.0 from the shared writer, plus the X-NETWERK-* lines."""
    from netwerk.formats.vcard import _escape, _fold, write_vcards

    record = ContactRecord(
        name=state["name"],
        aliases=list(state["aliases"]),
        emails=list(state["emails"]),
        phones=list(state["phones"]),
        urls=list(state["urls"]),
        socials=list(state["socials"]),
        company=state["company"],
        role=state["role"],
        city=state["city"],
        note=state["note"],
        circles=list(state["circles"]),
        birthday=birthday_parts(state["birthday"]),
        uid=uid,
    )
    text = write_vcards([record])
    extra = []
    for entry in state.get("circle_cadences", []):
        extra += _fold(f"X-NETWERK-CIRCLE-CADENCE:{_escape(entry)}")
    for offer in state.get("offers", []):
        extra += _fold(f"X-NETWERK-OFFER:{_escape(offer)}")
    for key, prop in _X.items():
        value = state.get(key)
        if value in (None, False, ""):
            continue
        if value is True:
            value = "TRUE"
        extra += _fold(f"{prop}:{_escape(str(value))}")
    end = text.rindex("END:VCARD")
    return text[:end] + "".join(f"{line}\r\n" for line in extra) + text[end:]


_CONTINUATION = re.compile(r"\r?\n[ \t]")


def from_vcard(text: str) -> tuple[str | None, dict[str, Any]]:
    """(UID, state) of one card from the server; ValueError when it is not a usable card."""
    from netwerk.formats.vcard import _LINE, _unescape, parse_vcard_text

    result = parse_vcard_text(text, source="server")
    if not result.records:
        reason = result.problems[0].message if result.problems else "no vCard"
        raise ValueError(reason)
    record = result.records[0]
    state = empty_state()
    state.update(
        name=record.name,
        aliases=[a for a in record.aliases if a != record.name],
        emails=record.emails,
        phones=record.phones,
        urls=record.urls,
        socials=record.socials,
        company=record.company,
        role=record.role,
        city=record.city,
        note=record.note,
        circles=record.circles,
        birthday=birthday_text(*record.birthday) if record.birthday else None,
    )
    for line in _CONTINUATION.sub("", text).splitlines():
        if "X-NETWERK-" not in line[:40].upper():
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            continue
        if match["name"].upper() == "X-NETWERK-CIRCLE-CADENCE":
            entry = _unescape(match["value"]).strip()
            days, _, circle = entry.partition(" ")
            if days.isdigit() and 0 < int(days) < 100_000 and circle.strip():
                state["circle_cadences"].append(f"{int(days)} {circle.strip()}")
            continue
        if match["name"].upper() == "X-NETWERK-OFFER":
            offer = _unescape(match["value"]).strip()
            if offer:
                state["offers"].append(offer)
            continue
        key = _FROM_X.get(match["name"].upper())
        if key is None:
            continue
        state[key] = _value(key, _unescape(match["value"]).strip())
    return record.uid, state


def _value(key: str, text: str) -> Any:
    """An X-NETWERK value as the state holds it; one we cannot read is left out (None)."""
    if not text:
        return None
    if key == "archived":
        return text.upper() in ("TRUE", "1", "YES")
    if key == "cadence":
        return int(text) if text.isdigit() and 0 < int(text) < 100_000 else None
    if key in _DATES:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    return text
