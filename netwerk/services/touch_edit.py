"""Correcting a touch: `netwerk touch edit ID` and `netwerk touch delete ID`.

Last touch follows through `refresh_last_touch` of everyone the touch had or now has, and an
introduction (with its follow-up) the date of its touch; due dates are m004's generated columns
and pending thanks its triggers on touch_contact, so they follow by themselves. A touch's gives
and asks go with it on delete (ON DELETE CASCADE); an offer that one of its gives delivered is
open again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from netwerk.errors import BadDate, BadInput, NotFound
from netwerk.i18n import _
from netwerk.rules.dates import show_date
from netwerk.rules.kinds import INTERNAL_KINDS, parse_kind
from netwerk.rules.text import digest
from netwerk.services import exchanges
from netwerk.services.common import ref
from netwerk.services.touches import check_note, earlier_than_met, refresh_last_touch, resolve_many
from netwerk.store.query import json_ids
from netwerk.store.store import day

if TYPE_CHECKING:
    from netwerk.store.store import Store


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


def get_touch(store: Store, touch_id: int) -> Any:
    touch = store.one(
        "SELECT id, happened_on, kind, note, source_key FROM touch WHERE id = ?", (touch_id,)
    )
    if touch is None:
        raise NotFound(
            _("No touch #{id}. 'netwerk show NAME' lists touches with their ids.").format(
                id=touch_id
            )
        )
    return touch


def participants(store: Store, touch_id: int) -> list[Any]:
    return store.rows(
        "SELECT c.id, c.name, c.company FROM touch_contact tc JOIN contact c "
        "ON c.id = tc.contact_id WHERE tc.touch_id = ? ORDER BY c.id",
        (touch_id,),
    )


def edit_touch(
    store: Store, touch_id: int, changes: TouchChanges, *, today: date
) -> dict[str, Any]:
    """Change a touch's date, kind, note, people, gives and asks; describe it afterwards."""
    touch = get_touch(store, touch_id)
    before = {p.id for p in participants(store, touch_id)}
    kind, on, note = touch.kind, day(touch.happened_on), touch.note
    if changes.kind is not None:
        if touch.kind in INTERNAL_KINDS:
            raise BadInput(
                _("Touch #{id} is a '{kind}' touch; its kind cannot be changed.").format(
                    id=touch_id, kind=touch.kind
                )
            )
        kind = parse_kind(changes.kind)
    if changes.when is not None:
        if changes.when > today:
            raise BadDate(
                _("{when} is in the future; log what has happened.").format(
                    when=show_date(changes.when)
                )
            )
        on = changes.when
    if changes.note is not None:
        note = check_note(changes.note)
    added = resolve_many(store, changes.with_) if changes.with_ else []
    removed = resolve_many(store, changes.without) if changes.without else []
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
    store.execute(
        "UPDATE touch SET kind = ?, happened_on = ?, note = ? WHERE id = ?",
        (kind, on.isoformat(), note, touch_id),  # type: ignore[union-attr]
    )
    for person in removed:
        store.execute(
            "DELETE FROM touch_contact WHERE touch_id = ? AND contact_id = ?", (touch_id, person.id)
        )
    new = [p.id for p in added if p.id not in before]
    store.executemany(
        "INSERT INTO touch_contact (touch_id, contact_id) VALUES (?, ?)",
        [(touch_id, i) for i in new],
    )
    _drop_exchanges(store, touch_id, changes.drop)
    exchanges.record(store, touch_id, "give", changes.gave)
    exchanges.record(store, touch_id, "ask", changes.asked)
    if touch.kind == "intro" and on != day(touch.happened_on):
        _move_intro(store, touch_id, day(touch.happened_on), on)  # type: ignore[arg-type]
    if touch.kind == "met" and changes.when is not None:  # the met date is this touch's date
        store.execute(
            "UPDATE contact SET met_on = :d WHERE id IN (SELECT value FROM json_each(:ids))",
            {"d": on.isoformat(), "ids": json_ids(sorted(after))},  # type: ignore[union-attr]
        )
    if new:  # a touch serves any schedule `spread` made, as in `log`
        store.execute(
            "UPDATE contact SET first_due_on = NULL "
            "WHERE id IN (SELECT value FROM json_each(:ids))",
            {"ids": json_ids(new)},
        )
    notes = earlier_than_met(store, touch_id, on) if touch.kind != "met" else []  # type: ignore[arg-type]
    refresh_last_touch(store, sorted(before | after))
    return {**describe_touch(store, touch_id), "hints": notes}


