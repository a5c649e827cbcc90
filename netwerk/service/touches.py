"""Touches: logging a moment of contact with one or more people."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from netwerk.errors import BadDate, BadInput
from netwerk.models import Contact, Touch, TouchContact
from netwerk.names import resolve
from netwerk.service.common import json_ids, ref

KINDS = ("coffee", "call", "message", "email", "meal", "event", "video", "other")
# 'met' is the touch `add` records; it is not offered to `log`.
ALL_KINDS = (*KINDS, "met")
MAX_NOTE = 10_000


def check_kind(kind: str) -> str:
    value = kind.strip().lower()
    if value not in KINDS:
        raise BadInput(f"Unknown kind '{kind}'. Choose one of: {', '.join(KINDS)}.")
    return value


def resolve_many(session: Session, names: list[str]) -> list[Contact]:
    """Each name resolved; the same person named twice counts once."""
    people: dict[int, Contact] = {}
    for name in names:
        contact = resolve(session, name)
        assert contact.id is not None
        people.setdefault(contact.id, contact)
    if not people:
        raise BadInput("Name at least one contact.")
    return list(people.values())


def add_touch(
    session: Session,
    people: list[Contact],
    *,
    when: date,
    kind: str,
    note: str | None,
    today: date,
) -> Touch:
    """Record one touch with `people` and move their last-touch date."""
    if when > today:
        raise BadDate(f"{when.isoformat()} is in the future; log what has happened.")
    if note is not None:
        note = note if note.strip() else None  # kept exactly as typed; blank means none
        if note and len(note) > MAX_NOTE:
            raise BadInput(f"The note is longer than {MAX_NOTE} characters.")
        if note and "\x00" in note:
            raise BadInput("The note contains a NUL character.")
    touch = Touch(happened_on=when, kind=kind, note=note, created_at=datetime.now(UTC))
    session.add(touch)
    session.flush()
    for person in people:
        session.add(TouchContact(touch_id=touch.id, contact_id=person.id))
    session.flush()
    refresh_last_touch(session, [p.id for p in people if p.id is not None])
    return touch


def log_touch(
    session: Session,
    names: list[str],
    *,
    when: date,
    kind: str,
    note: str | None,
    today: date,
) -> dict[str, Any]:
    """`netwerk log`: one touch with one or more people (a lunch with three is one entry)."""
    people = resolve_many(session, names)
    touch = add_touch(session, people, when=when, kind=check_kind(kind), note=note, today=today)
    return {
        "id": touch.id,
        "date": touch.happened_on,
        "kind": touch.kind,
        "note": touch.note,
        "with": [ref(p) for p in people],
    }


def refresh_last_touch(session: Session, contact_ids: list[int]) -> None:
    """Recompute the cached last-touch date of these contacts from their touches."""
    if not contact_ids:
        return
    session.connection().execute(
        text(
            "UPDATE contact SET last_touch_on = (SELECT max(t.happened_on) FROM touch_contact tc "
            "JOIN touch t ON t.id = tc.touch_id WHERE tc.contact_id = contact.id) "
            "WHERE id IN (SELECT value FROM json_each(:ids))"
        ),
        {"ids": json_ids(contact_ids)},
    )
    session.expire_all()
