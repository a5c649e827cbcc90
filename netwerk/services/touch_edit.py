"""Correcting a touch: `netwerk touch edit ID` and `netwerk touch delete ID`.

Last touch follows through `refresh_last_touch` of everyone the touch had or now has; due dates
are m004's generated columns and pending thanks its triggers on touch_contact, so they follow
by themselves. A touch's gives and asks go with it on delete (ON DELETE CASCADE); an offer that
one of its gives delivered is open again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, select

from netwerk.errors import BadDate, BadInput, NotFound
from netwerk.i18n import _
from netwerk.rules.dates import show_date
from netwerk.rules.kinds import INTERNAL_KINDS, parse_kind
from netwerk.services import exchanges
from netwerk.services.common import contacts_by_ids, json_ids, ref
from netwerk.services.touches import check_note, earlier_than_met, refresh_last_touch, resolve_many
from netwerk.store.models import Contact, Exchange, Touch, TouchContact


@dataclass
class TouchChanges:
    """What `touch edit` changes; None (or empty) leaves a part as it is."""

    when: date | None = None
    kind: str | None = None
    note: str | None = None
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)
    gave: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    drop: list[int] = field(default_factory=list)


def get_touch(session: Session, touch_id: int) -> Touch:
    touch = session.get(Touch, touch_id)
    if touch is None:
        raise NotFound(
            _("No touch #{id}. 'netwerk show NAME' lists touches with their ids.").format(
                id=touch_id
            )
        )
    return touch


def participants(session: Session, touch_id: int) -> list[Contact]:
    ids = session.exec(select(TouchContact.contact_id).where(TouchContact.touch_id == touch_id))
    people = contacts_by_ids(session, list(ids))
    return [people[i] for i in sorted(people)]


def edit_touch(
    session: Session, touch_id: int, changes: TouchChanges, *, today: date
) -> dict[str, Any]:
    """Change a touch's date, kind, note, people, gives and asks; describe it afterwards."""
    touch = get_touch(session, touch_id)
    before = {p.id for p in participants(session, touch_id)}
    if changes.kind is not None:
        if touch.kind in INTERNAL_KINDS:
            raise BadInput(
                _("Touch #{id} is a '{kind}' touch; its kind cannot be changed.").format(
                    id=touch_id, kind=touch.kind
                )
            )
        touch.kind = parse_kind(changes.kind)
    if changes.when is not None:
        if changes.when > today:
            raise BadDate(
                _("{when} is in the future; log what has happened.").format(
                    when=show_date(changes.when)
                )
            )
        touch.happened_on = changes.when
    if changes.note is not None:
        touch.note = check_note(changes.note)
    added = resolve_many(session, changes.with_) if changes.with_ else []
    removed = resolve_many(session, changes.without) if changes.without else []
    for person in removed:
        if person.id not in before:
            raise BadInput(
                _("{name} was not in touch #{id}.").format(name=person.name, id=touch_id)
            )
    after = (before | {p.id for p in added}) - {p.id for p in removed}
    if not after:
        raise BadInput(
            _("A touch needs someone: delete it with 'netwerk touch delete {id}'.").format(
                id=touch_id
            )
        )
    if touch.kind == "met" and after != before:
        raise BadInput(_("The touch of meeting someone belongs to them alone."))
    session.add(touch)
    for person in removed:
        row = session.get(TouchContact, (touch_id, person.id))
        session.delete(row)
    for person in added:
        if person.id not in before:
            session.add(TouchContact(touch_id=touch_id, contact_id=person.id))
    session.flush()
    _drop_exchanges(session, touch_id, changes.drop)
    exchanges.record(session, touch, "give", changes.gave)
    exchanges.record(session, touch, "ask", changes.asked)
    people = contacts_by_ids(session, sorted(after))
    if touch.kind == "met" and changes.when is not None:
        for person in people.values():  # the met date is this touch's date
            person.met_on = touch.happened_on
            session.add(person)
    session.flush()
    new = [i for i in after if i not in before]
    if new:  # a touch serves any schedule `spread` made, as in `log`
        session.connection().execute(
            text(
                "UPDATE contact SET first_due_on = NULL "
                "WHERE id IN (SELECT value FROM json_each(:ids))"
            ),
            {"ids": json_ids(new)},
        )
    refresh_last_touch(session, sorted(before | after))
    notes = earlier_than_met(session, touch) if touch.kind != "met" else []
    return {**describe_touch(session, touch), "hints": notes}


def _drop_exchanges(session: Session, touch_id: int, ids: list[int]) -> None:
    for exchange_id in ids:
        row = session.get(Exchange, exchange_id)
        if row is None or row.touch_id != touch_id:
            raise BadInput(
                _("Touch #{touch} has no give or ask #{id}.").format(touch=touch_id, id=exchange_id)
            )
        _reopen_offers(session, [exchange_id])
        session.delete(row)
    session.flush()


def _reopen_offers(session: Session, exchange_ids: list[int]) -> None:
    """An offer a removed give delivered is open again ('bring: …' comes back)."""
    session.connection().execute(
        text(
            "UPDATE offer SET given_on = NULL, exchange_id = NULL "
            "WHERE exchange_id IN (SELECT value FROM json_each(:ids))"
        ),
        {"ids": json_ids(exchange_ids)},
    )


def describe_touch(session: Session, touch: Touch) -> dict[str, Any]:
    people = participants(session, touch.id)  # type: ignore[arg-type]
    rows = session.exec(
        select(Exchange).where(Exchange.touch_id == touch.id).order_by(Exchange.id)  # type: ignore[arg-type]
    ).all()
    return {
        "id": touch.id,
        "date": touch.happened_on,
        "kind": touch.kind,
        "note": touch.note,
        "with": [ref(p) for p in people],
        "gave": [{"id": e.id, "what": e.what} for e in rows if e.kind == "give"],
        "asked": [{"id": e.id, "what": e.what} for e in rows if e.kind == "ask"],
    }


def touch_label(session: Session, touch_id: int) -> str:
    """'#7, coffee with Piet Jansen on 2026-11-21' for the question before deleting."""
    touch = get_touch(session, touch_id)
    names = ", ".join(p.name for p in participants(session, touch_id))
    return _("#{id}, {kind} with {names} on {day}").format(
        id=touch_id, kind=touch.kind, names=names, day=touch.happened_on.isoformat()
    )


def delete_touch(session: Session, touch_id: int) -> dict[str, Any]:
    """Delete a touch with its gives and asks; last touch (and so due) follows."""
    touch = get_touch(session, touch_id)
    if touch.kind == "met":
        raise BadInput(
            _(
                "Touch #{id} records when you met; change it with 'netwerk edit NAME --met WHEN'."
            ).format(id=touch_id)
        )
    described = describe_touch(session, touch)
    ids = [p["id"] for p in described["with"]]
    gives = [g["id"] for g in described["gave"]]
    if gives:
        _reopen_offers(session, gives)
    # participants first, so the thanks triggers on touch_contact run for each
    session.connection().execute(
        text("DELETE FROM touch_contact WHERE touch_id = :t"), {"t": touch_id}
    )
    session.delete(touch)
    session.flush()
    refresh_last_touch(session, ids)
    return described