def _move_intro(store: Store, touch_id: int, old: date, new: date) -> None:
    """The introduction is on its touch's date; an open one's follow-up keeps its distance
    (a closed one was followed up already)."""
    shift = f"{(new - old).days:+d} days"
    store.execute(
        "UPDATE intro SET introduced_on = :on, follow_up_on = CASE WHEN closed_on IS NULL "
        "THEN date(follow_up_on, :shift) ELSE follow_up_on END WHERE touch_id = :t",
        {"on": new.isoformat(), "shift": shift, "t": touch_id},
    )


def _drop_exchanges(store: Store, touch_id: int, ids: list[int]) -> None:
    for exchange_id in ids:
        found = store.value("SELECT touch_id FROM exchange WHERE id = ?", (exchange_id,))
        if found != touch_id:
            raise BadInput(
                _("Touch #{touch} has no give or ask #{id}.").format(touch=touch_id, id=exchange_id)
            )
        _reopen_offers(store, [exchange_id])
        store.execute("DELETE FROM exchange WHERE id = ?", (exchange_id,))


def _reopen_offers(store: Store, exchange_ids: list[int]) -> None:
    """An offer a removed give delivered is open again ('bring: …' comes back)."""
    store.execute(
        "UPDATE offer SET given_on = NULL, exchange_id = NULL "
        "WHERE exchange_id IN (SELECT value FROM json_each(:ids))",
        {"ids": json_ids(exchange_ids)},
    )


def describe_touch(store: Store, touch_id: int) -> dict[str, Any]:
    touch = get_touch(store, touch_id)
    rows = store.rows(
        "SELECT id, kind, what FROM exchange WHERE touch_id = ? ORDER BY id", (touch_id,)
    )
    return {
        "id": touch.id,
        "date": day(touch.happened_on),
        "kind": touch.kind,
        "note": touch.note,
        "with": [ref(p) for p in participants(store, touch_id)],
        "gave": [{"id": e.id, "what": e.what} for e in rows if e.kind == "give"],
        "asked": [{"id": e.id, "what": e.what} for e in rows if e.kind == "ask"],
    }


def touch_label(store: Store, touch_id: int) -> str:
    """'#7, coffee with Piet Jansen on 2026-11-21' for the question before deleting."""
    touch = get_touch(store, touch_id)
    names = ", ".join(p.name for p in participants(store, touch_id))
    return _("#{id}, {kind} with {names} on {day}").format(
        id=touch_id, kind=touch.kind, names=names, day=str(touch.happened_on)
    )


def delete_touch(store: Store, touch_id: int, *, today: date) -> dict[str, Any]:
    """Delete a touch with its gives and asks; last touch (and so due) follows. A captured
    touch is remembered as deleted, so importing its export again leaves it out."""
    touch = get_touch(store, touch_id)
    if touch.kind == "met":
        raise BadInput(
            _(
                "Touch #{id} records when you met; change it with 'netwerk edit NAME --met WHEN'."
            ).format(id=touch_id)
        )
    described = describe_touch(store, touch_id)
    ids = [p["id"] for p in described["with"]]
    gives = [g["id"] for g in described["gave"]]
    if gives:
        _reopen_offers(store, gives)
    # participants first, so the thanks triggers on touch_contact run for each
    store.execute("DELETE FROM touch_contact WHERE touch_id = ?", (touch_id,))
    store.execute("DELETE FROM touch WHERE id = ?", (touch_id,))
    if touch.source_key is not None:
        store.execute(
            "INSERT OR IGNORE INTO capture_dropped (key_hash, dropped_on) VALUES (?, ?)",
            (digest(touch.source_key), today.isoformat()),
        )
    refresh_last_touch(store, ids)
    return described
